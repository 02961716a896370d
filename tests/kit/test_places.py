"""Places and organisation names: prefixes stored once, the 77 provinces and their districts, covers never doubled."""
from __future__ import annotations

import copy
import html
import json
import re

import pytest

from tests.support import EXAMPLES, PLAN_EXAMPLE, PROVINCE_EXAMPLE, SEED003, SIX_MONTH
from toolkit.documents import registry
from toolkit.documents.analysis.report import AnalysisReport
from toolkit.documents.integrity.report import IntegrityReport
from toolkit.documents.plan.report import PlanReport
from toolkit.documents.province.report import ProvinceReport
from toolkit.kit import places
from toolkit.params import read_params


@pytest.mark.parametrize("typed,level,stored", [
    ("จ.ขอนแก่น", "province", "ขอนแก่น"), ("จังหวัดขอนแก่น", "province", "ขอนแก่น"),
    ("จังหวัด  ขอนแก่น", "province", "ขอนแก่น"), ("ขอนแก่น", "province", "ขอนแก่น"),
    ("กทม.", "province", "กรุงเทพมหานคร"), ("อำเภอพล", "district", "พล"), ("อ.เมืองขอนแก่น", "district", "เมืองขอนแก่น"),
    ("อ. พล", "district", "พล"), ("เขตพระนคร", "district", "พระนคร"), ("ต.ในเมือง", "subdistrict", "ในเมือง"),
])
def test_place_prefixes_are_stored_once(typed, level, stored):
    assert places.clean_place(typed, level) == stored


@pytest.mark.parametrize("typed", ["อบต.สามเรือน", "อบต. สามเรือน", "อบต สามเรือน", "องค์การบริหารส่วนตำบลสามเรือน"])
def test_type_prefixes_are_stored_once(typed):
    assert places.expand_short(typed) == "องค์การบริหารส่วนตำบลสามเรือน"
    assert places.expand_short("ทต.หนองขาม") == "เทศบาลตำบลหนองขาม"
    assert places.expand_short("อบจ.ราชบุรี") == "องค์การบริหารส่วนจังหวัดราชบุรี"
    assert places.expand_short("อบตสามเรือน") == "อบตสามเรือน"  # no dot, no space: not a prefix we can be sure of


def test_the_77_provinces_and_their_928_districts_are_known_offline():
    assert len(places.provinces()) == 77 and "ขอนแก่น" in places.provinces() and "กรุงเทพมหานคร" in places.provinces()
    assert sum(len(places.districts(p)) for p in places.provinces()) == 928
    assert {"พล", "เมืองขอนแก่น"} <= set(places.districts("จ.ขอนแก่น"))
    assert "พระนคร" in places.districts("กรุงเทพมหานคร") and places.districts("ไม่มีจังหวัดนี้") == ()


@pytest.mark.parametrize("org,code,near", [
    ({"name": "องค์การบริหารส่วนตำบลก", "district": "พล", "province": "ขอนแก่ณ"}, "unknown_province", "ขอนแก่น"),
    ({"name": "องค์การบริหารส่วนตำบลก", "district": "จอมบืง", "province": "ราชบุรี"}, "unknown_district", "จอมบึง"),
    ({"name": "องค์การบริหารส่วนตำบลก", "district": "เมือง", "province": "จ.ราชบุรี"}, "unknown_district", "เมืองราชบุรี"),
])
def test_an_unknown_place_is_a_finding_with_the_closest_match(org, code, near):
    (finding,) = places.place_findings(org)
    assert (finding.code, finding.computed) == (code, near)
    assert f"did you mean '{near}'?" in finding.message_en and f"หมายถึง '{near}' หรือไม่" in finding.message_th


def test_known_places_and_a_provincial_organisation_give_no_finding():
    assert places.place_findings({"name": "องค์การบริหารส่วนตำบลก", "district": "อ.พล", "province": "จ.ขอนแก่น"}) == []
    assert places.place_findings({"name": "องค์การบริหารส่วนจังหวัดขอนแก่น", "district": "-", "province": "ขอนแก่น"}) == []
    assert places.place_findings({"name": "กรุงเทพมหานคร", "district": "เขตพระนคร", "province": "กทม."}) == []


def test_params_store_names_and_places_once(make_params):
    p = registry.validate(make_params(organisation={"name": "อบต.สามเรือน", "district": "อ.เมืองราชบุรี",
                                                    "province": "จังหวัดราชบุรี", "subdistrict": "ต.สามเรือน"}))
    org = p.organisation
    assert (org.name, org.short_name, org.type) == ("องค์การบริหารส่วนตำบลสามเรือน", "อบต.สามเรือน", "องค์การบริหารส่วนตำบล")
    assert (org.subdistrict, org.district, org.province) == ("สามเรือน", "เมืองราชบุรี", "ราชบุรี")


# --------------------------------------------------------------------------- covers and prose of every type

DOUBLED = re.compile(r"จังหวัด ?(?:จังหวัด|จ\.)|อำเภอ ?(?:อำเภอ|อ\.)|ตำบล ?(?:ตำบล|ต\.)")


def test_the_doubling_check_catches_what_covers_printed_before():
    for bad in ("อำเภออำเภอพล", "จังหวัดจังหวัดขอนแก่น", "อำเภออ.เมืองขอนแก่น", "จังหวัด จ.ขอนแก่น"):
        assert DOUBLED.search(bad)


def text_of(*sections) -> str:
    raw = " ".join(s.html for s in sections if s is not None)
    raw = re.sub(r"<(?:wbr|/?span)[^>]*>", "", raw)  # word-break hints and inline spans join words
    raw = re.sub(r"<[^>]+>", "\n", raw)  # every other tag separates (table cells, paragraphs)
    return html.unescape(raw).replace("\u200b", "").replace("\xad", "")


def _khon_kaen(data: dict, district: str) -> dict:
    data = copy.deepcopy(data)
    data["organisation"].update(district=district, province="จ.ขอนแก่น")
    return data


@pytest.mark.parametrize("district,word", [("อำเภอพล", "อำเภอพล"), ("อ.เมืองขอนแก่น", "อำเภอเมืองขอนแก่น")])
@pytest.mark.parametrize("example,report,parts", [
    (SEED003, AnalysisReport, ("cover", "analysis_text", "closing")),
    (SIX_MONTH, IntegrityReport, ("cover", "summary", "closing")),
    (PLAN_EXAMPLE, PlanReport, ("cover", "introduction", "closing")),
])
def test_covers_and_prose_never_double_a_prefix(example, report, parts, district, word):
    data, _ = read_params(example)
    if "measures" in data and report is IntegrityReport:
        data.pop("linked", None)
    r = report(registry.validate(_khon_kaen(data, district), str(example)))
    text = text_of(*(getattr(r, part)() for part in parts))
    assert not DOUBLED.search(text), DOUBLED.search(text)
    assert "จังหวัดขอนแก่น" in text and word in text.replace(" ", "")
    assert "จ.ขอนแก่น" not in text and "อำเภออ" not in text


def test_province_summary_cover_never_doubles_a_prefix():
    data = json.loads(PROVINCE_EXAMPLE.read_text(encoding="utf-8"))
    data["province"] = "จ.ขอนแก่น"
    for entry in data["entries"]:
        entry["organisation"].update(province="จ.ขอนแก่น", district="อำเภอพล")  # as the manifest says it
    r = ProvinceReport.load(str(PROVINCE_EXAMPLE), data)
    text = text_of(r.cover(), r.overview(), r.districts())
    assert not DOUBLED.search(text) and "จังหวัดขอนแก่น" in text and "จ.ขอนแก่น" not in text


def test_examples_folder_is_what_the_covers_test_uses():
    assert SEED003.parent == EXAMPLES
