"""The framework's arithmetic: tool scores, the total and what item scores imply for an indicator.

Shared by every document that computes ITA figures (the analysis report, the province summary, the
next-level targets); the rules themselves are data in the framework files. Computed exactly (97.86 is
9786/100) and returned as the nearest float, so that rounding with `toolkit.kit.rounding.publish` gives
the same 2-decimal figure as the exact next-level arithmetic (frameworks/exact.py) at a half hundredth.
"""
from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Iterable

from ..kit.rounding import as_decimal
from . import Framework


def _exact(value: float | int | Decimal | Fraction) -> Fraction:
    return Fraction(as_decimal(value))


def _mean(values: Iterable[float]) -> Fraction:
    values = [_exact(v) for v in values]
    return sum(values, Fraction(0)) / len(values)


def exact_tools(indicators: dict[int, float], framework: Framework) -> dict[str, Fraction]:
    """Each tool's score, exactly: the mean of its indicators."""
    return {tool: _mean(indicators[n] for n in framework.indicators_of(tool)) for tool in framework.tools}


def exact_total(tools: dict[str, float | Fraction], framework: Framework) -> Fraction:
    """The ITA total, exactly: the weighted sum of the tool scores."""
    return sum((_exact(framework.tools[t].weight) * _exact(tools[t]) for t in framework.tools), Fraction(0))


def tool_scores(indicators: dict[int, float], framework: Framework) -> dict[str, float]:
    """Each tool's score: the mean of its indicators."""
    return {tool: float(v) for tool, v in exact_tools(indicators, framework).items()}


def total_score(tools: dict[str, float], framework: Framework) -> float:
    """The ITA total: the weighted sum of the tool scores (give it the indicators' exact tools when you can)."""
    return float(exact_total(tools, framework))


def total_of(indicators: dict[int, float], framework: Framework) -> float:
    """The ITA total straight from the indicators, exactly, as the nearest float."""
    return float(exact_total(exact_tools(indicators, framework), framework))


def indicator_from_items(number: int, items: dict[str, float], framework: Framework) -> float | None:
    """What the item scores imply for an indicator, when the framework knows the rule and all items are given."""
    rule = framework.indicators[number].aggregation
    members = framework.items_of(number)
    if rule not in ("mean_of_items", "mean_of_sub_indicators") or not members:
        return None
    if any(m.code not in items for m in members):
        return None
    if rule == "mean_of_items":
        return float(_mean(items[m.code] for m in members))
    subs: dict[str, list[float]] = {}
    for m in members:
        if m.sub is None:
            return None
        subs.setdefault(m.sub, []).append(items[m.code])
    return float(sum((_mean(v) for v in subs.values()), Fraction(0)) / len(subs))
