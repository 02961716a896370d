"""Spreadsheets (CSV or XLSX, one row per organisation) → the same params dicts the YAML path builds.

A provincial office receives every organisation's ITA results as one table. Each row becomes a plain
params dict and goes through the same validation as a YAML file (the caller passes it), so a row's
errors read the same as a YAML file's; only their place differs: ``Location(row=<sheet row>,
column=<the header as the user wrote it>, field=<params field path>)``.

Problems of the whole table (missing file, not CSV/XLSX, too large, binary, wrong encoding, no header,
a required column missing, unknown sheet) raise :class:`InputErrors`. Problems of a row never raise:
the row comes back with ``errors`` and the other rows still load.

Decisions (see also ``HEADER_HELP``):

- Headers are matched column by column, case-, space- and punctuation-insensitive (``_ - . : *``),
  Thai digits allowed ("ตัวชี้วัดที่ ๑"); a trailing "(…)" is ignored ("IIT (30%)"), and an indicator
  or item header may carry its Thai name ("ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่").
- Required columns: name, district, province and indicators 1–10 (a missing one is a table error).
  ``year`` is optional: without the column every row is assessed in ``fiscal_year - 1`` (the year a
  document of fiscal year N analyses), and ``TableInfo.warnings`` says so. An empty cell in a present
  column is "not given", so a required value left empty is reported by validation at its row and column.
- Unknown columns are ignored and listed in ``TableInfo.ignored`` (``load_table(...).info`` or
  ``describe_table(path)``); values in columns without a header are ignored with a warning.
- Values stay as written (text or the spreadsheet's number); ``validate`` and ``parse_number`` judge
  them, so "๙๖.๗๙", "9๖.79", " 96.79 " and 96.79 all mean the same and bad ones get the YAML messages.
  Cleaned first: NBSP / zero-width spaces removed, whitespace runs collapsed, a cell of only dashes
  ("-", "–", "—") is empty. Percentages: scores are on a 0–100 scale, so "96.79%" in a score column
  means 96.79 (the "%" is dropped), and an XLSX number shown as a percentage (0.9679 formatted "0.00%")
  is read as what the user sees, 96.79.
- ``type`` (อบต., ทต., ทม., ทน., อบจ. or the full words) is prepended to the name when the name does not
  already start with the full word; a name starting with a short prefix ("อบต.สามเรือน") is expanded.
  The type is not stored separately: the params model infers it from the full name, as for YAML.
- ``prev_total`` becomes ``previous: [{year: year - 1, total}]``.
- XLSX: first sheet unless ``sheet=``; formulas are read as their cached values; rows above the header
  (titles, merged title cells, blank rows) are skipped; the header row is the first row with a name
  column; cells merged vertically below the header take the merged value (e.g. one district cell
  spanning its organisations). Fully empty rows are skipped; row numbers stay those of the sheet.
- CSV: UTF-8 (with or without BOM), UTF-16 with BOM (Excel "Unicode text"), cp874 / TIS-620 (Thai
  Windows Excel). UTF-8 text that is Thai garbled by a wrong conversion ("à¸ªà¸²…") is refused with a
  message saying so. Delimiter: comma, semicolon, tab or pipe: the one that yields a recognisable header.
- Two rows with the same full name, district and province: the second is a row error ("duplicate of row N").
"""
from __future__ import annotations

import csv
import io
import re
import unicodedata
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Sequence

import openpyxl
from pydantic import ValidationError

from ..frameworks import TOOLS as TOOL_NAMES
from ..kit import places
from ..kit.errors import MISSING, InputError, InputErrors, Location
from ..kit.thai import to_arabic_digits
from . import Locate, translate
from .common import Style
from .types import Expected, be_year_value

Validate = Callable[[dict, str, Locate], Any]  # a row's params dict → validated params (given by the caller)

MAX_BYTES = 50 * 1024 * 1024  # refused before parsing: a province's table is well under 1 MB
MAX_ROWS = 100_000  # ~8,300 agencies in the whole country: more rows than this is not a results table
HEADER_SEARCH_ROWS = 30  # the header sits below at most a few title rows
CSV_SUFFIXES = {".csv", ".tsv", ".txt", ""}
XLSX_SUFFIXES = {".xlsx", ".xlsm"}
DELIMITERS = (",", ";", "\t", "|")


# --------------------------------------------------------------------------- results


@dataclass
class Row:
    """One data row of the table: what was built from it and whether it validated."""

    number: int  # spreadsheet row number as the user sees it (header row = 1 when it is the first row)
    data: dict | None  # the params dict built from the row (None if the row could not even be read)
    params: Any | None  # validated params model, or None
    errors: InputErrors | None  # every problem of this row, each naming the file, row number and column

    @property
    def ok(self) -> bool:
        """A row is usable only if it validated."""
        return self.params is not None


@dataclass
class TableInfo:
    """What was read and how, so a user can see which columns fed which field and which were ignored."""

    source: str
    format: str  # "csv" or "xlsx"
    encoding: str | None = None  # CSV only: "utf-8", "utf-8-sig", "utf-16", "cp874"
    delimiter: str | None = None  # CSV only
    sheet: str | None = None  # XLSX only: the sheet read
    sheets: list[str] = field(default_factory=list)  # XLSX only: every sheet of the workbook
    header_row: int | None = None
    columns: dict[str, str] = field(default_factory=dict)  # header as written → params field it feeds
    ignored: list[str] = field(default_factory=list)  # headers not recognised, as written
    warnings: list[str] = field(default_factory=list)  # "Thai / English", one per note


class Table(list):
    """The rows of a table (a ``list[Row]``) with the ``TableInfo`` of how it was read."""

    def __init__(self, rows: list[Row], info: TableInfo):
        super().__init__(rows)
        self.info = info

    @property
    def valid(self) -> list[Row]:
        """Rows that can be rendered."""
        return [r for r in self if r.params is not None]

    @property
    def invalid(self) -> list[Row]:
        """Rows to send back for correction."""
        return [r for r in self if r.params is None]


# --------------------------------------------------------------------------- headers

_TOOL_KEYS = {t: f"tool:{t}" for t in TOOL_NAMES}

_ALIASES: dict[str, list[str]] = {
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
    **{key: [t.lower(), f"คะแนน{t.lower()}", f"{t.lower()}score"] for t, key in _TOOL_KEYS.items()},
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
    **{key: f"{t.lower()} / คะแนน {t}" for t, key in _TOOL_KEYS.items()},
}

REQUIRED = ("name", "district", "province", *(f"ind:{n}" for n in range(1, 11)))

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)
_PUNCT = re.compile(r"[\s_\-.:*'\"]+")
_SUFFIX = r"(?:\(.*\)|[\u0e00-\u0e7f].*)?"  # "(การปฏิบัติหน้าที่)" or Thai words after the number
_INDICATOR = re.compile(r"(?:ตัวชี้วัดที่|ตัวชี้วัด|indicator|ind)(\d{1,2})" + _SUFFIX)
_ITEM = re.compile(r"([ieo])(\d{1,2})" + _SUFFIX)
_PAREN_TAIL = re.compile(r"\(.*\)$")


def _norm(text: Any) -> str:
    """Header text as compared: NFKC, Arabic digits, lower case, no spaces or light punctuation."""
    s = unicodedata.normalize("NFKC", to_arabic_digits(str(text))).translate(_INVISIBLE).lower()
    return _PUNCT.sub("", s)


_BY_NORM = {_norm(alias): key for key, aliases in _ALIASES.items() for alias in aliases}


def column_key(header: Any) -> str | None:
    """The params value a header feeds ("name", "ind:4", "tool:IIT", "item:o13", …), or None if unknown."""
    if header is None:
        return None
    h = _norm(header)
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


def _is_score(key: str) -> bool:
    return key in ("total", "prev_total") or key.startswith(("ind:", "tool:", "item:"))


def _letter(index: int) -> str:
    """Spreadsheet column letter of a 0-based index (A, …, Z, AA, …)."""
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


def _display(header: Any) -> str:
    return " ".join(str(header).translate(_INVISIBLE).split())


# --------------------------------------------------------------------------- cells

_DASHES = re.compile(r"[-\u2010-\u2015\u2212]+")


def _clean(value: Any) -> Any:
    """A cell's value with invisible characters and padding gone; None when it holds nothing."""
    if value is None:
        return None
    if isinstance(value, str):
        s = " ".join(value.translate(_INVISIBLE).split())  # split() also takes NBSP and newlines
        if not s or _DASHES.fullmatch(s):
            return None
        return s
    if isinstance(value, float) and value != value:  # NaN from an empty numeric cell
        return None
    return value


def _score_value(value: Any) -> Any:
    """Scores are on a 0–100 scale, so "96.79%" means 96.79."""
    if isinstance(value, str) and value.endswith("%"):
        return value[:-1].strip() or value
    return value


# --------------------------------------------------------------------------- errors


def _table_error(source: str, th: str, en: str, got: Any = None, row: int | None = None) -> InputErrors:
    err = InputError(source, Location(row=row) if row else None, th, en, MISSING if got is None else got)
    return InputErrors([err], source)


# --------------------------------------------------------------------------- reading


def _check_file(path: Path, source: str) -> bytes:
    try:
        if path.is_dir():
            raise _table_error(source, "ต้องระบุไฟล์ตาราง ไม่ใช่โฟลเดอร์", "expected a table file, not a folder")
        size = path.stat().st_size
    except OSError as exc:
        raise _table_error(source, "ไม่พบไฟล์ตารางหรืออ่านไฟล์ไม่ได้", "table file not found or unreadable",
                           exc.strerror) from None
    if size > MAX_BYTES:
        raise _table_error(source, f"ไฟล์ตารางใหญ่เกินไป (ไม่เกิน {MAX_BYTES // 1024 // 1024} MB)",
                           f"table file too large (at most {MAX_BYTES // 1024 // 1024} MB)", f"{size:,} bytes")
    if size == 0:
        raise _table_error(source, "ไฟล์ตารางว่างเปล่า", "the table file is empty")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise _table_error(source, "อ่านไฟล์ตารางไม่ได้", "cannot read the table file", exc.strerror) from None


def _kind(path: Path, raw: bytes, source: str) -> str:
    """"csv" or "xlsx" from the content first (a renamed file still reads), the extension second."""
    suffix = path.suffix.lower()
    if raw.startswith(b"PK\x03\x04"):
        return "xlsx"
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise _table_error(source, "เป็นไฟล์ Excel รุ่นเก่า (.xls) หรือไฟล์ที่ตั้งรหัสผ่าน: ให้บันทึกเป็น .xlsx "
                           "(ไม่ตั้งรหัสผ่าน) หรือ CSV", "this is an old Excel .xls or a password-protected workbook: "
                           "save it as .xlsx (without a password) or as CSV")
    if suffix in XLSX_SUFFIXES or suffix == ".xls":
        head = raw[:512].lstrip().lower()
        if head.startswith((b"<", b"\xef\xbb\xbf<")):
            raise _table_error(source, "ไฟล์นี้เป็นหน้าเว็บ (HTML) ที่ตั้งชื่อเป็น Excel: ให้เปิดใน Excel แล้วบันทึกเป็น .xlsx หรือ CSV",
                               "this file is a web page (HTML) named as Excel: open it in Excel and save as .xlsx or CSV")
        raise _table_error(source, "ไฟล์ .xlsx เสียหรือไม่ใช่ไฟล์ Excel", "the .xlsx file is damaged or not an Excel workbook")
    if suffix not in CSV_SUFFIXES:
        raise _table_error(source, "ต้องเป็นไฟล์ตาราง CSV หรือ Excel (.xlsx)", "expected a CSV or Excel (.xlsx) table file",
                           path.suffix)
    return "csv"


_MOJIBAKE_UTF8 = re.compile("[àÃ][\u00b8\u00b9]")  # UTF-8 Thai bytes E0 B8/B9 read as cp1252/latin-1
_LATIN_THAI = re.compile("[\u00a1-\u00fb]")  # cp874 Thai bytes read as latin-1
_THAI = re.compile("[\u0e01-\u0e5b]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _decode(raw: bytes, source: str) -> tuple[str, str]:
    """CSV text and the encoding it was in; binary data and garbled Thai are refused by name."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    elif b"\x00" not in raw:
        try:
            text, encoding = raw.decode("utf-8-sig"), "utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "utf-8"
        except UnicodeDecodeError:
            try:
                text, encoding = raw.decode("cp874"), "cp874"
            except UnicodeDecodeError:
                text = encoding = None
        if text is not None:
            if len(_CONTROL.findall(text)) > max(2, len(text) // 1000):
                text = None
        if text is not None:
            wrong_th = ("ไฟล์ถูกบันทึกด้วยการเข้ารหัสผิด ตัวอักษรไทยกลายเป็นอักขระแปลก ๆ (เช่น 'à¸ª'): ให้เปิดไฟล์ต้นฉบับ"
                        "แล้วบันทึกใหม่เป็น CSV UTF-8")
            wrong_en = ("the file was saved in the wrong encoding: its Thai letters became garbage such as 'à¸ª'. "
                        "Open the original and save it again as CSV UTF-8")
            if encoding.startswith("utf-8") and len(_MOJIBAKE_UTF8.findall(text)) >= 3:
                raise _table_error(source, wrong_th, wrong_en, _MOJIBAKE_UTF8.search(text).group() + "…")
            if not _THAI.search(text) and len(_LATIN_THAI.findall(text)) >= 10:
                raise _table_error(source, wrong_th, wrong_en)
            if text.count("\ufffd") >= 3:
                raise _table_error(source, "ไฟล์มีอักขระ '\ufffd' แทนตัวอักษรที่สูญหายจากการแปลงการเข้ารหัส: "
                                   "ให้บันทึกจากต้นฉบับใหม่เป็น CSV UTF-8",
                                   "the file contains '\ufffd' where letters were lost in an earlier encoding "
                                   "conversion: save it again from the original as CSV UTF-8")
            return text, encoding
        mixed = _mixed_encoding_line(raw)
        if mixed is not None:
            raise _table_error(source, f"ไฟล์มีการเข้ารหัสปนกัน: บางบรรทัดเป็น UTF-8 แต่บรรทัดที่ {mixed} ไม่ใช่ "
                                       "(ต่อข้อมูลจากไฟล์ที่บันทึกต่างกัน) ให้บันทึกทั้งไฟล์ใหม่เป็น CSV UTF-8",
                               f"mixed encodings: some lines are UTF-8 but line {mixed} is not (pasted together "
                               "from files saved differently); save the whole file again as CSV UTF-8",
                               row=mixed)
    raise _table_error(source, "ไม่ใช่ไฟล์ข้อความ CSV (เป็นข้อมูลไบนารี หรือไม่ใช่ UTF-8 / TIS-620)",
                       "not a CSV text file (binary data, or neither UTF-8 nor TIS-620/cp874)")


def _mixed_encoding_line(raw: bytes) -> int | None:
    """The first line that is not UTF-8 in a file where other Thai lines are (1-based), else None."""
    first_bad, utf8_thai = None, False
    for number, line in enumerate(raw.split(b"\n"), start=1):
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            first_bad = first_bad or number
            continue
        utf8_thai = utf8_thai or bool(_THAI.search(text))
    return first_bad if first_bad and utf8_thai else None


Grid = list  # list of (row number, list of cell values) or (row number, None, message) for unreadable rows


def _csv_rows(text: str, delimiter: str, limit: int | None = None) -> list[tuple]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    out: list[tuple] = []
    number = 0
    while limit is None or number < limit:
        number += 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            out.append((number, None, str(exc)))
            continue
        out.append((number, cells))
    return out


def _read_csv(raw: bytes, source: str, info: TableInfo) -> Grid:
    text, info.encoding = _decode(raw, source)
    best, best_score = ",", -1
    for delimiter in DELIMITERS:  # the delimiter is the one under which a header appears
        head = _csv_rows(text, delimiter, HEADER_SEARCH_ROWS)
        score = max((_header_score(r[1]) for r in head if r[1] is not None), default=0)
        if score > best_score:
            best, best_score = delimiter, score
    info.delimiter = best
    return _csv_rows(text, best)


def _read_xlsx(path: Path, sheet: str | None, source: str, info: TableInfo) -> tuple[Grid, list]:
    try:
        names = zipfile.ZipFile(path).namelist()
    except (zipfile.BadZipFile, OSError):
        raise _table_error(source, "ไฟล์ .xlsx เสียหรือไม่ใช่ไฟล์ Excel", "the .xlsx file is damaged or not an Excel workbook") from None
    if "xl/workbook.xml" not in names:
        raise _table_error(source, "ไม่ใช่ไฟล์ Excel (.xlsx) (เช่น .ods หรือ .docx): ให้บันทึกเป็น .xlsx หรือ CSV",
                           "not an Excel .xlsx workbook (e.g. .ods or .docx): save it as .xlsx or CSV")
    with open(path, "rb") as fh:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                wb = openpyxl.load_workbook(fh, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds on damaged files
            raise _table_error(source, "อ่านไฟล์ Excel ไม่ได้ (ไฟล์เสีย)", "cannot read the Excel workbook (damaged file)",
                               f"{type(exc).__name__}: {exc}") from None
        try:
            info.sheets = list(wb.sheetnames)
            name = _pick_sheet(info.sheets, sheet, source)
            info.sheet = name
            ws = wb[name]
            if not hasattr(ws, "iter_rows"):
                raise _table_error(source, f"ชีต '{name}' เป็นแผนภูมิ ไม่ใช่ตาราง", f"sheet '{name}' is a chart, not a table")
            ws.reset_dimensions()  # some writers record a wrong sheet size; read what is there
            grid: Grid = []
            for number, cells in enumerate(ws.iter_rows(), start=1):
                values = []
                for c in cells:
                    v = c.value
                    if (isinstance(v, (int, float)) and not isinstance(v, bool)
                            and "%" in (getattr(c, "number_format", None) or "")):
                        v = round(v * 100, 10)  # a percentage cell: the value the user sees
                    values.append(v)
                grid.append((number, values))
                if number > MAX_ROWS + HEADER_SEARCH_ROWS:
                    raise _too_many(source)
            merges = _merged_ranges(wb, ws)
        finally:
            wb.close()
    return grid, merges


def _pick_sheet(names: list[str], sheet: str | None, source: str) -> str:
    if not names:
        raise _table_error(source, "ไฟล์ Excel ไม่มีชีตใดเลย", "the workbook has no sheets")
    if sheet is None:
        return names[0]
    if sheet in names:
        return sheet
    close = [n for n in names if _norm(n) == _norm(sheet)]
    if len(close) == 1:
        return close[0]
    listed = ", ".join(f"'{n}'" for n in names)
    raise _table_error(source, f"ไม่พบชีตชื่อนี้ ชีตที่มี: {listed}", f"no sheet of this name; the sheets are: {listed}", sheet)


_MERGE_REF = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"([A-Z]+)(\d+):([A-Z]+)(\d+)\"")


def _merged_ranges(wb, ws) -> list[tuple[int, int, int, int]]:
    """Merged ranges (min_row, min_col, max_row, max_col; 1-based) read from the sheet XML, which
    read-only openpyxl does not expose. Streamed: a big sheet is never held in memory twice."""
    try:
        stream = wb._archive.open(ws._worksheet_path)
    except Exception:  # pragma: no cover - private openpyxl API; merges are a convenience
        return []
    found = set()
    tail = b""
    with stream:
        while chunk := stream.read(1 << 20):
            buf = tail + chunk
            found.update(_MERGE_REF.findall(buf))
            tail = buf[-300:]
    out = []
    for c1, r1, c2, r2 in found:
        out.append((int(r1), _col_index(c1.decode()), int(r2), _col_index(c2.decode())))
    return out


def _col_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def _too_many(source: str) -> InputErrors:
    return _table_error(source, f"ตารางมีแถวมากเกินไป (ไม่เกิน {MAX_ROWS:,} แถว)", f"too many rows (at most {MAX_ROWS:,})")


# --------------------------------------------------------------------------- header


def _header_score(cells: Sequence[Any]) -> int:
    """How much a row looks like the header: its recognised columns, and whether one is the name."""
    keys = [column_key(c) for c in cells]
    return len([k for k in keys if k]) + (1000 if "name" in keys else 0)


def _find_header(grid: Grid, source: str) -> int:
    """Index in grid of the header row: the first row (of the top ones) with a name column."""
    best = None
    for i, entry in enumerate(grid[:HEADER_SEARCH_ROWS]):
        if entry[1] is None:
            continue
        score = _header_score(entry[1])
        if score >= 1000:
            return i
        if score >= 2 and (best is None or score > best[1]):
            best = (i, score)
    if best is not None:
        number = grid[best[0]][0]
        raise _table_error(source, f"ไม่พบคอลัมน์ชื่อหน่วยงาน ({HEADER_HELP['name']}) ในหัวตาราง",
                           f"the header has no organisation name column ({HEADER_HELP['name']})", row=number)
    if not any(entry[1] and any(_clean(c) is not None for c in entry[1]) for entry in grid):
        raise _table_error(source, "ตารางว่างเปล่า ไม่มีข้อมูล", "the table is empty")
    raise _table_error(source, f"ไม่พบหัวตาราง: ต้องมีแถวหัวตารางที่มีคอลัมน์ {HEADER_HELP['name']} ภายใน "
                       f"{HEADER_SEARCH_ROWS} แถวแรก", f"no recognisable header: a header row with a "
                       f"{HEADER_HELP['name']} column must be within the first {HEADER_SEARCH_ROWS} rows")


def _map_columns(header: list[Any], number: int, source: str, info: TableInfo) -> dict[str, tuple[int, str]]:
    """Column key → (0-based index, header as written); table errors for missing or doubled columns."""
    columns: dict[str, tuple[int, str]] = {}
    doubled = []
    for index, cell in enumerate(header):
        if _clean(cell) is None:
            continue
        shown = _display(cell)
        key = column_key(cell)
        if key is None:
            info.ignored.append(shown)
            continue
        if key in columns:
            doubled.append((key, columns[key][1], shown))
            continue
        columns[key] = (index, shown)
        info.columns[shown] = field_of(key)
    errors = []
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


# --------------------------------------------------------------------------- rows

_TYPE_WORDS: dict[str, str] = {}
for _t in places.org_types():
    for _alias in (_t.name, _t.short, _t.short.rstrip(".")):
        _TYPE_WORDS[_norm(_alias)] = _t.name
_SHORT_PREFIXES = sorted(((t.short, t.name) for t in places.org_types() if t.short != t.name), key=lambda p: -len(p[0]))
_FULL_WORDS = sorted((t.name for t in places.org_types()), key=len, reverse=True)
_TYPES_TH = "อบต., ทต., ทม., ทน., อบจ. (หรือคำเต็ม เช่น องค์การบริหารส่วนตำบล)"
_TYPES_EN = "อบต., ทต., ทม., ทน., อบจ. (or the full words, e.g. องค์การบริหารส่วนตำบล)"


def _full_name(name: Any, kind: Any) -> tuple[Any, tuple[str, str, Any] | None]:
    """The organisation's full name from name and type columns, or an error (Thai, English, got) on the type."""
    if isinstance(name, str):
        for short, full in _SHORT_PREFIXES:  # "อบต.สามเรือน" → "องค์การบริหารส่วนตำบลสามเรือน"
            if name.startswith(short) and len(name) > len(short):
                name = full + name[len(short):].lstrip()
                break
    if kind is None:
        return name, None
    full = _TYPE_WORDS.get(_norm(kind))
    if full is None:
        return name, (f"ประเภทหน่วยงานต้องเป็น {_TYPES_TH}", f"the organisation type must be {_TYPES_EN}", kind)
    if not isinstance(name, str):
        return name, None
    if name.startswith(full):
        return name, None
    other = next((w for w in _FULL_WORDS if name.startswith(w)), None)
    if other is not None:
        return name, (f"ประเภทไม่ตรงกับชื่อหน่วยงาน (ชื่อขึ้นต้นด้วย {other})",
                      f"the type does not match the name (which starts with {other})", kind)
    return full + name, None


def _row_data(values: dict[str, Any], fiscal_year: int, style: dict | None, default_year: int | None) -> dict:
    """The params dict of one row, shaped exactly like a params YAML file."""
    org = {k: values[k] for k in ("name", "subdistrict", "district", "province") if values.get(k) is not None}
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
    if style:
        data["style"] = dict(style)
    return data


def _locator(columns: dict[str, tuple[int, str]], number: int, given: dict[str, Any]) -> Callable[[Sequence[Any]], Location]:
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


def _row(number: int, cells: list[Any], columns: dict[str, tuple[int, str]], source: str, fiscal_year: int,
         style: dict | None, default_year: int | None, validate: Validate) -> Row | None:
    """One data row → Row; None for a row with nothing in any recognised column."""
    values = {}
    for key, (index, _) in columns.items():
        v = _clean(cells[index]) if index < len(cells) else None
        if v is not None and _is_score(key):
            v = _score_value(v)
        values[key] = v
    if all(v is None for v in values.values()):
        return None
    errors: list[InputError] = []
    name, problem = _full_name(values.get("name"), values.get("type"))
    values["name"] = name
    if problem:
        th, en, got = problem
        errors.append(InputError(source, Location(row=number, column=columns["type"][1], field="organisation.type"),
                                 th, en, got))
    data = _row_data(values, fiscal_year, style, default_year)
    locate = _locator(columns, number, values)
    params = None
    try:
        params = validate(data, source, locate)
    except InputErrors as exc:
        errors.extend(exc.errors)
    if errors:
        params = None
    return Row(number, data, params, _collect(errors, columns, source))


def _collect(errors: list[InputError], columns: dict[str, tuple[int, str]], source: str) -> InputErrors | None:
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


def _dup_key(data: dict) -> tuple[str, str, str] | None:
    """Name, district and province: common names (บ้านใหม่, หนองบัว) recur in one province's districts."""
    org = data.get("organisation", {})
    name, district, province = org.get("name"), org.get("district"), org.get("province")
    if not isinstance(name, str) or province is None:
        return None
    squash = lambda s: re.sub(r"\s+", "", to_arabic_digits(str(s)))  # noqa: E731
    return squash(name), squash(district or ""), squash(province)


# --------------------------------------------------------------------------- entry points


def _check_arguments(fiscal_year: Any, style: dict | None, source: str) -> None:
    errors = []
    try:
        be_year_value(fiscal_year)
    except Expected as exc:
        errors.append(InputError(source, Location(field="fiscal_year"), f"ปีงบประมาณ (--fiscal-year): {exc.th}",
                                 f"fiscal year (--fiscal-year): {exc.en}", fiscal_year))
    if style is not None:
        try:
            Style.model_validate(style)
        except ValidationError as exc:
            for e in translate(exc, source, lambda loc: Location(), Style):
                e.location.field = f"style.{e.location.field}" if e.location.field else "style"
                errors.append(e)
    if errors:
        raise InputErrors(errors, source)


def _open(path: str | Path, sheet: str | None) -> tuple[Grid, int, dict[str, tuple[int, str]], TableInfo]:
    """The grid, the header's index in it, the column map and the reading notes; table problems raise."""
    path = Path(path)
    source = str(path)
    raw = _check_file(path, source)
    kind = _kind(path, raw, source)
    info = TableInfo(source=source, format=kind)
    merges: list = []
    if kind == "xlsx":
        del raw
        grid, merges = _read_xlsx(path, sheet, source, info)
    else:
        if sheet is not None:
            raise _table_error(source, "ไฟล์ CSV ไม่มีชีต: ใช้ตัวเลือกชีตได้กับไฟล์ .xlsx เท่านั้น",
                               "a CSV file has no sheets: the sheet option is for .xlsx files only", sheet)
        grid = _read_csv(raw, source, info)
    if not any(entry[1] and any(_clean(c) is not None for c in entry[1]) for entry in grid):
        raise _table_error(source, "ตารางว่างเปล่า ไม่มีข้อมูล", "the table is empty")
    h = _find_header(grid, source)
    number, header = grid[h][0], grid[h][1]
    info.header_row = number
    columns = _map_columns(header, number, source, info)
    if info.ignored:
        info.warnings.append(f"ไม่ได้ใช้คอลัมน์: {', '.join(info.ignored)} / ignored column(s): {', '.join(info.ignored)}")
    _fill_merges(grid, merges, number)
    if "year" not in columns:
        info.warnings.append("ไม่มีคอลัมน์ปีที่ประเมิน: ใช้ปีงบประมาณ - 1 ทุกแถว / no year column: every row is "
                             "assessed in fiscal_year - 1")
    return grid, h, columns, info


def _fill_merges(grid: Grid, merges: list, header_row: int) -> None:
    """Cells merged below the header take the merged (top-left) value in every row they span."""
    by_number = {entry[0]: entry for entry in grid}
    for r1, c1, r2, c2 in merges:
        if r1 <= header_row or r1 not in by_number or by_number[r1][1] is None:
            continue
        top = by_number[r1][1]
        value = top[c1 - 1] if c1 - 1 < len(top) else None
        for r in range(r1, r2 + 1):
            entry = by_number.get(r)
            if entry is None or entry[1] is None:
                continue
            cells = entry[1]
            if len(cells) < c2:
                cells.extend([None] * (c2 - len(cells)))
            for c in range(c1, c2 + 1):
                cells[c - 1] = value


def describe_table(path: str | Path, sheet: str | None = None) -> TableInfo:
    """How a table would be read (encoding, sheet, header row, recognised and ignored columns), rows unchecked."""
    return _open(path, sheet)[3]


def load_table(path: str | Path, fiscal_year: int, validate: Validate, sheet: str | None = None,
               style: dict | None = None) -> Table:
    """Every row of a results table as validated params; table problems raise, row problems stay in the row."""
    source = str(Path(path))
    _check_arguments(fiscal_year, style, source)
    grid, h, columns, info = _open(path, sheet)
    fiscal_year = be_year_value(fiscal_year)
    default_year = fiscal_year - 1 if "year" not in columns else None
    width = len(grid[h][1])
    unheaded: set[int] = set()
    known = {index for index, _ in columns.values()}
    rows: list[Row] = []
    seen: dict[tuple[str, str], int] = {}
    skipped = []
    for entry in grid[h + 1:]:
        number, cells = entry[0], entry[1]
        if cells is None:
            err = InputError(source, Location(row=number), "อ่านแถวนี้ไม่ได้ (รูปแบบ CSV ผิด)",
                             "this row cannot be read (malformed CSV)", entry[2])
            rows.append(Row(number, None, None, InputErrors([err], source)))
            continue
        row = _row(number, cells, columns, source, fiscal_year, style, default_year, validate)
        if row is None:
            if any(_clean(c) is not None for c in cells):
                skipped.append(number)
            continue
        for index, c in enumerate(cells):
            if index not in known and (index >= width or _clean(grid[h][1][index]) is None) and _clean(c) is not None:
                unheaded.add(index)
        key = _dup_key(row.data)
        if key is not None:
            if key in seen:
                first = seen[key]
                dup = InputError(source, Location(row=number, column=columns["name"][1], field="organisation.name"),
                                 f"ซ้ำกับแถวที่ {first} (ชื่อหน่วยงาน อำเภอ และจังหวัดเดียวกัน)",
                                 f"duplicate of row {first} (same organisation name, district and province)",
                                 row.data["organisation"]["name"])
                row.errors = InputErrors([*(row.errors or []), dup], source)
                row.params = None
            else:
                seen[key] = number
        rows.append(row)
        if len(rows) > MAX_ROWS:
            raise _too_many(source)
    if not rows:
        raise _table_error(source, f"ตารางมีแต่หัวตาราง (แถวที่ {info.header_row}) ไม่มีแถวข้อมูล",
                           f"the table has a header (row {info.header_row}) but no data rows", row=info.header_row)
    if unheaded:
        letters = ", ".join(_letter(i) for i in sorted(unheaded))
        info.warnings.append(f"ไม่ได้ใช้ข้อมูลในคอลัมน์ที่ไม่มีหัวตาราง: {letters} / ignored values in column(s) "
                             f"without a header: {letters}")
    if skipped:
        listed = ", ".join(map(str, skipped[:20])) + (" …" if len(skipped) > 20 else "")
        info.warnings.append(f"ข้ามแถวที่มีข้อมูลเฉพาะในคอลัมน์ที่ไม่ได้ใช้: {listed} / skipped row(s) with values only "
                             f"in ignored columns: {listed}")
    return Table(rows, info)
