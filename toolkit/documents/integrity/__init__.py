"""The results report (o28 in 2568): what each integrity measure achieved in a round (๖ / ๑๒ เดือน).

Published as รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน. Measures are carried
forward from the analysis document by id (link.py); model → checks → rows, text, charts → report.
"""
from __future__ import annotations

from typing import Any

from ..registry import DocumentType
from .checks import lint, problems
from .model import KEY, STATUSES, TITLE_EN, TITLE_TH, IntegrityReportParams
from .report import title
from .rows import GROUPS, counts, totals


def score(params: Any) -> dict:
    """`ita-report score --json`: measures by status, overall and per tool group."""
    by_tool = {str(g) if g else "none": c for g, c in counts(params).items()}
    return {
        "document": KEY, "organisation": params.organisation.name, "fiscal_year": params.fiscal_year,
        "round": params.round, "measures": len(params.results), "by_status": totals(params),
        "by_tool": by_tool, "statuses": list(STATUSES), "groups": [g or "none" for g in GROUPS],
    }


DOCUMENT = DocumentType(
    key=KEY,
    title_th=TITLE_TH,
    title_en=TITLE_EN,
    stem="integrity_report",
    notebook="integrity_measures_report.ipynb",
    model=IntegrityReportParams,
    problems=problems,
    lint=lint,
    title=title,
    score=score,
    examples=("integrity_samruean_2569_6.yaml", "integrity_muangtao_2566.yaml", "integrity_khaosaming_2564_6.yaml",
              "integrity_khaosaming_2564_12.yaml"),
)
