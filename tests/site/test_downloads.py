"""The tables as files: CSV (BOM, Thai headers, RFC 4180 quoting, no formulas) and XLSX (read back by openpyxl
and by LibreOffice)."""
from __future__ import annotations

import csv
import io
import shutil
import subprocess
import zipfile

import openpyxl
import pytest

from tests.site.entries import HOSTILE, ok_entry, ratchaburi, write_province
from toolkit.site import Manifest, ProvincePage, downloads, province_page, xlsx


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")))


@pytest.mark.parametrize("cells", [
    ["a", "b"], ["มี,จุลภาค", 'มี "อัญประกาศ"', "บรรทัด\nใหม่", "\r"], ["", " ว่าง ", "'"], [HOSTILE, "=1+1"],
])
def test_csv_line_round_trips_through_the_csv_module(cells):
    text = downloads.csv_line(cells) + "\r\n"
    assert list(csv.reader(io.StringIO(text, newline=""))) == [cells]


def test_formula_text_is_guarded_and_numbers_are_not():
    e = ok_entry("=HYPERLINK(\"http://x\")", 80.0, change=-2.5, district="+ใน", typ="@ประเภท", province="-ราชบุรี")
    page = ProvincePage(Manifest.of({"entries": [e]}))
    cells = downloads.org_cells(page.rows[0], page.indicators)
    head = [h for h, _ in page.csv_columns][1:]
    row = dict(zip(head, cells))
    assert row["ชื่อหน่วยงาน"] == "'=HYPERLINK(\"http://x\")"
    assert row["อำเภอ"] == "'+ใน" and row["ประเภท"] == "'@ประเภท"
    assert row["จังหวัด"] == "'-ราชบุรี"
    assert row["เปลี่ยนแปลงจากปีก่อน"] == "-2.50"  # a number keeps its sign
    assert row["คะแนนรวม"] == "80.00" and row["ตัวชี้วัดที่ 10"] == "90.00"


def test_province_tables_match_the_page_rows(tmp_path):
    folder = write_province(tmp_path / "2569", "ราชบุรี", ratchaburi())
    page = province_page(folder)
    written = page.write()
    rows = read_csv(written["csv"].read_bytes())
    assert rows[0][:5] == ["ลำดับ", "จังหวัด", "อำเภอ", "ชื่อหน่วยงาน", "ประเภท"]
    assert "ตัวชี้วัดที่ 1" in rows[0] and "สาเหตุที่จัดทำรายงานไม่สำเร็จ" in rows[0]
    assert [r[3] for r in rows[1:]] == [r["name"] for r in page.rows]  # the page's default order
    assert [r[0] for r in rows[1:]] == [str(i) for i in range(1, 11)]
    status = rows[0].index("การจัดทำรายงาน")
    assert sorted({r[status] for r in rows[1:]}) == ["จัดทำรายงานไม่สำเร็จ", "จัดทำแล้ว"]
    made = rows[0].index("เอกสารที่จัดทำแล้ว")
    assert next(r for r in rows[1:] if r[3] == "องค์การบริหารส่วนตำบลสามเรือน")[made] == \
        "วิเคราะห์ผล; รายงานผล; แผนป้องกันทุจริต"

    book = openpyxl.load_workbook(written["xlsx"])
    sheet = book.active
    values = [[c.value for c in r] for r in sheet.iter_rows()]
    assert values[0] == rows[0]
    total = rows[0].index("คะแนนรวม")
    for csv_row, xl_row in zip(rows[1:], values[1:]):
        assert xl_row[0] == int(csv_row[0]) and isinstance(xl_row[0], int)
        assert (xl_row[3] or "") == csv_row[3]  # names as text, '<' and '"' included
        assert (xl_row[total] is None and csv_row[total] == "") or xl_row[total] == float(csv_row[total])
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == f"A1:{xlsx.column_letter(len(rows[0]) - 1)}11"
    assert sheet.title == "ราชบุรี"


def test_xlsx_text_is_never_a_formula_and_bad_characters_are_dropped(tmp_path):
    data = xlsx.workbook("แผ่น[1]:*?/\\" + "x" * 40, ["ชื่อ", "คะแนน"],
                         [["=1+1", 1.5], ["ก\x01ข", 2], [" เว้นวรรค ", None], ["'=SUM(A1)", 3.25]], widths=[20, 10])
    path = tmp_path / "t.xlsx"
    path.write_bytes(data)
    book = openpyxl.load_workbook(path)
    sheet = book.active
    assert len(sheet.title) <= 31 and not set("[]:*?/\\") & set(sheet.title)
    cells = [[(c.value, c.data_type) for c in r] for r in sheet.iter_rows(min_row=2)]
    assert cells[0] == [("=1+1", "s"), (1.5, "n")]
    assert cells[1][0] == ("กข", "s") and cells[2][0] == (" เว้นวรรค ", "s") and cells[2][1] == (None, "n")
    assert cells[3] == [("'=SUM(A1)", "s"), (3.25, "n")]
    with zipfile.ZipFile(path) as z:
        assert z.testzip() is None
        assert "<f>" not in z.read("xl/worksheets/sheet1.xml").decode()


@pytest.mark.slow
def test_libreoffice_reads_the_xlsx_like_the_csv(tmp_path):
    """The real consumer: LibreOffice converts our XLSX back to CSV with the same cells."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("no LibreOffice (soffice)")
    folder = write_province(tmp_path / "2569", "ราชบุรี", ratchaburi())
    written = province_page(folder).write()
    out = tmp_path / "lo"
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to",
                    "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", str(out), str(written["xlsx"])],
                   check=True, capture_output=True, timeout=180)
    got = list(csv.reader(io.StringIO((out / "ita-results.csv").read_text("utf-8-sig"), newline="")))
    want = read_csv(written["csv"].read_bytes())
    assert len(got) == len(want) and got[0] == want[0]
    for g, w in zip(got[1:], want[1:]):
        assert [c.lstrip("'") for c in g] == [c.lstrip("'") for c in w]
