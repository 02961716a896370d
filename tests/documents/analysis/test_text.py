"""The report's Thai prose: right organisation, right years, right figures, no template left-overs."""
from __future__ import annotations

import copy
import re
from datetime import date

import pytest
import yaml

from tests.support import KNOWLEDGE, SEED003
from toolkit.documents.analysis import text as narrative
from toolkit.documents.analysis.analyse import analyse
from toolkit.documents.analysis.knowledge import KnowledgeError, load_knowledge, shared_knowledge
from toolkit.documents.analysis.text import (
    conclusion,
    draft_measures,
    findings_text,
    indicator_analysis,
    measure_period_text,
    measures,
    section_notes,
    strengths_weaknesses,
    summary,
)
from toolkit.documents.registry import load_params, validate
from toolkit.frameworks import load_framework
from toolkit.kit import thai
from toolkit.kit.checks import text_fields

KB_FILE = KNOWLEDGE / "recommendations.yaml"

THAI_DIGIT = re.compile("[๐-๙]")
ARABIC_DIGIT = re.compile("[0-9]")
CODE = re.compile(r"(?<![A-Za-z0-9])([ieo])([0-9]+)(?![0-9])")
LATIN_WITH_DIGITS = re.compile(r"[A-Za-z]+[0-9]+")
YEAR = re.compile(r"(?<![0-9๐-๙.])([2๒][5๕][0-9๐-๙]{2})(?![0-9๐-๙]|\.[0-9๐-๙])")
ORG_NAME = re.compile(r"(องค์การบริหารส่วนตำบล|องค์การบริหารส่วนจังหวัด|เทศบาลตำบล|เทศบาลเมือง|เทศบาลนคร)(\S*)")
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


# -- helpers ------------------------------------------------------------------------------
def seed(**style) -> dict:
    data = yaml.safe_load(SEED003.read_text(encoding="utf-8"))
    if style:
        data["style"] = {**data.get("style", {}), **style}
    return data


def params(org: str = "เทศบาลตำบลหนองทดลอง", **over) -> dict:
    data = {
        "organisation": {"name": org, "district": "บ้านทดลอง", "province": "นครทดลอง"},
        "fiscal_year": 2569,
        "assessment": {"year": 2568, "indicators": {n: 96 for n in range(1, 11)}},
    }
    data.update(copy.deepcopy(over))
    return data


def run(data: dict):
    return analyse(validate(data))


def texts(a) -> list[str]:
    """Every string the narrative writes for an analysis."""
    out = list(summary(a))
    sw = strengths_weaknesses(a)
    out += sw["urgent"] + sw["develop"] + sw["strengths"]
    blocks = [indicator_analysis(a, n) for n in range(1, 11)]
    for t in blocks:
        out += [t.title, t.score_text, t.status_label] + t.paragraphs + [name for _, name in t.evidence if name]
        out += [t.evidence_line] if t.evidence_line else []
        out += [f"{r.finding} {r.action}".strip() for r in t.item_rows]
    out += section_notes(a, blocks)
    out += findings_text(a)
    for m in measures(a):
        out += [m.name, m.reason or "", m.responsible, m.monitoring or "", m.target or "", measure_period_text(m, a)]
        out += m.steps
    out += conclusion(a)
    return out


def whole(a) -> str:
    return "\n".join(texts(a))


def years(text: str) -> set[int]:
    return {int(thai.to_arabic_digits(y)) for y in YEAR.findall(text)}


LETTER_YEAR = params(
    org="องค์การบริหารส่วนตำบลทดลองเหนือ",
    fiscal_year=2566,
    assessment={"year": 2565,
                "indicators": {1: 80.5, 2: 90, 3: 70.25, 4: 84.99, 5: 88, 6: 92, 7: 79, 8: 86, 9: 65, 10: 90}},
    previous=[{"year": 2564, "total": 75.3, "level": "B"}],
)
FAILING = params(
    assessment={"year": 2568,
                "indicators": {1: 40, 2: 45.5, 3: 30, 4: 50, 5: 20, 6: 60, 7: 55, 8: 48, 9: 25, 10: 10},
                "items": {"i1": 35, "i2": 40, "i3": 45, "i13": 10, "i14": 20, "i15": 30, "e1": 50, "e7": 40,
                          "o1": 0, "o2": 50, "o13": 0, "o21": 0, "o25": 0, "o27": 0}},
    previous=[{"year": 2567, "total": 55.0}],
)
NO_ITEMS_NO_HISTORY = params(
    org="เทศบาลเมืองทดลองใต้",
    fiscal_year=2568,
    assessment={"year": 2567, "indicators": {1: 90, 2: 82, 3: 100, 4: 95, 5: 97, 6: 84, 7: 91, 8: 99, 9: 70, 10: 100}},
)
ARABIC = seed(thai_digits=False)

SCENARIOS = {
    "seed003": seed(),
    "letter_year": LETTER_YEAR,
    "failing": FAILING,
    "no_items_no_history": NO_ITEMS_NO_HISTORY,
    "arabic_digits": ARABIC,
}


@pytest.fixture(scope="module")
def seed_a():
    return analyse(load_params(SEED003))


@pytest.fixture(scope="module", params=sorted(SCENARIOS))
def scenario(request):
    data = SCENARIOS[request.param]
    return request.param, data, run(data)


# -- knowledge base -------------------------------------------------------------------------
def test_knowledge_covers_every_indicator_and_framework_topic():
    kb = load_knowledge()
    assert sorted(kb["indicators"]) == list(range(1, 11))
    for n, ind in kb["indicators"].items():
        assert ind["description"] and ind["weak"] and ind["develop"] and ind["maintain"], n
        assert 1 <= len(ind["measures"]) <= 2, n
        for m in ind["measures"]:
            assert m["kind"] in ("มาตรการ", "โครงการ", "กิจกรรม")
            assert 4 <= len(m["steps"]) <= 7 and m["responsible"] and m["monitoring"] and m["output"]
            # the reporting rounds are one footnote under the table, not the same clause in every row
            assert "๖ เดือน" not in m["monitoring"] and m["purpose"].startswith("เพื่อ")
            if n <= 8:
                assert m["evidence"], (n, m["name"])  # IIT/EIT measures name the OIT items that show them done
    assert "๖ เดือน" in kb["notes"]["reporting"] and "๑๒ เดือน" in kb["notes"]["reporting"]
    fw = load_framework(2568)
    framework_topics = {i.topic for cat in fw.items.values() if cat for i in cat.values()}
    assert len(framework_topics) == 52
    assert framework_topics <= set(kb["topics"])
    for code, item in fw.items["OIT"].items():
        assert kb["topics"][item.topic]["name"], code  # citable by name where a period has no codes
    # indicator 4: the borrowing measure is evidenced by the work manual, the conscience one by the ethics code
    borrowing, conscience = kb["indicators"][4]["measures"]
    assert borrowing["evidence"] == ["staff_manual"] and conscience["evidence"] == ["ethics_code"]


def test_knowledge_text_is_generic_complete_and_ours():
    raw = KB_FILE.read_text(encoding="utf-8")
    assert "our own wording; not copied from any published report" in raw.lower()
    kb = load_knowledge()
    strings = list(text_fields(kb))
    assert len(strings) > 300
    for path, text in strings:
        where = ".".join(map(str, path))
        assert not ORG_NAME.search(text), where  # no organisation named in the knowledge base
        assert "สามเรือน" not in text, where
        assert not YEAR.search(text), where
        for bad in ("ระบุ", "...", "…"):
            assert bad not in text, where
        for ph in PLACEHOLDER.findall(text):
            assert ph == "{org}" or ph.startswith("{ref:"), (where, ph)


def test_load_knowledge_returns_a_copy():
    kb = load_knowledge()
    kb["indicators"][4]["weak"] = "x"
    assert load_knowledge()["indicators"][4]["weak"] != "x"


def test_writing_every_scenario_leaves_the_shared_knowledge_as_loaded():
    """Writers share one knowledge base instead of a copy each (knowledge.shared_knowledge): nothing may write it."""
    pristine = load_knowledge()
    for data in SCENARIOS.values():
        texts(run(data))
    assert shared_knowledge() == pristine
    shared_knowledge()["indicators"][4]["weak"] = "x"  # the check can fail: a write shows
    try:
        assert shared_knowledge() != pristine
    finally:
        shared_knowledge()["indicators"][4]["weak"] = pristine["indicators"][4]["weak"]


@pytest.mark.parametrize("edit, key", [
    pytest.param(lambda d: d["indicators"][4].__setitem__("weak", "ข้อความ {unknown}"), "indicators.4.weak",
                 id="unknown-placeholder"),
    pytest.param(lambda d: d["topics"]["iit_asset_borrowing"].__setitem__("recommendation", "ดู {ref:nothing}"),
                 "topics.iit_asset_borrowing.recommendation", id="unknown-ref"),
    pytest.param(lambda d: d["indicators"][1].__setitem__("maintain", "ปีงบประมาณ พ.ศ. ๒๕๖๘"),
                 "indicators.1.maintain", id="year-in-text"),
    pytest.param(lambda d: d["indicators"][2]["measures"][0].__setitem__("steps", ["หนึ่ง"]),
                 "indicators.2.measures.0.steps", id="too-few-steps"),
    pytest.param(lambda d: d["indicators"].pop(10), "indicators", id="missing-indicator"),
])
def test_malformed_knowledge_names_file_and_key(tmp_path, edit, key):
    data = yaml.safe_load(KB_FILE.read_text(encoding="utf-8"))
    edit(data)
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(KnowledgeError) as err:
        load_knowledge(bad)
    message = err.value.message_en()
    assert str(bad) in message and key in message


# -- seed 003 -------------------------------------------------------------------------------
def test_seed_summary_years_figures_and_level(seed_a):
    text = "\n".join(summary(seed_a))
    assert "องค์การบริหารส่วนตำบลสามเรือน อำเภอเมืองราชบุรี จังหวัดราชบุรี" in text
    assert "ปีงบประมาณ พ.ศ. ๒๕๖๘" in text  # the assessment
    assert "ปีงบประมาณ พ.ศ. ๒๕๖๗ ซึ่งได้ ๙๖.๐๑ คะแนน" in text  # the previous year, computed
    assert "สูงขึ้น ๐.๗๘ คะแนน" in text
    assert "ปีงบประมาณ พ.ศ. ๒๕๖๘ ได้ ๙๖.๐๑" not in text and "๒๕๖๘ ซึ่งได้ ๙๖.๐๑" not in text  # seed 003's error
    assert "ได้คะแนนรวม ๙๖.๗๙ คะแนน อยู่ในระดับ ผ่านดี" in text  # the reported level, as published
    assert "ผ่านดีเยี่ยม" not in text
    for figure in ("๙๖.๘๖", "๙๕.๗๗", "๙๗.๕๐"):
        assert figure in text
    assert "ครบทั้ง ๑๐ ตัวชี้วัด" in text
    assert "ปีงบประมาณ พ.ศ. ๒๕๖๙" in text and "๑ ตุลาคม ๒๕๖๘ ถึง ๓๐ กันยายน ๒๕๖๙" in text
    assert years(whole(seed_a)) == {2567, 2568, 2569}


def test_seed_indicator_4_names_i10_and_cites_o8(seed_a):
    t = indicator_analysis(seed_a, 4)
    assert t.title == "ตัวชี้วัดที่ ๔ การใช้ทรัพย์สินของราชการ"
    assert t.score_text == "๘๙.๐๕ คะแนน"
    assert t.status == "develop"
    assert t.weak_items == ["i10"]
    body = " ".join(t.paragraphs)
    # the question quoted as worded, with its score; the work manual cited, not the ethics code (o16)
    assert ("ข้อ i10 “ในหน่วยงานของท่านมีเจ้าหน้าที่ที่ขอยืมทรัพย์สินของราชการไปใช้อย่างถูกต้อง อย่างน้อยเพียงใด” "
            "(๗๑.๔๓ คะแนน)") in body
    # o8 by its code: the item table prints its wording (and the evidence keeps it for the review sheet)
    assert "(อ้างอิงข้อ o8)" in body and "“คู่มือหรือแนวทางการปฏิบัติงานของเจ้าหน้าที่”" not in body
    assert ("o8", "คู่มือหรือแนวทางการปฏิบัติงานของเจ้าหน้าที่") in t.evidence
    assert "o16" not in [code for code, _ in t.evidence] and t.evidence_line is None


def test_an_oit_item_is_quoted_where_no_item_table_prints_it():
    """Without the item table (style.show_items: false) the first citation quotes the OIT item's wording;
    a second one in the same text gives the code alone."""
    body = " ".join(indicator_analysis(run(seed(show_items=False)), 4).paragraphs)
    assert "(อ้างอิงข้อ o8 “คู่มือหรือแนวทางการปฏิบัติงานของเจ้าหน้าที่”)" in body
    assert body.count("“คู่มือหรือแนวทางการปฏิบัติงานของเจ้าหน้าที่”") == 1


def test_seed_other_indicators(seed_a):
    full = indicator_analysis(seed_a, 3)  # 100 points: one short paragraph
    assert full.status == "maintain" and len(full.paragraphs) == 1 and len(full.paragraphs[0]) < 400
    assert full.weak_items == [] and full.evidence == []
    oit = indicator_analysis(seed_a, 9)  # OIT: every item short of 100 is named
    assert oit.status == "develop" and oit.weak_items == ["o13"]
    assert [(r.code, r.score_text) for r in oit.item_rows] == [("o13", "๕๐.๐๐")]  # OIT items: a table
    assert "o13" not in " ".join(oit.paragraphs)
    eit = indicator_analysis(seed_a, 7)  # EIT items named are flagged as informative only, once for the section
    assert eit.status == "maintain" and "e4" in eit.weak_items and eit.notes == ["eit"]
    assert "ประกอบการวิเคราะห์เท่านั้น" not in eit.paragraphs[0]
    blocks = [indicator_analysis(seed_a, n) for n in range(1, 11)]
    assert sum("ประกอบการวิเคราะห์เท่านั้น" in n for n in section_notes(seed_a, blocks)) == 1
    assert [indicator_analysis(seed_a, n).status for n in range(1, 11)] == [
        "maintain", "maintain", "maintain", "develop", "maintain", "maintain", "maintain", "maintain", "develop",
        "maintain"]


def test_seed_lists_each_indicator_once(seed_a):
    sw = strengths_weaknesses(seed_a)
    assert sw["urgent"] == []
    assert len(sw["develop"]) == 2
    assert sw["develop"][0].startswith("ตัวชี้วัดที่ ๔") and "i10" in sw["develop"][0]
    assert sw["develop"][1].startswith("ตัวชี้วัดที่ ๙") and "o13" in sw["develop"][1]
    assert len(sw["strengths"]) == 8 and sw["strengths"][0].startswith("ตัวชี้วัดที่ ๓")
    listed = [line.split(" ")[1] for group in sw.values() for line in group]
    assert sorted(listed) == sorted(thai.number(n, 0) for n in range(1, 11))  # seed 003 listed 4 and 9 twice


def test_seed_findings_are_reported_in_thai_digits(seed_a):
    lines = findings_text(seed_a)
    assert len(lines) == len(seed_a.findings) + 1 == 3
    assert "๙๖.๒๙" in lines[0] and "๙๖.๒๖" in lines[0]
    assert "ผ่านดีเยี่ยม" in lines[1]
    assert "ตามที่ประกาศ" in lines[-1]
    assert not ARABIC_DIGIT.search("".join(lines))


def test_seed_measures(seed_a):
    rows = measures(seed_a)
    assert rows == draft_measures(seed_a)
    assert [m.id for m in rows] == [f"M{i}" for i in range(1, len(rows) + 1)]
    assert [m.indicators for m in rows[:2]] == [[4], [9]]  # indicators with weak items first, lowest score first
    assert sorted(n for m in rows for n in m.indicators) == list(range(1, 11))  # every indicator covered once
    assert "i10" in rows[0].reason and "๗๑.๔๓" in rows[0].reason and "ยืม" in rows[0].name
    assert "o13" in rows[1].reason and "จัดซื้อจัดจ้าง" in rows[1].name
    start, end = thai.fiscal_year_bounds(2569)
    for m in rows:
        assert (m.start, m.end) == (start, end) == (date(2025, 10, 1), date(2026, 9, 30))
        assert measure_period_text(m, seed_a) == "๑ ต.ค. ๖๘ ถึง ๓๐ ก.ย. ๖๙"
        assert 4 <= len(m.steps) <= 7 and m.responsible and m.monitoring and m.target and m.reason
        assert m.kind in ("มาตรการ", "โครงการ", "กิจกรรม")


def test_seed_conclusion(seed_a):
    text = " ".join(conclusion(seed_a))
    assert "รอบ ๖ เดือน (๑ ตุลาคม ๒๕๖๘ ถึง ๓๑ มีนาคม ๒๕๖๙)" in text and "รอบ ๑๒ เดือน" in text
    assert "แผนปฏิบัติการป้องกันการทุจริต" in text and "องค์การบริหารส่วนตำบลสามเรือน" in text


# -- every scenario ---------------------------------------------------------------------------
def test_only_this_organisation_is_named(scenario):
    _, data, a = scenario
    text = whole(a)
    name = data["organisation"]["name"]
    assert name in text
    for prefix, rest in ORG_NAME.findall(text):
        assert name.startswith(prefix) and (prefix + rest).startswith(name), prefix + rest
    if "สามเรือน" not in name:
        assert "สามเรือน" not in text


def test_no_placeholder_or_filler_survives(scenario):
    _, _, a = scenario
    for t in texts(a):
        assert t == t.strip() and t, repr(t)
        for bad in narrative.FILLER:
            assert bad not in t, (bad, t)


def test_digits_follow_the_style(scenario):
    _, data, a = scenario
    text = whole(a)
    if data.get("style", {}).get("thai_digits", True):
        assert not ARABIC_DIGIT.search(LATIN_WITH_DIGITS.sub("", text))  # only item codes keep 0–9
    else:
        assert not THAI_DIGIT.search(text)


def test_cited_item_codes_exist_in_the_framework(scenario):
    _, _, a = scenario
    for n in range(1, 11):
        t = indicator_analysis(a, n)
        for code, name in t.evidence:
            assert name or code
            if code and name:  # an OIT item's wording is quoted as published, with its year
                wording = a.framework.item_text(code, with_year=True)
                assert name.replace("\u00a0", " ") == thai.style_digits(wording, a.params.style.thai_digits)
        for code in t.weak_items:
            assert a.framework.item(code) is not None
    for letter, digits in CODE.findall(whole(a)):
        assert a.framework.item(letter + digits) is not None, letter + digits


def test_years_are_computed_from_the_data(scenario):
    _, data, a = scenario
    allowed = {a.year, a.params.fiscal_year, a.params.fiscal_year - 1} | {p.year for p in a.params.previous}
    allowed |= {i.period_year for cat in a.framework.items.values() if cat for i in cat.values() if i.period_year}
    text = whole(a)
    assert years(text) <= allowed
    assert str(a.params.fiscal_year) in thai.to_arabic_digits(text)


def test_weak_indicators_are_named_and_planned_first(scenario):
    _, _, a = scenario
    sw = strengths_weaknesses(a)
    weak = a.weaknesses
    assert len(sw["urgent"]) == len(weak)
    for line, ind in zip(sw["urgent"], weak):
        assert ind.name in line
    rows = draft_measures(a)
    first = [m.indicators[0] for m in rows if m.indicators[0] in {i.number for i in weak}]
    leading = [m.indicators[0] for m in rows[:len(first)]]
    assert leading == first  # all urgent rows come before any other
    assert [n for n in dict.fromkeys(leading)] == [i.number for i in weak]  # lowest score first
    assert {n for m in rows for n in m.indicators} == set(range(1, 11))


def test_measure_periods_are_the_fiscal_year(scenario):
    _, _, a = scenario
    start, end = thai.fiscal_year_bounds(a.params.fiscal_year)
    expected = thai.period_text(start, end, thai_digits=a.params.style.thai_digits)
    for m in measures(a):
        assert (m.start, m.end) == (start, end)
        assert measure_period_text(m, a) == expected


# -- particular cases -------------------------------------------------------------------------
def test_letter_scale_year_with_weak_indicators():
    a = run(LETTER_YEAR)
    assert a.framework.levels.scale == "letter"
    text = "\n".join(summary(a))
    assert "ปีงบประมาณ พ.ศ. ๒๕๖๕" in text and "ปีงบประมาณ พ.ศ. ๒๕๖๖" in text
    assert "ปีงบประมาณ พ.ศ. ๒๕๖๔ ซึ่งได้ ๗๕.๓๐ คะแนน ระดับ B" in text
    assert f"อยู่ในระดับ {a.level_computed}" in text
    assert "ผ่านเกณฑ์ ๘๕ คะแนน ๕ ตัวชี้วัด จากทั้งหมด ๑๐ ตัวชี้วัด และต่ำกว่าเกณฑ์ ๕ ตัวชี้วัด" in text
    sw = strengths_weaknesses(a)
    assert [line.split(" ")[1] for line in sw["urgent"]] == ["๙", "๓", "๗", "๑", "๔"]
    assert sw["urgent"][-1].endswith("(ต่ำกว่าเกณฑ์ ๐.๐๑ คะแนน)")  # 84.99 is under the line
    t = indicator_analysis(a, 4)
    assert t.status == "weakness" and t.weak_items == [] and "no_items" in t.notes
    body = " ".join(t.paragraphs)
    assert "ไม่มีคะแนนรายข้อ" in " ".join(section_notes(a, [t]))
    # the period's catalogue is unknown: evidence is cited by name, without a code
    assert "(อ้างอิงข้อมูลตามแบบวัด OIT เรื่องคู่มือหรือแนวทางการปฏิบัติงานของเจ้าหน้าที่)" in body
    assert all(code == "" for code, _ in t.evidence)
    assert "อ้างอิงข้อ o" not in whole(a)
    assert measure_period_text(measures(a)[0], a) == "๑ ต.ค. ๖๕ ถึง ๓๐ ก.ย. ๖๖"


def test_failing_organisation():
    a = run(FAILING)
    assert a.total < 50 and a.level == "ต้องปรับปรุงโดยด่วน"
    text = "\n".join(summary(a))
    assert f"ได้คะแนนรวม {thai.number(a.total)} คะแนน อยู่ในระดับ ต้องปรับปรุงโดยด่วน ซึ่งต่ำกว่าเกณฑ์ ๘๕ คะแนน" in text
    assert "ปีงบประมาณ พ.ศ. ๒๕๖๗ ซึ่งได้ ๕๕.๐๐ คะแนน" in text and "ลดลง" in text
    assert "ทุกตัวชี้วัดได้คะแนนต่ำกว่าเกณฑ์" in text
    sw = strengths_weaknesses(a)
    assert sw["strengths"] == [] and sw["develop"] == [] and len(sw["urgent"]) == 10
    t9 = indicator_analysis(a, 9)
    assert t9.weak_items[:2] == ["o1", "o13"]  # zero first, by code
    # what 0 means is said once under the section, not in every row
    assert t9.item_rows[0].code == "o1" and t9.item_rows[0].finding == "" and "oit_zero" in t9.notes
    assert any("ผู้ตรวจประเมินไม่พบข้อมูลที่ผ่านหลักเกณฑ์" in n for n in section_notes(a, [t9]))
    t5 = indicator_analysis(a, 5)
    assert t5.weak_items == ["i13", "i14", "i15"]
    rows = draft_measures(a)
    assert rows[0].indicators == [10] and {n for m in rows for n in m.indicators} == set(range(1, 11))
    assert all(len(m.indicators) == 1 for m in rows)  # no shared maintenance row when everything is weak


def test_no_items_and_no_history():
    a = run(NO_ITEMS_NO_HISTORY)
    assert a.previous is None and all(not i.items for i in a.indicators)
    text = "\n".join(summary(a))
    assert "เมื่อเทียบกับ" not in text and "สูงขึ้น" not in text and "ลดลง" not in text
    assert "ปีงบประมาณ พ.ศ. ๒๕๖๗" in text and "ปีงบประมาณ พ.ศ. ๒๕๖๘" in text
    blocks = [indicator_analysis(a, n) for n in range(1, 11)]
    for t in blocks:
        assert t.weak_items == []
        assert ("no_items" in t.notes) == (t.status != "maintain")
        assert "ไม่มีคะแนนรายข้อ" not in " ".join(t.paragraphs)  # said once, under the section
    notes = section_notes(a, blocks)
    assert sum("ไม่มีคะแนนรายข้อ" in n for n in notes) == 1 and notes[0].startswith("ทุกตัวชี้วัดที่วิเคราะห์")
    assert indicator_analysis(a, 3).paragraphs == indicator_analysis(a, 3).paragraphs[:1]
    sw = strengths_weaknesses(a)
    assert [line.split(" ")[1] for line in sw["urgent"]] == ["๙", "๒", "๖"]


def test_unchanged_total():
    data = params(previous=[{"year": 2567, "total": 96.0}])
    text = "\n".join(summary(run(data)))
    assert "ซึ่งได้ ๙๖.๐๐ คะแนน คะแนนรวมเท่ากับปีดังกล่าว" in text


def test_arabic_digits_style():
    a = run(ARABIC)
    text = whole(a)
    assert "ปีงบประมาณ พ.ศ. 2568" in text and "ปีงบประมาณ พ.ศ. 2567 ซึ่งได้ 96.01 คะแนน" in text
    assert "96.79" in text and "(อ้างอิงข้อ o8)" in text  # the item table prints o8's wording
    assert measure_period_text(measures(a)[0], a) == "1 ต.ค. 68 ถึง 30 ก.ย. 69"
    assert "รอบ 6 เดือน" in text
    assert "96.29" in findings_text(a)[0]


def test_2569_assessment_cites_oit_by_name():
    data = params(fiscal_year=2570, assessment={
        "year": 2569, "indicators": {n: 96 for n in range(1, 11)} | {4: 80},
        "items": {"i10": 60, "i11": 90, "i12": 90}})
    a = run(data)
    t = indicator_analysis(a, 4)
    assert t.weak_items == ["i10"]
    body = " ".join(t.paragraphs)
    assert "ข้อ i10" in body and "อ้างอิงข้อ o" not in body
    assert "เรื่องคู่มือหรือแนวทางการปฏิบัติงานของเจ้าหน้าที่" in body
    assert "ปีงบประมาณ พ.ศ. ๒๕๖๙" in "\n".join(summary(a))


def test_given_measures_are_used_as_given():
    data = seed()
    data["measures"] = [
        {"indicator": 4, "name": "ทำทะเบียนยืมคืนพัสดุ", "responsible": "กองคลัง", "steps": ["ขั้นแรก", "ขั้นสอง"]},
        {"indicator": [6, 7], "name": "ปรับปรุงเว็บไซต์", "responsible": "สำนักปลัด",
         "start": "2025-11-01", "end": "2026-03-31"},
    ]
    p = validate(data)
    a = analyse(p)
    rows = measures(a)
    assert rows is p.measures
    assert [m.model_dump() for m in rows] == [m.model_dump() for m in validate(data).measures]
    assert rows[0].reason is None and rows[0].id is None  # nothing filled in behind the user's back
    assert measure_period_text(rows[0], a) == "๑ ต.ค. ๖๘ ถึง ๓๐ ก.ย. ๖๙"
    assert measure_period_text(rows[1], a) == "๑ พ.ย. ๖๘ ถึง ๓๑ มี.ค. ๖๙"
    assert draft_measures(a)[0].indicators == [4]  # drafts stay available


def test_empty_measure_list_is_respected():
    data = seed()
    data["measures"] = []
    assert measures(analyse(validate(data))) == []
