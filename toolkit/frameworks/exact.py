"""Exact ITA arithmetic for what-ifs and targets: figures as fractions, states, levels, item weights.

97.86 is 9786/100; a figure is rounded half up to 2 decimals only where it is shown, and levels come from
the framework's own rule (``Framework.level_for``) on 2-decimal figures, as published.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Mapping

from ..kit.rounding import publish
from . import Framework

OIT = "OIT"
FULL = Fraction(100)
ZERO = Fraction(0)
ITEM_RULES = ("mean_of_items", "mean_of_sub_indicators")


# -- exact figures ----------------------------------------------------------------------
def exact(value: float | int | Decimal | Fraction) -> Fraction:
    """A figure as written, exactly (no binary-float residue), so 65 − 61.45 is 3.55."""
    if isinstance(value, Fraction):
        return value
    return Fraction(Decimal(str(value)))


def figure(value: Fraction | float) -> float:
    """A value as published: 2 decimals, half up (the one rule, `toolkit.kit.rounding.publish`)."""
    return publish(exact(value))


def fmt(value: Fraction | float) -> str:
    return f"{figure(value):.2f}"


@dataclass(frozen=True)
class Note:
    """Why something could not be computed (or a caveat), in Thai and English, with a stable code."""

    code: str
    th: str
    en: str

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class State:
    """Indicators (exact), the tools and total they give, and the level the framework's rule gives."""

    indicators: dict[int, Fraction]
    tools: dict[str, Fraction]
    total: Fraction
    level: str


def evaluate(framework: Framework, indicators: Mapping[int, Fraction | float]) -> State:
    """Tools, total and level from indicator scores, exactly (tool = mean, total = weighted sum)."""
    ind = {n: exact(v) for n, v in indicators.items()}
    tools = {t: sum((ind[n] for n in framework.indicators_of(t)), ZERO) / len(framework.indicators_of(t))
             for t in framework.tools}
    return State(ind, tools, *judge(framework, tools))


def judge(framework: Framework, tools: Mapping[str, Fraction]) -> tuple[Fraction, str]:
    """The exact total of tool scores and the level the rule gives it on published 2-decimal figures."""
    total = sum((exact(spec.weight) * tools[t] for t, spec in framework.tools.items()), ZERO)
    return total, framework.level_for(figure(total), {t: figure(v) for t, v in tools.items()})


class OneTool:
    """A state in which only one tool's indicators move: the level for new values of them with a fraction
    of `evaluate`'s arithmetic (the bisections and set searches of targets.py call it hundreds of times)."""

    def __init__(self, framework: Framework, state: State, tool: str):
        self.framework, self.state, self.tool = framework, state, tool
        self.numbers = framework.indicators_of(tool)
        self.weight = exact(framework.tools[tool].weight)
        self.rest = sum((exact(spec.weight) * state.tools[t] for t, spec in framework.tools.items() if t != tool),
                        ZERO)
        self.figures = {t: figure(v) for t, v in state.tools.items()}

    def tool_score(self, changes: Mapping[int, Fraction]) -> Fraction:
        """The tool's score with some of its indicators changed (exact)."""
        return sum((changes.get(n, self.state.indicators[n]) for n in self.numbers), ZERO) / len(self.numbers)

    def judge(self, score: Fraction) -> tuple[Fraction, str]:
        """The exact total and the level with this tool at a given score."""
        total = self.rest + self.weight * score
        return total, self.framework.level_for(figure(total), self.figures | {self.tool: figure(score)})

    def level(self, changes: Mapping[int, Fraction]) -> str:
        return self.judge(self.tool_score(changes))[1]


def rank(framework: Framework, level: str) -> int:
    """Position of a level in the framework's scale, 0 = the top."""
    return framework.levels.names.index(level)


def reaches(framework: Framework, state: State, level: str) -> bool:
    """Whether a state is at or above a level."""
    return rank(framework, state.level) <= rank(framework, level)


def points_to(framework: Framework, total: float, level: str) -> float:
    """Points of (published) total still missing to a level's total minimum; 0 when there."""
    return short_of(framework.levels.rules[rank(framework, level)].total_min, total)


def short_of(target: float, value: float | Fraction) -> float:
    """Points from a value as published up to a target (0 when there): 65 − 61.45 = 3.55 exactly."""
    return figure(max(ZERO, exact(target) - exact(figure(value))))


# -- items -> indicators ----------------------------------------------------------------
def item_weights(framework: Framework, number: int, items: Mapping[str, float]) -> dict[str, Fraction] | Note:
    """Each item's weight in an indicator (indicator = Σ weight × item), or a Note saying why unknown."""
    spec = framework.indicators[number]
    members = framework.items_of(number)
    if framework.catalogue(spec.tool) is None:
        return Note("no_catalogue",
                    f"หลักเกณฑ์ {framework.id} ไม่มีรายการข้อ {spec.tool} ของปีนี้ "
                    "จึงไม่ทราบว่าแต่ละข้ออยู่ในตัวชี้วัดย่อยใด",
                    f"framework {framework.id} does not store this period's {spec.tool} item catalogue, "
                    "so which (sub-)indicator each item counts in is unknown")
    if spec.aggregation not in ITEM_RULES or not members:
        return Note("no_aggregation",
                    f"หลักเกณฑ์ {framework.id} ไม่ได้ระบุวิธีรวมคะแนนรายข้อเป็นตัวชี้วัดที่ {number}",
                    f"framework {framework.id} does not say how item scores add up to indicator {number}")
    missing = [m.code for m in members if m.code not in items]
    if missing:
        return Note("items_incomplete",
                    f"คะแนนรายข้อของตัวชี้วัดที่ {number} ไม่ครบ (ขาด {', '.join(missing)})",
                    f"item scores of indicator {number} are incomplete (missing {', '.join(missing)})")
    if spec.aggregation == "mean_of_items":
        return {m.code: Fraction(1, len(members)) for m in members}
    subs: dict[str, list[str]] = {}
    for m in members:
        if m.sub is None:
            return Note("no_sub_indicator", f"ข้อ {m.code} ไม่ได้ระบุตัวชี้วัดย่อยในหลักเกณฑ์ {framework.id}",
                        f"item {m.code} has no sub-indicator in framework {framework.id}")
        subs.setdefault(m.sub, []).append(m.code)
    return {code: Fraction(1, len(subs) * len(codes)) for codes in subs.values() for code in codes}


def apply_items(framework: Framework, indicators: Mapping[int, Fraction], items: Mapping[str, float],
                changes: Mapping[str, float]) -> tuple[dict[int, Fraction], list[Note], set[int]]:
    """Indicators moved by item changes (by the difference each makes), notes on what could not move."""
    out = dict(indicators)
    notes: list[Note] = []
    moved: set[int] = set()
    by_indicator: dict[int, list[str]] = {}
    for code in changes:
        item = framework.item(code)
        if item is None:
            notes.append(Note("item_not_propagated",
                              f"ข้อ {code} ไม่อยู่ในรายการข้อของหลักเกณฑ์ {framework.id} คะแนนตัวชี้วัดจึงไม่เปลี่ยน",
                              f"item {code} is not in framework {framework.id}'s catalogue; no indicator moves"))
            continue
        by_indicator.setdefault(item.indicator, []).append(code)
    for number, codes in sorted(by_indicator.items()):
        weights = item_weights(framework, number, items)
        if isinstance(weights, Note):
            notes.append(Note("item_not_propagated",
                              f"คะแนนข้อ {', '.join(codes)} ไม่ทำให้ตัวชี้วัดที่ {number} เปลี่ยน: {weights.th}",
                              f"items {', '.join(codes)} do not move indicator {number}: {weights.en}"))
            continue
        delta = sum((weights[c] * (exact(changes[c]) - exact(items[c])) for c in codes), ZERO)
        out[number] = min(FULL, max(ZERO, out[number] + delta))
        moved.add(number)
    return out, notes, moved
