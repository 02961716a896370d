"""The plan's arithmetic: every total summed from the projects' budgets, exactly, in Decimal.

A project's budget is either per fiscal year or one sum for the whole plan period; a period sum stays a
period sum (its own column), never spread over the years or multiplied by them. The printed ลำดับที่ is
generated (entries()), so a plan can neither repeat a number nor print a total that does not add up.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from ...kit import thai
from .model import PlanParams, Project

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
        """The amount for one fiscal year (0 for a budget stated for the whole period)."""
        return _dec(self.project.per_year.get(year, 0))

    @property
    def whole_period(self) -> Decimal | None:
        """The one sum for the whole period, None for a per-year budget (or none)."""
        value = self.project.whole_period
        return None if value is None else _dec(value)

    @property
    def total(self) -> Decimal:
        if self.whole_period is not None:
            return self.whole_period
        return sum((_dec(v) for v in self.project.per_year.values()), Decimal(0))


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
    """Budget per dimension × fiscal year, plus each dimension's sums stated for the whole period (a column
    of their own), with row, column and grand totals (all Decimal, exact)."""

    years: list[int]
    dimensions: list[int]
    cells: dict[tuple[int, int], Decimal] = field(default_factory=dict)
    period_cells: dict[int, Decimal] = field(default_factory=dict)  # dimension → sums stated for the period

    def cell(self, dimension: int, year: int) -> Decimal:
        return self.cells.get((dimension, year), Decimal(0))

    def period_cell(self, dimension: int) -> Decimal:
        return self.period_cells.get(dimension, Decimal(0))

    @property
    def has_period(self) -> bool:
        """Whether any project states one sum for the whole period (the tables then show its column)."""
        return any(v > 0 for v in self.period_cells.values())

    def dimension_total(self, dimension: int) -> Decimal:
        return sum((self.cell(dimension, y) for y in self.years), Decimal(0)) + self.period_cell(dimension)

    def year_total(self, year: int) -> Decimal:
        return sum((self.cell(d, year) for d in self.dimensions), Decimal(0))

    @property
    def period_total(self) -> Decimal:
        return sum((self.period_cell(d) for d in self.dimensions), Decimal(0))

    @property
    def total(self) -> Decimal:
        return sum((self.year_total(y) for y in self.years), Decimal(0)) + self.period_total


def budget_table(params: PlanParams) -> BudgetTable:
    """Sums of the projects' budgets: yearly amounts by year, whole-period sums in their own column;
    every dimension (1–4) and every plan year has a cell."""
    years = params.period.years
    dims = sorted({1, 2, 3, 4} | {d.number for d in params.dimensions})
    table = BudgetTable(years, dims)
    for e in entries(params):
        for year, amount in e.project.per_year.items():
            key = (e.dimension, year)
            table.cells[key] = table.cells.get(key, Decimal(0)) + _dec(amount)
        if e.whole_period is not None:
            table.period_cells[e.dimension] = table.period_cell(e.dimension) + e.whole_period
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
