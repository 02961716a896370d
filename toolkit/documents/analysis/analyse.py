"""Scores from the framework's rules: tools, total, level, strengths and weaknesses, history.

Pure functions over the validated params; official figures are kept beside computed ones
(see reconcile.py), never overwritten.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from ...frameworks import Framework, load_framework
from ...frameworks.scores import indicator_from_items, tool_scores, total_of
from ...kit.rounding import publish
from ...kit.findings import Finding
from .reconcile import reconcile

WEAKEST_ITEMS = 5


@dataclass(frozen=True)
class ItemScore:
    code: str
    indicator: int
    score: float
    text: str | None = None
    sub: str | None = None
    topic: str | None = None
    negative: bool = False
    below_pass: bool = False


@dataclass(frozen=True)
class IndicatorScore:
    number: int
    name: str
    tool: str
    score: float
    weak: bool
    items: tuple[ItemScore, ...] = ()
    from_items: float | None = None  # what the item scores imply, where the framework says how
    reported: float | None = None  # a second published value for the same indicator, if any

    @property
    def status(self) -> str:
        return "weakness" if self.weak else "strength"


@dataclass(frozen=True)
class ToolScore:
    code: str
    name_th: str
    name_en: str
    weight: float
    computed: float
    reported: float | None = None

    @property
    def score(self) -> float:
        """The figure to show: the official one when published."""
        return self.reported if self.reported is not None else self.computed


@dataclass(frozen=True)
class HistoryPoint:
    year: int
    total: float
    level: str | None = None
    change: float | None = None  # against the point before it


@dataclass
class Analysis:
    """Everything the narrative, charts and tables need about one organisation's results."""

    params: Any
    framework: Framework
    indicators: list[IndicatorScore]
    tools: dict[str, ToolScore]
    total_computed: float
    total_reported: float | None
    level_computed: str
    level_reported: str | None
    history: list[HistoryPoint]
    findings: list[Finding] = field(default_factory=list)

    @property
    def pass_line(self) -> float:
        return self.framework.pass_line

    @property
    def total(self) -> float:
        return self.total_reported if self.total_reported is not None else self.total_computed

    @property
    def level(self) -> str:
        return self.level_reported if self.level_reported is not None else self.level_computed

    @property
    def strengths(self) -> list[IndicatorScore]:
        return [i for i in self.indicators if not i.weak]

    @property
    def weaknesses(self) -> list[IndicatorScore]:
        return sorted((i for i in self.indicators if i.weak), key=lambda i: i.score)

    @property
    def items(self) -> list[ItemScore]:
        return [item for ind in self.indicators for item in ind.items]

    @property
    def weakest_items(self) -> list[ItemScore]:
        """Items under the pass line, lowest first; failing that, the lowest items short of full marks."""
        scored = sorted(self.items, key=lambda i: (i.score, "ieo".find(i.code[0]), int(i.code[1:])))
        below = [i for i in scored if i.below_pass]
        return below or [i for i in scored if i.score < 100][:WEAKEST_ITEMS]

    @property
    def previous(self) -> HistoryPoint | None:
        earlier = [h for h in self.history if h.year < self.year]
        return earlier[-1] if earlier else None

    @property
    def change(self) -> float | None:
        prev = self.previous
        return None if prev is None else publish(self.total - prev.total)

    @property
    def year(self) -> int:
        return self.params.assessment.year

    def indicator(self, number: int) -> IndicatorScore:
        return next(i for i in self.indicators if i.number == number)

    def as_dict(self) -> dict:
        """Plain data for `ita-report score --json` and for tests."""
        return {
            "organisation": self.params.organisation.name,
            "fiscal_year": self.params.fiscal_year,
            "assessment_year": self.year,
            "framework": self.framework.id,
            "pass_line": self.pass_line,
            "tools": {k: {"computed": publish(t.computed), "reported": t.reported, "weight": t.weight}
                      for k, t in self.tools.items()},
            "total": {"computed": publish(self.total_computed), "reported": self.total_reported},
            "level": {"computed": self.level_computed, "reported": self.level_reported,
                      "rule_confidence": self.framework.levels.confidence},
            "indicators": [
                {"number": i.number, "name": i.name, "tool": i.tool, "score": i.score, "status": i.status,
                 "from_items": None if i.from_items is None else publish(i.from_items), "reported": i.reported}
                for i in self.indicators
            ],
            "strengths": [i.number for i in self.strengths],
            "weaknesses": [i.number for i in self.weaknesses],
            "weakest_items": [{"code": i.code, "score": i.score, "indicator": i.indicator} for i in self.weakest_items],
            "history": [asdict(h) for h in self.history],
            "change": self.change,
            "findings": [f.as_dict() for f in self.findings],
        }


def _items_of(number: int, items: dict[str, float], framework: Framework) -> tuple[ItemScore, ...]:
    tool = framework.tool_of(number)
    prefix = framework.tools[tool].item_prefix
    out = []
    for code, score in items.items():
        known = framework.item(code)
        if known is not None:
            if known.indicator != number:
                continue
            out.append(ItemScore(code, number, score, known.text, known.sub, known.topic, known.negative,
                                 score < framework.pass_line))
        elif code.startswith(prefix) and len(framework.indicators_of(tool)) == 1:
            out.append(ItemScore(code, number, score, below_pass=score < framework.pass_line))
    return tuple(sorted(out, key=lambda i: int(i.code[1:])))


def analyse(params: Any, framework: Framework | None = None) -> Analysis:
    """The analysis of one organisation's assessment, findings included."""
    a = params.assessment
    framework = framework or load_framework(a.year, a.framework)
    pass_line = framework.pass_line
    indicators = [
        IndicatorScore(
            number=n,
            name=spec.name,
            tool=spec.tool,
            score=a.indicators[n],
            weak=a.indicators[n] < pass_line,
            items=_items_of(n, a.items, framework),
            from_items=indicator_from_items(n, a.items, framework),
            reported=a.reported.indicators.get(n),
        )
        for n, spec in framework.indicators.items()
    ]
    computed = tool_scores(a.indicators, framework)
    tools = {
        code: ToolScore(code, spec.name_th, spec.name_en, spec.weight, computed[code], a.reported.tools.get(code))
        for code, spec in framework.tools.items()
    }
    total = total_of(a.indicators, framework)
    shown_total = a.reported.total if a.reported.total is not None else total
    level_computed = framework.level_for(shown_total, {k: t.score for k, t in tools.items()})

    points = [(p.year, p.total, p.level) for p in params.previous]
    points.append((a.year, shown_total, a.reported.level or level_computed))
    history, before = [], None
    for year, value, level in sorted(points):
        history.append(HistoryPoint(year, value, level, None if before is None else publish(value - before)))
        before = value

    analysis = Analysis(params, framework, indicators, tools, total, a.reported.total,
                        level_computed, a.reported.level, history)
    analysis.findings = reconcile(analysis)
    return analysis
