"""Field types shared by every document's params: scores, BE years, Thai-digit numbers, text."""
from __future__ import annotations

import datetime as dt
import math
import re
from typing import Annotated, Any, Callable, Iterable

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, ValidationError
from pydantic_core import InitErrorDetails

from ..frameworks import TOOLS
from ..kit.thai import parse_number, to_arabic_digits


class Expected(ValueError):
    """A validation failure that already knows how to say what was expected, in Thai and English."""

    def __init__(self, th: str, en: str):
        self.th = th
        self.en = en
        super().__init__(en)


class Model(BaseModel):
    """Params models reject unknown fields, so a typo is an error and not a silently ignored key."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, populate_by_name=True)


def number_value(value: Any) -> Any:
    """A number from int, float or Thai/Arabic digit text; refuses booleans, NaN and infinity."""
    if isinstance(value, bool):
        raise Expected("ต้องเป็นตัวเลข ไม่ใช่ true/false", "expected a number, not true/false")
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            raise Expected("ต้องเป็นตัวเลขจริง (ไม่ใช่ NaN หรือ อนันต์)", "expected a real number (not NaN or infinity)")
        return value
    if isinstance(value, str):
        try:
            return parse_number(value)
        except ValueError:
            raise Expected("ต้องเป็นตัวเลข (เลขไทยหรือเลขอารบิก)", "expected a number (Thai or Arabic digits)") from None
    if value is None:
        raise Expected("ต้องระบุตัวเลข", "a number is required")
    raise Expected("ต้องเป็นตัวเลข", "expected a number")


def _score_range(value: float) -> float:
    if not 0 <= value <= 100:
        raise Expected("คะแนนต้องอยู่ระหว่าง 0 ถึง 100", "a score must be between 0 and 100")
    return float(value)


def _amount_range(value: float) -> float:
    if value < 0:
        raise Expected("จำนวนเงินต้องไม่ติดลบ", "an amount must not be negative")
    return float(value)


def be_year_value(value: Any) -> int:
    """A Buddhist-era year, refusing Christian-era years with the fix (add 543)."""
    number = number_value(value)
    if number != int(number):
        raise Expected("ปี พ.ศ. ต้องเป็นจำนวนเต็ม", "a Buddhist Era year must be a whole number")
    year = int(number)
    if 1900 <= year <= 2200:
        raise Expected(f"ต้องเป็นปี พ.ศ. (เช่น {year + 543}) ไม่ใช่ ค.ศ.",
                       f"expected a Buddhist Era year (e.g. {year + 543}), this looks like a Christian Era year")
    if not 2500 <= year <= 2700:
        raise Expected("ต้องเป็นปี พ.ศ. สี่หลัก เช่น 2569", "expected a four-digit Buddhist Era year such as 2569")
    return year


def _text(value: Any) -> Any:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value


def _non_empty(value: str) -> str:
    if not value.strip():
        raise Expected("ต้องไม่เว้นว่าง", "must not be empty")
    if "\x00" in value:
        raise Expected("ข้อความต้องไม่มีอักขระ NUL", "text must not contain NUL characters")
    return value


def _date(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = to_arabic_digits(value.strip())
        m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
        if m:
            year, month, day = map(int, m.groups())
            if year > 2400:  # a BE date typed as such: convert
                year -= 543
            try:
                return dt.date(year, month, day)
            except ValueError:
                pass
    raise Expected("ต้องเป็นวันที่รูปแบบ ปปปป-ดด-วว (ค.ศ. หรือ พ.ศ.) เช่น 2025-10-01",
                   "expected a date as YYYY-MM-DD (CE or BE), e.g. 2025-10-01")


Number = Annotated[float, BeforeValidator(number_value)]
Score = Annotated[float, BeforeValidator(number_value), AfterValidator(_score_range)]
Amount = Annotated[float, BeforeValidator(number_value), AfterValidator(_amount_range)]
BEYear = Annotated[int, BeforeValidator(be_year_value)]
Text = Annotated[str, BeforeValidator(_text), AfterValidator(_non_empty)]
Date = Annotated[dt.date, BeforeValidator(_date)]


def check_order(start: dt.date | None, end: dt.date | None) -> None:
    """A period's end must not come before its start (measures, results, projects alike)."""
    if start and end and end < start:
        raise Expected("วันสิ้นสุด (end) ต้องไม่ก่อนวันเริ่ม (start)", "end must not be before start")


def whole_number(value: Any, lo: int, hi: int, what_th: str, what_en: str) -> int:
    """A whole number in a range, from int or Thai/Arabic digit text (for dict keys such as indicator numbers)."""
    text = to_arabic_digits(str(value)).strip()
    if isinstance(value, bool) or not text.isdigit() or not lo <= int(text) <= hi:
        raise Expected(f"{what_th}ต้องเป็นเลข {lo}–{hi}", f"{what_en} must be a number from {lo} to {hi}")
    return int(text)


def keyed(normalise: Callable[[Any], Any], required: Iterable[Any] = (),
          missing_th: str = "ขาด", missing_en: str = "missing") -> Callable:
    """A wrap validator for dicts keyed by numbers or codes: every bad key, bad value and missing key at once."""
    required = tuple(required)

    def validator(value: Any, handler: Callable) -> Any:
        if not isinstance(value, dict):
            return handler(value)
        errors: list[InitErrorDetails] = []
        good: dict = {}
        for key, item in value.items():
            try:
                good[normalise(key)] = item
            except Expected as exc:
                errors.append(InitErrorDetails(type="value_error", loc=(str(key),), input=key, ctx={"error": exc}))
        result = None
        try:
            result = handler(good)
        except ValidationError as exc:
            for e in exc.errors():
                detail = InitErrorDetails(type=e["type"], loc=e["loc"], input=e["input"])
                if e.get("ctx"):
                    detail["ctx"] = e["ctx"]
                errors.append(detail)
        absent = [k for k in required if k not in good]
        if absent:
            listed = ", ".join(str(k) for k in absent)
            errors.append(InitErrorDetails(type="value_error", loc=(), input=value,
                                           ctx={"error": Expected(f"{missing_th} {listed}", f"{missing_en} {listed}")}))
        if errors:
            raise ValidationError.from_exception_data("dict", errors)
        return dict(sorted(result.items())) if required else result

    return validator


def indicator_key(key: Any) -> int:
    """An indicator number 1–10 from a key typed as 1, "1" or "๑"."""
    return whole_number(key, 1, 10, "หมายเลขตัวชี้วัด", "indicator number")


def item_code(key: Any) -> str:
    """An item code (i1, e3, o13) as the framework writes it, from what people type (O13, ๐๑๓)."""
    code = to_arabic_digits(str(key)).strip().lower()
    if code[:1] in ("๐", "0"):  # published tables print o-items as ๐๘: a Thai zero standing for "o"
        code = "o" + code[1:]
    if not (len(code) >= 2 and code[0] in "ieo" and code[1:].isdigit()):
        raise Expected("รหัสข้อคำถามต้องเป็นรูปแบบ i1, e1 หรือ o1", "item codes look like i1, e1 or o1")
    return f"{code[0]}{int(code[1:])}"


def tool_key(key: Any) -> str:
    """A tool code (IIT, EIT, OIT) in any case."""
    code = str(key).strip().upper()
    if code not in TOOLS:
        raise Expected(f"เครื่องมือต้องเป็น {', '.join(TOOLS)}", f"a tool is one of {', '.join(TOOLS)}")
    return code
