"""Word export (toolkit.export.docx): structure read back with python-docx, and LibreOffice's PDF of it."""
from __future__ import annotations

import io
import os
import shutil
import subprocess
import zipfile

import docx
import nbformat
import pytest
from PIL import Image

from tests.support import EXAMPLES, ROOT
from toolkit.documents.analysis.analyse import analyse
from toolkit.export.docx import (
    HtmlConverter,
    ReportDOCXExporter,
    layout_from_mapping,
    load_layout,
    notebook_to_document,
    write_docx,
)
from toolkit.export.docx import blocks as B
from toolkit.kit import thai

ORG = "องค์การบริหารส่วนตำบลทดสอบ"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (300, 150), "#17696b").save(buf, "PNG")
    return buf.getvalue()


def _sections() -> list[str]:
    """Section HTML in the shape our templates write (word spans, <wbr>, classes)."""
    import base64

    png = base64.b64encode(_png()).decode()
    return [
        '<section class="cover"><h1 class="cover-title"><span class="w">รายงาน</span><wbr>ทดสอบ</h1>'
        f'<p class="cover-year">ประจำปีงบประมาณ พ.ศ. ๒๕๖๙</p><p class="cover-org">{ORG}</p>'
        '<p class="cover-place">ตำบลทดสอบ อำเภอเมือง</p></section>',
        '<section class="results"><h2>๑. <span class="w">ผล</span><wbr><span class="w">การประเมิน</span></h2>'
        '<p class="para">คะแนนรวม ๘๕.๕๐ คะแนน<br>บรรทัดที่สอง</p>'
        '<table class="scores"><caption>คะแนนรายตัวชี้วัด</caption>'
        "<thead><tr><th>ตัวชี้วัด</th><th>คะแนน</th><th>ผล</th></tr></thead><tbody>"
        '<tr class="group"><th colspan="3">กลุ่มที่ ๑</th></tr>'
        '<tr class="weakness"><td>ตัวชี้วัดที่ ๑</td><td class="num">๗๐.๐๐</td><td class="status">ต่ำกว่าเกณฑ์</td></tr>'
        '<tr><td rowspan="2">ตัวชี้วัดที่ ๒</td><td class="num">๙๐.๐๐</td><td>ผ่าน</td></tr>'
        '<tr><td class="num">๙๑.๐๐</td><td>ผ่าน</td></tr>'
        '<tr class="total-row"><th colspan="2">คะแนนรวม</th><td class="num total">๘๕.๕๐</td></tr>'
        "</tbody></table><marquee>ข้อความในแท็กที่ไม่รู้จัก</marquee></section>",
        f'<figure class="chart" role="img" aria-label="แผนภูมิคะแนนทดสอบ"><img src="data:image/png;base64,{png}">'
        "<figcaption>ภาพที่ ๑ คะแนน</figcaption></figure>",
        '<section class="measures landscape"><h2>๒. มาตรการ</h2><table class="plan"><thead><tr><th>ลำดับ</th>'
        "<th>มาตรการ</th></tr></thead><tbody><tr><td>๑</td><td><ol><li>ขั้นที่หนึ่ง</li><li>ขั้นที่สอง</li></ol>"
        "</td></tr></tbody></table></section>",
        '<section class="closing"><h3>ข้อสรุป</h3><ul><li>ข้อหนึ่ง</li></ul><div class="signature">'
        "<p>(นายทดสอบ ระบบ)</p><p>นายกองค์การบริหารส่วนตำบล</p></div></section>",
    ]


def _notebook(sections: list[str] | None = None) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata["ita"] = {"title": f"รายงานทดสอบ ประจำปีงบประมาณ พ.ศ. ๒๕๖๙ {ORG}", "organisation": ORG,
                          "fiscal_year": 2569, "document": "ita_analysis", "toolkit_version": "0.1.0"}
    for html in sections or _sections():
        cell = nbformat.v4.new_code_cell("x")
        cell.outputs = [nbformat.v4.new_output("display_data", data={"text/html": html, "text/plain": "x"})]
        nb.cells.append(cell)
    hidden = nbformat.v4.new_code_cell("print('secret')", metadata={"tags": ["remove-cell"]})
    hidden.outputs = [nbformat.v4.new_output("stream", name="stdout", text="secret\n")]
    nb.cells.append(hidden)
    return nb


@pytest.fixture(scope="module")
def synthetic() -> tuple[bytes, docx.document.Document]:
    data, _ = ReportDOCXExporter().from_notebook_node(_notebook())
    return data, docx.Document(io.BytesIO(data))


def _styles_el(d):
    return d.styles.element


# -- structure ------------------------------------------------------------------------------------


def test_headings_use_word_heading_styles_with_outline_levels(synthetic):
    _, d = synthetic
    used = {(p.style.name, p.text) for p in d.paragraphs if p.text}
    assert ("Title", "รายงานทดสอบ") in used
    assert ("Heading 1", "๑. ผลการประเมิน") in used
    assert ("Heading 2", "ข้อสรุป") in used
    for name, level in (("Heading 1", "0"), ("Heading 2", "1"), ("Heading 3", "2")):
        outline = d.styles[name].element.find(f"{W}pPr/{W}outlineLvl")
        assert outline is not None and outline.get(f"{W}val") == level


def test_every_style_names_the_thai_font_in_latin_and_complex_script_slots(synthetic):
    _, d = synthetic
    checked = 0
    for style in _styles_el(d).findall(f"{W}style"):
        if style.get(f"{W}type") not in ("paragraph", "character") or style.get(f"{W}styleId") == "DefaultParagraphFont":
            continue
        fonts = style.find(f"{W}rPr/{W}rFonts")
        assert fonts is not None, style.get(f"{W}styleId")
        slots = {fonts.get(f"{W}{k}") for k in ("ascii", "hAnsi", "cs", "eastAsia")}
        assert slots in ({"TH SarabunPSK"}, {"DejaVu Sans Mono"}), (style.get(f"{W}styleId"), slots)
        assert not any(k.endswith("Theme") for k in fonts.attrib), "a theme font would override the name"
        checked += 1
    assert checked >= 25
    defaults = _styles_el(d).find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    assert defaults.find(f"{W}szCs").get(f"{W}val") == "32"  # 16 pt for Thai (complex script)
    assert defaults.find(f"{W}lang").get(f"{W}bidi") == "th-TH"
    assert d.styles["Heading 1"].element.find(f"{W}rPr/{W}bCs") is not None


def test_a4_portrait_and_landscape_sections_with_official_margins(synthetic):
    _, d = synthetic
    first, *rest = d.sections
    assert (round(first.page_width.cm, 1), round(first.page_height.cm, 1)) == (21.0, 29.7)
    assert (round(first.top_margin.cm, 2), round(first.left_margin.cm, 2), round(first.right_margin.cm, 2),
            round(first.bottom_margin.cm, 2)) == (2.5, 3.0, 2.0, 2.0)
    orientations = [s.page_width > s.page_height for s in d.sections]
    assert orientations == [False, True, False], "the landscape section and the portrait one after it"
    landscape = d.sections[1]
    assert (round(landscape.page_width.cm, 1), round(landscape.page_height.cm, 1)) == (29.7, 21.0)


def test_page_numbers_are_a_page_field_in_thai_numbering_and_the_cover_has_none(synthetic):
    _, d = synthetic
    footer = d.sections[0].footer.paragraphs[0]._p
    assert [t.text.strip() for t in footer.iter(f"{W}instrText")] == ["PAGE"]
    for section in d.sections:
        fmt = section._sectPr.find(f"{W}pgNumType")
        assert fmt is not None and fmt.get(f"{W}fmt") == "thaiNumbers"
    assert d.sections[0].different_first_page_header_footer
    assert not any(p.text for p in d.sections[0].first_page_footer.paragraphs)
    assert not any(s.different_first_page_header_footer for s in d.sections[1:])


def test_tables_repeat_header_rows_keep_rows_whole_and_merge_spans(synthetic):
    _, d = synthetic
    scores, plan = d.tables
    rows = scores._tbl.tr_lst
    assert rows[0].trPr.find(f"{W}tblHeader") is not None
    assert all(r.trPr.find(f"{W}tblHeader") is None for r in rows[1:])
    assert all(r.trPr.find(f"{W}cantSplit") is not None for r in rows)
    assert rows[1].tc_lst[0].grid_span == 3  # the group row
    assert rows[3].tc_lst[0].vMerge == "restart" and rows[4].tc_lst[0].vMerge == "continue"
    assert scores.style.name == "Report Table"
    assert {p.style.name for c in scores.rows[0].cells for p in c.paragraphs} == {"Table Heading"}
    weak = scores.rows[2].cells[2].paragraphs[0].runs[0]
    assert weak.style.name == "Weakness"
    assert plan._tbl.tr_lst[1].trPr.find(f"{W}cantSplit") is None  # table.plan rows may split
    steps = [p.text for p in plan.rows[1].cells[1].paragraphs]
    assert steps == ["๑.\tขั้นที่หนึ่ง", "๒.\tขั้นที่สอง"]
    captions = [p.text for p in d.paragraphs if p.style.name == "Caption"]
    assert captions == ["คะแนนรายตัวชี้วัด", "ภาพที่ ๑ คะแนน"]


def test_pictures_carry_alt_text_and_keep_their_caption(synthetic):
    _, d = synthetic
    shapes = d.inline_shapes
    assert len(shapes) == 1
    assert shapes[0]._inline.docPr.get("descr") == "แผนภูมิคะแนนทดสอบ"
    figure = next(p for p in d.paragraphs if p.style.name == "Figure")
    assert figure.paragraph_format.keep_with_next


def test_text_survives_and_unknown_elements_degrade_to_paragraphs(synthetic):
    _, d = synthetic
    text = "\n".join(p.text for p in d.paragraphs)
    assert ORG in text and "ตำบลทดสอบ" in text
    assert "คะแนนรวม ๘๕.๕๐ คะแนน\nบรรทัดที่สอง" in text  # <br> is a line break
    assert "ข้อความในแท็กที่ไม่รู้จัก" in text  # <marquee>: not dropped
    assert "secret" not in text  # remove-cell tag honoured
    assert "\u200b" not in text and "<" not in text
    signature = [p for p in d.paragraphs if p.style.name == "Signature"]
    assert [p.text for p in signature] == ["(นายทดสอบ ระบบ)", "นายกองค์การบริหารส่วนตำบล"]
    doc = notebook_to_document(_notebook())
    assert any("marquee" in n for n in doc.notes)


def test_core_properties_from_notebook_metadata(synthetic):
    _, d = synthetic
    cp = d.core_properties
    assert cp.title.startswith("รายงานทดสอบ") and cp.subject == ORG
    assert "2569" in cp.keywords and cp.version == "0.1.0" and cp.language == "th-TH"
    assert cp.created is None and cp.modified is None  # no clock time unless SOURCE_DATE_EPOCH is set


def test_same_notebook_gives_identical_bytes(synthetic):
    data, _ = synthetic
    again, _ = ReportDOCXExporter().from_notebook_node(_notebook())
    assert again == data
    assert {i.date_time for i in zipfile.ZipFile(io.BytesIO(data)).infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_a_changed_figure_changes_the_bytes(synthetic):
    """The byte-stability check is not blind: different content, different file."""
    data, _ = synthetic
    sections = _sections()
    sections[1] = sections[1].replace("๘๕.๕๐", "๘๕.๕๑")
    other, _ = ReportDOCXExporter().from_notebook_node(_notebook(sections))
    assert other != data


def test_arabic_digit_documents_get_arabic_page_numbers():
    nb = _notebook()
    nb.metadata["ita"]["title"] = f"รายงานทดสอบ ประจำปีงบประมาณ พ.ศ. 2569 {ORG}"
    d = docx.Document(io.BytesIO(ReportDOCXExporter().from_notebook_node(nb)[0]))
    assert d.sections[0]._sectPr.find(f"{W}pgNumType") is None


def test_font_trait_renames_every_style_font():
    exporter = ReportDOCXExporter(font="Sarabun")
    d = docx.Document(io.BytesIO(exporter.from_notebook_node(_notebook())[0]))
    fonts = d.styles["Normal"].element.find(f"{W}rPr/{W}rFonts")
    assert fonts.get(f"{W}cs") == "Sarabun" and fonts.get(f"{W}ascii") == "Sarabun"


def test_layout_data_errors_name_the_key():
    assert load_layout().margins_cm.left == 3.0
    with pytest.raises(ValueError, match="unknown layout key.*margin_top"):
        layout_from_mapping({"margin_top": 2})
    with pytest.raises(ValueError, match="'body_pt' has a value of the wrong shape"):
        layout_from_mapping({"body_pt": "large"})
    with pytest.raises(ValueError, match="page_number must be"):
        layout_from_mapping({"page_number": "left"})


def test_table_widths_follow_the_stylesheet_and_never_cut_numbers():
    conv = HtmlConverter()
    conv.feed(_sections()[1])
    doc = conv.finish()
    table = next(b for b in doc.sections[0].blocks if isinstance(b, B.Table))
    assert table.widths == [40.0, 10.0, 16.0]  # report.css: table.scores th:nth-child(…)
    d = docx.Document(io.BytesIO(write_docx(doc, load_layout())))
    widths = [c.w for c in d.tables[0]._tbl.tblGrid.gridCol_lst]
    assert abs(sum(widths) - docx.shared.Cm(16).emu) < 1000
    assert widths[1] >= docx.shared.Cm(1.5).emu  # "๙๐.๐๐" in 14 pt fits on one line


# -- real notebooks, Chromium charts, LibreOffice ------------------------------------------------


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """Executed notebooks of two document types, exported to DOCX and printed by LibreOffice."""
    from toolkit.documents.registry import load_params
    from toolkit.run import render

    old = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), old]))  # the kernel imports this tree
    out = tmp_path_factory.mktemp("docx")
    results = {}
    try:
        for name in ("samruean_2569", "integrity_muangtao_2566"):
            params = load_params(EXAMPLES / f"{name}.yaml")
            result = render(params, out / name, ("ipynb", "html"))
            nb = nbformat.read(result.files["ipynb"], as_version=4)
            data, res = ReportDOCXExporter().from_notebook_node(nb)
            path = out / name / "report.docx"
            path.write_bytes(data)
            results[name] = (params, nb, data, path, res["ita_docx"], result.files["html"].read_text("utf-8"))
    finally:
        if old is None:
            os.environ.pop("PYTHONPATH", None)
        else:
            os.environ["PYTHONPATH"] = old
    return results


@pytest.mark.slow
def test_real_report_structure(rendered):
    params, nb, data, path, timing, html = rendered["samruean_2569"]
    d = docx.Document(str(path))
    text = "\n".join([p.text for p in d.paragraphs] + [c.text for t in d.tables for r in t.rows for c in r.cells])
    assert params.organisation.name in text
    total = thai.number(analyse(params).total, 2, thai_digits=params.style.thai_digits)
    assert total in text and total.startswith("๙")  # seed 003's total, in the document's Thai digits
    headings = [p.text for p in d.paragraphs if p.style.name == "Heading 1"]
    assert len(headings) == html.count("<h2")
    assert headings[:2] == ["คำนำ", "สารบัญ"] and headings[2].startswith("๑. ผลการประเมิน")
    assert all(t._tbl.tr_lst[0].trPr.find(f"{W}tblHeader") is not None for t in d.tables)
    charts = html.count('<figure class="chart"')
    alts = [s._inline.docPr.get("descr") for s in d.inline_shapes]
    assert charts >= 3 and len(alts) == charts and all(alts)
    for shape in d.inline_shapes:  # 300 dpi: 16 cm wide is ~1890 px
        blob = shape._inline.graphic.graphicData.pic.blipFill.blip.embed
        image = d.part.related_parts[blob].image
        assert image.px_width >= 1800
    assert any(s.page_width > s.page_height for s in d.sections)  # the measures table
    again, _ = ReportDOCXExporter().from_notebook_node(nb)
    assert again == data


@pytest.mark.slow
def test_integrity_report_has_landscape_results(rendered):
    _, _, _, path, _, html = rendered["integrity_muangtao_2566"]
    assert "integrity-results landscape" in html
    d = docx.Document(str(path))
    landscape = [s for s in d.sections if s.page_width > s.page_height]
    assert len(landscape) == 1


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (libreoffice-writer-nogui) not installed")
def test_libreoffice_prints_the_thai_text_in_a_thai_font(rendered, tmp_path):
    params, _, _, path, _, _ = rendered["samruean_2569"]
    profile = tmp_path / "lo-profile"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(path)], check=True, capture_output=True, timeout=180)
    pdf = tmp_path / "report.pdf"
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    assert params.organisation.name in text
    assert "ตำบล" in text
    fonts = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert any(name in fonts for name in ("Laksaman", "Sarabun", "Garuda", "Loma")), fonts
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert "(A4)" in info
