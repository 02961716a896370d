"""A one-sheet XLSX writer for the site's tables: bold frozen header, filter buttons, numbers as numbers.

openpyxl (even write-only) spends about a second per 10,000 cells on this machine; a national table is
7,850 rows by ~30 columns, written twice per build. The format needed here is small (Office Open XML,
ECMA-376 part 1: one worksheet, inline strings, three cell styles), so it is written directly: text
cells are inline strings (never formulas, whatever they start with) and numbers are numbers.
tests/site/test_downloads.py reads the files back with openpyxl and LibreOffice.
"""
from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Sequence
from io import BytesIO
from xml.sax.saxutils import escape

__all__ = ["column_letter", "workbook"]

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_DROP = {c: None for c in [*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF]}  # not allowed in XML
_XML = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

CONTENT_TYPES = _HEAD + (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    '</Types>')
ROOT_RELS = _HEAD + (
    f'<Relationships xmlns="{_PKG}"><Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>')
WORKBOOK_RELS = _HEAD + (
    f'<Relationships xmlns="{_PKG}">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
    'Target="styles.xml"/></Relationships>')
# cell styles: 0 plain, 1 bold (header), 2 number 0.00 (built-in format 2), 3 integer (built-in format 1)
STYLES = _HEAD + (
    f'<styleSheet xmlns="{_MAIN}">'
    '<fonts count="2"><font><sz val="11"/><name val="Tahoma"/></font>'
    '<font><b/><sz val="11"/><name val="Tahoma"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    '</styleSheet>')


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    s, i = "", index + 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def _text_cell(ref: str, value: str, style: int = 0) -> str:
    value = value.translate(_DROP)
    space = ' xml:space="preserve"' if value[:1].isspace() or value[-1:].isspace() else ""
    s = f' s="{style}"' if style else ""
    return f'<c r="{ref}" t="inlineStr"{s}><is><t{space}>{value.translate(_XML)}</t></is></c>'


def _sheet_name(name: str) -> str:
    name = _SHEET_BAD.sub("_", _ILLEGAL.sub("", name)).strip("'") or "Sheet1"
    return name[:31]


def workbook(sheet: str, header: Sequence[str], rows: Iterable[Sequence[str | float | int | None]],
             widths: Sequence[float] | None = None) -> bytes:
    """An XLSX file of one sheet: strings are text, ints and floats are numbers (floats shown 0.00)."""
    letters = [column_letter(i) for i in range(len(header))]
    parts = ['<row r="1">'] + [_text_cell(f"{c}1", h, 1) for c, h in zip(letters, header)] + ["</row>"]
    n = 1
    for n, row in enumerate(rows, start=2):
        parts.append(f'<row r="{n}">')
        for c, v in zip(letters, row):
            if v is None or v == "":
                continue
            if isinstance(v, bool) or not isinstance(v, (int, float)):
                parts.append(_text_cell(f"{c}{n}", str(v)))
            elif isinstance(v, int):
                parts.append(f'<c r="{c}{n}" s="3"><v>{v}</v></c>')
            else:
                parts.append(f'<c r="{c}{n}" s="2"><v>{v!r}</v></c>')
        parts.append("</row>")
    last = f"{letters[-1]}{n}" if letters else "A1"
    cols = "".join(f'<col min="{i + 1}" max="{i + 1}" width="{w:g}" customWidth="1"/>'
                   for i, w in enumerate(widths or [])) if widths else ""
    name = _sheet_name(sheet)
    sheet_xml = (_HEAD + f'<worksheet xmlns="{_MAIN}"><dimension ref="A1:{last}"/><sheetViews>'
                 '<sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" '
                 'state="frozen"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>'
                 + (f"<cols>{cols}</cols>" if cols else "") + "<sheetData>" + "".join(parts)
                 + f'</sheetData><autoFilter ref="A1:{last}"/></worksheet>')
    quoted = "'" + name.replace("'", "''") + "'"
    workbook_xml = (_HEAD + f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>'
                    f'<sheet name="{escape(name, {chr(34): "&quot;"})}" sheetId="1" r:id="rId1"/></sheets>'
                    f'<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'
                    f'{escape(quoted)}!$A$1:${letters[-1] if letters else "A"}${n}</definedName></definedNames>'
                    '</workbook>')
    buf = BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for path, data in (("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", ROOT_RELS),
                           ("xl/workbook.xml", workbook_xml), ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
                           ("xl/styles.xml", STYLES), ("xl/worksheets/sheet1.xml", sheet_xml)):
            info = zipfile.ZipInfo(path, date_time=(1980, 1, 1, 0, 0, 0))  # the same bytes on every build
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data, compresslevel=1)  # fast: the XML is repetitive, level 1 packs it well
    return buf.getvalue()
