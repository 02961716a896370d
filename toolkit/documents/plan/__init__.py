"""The anti-corruption action plan (o25 in 2568): a multi-year plan of projects in four dimensions.

Published as แผนปฏิบัติการป้องกันการทุจริต. model → checks → budget (exact sums), charts → report.
"""
from __future__ import annotations

from typing import Any

from ..registry import DocumentType
from .budget import budget_table, counts
from .checks import lint, problems
from .model import PROJECT_TYPES, TITLE_EN, TITLE_TH, PlanParams
from .report import title

KEY = "anticorruption_plan"


def score(params: Any) -> dict:
    """`ita-report score --json`: budget per dimension and year with totals, and project counts."""
    table = budget_table(params)
    c = counts(params)
    return {
        "document": KEY, "organisation": params.organisation.name,
        "period": {"start": params.period.start, "end": params.period.end},
        "budget": {
            "by_dimension": {str(d): {str(y): float(table.cell(d, y)) for y in table.years}
                             for d in table.dimensions},
            "whole_period": {str(d): float(table.period_cell(d)) for d in table.dimensions},
            "dimension_totals": {str(d): float(table.dimension_total(d)) for d in table.dimensions},
            "year_totals": {str(y): float(table.year_total(y)) for y in table.years},
            "whole_period_total": float(table.period_total),
            "total": float(table.total),
        },
        "projects": {
            "total": c.total["all"],
            "by_type": {kind: c.total[kind] for kind in PROJECT_TYPES},
            "with_budget": c.total["budget"], "without_budget": c.total["no_budget"],
            "by_dimension": {str(d): dict(k) for d, k in c.by_dimension.items()},
        },
    }


DOCUMENT = DocumentType(
    key=KEY,
    title_th=TITLE_TH,
    title_en=TITLE_EN,
    stem="anticorruption_plan",
    notebook="anticorruption_plan.ipynb",
    model=PlanParams,
    problems=problems,
    lint=lint,
    title=title,
    score=score,
    examples=("plan_ipan_2566.yaml",),
)
