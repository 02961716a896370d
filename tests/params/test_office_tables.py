"""Tables as offices make them (issue 13): Excel's CSV flavours, openpyxl workbooks with and without stored
formula values, and what check and batch tell the user. The refused ones are in the corpus (cases.yaml)."""
from __future__ import annotations

import csv
import io
import re

import openpyxl
import pytest

from toolkit.batch.jobs import load_jobs
from toolkit.documents.registry import validate
from toolkit.kit.errors import InputErrors
from toolkit.params.table import describe_table, load_table

TH = ["ชื่อหน่วยงาน", "ประเภท", "อำเภอ", "จังหวัด", "ปีที่ประเมิน", *[f"ตัวชี้วัดที่ {n}" for n in range(1, 11)]]
SCORES = ["88.09", "96.28", "89.60", "100.00", "96.29", "96.04", "93.44", "99.68", "89.47", "78.60"]


def excel_csv(path, rows, encoding="utf-8-sig", delimiter=","):
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def org(name, district="จอมบึง", scores=SCORES, kind="อบต.", province="ราชบุรี"):
    return [name, kind, district, province, "2568", *scores]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "cp874"])
def test_semicolon_and_comma_decimals_as_excel_writes_them(tmp_path, encoding):
    commas = [v.replace(".", ",") for v in SCORES]
    path = excel_csv(tmp_path / "t.csv", [TH, org("นากลาง", scores=commas), org("ท่าหลวง", scores=commas)],
                     encoding, ";")
    table = load_table(path, 2569, validate)
    assert table.info.delimiter == ";" and table.info.encoding == encoding
    assert [r.params.assessment.indicators[1] for r in table] == [88.09, 88.09]  # never 8809
    assert any("read a comma as the decimal mark in 20 score value(s)" in w for w in table.info.warnings)


def test_a_thousands_comma_in_a_score_is_read_as_a_decimal_not_as_81510(tmp_path):
    scores = ["81,510"] + SCORES[1:]
    row = load_table(excel_csv(tmp_path / "t.csv", [TH, org("นากลาง", scores=scores)]), 2569, validate)[0]
    assert row.params.assessment.indicators[1] == 81.51


def _formulas(path, stored: bool):
    """openpyxl writes formulas without values; with ``stored`` the IIT column is typed as Excel shows it."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "ผล ITA"
    ws.append(TH + ["คะแนน IIT"])
    for name in ("นากลาง", "ท่าหลวง"):
        ws.append([float(v) if v[0].isdigit() else v for v in org(name)])
        r = ws.max_row
        ws.cell(r, 16, 94.05 if stored else f"=ROUND(AVERAGE(F{r}:J{r}),2)")
    wb.save(path)
    return path


def test_formulas_without_stored_values_are_refused_with_the_fix(tmp_path):
    with pytest.raises(InputErrors) as exc:
        load_table(_formulas(tmp_path / "t.xlsx", stored=False), 2569, validate)
    assert "2 formula cell(s) without a stored value in column(s) คะแนน IIT (rows 2, 3)" in exc.value.message_en()
    assert "open and save it in Excel or LibreOffice, then run again" in exc.value.message_en()


def test_stored_values_feed_the_cross_check(tmp_path):
    table = load_table(_formulas(tmp_path / "t.xlsx", stored=True), 2569, validate)
    assert [r.params.assessment.reported.tools["IIT"] for r in table] == [94.05, 94.05]


def test_a_look_alike_of_a_column_already_read_is_ignored_with_a_note(tmp_path):
    path = excel_csv(tmp_path / "t.csv", [TH + ["คะแนนรวม", "ผลคะแนนรวม"], org("นากลาง") + ["90.75", "99.99"]])
    table = load_table(path, 2569, validate)
    assert table[0].ok and "ผลคะแนนรวม" in table.info.ignored
    assert any("column 'ผลคะแนนรวม' looks like total / คะแนนรวม, already read from column 'คะแนนรวม'" in w
               for w in table.info.warnings)


def test_summary_rows_are_never_jobs_even_when_every_score_is_filled(tmp_path):
    rows = [TH, ["อำเภอจอมบึง", "", "", "", "", *SCORES], org("นากลาง"), org("ท่าหลวง"),
            ["รวม", "", "", "ราชบุรี", "2568", *SCORES], ["ค่าเฉลี่ยจังหวัด", "", "", "ราชบุรี", "2568", *SCORES],
            ["หมายเหตุ: ข้อมูลจากสำนักงาน ป.ป.ช.", "", "", "", "", *[""] * 10]]
    path = excel_csv(tmp_path / "t.csv", rows)
    info = describe_table(path)
    assert [n for n, _ in info.skipped] == [2, 5, 6, 7]
    jobs = load_jobs(path, 2569, tmp_path / "out", ("html",))
    assert sorted(j.organisation["name"] for j in jobs) == ["องค์การบริหารส่วนตำบลท่าหลวง", "องค์การบริหารส่วนตำบลนากลาง"]
    assert all(j.valid for j in jobs)


def test_an_organisation_whose_name_starts_like_a_summary_word_is_kept_when_typed(tmp_path):
    path = excel_csv(tmp_path / "t.csv", [TH, org("รวมไทย", kind="ทต.")])
    assert load_table(path, 2569, validate)[0].params.organisation.name == "เทศบาลตำบลรวมไทย"


def test_three_ways_of_writing_a_province_are_one_province(tmp_path):
    rows = [TH, org("นากลาง", province="จ.ราชบุรี"), org("ท่าหลวง", province="จังหวัดราชบุรี"),
            org("หนองยาง", district="อ.บ้านโป่ง"), org("ดอนยาง", district="อำเภอเมืองราชบุรี")]
    path = excel_csv(tmp_path / "t.csv", rows, encoding="cp874")
    jobs = load_jobs(path, 2569, tmp_path / "out", ("html",))
    assert {j.province_dir.name for j in jobs} == {"ราชบุรี"}
    assert {j.organisation["district"] for j in jobs} == {"จอมบึง", "บ้านโป่ง", "เมืองราชบุรี"}


def test_batch_prints_notes_and_bilingual_failures(tmp_path, run_cli):
    bad = SCORES[:3] + ["abc"] + SCORES[4:]
    rows = [TH + ["ลำดับ"], org("นากลาง", scores=bad) + ["1"], org("ท่าหลวง", district="จอมบืง", scores=bad) + ["2"]]
    path = excel_csv(tmp_path / "t.csv", rows)
    code, out, err = run_cli("batch", path, "--fiscal-year", 2569, "--out", tmp_path / "out", "--formats", "html")
    assert code == 1
    assert "ignored column(s): ลำดับ" in out and "ไม่ได้ใช้คอลัมน์: ลำดับ" in out
    assert "did you mean 'จอมบึง'?" in out
    assert "ล้มเหลว แถวที่ 2 องค์การบริหารส่วนตำบลนากลาง: " in err and "FAILED row 2 องค์การบริหารส่วนตำบลนากลาง: " in err
    assert "ต้องเป็นตัวเลข" in err and "expected a number" in err
    assert re.search(r"\[1/2\] failed \(ล้มเหลว\) .* failed=1 eta=\S+ \(ล้มเหลว 1 · เหลือประมาณ", err)
    assert "สำเร็จ 0" in out and "ok 0" in out and "หน้ารวม / index:" in out
