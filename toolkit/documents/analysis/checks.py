"""Checks of the analysis report's params: cross-field problems (errors) and consistency findings.

Errors stop the document (exit 2, a failed row in a batch): scores typed as fractions, and published
figures that contradict the organisation's own (``reconcile.conflicts``, hard ones) unless the params say
``accept_published``. Findings do not: measures that leave an urgent indicator out or put urgent ones
last, places that are not among the 77 provinces and their districts.
"""
from __future__ import annotations

from typing import Any, Iterable

from ...frameworks import load_framework
from ...kit import places
from ...kit.checks import dates_outside, numbering, periods_outside, years_outside
from ...kit.errors import InputError
from ...kit.findings import Finding
from ...kit.thai import fiscal_year_bounds, join_th
from .analyse import Analysis, analyse
from .measures import GROUP_ORDER, in_table_order
from .model import AnalysisParams
from .reconcile import conflicts


def problems(params: AnalysisParams, source: str | None = None) -> list[tuple[tuple, str, str, Any]]:
    """Checks that need the framework or several fields at once: (field path, Thai, English, got)."""
    a = params.assessment
    try:
        framework = load_framework(a.year, a.framework, source)
    except InputError as exc:
        field = ("assessment", "framework") if a.framework else ("assessment", "year")
        return [(field, exc.expected_th, exc.expected_en, exc.got)]
    out: list[tuple[tuple, str, str, Any]] = []
    if params.fiscal_year < a.year:
        out.append((("fiscal_year",),
                    f"ปีงบประมาณของเอกสารต้องไม่ก่อนปีที่ประเมิน ({a.year}) โดยปกติคือปีถัดไป ({a.year + 1})",
                    f"the document's fiscal year must not be before the assessment year ({a.year}); "
                    f"normally it is the next one ({a.year + 1})", params.fiscal_year))
    seen: set[int] = set()
    for i, entry in enumerate(params.previous):
        if entry.year >= a.year:
            out.append((("previous", i, "year"), f"ปีในประวัติต้องก่อนปีที่ประเมิน ({a.year})",
                        f"a history year must be before the assessment year ({a.year})", entry.year))
        if entry.year in seen:
            out.append((("previous", i, "year"), "ปีในประวัติต้องไม่ซ้ำกัน", "history years must not repeat", entry.year))
        seen.add(entry.year)
    values = list(a.indicators.values())
    if all(0 <= v <= 1 for v in values) and any(0 < v < 1 for v in values):
        out.append((("assessment", "indicators"),
                     "คะแนนตัวชี้วัดดูเหมือนเป็นสัดส่วน (เช่น 0.9612 แทน 96.12): ให้คูณด้วย 100 หรือจัดรูปแบบเซลล์เป็น"
                     "ตัวเลข (ไม่ใช่เปอร์เซ็นต์) คะแนนต้องอยู่ในช่วง 0–100",
                     "the indicator scores look like fractions (0.9612 for 96.12): multiply by 100, or format the "
                     "cells as numbers (not percentages); scores are on a 0–100 scale", values[0]))
        return out
    if not params.accept_published:
        for c in conflicts(params, framework):
            if c.hard:
                out.append((c.path, c.th + " (ถ้าตัวเลขที่ประกาศถูกต้องตามเอกสารทางการ ใช้ --accept-published เพื่อพิมพ์ตามนั้น)",
                            c.en + " (if these are the official figures as published, --accept-published prints "
                            "them anyway)", c.reported))
    for i, m in enumerate(params.measures or []):
        if m.tool is None:
            continue
        others = [n for n in m.indicators if n in framework.indicators and framework.tool_of(n) != m.tool]
        if others:
            listed = ", ".join(str(n) for n in others)
            out.append((("measures", i, "indicator"),
                        f"มาตรการของแบบวัด {m.tool} ระบุตัวชี้วัดที่ไม่อยู่ในแบบวัดนี้ ({listed}): "
                        f"ลบ tool ออก หรือระบุเฉพาะตัวชี้วัดของ {m.tool}",
                        f"a measure of tool {m.tool} names indicators outside it ({listed}): drop tool, or name "
                        f"only indicators of {m.tool}", listed))
    levels = framework.levels.names
    if a.reported.level is not None and a.reported.level not in levels:
        out.append((("assessment", "reported", "level"),
                    f"ระดับผลการประเมินของปี {a.year} ต้องเป็นหนึ่งใน: {', '.join(levels)}",
                    f"the level for {a.year} must be one of: {', '.join(levels)}", a.reported.level))
    for code in a.items:
        tool = framework.tool_for_code(code)
        catalogue = framework.catalogue(tool) if tool else None
        known = tool is not None and (
            code in catalogue if catalogue is not None
            else framework.tools[tool].item_count is None or int(code[1:]) <= framework.tools[tool].item_count
        )
        if not known:
            count = {t: d.item_count for t, d in framework.tools.items()}
            listed = ", ".join(f"{framework.tools[t].item_prefix}1–{framework.tools[t].item_prefix}{n}"
                               for t, n in count.items() if n)
            out.append((("assessment", "items", code),
                        f"ไม่มีข้อคำถามนี้ในหลักเกณฑ์ปี {a.year} (มี {listed})",
                        f"no such item in the {a.year} framework ({listed})", code))
    return out


def unknown_wording(params: AnalysisParams) -> list[Finding]:
    """Scored items whose published wording the year's framework does not carry: the report shows them by code
    (never a made-up wording), and the reviewer is told which codes and which framework."""
    a = params.assessment
    try:
        framework = load_framework(a.year, a.framework)
    except InputError:
        return []
    codes = [c for c in a.items if framework.item_text(c) is None]
    if not codes:
        return []
    listed = ", ".join(codes)
    return [Finding(
        "item_wording_unknown", "info", "assessment.items",
        f"หลักเกณฑ์ {framework.id} ยังไม่มีถ้อยคำที่เผยแพร่ของข้อ {listed} "
        f"เอกสารจึงแสดงข้อดังกล่าวด้วยรหัสข้อ (เพิ่มถ้อยคำได้ในไฟล์หลักเกณฑ์ ฟิลด์ text ของแต่ละข้อ)",
        f"framework {framework.id} has no published wording for item(s) {listed}, so the document shows them "
        f"by code (add the wording to the framework file, under each item's text)",
        reported=codes, computed=framework.id)]


def lint(params: AnalysisParams, data: dict) -> list[Finding]:
    """Years and dates of the measures and of the office's own text against the plan's fiscal year; periods
    written in words read into dates; measure ids unique and numbers without repeats or gaps; items by code."""
    fy = params.fiscal_year
    given = data.get("measures") or []
    measures = {"measures": [{k: v for k, v in m.items() if k != "period"} for m in given]}
    office = {k: data[k] for k in ("introduction", "analysis") if data.get(k)}
    allowed = {fy, fy - 1, params.assessment.year} | {p.year for p in params.previous}
    start, end = fiscal_year_bounds(fy)
    out = years_outside({**measures, **office}, allowed, f"ช่วงปีงบประมาณ พ.ศ. {fy} ที่เอกสารนี้วางแผน",
                        f"the plan's fiscal year {fy}")
    out += dates_outside({"measures": given}, start, end, f"ปีงบประมาณ พ.ศ. {fy}", f"fiscal year {fy}")
    out += periods_outside(
        [(("measures", i, "period"), m.period.text, *m.dates(fy)) for i, m in enumerate(params.measures or [])
         if m.period is not None and m.period.text and m.period.from_text],
        start, end, f"ปีงบประมาณ พ.ศ. {fy} ที่เอกสารนี้วางแผน", f"the plan's fiscal year {fy}")
    out += [f for f in numbering(given, "id", ("measures",), "รหัสมาตรการ", "measure id")
            if f.code == "duplicate_number"]
    out += measure_numbering(params)
    return out + unknown_wording(params)


def measure_numbering(params: AnalysisParams) -> list[Finding]:
    """The office's own numbers ("มาตรการที่ ๑.๒"): no repeats, no gaps, level by level; printed only when every
    measure has one, in the order the table prints them."""
    given = [m for m in params.measures or [] if m.number is not None]
    if not given:
        return []
    out = numbering(given, "number", ("measures",), "ลำดับที่ของมาตรการ", "measure number")
    if len(given) < len(params.measures):
        out.append(Finding("incomplete_numbering", "info", "measures",
                           f"ระบุลำดับที่ไว้ {len(given)} จาก {len(params.measures)} มาตรการ เอกสารจะเรียงลำดับใหม่ทั้งหมด",
                           f"{len(given)} of {len(params.measures)} measures carry a number; the document numbers "
                           "all of them"))
        return out
    printed = [m.number for m in in_table_order(params.measures)]
    keys = [tuple(int(p) for p in str(n).split(".")) for n in printed]
    if keys != sorted(keys):
        shown = ", ".join(str(n) for n in printed)
        out.append(Finding("numbers_out_of_order", "info", "measures",
                           f"ตารางมาตรการเรียงมาตรการที่ใช้กับทั้งองค์กรก่อน ตามด้วยมาตรการรายแบบวัดและรายตัวชี้วัด "
                           f"ลำดับที่ที่ระบุจึงพิมพ์เป็น {shown}: ควรเรียงลำดับที่ใหม่ให้ตรงกับตาราง",
                           f"the measures table lists organisation-wide measures first, then those of a tool, then "
                           f"those of indicators, so your numbers print as {shown}: renumber them in that order",
                           reported=[str(n) for n in printed]))
    return out


def _indicators_of(measure: Any) -> list[int]:
    if isinstance(measure, dict):
        value = measure.get("indicators", measure.get("indicator")) or []
        return [int(v) for v in (value if isinstance(value, list) else [value])]
    return list(getattr(measure, "indicators", []) or [])


def _group_of(measure: Any) -> str:
    if isinstance(measure, dict):
        scope = measure.get("scope")
        return scope if scope in GROUP_ORDER else ("tool" if measure.get("tool") else "indicator")
    return measure.group


def urgent_first(measures: Iterable[Any], analysis: Analysis) -> bool:
    """Whether every measure for an urgent indicator (below the pass line) comes before every other one, among
    the measures of indicators (the table prints the general ones in groups of their own)."""
    weak = {i.number for i in analysis.weaknesses}
    flags = [bool(weak & set(_indicators_of(m))) for m in measures if _group_of(m) == "indicator"]
    return flags == sorted(flags, reverse=True)


def measure_findings(params: AnalysisParams, analysis: Analysis | None = None) -> list[Finding]:
    """Urgent indicators that no given measure names (a measure of a tool or of the whole organisation counts
    only for the indicators it names), and measures of indicators that put urgent ones last."""
    if not params.measures:
        return []  # drafted measures follow the weaknesses themselves
    analysis = analysis or analyse(params)
    pass_line = f"{analysis.pass_line:g}"
    covered = {n for m in params.measures for n in m.indicators}
    out = []
    missing = [i for i in sorted(analysis.weaknesses, key=lambda i: i.number) if i.number not in covered]
    if missing:
        numbers = [str(i.number) for i in missing]
        listed = ", ".join(f"{i.number} ({i.score:.2f})" for i in missing)
        general = [k for k, m in enumerate(params.measures, start=1) if m.group != "indicator" and not m.indicators]
        hint_th = hint_en = ""
        if general:
            hint_th = (f" (มาตรการลำดับที่ {join_th([str(k) for k in general])} ใช้กับทั้งแบบวัดหรือทั้งองค์กร "
                       "แต่ไม่ได้ระบุตัวชี้วัดที่ช่วยแก้ จึงไม่นับ: ถ้ามาตรการนั้นแก้ตัวชี้วัดใด ให้ระบุ indicator ไว้ด้วย)")
            hint_en = (f" (measure(s) {', '.join(str(k) for k in general)} serve a whole tool or the organisation but "
                       "name no indicator, so they do not count: add indicator: to the one that answers it)")
        out.append(Finding(
            "urgent_without_measure", "warning", "measures",
            f"ตัวชี้วัดที่ {join_th(numbers)} ต่ำกว่าเกณฑ์ {pass_line} ซึ่งต้องแก้ไขโดยเร่งด่วน แต่ไม่มีมาตรการใดระบุไว้: "
            f"เพิ่มมาตรการที่มี indicator: {numbers[0]}{hint_th}",
            f"indicator(s) {listed} are below the pass line {pass_line} and urgent, but no measure names them: "
            f"add a measure with indicator: {numbers[0]}{hint_en}",
            reported=[i.number for i in missing]))
    if not urgent_first(params.measures, analysis):
        weak = {i.number for i in analysis.weaknesses}
        late = [str(k) for k, m in enumerate(params.measures, start=1) if weak & set(m.indicators)
                and m.group == "indicator"]
        out.append(Finding(
            "urgent_not_first", "warning", "measures",
            f"มาตรการสำหรับตัวชี้วัดที่ต่ำกว่าเกณฑ์ (มาตรการลำดับที่ {join_th(late)}) อยู่หลังมาตรการอื่น: "
            "ให้เรียงมาตรการเร่งด่วนไว้ก่อน รายงานเรียงมาตรการตามลำดับที่ให้ไว้",
            f"the measures for indicators below the pass line (measure(s) {', '.join(late)}) come after others: "
            "put the urgent ones first; the report keeps your order",
            reported=[int(k) for k in late]))
    return out


def findings(params: AnalysisParams) -> list[Finding]:
    """Reconciliation of the official figures (reconcile.py), measures against the urgent indicators, places."""
    analysis = analyse(params)
    return analysis.findings + measure_findings(params, analysis) + places.place_findings(params.organisation)
