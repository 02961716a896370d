"""Front matter every document shares: status, signatories with roles, the older prepared: form, contacts."""
import re

import pytest

from tests.support import EXAMPLES
from toolkit.documents.analysis.report import AnalysisReport
from toolkit.documents.registry import load_params, validate
from toolkit.kit.errors import InputErrors
from toolkit.params.common import roles


def text_of(section) -> str:
    return re.sub(r"[\s\u200b]+", " ", re.sub(r"<[^>]+>", " ", str(section)))


def squash(text: str) -> str:
    return re.sub(r"[\s\u200b]+", "", text)


def test_roles_are_data_and_given_by_key_or_thai_word(make_params):
    assert {"prepared", "reviewed", "proposed", "endorsed", "approved", "reported"} <= set(roles())
    p = validate(make_params(signatories=[{"role": "prepared", "name": "นางสาวก ข", "position": "นิติกร"},
                                          {"role": "ผู้อนุมัติ", "position": "นายก"},
                                          {"role": "Reported by", "position": "หัวหน้าสำนักปลัด"}]))
    assert [s.role for s in p.signatories] == ["ผู้จัดทำ", "ผู้อนุมัติ", "ผู้รายงาน"]
    with pytest.raises(InputErrors) as err:
        validate(make_params(signatories=[{"role": "หัวหน้า", "position": "นายก"}]), "a.yaml")
    e = list(err.value)[0]
    assert e.location.field == "signatories[1].role" and "ผู้จัดทำ" in e.message_th() and "prepared" in e.message_en()


def test_status_final_by_default_draft_in_either_language(make_params):
    assert validate(make_params()).status == "final"
    assert validate(make_params(status="ฉบับร่าง")).status == "draft"
    assert validate(make_params(status="DRAFT")).draft
    with pytest.raises(InputErrors) as err:
        validate(make_params(status="maybe"), "a.yaml")
    assert "final" in err.value.message_en() and "ฉบับร่าง" in err.value.message_th()


def test_the_approval_block_as_thai_official_documents_set_it(make_params):
    p = validate(make_params(signatories=[
        {"role": "ผู้จัดทำ", "name": "นางสาวพิมพ์ ใจดี", "position": "นิติกรชำนาญการ", "date": "2026-04-10"},
        {"role": "ผู้อนุมัติ"}]))
    closing = squash(text_of(AnalysisReport(p).closing()))
    assert "(ลงชื่อ).....................................ผู้จัดทำ(นางสาวพิมพ์ใจดี)ตำแหน่งนิติกรชำนาญการ" in closing
    assert "วันที่๑๐เมษายน๒๕๖๙" in closing
    # no name, position or date: dotted lines to fill in by hand
    second = closing[closing.index("ผู้อนุมัติ"):]
    assert re.fullmatch(r"ผู้อนุมัติ\(\.{20,}\)ตำแหน่ง\.{20,}วันที่\.+เดือน\.+พ\.ศ\.\.+", second)


def test_the_older_prepared_form_keeps_every_field(make_params):
    data = make_params(prepared={"date": "2025-11-15", "by": "สำนักปลัด",
                                 "signatory": {"name": "นายตัวอย่าง ใจดี", "position": "นายก"}},
                       signatories=[{"role": "ผู้จัดทำ", "name": "นางสาวกัญญา รักงาน", "position": "นิติกร"}])
    p = validate(data)
    assert [s.name for s in p.approvals] == ["นางสาวกัญญา รักงาน", "นายตัวอย่าง ใจดี"]  # nothing dropped
    assert p.approvals[1].date.isoformat() == "2025-11-15"  # prepared.date dates its signatory
    assert p.issued.isoformat() == "2025-11-15" and p.responsible_unit == "สำนักปลัด"
    r = AnalysisReport(p)
    closing, foreword = squash(text_of(r.closing())), squash(text_of(r.foreword()))
    assert "นายตัวอย่างใจดี" in closing and "นางสาวกัญญารักงาน" in closing and "วันที่๑๕พฤศจิกายน๒๕๖๘" in closing
    assert "สำนักปลัด" in foreword and "พฤศจิกายน๒๕๖๘" in foreword  # by signs the foreword, date its month
    # a unit given as well: prepared.by still appears, as "จัดทำโดย"
    both = AnalysisReport(validate({**data, "unit": "กองคลัง"}))
    assert "จัดทำโดยสำนักปลัด" in squash(text_of(both.closing())) and "กองคลัง" in squash(text_of(both.foreword()))
    # re-validating dumped params gives the same approval block (the notebook's path)
    again = validate(p.model_dump(mode="json", by_alias=True))
    assert again.approvals == p.approvals and again.model_dump() == p.model_dump()


def test_every_example_has_signatories_and_cover_contacts():
    for path in sorted(EXAMPLES.glob("*.y*ml")) + sorted(EXAMPLES.glob("*.json")):
        p = load_params(path)
        assert p.approvals, path.name
        office = p.publisher if hasattr(p, "publisher") else p.organisation
        assert office.address and office.phone and office.fax, path.name


def test_foreword_given_in_params_replaces_ours(make_params):
    p = validate(make_params(foreword="คำนำของเราเอง", unit="กองยุทธศาสตร์", date="2026-01-05"))
    text = squash(text_of(AnalysisReport(p).foreword()))
    assert "คำนำของเราเอง" in text and "การประเมินคุณธรรม" not in text
    assert text.endswith("กองยุทธศาสตร์องค์การบริหารส่วนตำบลทดสอบมกราคม๒๕๖๙")
