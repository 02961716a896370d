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
