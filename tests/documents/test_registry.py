import json

import pytest

from tests.support import EXAMPLES, example_files
from toolkit.documents import registry as documents
from toolkit.documents.registry import validate


def test_the_three_document_types_are_registered():
    assert documents.keys() == ["anticorruption_plan", "integrity_report", "ita_analysis", "province_summary"]
    for key in documents.keys():
        doc = documents.get(key)
        assert doc.notebook_path.is_file(), key
        assert doc.score is not None and doc.examples, key


def test_a_new_document_type_is_one_registration(make_params):
    analysis = documents.get("ita_analysis")
    extra = documents.DocumentType(key="memo_test", model=analysis.model, notebook=analysis.notebook,
                                   title_th="บันทึก", title_en="memo", stem="memo")
    documents.register(extra)
    try:
        assert "memo_test" in documents.keys()
    finally:
        documents._REGISTRY.pop("memo_test")


def test_title_hook_is_used_for_multi_year_plans():
    plan = documents.get("anticorruption_plan")
    params = validate({
        "document": "anticorruption_plan",
        "organisation": {"name": "องค์การบริหารส่วนตำบลทดสอบ", "district": "ก", "province": "ข"},
        "period": {"start": 2566, "end": 2570},
        "dimensions": [{"number": 1, "areas": [{"title": "ด้านหนึ่ง", "projects": [
            {"name": "โครงการทดสอบ", "type": "โครงการ", "responsible": "สำนักปลัด"}]}]}],
    })
    title = plan.full_title(params)
    assert "๒๕๖๖" in title and "๒๕๗๐" in title and "องค์การบริหารส่วนตำบลทดสอบ" in title


@pytest.mark.parametrize("path", example_files(), ids=lambda p: p.name)
def test_score_prints_each_types_own_figures_as_json(path, run_cli):
    code, out, err = run_cli("score", path, "--json")
    assert code == 0 and "Traceback" not in err
    figures = json.loads(out)
    doc = documents.of(documents.load_params(path))
    expected = {"ita_analysis": "total", "integrity_report": "by_status", "anticorruption_plan": "budget",
                "province_summary": "overview"}[doc.key]
    assert expected in figures


def test_score_on_a_table_says_score_takes_one_params_file(run_cli):
    code, out, err = run_cli("score", EXAMPLES / "table_ratchaburi_2569.csv")
    assert code == 2 and "Traceback" not in err
    assert "ita-report batch table_ratchaburi_2569.csv --fiscal-year" in err  # both languages name the fix
    assert "takes one document's params file" in err and "ใช้กับไฟล์ข้อมูลของเอกสารหนึ่งฉบับ" in err


def test_every_type_has_what_the_cli_and_batch_need():
    for doc in documents.all_types():
        assert doc.notebook_path.is_file() and doc.example_paths(), doc.key
        assert doc.model is not None or doc.validate is not None, doc.key
        params = documents.load_params(doc.example_paths()[0])
        assert documents.of(params) is doc and doc.full_title(params)
        assert doc.organisation_of(params)["province"]
