"""The framework's arithmetic: tool scores, the total and what item scores imply for an indicator.

Shared by every document that computes ITA figures (the analysis report, the province summary, the
next-level targets); the rules themselves are data in the framework files.
"""
from __future__ import annotations

from statistics import fmean

from . import Framework


def tool_scores(indicators: dict[int, float], framework: Framework) -> dict[str, float]:
    """Each tool's score: the mean of its indicators."""
    return {tool: fmean(indicators[n] for n in framework.indicators_of(tool)) for tool in framework.tools}


def total_score(tools: dict[str, float], framework: Framework) -> float:
    """The ITA total: the weighted sum of the tool scores."""
    return sum(framework.tools[t].weight * tools[t] for t in framework.tools)


def indicator_from_items(number: int, items: dict[str, float], framework: Framework) -> float | None:
    """What the item scores imply for an indicator, when the framework knows the rule and all items are given."""
    rule = framework.indicators[number].aggregation
    members = framework.items_of(number)
    if rule not in ("mean_of_items", "mean_of_sub_indicators") or not members:
        return None
    if any(m.code not in items for m in members):
        return None
    if rule == "mean_of_items":
        return fmean(items[m.code] for m in members)
    subs: dict[str, list[float]] = {}
    for m in members:
        if m.sub is None:
            return None
        subs.setdefault(m.sub, []).append(items[m.code])
    return fmean(fmean(v) for v in subs.values())
