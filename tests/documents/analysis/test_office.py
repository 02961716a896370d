"""The office's own words blended with the generated text: introduction, per tool and per indicator, in each
mode; the generated text stays the fallback; checks run on the office's text and name the field."""
from __future__ import annotations

import re

import pytest
from pydantic import ValidationError

from toolkit.documents import registry
from toolkit.documents.analysis import office
from toolkit.documents.analysis import text as narrative
from toolkit.documents.analysis.analyse import analyse
from toolkit.documents.analysis.model import DEFAULT_MODE, OfficeText
from toolkit.documents.analysis.report import AnalysisReport
from toolkit.documents.analysis.tool_text import tool_analysis

WEAK = {**{n: 90 for n in range(1, 9)}, 4: 70, 9: 60, 10: 55}
MINE = "ข้อความที่สำนักปลัดเขียนเอง"


def plain(section) -> str:
    html = re.sub(r"<svg.*?</svg>", "", section.html.replace("\u200b", ""), flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html)).strip()


def office_paras(section) -> list[str]:
    return [re.sub(r"<[^>]+>", "", p).replace("\u200b", "")
            for p in re.findall(r'<p class="para office">(.*?)</p>', section.html, flags=re.S)]


def report(make_params, **over) -> AnalysisReport:
    return AnalysisReport(registry.validate(make_params(assessment={"year": 2568, "indicators": WEAK}, **over)))


# -- the model --------------------------------------------------------------------------------------
def test_shorthand_and_paragraphs():
    t = OfficeText.model_validate("ย่อหน้าแรก\nต่อบรรทัด\n\nย่อหน้าที่สอง")
    assert t.text == ["ย่อหน้าแรก ต่อบรรทัด", "ย่อหน้าที่สอง"] and t.mode == DEFAULT_MODE == "replace"
    assert OfficeText.model_validate({"text": ["ก"], "mode": "ก่อน"}).mode == "before"
    with pytest.raises(ValidationError, match="replace"):
        OfficeText.model_validate({"text": "ก", "mode": "แทรก"})
    with pytest.raises(ValidationError, match="at least one paragraph"):
        OfficeText.model_validate({"text": []})


def test_analysis_keys_are_checked(make_params):
    with pytest.raises(Exception, match="IIT|tool"):
        registry.validate(make_params(analysis={"tools": {"XYZ": "ก"}}))
    with pytest.raises(Exception):
        registry.validate(make_params(analysis={"indicators": {11: "ก"}}))
    p = registry.validate(make_params(analysis={"tools": {"oit": "ก"}, "indicators": {"๔": "ข"}}))
    assert set(p.analysis.tools) == {"OIT"} and set(p.analysis.indicators) == {4}


# -- blending ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("mode, expected", [
    ("replace", [("o1", True)]),
    ("before", [("o1", True), ("g1", False), ("g2", False)]),
    ("after", [("g1", False), ("g2", False), ("o1", True)]),
])
def test_blend_modes(mode, expected):
    got = office.blend(["g1", "g2"], OfficeText(text=["o1"], mode=mode))
    assert [(p.text, p.office) for p in got] == expected
    assert [p.text for p in office.blend(["g1"], None)] == ["g1"]


def test_introduction_keeps_the_figures_and_takes_the_purpose_paragraph(make_params):
    a = analyse(registry.validate(make_params(assessment={"year": 2568, "indicators": WEAK})))
    summary = narrative.summary(a)
    got = office.introduction(summary, OfficeText(text=[MINE]))
    assert [p.text for p in got] == summary[:-1] + [MINE] and got[-1].office
    after = office.introduction(summary, OfficeText(text=[MINE], mode="after"))
    assert [p.text for p in after] == summary + [MINE]


def test_before_bridges_into_the_generated_text_without_repeating_the_description(make_params):
    a = analyse(registry.validate(make_params(assessment={"year": 2568, "indicators": WEAK})))
    t = narrative.indicator_analysis(a, 4)
    assert t.description and t.paragraphs[0].startswith(t.description)
    block = office.indicator_block(t, OfficeText(text=[MINE], mode="before"))
    assert block.paragraphs[0].text == MINE and block.paragraphs[1].text.startswith(office.BRIDGE)
    assert t.description not in block.paragraphs[1].text


def test_replace_keeps_the_oit_table_and_its_lead(make_params):
    items = {f"o{k}": (0 if k in (3, 4) else 100) for k in range(1, 27)}
    p = registry.validate(make_params(assessment={"year": 2568, "indicators": WEAK, "items": items}))
    a = analyse(p)
    number = next(n for n in (9, 10) if narrative.indicator_analysis(a, n).item_rows)
    t = narrative.indicator_analysis(a, number)
    block = office.indicator_block(t, OfficeText(text=[MINE]))
    assert [x.text for x in block.paragraphs] == [MINE] and block.table_lead == t.table_lead
    assert block.text.item_rows == t.item_rows
    after = office.indicator_block(t, OfficeText(text=[MINE], mode="after"))
    assert [x.text for x in after.after_table] == [MINE]  # after the table, not between its lead and it


# -- in the report's sections -----------------------------------------------------------------------
def test_every_piece_of_office_text_is_printed_in_its_place(make_params):
    r = report(make_params, introduction="คำนำของสำนักปลัด",
               analysis={"tools": {"IIT": {"text": "IIT ของสำนักปลัด", "mode": "before"}, "OIT": "OIT ของสำนักปลัด"},
                         "indicators": {4: "ตัวชี้วัด ๔ ของสำนักปลัด", 9: {"text": "ตัวชี้วัด ๙ ของสำนักปลัด",
                                                                           "mode": "after"}}})
    a = r.analysis
    assert office_paras(r.results()) == ["คำนำของสำนักปลัด"]
    section = r.analysis_text()
    assert office_paras(section) == ["IIT ของสำนักปลัด", "ตัวชี้วัด ๔ ของสำนักปลัด", "OIT ของสำนักปลัด",
                                     "ตัวชี้วัด ๙ ของสำนักปลัด"]
    text = plain(section)
    iit, eit, oit = (" ".join(t.split())[-30:] for t in (tool_analysis(a, c)[0] for c in ("IIT", "EIT", "OIT")))
    assert text.index("IIT ของสำนักปลัด") < text.index(iit)  # before: the generated one follows
    assert eit not in text and oit not in text             # none given: the results give it / replaced
    generated4 = narrative.indicator_analysis(a, 4).paragraphs[0]
    assert " ".join(generated4.split()) not in text                    # replaced
    generated5 = narrative.indicator_analysis(a, 5).paragraphs[0]
    assert " ".join(generated5.split()) in text                        # not given: generated


def test_scores_only_still_print_the_generated_text_everywhere(make_params):
    r = report(make_params)
    assert office_paras(r.results()) == [] and office_paras(r.analysis_text()) == []
    assert 'class="tool-analysis"' not in r.analysis_text().html  # the tools' scores are in the results
    text = plain(r.analysis_text())
    for n in range(1, 11):
        assert narrative.indicator_analysis(r.analysis, n).paragraphs[0][:25] in text
    assert plain(r.results()).count(narrative.summary(r.analysis)[-1][30:70]) == 1


# -- checks on the office's text ---------------------------------------------------------------------
def test_check_reports_years_and_other_organisations_in_office_text_by_field(make_params):
    p = registry.validate(make_params(
        introduction="คณะทำงานประชุมเมื่อ พ.ศ. ๒๕๖๐ เพื่อวิเคราะห์ผล",
        analysis={"indicators": {4: "เช่นเดียวกับองค์การบริหารส่วนตำบลบ้านอื่น"},
                  "tools": {"EIT": "ตามแบบ {ชื่อหน่วยงาน}"}}))
    found = {(f.code, f.field) for f in registry.check(p)}
    assert {("year_outside_period", "introduction.text[1]"), ("other_organisation", "analysis.indicators.4.text[1]"),
            ("placeholder", "analysis.tools.EIT.text[1]")} <= found
    clean = registry.validate(make_params(introduction="คณะทำงานประชุมเมื่อ พ.ศ. ๒๕๖๙"))
    assert not [f for f in registry.check(clean) if f.field.startswith("introduction")]


def test_three_tool_paragraphs_are_not_one_template(make_params):
    a = analyse(registry.validate(make_params(assessment={"year": 2568, "indicators": WEAK})))
    texts = [tool_analysis(a, c)[0] for c in a.framework.tools]
    heads = [re.sub(r"[0-9๐-๙.]+", "#", t.split("(")[1][5:40]) for t in texts]
    assert len(set(heads)) == 3, heads
    assert all(f"({c})" in t for c, t in zip(a.framework.tools, texts))
