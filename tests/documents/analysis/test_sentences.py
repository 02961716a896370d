"""Each kind of sentence the analysis writes is said only when it is true of what is printed: order, counts,
trend, the tool that decides the level, the three lists, quoted wording, negative questions, evidence."""
from __future__ import annotations

import copy
import re

import pytest
import yaml

from tests.support import EXAMPLES, KNOWLEDGE, SEED003
from toolkit.documents import registry
from toolkit.documents.analysis.analyse import analyse
from toolkit.documents.analysis.checks import lint
from toolkit.documents.analysis.knowledge import KnowledgeError, load_knowledge
from toolkit.documents.analysis.measures import draft_measures, measures, measures_intro, row_order
from toolkit.documents.analysis.report import AnalysisReport
from toolkit.documents.analysis.text import (
    deciding_tool,
    indicator_analysis,
    strengths_weaknesses,
    summary,
)
from toolkit.documents.analysis.writer import Writer
from toolkit.kit import thai

FAILING = EXAMPLES / "thungtuayang_2569.yaml"
STATUS_RANK = {"weakness": 0, "develop": 1, "maintain": 2}


def load(path):
    return analyse(registry.load_params(path))


def with_measures(path, given):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["measures"] = given
    return analyse(registry.validate(data))


def given(*indicators):
    return [{"indicator": n, "name": f"มาตรการของตัวชี้วัดที่ {n}", "responsible": "สำนักปลัด"} for n in indicators]


# -- the tool that decides the level --------------------------------------------------------------
def test_failing_example_says_oit_pulled_the_total_down():
    a = load(FAILING)
    text = deciding_tool(a)
    assert text in summary(a)
    assert "ดึงคะแนนรวมลงมากที่สุด" in text and "(OIT)" in text and "ร้อยละ 40" in text
    oit = a.tools["OIT"]
    assert thai.number(oit.weight * (100 - oit.score), 2, False) in text  # 0.4 × (100 − 36.88) = 25.25
    assert thai.number(100 - a.total, 2, False) in text  # of 38.09 points missing in all
    for other in ("(IIT)", "(EIT)"):
        assert other not in text


def test_the_per_tool_rule_names_the_tool_that_blocks_the_next_rating(make_params):
    # IIT 98, EIT 84, OIT 98: total 93.80 reaches ผ่านดี's 85, but ผ่านดี needs every tool at 85
    data = make_params(assessment={"year": 2568, "indicators": {1: 98, 2: 98, 3: 98, 4: 98, 5: 98, 6: 84, 7: 84,
                                                                  8: 84, 9: 98, 10: 98}})
    a = analyse(registry.validate(data))
    assert a.level == "ผ่าน"
    text = deciding_tool(a)
    assert "ระดับผ่านดีแล้ว" in text and "EIT (๘๔.๐๐ คะแนน)" in text and "กำหนดระดับผลการประเมิน" in text
    assert "IIT" not in text and "OIT" not in text
    # a total that is also short: the sentence says both conditions
    data["assessment"]["indicators"] = {n: 80 for n in range(1, 11)} | {6: 70, 7: 70, 8: 70}
    text = deciding_tool(analyse(registry.validate(data)))
    assert "ต้องมีคะแนนรวมอย่างน้อย" in text or "ดึงคะแนนรวมลงมากที่สุด" in text


def test_a_published_level_the_rule_disputes_gets_no_next_level_claim():
    a = load(SEED003)  # published ผ่านดี; the year's (unconfirmed) rule computes ผ่านดีเยี่ยม
    assert a.level_reported != a.level_computed
    text = deciding_tool(a)
    assert "ดึงคะแนนรวมลงมากที่สุด" in text and "(EIT)" in text  # 0.3 × 4.23 is the largest shortfall
    assert "ระดับผ่านดีเยี่ยม" not in text and "กำหนดระดับ" not in text


def test_full_marks_have_no_deciding_tool(make_params):
    data = make_params(assessment={"year": 2568, "indicators": {n: 100 for n in range(1, 11)}})
    assert deciding_tool(analyse(registry.validate(data))) is None


# -- the three lists ------------------------------------------------------------------------------
@pytest.mark.parametrize("path", [SEED003, FAILING, EXAMPLES / "nongtuayang_2566.yaml"])
def test_each_indicator_is_listed_once_and_its_heading_agrees(path):
    a = load(path)
    sw = strengths_weaknesses(a)
    w = Writer(a)
    seen = {}
    for group, lines in sw.items():
        for line in lines:
            number = int(thai.to_arabic_digits(line.split(" ")[1]))
            assert number not in seen, (number, group, seen.get(number))
            seen[number] = group
    assert sorted(seen) == list(range(1, 11))
    expected = {"weakness": "urgent", "develop": "develop", "maintain": "strengths"}
    for n, group in seen.items():
        t = indicator_analysis(a, n)
        assert expected[t.status] == group
        assert t.status_label.startswith("ต่ำกว่าเกณฑ์") == (group == "urgent")
        assert t.status_label.startswith("จุดแข็ง") == (group == "strengths")
        assert (t.status == "weakness") == w.below_line(a.indicator(n).score)


def test_summary_counts_match_the_urgent_list():
    a = load(FAILING)
    counts = summary(a)[2]
    sw = strengths_weaknesses(a)
    assert f"ต่ำกว่าเกณฑ์ {len(sw['urgent'])} ตัวชี้วัด" in counts
    assert f"ผ่านเกณฑ์ 85 คะแนน {10 - len(sw['urgent'])} ตัวชี้วัด" in counts
    named = re.findall(r"ตัวชี้วัดที่ (\d+)", counts.split("ได้แก่")[1])
    assert named == [line.split(" ")[1] for line in sw["urgent"]]  # same indicators, same order


# -- trend ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("previous, word", [(90.0, "สูงขึ้น"), (99.0, "ลดลง"), (96.79, "เท่ากับปีดังกล่าว")])
def test_the_trend_word_follows_the_figures(previous, word):
    data = yaml.safe_load(SEED003.read_text(encoding="utf-8"))
    data["previous"] = [{"year": 2567, "total": previous}]
    head = summary(analyse(registry.validate(data)))[0]
    others = {"สูงขึ้น", "ลดลง", "เท่ากับปีดังกล่าว"} - {word}
    assert word in head and not any(o in head for o in others)
    if word != "เท่ากับปีดังกล่าว":
        assert thai.number(abs(96.79 - previous), 2) in head


# -- the sentence before the measures --------------------------------------------------------------------
def test_drafts_are_in_status_order_and_say_so():
    for path, first in ((FAILING, "ตัวชี้วัดที่ต่ำกว่าเกณฑ์ซึ่งต้องแก้ไขโดยเร่งด่วน"),
                        (SEED003, "ตัวชี้วัดที่ผ่านเกณฑ์แต่ยังพัฒนาได้")):
        a = load(path)
        rows = measures(a)
        w = Writer(a)
        ranks = [min(STATUS_RANK[w.status(a.indicator(n))] for n in m.indicators) for m in rows]
        assert ranks == sorted(ranks) and row_order(a, rows) == "status"
        intro = measures_intro(a, rows)
        assert f"โดยเรียงจาก{first}" in intro
        assert f"รวม {thai.number(len(rows), 0, w.thai)} รายการ" in intro
        assert "ครอบคลุมครบทั้ง" in intro


def test_a_users_order_is_never_claimed_to_be_urgent_first():
    a = with_measures(FAILING, given(1, 10, 4))  # a development row first, urgent ones after
    rows = measures(a)
    assert row_order(a, rows) is None
    intro = measures_intro(a, rows)
    assert "เรียง" not in intro and "เร่งด่วน" not in intro
    assert "รวม 3 รายการ ครอบคลุม 3 ตัวชี้วัด" in intro  # the counts are those of the printed rows


def test_a_users_rows_in_indicator_order_are_said_to_be_so():
    a = with_measures(FAILING, given(1, 3, 9))  # 1 and 3 develop, 9 urgent: not urgent first, but by number
    rows = measures(a)
    assert row_order(a, rows) == "indicator"
    intro = measures_intro(a, rows)
    assert "โดยเรียงตามลำดับตัวชี้วัด" in intro and "เร่งด่วน" not in intro


def test_a_users_urgent_first_order_is_recognised():
    a = with_measures(FAILING, given(10, 9, 1))
    assert row_order(a, measures(a)) == "status"
    assert "โดยเรียงจากตัวชี้วัดที่ต่ำกว่าเกณฑ์" in measures_intro(a, measures(a))


def test_no_measures_says_so():
    a = with_measures(SEED003, [])
    assert measures_intro(a, []).endswith("ยังไม่ได้กำหนดมาตรการสำหรับปีงบประมาณ พ.ศ. ๒๕๖๙ไว้ในเอกสารฉบับนี้")


# -- one row per indicator, grouping as an option ------------------------------------------------------
def test_one_measure_row_per_indicator_by_default_grouping_on_request():
    a = load(SEED003)
    rows = draft_measures(a)
    assert [m.indicators for m in rows] == [[4], [9], [1], [2], [3], [5], [6], [7], [8], [10]]
    assert not any(m.name.startswith("รักษา") for m in rows)
    data = yaml.safe_load(SEED003.read_text(encoding="utf-8"))
    data["style"] = {**data.get("style", {}), "group_measures": True}
    grouped = draft_measures(analyse(registry.validate(data)))
    assert [m.indicators for m in grouped] == [[4], [9], [1, 2, 3, 5], [6, 7, 8], [10]]
    assert "จึงรวมไว้ในกิจกรรมเดียว" in grouped[2].reason and "จึงรวมไว้" not in grouped[4].reason


def test_a_drafted_row_commits_the_organisation():
    a = load(SEED003)
    for m in draft_measures(a):
        assert f"อบต.สามเรือนจะ{m.name} " in m.reason  # the organisation's commitment, in its own name
        assert "ควร" not in m.reason


def test_the_table_lead_in_is_said_only_when_a_table_follows():
    t = indicator_analysis(load(SEED003), 9)
    assert len(t.item_rows) == 1 and t.paragraphs[0].endswith("รายการข้อมูลที่ยังไม่ได้คะแนนเต็ม ๑ ข้อ มีดังนี้")
    t = indicator_analysis(load(EXAMPLES / "nongtuayang_2566.yaml"), 9)  # no item scores: no table
    assert t.item_rows == [] and "มีดังนี้" not in " ".join(t.paragraphs) and "ตาราง" not in " ".join(t.paragraphs)


# -- official wording ------------------------------------------------------------------------------
def test_questions_are_quoted_as_worded_not_paraphrased():
    a = load(FAILING)
    for n in range(1, 9):
        t = indicator_analysis(a, n)
        for code in t.weak_items:
            wording = a.framework.item_text(code)
            # as worded; a stray space of the source inside a word is kept, as a no-break space
            assert f"ข้อ {code} “{wording}”" in " ".join(t.paragraphs).replace("\u00a0", " ")
    i15 = " ".join(indicator_analysis(a, 5).paragraphs)
    assert "ประพฤติ\u00a0มิชอบภายใน" in i15 and "ประพฤติ มิชอบ" not in i15


def test_a_negative_question_at_full_marks_reads_as_what_it_means():
    report = AnalysisReport(registry.load_params(SEED003))
    html = report.items().html
    negative = [c for c, i in report.analysis.framework.items["IIT"].items() if i.negative]
    assert {"i3", "i5", "i9"} <= set(negative)
    for code in negative:
        assert re.search(rf">{code}<sup>†</sup>", html), code  # marked in the table
    text = re.sub(r"<[^>]+>|\u200b", "", html)
    assert text.count("คะแนนเต็มหมายความว่าไม่มีผู้ตอบรายใดตอบว่าพบ") == 1  # one footnote for the table
    # in the prose a negative question is named as such, and what its score means is said once
    a = load(FAILING)
    t = indicator_analysis(a, 2)
    assert "(75.71 คะแนน ข้อคำถามเชิงลบ)" in " ".join(t.paragraphs)  # i6, a negative question
    assert "negative" in t.notes


def test_an_item_without_known_wording_is_shown_by_its_code_and_check_says_so(make_params):
    data = make_params(fiscal_year=2570, assessment={
        "year": 2569, "indicators": {n: 90 for n in range(1, 11)} | {9: 70},
        "items": {"i10": 60, "o3": 50, "o9": 0, "o25": 100}})
    params = registry.validate(data)
    report = AnalysisReport(params)
    html = re.sub(r"<wbr>|\u200b", "", report.items().html)
    assert re.search(r">o3</td>\s*<td>–</td>", html) and "แสดงด้วยรหัสข้อ" in re.sub(r"<[^>]+>", "", html)
    assert "การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร" in re.sub(r"<[^>]+>", "", html)  # o25's wording is known
    t9 = indicator_analysis(report.analysis, 9)
    assert [(r.code, r.name) for r in t9.item_rows] == [("o9", ""), ("o3", "")]  # never an invented wording
    [finding] = [f for f in lint(params, data) if f.code == "item_wording_unknown"]
    assert finding.severity == "info" and finding.reported == ["o3", "o9"] and finding.computed == "ita-2569"
    assert "o3, o9" in finding.message_th and "ita-2569" in finding.message_th
    assert "o3, o9" in finding.message_en and "ita-2569" in finding.message_en
    data["assessment"]["items"] = {"i10": 60, "o25": 100}
    assert [f for f in lint(registry.validate(data), data) if f.code == "item_wording_unknown"] == []


# -- evidence on the measure's own topic ----------------------------------------------------------------
def test_every_measures_evidence_is_cited_by_a_topic_it_addresses():
    kb = load_knowledge()
    refs = {t: set(re.findall(r"\{ref:(\w+)\}", v["recommendation"])) for t, v in kb["topics"].items()}
    measures_ = [m for ind in kb["indicators"].values() for m in ind["measures"]] + list(kb["maintenance"].values())
    for m in measures_:
        on_topic = set(m["addresses"]).union(*(refs[t] for t in m["addresses"]))
        assert set(m["evidence"]) <= on_topic, m["name"]
    borrowing = kb["indicators"][4]["measures"][0]
    assert "iit_asset_borrowing" in borrowing["addresses"] and borrowing["evidence"] == ["staff_manual"]


def test_off_topic_evidence_fails_loading_by_key(tmp_path):
    data = yaml.safe_load((KNOWLEDGE / "recommendations.yaml").read_text(encoding="utf-8"))
    bad = copy.deepcopy(data)
    bad["indicators"][4]["measures"][0]["evidence"] = ["ethics_code"]  # a borrowing procedure is not ethics
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(bad, allow_unicode=True), encoding="utf-8")
    with pytest.raises(KnowledgeError) as err:
        load_knowledge(path)
    assert "indicators.4.measures.0.evidence" in err.value.message_en() and "ethics_code" in err.value.message_en()


def test_the_evidence_line_cites_only_the_chosen_measures_evidence():
    a = load(FAILING)
    w = Writer(a)
    for n in range(1, 9):
        t = indicator_analysis(a, n)
        if not t.evidence_line:
            continue
        ind = a.indicator(n)
        allowed = {topic for m in w.kb_measures(ind, w.focus_items(ind, t.status), t.status) for topic in m["evidence"]}
        codes = set(re.findall(r"ข้อ (o\d+)", t.evidence_line))
        assert codes and {a.framework.item(c).topic for c in codes} <= allowed
