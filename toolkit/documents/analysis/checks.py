"""Checks of the analysis report's params: cross-field problems (errors) and consistency findings."""
from __future__ import annotations

from typing import Any

from ...frameworks import load_framework
from ...kit.checks import dates_outside, numbering, years_outside
from ...kit.errors import InputError
from ...kit.findings import Finding
from ...kit.thai import fiscal_year_bounds
from .analyse import analyse
from .model import AnalysisParams


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
    """Years and dates of the measures against the plan's fiscal year; measure ids unique; items shown by code."""
    fy = params.fiscal_year
    measures = {"measures": data.get("measures") or []}
    allowed = {fy, fy - 1, params.assessment.year} | {p.year for p in params.previous}
    start, end = fiscal_year_bounds(fy)
    out = years_outside(measures, allowed, f"ช่วงปีงบประมาณ พ.ศ. {fy} ที่เอกสารนี้วางแผน",
                        f"the plan's fiscal year {fy}")
    out += dates_outside(measures, start, end, f"ปีงบประมาณ พ.ศ. {fy}", f"fiscal year {fy}")
    out += [f for f in numbering(measures["measures"], "id", ("measures",), "รหัสมาตรการ", "measure id")
            if f.code == "duplicate_number"]
    return out + unknown_wording(params)


def findings(params: AnalysisParams) -> list[Finding]:
    """Reconciliation of the official figures (reconcile.py), from the analysis itself."""
    return analyse(params).findings
