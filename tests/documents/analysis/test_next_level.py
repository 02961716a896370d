"""The next-level section, `score --json`'s next_level, what-if in the notebook and `score --set`."""
import copy
import json
import re
from decimal import Decimal
from itertools import combinations
from statistics import fmean

import pytest
import yaml

from tests.support import EXAMPLES, SEED003
from toolkit.documents.analysis.analyse import analyse
from toolkit.documents.analysis.next_step import next_step
from toolkit.documents.analysis.report import AnalysisReport
from toolkit.documents.analysis.target_charts import next_level_chart
from toolkit.documents.analysis.targets_text import target_text
from toolkit.documents.registry import load_params, validate
from toolkit.frameworks.targets import what_if as framework_what_if
from toolkit.kit.thai import to_thai_digits

FAILING = EXAMPLES / "thungtuayang_2569.yaml"
# the letter-scale case: OIT 29.24 with indicator 10 at 12.50, total 61.446 → published 61.45 (D)
LETTER_D = {1: 82, 2: 82, 3: 82, 4: 82, 5: 82, 6: 84.00, 7: 83.50, 8: 84.00, 9: 45.98, 10: 12.50}
# the rating case: 89.14, ผ่าน because EIT is 84.10
BLOCKED = {1: 90, 2: 90, 3: 90, 4: 90, 5: 90, 6: 84.00, 7: 84.30, 8: 84.00, 9: 90.55, 10: 94.00}


def dec(x) -> Decimal:
    return Decimal(str(x))


def plain_text(section) -> str:
    """A section's text without charts, tags and word-break marks."""
    html = re.sub(r"<svg.*?</svg>", "", section.html.replace("\u200b", ""), flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html)).strip()


def report_of(make_params, indicators, year=2568, **over) -> AnalysisReport:
    data = make_params(fiscal_year=year + 1, assessment={"year": year, "indicators": indicators}, **over)
    return AnalysisReport(validate(data))


# -- letter scale ------------------------------------------------------------------------------
def test_letter_scale_d_needs_exactly_65_minus_total_for_c(make_params, run_cli, tmp_path):
    r = report_of(make_params, LETTER_D, year=2564, style={"thai_digits": False})
    a = r.analysis
    assert a.tools["OIT"].computed == pytest.approx(29.24) and a.level == "D"
    path = tmp_path / "d.yaml"
    path.write_text(yaml.safe_dump(make_params(fiscal_year=2565, assessment={"year": 2564, "indicators": LETTER_D}),
                                   allow_unicode=True), encoding="utf-8")
    code, out, _ = run_cli("score", path, "--json")
    data = json.loads(out)
    nl = data["next_level"]
    assert code == 0 and data["total"]["computed"] == 61.45
    assert (nl["from"], nl["level"], nl["basis"]) == ("D", "C", "computed")
    assert dec(nl["total_needed"]) == dec(65) - dec(61.45) == dec("3.55")
    assert dec(nl["pass_total_needed"]) == dec(85) - dec(61.45) and nl["pass_level"] == "A"
    assert all(t["minimum"] is None for t in nl["tools"].values())  # the letter rule has no per-tool minimum
    assert nl["oit_items"] is None and nl["oit_items_reason"]["code"] == "no_item_scores"
    # indicator 10 alone: 61.446 + 0.2·Δ must publish as 65.00, so Δ ≥ 17.745 → 30.25 (17.75 points)
    ten = nl["indicators"]["10"]
    assert (ten["alone"], ten["alone_gain"]) == (30.25, 17.75)
    assert r.what_if(indicators={10: 30.25}).outcome.level == "C"
    assert r.what_if(indicators={10: 30.24}).outcome.level == "D"
    text = plain_text(r.next_level())
    assert "ระดับถัดไปคือระดับ C" in text and "ต้องเพิ่มอีก 3.55 คะแนน" in text
    assert "ต้องเพิ่มคะแนนรวมอีก 23.55 คะแนน" in text and "ระดับ A" in text
    assert "ตัวชี้วัดที่ 10 การป้องกันการทุจริต เพิ่มขึ้น 17.75 คะแนน (จาก 12.50 เป็น 30.25)" in text
    assert "*" not in text  # the letter rule is not marked unconfirmed


# -- rating scale, one tool blocking --------------------------------------------------------------
def test_rating_scale_blocked_by_one_tool(make_params):
    r = report_of(make_params, BLOCKED)
    step = next_step(r.analysis)
    assert (step.start, step.level, step.basis) == ("ผ่าน", "ผ่านดี", "computed")
    assert [t.tool for t in step.target.blocking_tools] == ["EIT"]
    text = plain_text(r.next_level())
    th = to_thai_digits
    assert f"EIT ได้ {th('84.10')} ต้องเพิ่มอีก {th('0.90')} คะแนน" in text
    assert f"ถึงเกณฑ์คะแนนรวมของระดับนี้แล้ว" in text  # 89.14 ≥ 85: the total is not what blocks
    # the single change that makes it ผ่านดี: indicator 6 from 84.00 to 86.69, checked by what-if either side
    assert f"ตัวชี้วัดที่ {th('6')} คุณภาพการดำเนินงาน ต้องเพิ่มขึ้น {th('2.69')} คะแนน" in text
    assert r.what_if(indicators={6: 86.69}).outcome.level == "ผ่านดี"
    assert r.what_if(indicators={6: 86.68}).outcome.level == "ผ่าน"
    assert "*" not in text and "ยังไม่ได้รับการยืนยัน" not in text  # final: the review sheet says it
    draft = plain_text(report_of(make_params, BLOCKED, status="draft").next_level())
    assert "*" in draft and "ยังไม่ได้รับการยืนยัน" in draft  # the 2568 rule is unconfirmed: a draft says so
    fig = next_level_chart(r.analysis, step)
    labels = [t.get_text() for ax in fig.axes for t in ax.texts if (t.get_gid() or "").startswith("gap-label")]
    assert any(f"ขาด {th('0.90')}" in x for x in labels) and any("ถึงแล้ว" in x for x in labels)


# -- item scores: OIT items in hand, smallest set ------------------------------------------------
def test_failing_example_lists_oit_items_by_gain_and_the_smallest_set():
    r = AnalysisReport(load_params(FAILING))
    a, step = r.analysis, r.next_step
    items = dict(a.params.assessment.items)
    short = sorted(c for c, v in items.items() if c.startswith("o") and v < 100)
    text = target_text(a, step)
    rows = text.oit_rows
    assert sorted(row["code"] for row in rows) == short  # every OIT item short of 100, and only those
    assert all(x["gain_total"] >= y["gain_total"] for x, y in zip(rows, rows[1:]))  # largest gain first
    chosen = step.target.oit_set.items
    fw, ind = a.framework, dict(a.params.assessment.indicators)
    level = step.level
    reached = framework_what_if(fw, ind, items, None, {c: 100 for c in chosen})
    assert reached.level == level
    # brute force: no set of one item fewer reaches the level
    assert not any(framework_what_if(fw, ind, items, None, {c: 100 for c in s}).level == level
                   for s in combinations(short, len(chosen) - 1))
    html = r.next_level().html
    assert all(f">{c}<" in html for c in chosen)
    # respondents' tools are never items to publish: no IIT/EIT code in the table, the survey paragraph
    # speaks of indicator points
    assert not any(row["code"][0] in "ie" for row in rows)
    survey = next(p for p in text.paragraphs if p.startswith("คะแนน IIT และ EIT"))
    assert "เผยแพร่" not in survey
    assert any("ทำแทนกันได้" in s for s in text.set_texts)  # o13/o15/o24 add as much as o23


def test_seed_003_starts_from_the_published_level(run_cli):
    """96.79 with every tool over 95 is ผ่านดีเยี่ยม by the unconfirmed rule but was published ผ่านดี."""
    code, out, _ = run_cli("score", SEED003, "--json")
    nl = json.loads(out)["next_level"]
    assert (nl["from"], nl["level"], nl["basis"], nl["rule_met"]) == ("ผ่านดี", "ผ่านดีเยี่ยม", "published", True)
    assert nl["computed_level"] == "ผ่านดีเยี่ยม" and "levels" in nl["unconfirmed"]
    assert [(i["code"], i["gain"]) for i in nl["oit_items"]] == [("o13", 1.0)]
    assert {"level", "total_needed", "tools", "oit_items"} <= set(nl)
    assert all({"code", "name", "gain"} <= set(i) for i in nl["oit_items"])
    text = plain_text(AnalysisReport(load_params(SEED003)).next_level())
    assert "ระบุไม่ได้ว่ายังขาดอีกกี่คะแนน" in text and "ยังเป็นระดับผ่านดี" in text
    assert "ยังไม่ได้รับการยืนยัน" not in text  # a final document; the draft and the review sheet say it


# -- one rounding rule ---------------------------------------------------------------------------
def test_half_hundredths_round_the_same_in_the_report_and_the_targets(make_params):
    # OIT = (90.00 + 95.01) / 2 = 92.505 exactly: half up gives 92.51 (binary round() gives 92.50)
    ind = {n: 90 for n in range(1, 9)} | {9: 90.00, 10: 95.01}
    assert round(sum([90.00, 95.01]) / 2, 2) == 92.5  # what the old float rounding printed
    r = report_of(make_params, ind)
    data = r.analysis.as_dict()
    step = next_step(r.analysis)
    assert data["tools"]["OIT"]["computed"] == step.target.tools["OIT"].score == 92.51
    assert data["total"]["computed"] == step.target.total == 91.0  # 27 + 27 + 37.002
    # a total exactly on a half hundredth: 27 + 0.3 × 270.05/3 + 36 = 90.005 → 90.01 (float round: 90.0)
    tie = {n: 90 for n in range(1, 11)} | {6: 90.05}
    assert round(0.3 * fmean([90] * 5) + 0.3 * fmean([90.05, 90, 90]) + 0.4 * fmean([90, 90]), 2) == 90.0
    a = report_of(make_params, tie).analysis
    assert a.as_dict()["total"]["computed"] == next_step(a).target.total == 90.01
    assert AnalysisReport(a.params).analysis.total_computed == pytest.approx(90.005)


# -- what-if: notebook, CLI, a params file edited by hand -----------------------------------------
def edited_file(tmp_path, name, indicators=None, items=None):
    """The failing example, edited by hand: reported figures dropped (they are the unedited ones)."""
    data = yaml.safe_load(FAILING.read_text(encoding="utf-8"))
    data["assessment"].pop("reported")
    data["assessment"]["indicators"].update(indicators or {})
    data["assessment"]["items"].update(items or {})
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize("changes, by_hand", [
    (["9=90"], {"indicators": {9: 90}}),
    # o13 sits in 9.3 with o12 (2 items), one of 5 sub-indicators: 0 → 100 adds 100/2/5 = 10 to indicator 9
    (["o13=100"], {"indicators": {9: 62.50}, "items": {"o13": 100}}),
    (["o26=100", "O27=๑๐๐"], {"indicators": {10: 46.25}, "items": {"o26": 100, "o27": 100}}),
    (["9=90", "o13=100"], {"indicators": {9: 90}, "items": {"o13": 100}}),  # set outright wins
])
def test_what_if_and_set_agree_with_a_params_file_edited_by_hand(tmp_path, run_cli, changes, by_hand):
    base = edited_file(tmp_path, "base.yaml")
    before = base.read_bytes()
    code, out, _ = run_cli("score", base, *[f"--set={c}" for c in changes], "--json")
    assert code == 0
    via_cli = json.loads(out)
    assert base.read_bytes() == before  # the params file is untouched
    code, out, _ = run_cli("score", edited_file(tmp_path, "edited.yaml", **by_hand), "--json")
    edited = json.loads(out)
    assert via_cli["total"] == edited["total"]["computed"]
    assert via_cli["tools"] == {t: v["computed"] for t, v in edited["tools"].items()}
    assert via_cli["level"] == edited["level"]["computed"]
    report = AnalysisReport(load_params(base))
    indicators = {int(c.split("=")[0]): 90 for c in changes if c.split("=")[0].isdigit()}
    items = {c.split("=")[0].lower(): 100 for c in changes if not c.split("=")[0].isdigit()}
    in_notebook = report.what_if(indicators=indicators, items=items)
    assert in_notebook.outcome.total == via_cli["total"] and in_notebook.outcome.level == via_cli["level"]
    assert report.params.assessment.indicators == load_params(base).assessment.indicators  # params untouched


def test_what_if_displays_as_text_and_html():
    report = AnalysisReport(load_params(FAILING))
    result = report.what_if(indicators={9: 90}, items={"o13": 100})
    text = repr(result)
    assert "61.91 ->" in text and "ตัวชี้วัดที่ 9 = 90" in text and "0x" not in text
    html = result._repr_html_()
    assert "<table" in html and "ต้องปรับปรุง" in html
    assert "ตัวชี้วัดที่ 9 ถูกกำหนดค่าโดยตรง" in re.sub(r"<[^>]+>", "", html)  # the override note


def test_set_rejects_bad_changes_in_both_languages(run_cli):
    code, _, err = run_cli("score", FAILING, "--set", "nine=ninety", "--set", "9")
    assert code == 2 and err.count("--set") >= 2
    assert "ต้องเขียนเป็น" in err and "expected INDICATOR=SCORE" in err
    code, _, err = run_cli("score", FAILING, "--set", "o99=100")
    assert code == 2 and "o99" in err


def test_every_example_has_the_section():
    for path in (SEED003, FAILING, EXAMPLES / "nongtuayang_2566.yaml"):
        report = AnalysisReport(load_params(path))
        assert "สิ่งที่ต้องทำเพื่อยกระดับผลการประเมิน" in plain_text(report.next_level())
        data = copy.deepcopy(report.next_step.as_dict())
        json.dumps(data, ensure_ascii=False)  # plain data
