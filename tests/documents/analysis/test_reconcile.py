from tests.support import SEED003
from toolkit.documents.analysis.analyse import analyse
from toolkit.documents.registry import load_params, validate


def codes(a):
    return sorted(f.code for f in a.findings)


def test_seed_003_indicator_6_conflict_and_level():
    a = analyse(load_params(SEED003))
    assert codes(a) == ["indicator_conflict", "level_mismatch"]
    conflict = next(f for f in a.findings if f.code == "indicator_conflict")
    assert (conflict.reported, conflict.computed) == (96.29, 96.26)
    assert conflict.field == "assessment.reported.indicators.6"
    level = next(f for f in a.findings if f.code == "level_mismatch")
    assert (level.reported, level.computed) == ("ผ่านดี", "ผ่านดีเยี่ยม")
    assert "ยังไม่ได้รับการยืนยัน" in level.message_th


def test_the_reported_tools_of_seed_003_match_the_detail_table():
    a = analyse(load_params(SEED003))
    assert not [f for f in a.findings if f.code in ("tool_mismatch", "total_mismatch")]


def test_differences_of_exactly_001_are_not_flagged(make_params):
    p = validate(make_params(assessment={"year": 2568, "indicators": {n: 90 for n in range(1, 11)},
                                         "reported": {"total": 90.01, "tools": {"IIT": 89.99}}}))
    assert codes(analyse(p)) == []


def test_every_mismatch_above_001_is_reported(make_params):
    p = validate(make_params(assessment={
        "year": 2568, "indicators": {n: 90 for n in range(1, 11)},
        "reported": {"total": 90.02, "tools": {"IIT": 90.5, "EIT": 90, "OIT": 89.9}, "level": "ผ่าน",
                     "indicators": {3: 91}},
        "items": {"i1": 80, "i2": 80, "i3": 80},
    }))
    a = analyse(p)
    assert codes(a) == ["indicator_conflict", "indicator_items_mismatch", "level_mismatch",
                        "tool_mismatch", "tool_mismatch", "total_mismatch"]
    items = next(f for f in a.findings if f.code == "indicator_items_mismatch")
    assert items.severity == "warning" and items.computed == 80  # IIT rule is sure


def test_oit_aggregation_mismatch_is_only_info_while_unconfirmed(make_params):
    items = {f"o{i}": 100 for i in range(1, 20)}
    p = validate(make_params(assessment={"year": 2568, "indicators": {n: 90 for n in range(1, 11)},
                                         "items": items}))
    found = [f for f in analyse(p).findings if f.code == "indicator_items_mismatch"]
    assert [(f.field, f.severity) for f in found] == [("assessment.indicators.9", "info")]


def test_official_figures_are_not_replaced(make_params):
    p = validate(make_params(assessment={"year": 2568, "indicators": {n: 90 for n in range(1, 11)},
                                         "reported": {"total": 88.88, "level": "ผ่าน"}}))
    a = analyse(p)
    assert a.total == 88.88 and a.level == "ผ่าน"
    assert round(a.total_computed, 2) == 90


def test_stale_assessment_year(make_params):
    p = validate(make_params(fiscal_year=2570))
    assert codes(analyse(p)) == ["stale_assessment"]
