"""A 12-month results report built on the same year's 6-month report (``previous_round:``).

The 6-month file is read through the document registry (same document type) and checked: a results
report, of round 6, of the same organisation and fiscal year (else a bilingual error naming both files).
Its entries are carried forward: a measure this file does not mention keeps its 6-month record; one it
mentions (same ``measure`` id, else same name) gets this round's status and new work on top of the
carried actions and activities. Merging filled data again gives the same data (idempotent), so the
notebook, which re-validates what the CLI validated, sees the same results. ``round_changes`` says what
changed between the rounds for the report's section on it.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ...kit import thai
from ...kit.errors import InputError, InputErrors
from ...kit.figures import Figures
from ...params import read_params
from .. import registry
from .link import Problem, norm
from .model import KEY, STATUSES, IntegrityReportParams, Result

IDENTITY = ("name", "kind", "tool", "indicators", "responsible", "start", "end")  # a measure's own fields
FILLED = ("summary", "outputs", "outcomes", "remarks", "budget_used", "evidence_url")  # this round's, else carried
_ORDER = {s: k for k, s in enumerate(reversed(STATUSES))}  # not_started < in_progress < done


def previous_path(params: IntegrityReportParams, source: str | None) -> Path | None:
    """The 6-month file, relative to this params file (or the working folder without one)."""
    if not params.previous_round:
        return None
    path = Path(params.previous_round).expanduser()
    if path.is_absolute():
        return path
    base = Path(source).parent if source and not str(source).startswith("<") else Path(".")
    return base / path


@lru_cache(maxsize=16)
def _read(path: str, mtime_ns: int, size: int) -> IntegrityReportParams:
    raw, _ = read_params(path)
    kind = raw.get("document") if isinstance(raw, dict) else None
    if kind != KEY:
        raise InputErrors([InputError(path, "document", "ต้องเป็นไฟล์ข้อมูลของรายงานผลการดำเนินการ "
                                      "(document: integrity_report)",
                                      "must be the params of a results report (document: integrity_report)",
                                      kind)], path)
    return registry.load_params(path)


def load_previous(path: Path) -> IntegrityReportParams:
    stat = path.stat()
    return _read(str(path), stat.st_mtime_ns, stat.st_size)


def key_of(r: Result) -> str:
    """How a measure is matched between rounds: its analysis id, else its name."""
    return f"id:{r.measure.casefold()}" if r.measure else f"name:{norm(r.name)}"


def _empty(value: Any) -> bool:
    return value is None or value == []


def _merge(old: Result, new: Result, i: int, here: str, prev: str, out: list[Problem]) -> Result:
    """This round's entry on top of the 6-month one: identity carried, actions and activities accumulated."""
    update: dict[str, Any] = {}
    for name in IDENTITY:
        carried, given = getattr(old, name), getattr(new, name)
        if _empty(carried):
            continue
        if _empty(given):
            update[name] = carried
        elif (norm(given) != norm(carried)) if name in ("name", "responsible") else (given != carried):
            shown = ", ".join(map(str, carried)) if isinstance(carried, list) else carried
            out.append((("results", i, "indicator" if name == "indicators" else name),
                        f"ค่านี้ต่างจากรายงานรอบ ๖ เดือน {prev} (\"{shown}\") ที่ {here} นำมาต่อ ให้ลบออกหรือแก้ให้ตรงกัน",
                        f"this differs from the 6-month report {prev} (\"{shown}\") that {here} carries forward; "
                        "leave it out or make them agree", str(given)))
    update["actions"] = old.actions + [a for a in new.actions if a not in old.actions]
    seen = {(a.date, a.text) for a in old.activities}
    update["activities"] = old.activities + [a for a in new.activities if (a.date, a.text) not in seen]
    for name in FILLED:
        if _empty(getattr(new, name)) and not _empty(getattr(old, name)):
            update[name] = getattr(old, name)
    return new.model_copy(update=update)


def _problem(path: Path, here: str, th: str, en: str, got: Any) -> Problem:
    return (("previous_round",), f"รายงานรอบ ๖ เดือน {path} ที่ {here} อ้างถึง{th}",
            f"the 6-month report {path} named by {here} {en}", got)


def carry(params: IntegrityReportParams, source: str | None, out: list[Problem]) -> None:
    """Read `previous_round`, check it, and carry its entries into this 12-month report's results."""
    path = previous_path(params, source)
    if path is None:
        return
    here = source or "<params>"
    if params.round != 12:
        out.append((("previous_round",), "previous_round ใช้ได้กับรายงานรอบ ๑๒ เดือนเท่านั้น (รายงานนี้เป็นรอบ ๖ เดือน)",
                    "previous_round belongs in a 12-month report only (this report is round 6)", params.previous_round))
        return
    if not path.is_file():
        if source is None or str(source).startswith("<") or not Path(source).is_file():
            return  # already-merged data re-checked without its file: the results stand as they are
        out.append(_problem(path, here, "ไม่พบไฟล์ (ระบุตำแหน่งเทียบกับไฟล์นี้)",
                            "was not found (give it relative to this file)", params.previous_round))
        return
    try:
        prev = load_previous(path)
    except (InputErrors, InputError) as exc:
        errors = list(exc) if isinstance(exc, InputErrors) else [exc]
        first = errors[0] if errors else None
        out.append(_problem(path, here, f"ไม่ถูกต้อง: {first.message_th() if first else ''}",
                            f"is invalid: {first.message_en() if first else ''}", params.previous_round))
        return
    wrong = []
    if prev.round != 6:
        wrong.append((f"เป็นรายงานรอบ {prev.round} เดือน ไม่ใช่รอบ ๖ เดือน", f"is a {prev.round}-month report, "
                      "not a 6-month one"))
    if norm(prev.organisation.name) != norm(params.organisation.name):
        wrong.append((f"เป็นของ{prev.organisation.name} แต่รายงานนี้เป็นของ{params.organisation.name}",
                      f"is for {prev.organisation.name}, but this report is for {params.organisation.name}"))
    if prev.fiscal_year != params.fiscal_year:
        wrong.append((f"เป็นของปีงบประมาณ {prev.fiscal_year} แต่รายงานนี้เป็นของปีงบประมาณ {params.fiscal_year}",
                      f"is for fiscal year {prev.fiscal_year}, but this report is for fiscal year {params.fiscal_year}"))
    for th, en in wrong:
        out.append(_problem(path, here, th, en, params.previous_round))
    if wrong:
        return
    if not params.analysis and prev.analysis:  # measures by id need the same analysis file
        linked = Path(prev.analysis) if Path(prev.analysis).is_absolute() else path.parent / prev.analysis
        base = Path(source).parent if source and not str(source).startswith("<") else Path(".")
        params.analysis = os.path.relpath(linked, base)
    given = {key_of(r): (i, r) for i, r in enumerate(params.results) if r.measure or r.name}
    merged: list[Result] = []
    for old in prev.results:
        i, new = given.pop(key_of(old), (None, None))
        merged.append(old.model_copy() if new is None else _merge(old, new, i, here, str(path), out))
    merged += [r for r in params.results if not (r.measure or r.name) or key_of(r) in given]  # new this round
    params.results = merged
    params._previous = prev


# -- what changed between the rounds --------------------------------------------------------------


@dataclass
class Change:
    """One measure across the two rounds."""

    result: Result
    before: str | None  # its 6-month status (None: new in this round)
    after: str
    new_activities: list = field(default_factory=list)
    new_actions: list[str] = field(default_factory=list)

    @property
    def kind(self) -> str:
        if self.before is None:
            return "new"
        if self.before == self.after:
            return "same" if not (self.new_activities or self.new_actions) else "more"
        return "forward" if _ORDER[self.after] > _ORDER[self.before] else "back"


@dataclass
class RoundChanges:
    previous: IntegrityReportParams
    changes: list[Change]

    def count(self, kind: str) -> int:
        return sum(1 for c in self.changes if c.kind == kind)

    def done(self, which: str) -> int:
        return sum(1 for c in self.changes if (c.before if which == "before" else c.after) == "done")


def round_changes(params: IntegrityReportParams) -> RoundChanges | None:
    """Each measure's status in the 6-month and this report, and the activities and actions added since."""
    prev = params._previous
    if prev is None:
        return None
    before = {key_of(r): r for r in prev.results}
    out = []
    for r in params.results:
        old = before.get(key_of(r))
        if old is None:
            out.append(Change(r, None, r.status, list(r.activities), list(r.actions)))
            continue
        acts = [a for a in r.activities if (a.date, a.text) not in {(b.date, b.text) for b in old.activities}]
        actions = [a for a in r.actions if a not in old.actions]
        out.append(Change(r, old.status, r.status, acts, actions))
    return RoundChanges(prev, out)


def changes_rows(params: IntegrityReportParams, ch: RoundChanges, rows: list) -> list[dict]:
    """The section's table: each measure in report order with its number, both statuses and what is new."""
    by_key = {key_of(c.result): c for c in ch.changes}
    td = params.style.thai_digits
    out = []
    for row in rows:
        c = by_key.get(key_of(row.result))
        if c is None:
            continue
        new = [f"{thai.date_text(a.date, td, short=True)} {a.text}" for a in sorted(c.new_activities,
                                                                                    key=lambda a: a.date)]
        out.append({"number": row.number, "name": row.result.name, "before": c.before, "after": c.after,
                    "kind": c.kind, "new": c.new_actions + new})
    return out


def changes_text(params: IntegrityReportParams, ch: RoundChanges) -> str:
    """One paragraph: done before and now, how many moved forward, how many are new, how many stood still."""
    f = Figures.of(params)
    six, twelve = f.count(6), f.count(12)
    text = (f"เมื่อเทียบกับรายงานรอบ {six} เดือน มาตรการที่ดำเนินการแล้วเสร็จมี {f.count(ch.done('after'))} มาตรการ "
            f"จากเดิม {f.count(ch.done('before'))} มาตรการ")
    parts = []
    if ch.count("forward"):
        parts.append(f"มาตรการที่มีสถานะคืบหน้าขึ้น {f.count(ch.count('forward'))} มาตรการ")
    if ch.count("more"):
        parts.append(f"มาตรการที่สถานะเดิมแต่มีการดำเนินการเพิ่มเติม {f.count(ch.count('more'))} มาตรการ")
    if ch.count("new"):
        parts.append(f"มาตรการที่เพิ่มขึ้นในรอบ {twelve} เดือน {f.count(ch.count('new'))} มาตรการ")
    if ch.count("same"):
        parts.append(f"มาตรการที่ไม่มีความเปลี่ยนแปลงจากรอบ {six} เดือน {f.count(ch.count('same'))} มาตรการ")
    if ch.count("back"):
        parts.append(f"มาตรการที่สถานะถอยหลังจากรอบ {six} เดือน {f.count(ch.count('back'))} มาตรการ")
    if parts:
        text += " โดยมี" + thai.join_th(parts)
    return text
