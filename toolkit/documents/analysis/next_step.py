"""The next level as the analysis report states it: where it starts from, the exact targets, what is in hand.

The arithmetic is the framework's (frameworks/targets.py). What this module decides is the starting point:
the level the framework's rule gives, except when the rule is unconfirmed and the officially published
level differs from it (seed 003: 96.79 with every tool over 95 is ผ่านดีเยี่ยม by the rule but was published
ผ่านดี). Then the report starts from the published level, aims at the level above it, and says that the
figures already meet that level's rule as far as it is known, so no exact gap can be given.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ...frameworks.exact import Note, rank
from ...frameworks.targets import NextLevel, OitItem, next_level, oit_gains
from .analyse import Analysis

Basis = Literal["computed", "published"]


@dataclass(frozen=True)
class NextStep:
    """The next level from the report's starting point, with the OIT items that raise the score either way."""

    start: str  # the level the section starts from
    computed: str  # the level the framework's rule gives from the indicators
    published: str | None
    basis: Basis
    target: NextLevel | None  # None: already at the top of the scale
    gains: list[OitItem] | None  # OIT items under 100 and what each adds (also at the top)
    gains_reason: Note | None
    rule_met: bool  # the figures already meet the target's rule (only when starting from a published level)
    unconfirmed: list[str] = field(default_factory=list)

    @property
    def level(self) -> str | None:
        return None if self.target is None else self.target.level

    def as_dict(self) -> dict:
        """`score --json`'s next_level: the exact targets plus where they start from."""
        base = self.target.as_dict() if self.target is not None else {
            "level": None, "total_needed": 0.0, "tools": {}, "blocking_tools": [], "oit_set": None}
        return base | {
            "from": self.start, "basis": self.basis, "computed_level": self.computed,
            "published_level": self.published, "rule_met": self.rule_met,
            "oit_items": None if self.gains is None else [g.as_dict() for g in self.gains],
            "oit_items_reason": self.gains_reason and self.gains_reason.as_dict(),
            "unconfirmed": list(self.unconfirmed),
        }


def _starts_from_published(a: Analysis, computed: str) -> bool:
    """An official level the (unconfirmed) rule disagrees with is where the officials start from."""
    fw = a.framework
    published = a.level_reported
    unconfirmed = fw.is_unconfirmed("levels") or "unconfirmed" in fw.levels.confidence
    return published is not None and published != computed and published in fw.levels.names and unconfirmed


def next_step(a: Analysis) -> NextStep:
    """The next level and what it takes, for one organisation's analysis."""
    fw = a.framework
    ind, items = dict(a.params.assessment.indicators), dict(a.params.assessment.items)
    plain = next_level(fw, ind, items)
    computed = plain.current if plain is not None else fw.levels.names[0]
    published = a.level_reported
    basis: Basis = "computed"
    target = plain
    if _starts_from_published(a, computed):
        basis = "published"
        here = rank(fw, published)
        target = None if here == 0 else (
            plain if plain is not None and plain.level == fw.levels.names[here - 1]
            else next_level(fw, ind, items, level=fw.levels.names[here - 1]))
    start = published if basis == "published" else computed
    rule_met = target is not None and rank(fw, computed) <= rank(fw, target.level)
    if target is not None and target.oit_items is not None:
        gains, reason = target.oit_items, None
    elif target is not None:
        gains, reason = None, target.oit_items_reason
    else:
        found = oit_gains(fw, ind, items)
        gains, reason = (None, found) if isinstance(found, Note) else (found, None)
    unconfirmed = list(target.unconfirmed) if target is not None else []
    if basis == "published" and "levels" not in unconfirmed:
        unconfirmed.insert(0, "levels")
    if gains and "sub_indicators" not in unconfirmed and fw.is_unconfirmed("sub_indicators"):
        unconfirmed.append("sub_indicators")
    return NextStep(start, computed, published, basis, target, gains, reason, rule_met, unconfirmed)
