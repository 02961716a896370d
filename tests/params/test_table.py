"""Results tables (CSV / XLSX, one row per organisation) → the same validated params as YAML."""
from __future__ import annotations

import csv
import io
import random
import time

import openpyxl
import pytest

from toolkit.documents.registry import load_params
from toolkit.documents.registry import validate as validate_params
from toolkit.kit.errors import InputErrors
from toolkit.params import table as table_module
from toolkit.params.table import MAX_BYTES, Row, Table, column_key, describe_table


def load_table(path, fiscal_year, **kw):
    """The table loader with the params validation a batch gives it."""
    return table_module.load_table(path, fiscal_year, validate_params, **kw)
from tests.support import SEED003
from toolkit.kit.thai import to_thai_digits

# --------------------------------------------------------------------------- fixtures written by the tests

# อบต.สามเรือน's ITA 2568 figures as typed from its report (seed 003), i.e. the same as SEED003.
INDICATORS = ["99.29", "99.05", "100", "89.05", "96.90", "96.26", "95.16", "95.90", "95.00", "100"]
ITEMS = {
    **dict(zip([f"i{n}" for n in range(1, 16)], ["97.86", "100", "100", "97.14", "100", "100", "100", "100", "100",
                                                  "71.43", "99.29", "96.43", "96.43", "97.14", "97.14"])),
    **dict(zip([f"e{n}" for n in range(1, 10)], ["91.00", "93.50", "100", "91.50", "93.50", "95.50", "93.00",
                                                  "93.50", "95.00"])),
    **{f"o{n}": ("50" if n == 13 else "100") for n in range(1, 29)},
}

EN_HEADER = ["name", "type", "district", "province", "year", *[f"ind{n}" for n in range(1, 11)],
             "iit", "eit", "oit", "total", "level", "prev_total"]
TH_HEADER = ["ลำดับ", "ชื่อหน่วยงาน", "ประเภท", "อำเภอ", "จังหวัด", "ปีที่ประเมิน",
             *[f"ตัวชี้วัดที่ {to_thai_digits(str(n))}" for n in range(1, 11)],
             "คะแนน IIT", "คะแนน EIT", "คะแนน OIT", "คะแนนรวม", "ผลการประเมิน", "คะแนนปีก่อน", *ITEMS]


def samruean_th(order="1"):
    """The seed-003 row under Thai headers, Thai digits in some values, spaces and NBSP around others."""
    return [order, "สามเรือน", "อบต.", "เมืองราชบุรี", " ราชบุรี\u00a0", "๒๕๖๘",
            to_thai_digits(INDICATORS[0]), *INDICATORS[1:3], "8๙.05", *INDICATORS[4:],
            "96.86", "95.77", "97.50", "96.79", "ผ่านดี", "๙๖.๐๑", *ITEMS.values()]


def org_row(name, type_="อบต.", district="เมือง", province="ราชบุรี", year="2568", ind=None, extra=()):
    """An English-header row with passing scores unless told otherwise."""
    ind = ind if ind is not None else ["90"] * 10
    return [name, type_, district, province, year, *ind, *extra]


def write_csv(path, rows, encoding="utf-8", delimiter=","):
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def write_xlsx(path, rows, title=None, sheet="ผล ITA", other_sheets=(), numeric=True):
    """Optionally a merged title row and a blank row above the header; numbers stored as numbers."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    start = 1
    if title:
        ws.cell(1, 1, title)
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=8)
        start = 3  # row 2 left blank
    for r, values in enumerate(rows):
        for c, v in enumerate(values, start=1):
            if numeric and r and isinstance(v, str):
                try:
                    v = float(v) if "." in v else int(v)
                except ValueError:
                    pass
            ws.cell(start + r, c, v)
    for name in other_sheets:
        wb.create_sheet(name).cell(1, 1, "อื่น ๆ")
    wb.save(path)
    return path


def errors_of(call):
    with pytest.raises(InputErrors) as exc:
        call()
    return exc.value


def where(row: Row):
    return [(e.location.row, e.location.column, e.location.field) for e in row.errors]


# --------------------------------------------------------------------------- same code path as YAML


def _assert_same_as_yaml(params):
    expected = load_params(SEED003)
    who = {"name", "short_name", "type", "subdistrict", "district", "province"}  # the example's cover contact
    assert params.organisation.model_dump(include=who) == expected.organisation.model_dump(include=who)  # details
    assert expected.organisation.phone and params.organisation.phone is None  # are not table columns
    assert params.organisation.short_name == "อบต.สามเรือน"
    assert params.fiscal_year == expected.fiscal_year
    assert params.assessment.year == expected.assessment.year
    assert params.assessment.indicators == expected.assessment.indicators
    assert params.assessment.reported.tools == expected.assessment.reported.tools
    assert params.assessment.reported.total == expected.assessment.reported.total
    assert params.assessment.reported.level == expected.assessment.reported.level
    assert params.previous == expected.previous
    assert params.assessment.items == expected.assessment.items
    assert params.style == expected.style


@pytest.mark.parametrize("encoding,delimiter", [
    ("utf-8", ","), ("utf-8-sig", ","), ("cp874", ","), ("utf-8", ";"), ("utf-8-sig", "\t"), ("utf-16", "\t"),
])
def test_seed_003_table_gives_the_yaml_params(tmp_path, encoding, delimiter):
    path = write_csv(tmp_path / "ราชบุรี.csv", [TH_HEADER, samruean_th()], encoding, delimiter)
    table = load_table(path, 2569, style={"thai_digits": True})
    assert isinstance(table, Table) and len(table) == 1
    row = table[0]
    assert row.errors is None and row.number == 2
    _assert_same_as_yaml(row.params)
    assert table.info.delimiter == delimiter
    assert table.info.encoding == encoding
    assert table.info.ignored == ["ลำดับ"]
    assert table.info.columns["ตัวชี้วัดที่ ๔"] == "assessment.indicators.4"
    assert table.info.columns["o13"] == "assessment.items.o13"


def test_seed_003_xlsx_gives_the_yaml_params(tmp_path):
    path = write_xlsx(tmp_path / "ราชบุรี.xlsx", [TH_HEADER, samruean_th()], title="ผลการประเมิน ITA ปี ๒๕๖๘ จังหวัดราชบุรี")
    table = load_table(path, 2569)
    assert table.info.format == "xlsx" and table.info.header_row == 3 and table.info.sheet == "ผล ITA"
    assert [r.number for r in table] == [4]
    _assert_same_as_yaml(table[0].params)


def test_row_dict_is_shaped_like_a_params_file(tmp_path):
    path = write_csv(tmp_path / "t.csv", [EN_HEADER, org_row("สามเรือน", extra=["96.86", "", "", "", "", "96.01"])])
    data = load_table(path, 2569, style={"thai_digits": False})[0].data
    assert data == {
        "organisation": {"name": "องค์การบริหารส่วนตำบลสามเรือน", "district": "เมือง", "province": "ราชบุรี"},
        "fiscal_year": 2569,
        "assessment": {"year": "2568", "reported": {"tools": {"IIT": "96.86"}},
                       "indicators": {n: "90" for n in range(1, 11)}},
        "previous": [{"year": 2567, "total": "96.01"}],
        "style": {"thai_digits": False},
    }


# --------------------------------------------------------------------------- bad rows do not stop good ones


def test_bad_rows_carry_their_errors_and_other_rows_load(tmp_path):
    bad_score = ["90"] * 10
    bad_score[2] = "101"
    missing = ["90"] * 10
    missing[3] = ""
    rows = [
        EN_HEADER,
        org_row("หนึ่ง"),                                  # 2 good
        org_row("สอง", ind=bad_score),                    # 3 bad score
        [],                                               # 4 empty: skipped, not an error
        org_row("สาม", type_="ทต.", ind=missing),         # 5 missing indicator 4
        org_row("สี่", type_="อบล."),                      # 6 unknown type
        org_row("หนึ่ง"),                                  # 7 duplicate of row 2
        org_row("ห้า", type_="เทศบาลเมือง", year="๒๕๖๘"),  # 8 good
        org_row("องค์การบริหารส่วนตำบลหนึ่ง", type_="", province="กาญจนบุรี"),  # 9 good: other province
    ]
    table = load_table(write_csv(tmp_path / "t.csv", rows), 2569)
    by_number = {r.number: r for r in table}
    assert sorted(by_number) == [2, 3, 5, 6, 7, 8, 9]
    assert [r.number for r in table.valid] == [2, 8, 9]
    assert by_number[2].params.organisation.name == "องค์การบริหารส่วนตำบลหนึ่ง"
    assert by_number[8].params.organisation.name == "เทศบาลเมืองห้า"
    assert by_number[8].params.organisation.short_name == "ทม.ห้า"
    assert by_number[9].params.organisation.province == "กาญจนบุรี"

    assert where(by_number[3]) == [(3, "ind3", "assessment.indicators.3")]
    assert "between 0 and 100" in by_number[3].errors.errors[0].expected_en
    assert where(by_number[5]) == [(5, "ind4", "assessment.indicators")]
    assert "missing indicator(s) 4" in by_number[5].errors.message_en()
    assert where(by_number[6]) == [(6, "type", "organisation.type")]
    assert by_number[6].errors.errors[0].got == "อบล."
    assert where(by_number[7]) == [(7, "name", "organisation.name")]
    assert "duplicate of row 2" in by_number[7].errors.message_en()
    assert "ซ้ำกับแถวที่ 2" in by_number[7].errors.message_th()
    for n in (3, 5, 6, 7):
        assert by_number[n].params is None and by_number[n].data is not None
        message = by_number[n].errors.message_en()
        assert str(tmp_path / "t.csv") in message and f"row {n}, column " in message
        assert f"แถวที่ {n}, คอลัมน์ " in by_number[n].errors.message_th()


def test_row_errors_read_like_yaml_errors(tmp_path):
    rows = [EN_HEADER + ["o13", "total_extra"],
            org_row("หนึ่ง", year="2025", ind=["abc"] + ["90"] * 9, extra=["", "", "", "", "ดีมาก", "x", "o", "1"])]
    row = load_table(write_csv(tmp_path / "t.csv", rows), 2569)[0]
    got = {(e.location.column, e.location.field) for e in row.errors}
    assert got == {("year", "assessment.year"), ("ind1", "assessment.indicators.1"),
                   ("prev_total", "previous[1].total"), ("o13", "assessment.items.o13")}
    assert len(row.errors) == 4  # the CE year is reported once although it also fed previous[1].year
    # the same messages as for a YAML file holding the same values
    from toolkit.documents.registry import validate

    with pytest.raises(InputErrors) as yaml_way:
        validate(row.data, "x.yaml")
    assert {e.expected_en for e in row.errors} == {e.expected_en for e in yaml_way.value}


def test_missing_name_and_unknown_level_are_located(tmp_path):
    # checks needing the framework (the level) run once the fields validate, as for YAML
    rows = [EN_HEADER, org_row("", type_=""),
            org_row("สอง", extra=["", "", "", "", "ดีมาก"]), org_row("สาม")]
    table = load_table(write_csv(tmp_path / "t.csv", rows), 2569)
    assert where(table[0]) == [(2, "name", "organisation.name")]
    assert "this field is required" in table[0].errors.message_en()
    assert where(table[1]) == [(3, "level", "assessment.reported.level")]
    assert "ผ่านดีเยี่ยม" in table[1].errors.message_th()
    assert table[2].ok


def test_type_conflicting_with_name_and_short_prefix_in_name(tmp_path):
    header = ["ชื่อ อปท.", "ประเภท", "อำเภอ", "จังหวัด", "ปีที่ประเมิน", *[f"ตัวชี้วัด {n}" for n in range(1, 11)]]
    rows = [header,
            ["เทศบาลตำบลหนึ่ง", "อบต.", "เมือง", "ราชบุรี", "2568", *["90"] * 10],
            ["อบต. สอง", "", "เมือง", "ราชบุรี", "2568", *["90"] * 10],
            ["อบจ.ราชบุรี", "อบจ", "เมือง", "ราชบุรี", "2568", *["90"] * 10]]
    table = load_table(write_csv(tmp_path / "t.csv", rows), 2569)
    assert where(table[0]) == [(2, "ประเภท", "organisation.type")]
    assert "does not match the name" in table[0].errors.message_en()
    assert table[1].params.organisation.name == "องค์การบริหารส่วนตำบลสอง"
    assert table[2].params.organisation.name == "องค์การบริหารส่วนจังหวัดราชบุรี"
    assert table[2].params.organisation.type == "องค์การบริหารส่วนจังหวัด"


def test_values_thai_digits_percent_dash_nbsp(tmp_path):
    ind = ["๙๖.๗๙", "9๖.79", " 96.79\u00a0", "96.79%", "๙๖.๗๙ %", "90", "90", "90", "90", "90"]
    rows = [EN_HEADER + ["o1"], org_row("หนึ่ง", ind=ind, extra=["-", "—", "", "", "", "", "–"])]
    row = load_table(write_csv(tmp_path / "t.csv", rows), 2569)[0]
    assert row.ok, row.errors
    assert [row.params.assessment.indicators[n] for n in range(1, 6)] == [96.79] * 5
    assert row.params.assessment.reported.tools == {} and row.params.assessment.items == {}


def test_malformed_csv_row_has_no_data_and_the_rest_loads(tmp_path):
    rows = [EN_HEADER, org_row("หนึ่ง", district="x" * 200_000), org_row("สอง")]
    table = load_table(write_csv(tmp_path / "t.csv", rows), 2569)
    assert table[0].number == 2 and table[0].data is None and table[0].params is None
    assert "cannot be read" in table[0].errors.message_en()
    assert table[1].number == 3 and table[1].ok


# --------------------------------------------------------------------------- XLSX


def test_xlsx_title_blank_rows_merges_percent_and_true_row_numbers(tmp_path):
    path = tmp_path / "t.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "สรุป"
    ws["A1"] = "ผลการประเมิน ITA ปี 2568"
    ws.merge_cells("A1:P1")
    ws.append([])  # row 2 blank
    ws.append(["ชื่อหน่วยงาน", "อำเภอ", "จังหวัด", "ปีที่ประเมิน", *[f"ตัวชี้วัดที่ {n}" for n in range(1, 11)],
               "IIT", None, "หมายเหตุ"])  # row 3
    ws.append(["อบต.หนึ่ง", "บ้านโป่ง", "ราชบุรี", 2568, *[90.5] * 10, 0.905, "ค่าที่ไม่มีหัว", "โน้ต"])  # row 4
    ws.append(["อบต.สอง", None, "ราชบุรี", 2568.0, *[90] * 10])  # row 5: district merged from row 4
    ws.append([])  # row 6 blank
    ws.append(["อบต.สาม", "เมือง", "ราชบุรี", 2568, *[90] * 9, None])  # row 7: indicator 10 missing
    ws.merge_cells("B4:B5")
    ws["O4"].number_format = "0.00%"
    wb.create_sheet("ข้อมูลดิบ")
    wb.save(path)

    table = load_table(path, 2569)
    assert [r.number for r in table] == [4, 5, 7]
    one, two, three = table
    assert one.params.assessment.indicators[1] == 90.5
    assert one.params.assessment.reported.tools == {"IIT": 90.5}
    assert two.params.organisation.district == "บ้านโป่ง"
    assert where(three) == [(7, "ตัวชี้วัดที่ 10", "assessment.indicators")]
    info = table.info
    assert info.sheets == ["สรุป", "ข้อมูลดิบ"] and info.header_row == 3
    assert info.ignored == ["หมายเหตุ"]
    assert any("P" in w and "without a header" in w for w in info.warnings)


def test_xlsx_sheet_by_name_and_wrong_sheet(tmp_path):
    path = tmp_path / "t.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "ปก"
    wb.active["A1"] = "หน้าปก"
    ws = wb.create_sheet("ผล ITA")
    ws.append(EN_HEADER)
    ws.append(org_row("หนึ่ง"))
    wb.save(path)
    assert load_table(path, 2569, sheet="ผล ITA")[0].ok
    assert load_table(path, 2569, sheet=" ผล  ita ")[0].ok  # case and spaces do not matter
    err = errors_of(lambda: load_table(path, 2569, sheet="Sheet1"))
    assert "'ปก', 'ผล ITA'" in err.message_en() and "ชีตที่มี" in err.message_th() and str(path) in err.message_en()
    err = errors_of(lambda: load_table(path, 2569))  # the first sheet is a cover: no header there
    assert "no recognisable header" in err.message_en()


# --------------------------------------------------------------------------- table-level problems


def _only(err: InputErrors) -> str:
    assert len(err) == 1
    return err.message_en() + "\n" + err.message_th()


@pytest.mark.parametrize("content,needle", [
    (b"", "the table file is empty"),
    (b" , ,\r\n\r\n,,\r\n", "the table is empty"),
    ("ชื่อหน่วยงาน,อำเภอ,จังหวัด," + ",".join(f"ind{n}" for n in range(1, 11)) + "\r\n,,,\r\n",
     "has a header (row 1) but no data rows"),
    ("ลำดับ,หมายเหตุ\r\n1,ไม่มี\r\n", "no recognisable header"),
    ("name,province," + ",".join(f"ind{n}" for n in range(1, 11)) + "\r\nหนึ่ง,ราชบุรี\r\n",
     "required column(s) missing from the header: district / อำเภอ"),
    ("อำเภอ,จังหวัด,ind1,ind2\r\nเมือง,ราชบุรี,90,90\r\n", "the header has no organisation name column"),
    ("name,ชื่อหน่วยงาน,district,province," + ",".join(f"ind{n}" for n in range(1, 11)) + "\r\nก,ข\r\n",
     "columns 'name' and 'ชื่อหน่วยงาน' mean the same thing"),
    (random.Random(1).randbytes(4096), "not a CSV text file"),
    (bytes(b % 255 + 1 for b in random.Random(2).randbytes(4096)), "not a CSV text file"),
    ("name,district\r\nองค์การบริหารส่วนตำบลสามเรือน,เมืองราชบุรี\r\n".encode().decode("latin-1").encode(),
     'saved in the wrong encoding: its Thai letters became garbage such as \'à¸ª\'. Open the original and save it '
     'again as CSV UTF-8 (got "à¸…")'),
    ("name,district\r\nองค์การบริหารส่วนตำบลสามเรือน,เมืองราชบุรี\r\n".encode("cp874").decode("latin-1").encode(),
     "saved in the wrong encoding"),
], ids=["empty-file", "blank-cells", "header-only", "no-header", "missing-column", "no-name-column", "doubled-column",
        "binary-junk", "binary-no-nul", "mojibake-utf8", "mojibake-cp874"])
def test_table_problems_raise_one_clear_error(tmp_path, content, needle):
    path = tmp_path / "t.csv"
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    text = _only(errors_of(lambda: load_table(path, 2569)))
    assert needle in text
    assert str(path) in text
    assert any("\u0e01" <= ch <= "\u0e5b" for ch in text.split("\n", 2)[-1])  # a Thai message too


@pytest.mark.parametrize("name,content,needle", [
    ("t.json", b'{"name": 1}', "expected a CSV or Excel (.xlsx) table file"),
    ("t.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), "old Excel .xls"),
    ("t.xls", b"<html><table><tr><td>name</td></tr></table></html>", "web page (HTML)"),
    ("t.xlsx", b"PK\x03\x04 not really a zip", "damaged or not an Excel workbook"),
    ("t.xlsx", b"name,district\r\n", "damaged or not an Excel workbook"),
])
def test_not_a_table_file(tmp_path, name, content, needle):
    path = tmp_path / name
    path.write_bytes(content)
    assert needle in _only(errors_of(lambda: load_table(path, 2569)))


def test_missing_file_folder_and_too_large_file(tmp_path):
    assert "not found" in _only(errors_of(lambda: load_table(tmp_path / "nope.csv", 2569)))
    assert "not a folder" in _only(errors_of(lambda: load_table(tmp_path, 2569)))
    big = tmp_path / "big.csv"
    with open(big, "wb") as fh:
        fh.truncate(MAX_BYTES + 1)  # sparse: would be binary junk if it were parsed
    started = time.perf_counter()
    text = _only(errors_of(lambda: load_table(big, 2569)))
    assert "too large" in text and "ใหญ่เกินไป" in text
    assert time.perf_counter() - started < 1


def test_arguments_are_checked_once_for_the_table(tmp_path):
    path = write_csv(tmp_path / "t.csv", [EN_HEADER, org_row("หนึ่ง")])
    err = errors_of(lambda: load_table(path, 2026))
    assert [e.location.field for e in err] == ["fiscal_year"] and "--fiscal-year" in err.message_en()
    err = errors_of(lambda: load_table(path, 2569, style={"thai_digit": True}))
    assert [e.location.field for e in err] == ["style.thai_digit"]
    assert "sheet option is for .xlsx" in _only(errors_of(lambda: load_table(path, 2569, sheet="x")))


def test_fiscal_year_before_assessment_year_points_at_the_year_column(tmp_path):
    path = write_csv(tmp_path / "t.csv", [EN_HEADER, org_row("หนึ่ง", year="2569")])
    assert where(load_table(path, 2568)[0]) == [(2, "year", "fiscal_year")]


def test_style_applies_to_every_row(tmp_path):
    path = write_csv(tmp_path / "t.csv", [EN_HEADER, org_row("หนึ่ง"), org_row("สอง")])
    assert [r.params.style.thai_digits for r in load_table(path, 2569, style={"thai_digits": False})] == [False, False]
    assert [r.params.style.thai_digits for r in load_table(path, 2569)] == [True, True]


def test_without_a_year_column_the_year_before_the_fiscal_year_is_assessed(tmp_path):
    header = [h for h in EN_HEADER if h != "year"]
    row = [v for i, v in enumerate(org_row("หนึ่ง", extra=["", "", "", "", "", "95"])) if i != 4]
    table = load_table(write_csv(tmp_path / "t.csv", [header, row]), 2569)
    assert table[0].params.assessment.year == 2568
    assert table[0].params.previous[0].year == 2567
    assert any("no year column" in w for w in table.info.warnings)


def test_describe_table_lists_recognised_and_ignored_columns(tmp_path):
    path = write_csv(tmp_path / "t.csv", [["รายงาน"], [], TH_HEADER + ["ผู้กรอก"], samruean_th()], delimiter=";")
    info = describe_table(path)
    assert info.header_row == 3 and info.delimiter == ";" and info.format == "csv"
    assert info.ignored == ["ลำดับ", "ผู้กรอก"]
    assert info.columns["ผลการประเมิน"] == "assessment.reported.level"
    assert info.columns["คะแนนปีก่อน"] == "previous[1].total"
    assert any("ผู้กรอก" in w for w in info.warnings)


# --------------------------------------------------------------------------- headers


@pytest.mark.parametrize("header,key", [
    ("name", "name"), ("Name ", "name"), ("ชื่อหน่วยงาน", "name"), ("ชื่อ อปท.", "name"),
    ("ประเภท", "type"), ("ตำบล", "subdistrict"), ("อำเภอ", "district"), ("PROVINCE", "province"),
    ("ปีที่ประเมิน", "year"), ("year", "year"),
    ("ind1", "ind:1"), ("IND 10", "ind:10"), ("ind_4", "ind:4"), ("indicator 4", "ind:4"),
    ("ตัวชี้วัดที่ ๔", "ind:4"), ("ตัวชี้วัดที่๑๐", "ind:10"), ("ตัวชี้วัด 7", "ind:7"),
    ("ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่", "ind:1"), ("ตัวชี้วัดที่ 1\n(การปฏิบัติหน้าที่)", "ind:1"),
    ("ตัวชี้วัดที่ 11", None), ("ind0", None),
    ("i1", "item:i1"), ("I15", "item:i15"), ("e9", "item:e9"), ("O13", "item:o13"), ("o08", "item:o8"),
    ("iit", "tool:IIT"), ("คะแนน EIT", "tool:EIT"), ("OIT (40%)", "tool:OIT"),
    ("total", "total"), ("คะแนนรวม", "total"), ("level", "level"), ("ระดับ", "level"), ("ผลการประเมิน", "level"),
    ("prev_total", "prev_total"), ("Previous Total", "prev_total"), ("คะแนนปีก่อน", "prev_total"),
    ("คะแนนปีที่แล้ว", "prev_total"),
    ("หมายเหตุ", None), ("", None), (None, None), ("ผลการประเมิน ITA ปี 2568", None), ("ปีงบประมาณ", None),
])
def test_header_aliases(header, key):
    assert column_key(header) == key


# --------------------------------------------------------------------------- speed


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_thousand_rows_load_in_reasonable_time(tmp_path, kind):
    rows = [EN_HEADER + list(ITEMS)]
    for n in range(1000):
        rows.append(org_row(f"ทดสอบ{n}", extra=["90", "90.00", "90", "90.00", "ผ่านดี", "96.01",
                                               *ITEMS.values()]))
    path = tmp_path / f"t.{kind}"
    write_csv(path, rows) if kind == "csv" else write_xlsx(path, rows)
    started = time.perf_counter()
    table = load_table(path, 2569)
    elapsed = time.perf_counter() - started
    assert len(table.valid) == 1000, table.invalid[:1] and table.invalid[0].errors.message_en()
    assert elapsed < 30
