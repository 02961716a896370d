"""Front matter shared by every document: the ITA item on the cover, month and year, anchors, contents."""
import datetime as dt
import re

from tests.support import EXAMPLES, PLAN_EXAMPLE, SEED003, TWELVE_MONTH
from toolkit.documents import front
from toolkit.documents.analysis.report import AnalysisReport
from toolkit.documents.integrity.report import IntegrityReport
from toolkit.documents.plan.report import PlanReport
from toolkit.documents.registry import load_params
from toolkit.kit.figures import Figures


def squash(section) -> str:
    return re.sub(r"[\s\u200b]+", "", re.sub(r"<[^>]+>", "", str(section)))


def test_the_item_a_document_answers_comes_from_the_year_s_framework():
    thai = Figures(True)
    assert front.item_lines("ita_analysis", [2569], thai) == [
        {"year": "๒๕๖๙", "code": "O25", "text": "การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร"}]
    assert [i["code"] for i in front.item_lines("ita_analysis", [2566, 2568], thai)] == ["O42", "O27"]
    assert front.item_lines("integrity_report", [2568], Figures(False))[0]["text"] == (
        "รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปี พ.ศ. 2567")
    # 2567's items are not known: nothing is invented for the cover
    assert front.item_lines("integrity_report", [2567], thai) == []


def test_covers_name_the_item_per_year():
    cover = squash(AnalysisReport.load(SEED003).cover())
    assert "ประจำปีงบประมาณพ.ศ.๒๕๖๙ข้อO25การนำผลการประเมินITAไปสู่การพัฒนาองค์กร" in cover
    assert "ข้อO43" in squash(IntegrityReport.load(TWELVE_MONTH).cover())  # FY2566: the 2566 catalogue
    plan = squash(PlanReport.load(PLAN_EXAMPLE).cover())  # 2566–2570: each year with a known catalogue
    assert "ปีพ.ศ.๒๕๖๖ข้อO36·ปีพ.ศ.๒๕๖๘ข้อO25·ปีพ.ศ.๒๕๖๙ข้อO23" in plan and "๒๕๗๐ข้อ" not in plan


def test_cover_contact_details():
    cover = squash(AnalysisReport.load(SEED003).cover())
    assert "เลขที่๑หมู่ที่๓ตำบลสามเรือน" in cover and "โทรศัพท์๐๓๒๐๐๐๓๐๑" in cover and "โทรสาร๐๓๒๐๐๐๓๐๒" in cover
    assert "www.samruean.go.th" in cover and "อีเมลsaraban@samruean.go.th" in cover
    arabic = squash(AnalysisReport.load(EXAMPLES / "thungtuayang_2569.yaml").cover())
    assert "โทรศัพท์056000245" in arabic and not re.search("[๐-๙]", arabic)


def test_month_and_year_of_the_foreword():
    assert front.month_year(dt.date(2021, 4, 20), Figures(True)) == "เมษายน ๒๕๖๔"
    assert front.month_year(dt.date(2025, 12, 1), Figures(False)) == "ธันวาคม 2568"
    assert front.month_year(None, Figures(True)) is None
    foreword = squash(IntegrityReport.load(EXAMPLES / "integrity_khaosaming_2564_6.yaml").foreword())
    assert foreword.startswith("คำนำ") and foreword.endswith("สำนักปลัดองค์การบริหารส่วนตำบลเขาสมิงเมษายน๒๕๖๔")


def test_sections_get_anchors_and_the_contents_lists_them_in_order():
    html = front.anchor('<section><h2 class="x">๑. ผล</h2><h2>อื่น</h2></section>', "results")
    assert html == '<section><h2 id="sec-results" class="x">๑. ผล</h2><h2>อื่น</h2></section>'
    assert front.anchor(html, "other") == html  # an id is kept
    r = AnalysisReport.load(SEED003)
    contents = str(r.contents())
    ids = re.findall(r'href="#([^"]+)"', contents)
    assert ids == ["sec-foreword", "sec-analysis_results", "sec-analysis_indicators", "sec-analysis_measures"]
    for name, ident in (("results", "sec-analysis_results"), ("measures", "sec-analysis_measures")):
        assert f'id="{ident}"' in str(getattr(r, name)())
    assert contents.count('<span class="toc-page" data-for="') == 4 and 'data-digits="thai"' in contents
    assert "สารบัญ" in squash(contents) and "๓.มาตรการและแนวทาง" in squash(contents)
