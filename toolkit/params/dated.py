"""Periods and numbers as offices write them, shared by measures, results and plan projects.

A period (ระยะเวลาดำเนินการ) is the office's own words ("ต.ค. ๖๔ – ก.ย. ๖๕", "ไตรมาสที่ ๒"), dates, or both;
the words are read by :mod:`toolkit.kit.periods` so every check sees dates, and printed as written unless
the document's style asks for normalised dates. A number is the office's own ("มาตรการที่ ๑.๒"): a whole
number or a dotted one, checked for repeats and gaps by ``kit.checks.numbering``.

    period: ต.ค. ๖๔ – ก.ย. ๖๕                      # text: read into dates (an unreadable one is an error)
    period: {text: ไตรมาสที่ ๒}                     # the same, as a mapping
    period: {text: ตามแผนของกอง, start: 2022-01-01, end: 2022-03-31}   # dates given: the text is printed only
    start: 2021-10-01                               # measures and results: ISO dates, as before
    end: 2022-09-30                                 # (not together with period)
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import BeforeValidator, model_validator

from ..kit import periods, thai
from .types import Date, Expected, Model, Text, check_order

__all__ = ["Dated", "Numbering", "Period", "number_label", "number_parts"]


class Period(Model):
    """ระยะเวลาดำเนินการ: the office's words, dates, or both (given dates win over what the words say)."""

    text: Text | None = None
    start: Date | None = None
    end: Date | None = None

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        if isinstance(value, (str, int)) and not isinstance(value, bool):
            return {"text": str(value)}
        if isinstance(value, dt.date):
            return {"start": value, "end": value}
        return value

    @model_validator(mode="after")
    def _readable(self) -> "Period":
        if self.text is None and self.start is None and self.end is None:
            raise Expected("ระยะเวลาต้องมีข้อความ (text) หรือวันที่ (start, end)",
                           "a period needs a text or dates (start, end)")
        check_order(self.start, self.end)
        if self.text is not None and self.start is None and self.end is None:
            try:
                periods.parse(self.text)
            except periods.PeriodError as exc:
                raise Expected(exc.th, exc.en) from None
        span = self.span
        if span is not None and span.absolute and self.start and self.end and \
                (span.start, span.end) != (self.start, self.end):
            raise Expected(f"ข้อความ \"{self.text}\" ({span.start.isoformat()} – {span.end.isoformat()}) ไม่ตรงกับวันที่ "
                           f"start/end ({self.start.isoformat()} – {self.end.isoformat()}): แก้ให้ตรงกันหรือลบอย่างใดอย่างหนึ่ง",
                           f"the text \"{self.text}\" ({span.start.isoformat()} – {span.end.isoformat()}) and start/end "
                           f"({self.start.isoformat()} – {self.end.isoformat()}) disagree: make them agree or drop one")
        return self

    @property
    def span(self) -> periods.Span | None:
        """The text read into a span; None without a text or when only the given dates can be trusted."""
        if self.text is None:
            return None
        try:
            return periods.parse(self.text)
        except periods.PeriodError:
            return None

    @property
    def from_text(self) -> bool:
        """Whether the dates come from the words (nothing else says them: checks then quote the words)."""
        return self.start is None and self.end is None

    def bounds(self, fiscal_year: int, last_year: int | None = None) -> tuple[dt.date, dt.date]:
        """Start and end: the given dates, else the words' (placed in the document's fiscal year(s) when they
        carry no year), else the document's whole period."""
        span = self.span
        if span is not None:
            start, end = span.bounds(fiscal_year, last_year)
        else:
            start, end = thai.fiscal_year_bounds(fiscal_year)[0], thai.fiscal_year_bounds(last_year or fiscal_year)[1]
        return self.start or start, self.end or end

    def label(self, fiscal_year: int, thai_digits: bool, normalised: bool = False,
              last_year: int | None = None) -> str:
        """The period as printed: the office's words as written, or "๑ ต.ค. ๖๔ ถึง ๓๐ ก.ย. ๖๕" computed from the
        dates when the style asks for it, when there are no words, or when the words are ISO dates."""
        span = self.span
        if self.text and not normalised and not (span is not None and span.iso):
            return self.text
        start, end = self.bounds(fiscal_year, last_year)
        return thai.period_text(start, end, thai_digits=thai_digits, short=True)


class Dated(Model):
    """A measure or result's period: ``period`` (words, dates or both) or the older ``start``/``end`` dates."""

    start: Date | None = None
    end: Date | None = None
    period: Period | None = None

    @model_validator(mode="after")
    def _one_way(self) -> "Dated":
        check_order(self.start, self.end)
        if self.period is not None and (self.start is not None or self.end is not None):
            raise Expected("ระบุระยะเวลาได้ทางเดียว: period (ข้อความหรือวันที่) หรือ start/end",
                           "give the period one way: period (words or dates) or start/end")
        return self

    def dates(self, fiscal_year: int) -> tuple[dt.date, dt.date]:
        """Start and end in the document's fiscal year (its whole year where nothing is said)."""
        if self.period is not None:
            return self.period.bounds(fiscal_year)
        fy_start, fy_end = thai.fiscal_year_bounds(fiscal_year)
        return self.start or fy_start, self.end or fy_end

    def period_label(self, fiscal_year: int, thai_digits: bool, normalised: bool = False) -> str:
        if self.period is not None:
            return self.period.label(fiscal_year, thai_digits, normalised)
        start, end = self.dates(fiscal_year)
        return thai.period_text(start, end, thai_digits=thai_digits, short=True) if end >= start else "–"


# -- numbers ------------------------------------------------------------------------------------------------
_NUMBER_WORDS = re.compile(r"^(?:มาตรการ|โครงการ|กิจกรรม|ลำดับ|ข้อ)?\s*(?:ที่)?\s*")
_DOTTED = re.compile(r"\d+(?:\.\d+)*")


def number_label(value: Any) -> int | str | None:
    """An office's number: 3, "๓", "มาตรการที่ ๑.๒" → 3 or "1.2" (a whole number stays an int)."""
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
        return value
    if isinstance(value, (str, float)) and not isinstance(value, bool):
        text = _NUMBER_WORDS.sub("", thai.to_arabic_digits(str(value)).strip()).rstrip(".").strip()
        if _DOTTED.fullmatch(text) and all(int(p) >= 1 for p in text.split(".")):
            parts = [str(int(p)) for p in text.split(".")]
            return int(parts[0]) if len(parts) == 1 else ".".join(parts)
    raise Expected("ลำดับต้องเป็นเลข เช่น 3 หรือ 1.2 (\"มาตรการที่ ๑.๒\") เริ่มที่ ๑",
                   "a number is a whole number such as 3 or a dotted one such as 1.2 (\"มาตรการที่ ๑.๒\"), from 1")


def number_parts(value: int | str) -> tuple[int, ...]:
    """3 → (3,), "1.2" → (1, 2): numbers compare level by level."""
    return tuple(int(p) for p in str(value).split("."))


Numbering = Annotated[int | str | None, BeforeValidator(number_label)]
