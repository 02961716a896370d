"""Numbers, scores, counts, years and dates as one document writes them: the one digit-style helper.

Every document type, chart and template takes its digits from a `Figures` of its params' style
(Thai digits ๐–๙ by default, Arabic when `style.thai_digits: false`); tests in tests/kit/test_figures.py.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from . import thai


class Figures:
    """Numbers, scores and years as one document's prose writes them (its digit style)."""

    def __init__(self, thai_digits: bool = True):
        self.thai = thai_digits

    @classmethod
    def of(cls, params: Any) -> "Figures":
        """The digit style a params object asks for (Thai digits unless its style says otherwise)."""
        style = getattr(params, "style", None)
        return cls(bool(getattr(style, "thai_digits", True)))

    def digits(self, value: Any) -> str:
        """Any text or number with its digits in this style; item codes (o13, i10) stay as written."""
        return thai.style_digits(str(value), self.thai)

    def num(self, x: float, decimals: int = 2) -> str:
        return thai.number(x, decimals, thai_digits=self.thai)

    def score(self, x: float) -> str:
        return f"{self.num(x)} คะแนน"

    def whole(self, x: float) -> str:
        """85 rather than 85.00 for round numbers (pass lines, ticks); two decimals otherwise."""
        return self.num(x, 0 if float(x).is_integer() else 2)

    def count(self, n: int) -> str:
        return self.num(n, 0)

    def signed(self, x: float) -> str:
        if round(x, 2) == 0:
            return self.num(0)
        return ("+" if x > 0 else "-") + self.num(abs(x))

    def year(self, y: int) -> str:
        return thai.to_thai_digits(str(y)) if self.thai else str(y)

    def fy(self, y: int) -> str:
        return f"ปีงบประมาณ พ.ศ. {self.year(y)}"

    def date(self, d: dt.date | None, short: bool = False) -> str:
        return "" if d is None else thai.date_text(d, thai_digits=self.thai, short=short)

    def period(self, start: dt.date, end: dt.date, short: bool = True) -> str:
        return thai.period_text(start, end, thai_digits=self.thai, short=short)
