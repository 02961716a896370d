"""Levels in order, the tone each is shown in, and the pass line: read from the framework files.

A new scale or threshold is a framework file, not code here. Tones group levels for colour only (the
level's name is always written out, so colour is never the only cue): the best level, the other levels
that need every tool at the pass line, the other passing levels, the levels below it, and the last one.
Every colour is checked for contrast (WCAG AA, 4.5:1) in tests/site/test_levels.py with `contrast`.
"""
from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from ..frameworks import available_years, framework_for, load_framework
from ..kit import thai
from ..kit.errors import FrameworkError

__all__ = ["THEME", "TONES", "contrast", "known_levels", "level_order", "national", "pass_line", "tone"]

#: Badge colours (white bold text on them) and chart fills, per tone; "none" for a level no framework knows.
TONES: dict[str, str] = {
    "best": "#0b5d36",
    "good": "#1f6f5c",
    "pass": "#4b6b10",
    "low": "#8c4a00",
    "worst": "#a3221c",
    "none": "#595959",
}

#: The pages' colours (CSS custom properties); text colours are checked against every background here.
THEME: dict[str, str] = {
    "ink": "#1b1b1b",
    "muted": "#4d4d4d",
    "accent": "#1f3a5f",
    "link": "#1f3a5f",
    "good": "#17613a",
    "bad": "#a3221c",
    "paper": "#ffffff",
    "zebra": "#f6f7f8",
    "hover": "#eef2f7",
    "head-bg": "#e3e6ea",
    "sorted-bg": "#d5dae0",
    "bad-bg": "#fbecea",
    "desk": "#e8e9eb",
    "rule": "#8c8c8c",
    "rule-light": "#c8c8c8",
}
TEXT_COLOURS = ("ink", "muted", "accent", "link", "good", "bad")
BACKGROUNDS = ("paper", "zebra", "hover", "head-bg", "sorted-bg", "bad-bg")


def _luminance(colour: str) -> float:
    h = colour.lstrip("#")
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    channels = [int(h[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio of two #rrggbb colours (1 to 21; AA body text needs 4.5)."""
    hi, lo = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@lru_cache(maxsize=1)
def known_levels() -> dict[str, str]:
    """Every level of every framework, newest scale first and best first within it, with its tone."""
    out: dict[str, str] = {}
    seen: set[str] = set()
    for year in sorted(available_years(), reverse=True):
        fw = load_framework(year)
        if fw.id in seen:
            continue
        seen.add(fw.id)
        rules = fw.levels.rules
        for i, rule in enumerate(rules):
            if rule.level in out:
                continue
            if i == 0:
                tone_ = "best"
            elif i == len(rules) - 1:
                tone_ = "worst"
            elif rule.total_min >= fw.pass_line and (rule.each_tool_min or 0) >= fw.pass_line:
                tone_ = "good"
            elif rule.total_min >= fw.pass_line:
                tone_ = "pass"
            else:
                tone_ = "low"
            out[rule.level] = tone_
    return out


def tone(level: str) -> str:
    """The tone a level is coloured in ("none" for a level no framework knows, or no level)."""
    return known_levels().get(level, "none")


def level_order(levels: Iterable[str]) -> list[str]:
    """The levels present, best first: known scales in their own order, then others in Thai order."""
    present = {lv for lv in levels if lv}
    known = [lv for lv in known_levels() if lv in present]
    return known + thai.sort_thai(present - set(known))


@lru_cache(maxsize=16)
def pass_line(assessment_year: int | None) -> float:
    """The pass line of the framework of that assessment year (the newest framework's if unknown)."""
    years = available_years()
    year = assessment_year if isinstance(assessment_year, int) and not isinstance(assessment_year, bool) else None
    try:
        return framework_for(year if year is not None else max(years), field="assessment_year").pass_line
    except FrameworkError:
        return load_framework(max(years)).pass_line


def national(assessment_year: int | None):
    """The NACC's national figures for that assessment year (framework data), or None when not stored."""
    if not isinstance(assessment_year, int) or isinstance(assessment_year, bool):
        return None
    try:
        return framework_for(assessment_year, field="assessment_year").national(assessment_year)
    except (FrameworkError, ValueError):
        return None
