"""Word export (toolkit.export.docx): structure read back with python-docx, and LibreOffice's PDF of it."""
from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import lxml.html
import nbformat
import pytest
from PIL import Image

from tests.support import EXAMPLES, ROOT, SEED003, descendants, example_files, run
from toolkit import __version__
from toolkit.documents import registry
from toolkit.export.docx import (
    HtmlConverter,
    ReportDOCXExporter,
    layout_from_mapping,
    load_layout,
    notebook_to_document,
    write_docx,
)
from toolkit.export.docx import blocks as B
from toolkit.kit import page, thai
from toolkit.kit.figures import Figures

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
        "</td></tr><tr><td>๒</td><td><ol>" + "<li>ขั้นตอนที่ยาวมากจนแถวนี้สูงเกินหนึ่งในสามของหน้ากระดาษ</li>" * 30
        + "</ol></td></tr></tbody></table></section>",
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
    # a row taller than a third of the page may split; a short one moves to the next page whole
    assert plan._tbl.tr_lst[1].trPr.find(f"{W}cantSplit") is not None
    assert plan._tbl.tr_lst[2].trPr.find(f"{W}cantSplit") is None
    assert {p.style.name for c in plan.rows[0].cells for p in c.paragraphs} == {"Table Heading Small"}
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


def test_word_and_pdf_take_their_page_from_the_same_page_style():
    style = page.load("ita_analysis")
    layout = load_layout()
    assert layout.paper_cm == style.paper_cm and layout.margins_cm == style.margins_cm
    assert layout.landscape_margins_cm == style.landscape_margins_cm and layout.body_pt == style.body_pt
    moved = layout.with_page(page.load(None, {"margins_cm": {"left": 2.5}, "body_pt": 15}))
    assert moved.margins_cm.left == 2.5 and moved.body_pt == 15 and moved.title_pt == 22.5  # sizes in proportion
    assert layout.with_font("Sarabun").body_pt == style.font_pt == 11  # Sarabun reads larger per point


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


# -- every example through toolkit.run.render, Chromium charts, LibreOffice --------------------------


def _total_text(key: str, params, figures: Figures) -> str:
    """The figure each document type is about, as its text writes it."""
    doc = registry.get(key)
    if key == "ita_analysis":
        return figures.num(doc.headline(params)["total"])
    score = doc.score(params)
    if key == "integrity_report":  # share of measures done
        return figures.num(100 * score["by_status"]["done"] / score["measures"])
    if key == "anticorruption_plan":
        return thai.number(score["budget"]["total"], 0, thai_digits=figures.thai, grouping=True)
    return figures.num(score["overview"]["mean"])  # province_summary


def _texts(html: str, tag: str) -> list[str]:
    root = lxml.html.fromstring(html)
    return [" ".join(el.text_content().replace("\u200b", "").split()) for el in root.iter(tag)]


def _docx_text(d) -> str:
    return "\n".join([p.text for p in d.paragraphs] + [c.text for t in d.tables for r in t.rows for c in r.cells])


@pytest.fixture(scope="module")
def examples(tmp_path_factory):
    """Every bundled example rendered by toolkit.run.render to HTML, DOCX and ipynb in one engine, one
    of them again (PDF first, so the shared browser tab has printed before it draws charts), and all
    the DOCX files printed by LibreOffice in one soffice call."""
    from toolkit.engine import Engine
    from toolkit.run import render

    old = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), old]))  # a kernel imports this tree
    out = tmp_path_factory.mktemp("docx")
    results = {}
    try:
        with Engine(kind="inprocess") as engine:
            for path in example_files():
                params = registry.load_params(path)
                result = render(params, out / path.stem, ("html", "docx", "ipynb"), engine, str(path))
                results[path.stem] = (params, result)
            again = render(results["samruean_2569"][0], out / "again", ("html", "pdf", "docx"), engine, str(SEED003))
    finally:
        if old is None:
            os.environ.pop("PYTHONPATH", None)
        else:
            os.environ["PYTHONPATH"] = old
    pdfs: dict[str, Path] = {}
    if shutil.which("soffice"):
        lo = out / "lo"
        lo.mkdir()
        for name, (_, result) in results.items():
            shutil.copy(result.files["docx"], lo / f"{name}.docx")
        subprocess.run(["soffice", f"-env:UserInstallation=file://{out / 'lo-profile'}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(lo), *sorted(str(p) for p in lo.glob("*.docx"))],
                       check=True, capture_output=True, timeout=600)
        pdfs = {name: lo / f"{name}.pdf" for name in results}
    return results, again, pdfs


NAMES = [p.stem for p in example_files()]


def test_every_example_is_an_example_of_this_module():
    """The parametrised tests below cover every document type."""
    types = {registry.load_params(p).__class__.__name__ for p in example_files()}
    assert len(NAMES) >= 7 and len(types) == 4, types


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_example_docx_structure(examples, name):
    results, _, _ = examples
    params, result = results[name]
    doc = registry.of(params)
    html = result.files["html"].read_text("utf-8")
    body = html[html.index("<body"):]
    d = docx.Document(str(result.files["docx"]))
    figures = Figures.of(params)

    # section titles in Word's heading styles, the same titles as the HTML's h2/h3/h4
    for tag, style in (("h2", "Heading 1"), ("h3", "Heading 2"), ("h4", "Heading 3")):
        assert [p.text for p in d.paragraphs if p.style.name == style] == _texts(body, tag), style
    assert [p.text for p in d.paragraphs if p.style.name == "Title"], "the cover title"
    # tables: as many as the HTML's, the header row repeating wherever the HTML has a thead
    assert len(d.tables) == body.count("<table")
    repeating = [t for t in d.tables if t._tbl.tr_lst[0].trPr is not None
                 and t._tbl.tr_lst[0].trPr.find(f"{W}tblHeader") is not None]
    assert len(repeating) == body.count("<thead") > 0
    # the Thai font in the Latin and complex-script slots, with its complex-script size
    for style in ("Normal", "Heading 1", "Table Text", "Caption"):
        rpr = d.styles[style].element.find(f"{W}rPr")
        fonts = rpr.find(f"{W}rFonts")
        assert fonts.get(f"{W}cs") == fonts.get(f"{W}ascii") == fonts.get(f"{W}hAnsi") == "TH SarabunPSK"
    assert d.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}szCs").get(f"{W}val") == "32"
    # A4 in both orientations; landscape sections where the HTML has landscape sections
    for sec in d.sections:
        assert sorted((round(sec.page_width.cm, 1), round(sec.page_height.cm, 1))) == [21.0, 29.7]
    landscape = sum(s.page_width > s.page_height for s in d.sections)
    assert landscape == len(re.findall(r'<section class="[^"]*\blandscape\b', body))
    # page numbers: a PAGE field in the footer, in Thai digits when the document's style asks for them
    footer = d.sections[0].footer.paragraphs[0]._p
    assert [t.text.strip() for t in footer.iter(f"{W}instrText")] == ["PAGE"]
    fmts = {(s._sectPr.find(f"{W}pgNumType") is not None
             and s._sectPr.find(f"{W}pgNumType").get(f"{W}fmt")) for s in d.sections}
    assert fmts == ({"thaiNumbers"} if figures.thai else {False})
    # the organisation and the document's headline figure, in the document's digits
    text = _docx_text(d)
    assert doc.organisation_of(params)["name"] in text
    total = _total_text(doc.key, params, figures)
    assert total in text and (re.search("[๐-๙]", total) is not None) == figures.thai
    # every chart as an image with alternative text, drawn at print resolution
    # (the plan example draws none: its one project spends the same every year, tests/documents/test_chart_layout.py)
    assert len(d.inline_shapes) == body.count("<svg") + body.count("<img")
    for shape in d.inline_shapes:
        assert shape._inline.docPr.get("descr")
        blip = shape._inline.graphic.graphicData.pic.blipFill.blip.embed
        image = d.part.related_parts[blip].image
        assert image.px_width / (shape.width.cm / 2.54) >= 290  # dpi
    # captions of charts follow them in Word's Caption style
    assert sum(p.style.name == "Caption" for p in d.paragraphs) >= len(d.inline_shapes)
    # document properties
    cp = d.core_properties
    assert cp.title == result.title and cp.subject == doc.organisation_of(params)["name"]
    assert str(params.fiscal_year) in cp.keywords and cp.version == __version__
    assert cp.category == doc.title_th
    nb = nbformat.read(result.files["ipynb"], as_version=4)
    assert nb.metadata["ita"]["thai_digits"] is figures.thai
    assert nb.metadata["ita"]["document_title"] == doc.title_th


@pytest.mark.slow
def test_same_inputs_give_identical_docx_bytes(examples):
    """Executed twice, the second time after a PDF was printed in the same browser tab."""
    results, again, _ = examples
    first = results["samruean_2569"][1].files["docx"].read_bytes()
    assert again.files["docx"].read_bytes() == first
    assert set(again.seconds) >= {"execute", "html", "pdf", "docx"}


_MARKS = re.compile("[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")  # Thai vowel and tone marks above and below


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (libreoffice-writer-nogui) not installed")
@pytest.mark.parametrize("name", NAMES)
def test_libreoffice_prints_each_docx_in_a_thai_font(examples, name):
    results, _, pdfs = examples
    params, result = results[name]
    pdf = str(pdfs[name])
    text = run("pdftotext", pdf, "-")
    flat = re.sub(r"\s+", "", text)
    org = registry.of(params).organisation_of(params)["name"]
    assert org.replace(" ", "") in flat
    assert "ตำบล" in text  # ำ survives (one glyph pair in some PDF paths, "ตาบล" in text)
    assert re.search(r"(Laksaman|Sarabun|Garuda|Loma)\S*\s+(CID )?TrueType", run("pdffonts", pdf))
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", run("pdfinfo", "-l", "999", pdf))
    assert sizes and all(sorted((round(float(w)), round(float(h)))) == [595, 842] for w, h in sizes)
    # single words of table headers (ลำดับ, ผู้รับผิดชอบ) and signature lines are never cut across lines
    d = docx.Document(str(result.files["docx"]))
    lines = [re.sub(r"\s+", "", line) for line in text.splitlines()]
    words = {w for t in d.tables for c in t.rows[0].cells for w in c.text.split()
             if thai.has_thai(w) and thai.loose_units(w) == (w,)}
    assert words
    # poppler may give a stacked mark out of order (ตัวชี้วัด read as "ตัวชีว้ ัด" from LibreOffice's PDF at
    # 16 pt Laksaman): compare the base letters of each line, which still shows a word cut across lines
    bare = [_MARKS.sub("", line) for line in lines]
    for word in words:
        assert any(_MARKS.sub("", word) in line for line in bare), word
    for p in d.paragraphs:
        if p.style.name == "Signature" and p.text.startswith("ลงชื่อ"):
            assert any(re.sub(r"[\s.]+", "", p.text) == re.sub(r"\.+", "", line) for line in lines), p.text


@pytest.mark.slow
def test_batch_writes_html_pdf_and_docx_for_every_organisation_and_resumes(tmp_path):
    """`ita-report batch --formats html,pdf,docx` over the example table, as a user runs it; then again."""
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "toolkit.cli", "batch", str(EXAMPLES / "table_ratchaburi_2569.csv"),
           "--fiscal-year", "2569", "--out", str(out), "--formats", "html,pdf,docx", "--workers", "2"]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHAINLP_OFFLINE": "1"}
    subprocess.run(cmd, cwd=ROOT, env=env, check=True, capture_output=True, text=True, timeout=1200)
    province = out / "2569" / "ราชบุรี"
    entries = json.loads((province / "batch.json").read_text(encoding="utf-8"))["entries"]
    assert len(entries) == 12 and {e["status"] for e in entries} == {"ok"}
    written = {}
    for e in entries:
        assert set(e["files"]) == {"html", "pdf", "docx", "review"} and e["stages"]["docx"] > 0
        files = {fmt: province / rel for fmt, rel in e["files"].items() if fmt != "review"}
        assert files["pdf"].read_bytes().startswith(b"%PDF")
        assert files["html"].read_text(encoding="utf-8").rstrip().endswith("</html>")
        d = docx.Document(str(files["docx"]))
        assert e["organisation"]["name"] in _docx_text(d) and d.inline_shapes
        written[files["docx"]] = files["docx"].stat().st_mtime_ns
    summary = docx.Document(str(province / "province_summary.docx"))
    assert "จังหวัดราชบุรี" in _docx_text(summary)

    again = subprocess.run([*cmd, "--no-summary"], cwd=ROOT, env=env, check=True, capture_output=True,
                           text=True, timeout=600)
    assert "skipped (unchanged) 12" in again.stdout
    assert {p: p.stat().st_mtime_ns for p in written} == written


def test_font_and_layout_from_the_environment(tmp_path, monkeypatch):
    """ITA_DOCX_FONT / ITA_DOCX_LAYOUT reach exporters that run.render and the batch build without config."""
    layout = tmp_path / "layout.yaml"
    layout.write_text("font: Sarabun\nbody_pt: 12\nmargins_cm: {top: 2, left: 2.5, right: 2, bottom: 2}\n",
                      encoding="utf-8")
    monkeypatch.setenv("ITA_DOCX_LAYOUT", str(layout))
    d = docx.Document(io.BytesIO(ReportDOCXExporter().from_notebook_node(_notebook())[0]))
    normal = d.styles["Normal"].element.find(f"{W}rPr")
    assert normal.find(f"{W}rFonts").get(f"{W}cs") == "Sarabun" and normal.find(f"{W}szCs").get(f"{W}val") == "24"
    assert round(d.sections[0].left_margin.cm, 2) == 2.5
    monkeypatch.setenv("ITA_DOCX_FONT", "TH Sarabun New")
    d = docx.Document(io.BytesIO(ReportDOCXExporter().from_notebook_node(_notebook())[0]))
    assert d.styles["Heading 1"].element.find(f"{W}rPr/{W}rFonts").get(f"{W}cs") == "TH Sarabun New"
    monkeypatch.setenv("ITA_DOCX_LAYOUT", str(tmp_path / "missing.yaml"))
    with pytest.raises(FileNotFoundError, match="missing.yaml.*ไม่พบไฟล์รูปแบบหน้า"):
        ReportDOCXExporter().from_notebook_node(_notebook())


def _browser_pids() -> list[int]:
    """Chromium browser processes started by this test process (renderer/GPU children not counted)."""
    found = []
    for pid in descendants(os.getpid()):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as fh:
                cmd = fh.read().split(b"\0")
        except OSError:
            continue
        # the browser, not its crash handler; Chromium's children rewrite their command line as one string
        name = os.path.basename(cmd[0].split(b" ")[0])
        if b"chrom" in name and b"crashpad" not in name and not any(b"--type=" in part for part in cmd):
            found.append(pid)
    return found


@pytest.mark.slow
def test_pdf_printing_and_chart_rasterising_share_one_browser():
    """One headless Chromium per worker thread serves both (it used to be two, ~450 MB each)."""
    from toolkit.export.docx.raster import svgs_to_png
    from toolkit.export.pdf import VIEWPORT, chromium_page, close_chromium, html_to_pdf

    close_chromium()
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="100pt" height="50pt"><rect width="50" height="20"/></svg>'
    assert html_to_pdf("<!DOCTYPE html><html><body><p>ทดสอบ</p></body></html>", renderer="chromium")[:4] == b"%PDF"
    (png,) = svgs_to_png([(svg, 3.5, 1.8)])
    assert Image.open(io.BytesIO(png)).size == (413, 213)  # 3.5 x 1.8 cm at 300 dpi
    with chromium_page() as tab:
        assert tab.viewport == VIEWPORT  # the rasteriser gave the tab back as it found it
    browsers = _browser_pids()
    assert len(browsers) == 1, browsers


@pytest.mark.slow
def test_the_shared_tab_is_replaced_after_page_reuse_uses_and_the_browser_stays(monkeypatch):
    """PDF and Word use the tab twice per report: replacement must work in single-process Chromium,
    which refuses a second browser context (the first replacement used to fail, then the restart too)."""
    import toolkit.export.pdf as pdf

    monkeypatch.setattr(pdf, "PAGE_REUSE", 3)
    pdf.close_chromium()
    tabs, browsers = [], []
    for i in range(8):
        with pdf.chromium_page() as tab:
            tab.set_content(f"<p>{i}</p>")
            assert tab.evaluate("() => document.querySelector('p').innerText") == str(i)
            tabs.append(tab.target)
            open_tabs = [t["targetId"] for t in tab.call("Target.getTargets")["targetInfos"] if t["type"] == "page"]
        assert open_tabs == [tabs[-1]]  # the tab it replaced is closed
        browsers.append(_browser_pids())
    assert len(set(tabs)) == 3 and tabs[0] == tabs[2] != tabs[3] == tabs[5] != tabs[6]  # tabs 1-3, 4-6, 7-8
    assert len(browsers[0]) == 1 and all(b == browsers[0] for b in browsers)  # never restarted
