"""One table row → the params dict a YAML file would hold, validated by the caller; and rows that are
not organisations (totals, averages, notes, district sub-headings), recognised even when every score is filled.

``type`` (อบต., ทต., ทม., ทน., อบจ. or the full words) is prepended to the name when the name does not already
start with the full word; a name starting with a short prefix ("อบต.สามเรือน", "อบต สามเรือน") is expanded.
Province, district and subdistrict are stored without the words people type before them ("จ.ขอนแก่น",
"จังหวัดขอนแก่น" and "ขอนแก่น" are one province). ``prev_total`` becomes ``previous: [{year: year - 1, total}]``.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Callable, Sequence

from ...frameworks import TOOLS as TOOL_NAMES
from ...kit import places
from ...kit.data import knowledge_yaml
from ...kit.errors import InputError, InputErrors, Location
from ...kit.thai import to_arabic_digits
from ..types import Expected, be_year_value
from .base import Row
from .cells import clean, score_value
from .headers import is_score, norm

Validate = Callable[[dict, str, Any], Any]  # a row's params dict → validated params (given by the caller)
Columns = dict[str, tuple[int, str]]  # column key → (0-based index, header as written)

_TYPES_TH = "อบต., ทต., ทม., ทน., อบจ. (หรือคำเต็ม เช่น องค์การบริหารส่วนตำบล)"
_TYPES_EN = "อบต., ทต., ทม., ทน., อบจ. (or the full words, e.g. องค์การบริหารส่วนตำบล)"


@lru_cache(maxsize=1)
def _type_words() -> dict[str, str]:
    out = {}
    for t in places.org_types():
        for alias in (t.name, t.short, t.short.rstrip(".")):
            out[norm(alias)] = t.name
    return out


def full_name(name: Any, kind: Any) -> tuple[Any, tuple[str, str, Any] | None]:
    """The organisation's full name from name and type columns, or an error (Thai, English, got) on the type."""
    if isinstance(name, str):
        name = places.expand_short(name)  # "อบต.สามเรือน" → "องค์การบริหารส่วนตำบลสามเรือน"
    if kind is None:
        return name, None
    full = _type_words().get(norm(kind))
    if full is None:
        return name, (f"ประเภทหน่วยงานต้องเป็น {_TYPES_TH}", f"the organisation type must be {_TYPES_EN}", kind)
    if not isinstance(name, str) or name.startswith(full):
        return name, None
    other = places.org_type_of(name)
    if other is not None:
        return name, (f"ประเภทไม่ตรงกับชื่อหน่วยงาน (ชื่อขึ้นต้นด้วย {other.name})",
                      f"the type does not match the name (which starts with {other.name})", kind)
    return full + name, None


@lru_cache(maxsize=1)
def _not_organisations() -> tuple[tuple[str, ...], tuple[str, ...]]:
    words = knowledge_yaml("table_rows.yaml")
    summary = tuple(sorted((norm(w) for w in words["summary"]), key=len, reverse=True))
    return summary, tuple(words["headings"])


def not_an_organisation(name: Any, kind: Any, cells: Sequence[Any]) -> str | None:
    """Why a row is not an organisation ("Thai / English"), or None when it may be one."""
    if kind is not None or (isinstance(name, str) and places.org_type_of(places.expand_short(name))):
        return None
    summary, headings = _not_organisations()
    texts = [name] if isinstance(name, str) else [c for c in cells if isinstance(c, str)]
    for text in texts:
        if norm(text).startswith(summary):
            return f"แถวสรุป ('{text}') ไม่ใช่หน่วยงาน / a summary row ('{text}'), not an organisation"
    if isinstance(name, str) and name.startswith(headings):
        return f"หัวข้อย่อยของพื้นที่ ('{name}') ไม่ใช่หน่วยงาน / a place sub-heading ('{name}'), not an organisation"
    return None


def row_data(values: dict[str, Any], fiscal_year: int, extra: dict, default_year: int | None) -> dict:
    """The params dict of one row, shaped exactly like a params YAML file."""
    org = {k: places.clean_place(values[k], k) if k != "name" else values[k]
           for k in ("name", "subdistrict", "district", "province") if values.get(k) is not None}
    assessment: dict[str, Any] = {}
    year = values.get("year", default_year)
    if year is not None:
        assessment["year"] = year
    reported: dict[str, Any] = {}
    for key in ("total", "level"):
        if values.get(key) is not None:
            reported[key] = values[key]
    tools = {t: values[f"tool:{t}"] for t in TOOL_NAMES if values.get(f"tool:{t}") is not None}
    if tools:
        reported["tools"] = tools
    if reported:
        assessment["reported"] = reported
    assessment["indicators"] = {n: values[f"ind:{n}"] for n in range(1, 11) if values.get(f"ind:{n}") is not None}
    items = {k[5:]: v for k, v in values.items() if k.startswith("item:") and v is not None}
    if items:
        assessment["items"] = items
    data: dict[str, Any] = {"organisation": org, "fiscal_year": fiscal_year, "assessment": assessment}
    if values.get("prev_total") is not None:
        entry: dict[str, Any] = {}
        if year is not None:
            try:
                entry["year"] = be_year_value(year) - 1
            except (Expected, TypeError, ValueError):
                entry["year"] = year  # a bad year is reported at its column; validation repeats it, deduplicated
        entry["total"] = values["prev_total"]
        data["previous"] = [entry]
    for key, value in extra.items():
        data[key] = dict(value) if isinstance(value, dict) else value
    return data


def locator(columns: Columns, number: int, given: dict[str, Any]) -> Callable[[Sequence[Any]], Location]:
    """Maps a params field path back to the user's column header at this row."""

    def header(key: str) -> str | None:
        return columns[key][1] if key in columns else None

    def column(loc: Sequence[Any]) -> str | None:
        loc = list(loc)
        head = loc[0] if loc else None
        if head == "organisation":
            return header(str(loc[1])) if len(loc) > 1 and str(loc[1]) in columns else header("name")
        if head == "fiscal_year":
            return header("year")  # the argument is checked up front; what is left is its clash with the year
        if head == "previous":
            return header("year") if loc[-1] == "year" else header("prev_total")
        if head != "assessment" or len(loc) < 2:
            return None
        part = loc[1]
        if part == "year" or part == "framework":
            return header("year")
        if part == "indicators":
            if len(loc) > 2:
                return header(f"ind:{loc[2]}")
            absent = [header(f"ind:{n}") for n in range(1, 11) if given.get(f"ind:{n}") is None]
            return ", ".join(h for h in absent if h) or None
        if part == "items" and len(loc) > 2:
            return header(f"item:{loc[2]}")
        if part == "reported" and len(loc) > 2:
            if loc[2] == "tools" and len(loc) > 3:
                return header(f"tool:{loc[3]}")
            return header(str(loc[2]))
        return None

    def locate(loc: Sequence[Any]) -> Location:
        return Location(row=number, column=column(loc))

    return locate


def read_values(cells: list[Any], columns: Columns) -> tuple[dict[str, Any], int]:
    """The row's cleaned values by column key, and how many score cells had a comma decimal mark."""
    values, commas = {}, 0
    for key, (index, _) in columns.items():
        v = clean(cells[index]) if index < len(cells) else None
        if v is not None and is_score(key):
            v, comma = score_value(v)
            commas += comma
        values[key] = v
    return values, commas


def build_row(number: int, values: dict[str, Any], columns: Columns, source: str, fiscal_year: int,
              extra: dict, default_year: int | None, validate: Validate) -> Row:
    """One organisation's row → Row (its params, or every problem of it located by row and column)."""
    errors: list[InputError] = []
    name, problem = full_name(values.get("name"), values.get("type"))
    values = {**values, "name": name}
    if problem:
        th, en, got = problem
        errors.append(InputError(source, Location(row=number, column=columns["type"][1], field="organisation.type"),
                                 th, en, got))
    data = row_data(values, fiscal_year, extra, default_year)
    params = None
    try:
        params = validate(data, source, locator(columns, number, values))
    except InputErrors as exc:
        errors.extend(exc.errors)
    if errors:
        params = None
    return Row(number, data, params, collect(errors, columns, source))


def collect(errors: list[InputError], columns: Columns, source: str) -> InputErrors | None:
    """Row errors in sheet column order, each once (a bad year can surface at two fields)."""
    if not errors:
        return None
    order = {shown: index for index, shown in columns.values()}
    seen = set()
    unique = []
    for e in errors:
        key = (e.location.column, e.expected_en, repr(e.got))
        if key not in seen:
            seen.add(key)
            unique.append(e)
    unique.sort(key=lambda e: order.get((e.location.column or "").split(", ")[0], 1 << 30))
    return InputErrors(unique, source)


def dup_key(data: dict) -> tuple[str, str, str] | None:
    """Name, district and province: common names (บ้านใหม่, หนองบัว) recur in one province's districts."""
    org = data.get("organisation", {})
    name, district, province = org.get("name"), org.get("district"), org.get("province")
    if not isinstance(name, str) or province is None:
        return None

    def squash(s: Any) -> str:
        return re.sub(r"\s+", "", to_arabic_digits(str(s)))

    return squash(name), squash(district or ""), squash(province)
