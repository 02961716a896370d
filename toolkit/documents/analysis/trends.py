"""How the organisation moved over the years given: totals, tools, indicators, levels and the country.

Each year's level is read on that year's own scale (the framework of the year says which: letters AA–F up
to 2566, ratings from 2567), and is never compared with a level of the other scale: across the change only
scores are compared. National averages and pass shares are framework data (``national_figures``), with
their source for the footnote.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ...frameworks import TOOLS, Framework, NationalFigures, by_year, load_framework
from ...frameworks.scores import tool_scores
from ...kit.rounding import publish
from .analyse import Analysis

LAST_YEARS = 5  # years shown in the chart and the table
TOP_MOVES = 3  # indicators listed as rising or falling most
UNCHANGED = 0.005  # a change that prints as 0.00 is no change


@dataclass(frozen=True)
class Scale:
    """A year's level scale: its kind and its levels, best first."""

    kind: str  # "letter" | "rating"
    levels: tuple[str, ...]
    unconfirmed: bool

    @property
    def span(self) -> str:
        return f"{self.levels[0]}–{self.levels[-1]}"


@dataclass(frozen=True)
class YearRow:
    """One year's official figures (tools from the indicators when not given) and the country's."""

    year: int
    total: float
    level: str | None
    scale: Scale | None  # None: no framework stored for that year
    tools: dict[str, float]
    tools_computed: bool
    indicators: dict[int, float]
    change: float | None
    national: NationalFigures | None
    national_note: str | None  # why the national figures are missing, when the framework says
    current: bool = False

    @property
    def level_in_scale(self) -> bool | None:
        if self.level is None or self.scale is None:
            return None
        return self.level in self.scale.levels


@dataclass(frozen=True)
class Move:
    """One indicator between two years."""

    number: int
    name: str
    tool: str
    first_year: int
    first: float
    last_year: int
    last: float

    @property
    def change(self) -> float:
        return publish(self.last - self.first)


@dataclass
class Trends:
    """The years given, oldest first, with what changed and the scales they were judged on."""

    rows: list[YearRow]
    rose: list[Move] = field(default_factory=list)  # since the earliest shown year with indicator scores
    fell: list[Move] = field(default_factory=list)
    rose_last: list[Move] = field(default_factory=list)  # since the latest earlier year with indicator scores,
    fell_last: list[Move] = field(default_factory=list)  # when that is not the earliest
    scale_change: tuple[int, Scale, Scale] | None = None  # (first year of the new scale, old, new)
    problems: list[tuple[str, str]] = field(default_factory=list)  # (th, en): levels off their year's scale

    @property
    def shown(self) -> list[YearRow]:
        """The last years, for the chart and the table."""
        return self.rows[-LAST_YEARS:]

    @property
    def current(self) -> YearRow:
        return self.rows[-1]

    @property
    def drawable(self) -> bool:
        """Whether a chart says more than the totals-only history chart: a tool or the country over 2+ years."""
        shown = self.shown
        tools = any(sum(1 for r in shown if tool in r.tools) > 1 for tool in TOOLS)
        return len(shown) > 1 and (tools or len(self.national_rows) > 1)

    @property
    def national_rows(self) -> list[YearRow]:
        return [r for r in self.shown if r.national is not None]

    def as_dict(self) -> dict:
        """`score --json`'s trends: one row per year, the biggest moves, where the scale changed."""
        return {
            "years": [{
                "year": r.year, "total": r.total, "level": r.level, "scale": r.scale and r.scale.kind,
                "level_in_scale": r.level_in_scale, "tools": r.tools, "tools_computed": r.tools_computed,
                "indicators": {str(n): v for n, v in r.indicators.items()}, "change": r.change,
                "national": None if r.national is None else {
                    "average": r.national.average, "share_at_or_above_pass": r.national.share_at_or_above_pass},
            } for r in self.rows],
            "rose": [{"number": m.number, "from": m.first_year, "to": m.last_year, "change": m.change}
                     for m in self.rose],
            "fell": [{"number": m.number, "from": m.first_year, "to": m.last_year, "change": m.change}
                     for m in self.fell],
            "rose_last": [{"number": m.number, "from": m.first_year, "to": m.last_year, "change": m.change}
                          for m in self.rose_last],
            "fell_last": [{"number": m.number, "from": m.first_year, "to": m.last_year, "change": m.change}
                          for m in self.fell_last],
            "scale_change": None if self.scale_change is None else {
                "year": self.scale_change[0], "from": self.scale_change[1].kind, "to": self.scale_change[2].kind},
            "problems": [en for _, en in self.problems],
        }


def scale_of(year: int) -> tuple[Scale | None, Framework | None]:
    """The level scale a year's results were published on (None when no framework covers that year)."""
    if year not in by_year():
        return None, None
    fw = load_framework(year)
    unconfirmed = "unconfirmed" in fw.levels.confidence or fw.is_unconfirmed("levels")
    return Scale(fw.levels.scale, tuple(fw.levels.names), unconfirmed), fw


def scale_change_year(first: int, last: int) -> tuple[int, Scale, Scale] | None:
    """The first year in (first, last] whose scale differs from the year before it, from the framework data."""
    years = sorted(y for y in by_year() if first <= y <= last)
    before = None
    for year in years:
        scale = scale_of(year)[0]
        if before is not None and scale is not None and scale.kind != before.kind:
            return year, before, scale
        before = scale
    return None


def _national(fw: Framework | None, year: int) -> tuple[NationalFigures | None, str | None]:
    if fw is None:
        return None, None
    stored = fw.national_figures.get(year)
    return fw.national(year), stored.note_th if stored is not None else None


def _row(a: Analysis, year: int, total: float, level: str | None, tools: dict[str, float],
         indicators: dict[int, float], before: float | None, current: bool = False) -> YearRow:
    scale, fw = scale_of(year)
    computed = False
    if not tools and fw is not None and set(indicators) == set(fw.indicators):
        tools, computed = {k: publish(v) for k, v in tool_scores(indicators, fw).items()}, True
    national, note = _national(fw, year)
    change = None if before is None else publish(total - before)
    return YearRow(year, total, level, scale, dict(tools), computed, dict(indicators), change, national, note,
                   current)


def _compare(a: Analysis, first: YearRow, last: YearRow) -> tuple[list[Move], list[Move]]:
    moves = [Move(n, a.framework.indicators[n].name, a.framework.tool_of(n), first.year, first.indicators[n],
                  last.year, last.indicators[n])
             for n in a.framework.indicators if n in first.indicators and n in last.indicators]
    rose = sorted((m for m in moves if m.change >= UNCHANGED), key=lambda m: (-m.change, m.number))
    fell = sorted((m for m in moves if m.change <= -UNCHANGED), key=lambda m: (m.change, m.number))
    return rose[:TOP_MOVES], fell[:TOP_MOVES]


def _moves(a: Analysis, rows: list[YearRow]) -> tuple[list[Move], list[Move], list[Move], list[Move]]:
    """Per indicator: from the earliest shown year with indicator scores, and from the latest, to this year."""
    earlier = [r for r in rows[-LAST_YEARS:-1] if r.indicators]
    if not earlier:
        return [], [], [], []
    rose, fell = _compare(a, earlier[0], rows[-1])
    if len(earlier) < 2:
        return rose, fell, [], []
    return (rose, fell, *_compare(a, earlier[-1], rows[-1]))


def _problems(rows: list[YearRow]) -> list[tuple[str, str]]:
    out = []
    for r in rows:
        if r.level_in_scale is False:
            out.append((f"ระดับ “{r.level}” ของปี {r.year} ไม่อยู่ในระดับของปีนั้น ({r.scale.span})",
                        f"level '{r.level}' of {r.year} is not on that year's {r.scale.kind} scale ({r.scale.span})"))
    return out


def trends(a: Analysis) -> Trends:
    """The history of one organisation: the previous years given in the params, then the assessment year."""
    p = a.params
    rows: list[YearRow] = []
    before = None
    for h in sorted((h for h in p.previous if h.year < a.year), key=lambda h: h.year):
        rows.append(_row(a, h.year, h.total, h.level, dict(h.tools), dict(h.indicators), before))
        before = h.total
    rows.append(_row(a, a.year, publish(a.total), a.level, {k: publish(t.score) for k, t in a.tools.items()},
                     dict(p.assessment.indicators), before, current=True))
    rose, fell, rose_last, fell_last = _moves(a, rows)
    change = scale_change_year(rows[0].year, rows[-1].year) if len(rows) > 1 else None
    return Trends(rows, rose, fell, rose_last, fell_last, change, _problems(rows))
