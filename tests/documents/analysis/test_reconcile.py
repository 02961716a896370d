"""Published figures against the organisation's own: exact rounding intervals, hard conflicts, accepted ones."""
import sys

import pytest

from tests.support import EXAMPLES, ROOT, SEED003, example_files
from toolkit.documents import registry
from toolkit.documents.analysis.analyse import analyse
from toolkit.documents.analysis.model import AnalysisParams
from toolkit.documents.analysis.reconcile import HALF, Span, conflicts
from toolkit.documents.registry import load_params, validate
from toolkit.frameworks import load_framework
from toolkit.kit.errors import InputErrors
from toolkit.params.table import load_table

sys.path.insert(0, str(ROOT / "bench"))
from synthetic import write_province  # noqa: E402

FW = load_framework(2568)


def codes(a):
    return sorted(f.code for f in a.findings)


def refused(data) -> InputErrors:
    with pytest.raises(InputErrors) as exc:
        validate(data, "t.yaml")
    return exc.value


def test_a_published_figure_is_an_interval_of_plus_minus_half_a_cent():
    assert HALF * 200 == 1
    assert Span.of(95.77).meets(Span.of(95.78))  # 95.775 is in both
    assert not Span.of(95.77).meets(Span.of(95.79))
    assert Span.of(96.29).text() == "96.29–96.30"  # closed: the upper end rounds up


def test_seed_003_indicator_6_at_96_29_cannot_give_the_published_eit():
    a = analyse(load_params(SEED003))
    assert codes(a) == ["indicator_conflict", "level_mismatch"]
    conflict = next(f for f in a.findings if f.code == "indicator_conflict")
    assert (conflict.reported, conflict.computed) == (96.29, 96.26)
    assert conflict.field == "assessment.reported.indicators.6"
    # the interval rule says which value is wrong: with 96.29 the EIT is 95.78–95.79, never 95.77
    assert "95.78–95.79, not the published 95.77, so 96.29 cannot be right" in conflict.message_en
    assert "ค่า 96.29 จึงเป็นไปไม่ได้" in conflict.message_th
    level = next(f for f in a.findings if f.code == "level_mismatch")
    assert (level.reported, level.computed, level.severity) == ("ผ่านดี", "ผ่านดีเยี่ยม", "warning")
    assert "ยังไม่ได้รับการยืนยัน" in level.message_th


def test_the_old_tolerance_missed_it_the_interval_rule_refuses_it(make_params):
    """Indicators 96.29, 95.16, 95.90 give EIT 95.78 (rounded) whatever the unrounded values: 95.77 is impossible,
    though it is within 0.01 of the rounded mean."""
    ind = {**{n: 90 for n in range(1, 11)}, 6: 96.29, 7: 95.16, 8: 95.90}
    assert abs(round((96.29 + 95.16 + 95.90) / 3, 2) - 95.77) <= 0.01 + 1e-9
    err = refused(make_params(assessment={"year": 2568, "indicators": ind, "reported": {"tools": {"EIT": 95.77}}}))
    assert [e.location.field for e in err] == ["assessment.reported.tools.EIT"]
    assert "published EIT score (95.77)" in err.message_en() and "95.78–95.79" in err.message_en()
    assert "--accept-published" in err.message_en() and "คะแนน EIT ที่ประกาศ (95.77)" in err.message_th()
    ind[6] = 96.26  # the detail table's value fits
    assert validate(make_params(assessment={"year": 2568, "indicators": ind, "reported": {"tools": {"EIT": 95.77}}}))


@pytest.mark.parametrize("iit,ok", [(89.99, True), (90.01, True), (89.98, False), (90.02, False)])
def test_a_tool_is_refused_only_when_the_intervals_do_not_meet(make_params, iit, ok):
    data = make_params(assessment={"year": 2568, "indicators": {n: 90 for n in range(1, 11)},
                                   "reported": {"tools": {"IIT": iit}}})
    if ok:
        assert validate(data).assessment.reported.tools["IIT"] == iit
    else:
        assert [e.location.field for e in refused(data)] == ["assessment.reported.tools.IIT"]


def test_totals_that_do_not_fit_their_tools_are_refused(make_params):
    base = {"year": 2568, "indicators": {n: 90 for n in range(1, 11)}}
    assert validate(make_params(assessment={**base, "reported": {"total": 90.00, "tools": {"IIT": 89.99}}}))
    # 0.30 × [89.985, 89.995] + 0.70 × [89.995, 90.005] ≤ 90.002: it can never be published as 90.01
    err = refused(make_params(assessment={**base, "reported": {"total": 90.01, "tools": {"IIT": 89.99}}}))
    assert [e.location.field for e in err] == ["assessment.reported.total"]
    assert "published total (90.01)" in err.message_en() and "89.99–90.00" in err.message_en()
    err = refused(make_params(assessment={**base, "reported": {"total": 99.99}}))
    assert "organisation's own indicators" in err.message_en() and "90.00–90.01" in err.message_en()


def test_levels_under_a_confirmed_rule_are_refused_under_an_unconfirmed_one_warned(make_params):
    low = {n: 80 for n in range(1, 11)}
    err = refused(make_params(fiscal_year=2566, assessment={"year": 2565, "indicators": low, "reported": {"level": "A"}}))
    assert "published level (A)" in err.message_en() and "below the pass line 85" in err.message_en()
    ok = validate(make_params(fiscal_year=2566, assessment={"year": 2565, "indicators": low, "reported": {"level": "B"}}))
    assert analyse(ok).findings == []
    # 2568's rule is unconfirmed: a level the rule would not give is a warning ...
    high = {n: 96 for n in range(1, 11)}
    p = validate(make_params(assessment={"year": 2568, "indicators": high, "reported": {"level": "ผ่าน"}}))
    assert [(f.code, f.severity) for f in analyse(p).findings] == [("level_mismatch", "warning")]
    # ... but a passing level below the (sure) pass line is a contradiction under any rule
    err = refused(make_params(assessment={"year": 2568, "indicators": low, "reported": {"level": "ผ่านดีเยี่ยม",
                                                                                      "total": 80}}))
    assert "ผ่านดีเยี่ยม" in err.message_th() and "ต่ำกว่าเกณฑ์ผ่าน 85" in err.message_th()


def test_a_level_is_judged_on_every_total_the_indicators_allow(make_params):
    # 84.99 everywhere: the total is 84.985–84.995, published as 84.99 or 85.00: both levels can be true
    ind = {n: 84.99 for n in range(1, 11)}
    for level in ("ต้องปรับปรุง", "ผ่านดี"):
        p = validate(make_params(assessment={"year": 2568, "indicators": ind, "reported": {"level": level}}))
        assert not [f for f in analyse(p).findings if f.code == "level_mismatch"]


def test_accept_published_prints_the_official_figures_and_lists_the_conflict(make_params):
    data = make_params(assessment={"year": 2568, "indicators": {n: 90 for n in range(1, 11)},
                                   "reported": {"total": 99.99, "level": "ผ่านดี"}}, accept_published=True)
    p = validate(data)
    a = analyse(p)
    assert a.total == 99.99 and a.level == "ผ่านดี"
    (total,) = [f for f in registry.check(p) if f.code == "total_mismatch"]
    assert total.severity == "error" and "accept_published" in total.message_en
    assert "99.99" in total.message_th and "90.00–90.01" in total.message_th


def test_item_intervals_and_unconfirmed_aggregation(make_params):
    p = validate(make_params(assessment={"year": 2568, "indicators": {n: 90 for n in range(1, 11)},
                                         "items": {"i1": 80, "i2": 80, "i3": 80}}))
    (items,) = analyse(p).findings
    assert (items.code, items.severity, items.computed) == ("indicator_items_mismatch", "warning", 80)
    p = validate(make_params(assessment={"year": 2568, "indicators": {**{n: 90 for n in range(1, 11)}, 1: 80.01},
                                         "items": {"i1": 80, "i2": 80, "i3": 80.02}}))
    assert analyse(p).findings == []  # mean 80.0067 ± 0.005 meets 80.01 ± 0.005
    oit = validate(make_params(assessment={"year": 2568, "indicators": {n: 90 for n in range(1, 11)},
                                           "items": {f"o{i}": 100 for i in range(1, 20)}}))
    found = [f for f in analyse(oit).findings if f.code == "indicator_items_mismatch"]
    assert [(f.field, f.severity) for f in found] == [("assessment.indicators.9", "info")]


def test_every_conflict_is_listed_when_params_bypass_validation(make_params):
    data = make_params(assessment={"year": 2568, "indicators": {n: 90 for n in range(1, 11)},
                                   "reported": {"total": 90.5, "tools": {"IIT": 90.5, "EIT": 90, "OIT": 89.9},
                                                "level": "ผ่าน", "indicators": {3: 91}}})
    p = AnalysisParams.model_validate(data)
    found = conflicts(p, FW)
    assert sorted((c.code, c.hard) for c in found) == [
        ("indicator_conflict", False), ("level_mismatch", False), ("tool_mismatch", True), ("tool_mismatch", True),
        ("total_mismatch", True)]


def test_official_figures_are_not_replaced(make_params):
    p = validate(make_params(assessment={"year": 2568, "indicators": {n: 90 for n in range(1, 11)},
                                         "reported": {"total": 90.00, "level": "ผ่าน"}}))
    a = analyse(p)
    assert a.total == 90.00 and a.level == "ผ่าน"


def test_stale_assessment_year(make_params):
    p = validate(make_params(fiscal_year=2570))
    assert codes(analyse(p)) == ["stale_assessment"]


def test_no_published_figure_of_any_example_is_flagged_falsely():
    seen = 0
    for path in example_files():
        params = load_params(path)  # a hard conflict would refuse the file
        if params.document != "ita_analysis":
            continue
        seen += 1
        assert not params.accept_published
        hard = [f for f in registry.check(params) if f.severity == "error"]
        assert hard == [], (path.name, hard)
        assert [c.code for c in conflicts(params, analyse(params).framework) if c.hard] == []
    assert seen >= 3


def test_no_published_figure_of_the_example_province_table_is_flagged():
    (table,) = EXAMPLES.glob("table_*.csv")
    rows = load_table(table, 2569, validate)
    assert len(rows) == len(rows.valid) >= 12
    for row in rows:
        assert not [f for f in analyse(row.params).findings if f.code.endswith(("mismatch", "conflict"))]


def test_no_false_conflict_over_a_synthetic_province(tmp_path):
    """300 organisations whose tools, totals and levels were computed from unrounded indicators, then rounded."""
    rows = load_table(write_province(tmp_path / "p.csv", 300, seed=13), 2569, validate)
    assert len(rows.valid) == 300, rows.invalid[:1] and rows.invalid[0].errors.message_en()
