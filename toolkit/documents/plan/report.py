"""The anti-corruption action plan as notebook cells see it: load once, one call per displayed section."""
from __future__ import annotations

from collections import Counter
from functools import cached_property
from pathlib import Path
from typing import Any

from ...kit import chartstyle as cs
from ...kit import sections, thai
from ...kit.figures import Figures
from .. import front
from ..base import DocumentReport
from .budget import LANDSCAPE_YEARS, BudgetTable, Counts, Entry, bare_title, budget_table, counts, entries, money_text
from .charts import budget_chart
from .model import PROJECT_TYPES, TITLE_TH, PlanParams, Project, dimension_data, period_titles

TEMPLATES = Path(__file__).resolve().parent / "templates"


def title(params: PlanParams) -> str:
    """The full title: a plan is named by its years, not by one fiscal year."""
    years = Figures.of(params).digits(f"{params.period.start}–{params.period.end}")
    return f"{params.title or TITLE_TH} (พ.ศ. {years}) {params.organisation.name}"




class PlanReport(DocumentReport):
    """One organisation's anti-corruption action plan; each method returns a displayable section."""

    templates = TEMPLATES
    CONTENTS = ("introduction", "overview", "budget_summary", "projects")

    # -- numbers and words ------------------------------------------------------------
    def money(self, value: Any) -> str:
        return money_text(value, self.thai_digits)

    @property
    def years_text(self) -> str:
        p = self.params.period
        return self.digits(f"{p.start}–{p.end}")

    @property
    def main_title(self) -> str:
        return self.params.title or TITLE_TH

    @property
    def title(self) -> str:
        return title(self.params)

    @cached_property
    def entries(self) -> list[Entry]:
        return entries(self.params)

    @cached_property
    def table(self) -> BudgetTable:
        return budget_table(self.params)

    @cached_property
    def counts(self) -> Counts:
        return counts(self.params)

    def dimension_title(self, number: int) -> str:
        for d in self.params.dimensions:
            if d.number == number:
                return bare_title(d.title)
        return period_titles(self.params.period.start)[number]

    def counts_text(self, c: Counter) -> str:
        """"โครงการ ๕ กิจกรรม ๓ มาตรการ ๗" with the absent types left out."""
        parts = [f"{kind} {self.digits(c[kind])} รายการ" for kind in PROJECT_TYPES if c[kind]]
        return " ".join(parts)

    def period_text(self, project: Project) -> str:
        p = project.period
        plan = f"ปีงบประมาณ พ.ศ. {self.years_text}"
        if p is None:
            return plan
        dates = ""
        if p.start and p.end:
            dates = thai.period_text(p.start, p.end, self.thai_digits, short=False)
        elif p.start:
            dates = f"ตั้งแต่ {thai.date_text(p.start, self.thai_digits)}"
        elif p.end:
            dates = f"ภายใน {thai.date_text(p.end, self.thai_digits)}"
        if p.text and dates:
            return f"{p.text} ({dates})"
        return p.text or dates

    def target_text(self, t) -> str:
        if t.count is None:
            return t.group
        return f"{t.group} จำนวน {thai.number(t.count, 0, self.thai_digits, grouping=True)} {t.unit}"

    def target_texts(self, project: Project) -> list[str]:
        return [self.target_text(t) for t in project.target]

    def introduction_paragraphs(self) -> list[str]:
        """Our own wording: what the plan is for, how it is built, what it holds."""
        p = self.params
        org = p.organisation.name
        n_years = p.period.end - p.period.start + 1
        c = self.counts.total
        total = self.table.total
        paras = [
            f"{org} จัดทำ{self.main_title}ฉบับนี้เป็นแผนระยะ {self.digits(n_years)} ปี ครอบคลุมปีงบประมาณ "
            f"พ.ศ. {self.digits(p.period.start)} ถึง พ.ศ. {self.digits(p.period.end)} เพื่อใช้เป็นกรอบการทำงาน"
            "ด้านการป้องกันการทุจริตและประพฤติมิชอบของหน่วยงาน ให้ผู้บริหาร สมาชิกสภาท้องถิ่น พนักงาน"
            "และเจ้าหน้าที่ทุกคนปฏิบัติหน้าที่ด้วยความซื่อสัตย์สุจริต โปร่งใส และตรวจสอบได้ "
            "และเปิดเผยแผนนี้ต่อสาธารณะตามแนวทางการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA)",
            "แผนจัดโครงการ กิจกรรม และมาตรการไว้เป็นสี่มิติ แต่ละมิติแบ่งเป็นประเด็นย่อย "
            "และทุกรายการระบุหลักการและเหตุผล วัตถุประสงค์ กลุ่มเป้าหมาย วิธีดำเนินการ ระยะเวลา "
            "งบประมาณ ผู้รับผิดชอบ ผลผลิต ผลลัพธ์ และตัวชี้วัดความสำเร็จ เพื่อให้ติดตามและประเมินผลได้",
        ]
        summary = (f"แผนนี้มีทั้งหมด {self.digits(c['all'])} รายการ ได้แก่ {self.counts_text(c)} ")
        if total > 0:
            summary += (f"ใช้งบประมาณรวมทั้งสิ้น {self.money(total)} บาท ({thai.baht_text(total)}) "
                        f"โดยมี {self.digits(c['no_budget'])} รายการที่ดำเนินการได้โดยไม่ใช้งบประมาณ")
        else:
            summary += "ทุกรายการดำเนินการได้โดยไม่ใช้งบประมาณ"
        paras.append(summary)
        return paras

    # -- helpers --------------------------------------------------------------------
    def _context(self) -> dict[str, Any]:
        return {"p": self.params, "r": self}

    # -- sections, in document order -------------------------------------------------
    def item_years(self) -> list[int]:
        """A plan answers an OIT item in every ITA year it covers (its number changes between catalogues)."""
        return self.params.period.years

    def cover_items(self) -> list[dict]:
        return front.item_lines(self.key, self.item_years(), self.figures, own_only=True)

    def cover(self) -> sections.Section:
        return self._render("plan_cover.html.j2", items=self.cover_items())

    def foreword_text(self) -> list[str]:
        """Our own wording: why the plan exists and how it is used over its years."""
        p = self.params
        org = p.organisation.name
        return [
            f"{org}ถือว่าการป้องกันการทุจริตเป็นหน้าที่ของผู้บริหาร สมาชิกสภาท้องถิ่น และเจ้าหน้าที่ทุกคน "
            f"จึงจัดทำ{self.main_title} พ.ศ. {self.years_text} ขึ้น เพื่อกำหนดโครงการ กิจกรรม และมาตรการ"
            f"ที่จะดำเนินการในแต่ละปีงบประมาณไว้ล่วงหน้า พร้อมงบประมาณ ผู้รับผิดชอบ และตัวชี้วัดที่ใช้ติดตามผล",
            "แผนนี้จะใช้เป็นกรอบในการจัดทำงบประมาณรายจ่ายประจำปี และจะรายงานผลการดำเนินการตามแผนเป็นประจำทุกปี "
            "เพื่อให้ประชาชนและผู้มีส่วนได้ส่วนเสียติดตามและตรวจสอบการทำงานของหน่วยงานได้",
        ]

    def introduction(self) -> sections.Section:
        data = dimension_data()["dimensions"]
        dims = [{"number": n, "title": self.dimension_title(n), "description": data[n].get("description_th"),
                 "count": self.counts.by_dimension.get(n, Counter())["all"]} for n in (1, 2, 3, 4)]
        paragraphs = self.params.introduction or self.introduction_paragraphs()
        return self._render("plan_introduction.html.j2", paragraphs=paragraphs, dims=dims,
                            custom=self.params.introduction is not None)

    def findings(self) -> sections.Section | None:
        """The consistency checks' findings, for a reviewer: printed in a draft only."""
        if not self.lint_findings or not self.draft:
            return None
        items = [{"label": f.label_th, "text": self.digits(f.message_th), "field": f.field}
                 for f in self.lint_findings]
        return self._render("plan_findings.html.j2", findings=items)

    def overview(self) -> sections.Section:
        """One landscape page: dimension → area → project, type, budget per year, responsible unit."""
        groups = []
        for e in self.entries:
            if not groups or groups[-1]["dimension"] != e.dimension:
                groups.append({"dimension": e.dimension, "title": e.dimension_title, "areas": []})
            areas = groups[-1]["areas"]
            if not areas or areas[-1]["label"] != e.area_label or areas[-1]["title"] != e.area_title:
                areas.append({"label": e.area_label, "title": e.area_title, "entries": []})
            areas[-1]["entries"].append(e)
        return self._render("plan_overview.html.j2", groups=groups, table=self.table)

    def budget_summary(self) -> sections.Section:
        """Budget per dimension × year with totals in figures, the grand total in words, and counts."""
        t = self.table
        rows = [{"number": d, "title": self.dimension_title(d), "cells": [t.cell(d, y) for y in t.years],
                 "period": t.period_cell(d), "total": t.dimension_total(d)} for d in t.dimensions]
        count_rows = [{"number": d, "title": self.dimension_title(d), "c": self.counts.by_dimension.get(d, Counter())}
                      for d in t.dimensions]
        return self._render("plan_budget.html.j2", t=t, rows=rows, count_rows=count_rows, c=self.counts.total,
                            types=PROJECT_TYPES, baht=thai.baht_text(t.total),
                            landscape=len(t.years) > LANDSCAPE_YEARS)

    def budget_chart(self) -> sections.Section | None:
        fig = budget_chart(self.params, self.table)
        if fig is None:
            return None
        caption = "งบประมาณรายปีจำแนกตามมิติ"
        if self.table.has_period:
            caption += " และงบประมาณที่ระบุเป็นยอดเดียวตลอดแผน"
        return sections.figure(cs.to_svg(fig), f"{caption} (รวมทั้งสิ้น {self.money(self.table.total)} บาท)",
                               self.thai_digits, self.words)

    def projects(self) -> sections.Section:
        """Each project in full, under its dimension and area headings, numbered as in the overview."""
        return self._render("plan_projects.html.j2", entries=self.entries, years=self.table.years,
                            baht=thai.baht_text)

    def closing(self) -> sections.Section:
        return self._render("plan_closing.html.j2", people=self.approvals(), prepared_by=self.params.prepared_by_line)
