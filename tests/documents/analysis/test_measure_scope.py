"""Measures of several indicators, of a tool or of the whole organisation; the office's numbers and periods."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from toolkit.documents import registry
from toolkit.documents.analysis import linked_measures
from toolkit.documents.analysis.analyse import analyse
from toolkit.documents.analysis.checks import lint, measure_findings, problems
from toolkit.documents.analysis.measures import in_table_order, measures_intro
from toolkit.documents.analysis.report import AnalysisReport

WEAK = {**{n: 90 for n in range(1, 9)}, 9: 60, 10: 55}  # 9 and 10 urgent


def m(name="มาตรการ", **over):
    return {"name": name, "responsible": "สำนักปลัด", **over}


def params(make_params, *rows, **over):
    return registry.validate(make_params(assessment={"year": 2568, "indicators": WEAK}, measures=list(rows), **over))


def test_a_measure_must_say_what_it_serves(make_params):
    with pytest.raises(Exception, match="scope: organisation"):
        params(make_params, m())
    with pytest.raises(Exception, match="tool: OIT"):
        params(make_params, m(scope="tool"))
    p = params(make_params, m(scope="ทั้งองค์กร"), m(tool="oit"), m(indicator=[9, 10]))
    assert [x.group for x in p.measures] == ["organisation", "tool", "indicator"]
    assert p.measures[1].tool == "OIT"


def test_table_order_is_general_to_specific_and_stable(make_params):
    p = params(make_params, m("a", indicator=9), m("b", tool="OIT"), m("c", scope="organisation"),
               m("d", tool="IIT"), m("e", indicator=10))
    assert [x.name for x in in_table_order(p.measures)] == ["c", "d", "b", "a", "e"]


def test_a_general_measure_counts_for_urgent_indicators_only_when_it_names_them(make_params):
    unnamed = params(make_params, m(scope="organisation"), m(tool="OIT"), m(indicator=9))
    found = {f.code: f for f in measure_findings(unnamed)}
    assert found["urgent_without_measure"].reported == [10]
    assert "measure(s) 1, 2" in found["urgent_without_measure"].message_en
    named = params(make_params, m(scope="organisation", indicator=[10]), m(indicator=9))
    assert "urgent_without_measure" not in {f.code for f in measure_findings(named)}
    # general measures sit in groups of their own: they do not put the urgent ones "last"
    assert "urgent_not_first" not in {f.code for f in measure_findings(unnamed)}


def test_a_tools_measure_naming_another_tools_indicator_is_an_error(make_params):
    with pytest.raises(Exception, match=r"measures\[1\]\.indicator: a measure of tool OIT names indicators outside "
                                         r"it \(1\)"):
        params(make_params, m(tool="OIT", indicator=[1, 9]))
    assert problems(params(make_params, m(tool="OIT", indicator=[9]))) == []


def test_office_numbers_are_checked_for_gaps_repeats_and_order(make_params):
    gap = params(make_params, m(number="๑", scope="organisation"), m(number="มาตรการที่ ๓", indicator=9),
                 m(number=3, indicator=10))
    found = {f.code: f for f in lint(gap, {})}
    assert found["skipped_number"].reported == [2] and found["duplicate_number"].reported == 3
    order = params(make_params, m(number="1.1", indicator=9), m(number="1.2", scope="organisation"))
    assert {f.code for f in lint(order, {})} == {"numbers_out_of_order"}
    part = params(make_params, m(number=1, indicator=9), m(indicator=10))
    assert {f.code for f in lint(part, {})} == {"incomplete_numbering"}
    assert lint(params(make_params, m(number="1.1", indicator=9), m(number="1.2", indicator=10)), {}) == []


def test_periods_in_words_outside_the_year_are_found_and_inside_are_not(make_params):
    p = params(make_params, m(indicator=9, period="ต.ค. ๖๘ – ก.ย. ๖๙"), m(indicator=10, period="ไตรมาสที่ ๒"),
               m(indicator=10, period="ต.ค. ๖๗ – ธ.ค. ๖๗"))
    found = [f for f in lint(p, {}) if f.code == "period_outside_year"]
    assert [f.field for f in found] == ["measures[3].period"]


def test_the_measures_table_groups_numbers_and_prints_periods_as_written(make_params):
    rows = [m("ประกาศเจตจำนง", number=1, scope="organisation", period="ต.ค. ๖๘ – ธ.ค. ๖๘"),
            m("เผยแพร่ข้อมูล", number=2, tool="OIT", indicator=[9], period="ตลอดปีงบประมาณ"),
            m("ไม่รับของขวัญ", number=3, indicator=10, period="ไตรมาสที่ ๒")]
    r = AnalysisReport(params(make_params, *rows))
    html = r.measures().html.replace("\u200b", "")
    groups = [re.sub(r"<[^>]+>", "", g) for g in re.findall(r'<tr class="group"><th colspan="8">(.*?)</th>', html)]
    html = re.sub(r"<[^>]+>", "", html)
    assert groups == ["มาตรการที่ใช้กับทั้งองค์กร", "มาตรการรายแบบวัด: แบบวัดการเปิดเผยข้อมูลสาธารณะ (OIT)",
                      "มาตรการรายตัวชี้วัด"]
    for text in ("ต.ค. ๖๘ – ธ.ค. ๖๘", "ตลอดปีงบประมาณ", "ไตรมาสที่ ๒", "ทั้งองค์กร"):
        assert text in html
    normal = AnalysisReport(params(make_params, *rows, style={"dates": "normalised"}))
    shown = re.sub(r"<[^>]+>", "", normal.measures().html.replace("\u200b", ""))
    assert "ไตรมาสที่ ๒" not in shown and "๑ ม.ค. ๖๙ ถึง ๓๑ มี.ค. ๖๙" in shown
    assert "แบ่งเป็นมาตรการที่ใช้กับทั้งองค์กร ๑ รายการ" in measures_intro(r.analysis, r.measures_list)


def test_only_indicator_measures_print_as_before(make_params):
    r = AnalysisReport(params(make_params, m("ก", indicator=9), m("ข", indicator=10)))
    html = r.measures().html
    assert 'class="group"' not in html and "แบ่งเป็น" not in measures_intro(r.analysis, r.measures_list)


def test_results_reports_carry_forward_dates_read_from_words(make_params):
    p = params(make_params, m(id="M1", indicator=9, period="ไตรมาสที่ ๒"), m(id="M2", tool="OIT"))
    linked = {x["id"]: x for x in linked_measures(p)}
    assert (linked["M1"]["start"], linked["M1"]["end"]) == (dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    assert linked["M2"]["tool"] == "OIT" and linked["M2"]["start"] is None
