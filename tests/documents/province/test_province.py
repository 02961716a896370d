"""Province summary: manifest validation, statistics, priority order, escaping, charts, and one real render.

The hand-made manifest below has round scores so every expected figure is worked out by hand in the
comments, independently of the code under test.
"""
from __future__ import annotations

import copy
import json
import re
import shutil
import warnings
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt  # only to prove the charts never register figures with pyplot
import nbformat
import numpy as np
import pandas as pd
import pytest
from matplotlib.collections import QuadMesh

from tests.support import NOTEBOOKS, PROVINCE_EXAMPLE
from tests.support import run as _run
from toolkit.documents.province import cells as pcells
from toolkit.documents.province import charts as pcharts
from toolkit.documents.province import heatmap as pheat
from toolkit.documents.province import stats as pstats
from toolkit.documents.province import text as ptext
from toolkit.documents.province.charts import level_chart
from toolkit.documents.province.heatmap import heatmap_chart, heatmap_pages
from toolkit.documents.province.model import ManifestError, load_manifest
from toolkit.documents.province.report import ProvinceReport
from toolkit.documents.province.stats import ProvinceSummary
from toolkit.documents import registry
from toolkit.documents.registry import load_params
from toolkit.frameworks import load_framework
from toolkit.kit import chartstyle as cs
from toolkit.kit import places, thai
from toolkit.kit.errors import FrameworkError, InputErrors
from toolkit.run import render

EXAMPLE = PROVINCE_EXAMPLE
NOTEBOOK = NOTEBOOKS / "province_summary.ipynb"
THAI_DIGIT = re.compile("[๐-๙]")
ARABIC_DIGIT = re.compile("[0-9]")
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'

ABT = "องค์การบริหารส่วนตำบล"
TT = "เทศบาลตำบล"


def scores(ind: list[float], total: float, level: str | None, previous: float | None, tools=True) -> dict:
    out = {"total": total, "indicators": {str(n): v for n, v in enumerate(ind, start=1)},
           "previous_total": previous}
    if level is not None:
        out["level"] = level
    if tools:
        out["tools"] = {"IIT": sum(ind[:5]) / 5, "EIT": sum(ind[5:8]) / 3, "OIT": sum(ind[8:]) / 2}
    return out


def entry(name, district, status="ok", sc=None, error=None, kind=None, row=None):
    return {"key": name, "row": row, "organisation": {"name": name, "type": kind or "", "district": district,
                                                       "province": "ราชบุรี"},
            "fiscal_year": 2569, "assessment_year": 2568, "status": status, "error": error, "scores": sc}


# Totals by hand (0.3·IIT + 0.3·EIT + 0.4·OIT):
#   A all 96 → 96;  B all 90 → 90;  C IIT 90 EIT 90 OIT (80+70)/2=75 → 27+27+30 = 84
#   D IIT 80 EIT 70 OIT 50 → 24+21+20 = 65;  E IIT (90·3+84+96)/5=90, EIT 90, OIT 90 → 90
#   G IIT (100·4+80)/5=96, EIT 95, OIT (100+80)/2=90 → 28.8+28.5+36 = 93.3
MANIFEST = {
    "fiscal_year": 2569, "province": "ราชบุรี", "assessment_year": 2568,
    "entries": [
        entry(ABT + "ขุนเขา", "เมืองราชบุรี", sc=scores([96] * 10, 96, "ผ่านดีเยี่ยม", 90), row=2),
        entry(ABT + "เกาะแก้ว", "โพธาราม", status="skipped", sc=scores([90] * 10, 90, "ผ่านดี", 92), row=3),
        entry(TT + "บ้านนา", "เมืองราชบุรี", sc=scores([90] * 8 + [80, 70], 84, "ต้องปรับปรุง", 84), row=4),
        # no tools, no level, no previous year: the loader computes tools and level
        entry(ABT + "ดอนดี", "บางแพ", sc=scores([80] * 5 + [70] * 3 + [50] * 2, 65, None, None, tools=False), row=5),
        entry(ABT + "ขนุน", "จอมบึง", sc=scores([90, 90, 90, 84, 96, 90, 90, 90, 90, 90], 90, "ผ่านดี", 85.5), row=6),
        entry(ABT + "ล้มเหลว", "บ้านคา", status="failed", error={"th": "ไม่พบไฟล์ข้อมูล", "en": "file not found"},
              row=7),
        entry(TT + "ท่าน้ำ", "บางแพ", sc=scores([100, 100, 100, 80, 100, 95, 95, 95, 100, 80], 93.3, "ผ่านดี", None),
              row=8),
    ],
}
A, B, C, D, E, F, G = (e["organisation"]["name"] for e in MANIFEST["entries"])


def write(tmp_path: Path, data: dict, name: str = "manifest.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def manifest_file(tmp_path) -> Path:
    return write(tmp_path, MANIFEST)


@pytest.fixture
def summary(manifest_file) -> ProvinceSummary:
    return ProvinceSummary.load(manifest_file)


@pytest.fixture(scope="module")
def example() -> ProvinceReport:
    return ProvinceReport.load(EXAMPLE)


def text_of(section) -> str:
    """Visible text of a section: tags out, entities decoded, word-break hints gone."""
    html = re.sub(r"<(script|style)\b.*?</\1>", "", section.html, flags=re.S)
    text = re.sub(r"<[^>]+>", "", html)
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&#34;", '"').replace("&quot;", '"')
    text = text.replace("&#39;", "'").replace("&amp;", "&")
    return re.sub(r"[\s\u200b]+", " ", text)


# ----------------------------------------------------------------------------------- manifest


def test_load_manifest_normalises(manifest_file):
    m = load_manifest(manifest_file)
    assert m["province"] == "ราชบุรี" and m["assessment_year"] == 2568 and m["framework"] == "ita-2568"
    assert m["source"] == str(manifest_file)
    d = m["entries"][3]["scores"]
    assert sorted(d["indicators"]) == list(range(1, 11))  # JSON's string keys become ints
    assert d["tools"] == {"IIT": 80, "EIT": 70, "OIT": 50}  # computed: the entry gave none
    assert d["level"] == "ต้องปรับปรุงโดยด่วน"  # 65 < 70 on the 2568 rating scale
    assert d["previous_total"] is None and d["change"] is None
    assert m["entries"][0]["scores"]["change"] == 6  # 96 - 90, computed when the entry gives none
    assert m["entries"][5]["status"] == "failed" and m["entries"][5]["scores"] is None


def test_load_manifest_collects_every_error_with_file_and_entry(tmp_path):
    data = copy.deepcopy(MANIFEST)
    data["entries"][2]["scores"]["total"] = 120
    del data["entries"][3]["scores"]["indicators"]["9"]
    data["entries"][4]["status"] = "done"
    data["entries"][6]["organisation"]["province"] = "กาญจนบุรี"
    data["entries"][1]["key"] = data["entries"][0]["key"]
    data["entries"][0]["scores"]["change"] = 1.5  # 96 - 90 is 6
    path = write(tmp_path, data, "ราชบุรี.json")
    with pytest.raises(InputErrors) as info:
        load_manifest(path)
    fields = [e.location.field for e in info.value.errors]
    assert fields == ["entries[0].scores.change", "entries[1].key", "entries[2].scores.total",
                      "entries[3].scores.indicators", "entries[4].status", "entries[6].organisation.province"]
    for err in info.value.errors:
        assert str(path) in err.message_en() and str(path) in err.message_th()
    assert "entries[2].scores.total: expected a number from 0 to 100 (got 120)" in info.value.message_en()
    assert "ต้องเป็นตัวเลขระหว่าง 0 ถึง 100" in info.value.message_th()


def test_batch_entries_of_other_documents_and_broken_rows(tmp_path):
    data = copy.deepcopy(MANIFEST)
    progress = copy.deepcopy(data["entries"][0])
    progress.update(document="ita_progress", scores=None, key="progress")  # another document: no scores
    broken = {"key": "row-9", "row": 9, "status": "failed", "organisation": {"name": None, "district": 12},
              "fiscal_year": 2569, "assessment_year": None, "error": {"th": "ชื่อหน่วยงานว่าง", "en": "empty name"}}
    data["entries"] += [progress, broken]
    data["entries"][0]["document"] = "ita_analysis"
    s = ProvinceSummary.load(write(tmp_path, data))
    assert len(s.df) == 6  # the progress report's entry is not an organisation of its own
    assert list(s.failed["name"]) == [F, "ไม่ทราบชื่อหน่วยงาน"] and list(s.failed["row"]) == [7, 9]
    assert list(s.failed["district"]) == ["บ้านคา", "12"]


def test_load_manifest_file_problems(tmp_path):
    with pytest.raises(ManifestError, match="manifest file not found") as info:
        load_manifest(tmp_path / "missing.json")
    assert "missing.json" in info.value.message_th()
    bad = tmp_path / "bad.json"
    bad.write_text('{"fiscal_year": 2569,\n "entries": [}', encoding="utf-8")
    with pytest.raises(ManifestError, match=r"bad\.json, line 2: the manifest must be valid JSON"):
        load_manifest(bad)
    with pytest.raises(InputErrors, match="province"):
        load_manifest(write(tmp_path, {"fiscal_year": 2569, "assessment_year": 2568, "entries": []}))
    with pytest.raises(FrameworkError):
        load_manifest(write(tmp_path, {**MANIFEST, "assessment_year": 2501}))


def test_the_bundled_example():
    m = load_manifest(EXAMPLE)
    assert m["province"] == "ราชบุรี" and m["fiscal_year"] == 2569 and m["assessment_year"] == 2568
    assert len(m["entries"]) == 13
    assert [e["status"] for e in m["entries"]].count("failed") == 1
    samruean = next(e for e in m["entries"] if e["organisation"]["name"] == ABT + "สามเรือน")
    s = samruean["scores"]  # the published figures of params/examples/samruean_2569.yaml
    assert (s["total"], s["level"], s["previous_total"], s["change"]) == (96.79, "ผ่านดี", 96.01, 0.78)
    assert s["tools"] == {"IIT": 96.86, "EIT": 95.77, "OIT": 97.5}
    assert s["indicators"][4] == 89.05 and s["indicators"][6] == 96.26
    districts = {e["organisation"]["district"] for e in m["entries"]}
    assert districts <= {"เมืองราชบุรี", "จอมบึง", "สวนผึ้ง", "ดำเนินสะดวก", "บ้านโป่ง", "บางแพ", "โพธาราม",
                         "ปากท่อ", "วัดเพลง", "บ้านคา"}


# ----------------------------------------------------------------------------------- statistics


def test_failed_entries_are_listed_but_not_counted(summary, manifest_file):
    assert list(summary.failed["name"]) == [F] and summary.failed.iloc[0]["error_th"] == "ไม่พบไฟล์ข้อมูล"
    assert len(summary.df) == 6 and F not in set(summary.df["name"])
    assert summary.df.set_index("name").loc[B, "status"] == "skipped"  # reused: counted like ok
    report = ProvinceReport.load(manifest_file)
    failures = text_of(report.failures())
    assert F in failures and "ไม่พบไฟล์ข้อมูล" in failures and "บ้านคา" in failures
    assert F not in text_of(report.ranking())
    assert "บ้านคา" not in set(summary.district_summary().index)
    clean = copy.deepcopy(MANIFEST)
    clean["entries"] = [e for e in clean["entries"] if e["status"] != "failed"]
    assert ProvinceReport.load(write(manifest_file.parent, clean, "clean.json")).failures() is None


def test_overview(summary):
    o = summary.overview()
    # totals 96, 90, 84, 65, 90, 93.3: sum 518.3 over 6; sorted 65 84 90 90 93.3 96 → median (90 + 90) / 2
    assert o["count"] == 6
    assert o["mean"] == pytest.approx(518.3 / 6)
    assert o["median"] == 90 and o["min"] == 65 and o["max"] == 96
    assert o["passed"] == 4 and o["passed_share"] == pytest.approx(400 / 6)  # A B E G
    assert o["with_weak"] == 4  # C (9, 10), D (all), E (4), G (4, 10)
    assert o["best"] == A and o["worst"] == D


def test_level_distribution_follows_the_scale_of_the_year(summary):
    dist = summary.level_distribution()
    assert list(dist.index) == load_framework(2568).levels.names == [
        "ผ่านดีเยี่ยม", "ผ่านดี", "ผ่าน", "ต้องปรับปรุง", "ต้องปรับปรุงโดยด่วน"]
    assert list(dist["count"]) == [1, 3, 0, 1, 1]
    assert dist.loc["ผ่านดี", "share"] == pytest.approx(50)


def test_level_distribution_on_the_letter_scale_and_unknown_levels(tmp_path):
    data = copy.deepcopy(MANIFEST)
    data["assessment_year"] = 2566
    for e, level in zip(data["entries"], ["AA", "A", "B", None, "ผ่านดี", None, "A"]):
        e["assessment_year"] = 2566
        if e["scores"]:
            e["scores"]["level"] = level
    path = write(tmp_path, data)
    s = ProvinceSummary.load(path)
    dist = s.level_distribution()
    # the letter scale in its order, then a level the scale does not know; D's level, missing, is computed
    assert list(dist.index) == ["AA", "A", "B", "C", "D", "E", "F", "ผ่านดี"]
    assert list(dist["count"]) == [1, 2, 1, 1, 0, 0, 0, 1]  # 65 is C (65–74.99)
    assert list(dist["in_scale"]) == [True] * 7 + [False]
    assert s.passing_levels == ["AA", "A"]
    assert "*" in text_of(ProvinceReport.load(path).overview())  # the unknown level is flagged


def test_ranking_by_total_with_thai_order_for_ties(summary):
    r = summary.ranking()
    # B (เกาะแก้ว) and E (ขนุน) both have 90: Thai order skips the leading vowel เ, so เกาะ (ก) comes
    # before ขนุน (ข), where code-point order would put ข (U+0E02) before เ (U+0E40)
    assert list(r["name"]) == [A, G, B, E, C, D]
    assert sorted([B, E]) == [E, B]  # the trap this test guards against
    assert list(r["rank"]) == [1, 2, 3, 3, 5, 6]  # equal totals share a rank


def test_indicator_and_tool_averages(summary):
    ind = summary.indicator_summary()
    assert list(ind.index) == list(range(1, 11))
    # indicator 4: A 96, B 90, C 90, D 80, E 84, G 80 → 520 / 6; below 85: D, E, G
    assert ind.loc[4, "mean"] == pytest.approx(520 / 6)
    assert ind.loc[4, "below"] == 3 and ind.loc[4, "share_below"] == pytest.approx(50)
    # indicator 9: 96 90 80 50 90 100 → 506 / 6; below: C, D
    assert ind.loc[9, "mean"] == pytest.approx(506 / 6) and ind.loc[9, "below"] == 2
    assert ind.loc[9, "share_below"] == pytest.approx(200 / 6)
    # indicator 10: 96 90 70 50 90 80 → 476 / 6; below: C, D, G
    assert ind.loc[10, "mean"] == pytest.approx(476 / 6) and ind.loc[10, "below"] == 3
    assert ind.loc[10, "min"] == 50 and ind.loc[10, "name"] == "การป้องกันการทุจริต"
    tools = summary.tool_summary()
    # IIT: A 96, B 90, C 90, D 80, E 90, G 96 → 542 / 6; OIT: 96 90 75 50 90 90 → 491 / 6, below: C, D
    assert tools.loc["IIT", "mean"] == pytest.approx(542 / 6)
    assert tools.loc["OIT", "mean"] == pytest.approx(491 / 6) and tools.loc["OIT", "below"] == 2
    assert tools.loc["EIT", "mean"] == pytest.approx((96 + 90 + 90 + 70 + 90 + 95) / 6)


def test_change_against_last_year(summary):
    ch = summary.change_summary()
    # A +6, B -2, C 0, E +4.5; D and G have no previous total
    assert (ch["improved"], ch["declined"], ch["unchanged"], ch["unknown"]) == (2, 1, 1, 2)
    assert ch["mean_change"] == pytest.approx(8.5 / 4)
    assert list(ch["gains"]["name"]) == [A, E] and list(ch["gains"]["change"]) == [6, 4.5]
    assert list(ch["drops"]["name"]) == [B] and list(ch["drops"]["change"]) == [-2]


def test_district_and_type_summaries_in_thai_order(summary):
    d = summary.district_summary()
    # Thai order skips leading vowels: โพธาราม files under พ, เมืองราชบุรี under ม
    assert list(d.index) == ["จอมบึง", "บางแพ", "โพธาราม", "เมืองราชบุรี"]
    assert d.loc["บางแพ", "count"] == 2 and d.loc["บางแพ", "mean"] == pytest.approx((65 + 93.3) / 2)
    assert d.loc["บางแพ", "passed"] == 1 and d.loc["บางแพ", "with_weak"] == 2
    assert d.loc["เมืองราชบุรี", "mean"] == pytest.approx(90) and d.loc["เมืองราชบุรี", "min"] == 84
    t = summary.type_summary()
    assert dict(t["count"]) == {TT: 2, ABT: 4}  # types filled in from the names where the entry left them blank


def test_priority_order(summary):
    pr = summary.priorities()
    # D and C are below the pass line: D's level (ต้องปรับปรุงโดยด่วน) is the lower one, so D first.
    # G and E pass; G has two indicators below 85 and E one, so G comes before E although E's total is lower.
    # A and B have no weakness and are not listed.
    assert list(pr["name"]) == [D, C, G, E]
    assert list(pr["priority"]) == [1, 2, 3, 4]
    assert list(pr["failing"]) == [True, True, False, False]
    assert [n for n, _ in pr.iloc[2]["weak"]] == [4, 10]  # lowest first, then by number: both 80
    reasons = ptext.priority_reasons(pr.iloc[1], summary)
    assert reasons[0] == "คะแนนรวม ๘๔.๐๐ คะแนน ต่ำกว่าเกณฑ์ ๘๕ คะแนน (ระดับต้องปรับปรุง)"
    assert reasons[1] == "มีตัวชี้วัดต่ำกว่าเกณฑ์ ๒ ตัว ได้แก่ ตัวชี้วัดที่ ๑๐ (๗๐.๐๐) และตัวชี้วัดที่ ๙ (๘๐.๐๐)"
    assert ptext.priority_reasons(pr.iloc[3], summary, thai_digits=False)[0] == (
        "มีตัวชี้วัดต่ำกว่าเกณฑ์ 1 ตัว ได้แก่ ตัวชี้วัดที่ 4 (84.00)")


def test_priority_severity_and_ties():
    fw = load_framework(2568)
    rows = []
    for name, total, level, weak in [("ข", 60, "ต้องปรับปรุงโดยด่วน", 3), ("ก", 69, "ต้องปรับปรุงโดยด่วน", 5),
                                     ("ค", 80, "ต้องปรับปรุง", 9), ("ง", 80, "ต้องปรับปรุง", 9),
                                     ("จ", 95, "ผ่านดี", 0)]:
        inds = {f"ind{n}": (50.0 if n <= weak else 95.0) for n in fw.indicators}
        rows.append({"name": name, "total": total, "level": level, "IIT": 90, "EIT": 90, "OIT": 90, **inds,
                     "weak_count": weak, "change": np.nan})
    pr = pstats.priorities(pd.DataFrame(rows), fw)
    # same level: more weak indicators first (ก before ข although ข's total is lower); then a lower level
    # always before a higher one (ต้องปรับปรุงโดยด่วน before ต้องปรับปรุง); equal in all: Thai name order
    assert list(pr["name"]) == ["ก", "ข", "ค", "ง"]


# ----------------------------------------------------------------------------------- text


def test_summary_paragraphs(summary):
    paras = ptext.summary_paragraphs(summary)
    assert len(paras) == 5
    head, levels, indicators, change, help_first = paras
    assert "จังหวัดราชบุรี" in head and "ประจำปีงบประมาณ พ.ศ. ๒๕๖๘" in head
    assert "มีจำนวน ๖ แห่ง" in head and "ไม่รวมอีก ๑ แห่งที่ยังประมวลผลไม่สำเร็จ" in head
    assert "คะแนนรวมเฉลี่ย ๘๖.๓๘ คะแนน ค่ามัธยฐาน ๙๐.๐๐ คะแนน" in head  # 518.3 / 6 = 86.383…
    assert f"สูงสุด ๙๖.๐๐ คะแนน ได้แก่ {A}" in head and f"ต่ำสุด ๖๕.๐๐ คะแนน ได้แก่ {D}" in head
    assert "ผ่านเกณฑ์ ๘๕ คะแนน ๔ แห่ง คิดเป็นร้อยละ ๖๖.๖๗" in head
    assert levels.startswith("เมื่อจำแนกตามระดับผลการประเมิน อยู่ในระดับผ่านดีเยี่ยม ๑ แห่ง (ร้อยละ ๑๖.๖๗) "
                             "ระดับผ่านดี ๓ แห่ง (ร้อยละ ๕๐.๐๐)")
    assert levels.endswith("ส่วนระดับผ่าน ไม่มีหน่วยงานใด")
    # lowest averages: 10 (79.33), 9 (84.33), 4 (86.67)
    assert "ตัวชี้วัดที่ ๑๐ การป้องกันการทุจริต (เฉลี่ย ๗๙.๓๓ คะแนน ต่ำกว่าเกณฑ์ ๓ แห่ง คิดเป็นร้อยละ ๕๐.๐๐)" in indicators
    assert indicators.index("ตัวชี้วัดที่ ๑๐") < indicators.index("ตัวชี้วัดที่ ๙") < indicators.index("ตัวชี้วัดที่ ๔")
    assert "และ OIT" in indicators  # a space before Latin letters
    assert "เมื่อเทียบกับผลการประเมินประจำปีงบประมาณ พ.ศ. ๒๕๖๗" in change
    assert "คะแนนรวมสูงขึ้น ๒ แห่ง ลดลง ๑ แห่ง และเท่าเดิม ๑ แห่ง" in change
    assert "อีก ๒ แห่ง ไม่มีคะแนนของปีก่อน" in change and "โดยเฉลี่ยคะแนนรวมสูงขึ้น ๒.๑๓ คะแนน" in change
    assert f"สูงขึ้นมากที่สุด คือ {A} (สูงขึ้น ๖.๐๐ คะแนน)" in change
    assert f"ลดลงมากที่สุด คือ {B} (ลดลง ๒.๐๐ คะแนน)" in change
    assert "ลำดับแรกมี ๔ แห่ง" in help_first
    assert help_first.index(D) < help_first.index(C) < help_first.index(G)
    assert not ARABIC_DIGIT.search(" ".join(paras).replace("OIT", "").replace("IIT", "").replace("EIT", ""))


def test_arabic_digits_and_recommendations(summary):
    paras = ptext.summary_paragraphs(summary, thai_digits=False)
    assert "มีจำนวน 6 แห่ง" in paras[0] and not THAI_DIGIT.search(" ".join(paras))
    recs = ptext.recommendations(summary)
    assert D in recs[0]
    # indicator 10 has the largest share below 85 (3 of 6): a meeting of those three, not a province-wide training
    # (tests/documents/province/test_recommendations.py); its best scorers are named as examples
    assert recs[1].startswith("ตัวชี้วัดที่ ๑๐ การป้องกันการทุจริต มีหน่วยงานต่ำกว่าเกณฑ์ ๓ แห่ง ได้แก่")
    assert "เฉพาะหน่วยงานกลุ่มนี้" in recs[1] and "ระดับจังหวัด" not in recs[1]
    assert f"{A} (๙๖.๐๐)" in recs[1]
    assert any("ประมวลผลไม่สำเร็จ ๑ แห่ง" in r for r in recs)


def test_empty_province(tmp_path):
    data = {**MANIFEST, "entries": [MANIFEST["entries"][5]]}  # only the failed one
    report = ProvinceReport.load(write(tmp_path, data))
    assert "ยังไม่มีผลการประเมิน" in text_of(report.overview())
    assert report.heatmap() is None and report.ranking() is None and report.levels_chart() is None
    assert F in text_of(report.failures()) and text_of(report.closing())


# ----------------------------------------------------------------------------------- HTML


def test_sections_render_and_hostile_text_stays_text(tmp_path):
    data = copy.deepcopy(MANIFEST)
    data["entries"][2]["organisation"]["name"] = TT + HOSTILE
    data["entries"][2]["organisation"]["district"] = "<b>บาง</b>&amp;"
    data["entries"][5]["error"] = {"th": "<iframe src=javascript:alert(1)>", "en": "x"}
    data["province"] = "ราชบุรี<svg onload=alert(1)>"
    for e in data["entries"]:
        e["organisation"]["province"] = data["province"]
    report = ProvinceReport.load(write(tmp_path, data))
    names = ["cover", "overview", "levels_chart", "totals_chart", "indicators", "heatmap", "ranking",
             "districts", "changes", "priorities", "failures", "closing"]
    html = "\n".join(getattr(report, n)().html for n in names)
    assert "<script" not in html and "<img" not in html and "<iframe" not in html and "<b>" not in html
    assert "onload=alert" not in html.replace("&lt;svg onload=alert", "")
    assert "&lt;script&gt;" in html and "&lt;iframe" in html and "&amp;lt;" not in html.replace(
        "&amp;amp;", "")  # escaped once, not twice
    assert "ทต." + HOSTILE in text_of(report.ranking())  # shown as text, whole
    assert TT + HOSTILE in text_of(report.priorities())
    assert "<iframe src=javascript:alert(1)>" in text_of(report.failures())
    # charts print the name as SVG text, escaped by matplotlib's writer
    svg = cs.to_svg(heatmap_chart(report.s))
    assert "<script" not in svg and "&lt;script&gt;" in svg


def test_sections_carry_the_figures(example):
    ranking = text_of(example.ranking())
    assert "อบต.สามเรือน" in ranking and "๙๖.๗๙" in ranking and "+๐.๗๘" in ranking
    assert "๔ การใช้ทรัพย์สินของราชการ (๘๙.๐๕)" in ranking
    overview = text_of(example.overview())
    assert "๑๒ แห่ง" in overview and "จังหวัดราชบุรี" in overview
    cover = text_of(example.cover())
    assert "จังหวัดราชบุรี" in cover and "๒๕๖๘" in cover and "๒๕๖๙" in cover
    assert 'class="province province-heatmap"' in example.heatmap().html  # 12 rows: no page break before
    closing = text_of(example.closing())  # final: the method note stays, provenance goes to the review sheet
    assert "หลักเกณฑ์การประเมิน ITA ปีงบประมาณ พ.ศ. ๒๕๖๘" in closing
    assert "ita-2568" not in closing and "province_ratchaburi_2569.json" not in closing and "อัตโนมัติ" not in closing
    draft = ProvinceReport(example.params.model_copy(update={"status": "draft"}))
    footer = text_of(draft.closing())
    assert "ita-2568" in footer and "province_ratchaburi_2569.json" in footer


def test_long_names_may_break_after_their_type():
    html = pcells.name_html(ABT + "หนองกระทุ่มงาม", {"หนองกระทุ่มงาม"})
    assert str(html).startswith('<span class="w">องค์การ</span><wbr><span class="w">บริหาร</span>')
    assert '<span class="w">หนองกระทุ่มงาม</span>' in str(html)
    assert "<wbr>" in str(pcells.loose_html("กองสาธารณสุขและสิ่งแวดล้อม"))  # a long unit name may break
    assert "<wbr>" not in str(pcells.loose_html("ต้องปรับปรุงโดยด่วน"))  # a level never does (issue 10)
    assert places.short_name(ABT + "สามเรือน") == "อบต.สามเรือน"
    assert places.short_name("เทศบาลเมืองโพธาราม") == "ทม.โพธาราม"
    assert places.short_name("เมืองพัทยา") == "เมืองพัทยา"


# ----------------------------------------------------------------------------------- charts


def _texts(fig) -> list[str]:
    return [t.get_text() for t in fig.findobj(matplotlib.text.Text) if t.get_text()]


def test_heatmap_cells_hold_the_scores_in_rank_order(summary):
    fig = heatmap_chart(summary)
    meshes = fig.findobj(QuadMesh)
    assert len(meshes) == 1 and meshes[0].get_gid() == "heatmap"
    values = np.asarray(meshes[0].get_array()).reshape(6, 10)
    by_name = {e["organisation"]["name"]: [e["scores"]["indicators"][str(n)] for n in range(1, 11)]
               for e in MANIFEST["entries"] if e["scores"]}
    expected = np.array([by_name[n] for n in [A, G, B, E, C, D]])
    assert values.shape == (6, 10) and np.array_equal(values, expected)
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0] == "๑. อบต.ขุนเขา" and labels[3] == "๓. อบต.ขนุน" and labels[5] == "๖. อบต.ดอนดี"
    assert [t.get_text() for t in ax.get_xticklabels()] == [thai.to_thai_digits(str(n)) for n in range(1, 11)]
    cell = next(t for t in fig.findobj(matplotlib.text.Text) if t.get_gid() == "cell-5-9")
    assert cell.get_text() == "๕๐.๐๐" and cell.get_fontweight() == "bold"  # D's indicator 10, below 85
    # colour break at the framework's pass line (85): 84.99 and 85 fall on either side
    B85 = pheat.heat_bounds(85)
    assert B85 == (0, 50, 65, 75, 85, 90, 95, 100.001) and pheat.heat_bounds(80)[:5] == (0, 50, 65, 75, 80)
    assert pheat._heat_bin(84.99, B85) == 3 and pheat._heat_bin(85, B85) == 4 and pheat._heat_bin(100, B85) == 6


def test_heatmap_pages_and_height(summary):
    assert heatmap_pages(12) == [(0, 12)]
    assert heatmap_pages(26) == [(0, 26)]
    assert heatmap_pages(41) == [(0, 21), (21, 41)]  # evenly, not 26 + 15
    assert heatmap_pages(250) == [(0, 26), (26, 64), (64, 102), (102, 139), (139, 176), (176, 213), (213, 250)]
    assert heatmap_pages(0) == []
    small = heatmap_chart(summary, True, 0, 2).get_size_inches()[1]
    large = heatmap_chart(summary, True, 0, 6).get_size_inches()[1]
    per_row = (large - small) / 4
    assert per_row == pytest.approx(pheat.HEAT_ROW_IN)

    def height_cm(rows: int) -> float:
        return (small + (rows - 2) * per_row) * 2.54

    # A4 text height is 25.2 cm; caption and figure margins take ~1.7 cm, the heading, note and key ~5.7 cm
    assert height_cm(pheat.HEATMAP_FIRST_ROWS) < 25.2 - 1.7 - 6.5
    assert height_cm(pheat.HEATMAP_ROWS) < 25.2 - 1.7


def test_charts_use_the_digit_style(summary):
    for td, wanted, unwanted in ((True, THAI_DIGIT, ARABIC_DIGIT), (False, ARABIC_DIGIT, THAI_DIGIT)):
        fig = level_chart(summary, td)
        fig.canvas.draw()
        ticks = [t.get_text() for t in fig.axes[0].get_xticklabels() if t.get_text()]
        assert ticks and all(wanted.search(t) and not unwanted.search(t) for t in ticks)
        heat = heatmap_chart(summary, td)
        assert [t.get_text() for t in heat.axes[0].get_xticklabels()][-1] == ("๑๐" if td else "10")
        texts = " ".join(_texts(heat) + _texts(pcharts.totals_chart(summary, td))
                         + _texts(pcharts.change_chart(summary, td)) + _texts(pcharts.indicator_chart(summary, td)))
        assert not unwanted.search(texts.replace("IIT", "").replace("EIT", "").replace("OIT", ""))


def test_level_chart_bars(summary):
    fig = level_chart(summary)
    bars = {p.get_gid(): p for p in fig.findobj(matplotlib.patches.Rectangle) if (p.get_gid() or "").startswith("bar")}
    assert [bars[f"bar-level-{i}"].get_width() for i in range(5)] == [1, 3, 0, 1, 1]
    assert bars["bar-level-1"].get_hatch() is None and bars["bar-level-3"].get_hatch() == cs.WEAKNESS_HATCH
    fig = pcharts.indicator_chart(summary)
    below = {p.get_gid(): p.get_width() for p in fig.findobj(matplotlib.patches.Rectangle)
             if (p.get_gid() or "").startswith("bar-below")}
    assert below["bar-below-3"] == pytest.approx(50) and below["bar-below-9"] == pytest.approx(50)
    lines = [ln for ln in fig.axes[0].get_lines() if ln.get_gid() == "pass-line"]
    assert lines and lines[0].get_xdata()[0] == 85


def test_change_chart_shows_the_extremes_of_many(tmp_path):
    data = copy.deepcopy(MANIFEST)
    template = data["entries"][1]
    data["entries"] = []
    for k in range(30):
        e = copy.deepcopy(template)
        e["organisation"]["name"] = ABT + f"ทดสอบ{k:02d}"
        e["key"] = e["organisation"]["name"]
        e["scores"]["previous_total"] = 90 - (k - 15) * 0.5  # changes -7 … +7.5
        data["entries"].append(e)
    s = ProvinceSummary.load(write(tmp_path, data))
    fig = pcharts.change_chart(s)
    bars = [p for p in fig.findobj(matplotlib.patches.Rectangle) if (p.get_gid() or "").startswith("bar-change")]
    assert len(bars) == 2 * pcharts.CHART_CHANGES
    assert any(t.get_gid() == "change-gap" and "๑๐ แห่ง" in t.get_text() for t in fig.findobj(matplotlib.text.Text))
    assert pcharts.change_chart(ProvinceSummary.load(write(tmp_path, {**MANIFEST, "entries": [
        MANIFEST["entries"][3]]}, "one.json"))) is None  # no previous totals: no chart


def test_charts_of_a_one_organisation_province_keep_their_plot(tmp_path):
    """One organisation (a batch of one): every chart is laid out, none squeezed to a line (it was: the change chart)."""
    one = copy.deepcopy(MANIFEST["entries"][0])
    one["scores"]["previous_total"] = 95.22  # +0.78: a small change, as samruean's
    s = ProvinceSummary.load(write(tmp_path, {**MANIFEST, "entries": [one]}, "one.json"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns when constrained layout collapses the axes
        figs = [level_chart(s), pcharts.totals_chart(s), pcharts.indicator_chart(s), heatmap_chart(s),
                pcharts.change_chart(s)]
    assert figs[-1] is not None  # the organisation has last year's total
    for fig in filter(None, figs):
        height = fig.axes[0].get_position().height * fig.get_size_inches()[1]
        assert height > 0.3, (fig.axes[0].get_title(), height)
    figs[-1].canvas.draw()
    change = figs[-1].axes[0]
    ticks = [(x, t.get_text()) for x, t in zip(change.get_xticks(), change.get_xticklabels())]
    # each tick says its own value (the change of 0.78 gave ticks every 0.25, printed as ๐.๓)
    assert all(thai.to_arabic_digits(text).lstrip("+") == f"{x:g}" for x, text in ticks
               if text), ticks
    assert pcharts.tick_places(0.25) == 2 and pcharts.tick_places(0.5) == 1 and pcharts.tick_places(-1.0) == 0


def test_charts_leave_no_pyplot_figures_and_no_rc_changes(summary):
    before = plt.get_fignums()
    rc = dict(matplotlib.rcParams)
    for fig in [level_chart(summary), pcharts.totals_chart(summary), pcharts.indicator_chart(summary),
                heatmap_chart(summary), pcharts.change_chart(summary)]:
        cs.to_svg(fig)
    assert plt.get_fignums() == before
    assert dict(matplotlib.rcParams) == rc


# ----------------------------------------------------------------------------------- notebook


def test_notebook_is_thin_and_parameterised():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    assert nb.cells[0].cell_type == "markdown" and "remove-cell" in nb.cells[0].metadata["tags"]
    params = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1 and 'params_file: "Optional[str]" = None' in params[0].source
    assert all(f"\n{key}: " in params[0].source for key in ("fiscal_year", "province", "assessment_year", "entries"))
    # with no parameters the notebook renders the type's bundled example
    assert registry.get("province_summary").example_paths()[0].resolve() == EXAMPLE.resolve()
    code = [c.source for c in nb.cells if c.cell_type == "code"][2:]
    assert all(re.fullmatch(r"report\.\w+\(\)", src) for src in code)
    calls = [src[len("report."):-2] for src in code]
    assert {"cover", "overview", "levels_chart", "indicators", "heatmap", "ranking", "changes", "priorities",
            "failures", "closing"} <= set(calls)
    assert all(callable(getattr(ProvinceReport, name)) for name in calls)


def test_render_rejects_a_bad_manifest_before_any_kernel(tmp_path):
    data = copy.deepcopy(MANIFEST)
    data["entries"][0]["scores"]["total"] = "96"
    with pytest.raises(InputErrors, match=r"entries\[0\]\.scores\.total"):
        render_manifest(write(tmp_path, data), tmp_path / "out")
    assert not (tmp_path / "out").exists()
    with pytest.raises(ValueError, match="unknown format"):
        render_manifest(EXAMPLE, tmp_path / "out", formats=("xlsx",))


# ----------------------------------------------------------------------------------- end to end


def render_manifest(path, out, formats=("html", "pdf", "ipynb")):
    """The province summary of a manifest, through the one render path every document takes."""
    return render(load_params(path), out, formats, source=str(path)).files



@pytest.mark.slow
@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="poppler-utils not installed")
def test_example_renders_to_html_and_pdf(tmp_path):
    files = render_manifest(EXAMPLE, tmp_path, formats=("html", "pdf", "ipynb"))
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "province_summary.html", "province_summary.ipynb", "province_summary.pdf", "province_summary.review.html"]
    assert files == {f: tmp_path / f"province_summary.{f}" for f in ("html", "pdf", "ipynb")} | {
        "review": tmp_path / "province_summary.review.html"}

    html = files["html"].read_text(encoding="utf-8")
    assert "ProvinceReport" not in html and "manifest_file" not in html and 'class="input"' not in html
    assert "<script" not in html and '<html lang="th"' in html
    title = re.search(r"<title>(.*?)</title>", html).group(1)
    assert "จังหวัดราชบุรี" in title and "๒๕๖๘" in title
    visible = re.sub(r"[\s\u200b]+", "", re.sub(r"<[^>]+>", "", re.sub(r"<style\b.*?</style>", "", html, flags=re.S)))
    assert "จังหวัดราชบุรี" in visible and "องค์การบริหารส่วนตำบลสามเรือน" in visible
    assert "องค์การบริหารส่วนตำบลรางบัวทอง" in visible  # the failed entry is listed
    assert html.count("<svg") >= 5  # level, totals, indicator, heatmap and change charts

    nb = nbformat.read(files["ipynb"], as_version=4)
    assert nb.metadata["ita"]["title"] == title and nb.metadata["ita"]["province"] == "ราชบุรี"
    assert not [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]

    pdf = str(files["pdf"])
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", _run("pdfinfo", "-l", "999", pdf))
    assert len(sizes) > 5 and all((round(float(w)), round(float(h))) == (595, 842) for w, h in sizes)
    assert re.search(r"Sarabun\S*\s+CID TrueType\s+Identity-H\s+yes", _run("pdffonts", pdf))
    text = re.sub(r"[\s\u200b]+", "", _run("pdftotext", pdf, "-"))
    assert "องค์การบริหารส่วนตำบลสามเรือน" in text and "๙๖.๗๙" in text

    # nothing is wider than the A4 text column: a wider table would make Chromium shrink every page
    from toolkit.export.pdf import chromium_page

    with chromium_page() as tab:  # gives the tab back at its own size and media
        tab.set_viewport(605, 1000)  # 16 cm at 96 px per inch
        tab.emulate_media("print")
        tab.set_content(html)
        width = tab.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 605


# ----------------------------------------------------------------------------------- front matter (issue 9)


def test_manifest_front_matter_publisher_status_and_signatories(tmp_path):
    data = json.loads(PROVINCE_EXAMPLE.read_text(encoding="utf-8"))
    p = load_params(PROVINCE_EXAMPLE)
    assert p.status == "final" and p.publisher.name.startswith("สำนักงานส่งเสริมการปกครองท้องถิ่น")
    report = ProvinceReport(p)
    cover = text_of(report.cover())
    assert "สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัดราชบุรี" in cover and "๐ ๓๒๐๐ ๐๗๐๐" in cover
    closing = re.sub(r"\s+", "", text_of(report.closing()))
    assert closing.count("(ลงชื่อ)") == 2 and "ตำแหน่งท้องถิ่นจังหวัดราชบุรี" in closing
    foreword = re.sub(r"\s+", "", text_of(report.foreword()))
    assert foreword.endswith("กลุ่มงานส่งเสริมและพัฒนาท้องถิ่นสำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัดราชบุรีธันวาคม๒๕๖๘")
    # status: draft in the manifest, and the same data back from the notebook
    draft = load_params(tmp_path / "m.json", {**data, "status": "draft"})
    assert draft.status == "draft" and load_params("x.json", draft.model_dump()).status == "draft"
    assert "ita-2568" in text_of(ProvinceReport(draft).closing())
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({**data, "signatories": [{"role": "หัวหน้า"}]}, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(InputErrors) as err:
        load_params(bad)
    (e,) = list(err.value)
    assert e.location.field == "signatories[1].role" and e.source == str(bad) and "ผู้จัดทำ" in e.message_th()
