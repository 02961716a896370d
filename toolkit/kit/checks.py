"""Consistency checks on what params say in words: the errors hand-made documents publish.

Real documents name another organisation (seed 004 names four), carry years outside their period
(seed 003: a row ๖๗–๖๘ in a ๖๘–๖๙ plan; seed 000: an activity of January 2565 in FY 2566), keep
template filler ("ระบุจำนวนกลุ่มเป้าหมาย"), repeat or skip numbers ("ลำดับที่ ๒" twice) and print budgets
that do not add up. Every check here returns Findings naming the field and the offending text;
document types add their own checks through `DocumentType.lint` (see toolkit/documents/registry.py).
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any, Iterable, Iterator

from . import places, thai
from .data import knowledge_yaml
from .findings import Finding
from .periods import SHORT_DATE_YEAR


@lru_cache(maxsize=1)
def placeholder_patterns() -> list[tuple[re.Pattern, str, str]]:
    """Template filler that must never reach a published document (data: knowledge/placeholders.yaml)."""
    return [(re.compile(p["pattern"]), p["th"], p["en"]) for p in knowledge_yaml("placeholders.yaml")["patterns"]]


@lru_cache(maxsize=1)
def org_prefixes() -> tuple[str, ...]:
    """Full type names and abbreviations that start an organisation's name (types of organisation with a
    place after them: กรุงเทพมหานคร and เมืองพัทยา are names in themselves)."""
    words = set()
    for t in places.org_types():
        if t.place != "none" and t.short != t.name:
            words |= {t.name, t.short}
    return tuple(sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _org_pattern() -> re.Pattern:
    return re.compile("(" + "|".join(re.escape(p) for p in org_prefixes()) + r")\s*(?=[ก-ฮเ-ไ])")


def leaves(data: Any, kind: type | tuple[type, ...], path: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    """Every value of a kind in params data (nested dicts and lists), with its field path (dict keys as text, so
    indicator 4 reads "analysis.indicators.4", list positions as numbers: "measures[3]")."""
    if isinstance(data, kind):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from leaves(value, kind, path + (str(key),))
    elif isinstance(data, (list, tuple)):
        for i, value in enumerate(data):
            yield from leaves(value, kind, path + (i,))


def text_fields(data: Any) -> Iterator[tuple[tuple, str]]:
    """Every string in params data, with its field path."""
    return leaves(data, str)


def date_fields(data: Any) -> Iterator[tuple[tuple, dt.date]]:
    """Every date in params data, with its field path."""
    return leaves(data, dt.date)


def dotted(path: tuple) -> str:
    out = ""
    for step in path:
        out += f"[{step + 1}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out


def snippet(text: str, start: int, end: int, pad: int = 12) -> str:
    a, b = max(0, start - pad), min(len(text), end + pad)
    return ("…" if a else "") + text[a:b] + ("…" if b < len(text) else "")


# -- generic checks -----------------------------------------------------------------------
def other_organisations(data: dict, own_names: Iterable[str]) -> list[Finding]:
    """A name of another organisation in the text: the copy-paste error of seed 004."""
    own = [n for n in own_names if n]
    own_places = {_place(n) for n in own} - {""}
    out = []
    for path, text in text_fields(data):
        if path[:1] == ("organisation",):
            continue
        for m in _org_pattern().finditer(text):
            rest = text[m.end():m.end() + 40]
            if any(rest.startswith(p) for p in own_places):
                continue
            kind = places.org_type(m.group(1))
            if kind is not None and kind.place == "province" and any(rest.startswith(p) for p in _provinces(data)):
                continue  # the provincial administration of one's own province is a usual partner
            shown = m.group(1) + _first_word(rest)
            out.append(Finding(
                "other_organisation", "warning", dotted(path),
                f"ข้อความกล่าวถึงหน่วยงานอื่น \"{shown}\" ไม่ใช่ {' / '.join(own[:1])} (คัดลอกมาจากเอกสารของหน่วยงานอื่นหรือไม่)",
                f"the text names another organisation \"{shown}\", not {own[0] if own else 'this one'} "
                "(copied from another organisation's document?)",
                reported=shown))
    return out


def _first_word(text: str) -> str:
    """The place name after an organisation prefix, as far as the word breaker can tell."""
    word = ""
    for token in thai.tokenize(re.split(r"[\s,()]", text, maxsplit=1)[0]):
        word += token
        if len(word) >= 3:
            break
    return word


def _place(name: str) -> str:
    return places.bare_name(places.expand_short(name))


def _provinces(data: dict) -> list[str]:
    org = data.get("organisation") or {}
    return [org.get("province")] if org.get("province") else []


def years_outside(data: dict, allowed: set[int], what_th: str, what_en: str) -> list[Finding]:
    """A Buddhist-era year in the text outside the document's years (seed 003's ๒๕๖๘ for ๒๕๖๗)."""
    out = []
    shown_allowed = ", ".join(str(y) for y in sorted(allowed))
    for path, text in text_fields(data):
        if path[:1] == ("organisation",):
            continue
        for m in thai.BE_YEAR.finditer(text):
            year = int(thai.to_arabic_digits(m.group(1)))
            if year not in allowed:
                out.append(Finding(
                    "year_outside_period", "warning", dotted(path),
                    f"ปี {m.group(1)} อยู่นอก{what_th} (ปีที่เกี่ยวข้อง: {shown_allowed}): \"{snippet(text, m.start(), m.end())}\"",
                    f"year {year} is outside {what_en} (expected one of {shown_allowed}): "
                    f"\"{snippet(text, m.start(), m.end())}\"",
                    reported=year))
        for m in SHORT_DATE_YEAR.finditer(text):
            year = 2500 + int(thai.to_arabic_digits(m.group(1)))
            if year not in allowed:
                out.append(Finding(
                    "year_outside_period", "warning", dotted(path),
                    f"วันที่ในข้อความอยู่นอก{what_th}: \"{snippet(text, m.start(), m.end())}\"",
                    f"a date in the text is outside {what_en}: \"{snippet(text, m.start(), m.end())}\"",
                    reported=year))
    return out


def dates_outside(data: dict, start: dt.date, end: dt.date, what_th: str, what_en: str) -> list[Finding]:
    """A date field outside the period (seed 000's January 2565 activity in FY 2566)."""
    out = []
    for path, value in date_fields(data):
        if path[-1:] == ("date",) and path[:1] in (("prepared",), ("signatories",), ("date",)):
            continue  # a document may be dated and signed before its year starts or after its round ends
        if not start <= value <= end:
            out.append(Finding(
                "date_outside_period", "warning", dotted(path),
                f"วันที่ {thai.date_text(value)} อยู่นอก{what_th} ({thai.period_text(start, end, short=False)})",
                f"date {value.isoformat()} is outside {what_en} ({start.isoformat()} – {end.isoformat()})",
                reported=value.isoformat()))
    return out


def placeholders(data: dict) -> list[Finding]:
    """Template filler left in the text ("ระบุจำนวนกลุ่มเป้าหมาย", "……", "[ชื่อหน่วยงาน]")."""
    out = []
    for path, text in text_fields(data):
        for pattern, th, en in placeholder_patterns():
            m = pattern.search(text)
            if m:
                out.append(Finding("placeholder", "warning", dotted(path),
                                   f"{th}: \"{snippet(text, m.start(), m.end())}\"",
                                   f"{en}: \"{snippet(text, m.start(), m.end())}\"", reported=m.group(0)))
                break
    return out


def numbering(items: list, field: str, path: tuple, what_th: str, what_en: str) -> list[Finding]:
    """Numbers given in the input must run 1, 2, 3 … without repeats or gaps ("ลำดับที่ ๒" twice); dotted
    numbers level by level: 1.1, 1.2, 2.1 run on, 1.1, 1.3 skip 1.2 (values that are not numbers, such as
    ids "M1", are checked for repeats only)."""
    numbers = []
    for item in items:
        value = item.get(field) if isinstance(item, dict) else getattr(item, field, None)
        if value is not None:
            numbers.append(value)
    out = []
    seen: set = set()
    for n in numbers:
        key = _parts(n) or n
        if key in seen:
            out.append(Finding("duplicate_number", "warning", dotted(path),
                               f"{what_th}ซ้ำ: {n}", f"{what_en} repeated: {n}", reported=n))
        seen.add(key)
    parts = sorted(k for k in seen if isinstance(k, tuple))
    children: dict[tuple, set[int]] = {}
    for number in parts:
        for depth in range(1, len(number) + 1):
            children.setdefault(number[:depth - 1], set()).add(number[depth - 1])
    missing = sorted(parent + (m,) for parent, kids in children.items()
                     for m in set(range(1, max(kids) + 1)) - kids)
    if missing:
        flat = all(len(m) == 1 for m in parts)
        reported = [m[0] for m in missing] if flat else [".".join(map(str, m)) for m in missing]
        listed = ", ".join(str(m) for m in reported)
        out.append(Finding("skipped_number", "warning", dotted(path),
                           f"{what_th}ข้าม: ไม่มีลำดับ {listed}", f"{what_en} skipped: {listed} missing",
                           reported=reported))
    return out


def _parts(value: Any) -> tuple[int, ...] | None:
    """1 → (1,), "1.2" → (1, 2); None for what is not a number ("M1")."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return (value,) if value >= 1 else None
    text = thai.to_arabic_digits(str(value)).strip()
    if re.fullmatch(r"[1-9][0-9]*(?:\.[1-9][0-9]*)*", text):
        return tuple(int(p) for p in text.split("."))
    return None


def periods_outside(entries: Iterable[tuple[tuple, str, dt.date, dt.date]], start: dt.date, end: dt.date,
                    what_th: str, what_en: str) -> list[Finding]:
    """A period written in words (path, words, its start and end) that runs outside the document's period: the
    words are read by kit.periods, so "ต.ค. ๖๓ – ก.ย. ๖๔" in a ๒๕๖๕ document is caught like a date field."""
    out = []
    for path, text, first, last in entries:
        if first < start or last > end:
            out.append(Finding(
                "period_outside_year", "warning", dotted(path),
                f"ระยะเวลา \"{text}\" ({thai.period_text(first, last, short=False)}) อยู่นอก{what_th} "
                f"({thai.period_text(start, end, short=False)})",
                f"the period \"{text}\" ({first.isoformat()} – {last.isoformat()}) runs outside {what_en} "
                f"({start.isoformat()} – {end.isoformat()})",
                reported=f"{first.isoformat()} – {last.isoformat()}",
                computed=f"{start.isoformat()} – {end.isoformat()}"))
    return out
