"""Headers: which params field each column feeds, where the header row is, and look-alike headers.

Matched column by column, case-, space- and punctuation-insensitive (``_ - . : *``), Thai digits allowed
("ตัวชี้วัดที่ ๑"); a trailing "(…)" is ignored ("IIT (30%)"), and an indicator or item header may carry its
Thai name ("ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่"). A header that is not known but looks like a known one
("ผลคะแนนรวม" ~ "คะแนนรวม") is never taken silently: see :func:`lookalike` and ``read_columns``.
"""
from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from typing import Any, Sequence

from ...frameworks import TOOLS as TOOL_NAMES
from ...kit.errors import InputError, InputErrors, Location
from ...kit.thai import to_arabic_digits
from .base import HEADER_SEARCH_ROWS, Grid, TableInfo, table_error

TOOL_KEYS = {t: f"tool:{t}" for t in TOOL_NAMES}

ALIASES: dict[str, list[str]] = {
    "name": ["name", "organisation", "organization", "organisationname", "organizationname", "orgname",
             "ชื่อหน่วยงาน", "หน่วยงาน", "ชื่ออปท", "อปท", "ชื่อองค์กรปกครองส่วนท้องถิ่น", "องค์กรปกครองส่วนท้องถิ่น"],
    "type": ["type", "orgtype", "organisationtype", "organizationtype", "ประเภท", "ประเภทหน่วยงาน", "ประเภทอปท"],
    "subdistrict": ["subdistrict", "tambon", "ตำบล"],
    "district": ["district", "amphoe", "amphur", "อำเภอ"],
    "province": ["province", "changwat", "จังหวัด"],
    "year": ["year", "assessmentyear", "itayear", "ปีที่ประเมิน", "ปีประเมิน", "ปีการประเมิน"],
    "total": ["total", "totalscore", "itatotal", "itascore", "คะแนนรวม", "คะแนนita", "คะแนนรวมita"],
    "level": ["level", "result", "italevel", "ระดับ", "ผลการประเมิน", "ระดับผลการประเมิน"],
    "prev_total": ["prevtotal", "previoustotal", "prevscore", "previousscore", "lastyeartotal",
                   "คะแนนปีก่อน", "คะแนนปีที่แล้ว", "คะแนนรวมปีก่อน", "คะแนนรวมปีที่แล้ว"],
    **{key: [t.lower(), f"คะแนน{t.lower()}", f"{t.lower()}score"] for t, key in TOOL_KEYS.items()},
}

# Shown in errors about headers (what a user may write).
HEADER_HELP = {
    "name": "name / ชื่อหน่วยงาน",
    "type": "type / ประเภท",
    "subdistrict": "subdistrict / ตำบล",
    "district": "district / อำเภอ",
    "province": "province / จังหวัด",
    "year": "year / ปีที่ประเมิน",
    "total": "total / คะแนนรวม",
    "level": "level / ระดับ / ผลการประเมิน",
    "prev_total": "prev_total / คะแนนปีก่อน",
    **{f"ind:{n}": f"ind{n} / ตัวชี้วัดที่ {n}" for n in range(1, 11)},
    **{key: f"{t.lower()} / คะแนน {t}" for t, key in TOOL_KEYS.items()},
}

REQUIRED = ("name", "district", "province", *(f"ind:{n}" for n in range(1, 11)))
SIMILAR = 0.8  # difflib ratio from which an unknown header "looks like" a known one
CONTAINED = 5  # a known header of at least this many letters inside an unknown one makes it look alike

INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)
_PUNCT = re.compile(r"[\s_\-.:*'\"]+")
_SUFFIX = r"(?:\(.*\)|[\u0e00-\u0e7f].*)?"  # "(การปฏิบัติหน้าที่)" or Thai words after the number
_INDICATOR = re.compile(r"(?:ตัวชี้วัดที่|ตัวชี้วัด|indicator|ind)(\d{1,2})" + _SUFFIX)
_ITEM = re.compile(r"([ieo])(\d{1,2})" + _SUFFIX)
_PAREN_TAIL = re.compile(r"\(.*\)$")


def norm(text: Any) -> str:
    """Header text as compared: NFKC, Arabic digits, lower case, no spaces or light punctuation."""
    s = unicodedata.normalize("NFKC", to_arabic_digits(str(text))).translate(INVISIBLE).lower()
    return _PUNCT.sub("", s)


_BY_NORM = {norm(alias): key for key, aliases in ALIASES.items() for alias in aliases}
# what an unknown header is compared with: the aliases and the indicator headers people write
_LOOKALIKES = {**_BY_NORM, **{f"ตัวชี้วัดที่{n}": f"ind:{n}" for n in range(1, 11)}}


def column_key(header: Any) -> str | None:
    """The params value a header feeds ("name", "ind:4", "tool:IIT", "item:o13", …), or None if unknown."""
    if header is None:
        return None
    h = norm(header)
    if not h:
        return None
    for candidate in (h, _PAREN_TAIL.sub("", h)):
        if candidate in _BY_NORM:
            return _BY_NORM[candidate]
        m = _INDICATOR.fullmatch(candidate)
        if m:
            n = int(m.group(1))
            return f"ind:{n}" if 1 <= n <= 10 else None
        m = _ITEM.fullmatch(candidate)
        if m and int(m.group(2)) >= 1:
            return f"item:{m.group(1)}{int(m.group(2))}"
    return None


def lookalike(header: Any) -> str | None:
    """The key an unknown header resembles ("ผลคะแนนรวม" ~ total), None when it resembles none."""
    h = _PAREN_TAIL.sub("", norm(header))
    if len(h) < 3 or column_key(header) is not None:
        return None
    best, best_score = None, 0.0
    for alias, key in _LOOKALIKES.items():
        score = SequenceMatcher(None, h, alias).ratio()
        if len(alias) >= CONTAINED and alias in h:
            score = max(score, SIMILAR + len(alias) / len(h) / 10)
        if score > best_score:
            best, best_score = key, score
    return best if best_score >= SIMILAR else None


def field_of(key: str) -> str:
    """The params field path a column key feeds (as shown in errors and TableInfo)."""
    kind, _, arg = key.partition(":")
    return {
        "name": "organisation.name", "type": "organisation.type", "subdistrict": "organisation.subdistrict",
        "district": "organisation.district", "province": "organisation.province", "year": "assessment.year",
        "total": "assessment.reported.total", "level": "assessment.reported.level",
        "prev_total": "previous[1].total", "ind": f"assessment.indicators.{arg}",
        "tool": f"assessment.reported.tools.{arg}", "item": f"assessment.items.{arg}",
    }[kind]


def is_score(key: str) -> bool:
    """Columns on the 0–100 scale."""
    return key in ("total", "prev_total") or key.startswith(("ind:", "tool:", "item:"))


def display(header: Any) -> str:
    """A header as the user wrote it, on one line."""
    return " ".join(str(header).translate(INVISIBLE).split())


def header_score(cells: Sequence[Any]) -> int:
    """How much a row looks like the header: its recognised columns, and whether one is the name."""
    keys = [column_key(c) for c in cells]
    return len([k for k in keys if k]) + (1000 if "name" in keys else 0)


def blank(value: Any) -> bool:
    """A cell with nothing in it (None, spaces, invisible characters)."""
    return value is None or (isinstance(value, str) and not value.translate(INVISIBLE).strip())


def find_header(grid: Grid, source: str) -> int | None:
    """Index in grid of the header row: the first row (of the top ones) with a name column; None if none."""
    best = None
    for i, entry in enumerate(grid[:HEADER_SEARCH_ROWS]):
        if entry[1] is None:
            continue
        score = header_score(entry[1])
        if score >= 1000:
            return i
        if score >= 2 and (best is None or score > best[1]):
            best = (i, score)
    if best is not None:
        number = grid[best[0]][0]
        raise table_error(source, f"ไม่พบคอลัมน์ชื่อหน่วยงาน ({HEADER_HELP['name']}) ในหัวตาราง",
                          f"the header has no organisation name column ({HEADER_HELP['name']})", row=number)
    return None


def no_header(source: str, other_sheets: str = "") -> InputErrors:
    """No header row in the first rows; on a workbook, which other sheet has one."""
    return table_error(source, f"ไม่พบหัวตาราง: ต้องมีแถวหัวตารางที่มีคอลัมน์ {HEADER_HELP['name']} ภายใน "
                       f"{HEADER_SEARCH_ROWS} แถวแรก" + other_sheets.partition(" | ")[0],
                       f"no recognisable header: a header row with a {HEADER_HELP['name']} column must be within "
                       f"the first {HEADER_SEARCH_ROWS} rows" + other_sheets.partition(" | ")[2])


def read_columns(header: list[Any], number: int, source: str, info: TableInfo) -> dict[str, tuple[int, str]]:
    """Column key → (0-based index, header as written); table errors for missing, doubled or look-alike columns."""
    columns: dict[str, tuple[int, str]] = {}
    doubled, unknown = [], []
    for index, cell in enumerate(header):
        if blank(cell):
            continue
        shown = display(cell)
        key = column_key(cell)
        if key is None:
            unknown.append(shown)
            continue
        if key in columns:
            doubled.append((key, columns[key][1], shown))
            continue
        columns[key] = (index, shown)
        info.columns[shown] = field_of(key)
    errors = []
    for shown in unknown:
        info.ignored.append(shown)
        key = lookalike(shown)
        if key is None:
            continue
        if key in columns:
            info.warnings.append(
                f"ไม่ได้ใช้คอลัมน์ '{shown}' ซึ่งคล้าย {HEADER_HELP[key]} ที่อ่านจากคอลัมน์ '{columns[key][1]}' แล้ว / "
                f"column '{shown}' looks like {HEADER_HELP[key]}, already read from column '{columns[key][1]}': ignored")
            continue
        errors.append(InputError(
            source, Location(row=number, column=shown),
            f"ไม่รู้จักหัวคอลัมน์นี้ หมายถึง {HEADER_HELP[key]} หรือไม่ ให้แก้หัวคอลัมน์เป็นชื่อนั้นเพื่อให้ตรวจค่า "
            "หรือเปลี่ยนเป็นชื่ออื่นถ้าไม่ใช่ข้อมูลนี้",
            f"unknown header: did you mean {HEADER_HELP[key]}? Rename the column to that to have its values "
            "read and checked, or to something else if it holds other data"))
    for key, first, second in doubled:
        errors.append(InputError(source, Location(row=number, column=second, field=field_of(key)),
                                 f"คอลัมน์ '{first}' และ '{second}' หมายถึงข้อมูลเดียวกัน: ให้เหลือคอลัมน์เดียว",
                                 f"columns '{first}' and '{second}' mean the same thing: keep only one"))
    missing = [k for k in REQUIRED if k not in columns]
    if missing:
        listed = ", ".join(HEADER_HELP[k] for k in missing)
        errors.append(InputError(source, Location(row=number), f"ไม่พบคอลัมน์ที่จำเป็นในหัวตาราง: {listed}",
                                 f"required column(s) missing from the header: {listed}"))
    if errors:
        raise InputErrors(errors, source)
    return columns
