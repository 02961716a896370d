"""Reconciliation: published figures against what the organisation's own figures allow, exactly.

Every published figure has two decimals, so it stands for an interval: 95.77 for [95.765, 95.775]. A figure
derived from published ones is an interval too (a tool score from its indicators: the mean of their
intervals; the total from the tools: their weighted sum), whichever way the NACC rounded on the way. A
published figure contradicts the others only when the two intervals do not meet: exact fractions
(``frameworks.exact``), no float tolerance. Seed 003 prints indicator 6 as 96.29 and 96.26 beside EIT 95.77:
with 96.29 the EIT would be 95.78–95.79, so 96.29 cannot be right, while 96.26 fits.

A contradiction in what the document prints as official (the total, a tool score, a level under a
confirmed rule, a passing level below the pass line) is a *hard* conflict: validation refuses the params
(``checks.problems``) unless the params say ``accept_published: true`` (CLI ``--accept-published``); then
it is listed here as an error finding and the official figures are printed. Where the year's level rule is
unconfirmed, a level mismatch is a warning. Nothing is ever corrected.
"""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Iterable

from ...frameworks import Framework
from ...frameworks.exact import exact, fmt
from ...kit.findings import Finding

if TYPE_CHECKING:
    from .analyse import Analysis

HALF = Fraction(1, 200)  # a published 2-decimal figure stands for ±0.005


@dataclass(frozen=True)
class Span:
    """The closed interval a figure can be, given the published figures it comes from."""

    lo: Fraction
    hi: Fraction

    @classmethod
    def of(cls, published: float) -> "Span":
        """What a published 2-decimal figure can stand for: itself ±0.005."""
        x = exact(published)
        return cls(x - HALF, x + HALF)

    def meets(self, other: "Span") -> bool:
        """Whether both figures can be true at once."""
        return self.lo <= other.hi and other.lo <= self.hi

    def text(self) -> str:
        """The 2-decimal figures this interval can be published as: "95.78–95.79" or "95.78"."""
        lo, hi = fmt(self.lo), fmt(self.hi)
        return lo if lo == hi else f"{lo}–{hi}"


def mean(spans: list[Span]) -> Span:
    """The interval of a mean of figures known only as intervals."""
    return Span(sum((s.lo for s in spans), Fraction(0)) / len(spans), sum((s.hi for s in spans), Fraction(0)) / len(spans))


def weighted(spans: dict[str, Span], framework: Framework) -> Span:
    """The interval of the total: the framework's weighted sum of the tools' intervals."""
    w = {t: exact(spec.weight) for t, spec in framework.tools.items()}
    return Span(sum((w[t] * spans[t].lo for t in w), Fraction(0)), sum((w[t] * spans[t].hi for t in w), Fraction(0)))


@dataclass(frozen=True)
class Conflict:
    """Published figures that cannot all be true; ``hard`` ones stop the document unless accepted."""

    code: str
    path: tuple
    th: str
    en: str
    reported: Any
    computed: Any
    hard: bool

    @property
    def field(self) -> str:
        """The dotted params path, as findings name it."""
        return ".".join(str(p) for p in self.path)


def _f(x: float) -> str:
    return f"{x:.2f}"


def _figures(values: Iterable[float]) -> str:
    return ", ".join(_f(v) for v in values)


def _tool_spans(a: Any, framework: Framework) -> tuple[dict[str, Span], dict[str, Span]]:
    """Each tool's interval from its indicators, and the one the document uses (published when given)."""
    from_indicators = {t: mean([Span.of(a.indicators[n]) for n in framework.indicators_of(t)]) for t in framework.tools}
    used = {t: Span.of(a.reported.tools[t]) if t in a.reported.tools else s for t, s in from_indicators.items()}
    return from_indicators, used


def _tool_conflicts(a: Any, framework: Framework, from_indicators: dict[str, Span]) -> list[Conflict]:
    out = []
    for t, value in a.reported.tools.items():
        derived = from_indicators[t]
        if derived.meets(Span.of(value)):
            continue
        figures = _figures(a.indicators[n] for n in framework.indicators_of(t))
        out.append(Conflict(
            "tool_mismatch", ("assessment", "reported", "tools", t),
            f"คะแนน {t} ที่ประกาศ ({_f(value)}) ขัดกับตัวชี้วัดของหน่วยงานเอง: ค่าเฉลี่ยของ {figures} ประกาศได้เพียง "
            f"{derived.text()} (ตัวเลขที่ประกาศแต่ละค่าปัดเศษมาไม่เกิน ±0.005)",
            f"the published {t} score ({_f(value)}) contradicts the organisation's own indicators: the mean of "
            f"{figures} can only be published as {derived.text()} (each published figure is rounded by at most ±0.005)",
            value, derived.text(), True))
    return out


def _total_conflict(a: Any, framework: Framework, tools: dict[str, Span]) -> list[Conflict]:
    total = a.reported.total
    if total is None:
        return []
    derived = weighted(tools, framework)
    if derived.meets(Span.of(total)):
        return []
    weights = " + ".join(f"{spec.weight:.2f}×{t}" for t, spec in framework.tools.items())
    given = "คะแนนเครื่องมือที่ประกาศ" if a.reported.tools else "ตัวชี้วัด"
    given_en = "published tool scores" if a.reported.tools else "indicators"
    return [Conflict(
        "total_mismatch", ("assessment", "reported", "total"),
        f"คะแนนรวมที่ประกาศ ({_f(total)}) ขัดกับ{given}ของหน่วยงานเอง: {weights} ประกาศได้เพียง {derived.text()} "
        "(ตัวเลขที่ประกาศแต่ละค่าปัดเศษมาไม่เกิน ±0.005)",
        f"the published total ({_f(total)}) contradicts the organisation's own {given_en}: {weights} can only be "
        f"published as {derived.text()} (each published figure is rounded by at most ±0.005)",
        total, derived.text(), True)]


def possible_levels(a: Any, framework: Framework, tools: dict[str, Span]) -> list[str]:
    """The levels the year's rule can give these figures (published 2-decimal figures where given)."""
    total = Span.of(a.reported.total) if a.reported.total is not None else weighted(tools, framework)

    def level(pick: int) -> str:
        if a.reported.total is not None:
            t = a.reported.total
        else:
            t = float(fmt(total.lo if pick == 0 else total.hi))
        scores = {k: a.reported.tools[k] if k in a.reported.tools else float(fmt(s.lo if pick == 0 else s.hi))
                  for k, s in tools.items()}
        return framework.level_for(t, scores)

    names = framework.levels.names
    worst, best = names.index(level(0)), names.index(level(1))
    return names[best:worst + 1]


def _level_conflict(a: Any, framework: Framework, tools: dict[str, Span]) -> list[Conflict]:
    level = a.reported.level
    names = framework.levels.names
    if level is None or level not in names:
        return []  # an unknown level is a validation error of its own
    possible = possible_levels(a, framework, tools)
    if level in possible:
        return []
    rule = framework.levels.rules[names.index(level)]
    span = Span.of(a.reported.total) if a.reported.total is not None else weighted(tools, framework)
    total_text = _f(a.reported.total) if a.reported.total is not None else span.text()
    highest = exact(a.reported.total) if a.reported.total is not None else exact(fmt(span.hi))
    unsure = framework.is_unconfirmed("levels")
    below_pass = (rule.total_min >= framework.pass_line and not framework.is_unconfirmed("pass_line")
                  and highest < exact(framework.pass_line))
    hard = not unsure or below_pass
    computed = possible[0] if len(possible) == 1 else " / ".join(possible)
    th = f"ระดับที่ประกาศ ({level}) ขัดกับคะแนนรวม {total_text}"
    en = f"the published level ({level}) contradicts the total {total_text}"
    if below_pass:
        th += f" ซึ่งต่ำกว่าเกณฑ์ผ่าน {framework.pass_line:g} ระดับนี้ต้องได้อย่างน้อย {rule.total_min:g}"
        en += f", which is below the pass line {framework.pass_line:g}; this level needs at least {rule.total_min:g}"
    else:
        th += f" และคะแนนเครื่องมือ ตามเกณฑ์ของปี {a.year} ได้ระดับ {computed}"
        en += f" and the tool scores: the {a.year} rule gives {computed}"
    if unsure and not hard:
        th += " (เกณฑ์ระดับของปีนี้ยังไม่ได้รับการยืนยัน รายงานจึงแสดงระดับที่ประกาศ)"
        en += " (this year's level rule is unconfirmed, so the report shows the published level)"
    return [Conflict("level_mismatch", ("assessment", "reported", "level"), th, en, level, computed, hard)]


def _second_values(a: Any, framework: Framework) -> list[Conflict]:
    """An indicator published twice with two values: which one the published tool score admits."""
    out = []
    for n, second in a.reported.indicators.items():
        first = a.indicators[n]
        if exact(first) == exact(second):
            continue
        tool = framework.tool_of(n)
        th = f"ตัวชี้วัดที่ {n} มีสองค่า: {_f(second)} (ตารางสรุป) และ {_f(first)} (ตารางรายตัวชี้วัด) รายงานนี้คำนวณจาก {_f(first)}"
        en = (f"indicator {n} has two values: {_f(second)} (summary) and {_f(first)} (detail); this report "
              f"computes with {_f(first)}")
        if tool in a.reported.tools:
            others = [Span.of(a.indicators[m]) for m in framework.indicators_of(tool) if m != n]
            with_second = mean([*others, Span.of(second)])
            published = Span.of(a.reported.tools[tool])
            if not with_second.meets(published):
                th += (f"; ถ้าเป็น {_f(second)} คะแนน {tool} ต้องเป็น {with_second.text()} ไม่ใช่ {_f(a.reported.tools[tool])}"
                       f" ที่ประกาศ ค่า {_f(second)} จึงเป็นไปไม่ได้")
                en += (f"; with {_f(second)} the {tool} score would be {with_second.text()}, not the published "
                       f"{_f(a.reported.tools[tool])}, so {_f(second)} cannot be right")
        out.append(Conflict("indicator_conflict", ("assessment", "reported", "indicators", n), th, en,
                            second, first, False))
    return out


def conflicts(params: Any, framework: Framework) -> list[Conflict]:
    """Every published figure that the organisation's own figures rule out, hard ones first in field order."""
    a = params.assessment
    from_indicators, used = _tool_spans(a, framework)
    out = _second_values(a, framework)
    out += _tool_conflicts(a, framework, from_indicators)
    out += _total_conflict(a, framework, used)
    out += _level_conflict(a, framework, used)
    return out


def _item_findings(analysis: "Analysis") -> list[Finding]:
    fw = analysis.framework
    out = []
    for ind in analysis.indicators:
        if ind.from_items is None:
            continue
        spans = _item_span(ind.number, analysis.params.assessment.items, fw)
        if spans is None or spans.meets(Span.of(ind.score)):
            continue
        rule = fw.indicators[ind.number]
        unsure = rule.confidence != "sure" or (
            rule.aggregation == "mean_of_sub_indicators" and fw.is_unconfirmed("sub_indicators"))
        how_th = "ค่าเฉลี่ยของข้อคำถาม" if rule.aggregation == "mean_of_items" else "ค่าเฉลี่ยของตัวชี้วัดย่อย"
        how_en = "the mean of its items" if rule.aggregation == "mean_of_items" else "the mean of its sub-indicators"
        out.append(Finding(
            "indicator_items_mismatch", "info" if unsure else "warning", f"assessment.indicators.{ind.number}",
            f"คะแนนตัวชี้วัดที่ {ind.number} ({_f(ind.score)}) ไม่ตรงกับ{how_th} ({spans.text()})"
            + (" (วิธีรวมคะแนนนี้ยังไม่ได้รับการยืนยัน)" if unsure else ""),
            f"indicator {ind.number} ({_f(ind.score)}) differs from {how_en} ({spans.text()})"
            + (" (this aggregation rule is unconfirmed)" if unsure else ""),
            reported=ind.score, computed=round(ind.from_items, 2),
        ))
    return out


def _item_span(number: int, items: dict[str, float], framework: Framework) -> Span | None:
    """An indicator's interval from its item scores, by the framework's rule (None when unknown)."""
    rule = framework.indicators[number].aggregation
    members = framework.items_of(number)
    if rule not in ("mean_of_items", "mean_of_sub_indicators") or not members or any(m.code not in items for m in members):
        return None
    if rule == "mean_of_items":
        return mean([Span.of(items[m.code]) for m in members])
    subs: dict[str, list[Span]] = {}
    for m in members:
        if m.sub is None:
            return None
        subs.setdefault(m.sub, []).append(Span.of(items[m.code]))
    return mean([mean(v) for v in subs.values()])


def reconcile(analysis: "Analysis") -> list[Finding]:
    """Every conflict between the figures a params file carries, as findings for the report and `check`."""
    p = analysis.params
    out: list[Finding] = []
    accepted = bool(getattr(p, "accept_published", False))
    for c in conflicts(p, analysis.framework):
        if c.hard:
            th = c.th + (" พิมพ์ตามที่ประกาศเพราะระบุ accept_published" if accepted else "")
            en = c.en + ("; printed as published because accept_published is set" if accepted else "")
            out.append(Finding(c.code, "error", c.field, th, en, reported=c.reported, computed=c.computed))
        else:
            out.append(Finding(c.code, "warning", c.field, c.th, c.en, reported=c.reported, computed=c.computed))
    out += _item_findings(analysis)
    if p.fiscal_year != analysis.year + 1:
        out.append(Finding(
            "stale_assessment", "warning", "fiscal_year",
            f"เอกสารปีงบประมาณ {p.fiscal_year} ควรวิเคราะห์ผลการประเมินปี {p.fiscal_year - 1} แต่ข้อมูลเป็นของปี {analysis.year}",
            f"a fiscal-year {p.fiscal_year} document normally analyses the {p.fiscal_year - 1} assessment, "
            f"these results are from {analysis.year}",
            reported=analysis.year, computed=p.fiscal_year - 1,
        ))
    return out
