"""Reconciliation: published figures against what the indicators and items imply.

Hand-made reports contradict themselves (seed 003 prints indicator 6 as 96.29 and 96.26, and a level
the rule would not give). Every difference above TOLERANCE becomes a Finding; nothing is corrected.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ...kit.findings import Finding

if TYPE_CHECKING:
    from .analyse import Analysis

TOLERANCE = 0.01  # published figures carry two decimals


def _differs(a: float, b: float) -> bool:
    return abs(round(a, 2) - round(b, 2)) > TOLERANCE + 1e-9


def _f(x: float) -> str:
    return f"{x:.2f}"


def reconcile(analysis: "Analysis") -> list[Finding]:
    """Every mismatch between the figures a params file carries, as findings for the report and `check`."""
    fw = analysis.framework
    out: list[Finding] = []

    for ind in analysis.indicators:
        if ind.reported is not None and _differs(ind.reported, ind.score):
            out.append(Finding(
                "indicator_conflict", "warning", f"assessment.reported.indicators.{ind.number}",
                f"ตัวชี้วัดที่ {ind.number} มีสองค่า: {_f(ind.reported)} (ตารางสรุป) และ {_f(ind.score)} (ตารางรายตัวชี้วัด)"
                f" รายงานนี้คำนวณจาก {_f(ind.score)}",
                f"indicator {ind.number} has two values: {_f(ind.reported)} (summary) and {_f(ind.score)} (detail);"
                f" this report computes with {_f(ind.score)}",
                reported=ind.reported, computed=ind.score,
            ))
        if ind.from_items is not None and _differs(ind.from_items, ind.score):
            rule = fw.indicators[ind.number]
            unsure = rule.confidence != "sure" or (
                rule.aggregation == "mean_of_sub_indicators" and fw.is_unconfirmed("sub_indicators"))
            how_th = "ค่าเฉลี่ยของข้อคำถาม" if rule.aggregation == "mean_of_items" else "ค่าเฉลี่ยของตัวชี้วัดย่อย"
            how_en = "the mean of its items" if rule.aggregation == "mean_of_items" else "the mean of its sub-indicators"
            out.append(Finding(
                "indicator_items_mismatch", "info" if unsure else "warning", f"assessment.indicators.{ind.number}",
                f"คะแนนตัวชี้วัดที่ {ind.number} ({_f(ind.score)}) ไม่ตรงกับ{how_th} ({_f(ind.from_items)})"
                + (" (วิธีรวมคะแนนนี้ยังไม่ได้รับการยืนยัน)" if unsure else ""),
                f"indicator {ind.number} ({_f(ind.score)}) differs from {how_en} ({_f(ind.from_items)})"
                + (" (this aggregation rule is unconfirmed)" if unsure else ""),
                reported=ind.score, computed=round(ind.from_items, 2),
            ))

    for code, tool in analysis.tools.items():
        if tool.reported is not None and _differs(tool.reported, tool.computed):
            out.append(Finding(
                "tool_mismatch", "warning", f"assessment.reported.tools.{code}",
                f"คะแนน {code} ที่ประกาศ ({_f(tool.reported)}) ไม่ตรงกับค่าเฉลี่ยของตัวชี้วัด ({_f(tool.computed)})",
                f"published {code} score ({_f(tool.reported)}) differs from the mean of its indicators "
                f"({_f(tool.computed)})",
                reported=tool.reported, computed=round(tool.computed, 2),
            ))

    if analysis.total_reported is not None and _differs(analysis.total_reported, analysis.total_computed):
        weights = " + ".join(f"{t.weight:.2f}×{c}" for c, t in analysis.tools.items())
        out.append(Finding(
            "total_mismatch", "warning", "assessment.reported.total",
            f"คะแนนรวมที่ประกาศ ({_f(analysis.total_reported)}) ไม่ตรงกับที่คำนวณได้ ({_f(analysis.total_computed)} = {weights})",
            f"published total ({_f(analysis.total_reported)}) differs from the computed one "
            f"({_f(analysis.total_computed)} = {weights})",
            reported=analysis.total_reported, computed=round(analysis.total_computed, 2),
        ))

    if analysis.level_reported is not None and analysis.level_reported != analysis.level_computed:
        unsure = fw.levels.confidence != "sure"
        out.append(Finding(
            "level_mismatch", "warning", "assessment.reported.level",
            f"ระดับที่ประกาศ ({analysis.level_reported}) ต่างจากระดับตามเกณฑ์ ({analysis.level_computed})"
            f" ที่คะแนนรวม {_f(analysis.total)}"
            + (" เกณฑ์ระดับของปีนี้ยังไม่ได้รับการยืนยัน รายงานจึงแสดงระดับที่ประกาศ" if unsure else ""),
            f"published level ({analysis.level_reported}) differs from the rule's ({analysis.level_computed})"
            f" at total {_f(analysis.total)}"
            + ("; this year's level rule is unconfirmed, so the report shows the published level" if unsure else ""),
            reported=analysis.level_reported, computed=analysis.level_computed,
        ))

    p = analysis.params
    if p.fiscal_year != analysis.year + 1:
        out.append(Finding(
            "stale_assessment", "warning", "fiscal_year",
            f"เอกสารปีงบประมาณ {p.fiscal_year} ควรวิเคราะห์ผลการประเมินปี {p.fiscal_year - 1} แต่ข้อมูลเป็นของปี {analysis.year}",
            f"a fiscal-year {p.fiscal_year} document normally analyses the {p.fiscal_year - 1} assessment, "
            f"these results are from {analysis.year}",
            reported=analysis.year, computed=p.fiscal_year - 1,
        ))
    return out
