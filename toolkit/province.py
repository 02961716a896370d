"""One report on a whole province: every organisation of a batch, from the batch's manifest.

A provincial office batch-renders the analysis report of each of its organisations; the batch writes
a manifest (JSON) with one entry per organisation and its headline scores. This module reads that
manifest and makes the province's summary from it, without re-reading any params file:

- :func:`load_manifest`: the manifest, validated (errors name the file and ``entries[i].field``);
- :class:`ProvinceSummary`: the organisations with results as a pandas DataFrame, and the statistics
  as pure functions of it (:func:`level_distribution`, :func:`ranking`, :func:`indicator_summary`,
  :func:`tool_summary`, :func:`change_summary`, :func:`district_summary`, :func:`type_summary`,
  :func:`priorities`);
- the Thai text (:func:`summary_paragraphs`, :func:`recommendations`), our own wording;
- charts built like :mod:`toolkit.charts` (Figure objects, no pyplot, Sarabun, rc isolation);
- :class:`ProvinceReport`: displayable sections for ``notebooks/province_summary.ipynb``;
- :func:`render_province_summary`: executes that notebook and writes HTML, PDF and ipynb.

Entries with status ``ok`` or ``skipped`` (reused from an earlier run) have results; ``failed`` entries
are listed in the report and left out of every statistic. Averages are plain means over organisations
(each organisation counts once, whatever its size). Levels are the ones the manifest carries (the level
each organisation's report shows, the officially reported one where known); a missing level is computed
with the framework's rule for the assessment year.

Priority rule ("who needs help first", :func:`priorities`): an organisation needs help when its total is
below the pass line (85) or any of its indicators is. They are ordered by

1. total below the pass line first, and among those the lower level of the framework's scale first;
2. then more indicators below the pass line first;
3. then the lower total first;
4. then Thai dictionary order of the name (so the order is total and reproducible).

A fall against last year does not change the order; it is given as an extra reason. The report's table
shows the first 30 (every organisation below the pass line, however many); the ranking table marks the rest.
"""
from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Iterable, Sequence

import numpy as np
import pandas as pd
from markupsafe import Markup, escape
from matplotlib.colors import BoundaryNorm, ListedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import FixedLocator, FuncFormatter, MaxNLocator
from matplotlib.transforms import blended_transform_factory

from . import charts, sections, thai
from .charts import (
    MUTED_COLOUR,
    STRENGTH_COLOUR,
    TEXT_COLOUR,
    WEAKNESS_COLOUR,
    WEAKNESS_EDGE,
    WEAKNESS_HATCH,
)
from .errors import InputError, InputErrors, Location
from .frameworks import Framework, load_framework
from .scoring import tool_scores

__all__ = [
    "ManifestError",
    "ProvinceReport",
    "ProvinceSummary",
    "change_chart",
    "change_summary",
    "district_summary",
    "heatmap_chart",
    "heatmap_charts",
    "heatmap_pages",
    "indicator_chart",
    "indicator_summary",
    "level_chart",
    "level_distribution",
    "load_manifest",
    "loose_html",
    "name_html",
    "overview_stats",
    "priorities",
    "priorities_paragraph",
    "priority_reasons",
    "ranking",
    "recommendations",
    "render_province_summary",
    "short_name",
    "summary_paragraphs",
    "tool_summary",
    "totals_chart",
    "type_summary",
]

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "province_summary.ipynb"
STEM = "province_summary"
FORMATS = ("html", "pdf", "ipynb")
DOCUMENT = "ita_analysis"  # the document whose batch entries carry ITA scores
STATUSES = ("ok", "skipped", "failed")
WITH_RESULTS = ("ok", "skipped")  # "skipped" = reused from an earlier run: it has results like "ok"
UNCHANGED = 0.005  # a change that prints as 0.00 is no change
TOP_CHANGES = 5  # biggest gains and drops listed in the tables and the narrative
CHART_CHANGES = 10  # each way, in the change chart, when more organisations than twice this have a change
PRIORITY_ROWS = 30  # rows of the priority table, unless more organisations than that are below the pass line
# Organisations per heatmap page at ~3.8 mm a row: the first page shares its A4 page with the section heading,
# note and indicator key; a later page has the page to itself (figure and caption).
HEATMAP_FIRST_ROWS = 26
HEATMAP_ROWS = 44
TITLE_TH = "รายงานสรุปผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA)"
SUBTITLE_TH = "ขององค์กรปกครองส่วนท้องถิ่น"
# official abbreviations of organisation types, longest first (เทศบาลตำบล before เทศบาล…)
ABBREVIATIONS = (
    ("องค์การบริหารส่วนจังหวัด", "อบจ."),
    ("องค์การบริหารส่วนตำบล", "อบต."),
    ("เทศบาลนคร", "ทน."),
    ("เทศบาลเมือง", "ทม."),
    ("เทศบาลตำบล", "ทต."),
)


# =========================================================================== manifest


class ManifestError(InputError):
    """One bad value in a batch manifest; names the file and ``entries[i].field``."""


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


class _Checker:
    """Collects every problem of one manifest, so a user fixes them in one go."""

    def __init__(self, source: str):
        self.source = source
        self.errors: list[ManifestError] = []

    def fail(self, where: str, th: str, en: str, got: Any = ...) -> None:
        if got is ...:
            self.errors.append(ManifestError(self.source, Location(field=where), th, en))
        else:
            self.errors.append(ManifestError(self.source, Location(field=where), th, en, got))

    def text(self, data: dict, key: str, where: str, required: bool = True) -> str:
        value = data.get(key)
        if not required and (value is None or (isinstance(value, str) and not value.strip())):
            return ""
        if not isinstance(value, str) or not value.strip():
            self.fail(f"{where}.{key}" if where else key, "ต้องเป็นข้อความที่ไม่ว่าง", "expected a non-empty string",
                      value)
            return ""
        return value.strip()

    def score(self, value: Any, where: str, nullable: bool = False) -> float | None:
        if value is None and nullable:
            return None
        if not _is_number(value) or not 0 <= value <= 100:
            self.fail(where, "ต้องเป็นตัวเลขระหว่าง 0 ถึง 100", "expected a number from 0 to 100", value)
            return None
        return float(value)

    def year(self, data: dict, key: str) -> int | None:
        value = data.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or not 2400 < value < 2700:
            self.fail(key, "ต้องเป็นปี พ.ศ. (จำนวนเต็ม เช่น 2569)",
                      "expected a Buddhist Era year (an integer such as 2569)", value)
            return None
        return value


def _loose_text(value: Any) -> str:
    """What a failed row carries, as text (a spreadsheet may give a number or nothing)."""
    if value is None or isinstance(value, (dict, list, bool)):
        return ""
    return str(value).strip()


def _type_of(name: str) -> str:
    """The organisation type its name starts with (องค์การบริหารส่วนตำบล…), for entries that do not say."""
    return next((full for full, _ in ABBREVIATIONS if name.startswith(full)), "")


def _read_json(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ManifestError(str(path), None, "ไม่พบไฟล์ manifest", "manifest file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ManifestError(str(path), None, "อ่านไฟล์ manifest ไม่ได้", "cannot read the manifest file",
                            str(exc)) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ManifestError(str(path), Location(line=exc.lineno), "ไฟล์ manifest ต้องเป็น JSON ที่ถูกต้อง",
                            "the manifest must be valid JSON", exc.msg) from None


def _check_scores(c: _Checker, scores: Any, where: str, fw: Framework) -> dict | None:
    if not isinstance(scores, dict):
        c.fail(where, "รายการที่มีผล (status ok หรือ skipped) ต้องมี scores เป็นออบเจกต์",
               "an entry with results (status ok or skipped) needs a scores object", scores)
        return None
    n_errors = len(c.errors)
    total = c.score(scores.get("total"), f"{where}.total")
    raw = scores.get("indicators")
    indicators: dict[int, float] = {}
    if not isinstance(raw, dict):
        c.fail(f"{where}.indicators", f"ต้องมีคะแนนตัวชี้วัดที่ 1 ถึง {len(fw.indicators)}",
               f"expected scores of indicators 1 to {len(fw.indicators)}", raw)
    else:
        for key, value in raw.items():
            number = int(key) if isinstance(key, str) and key.isdigit() else None
            if number not in fw.indicators:
                c.fail(f"{where}.indicators.{key}", f"ไม่มีตัวชี้วัดนี้ในหลักเกณฑ์ {fw.id}",
                       f"no such indicator in framework {fw.id}", key)
                continue
            score = c.score(value, f"{where}.indicators.{key}")
            if score is not None:
                indicators[number] = score
        missing = [n for n in fw.indicators if str(n) not in raw]
        if missing:
            c.fail(f"{where}.indicators", "ต้องมีคะแนนครบทุกตัวชี้วัด", "every indicator needs a score",
                   f"missing {', '.join(map(str, missing))}")
    tools: dict[str, float] = {}
    raw_tools = scores.get("tools")
    if raw_tools is not None:
        if not isinstance(raw_tools, dict) or set(raw_tools) != set(fw.tools):
            c.fail(f"{where}.tools", f"ต้องมีคะแนนของ {', '.join(fw.tools)}",
                   f"expected scores of {', '.join(fw.tools)}", raw_tools)
        else:
            for tool in fw.tools:
                value = c.score(raw_tools[tool], f"{where}.tools.{tool}")
                if value is not None:
                    tools[tool] = value
    level = scores.get("level")
    if level is not None and (not isinstance(level, str) or not level.strip()):
        c.fail(f"{where}.level", "ระดับต้องเป็นข้อความ", "the level must be a string", level)
    previous = c.score(scores.get("previous_total"), f"{where}.previous_total", nullable=True)
    change = scores.get("change")
    if change is not None and (not _is_number(change) or abs(change) > 100):
        c.fail(f"{where}.change", "ต้องเป็นตัวเลขระหว่าง -100 ถึง 100", "expected a number from -100 to 100", change)
        change = None
    if len(c.errors) > n_errors:
        return None
    if not tools:
        tools = {k: round(v, 2) for k, v in tool_scores(indicators, fw).items()}
    if previous is None and change is not None:
        previous = round(total - change, 2)
    elif previous is not None:
        computed = round(total - previous, 2)
        if change is not None and abs(change - computed) > 0.011:
            c.fail(f"{where}.change", "ต้องเท่ากับคะแนนรวมลบคะแนนรวมปีก่อน (total - previous_total)",
                   "must equal total - previous_total", f"{change} ≠ {computed}")
            return None
        change = computed
    level = level.strip() if isinstance(level, str) else fw.level_for(total, tools)
    return {"total": total, "level": level, "tools": tools, "indicators": indicators,
            "previous_total": previous, "change": change}


def load_manifest(path: str | Path) -> dict:
    """A batch manifest, validated and normalised: indicator keys as ints, tools, levels and changes filled in.

    Every problem is reported (InputErrors of ManifestError), each naming the file and
    ``entries[i]…``; an unknown assessment year is a FrameworkError. The result also carries
    ``source`` (the path) and ``framework`` (the framework id).
    """
    path = Path(path)
    source = str(path)
    data = _read_json(path)
    c = _Checker(source)
    if not isinstance(data, dict):
        raise ManifestError(source, None, "manifest ต้องเป็นออบเจกต์ JSON", "the manifest must be a JSON object",
                            type(data).__name__)
    fiscal_year = c.year(data, "fiscal_year")
    assessment_year = c.year(data, "assessment_year")
    province = c.text(data, "province", "")
    entries = data.get("entries")
    if not isinstance(entries, list):
        c.fail("entries", "ต้องเป็นรายการ (list) ของหน่วยงาน", "expected a list of entries", entries)
        entries = []
    if assessment_year is None or fiscal_year is None or not province:
        raise InputErrors(c.errors, source)
    if assessment_year > fiscal_year:
        c.fail("assessment_year", "ปีที่ประเมินต้องไม่หลังปีงบประมาณของรายงาน",
               "the assessment year cannot be after the report's fiscal year", assessment_year)
    fw = load_framework(assessment_year, source=source)

    out_entries: list[dict] = []
    keys: dict[str, int] = {}
    for i, entry in enumerate(entries):
        where = f"entries[{i}]"
        if not isinstance(entry, dict):
            c.fail(where, "ต้องเป็นออบเจกต์", "expected an object", entry)
            continue
        n_errors = len(c.errors)
        document = entry.get("document")
        if document is not None and document != DOCUMENT:
            continue  # another document type of the same batch (a progress report, a plan): no ITA results
        status = entry.get("status")
        if status not in STATUSES:
            c.fail(f"{where}.status", f"ต้องเป็น {', '.join(STATUSES)}", f"expected one of {', '.join(STATUSES)}",
                   status)
        failed = status == "failed"
        org = entry.get("organisation")
        if not isinstance(org, dict):
            if not failed:
                c.fail(f"{where}.organisation", "ต้องมีข้อมูลหน่วยงาน (organisation)",
                       "expected an organisation object", org)
            org = {}
        if failed:  # a row that failed validation may lack any of these: show what there is
            name, district, kind = (_loose_text(org.get(k)) for k in ("name", "district", "type"))
            name = name or "ไม่ทราบชื่อหน่วยงาน"  # the table of failures shows its row
        else:
            name = c.text(org, "name", f"{where}.organisation")
            district = c.text(org, "district", f"{where}.organisation", required=False)
            kind = c.text(org, "type", f"{where}.organisation", required=False)
            org_province = org.get("province")
            if org_province is not None and org_province != province:
                c.fail(f"{where}.organisation.province", f"หน่วยงานต้องอยู่ในจังหวัด{province} ตาม manifest",
                       f"the organisation must be in the manifest's province ({province})", org_province)
        kind = kind or _type_of(name)
        for key, expected in (("fiscal_year", fiscal_year), ("assessment_year", assessment_year)):
            if failed:
                break
            if entry.get(key) is not None and entry.get(key) != expected:
                c.fail(f"{where}.{key}", f"ต้องตรงกับ {key} ของ manifest ({expected})",
                       f"must match the manifest's {key} ({expected})", entry.get(key))
        key = entry.get("key")
        if key is not None:
            if not isinstance(key, str):
                c.fail(f"{where}.key", "ต้องเป็นข้อความ", "expected a string", key)
            elif key in keys:
                c.fail(f"{where}.key", f"key ซ้ำกับ entries[{keys[key]}]", f"duplicate key (as entries[{keys[key]}])",
                       key)
            else:
                keys[key] = i
        row = entry.get("row")
        if row is not None and (isinstance(row, bool) or not isinstance(row, int)):
            c.fail(f"{where}.row", "ต้องเป็นจำนวนเต็ม", "expected an integer", row)
        scores = None
        if status in WITH_RESULTS:
            scores = _check_scores(c, entry.get("scores"), f"{where}.scores", fw)
        error = entry.get("error")
        if isinstance(error, str):
            error = {"th": error, "en": error}
        elif isinstance(error, dict):
            error = {"th": str(error.get("th") or error.get("en") or ""), "en": str(error.get("en") or "")}
        else:
            error = None
        if len(c.errors) > n_errors:
            continue
        out_entries.append({
            "index": i, "key": key, "row": row, "status": status, "error": error,
            "organisation": {"name": name, "type": kind, "district": district, "province": province},
            "files": entry.get("files") if isinstance(entry.get("files"), dict) else {},
            "scores": scores,
        })
    if c.errors:
        raise InputErrors(c.errors, source)
    return {"source": source, "fiscal_year": fiscal_year, "assessment_year": assessment_year,
            "province": province, "framework": fw.id, "entries": out_entries}


# =========================================================================== statistics


def short_name(name: str) -> str:
    """อบต.สามเรือน for องค์การบริหารส่วนตำบลสามเรือน: the official abbreviations, for charts."""
    for full, short in ABBREVIATIONS:
        if name.startswith(full) and len(name) > len(full):
            return short + name[len(full):].lstrip()
    return name


def indicator_column(number: int) -> str:
    return f"ind{number}"


def _ordered(df: pd.DataFrame) -> pd.DataFrame:
    """Total descending; equal totals (to the published 2 decimals) in Thai dictionary order of the name."""
    keys = pd.DataFrame({"t": -df["total"].round(2), "n": [thai.sort_key(n) for n in df["name"]]}, index=df.index)
    order = sorted(df.index, key=lambda i: (keys.at[i, "t"], keys.at[i, "n"]))
    return df.loc[order]


def overview_stats(df: pd.DataFrame, pass_line: float) -> dict:
    """Count, mean, median, min, max of the totals; how many pass; best and worst organisation."""
    if df.empty:
        return {"count": 0}
    ranked = _ordered(df)
    totals = df["total"]
    passed = int((totals.round(2) >= pass_line).sum())
    with_weak = int((df["weak_count"] > 0).sum())
    return {
        "count": len(df), "mean": float(totals.mean()), "median": float(totals.median()),
        "min": float(totals.min()), "max": float(totals.max()),
        "passed": passed, "passed_share": 100 * passed / len(df),
        "failed": len(df) - passed,
        "with_weak": with_weak, "with_weak_share": 100 * with_weak / len(df),
        "all_clear": int(((totals.round(2) >= pass_line) & (df["weak_count"] == 0)).sum()),
        "best": ranked.iloc[0]["name"], "worst": ranked.iloc[-1]["name"],
    }


def level_distribution(df: pd.DataFrame, levels: Sequence[str]) -> pd.DataFrame:
    """Organisations per level in the scale's order (best first); levels outside the scale come last."""
    counts = df["level"].value_counts()
    extra = thai.sort_thai([lv for lv in counts.index if lv not in levels])
    order = list(levels) + extra
    out = pd.DataFrame({"level": order, "count": [int(counts.get(lv, 0)) for lv in order]})
    out["share"] = 100 * out["count"] / len(df) if len(df) else 0.0
    out["in_scale"] = [lv in levels for lv in order]
    return out.set_index("level")


def ranking(df: pd.DataFrame) -> pd.DataFrame:
    """All organisations by total, highest first; equal totals share a rank and are listed in Thai order."""
    out = _ordered(df).reset_index(drop=True)
    out.insert(0, "rank", out["total"].round(2).rank(method="min", ascending=False).astype(int))
    return out


def indicator_summary(df: pd.DataFrame, fw: Framework) -> pd.DataFrame:
    """Per indicator: mean, median, min, max over organisations; how many (and what share) are below the pass line."""
    rows = []
    for n, ind in fw.indicators.items():
        col = df[indicator_column(n)]
        below = int((col.round(2) < fw.pass_line).sum())
        rows.append({"number": n, "name": ind.name, "tool": ind.tool, "mean": float(col.mean()),
                     "median": float(col.median()), "min": float(col.min()), "max": float(col.max()),
                     "below": below, "share_below": 100 * below / len(df) if len(df) else 0.0})
    return pd.DataFrame(rows).set_index("number")


def tool_summary(df: pd.DataFrame, fw: Framework) -> pd.DataFrame:
    """Per tool: mean, min, max over organisations; how many (and what share) are below the pass line."""
    rows = []
    for code, tool in fw.tools.items():
        col = df[code]
        below = int((col.round(2) < fw.pass_line).sum())
        rows.append({"tool": code, "name": tool.name_th, "weight": tool.weight, "mean": float(col.mean()),
                     "min": float(col.min()), "max": float(col.max()), "below": below,
                     "share_below": 100 * below / len(df) if len(df) else 0.0})
    return pd.DataFrame(rows).set_index("tool")


def change_summary(df: pd.DataFrame, top: int = TOP_CHANGES) -> dict:
    """Against last year: improved / declined / unchanged / unknown counts, mean change, biggest gains and drops."""
    change = df["change"]
    known = df[change.notna()]
    improved = int((known["change"] >= UNCHANGED).sum())
    declined = int((known["change"] <= -UNCHANGED).sum())
    key = [thai.sort_key(n) for n in known["name"]]
    by_gain = known.assign(_k=key).sort_values(["change", "_k"], ascending=[False, True]).drop(columns="_k")
    by_drop = known.assign(_k=key).sort_values(["change", "_k"], ascending=[True, True]).drop(columns="_k")
    return {
        "improved": improved, "declined": declined, "unchanged": len(known) - improved - declined,
        "unknown": int(change.isna().sum()), "known": len(known),
        "mean_change": float(known["change"].mean()) if len(known) else None,
        "gains": by_gain[by_gain["change"] >= UNCHANGED].head(top).reset_index(drop=True),
        "drops": by_drop[by_drop["change"] <= -UNCHANGED].head(top).reset_index(drop=True),
    }


def _group_summary(df: pd.DataFrame, column: str, pass_line: float) -> pd.DataFrame:
    rows = []
    for value, group in df.groupby(column, sort=False):
        rows.append({column: value, "count": len(group), "mean": float(group["total"].mean()),
                     "min": float(group["total"].min()), "max": float(group["total"].max()),
                     "passed": int((group["total"].round(2) >= pass_line).sum()),
                     "with_weak": int((group["weak_count"] > 0).sum())})
    out = pd.DataFrame(rows, columns=[column, "count", "mean", "min", "max", "passed", "with_weak"])
    out = out.iloc[sorted(range(len(out)), key=lambda i: thai.sort_key(str(out.iloc[i][column])))]
    return out.set_index(column)


def district_summary(df: pd.DataFrame, pass_line: float) -> pd.DataFrame:
    """Per district (Thai order): organisations, mean/min/max total, how many pass, how many have a weak indicator."""
    return _group_summary(df, "district", pass_line)


def type_summary(df: pd.DataFrame, pass_line: float) -> pd.DataFrame:
    """The same per organisation type (อบต., เทศบาล…)."""
    return _group_summary(df, "type", pass_line)


def _severity(level: str, levels: Sequence[str], fallback: str) -> int:
    """Position in the scale, worst = highest; a level outside the scale counts as the computed one."""
    if level in levels:
        return levels.index(level)
    return levels.index(fallback) if fallback in levels else len(levels)


def priorities(df: pd.DataFrame, fw: Framework) -> pd.DataFrame:
    """Organisations that need help first, in order (see the module docstring for the rule)."""
    levels = fw.levels.names
    rows = []
    for _, r in df.iterrows():
        failing = round(r["total"], 2) < fw.pass_line
        if not failing and r["weak_count"] == 0:
            continue
        fallback = fw.level_for(r["total"], {t: r[t] for t in fw.tools})
        severity = _severity(r["level"], levels, fallback)
        weak = sorted(((n, r[indicator_column(n)]) for n in fw.indicators
                       if round(r[indicator_column(n)], 2) < fw.pass_line), key=lambda x: (x[1], x[0]))
        rows.append({**r.to_dict(), "failing": failing, "severity": severity, "weak": weak,
                     "_key": (0 if failing else 1, -severity if failing else 0, -int(r["weak_count"]),
                              round(r["total"], 2), thai.sort_key(r["name"]))})
    rows.sort(key=lambda x: x["_key"])
    out = pd.DataFrame(rows, columns=[*df.columns, "failing", "severity", "weak", "_key"]).drop(columns="_key")
    out.insert(0, "priority", range(1, len(out) + 1))
    return out


@dataclass
class ProvinceSummary:
    """A province's organisations with results (``df``) and the failed ones (``failed``), plus the framework."""

    province: str
    fiscal_year: int
    assessment_year: int
    framework: Framework
    df: pd.DataFrame
    failed: pd.DataFrame
    source: str | None = None

    COLUMNS = ("key", "row", "name", "short_name", "type", "district", "status", "total", "level")

    @classmethod
    def from_manifest(cls, manifest: dict) -> "ProvinceSummary":
        fw = load_framework(manifest["assessment_year"])
        rows, failed = [], []
        for e in manifest["entries"]:
            org = e["organisation"]
            base = {"key": e["key"], "row": e["row"], "name": org["name"], "short_name": short_name(org["name"]),
                    "type": org["type"], "district": org["district"], "status": e["status"]}
            if e["status"] not in WITH_RESULTS:
                err = e.get("error") or {}
                failed.append({**base, "error_th": err.get("th") or "", "error_en": err.get("en") or ""})
                continue
            s = e["scores"]
            inds = {indicator_column(n): float(s["indicators"][n]) for n in fw.indicators}
            weakest = min(fw.indicators, key=lambda n: (round(s["indicators"][n], 2), n))
            rows.append({
                **base, "total": float(s["total"]), "level": s["level"],
                **{t: float(s["tools"][t]) for t in fw.tools}, **inds,
                "previous_total": np.nan if s["previous_total"] is None else float(s["previous_total"]),
                "change": np.nan if s["change"] is None else float(s["change"]),
                "weak_count": sum(round(v, 2) < fw.pass_line for v in inds.values()),
                "weakest_number": weakest, "weakest_score": float(s["indicators"][weakest]),
            })
        columns = [*cls.COLUMNS, *fw.tools, *(indicator_column(n) for n in fw.indicators),
                   "previous_total", "change", "weak_count", "weakest_number", "weakest_score"]
        df = pd.DataFrame(rows, columns=columns)
        failed_df = pd.DataFrame(failed, columns=["key", "row", "name", "short_name", "type", "district", "status",
                                                  "error_th", "error_en"])
        return cls(manifest["province"], manifest["fiscal_year"], manifest["assessment_year"], fw, df, failed_df,
                   manifest.get("source"))

    @classmethod
    def load(cls, path: str | Path) -> "ProvinceSummary":
        return cls.from_manifest(load_manifest(path))

    # -- properties ---------------------------------------------------------------
    @property
    def pass_line(self) -> float:
        return self.framework.pass_line

    @property
    def levels(self) -> list[str]:
        return self.framework.levels.names

    @property
    def passing_levels(self) -> list[str]:
        """Levels whose lowest total reaches the pass line (ผ่าน and above; AA and A)."""
        return [r.level for r in self.framework.levels.rules if r.total_min >= self.pass_line]

    @property
    def indicator_columns(self) -> list[str]:
        return [indicator_column(n) for n in self.framework.indicators]

    @property
    def previous_year(self) -> int:
        return self.assessment_year - 1

    # -- statistics (pure functions of df) -------------------------------------------
    def overview(self) -> dict:
        return overview_stats(self.df, self.pass_line)

    def level_distribution(self) -> pd.DataFrame:
        return level_distribution(self.df, self.levels)

    def ranking(self) -> pd.DataFrame:
        return ranking(self.df)

    def indicator_summary(self) -> pd.DataFrame:
        return indicator_summary(self.df, self.framework)

    def tool_summary(self) -> pd.DataFrame:
        return tool_summary(self.df, self.framework)

    def change_summary(self, top: int = TOP_CHANGES) -> dict:
        return change_summary(self.df, top)

    def district_summary(self) -> pd.DataFrame:
        return district_summary(self.df, self.pass_line)

    def type_summary(self) -> pd.DataFrame:
        return type_summary(self.df, self.pass_line)

    def priorities(self) -> pd.DataFrame:
        return priorities(self.df, self.framework)

    def words(self) -> set[str]:
        """Place names (province, districts, the part of a name after its type), so the word breaker never cuts
        them. Not whole organisation names: องค์การบริหารส่วนตำบลหนองกระทุ่มงาม as one unbreakable word is
        wider than a table column, and a table wider than the page makes Chromium shrink every page."""
        words = {self.province}
        for table in (self.df, self.failed):
            for name, short, district in zip(table["name"], table["short_name"], table["district"]):
                words.update({short, district})
                for full, _ in ABBREVIATIONS:
                    if name.startswith(full):
                        words.add(name[len(full):].strip())
                        break
        return {w for w in words if w and len(w) <= 30}


# =========================================================================== Thai text


def _join(parts: list[str]) -> str:
    """Thai enumeration: "ก ข และค" ("และ OIT" before Latin letters or digits)."""
    parts = [p for p in parts if p]
    if len(parts) <= 1:
        return "".join(parts)
    glue = " และ" if thai._has_thai(parts[-1][:1]) else " และ "
    return " ".join(parts[:-1]) + glue + parts[-1]


def _level_phrase(level: str) -> str:
    """ระดับผ่านดี, but ระดับ AA (a space before Latin letters)."""
    return f"ระดับ{level}" if thai._has_thai(level[:1]) else f"ระดับ {level}"


class _Writer(thai.Figures):
    """Numbers, years and shares in the report's digit style."""

    def __init__(self, s: ProvinceSummary, thai_digits: bool):
        super().__init__(thai_digits)
        self.s = s

    def places(self, n: int) -> str:
        return f"{self.count(n)} แห่ง"

    def share(self, x: float) -> str:
        return f"ร้อยละ {self.num(x)}"

    @property
    def line(self) -> str:
        return self.whole(self.s.pass_line)

    def indicator(self, n: int) -> str:
        return f"ตัวชี้วัดที่ {self.count(n)} {self.s.framework.indicators[n].name}"


def summary_paragraphs(s: ProvinceSummary, thai_digits: bool = True) -> list[str]:
    """The province in five paragraphs: size and totals, levels, indicators, change, who needs help first."""
    w = _Writer(s, thai_digits)
    o = s.overview()
    paragraphs = []
    failed = len(s.failed)
    if not o["count"]:
        return [f"ยังไม่มีผลการประเมิน ITA ประจำ{w.fy(s.assessment_year)} ขององค์กรปกครองส่วนท้องถิ่นในจังหวัด"
                f"{s.province}ที่ประมวลผลได้ จึงยังไม่สามารถสรุปผลในภาพรวมได้"
                + (f" (ประมวลผลไม่สำเร็จ {w.places(failed)} ตามรายชื่อท้ายรายงาน)" if failed else "")]
    head = (f"ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) ประจำ{w.fy(s.assessment_year)} "
            f"ขององค์กรปกครองส่วนท้องถิ่นในจังหวัด{s.province} ที่นำมาสรุปในรายงานฉบับนี้ มีจำนวน {w.places(o['count'])}")
    if failed:
        head += f" (ไม่รวมอีก {w.places(failed)}ที่ยังประมวลผลไม่สำเร็จ ตามรายชื่อท้ายรายงาน)"
    head += (f" ได้คะแนนรวมเฉลี่ย {w.score(o['mean'])} ค่ามัธยฐาน {w.score(o['median'])}")
    if o["count"] > 1:
        head += (f" คะแนนรวมสูงสุด {w.score(o['max'])} ได้แก่ {o['best']} และต่ำสุด {w.score(o['min'])} "
                 f"ได้แก่ {o['worst']}")
    if o["passed"] == o["count"]:
        head += f" ทุกหน่วยงานได้คะแนนรวมผ่านเกณฑ์ {w.line} คะแนน"
    elif o["passed"] == 0:
        head += f" ไม่มีหน่วยงานใดได้คะแนนรวมผ่านเกณฑ์ {w.line} คะแนน"
    else:
        head += (f" มีหน่วยงานที่คะแนนรวมผ่านเกณฑ์ {w.line} คะแนน {w.places(o['passed'])} "
                 f"คิดเป็น{w.share(o['passed_share'])} และต่ำกว่าเกณฑ์ {w.places(o['failed'])}")
    paragraphs.append(head)

    dist = s.level_distribution()
    present = [f"{_level_phrase(lv)} {w.places(int(r['count']))} ({w.share(r['share'])})"
               for lv, r in dist.iterrows() if r["count"]]
    absent = [_level_phrase(lv) for lv, r in dist.iterrows() if not r["count"] and r["in_scale"]]
    text = f"เมื่อจำแนกตามระดับผลการประเมิน อยู่ใน{_join(present)}"
    if absent:
        text += f" ส่วน{_join(absent)} ไม่มีหน่วยงานใด"
    paragraphs.append(text)

    tools = s.tool_summary()
    inds = s.indicator_summary()
    parts = [f"{code} {w.score(r['mean'])}" for code, r in tools.iterrows()]
    text = f"คะแนนเฉลี่ยรายเครื่องมือของจังหวัด ได้แก่ {_join(parts)}"
    weakest = inds.sort_values(["mean", "share_below"], ascending=[True, False]).head(3)
    if inds["below"].sum() == 0:
        n = weakest.index[0]
        text += (f" ทุกหน่วยงานได้คะแนนผ่านเกณฑ์ {w.line} คะแนนครบทุกตัวชี้วัด "
                 f"โดยตัวชี้วัดที่มีคะแนนเฉลี่ยต่ำที่สุด คือ {w.indicator(n)} ({w.score(weakest.loc[n, 'mean'])})")
    else:
        named = []
        for n, r in weakest.iterrows():
            below = (f"ต่ำกว่าเกณฑ์ {w.places(int(r['below']))} คิดเป็น{w.share(r['share_below'])}" if r["below"]
                     else "ไม่มีหน่วยงานใดต่ำกว่าเกณฑ์")
            named.append(f"{w.indicator(n)} (เฉลี่ย {w.score(r['mean'])} {below})")
        text += f" ตัวชี้วัดที่มีคะแนนเฉลี่ยต่ำที่สุดในระดับจังหวัด ได้แก่ {_join(named)}"
        below_mean = [n for n, r in inds.iterrows() if round(r["mean"], 2) < s.pass_line]
        if below_mean:
            text += (f" โดย{_join([f'ตัวชี้วัดที่ {w.count(n)}' for n in below_mean])} "
                     f"มีคะแนนเฉลี่ยของทั้งจังหวัดต่ำกว่าเกณฑ์ {w.line} คะแนน")
    paragraphs.append(text)

    ch = s.change_summary()
    if ch["known"]:
        moves = [f"{what} {w.places(ch[key])}" for what, key in
                 (("คะแนนรวมสูงขึ้น", "improved"), ("ลดลง", "declined"), ("เท่าเดิม", "unchanged")) if ch[key]]
        text = (f"เมื่อเทียบกับผลการประเมินประจำ{w.fy(s.previous_year)} ในหน่วยงานที่มีผลทั้งสองปี "
                f"{w.places(ch['known'])} {_join(moves)}")
        if ch["unknown"]:
            text += f" ส่วนอีก {w.places(ch['unknown'])} ไม่มีคะแนนของปีก่อนสำหรับเปรียบเทียบ"
        mean = ch["mean_change"]
        if round(mean, 2) > 0:
            text += f" โดยเฉลี่ยคะแนนรวมสูงขึ้น {w.score(mean)}"
        elif round(mean, 2) < 0:
            text += f" โดยเฉลี่ยคะแนนรวมลดลง {w.score(-mean)}"
        else:
            text += " โดยเฉลี่ยคะแนนรวมใกล้เคียงกับปีก่อน"
        if len(ch["gains"]):
            g = ch["gains"].iloc[0]
            text += f" หน่วยงานที่คะแนนสูงขึ้นมากที่สุด คือ {g['name']} (สูงขึ้น {w.score(g['change'])})"
        if len(ch["drops"]):
            d = ch["drops"].iloc[0]
            text += f" และหน่วยงานที่คะแนนลดลงมากที่สุด คือ {d['name']} (ลดลง {w.score(-d['change'])})"
    else:
        text = f"ไม่มีคะแนนรวมของ{w.fy(s.previous_year)} สำหรับเปรียบเทียบการเปลี่ยนแปลง"
    paragraphs.append(text)
    paragraphs.append(priorities_paragraph(s, thai_digits))
    return paragraphs


def priority_reasons(r: Any, s: ProvinceSummary, thai_digits: bool = True) -> list[str]:
    """Why an organisation is on the priority list, in the rule's order."""
    w = _Writer(s, thai_digits)
    reasons = []
    if r["failing"]:
        reasons.append(f"คะแนนรวม {w.score(r['total'])} ต่ำกว่าเกณฑ์ {w.line} คะแนน ({_level_phrase(r['level'])})")
    if r["weak"]:
        named = [f"ตัวชี้วัดที่ {w.count(n)} ({w.num(v)})" for n, v in r["weak"]]
        reasons.append(f"มีตัวชี้วัดต่ำกว่าเกณฑ์ {w.count(len(r['weak']))} ตัว ได้แก่ {_join(named)}")
    if not pd.isna(r["change"]) and r["change"] <= -UNCHANGED:
        reasons.append(f"คะแนนรวมลดลงจากปีก่อน {w.score(-r['change'])}")
    return reasons


def priorities_paragraph(s: ProvinceSummary, thai_digits: bool = True) -> str:
    w = _Writer(s, thai_digits)
    pr = s.priorities()
    if pr.empty:
        return (f"ทุกหน่วยงานได้คะแนนรวมและคะแนนรายตัวชี้วัดผ่านเกณฑ์ {w.line} คะแนน "
                "จึงยังไม่มีหน่วยงานที่ต้องได้รับการสนับสนุนเป็นการเร่งด่วน ควรมุ่งรักษามาตรฐานและยกระดับคะแนนต่อไป")
    failing = int(pr["failing"].sum())
    text = f"หน่วยงานที่ควรได้รับการสนับสนุนเป็นลำดับแรกมี {w.places(len(pr))}"
    parts = []
    if failing:
        parts.append(f"หน่วยงานที่คะแนนรวมต่ำกว่าเกณฑ์ {w.line} คะแนน {w.places(failing)}")
    if len(pr) - failing:
        parts.append(f"หน่วยงานที่คะแนนรวมผ่านเกณฑ์แต่ยังมีตัวชี้วัดต่ำกว่าเกณฑ์ {w.places(len(pr) - failing)}")
    text += f" ได้แก่ {_join(parts)}"
    first = pr.head(3)
    named = []
    for _, r in first.iterrows():
        facts = [f"คะแนนรวม {w.score(r['total'])}", _level_phrase(r["level"])]
        if r["weak"]:
            facts.append(f"ตัวชี้วัดต่ำกว่าเกณฑ์ {w.count(len(r['weak']))} ตัว")
        if not pd.isna(r["change"]) and r["change"] <= -UNCHANGED:
            facts.append(f"คะแนนรวมลดลงจากปีก่อน {w.score(-r['change'])}")
        named.append(f"{r['name']} ({' '.join(facts)})")
    lead = "ในจำนวนนี้ลำดับแรก คือ" if len(first) == 1 else f"ในจำนวนนี้ {w.count(len(first))} ลำดับแรก ได้แก่"
    text += f" {lead} {_join(named)}"
    return text


# What a province-wide training on an indicator should focus on, by indicator name (our own wording);
# an indicator not listed falls back to its tool.
INDICATOR_ADVICE = {
    "การปฏิบัติหน้าที่": "การปฏิบัติงานและการให้บริการตามขั้นตอนและระยะเวลาอย่างเท่าเทียม",
    "การใช้งบประมาณ": "การใช้จ่ายงบประมาณอย่างโปร่งใสและการเปิดเผยข้อมูลการใช้จ่ายให้บุคลากรรับรู้",
    "การใช้อำนาจ": "การใช้อำนาจของผู้บังคับบัญชาอย่างเป็นธรรมและการบริหารงานบุคคลที่โปร่งใส",
    "การใช้ทรัพย์สินของราชการ": "ระเบียบและขั้นตอนการยืมและใช้ทรัพย์สินของราชการ และการกำกับดูแลให้ถูกต้อง",
    "การแก้ไขปัญหาการทุจริต": "บทบาทของผู้บริหารในการป้องกันการทุจริตและความเชื่อมั่นในกระบวนการจัดการเรื่องร้องเรียน",
    "คุณภาพการดำเนินงาน": "คุณภาพการให้บริการประชาชนตามขั้นตอนและระยะเวลาอย่างเท่าเทียม",
    "ประสิทธิภาพการสื่อสาร": "ช่องทางการสื่อสารและการประชาสัมพันธ์ข้อมูลที่ประชาชนควรได้รับทราบ",
    "การปรับปรุงระบบการทำงาน": "การเปิดโอกาสให้ประชาชนมีส่วนร่วมและการพัฒนาการให้บริการออนไลน์",
    "การเปิดเผยข้อมูล": "การเผยแพร่ข้อมูลสาธารณะบนเว็บไซต์ของหน่วยงานให้ครบถ้วนและเป็นปัจจุบันตามรายการประเมิน",
    "การป้องกันการทุจริต": "การจัดทำและเผยแพร่มาตรการป้องกันการทุจริต การประเมินความเสี่ยงการทุจริต และการรายงานผลตามรายการประเมิน",
}
TOOL_ADVICE = {
    "IIT": "การสร้างความเข้าใจและการสื่อสารกับบุคลากรภายในหน่วยงาน",
    "EIT": "การให้บริการและการสื่อสารกับประชาชนผู้รับบริการ",
    "OIT": "การเผยแพร่ข้อมูลสาธารณะบนเว็บไซต์ของหน่วยงานให้ครบถ้วนและเป็นปัจจุบันตามรายการประเมิน",
}


def recommendations(s: ProvinceSummary, thai_digits: bool = True) -> list[str]:
    """What the province might do next, from the figures: whom to support, what to teach, whom to learn from."""
    w = _Writer(s, thai_digits)
    if s.df.empty:
        return ["ควรตรวจสอบและแก้ไขข้อมูลนำเข้าของหน่วยงานที่ประมวลผลไม่สำเร็จ แล้วประมวลผลใหม่"]
    out = []
    pr = s.priorities()
    if len(pr):
        names = _join(list(pr["name"].head(3)))
        out.append(f"ควรให้คำปรึกษาและติดตามการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสของหน่วยงาน "
                   f"{w.places(len(pr))} ตามลำดับในตารางหน่วยงานที่ควรได้รับการสนับสนุนเป็นลำดับแรก โดยเริ่มจาก{names} "
                   f"และมุ่งที่ตัวชี้วัดที่ต่ำกว่าเกณฑ์ {w.line} คะแนนของแต่ละหน่วยงาน")
    inds = s.indicator_summary()
    focus = inds[inds["below"] > 0].sort_values(["share_below", "mean"], ascending=[False, True]).head(3)
    for n, r in focus.iterrows():
        col = indicator_column(n)
        best = _ordered(s.df.assign(total=s.df[col]))
        best = best[best[col].round(2) >= s.pass_line].head(2)
        text = (f"{w.indicator(n)} มีหน่วยงานได้คะแนนต่ำกว่าเกณฑ์ {w.places(int(r['below']))} "
                f"ควรจัดการอบรมหรือเวทีแลกเปลี่ยนเรียนรู้ร่วมกันในระดับจังหวัด เน้น"
                f"{INDICATOR_ADVICE.get(r['name']) or TOOL_ADVICE[r['tool']]}")
        if len(best):
            pairs = [f"{b['name']} ({w.num(b[col])})" for _, b in best.iterrows()]
            text += f" โดยเชิญหน่วยงานที่ได้คะแนนตัวชี้วัดนี้สูง เช่น {_join(pairs)} ร่วมถ่ายทอดแนวปฏิบัติ"
        out.append(text)
    ch = s.change_summary()
    if ch["declined"]:
        names = _join(list(ch["drops"]["name"].head(3)))
        out.append(f"หน่วยงานที่คะแนนรวมลดลงจากปีก่อน {w.places(ch['declined'])} เช่น {names} "
                   f"ควรทบทวนสาเหตุของการลดลงเป็นรายตัวชี้วัด และกำหนดมาตรการแก้ไขให้ชัดเจน")
    if len(s.failed):
        out.append(f"หน่วยงานที่ยังประมวลผลไม่สำเร็จ {w.places(len(s.failed))} ควรตรวจสอบและแก้ไขข้อมูลนำเข้าตามสาเหตุ"
                   "ที่ระบุไว้ แล้วประมวลผลใหม่ เพื่อให้รายงานสรุปของจังหวัดครบทุกหน่วยงาน")
    if not out:
        out.append("ทุกหน่วยงานผ่านเกณฑ์ทั้งคะแนนรวมและรายตัวชี้วัด ควรส่งเสริมให้รักษามาตรฐานและแลกเปลี่ยนแนวปฏิบัติที่ดีต่อไป")
    return out


# =========================================================================== charts

_CM = 1 / 2.54
HEAT_BOUNDS = (0, 50, 65, 75, 85, 90, 95, 100.001)
# below the pass line: oranges, darker = lower; from the pass line: teals, darker = higher. The hue
# changes at 85 (the visual break); cells below 85 also print their value in bold.
HEAT_COLOURS = ("#8c4a00", "#d37a00", "#f2b04c", "#fbdca6", "#d4ece9", "#86c5bf", "#17696b")
HEAT_DARK = (0, 6)  # bins whose values print in white
HEAT_FONT = 6.5
HEAT_LABEL_FONT = 7.0
HEAT_ROW_IN = 0.15  # ~3.8 mm a row: 40 rows and the chrome fit one A4 page with a heading


def _td(text: str, thai_digits: bool) -> str:
    return thai.to_thai_digits(text) if thai_digits else text


def _score(value: float, thai_digits: bool) -> str:
    return thai.number(value, 2, thai_digits)


def _count(n: int, thai_digits: bool) -> str:
    return thai.number(n, 0, thai_digits)


def _fit(text: str, width: int) -> str:
    """One line of at most ``width`` display columns: cut at a word boundary when one is near the end, else
    between letters (never between a letter and its marks), with "…" when cut."""
    if thai.display_width(text) <= width:
        return text
    first = thai.wrap(text, width - 1)[0]
    if 0.6 * width <= thai.display_width(first) <= width - 1:
        return first.rstrip() + "…"
    cut = ""
    for ch in text:
        if thai.display_width(cut + ch) > width - 1:
            break
        cut += ch
    while cut and thai.display_width(cut + text[len(cut):len(cut) + 1]) == thai.display_width(cut) and \
            len(cut) < len(text):  # the next character is a mark of the last letter: keep them together
        cut += text[len(cut)]
    return cut.rstrip() + "…"


def _chart_title(subject: str, s: ProvinceSummary, thai_digits: bool, extra: str = "") -> str:
    lines = list(charts._wrap(subject, charts.TITLE_WIDTH))
    where = f"จังหวัด{s.province} ({_count(len(s.df), thai_digits)} แห่ง){extra}"
    lines.extend(charts._wrap(where, charts.TITLE_WIDTH))
    return "\n".join(lines)


def _year_text(s: ProvinceSummary, thai_digits: bool) -> str:
    return f"ปีงบประมาณ พ.ศ. {_td(str(s.assessment_year), thai_digits)}"


def level_chart(s: ProvinceSummary, thai_digits: bool = True) -> Figure | None:
    """Organisations per level, best level on top; levels under the pass line in the weakness colour."""
    if s.df.empty:
        return None
    family = charts.use_sarabun()
    dist = s.level_distribution()
    dist = dist[dist["in_scale"] | (dist["count"] > 0)]
    passing = set(s.passing_levels)
    labels = [charts._label(lv, charts.LABEL_WIDTH) for lv in dist.index]
    counts = list(dist["count"])
    title = _chart_title(f"จำนวนหน่วยงานจำแนกตามระดับผลการประเมิน ITA {_year_text(s, thai_digits)}", s, thai_digits)
    with charts._style(family):
        fig = charts._new_figure(charts._bar_height_in(labels) + charts._chrome_in(title, extra=-0.2))
        ax = fig.add_subplot()
        y = list(range(len(counts)))
        bars = ax.barh(y, counts, height=0.62, zorder=2)
        top = max(counts) or 1
        for i, (bar, lv, n, share) in enumerate(zip(bars, dist.index, counts, dist["share"])):
            bar.set_gid(f"bar-level-{i}")
            if lv in passing:
                bar.set(facecolor=STRENGTH_COLOUR, edgecolor=STRENGTH_COLOUR, linewidth=0.8)
            elif dist.loc[lv, "in_scale"]:
                bar.set(facecolor=WEAKNESS_COLOUR, edgecolor=WEAKNESS_EDGE, hatch=WEAKNESS_HATCH, linewidth=0.8)
            else:
                bar.set(facecolor="#bbbbbb", edgecolor=MUTED_COLOUR, linewidth=0.8)
            text = f"{_count(n, thai_digits)} แห่ง ({_td(thai.number(share, 2, False), thai_digits)}%)"
            ax.text(n + top * 0.02, i, text, va="center", ha="left", zorder=5, gid=f"value-level-{i}",
                    fontweight="bold" if n else "normal", color=TEXT_COLOUR if n else MUTED_COLOUR)
        ax.set_yticks(y, labels)
        ax.tick_params(axis="y", length=0, pad=6)
        ax.set_ylim(len(counts) - 0.5, -0.5)
        ax.set_xlim(0, top * 1.35)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=6))
        ax.xaxis.set_major_formatter(charts._tick_formatter(thai_digits))
        ax.set_xlabel("จำนวนหน่วยงาน (แห่ง)")
        ax.grid(axis="x", color="#d9d9d9", linewidth=0.6, zorder=0)
        ax.set_axisbelow(True)
        ax.spines["left"].set_visible(False)
        charts._title(fig, title)
        line = charts._plain(s.pass_line, thai_digits)
        handles = [Patch(facecolor=STRENGTH_COLOUR, edgecolor=STRENGTH_COLOUR, label=f"ระดับที่คะแนนรวมผ่านเกณฑ์ (≥ {line})"),
                   Patch(facecolor=WEAKNESS_COLOUR, edgecolor=WEAKNESS_EDGE, hatch=WEAKNESS_HATCH,
                         label=f"ระดับที่ต่ำกว่าเกณฑ์ (< {line})")]
        fig.legend(handles=handles, loc="outside lower center", ncols=2, frameon=False, handlelength=2.2,
                   handleheight=1.0, columnspacing=2.0)
        charts._finish(fig, family)
    return fig


def totals_chart(s: ProvinceSummary, thai_digits: bool = True) -> Figure | None:
    """How the totals spread: a histogram in 5-point bins with the pass line and the median."""
    if s.df.empty:
        return None
    family = charts.use_sarabun()
    totals = s.df["total"].round(2).to_numpy()
    lo = max(0, int(math.floor(totals.min() / 5) * 5))
    lo = min(lo, int(s.pass_line) - 10)
    edges = np.arange(lo, 105, 5, dtype=float)
    counts, _ = np.histogram(totals, bins=edges)
    median = float(np.median(s.df["total"]))
    title = _chart_title(f"การกระจายของคะแนนรวม ITA {_year_text(s, thai_digits)}", s, thai_digits)
    with charts._style(family):
        fig = charts._new_figure(5.8 * _CM + charts._chrome_in(title, extra=-0.1))
        ax = fig.add_subplot()
        bars = ax.bar(edges[:-1], counts, width=5, align="edge", zorder=2)
        for i, (bar, left, n) in enumerate(zip(bars, edges[:-1], counts)):
            bar.set_gid(f"bar-total-{i}")
            if left < s.pass_line:
                bar.set(facecolor=WEAKNESS_COLOUR, edgecolor=WEAKNESS_EDGE, hatch=WEAKNESS_HATCH, linewidth=0.8)
            else:
                bar.set(facecolor=STRENGTH_COLOUR, edgecolor="#ffffff", linewidth=0.8)
            if n:
                ax.text(left + 2.5, n, _count(int(n), thai_digits), ha="center", va="bottom", fontweight="bold",
                        gid=f"value-total-{i}", zorder=5)
        top = max(int(counts.max()), 1)
        ax.set_ylim(0, top * 1.3 + 0.5)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=5))
        ax.yaxis.set_major_formatter(charts._tick_formatter(thai_digits))
        ax.set_ylabel("จำนวนหน่วยงาน (แห่ง)")
        ax.set_xlim(lo, 100)
        ax.xaxis.set_major_locator(FixedLocator(edges))
        ax.xaxis.set_major_formatter(charts._tick_formatter(thai_digits))
        ax.set_xlabel("คะแนนรวม (ช่วงละ ๕ คะแนน)" if thai_digits else "คะแนนรวม (ช่วงละ 5 คะแนน)")
        ax.grid(axis="y", color="#d9d9d9", linewidth=0.6, zorder=0)
        ax.set_axisbelow(True)
        charts._pass_line(ax, s.pass_line, thai_digits)
        ax.axvline(median, color=TEXT_COLOUR, linestyle=":", linewidth=1.2, zorder=4, gid="median-line")
        ax.text(median, 0.97, f"มัธยฐาน {_score(median, thai_digits)}", transform=blended_transform_factory(
            ax.transData, ax.transAxes), ha="right" if median > 92 else "left", va="top", color=TEXT_COLOUR,
            gid="median-label", bbox=charts._HALO, zorder=6)
        charts._title(fig, title)
        charts._finish(fig, family)
    return fig


def indicator_chart(s: ProvinceSummary, thai_digits: bool = True) -> Figure | None:
    """Province averages per indicator against the pass line, beside the share of organisations below it."""
    if s.df.empty:
        return None
    family = charts.use_sarabun()
    inds = s.indicator_summary()
    labels = [charts._label(f"{_count(n, thai_digits)} {r['name']}", charts.LABEL_WIDTH) for n, r in inds.iterrows()]
    means = list(inds["mean"])
    weak = [round(m, 2) < s.pass_line for m in means]
    title = _chart_title(f"คะแนนเฉลี่ยรายตัวชี้วัด ITA {_year_text(s, thai_digits)} และสัดส่วนหน่วยงานที่ต่ำกว่าเกณฑ์",
                         s, thai_digits)
    with charts._style(family):
        fig = charts._new_figure(charts._bar_height_in(labels) + charts._chrome_in(title, extra=0.1))
        left, right = fig.subplots(1, 2, sharey=True, gridspec_kw={"width_ratios": [2.3, 1]})
        backgrounds = ["#ffffff"] * len(means)
        groups: dict[str, list[int]] = {}
        for pos, (n, r) in enumerate(inds.iterrows()):
            groups.setdefault(r["tool"], []).append(pos)
        for k, rows in enumerate(groups.values()):
            for row in rows:
                backgrounds[row] = charts.BAND_COLOUR if k % 2 == 0 else "#ffffff"
        charts._hbars(left, labels, means, weak, thai_digits, gid="bar-indicator", backgrounds=backgrounds)
        left.set_xlabel("คะแนนเฉลี่ย")
        for k, (tool, rows) in enumerate(groups.items()):
            lo, hi = min(rows) - 0.5, max(rows) + 0.5
            for ax in (left, right):
                if k % 2 == 0:
                    ax.axhspan(lo, hi, color=charts.BAND_COLOUR, zorder=0, linewidth=0)
                if k:
                    ax.axhline(lo, color="#bbbbbb", linewidth=0.7, zorder=1)
            right.text(1.04, (lo + hi) / 2, tool, transform=blended_transform_factory(right.transAxes, right.transData),
                       ha="left", va="center", fontweight="bold", color=MUTED_COLOUR, gid=f"tool-{tool}")
        charts._pass_line(left, s.pass_line, thai_digits)
        shares = list(inds["share_below"])
        bars = right.barh(range(len(shares)), shares, height=0.62, zorder=2)
        for i, (bar, share, n) in enumerate(zip(bars, shares, inds["below"])):
            bar.set(facecolor=WEAKNESS_COLOUR, edgecolor=WEAKNESS_EDGE, hatch=WEAKNESS_HATCH, linewidth=0.8,
                    gid=f"bar-below-{i}")
            right.text(share + 3, i, f"{_count(int(n), thai_digits)} แห่ง", va="center", ha="left", zorder=5,
                       color=WEAKNESS_EDGE if n else MUTED_COLOUR, fontweight="bold" if n else "normal",
                       gid=f"value-below-{i}")
        right.set_xlim(0, 140)
        right.xaxis.set_major_locator(FixedLocator([0, 50, 100]))
        right.xaxis.set_major_formatter(FuncFormatter(lambda x, _p: _td(f"{x:.0f}%", thai_digits)))
        right.set_xlabel("ต่ำกว่าเกณฑ์ (% ของหน่วยงาน)")
        right.tick_params(axis="y", length=0, labelleft=False)
        right.spines["left"].set_visible(False)
        right.grid(axis="x", color="#d9d9d9", linewidth=0.6, zorder=0)
        right.set_axisbelow(True)
        charts._title(fig, title)
        charts._legend(fig, s.pass_line, thai_digits, "เฉลี่ยผ่านเกณฑ์", "เฉลี่ยต่ำกว่าเกณฑ์")
        charts._finish(fig, family)
    return fig


def _heat_bin(value: float) -> int:
    v = round(value, 2)
    for i in range(len(HEAT_BOUNDS) - 1):
        if v < HEAT_BOUNDS[i + 1]:
            return i
    return len(HEAT_COLOURS) - 1


def _bounds_label(i: int, thai_digits: bool) -> str:
    lo, hi = HEAT_BOUNDS[i], min(100, HEAT_BOUNDS[i + 1])
    if i == 0:
        return f"< {_count(int(hi), thai_digits)}"
    return f"{_count(int(lo), thai_digits)}–{_count(int(hi), thai_digits)}"


def heatmap_chart(s: ProvinceSummary, thai_digits: bool = True, start: int = 0, stop: int | None = None,
                  page: tuple[int, int] = (1, 1)) -> Figure | None:
    """Organisations (rows, by rank) × indicators (columns), each cell coloured by its score with 85 as the
    break, its value printed inside; rows ``start:stop`` of the ranking."""
    ranked = s.ranking()
    part = ranked.iloc[start:stop]
    if part.empty:
        return None
    family = charts.use_sarabun()
    fw = s.framework
    numbers = list(fw.indicators)
    values = part[[indicator_column(n) for n in numbers]].to_numpy(dtype=float)
    rows, cols = values.shape
    labels = []
    for _, r in part.iterrows():
        name = _fit(r["short_name"], 24)
        labels.append(f"{_count(int(r['rank']), thai_digits)}. {name}")
    extra = ""
    if page[1] > 1:
        extra = f" หน้า {_count(page[0], thai_digits)}/{_count(page[1], thai_digits)}"
    title = _chart_title(f"คะแนนรายตัวชี้วัดของแต่ละหน่วยงาน ITA {_year_text(s, thai_digits)}", s, thai_digits,
                         extra)
    cmap = ListedColormap(HEAT_COLOURS)
    norm = BoundaryNorm(HEAT_BOUNDS, cmap.N)
    with charts._style(family):
        height = rows * HEAT_ROW_IN + charts._chrome_in(title, extra=0.55)
        fig = charts._new_figure(height)
        ax = fig.add_subplot()
        ax.pcolormesh(np.arange(cols + 1), np.arange(rows + 1), values, cmap=cmap, norm=norm,
                             edgecolors="#ffffff", linewidth=0.6, gid="heatmap")
        ax.set_ylim(rows, 0)  # rank 1 on top
        ax.set_xlim(0, cols)
        for i in range(rows):
            for j in range(cols):
                v = values[i, j]
                b = _heat_bin(v)
                ax.text(j + 0.5, i + 0.5, _score(v, thai_digits), ha="center", va="center", fontsize=HEAT_FONT,
                        color="#ffffff" if b in HEAT_DARK else TEXT_COLOUR,
                        fontweight="bold" if round(v, 2) < s.pass_line else "normal", gid=f"cell-{i}-{j}",
                        in_layout=False)  # inside its cell: the layout need not measure hundreds of them
        right = blended_transform_factory(ax.transAxes, ax.transData)
        for i, (_, r) in enumerate(part.iterrows()):
            weak = round(r["total"], 2) < s.pass_line
            ax.text(1.015, i + 0.5, _score(r["total"], thai_digits), transform=right, ha="left", va="center",
                    fontsize=HEAT_LABEL_FONT, fontweight="bold", color=WEAKNESS_EDGE if weak else TEXT_COLOUR,
                    gid=f"total-{i}")
        top = blended_transform_factory(ax.transAxes, ax.transAxes)
        ax.text(1.015, 1.0, "คะแนน\nรวม", transform=top, ha="left", va="bottom", fontsize=HEAT_LABEL_FONT,
                fontweight="bold", linespacing=1.1)
        ax.set_yticks(np.arange(rows) + 0.5, labels)
        ax.tick_params(axis="y", length=0, pad=3, labelsize=HEAT_LABEL_FONT)
        ax.xaxis.tick_top()
        ax.set_xticks(np.arange(cols) + 0.5, [_count(n, thai_digits) for n in numbers])
        ax.tick_params(axis="x", length=0, pad=2, labelsize=HEAT_LABEL_FONT + 0.5)
        groups: dict[str, list[int]] = {}
        for j, n in enumerate(numbers):
            groups.setdefault(fw.indicators[n].tool, []).append(j)
        head = blended_transform_factory(ax.transData, ax.transAxes)
        for tool, js in groups.items():
            lo, hi = min(js), max(js) + 1
            ax.annotate(tool, ((lo + hi) / 2, 1), xycoords=head, xytext=(0, 12), textcoords="offset points",
                        ha="center", va="bottom", fontweight="bold", fontsize=HEAT_LABEL_FONT + 0.5,
                        color=MUTED_COLOUR, gid=f"tool-{tool}")
            if lo:  # tools apart: a dark rule between their columns
                ax.axvline(lo, color=TEXT_COLOUR, linewidth=1.4, zorder=3)
        ax.annotate("ตัวชี้วัดที่", (0, 1), xycoords="axes fraction", xytext=(-3, 2), textcoords="offset points",
                    ha="right", va="bottom", fontsize=HEAT_LABEL_FONT, color=MUTED_COLOUR)
        for spine in ax.spines.values():
            spine.set_visible(False)
        charts._title(fig, title)
        handles = [Patch(facecolor=c, edgecolor="#999999", linewidth=0.5, label=_bounds_label(i, thai_digits))
                   for i, c in enumerate(HEAT_COLOURS)]
        line = charts._plain(s.pass_line, thai_digits)
        fig.legend(handles=handles, loc="outside lower center", ncols=len(handles), frameon=False,
                   handlelength=1.6, handleheight=0.9, columnspacing=1.0, fontsize=HEAT_LABEL_FONT + 0.5,
                   title=f"ช่วงคะแนน: สีส้ม = ต่ำกว่าเกณฑ์ {line} (ตัวเลขตัวหนา) · สีเขียวน้ำทะเล = ผ่านเกณฑ์",
                   title_fontsize=HEAT_LABEL_FONT + 0.5)
        charts._finish(fig, family)
    return fig


def heatmap_pages(n_rows: int, per_page: int = HEATMAP_ROWS, first: int = HEATMAP_FIRST_ROWS) -> list[tuple[int, int]]:
    """Row ranges of the heatmap pages: as few pages as fit (the first holds at most ``first`` rows, the others
    ``per_page``), rows spread evenly (41 → 21 + 20, not 26 + 15)."""
    if n_rows <= 0:
        return []
    if n_rows <= first:
        return [(0, n_rows)]
    pages = 1 + math.ceil((n_rows - first) / per_page)
    head = min(first, math.ceil(n_rows / pages))
    size, extra = divmod(n_rows - head, pages - 1)
    out, start = [(0, head)], head
    for p in range(pages - 1):
        stop = start + size + (1 if p < extra else 0)
        out.append((start, stop))
        start = stop
    return out


def heatmap_charts(s: ProvinceSummary, thai_digits: bool = True) -> list[Figure]:
    """The heatmap in pages (:func:`heatmap_pages`), each page a figure of its own."""
    pages = heatmap_pages(len(s.df))
    return [heatmap_chart(s, thai_digits, a, b, (k + 1, len(pages))) for k, (a, b) in enumerate(pages)]


def change_chart(s: ProvinceSummary, thai_digits: bool = True, limit: int = CHART_CHANGES) -> Figure | None:
    """Change of the total against last year per organisation, gains up top; with many organisations only the
    ``limit`` biggest gains and drops. None when no organisation has last year's total."""
    known = s.df[s.df["change"].notna()]
    if known.empty:
        return None
    family = charts.use_sarabun()
    ordered = known.assign(_k=[thai.sort_key(n) for n in known["name"]]).sort_values(
        ["change", "_k"], ascending=[False, True])
    cut = len(ordered) > 2 * limit
    if cut:
        ordered = pd.concat([ordered.head(limit), ordered.tail(limit)])
    labels = [_fit(n, 26) for n in ordered["short_name"]]
    changes = list(ordered["change"])
    subject = f"การเปลี่ยนแปลงของคะแนนรวม ITA {_year_text(s, thai_digits)} เทียบกับ พ.ศ. {_td(str(s.previous_year), thai_digits)}"
    extra = ""
    if cut:
        extra = f" แสดงที่เพิ่มขึ้นและลดลงมากที่สุดอย่างละ {_count(limit, thai_digits)} แห่ง"
    title = _chart_title(subject, s, thai_digits, extra)
    with charts._style(family):
        fig = charts._new_figure(len(labels) * 0.24 + 0.2 + charts._chrome_in(title, extra=-0.3))
        ax = fig.add_subplot()
        y = np.arange(len(changes), dtype=float)
        if cut:
            y[limit:] += 0.8  # a gap where the middle of the list is left out
        bars = ax.barh(y, changes, height=0.62, zorder=2)
        span = max(abs(c) for c in changes) or 1
        for i, (bar, c) in enumerate(zip(bars, changes)):
            bar.set_gid(f"bar-change-{i}")
            if c <= -UNCHANGED:
                bar.set(facecolor=WEAKNESS_COLOUR, edgecolor=WEAKNESS_EDGE, hatch=WEAKNESS_HATCH, linewidth=0.8)
            elif c >= UNCHANGED:
                bar.set(facecolor=STRENGTH_COLOUR, edgecolor=STRENGTH_COLOUR, linewidth=0.8)
            else:
                bar.set(facecolor="#999999", edgecolor="#999999")
            sign = "+" if c >= UNCHANGED else ("-" if c <= -UNCHANGED else "±")
            text = sign + _score(abs(c), thai_digits)
            ax.text(c + (span * 0.02 if c >= 0 else -span * 0.02), y[i], text, va="center",
                    ha="left" if c >= 0 else "right", zorder=5, gid=f"value-change-{i}",
                    color=WEAKNESS_EDGE if c <= -UNCHANGED else TEXT_COLOUR)
        if cut:
            rest = len(known) - 2 * limit
            ax.text(0, limit - 0.1, f"(อีก {_count(rest, thai_digits)} แห่งอยู่ระหว่างนี้)", ha="center",
                    va="center", color=MUTED_COLOUR, zorder=6, gid="change-gap", bbox=charts._HALO)
        ax.set_yticks(y, labels)
        ax.tick_params(axis="y", length=0, pad=6)
        ax.set_ylim(y[-1] + 0.6, -0.6)
        ax.set_xlim(-span * 1.4, span * 1.4)
        ax.axvline(0, color=TEXT_COLOUR, linewidth=0.9, zorder=3)
        ax.xaxis.set_major_formatter(FuncFormatter(
            lambda x, _p: ("+" if x > 0 else "") + thai.number(x, 0 if float(x).is_integer() else 1, thai_digits)))
        ax.set_xlabel("คะแนนรวมที่เปลี่ยนแปลง (คะแนน)")
        ax.grid(axis="x", color="#d9d9d9", linewidth=0.6, zorder=0)
        ax.set_axisbelow(True)
        ax.spines["left"].set_visible(False)
        charts._title(fig, title)
        handles = [Patch(facecolor=STRENGTH_COLOUR, edgecolor=STRENGTH_COLOUR, label="คะแนนรวมสูงขึ้น"),
                   Patch(facecolor=WEAKNESS_COLOUR, edgecolor=WEAKNESS_EDGE, hatch=WEAKNESS_HATCH,
                         label="คะแนนรวมลดลง")]
        fig.legend(handles=handles, loc="outside lower center", ncols=2, frameon=False, handlelength=2.2,
                   handleheight=1.0, columnspacing=2.0)
        charts._finish(fig, family)
    return fig


# =========================================================================== report sections


# Break points inside the organisation types, which dictionaries keep as one unbreakable word (136 px of
# องค์การบริหารส่วนตำบล would make the name column of a seven-column table too wide for the page).
TYPE_PARTS = {
    "องค์การบริหารส่วนจังหวัด": ("องค์การ", "บริหาร", "ส่วน", "จังหวัด"),
    "องค์การบริหารส่วนตำบล": ("องค์การ", "บริหาร", "ส่วน", "ตำบล"),
    "เทศบาลนคร": ("เทศบาล", "นคร"),
    "เทศบาลเมือง": ("เทศบาล", "เมือง"),
    "เทศบาลตำบล": ("เทศบาล", "ตำบล"),
}


def _spans(tokens: Iterable[str]) -> Markup:
    """Escaped words, each unbreakable, with a break opportunity between them (as thai.html_words)."""
    parts = []
    for tok in tokens:
        if tok.isspace():
            parts.append(Markup(" "))
            continue
        if parts and parts[-1] != " ":
            parts.append(Markup("<wbr>"))
        parts.append(Markup('<span class="w">{}</span>').format(tok) if thai._has_thai(tok) else escape(tok))
    return Markup("").join(parts)


@lru_cache(maxsize=1024)
def _loose_tokens(text: str) -> tuple[str, ...]:
    from pythainlp.tokenize import word_tokenize

    return tuple(t for t in word_tokenize(text, engine="newmm", keep_whitespace=True) if t)


def loose_html(text: Any) -> Markup:
    """Table-cell text that may break between plain dictionary words (ต้อง|ปรับปรุง|โดยด่วน), for narrow columns
    of levels and indicator names; prose keeps the stricter `th` filter."""
    return _spans(_loose_tokens(str(text))) if text else Markup("")


def name_html(name: str, words: Iterable[str] = ()) -> Markup:
    """An organisation's name that may break after its type (องค์การ|บริหาร|ส่วน|ตำบล|สามเรือน), never inside
    the place name."""
    for full, parts in TYPE_PARTS.items():
        if name == full:
            return _spans(parts)
        if name.startswith(full):
            return _spans(parts) + Markup("<wbr>") + thai.html_words(name[len(full):].lstrip(), words)
    return thai.html_words(name, words)


def _records(df: pd.DataFrame) -> list[dict]:
    """Rows as dicts for the templates, NaN as None (the `num` filter prints None as "–")."""
    out = []
    for rec in df.to_dict("records"):
        out.append({k: None if isinstance(v, float) and math.isnan(v) else v for k, v in rec.items()})
    return out


class ProvinceReport:
    """The province summary as notebook cells see it: load once, then one call per displayed section."""

    def __init__(self, summary: ProvinceSummary, thai_digits: bool = True):
        self.s = summary
        self.thai_digits = thai_digits
        self.words = summary.words()
        self.w = _Writer(summary, thai_digits)

    @classmethod
    def load(cls, manifest_file: str | Path, thai_digits: bool = True) -> "ProvinceReport":
        return cls(ProvinceSummary.load(manifest_file), thai_digits)

    # -- helpers ------------------------------------------------------------------
    def _render(self, template: str, **context: Any) -> sections.Section:
        return sections.render(template, self.thai_digits, self.words, s=self.s, w=self.w, loose=loose_html,
                               org=self._name_html, **context)

    def _name_html(self, name: str) -> Markup:
        return name_html(name, self.words)

    def _figure_html(self, fig: Figure | None, caption: str) -> Markup | None:
        if fig is None:
            return None
        return Markup(sections.figure(charts.to_svg(fig), caption, self.thai_digits, self.words).html)

    def _figure(self, fig: Figure | None, caption: str) -> sections.Section | None:
        html = self._figure_html(fig, caption)
        return None if html is None else sections.Section(str(html))

    def year(self, value: int) -> str:
        return self.w.year(value)

    @property
    def title(self) -> str:
        return (f"{TITLE_TH} {SUBTITLE_TH}จังหวัด{self.s.province} "
                f"ประจำปีงบประมาณ พ.ศ. {self.year(self.s.assessment_year)}")

    @cached_property
    def _ranking(self) -> pd.DataFrame:
        return self.s.ranking()

    @cached_property
    def _priorities(self) -> pd.DataFrame:
        return self.s.priorities()

    # -- sections, in document order -------------------------------------------------
    def cover(self) -> sections.Section:
        return self._render("province_cover.html.j2", title=TITLE_TH, subtitle=SUBTITLE_TH,
                            o=self.s.overview(), failed=len(self.s.failed))

    def overview(self) -> sections.Section:
        o = self.s.overview()
        return self._render("province_overview.html.j2", paragraphs=summary_paragraphs(self.s, self.thai_digits),
                            o=o, dist=self.s.level_distribution(), passing=set(self.s.passing_levels))

    def levels_chart(self) -> sections.Section | None:
        return self._figure(level_chart(self.s, self.thai_digits),
                            f"จำนวนหน่วยงานจำแนกตามระดับผลการประเมิน ITA ปีงบประมาณ พ.ศ. {self.year(self.s.assessment_year)}")

    def totals_chart(self) -> sections.Section | None:
        return self._figure(totals_chart(self.s, self.thai_digits),
                            f"การกระจายของคะแนนรวม เทียบกับเกณฑ์ผ่าน {self.w.line} คะแนน")

    def districts(self) -> sections.Section | None:
        if self.s.df.empty:
            return None
        d = self.s.district_summary()
        t = self.s.type_summary()
        return self._render("province_districts.html.j2", districts=d, types=t)

    def indicators(self) -> sections.Section | None:
        if self.s.df.empty:
            return None
        chart = self._figure_html(indicator_chart(self.s, self.thai_digits),
                                  f"คะแนนเฉลี่ยรายตัวชี้วัดของจังหวัด เทียบกับเกณฑ์ผ่าน {self.w.line} คะแนน "
                                  f"และจำนวนหน่วยงานที่ได้คะแนนต่ำกว่าเกณฑ์")
        return self._render("province_indicators.html.j2", tools=self.s.tool_summary(),
                            inds=self.s.indicator_summary(), chart=chart)

    def heatmap(self) -> sections.Section | None:
        if self.s.df.empty:
            return None
        pages = heatmap_pages(len(self.s.df))
        figures = []
        for k, (a, b) in enumerate(pages):
            fig = heatmap_chart(self.s, self.thai_digits, a, b, (k + 1, len(pages)))
            caption = "คะแนนรายตัวชี้วัดของแต่ละหน่วยงาน เรียงตามคะแนนรวม"
            if len(pages) > 1:
                caption += (f" (ลำดับที่ {self.w.count(a + 1)}–{self.w.count(b)} "
                            f"หน้า {self.w.count(k + 1)}/{self.w.count(len(pages))})")
            figures.append(self._figure_html(fig, caption))
        return self._render("province_heatmap.html.j2", figures=figures, new_page=len(self.s.df) > 20,
                            names=[(n, ind.name) for n, ind in self.s.framework.indicators.items()])

    def ranking(self) -> sections.Section | None:
        if self.s.df.empty:
            return None
        return self._render("province_ranking.html.j2", rows=_records(self._ranking), passing=set(self.s.passing_levels),
                            names={n: ind.name for n, ind in self.s.framework.indicators.items()})

    def changes(self) -> sections.Section | None:
        if self.s.df.empty:
            return None
        ch = self.s.change_summary()
        chart = self._figure_html(change_chart(self.s, self.thai_digits),
                                  f"การเปลี่ยนแปลงของคะแนนรวมเทียบกับปีงบประมาณ พ.ศ. {self.year(self.s.previous_year)}")
        return self._render("province_changes.html.j2", ch=ch, chart=chart)

    def priorities(self) -> sections.Section | None:
        if self.s.df.empty:
            return None
        pr = self._priorities
        shown = max(PRIORITY_ROWS, int(pr["failing"].sum()))  # every organisation below the pass line, always
        return self._render("province_priorities.html.j2", rows=_records(pr.head(shown)), total=len(pr),
                            more=len(pr) > shown, paragraph=priorities_paragraph(self.s, self.thai_digits))

    def failures(self) -> sections.Section | None:
        if self.s.failed.empty:
            return None
        return self._render("province_failures.html.j2", rows=_records(self.s.failed))

    def closing(self) -> sections.Section:
        return self._render("province_closing.html.j2", items=recommendations(self.s, self.thai_digits),
                            fw=self.s.framework, source=Path(self.s.source).name if self.s.source else None)


# =========================================================================== render


def province_title(manifest: dict, thai_digits: bool = True) -> str:
    year = str(manifest["assessment_year"])
    if thai_digits:
        year = thai.to_thai_digits(year)
    return f"{TITLE_TH} {SUBTITLE_TH}จังหวัด{manifest['province']} ประจำปีงบประมาณ พ.ศ. {year}"


def render_province_summary(manifest_file: Path, out_dir: Path, formats: Iterable[str] = FORMATS,
                            engine: Any = None, thai_digits: bool = True) -> dict[str, Path]:
    """Execute notebooks/province_summary.ipynb on a manifest and write province_summary.{html,pdf,ipynb}.

    The manifest is validated here first (a bad one fails before any kernel starts). Same execution and
    export path as the organisation reports (toolkit.run.render): Papermill through toolkit.engine.Engine,
    the ``ita`` HTML exporter, html_to_pdf, atomic writes.
    """
    from . import __version__
    from .engine import Engine
    from .export import get_exporter, html_to_pdf
    from .paths import write_atomic
    import nbformat

    formats = tuple(formats)
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown format(s) {unknown}; choose from {FORMATS}")
    manifest_file = Path(manifest_file).resolve()
    manifest = load_manifest(manifest_file)
    out_dir = Path(out_dir)
    parameters = {"manifest_file": str(manifest_file), "thai_digits": bool(thai_digits)}

    own_engine = engine is None
    engine = engine or Engine()
    try:
        nb = engine.execute(NOTEBOOK, parameters)
    finally:
        if own_engine:
            engine.close()
    nb.metadata["ita"] = {
        "title": province_title(manifest, thai_digits),
        "document": STEM,
        "province": manifest["province"],
        "fiscal_year": manifest["fiscal_year"],
        "assessment_year": manifest["assessment_year"],
        "manifest_sha256": hashlib.sha256(manifest_file.read_bytes()).hexdigest(),
        "toolkit_version": __version__,
    }
    nb.metadata.pop("papermill", None)  # times and durations: identical inputs give identical files
    for cell in nb.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)

    outputs: dict[str, bytes] = {}
    if "html" in formats or "pdf" in formats:
        html, _ = get_exporter("html").from_notebook_node(nb)
        if "html" in formats:
            outputs["html"] = html.encode("utf-8")
        if "pdf" in formats:
            outputs["pdf"] = html_to_pdf(html)
    if "ipynb" in formats:
        outputs["ipynb"] = nbformat.writes(nb).encode("utf-8")
    return {fmt: write_atomic(out_dir / f"{STEM}.{fmt}", payload) for fmt, payload in outputs.items()}
