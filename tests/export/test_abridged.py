"""The abridged print (export/pdf.py ABRIDGED, report.css "abridged print"), the last resort of a document over its
page budget at every density: it brings the failing analysis example within budget and loses no figure (every
number of a chart it leaves out, every gain of the table it leaves out, is printed elsewhere in the same PDF); it is
never used for anything but the budget; the screen and Word keep the document in full."""
from __future__ import annotations

import re

import lxml.html
import pytest

from tests.export.pages import read_pages
from tests.export.test_layout import page_html, paragraphs
from tests.support import EXAMPLES, run
from toolkit.export import cdp, pdf
from toolkit.export.docx import blocks as B
from toolkit.export.docx.from_html import HtmlConverter
from toolkit.kit import page

pytestmark = pytest.mark.slow
FAILING = EXAMPLES / "thungtuayang_2569.yaml"
GAIN_TABLE = "ข้อ OIT ที่ยังไม่ได้คะแนนเต็ม และคะแนนที่เพิ่มขึ้นเมื่อได้คะแนนเต็ม"
MERGED_LEAD = "คะแนนรวมที่จะเพิ่มขึ้นเมื่อแต่ละข้อได้คะแนนเต็มอยู่ในตารางข้อ OIT ของตัวชี้วัดที่"
DECIMAL = re.compile(r"[+-]?[0-9๐-๙]+\.[0-9๐-๙]+")


def squash(text: str) -> str:
    """Text without spaces and word-break hints: pdftotext and the HTML space Thai differently."""
    return re.sub(r"[\s\u200b]+", "", text)


def figures(html: str, restates: bool) -> list:
    cls = 'contains(concat(" ", @class, " "), " restates ")'
    return lxml.html.fromstring(html).xpath(f'//figure[{cls if restates else "not(" + cls + ")"}]')


def chart_numbers(fig) -> set[str]:
    """The decimals a chart draws (its SVG keeps its text as <text>): scores, distances, gains; not its ticks."""
    texts = [t.text_content() for t in fig.iter() if isinstance(t.tag, str) and t.tag.endswith("text")]
    return {n for t in texts for n in DECIMAL.findall(t)}


# --------------------------------------------------------------------------- the failing example


@pytest.fixture(scope="module")
def failing(example_render):
    r = example_render(FAILING)
    html = r.html_file.read_text(encoding="utf-8")
    return r, html, run("pdftotext", "-layout", str(r.pdf), "-")


def test_the_failing_example_is_printed_abridged_within_its_budget(failing):
    r, html, text = failing
    assert pdf.abridgeable(html)
    assert len(read_pages(r.pdf, r.style)) <= r.style.max_pages
    flat = squash(text)
    assert squash(GAIN_TABLE) not in flat and squash(MERGED_LEAD) in flat  # the table gave way to its column
    second = squash(run("pdftotext", "-f", "2", "-l", "2", str(r.pdf), "-"))
    assert "คำนำ" in second and "สารบัญ" in second  # the contents share the foreword's page


def test_every_number_of_a_chart_left_out_is_printed(failing):
    r, html, text = failing
    left_out = figures(html, restates=True)
    assert len(left_out) == 4  # scores by indicator, by tool, the lowest items, the distance to the next level
    flat = squash(text)
    for fig in left_out:
        caption = squash(fig.find("figcaption").text_content())
        assert caption and caption not in flat, caption  # not printed
        numbers = chart_numbers(fig)
        assert numbers and not [n for n in numbers if n not in flat], (caption, numbers)
    kept = figures(html, restates=False)
    assert kept and all(squash(f.find("figcaption").text_content()) in flat for f in kept)  # the trend chart stays


def test_every_gain_of_the_table_left_out_is_printed_in_its_items_row(failing):
    r, html, text = failing
    table = lxml.html.fromstring(html).xpath('//table[contains(@class, "next-level-items")]')[0]
    gains = {tr[0].text_content().strip(): tr[5].text_content().strip() for tr in table.xpath("./tbody/tr")}
    assert len(gains) == 22 and all(g.startswith("+") for g in gains.values())
    rows = {m.group(1): m.group(2) for m in re.finditer(r"(?m)^\s*(o\d+)\s.*?\s(\+[0-9.]+)\s", text)}
    assert {code: rows.get(code) for code in gains} == gains


# --------------------------------------------------------------------------- when it is used


FIGURE = ('<figure class="chart{cls}" role="img" aria-label="x"><div style="height: {cm}cm; background: #ccc"></div>'
          "<figcaption>แผนภูมิ</figcaption></figure>")
PAGE_BREAK = '<div style="break-before: page"></div>'


def synthetic(body: str, budget: int) -> str:
    """A report as the exporter heads it: its page budget and its margins (the layout search reads both)."""
    style = page.load("ita_analysis")
    m, lm = style.margins_cm, style.landscape_margins_cm
    margins = f'<meta name="ita-margins" content="{m.top:g} {m.bottom:g} {lm.top:g} {lm.bottom:g}">'
    return page_html(body, style, budget).replace("</head>", margins + "</head>", 1)


def laid_out(body: str, budget: int) -> tuple[str, int, int]:
    html = synthetic(body, budget)
    before = pdf.prints_made()
    chosen, out = pdf.laid_out(html, renderer="chromium")
    return pdf.density_of(chosen)[1], pdf.page_count(out), pdf.prints_made() - before


def test_a_document_over_budget_at_every_density_is_abridged_when_that_fits():
    body = paragraphs(4) + FIGURE.format(cls=" restates", cm=19) + paragraphs(4)  # 3 pages; 2 without the chart
    density, pages, prints = laid_out(body, 2)
    assert (density, pages, prints) == (pdf.ABRIDGED, 2, 1 + len(pdf.DENSITIES) + 1)
    assert laid_out(body, 3) == ("", 3, 1)  # within budget: printed once, as it is


def test_nothing_to_abridge_means_no_abridged_print():
    body = paragraphs(4) + FIGURE.format(cls="", cm=19) + paragraphs(4)
    assert laid_out(body, 2) == ("", 3, 1 + len(pdf.DENSITIES))  # no density is shorter, and no print more


def test_a_nearly_empty_page_is_never_fixed_by_abridging():
    # page 2: one paragraph, then a chart too tall for the rest of the page, at every density
    body = paragraphs(3) + PAGE_BREAK + paragraphs(1) + FIGURE.format(cls=" restates", cm=22) + paragraphs(4)
    density, pages, prints = laid_out(body, 20)
    assert (density, pages, prints) == ("", 4, 1 + len(pdf.DENSITIES))


# --------------------------------------------------------------------------- the screen and Word


def test_the_screen_shows_the_document_in_full(failing):
    r, html, text = failing
    browser = cdp.Browser(pdf.chromium_path(), pdf.chromium_args())
    try:
        browser.new_tab()
        browser.set_content(html)
        shown = browser.evaluate("""() => ({
            restating: [...document.querySelectorAll('figure.restates')].filter(f => f.offsetHeight > 0).length,
            table: [...document.querySelectorAll('table.next-level-items')].filter(t => t.offsetHeight > 0).length,
            only: [...document.querySelectorAll('.abridged-only')].filter(e => e.offsetHeight > 0).length})""")
    finally:
        browser.close()
    assert shown == {"restating": 4, "table": 1, "only": 0}


def test_word_keeps_the_table_and_has_no_column_of_the_abridged_print(failing):
    r, html, text = failing
    conv = HtmlConverter(thai_digits=r.style.thai_digits)
    for section in lxml.html.fromstring(html).xpath('//section[contains(@class, "next-level") or '
                                                    'contains(@class, "analysis")]'):
        conv.feed(lxml.html.tostring(section, encoding="unicode"))
    blocks = [b for s in conv.finish().sections for b in s.blocks]
    tables = [b for b in blocks if isinstance(b, B.Table)]
    words = squash(" ".join(b.text for b in blocks if isinstance(b, B.Paragraph)))
    assert squash(MERGED_LEAD) not in words
    assert any(t.caption is not None and squash(GAIN_TABLE) in squash(t.caption.text) for t in tables)
    actions = [t for t in tables if t.rows and squash(t.rows[0].cells[-1].blocks[0].text).startswith("สิ่งที่พบ")]
    assert len(actions) == 2 and all(len(row.cells) == 4 for t in actions for row in t.rows)


def test_the_review_sheet_says_the_pdf_is_abridged_and_the_document_does_not(failing, example_render):
    r, html, text = failing
    review = r.html_file.with_name(r.html_file.stem + ".review.html").read_text(encoding="utf-8")
    assert "Abridged print" in review and "ฉบับย่อสำหรับพิมพ์" in review
    assert "ฉบับย่อสำหรับพิมพ์" not in text  # the reviewer is told, not the public
    other = example_render(EXAMPLES / "samruean_2569.yaml").html_file
    assert "Abridged print" not in other.with_name(other.stem + ".review.html").read_text(encoding="utf-8")
