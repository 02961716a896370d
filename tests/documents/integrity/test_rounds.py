"""A 12-month results report built on the same year's 6-month report (previous_round): entries carried
forward, what changed shown, and the wrong 6-month file refused with both files named."""
from __future__ import annotations

import re
import shutil

import pytest
import yaml

from tests.support import EXAMPLES, SEED003, SIX_MONTH
from toolkit.documents.integrity.report import IntegrityReport
from toolkit.documents.integrity.rounds import round_changes
from toolkit.documents.registry import load_params, validate
from toolkit.kit.errors import InputErrors

SIX = EXAMPLES / "integrity_khaosaming_2564_6.yaml"
TWELVE = EXAMPLES / "integrity_khaosaming_2564_12.yaml"


def raw(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def write(folder, data, name):
    path = folder / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def squash(section) -> str:
    return re.sub(r"[\s\u200b]+", "", re.sub(r"<[^>]+>", "", str(section)))


@pytest.fixture
def pair(tmp_path):
    """The example 6-month report in a folder, and a 12-month report that names it."""
    shutil.copy(SIX, tmp_path / "six.yaml")
    twelve = raw(TWELVE)
    twelve["previous_round"] = "six.yaml"
    return tmp_path, twelve


def test_the_twelve_month_example_carries_the_six_month_entries():
    six, twelve = load_params(SIX), load_params(TWELVE)
    assert [r.name for r in twelve.results[:3]] == [r.name for r in six.results]  # 6-month order first
    assert twelve.results[3].name.startswith("กิจกรรมอบรม")  # then what is new this round
    by_name = {r.name: r for r in twelve.results}
    for old in six.results:
        new = by_name[old.name]
        assert new.actions[:len(old.actions)] == old.actions  # carried, never retyped
        assert new.activities[:len(old.activities)] == old.activities
        assert new.responsible == old.responsible
    published = by_name["มาตรการเผยแพร่ข้อมูลต่อสาธารณะ"]
    assert published.status == "done" and len(published.activities) == 3  # 1 carried + 2 new
    declared = by_name["ประกาศเจตจำนงการบริหารงานด้วยความซื่อสัตย์สุจริตอย่างมีคุณธรรมและโปร่งใส"]
    assert declared == six.results[2]  # not mentioned in the 12-month file: its 6-month record stands
    discretion = by_name["มาตรการตรวจสอบการใช้ดุลพินิจ"]
    assert discretion.outcomes == six.results[0].outcomes  # left out here: carried with the rest


def test_merged_data_validates_to_itself():
    p = load_params(TWELVE)
    data = p.model_dump(mode="json", by_alias=True)
    again = load_params(TWELVE, data)  # what the notebook does with the data run.render passes
    assert again.model_dump(mode="json", by_alias=True) == data
    assert round_changes(again) is not None


def test_what_changed_between_the_rounds():
    ch = round_changes(load_params(TWELVE))
    kinds = {c.result.name: c.kind for c in ch.changes}
    assert kinds == {"มาตรการตรวจสอบการใช้ดุลพินิจ": "more", "มาตรการเผยแพร่ข้อมูลต่อสาธารณะ": "forward",
                     "ประกาศเจตจำนงการบริหารงานด้วยความซื่อสัตย์สุจริตอย่างมีคุณธรรมและโปร่งใส": "same",
                     "กิจกรรมอบรมให้ความรู้เรื่องการป้องกันผลประโยชน์ทับซ้อนแก่บุคลากร": "new"}
    assert (ch.done("before"), ch.done("after")) == (2, 4)
    section = squash(IntegrityReport.load(TWELVE).changes())
    assert "การเปลี่ยนแปลงจากรายงานรอบ๖เดือน" in section
    assert "ดำเนินการแล้วเสร็จมี๔มาตรการจากเดิม๒มาตรการ" in section
    assert "มาตรการที่มีสถานะคืบหน้าขึ้น๑มาตรการ" in section and "มาตรการที่เพิ่มขึ้นในรอบ๑๒เดือน๑มาตรการ" in section
    assert "อยู่ระหว่างดำเนินการดำเนินการแล้วเสร็จ" in section  # the status before and after, in its row
    assert "๒๕มิ.ย.๖๔ตรวจข้อมูลบนเว็บไซต์ครบทุกหมวด" in section  # a new activity, dated
    assert "ยังไม่มีในรอบนั้น" in section and "ไม่มีความเปลี่ยนแปลง" in section
    # a report without previous_round has no such section; its contents do not list one
    assert IntegrityReport.load(SIX).changes() is None
    assert "การเปลี่ยนแปลง" not in squash(IntegrityReport.load(SIX).contents())
    assert "การเปลี่ยนแปลง" in squash(IntegrityReport.load(TWELVE).contents())


def test_twelve_month_entry_for_a_linked_measure_by_id(tmp_path):
    """Measures of an analysis (by id) are matched by id, and the analysis link comes with them."""
    shutil.copy(SEED003, tmp_path / "samruean_2569.yaml")
    shutil.copy(SIX_MONTH, tmp_path / "six.yaml")
    org = raw(SIX_MONTH)["organisation"]
    path = write(tmp_path, {"document": "integrity_report", "organisation": org, "fiscal_year": 2569, "round": 12,
                            "previous_round": "six.yaml",
                            "results": [{"measure": "M9", "status": "done", "summary": "เปิดเวทีรับฟังแล้ว",
                                         "outcomes": ["ผู้รับบริการพึงพอใจร้อยละ ๘๘"]}]}, "twelve.yaml")
    p = load_params(path)
    assert p.analysis == "samruean_2569.yaml"  # the 6-month report's analysis, relative to this file
    m9 = next(r for r in p.results if r.measure == "M9")
    assert m9.status == "done" and m9.name and m9.remarks  # carried from the 6-month entry and the analysis
    six = load_params(SIX_MONTH)
    assert len(p.results) == len(six.results)  # every 6-month entry is carried into the 12-month report
    assert {c.kind for c in round_changes(p).changes if c.result.measure == "M9"}


def refused(folder, data) -> list:
    with pytest.raises(InputErrors) as err:
        load_params(write(folder, data, "twelve.yaml"))
    return [e for e in err.value if e.location.field == "previous_round"]


def test_a_six_month_file_of_another_organisation_or_year_is_refused(pair):
    folder, twelve = pair
    other = raw(SIX)
    other["organisation"]["name"] = "องค์การบริหารส่วนตำบลเขาใหญ่"
    for r in other["results"]:
        r["actions"] = [a.replace("เขาสมิง", "เขาใหญ่") for a in r.get("actions", [])]
    write(folder, other, "six.yaml")
    (e,) = refused(folder, twelve)
    assert "six.yaml" in e.message_th() and "twelve.yaml" in e.message_th()  # both files named
    assert "เขาใหญ่" in e.message_th() and "is for องค์การบริหารส่วนตำบลเขาใหญ่" in e.message_en()

    year = raw(SIX)
    year.update(fiscal_year=2565)
    for r in year["results"]:
        for a in r.get("activities", []):
            a["date"] = str(a["date"]).replace("2021", "2022").replace("2020", "2021")
    write(folder, year, "six.yaml")
    (e,) = refused(folder, twelve)
    assert "ปีงบประมาณ 2565" in e.message_th() and "fiscal year 2565" in e.message_en()
    assert "six.yaml" in e.message_en() and "twelve.yaml" in e.message_en()


def test_a_file_that_is_not_a_six_month_report_is_refused(pair):
    folder, twelve = pair
    full = raw(SIX)
    full["round"] = 12
    write(folder, full, "six.yaml")
    (e,) = refused(folder, twelve)
    assert "ไม่ใช่รอบ ๖ เดือน" in e.message_th() and "not a 6-month one" in e.message_en()

    shutil.copy(SEED003, folder / "six.yaml")  # an analysis, not a results report
    (e,) = refused(folder, twelve)
    assert "document: integrity_report" in e.message_en() and "six.yaml" in e.message_en()

    (e,) = refused(folder, {**twelve, "previous_round": "missing.yaml"})
    assert "missing.yaml" in e.message_th() and "not found" in e.message_en()


def test_previous_round_belongs_to_a_twelve_month_report(pair):
    folder, twelve = pair
    (e,) = refused(folder, {**twelve, "round": 6})
    assert "12-month report only" in e.message_en() and "๑๒ เดือน" in e.message_th()


def test_a_retyped_field_that_disagrees_is_an_error(pair):
    folder, twelve = pair
    twelve["results"][1]["responsible"] = "กองคลัง"  # มาตรการตรวจสอบการใช้ดุลพินิจ: สำนักปลัด in the 6-month file
    with pytest.raises(InputErrors) as err:
        load_params(write(folder, twelve, "twelve.yaml"))
    e = next(e for e in err.value if e.location.field and e.location.field.endswith("responsible"))
    assert "six.yaml" in e.message_en() and "สำนักปลัด" in e.message_th()


def test_validated_without_its_file_the_merged_results_stand(pair):
    folder, twelve = pair
    p = load_params(write(folder, twelve, "twelve.yaml"))
    data = p.model_dump(mode="json", by_alias=True)
    again = validate(data)  # no source: the 6-month file cannot be found, the merged data is kept
    assert [r.name for r in again.results] == [r.name for r in p.results]
