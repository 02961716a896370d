"""What the results report says about a round: its name and dates, the tool groups, the rows."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ...frameworks import TOOLS, framework_for, load_framework, available_years
from ...kit import thai
from ...kit.errors import InputError
from ...kit.figures import Figures
from .model import STATUS_TH, STATUSES, IntegrityReportParams, Result

OTHER_GROUP_TH = "มาตรการที่ไม่ได้ระบุแบบวัด"
GROUPS = (*TOOLS, None)  # display order of the tool groups
TOOL_SHORT_TH = {"IIT": "ผู้มีส่วนได้ส่วนเสียภายใน", "EIT": "ผู้มีส่วนได้ส่วนเสียภายนอก",
                 "OIT": "การเปิดเผยข้อมูลสาธารณะ", None: "ไม่ระบุแบบวัด"}
LONG_NAME = 90  # display columns: longer measure names are cited by their number in prose


def round_bounds(p: IntegrityReportParams) -> tuple[dt.date, dt.date]:
    return thai.round_bounds(p.fiscal_year, p.round)


def round_name(p: IntegrityReportParams) -> str:
    """"รอบ ๖ เดือน" / "รอบ ๑๒ เดือน"."""
    return f"รอบ {Figures.of(p).digits(p.round)} เดือน"


def round_text(p: IntegrityReportParams) -> str:
    """"รอบ ๖ เดือน (๑ ตุลาคม ๒๕๖๘ – ๓๑ มีนาคม ๒๕๖๙)", computed from the fiscal year."""
    start, end = round_bounds(p)
    f = Figures.of(p)
    return f"{round_name(p)} ({f.date(start)} – {f.date(end)})"


def tool_names(p: IntegrityReportParams) -> dict[str, str]:
    """Each tool's Thai name from the fiscal year's framework (else the nearest earlier, else the first)."""
    try:
        fw = framework_for(p.fiscal_year)
    except InputError:
        fw = load_framework(min(available_years()))
    return {code: t.name_th for code, t in fw.tools.items()}


@dataclass
class Row:
    """One measure as the table shows it: its number in the report, its tool group and its texts."""

    number: int
    result: Result
    period: str
    activities: list[tuple[str, str]] = field(default_factory=list)  # (short date, text)
    budget: str | None = None
    lines: int = 0  # estimated height in table lines (see _row_lines)

    @property
    def tall(self) -> bool:
        """Rows taller than half a landscape page may split across pages; shorter ones move whole, so a
        page never ends with a row's last two lines spilling onto a page of their own."""
        return self.lines > TALL_ROW

    @property
    def status(self) -> str:
        return self.result.status

    @property
    def status_th(self) -> str:
        return STATUS_TH[self.result.status]

    @property
    def tool(self) -> str | None:
        return self.result.tool


# the results table's text columns in display columns of its 9.8 pt type on a landscape page (25 cm)
_COLUMN_WIDTH = {"name": 17, "actions": 21, "summary": 15, "outputs": 11, "outcomes": 12, "remarks": 10,
                 "responsible": 10}
TALL_ROW = 14  # lines: about half of a landscape page under the table head


def _lines(texts: list[str], width: int) -> int:
    return sum(len(thai.wrap(t, width)) for t in texts if t)


def _row_lines(r: Result, activities: list[tuple[str, str]]) -> int:
    """A row's height in lines, estimated by wrapping each cell at its column's width, for page breaking."""
    w = _COLUMN_WIDTH
    cells = [
        _lines([r.name or ""], w["name"]) + 1,
        _lines(r.actions + [f"{d} {t}" for d, t in activities], w["actions"]),
        _lines([r.summary or ""], w["summary"]) + 2,
        _lines(r.outputs, w["outputs"]),
        _lines(r.outcomes, w["outcomes"]),
        _lines([r.remarks or "", r.evidence_url or ""], w["remarks"]),
        _lines([r.responsible or ""], w["responsible"]),
    ]
    return max(cells)


def rows(p: IntegrityReportParams) -> list[Row]:
    """Results in report order: grouped IIT, EIT, OIT, then those without a tool; input order within a group."""
    f_start, f_end = thai.fiscal_year_bounds(p.fiscal_year)
    td = p.style.thai_digits
    ordered = [r for g in GROUPS for r in p.results if r.tool == g]
    out = []
    for k, r in enumerate(ordered, start=1):
        start, end = r.start or f_start, r.end or f_end
        period = thai.period_text(start, end, thai_digits=td, short=True) if end >= start else "–"
        acts = [(thai.date_text(a.date, td, short=True), a.text) for a in sorted(r.activities, key=lambda a: a.date)]
        budget = None
        if r.budget_used is not None:
            budget = ("ไม่ใช้งบประมาณ" if r.budget_used == 0
                      else f"ใช้งบประมาณ {thai.number(r.budget_used, 2, td, grouping=True)} บาท")
        out.append(Row(k, r, period, acts, budget, _row_lines(r, acts)))
    return out


def counts(p: IntegrityReportParams) -> dict[str | None, dict[str, int]]:
    """Measures per status for each tool group that has any (IIT, EIT, OIT, None), in that order."""
    out: dict[str | None, dict[str, int]] = {}
    for g in GROUPS:
        group = [r for r in p.results if r.tool == g]
        if group:
            out[g] = {s: sum(1 for r in group if r.status == s) for s in STATUSES}
    return out


def totals(p: IntegrityReportParams) -> dict[str, int]:
    return {s: sum(1 for r in p.results if r.status == s) for s in STATUSES}
