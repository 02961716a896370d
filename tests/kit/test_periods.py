"""Periods as offices write them, read into dates: every accepted form, Thai and Arabic digits, and the
errors that name the accepted forms."""
from __future__ import annotations

import datetime as dt

import pytest

from toolkit.kit.periods import FORMS_EN, FORMS_TH, MONTHS, PeriodError, parse, quarter_bounds, text_dates

D = dt.date
FY2565 = (D(2021, 10, 1), D(2022, 9, 30))


@pytest.mark.parametrize("text, bounds", [
    ("ต.ค. ๖๔ – ก.ย. ๖๕", FY2565),                               # the office's month range, Thai digits
    ("ต.ค. 64 - ก.ย. 65", FY2565),                                # Arabic digits, plain hyphen
    ("ตุลาคม 2564 - กันยายน 2565", FY2565),                       # full month names, four-digit years
    ("เดือนตุลาคม ๒๕๖๓ ถึงเดือน มีนาคม ๒๕๖๔", (D(2020, 10, 1), D(2021, 3, 31))),   # seed 002's wording
    ("ต.ค. – ธ.ค. ๖๔", (D(2021, 10, 1), D(2021, 12, 31))),        # one year for both ends
    ("พ.ย. ๖๔ – มี.ค. ๖๕", (D(2021, 11, 1), D(2022, 3, 31))),
    ("๑ ต.ค. ๖๔ ถึง ๓๐ ก.ย. ๖๕", FY2565),                         # days
    ("มีนาคม ๒๕๖๕", (D(2022, 3, 1), D(2022, 3, 31))),               # one month
    ("ภายใน มี.ค. ๖๕", (D(2021, 10, 1), D(2022, 3, 31))),           # by March: from the fiscal year's start
    ("ปีงบประมาณ พ.ศ. ๒๕๖๕", FY2565),
    ("2021-10-01 – 2022-09-30", FY2565),                            # ISO
])
def test_absolute_forms_read_to_the_same_dates(text, bounds):
    span = parse(text)
    assert span.absolute and (span.start, span.end) == bounds
    assert span.bounds(2570) == bounds  # a year written wins over the document's


@pytest.mark.parametrize("text, bounds", [
    ("ตลอดปีงบประมาณ", FY2565),
    ("ไตรมาสที่ ๒", (D(2022, 1, 1), D(2022, 3, 31))),
    ("ไตรมาสที่ 1", (D(2021, 10, 1), D(2021, 12, 31))),
    ("ไตรมาสที่ ๑–๒", (D(2021, 10, 1), D(2022, 3, 31))),
    ("รอบ ๖ เดือน", (D(2021, 10, 1), D(2022, 3, 31))),
    ("๑๒ เดือน", FY2565),
    ("รอบ 6 เดือนหลัง", (D(2022, 4, 1), D(2022, 9, 30))),
    ("ต.ค. – มี.ค.", (D(2021, 10, 1), D(2022, 3, 31))),           # months without a year, across the new year
])
def test_relative_forms_fall_in_the_documents_fiscal_year(text, bounds):
    span = parse(text)
    assert not span.absolute
    assert span.bounds(2565) == bounds
    with pytest.raises(PeriodError):
        span.bounds(None)  # nothing to place it in


def test_quarter_of_a_fiscal_year_with_its_own_year():
    assert parse("ไตรมาสที่ ๔ ปีงบประมาณ ๒๕๖๖").bounds(2565) == quarter_bounds(2566, 4) == (D(2023, 7, 1),
                                                                                             D(2023, 9, 30))


def test_a_remark_after_the_period_is_kept():
    span = parse("ตลอดปีงบประมาณ (ปีละ ๑ ครั้ง)")
    assert span.kind == "fiscal_year" and span.remark == "(ปีละ ๑ ครั้ง)"


@pytest.mark.parametrize("text, why", [
    ("เร็ว ๆ นี้", ""),
    ("", "ว่าง"),
    ("ก.ย. ๖๕ – ต.ค. ๖๔", "วันสิ้นสุดอยู่ก่อนวันเริ่ม"),
    ("ต.ค. ๖๔ – ก.ย. ๖๕ – ธ.ค. ๖๕", "ไม่ใช่หมายเหตุ"),        # a period read only in part is not shortened
    ("ไตรมาสที่ ๓–๑", "ไตรมาสสิ้นสุด"),
    ("๓๑ ก.พ. ๖๕", "ไม่มีวันที่ 31"),
    ("มี.ค. – ต.ค.", "เดือนเริ่มอยู่หลังเดือนสิ้นสุด"),
])
def test_an_unreadable_period_lists_the_accepted_forms_in_thai_and_english(text, why):
    with pytest.raises(PeriodError) as err:
        parse(text)
    assert why in err.value.th
    assert FORMS_TH in err.value.th and FORMS_EN in err.value.en
    assert f'"{text}"' in err.value.th and f'"{text}"' in err.value.en


def test_month_names_come_from_pythainlp():
    from pythainlp.util.date import thai_abbr_months, thai_full_months

    assert set(MONTHS) == set(thai_abbr_months) | set(thai_full_months) and MONTHS["ต.ค."] == 10


def test_dates_in_running_text():
    found = [d for d, _ in text_dates("ประกาศเมื่อ ๗ เดือน มกราคม พ.ศ. ๒๕๖๓ และ 14 พ.ย. 68")]
    assert found == [D(2020, 1, 7), D(2025, 11, 14)]
