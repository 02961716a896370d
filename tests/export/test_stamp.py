"""Contents page numbers stamped into the one print (export/stamp.py), checked against the second print they
replace: the same numbers, in the same places, in the document's digits, with nothing of the marking left."""
from __future__ import annotations

import io
import re
import subprocess

import pytest
from pypdf import PdfReader

from toolkit.export import stamp
from toolkit.export.finish import fill_contents, page_numbers, print_pdf
from toolkit.export.pdf import chromium_pdf, prints_made

pytestmark = pytest.mark.slow

PAGE = """<!DOCTYPE html><html lang="th"><head><meta charset="utf-8"><title>ทดสอบ</title>
<style>:root {{ --ink: #1b1b1b; }} @page {{ size: A4; margin: 2cm; }} h2 {{ break-before: page; }}
ol {{ list-style: none; padding: 0; }} li a {{ display: flex; color: var(--ink); }}
.toc-title {{ flex: 1 1 auto; }}</style></head><body>
<section class="contents" data-digits="{digits}"><h2 id="sec-contents">สารบัญ</h2><ol>
<li><a href="#sec-a"><span class="toc-title">หนึ่ง</span><span class="toc-page" data-for="sec-a"></span></a></li>
<li><a href="#sec-b"><span class="toc-title">สอง</span><span class="toc-page" data-for="sec-b"></span></a></li>
<li><a href="#sec-c"><span class="toc-title">สาม</span><span class="toc-page" data-for="sec-c"></span></a></li>
</ol></section>
<h2 id="sec-a">หนึ่ง</h2><p>ก</p><p style="height: 30cm">ยาว</p><h2 id="sec-b">สอง</h2><p>ข</p>
{filler}<h2 id="sec-c">สาม</h2><p>ค</p>
</body></html>"""
#: Eight more pages before the third section, so its number has two digits.
FILLER = '<p style="break-before: page; height: 200cm">ต่อ</p>'


def _words(pdf: bytes, page: int) -> list[tuple[str, float, float]]:
    """(word, right edge, baseline-ish bottom) of one page, from poppler as the layout checks read it."""
    out = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), "-", "-"], input=pdf,
                         capture_output=True, check=True).stdout.decode()
    return [(w, float(x), float(y)) for x, y, w in
            re.findall(r'<word xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', out)]


@pytest.mark.parametrize("digits", ["thai", "arabic"])
def test_one_print_carries_the_numbers_where_a_second_print_puts_them(digits):
    html = PAGE.format(digits=digits, filler=FILLER)
    before = prints_made()
    stamped = print_pdf(html)
    assert prints_made() - before == 1  # the numbers did not cost a second print
    first = chromium_pdf(stamp.marked(html))
    pages = page_numbers(first)
    assert pages == {"sec-a": 2, "sec-b": 4, "sec-c": 13}
    reprinted = chromium_pdf(fill_contents(stamp.plain(stamp.marked(html)), pages))
    want = ["๒", "๔", "๑๓"] if digits == "thai" else ["2", "4", "13"]
    got, again = _words(stamped, 1), _words(reprinted, 1)
    numbers = [w for w in got if w[0] in want]
    assert [w[0] for w in numbers] == want
    for word, right, bottom in numbers:  # right-aligned at the slot's end, on the entry's line: as printed
        twin = next(w for w in again if w[0] == word)
        assert abs(right - twin[1]) < 0.5 and abs(bottom - twin[2]) < 0.5, (word, right, twin)
    assert [w[0] for w in got] == [w[0] for w in again]  # and nothing else on the page differs
    text = PdfReader(io.BytesIO(stamped)).pages[0].extract_text()
    assert "0123456789" not in text and "๐๑๒๓๔๕๖๗๘๙" not in text  # the key is gone
    content = PdfReader(io.BytesIO(stamped)).pages[0].get_contents().get_data()
    assert b".0039 .0078 .0118" not in content  # no marker colour is left
    assert page_numbers(stamped) == pages  # the contents' links still lead to their sections


def test_a_pdf_that_cannot_be_stamped_is_printed_again_with_the_numbers():
    html = PAGE.format(digits="thai", filler="")
    unmarked = chromium_pdf(html)  # no key and no placeholders: not a PDF stamping can read
    with pytest.raises(stamp.StampError):
        stamp.stamp(unmarked, stamp.marked(html), page_numbers(unmarked))
    printed = []

    def printer(h: str) -> bytes:
        printed.append(h)
        return chromium_pdf(h if printed[1:] else html)  # the first print is not stampable

    pdf = print_pdf(html, printer=printer)
    assert len(printed) == 2 and 'class="toc-key"' not in printed[1]
    assert '<span class="toc-page" data-for="sec-b">๔</span>' in printed[1]
    words = [w[0] for w in _words(pdf, 1)]
    assert "๒" in words and "๔" in words


def test_marking_keeps_the_html_written_to_disk_and_documents_without_contents_alone():
    html = PAGE.format(digits="arabic", filler="")
    marked = stamp.marked(html)
    assert marked.count('class="toc-key"') == 1 and marked.count(">0</span>") == 3
    assert stamp.contents_targets(marked) == ["sec-a", "sec-b", "sec-c"]
    no_contents = "<html><head></head><body><p>ก</p></body></html>"
    assert stamp.marked(no_contents) == no_contents
