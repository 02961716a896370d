"""Every document type says where an organisation is by the same rule (toolkit/kit/places.py and
toolkit/knowledge/org_types.yaml): Bangkok has เขต/แขวง and no จังหวัด, an อบจ. has no อำเภอ, and a
prefix typed in the input is never doubled."""
from __future__ import annotations

import copy
import re

import pytest

from toolkit.documents.analysis.report import AnalysisReport
from toolkit.documents.integrity.report import IntegrityReport
from toolkit.documents.plan.report import PlanReport
from toolkit.documents.province.report import ProvinceReport
from toolkit.documents.registry import validate
from toolkit.kit import places
from tests.support import BASE

BANGKOK = {"name": "สำนักงานเขตพระนคร", "subdistrict": "พระบรมมหาราชวัง", "district": "เขตพระนคร",
           "province": "กรุงเทพมหานคร"}
PAO = {"name": "องค์การบริหารส่วนจังหวัดขอนแก่น", "district": "เมืองขอนแก่น", "province": "ขอนแก่น"}
TYPED = {"name": "เทศบาลตำบลพล", "district": "อ.พล", "province": "จ.ขอนแก่น"}  # prefixes as offices type them
EXPECTED = {
    "bangkok": "แขวงพระบรมมหาราชวัง เขตพระนคร กรุงเทพมหานคร",
    "pao": "จังหวัดขอนแก่น",
    "typed": "อำเภอพล จังหวัดขอนแก่น",
}
WRONG = ("จังหวัดกรุงเทพมหานคร", "อำเภอเขต", "อำเภอเมืองขอนแก่น", "อำเภออ.", "จังหวัดจ.", "อำเภออำเภอ")
ORGS = {"bangkok": BANGKOK, "pao": PAO, "typed": TYPED}


def text(section) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", str(section))).strip()


def analysis(org: dict):
    return AnalysisReport(validate({**copy.deepcopy(BASE), "organisation": org}))


def integrity(org: dict):
    return IntegrityReport(validate({
        "document": "integrity_report", "organisation": org, "fiscal_year": 2569, "round": 12,
        "results": [{"name": "จัดทำคู่มือการปฏิบัติงาน", "tool": "IIT", "responsible": "สำนักปลัด",
                     "status": "done", "summary": "จัดทำแล้ว", "outcomes": ["มีคู่มือ"]}],
    }))


def plan(org: dict):
    return PlanReport(validate({
        "document": "anticorruption_plan", "organisation": org, "period": {"start": 2566, "end": 2570},
        "dimensions": [{"number": 1, "areas": [{"number": 1, "projects": [
            {"name": "โครงการอบรมคุณธรรมจริยธรรม", "type": "โครงการ", "responsible": "สำนักปลัด"}]}]}],
    }))


@pytest.mark.parametrize("case", list(ORGS))
@pytest.mark.parametrize("make", [analysis, integrity, plan], ids=["analysis", "integrity", "plan"])
def test_cover_place_line_of_every_organisation_document(make, case):
    cover = text(make(ORGS[case]).cover())
    assert EXPECTED[case] in cover, cover
    assert not [w for w in WRONG if w in cover], cover


def test_first_sentences_use_the_same_rule():
    assert "สำนักงานเขตพระนคร เขตพระนคร กรุงเทพมหานคร" in text(analysis(BANGKOK).results())
    assert "เทศบาลตำบลพล อำเภอพล จังหวัดขอนแก่น" in text(analysis(TYPED).results())
    summary = text(integrity(PAO).summary())
    assert "องค์การบริหารส่วนจังหวัดขอนแก่น จังหวัดขอนแก่น" in summary and "อำเภอ" not in summary.split("จังหวัดขอนแก่น")[0]


def test_province_summary_of_bangkok_is_not_a_changwat():
    entry = {"key": "k1", "status": "ok", "organisation": {"name": "สำนักงานเขตพระนคร", "district": "เขตพระนคร",
                                                           "province": "กรุงเทพมหานคร"},
             "scores": {"total": 90, "level": "ผ่านดี", "tools": {"IIT": 90, "EIT": 90, "OIT": 90},
                        "indicators": {str(n): 90 for n in range(1, 11)}, "previous_total": None}}
    report = ProvinceReport(validate({"fiscal_year": 2569, "assessment_year": 2568, "province": "กรุงเทพมหานคร",
                                      "entries": [entry]}))
    cover = text(report.cover())
    assert "กรุงเทพมหานคร" in cover and "จังหวัดกรุงเทพมหานคร" not in cover
    assert "จังหวัดกรุงเทพมหานคร" not in report.title
    assert "เขตพระนคร" in text(report.priorities() or "") + text(report.ranking())


def test_the_rule_itself():
    assert places.place_line(BANGKOK) == EXPECTED["bangkok"]
    assert places.place_line(PAO) == EXPECTED["pao"]
    assert places.place_line(TYPED) == EXPECTED["typed"]
    assert places.place_line({"name": "กรุงเทพมหานคร", "district": "พระนคร", "province": "กรุงเทพมหานคร"}) == ""
    assert places.place_line({"name": "เมืองพัทยา", "district": "บางละมุง", "province": "ชลบุรี"}) == \
        "อำเภอบางละมุง จังหวัดชลบุรี"
    assert places.short_name("องค์การบริหารส่วนจังหวัดขอนแก่น") == "อบจ.ขอนแก่น"
    assert places.expand_short("อบต.สามเรือน") == "องค์การบริหารส่วนตำบลสามเรือน"
