"""The analysis report (o27 in 2568): last year's ITA results, strengths and weaknesses, measures.

Published as การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร / มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายใน
หน่วยงาน. model → analyse (scores, reconciliation) → text, charts → report (notebook sections).
"""
from __future__ import annotations

from typing import Any

from ..registry import DocumentType
from .analyse import analyse
from .checks import findings, lint, problems
from .model import AnalysisParams
from .text import measures


def linked_measures(params: Any) -> list[dict]:
    """What a results report carries forward from this document's measures (given or drafted), by id."""
    a = analyse(params)
    fw = a.framework
    out = []
    for m in measures(a):
        tools = {fw.tool_of(n) for n in m.indicators if n in fw.indicators}
        out.append({"id": m.id, "name": m.name, "kind": m.kind, "indicators": list(m.indicators),
                    "tool": tools.pop() if len(tools) == 1 else None, "responsible": m.responsible,
                    "start": m.start, "end": m.end})
    return out


def headline(params: Any) -> dict:
    """The figures the index page and the province summary need, from the same analysis as the report."""
    a = analyse(params)
    weakest = min(a.indicators, key=lambda i: (i.score, i.number))
    prev = a.previous
    return {
        "total": round(a.total, 2), "level": a.level,
        "tools": {k: round(t.score, 2) for k, t in a.tools.items()},
        "indicators": {str(i.number): i.score for i in a.indicators},
        "previous_total": None if prev is None else prev.total,
        "change": a.change,
        "weakest": {"number": weakest.number, "name": weakest.name, "score": weakest.score},
        "weaknesses": len(a.weaknesses),
        "findings": len([f for f in a.findings if f.severity != "info"]),
    }


def score(params: Any) -> dict:
    """`ita-report score --json`: tools, total, level, indicators, history and findings."""
    return analyse(params).as_dict()


DOCUMENT = DocumentType(
    key="ita_analysis",
    title_th="การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร",
    title_en="ITA results analysis and integrity measures",
    stem="ita_analysis",
    notebook="ita_analysis.ipynb",
    model=AnalysisParams,
    problems=problems,
    lint=lint,
    findings=findings,
    score=score,
    headline=headline,
    assessment_year=lambda params: params.assessment.year,
    framework=lambda params: analyse(params).framework,
    extras={"measures": linked_measures},
    examples=("samruean_2569.yaml", "nongtuayang_2566.yaml", "thungtuayang_2569.yaml"),
)
