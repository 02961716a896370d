"""What keeps a long analysis within its page budget (README, "How long each document type runs"): no block
says twice what another prints, and each cut keeps what it leaves out somewhere in the document."""
from __future__ import annotations

import re

import yaml
from bs4 import BeautifulSoup

from tests.support import EXAMPLES, SEED003
from toolkit.documents.analysis.analyse import analyse
from toolkit.documents.analysis.report import AnalysisReport
from toolkit.documents.analysis.text import indicator_analysis
from toolkit.documents.analysis.writer import Writer
from toolkit.documents.registry import load_params, validate

FAILING = EXAMPLES / "thungtuayang_2569.yaml"


def _plain(html: str) -> str:
    return re.sub(r"<[^>]+>|\u200b", "", html)


def test_history_chart_is_left_to_the_trend_section_when_it_draws_the_totals():
    r = AnalysisReport(load_params(FAILING))
    assert r.trend.drawable and r.trends() is not None and "<svg" in r.trends().html
    assert r.history_chart() is None
    data = yaml.safe_load(SEED003.read_text(encoding="utf-8"))  # totals of two years only: nothing else to draw
    data["previous"] = [{"year": 2567, "total": 96.01}]
    only_totals = AnalysisReport(validate(data))
    assert not only_totals.trend.drawable
    assert only_totals.history_chart() is not None


def test_a_passing_indicator_beside_an_urgent_one_explains_its_lowest_item_only():
    a = analyse(load_params(FAILING))
    assert a.weaknesses  # urgent indicators present
    w = Writer(a)
    ind = a.indicator(1)  # 88.57: passes, three items under 95
    under = [i for i in ind.items if round(i.score, 2) < w.develop_below]
    assert len(under) >= 2
    t = indicator_analysis(a, 1)
    assert t.status == "develop" and len(t.weak_items) == 1
    assert t.weak_items == [min(under, key=lambda i: i.score).code]
    # without urgent ones the same indicator explains up to lowest_items of them
    data = yaml.safe_load(FAILING.read_text(encoding="utf-8"))
    data["assessment"]["indicators"] = {n: max(v, 86) for n, v in data["assessment"]["indicators"].items()}
    data["assessment"].pop("reported", None)
    passing = analyse(validate(data))
    assert not passing.weaknesses
    assert len(indicator_analysis(passing, 1).weak_items) == min(len(under), int(w.kb["lowest_items"]))


def test_one_period_for_every_measure_is_said_before_the_table_not_in_a_column():
    r = AnalysisReport(load_params(FAILING))
    soup = BeautifulSoup(r.measures().html, "html.parser")
    heads = [th.get_text("").replace("\u200b", "") for th in soup.select("table.plan thead th")]
    assert "ระยะเวลาดำเนินการ" not in heads and len(heads) == 7
    assert [c["class"][0] for c in soup.select("table.plan col")][4] == "m-steps-wide"
    intro = soup.select_one("p.para").get_text("").replace("\u200b", "")
    assert "ทุกรายการมีระยะเวลาดำเนินการตั้งแต่ 1 ต.ค. 68 ถึง 30 ก.ย. 69" in intro
    assert all(len(tr.find_all("td")) == 7 for tr in soup.select("table.plan tbody tr:not(.group)"))


def test_measures_with_their_own_periods_keep_the_column():
    data = yaml.safe_load(SEED003.read_text(encoding="utf-8"))
    data["measures"] = [
        {"indicator": 4, "name": "ทำทะเบียนยืมคืนพัสดุ", "responsible": "กองคลัง", "steps": ["ขั้นแรก", "ขั้นสอง"]},
        {"indicator": [6, 7], "name": "ปรับปรุงเว็บไซต์", "responsible": "สำนักปลัด",
         "start": "2025-11-01", "end": "2026-03-31"},
    ]
    soup = BeautifulSoup(AnalysisReport(validate(data)).measures().html, "html.parser")
    heads = [th.get_text("").replace("\u200b", "") for th in soup.select("table.plan thead th")]
    assert "ระยะเวลาดำเนินการ" in heads and len(heads) == 8
    assert "ทุกรายการมีระยะเวลาดำเนินการ" not in _plain(str(soup.select_one("p.para")))
    assert "๑ พ.ย. ๖๘ ถึง ๓๑ มี.ค. ๖๙" in _plain(str(soup))
