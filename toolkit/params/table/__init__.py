"""Spreadsheets (CSV or XLSX, one row per organisation) → the same params dicts the YAML path builds.

A provincial office receives every organisation's ITA results as one table. Each row becomes a plain
params dict and goes through the same validation as a YAML file (the caller passes it), so a row's
errors read the same as a YAML file's; only their place differs: ``Location(row=<sheet row>,
column=<the header as the user wrote it>, field=<params field path>)``.

Problems of the whole table raise :class:`InputErrors`: a missing file, not CSV/XLSX, too large, binary,
wrong encoding, no header (with the workbook's other sheets and ``--sheet`` when the table is on one of
them), a required column missing, a header that looks like a known one ("did you mean"), formulas
without stored values, a score column of fractions, and the same problem in most rows of a column (one
message with the count and the first rows). Problems of a row never raise: the row comes back with
``errors`` and the other rows still load.

Modules: ``read`` (files, encodings, CSV, XLSX, merged cells, formulas), ``headers`` (which column feeds
which field), ``cells`` (values, and checks over a whole column), ``rows`` (a row → params; rows that are
not organisations). Decisions:

- Required columns: name, district, province and indicators 1–10 (a missing one is a table error).
  ``year`` is optional: without the column every row is assessed in ``fiscal_year - 1`` (the year a
  document of fiscal year N analyses), and ``TableInfo.warnings`` says so. An empty cell in a present
  column is "not given", so a required value left empty is reported by validation at its row and column.
- Every column is accounted for: unknown columns are listed in ``TableInfo.ignored`` and the warnings;
  values in columns without a header are ignored with a warning; an unknown header resembling a known
  one is refused with "did you mean" unless that column is already present (then it is ignored, noted).
- Rows above the header (titles, merged title cells, blank rows) are skipped; the header row is the first
  row with a name column; cells merged vertically below the header take the merged value (one district
  cell spanning its organisations). Fully empty rows are skipped; row numbers stay those of the sheet.
- Summary rows (รวม, เฉลี่ย, ค่าเฉลี่ย, หมายเหตุ…) and district sub-headings are skipped with their reason in
  ``TableInfo.skipped``, even when every score is filled; names without an organisation type are noted,
  and so are provinces and districts that are not among the 77 provinces and their districts.
- Two rows with the same full name, district and province: the second is a row error ("duplicate of row N").
"""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ...kit import places
from ...kit.errors import InputError, InputErrors, Location
from .. import translate
from ..common import Style
from ..types import Expected, be_year_value
from .base import MAX_BYTES, MAX_ROWS, Grid, Row, Table, TableInfo, letter, rows_text, table_error
from .cells import clean, column_problems, fraction_columns
from .headers import blank, column_key, find_header, is_score, no_header, read_columns
from .read import Sheet, check_file, kind_of, read_csv, read_xlsx, too_many
from .rows import Columns, Validate, build_row, dup_key, not_an_organisation, read_values

__all__ = ["MAX_BYTES", "Row", "Table", "TableInfo", "column_key", "describe_table", "load_table"]

_TYPES = "อบต., ทต., ทม., ทน., อบจ."


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


def _other_sheets(sheet: Sheet, info: TableInfo) -> str:
    """"Thai | English" naming the other sheets, and the one that has a header, for --sheet."""
    if not sheet.others:
        return ""
    names = ", ".join(f"'{n}'" for n in info.sheets)
    found = []
    for name, grid in sheet.others.items():
        try:
            if find_header(grid, info.source) is not None:
                found.append(name)
        except InputErrors:
            continue
    th = f" (อ่านชีต '{info.sheet}' ชีตในไฟล์: {names}"
    en = f" (read sheet '{info.sheet}'; the workbook's sheets: {names}"
    if found:
        th += f" ตารางน่าจะอยู่ในชีต '{found[0]}': ให้สั่งใหม่พร้อม --sheet '{found[0]}')"
        en += f"; the table seems to be on sheet '{found[0]}': run again with --sheet '{found[0]}')"
    else:
        th += " เลือกชีตด้วย --sheet ชื่อชีต)"
        en += "; choose one with --sheet NAME)"
    return f"{th} | {en}"


def _formulas(sheet: Sheet, columns: Columns, header_row: int, source: str) -> None:
    """Formulas without stored values in the columns read: refused, with how to get the values stored."""
    used = {index: shown for index, shown in columns.values()}
    cells = [(row, used[col]) for row, col in sheet.uncached if row > header_row and col in used]
    if not cells:
        return
    shown = list(dict.fromkeys(col for _, col in cells))
    rows = sorted({row for row, _ in cells})
    listed = ", ".join(shown[:8]) + (" …" if len(shown) > 8 else "")
    raise table_error(
        source,
        f"มีสูตรที่ไม่มีค่าที่คำนวณไว้ {len(cells)} เซลล์ ในคอลัมน์ {listed} (แถวที่ {rows_text(rows)}) ไฟล์นี้ถูกสร้างโดยโปรแกรม"
        "ที่ไม่คำนวณสูตรและยังไม่เคยเปิดใน Excel: ให้เปิดและบันทึกใน Excel หรือ LibreOffice แล้วสั่งอีกครั้ง",
        f"{len(cells)} formula cell(s) without a stored value in column(s) {listed} (rows {rows_text(rows)}): the "
        "file was written by a program that does not calculate and never opened in a spreadsheet; open and save "
        "it in Excel or LibreOffice, then run again")


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


def _open(path: str | Path, sheet: str | None) -> tuple[Grid, int, Columns, TableInfo]:
    """The grid, the header's index in it, the column map and the reading notes; table problems raise."""
    path = Path(path)
    source = str(path)
    raw = check_file(path, source)
    kind = kind_of(path, raw, source)
    info = TableInfo(source=source, format=kind)
    if kind == "xlsx":
        del raw
        read = read_xlsx(path, sheet, source, info)
    else:
        if sheet is not None:
            raise table_error(source, "ไฟล์ CSV ไม่มีชีต: ใช้ตัวเลือกชีตได้กับไฟล์ .xlsx เท่านั้น",
                              "a CSV file has no sheets: the sheet option is for .xlsx files only", sheet)
        read = Sheet(read_csv(raw, source, info))
    grid = read.grid
    if not any(entry[1] and any(clean(c) is not None for c in entry[1]) for entry in grid):
        raise table_error(source, "ตารางว่างเปล่า ไม่มีข้อมูล" + _other_sheets(read, info).partition(" | ")[0],
                          "the table is empty" + _other_sheets(read, info).partition(" | ")[2])
    h = find_header(grid, source)
    if h is None:
        raise no_header(source, _other_sheets(read, info))
    number, header = grid[h][0], grid[h][1]
    info.header_row = number
    columns = read_columns(header, number, source, info)
    if info.ignored:
        listed = ", ".join(info.ignored)
        info.warnings.insert(0, f"ไม่ได้ใช้คอลัมน์: {listed} / ignored column(s): {listed}")
    _formulas(read, columns, number, source)
    _fill_merges(grid, read.merges, number)
    if "year" not in columns:
        info.warnings.append("ไม่มีคอลัมน์ปีที่ประเมิน: ใช้ปีงบประมาณ - 1 ทุกแถว / no year column: every row is "
                             "assessed in fiscal_year - 1")
    if len(info.sheets) > 1:
        others = ", ".join(f"'{n}'" for n in info.sheets if n != info.sheet)
        info.warnings.append(f"อ่านชีต '{info.sheet}' (ชีตอื่น: {others} เลือกด้วย --sheet) / read sheet "
                             f"'{info.sheet}' (other sheets: {others}; choose with --sheet)")
    return grid, h, columns, info


def _grouped(info: TableInfo, found: dict[str, list[int]]) -> None:
    """One note per kind of row problem, with its rows ("Thai / English" keys)."""
    for text, rows in found.items():
        th, _, en = text.partition(" / ")
        info.warnings.append(f"แถวที่ {rows_text(rows)}: {th} / row(s) {rows_text(rows)}: {en}")


def _notes(values: dict[str, Any], number: int, notes: dict[str, list[int]]) -> None:
    """Names without a type; provinces and districts that are not known (closest match offered)."""
    name = values.get("name")
    if values.get("type") is None and isinstance(name, str) and places.org_type_of(places.expand_short(name)) is None:
        notes[f"ชื่อไม่มีประเภทหน่วยงาน ({_TYPES}) ให้เพิ่มคอลัมน์ประเภทหรือเขียนประเภทหน้าชื่อ / the name carries "
              f"no organisation type ({_TYPES}): add a type column or write the type before the name"].append(number)
    org = {k: places.clean_place(values.get(k), k) for k in ("district", "province")}
    org.update(name=places.expand_short(name) if isinstance(name, str) else None, type=values.get("type"))
    for f in places.place_findings(org):
        notes[f"{f.message_th} / {f.message_en}"].append(number)


def _scan(path: str | Path, fiscal_year: int | None, validate: Validate | None, sheet: str | None,
          extra: dict) -> Table:
    """Read, check the columns as a whole, then build every organisation's row."""
    source = str(Path(path))
    grid, h, columns, info = _open(path, sheet)
    default_year = fiscal_year - 1 if fiscal_year is not None and "year" not in columns else None
    header = grid[h][1]
    known = {index for index, _ in columns.values()}
    unheaded: set[int] = set()
    pending: list[tuple[int, dict]] = []
    rows: list[Row] = []
    only_ignored, commas = [], 0
    notes: dict[str, list[int]] = defaultdict(list)
    scores: dict[str, list[tuple[int, Any]]] = defaultdict(list)
    for entry in grid[h + 1:]:
        number, cells = entry[0], entry[1]
        if cells is None:
            err = InputError(source, Location(row=number), "อ่านแถวนี้ไม่ได้ (รูปแบบ CSV ผิด)",
                             "this row cannot be read (malformed CSV)", entry[2])
            rows.append(Row(number, None, None, InputErrors([err], source)))
            continue
        values, comma = read_values(cells, columns)
        if all(v is None for v in values.values()):
            if any(clean(c) is not None for c in cells):
                only_ignored.append(number)
            continue
        reason = not_an_organisation(values.get("name"), values.get("type"), [clean(c) for c in cells])
        if reason:
            info.skipped.append((number, reason))
            continue
        commas += comma
        for index, c in enumerate(cells):
            if index not in known and (index >= len(header) or blank(header[index])) and clean(c) is not None:
                unheaded.add(index)
        for key, (_, shown) in columns.items():
            if is_score(key) and values[key] is not None:
                scores[shown].append((number, values[key]))
        _notes(values, number, notes)
        pending.append((number, values))
        if len(pending) > MAX_ROWS:
            raise too_many(source)
    fractions = fraction_columns(source, info.header_row, scores)
    if fractions:
        raise fractions
    seen: dict[tuple[str, str, str], int] = {}
    for number, values in pending:
        if validate is None:
            continue
        row = build_row(number, values, columns, source, fiscal_year, extra, default_year, validate)
        key = dup_key(row.data)
        if key is not None and key in seen:
            first = seen[key]
            dup = InputError(source, Location(row=number, column=columns["name"][1], field="organisation.name"),
                             f"ซ้ำกับแถวที่ {first} (ชื่อหน่วยงาน อำเภอ และจังหวัดเดียวกัน)",
                             f"duplicate of row {first} (same organisation name, district and province)",
                             row.data["organisation"]["name"])
            row.errors = InputErrors([*(row.errors or []), dup], source)
            row.params = None
        elif key is not None:
            seen[key] = number
        rows.append(row)
    rows.sort(key=lambda r: r.number)
    wide = column_problems(source, [(r.number, r.errors) for r in rows if r.errors], len(rows))
    if wide:
        raise wide
    if not pending and not any(r.data is None for r in rows):
        skipped = f" ({len(info.skipped)} แถวสรุป/หัวข้อย่อย / {len(info.skipped)} summary or heading rows skipped)" \
            if info.skipped else ""
        raise table_error(source, f"ตารางมีแต่หัวตาราง (แถวที่ {info.header_row}) ไม่มีแถวข้อมูล{skipped}",
                          f"the table has a header (row {info.header_row}) but no data rows{skipped}",
                          row=info.header_row)
    if unheaded:
        letters = ", ".join(letter(i) for i in sorted(unheaded))
        info.warnings.append(f"ไม่ได้ใช้ข้อมูลในคอลัมน์ที่ไม่มีหัวตาราง: {letters} / ignored values in column(s) "
                             f"without a header: {letters}")
    if only_ignored:
        listed = rows_text(only_ignored)
        info.warnings.append(f"ข้ามแถวที่มีข้อมูลเฉพาะในคอลัมน์ที่ไม่ได้ใช้: {listed} / skipped row(s) with values only "
                             f"in ignored columns: {listed}")
    for number, reason in info.skipped:
        th, _, en = reason.partition(" / ")
        info.warnings.append(f"ข้ามแถวที่ {number}: {th} / skipped row {number}: {en}")
    if commas:
        info.warnings.append(f"อ่านเครื่องหมายจุลภาคเป็นจุดทศนิยมในคะแนน {commas} ค่า (เช่น '81,51' คือ 81.51 "
                             f"เพราะคะแนนไม่เกิน 100) / read a comma as the decimal mark in {commas} score value(s) "
                             "(e.g. '81,51' is 81.51: a score is at most 100, so it is never a thousands separator)")
    _grouped(info, notes)
    return Table(rows, info)


def describe_table(path: str | Path, sheet: str | None = None) -> TableInfo:
    """How a table would be read (encoding, sheet, header, columns used and ignored, rows skipped), unvalidated."""
    return _scan(path, None, None, sheet, {}).info


def load_table(path: str | Path, fiscal_year: int, validate: Validate, sheet: str | None = None,
               style: dict | None = None, accept_published: bool = False) -> Table:
    """Every row of a results table as validated params; table problems raise, row problems stay in the row.

    ``accept_published`` sets the params flag of the same name on every row: official figures that
    contradict the organisation's own are printed anyway, the conflict listed as a finding.
    """
    source = str(Path(path))
    _check_arguments(fiscal_year, style, source)
    extra: dict[str, Any] = {}
    if style:
        extra["style"] = dict(style)
    if accept_published:
        extra["accept_published"] = True
    return _scan(path, be_year_value(fiscal_year), validate, sheet, extra)
