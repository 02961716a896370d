"""The analysis report as notebook cells see it: load once, then one call per displayed section.

Notebooks stay thin: every decision (numbers, words, charts, layout) is made here and below.
"""
from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Any

from markupsafe import Markup

from ...kit import chartstyle, sections, thai
from .. import front
from ..base import DocumentReport
from . import charts, office
from . import text as narrative
from .analyse import Analysis, analyse
from .measures import group_label, in_table_order
from .next_step import NextStep, next_step
from .target_charts import next_level_chart
from .targets_text import TargetText, level_phrase, merged_gains_lead, target_text
from .tool_text import tool_analysis, tool_heading
from .trend_charts import trend_chart
from .trends import Trends, trends
from .trends_text import SCALE_NAMES, trend_text
from .what_if import WhatIf
from .what_if import what_if as what_if_of

TEMPLATES = Path(__file__).resolve().parent / "templates"

TITLE_TH = "การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร"
SUBTITLE_TH = "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"


class AnalysisReport(DocumentReport):
    """One organisation's analysis report; each method returns a displayable section."""

    templates = TEMPLATES
    CONTENTS = ("results", "analysis_text", "measures")

    def __init__(self, params: Any, analysis: Analysis | None = None):
        super().__init__(params)
        self.analysis = analysis or analyse(params)
        self.analysis.findings = self.analysis.findings + self.lint_findings  # with the reconciliation

    def _context(self) -> dict[str, Any]:
        return {"p": self.params, "a": self.analysis}

    # -- helpers --------------------------------------------------------------------

    def _figure(self, fig, caption: str, restates: bool = False) -> sections.Section | None:
        if fig is None:
            return None
        return sections.figure(chartstyle.to_svg(fig), caption, self.thai_digits, self.words, restates=restates)

    def year(self, value: int) -> str:
        return self.figures.year(value)

    @property
    def title(self) -> str:
        return f"{TITLE_TH} ประจำปีงบประมาณ พ.ศ. {self.year(self.params.fiscal_year)} {self.params.organisation.name}"

    @cached_property
    def measures_list(self) -> list:
        return narrative.measures(self.analysis)

    # -- sections, in document order -------------------------------------------------
    def cover(self) -> sections.Section:
        return self._render("analysis_cover.html.j2", title=TITLE_TH, subtitle=SUBTITLE_TH, items=self.cover_items())

    def foreword_text(self) -> list[str]:
        """Our own wording: what the ITA is, what this document does with last year's results, for whom."""
        p, a = self.params, self.analysis
        org = p.organisation.name
        return [
            f"{front.ITA_SENTENCE} ในการประเมินประจำ{self.figures.fy(a.year)} {org}ได้คะแนนรวม "
            f"{self.figures.num(a.total)} คะแนน อยู่ในระดับ{' ' if a.level[:1].isascii() else ''}{a.level}",
            f"เอกสารฉบับนี้นำผลการประเมินดังกล่าวมาวิเคราะห์ทีละตัวชี้วัด เพื่อแยกประเด็นที่ต้องแก้ไขโดยเร่งด่วน "
            f"ออกจากประเด็นที่ควรพัฒนาให้ดีขึ้นและประเด็นที่ควรรักษาไว้ แล้วกำหนดเป็นมาตรการส่งเสริมคุณธรรมและ"
            f"ความโปร่งใสภายในหน่วยงาน ประจำ{self.figures.fy(p.fiscal_year)} พร้อมผู้รับผิดชอบ ขั้นตอน ระยะเวลา "
            f"และการกำกับติดตาม",
            f"{org}หวังว่าเอกสารฉบับนี้จะเป็นแนวทางให้ผู้บริหาร พนักงาน และเจ้าหน้าที่ทุกคนร่วมกันปรับปรุง"
            f"การทำงานให้โปร่งใสและตรวจสอบได้ยิ่งขึ้น และให้ประชาชนติดตามผลการดำเนินงานของหน่วยงานได้",
        ]

    def results(self) -> sections.Section:
        a = self.analysis
        rows = []
        for tool in a.framework.tools:
            members = [i for i in a.indicators if i.tool == tool]
            for k, ind in enumerate(members):
                rows.append({"ind": ind, "tool": a.tools[tool], "first": k == 0, "span": len(members)})
        # the reviewer's findings are printed in a draft only; a final document keeps them in the review sheet
        summary = office.introduction(narrative.summary(a), self.params.introduction)
        return self._render("analysis_results.html.j2", summary=summary, rows=rows,
                            findings=narrative.findings_text(a) if self.draft else [])

    def indicator_chart(self) -> sections.Section | None:
        return self._figure(charts.indicator_chart(self.analysis),
                            f"คะแนนรายตัวชี้วัด ITA ปีงบประมาณ พ.ศ. {self.year(self.analysis.year)} "
                            f"เทียบกับเกณฑ์ผ่าน {thai.number(self.analysis.pass_line, 0, self.thai_digits)} คะแนน",
                            restates=True)  # the score table above it: every indicator's score and result

    def tool_chart(self) -> sections.Section | None:
        return self._figure(charts.tool_chart(self.analysis), "คะแนนรายเครื่องมือและคะแนนรวม",
                            restates=True)  # the score table: each tool's score, the total and the level

    @property
    def shows_items(self) -> bool:
        """Whether the item table is printed (the lowest-items chart then restates it)."""
        return bool(self.analysis.items) and self.params.style.show_items

    def items(self) -> sections.Section | None:
        a = self.analysis
        if not self.shows_items:
            return None
        groups = [(ind, ind.items) for ind in a.indicators if ind.items]
        wording = narrative.items_wording(a)
        notes = narrative.items_notes(a, show_unknown=any(v is None for v in wording.values()))
        return self._render("analysis_items.html.j2", groups=groups, wording=wording, notes=notes)

    def items_chart(self) -> sections.Section | None:
        return self._figure(charts.items_chart(self.analysis), "ประเด็นการประเมินที่ได้คะแนนน้อยที่สุด",
                            restates=self.shows_items)

    def history_chart(self) -> sections.Section | None:
        """The totals year by year; left out when the trends section draws them with the tools."""
        if self.trend.drawable:
            return None
        return self._figure(charts.history_chart(self.analysis), "คะแนนรวม ITA ย้อนหลัง")

    @cached_property
    def indicator_tools(self) -> list[dict[str, Any]]:
        """Per tool, its indicators, after the office's analysis of the tool where it wrote one (with the tool's
        generated paragraph before or after it when asked); per indicator, the office's analysis instead of,
        before or after the generated one (office.py), the generated text everywhere else."""
        a, given = self.analysis, self.params.analysis
        tools = []
        for code in a.framework.tools:
            members = [office.indicator_block(narrative.indicator_analysis(a, i.number), given.indicators.get(i.number))
                       for i in a.indicators if i.tool == code]
            own = given.tools.get(code)  # the tool's paragraph goes with the office's own words only
            tools.append({"code": code, "heading": tool_heading(a, code), "blocks": members,
                          "paragraphs": office.blend(tool_analysis(a, code), own) if own else []})
        return tools

    @cached_property
    def merged_gains(self) -> dict[str, float]:
        """OIT item → total gain, when every row of the next-level table is also a row of an indicator's item
        table: an abridged print then prints the gains there and leaves the next-level table out ({} otherwise)."""
        rows = self.target_text.oit_rows
        tabled = {r.code for t in self.indicator_tools for b in t["blocks"] for r in b.text.item_rows}
        if not rows or not {r["code"] for r in rows} <= tabled:
            return {}
        return {r["code"]: r["gain_total"] for r in rows}

    def analysis_text(self) -> sections.Section:
        """The strengths and weaknesses, then indicator_tools; item tables carry the next level's gains for an
        abridged print (merged_gains)."""
        a, tools = self.analysis, self.indicator_tools
        blocks = [b for t in tools for b in t["blocks"]]
        return self._render("analysis_indicators.html.j2", sw=narrative.strengths_weaknesses(a),
                            grouping=narrative.grouping_text(a), tools=tools, gains=self.merged_gains,
                            notes=narrative.section_notes(a, [b.text for b in blocks]))

    def measures(self) -> sections.Section:
        """The measures table, from the general to the specific: organisation-wide, per tool, per indicator
        (with a heading row per group once any general measure is given); the office's numbers when every
        measure has one, else running numbers."""
        a = self.analysis
        ordered = in_table_order(self.measures_list)
        grouped = any(m.group != "indicator" for m in ordered)
        own = bool(ordered) and all(m.number is not None for m in ordered)
        periods = [narrative.measure_period_text(m, a) for m in ordered]
        shared = periods[0] if len(set(periods)) == 1 else None  # said once before the table, not in a column
        rows, last = [], None
        for k, (m, period) in enumerate(zip(ordered, periods), start=1):
            label = group_label(a, m)
            inds = [a.indicator(n) for n in m.indicators if n in a.framework.indicators]
            rows.append({"m": m, "inds": inds, "period": period,
                         "number": self.figures.digits(str(m.number)) if own else self.figures.digits(str(k)),
                         "group": label if grouped and label != last else None,
                         "scope": None if inds else ("ทั้งองค์กร" if m.group == "organisation" else
                                                      f"ทั้งแบบวัด {m.tool}")})
            last = label
        return self._render("analysis_measures.html.j2", rows=rows, drafted=self.params.measures is None,
                            shared_period=shared, intro=narrative.measures_intro(a, self.measures_list, shared),
                            note=narrative.reporting_note(a))

    def closing(self) -> sections.Section:
        return self._render("analysis_closing.html.j2", paragraphs=narrative.conclusion(self.analysis),
                            people=self.approvals(), prepared_by=self.params.prepared_by_line)

    # -- what it takes, how it moved, where it stands (issue 14) ------------------------
    @cached_property
    def next_step(self) -> NextStep:
        return next_step(self.analysis)

    @cached_property
    def trend(self) -> Trends:
        return trends(self.analysis)

    @cached_property
    def target_text(self) -> TargetText:
        return target_text(self.analysis, self.next_step, notes=self.draft)

    def next_level(self) -> sections.Section:
        """The points needed for the next level and the pass line, what blocks, which OIT items are in hand."""
        a, step, text = self.analysis, self.next_step, self.target_text
        subject = (f"ระยะห่างถึง{level_phrase(step.level)}" if step.level and not step.rule_met
                   else "คะแนนรวมที่เพิ่มขึ้นจากข้อ OIT")
        # restates: the distances are in the paragraphs, every drawn gain a row of the table (oit_rows is step.gains)
        # or, abridged, of the indicators' item tables
        chart = self._figure(next_level_chart(a, step), f"{subject} ประจำปีงบประมาณ พ.ศ. {self.year(a.year)}",
                             restates=True)
        merged = sorted({r["indicator"] for r in text.oit_rows}) if self.merged_gains else []
        return self._render("analysis_next_level.html.j2", text=text, chart=Markup(chart.html) if chart else None,
                            merged_lead=merged_gains_lead(text, merged, self.figures) if merged else None)

    def trends(self) -> sections.Section | None:
        """The last years: totals, tools, levels on each year's own scale, the country, peers when given."""
        a, tr = self.analysis, self.trend
        text = trend_text(a, tr, notes=self.draft)
        chart = self._figure(trend_chart(a, tr), text.caption) if tr.drawable else None
        return self._render("analysis_trends.html.j2", t=tr, text=text, chart=Markup(chart.html) if chart else None,
                            tools=a.framework.tool_codes, scale_names=SCALE_NAMES)

    def what_if(self, indicators: dict | None = None, items: dict | None = None) -> WhatIf:
        """Tools, total and level after changing indicators and/or items; the params stay as they are."""
        return what_if_of(self.analysis, indicators, items)
