from pathlib import Path

import pytest

from toolkit import frameworks
from toolkit.frameworks import (
    DOCUMENT_KEYS,
    available_years,
    framework_for,
    load_framework,
    normalise_code,
)
from toolkit.kit.errors import FrameworkError


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


def test_2569_inherits_iit_but_replaces_the_renumbered_oit_catalogue():
    fw = load_framework(2569)
    assert list(fw.catalogue("OIT")) == [f"o{n}" for n in range(1, 27)] and fw.tools["OIT"].item_count == 26
    assert fw.item("i10").indicator == 4
    # nothing of 2568's o1–o28 leaks through the merge: o27/o28 are gone, o13 is 2569's (HR plan), unnamed
    assert fw.item("o27") is None and fw.item("o28") is None
    assert fw.item("o13").text is None and fw.item("o13").about_en == "HR plan"
    assert [c for c, i in fw.catalogue("OIT").items() if i.text] == ["o25"]
    assert fw.item_text("O25") == "การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร"


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


# -- every file, the catalogues per period ------------------------------------------------------------
def test_every_framework_file_loads_and_states_its_years():
    ids = {}
    for path in sorted(Path(frameworks.PACKAGE_DIR).glob("*.yaml")):
        fw = load_framework(0, override=str(path))
        ids[fw.id] = fw.assessment_years
        assert fw.assessment_years and all(frameworks.by_year()[y] == fw.id for y in fw.assessment_years)
    assert ids == {"ita-2563-2566": [2563, 2564, 2565], "ita-2566": [2566], "ita-2567": [2567],
                   "ita-2568": [2568], "ita-2569": [2569]}


def test_2564_2565_oit_grouping_from_the_reference():
    fw = load_framework(2564)
    groups = {}
    for code, item in fw.catalogue("OIT").items():
        groups.setdefault(item.sub, []).append(int(code[1:]))
    assert {s: (min(n), max(n)) for s, n in groups.items()} == {
        "9.1": (1, 9), "9.2": (10, 17), "9.3": (18, 24), "9.4": (25, 28), "9.5": (29, 33),
        "10.1": (34, 41), "10.2": (42, 43)}
    assert load_framework(2565).id == load_framework(2563).id == fw.id
    assert fw.is_unconfirmed("oit_items")  # 2563 only assumed


def test_2566_has_its_own_order_not_2564s():
    fw = load_framework(2566)
    assert fw.id == "ita-2566" and fw.levels.scale == "letter" and len(fw.catalogue("OIT")) == 43
    assert fw.item("o5").sub is None and fw.item("o5").indicator is None  # grouping of 2566 unknown
    assert fw.item("o36").about_en.startswith("anti-corruption action plan")
    # seed 000: "ข้อ ๐๔๒ มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
    assert fw.item_text("o42") == "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
    # nothing can be computed from items whose grouping is unknown
    assert fw.indicators[9].aggregation == fw.indicators[10].aggregation == "none"


# -- 2568 wording: exactly as printed in seed 003's table "ประเด็นการประเมิน / คะแนนที่ได้" --------------------
SEED003_LINES = [  # code as printed, wording as printed, a tab, the score
    "i๑ การปฏิบัติงานหรือให้บริการของเจ้าหน้าที่ในหน่วยงานของท่านเป็นไปตามขั้นตอนและระยะเวลา มากน้อยเพียงใด\t๙๗.๘๖",
    "i๗ ผู้บังคับบัญชาในหน่วยงานของท่านมีการสั่งให้เจ้าหน้าที่ทำธุรกรรมส่วนตัวของผู้บังคับบัญชา มากน้อยเพียงใด\t๑๐๐",
    "i๑๐ ในหน่วยงานของท่านมีเจ้าหน้าที่ที่ขอยืมทรัพย์สินของราชการไปใช้อย่างถูกต้อง อย่างน้อยเพียงใด\t๗๑.๔๓",
    "i๑๕ ท่านเชื่อมั่นในกระบวนการจัดการเรื่องร้องเรียนการทุจริตและประพฤติ มิชอบภายในหน่วยงานของท่าน มากน้อยเพียงใด\t๙๗.๑๔",
    "e๓ ท่านเคยถูกเจ้าหน้าที่เรียกรับสินบน เพื่อแลกกับปฏิบัติงานหรือให้บริการแก่ท่าน หรือไม่\t๑๐๐",
    "e๕ หน่วยงาน มีการประชาสัมพันธ์ข้อมูลข่าวสารที่ประชาชนหรือผู้รับบริการควร ได้รับทราบอย่างชัดเจน\t๙๓.๕๐",
    "๐๗ รายงานผลการดำเนินงานประจำปีพ.ศ. ๒๕๖๗\t๑๐๐.๐๐",
    "๐๑๓ รายงานผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุประจำปี พ.ศ. ๒๕๖๗\t๕๐.๐๐",
    "๐๑๔ แผนการบริหารและพัฒนาทรัพยากรบุคคล*\t๑๐๐.๐๐",
    "๐๒๑ ประกาศเจตนาธรรมและการสร้างวัฒนธรรม ตามนโยบาย No Gift Policy จากการปฏิบัติหน้าที่\t๑๐๐.๐๐",
    "๐๒๓ การประเมินความเสี่ยงที่อาจเกิดการให้หรือรับ สินบนจากการดำเนินงานตามภารกิจของหน่วยงานประจำปี พ.ศ. ๒๕๖๘\t๑๐๐.๐๐",
    "๐๒๗ มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน\t๑๐๐.๐๐",
    "๐๒๘ รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปี พ.ศ. ๒๕๖๗\t๑๐๐.๐๐",
]
THAI_TO_ARABIC = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


@pytest.mark.parametrize("line", SEED003_LINES, ids=lambda line: line.split()[0])
def test_2568_wording_is_seed_003s(line):
    fw = load_framework(2568)
    head, _score = line.split("\t")
    code, printed = head.split(" ", 1)
    # the seed's footnote asterisk (o14) is not wording; o7 lacks the space before "พ.ศ."
    printed = printed.rstrip("*").replace("ประจำปีพ.ศ.", "ประจำปี พ.ศ.").translate(THAI_TO_ARABIC)
    assert fw.item_text(code, with_year=True) == printed
    assert fw.item_text(code) == printed.split(" พ.ศ. ")[0]


def test_2568_doubtful_printed_words_are_kept_and_flagged():
    fw = load_framework(2568)
    assert "อย่างน้อยเพียงใด" in fw.item_text("i10") and "misprint" in fw.item("i10").note
    assert fw.item("o13").period_year == 2567 and fw.item("o12").period_year == 2568
    assert fw.item("o8").period_year is None and fw.item_text("o8", with_year=True) == fw.item_text("o8")


def test_items_with_a_topic_have_wording():
    # the narrative cites a topic's item by its wording; an unnamed item must fall back to the topic's name
    for year in available_years():
        fw = load_framework(year)
        for catalogue in fw.items.values():
            for item in (catalogue or {}).values():
                assert item.topic is None or item.text, (year, item.code)


# -- items whose wording is unknown -----------------------------------------------------------------------
@pytest.mark.parametrize("year, code, known_item", [
    (2564, "o5", True), (2566, "o30", True), (2569, "o26", True), (2567, "o35", False), (2564, "i30", False)])
def test_an_item_without_text_is_accepted_by_code(year, code, known_item):
    fw = load_framework(year)
    assert fw.accepts(code) and fw.accepts(code.upper())
    assert fw.item_text(code) is None and fw.item_text(code, with_year=True) is None
    assert (fw.item(code) is not None) is known_item


@pytest.mark.parametrize("year, code", [(2564, "o44"), (2567, "o44"), (2568, "o29"), (2569, "o27"),
                                        (2568, "x1"), (2564, "i31"), (2568, "i16")])
def test_codes_outside_the_period_are_refused(year, code):
    fw = load_framework(year)
    assert not fw.accepts(code) and fw.item_text(code) is None


@pytest.mark.parametrize("raw, code", [("O25", "o25"), (" o025 ", "o25"), ("i๑๐", "i10"), ("๐๒๗", "o27"),
                                       ("๐๘", "o8"), ("E9", "e9")])
def test_codes_are_normalised(raw, code):
    assert normalise_code(raw) == code


def test_tools_and_pass_line_come_from_the_framework():
    for year in available_years():
        fw = load_framework(year)
        assert fw.tool_codes == ("IIT", "EIT", "OIT") and fw.pass_line == 85


# -- which item each of our documents answers -------------------------------------------------------------
@pytest.mark.parametrize("year, analysis, report, plan", [
    (2563, "o42", "o43", None), (2564, "o42", "o43", None), (2565, "o42", "o43", None),
    (2566, "o42", "o43", "o36"), (2567, None, None, None),
    (2568, "o27", "o28", "o25"), (2569, "o25", "o26", "o23"),
])
def test_document_items_per_year(year, analysis, report, plan):
    fw = load_framework(year)
    assert [fw.document_code(k) for k in DOCUMENT_KEYS] == [analysis, report, plan]
    for key, code in zip(DOCUMENT_KEYS, (analysis, report, plan)):
        item = fw.document_item(key)
        assert (item.code if item else None) == code
        ref = fw.document_ref(key)
        assert ref.sources or ref.note_en, (year, key)  # every mapping, known or not, says why


def test_document_items_carry_their_wording_and_doubt():
    fw = load_framework(2568)
    assert fw.document_item("ita_analysis").text == "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
    assert fw.document_item("anticorruption_plan").text == "แผนปฏิบัติการป้องกันการทุจริต"
    assert fw.document_ref("ita_analysis").confidence == "sure"
    assert "unconfirmed" in load_framework(2569).document_ref("integrity_report").confidence
    assert "o35" in load_framework(2567).document_ref("integrity_report").note_en
    with pytest.raises(ValueError, match="ita_analysis"):
        fw.document_item("ita_analisys")


# -- national figures -------------------------------------------------------------------------------------
@pytest.mark.parametrize("year, agencies, average, passed, share", [
    (2565, 8303, 87.57, 5855, 70.52), (2566, 8323, 90.19, 6737, 80.94), (2568, 8317, 93.82, 7832, 94.17)])
def test_national_figures(year, agencies, average, passed, share):
    n = load_framework(year).national(year)
    assert (n.agencies, n.average, n.at_or_above_pass, n.share_at_or_above_pass) == (agencies, average, passed, share)
    assert round(100 * n.at_or_above_pass / n.agencies, 2) == n.share_at_or_above_pass
    assert n.sources


def test_national_figures_unknown_are_none():
    assert load_framework(2567).national() is None  # not released: only a back-calculated estimate exists
    assert "93.05" in load_framework(2567).national_figures[2567].note_en
    assert load_framework(2569).national() is None and load_framework(2564).national(2564) is None
    with pytest.raises(ValueError):
        load_framework(2564).national()  # a file of three years needs the year


def test_local_organisations():
    local = load_framework(2568).national().local_organisations
    assert (local.pao, local.municipalities, local.sao, len(local.special)) == (76, 2462, 5312, 2)
    assert local.total == 7852 and "unconfirmed" in local.confidence


# -- nearest earlier framework ------------------------------------------------------------------------
@pytest.mark.parametrize("year, fid", [(2570, "ita-2569"), (2575, "ita-2569"), (2569, "ita-2569"),
                                       (2568, "ita-2568"), (2566, "ita-2566"), (2563, "ita-2563-2566")])
def test_framework_for_takes_the_nearest_earlier_year(year, fid):
    assert framework_for(year).id == fid


def test_framework_for_before_the_first_year_is_a_bilingual_error():
    with pytest.raises(FrameworkError) as err:
        framework_for(2562, source="params.yaml")
    en, th = err.value.message_en(), err.value.message_th()
    assert "params.yaml" in en and "2562" in en
    assert "known years: 2563, 2564, 2565, 2566, 2567, 2568, 2569" in en
    assert "ไม่มีหลักเกณฑ์" in th and "2563" in th and "2569" in th


# -- the checkers reject bad data -------------------------------------------------------------------------
def _bad(tmp_path, body: str) -> str:
    path = tmp_path / f"bad{len(list(tmp_path.iterdir()))}.yaml"  # a new name: loaded files are cached by path
    path.write_text("id: bad\nextends: ita-2568\ntitle_th: t\ntitle_en: t\nassessment_years: [2568]\n" + body,
                    encoding="utf-8")
    with pytest.raises(FrameworkError) as err:
        load_framework(2568, override=str(path))
    return err.value.message_en()


def test_national_share_must_match_its_count(tmp_path):
    msg = _bad(tmp_path, "national_figures:\n  2568: {agencies: 8317, at_or_above_pass: 7832, share_at_or_above_pass: 95.17}\n")
    assert "94.17" in msg


def test_national_year_must_be_the_files(tmp_path):
    assert "assessment_years" in _bad(tmp_path, "national_figures:\n  2566: {agencies: 1, average: 90}\n")


def test_local_organisation_counts_must_add_up(tmp_path):
    msg = _bad(tmp_path, "national_figures:\n  2568:\n    agencies: 8317\n"
                         "    local_organisations: {total: 7853, pao: 76, municipalities: 2462, sao: 5312, special: [a, b]}\n")
    assert "7853" in msg


def test_document_item_must_be_in_the_catalogue(tmp_path):
    assert "o29" in _bad(tmp_path, "documents:\n  integrity_report: {item: o29}\n")
    assert "unknown document" in _bad(tmp_path, "documents:\n  integrity_reprot: {item: o28}\n")


def test_a_catalogue_must_list_every_code_once(tmp_path):
    msg = _bad(tmp_path, "replace: [items.OIT]\nitems:\n  OIT: {o1: {}, o3: {}}\n")
    assert "o1…o28" in msg


def test_replace_takes_a_catalogue_whole_and_merge_keeps_the_rest(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text("id: mine\nextends: ita-2568\ntitle_th: t\ntitle_en: t\nassessment_years: []\n"
                    "items:\n  OIT:\n    o21: {text: ประกาศเจตนารมณ์}\n", encoding="utf-8")
    fw = load_framework(0, override=str(path))
    assert fw.item_text("o21") == "ประกาศเจตนารมณ์" and fw.item("o21").indicator == 10  # one text corrected
    assert fw.item_text("o8") == "คู่มือหรือแนวทางการปฏิบัติงานของเจ้าหน้าที่"
    assert fw.national_figures == {}  # figures are per year, never inherited
