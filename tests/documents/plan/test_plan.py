"""The anti-corruption action plan (แผนปฏิบัติการป้องกันการทุจริต): params, arithmetic, checks, report."""
import re
import subprocess
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup

from tests.support import EXAMPLES, run
from toolkit.cli import main
from toolkit.documents.plan.budget import budget_table, counts, entries
from toolkit.documents.plan.charts import budget_chart
from toolkit.documents.plan.report import PlanReport, title
from toolkit.documents.registry import lint, load_params, validate
from toolkit.kit import thai
from toolkit.kit.errors import InputErrors

EXAMPLE = EXAMPLES / "plan_ipan_2566.yaml"
HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)>'


def project(name="โครงการอบรมคุณธรรมจริยธรรม", **over):
    p = {"name": name, "responsible": "สำนักปลัด"}
    p.update(over)
    return p


def plan(*dims, **over):
    """A small plan of อบต.ทดสอบ, 2566–2570; dims are (number, [projects]) pairs, one area each."""
    dims = dims or ((1, [project()]),)
    data = {
        "document": "anticorruption_plan",
        "organisation": {"name": "องค์การบริหารส่วนตำบลทดสอบ", "district": "เมือง", "province": "ราชบุรี"},
        "period": {"start": 2566, "end": 2570},
        "dimensions": [{"number": n, "areas": [{"number": 1, "projects": ps}]} for n, ps in dims],
    }
    data.update(over)
    return data


def errors_of(data):
    with pytest.raises(InputErrors) as err:
        validate(data, "plan.yaml")
    return err.value


def fields(err):
    return sorted(e.location.field for e in err)


def codes(findings):
    return sorted(f.code for f in findings)


def text_of(html: str) -> str:
    return re.sub(r"[\s\u200b]+", "", re.sub(r"<[^>]+>", "", str(html)))


# --------------------------------------------------------------------------- the example


def test_example_loads_with_defaults_from_the_data_file():
    p = load_params(EXAMPLE)
    assert p.fiscal_year == 2566  # defaults to the plan's first year
    assert [d.number for d in p.dimensions] == [1, 2, 3, 4]
    assert p.dimensions[0].title == "การสร้างวัฒนธรรมสุจริต"  # a 2566–2570 plan: that period's titles (seed 004)
    assert p.dimensions[3].title == "การยกระดับกลไกการตรวจสอบการดำเนินงานขององค์กรปกครองส่วนท้องถิ่น"
    assert p.dimensions[1].areas[1].title == "มาตรการส่งเสริมคุณธรรมและความโปร่งใส"  # by number, from the data
    c = counts(p).total
    assert (c["all"], c["โครงการ"], c["กิจกรรม"], c["มาตรการ"], c["no_budget"]) == (15, 6, 3, 6, 14)
    assert title(p) == "แผนปฏิบัติการป้องกันการทุจริต (พ.ศ. ๒๕๖๖–๒๕๗๐) องค์การบริหารส่วนตำบลอิปัน"


def test_example_is_clean_and_fixes_the_seed():
    p = load_params(EXAMPLE)
    assert lint(p) == []
    raw = EXAMPLE.read_text(encoding="utf-8").split("\n")
    body = "\n".join(line for line in raw if not line.lstrip().startswith("#"))
    for wrong in ("อโศก", "อโพน", "อปีน", "อโปีน", "ระบุจำนวน", "มติที่", "สำนักนักปลัด"):
        assert wrong not in body
    assert [e.number for e in entries(p)] == list(range(1, 16))
    assert main(["check", str(EXAMPLE)]) == 0


# --------------------------------------------------------------------------- arithmetic


def test_budget_totals_per_dimension_year_and_grand_are_exact():
    p = validate(plan(
        (1, [project(budget={2566: 20000, 2567: "๒๐,๐๐๐", 2568: 0.1}),
             project("กิจกรรมเดินรณรงค์", budget={2568: 0.2, "๒๕๖๙": "1,500.50"})]),
        (2, [project("มาตรการ No Gift Policy", budget=None)]),
        (4, [project("มาตรการบริหารความเสี่ยง", budget={2570: "๗๕,๐๐๐"})]),
    ))
    t = budget_table(p)
    assert t.years == [2566, 2567, 2568, 2569, 2570] and t.dimensions == [1, 2, 3, 4]
    assert t.cell(1, 2567) == 20000 and t.cell(1, 2568) == Decimal("0.3")  # not 0.30000000000000004
    assert t.dimension_total(1) == Decimal("41500.8")
    assert t.dimension_total(2) == 0 and t.dimension_total(3) == 0 and t.dimension_total(4) == 75000
    assert [t.year_total(y) for y in t.years] == [20000, 20000, Decimal("0.3"), Decimal("1500.5"), 75000]
    assert t.total == Decimal("116500.8")
    assert sum(t.dimension_total(d) for d in t.dimensions) == sum(t.year_total(y) for y in t.years) == t.total
    c = counts(p)
    assert c.total["no_budget"] == 1 and c.by_dimension[1]["budget"] == 2 and c.by_dimension[3]["all"] == 0


def test_grand_total_in_baht_text_and_figures():
    p = validate(plan((1, [project(budget={2566: 20000, 2567: 20000, 2568: 20000, 2569: 20000, 2570: 20000})]),
                      (3, [project("โครงการจัดเวทีประชาคม", budget={2566: "12,500.50"})])))
    assert budget_table(p).total == Decimal("112500.5")
    assert thai.baht_text(budget_table(p).total) == "หนึ่งแสนหนึ่งหมื่นสองพันห้าร้อยบาทห้าสิบสตางค์"
    html = text_of(PlanReport(p).budget_summary())
    assert "หนึ่งแสนหนึ่งหมื่นสองพันห้าร้อยบาทห้าสิบสตางค์" in html
    assert "๑๑๒,๕๐๐.๕๐" in html and "๑๐๐,๐๐๐" in html and "๑๒,๕๐๐.๕๐" in html
    arabic = text_of(PlanReport(validate({**plan((1, [project(budget={2566: 1234567})])),
                                          "style": {"thai_digits": False}})).budget_summary())
    assert "1,234,567" in arabic and "หนึ่งล้านสองแสนสามหมื่นสี่พันห้าร้อยหกสิบเจ็ดบาทถ้วน" in arabic
    assert not re.search("[๐-๙]", arabic)


def test_no_budget_at_all():
    r = PlanReport(validate(plan()))
    assert r.table.total == 0 and budget_chart(r.params) is None and r.budget_chart() is None
    assert "ทุกรายการดำเนินการได้โดยไม่ใช้งบประมาณ" in text_of(r.introduction())
    assert "ไม่ใช้งบประมาณ" in text_of(r.overview())


# --------------------------------------------------------------------------- validation


def test_budget_years_and_amounts_are_checked():
    err = errors_of(plan((1, [project(budget={2566: -5, 2567: "abc", "2568": True, 2025: 1})])))
    assert fields(err) == [f"dimensions[1].areas[1].projects[1].budget.{k}" for k in ("2025", "2566", "2567", "2568")]
    text = err.message_en()
    assert "must not be negative" in text and "expected a number" in text and "Christian Era" in text
    assert "จำนวนเงินต้องไม่ติดลบ" in err.message_th()
    err = errors_of(plan((1, [project(budget={2566: 1, 2571: 1, 2565: 1})])))
    assert fields(err) == ["dimensions[1].areas[1].projects[1].budget.2565",
                           "dimensions[1].areas[1].projects[1].budget.2571"]
    assert "outside the plan's period (2566–2570)" in err.message_en() and "อยู่นอกช่วงของแผน" in err.message_th()
    err = errors_of(plan((1, [project(budget=20000)])))
    assert fields(err) == ["dimensions[1].areas[1].projects[1].budget"] and "per fiscal year" in err.message_en()


def test_no_budget_spellings():
    for value in (None, "ไม่ใช้งบประมาณ", "none", "-"):
        p = validate(plan((1, [project(budget=value)])))
        assert p.dimensions[0].areas[0].projects[0].budget is None


def test_structure_is_checked():
    err = errors_of(plan((5, [project()]), (0, [project()])))
    assert fields(err) == ["dimensions[1].number", "dimensions[2].number"]
    assert "dimension number must be a number from 1 to 4" in err.message_en()
    err = errors_of(plan((1, [])))
    assert fields(err) == ["dimensions[1].areas[1].projects"] and "at least one project" in err.message_en()
    err = errors_of(plan(dimensions=[]))
    assert fields(err) == ["dimensions"]
    err = errors_of(plan((1, [project("งานอบรม", type="งาน"), project("การประชุมชี้แจง")])))
    assert fields(err) == ["dimensions[1].areas[1].projects[1].type", "dimensions[1].areas[1].projects[2]"]
    assert "โครงการ" in err.message_th() and "type is required" in err.message_en()
    err = errors_of(plan((2, [project()]), (2, [project()])))
    assert fields(err) == ["dimensions[2].number"] and "given twice" in err.message_en()
    data = plan()
    data["dimensions"][0]["areas"][0] = {"number": 9, "projects": [project()]}
    err = errors_of(data)
    assert fields(err) == ["dimensions[1].areas[1].title"]
    err = errors_of(plan((1, [project(target={"group": "ประชาชน", "count": "ระบุจำนวนกลุ่มเป้าหมาย"})])))
    assert fields(err) == ["dimensions[1].areas[1].projects[1].target[1].count"]
    err = errors_of(plan((1, [project(typo="x")])))
    assert fields(err) == ["dimensions[1].areas[1].projects[1].typo"]


def test_period_and_fiscal_year_are_checked():
    err = errors_of(plan(period={"start": 2570, "end": 2566}))
    assert fields(err) == ["period.end"] and "not be before" in err.message_en()
    err = errors_of(plan(period={"start": 2566, "end": 2580}))
    assert fields(err) == ["period.end"] and "at most 10 years" in err.message_en()
    err = errors_of(plan(fiscal_year=2571))
    assert fields(err) == ["fiscal_year"]
    assert validate(plan(fiscal_year=2565)).fiscal_year == 2565  # written the year before it starts
    assert validate(plan(period={"start": "๒๕๖๖", "end": "๒๕๗๐"})).period.years == [2566, 2567, 2568, 2569, 2570]


def test_errors_name_the_line_of_a_yaml_file(tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_text("""\
document: anticorruption_plan
organisation: {name: องค์การบริหารส่วนตำบลทดสอบ, district: เมือง, province: ราชบุรี}
period: {start: 2566, end: 2570}
dimensions:
  - number: 1
    areas:
      - title: การเสริมสร้างจิตสำนึก
        projects:
          - name: โครงการอบรม
            responsible: สำนักปลัด
            budget:
              2566: 10000
              2567: -1
""", encoding="utf-8")
    with pytest.raises(InputErrors) as err:
        load_params(path)
    (e,) = err.value.errors
    assert (e.location.field, e.location.line) == ("dimensions[1].areas[1].projects[1].budget.2567", 13)
    assert str(path) in e.message_en()


def test_text_and_lists_are_accepted_both_ways():
    p = validate(plan((1, [project(rationale="ย่อหน้าเดียว", objectives="ข้อเดียว", target="ประชาชน",
                                   period={"start": "2565-10-01", "end": "2570-09-30"})])))
    pr = p.dimensions[0].areas[0].projects[0]
    assert pr.rationale == ["ย่อหน้าเดียว"] and pr.objectives == ["ข้อเดียว"] and pr.target[0].group == "ประชาชน"
    assert pr.type == "โครงการ"  # from the name
    assert "๑ตุลาคม๒๕๖๕ถึง๓๐กันยายน๒๕๗๐" in text_of(PlanReport(p).projects())


def test_titles_can_be_overridden():
    data = plan()
    data["dimensions"][0]["title"] = "การสร้างวัฒนธรรมสุจริต"
    data["dimensions"][0]["areas"][0]["title"] = "ประเด็นของเราเอง"
    r = PlanReport(validate(data))
    html = text_of(r.projects())
    assert "มิติที่๑การสร้างวัฒนธรรมสุจริต" in html and "๑.๑ประเด็นของเราเอง" in html


# --------------------------------------------------------------------------- lint: seed 004's errors


def test_other_organisations_names():
    p = validate(plan((1, [project(
        rationale=["องค์การบริหารส่วนตำบลอโศกจึงได้ตระหนักถึงความสำคัญ", "องค์การบริหารส่วนตำบลทดสอบจัดอบรม"],
        target="บุคลากรองค์การบริหารส่วนตำบลอโพน",
        responsible="สำนักปลัดองค์การบริหารส่วนตำบลอปีน")])))
    found = [f for f in lint(p) if f.code == "other_organisation"]
    assert sorted(f.field for f in found) == [
        "dimensions[1].areas[1].projects[1].rationale[1]", "dimensions[1].areas[1].projects[1].responsible",
        "dimensions[1].areas[1].projects[1].target[1].group"]
    assert any("อโศก" in f.message_th for f in found) and any("อปีน" in f.message_en for f in found)


def test_unfilled_placeholder():
    p = validate(plan((1, [project(target="ประชาชนในเขตพื้นที่ จำนวน ระบุจำนวนกลุ่มเป้าหมาย คน")])))
    found = [f for f in lint(p) if f.code == "placeholder"]
    assert [f.field for f in found] == ["dimensions[1].areas[1].projects[1].target[1].group"]


def test_repeated_and_skipped_numbers_are_found_and_never_printed():
    names = [f"โครงการที่{thai.to_thai_digits(str(i))}" for i in range(1, 8)]
    numbers = [1, 2, 3, 4, 5, 2, 7]  # seed 004: "ลำดับที่ ๒" twice, no ๖
    p = validate(plan((1, [project(n, number=k) for n, k in zip(names, numbers)])))
    found = [f for f in lint(p) if f.code in ("duplicate_number", "skipped_number")]
    assert codes(found) == ["duplicate_number", "skipped_number"]
    dup = next(f for f in found if f.code == "duplicate_number")
    assert dup.field == "dimensions[1].areas[1].projects[6].number" and dup.reported == 2
    assert next(f for f in found if f.code == "skipped_number").reported == [6]
    r = PlanReport(p)
    assert [e.number for e in r.entries] == [1, 2, 3, 4, 5, 6, 7]
    printed = [text_of(h).removeprefix("ลำดับที่")
               for h in re.findall(r'class="plan-project-no">(.*?)</p>', str(r.projects()))]
    assert printed == ["๑", "๒", "๓", "๔", "๕", "๖", "๗"]
    overview = str(r.overview())
    assert re.findall(r'<td class="num">([๐-๙]+)</td>\s*<td>(?!</td>)', overview) == printed


def test_numbering_runs_over_the_whole_plan_in_dimension_order():
    p = validate(plan((3, [project("โครงการค")]), (1, [project("โครงการก"), project("โครงการข")])))
    assert [(e.number, e.dimension, e.project.name) for e in entries(p)] == [
        (1, 1, "โครงการก"), (2, 1, "โครงการข"), (3, 3, "โครงการค")]


def test_years_outside_the_plan_but_not_cited_laws():
    p = validate(plan((1, [project(
        rationale=["ตามพระราชบัญญัติข้อมูลข่าวสารของราชการ พ.ศ. ๒๕๔๐ และยุทธศาสตร์ชาติ (พ.ศ. ๒๕๖๑ – ๒๕๘๐)"],
        method=["ประชุมเตรียมการในปีงบประมาณ ๒๕๖๕", "จัดอบรมในปี ๒๕๗๒", "ตามระเบียบกระทรวงมหาดไทย พ.ศ. ๒๕๖๑"],
        outputs=["มีแผนปฏิบัติการ พ.ศ. ๒๕๖๖–๒๕๗๐"],
        period={"start": "2022-10-01", "end": "2028-01-31"})])))
    found = [f for f in lint(p) if f.code != "missing_dimension"]
    assert codes(found) == ["date_outside_period", "year_outside_period"]
    year = next(f for f in found if f.code == "year_outside_period")
    assert year.field == "dimensions[1].areas[1].projects[1].method[2]" and year.reported == 2572
    assert next(f for f in found if f.code == "date_outside_period").field.endswith("period.end")


def test_stated_totals_that_do_not_add_up():
    p = validate(plan(
        (1, [project(budget={2566: 20000, 2567: 20000})]),
        (2, [project("มาตรการ No Gift Policy", budget={2566: 5000})]),
        stated_totals={"by_dimension": {1: {2566: 20000, 2567: "๒๕,๐๐๐", "total": 40000}, "๒": {"รวม": 5000}},
                       "by_year": {2566: 20000, 2567: 20000}, "total": "๖๐,๐๐๐"}))
    found = [f for f in lint(p) if f.code == "total_mismatch"]
    assert sorted(f.field for f in found) == [
        "stated_totals.by_dimension.1.2567", "stated_totals.by_year.2566", "stated_totals.total"]
    by_field = {f.field: f for f in found}
    f = by_field["stated_totals.by_dimension.1.2567"]
    assert (f.reported, f.computed) == (25000, 20000)
    assert "มิติที่ 1 ปีงบประมาณ 2567" in f.message_th and "ที่ระบุ 25,000 บาท" in f.message_th and "รายโครงการ 20,000 บาท" in f.message_th
    assert "dimension 1, fiscal year 2567" in f.message_en
    assert (by_field["stated_totals.by_year.2566"].reported, by_field["stated_totals.by_year.2566"].computed) == (
        20000, 25000)
    assert (by_field["stated_totals.total"].reported, by_field["stated_totals.total"].computed) == (60000, 45000)
    err = errors_of(plan(stated_totals={"by_year": {2571: 1}, "by_dimension": {7: {2566: 1}}}))
    assert fields(err) == ["stated_totals.by_dimension.7"]
    err = errors_of(plan(stated_totals={"by_year": {2571: 1}}))
    assert fields(err) == ["stated_totals.by_year.2571"]


def test_misspelt_dimension():
    data = plan()
    data["dimensions"][0]["title"] = "มติที่ ๑ การสร้างวัฒนธรรมสุจริต"
    data["dimensions"][0]["areas"][0]["projects"][0]["method"] = ["นำเสนอตามมติที่ประชุม", "สำนักนักปลัดรายงานผล"]
    p = validate(data)
    found = [f for f in lint(p) if f.code == "misspelling"]
    assert sorted(f.field for f in found) == ["dimensions[1].areas[1].projects[1].method[2]", "dimensions[1].title"]
    assert any("มิติที่" in f.message_th for f in found)  # มติที่ประชุม (a meeting's resolution) is fine
    shown = text_of(PlanReport(p).introduction())  # a typed number is not printed twice
    assert "มิติที่๑การสร้างวัฒนธรรมสุจริต" in shown and "มติที่" not in shown


def test_missing_dimension_is_noted_not_serious():
    found = lint(validate(plan()))
    assert codes(found) == ["missing_dimension"] * 3 and {f.severity for f in found} == {"info"}


def test_check_command_exit_codes(tmp_path):
    import yaml

    bad = tmp_path / "bad.yaml"
    data = plan((1, [project(target="บุคลากรองค์การบริหารส่วนตำบลอโศก")]))
    bad.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert main(["check", str(bad)]) == 1
    data["period"] = {"start": 2566, "end": 2599}
    bad.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert main(["check", str(bad)]) == 2


# --------------------------------------------------------------------------- the report


def hostile_report():
    data = plan((1, [project("โครงการ" + HOSTILE, rationale=[HOSTILE], objectives=[HOSTILE], method=[HOSTILE],
                             target={"group": HOSTILE, "count": 3, "unit": HOSTILE}, responsible=HOSTILE,
                             outputs=[HOSTILE], outcomes=[HOSTILE], indicators=[HOSTILE], issue=HOSTILE,
                             period=HOSTILE, budget={2566: 1000}),
                     project("โครงการที่สอง", budget={"whole_period": 5000})]),
                subtitle=HOSTILE, prepared={"by": HOSTILE, "signatory": {"name": HOSTILE, "position": HOSTILE}},
                status="draft")  # a draft: the findings box is printed too
    data["dimensions"][0]["title"] = "มิติ" + HOSTILE
    data["dimensions"][0]["areas"][0].update(title=HOSTILE, goal=HOSTILE)
    data["organisation"]["name"] = "องค์การบริหารส่วนตำบลทดสอบ" + HOSTILE
    return PlanReport(validate(data))


def all_html(r):
    parts = [r.cover(), r.introduction(), r.findings(), r.overview(), r.budget_summary(), r.budget_chart(),
             r.projects(), r.closing()]
    return "".join(str(p) for p in parts if p is not None)


def test_text_from_params_is_escaped_everywhere():
    html = all_html(hostile_report())
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html and "onerror=alert(2)" in html
    assert html.count("&lt;script&gt;") >= 20
    tags = set(re.findall(r"<([a-z0-9]+)", html))
    allowed = {"style", "section", "h1", "h2", "h3", "h4", "p", "span", "wbr", "br", "table", "caption", "colgroup",
               "col", "thead", "tbody", "tr", "th", "td", "small", "strong", "ul", "ol", "li", "div", "footer",
               "figure", "figcaption", "svg"}
    svg = html[html.index("<svg"):html.index("</svg>")]
    assert tags - allowed <= set(re.findall(r"<([a-z0-9]+)", svg))  # anything else is the chart's own SVG


def test_sections_show_the_plan():
    r = PlanReport(load_params(EXAMPLE))
    cover = text_of(r.cover())
    assert "แผนปฏิบัติการป้องกันการทุจริต" in cover and "(พ.ศ.๒๕๖๖–๒๕๗๐)" in cover
    assert "องค์การบริหารส่วนตำบลอิปัน" in cover and "อำเภอพระแสง" in cover
    intro = text_of(r.introduction())
    for d in ("การสร้างวัฒนธรรมสุจริต", "การบริหารราชการด้วยความโปร่งใส",
              "การส่งเสริมบทบาทและการมีส่วนร่วมของภาคประชาชน",
              "การยกระดับกลไกการตรวจสอบการดำเนินงานขององค์กรปกครองส่วนท้องถิ่น"):
        assert d in intro
    assert "การสร้างสังคมที่ไม่ทนต่อการทุจริต" not in intro  # the 2561–2565 wording
    assert "๑๕รายการ" in intro and "หนึ่งแสนบาทถ้วน" in intro
    overview = str(r.overview())
    assert "landscape" in overview.split(">")[0] and text_of(overview).count("ไม่ใช้งบประมาณ") == 14
    assert "โครงการเชิดชูเกียรติบุคลากร" in text_of(overview)
    summary = text_of(r.budget_summary())
    assert "รวมทั้งสิ้น๒๐,๐๐๐๒๐,๐๐๐๒๐,๐๐๐๒๐,๐๐๐๒๐,๐๐๐๑๐๐,๐๐๐" in summary
    # one budgeted project at 20,000 a year would draw five equal bars: the table says it, no chart
    assert r.budget_chart() is None and budget_chart(r.params) is None
    projects = text_of(r.projects())
    for label in ("ชื่อโครงการ", "หลักการและเหตุผล", "วัตถุประสงค์", "กลุ่มเป้าหมาย", "วิธีดำเนินการ",
                  "ระยะเวลาดำเนินการ", "งบประมาณ", "ผู้รับผิดชอบ", "ผลผลิต/ผลลัพธ์", "ตัวชี้วัด", "ชื่อมาตรการ"):
        assert label in projects
    assert "จำนวน๕๖คน" in projects and "ไม่ใช้งบประมาณ" in projects and "หนึ่งแสนบาทถ้วน" in projects
    assert r.findings() is None


def test_findings_box_lists_lint_findings_in_a_draft_only():
    data = plan((1, [project(target="บุคลากรองค์การบริหารส่วนตำบลอโศก")]))
    assert PlanReport(validate(data)).findings() is None  # final: the findings go to the review sheet
    r = PlanReport(validate({**data, "status": "draft"}))
    box = text_of(r.findings())
    assert "ข้อสังเกตจากการตรวจทานข้อมูลของแผน" in box and "อโศก" in box
    assert "ข้อสังเกต:แผนไม่มีโครงการในมิติที่๔" in box  # info findings too, digits as the style asks


# --------------------------------------------------------------------------- end to end



@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    from toolkit.run import render

    out = tmp_path_factory.mktemp("plan")
    return render(load_params(EXAMPLE), out, ("html", "pdf"), source=str(EXAMPLE))


@pytest.mark.slow
def test_render_html(rendered):
    assert sorted(p.name for p in rendered.out_dir.iterdir()) == [
        "anticorruption_plan.html", "anticorruption_plan.pdf", "anticorruption_plan.review.html"]
    html = rendered.files["html"].read_text(encoding="utf-8")
    assert "PlanReport" not in html and "params_file" not in html  # no code input
    assert "<script" not in html and '<html lang="th"' in html
    text = text_of(html)
    assert "องค์การบริหารส่วนตำบลอิปัน" in text and "๑๐๐,๐๐๐" in text and "หนึ่งแสนบาทถ้วน" in text
    assert "<title>แผนปฏิบัติการป้องกันการทุจริต (พ.ศ. ๒๕๖๖–๒๕๗๐) องค์การบริหารส่วนตำบลอิปัน</title>" in html


@pytest.mark.slow
def test_render_pdf(rendered):
    pdf = str(rendered.files["pdf"])
    sizes = [(round(float(w)), round(float(h))) for w, h in
             re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", run("pdfinfo", "-l", "999", pdf))]
    assert sizes and all(s in ((595, 842), (842, 595)) for s in sizes)
    assert sizes[0] == (595, 842) and sizes.count((842, 595)) == 1  # the overview: one landscape page
    assert re.search(r"Sarabun\S*\s+CID TrueType\s+Identity-H\s+yes", run("pdffonts", pdf))
    text = re.sub(r"[\s\u200b]+", "", run("pdftotext", pdf, "-"))
    assert "องค์การบริหารส่วนตำบลอิปัน" in text and "หนึ่งแสนบาทถ้วน" in text
    landscape = sizes.index((842, 595)) + 1
    page = re.sub(r"[\s\u200b]+", "", run("pdftotext", "-f", str(landscape), "-l", str(landscape), pdf, "-"))
    assert "รวมทั้งสิ้น๑๕รายการ" in page  # the whole overview table fits its one page


@pytest.mark.slow
def test_cli_render(tmp_path, capsys):
    assert main(["render", str(EXAMPLE), "--out", str(tmp_path), "--formats", "html"]) == 0
    assert (tmp_path / "anticorruption_plan.html").exists()
    assert "แผนปฏิบัติการป้องกันการทุจริต (พ.ศ. ๒๕๖๖–๒๕๗๐)" in capsys.readouterr().out


@pytest.mark.slow
def test_the_notebook_runs_as_is_with_papermill_cli(tmp_path):
    """An analyst opening notebooks/anticorruption_plan.ipynb and running it gets the bundled example."""
    out = tmp_path / "executed.ipynb"
    notebooks = EXAMPLE.parents[2] / "notebooks"
    subprocess.run(["papermill", "--cwd", str(notebooks), str(notebooks / "anticorruption_plan.ipynb"), str(out)],
                   check=True, capture_output=True, timeout=600)
    import nbformat

    nb = nbformat.read(out, as_version=4)
    assert not [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    html = "".join(o.get("data", {}).get("text/html", "") for c in nb.cells for o in c.get("outputs", []))
    assert "อิปัน" in html and "สารบัญ" in html and "plan-budget" in html


# --------------------------------------------------------------------------- titles by period, budget forms


def test_dimension_titles_follow_the_plan_period():
    older = validate(plan((1, [project()]), (4, [project("มาตรการตรวจสอบ")]), period={"start": 2561, "end": 2565},
                          fiscal_year=2561))
    newer = validate(plan((1, [project()]), (4, [project("มาตรการตรวจสอบ")])))
    assert [d.title for d in older.dimensions] == ["การสร้างสังคมที่ไม่ทนต่อการทุจริต",
                                                    "การเสริมสร้างและปรับปรุงกลไกในการตรวจสอบการปฏิบัติราชการ"]
    assert [d.title for d in newer.dimensions] == ["การสร้างวัฒนธรรมสุจริต",
                                                    "การยกระดับกลไกการตรวจสอบการดำเนินงานขององค์กรปกครองส่วนท้องถิ่น"]
    # a dimension the plan leaves out is still named in the period's words (introduction, lint)
    intro = text_of(PlanReport(older).introduction())
    assert "การบริหารราชการเพื่อป้องกันการทุจริต" in intro and "การบริหารราชการด้วยความโปร่งใส" not in intro
    missing = [f for f in lint(newer) if f.code == "missing_dimension"]
    assert any("การบริหารราชการด้วยความโปร่งใส" in f.message_th for f in missing)
    # a plan after the last known period keeps the last known titles; a given title always wins
    later = validate(plan((1, [project()]), period={"start": 2571, "end": 2575}, fiscal_year=2571))
    assert later.dimensions[0].title == "การสร้างวัฒนธรรมสุจริต"
    own = plan((1, [project()]))
    own["dimensions"][0]["title"] = "มิติของเราเอง"
    assert validate(own).dimensions[0].title == "มิติของเราเอง"


def test_budget_per_year_and_for_the_whole_period_are_told_apart():
    p = validate(plan((1, [project(budget={"per_year": {2566: 20000, 2567: 20000}}),
                           project("โครงการห้าปี", budget={"whole_period": "100,000"})]),
                      (2, [project("มาตรการเดิม", budget={2566: 5000})])))  # the older form: per year
    projects = [e.project for e in entries(p)]
    assert projects[0].per_year == {2566: 20000, 2567: 20000} and projects[0].whole_period is None
    assert projects[1].per_year == {} and projects[1].whole_period == 100000
    assert projects[2].per_year == {2566: 5000}
    t = budget_table(p)
    # the period sum is its own column: never spread over the years, never multiplied by them
    assert [t.year_total(y) for y in t.years] == [25000, 20000, 0, 0, 0]
    assert t.period_cell(1) == 100000 and t.period_total == 100000 and t.has_period
    assert t.dimension_total(1) == 140000 and t.total == 145000 != 25000 + 20000 + 5 * 100000
    assert sum(t.dimension_total(d) for d in t.dimensions) == t.total
    r = PlanReport(p)
    summary = text_of(r.budget_summary())
    assert "ตลอดแผน(ไม่แยกรายปี)" in summary and "๑๔๐,๐๐๐" in summary and "๑๔๕,๐๐๐" in summary
    assert "๕๐๐,๐๐๐" not in summary
    overview = text_of(r.overview())
    assert "ยอดเดียวตลอดแผนไม่แยกรายปี" in overview and "ตลอดแผน(บาท)" in overview
    details = text_of(r.projects())
    assert "รวม๑๐๐,๐๐๐บาท(หนึ่งแสนบาทถ้วน)เป็นยอดเดียวตลอดระยะเวลาของแผน(ปีงบประมาณพ.ศ.๒๕๖๖–๒๕๗๐)ไม่แยกรายปี" in details
    chart = str(r.budget_chart())  # the period sum has a bar of its own, labelled so
    assert 'id="bar-d1-period"' in chart and 'id="total-period"' in chart
    assert round(float(load_params_score(p)["budget"]["whole_period_total"])) == 100000


def load_params_score(p):
    from toolkit.documents.plan import score
    return score(p)


def test_budget_stated_both_ways_or_as_a_bare_number_is_refused():
    err = errors_of(plan((1, [project(budget={"per_year": {2566: 1}, "whole_period": 5})])))
    assert fields(err) == ["dimensions[1].areas[1].projects[1].budget.whole_period"]
    assert "one way only" in err.message_en()
    err = errors_of(plan((1, [project(budget={"per_year": {2566: -1}, "whole_period_x": 5})])))
    assert fields(err) == ["dimensions[1].areas[1].projects[1].budget.per_year.2566",
                           "dimensions[1].areas[1].projects[1].budget.whole_period_x"]
    err = errors_of(plan((1, [project(budget=20000)])))
    assert "whole_period" in err.message_en() and "per fiscal year" in err.message_en()


def test_a_chart_is_drawn_only_when_it_compares_something():
    one = validate(plan((1, [project(budget={y: 20000 for y in range(2566, 2571)})])))
    assert budget_chart(one) is None  # five identical bars of one project
    same = validate(plan((1, [project(budget={y: 10000 for y in range(2566, 2571)}),
                              project("โครงการที่สอง", budget={y: 10000 for y in range(2566, 2571)})])))
    assert budget_chart(same) is None  # still one dimension, every bar the same
    varied = validate(plan((1, [project(budget={2566: 10000}), project("โครงการที่สอง", budget={2567: 5000})])))
    assert budget_chart(varied) is not None
    two_dims = validate(plan((1, [project(budget={y: 10000 for y in range(2566, 2571)})]),
                             (2, [project("มาตรการที่สอง", budget={y: 10000 for y in range(2566, 2571)})])))
    assert budget_chart(two_dims) is not None


def test_one_line_fields_follow_their_name_and_lists_stay_lists():
    """Period, responsible unit, one target group and a budget said in one line share the field's line (the
    plan keeps to its page budget); objectives, several targets and a yearly budget stay under their field."""
    r = PlanReport(validate(plan((1, [project(), project("โครงการสองกลุ่ม", target=["ประชาชน", "บุคลากร"],
                                                         budget={2566: 10000})]))))
    soup = BeautifulSoup(r.projects().html, "html.parser")
    fields_ = {}
    for p in soup.select("p.plan-field"):
        label = re.sub(r"^[\d๐-๙]+\.\s*", "", p.get_text("").replace("\u200b", "")).split(" ")[0]
        fields_.setdefault(label, []).append(p)
    inline = {k: [bool(p.select_one("span.plan-inline")) for p in v] for k, v in fields_.items()}
    assert inline["ระยะเวลาดำเนินการ"] == [True, True] and inline["ผู้รับผิดชอบ"] == [True, True]
    assert inline["งบประมาณ"] == [True, False]  # "ไม่ใช้งบประมาณ" inline; the yearly table below its field
    assert inline["กลุ่มเป้าหมาย"] == [False]  # two groups: a list
    assert "ไม่ใช้งบประมาณ" in fields_["งบประมาณ"][0].get_text("").replace("\u200b", "")
    assert fields_["ผู้รับผิดชอบ"][0].select_one("span.plan-inline").get_text("").replace("\u200b", "") == "สำนักปลัด"
