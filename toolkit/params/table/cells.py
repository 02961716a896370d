"""Cell values as read: cleaned, percentages and comma decimals in score columns, dates shown as dates,
and the checks that look at a whole column (scores typed as fractions, one problem in every row).

Values stay as written (text or the spreadsheet's number); validation judges them, so "๙๖.๗๙", "9๖.79",
" 96.79 " and 96.79 all mean the same and bad ones get the YAML messages. Cleaned first: NBSP / zero-width
spaces removed, whitespace runs collapsed, a cell of only dashes ("-", "–", "—") is empty.

Decisions:

- "96.79%" in a score column means 96.79 (scores are on a 0–100 scale; the "%" is dropped).
- A comma as the decimal mark ("81,510" from a semicolon CSV saved with a European or Thai-Windows
  number setting) is read as a decimal in score columns: a score is at most 100, so the other reading
  (81510, thousands grouping) is never a score. The table's notes say how many values were read so.
- A score column whose every number lies in 0–1 (0.9612 for 96.12: a percent-formatted column exported
  as plain numbers) is refused with the fix; it is never multiplied silently.
- An Excel date cell shows as a Thai and an ISO date ("30 กันยายน 2568 (2025-09-30)"), never as
  ``datetime.datetime(2025, 9, 30, 0, 0)``.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from typing import Any, Iterable

from ...kit.errors import InputError, InputErrors, Location
from ...kit.thai import date_text, to_arabic_digits
from .base import rows_text
from .headers import INVISIBLE

_DASHES = re.compile(r"[-\u2010-\u2015\u2212]+")
_COMMA_DECIMAL = re.compile(r"[+-]?[0-9]{1,3},[0-9]+")
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
SAME_PROBLEM_ROWS = 3  # the same problem in this many rows (and in half the rows or more) is the column's


def clean(value: Any) -> Any:
    """A cell's value with invisible characters and padding gone; None when it holds nothing."""
    if value is None:
        return None
    if isinstance(value, str):
        s = " ".join(value.translate(INVISIBLE).split())  # split() also takes NBSP and newlines
        if not s or _DASHES.fullmatch(s):
            return None
        return s
    if isinstance(value, float) and value != value:  # NaN from an empty numeric cell
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return date_cell(value)
    if isinstance(value, (dt.time, dt.timedelta)):
        return str(value)
    return value


def date_cell(value: dt.date) -> str:
    """An Excel date as a person reads it: "30 กันยายน 2568 (2025-09-30)"."""
    day = value.date() if isinstance(value, dt.datetime) else value
    return f"{date_text(day, thai_digits=False)} ({day.isoformat()})"


def score_value(value: Any) -> tuple[Any, bool]:
    """A score cell as validation should see it, and whether a comma was read as its decimal mark."""
    if not isinstance(value, str):
        return value, False
    if value.endswith("%"):
        value = value[:-1].strip() or value
    plain = to_arabic_digits(value).replace(" ", "")
    if _COMMA_DECIMAL.fullmatch(plain):
        return plain.replace(",", "."), True
    return value, False


def number_of(value: Any) -> float | None:
    """The number a cleaned cell holds, or None (text that is not a plain number)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        s = to_arabic_digits(value).strip()
        if _NUMBER.fullmatch(s):
            return float(s)
    return None


def looks_like_fractions(values: Iterable[Any]) -> bool:
    """Every number in 0–1 and one at least strictly between: 0.9612 typed (or exported) for 96.12."""
    numbers = [n for n in map(number_of, values) if n is not None]
    return bool(numbers) and all(0 <= n <= 1 for n in numbers) and any(0 < n < 1 for n in numbers)


FRACTIONS_TH = ("ค่าคะแนนดูเหมือนเป็นสัดส่วน (เช่น 0.9612 แทน 96.12): ให้คูณด้วย 100 หรือจัดรูปแบบเซลล์เป็นตัวเลข "
                "(ไม่ใช่เปอร์เซ็นต์) แล้วบันทึกใหม่ คะแนนต้องอยู่ในช่วง 0–100")
FRACTIONS_EN = ("looks like fractions (0.9612 for 96.12): multiply by 100, or format the cells as numbers "
                "(not percentages) and save again; scores are on a 0–100 scale")


def fraction_columns(source: str, header_row: int, by_column: dict[str, list[tuple[int, Any]]]) -> InputErrors | None:
    """One error per score column whose values are all fractions; one for the file when every column is."""
    bad = {shown: cells for shown, cells in by_column.items() if looks_like_fractions(v for _, v in cells)}
    if not bad:
        return None
    filled = [shown for shown, cells in by_column.items() if any(number_of(v) is not None for _, v in cells)]
    within = [shown for shown in filled if all(0 <= (number_of(v) or 0) <= 1 for _, v in by_column[shown])]
    if len(within) == len(filled) and len(bad) > 1:  # 100 % exported as 1 is a fraction too
        first = next(iter(bad.values()))
        return InputErrors([InputError(source, Location(row=header_row),
                                       f"ทุกคอลัมน์คะแนน ({len(filled)} คอลัมน์) {FRACTIONS_TH}",
                                       f"every score column ({len(filled)}) {FRACTIONS_EN}", first[0][1])], source)
    errors = []
    for shown, cells in bad.items():
        rows = [n for n, v in cells if number_of(v) is not None]
        errors.append(InputError(source, Location(row=header_row, column=shown),
                                 f"ทั้งคอลัมน์ ({len(rows)} แถว: {rows_text(rows)}) {FRACTIONS_TH}",
                                 f"the whole column ({len(rows)} rows: {rows_text(rows)}) {FRACTIONS_EN}",
                                 cells[0][1]))
    return InputErrors(errors, source)


def column_problems(source: str, rows: list[tuple[int, InputErrors]], data_rows: int) -> InputErrors | None:
    """The same problem in the same column of most rows, as one error per column (count and first rows)."""
    by_kind: dict[tuple[str, str], list[InputError]] = defaultdict(list)
    for _, errors in rows:
        for e in errors:
            if e.location.column and e.location.row:
                by_kind[(e.location.column, e.expected_en)].append(e)
    errors = []
    for (column, _), found in by_kind.items():
        if len(found) < SAME_PROBLEM_ROWS or len(found) * 2 < data_rows:
            continue
        numbers = [e.location.row for e in found]
        first = found[0]
        errors.append(InputError(
            source, Location(column=column, field=first.location.field),
            f"{first.expected_th} ใน {len(found)} แถว (แถวที่ {rows_text(numbers)})",
            f"{first.expected_en} in {len(found)} rows (rows {rows_text(numbers)})", first.got))
    return InputErrors(errors, source) if errors else None
