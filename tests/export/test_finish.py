"""The finished PDF: contents page numbers from a first print (Chromium has no target-counter), and the
provenance in the PDF's metadata with no dates, so the same input gives the same bytes."""
from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from toolkit.export.finish import fill_contents, page_numbers, print_pdf, with_metadata
from toolkit.export.pdf import html_to_pdf

pytestmark = pytest.mark.slow

PAGE = """<!DOCTYPE html><html lang="th"><head><meta charset="utf-8"><title>ทดสอบ</title>
<style>@page {{ size: A4; margin: 2cm; }} h2 {{ break-before: page; }}</style></head><body>
<section class="contents" data-digits="{digits}"><h2 id="sec-contents">สารบัญ</h2><ol>
<li><a href="#sec-a"><span class="toc-title">หนึ่ง</span><span class="toc-page" data-for="sec-a"></span></a></li>
<li><a href="#sec-b"><span class="toc-title">สอง</span><span class="toc-page" data-for="sec-b"></span></a></li>
</ol></section>
<h2 id="sec-a">หนึ่ง</h2><p>ก</p><p style="height: 30cm">ยาว</p><h2 id="sec-b">สอง</h2><p>ข</p>
</body></html>"""


def test_page_numbers_come_from_the_first_print():
    pdf = html_to_pdf(PAGE.format(digits="thai"))
    pages = page_numbers(pdf)
    assert pages["sec-a"] == 2 and pages["sec-b"] == 4  # the long paragraph runs over page 3
    filled = fill_contents(PAGE.format(digits="thai"), pages)
    assert '<span class="toc-page" data-for="sec-a">๒</span>' in filled
    assert '<span class="toc-page" data-for="sec-b">๔</span>' in filled
    arabic = fill_contents(PAGE.format(digits="arabic"), pages)
    assert '<span class="toc-page" data-for="sec-b">4</span>' in arabic


def test_the_printed_contents_carry_the_numbers_and_the_metadata():
    meta = {"title": "ชื่อเอกสาร", "author": "องค์การบริหารส่วนตำบลทดสอบ", "subject": "เรื่อง / subject",
            "keywords": "ITA; params sha256 abc", "creator": "ita-report-toolkit 0.1.0"}
    first = print_pdf(PAGE.format(digits="thai"), meta)
    again = print_pdf(PAGE.format(digits="thai"), meta)
    assert first == again  # no creation date: the same input, the same bytes
    reader = PdfReader(io.BytesIO(first))
    info = reader.metadata
    assert (info.title, info.author, info.subject) == ("ชื่อเอกสาร", "องค์การบริหารส่วนตำบลทดสอบ", "เรื่อง / subject")
    assert info["/Keywords"] == "ITA; params sha256 abc" and info["/Creator"] == "ita-report-toolkit 0.1.0"
    assert "/CreationDate" not in info and "/ModDate" not in info
    contents = reader.pages[0].extract_text()
    assert "๒" in contents and "๔" in contents
    assert page_numbers(first) == {"sec-a": 2, "sec-b": 4}  # the links still work after the rewrite


def test_metadata_keeps_chromium_title_unless_given():
    pdf = html_to_pdf(PAGE.format(digits="arabic"))
    out = PdfReader(io.BytesIO(with_metadata(pdf, {"author": "ก"}))).metadata
    assert out.title == "ทดสอบ" and out.author == "ก"


def test_front_matter_is_not_a_layout_fault():
    """The foreword and the contents stand on their own pages by design: only targets after the contents
    say where the body starts (counting those pages made every synthetic report print five times)."""
    from toolkit.export.pdf import body_targets

    html = ('<section class="foreword"><h2 id="sec-foreword">ก</h2></section>'
            '<section class="contents" data-digits="thai"><ol>'
            '<li><a href="#sec-foreword"><span class="toc-page" data-for="sec-foreword"></span></a></li>'
            '<li><a href="#sec-a"><span class="toc-page" data-for="sec-a"></span></a></li></ol></section>'
            '<h2 id="sec-a">ข</h2>')
    assert body_targets(html) == ["sec-a"]
    assert body_targets(html.replace('class="contents"', 'class="other"')) == []
