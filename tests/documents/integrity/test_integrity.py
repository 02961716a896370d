"""The results report (รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน, OIT o28):
params and the link to the analysis, lint, narrative per round, sections, and end-to-end renders."""
from __future__ import annotations

import copy
import re
import shutil

import nbformat
import pytest
import yaml

from tests.support import EXAMPLES, SEED003, SIX_MONTH, TWELVE_MONTH, run
from toolkit.cli import main
from toolkit.documents import registry as documents
from toolkit.documents.analysis import text as narrative
from toolkit.documents.analysis.analyse import analyse
from toolkit.documents.integrity.charts import status_chart
from toolkit.documents.integrity.report import IntegrityReport, cell_html
from toolkit.documents.integrity.rows import counts, round_text, rows, totals
from toolkit.documents.integrity.text import progress_text, remaining_text
from toolkit.documents.registry import check, lint, load_params, validate
from toolkit.kit.errors import InputErrors

SIX = SIX_MONTH
TWELVE = TWELVE_MONTH
HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)>'


def raw(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def codes(findings):
    return sorted(f.code for f in findings)


def squash(text: str) -> str:
    return re.sub(r"[\s\u200b]+", "", text)


def text_of(section) -> str:
    return re.sub(r"<[^>]+>", "", str(section)).replace("\u200b", "")


@pytest.fixture
def linked_dir(tmp_path):
    """A folder holding a copy of the analysis params, for reports that link it by relative path."""
    shutil.copy(SEED003, tmp_path / "samruean_2569.yaml")
    return tmp_path


def write(folder, data, name="report.yaml"):
    path = folder / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def errors_of(excinfo):
    return [(e.location.field, e.message_th(), e.message_en(), e.source) for e in excinfo.value]


def unlinked(**over):
    """A small full-year report with its measures given by name (like seed 000)."""
    data = {
        "document": "integrity_report",
        "organisation": {"name": "องค์การบริหารส่วนตำบลทดสอบ", "district": "เมือง", "province": "ราชบุรี"},
        "fiscal_year": 2566,
        "round": 12,
        "results": [{"name": "จัดทำคู่มือการปฏิบัติงาน", "tool": "IIT", "responsible": "สำนักปลัด", "status": "done",
                     "actions": ["จัดทำคู่มือ"], "summary": "มีคู่มือครบทุกกอง", "outcomes": ["ทำงานแทนกันได้"]}],
    }
    data.update(over)
    return data


# -- registry and examples ------------------------------------------------------------------------
def test_document_type_is_registered_with_its_notebook():
    doc = documents.get("integrity_report")
    assert doc.notebook_path.name == "integrity_measures_report.ipynb" and doc.notebook_path.exists()
    assert doc.stem == "integrity_report" and doc.problems and doc.lint and doc.title


def test_examples_load_and_are_clean():
    for path in (SIX, TWELVE):
        p = load_params(path)
        assert p.document == "integrity_report"
        assert check(p) == []
    assert main(["check", str(SIX)]) == 0 and main(["check", str(TWELVE)]) == 0


def test_carried_forward_fields_equal_the_analysis_measures():
    p = load_params(SIX)
    measures = {m.id: m for m in narrative.measures(analyse(load_params(SEED003)))}
    assert [r.measure for r in p.results] == [f"M{i}" for i in range(1, 11)]  # one measure per indicator
    for r in p.results:
        m = measures[r.measure]
        assert (r.name, r.kind, r.indicators, r.responsible, r.start, r.end) == \
               (m.name, m.kind, m.indicators, m.responsible, m.start, m.end)
    assert [r.tool for r in p.results] == ["IIT", "OIT", "IIT", "IIT", "IIT", "IIT", "EIT", "EIT", "EIT", "OIT"]
    dumped = p.model_dump(mode="json", by_alias=True)["results"][0]
    assert dumped["name"] == measures["M1"].name and dumped["responsible"] == measures["M1"].responsible


def test_revalidating_the_dump_is_idempotent_with_and_without_the_file():
    p = load_params(SIX)
    dump = p.model_dump(mode="json", by_alias=True)
    again = load_params(SIX, copy.deepcopy(dump))  # the notebook: dumped data + the source path
    assert again.model_dump(mode="json", by_alias=True) == dump
    alone = load_params("<params>", copy.deepcopy(dump))  # the notebook of render() without a source
    assert alone.model_dump(mode="json", by_alias=True) == dump
    report = IntegrityReport.load(str(SIX.resolve()), copy.deepcopy(dump))
    assert report.params.model_dump(mode="json", by_alias=True) == dump


def test_linking_follows_the_params_file_not_the_working_directory(linked_dir, monkeypatch):
    data = raw(SIX)
    path = write(linked_dir, data)
    monkeypatch.chdir(EXAMPLES.parent)  # samruean_2569.yaml is not here
    assert load_params(path).results[0].name == load_params(SIX).results[0].name


# -- invalid input -------------------------------------------------------------------------------------
def test_unknown_measure_id_lists_the_ids_that_exist(linked_dir):
    data = raw(SIX)
    data["results"][1]["measure"] = "M19"
    path = write(linked_dir, data)
    with pytest.raises(InputErrors) as exc:
        load_params(path)
    [(field, th, en, source)] = errors_of(exc)
    assert field == "results[2].measure" and source == str(path)
    ids = ", ".join(f"M{i}" for i in range(1, 11))
    assert ids in th and ids in en and "M19" in exc.value.errors[0].message_en()
    assert exc.value.errors[0].location.line is not None


def test_missing_analysis_names_both_files(linked_dir):
    data = raw(SIX)
    data["analysis"] = "nowhere_2569.yaml"
    path = write(linked_dir, data)
    with pytest.raises(InputErrors) as exc:
        load_params(path)
    [(field, th, en, source)] = errors_of(exc)
    assert field == "analysis" and "nowhere_2569.yaml" in en and str(path) in en and str(path) in th


def test_invalid_analysis_names_both_files(linked_dir):
    bad = raw(SEED003)
    bad["assessment"]["indicators"][4] = 140
    write(linked_dir, bad, "samruean_2569.yaml")
    path = write(linked_dir, raw(SIX))
    with pytest.raises(InputErrors) as exc:
        load_params(path)
    [(field, th, en, source)] = errors_of(exc)
    assert field == "analysis" and "samruean_2569.yaml" in en and str(path) in en
    assert "assessment.indicators.4" in en  # the analysis's own error, passed on


def test_analysis_of_another_organisation_or_year_is_an_error(linked_dir):
    data = raw(SIX)
    data["organisation"]["name"] = "องค์การบริหารส่วนตำบลอื่น"
    with pytest.raises(InputErrors) as exc:
        load_params(write(linked_dir, data))
    assert [e[0] for e in errors_of(exc)] == ["analysis"]
    assert "องค์การบริหารส่วนตำบลสามเรือน" in exc.value.errors[0].message_th()
    data = raw(SIX)
    data["fiscal_year"] = 2570
    with pytest.raises(InputErrors) as exc:
        load_params(write(linked_dir, data))
    assert [e[0] for e in errors_of(exc)] == ["analysis"] and "2570" in exc.value.errors[0].message_en()


def test_a_report_cannot_link_a_report(linked_dir):
    data = raw(SIX)
    data["analysis"] = "report.yaml"  # itself
    with pytest.raises(InputErrors) as exc:
        load_params(write(linked_dir, data))
    assert errors_of(exc)[0][0] == "analysis" and "ita_analysis" in exc.value.errors[0].message_en()


def test_duplicates_and_entries_without_measure_or_name(linked_dir):
    data = raw(SIX)
    data["results"].append({"measure": "m2", "status": "done"})  # ids compare case-insensitively
    data["results"].append({"status": "in_progress", "summary": "ไม่มีชื่อ"})
    data["results"].append({"name": "ปรับปรุงมาตรฐานและคู่มือการให้บริการประชาชน", "responsible": "กองช่าง",
                            "status": "done"})  # M7's name again
    path = write(linked_dir, data)
    with pytest.raises(InputErrors) as exc:
        load_params(path)
    fields = [e[0] for e in errors_of(exc)]
    assert fields == ["results[12]", "results[11].measure", "results[13].name"]
    assert all(e[3] == str(path) for e in errors_of(exc))


def test_carried_fields_are_not_retyped(linked_dir):
    data = raw(SIX)
    data["results"][0]["responsible"] = "กองช่าง"
    data["results"][1]["name"] = load_params(SIX).results[1].name  # the same value: harmless
    with pytest.raises(InputErrors) as exc:
        load_params(write(linked_dir, data))
    [(field, th, en, _)] = errors_of(exc)
    assert field == "results[1].responsible" and "กองคลัง ร่วมกับทุกสำนัก/กอง" in th


def test_measure_id_needs_an_analysis():
    data = raw(SIX)
    del data["analysis"]
    with pytest.raises(InputErrors) as exc:
        validate(data, "x.yaml")
    assert [e[0] for e in errors_of(exc)] == [f"results[{i}].measure" for i in range(1, 11)]


def test_field_values_are_checked_in_both_languages():
    data = unlinked(round=3)
    data["results"][0].update(status="finished", tool="XIT", evidence_url="www.example.org")
    data["results"].append({"name": "ไม่มีผู้รับผิดชอบ", "status": "ดำเนินการแล้วเสร็จ"})  # Thai status words work
    with pytest.raises(InputErrors) as exc:
        validate(data, "r.yaml")
    fields = {e[0] for e in errors_of(exc)}
    assert fields == {"round", "results[1].status", "results[1].tool", "results[1].evidence_url"}
    assert all(e[3] == "r.yaml" for e in errors_of(exc))
    data = unlinked()
    data["results"].append({"name": "ไม่มีผู้รับผิดชอบ", "status": "ดำเนินการแล้วเสร็จ", "indicator": [6, 7]})
    with pytest.raises(InputErrors) as exc:
        validate(data, "r.yaml")
    assert [e[0] for e in errors_of(exc)] == ["results[2].responsible"]


def test_tool_from_indicators_for_measures_by_name():
    data = unlinked()
    data["results"].append({"name": "ปรับปรุงช่องทางสื่อสาร", "indicator": [7, 8], "responsible": "สำนักปลัด",
                            "status": "in_progress"})
    data["results"].append({"name": "อื่น ๆ", "responsible": "สำนักปลัด", "status": "not_started"})
    p = validate(data)
    assert [r.tool for r in p.results] == ["IIT", "EIT", None]
    assert list(counts(p)) == ["IIT", "EIT", None]
    data["results"][1]["tool"] = "OIT"
    with pytest.raises(InputErrors) as exc:
        validate(data)
    assert errors_of(exc)[0][0] == "results[2].tool"


# -- lint ----------------------------------------------------------------------------------------------
def test_seed_000_activity_date_outside_the_year_is_caught():
    # seed 000 reports an order proposed on ๒๗ มกราคม ๒๕๖๕ as done within FY ๒๕๖๖ (Oct 2022 – Sep 2023)
    data = raw(TWELVE)
    data["results"][6]["activities"][0]["date"] = "2565-01-27"  # typed as a BE date
    found = lint(validate(data))
    assert codes(found) == ["date_outside_period"]
    assert found[0].field == "results[7].activities[1].date" and found[0].reported == "2022-01-27"
    # and written in the text, as the seed published it
    data = raw(TWELVE)
    data["results"][6]["actions"].append("จัดทำคำสั่งแต่งตั้งคณะกรรมการเสนอผู้บริหารเมื่อวันที่ ๒๗ มกราคม ๒๕๖๕")
    found = lint(validate(data))
    assert codes(found) == ["date_outside_period"] and found[0].field == "results[7].actions[4]"
    assert "๒๗ มกราคม ๒๕๖๕" in found[0].message_th


def test_six_month_round_ends_on_31_march():
    data = raw(SIX)
    data["results"][1]["activities"].append({"date": "2026-04-02", "text": "เผยแพร่รายงานฉบับปรับปรุง"})
    data["results"][1]["summary"] = "เผยแพร่เมื่อวันที่ ๗ เดือน เมษายน พ.ศ. ๒๕๖๙"  # seed 002's way of writing it
    data["date"] = "2026-03-20"  # the report's date (the older prepared.date is checked the same way)
    found = lint(load_params(SIX, data))
    assert codes(found) == ["activity_after_report", "activity_after_report", "date_outside_period",
                            "date_outside_period", "prepared_before_round_end"]
    assert {f.field for f in found if f.code == "date_outside_period"} == {"results[2].activities[3].date",
                                                                         "results[2].summary"}
    assert next(f for f in found if f.code == "prepared_before_round_end").field == "date"
    older = {k: v for k, v in data.items() if k != "date"} | {"prepared": {"date": "2026-03-20"}}
    assert next(f for f in lint(load_params(SIX, older)) if f.code == "prepared_before_round_end").field == (
        "prepared.date")


def test_years_other_organisations_and_placeholders():
    data = unlinked()
    data["results"][0]["remarks"] = "ต่อเนื่องจากแผนปี พ.ศ. ๒๕๖๓ ร่วมกับ อบต.อโพน"
    data["results"][0]["outputs"] = ["คู่มือ จำนวน ระบุจำนวน เล่ม"]
    found = lint(validate(data))
    assert codes(found) == ["other_organisation", "placeholder", "year_outside_period"]
    assert {f.field for f in found} == {"results[1].remarks", "results[1].outputs[1]"}
    # the fiscal year and the calendar year it starts in are this report's own years
    data["results"][0]["remarks"] = "ทบทวนคู่มือปี พ.ศ. ๒๕๖๕ และ ๒๕๖๖"
    data["results"][0]["outputs"] = ["คู่มือ"]
    assert lint(validate(data)) == []


def test_status_checks(tmp_path):
    data = unlinked(round=6)
    data["results"][0].update(summary=None, outcomes=[])  # done, but nothing to show
    data["results"].append({"name": "อบรม", "tool": "IIT", "responsible": "สำนักปลัด", "status": "not_started",
                            "activities": [{"date": "2022-12-01", "text": "อบรมแล้ว"}]})
    data["results"].append({"name": "สำรวจ", "tool": "EIT", "responsible": "สำนักปลัด", "status": "in_progress",
                            "start": "2023-05-01", "end": "2023-10-15"})
    found = lint(validate(data))
    assert codes(found) == ["date_outside_period", "done_without_outcome", "done_without_summary",
                            "period_after_round", "status_conflict"]
    assert main(["check", str(write(tmp_path, data))]) == 1


def test_unreported_measures_of_the_analysis_are_flagged():
    data = raw(SIX)
    data["results"] = [r for r in data["results"] if r["measure"] != "M4"]
    found = lint(load_params(SIX, data))
    assert codes(found) == ["measure_not_reported"] and found[0].reported == "M4"


# -- narrative, counts ----------------------------------------------------------------------------------
def test_round_wording():
    assert round_text(load_params(SIX)) == "รอบ ๖ เดือน (๑ ตุลาคม ๒๕๖๘ – ๓๑ มีนาคม ๒๕๖๙)"
    assert round_text(load_params(TWELVE)) == "รอบ ๑๒ เดือน (๑ ตุลาคม ๒๕๖๕ – ๓๐ กันยายน ๒๕๖๖)"
    arabic = validate(unlinked(style={"thai_digits": False}))
    assert round_text(arabic) == "รอบ 12 เดือน (1 ตุลาคม 2565 – 30 กันยายน 2566)"


def test_six_month_report_says_what_continues_in_the_second_half():
    p = load_params(SIX)
    text = remaining_text(p, rows(p))
    assert "ครึ่งหลังของปีงบประมาณ พ.ศ. ๒๕๖๙" in text and "๑ เมษายน ๒๕๖๙" in text and "๓๐ กันยายน ๒๕๖๙" in text
    assert "อยู่ระหว่างดำเนินการ ๖ มาตรการ" in text and "ยังไม่ได้ดำเนินการ ๓ มาตรการ" in text
    assert "รอบ ๑๒ เดือน" in text and "๒๕๗๐" not in text
    data = raw(SIX)
    for r in data["results"]:
        r.update(status="done", summary="แล้วเสร็จ", outcomes=["สำเร็จ"])
    p = load_params(SIX, data)
    assert "ทุกมาตรการดำเนินการแล้วเสร็จภายในรอบ ๖ เดือน" in remaining_text(p, rows(p))


def test_full_year_report_carries_the_rest_into_next_years_measures():
    p = load_params(TWELVE)
    text = remaining_text(p, rows(p))
    assert "ไม่แล้วเสร็จ ๑ มาตรการ" in text and "ประจำปีงบประมาณ พ.ศ. ๒๕๖๗" in text and "ครึ่งหลัง" not in text
    p = validate(unlinked())
    text = remaining_text(p, rows(p))
    assert "ทุกมาตรการดำเนินการแล้วเสร็จภายในปีงบประมาณ พ.ศ. ๒๕๖๖" in text and "ประจำปีงบประมาณ พ.ศ. ๒๕๖๗" in text


def test_counts_by_tool_and_status():
    p = load_params(SIX)
    assert counts(p) == {"IIT": {"done": 0, "in_progress": 4, "not_started": 1},
                         "EIT": {"done": 0, "in_progress": 1, "not_started": 2},
                         "OIT": {"done": 1, "in_progress": 1, "not_started": 0}}
    assert totals(p) == {"done": 1, "in_progress": 6, "not_started": 3}
    assert [r.result.measure for r in rows(p)] == ["M1", "M3", "M4", "M5", "M6", "M7", "M8", "M9", "M2", "M10"]
    assert [r.number for r in rows(p)] == list(range(1, 11))
    text = " ".join(progress_text(p))
    assert "ดำเนินการแล้วเสร็จ ๑ มาตรการ" in text and "ร้อยละ ๑๐.๐๐" in text
    assert "๑๕,๐๐๐.๐๐ บาท (หนึ่งหมื่นห้าพันบาทถ้วน)" in text
    assert counts(load_params(TWELVE))["IIT"] == {"done": 2, "in_progress": 1, "not_started": 0}
    # only rows taller than half a landscape page may split across pages
    assert [r.number for r in rows(load_params(TWELVE)) if r.tall] == [1, 7]


# -- sections ------------------------------------------------------------------------------------------
def all_html(report):
    parts = [report.cover(), report.summary(), report.progress_chart(), report.results(), report.assessment(),
             report.findings_box(), report.closing()]
    return "".join(str(p) for p in parts if p is not None)


def test_sections_of_both_examples():
    six, twelve = IntegrityReport.load(SIX), IntegrityReport.load(TWELVE)
    cover = squash(text_of(six.cover()))
    assert "รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน" in cover
    assert "รอบ๖เดือน(๑ตุลาคม๒๕๖๘–๓๑มีนาคม๒๕๖๙)" in cover and "องค์การบริหารส่วนตำบลสามเรือน" in cover
    table = text_of(six.results())
    for head in ("มาตรการ/กิจกรรม", "วิธีดำเนินการ", "ระยะเวลา", "สรุปผลการดำเนินการ", "ผลผลิต",
                 "ผลลัพธ์/ความสำเร็จ", "หมายเหตุ", "ผู้รับผิดชอบ"):
        assert head in table
    assert "landscape" in str(six.results()) and "แบบวัด IIT" in table and "๑๔ พ.ย. ๖๘" in table
    assert "๑ ต.ค. ๖๘ ถึง ๓๐ ก.ย. ๖๙" in table and "ไม่ใช้งบประมาณ" in table
    assert six.findings_box() is None and twelve.findings_box() is None
    assert "ครึ่งปีหลัง" in text_of(six.assessment()) and "ปีงบประมาณถัดไป" in text_of(twelve.assessment())
    closing = text_of(six.closing())
    assert "นายกองค์การบริหารส่วนตำบลสามเรือน" in squash(closing) and "๑๐ เมษายน ๒๕๖๙" in closing
    assert "<svg" in str(six.progress_chart()) and "<script" not in str(six.progress_chart())


def test_findings_are_shown_in_a_draft_only():
    data = raw(TWELVE)
    data["results"][6]["activities"][0]["date"] = "2022-01-27"
    assert IntegrityReport(validate(data)).findings_box() is None  # final: in the review sheet instead
    html = text_of(IntegrityReport(validate({**data, "status": "draft"})).findings_box())
    assert "ข้อสังเกตจากการตรวจทานข้อมูล" in html and "๒๗ มกราคม ๒๕๖๕" in html


def test_hostile_text_is_escaped_everywhere():
    data = unlinked(organisation={"name": "องค์การบริหารส่วนตำบลทดสอบ" + HOSTILE, "district": HOSTILE,
                                  "province": "ราชบุรี"},
                    prepared={"by": HOSTILE, "signatory": {"name": HOSTILE, "position": HOSTILE}})
    data["results"][0].update(name="มาตรการ" + HOSTILE, responsible=HOSTILE, actions=[HOSTILE], summary=HOSTILE,
                              outputs=[HOSTILE], outcomes=[HOSTILE, "ผล"], remarks=HOSTILE,
                              activities=[{"date": "2023-01-05", "text": HOSTILE}])
    report = IntegrityReport(validate(data))
    html = all_html(report)
    assert "<script" not in html and "<img" not in html
    assert html.count("&lt;script&gt;") >= 12 and "onerror=alert(2)" in html  # shown as text
    ours = "".join(str(s) for s in (report.cover(), report.summary(), report.results(), report.assessment(),
                                    report.findings_box(), report.closing()))
    tags = set(re.findall(r"<([a-z0-9]+)", ours))
    assert tags <= {"section", "h1", "h2", "h3", "p", "span", "wbr", "br", "table", "caption", "colgroup", "col",
                    "thead", "tbody", "tr", "th", "td", "small", "strong", "ul", "ol", "li", "div", "footer", "style"}
    # static and ours: the page numbers' digits (cover) and the results table's screen rule
    assert ours.count("<style") == 2 and "@media screen { div.integrity-scroll" in ours
    assert "<style>@page { @bottom-center { content: counter(page, thai); } }" in ours


def test_digit_style_reaches_every_number():
    data = raw(SIX)
    data["style"] = {"thai_digits": False}
    report = IntegrityReport(load_params(SIX, data))
    html = text_of(report.summary()) + text_of(report.results()) + text_of(report.assessment())
    assert "10.00" in html and "1 ต.ค. 68 ถึง 30 ก.ย. 69" in html and "14 พ.ย. 68" in html
    assert "๑๐.๐๐" not in html and "ต.ค. ๖๘" not in html  # the user's own text keeps the digits typed


def test_long_compounds_break_only_between_words_in_table_cells():
    html = str(cell_html("กองสาธารณสุขและสิ่งแวดล้อม"))
    assert html == ('<span class="w">กอง</span><wbr><span class="w">สาธารณสุข</span><wbr>'
                    '<span class="w">และ</span><wbr><span class="w">สิ่งแวดล้อม</span>')
    assert str(cell_html("<b>")) == "&lt;b&gt;"


def test_status_chart_is_a_figure_with_counts():
    fig = status_chart(load_params(SIX))
    texts = [t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text"))]
    assert "๕ มาตรการ" in texts and any("รอบ ๖ เดือน" in t for t in texts)


# -- end to end ----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def renders(tmp_path_factory):
    from toolkit.run import Engine, render

    out = tmp_path_factory.mktemp("integrity")
    with Engine() as engine:
        return {path.stem: render(load_params(path), out / path.stem, ("html", "pdf", "ipynb"), engine=engine,
                                  source=str(path))
                for path in (SIX, TWELVE)}


@pytest.mark.slow
@pytest.mark.parametrize("stem,org,year", [
    ("integrity_samruean_2569_6", "องค์การบริหารส่วนตำบลสามเรือน", "๒๕๖๙"),
    ("integrity_muangtao_2566", "องค์การบริหารส่วนตำบลเมืองเตา", "๒๕๖๖"),
])
def test_end_to_end_html_and_pdf(renders, stem, org, year):
    result = renders[stem]
    assert sorted(p.name for p in result.out_dir.iterdir()) == [
        "integrity_report.html", "integrity_report.ipynb", "integrity_report.pdf", "integrity_report.review.html"]
    html = result.files["html"].read_text(encoding="utf-8")
    text = squash(re.sub(r"<[^>]+>", "", html))
    assert "IntegrityReport" not in html and "params_file" not in html  # no code input
    assert '<html lang="th"' in html and "<script" not in html
    assert org in text and f"ประจำปีงบประมาณพ.ศ.{year}" in text
    nb = nbformat.read(result.files["ipynb"], as_version=4)
    assert not [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    pdf = str(result.files["pdf"])
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", run("pdfinfo", "-l", "999", pdf))
    assert sizes and all({round(float(w)), round(float(h))} == {595, 842} for w, h in sizes)
    assert any(round(float(w)) == 842 for w, _ in sizes)  # the results table on landscape pages
    assert re.search(r"Sarabun\S*\s+CID TrueType\s+Identity-H\s+yes", run("pdffonts", pdf))
    assert org in squash(run("pdftotext", pdf, "-"))


@pytest.mark.slow
def test_cli_render(tmp_path):
    assert main(["render", str(TWELVE), "--out", str(tmp_path), "--formats", "html"]) == 0
    assert (tmp_path / "integrity_report.html").exists()
