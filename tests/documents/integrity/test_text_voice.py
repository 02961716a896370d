"""The results report speaks for the organisation about what it did (past actions) and will do, and says a
finding shared by many measures once."""
from __future__ import annotations

import yaml

from tests.support import SIX_MONTH, TWELVE_MONTH
from toolkit.documents.integrity.rows import rows
from toolkit.documents.integrity.text import achieved_text, findings_text, intro_text, progress_text
from toolkit.documents.registry import lint, load_params
from toolkit.kit.findings import Finding


def test_the_organisation_reports_what_it_did():
    p = load_params(SIX_MONTH)
    first, second = intro_text(p)
    assert first.startswith("องค์การบริหารส่วนตำบลสามเรือน อำเภอเมืองราชบุรี จังหวัดราชบุรี ได้กำหนดมาตรการ")
    assert second.startswith("อบต.สามเรือนจึงได้สรุปผลการดำเนินการรอบ ๖ เดือน")
    assert "รายงานฉบับนี้สรุป" not in second  # the document does not speak for itself
    progress = " ".join(progress_text(p))
    assert "อบต.สามเรือนดำเนินการแล้วเสร็จ ๑ มาตรการ" in progress
    assert "อบต.สามเรือนได้ใช้งบประมาณ" in progress
    assert achieved_text(p, rows(p)).startswith("ในรอบ ๖ เดือนนี้ องค์การบริหารส่วนตำบลสามเรือนได้ดำเนินการแล้วเสร็จ")
    twelve = load_params(TWELVE_MONTH)
    assert "องค์การบริหารส่วนตำบลเมืองเตาได้ดำเนินการแล้วเสร็จ" in achieved_text(twelve, rows(twelve))


def test_measures_not_reported_are_one_line_naming_them_all():
    data = yaml.safe_load(SIX_MONTH.read_text(encoding="utf-8"))
    data["results"] = data["results"][:6]  # M7–M10 left out
    p = load_params(SIX_MONTH, data)
    found = [f for f in lint(p) if f.code == "measure_not_reported"]
    assert [f.reported for f in found] == ["M7", "M8", "M9", "M10"]
    lines = findings_text(p, found)
    assert len(lines) == 1
    assert "มาตรการ M7 M8 M9 และ M10 ในเอกสารวิเคราะห์ยังไม่มีรายงานผล" in lines[0]
    assert "๔ รายการ" in lines[0]


def test_two_findings_of_a_kind_stay_two_lines():
    p = load_params(SIX_MONTH)
    two = [Finding("measure_not_reported", "warning", "results", f"มาตรการ {m} ยังไม่มีรายงานผลในรอบนี้",
                   f"measure {m} has no results", reported=m) for m in ("M7", "M8")]
    assert len(findings_text(p, two)) == 2
