from pathlib import Path

import pytest

from toolkit import frameworks
from toolkit.kit.errors import FrameworkError
from toolkit.frameworks import available_years, load_framework


def test_every_year_2563_to_2569_has_a_framework():
    assert available_years() == list(range(2563, 2570))


@pytest.mark.parametrize("year", range(2563, 2570))
def test_structure_is_three_tools_ten_indicators(year):
    fw = load_framework(year)
    assert {t: fw.indicators_of(t) for t in fw.tools} == {"IIT": [1, 2, 3, 4, 5], "EIT": [6, 7, 8], "OIT": [9, 10]}
    assert {t: d.weight for t, d in fw.tools.items()} == {"IIT": 0.30, "EIT": 0.30, "OIT": 0.40}
    assert fw.pass_line == 85
    assert fw.indicators[4].name == "การใช้ทรัพย์สินของราชการ"


def test_scale_changes_from_letters_to_ratings_in_2567():
    assert [load_framework(y).levels.scale for y in range(2563, 2570)] == ["letter"] * 4 + ["rating"] * 3
    assert load_framework(2568).levels.confidence == "unconfirmed"


def test_2568_item_catalogue_from_seed_003():
    fw = load_framework(2568)
    assert [len(fw.catalogue(t)) for t in ("IIT", "EIT", "OIT")] == [15, 9, 28]
    assert [i.code for i in fw.items_of(4)] == ["i10", "i11", "i12"]
    assert fw.item("o8").text == "คู่มือหรือแนวทางการปฏิบัติงานของเจ้าหน้าที่"
    assert [i.code for i in fw.items_on("staff_manual")] == ["o8"]
    assert {i.sub for i in fw.items_of(9)} == {"9.1", "9.2", "9.3", "9.4", "9.5"}


def test_2569_inherits_but_drops_the_renumbered_oit_catalogue():
    fw = load_framework(2569)
    assert fw.catalogue("OIT") is None and fw.tools["OIT"].item_count == 26
    assert fw.item("i10").indicator == 4


@pytest.mark.parametrize("year", [2562, 2570, 2025])
def test_unknown_year_is_a_clear_error(year):
    with pytest.raises(FrameworkError) as err:
        load_framework(year)
    assert "2563" in err.value.message_en() and "2569" in err.value.message_en()
    assert "ไม่มีหลักเกณฑ์" in err.value.message_th()


# level rules at their boundaries, per scale
@pytest.mark.parametrize("total, level", [
    (100, "AA"), (95, "AA"), (94.99, "A"), (85, "A"), (84.99, "B"), (75, "B"), (74.99, "C"),
    (65, "C"), (64.99, "D"), (61.45, "D"), (55, "D"), (54.99, "E"), (50, "E"), (49.99, "F"), (0, "F"),
])
def test_letter_scale_boundaries(total, level):
    assert load_framework(2564).level_for(total) == level


@pytest.mark.parametrize("total, tools, level", [
    (95, (95, 95, 95), "ผ่านดีเยี่ยม"),
    (96.79, (96.86, 95.77, 97.50), "ผ่านดีเยี่ยม"),
    (95, (94.99, 96, 96), "ผ่านดี"),
    (94.99, (95, 95, 95), "ผ่านดี"),
    (85, (85, 85, 85), "ผ่านดี"),
    (94.64, (96, 84.99, 99), "ผ่าน"),  # the NACC's FY2568 statement: EIT below 85 -> ผ่าน
    (85, (84.99, 90, 90), "ผ่าน"),
    (84.99, (90, 90, 90), "ต้องปรับปรุง"),
    (70, (60, 70, 80), "ต้องปรับปรุง"),
    (69.99, (90, 90, 90), "ต้องปรับปรุงโดยด่วน"),
    (0, (0, 0, 0), "ต้องปรับปรุงโดยด่วน"),
])
def test_rating_scale_boundaries(total, tools, level):
    fw = load_framework(2568)
    assert fw.level_for(total, dict(zip(("IIT", "EIT", "OIT"), tools))) == level


def test_level_is_decided_on_the_published_two_decimals():
    fw = load_framework(2564)
    assert fw.level_for(84.996) == "A"  # prints as 85.00
    assert fw.level_for(84.994) == "B"


def test_a_new_year_is_a_yaml_file_not_code(tmp_path, monkeypatch):
    (tmp_path / "ita-2570.yaml").write_text(
        "id: ita-2570\nextends: ita-2569\ntitle_th: ทดสอบ\ntitle_en: test\nassessment_years: [2570]\n"
        "pass_line: 80\n", encoding="utf-8")
    monkeypatch.setenv("ITA_FRAMEWORKS_PATH", str(tmp_path))
    frameworks.clear_cache()
    try:
        fw = load_framework(2570)
        assert fw.id == "ita-2570" and fw.pass_line == 80 and fw.levels.scale == "rating"
        assert 2570 in available_years()
    finally:
        monkeypatch.delenv("ITA_FRAMEWORKS_PATH")
        frameworks.clear_cache()


def test_a_user_file_can_override_an_unconfirmed_rule(tmp_path):
    path = tmp_path / "my-2568.yaml"
    path.write_text(
        "id: my-2568\nextends: ita-2568\ntitle_th: t\ntitle_en: t\nassessment_years: []\n"
        "levels:\n  scale: rating\n  confidence: sure\n  rules:\n"
        "    - {level: ผ่านดีเยี่ยม, total_min: 97}\n    - {level: ผ่านดี, total_min: 85}\n"
        "    - {level: ต้องปรับปรุง, total_min: 0}\n", encoding="utf-8")
    fw = load_framework(2568, override=str(path))
    assert fw.level_for(96.79) == "ผ่านดี"


def test_malformed_framework_names_file_and_field(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("id: bad\nextends: ita-2568\ntitle_th: t\ntitle_en: t\nassessment_years: []\n"
                    "tools:\n  IIT: {weight: 0.5}\n", encoding="utf-8")
    with pytest.raises(FrameworkError) as err:
        load_framework(2568, override=str(path))
    assert str(path) in err.value.message_en() and "weights must add up to 1" in err.value.message_en()


def test_framework_files_state_their_sources_and_confidence():
    for path in Path(frameworks.PACKAGE_DIR).glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        assert "sources:" in text and "confidence:" in text, path.name
