"""Every page of every example as a printer would check it (pdftotext -bbox-layout, poppler-utils): no page
left less than a third full but a document's last (and its cover), no heading, caption, table header or group
row ending a page, page numbers in the document's digits, each document within its page budget. The checker
is first shown to fail on pages made bad on purpose."""
from __future__ import annotations

import re

import pytest

from tests.export.pages import THAI_DIGITS, problems, read_pages
from tests.support import example_files, run
from toolkit.export import html_to_pdf
from toolkit.export.fonts import font_face_css
from toolkit.export.html import TEMPLATES_DIR
from toolkit.export.pdf import denser, page_budget, page_count
from toolkit.kit import page

pytestmark = pytest.mark.slow
EXAMPLES = [p for p in example_files() if p.suffix in (".yaml", ".json")]
REPORT_CSS = (TEMPLATES_DIR + "/ita/report.css")
FILLER = "การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ " * 6


def page_html(body: str, style: page.PageStyle, budget: int | None = None) -> str:
    """A report page as the exporter writes it: Sarabun, report.css, then the page style's CSS."""
    with open(REPORT_CSS, encoding="utf-8") as fh:
        css = fh.read()
    meta = f'<meta name="ita-max-pages" content="{budget}">' if budget else ""
    return (f'<!DOCTYPE html><html lang="th"><head><meta charset="utf-8">{meta}<style>{font_face_css()}</style>'
            f"<style>{css}</style><style>{style.css()}</style></head><body><main class=\"report\">{body}</main>"
            "</body></html>")


def paragraphs(n: int) -> str:
    return "".join(f'<p>{FILLER}</p>' for _ in range(n))


# --------------------------------------------------------------------------- the checker, on bad pages


@pytest.fixture(scope="module")
def bad_pages(tmp_path_factory):
    """Cover; a page with two lines; a page ending with a heading; one ending with a table's header row;
    one ending with a group row; a last page. Page numbers in Arabic digits where Thai ones are asked."""
    arabic = page.load("ita_analysis", thai_digits=False)
    body = ('<section class="cover"><h1 class="cover-title">ปก</h1></section>'
            '<p>สองบรรทัดแล้วขึ้นหน้าใหม่</p><div class="page-break"></div>'
            + paragraphs(5) + '<h2 style="break-after: page !important">หัวข้อที่ค้างท้ายหน้า</h2>'
            + paragraphs(5) + '<table><thead><tr><th>ข้อ</th><th>ประเด็นการประเมิน</th></tr></thead></table>'
            '<table style="break-before: page"><tbody><tr><td>i1</td><td>ข้อแรก</td></tr></tbody></table>'
            + paragraphs(4) + '<table class="items"><tbody><tr><td>i2</td><td>ก่อนกลุ่ม</td></tr>'
            '<tr class="group"><th colspan="2">ตัวชี้วัดที่ ๙ การเปิดเผยข้อมูล</th></tr>'
            '<tr style="break-before: page"><td>o1</td><td>โครงสร้าง</td></tr></tbody></table>'
            + paragraphs(2))
    html = page_html(body, arabic)
    pdf = tmp_path_factory.mktemp("bad") / "bad.pdf"
    pdf.write_bytes(html_to_pdf(html))
    return pdf, html


def test_the_checker_reports_every_bad_page(bad_pages):
    pdf, html = bad_pages
    thai = page.load("ita_analysis", thai_digits=True)  # the style asks for Thai page numbers
    found = problems(pdf, html, thai)
    pages = read_pages(pdf, thai)
    assert len(pages) == 6, [p.lines[-1].text for p in pages]
    assert any(f.startswith("p. 2: only") for f in found), found
    assert any(f.startswith("p. 3: ends with a heading หัวข้อที่ค้างท้ายหน้า") for f in found), found
    assert any(f.startswith("p. 4: ends with a header row") for f in found), found
    assert any(f.startswith("p. 5: ends with a group row ตัวชี้วัดที่๙") for f in found), found
    assert "p. 2: page number '2', expected '๒'" in found
    assert not any(f.startswith("p. 1") or f.startswith("p. 6: only") for f in found)  # cover, last page


def test_the_page_numbers_of_the_bad_pages_are_right_in_their_own_digits(bad_pages):
    pdf, html = bad_pages
    arabic = page.load("ita_analysis", thai_digits=False)
    assert not [f for f in problems(pdf, html, arabic) if "page number" in f]


# --------------------------------------------------------------------------- the page budget


def test_a_document_over_its_budget_is_set_denser():
    style = page.load("ita_analysis")
    rows = "".join(f'<tr><td>i{k}</td><td>{FILLER[:90]}</td><td class="num">๙๐.๐๐</td></tr>' for k in range(170))
    body = f'<table class="items"><thead><tr><th>ข้อ</th><th>ประเด็น</th><th>คะแนน</th></tr></thead><tbody>{rows}</tbody></table>'
    loose = page_count(html_to_pdf(page_html(body, style)))
    assert page_budget(page_html(body, style, loose - 1)) == loose - 1
    assert 'class="dense-2"' in denser(page_html(body, style), "dense-2")
    tight = page_count(html_to_pdf(page_html(body, style, loose - 1)))
    assert tight < loose  # over budget: printed again with denser tables


# --------------------------------------------------------------------------- every example


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_page_of_every_example_would_pass_a_printer(path, example_render):
    r = example_render(path)
    assert problems(r.pdf, r.html, r.style) == []


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_keeps_its_page_budget(path, example_render):
    r = example_render(path)
    pages = len(read_pages(r.pdf, r.style))
    assert r.style.max_pages and pages <= r.style.max_pages, (pages, r.style.max_pages)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_page_numbers_follow_the_documents_digits(path, example_render):
    r = example_render(path)
    folios = [p.folio for p in read_pages(r.pdf, r.style)[1:]]
    digits = set("".join(f for f in folios if f))
    assert folios and all(folios)
    assert digits <= set(THAI_DIGITS) if r.style.thai_digits else digits <= set("0123456789")


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_list_and_step_numbers_follow_the_documents_digits(path, example_render):
    r = example_render(path)
    text = run("pdftotext", "-layout", str(r.pdf), "-")
    numbered = re.findall(r"(?m)(?:^|\s)([0-9๐-๙]{1,2})\.\s+[\u0e01-\u0e4e]", text)  # "๑. ขั้นตอน", "1. ขั้นตอน"
    assert numbered
    wrong = [n for n in numbered if (n[0] in "0123456789") == r.style.thai_digits]
    assert wrong == [], wrong[:10]
