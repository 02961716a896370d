"""Periods as offices write them (ระยะเวลาดำเนินการ), read into dates: one parser for every document.

Measures, results and plan projects carry a period in the words of the office that wrote them:
"ต.ค. ๖๔ – ก.ย. ๖๕", "ตุลาคม 2564 - กันยายน 2565", "เดือนตุลาคม ๒๕๖๓ ถึงเดือน มีนาคม ๒๕๖๔" (seed 002),
"ปีงบประมาณ พ.ศ. ๒๕๖๖ - ๒๕๗๐" (seed 004), "ตลอดปีงบประมาณ", "ไตรมาสที่ ๒", "รอบ ๖ เดือน", or ISO dates.
:func:`parse` reads one into a :class:`Span`. Forms without a year (the whole fiscal year, a quarter, a
reporting round, months without a year) are *relative*: :meth:`Span.bounds` places them in the document's
fiscal year(s). Text after a recognised period is a remark kept as written ("… ปีละ ๑ ครั้ง"), unless it
starts like another date, which is an error rather than a silently shortened period.

The Thai month names (full and abbreviated) come from pythainlp and live here only: the date scanner of
the results report (:func:`text_dates`) and the year check of the lint (:data:`SHORT_DATE_YEAR`) use them.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Iterator

from pythainlp.util.date import thai_abbr_months, thai_full_months

from .thai import BE_OFFSET, fiscal_year_bounds, round_bounds, to_arabic_digits

__all__ = ["FORMS_EN", "FORMS_TH", "MONTHS", "MONTH_PATTERN", "PeriodError", "SHORT_DATE_YEAR", "Span",
           "fiscal_month_year", "parse", "quarter_bounds", "text_dates"]

# month name (full or abbreviated, as printed: "ต.ค.") → month number
MONTHS: dict[str, int] = {**{m: k for k, m in enumerate(thai_full_months, start=1)},
                          **{m: k for k, m in enumerate(thai_abbr_months, start=1)}}
MONTH_PATTERN = "|".join(re.escape(m) for m in sorted(MONTHS, key=len, reverse=True))
# "ต.ค. ๖๘" in running text: a two-digit BE year after an abbreviated month
SHORT_DATE_YEAR = re.compile(rf"(?:{'|'.join(re.escape(m) for m in thai_abbr_months)})\s*([0-9๐-๙]{{2}})(?![0-9๐-๙])")
# "๒๗ มกราคม ๒๕๖๕", "๗ เดือน มกราคม พ.ศ. ๒๕๖๓" (seed 002), "๑๔ พ.ย. ๖๘"
_TEXT_DATE = re.compile(rf"(?<![0-9๐-๙])([0-9๐-๙]{{1,2}})\s*(?:เดือน\s*)?({MONTH_PATTERN})\s*(?:พ\.\s*ศ\.\s*)?"
                        rf"([0-9๐-๙]{{4}}|[0-9๐-๙]{{2}})(?![0-9๐-๙])")

FORMS_TH = ("ช่วงเดือน เช่น \"ต.ค. ๖๔ – ก.ย. ๖๕\" หรือ \"ตุลาคม 2564 - กันยายน 2565\"; ช่วงวันที่ เช่น "
            "\"๑ ต.ค. ๖๔ ถึง ๓๐ ก.ย. ๖๕\"; เดือนเดียว เช่น \"มีนาคม ๒๕๖๕\" หรือ \"ภายใน มี.ค. ๖๕\"; "
            "\"ตลอดปีงบประมาณ\" หรือ \"ปีงบประมาณ พ.ศ. ๒๕๖๕\" (หรือ \"๒๕๖๖ – ๒๕๗๐\"); \"ไตรมาสที่ ๒\" "
            "(หรือ \"ไตรมาสที่ ๑–๒\"); \"รอบ ๖ เดือน\" หรือ \"๑๒ เดือน\"; หรือวันที่ ค.ศ. เช่น "
            "\"2021-10-01 – 2022-09-30\"")
FORMS_EN = ("a month range such as \"ต.ค. ๖๔ – ก.ย. ๖๕\" or \"ตุลาคม 2564 - กันยายน 2565\"; a date range such as "
            "\"๑ ต.ค. ๖๔ ถึง ๓๐ ก.ย. ๖๕\"; one month such as \"มีนาคม ๒๕๖๕\" or \"ภายใน มี.ค. ๖๕\" (by March); "
            "the whole fiscal year \"ตลอดปีงบประมาณ\" or \"ปีงบประมาณ พ.ศ. ๒๕๖๕\" (or \"๒๕๖๖ – ๒๕๗๐\"); a quarter "
            "\"ไตรมาสที่ ๒\" (or \"ไตรมาสที่ ๑–๒\"); a reporting round \"รอบ ๖ เดือน\" or \"๑๒ เดือน\"; or ISO dates "
            "such as \"2021-10-01 – 2022-09-30\"")


class PeriodError(ValueError):
    """A period that cannot be read, with what was expected in Thai and English."""

    def __init__(self, th: str, en: str):
        self.th = th
        self.en = en
        super().__init__(en)


def text_dates(text: str) -> Iterator[tuple[dt.date, re.Match]]:
    """(date, match) for every full Thai date written in running text (BE years, long or short months)."""
    for m in _TEXT_DATE.finditer(text):
        day = int(to_arabic_digits(m.group(1)))
        year = int(to_arabic_digits(m.group(3)))
        year = year + 2500 if year < 100 else year
        try:
            yield dt.date(year - BE_OFFSET, MONTHS[m.group(2)], day), m
        except ValueError:
            continue


# -- calendar helpers ------------------------------------------------------------------------------
def fiscal_month_year(fiscal_year: int, month: int) -> int:
    """The CE year a month of a BE fiscal year falls in: October–December in the year before it ends."""
    end_ce = fiscal_year - BE_OFFSET
    return end_ce - 1 if month >= 10 else end_ce


def quarter_bounds(fiscal_year: int, quarter: int) -> tuple[dt.date, dt.date]:
    """Fiscal quarters: ๑ = Oct–Dec, ๒ = Jan–Mar, ๓ = Apr–Jun, ๔ = Jul–Sep."""
    first = (10, 1, 4, 7)[quarter - 1]
    last = first + 2
    year = fiscal_month_year(fiscal_year, first)
    return dt.date(year, first, 1), dt.date(year, last, calendar.monthrange(year, last)[1])


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


@dataclass(frozen=True)
class Span:
    """A period read from text: absolute (``start``/``end`` known) or relative to the document's fiscal year.

    kind: "dates" (days, months or ISO dates with years), "fiscal_years" (ปีงบประมาณ พ.ศ. …), "fiscal_year"
    (ตลอดปีงบประมาณ: the document's), "quarters", "round" (6, 12, or -6 for the second half), "months"
    (month names without a year); ``remark`` is the text after the period, as written.
    """

    kind: str
    start: dt.date | None = None
    end: dt.date | None = None
    first: int = 0  # quarters / round months / first month (relative forms)
    last: int = 0
    remark: str = ""

    @property
    def absolute(self) -> bool:
        return self.start is not None and self.end is not None

    @property
    def iso(self) -> bool:
        return self.kind == "iso"

    def bounds(self, fiscal_year: int | None = None, last_year: int | None = None) -> tuple[dt.date, dt.date]:
        """Start and end dates; a relative form is placed in ``fiscal_year`` (to ``last_year`` for a plan of
        several years: from the form's start in the first year to its end in the last)."""
        if self.absolute:
            return self.start, self.end
        if fiscal_year is None:
            raise PeriodError("ระยะเวลานี้ไม่มีปี ต้องใช้ปีงบประมาณของเอกสาร",
                              "this period has no year: it needs the document's fiscal year")
        last_year = last_year or fiscal_year
        if self.kind == "fiscal_year":
            return fiscal_year_bounds(fiscal_year)[0], fiscal_year_bounds(last_year)[1]
        if self.kind == "quarters":
            return quarter_bounds(fiscal_year, self.first)[0], quarter_bounds(last_year, self.last)[1]
        if self.kind == "round":
            if self.first == -6:
                return dt.date(fiscal_year - BE_OFFSET, 4, 1), fiscal_year_bounds(last_year)[1]
            return round_bounds(fiscal_year, 6)[0], round_bounds(last_year, self.first)[1]
        # months without a year, in fiscal order (checked by parse)
        start = dt.date(fiscal_month_year(fiscal_year, self.first), self.first, 1)
        return start, _month_end(fiscal_month_year(last_year, self.last), self.last)


# -- the parser -------------------------------------------------------------------------------------
_DASH = re.compile(r"\s*[-–—−‐]\s*")
_TO = r"\s*(?:-|จนถึง|ถึง|to)\s*(?:เดือน|วันที่)?\s*"
_YEAR = r"(?:พ\.\s*ศ\.\s*)?(\d{4}|\d{2})(?!\d)"
_ABBR = "|".join(r"\.?\s?".join(re.escape(ch) for ch in m.replace(".", "")) + r"\.?"
                 for m in sorted(thai_abbr_months, key=len, reverse=True))
_FULL = "|".join(re.escape(m) for m in sorted(thai_full_months, key=len, reverse=True))
_MONTH = rf"({_FULL}|{_ABBR})"
_POINT = rf"(?:(\d{{1,2}})\s*)?(?:เดือน\s*)?{_MONTH}\s*(?:{_YEAR})?"
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:\s*(?:–|—|ถึง|to|\s-\s)\s*(\d{4})-(\d{1,2})-(\d{1,2}))?")
_LEAD = r"(?:(?:ตั้งแต่|ระหว่าง|ช่วง|ใน)\s*)?(?:เดือน|วันที่)?\s*"
_POINTS = re.compile(rf"(ภายใน\s*(?:เดือน|วันที่)?\s*)?{_LEAD}{_POINT}(?:{_TO}{_POINT})?")
_FISCAL = re.compile(r"(?:ตลอด(?:ทั้ง)?|ทั้ง)?\s*ปีงบประมาณ\s*(?:พ\.\s*ศ\.\s*)?(\d{4})(?:\s*(?:-|ถึง)\s*(?:พ\.\s*ศ\.\s*)?(\d{4}))?")
_WHOLE = re.compile(r"(?:ตลอด(?:ทั้ง)?ปีงบประมาณ|ทั้งปีงบประมาณ|ตลอด(?:ทั้ง)?ปี|ตลอดระยะเวลา(?:ของ)?แผน(?:ฯ)?|ตลอดแผน)")
_QUARTER = re.compile(r"ไตรมาส(?:ที่)?\s*([1-4])(?:\s*(?:-|ถึง|และ|,)\s*(?:ไตรมาส(?:ที่)?)?\s*([1-4]))?")
_ROUND = re.compile(r"(?:รอบ\s*)?(6|12)\s*เดือน\s*(แรก|หลัง)?")
_IN_YEAR = re.compile(r"\s*(?:ของ|ประจำ)?\s*ปีงบประมาณ\s*(?:พ\.\s*ศ\.\s*)?(\d{4})")
# what may not follow a period: another date, a dash or a digit (the period was not read whole)
_BAD_REST = re.compile(rf"\s*(?:-|ถึง|จนถึง|\d|{_FULL}|{_ABBR})")


def _error(text: str, why_th: str = "", why_en: str = "") -> PeriodError:
    th = f"อ่านระยะเวลา \"{text}\" ไม่ได้{(' (' + why_th + ')') if why_th else ''} ให้เขียนเป็นรูปแบบใดรูปแบบหนึ่ง: {FORMS_TH}"
    en = f"cannot read the period \"{text}\"{(' (' + why_en + ')') if why_en else ''}; write it as one of: {FORMS_EN}"
    return PeriodError(th, en)


def _be(text: str, original: str) -> int:
    year = int(text)
    if year < 100:
        return 2500 + year
    if not 2400 <= year <= 2700:
        raise _error(original, f"ปี {year} ต้องเป็นปี พ.ศ.", f"year {year} must be a Buddhist Era year")
    return year


def _month(name: str) -> int:
    key = name.replace(" ", "")
    for m, n in MONTHS.items():
        if key == m or key.replace(".", "") == m.replace(".", ""):
            return n
    raise KeyError(name)


def _date(year_be: int, month: int, day: int | None, end: bool, original: str) -> dt.date:
    year = year_be - BE_OFFSET
    if day is None:
        return _month_end(year, month) if end else dt.date(year, month, 1)
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise _error(original, f"ไม่มีวันที่ {day} ในเดือนนั้น", f"there is no day {day} in that month") from None


def _points(m: re.Match, original: str) -> Span:
    """Days or months, with years where written: a missing start year is the end's (the year before when
    the start month comes later in the calendar); without any year the months are relative."""
    by = bool(m.group(1))
    d1, m1, y1, d2, m2, y2 = m.group(2), m.group(3), m.group(4), m.group(5), m.group(6), m.group(7)
    month1 = _month(m1)
    day1 = int(d1) if d1 else None
    if m2 is None:
        if y1 is None:
            if by or day1:
                raise _error(original, "ต้องระบุปี", "a year is needed")
            return Span("months", first=month1, last=month1)
        year = _be(y1, original)
        end = _date(year, month1, day1, True, original)
        if by:  # "ภายใน มี.ค. ๖๕": from the start of the fiscal year that month is in
            fy = year + (1 if month1 >= 10 else 0)
            return Span("dates", fiscal_year_bounds(fy)[0], end)
        return Span("dates", _date(year, month1, day1, False, original), end)
    if by:
        raise _error(original, "\"ภายใน\" ใช้กับเดือนหรือวันที่เดียว", "\"ภายใน\" (by) takes one month or date")
    month2 = _month(m2)
    day2 = int(d2) if d2 else None
    if y1 is None and y2 is None:
        if day1 or day2:
            raise _error(original, "ต้องระบุปี", "a year is needed")
        if (month1 - 10) % 12 > (month2 - 10) % 12:
            raise _error(original, "เดือนเริ่มอยู่หลังเดือนสิ้นสุดในปีงบประมาณเดียวกัน ให้ระบุปี",
                         "the first month comes after the last within one fiscal year: give the years")
        return Span("months", first=month1, last=month2)
    if y2 is None:
        year1 = _be(y1, original)
        year2 = year1 + (1 if (month2, day2 or 31) < (month1, day1 or 1) else 0)
    else:
        year2 = _be(y2, original)
        year1 = _be(y1, original) if y1 else year2 - (1 if (month1, day1 or 1) > (month2, day2 or 31) else 0)
    start = _date(year1, month1, day1, False, original)
    end = _date(year2, month2, day2, True, original)
    if end < start:
        raise _error(original, "วันสิ้นสุดอยู่ก่อนวันเริ่ม", "it ends before it starts")
    return Span("dates", start, end)


def _in_year(rest: str, original: str) -> tuple[int | None, str]:
    m = _IN_YEAR.match(rest)
    if m:
        return _be(m.group(1), original), rest[m.end():]
    return None, rest


def _iso(m: re.Match, original: str) -> Span:
    def day(y: str, mo: str, d: str) -> dt.date:
        year = int(y) - (BE_OFFSET if int(y) > 2400 else 0)
        try:
            return dt.date(year, int(mo), int(d))
        except ValueError:
            raise _error(original, "วันที่ไม่มีอยู่จริง", "no such date") from None

    start = day(*m.group(1, 2, 3))
    end = day(*m.group(4, 5, 6)) if m.group(4) else start
    if end < start:
        raise _error(original, "วันสิ้นสุดอยู่ก่อนวันเริ่ม", "it ends before it starts")
    return Span("iso", start, end)


def _match(text: str, original: str) -> tuple[Span, str]:
    """The period at the start of normalised text, and what follows it."""
    m = _ISO.match(text)
    if m:
        return _iso(m, original), text[m.end():]
    m = _FISCAL.match(text)
    if m:
        first = _be(m.group(1), original)
        last = _be(m.group(2), original) if m.group(2) else first
        if last < first:
            raise _error(original, "ปีสิ้นสุดอยู่ก่อนปีเริ่ม", "the last year comes before the first")
        return Span("fiscal_years", fiscal_year_bounds(first)[0], fiscal_year_bounds(last)[1]), text[m.end():]
    for pattern, kind in ((_WHOLE, "fiscal_year"), (_QUARTER, "quarters"), (_ROUND, "round")):
        m = pattern.match(text)
        if not m:
            continue
        if kind == "fiscal_year":
            span = Span("fiscal_year")
        elif kind == "quarters":
            first, last = int(m.group(1)), int(m.group(2) or m.group(1))
            if last < first:
                raise _error(original, "ไตรมาสสิ้นสุดอยู่ก่อนไตรมาสเริ่ม", "the last quarter comes before the first")
            span = Span("quarters", first=first, last=last)
        else:
            months = int(m.group(1))
            half = -6 if m.group(2) == "หลัง" else months
            if half == -6 and months != 6:
                raise _error(original, "\"หลัง\" ใช้กับรอบ ๖ เดือน", "\"หลัง\" (second half) goes with 6 months")
            span = Span("round", first=half)
        year, rest = _in_year(text[m.end():], original)
        if year is not None:
            span = Span("dates", *span.bounds(year))
        return span, rest
    m = _POINTS.match(text)
    if m:
        return _points(m, original), text[m.end():]
    raise _error(original)


def parse(text: str) -> Span:
    """A period as written (Thai or Arabic digits), read into a :class:`Span`; :class:`PeriodError` when it
    cannot be read, naming the accepted forms in Thai and English."""
    original = " ".join(str(text).split())
    if not original:
        raise _error(original, "ว่าง", "empty")
    shown = original if _ISO.match(to_arabic_digits(original)) else _DASH.sub(" - ", original)
    normal = to_arabic_digits(shown)  # digit for digit: the remark is cut from ``shown``, as written
    span, rest = _match(normal, original)
    if rest and ((not rest[0].isspace() and rest[0] not in "(,;") or _BAD_REST.match(rest)):
        raise _error(original, f"อ่านได้ถึง \"{normal[:len(normal) - len(rest)].strip()}\" แต่ส่วนที่เหลือ "
                     f"\"{rest.strip()}\" ไม่ใช่หมายเหตุ", f"read up to \"{normal[:len(normal) - len(rest)].strip()}\", "
                     f"but the rest \"{rest.strip()}\" is not a remark")
    remark = shown[len(shown) - len(rest):] if rest else ""
    return Span(span.kind, span.start, span.end, span.first, span.last, remark.strip())
