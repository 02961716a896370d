"""Consistency checks: each class of error the seed documents published is caught in input."""

from tests.support import SEED003
from toolkit.documents.registry import check, lint, load_params, validate
from toolkit.kit.checks import (
    numbering,
    other_organisations,
    placeholders,
    years_outside,
)


def codes(findings):
    return sorted(f.code for f in findings)


def measure(**over):
    m = {"indicator": 4, "name": "จัดทำคู่มือการยืมทรัพย์สิน", "responsible": "กองคลัง", "steps": ["จัดทำคู่มือ"]}
    m.update(over)
    return m


def test_clean_example_has_no_lint_findings():
    assert lint(load_params(SEED003)) == []
    assert codes(check(load_params(SEED003))) == ["indicator_conflict", "level_mismatch"]


def test_another_organisations_name(make_params):
    # seed 004: one plan names อิปัน, อโศก, อโพน and อปีน
    p = validate(make_params(measures=[
        measure(reason="องค์การบริหารส่วนตำบลอโศกจึงได้ตระหนักถึงความสำคัญ"),
        measure(steps=["ประชุมร่วมกับ อบต.อโพน", "องค์การบริหารส่วนตำบลทดสอบจัดอบรม"]),
        measure(monitoring="รายงานองค์การบริหารส่วนจังหวัดราชบุรี"),  # own province's อบจ.: a usual partner
    ]))
    found = [f for f in lint(p) if f.code == "other_organisation"]
    assert [f.field for f in found] == ["measures[1].reason", "measures[2].steps[1]"]
    assert "องค์การบริหารส่วนตำบลอโศก" in found[0].message_th and "อบต.อโพน" in found[1].message_en


def test_years_outside_the_plan(make_params):
    # seed 003: one row's period is ๖๗–๖๘ in a ๖๘–๖๙ plan; seed 000: an activity of ๒๕๖๕ in FY ๒๕๖๖
    p = validate(make_params(measures=[
        measure(steps=["ดำเนินการ ๑ ต.ค. ๖๗ ถึง ๓๐ ก.ย. ๖๘"]),
        measure(reason="ตามแผนปี พ.ศ. ๒๕๖๕"),
        measure(reason="ปีงบประมาณ พ.ศ. ๒๕๖๙ และ ๒๕๖๘"),  # fiscal year and its first calendar year: fine
        measure(start="2024-01-27", end="2026-09-30"),
    ]))
    found = lint(p)
    assert codes(found) == ["date_outside_period", "year_outside_period", "year_outside_period"]
    assert {f.field for f in found} == {"measures[1].steps[1]", "measures[2].reason", "measures[4].start"}


def test_unfilled_template_text(make_params):
    # seed 004 published "จำนวน ระบุจำนวนกลุ่มเป้าหมาย คน"
    p = validate(make_params(measures=[measure(reason="กลุ่มเป้าหมาย จำนวน ระบุจำนวนกลุ่มเป้าหมาย คน"),
                                       measure(monitoring="รายงานผลต่อ ....................")]))
    found = lint(p)
    assert codes(found) == ["placeholder", "placeholder"]
    assert "ระบุ" in found[0].message_th


def test_duplicate_measure_ids(make_params):
    p = validate(make_params(measures=[measure(id="M1"), measure(id="M1"), measure(id="M2")]))
    assert codes(lint(p)) == ["duplicate_number"]


def test_numbering_repeats_and_gaps():
    # seed 004: "ลำดับที่ ๒" twice
    found = numbering([{"number": 1}, {"number": 2}, {"number": 2}, {"number": 4}], "number", ("projects",),
                      "ลำดับที่", "number")
    assert codes(found) == ["duplicate_number", "skipped_number"]
    assert found[1].reported == [3]


def test_generic_helpers_on_plain_data():
    assert other_organisations({"x": "เทศบาลตำบลบ้านใหม่ร่วมกับเทศบาลตำบลบ้านเก่า"}, ["เทศบาลตำบลบ้านใหม่"])[0].reported \
        .startswith("เทศบาลตำบลบ้านเก่า")
    assert years_outside({"x": "ปี 2570"}, {2569}, "ปี", "year")[0].reported == 2570
    assert placeholders({"x": "ปกติ"}) == []


# -- the office's own numbers and periods (issue 17) -------------------------------------------------
def test_dotted_numbers_are_checked_level_by_level():
    from toolkit.kit.checks import numbering

    items = [{"n": "1.1"}, {"n": "1.3"}, {"n": "2.1"}, {"n": "๒.๑"}]
    found = {f.code: f for f in numbering(items, "n", ("measures",), "ลำดับ", "number")}
    assert found["skipped_number"].reported == ["1.2"]
    assert found["duplicate_number"].reported == "๒.๑"  # ๒.๑ is 2.1 again
    assert numbering([{"n": "1.1"}, {"n": "1.2"}, {"n": "2.1"}], "n", ("measures",), "ลำดับ", "number") == []
    assert numbering([{"n": "M1"}, {"n": "M3"}], "n", ("m",), "รหัส", "id") == []  # ids: repeats only


def test_a_period_in_words_outside_the_year_is_reported_with_its_words():
    import datetime as dt

    from toolkit.kit.checks import periods_outside

    start, end = dt.date(2021, 10, 1), dt.date(2022, 9, 30)
    inside = (("measures", 0, "period"), "ต.ค. ๖๔ – ก.ย. ๖๕", start, end)
    outside = (("measures", 1, "period"), "ต.ค. ๖๓ – ก.ย. ๖๔", dt.date(2020, 10, 1), dt.date(2021, 9, 30))
    found = periods_outside([inside, outside], start, end, "ปีงบประมาณ พ.ศ. ๒๕๖๕", "fiscal year 2565")
    assert [(f.code, f.field) for f in found] == [("period_outside_year", "measures[2].period")]
    assert "ต.ค. ๖๓ – ก.ย. ๖๔" in found[0].message_th and "2020-10-01 – 2021-09-30" in found[0].message_en
