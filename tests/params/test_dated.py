"""Periods and numbers as offices write them, in params: printed as written or normalised, errors by field."""
from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from toolkit.params.dated import Dated, Period, number_label

D = dt.date


def test_words_are_printed_as_written_and_read_into_dates():
    p = Period.model_validate("ต.ค. ๖๔ – ก.ย. ๖๕")
    assert p.label(2565, thai_digits=True) == "ต.ค. ๖๔ – ก.ย. ๖๕"
    assert p.bounds(2565) == (D(2021, 10, 1), D(2022, 9, 30)) and p.from_text


def test_normalised_style_prints_dates_instead_of_words():
    p = Period.model_validate({"text": "ไตรมาสที่ ๒"})
    assert p.label(2565, thai_digits=True, normalised=True) == "๑ ม.ค. ๖๕ ถึง ๓๑ มี.ค. ๖๕"
    assert p.label(2565, thai_digits=False, normalised=True) == "1 ม.ค. 65 ถึง 31 มี.ค. 65"
    assert p.label(2565, thai_digits=True) == "ไตรมาสที่ ๒"


def test_iso_words_are_always_printed_as_thai_dates():
    assert Period.model_validate("2021-10-01 – 2022-03-31").label(2565, True) == "๑ ต.ค. ๖๔ ถึง ๓๑ มี.ค. ๖๕"


def test_given_dates_win_and_words_that_contradict_them_are_refused():
    p = Period.model_validate({"text": "ตามแผนของกอง", "start": "2022-01-01", "end": "2022-03-31"})
    assert p.bounds(2565) == (D(2022, 1, 1), D(2022, 3, 31)) and not p.from_text
    assert p.label(2565, True) == "ตามแผนของกอง"
    with pytest.raises(ValidationError, match="disagree"):
        Period.model_validate({"text": "ต.ค. ๖๔ – ธ.ค. ๖๔", "start": "2022-01-01", "end": "2022-03-31"})


def test_an_unreadable_period_is_refused_with_the_accepted_forms():
    with pytest.raises(ValidationError) as err:
        Period.model_validate("หลังสงกรานต์")
    text = str(err.value)
    assert "หลังสงกรานต์" in text and "ไตรมาสที่" in text and "a month range such as" in text


def test_a_period_is_given_one_way():
    assert Dated.model_validate({"start": "2021-10-01"}).dates(2565) == (D(2021, 10, 1), D(2022, 9, 30))
    assert Dated.model_validate({}).period_label(2565, True) == "๑ ต.ค. ๖๔ ถึง ๓๐ ก.ย. ๖๕"
    with pytest.raises(ValidationError, match="one way"):
        Dated.model_validate({"start": "2021-10-01", "period": "ตลอดปีงบประมาณ"})


@pytest.mark.parametrize("given, number", [(3, 3), ("๓", 3), ("มาตรการที่ ๑.๒", "1.2"), ("1.2.", "1.2"),
                                           ("ข้อ 2", 2), ("โครงการที่ ๑๐", 10)])
def test_office_numbers(given, number):
    assert number_label(given) == number


@pytest.mark.parametrize("given", ["ก", "0", "1.0", -1, "๑.๒ ก"])
def test_not_a_number(given):
    with pytest.raises(ValueError, match="1.2"):
        number_label(given)
