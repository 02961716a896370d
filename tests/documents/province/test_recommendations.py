"""Province recommendations scale with how many organisations share a problem: one organisation is advised
directly, a few meet as a group, many get a province-wide training (threshold: province_advice.yaml)."""
from __future__ import annotations

import json

from toolkit.documents.province.stats import ProvinceSummary
from toolkit.documents.province.text import recommendations
from toolkit.kit.data import knowledge_yaml

ABT = "องค์การบริหารส่วนตำบล"
SMALL = knowledge_yaml("province_advice.yaml")["scale"]["small_group"]


def manifest(tmp_path, low_on_9: int, low_on_7: int = 0):
    """Ten organisations, all passing, except `low_on_9` under the line on indicator 9 (and `low_on_7` on 7)."""
    entries = []
    for k in range(10):
        ind = [96.0] * 10
        if k < low_on_9:
            ind[8] = 60.0 + k
        if k < low_on_7:
            ind[6] = 70.0 + k
        tools = {"IIT": sum(ind[:5]) / 5, "EIT": sum(ind[5:8]) / 3, "OIT": sum(ind[8:]) / 2}
        total = 0.3 * tools["IIT"] + 0.3 * tools["EIT"] + 0.4 * tools["OIT"]
        entries.append({"key": f"k{k}", "row": k + 2,
                        "organisation": {"name": f"{ABT}ทดสอบ{k}", "type": ABT, "district": "เมือง",
                                         "province": "ราชบุรี"},
                        "fiscal_year": 2569, "assessment_year": 2568, "status": "ok", "error": None,
                        "scores": {"total": round(total, 2), "level": "ผ่านดี", "tools": tools,
                                   "indicators": {str(n): v for n, v in enumerate(ind, start=1)},
                                   "previous_total": None}})
    path = tmp_path / "m.json"
    path.write_text(json.dumps({"fiscal_year": 2569, "province": "ราชบุรี", "assessment_year": 2568,
                                "entries": entries}, ensure_ascii=False), encoding="utf-8")
    return ProvinceSummary.load(path)


def about_9(recs):
    return [r for r in recs if "ตัวชี้วัดที่ ๙" in r]


def test_one_organisation_is_advised_directly(tmp_path):
    [text] = about_9(recommendations(manifest(tmp_path, 1)))
    assert f"มีเพียง{ABT}ทดสอบ0 (๖๐.๐๐)" in text and "โดยตรง" in text
    assert "ระดับจังหวัด" not in text and "อบรม" not in text


def test_a_few_organisations_meet_as_a_group(tmp_path):
    assert SMALL >= 2
    [text] = about_9(recommendations(manifest(tmp_path, SMALL)))
    assert f"มีหน่วยงานต่ำกว่าเกณฑ์ {'๒๓๔๕'[SMALL - 2]} แห่ง" in text and "เฉพาะหน่วยงานกลุ่มนี้" in text
    assert all(f"{ABT}ทดสอบ{k}" in text for k in range(SMALL)) and "ระดับจังหวัด" not in text


def test_many_organisations_get_a_province_wide_training_said_once(tmp_path):
    recs = recommendations(manifest(tmp_path, SMALL + 3, low_on_7=SMALL + 1))
    wide = [r for r in recs if "ระดับจังหวัด" in r]
    assert len(wide) == 1  # one training with a topic per indicator, not the same sentence per indicator
    assert "๒ หัวข้อ" in wide[0] and "(๑) ตัวชี้วัดที่ ๙" in wide[0] and "(๒) ตัวชี้วัดที่ ๗" in wide[0]
    assert f"ต่ำกว่าเกณฑ์ {'๐๑๒๓๔๕๖๗๘๙'[SMALL + 3]} แห่ง" in wide[0]
