"""The page reader the layout search runs after every print (export/pdfpages.py): its fast path, which reads
only the operators that place text, gives the same baselines as reading every token."""
from __future__ import annotations

import pytest

from toolkit.export import pdfpages
from toolkit.export.pdf import chromium_pdf

pytestmark = pytest.mark.slow

PAGE = """<!DOCTYPE html><html lang="th"><head><meta charset="utf-8"><style>@page {{ size: A4; margin: 2cm; }}
.turn {{ transform: rotate(-90deg); display: inline-block; }} .land {{ page: wide; break-before: page; }}
@page wide {{ size: A4 landscape; }}</style></head><body>{body}</body></html>"""
BODY = ("<h1>หัวเรื่อง</h1>" + "<p>ผลการประเมินคุณธรรมและความโปร่งใส (ITA) ๙๖.๗๙ คะแนน</p>" * 40
        + '<p><span class="turn">แกนตั้ง</span> ข้อความ</p><svg width="300" height="80"><text x="10" y="40" '
        'transform="rotate(30 10 40)">คะแนน 85</text></svg><div class="land"><p>ตารางแนวนอน</p></div>')


def test_the_fast_reader_finds_the_baselines_every_token_gives():
    pdf = chromium_pdf(PAGE.format(body=BODY))
    pages = pdfpages.page_contents(pdf)
    assert len(pages) >= 3 and any(w > h for w, h, _ in pages)  # portrait pages and a landscape one
    rotated = 0
    for _width, height, content in pages:
        assert b"(" not in content  # Chromium writes hex strings: the fast path is the one taken
        fast, exact = pdfpages.baselines(content, height), pdfpages.baselines_exact(content, height)
        assert fast == exact and fast
        rotated += any(line.endswith(b" cm") and line.split()[1] not in (b"0", b"-0") for line in content.splitlines())
    assert rotated  # the sample draws rotated text too (a chart's axis title is drawn so)


def test_a_stream_with_literal_strings_is_read_token_by_token():
    content = b"BT 1 0 0 -1 10 700 Tm (a Tm) Tj 0 -20 Td (b) Tj ET"
    assert pdfpages.baselines(content, 842.0) == pdfpages.baselines_exact(content, 842.0) == [142.0, 122.0]
