"""Checks of the results report's params: cross-field problems (errors) and consistency findings."""
from __future__ import annotations

from ...frameworks import framework_for
from ...kit.checks import dates_outside, dotted, snippet, text_fields, years_outside
from ...kit.errors import InputError
from ...kit.findings import Finding
from ...kit.periods import text_dates
from ...kit.thai import date_text, fiscal_year_bounds, period_text, round_bounds, to_arabic_digits, to_thai_digits
from .link import Problem, link, norm, shown
from .model import STATUS_TH, IntegrityReportParams
from .rounds import carry


def _framework_tools(fiscal_year: int) -> dict[int, str] | None:
    """Indicator → tool for the fiscal year (its own framework, else the nearest earlier one)."""
    try:
        fw = framework_for(fiscal_year)
    except InputError:
        return None
    return {n: d.tool for n, d in fw.indicators.items()}


def problems(params: IntegrityReportParams, source: str | None = None) -> list[Problem]:
    """Link the analysis and check what needs several fields: (field path, Thai, English, got)."""
    out: list[Problem] = []
    carry(params, source, out)  # a 12-month report's 6-month entries come first (rounds.py)
    if not params.results:
        out.append((("results",), "ต้องมีผลการดำเนินการอย่างน้อย ๑ มาตรการ",
                    "at least one measure's results are required", None))
    for i, r in enumerate(params.results):
        if not r.measure and not r.name:
            out.append((("results", i),
                        "ต้องระบุ measure (รหัสมาตรการในเอกสารวิเคราะห์ เช่น M1) หรือ name (ชื่อมาตรการ)",
                        "give measure (a measure id of the analysis, e.g. M1) or name (the measure's name)", None))
        if r.start and r.end and r.end < r.start:
            out.append((("results", i, "end"), "วันสิ้นสุด (end) ต้องไม่ก่อนวันเริ่ม (start)",
                        "end must not be before start", r.end.isoformat()))
    link(params, source, out)

    tools = _framework_tools(params.fiscal_year)
    seen_ids: dict[str, int] = {}
    seen_names: dict[str, int] = {}
    for i, r in enumerate(params.results):
        repeated = False
        if r.measure:
            key = r.measure.casefold()
            if key in seen_ids:
                repeated = True
                out.append((("results", i, "measure"),
                            f"มาตรการนี้รายงานซ้ำกับรายการที่ {seen_ids[key] + 1} (รวมผลไว้ในรายการเดียว)",
                            f"this measure is reported twice (also entry {seen_ids[key] + 1}); merge them", r.measure))
            seen_ids.setdefault(key, i)
        if r.name:
            key = norm(r.name)
            if key in seen_names and not repeated:
                out.append((("results", i, "name"),
                            f"ชื่อมาตรการซ้ำกับรายการที่ {seen_names[key] + 1} (รวมผลไว้ในรายการเดียว)",
                            f"the same measure name as entry {seen_names[key] + 1}; merge them", r.name))
            seen_names.setdefault(key, i)
        if r.measure:
            continue  # linked: the analysis answers for its fields (errors above)
        if r.name and not r.responsible:
            out.append((("results", i, "responsible"), "ต้องระบุผู้รับผิดชอบ (สำนัก/กอง) ของมาตรการนี้",
                        "the responsible unit of this measure is required", None))
        if r.indicators:
            if tools is None:
                out.append((("results", i, "indicator"),
                            f"ไม่มีหลักเกณฑ์ ITA ของปี {params.fiscal_year} ที่จะจับคู่ตัวชี้วัดกับแบบวัด ให้ระบุ tool แทน",
                            f"no ITA framework for {params.fiscal_year} maps indicators to tools; give tool instead",
                            shown(r.indicators)))
                continue
            found = {tools[n] for n in r.indicators if n in tools}
            unknown = [n for n in r.indicators if n not in tools]
            if unknown:
                out.append((("results", i, "indicator"), f"ไม่มีตัวชี้วัดนี้ (มี 1–{max(tools)})",
                            f"no such indicator (there are 1–{max(tools)})", shown(unknown)))
            if r.tool and found and r.tool not in found:
                out.append((("results", i, "tool"),
                            f"แบบวัดไม่ตรงกับตัวชี้วัดที่ระบุ (ตัวชี้วัดอยู่ในแบบวัด {', '.join(sorted(found))})",
                            f"the tool does not match the indicators (they belong to {', '.join(sorted(found))})",
                            r.tool))
            elif r.tool is None and len(found) == 1:
                r.tool = found.pop()
    return out


# -- consistency findings ----------------------------------------------------------------------------
# fields that say what was done: a date written there must lie inside the round
_DONE_TEXT = ("actions", "summary", "outputs")


def lint(params: IntegrityReportParams, data: dict) -> list[Finding]:
    """Dates against the round, years against the fiscal year, statuses against what is reported."""
    fy = params.fiscal_year
    r_start, r_end = round_bounds(fy, params.round)
    f_start, f_end = fiscal_year_bounds(fy)
    round_th = f"รอบ {to_thai_digits(str(params.round))} เดือนของปีงบประมาณ พ.ศ. {fy}"
    round_en = f"the {params.round}-month round of fiscal year {fy}"
    results = data.get("results") or []
    out: list = []

    # years in the text: the fiscal year and the calendar year it starts in
    texts = {"results": [{k: v for k, v in r.items() if k not in ("evidence_url",)} for r in results]}
    out += years_outside(texts, {fy, fy - 1}, f"ปีงบประมาณ พ.ศ. {fy} ที่รายงาน", f"the reported fiscal year {fy}")
    # dated activities inside the round (seed 000: ๒๗ มกราคม ๒๕๖๕ reported as done in FY ๒๕๖๖)
    acts = {"results": [{"activities": r.get("activities") or []} for r in results]}
    out += dates_outside(acts, r_start, r_end, round_th, round_en)
    # dates written in what was done: inside the round too
    for path, text in text_fields({"results": [{k: r.get(k) for k in _DONE_TEXT} for r in results]}):
        for when, m in text_dates(text):
            if not r_start <= when <= r_end:
                shown = snippet(text, m.start(), m.end())
                out.append(Finding(
                    "date_outside_period", "warning", dotted(path),
                    f"วันที่ในข้อความอยู่นอก{round_th} ({period_text(r_start, r_end, short=False)}): \"{shown}\"",
                    f"a date in the text is outside {round_en} ({r_start.isoformat()} – {r_end.isoformat()}): "
                    f"\"{shown}\"", reported=when.isoformat()))
    for i, r in enumerate(params.results):
        where = f"results[{i + 1}]"
        # a measure's period: inside the fiscal year, and begun by the end of the round if work is reported
        for field in ("start", "end"):
            value = getattr(r, field)
            if value is not None and not f_start <= value <= f_end:
                out.append(Finding(
                    "date_outside_period", "warning", f"{where}.{field}",
                    f"วันที่ {date_text(value)} อยู่นอกปีงบประมาณ พ.ศ. {fy} ({period_text(f_start, f_end, short=False)})",
                    f"date {value.isoformat()} is outside fiscal year {fy}", reported=value.isoformat()))
        if r.start and r.start > r_end and r.status != "not_started":
            out.append(Finding(
                "period_after_round", "warning", f"{where}.status",
                f"มาตรการนี้กำหนดเริ่ม {date_text(r.start)} หลังสิ้น{round_th} แต่รายงานว่า{STATUS_TH[r.status]}",
                f"the measure starts on {r.start.isoformat()}, after {round_en} ends, yet it is reported as "
                f"{r.status}", reported=r.status))
        if r.status == "done":
            if not r.summary:
                out.append(Finding("done_without_summary", "warning", f"{where}.summary",
                                   "รายงานว่าดำเนินการแล้วเสร็จ แต่ไม่มีสรุปผลการดำเนินการ",
                                   "reported as done, but without a summary of the results"))
            if not r.outcomes:
                out.append(Finding("done_without_outcome", "warning", f"{where}.outcomes",
                                   "รายงานว่าดำเนินการแล้วเสร็จ แต่ไม่มีผลลัพธ์หรือความสำเร็จของการดำเนินการ",
                                   "reported as done, but without outcomes (ผลลัพธ์/ความสำเร็จ)"))
        if r.status == "not_started" and (r.activities or r.outputs or r.outcomes):
            out.append(Finding("status_conflict", "warning", f"{where}.status",
                               "รายงานว่ายังไม่ได้ดำเนินการ แต่มีกิจกรรม ผลผลิต หรือผลลัพธ์",
                               "reported as not started, yet activities, outputs or outcomes are given",
                               reported=r.status))
        if params.issued:
            for j, act in enumerate(r.activities):
                if act.date > params.issued:
                    out.append(Finding(
                        "activity_after_report", "warning", f"{where}.activities[{j + 1}].date",
                        f"กิจกรรมลงวันที่ {date_text(act.date)} หลังวันที่จัดทำรายงาน ({date_text(params.issued)})",
                        f"the activity is dated {act.date.isoformat()}, after the report's date "
                        f"({params.issued.isoformat()})", reported=act.date.isoformat()))
    if params.issued and params.issued < r_end:
        out.append(Finding(
            "prepared_before_round_end", "warning", params.issued_field,
            f"รายงานลงวันที่ {date_text(params.issued)} ก่อนสิ้น{round_th} ({date_text(r_end)})",
            f"the report is dated {params.issued.isoformat()}, before {round_en} ends ({r_end.isoformat()})",
            reported=params.issued.isoformat()))
    for measure_id in params._unreported or []:
        out.append(Finding(
            "measure_not_reported", "warning", "results",
            f"มาตรการ {measure_id} ในเอกสารวิเคราะห์ยังไม่มีรายงานผลในรอบนี้",
            f"measure {measure_id} of the analysis has no results in this round", reported=measure_id))
    return out
