"""Trends across 2565–2568: letters then ratings, never compared as one scale; the country's figures with
their source; peers printed only when a batch supplied them."""
import json
import math
import re

import pytest
import yaml

from tests.support import EXAMPLES, SEED003
from toolkit.documents.analysis.report import AnalysisReport
from toolkit.documents.analysis.trend_charts import trend_chart
from toolkit.documents.analysis.trends import LAST_YEARS, trends
from toolkit.documents.analysis.trends_text import trend_text
from toolkit.documents.registry import load_params, validate
from toolkit.frameworks import load_framework
from toolkit.kit.errors import InputErrors

FAILING = EXAMPLES / "thungtuayang_2569.yaml"
IND_2565 = {1: 70.10, 2: 66.40, 3: 71.00, 4: 64.20, 5: 69.90, 6: 72.00, 7: 60.50, 8: 66.00, 9: 45.00, 10: 30.00}
IND_2568 = {1: 88.00, 2: 86.00, 3: 90.00, 4: 80.00, 5: 84.00, 6: 90.00, 7: 85.00, 8: 87.00, 9: 92.50, 10: 75.00}


def plain(html: str) -> str:
    html = re.sub(r"<svg.*?</svg>", "", html.replace("\u200b", ""), flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html)).strip()


def history(make_params, previous, **over):
    data = make_params(assessment={"year": 2568, "indicators": IND_2568}, previous=previous,
                       style={"thai_digits": False}, **over)
    return AnalysisReport(validate(data))


LETTERS_THEN_RATINGS = [
    {"year": 2565, "total": 59.91, "level": "D", "indicators": IND_2565},
    {"year": 2566, "total": 71.20, "level": "C", "tools": {"IIT": 75.0, "EIT": 70.0, "OIT": 69.5}},
    {"year": 2567, "total": 80.35, "level": "ต้องปรับปรุง"},
]


def test_letters_then_ratings_each_on_its_own_scale(make_params):
    r = history(make_params, LETTERS_THEN_RATINGS)
    t = r.trend
    assert [row.year for row in t.rows] == [2565, 2566, 2567, 2568]
    assert [row.scale.kind for row in t.rows] == ["letter", "letter", "rating", "rating"]
    assert [row.level_in_scale for row in t.rows] == [True, True, True, True]
    year, old, new = t.scale_change
    assert (year, old.kind, new.kind) == (2567, "letter", "rating")
    assert new.unconfirmed and not old.unconfirmed  # the 2567 change is marked unconfirmed in the data
    text = plain(r.trends().html)
    assert "ตั้งแต่ปี 2567 เกณฑ์ระดับผลการประเมินเปลี่ยนจากระดับตัวอักษร AA–F" in text
    assert "ไม่นำระดับของสองเกณฑ์มาเทียบกัน" in text
    assert "ปี 2565 ระดับ D ปี 2566 ระดับ C ปี 2567 ระดับต้องปรับปรุง" in text
    # no sentence puts a letter and a rating in one comparison ("from D to ผ่าน", "D → ผ่าน")
    assert not re.search(r"(จาก|→)\s*(ระดับ\s*)?[A-F]{1,2}\s*(เป็น|→)", text)
    # changes are of scores: 2568 total against each earlier one
    totals = [row.total for row in t.rows]
    assert [row.change for row in t.rows[1:]] == [round(b - a, 2) for a, b in zip(totals, totals[1:])]
    # tools of 2565 computed from its indicators, 2566's as given, 2567 none
    assert t.rows[0].tools_computed and t.rows[0].tools["OIT"] == 37.5
    assert t.rows[1].tools == {"IIT": 75.0, "EIT": 70.0, "OIT": 69.5} and not t.rows[1].tools_computed
    assert t.rows[2].tools == {}


def test_indicators_that_rose_and_fell_most(make_params):
    prev_2567 = {n: v + 3 for n, v in IND_2568.items()} | {9: 100.0, 4: 70.0}
    r = history(make_params, LETTERS_THEN_RATINGS[:2] + [{"year": 2567, "total": 85.0, "level": "ผ่าน",
                                                        "indicators": prev_2567}])
    t = r.trend
    expected = sorted(((n, round(IND_2568[n] - IND_2565[n], 2)) for n in IND_2568), key=lambda x: (-x[1], x[0]))
    assert [(m.number, m.change) for m in t.rose] == expected[:3]
    assert t.fell == []  # every indicator rose since 2565
    since_2567 = sorted(((n, round(IND_2568[n] - prev_2567[n], 2)) for n in IND_2568), key=lambda x: (x[1], x[0]))
    assert [(m.number, m.change) for m in t.fell_last] == since_2567[:3]
    assert [m.number for m in t.rose_last] == [4]
    text = plain(r.trends().html)
    assert "เมื่อเทียบปี 2565 กับปี 2568 ตัวชี้วัดที่คะแนนเพิ่มขึ้นมากที่สุด" in text
    assert "ตัวชี้วัดที่ 9 การเปิดเผยข้อมูล (-7.50)" in text


def test_national_figures_per_year_with_their_source(make_params):
    r = history(make_params, LETTERS_THEN_RATINGS)
    rows = {row.year: row for row in r.trend.rows}
    for year in (2565, 2566, 2568):
        stored = load_framework(year).national(year)
        assert rows[year].national == stored and stored.sources and stored.source_th
    assert rows[2567].national is None and "ไม่พบ" in rows[2567].national_note
    text = plain(r.trends().html)
    assert "คะแนนเฉลี่ยทั้งประเทศ 93.82 คะแนน" in text and "ร้อยละ 94.17" in text
    assert "¹ ที่มา: ผลการประเมิน ITA ระดับประเทศที่สำนักงาน ป.ป.ช. เผยแพร่" in text
    assert "(ปี 2565 2566 และ 2568)" in text and "ปี 2567" in text
    total = r.analysis.total
    assert f"({total:.2f}) {'ต่ำกว่า' if total < 93.82 else 'สูงกว่า'}ค่าเฉลี่ย" in text
    fig = trend_chart(r.analysis, r.trend)
    national = next(line for line in fig.axes[0].lines if line.get_gid() == "national")
    ys = list(national.get_ydata())
    assert ys[0] == 87.57 and ys[1] == 90.19 and math.isnan(ys[2]) and ys[3] == 93.82  # no bridge over 2567
    scale = next(line for line in fig.axes[0].lines if line.get_gid() == "scale-change")
    assert list(scale.get_xdata()) == [2566.5, 2566.5]


def test_a_level_off_its_years_scale_is_flagged(make_params):
    r = history(make_params, [{"year": 2566, "total": 88.0, "level": "ผ่านดี"},  # a rating in a letter year
                              {"year": 2567, "total": 90.0, "level": "A"}])  # a letter in a rating year
    assert [row.level_in_scale for row in r.trend.rows] == [False, False, True]
    text = plain(r.trends().html)
    assert "ระดับ “ผ่านดี” ของปี 2566 ไม่อยู่ในระดับของปีนั้น (AA–F)" in text
    assert "ระดับ “A” ของปี 2567 ไม่อยู่ในระดับของปีนั้น" in text
    assert len(r.trend.as_dict()["problems"]) == 2


def test_any_number_of_years_shows_the_last_five(make_params):
    previous = [{"year": y, "total": 60 + (y - 2560) * 3, "level": None} for y in range(2560, 2568)]
    r = history(make_params, previous)
    assert len(r.trend.rows) == 9 and [row.year for row in r.trend.shown] == list(range(2568 - LAST_YEARS + 1, 2569))
    assert r.trend.rows[0].scale is None  # no framework stored for 2560: its level is on no known scale
    assert "2564–2568" in trend_text(r.analysis, r.trend).caption


def test_the_failing_example_crosses_the_change_of_scale():
    r = AnalysisReport(load_params(FAILING))
    t = r.trend
    assert [(row.year, row.level, row.scale.kind) for row in t.rows] == [
        (2565, "D", "letter"), (2566, "C", "letter"), (2567, "ต้องปรับปรุงโดยด่วน", "rating"),
        (2568, "ต้องปรับปรุงโดยด่วน", "rating")]
    data = yaml.safe_load(FAILING.read_text(encoding="utf-8"))
    for entry in data["previous"]:  # each year's tools, given or computed, match its indicators
        row = next(x for x in t.rows if x.year == entry["year"])
        fw = load_framework(entry["year"])
        for tool in fw.tools:
            mean = sum(entry["indicators"][n] for n in fw.indicators_of(tool)) / len(fw.indicators_of(tool))
            assert row.tools[tool] == pytest.approx(mean, abs=0.006)
    text = plain(r.trends().html)
    assert "ลดลง 4.21 คะแนน" in text and "ตัวชี้วัดที่ 9 การเปิดเผยข้อมูล (-18.04)" in text


def test_score_json_has_the_trend(run_cli):
    code, out, _ = run_cli("score", FAILING, "--json")
    years = json.loads(out)["trends"]["years"]
    assert [(y["year"], y["scale"]) for y in years] == [(2565, "letter"), (2566, "letter"), (2567, "rating"),
                                                        (2568, "rating")]
    assert json.loads(out)["trends"]["scale_change"] == {"year": 2567, "from": "letter", "to": "rating"}


# -- peers -----------------------------------------------------------------------------------
PEERS = {"year": 2568, "province": {"area": "ราชบุรี", "rank": 3, "count": 12, "percentile": 75.0},
         "district": {"area": "เมือง", "rank": 1, "count": 4, "percentile": 75.0}}


def test_peers_are_printed_only_when_present(make_params):
    without = plain(history(make_params, []).trends().html)
    assert "ลำดับที่" not in without
    text = plain(history(make_params, [], peers=PEERS).trends().html)
    assert "ลำดับที่ 3 จาก 12 แห่งในจังหวัดราชบุรี คะแนนรวมสูงกว่าหน่วยงานร้อยละ 75.00" in text
    assert "ลำดับที่ 1 จาก 4 แห่งในอำเภอเมือง" in text


@pytest.mark.parametrize("bad, field", [
    ({"rank": 13, "count": 12, "percentile": 0}, "peers.province"),
    ({"rank": 3, "count": 12, "percentile": 90}, "peers.province"),
    ({"rank": 0, "count": 12, "percentile": 0}, "peers.province.rank"),
])
def test_bad_peer_figures_are_named(make_params, bad, field):
    with pytest.raises(InputErrors) as exc:
        validate(make_params(peers={"year": 2568, "province": {"area": "ราชบุรี", **bad}}))
    assert any(e.location.field.startswith(field) for e in exc.value.errors)


def test_seed_003_has_the_section_with_one_earlier_total():
    r = AnalysisReport(load_params(SEED003))
    html = r.trends().html
    text = plain(html)
    assert "ไม่มีคะแนนรายตัวชี้วัด" in text and "๙๓.๘๒" in text  # Thai digits, as the params ask
    assert "<svg" not in html  # two totals only: the history chart already shows them, no second chart
    assert "<svg" in AnalysisReport(load_params(FAILING)).trends().html
