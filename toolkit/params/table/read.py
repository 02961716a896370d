"""Reading a table file: size and kind, CSV encodings and delimiters, XLSX sheets, merged cells, formulas.

CSV: UTF-8 (with or without BOM), UTF-16 with BOM (Excel "Unicode text"), cp874 / TIS-620 (Thai Windows
Excel). UTF-8 text that is Thai garbled by a wrong conversion ("à¸ªà¸²…") is refused with a message saying so.
Delimiter: comma, semicolon, tab or pipe: the one that yields a recognisable header.

XLSX: first sheet unless ``sheet=``; openpyxl's normal (not read-only) mode, for its public merged-cell
ranges (``ws.merged_cells.ranges``) and number formats. Formulas are read as the values Excel or LibreOffice
stored with them; a formula without a stored value (a file written by a script and never opened in a
spreadsheet program) is reported, never evaluated here: see ``Sheet.uncached``.
"""
from __future__ import annotations

import csv
import io
import re
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl

from .base import HEADER_SEARCH_ROWS, MAX_BYTES, MAX_ROWS, MAX_XLSX_BYTES, Grid, TableInfo, table_error
from .headers import header_score, norm

CSV_SUFFIXES = {".csv", ".tsv", ".txt", ""}
XLSX_SUFFIXES = {".xlsx", ".xlsm"}
DELIMITERS = (",", ";", "\t", "|")


@dataclass
class Sheet:
    """The cells of the sheet read, and what the reader noticed about them."""

    grid: Grid
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # (min_row, min_col, max_row, max_col)
    uncached: list[tuple[int, int]] = field(default_factory=list)  # (row, 0-based column): formula, no value
    others: dict[str, Grid] = field(default_factory=dict)  # the top rows of the workbook's other sheets


def check_file(path: Path, source: str) -> bytes:
    """The file's bytes, after refusing a folder, a missing, empty or oversized file by name."""
    try:
        if path.is_dir():
            raise table_error(source, "ต้องระบุไฟล์ตาราง ไม่ใช่โฟลเดอร์", "expected a table file, not a folder")
        size = path.stat().st_size
    except OSError as exc:
        raise table_error(source, "ไม่พบไฟล์ตารางหรืออ่านไฟล์ไม่ได้", "table file not found or unreadable",
                           exc.strerror) from None
    if size > MAX_BYTES:
        raise table_error(source, f"ไฟล์ตารางใหญ่เกินไป (ไม่เกิน {MAX_BYTES // 1024 // 1024} MB)",
                           f"table file too large (at most {MAX_BYTES // 1024 // 1024} MB)", f"{size:,} bytes")
    if size == 0:
        raise table_error(source, "ไฟล์ตารางว่างเปล่า", "the table file is empty")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise table_error(source, "อ่านไฟล์ตารางไม่ได้", "cannot read the table file", exc.strerror) from None


def kind_of(path: Path, raw: bytes, source: str) -> str:
    """"csv" or "xlsx" from the content first (a renamed file still reads), the extension second."""
    suffix = path.suffix.lower()
    if raw.startswith(b"PK\x03\x04"):
        return "xlsx"
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise table_error(source, "เป็นไฟล์ Excel รุ่นเก่า (.xls) หรือไฟล์ที่ตั้งรหัสผ่าน: ให้บันทึกเป็น .xlsx "
                           "(ไม่ตั้งรหัสผ่าน) หรือ CSV", "this is an old Excel .xls or a password-protected workbook: "
                           "save it as .xlsx (without a password) or as CSV")
    if suffix in XLSX_SUFFIXES or suffix == ".xls":
        head = raw[:512].lstrip().lower()
        if head.startswith((b"<", b"\xef\xbb\xbf<")):
            raise table_error(source, "ไฟล์นี้เป็นหน้าเว็บ (HTML) ที่ตั้งชื่อเป็น Excel: ให้เปิดใน Excel แล้วบันทึกเป็น .xlsx หรือ CSV",
                               "this file is a web page (HTML) named as Excel: open it in Excel and save as .xlsx or CSV")
        raise table_error(source, "ไฟล์ .xlsx เสียหรือไม่ใช่ไฟล์ Excel", "the .xlsx file is damaged or not an Excel workbook")
    if suffix not in CSV_SUFFIXES:
        raise table_error(source, "ต้องเป็นไฟล์ตาราง CSV หรือ Excel (.xlsx)", "expected a CSV or Excel (.xlsx) table file",
                           path.suffix)
    return "csv"


_MOJIBAKE_UTF8 = re.compile("[àÃ][\u00b8\u00b9]")  # UTF-8 Thai bytes E0 B8/B9 read as cp1252/latin-1
_LATIN_THAI = re.compile("[\u00a1-\u00fb]")  # cp874 Thai bytes read as latin-1
_THAI = re.compile("[\u0e01-\u0e5b]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def decode(raw: bytes, source: str) -> tuple[str, str]:
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
                raise table_error(source, wrong_th, wrong_en, _MOJIBAKE_UTF8.search(text).group() + "…")
            if not _THAI.search(text) and len(_LATIN_THAI.findall(text)) >= 10:
                raise table_error(source, wrong_th, wrong_en)
            if text.count("\ufffd") >= 3:
                raise table_error(source, "ไฟล์มีอักขระ '\ufffd' แทนตัวอักษรที่สูญหายจากการแปลงการเข้ารหัส: "
                                   "ให้บันทึกจากต้นฉบับใหม่เป็น CSV UTF-8",
                                   "the file contains '\ufffd' where letters were lost in an earlier encoding "
                                   "conversion: save it again from the original as CSV UTF-8")
            return text, encoding
        mixed = _mixed_encoding_line(raw)
        if mixed is not None:
            raise table_error(source, f"ไฟล์มีการเข้ารหัสปนกัน: บางบรรทัดเป็น UTF-8 แต่บรรทัดที่ {mixed} ไม่ใช่ "
                                       "(ต่อข้อมูลจากไฟล์ที่บันทึกต่างกัน) ให้บันทึกทั้งไฟล์ใหม่เป็น CSV UTF-8",
                               f"mixed encodings: some lines are UTF-8 but line {mixed} is not (pasted together "
                               "from files saved differently); save the whole file again as CSV UTF-8",
                               row=mixed)
    raise table_error(source, "ไม่ใช่ไฟล์ข้อความ CSV (เป็นข้อมูลไบนารี หรือไม่ใช่ UTF-8 / TIS-620)",
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


def csv_rows(text: str, delimiter: str, limit: int | None = None) -> list[tuple]:
    """Numbered CSV rows; a malformed row is kept as (number, None, message) so the others still load."""
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


def read_csv(raw: bytes, source: str, info: TableInfo) -> Grid:
    """The CSV grid, under the delimiter that yields a recognisable header (noted in ``info``)."""
    text, info.encoding = decode(raw, source)
    best, best_score = ",", -1
    for delimiter in DELIMITERS:  # the delimiter is the one under which a header appears
        head = csv_rows(text, delimiter, HEADER_SEARCH_ROWS)
        score = max((header_score(r[1]) for r in head if r[1] is not None), default=0)
        if score > best_score:
            best, best_score = delimiter, score
    info.delimiter = best
    return csv_rows(text, best)


def pick_sheet(names: list[str], sheet: str | None, source: str) -> str:
    """The sheet asked for (case and spaces aside), the first by default; else the sheets there are."""
    if not names:
        raise table_error(source, "ไฟล์ Excel ไม่มีชีตใดเลย", "the workbook has no sheets")
    if sheet is None:
        return names[0]
    if sheet in names:
        return sheet
    close = [n for n in names if norm(n) == norm(sheet)]
    if len(close) == 1:
        return close[0]
    listed = ", ".join(f"'{n}'" for n in names)
    raise table_error(source, f"ไม่พบชีตชื่อนี้ ชีตที่มี: {listed}", f"no sheet of this name; the sheets are: {listed}", sheet)


def too_many(source: str):
    """The error for a sheet longer than any results table."""
    return table_error(source, f"ตารางมีแถวมากเกินไป (ไม่เกิน {MAX_ROWS:,} แถว)", f"too many rows (at most {MAX_ROWS:,})")


def read_xlsx(path: Path, sheet: str | None, source: str, info: TableInfo) -> Sheet:
    """The chosen sheet's values (stored formula results, percentages as shown), merges and uncached formulas."""
    try:
        names = zipfile.ZipFile(path).namelist()
    except (zipfile.BadZipFile, OSError):
        raise table_error(source, "ไฟล์ .xlsx เสียหรือไม่ใช่ไฟล์ Excel", "the .xlsx file is damaged or not an Excel workbook") from None
    if "xl/workbook.xml" not in names:
        raise table_error(source, "ไม่ใช่ไฟล์ Excel (.xlsx) (เช่น .ods หรือ .docx): ให้บันทึกเป็น .xlsx หรือ CSV",
                          "not an Excel .xlsx workbook (e.g. .ods or .docx): save it as .xlsx or CSV")
    size = path.stat().st_size
    if size > MAX_XLSX_BYTES:
        mb = MAX_XLSX_BYTES // 1024 // 1024
        raise table_error(source, f"ไฟล์ Excel ใหญ่เกินไป (ไม่เกิน {mb} MB): ให้บันทึกเป็น CSV",
                          f"Excel file too large (at most {mb} MB): save it as CSV", f"{size:,} bytes")
    wb = _workbook(path, source, data_only=False)
    info.sheets = list(wb.sheetnames)
    name = pick_sheet(info.sheets, sheet, source)
    info.sheet = name
    ws = wb[name]
    if not hasattr(ws, "iter_rows"):
        raise table_error(source, f"ชีต '{name}' เป็นแผนภูมิ ไม่ใช่ตาราง", f"sheet '{name}' is a chart, not a table")
    if ws.max_row > MAX_ROWS + HEADER_SEARCH_ROWS:
        raise too_many(source)
    stored = None
    if any(c.data_type == "f" for row in ws.iter_rows() for c in row):
        stored = _workbook(path, source, data_only=True)[name]  # the values saved with the formulas
    out = Sheet([])
    for number, cells in enumerate(ws.iter_rows(), start=1):
        values = []
        for c in cells:
            v = c.value
            if c.data_type == "f":
                v = stored.cell(c.row, c.column).value
                if v is None:
                    out.uncached.append((number, c.column - 1))
            if (isinstance(v, (int, float)) and not isinstance(v, bool)
                    and "%" in (c.number_format or "")):
                v = round(v * 100, 10)  # a percentage cell: the value the user sees
            values.append(v)
        out.grid.append((number, values))
    out.merges = [(r.min_row, r.min_col, r.max_row, r.max_col) for r in ws.merged_cells.ranges]
    for other in info.sheets:
        if other != name and hasattr(wb[other], "iter_rows"):
            out.others[other] = [(n, [c.value for c in row]) for n, row in
                                 enumerate(wb[other].iter_rows(max_row=HEADER_SEARCH_ROWS), start=1)]
    return out


def _workbook(path: Path, source: str, data_only: bool):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(path, data_only=data_only)
    except Exception as exc:  # openpyxl raises many kinds on damaged files
        raise table_error(source, "อ่านไฟล์ Excel ไม่ได้ (ไฟล์เสีย)", "cannot read the Excel workbook (damaged file)",
                          f"{type(exc).__name__}: {exc}") from None
