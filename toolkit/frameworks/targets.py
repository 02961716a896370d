"""What it takes to reach the next ITA level: exact points of total, tool, indicator and OIT item.

Exact arithmetic (97.86 is 9786/100), rounded half up to 2 decimals only where a figure is shown; levels
by the framework's own rule (``Framework.level_for``) on 2-decimal figures, as published. Item scores move
indicators only where the framework says how, by the difference they make (an official indicator figure
stays the base it is raised from).
"""
from __future__ import annotations

import itertools
import math
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Callable, Mapping

from ..kit.errors import InputError
from . import Framework
from .exact import (
    FULL,
    OIT,
    ZERO,
    Note,
    OneTool,
    State,
    apply_items,
    evaluate,
    exact,
    figure,
    fmt,
    item_weights,
    judge,
    points_to,
    rank,
    reaches,
    short_of,
)


# -- results ----------------------------------------------------------------------------
@dataclass(frozen=True)
class ToolTarget:
    """One tool against the next level: per-tool minimum and gap, and the score it would need alone."""

    tool: str
    score: float
    minimum: float | None  # the next level's per-tool minimum, when its rule has one
    gap: float | None  # points to that minimum (0 when met)
    alone: float | None  # score this tool alone must reach for the next level (None: not enough alone)
    alone_gain: float | None

    @property
    def blocking(self) -> bool:
        return bool(self.gap)

    def as_dict(self) -> dict:
        return asdict(self) | {"blocking": self.blocking}


@dataclass(frozen=True)
class IndicatorTarget:
    """One indicator: the score it alone must reach for the next level, and the points that is."""

    number: int
    tool: str
    score: float
    alone: float | None
    alone_gain: float | None


@dataclass(frozen=True)
class OitItem:
    """One OIT item short of 100 and exactly what raising it to 100 adds."""

    code: str
    name: str
    score: float
    indicator: int
    sub: str | None
    gain_sub: float | None
    gain_indicator: float
    gain_oit: float
    gain_total: float
    total_after: float
    level_after: str

    def as_dict(self) -> dict:
        return {"code": self.code, "name": self.name, "gain": self.gain_total} | asdict(self)


@dataclass(frozen=True)
class OitSet:
    """A smallest set of OIT items that, raised to 100, reaches a level."""

    level: str
    items: tuple[str, ...]
    oit_after: float
    total_after: float
    level_after: str

    def as_dict(self) -> dict:
        return asdict(self) | {"items": list(self.items), "size": len(self.items)}


@dataclass(frozen=True)
class NextLevel:
    """Everything it takes to go one level up, and to the pass line when below it."""

    current: str
    level: str
    total: float
    total_min: float
    total_needed: float
    each_tool_min: float | None
    tools: dict[str, ToolTarget]
    indicators: dict[int, IndicatorTarget]
    pass_level: str | None = None
    pass_total: float | None = None
    pass_total_needed: float | None = None
    oit_items: list[OitItem] | None = None
    oit_items_reason: Note | None = None
    oit_set: OitSet | None = None
    oit_set_reason: Note | None = None
    pass_oit_set: OitSet | None = None
    pass_oit_set_reason: Note | None = None
    unconfirmed: list[str] = field(default_factory=list)

    @property
    def blocking_tools(self) -> list[ToolTarget]:
        return [t for t in self.tools.values() if t.blocking]

    def as_dict(self) -> dict:
        """Plain data for `score --json` and the report."""
        return asdict(self) | {
            "tools": {k: t.as_dict() for k, t in self.tools.items()},
            "blocking_tools": [t.as_dict() for t in self.blocking_tools],
            "indicators": {str(n): asdict(i) for n, i in self.indicators.items()},
            "oit_items": None if self.oit_items is None else [i.as_dict() for i in self.oit_items],
            "oit_set": self.oit_set and self.oit_set.as_dict(),
            "pass_oit_set": self.pass_oit_set and self.pass_oit_set.as_dict(),
        }


@dataclass(frozen=True)
class Outcome:
    """The scores after a what-if change, beside the scores before it."""

    indicators: dict[int, float]
    items: dict[str, float]
    tools: dict[str, float]
    total: float
    level: str
    total_before: float
    level_before: str
    notes: list[Note] = field(default_factory=list)
    unconfirmed: list[str] = field(default_factory=list)

    @property
    def change(self) -> float:
        return figure(exact(self.total) - exact(self.total_before))

    def as_dict(self) -> dict:
        """Plain data for `score --set … --json`."""
        return asdict(self) | {"indicators": {str(n): figure(v) for n, v in self.indicators.items()},
                               "change": self.change}


# -- input checks -----------------------------------------------------------------------
def _score(value: object, where: str) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal, Fraction)) \
            or (isinstance(value, float) and not math.isfinite(value)) or not 0 <= value <= 100:
        raise InputError(None, where, "คะแนนต้องเป็นตัวเลขตั้งแต่ 0 ถึง 100", "a score must be a number from 0 to 100",
                         value)
    return exact(value)


def _check_indicators(framework: Framework, indicators: Mapping[int, float], where: str) -> dict[int, Fraction]:
    unknown = [n for n in indicators if n not in framework.indicators]
    count = len(framework.indicators)
    if unknown:
        raise InputError(None, f"{where}.{unknown[0]}", f"ตัวชี้วัดต้องเป็นเลข 1–{count} ตามหลักเกณฑ์ {framework.id}",
                         f"indicators are numbered 1–{count} in framework {framework.id}", unknown[0])
    return {n: _score(v, f"{where}.{n}") for n, v in indicators.items()}


def _check_items(framework: Framework, items: Mapping[str, float], where: str) -> dict[str, float]:
    for code, value in items.items():
        tool = framework.tool_for_code(code)
        known = framework.catalogue(tool) if tool else None
        if tool is None or (known is not None and code not in known):
            raise InputError(None, f"{where}.{code}",
                             f"รหัสข้อต้องอยู่ในรายการข้อของหลักเกณฑ์ {framework.id} (เช่น i1, e1, o1)",
                             f"item codes must be in framework {framework.id}'s catalogue (e.g. i1, e1, o1)", code)
        _score(value, f"{where}.{code}")
    return dict(items)


def _current(framework: Framework, indicators: Mapping[int, float]) -> State:
    ind = _check_indicators(framework, indicators, "indicators")
    missing = [n for n in framework.indicators if n not in ind]
    if missing:
        raise InputError(None, f"indicators.{missing[0]}", "ต้องมีคะแนนครบทุกตัวชี้วัด",
                         "every indicator needs a score")
    return evaluate(framework, ind)


def _unconfirmed(framework: Framework, levels: bool, subs: bool, iit: bool) -> list[str]:
    out = []
    if levels and (framework.is_unconfirmed("levels") or "unconfirmed" in framework.levels.confidence):
        out.append("levels")
    if subs and (framework.is_unconfirmed("sub_indicators") or any(
            "unconfirmed" in framework.indicators[n].confidence for n in framework.indicators_of(OIT))):
        out.append("sub_indicators")
    if iit and framework.is_unconfirmed("iit_items"):
        out.append("iit_items")
    return out


# -- what-if ----------------------------------------------------------------------------
def what_if(framework: Framework, indicators: Mapping[int, float], items: Mapping[str, float] | None = None,
            changes_indicators: Mapping[int, float] | None = None,
            changes_items: Mapping[str, float] | None = None) -> Outcome:
    """Scores after changing indicators and/or items (items first, then indicators set outright); inputs untouched."""
    before = _current(framework, indicators)
    items = _check_items(framework, items or {}, "items")
    changes_items = _check_items(framework, changes_items or {}, "changes.items")
    set_ind = _check_indicators(framework, changes_indicators or {}, "changes.indicators")
    moved_ind, notes, moved = apply_items(framework, before.indicators, items, changes_items)
    for n in sorted(moved & set(set_ind)):
        notes.append(Note("indicator_overrides_items",
                          f"ตัวชี้วัดที่ {n} ถูกกำหนดค่าโดยตรง จึงไม่นำผลจากคะแนนรายข้อที่เปลี่ยนมาใช้",
                          f"indicator {n} was set outright, so the item changes in it are not applied"))
    after = evaluate(framework, moved_ind | set_ind)
    tools_moved = {framework.tool_of(n) for n in moved - set(set_ind)}
    return Outcome(
        indicators={n: float(v) for n, v in after.indicators.items()},
        items={**items, **changes_items},
        tools={t: figure(v) for t, v in after.tools.items()},
        total=figure(after.total), level=after.level,
        total_before=figure(before.total), level_before=before.level, notes=notes,
        unconfirmed=_unconfirmed(framework, True, OIT in tools_moved, "IIT" in tools_moved),
    )


# -- the next level ---------------------------------------------------------------------
def _lowest_hundredths(low: Fraction, ok: Callable[[Fraction], bool]) -> Fraction | None:
    """The smallest 2-decimal value ≥ low (at most 100) for which a monotone test holds, or None."""
    if ok(low):
        return low  # already there: the figure as it stands
    lo, hi = math.ceil(low * 100), 10000
    if lo > hi or not ok(Fraction(hi, 100)):
        return None
    while lo < hi:
        mid = (lo + hi) // 2
        if ok(Fraction(mid, 100)):
            hi = mid
        else:
            lo = mid + 1
    return Fraction(lo, 100)


def _alone(value: Fraction | None, current: Fraction) -> tuple[float | None, float | None]:
    if value is None:
        return None, None
    return figure(value), short_of(value, current)


def _tool_targets(framework: Framework, state: State, level: str) -> dict[str, ToolTarget]:
    rule = framework.levels.rules[rank(framework, level)]
    out = {}
    for tool, score in state.tools.items():
        moving = OneTool(framework, state, tool)

        def ok(x: Fraction, moving: OneTool = moving) -> bool:
            return rank(framework, moving.judge(x)[1]) <= rank(framework, level)
        minimum = rule.each_tool_min
        gap = None if minimum is None else short_of(minimum, score)
        alone, alone_gain = _alone(_lowest_hundredths(score, ok), score)
        out[tool] = ToolTarget(tool, figure(score), minimum, gap, alone, alone_gain)
    return out


def _indicator_targets(framework: Framework, state: State, level: str) -> dict[int, IndicatorTarget]:
    out = {}
    moving = {tool: OneTool(framework, state, tool) for tool in framework.tools}
    for n, score in state.indicators.items():
        def ok(x: Fraction, n: int = n) -> bool:
            return rank(framework, moving[framework.tool_of(n)].level({n: x})) <= rank(framework, level)
        alone, alone_gain = _alone(_lowest_hundredths(score, ok), score)
        out[n] = IndicatorTarget(n, framework.tool_of(n), figure(score), alone, alone_gain)
    return out


def _oit_weights(framework: Framework, items: Mapping[str, float] | None) -> dict[str, Fraction] | Note:
    if not items or not any(framework.tool_for_code(c) == OIT for c in items):
        return Note("no_item_scores", "ไม่มีคะแนนรายข้อของ OIT จึงคำนวณผลของการแก้ไขรายข้อไม่ได้",
                    "no OIT item scores were given, so item gains cannot be computed")
    weights: dict[str, Fraction] = {}
    for n in framework.indicators_of(OIT):
        got = item_weights(framework, n, items)
        if isinstance(got, Note):
            return got
        weights |= got
    return weights


def _gains(framework: Framework, state: State, items: Mapping[str, float],
           weights: Mapping[str, Fraction]) -> list[OitItem]:
    out = []
    moving = OneTool(framework, state, OIT)
    for code in weights:
        if exact(items[code]) >= FULL:
            continue
        item = framework.item(code)
        # what apply_items gives for this one change, without re-deriving the weights
        raised = min(FULL, state.indicators[item.indicator] + weights[code] * (FULL - exact(items[code])))
        oit = moving.tool_score({item.indicator: raised})
        total, level = moving.judge(oit)
        same_sub = [m for m in framework.items_of(item.indicator) if m.sub == item.sub]
        per_sub = framework.indicators[item.indicator].aggregation == "mean_of_sub_indicators"
        out.append((total - state.total, OitItem(
            code, item.text, figure(items[code]), item.indicator, item.sub,
            figure((FULL - exact(items[code])) / len(same_sub)) if per_sub else None,
            figure(raised - state.indicators[item.indicator]),
            figure(oit - state.tools[OIT]), figure(total - state.total),
            figure(total), level)))
    out.sort(key=lambda pair: (-pair[0], int(pair[1].code[1:])))
    return [o for _, o in out]


def _smallest(framework: Framework, state: State, items: Mapping[str, float],
              weights: Mapping[str, Fraction], level: str) -> OitSet | Note:
    """Exact: within one indicator item gains add up (indicator = Σ weight × item), so for a given number
    of items taken from each OIT indicator the largest-gain ones are best. Reaching a level is monotone in
    each count, so for every count of the other indicators the fewest items of the last one are found by
    bisection; of the smallest sets, the one with the highest total wins (ties: fewer of the first
    indicators). Capping at 100 and the per-tool rule cannot mislead it as a greedy pick can.
    """
    gain = {c: weights[c] * (FULL - exact(items[c])) for c in weights if exact(items[c]) < FULL}
    short = {n: sorted((c for c in gain if framework.item(c).indicator == n), key=lambda c: (-gain[c], int(c[1:])))
             for n in framework.indicators_of(OIT)}
    if not gain:
        return Note("all_items_full", "ข้อ OIT ได้คะแนนเต็มทุกข้อแล้ว", "every OIT item is already at 100")
    numbers = list(short)
    prefix = {n: list(itertools.accumulate((gain[c] for c in short[n]), initial=ZERO)) for n in numbers}
    moving = OneTool(framework, state, OIT)
    target = rank(framework, level)

    def raised(counts: tuple[int, ...]) -> dict[int, Fraction]:
        return {n: min(FULL, state.indicators[n] + prefix[n][k]) for k, n in zip(counts, numbers)}

    def outcome(counts: tuple[int, ...]) -> tuple[Fraction, bool]:
        total, got = moving.judge(moving.tool_score(raised(counts)))
        return total, rank(framework, got) <= target

    every = tuple(len(short[n]) for n in numbers)
    if not outcome(every)[1]:
        return _why_not(framework, evaluate(framework, state.indicators | raised(every)), level)
    last = len(short[numbers[-1]])
    best: tuple[int, Fraction, tuple[int, ...]] | None = None
    for head in itertools.product(*(range(len(short[n]) + 1) for n in numbers[:-1])):
        if not outcome(head + (last,))[1]:
            continue
        lo, hi = 0, last  # the fewest of the last indicator's items that reach, with these of the others
        while lo < hi:
            mid = (lo + hi) // 2
            if outcome(head + (mid,))[1]:
                hi = mid
            else:
                lo = mid + 1
        counts = head + (lo,)
        total = outcome(counts)[0]
        if best is None or sum(counts) < best[0] or (sum(counts) == best[0] and total > best[1]):
            best = (sum(counts), total, counts)
    counts = best[2]
    after = evaluate(framework, state.indicators | raised(counts))
    codes = sorted((c for k, n in zip(counts, numbers) for c in short[n][:k]),
                   key=lambda c: (-gain[c], int(c[1:])))
    return OitSet(level, tuple(codes), figure(after.tools[OIT]), figure(after.total), after.level)


def _why_not(framework: Framework, full: State, level: str) -> Note:
    """Why even every OIT item at 100 does not reach a level: a per-tool minimum, or the total."""
    rule = framework.levels.rules[rank(framework, level)]
    if rule.each_tool_min is not None:
        low = [t for t, v in full.tools.items() if exact(figure(v)) < exact(rule.each_tool_min)]
        if low:
            listed = ", ".join(f"{t} {fmt(full.tools[t])}" for t in low)
            return Note("tool_minimum",
                        f"แม้ได้คะแนน OIT เต็มทุกข้อ ก็ยังไม่ถึงระดับ{level} เพราะ {listed} ต่ำกว่าเกณฑ์รายเครื่องมือ "
                        f"{fmt(rule.each_tool_min)} ต้องยกระดับด้วยตัวชี้วัดของเครื่องมือนั้นเอง",
                        f"even with every OIT item at 100, {level} is out of reach: {listed} below the per-tool "
                        f"minimum {fmt(rule.each_tool_min)}; that tool must gain through its own indicators")
    return Note("total_short",
                f"แม้ได้คะแนน OIT เต็มทุกข้อ คะแนนรวมจะเป็น {fmt(full.total)} "
                f"ยังไม่ถึง {fmt(rule.total_min)} ของระดับ{level}",
                f"even with every OIT item at 100 the total would be {fmt(full.total)}, short of {level}'s "
                f"{fmt(rule.total_min)}")


def oit_gains(framework: Framework, indicators: Mapping[int, float],
              items: Mapping[str, float] | None) -> list[OitItem] | Note:
    """Each OIT item under 100 with exactly what raising it to 100 adds, largest gain first; or why unknown."""
    state = _current(framework, indicators)
    items = _check_items(framework, items or {}, "items")
    weights = _oit_weights(framework, items)
    return weights if isinstance(weights, Note) else _gains(framework, state, items, weights)


def smallest_oit_set(framework: Framework, indicators: Mapping[int, float], items: Mapping[str, float] | None,
                     level: str) -> OitSet | Note:
    """A smallest set of OIT items that, raised to 100, reaches a level; or a Note saying why none does."""
    state = _current(framework, indicators)
    items = _check_items(framework, items or {}, "items")
    if level not in framework.levels.names:
        raise InputError(None, "level", f"ระดับต้องเป็นหนึ่งใน {', '.join(framework.levels.names)}",
                         f"level must be one of {', '.join(framework.levels.names)}", level)
    weights = _oit_weights(framework, items)
    return weights if isinstance(weights, Note) else _smallest(framework, state, items, weights, level)


def _pass_level(framework: Framework) -> str:
    """The least demanding level at or above the pass line (ผ่าน, or A on the letter scale)."""
    return next(r.level for r in reversed(framework.levels.rules) if r.total_min >= framework.pass_line)


def next_level(framework: Framework, indicators: Mapping[int, float],
               items: Mapping[str, float] | None = None, level: str | None = None) -> NextLevel | None:
    """What it takes to reach the level above (and the pass line when below it); None at the top level.

    ``level`` aims at a named level instead (a report that starts from an officially published level
    the unconfirmed rule disagrees with); when the figures already reach it, every gap is 0.
    """
    state = _current(framework, indicators)
    items = _check_items(framework, items or {}, "items")
    here = rank(framework, state.level)
    if level is not None:
        if level not in framework.levels.names:
            raise InputError(None, "level", f"ระดับต้องเป็นหนึ่งใน {', '.join(framework.levels.names)}",
                             f"level must be one of {', '.join(framework.levels.names)}", level)
        rule = framework.levels.rules[rank(framework, level)]
    elif here == 0:
        return None
    else:
        rule = framework.levels.rules[here - 1]
    total = figure(state.total)
    below_pass = exact(total) < exact(framework.pass_line)
    pass_level = _pass_level(framework) if below_pass else None

    weights = _oit_weights(framework, items)
    oit_items = oit_set = pass_set = None
    items_reason = set_reason = pass_reason = None
    if isinstance(weights, Note):
        items_reason = set_reason = weights
        pass_reason = weights if below_pass else None
    else:
        oit_items = _gains(framework, state, items, weights)
        found = _smallest(framework, state, items, weights, rule.level)
        oit_set, set_reason = (None, found) if isinstance(found, Note) else (found, None)
        if pass_level is not None:
            found = found if pass_level == rule.level else _smallest(framework, state, items, weights, pass_level)
            pass_set, pass_reason = (None, found) if isinstance(found, Note) else (found, None)

    return NextLevel(
        current=state.level, level=rule.level, total=total, total_min=rule.total_min,
        total_needed=points_to(framework, total, rule.level), each_tool_min=rule.each_tool_min,
        tools=_tool_targets(framework, state, rule.level),
        indicators=_indicator_targets(framework, state, rule.level),
        pass_level=pass_level,
        pass_total=None if pass_level is None else framework.levels.rules[rank(framework, pass_level)].total_min,
        pass_total_needed=None if pass_level is None else points_to(framework, total, pass_level),
        oit_items=oit_items, oit_items_reason=items_reason,
        oit_set=oit_set, oit_set_reason=set_reason, pass_oit_set=pass_set, pass_oit_set_reason=pass_reason,
        unconfirmed=_unconfirmed(framework, True, not isinstance(weights, Note), False),
    )
