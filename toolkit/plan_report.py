"""The anti-corruption action plan as notebook cells see it: load once, one call per displayed section.

The plan's arithmetic lives here too: every total is summed from the projects' yearly budgets
(exactly, in Decimal), and the printed ลำดับที่ is generated, so a plan can neither repeat a number
nor print a total that does not add up.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any

from . import charts, sections, thai
from .params.anticorruption_plan import PROJECT_TYPES, TITLE_TH, PlanParams, Project, dimension_data
from .report import DocumentReport

# One colour per dimension (Okabe-Ito: told apart by colour-blind readers; a white edge between
# stacked parts and the legend order keep them apart in greyscale).
DIMENSION_COLOURS = {1: "#0072b2", 2: "#e69f00", 3: "#009e73", 4: "#cc79a7"}
LANDSCAPE_YEARS = 5  # a summary with more year columns than this goes on a landscape page


_DIMENSION_PREFIX = re.compile(r"^\s*ม[ิ]?ติที่\s*[0-9๐-๙]+\s*[.:]?\s*")
_AREA_PREFIX = re.compile(r"^\s*[0-9๐-๙]+\.[0-9๐-๙]+\s*")


def bare_title(title: str | None, prefix: re.Pattern = _DIMENSION_PREFIX) -> str:
    """A title as printed after its generated number: a typed "มิติที่ ๑ …" or "๑.๑ …" is not doubled."""
    text = title or ""
    bare = prefix.sub("", text, count=1)
    return bare or text


def money_text(value: float | int | Decimal, thai_digits: bool = True) -> str:
    """Baht with thousands separators; satang only when there are any (20,000 but 12,500.50)."""
    d = _dec(value)
    return thai.number(d, 0 if d == d.to_integral_value() else 2, thai_digits, grouping=True)


def _dec(value: float | int | Decimal) -> Decimal:
    """Exact decimal of an amount as typed (20000.1 stays 20000.1, not its binary neighbour)."""
    return value if isinstance(value, Decimal) else Decimal(repr(float(value)))


# --------------------------------------------------------------------------- structure


@dataclass
class Entry:
    """One project with its place in the plan and its generated number."""

    number: int  # ลำดับที่: 1, 2, 3 … over the whole plan, in document order
    dimension: int
    dimension_title: str
    area_number: int
    area_title: str
    area_goal: str | None
    project: Project
    path: tuple  # field path in the params, for findings

    @property
    def area_label(self) -> str:
        return f"{self.dimension}.{self.area_number}"

    def budget(self, year: int) -> Decimal:
        return _dec((self.project.budget or {}).get(year, 0))

    @property
    def total(self) -> Decimal:
        return sum((_dec(v) for v in (self.project.budget or {}).values()), Decimal(0))


def entries(params: PlanParams) -> list[Entry]:
    """Every project in print order: dimensions by number, areas and projects as given."""
    out: list[Entry] = []
    order = sorted(range(len(params.dimensions)), key=lambda i: params.dimensions[i].number)
    for i in order:
        dim = params.dimensions[i]
        for j, area in enumerate(dim.areas):
            area_number = area.number if area.number is not None else j + 1
            for k, project in enumerate(area.projects):
                out.append(Entry(len(out) + 1, dim.number, bare_title(dim.title), area_number,
                                 bare_title(area.title, _AREA_PREFIX),
                                 area.goal, project, ("dimensions", i, "areas", j, "projects", k)))
    return out


@dataclass
class BudgetTable:
    """Budget per dimension × fiscal year with row, column and grand totals (all Decimal, exact)."""

    years: list[int]
    dimensions: list[int]
    cells: dict[tuple[int, int], Decimal] = field(default_factory=dict)

    def cell(self, dimension: int, year: int) -> Decimal:
        return self.cells.get((dimension, year), Decimal(0))

    def dimension_total(self, dimension: int) -> Decimal:
        return sum((self.cell(dimension, y) for y in self.years), Decimal(0))

    def year_total(self, year: int) -> Decimal:
        return sum((self.cell(d, year) for d in self.dimensions), Decimal(0))

    @property
    def total(self) -> Decimal:
        return sum((self.year_total(y) for y in self.years), Decimal(0))


def budget_table(params: PlanParams) -> BudgetTable:
    """Sums of the projects' yearly budgets; every dimension (1–4) and every plan year has a cell."""
    years = params.period.years
    dims = sorted({1, 2, 3, 4} | {d.number for d in params.dimensions})
    table = BudgetTable(years, dims)
    for e in entries(params):
        for year, amount in (e.project.budget or {}).items():
            key = (e.dimension, year)
            table.cells[key] = table.cells.get(key, Decimal(0)) + _dec(amount)
    return table


@dataclass
class Counts:
    """How many projects of each type, and how many without a budget, per dimension and in all."""

    by_dimension: dict[int, Counter]
    total: Counter


def counts(params: PlanParams) -> Counts:
    by_dim: dict[int, Counter] = {d: Counter() for d in (1, 2, 3, 4)}
    total: Counter = Counter()
    for e in entries(params):
        c = by_dim.setdefault(e.dimension, Counter())
        for bucket in (c, total):
            bucket[e.project.type] += 1
            bucket["all"] += 1
            bucket["budget" if e.project.has_budget else "no_budget"] += 1
    return Counts(by_dim, total)


# --------------------------------------------------------------------------- chart


def budget_chart(params: PlanParams, table: BudgetTable | None = None):
    """Budget by fiscal year, stacked by dimension, with each year's total on top. None when the
    plan spends nothing (every project ไม่ใช้งบประมาณ)."""
    from matplotlib.patches import Patch
    from matplotlib.ticker import FixedLocator, FuncFormatter, MaxNLocator

    table = table or budget_table(params)
    if table.total <= 0:
        return None
    td = params.style.thai_digits
    family = charts.use_sarabun()
    dims = [d for d in table.dimensions if table.dimension_total(d) > 0]
    years = table.years
    start, end = years[0], years[-1]
    subject = (f"งบประมาณรายปีจำแนกตามมิติ แผนปฏิบัติการป้องกันการทุจริต "
               f"พ.ศ. {charts._digits(str(start), td)}–{charts._digits(str(end), td)}")
    lines = [*charts._wrap(subject, charts.TITLE_WIDTH), *charts._wrap(params.organisation.name, charts.TITLE_WIDTH)]
    title = "\n".join(lines)
    titles = {d.number: bare_title(d.title) for d in params.dimensions}
    money = FuncFormatter(lambda x, _pos: thai.number(x, 0, td, grouping=True))
    with charts._style(family):
        fig = charts._new_figure(6.0 * charts._CM + charts._chrome_in(title, extra=0.25 * ((len(dims) + 1) // 2)))
        ax = fig.add_subplot()
        bottom = [0.0] * len(years)
        x = list(range(len(years)))
        for d in dims:
            values = [float(table.cell(d, y)) for y in years]
            bars = ax.bar(x, values, bottom=bottom, width=0.6, color=DIMENSION_COLOURS.get(d, "#777777"),
                          edgecolor="#ffffff", linewidth=0.8, zorder=2)
            for k, bar in enumerate(bars):
                bar.set_gid(f"bar-d{d}-{years[k]}")
            bottom = [b + v for b, v in zip(bottom, values)]
        top = max(bottom)
        for k, y in enumerate(years):
            ax.annotate(money_text(table.year_total(y), td), (k, bottom[k]),
                        xytext=(0, 4), textcoords="offset points", ha="center", va="bottom",
                        fontweight="bold", gid=f"total-{y}", zorder=5)
        ax.set_ylim(0, top * 1.18)
        ax.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
        ax.yaxis.set_major_formatter(money)
        ax.set_ylabel("บาท", rotation=0, ha="right", va="center")
        ax.xaxis.set_major_locator(FixedLocator(x))
        ax.set_xticks(x, [charts._digits(str(y), td) for y in years])
        ax.set_xlabel("ปีงบประมาณ (พ.ศ.)")
        ax.set_xlim(-0.6, len(years) - 0.4)
        ax.grid(axis="y", color="#d9d9d9", linewidth=0.6, zorder=0)
        ax.set_axisbelow(True)
        handles = [Patch(facecolor=DIMENSION_COLOURS.get(d, "#777777"), edgecolor="#ffffff",
                         label=charts._label(f"มิติที่ {charts._digits(str(d), td)} {titles.get(d, '')}", 44, 2))
                   for d in dims]
        fig.legend(handles=handles, loc="outside lower center", ncols=min(2, len(handles)), frameon=False,
                   handlelength=1.6, columnspacing=1.5)
        charts._title(fig, title)
        charts._finish(fig, family)
    return fig


# --------------------------------------------------------------------------- the report


class PlanReport(DocumentReport):
    """One organisation's anti-corruption action plan; each method returns a displayable section."""

    # -- numbers and words ------------------------------------------------------------
    def digits(self, value: Any) -> str:
        text = str(value)
        return thai.to_thai_digits(text) if self.thai_digits else text

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
        return f"{self.main_title} (พ.ศ. {self.years_text}) {self.params.organisation.name}"

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
        return dimension_data()["dimensions"][number]["title"]

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
            "งบประมาณรายปี ผู้รับผิดชอบ ผลผลิต ผลลัพธ์ และตัวชี้วัดความสำเร็จ เพื่อให้ติดตามและประเมินผลได้",
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
    def cover(self) -> sections.Section:
        return self._render("plan_cover.html.j2")

    def introduction(self) -> sections.Section:
        data = dimension_data()["dimensions"]
        dims = [{"number": n, "title": self.dimension_title(n), "description": data[n].get("description_th"),
                 "count": self.counts.by_dimension.get(n, Counter())["all"]} for n in (1, 2, 3, 4)]
        paragraphs = self.params.introduction or self.introduction_paragraphs()
        return self._render("plan_introduction.html.j2", paragraphs=paragraphs, dims=dims,
                            custom=self.params.introduction is not None)

    def findings(self) -> sections.Section | None:
        """The consistency checks' findings (toolkit.lint): what a reviewer must look at before publishing."""
        if not self.lint_findings:
            return None
        from .narrative import _SEVERITY_TH

        items = [{"label": _SEVERITY_TH.get(f.severity, "ข้อสังเกต"), "text": self.digits(f.message_th), "field": f.field}
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
                 "total": t.dimension_total(d)} for d in t.dimensions]
        count_rows = [{"number": d, "title": self.dimension_title(d), "c": self.counts.by_dimension.get(d, Counter())}
                      for d in t.dimensions]
        return self._render("plan_budget.html.j2", t=t, rows=rows, count_rows=count_rows, c=self.counts.total,
                            types=PROJECT_TYPES, baht=thai.baht_text(t.total),
                            landscape=len(t.years) > LANDSCAPE_YEARS)

    def budget_chart(self) -> sections.Section | None:
        fig = budget_chart(self.params, self.table)
        if fig is None:
            return None
        return sections.figure(charts.to_svg(fig), f"งบประมาณรายปีจำแนกตามมิติ (รวมทั้งสิ้น {self.money(self.table.total)} บาท)",
                               self.thai_digits, self.words)

    def projects(self) -> sections.Section:
        """Each project in full, under its dimension and area headings, numbered as in the overview."""
        return self._render("plan_projects.html.j2", entries=self.entries, years=self.table.years,
                            baht=thai.baht_text)

    def closing(self) -> sections.Section:
        return self._render("plan_closing.html.j2", prepared=self.params.prepared)
