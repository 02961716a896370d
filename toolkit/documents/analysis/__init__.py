"""The analysis report (o27 in 2568): last year's ITA results, strengths and weaknesses, measures.

Published as การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร / มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายใน
หน่วยงาน. model → analyse (scores, reconciliation) → text, charts → report (notebook sections).
"""
from __future__ import annotations

from typing import Any

from ...frameworks import load_framework
from ...kit.rounding import publish
from ..registry import DocumentType
from .analyse import analyse
from .checks import findings, lint, problems
from .model import AnalysisParams
from .next_step import next_step
from .text import measures
from .trends import trends
from .what_if import WhatIf, parse_changes, what_if


def linked_measures(params: Any) -> list[dict]:
    """What a results report carries forward from this document's measures (given or drafted), by id: dates
    read from the office's period words where it wrote them, the tool of a tool's measure."""
    a = analyse(params)
    fw = a.framework
    out = []
    for m in measures(a):
        tools = {fw.tool_of(n) for n in m.indicators if n in fw.indicators}
        tool = m.tool if m.group == "tool" else (tools.pop() if len(tools) == 1 else None)
        start, end = m.dates(params.fiscal_year) if m.period is not None else (m.start, m.end)
        out.append({"id": m.id, "name": m.name, "kind": m.kind, "indicators": list(m.indicators),
                    "tool": tool, "responsible": m.responsible, "start": start, "end": end})
    return out


def headline(params: Any) -> dict:
    """The figures the index page and the province summary need, from the same analysis as the report."""
    a = analyse(params)
    weakest = min(a.indicators, key=lambda i: (i.score, i.number))
    prev = a.previous
    return {
        "total": publish(a.total), "level": a.level,
        "tools": {k: publish(t.score) for k, t in a.tools.items()},
        "indicators": {str(i.number): i.score for i in a.indicators},
        "previous_total": None if prev is None else prev.total,
        "change": a.change,
        "weakest": {"number": weakest.number, "name": weakest.name, "score": weakest.score},
        "weaknesses": len(a.weaknesses),
        "findings": len([f for f in a.findings if f.severity != "info"]),
    }


def score(params: Any) -> dict:
    """`ita-report score --json`: tools, total, level, indicators, history, findings, the next level and
    the trend over the years given."""
    a = analyse(params)
    return a.as_dict() | {"next_level": next_step(a).as_dict(), "trends": trends(a).as_dict()}


def what_if_changes(params: Any, changes: list[str]) -> WhatIf:
    """`ita-report score PARAMS --set 9=90 --set o13=100`: the same what-if as `report.what_if` in the notebook."""
    return what_if(analyse(params), *parse_changes(changes))


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
    framework=lambda params: load_framework(params.assessment.year, params.assessment.framework),
    extras={"measures": linked_measures, "what_if": what_if_changes},
    examples=("samruean_2569.yaml", "nongtuayang_2566.yaml", "thungtuayang_2569.yaml", "khaotuayang_2565.yaml"),
)
