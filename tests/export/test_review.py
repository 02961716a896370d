"""The review sheet beside a document: findings with field and both messages, and the provenance."""
from __future__ import annotations

import re

from tests.support import SEED003
from toolkit import __version__
from toolkit.documents import registry
from toolkit.export.review import review_sheet, unconfirmed
from toolkit.frameworks import load_framework
from toolkit.kit.findings import Finding


def sheet(findings, framework, status="final"):
    doc = registry.get("ita_analysis")
    return review_sheet(title="การนำผล <ทดสอบ>", doc=doc, organisation="องค์การบริหารส่วนตำบลทดสอบ",
                        fiscal_year=2569, status=status, framework=framework, findings=findings,
                        digest="d" * 64, version=__version__, source="params/x.yaml")


def test_findings_with_field_and_both_messages():
    f = Finding("indicator_conflict", "warning", "assessment.reported.indicators.6", "ตัวชี้วัดที่ 6 มีสองค่า",
                "indicator 6 has two values", reported=96.29, computed=96.26)
    html = sheet([f], load_framework(2568))
    assert "assessment.reported.indicators.6" in html and "ตัวชี้วัดที่ 6 มีสองค่า" in html
    assert "indicator 6 has two values" in html and "96.29" in html and "96.26" in html
    assert "ข้อควรตรวจสอบ" in html and "&lt;ทดสอบ&gt;" in html  # escaped
    assert "<script" not in html and not re.search(r"(src|href)=\"https?:", html)
    assert "ไม่พบข้อสังเกต" in sheet([], None)


def test_provenance_and_the_framework_s_unconfirmed_facts():
    fw = load_framework(2568)
    html = sheet([], fw, status="draft")
    assert "ita-2568" in html and "d" * 64 in html and f"ita-report-toolkit {__version__}" in html
    assert "params/x.yaml" in html and "ฉบับร่าง" in html
    facts = dict((name, en) for name, _, en in unconfirmed(fw))
    assert "levels" in facts and "confidence.levels" in facts  # the 2568 rating rule is unconfirmed
    assert "confidence.documents" not in facts  # "sure (seed 003 cites o27; …)" is sure
    assert all(not str(v).strip().lower().startswith("sure") for v in facts.values())
    for name in facts:
        assert name in html


def test_every_type_has_a_framework_for_its_provenance():
    p = registry.load_params(SEED003)
    assert registry.of(p).framework_of(p).id == "ita-2568"  # the assessment year's, for the analysis
