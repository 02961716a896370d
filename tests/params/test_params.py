import pytest
import yaml

from tests.support import SEED003
from toolkit.documents.registry import load_params, validate
from toolkit.kit.errors import InputErrors


def errors_of(source):
    with pytest.raises(InputErrors) as err:
        load_params(source) if not isinstance(source, dict) else validate(source, "x.yaml")
    return err.value


def write(tmp_path, text, name="p.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_seed_003_example_loads():
    p = load_params(SEED003)
    assert p.organisation.short_name == "อบต.สามเรือน"
    assert p.organisation.type == "องค์การบริหารส่วนตำบล"
    assert p.assessment.indicators[4] == 89.05
    assert p.assessment.items["o13"] == 50
    assert p.assessment.reported.indicators == {6: 96.29}


def test_thai_digits_in_values_and_keys(make_params):
    data = make_params(fiscal_year="๒๕๖๙", assessment={
        "year": "๒๕๖๘",
        "indicators": {"๑": "๙๙.๒๙", "2": 99.05, 3: "๑๐๐", 4: "8๙.05", 5: 1, 6: 1, 7: 1, 8: 1, 9: 1, "๑๐": 1},
        "items": {"i๑๐": "๗๑.๔๓", "๐๘": 100},  # seed tables print o8 as ๐๘
    })
    p = validate(data)
    assert p.fiscal_year == 2569 and p.assessment.year == 2568
    assert p.assessment.indicators[1] == 99.29 and p.assessment.indicators[4] == 89.05
    assert p.assessment.indicators[10] == 1
    assert p.assessment.items == {"i10": 71.43, "o8": 100}


def test_all_errors_of_a_file_at_once_with_lines(tmp_path):
    path = write(tmp_path, """\
organisation:
  name: องค์การบริหารส่วนตำบลทดสอบ
  distrct: เมือง
fiscal_year: 2025
assessment:
  year: 2568
  reported: {total: abc}
  indicators: {1: 101, 2: 90, 3: nan, 4: -3, 5: 90, 6: 90, 7: 90, 8: 90, 9: 90}
  items: {x1: 50}
measures:
  - {indicator: 4, name: ทดสอบ}
""")
    err = errors_of(path)
    got = {(e.location.field, e.location.line) for e in err}
    assert got == {
        ("organisation.district", 1), ("organisation.province", 1), ("organisation.distrct", 3),
        ("fiscal_year", 4), ("assessment.reported.total", 7), ("assessment.indicators.1", 8),
        ("assessment.indicators.3", 8), ("assessment.indicators.4", 8), ("assessment.indicators", 8),
        ("assessment.items.x1", 9), ("measures[1].responsible", 11),
    }
    text_en, text_th = err.message_en(), err.message_th()
    assert str(path) in text_en and "did you mean 'district'" in text_en
    assert "missing indicator(s) 10" in text_en and "ขาดตัวชี้วัดที่ 10" in text_th
    assert "Buddhist Era" in text_en and "ไม่ใช่ ค.ศ." in text_th
    assert "between 0 and 100" in text_en and "(got 101)" in text_en


def test_checks_that_need_the_framework(make_params):
    err = errors_of(make_params(fiscal_year=2567, assessment={
        "year": 2568, "indicators": {n: 90 for n in range(1, 11)},
        "reported": {"level": "ดีมาก"}, "items": {"i16": 50, "o29": 10, "e3": 90}}))
    fields = sorted(e.location.field for e in err)
    assert fields == ["assessment.items.i16", "assessment.items.o29", "assessment.reported.level", "fiscal_year"]
    assert "ผ่านดีเยี่ยม" in err.message_th()


def test_unknown_assessment_year(make_params):
    err = errors_of(make_params(fiscal_year=2572, assessment={"year": 2571, "indicators": {n: 1 for n in range(1, 11)}}))
    assert [e.location.field for e in err] == ["assessment.year"]
    assert "known years: 2563" in err.message_en()


def test_previous_years_must_precede_the_assessment(make_params):
    err = errors_of(make_params(previous=[{"year": 2568, "total": 90}, {"year": 2567, "total": 80},
                                          {"year": 2567, "total": 81}]))
    assert sorted(e.location.field for e in err) == ["previous[1].year", "previous[3].year"]


def test_unknown_document_type(make_params):
    err = errors_of(make_params(document="memo"))
    assert "document must be one of" in err.message_en()


@pytest.mark.parametrize("content, expected", [
    ("organisation: [unclosed\n", "invalid YAML at line"),
    ("- just\n- a list\n", "must hold a mapping"),
    ("", "must hold a mapping"),
])
def test_file_level_problems(tmp_path, content, expected):
    assert expected in errors_of(write(tmp_path, content)).message_en()


def test_binary_and_encoding(tmp_path):
    path = tmp_path / "junk.yaml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00garbage")
    assert "not binary" in errors_of(path).message_en()
    path.write_bytes("organisation: ทดสอบ".encode("cp874"))
    assert "UTF-8" in errors_of(path).message_en()


def test_alias_bomb_is_refused(tmp_path):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 12):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    err = errors_of(write(tmp_path, "\n".join(lines) + "\n"))
    assert "aliases" in err.message_en()


def test_oversized_file(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_text("x: " + "ก" * 1_000_000, encoding="utf-8")
    assert "too large" in errors_of(path).message_en()


def test_missing_file(tmp_path):
    assert "not found" in errors_of(tmp_path / "nope.yaml").message_en()


def test_yes_no_stay_text(tmp_path, make_params):
    data = make_params()
    data["organisation"]["district"] = "no"
    path = write(tmp_path, yaml.safe_dump(data, allow_unicode=True).replace("'no'", "no"))
    assert load_params(path).organisation.district == "no"


def test_measure_accepts_one_or_many_indicators(make_params):
    p = validate(make_params(measures=[
        {"indicator": 4, "name": "คู่มือการยืมทรัพย์สิน", "responsible": "สำนักปลัด", "steps": ["ก", "ข"]},
        {"indicator": ["๖", 7], "name": "ปรับปรุงเว็บไซต์", "responsible": "ทุกสำนัก/กอง",
         "start": "2568-10-01", "end": "2026-09-30"},
    ]))
    assert [m.indicators for m in p.measures] == [[4], [6, 7]]
    assert str(p.measures[1].start) == "2025-10-01"  # a BE date is converted


def test_organisation_short_names():
    for name, short in [("เทศบาลตำบลบ้านใหม่", "ทต.บ้านใหม่"), ("เทศบาลเมืองราชบุรี", "ทม.ราชบุรี"),
                        ("องค์การบริหารส่วนจังหวัดราชบุรี", "อบจ.ราชบุรี"), ("หน่วยงานอื่น", "หน่วยงานอื่น")]:
        p = validate({**_base(), "organisation": {"name": name, "district": "ก", "province": "ข"}})
        assert p.organisation.short_name == short


def _base():
    import copy

    from tests.support import BASE
    return copy.deepcopy(BASE)
