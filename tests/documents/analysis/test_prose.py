"""The prose of every example, all four document types, read as a whole: no sentence said more than twice,
no level beside a fact that contradicts it, "low" only under the pass line. Each checker is first shown to
fail on a bad case."""
from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from tests.documents.analysis import prose
from toolkit.documents import registry
from toolkit.documents.analysis.analyse import analyse
from toolkit.documents.analysis.report import AnalysisReport
from toolkit.documents.analysis.text import summary
from toolkit.frameworks import load_framework

DOCS = sorted(prose.documents())
BAD_SENTENCE = "ตัวชี้วัดนี้ได้ {} คะแนน สูงกว่าเกณฑ์ ๘๕ คะแนน จึงเป็นจุดแข็งที่ควรรักษาไว้ {}"


def _doc(paragraphs: list[str]) -> list[tuple[str, str]]:
    return [("test", "".join(f"<p>{p}</p>" for p in paragraphs))]


# -- no sentence more than twice -----------------------------------------------------------------
def test_the_counter_catches_a_sentence_said_with_other_figures():
    # the old analysis said this six times in a row, each time with its own score and its own ending
    endings = ["บุคลากรรับรู้ว่าเจ้าหน้าที่ปฏิบัติตามขั้นตอน", "การใช้งบประมาณโปร่งใส", "ผู้บังคับบัญชาใช้อำนาจเป็นธรรม"]
    doc = _doc([BAD_SENTENCE.format(score, end) for score, end in zip(["๙๙.๒๙", "๙๙.๐๕", "๙๖.๙๐"], endings)])
    found = prose.repeated(doc, ())
    assert found and all(n == 3 for n in found.values())
    assert any(s.startswith("ตัวชี้วัดนี้ได้ # คะแนน สูงกว่าเกณฑ์") for s in found)
    assert prose.repeated(doc[:1], (), limit=3) == {}  # three times is within a limit of three
    # two times is allowed, and a quoted wording or a name is not a sentence of ours
    assert prose.repeated(_doc([BAD_SENTENCE.format("๙๙.๒๙", e) for e in endings[:2]]), ()) == {}
    quoted = _doc(["ข้อ i1 “การปฏิบัติงานหรือให้บริการของเจ้าหน้าที่เป็นไปตามขั้นตอนและระยะเวลา” ได้ผล"] * 3)
    assert prose.repeated(quoted, ()) == {}
    # three lists of different indicators share a shape, not a sentence; a sentence around them still counts
    lists = [f"ได้แก่ ตัวชี้วัดที่ {a} การใช้อำนาจ ({x}) ตัวชี้วัดที่ {b} การใช้งบประมาณ ({y}) และตัวชี้วัดที่ {c} "
             f"การแก้ไขปัญหาการทุจริต ({z})" for a, b, c, x, y, z in [(3, 2, 5, 1, 2, 3), (4, 9, 10, 4, 5, 6),
                                                                       (1, 6, 7, 7, 8, 9)]]
    assert prose.repeated(_doc(lists), ()) == {}
    assert prose.repeated(_doc([f"หน่วยงานควรเร่งพัฒนาตัวชี้วัดเหล่านี้ต่อไปโดยเร็ว {t}" for t in lists]), ())


@pytest.mark.parametrize("name", DOCS)
def test_no_sentence_is_said_more_than_twice(name):
    params = prose.example_params(name)
    cells = "prose" if getattr(params, "document", "") == "ita_analysis" else "all"
    found = prose.repeated(prose.documents()[name], prose.org_names_of(params), cells=cells)
    assert found == {}, "\n".join(f"{n}× {s}" for s, n in found.items())


def test_every_document_type_is_read():
    kinds = {getattr(prose.example_params(n), "document", "province_summary") for n in DOCS}
    assert kinds == {"ita_analysis", "integrity_report", "anticorruption_plan", "province_summary"}
    assert sum(":" in n for n in DOCS) >= 10  # the CSV table's organisations too
    assert all(len(prose.all_text(prose.documents()[n])) > 10 for n in DOCS)


# -- no level beside a contradicting fact ---------------------------------------------------------------
def _levels() -> dict[str, bool]:
    """Every level name of every framework → whether it is at or above the pass line."""
    out: dict[str, bool] = {}
    for year in (2564, 2565, 2566, 2567, 2568, 2569):
        fw = load_framework(year)
        for rule in fw.levels.rules:
            out[rule.level] = rule.total_min >= fw.pass_line
    return out


LEVELS = _levels()
_LEVEL = re.compile(r"ระดับ\s*(" + "|".join(sorted(map(re.escape, LEVELS), key=len, reverse=True)) + r")(?![ก-๙A-Z])")
_NEW_SUBJECT = re.compile(r"แบบวัด|ตัวชี้วัด|ข้อ |เครื่องมือ|หน่วยงานที่|ส่วน|\(")


def contradictions(text: str) -> list[str]:
    """A level and, in the same clause right after it, a fact about the pass line that says the opposite."""
    out = []
    for m in _LEVEL.finditer(text):
        rest = text[m.end():m.end() + 60]
        cut = _NEW_SUBJECT.search(rest)
        clause = rest[:cut.start()] if cut else rest
        passing = LEVELS[m.group(1)]
        below = "ต่ำกว่าเกณฑ์" in clause
        above = re.search(r"(?<!ไม่)ผ่านเกณฑ์", clause) is not None
        if (passing and below) or (not passing and above):
            out.append(text[max(0, m.start() - 30):m.end() + 60])
    return out


def test_the_level_checker_catches_issue_13s_sentences():
    assert contradictions("ได้คะแนนรวม ๘๐.๐๐ คะแนน อยู่ในระดับ ผ่านดีเยี่ยม ซึ่งต่ำกว่าเกณฑ์ ๘๕ คะแนน")
    assert contradictions("ได้คะแนนรวม ๘๐.๐๐ คะแนน อยู่ในระดับ A ซึ่งต่ำกว่าเกณฑ์")
    assert contradictions("อยู่ในระดับ ต้องปรับปรุง ซึ่งผ่านเกณฑ์ ๘๕ คะแนน")
    assert not contradictions("อยู่ในระดับ ต้องปรับปรุงโดยด่วน ซึ่งต่ำกว่าเกณฑ์ ๘๕ คะแนน")
    assert not contradictions("อยู่ในระดับ ผ่าน เมื่อจำแนกตามเครื่องมือ แบบวัด EIT ได้ ๘๔.๐๐ ต่ำกว่าเกณฑ์")
    assert not contradictions("อยู่ในระดับ AA ซึ่งผ่านเกณฑ์")


@pytest.mark.parametrize("name", DOCS)
def test_no_level_stands_beside_a_fact_that_contradicts_it(name):
    found = [c for block in prose.all_text(prose.documents()[name]) for c in contradictions(block)]
    assert found == []


def test_a_published_level_that_contradicts_the_total_is_printed_without_the_pass_line_remark(make_params):
    # 80 points under the pass line, yet published as ผ่านดี (the kind of table issue 13 found): both figures
    # stand as published, and no sentence ties the level to "under the pass line"
    data = make_params(assessment={"year": 2568, "indicators": {n: 80 for n in range(1, 11)},
                                   "reported": {"total": 80.0, "level": "ผ่านดี"}}, accept_published=True)
    head = summary(analyse(registry.validate(data)))[0]
    assert "ได้คะแนนรวม ๘๐.๐๐ คะแนน" in head and "ผ่านดี" in head
    assert contradictions(head) == [] and "ซึ่งต่ำกว่าเกณฑ์" not in head
    data["assessment"]["reported"]["level"] = "ต้องปรับปรุง"  # consistent: the remark is made
    head = summary(analyse(registry.validate(data)))[0]
    assert "อยู่ในระดับ ต้องปรับปรุง ซึ่งต่ำกว่าเกณฑ์ ๘๕ คะแนน" in head and contradictions(head) == []


# -- "low" only under the pass line --------------------------------------------------------------------
ANALYSIS_EXAMPLES = [n for n in DOCS if getattr(prose.example_params(n), "document", "") == "ita_analysis"]


def low_words(text: str, pass_line: float) -> list[str]:
    """"ต่ำ" said of something that is not under the pass line: every use must be "ต่ำกว่าเกณฑ์", or sit beside
    a figure under the line."""
    out = []
    for m in re.finditer("ต่ำ(?!กว่าเกณฑ์)", text):
        near = text[max(0, m.start() - 80):m.end() + 80]
        figures = [float(x.translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")))
                   for x in re.findall(r"[0-9๐-๙]+\.[0-9๐-๙]{2}", near)]
        if not any(f < pass_line for f in figures):
            out.append(near)
    return out


def test_the_low_word_checker_catches_a_passing_score_called_low():
    assert low_words("ข้อที่ได้คะแนนต่ำของตัวชี้วัดนี้ ได้แก่ ข้อ e1 (๙๑.๐๐ คะแนน)", 85)
    assert not low_words("ข้อที่ได้คะแนนน้อยกว่าข้ออื่น คือ ข้อ e1 (๙๑.๐๐ คะแนน)", 85)
    assert not low_words("ตัวชี้วัดที่ได้คะแนนต่ำที่สุด คือ ตัวชี้วัดที่ ๑๐ (๒๑.๒๕ คะแนน)", 85)


@pytest.mark.parametrize("name", ANALYSIS_EXAMPLES)
def test_low_is_said_only_under_the_pass_line(name):
    params = prose.example_params(name)
    report = AnalysisReport(params)
    chart = report.items_chart()  # its caption names the items it shows
    caption = BeautifulSoup(chart.html, "html.parser").figcaption.get_text("").replace("\u200b", "") if chart else ""
    texts = prose.all_text(prose.documents()[name]) + [caption]
    pass_line = report.analysis.pass_line
    assert [w for t in texts for w in low_words(t, pass_line)] == []
