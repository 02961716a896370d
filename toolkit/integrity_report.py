"""The results report (รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน) as notebook cells
see it: load once, then one call per displayed section.

Every number, date and period is written here from the params through :mod:`toolkit.thai`, in the
document's digit style; the Thai prose is our own wording, chosen by the round: a six-month report says
what continues in the second half of the year, a full-year report what carries into next year's measures.
Functions named without a leading underscore return plain ``str`` (the templates escape and segment).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from markupsafe import Markup, escape
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import FixedLocator

from . import charts, sections, thai
from .params.integrity_report import STATUS_TH, STATUSES, TITLE_TH, TOOLS, IntegrityReportParams, Result
from .report import DocumentReport

__all__ = [
    "IntegrityReport",
    "Row",
    "achieved_text",
    "cell_html",
    "closing_text",
    "counts",
    "findings_text",
    "intro_text",
    "progress_text",
    "remaining_text",
    "round_text",
    "rows",
    "status_chart",
    "totals",
]

TOOL_NAME_TH = {  # as in the frameworks; used when no framework covers the year
    "IIT": "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน",
    "EIT": "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก",
    "OIT": "แบบวัดการเปิดเผยข้อมูลสาธารณะ",
}
TOOL_SHORT_TH = {"IIT": "ผู้มีส่วนได้ส่วนเสียภายใน", "EIT": "ผู้มีส่วนได้ส่วนเสียภายนอก",
                 "OIT": "การเปิดเผยข้อมูลสาธารณะ", None: "ไม่ระบุแบบวัด"}
OTHER_GROUP_TH = "มาตรการที่ไม่ได้ระบุแบบวัด"
GROUPS = (*TOOLS, None)  # display order of the tool groups

# status colours: teal / amber / white with a dark outline — distinct in greyscale too (35 %, 62 %, 100 %)
STATUS_FILL = {"done": charts.STRENGTH_COLOUR, "in_progress": charts.WEAKNESS_COLOUR, "not_started": "#ffffff"}
STATUS_EDGE = {"done": charts.STRENGTH_COLOUR, "in_progress": charts.WEAKNESS_EDGE, "not_started": charts.MUTED_COLOUR}
STATUS_INK = {"done": "#ffffff", "in_progress": charts.TEXT_COLOUR, "not_started": charts.TEXT_COLOUR}
LONG_NAME = 90  # display columns: longer measure names are cited by their number in prose


# -- numbers and words -----------------------------------------------------------------------------
def _digits(p: IntegrityReportParams, value: Any) -> str:
    text = str(value)
    return thai.to_thai_digits(text) if p.style.thai_digits else thai.to_arabic_digits(text)


def _count(p: IntegrityReportParams, n: int) -> str:
    return thai.number(n, 0, p.style.thai_digits)


def _fy(p: IntegrityReportParams, year: int) -> str:
    return f"ปีงบประมาณ พ.ศ. {_digits(p, year)}"


def _join(parts: list[str]) -> str:
    parts = [x for x in parts if x]
    if len(parts) <= 1:
        return "".join(parts)
    last = parts[-1]
    return " ".join(parts[:-1]) + (" และ " if last[:1].isascii() else " และ") + last


def _full_place(p: IntegrityReportParams) -> str:
    org = p.organisation
    district = org.district if org.district.startswith(("อำเภอ", "เขต", "กิ่งอำเภอ")) else f"อำเภอ{org.district}"
    province = org.province
    if not province.startswith("จังหวัด") and province != "กรุงเทพมหานคร":
        province = f"จังหวัด{province}"
    return f"{district} {province}"


def round_bounds(p: IntegrityReportParams) -> tuple[dt.date, dt.date]:
    return thai.round_bounds(p.fiscal_year, p.round)


def round_name(p: IntegrityReportParams) -> str:
    """"รอบ ๖ เดือน" / "รอบ ๑๒ เดือน"."""
    return f"รอบ {_digits(p, p.round)} เดือน"


def round_text(p: IntegrityReportParams) -> str:
    """"รอบ ๖ เดือน (๑ ตุลาคม ๒๕๖๘ – ๓๑ มีนาคม ๒๕๖๙)", computed from the fiscal year."""
    start, end = round_bounds(p)
    td = p.style.thai_digits
    return f"{round_name(p)} ({thai.date_text(start, td)} – {thai.date_text(end, td)})"


def tool_names(p: IntegrityReportParams) -> dict[str, str]:
    from .errors import InputError
    from .frameworks import load_framework

    for year in (p.fiscal_year, p.fiscal_year - 1):
        try:
            fw = load_framework(year)
        except InputError:
            continue
        return {code: t.name_th for code, t in fw.tools.items()}
    return dict(TOOL_NAME_TH)


# -- rows, counts --------------------------------------------------------------------------------------
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


def _linked(p: IntegrityReportParams) -> bool:
    return any(r.measure for r in p.results)


def _cite(p: IntegrityReportParams, row: Row) -> str:
    """A measure in a sentence: its number, and its name when short enough to read in a sentence."""
    name = row.result.name or ""
    label = f"ลำดับที่ {_count(p, row.number)}"
    if name and thai.display_width(name) <= LONG_NAME:
        return f"{label} “{name}”"
    return label


def _cite_all(p: IntegrityReportParams, rs: list[Row]) -> str:
    if all(thai.display_width(r.result.name or "") > LONG_NAME for r in rs):
        return "ลำดับที่ " + _join([_count(p, r.number) for r in rs])
    return _join([_cite(p, r) for r in rs])


# -- prose -------------------------------------------------------------------------------------------
def intro_text(p: IntegrityReportParams) -> list[str]:
    """Who reports what, for which round, and why (the OIT asks for this report)."""
    org = p.organisation.name
    n = len(p.results)
    source = ""
    if _linked(p):
        year = getattr(p, "_analysis_year", None) or p.fiscal_year - 1
        source = (f"จากการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) "
                  f"ประจำ{_fy(p, year)} ")
    first = (f"{org} {_full_place(p)} ได้กำหนดมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน "
             f"ประจำ{_fy(p, p.fiscal_year)} {source}รวม {_count(p, n)} มาตรการ "
             f"โดยมอบหมายให้สำนัก/กองที่รับผิดชอบดำเนินการและรายงานความก้าวหน้าต่อผู้บริหารท้องถิ่น")
    second = (f"รายงานฉบับนี้สรุปผลการดำเนินการ{round_text(p)} เพื่อเผยแพร่ต่อสาธารณะ"
              f"ตามแบบวัดการเปิดเผยข้อมูลสาธารณะ (OIT) และใช้ประกอบการปรับปรุงมาตรการของหน่วยงานต่อไป")
    return [first, second]


def progress_text(p: IntegrityReportParams) -> list[str]:
    """The counts in words: how many are done, under way and not started, overall and per tool."""
    t = totals(p)
    n = len(p.results)
    parts = [f"{STATUS_TH[s]} {_count(p, t[s])} มาตรการ" for s in STATUSES if t[s]]
    share = thai.number(100 * t["done"] / n, 2, p.style.thai_digits) if n else thai.number(0, 2, p.style.thai_digits)
    end = round_bounds(p)[1]
    head = f"ณ วันที่ {thai.date_text(end, p.style.thai_digits)} ซึ่งเป็นวันสิ้นสุด{round_name(p)} จากทั้งหมด {_count(p, n)} มาตรการ "
    if t["done"] == n:
        head += f"ดำเนินการแล้วเสร็จครบทุกมาตรการ (ร้อยละ {share})"
    else:
        head += f"{_join(parts)} คิดเป็นสัดส่วนที่ดำเนินการแล้วเสร็จร้อยละ {share}"
    c = {g: k for g, k in counts(p).items() if g is not None}
    if len(c) > 1 and t["done"] < n:  # the tool furthest behind, where tools are known
        rate = {g: k["done"] / sum(k.values()) for g, k in c.items()}
        low = min(rate.values())
        behind = [g for g in c if rate[g] == low]
        if len(behind) < len(c):
            named = _join([f"{g} (แล้วเสร็จ {_count(p, c[g]['done'])} จาก {_count(p, sum(c[g].values()))} มาตรการ)"
                           for g in behind])
            head += f" โดยแบบวัดที่ดำเนินการแล้วเสร็จในสัดส่วนต่ำที่สุด คือ {named}"
    out = [head]
    stated = [r.budget_used for r in p.results if r.budget_used is not None]
    if any(stated):
        total = sum(stated)
        out.append(f"มาตรการที่รายงานการใช้งบประมาณ {_count(p, len(stated))} มาตรการ ใช้งบประมาณรวม "
                   f"{thai.number(total, 2, p.style.thai_digits, grouping=True)} บาท ({thai.baht_text(total)})")
    return out


def achieved_text(p: IntegrityReportParams, rs: list[Row]) -> str:
    done = [r for r in rs if r.status == "done"]
    org = p.organisation.name
    if not done:
        return f"ใน{round_name(p)}นี้ยังไม่มีมาตรการใดที่ดำเนินการแล้วเสร็จ"
    return (f"ใน{round_name(p)}นี้ {org}ดำเนินการแล้วเสร็จ {_count(p, len(done))} มาตรการ "
            f"ผลลัพธ์และความสำเร็จของแต่ละมาตรการสรุปได้ดังนี้")


def remaining_text(p: IntegrityReportParams, rs: list[Row]) -> str:
    """What is left, and what happens to it: the second half of the year, or next year's measures."""
    org = p.organisation.name
    td = p.style.thai_digits
    going = [r for r in rs if r.status == "in_progress"]
    waiting = [r for r in rs if r.status == "not_started"]
    left = going + waiting
    if p.round == 6:
        f_end = thai.fiscal_year_bounds(p.fiscal_year)[1]
        half = (f"ครึ่งหลังของ{_fy(p, p.fiscal_year)} ตั้งแต่วันที่ "
                f"{thai.date_text(round_bounds(p)[1] + dt.timedelta(days=1), td)} ถึงวันที่ {thai.date_text(f_end, td)}")
        if not left:
            return (f"มาตรการทุกมาตรการดำเนินการแล้วเสร็จภายใน{round_name(p)} ใน{half} {org}"
                    f"จะติดตามให้ผลการดำเนินการคงอยู่อย่างต่อเนื่อง และรายงานผลอีกครั้งในรอบ {_count(p, 12)} เดือน")
        plan = []
        if going:
            plan.append(f"ดำเนินการต่อในมาตรการที่อยู่ระหว่างดำเนินการ {_count(p, len(going))} มาตรการ "
                        f"({_cite_all(p, going)})")
        if waiting:
            plan.append(f"เริ่มดำเนินการมาตรการที่ยังไม่ได้ดำเนินการ {_count(p, len(waiting))} มาตรการ "
                        f"({_cite_all(p, waiting)})")
        return (f"ใน{half} {org}จะ{_join(plan)} ให้แล้วเสร็จภายในปีงบประมาณ "
                f"แล้วรายงานผลอีกครั้งในรอบ {_count(p, 12)} เดือน")
    following = _fy(p, p.fiscal_year + 1)
    if not left:
        return (f"มาตรการทุกมาตรการดำเนินการแล้วเสร็จภายใน{_fy(p, p.fiscal_year)} {org}จะนำผลการดำเนินการนี้ "
                f"ร่วมกับผลการประเมิน ITA ประจำ{_fy(p, p.fiscal_year)} มาทบทวนเพื่อกำหนดมาตรการส่งเสริมคุณธรรม"
                f"และความโปร่งใสภายในหน่วยงาน ประจำ{following}")
    return (f"เมื่อสิ้น{_fy(p, p.fiscal_year)} ยังมีมาตรการที่ไม่แล้วเสร็จ {_count(p, len(left))} มาตรการ "
            f"({_cite_all(p, left)}) {org}จะนำมาตรการดังกล่าวไปดำเนินการต่อเนื่อง "
            f"โดยกำหนดไว้ในมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำ{following} "
            f"ควบคู่กับประเด็นที่พบจากผลการประเมิน ITA ประจำ{_fy(p, p.fiscal_year)}")


def closing_text(p: IntegrityReportParams) -> list[str]:
    org = p.organisation.name
    return [f"{org}จะเผยแพร่รายงานฉบับนี้บนเว็บไซต์ของหน่วยงาน เพื่อให้ประชาชนและผู้มีส่วนได้ส่วนเสีย"
            f"ติดตามและตรวจสอบการดำเนินงานได้ และจะนำผลการดำเนินการไปปรับปรุงการบริหารงาน"
            f"ให้เป็นไปด้วยความซื่อสัตย์สุจริต โปร่งใส และตรวจสอบได้"]


_SEVERITY_TH = {"error": "ข้อผิดพลาดในข้อมูล", "warning": "ข้อควรตรวจสอบ", "info": "ข้อสังเกต"}


def findings_text(p: IntegrityReportParams, findings: list) -> list[str]:
    """One line per finding (the check's Thai message, with the field it concerns)."""
    from .narrative import _digits as in_style  # digits in the report's style, item codes left alone

    return [f"{_SEVERITY_TH.get(f.severity, 'ข้อสังเกต')}: {in_style(f.message_th, p.style.thai_digits)} "
            f"(ฟิลด์ {f.field})" for f in findings]


# -- table cells -------------------------------------------------------------------------------------
CELL_UNIT = 6  # display columns: a longer unbreakable unit is split at its own word boundaries in table cells


def _pieces(unit: str) -> list[str]:
    """A long unit (a compound from the domain dictionary, such as กองสาธารณสุขและสิ่งแวดล้อม) cut at the word
    boundaries of pythainlp's general dictionary, never inside a word, keeping the no-break rules."""
    from pythainlp.tokenize import word_tokenize

    out: list[str] = []
    for tok in word_tokenize(unit, engine="newmm", keep_whitespace=True):
        if out and (tok.startswith(thai._NO_BREAK_BEFORE) or out[-1].endswith(thai._NO_BREAK_AFTER)
                    or not thai._has_thai(tok) or not thai._has_thai(out[-1])):
            out[-1] += tok
        else:
            out.append(tok)
    return out if "".join(out) == unit else [unit]


def cell_html(text: Any, extra_words: frozenset[str] | set[str] = frozenset()) -> Markup:
    """Thai text for a narrow table column: escaped and segmented like the `th` filter, and units wider than
    CELL_UNIT columns may break at their inner word boundaries, so no word sticks out of its column."""
    if text is None:
        return Markup("")
    units = thai._units(str(text), extra_words)
    parts: list[str] = []
    for i, u in enumerate(units):
        if u.isspace():
            parts.append(thai._NEWLINE.sub("<br>", str(escape(u))))
            continue
        if i and not units[i - 1].isspace():
            parts.append("<wbr>")
        pieces = _pieces(u) if thai._has_thai(u) and thai.display_width(u) > CELL_UNIT else [u]
        parts.append("<wbr>".join(
            f'<span class="w">{escape(x)}</span>' if thai._has_thai(x) else str(escape(x)) for x in pieces))
    return Markup("".join(parts))


# -- chart -------------------------------------------------------------------------------------------
def status_chart(p: IntegrityReportParams) -> Figure | None:
    """Measures per status for each tool, stacked, with a total bar: where the year stands at a glance."""
    c = counts(p)
    if not c:
        return None
    family = charts.use_sarabun()
    td = p.style.thai_digits
    groups = list(c.items())
    if len(groups) > 1:
        groups.append(("total", totals(p)))
    labels = [charts._label(f"{g} {TOOL_SHORT_TH[g]}" if g in TOOLS else
                            ("รวมทุกมาตรการ" if g == "total" else TOOL_SHORT_TH[None]), charts.LABEL_WIDTH)
              for g, _ in groups]
    subject = f"ความก้าวหน้าของมาตรการ {round_name(p)} {_fy(p, p.fiscal_year)}"
    # one title line: the chart sits inside this organisation's report, whose caption names the round again
    title = "\n".join(charts._wrap(subject, charts.TITLE_WIDTH))
    biggest = max(sum(k.values()) for _, k in groups)
    step = 1 if biggest <= 10 else (2 if biggest <= 20 else 5)
    with charts._style(family):
        fig = charts._new_figure(charts._bar_height_in(labels) + charts._chrome_in(title, extra=-0.45))
        ax = fig.add_subplot()
        y = list(range(len(groups)))
        left = [0] * len(groups)
        for s in STATUSES:
            values = [k[s] for _, k in groups]
            bars = ax.barh(y, values, left=left, height=0.6, color=STATUS_FILL[s], edgecolor=STATUS_EDGE[s],
                           linewidth=0.9, zorder=2)
            for i, (bar, v) in enumerate(zip(bars, values)):
                bar.set_gid(f"bar-{s}-{i}")
                if v:
                    ax.text(left[i] + v / 2, i, thai.number(v, 0, td), ha="center", va="center",
                            color=STATUS_INK[s], fontweight="bold", zorder=5, gid=f"value-{s}-{i}")
            left = [a + b for a, b in zip(left, values)]
        for i, total in enumerate(left):
            ax.text(total + biggest * 0.02, i, f"{thai.number(total, 0, td)} มาตรการ", ha="left", va="center",
                    color=charts.MUTED_COLOUR, zorder=5, gid=f"total-{i}", bbox=charts._HALO)
        if len(groups) > 1:
            ax.axhline(len(groups) - 1.5, color="#999999", linewidth=0.8, zorder=1)
            ax.get_yticklabels()  # ensure tick labels exist before styling the total's
        ax.set_yticks(y, labels)
        if len(groups) > 1:
            ax.get_yticklabels()[-1].set_fontweight("bold")
        ax.tick_params(axis="y", length=0, pad=6)
        ax.set_ylim(len(groups) - 0.5, -0.5)
        ax.set_xlim(0, biggest * 1.25)
        ax.xaxis.set_major_locator(FixedLocator(range(0, biggest + 1, step)))
        ax.xaxis.set_major_formatter(charts._tick_formatter(td))
        ax.grid(axis="x", color="#d9d9d9", linewidth=0.6, zorder=0)
        ax.set_axisbelow(True)
        ax.spines["left"].set_visible(False)
        charts._title(fig, title)
        handles = [Patch(facecolor=STATUS_FILL[s], edgecolor=STATUS_EDGE[s], label=STATUS_TH[s]) for s in STATUSES]
        fig.legend(handles=handles, loc="outside lower center", ncols=3, frameon=False, handlelength=2.2,
                   handleheight=1.0, columnspacing=2.0)
        charts._finish(fig, family)
    return fig


# -- the report ----------------------------------------------------------------------------------------
class IntegrityReport(DocumentReport):
    """One organisation's results report for one round; each method returns a displayable section."""

    # -- helpers ----------------------------------------------------------------------------

    @property
    def title(self) -> str:
        from .params.integrity_report import title

        return title(self.params)

    @cached_property
    def rows(self) -> list[Row]:
        return rows(self.params)

    def _groups(self) -> list[tuple[str | None, str, list[Row]]]:
        names = tool_names(self.params)
        out = []
        for g in GROUPS:
            members = [r for r in self.rows if r.tool == g]
            if members:
                label = f"แบบวัด {g}: {names.get(g, TOOL_NAME_TH[g])}" if g else OTHER_GROUP_TH
                out.append((g, label, members))
        return out

    # -- sections, in document order -------------------------------------------------------
    def cover(self) -> sections.Section:
        p = self.params
        return self._render("integrity_cover.html.j2", title=TITLE_TH,
                            round_label=round_name(p), round_period=round_text(p)[len(round_name(p)):].strip())

    def summary(self) -> sections.Section:
        p = self.params
        c = counts(p)
        table = [{"label": f"แบบวัด {g}" if g else "ไม่ระบุแบบวัด", "code": g, "k": k, "total": sum(k.values())}
                 for g, k in c.items()]
        t = totals(p)
        return self._render("integrity_summary.html.j2", intro=intro_text(p), progress=progress_text(p),
                            table=table, totals=t, total=len(p.results), statuses=STATUSES, status_th=STATUS_TH,
                            round_label=round_name(p))

    def progress_chart(self) -> sections.Section | None:
        fig = status_chart(self.params)
        if fig is None:
            return None
        p = self.params
        caption = f"จำนวนมาตรการจำแนกตามสถานะการดำเนินการและแบบวัด {round_name(p)} {_fy(p, p.fiscal_year)}"
        return sections.figure(charts.to_svg(fig), caption, self.thai_digits, self.words)

    def results(self) -> sections.Section:
        words = frozenset(self.words)
        return self._render("integrity_results.html.j2", groups=self._groups(), round_period=round_text(self.params),
                            cell=lambda text: cell_html(text, words))

    def assessment(self) -> sections.Section:
        p = self.params
        done = [r for r in self.rows if r.status == "done"]
        left = [r for r in self.rows if r.status != "done"]
        heading_left = ("สิ่งที่จะดำเนินการต่อในครึ่งปีหลัง" if p.round == 6
                        else "มาตรการที่ต้องดำเนินการต่อในปีงบประมาณถัดไป")
        return self._render("integrity_assessment.html.j2", achieved=achieved_text(p, self.rows), done=done,
                            remaining=remaining_text(p, self.rows), left=left, heading_left=heading_left,
                            status_th=STATUS_TH)

    def findings_box(self) -> sections.Section | None:
        if not self.lint_findings:
            return None
        return self._render("integrity_findings.html.j2", lines=findings_text(self.params, self.lint_findings))

    def closing(self) -> sections.Section:
        p = self.params
        return self._render("integrity_closing.html.j2", paragraphs=closing_text(p), prepared=p.prepared,
                            linked=_linked(p), count=len(p.results))
