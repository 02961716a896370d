"""The finished PDF: page numbers in the table of contents, and the provenance in the PDF's metadata.

Chromium prints no ``target-counter()`` (measured: Chromium 156 leaves it empty), but it writes a named
destination for every element a link points at. So a document with a contents page is printed twice:
the first print says which page each section starts on, those numbers are written into the contents
(``span.toc-page``, in the document's digit style) and the page is printed again. The contents page's
size does not change with the numbers (they sit in a right-aligned box), so the second print keeps the
first one's pages.

Metadata: Chromium takes the title from <title>; author, subject, keywords and creator are set here
with pypdf, and the creation and modification dates are dropped so the same input gives the same bytes.
"""
from __future__ import annotations

import io
import re
from typing import Callable

from pypdf import PdfReader, PdfWriter

from ..kit.thai import to_thai_digits
from .pdf import laid_out, print_once

_TOC_PAGE = re.compile(r'<span class="toc-page" data-for="([^"]+)">[^<]*</span>')
_DIGITS = re.compile(r'<section class="contents" data-digits="(thai|arabic)"')


def page_numbers(pdf: bytes) -> dict[str, int]:
    """Each named destination (an element id a link points at) → the 1-based page it is on."""
    reader = PdfReader(io.BytesIO(pdf))
    index = {page.indirect_reference.idnum: k for k, page in enumerate(reader.pages)}
    out = {}
    for name, dest in reader.named_destinations.items():
        page = dest.get("/Page") if hasattr(dest, "get") else None
        ref = getattr(page, "idnum", None)
        if ref in index:
            out[str(name).lstrip("/")] = index[ref] + 1
    return out


def fill_contents(html: str, pages: dict[str, int]) -> str:
    """The contents' page boxes filled from the first print (Thai digits when the contents ask for them)."""
    m = _DIGITS.search(html)
    thai = bool(m and m[1] == "thai")

    def number(match: re.Match) -> str:
        page = pages.get(match[1])
        text = "" if page is None else (to_thai_digits(str(page)) if thai else str(page))
        return f'<span class="toc-page" data-for="{match[1]}">{text}</span>'

    return _TOC_PAGE.sub(number, html)


def with_metadata(pdf: bytes, meta: dict[str, str]) -> bytes:
    """The PDF with its document information replaced (title kept from Chromium unless given), no dates."""
    reader = PdfReader(io.BytesIO(pdf))
    writer = PdfWriter(clone_from=reader)
    info = {k: str(v) for k, v in (reader.metadata or {}).items() if k not in ("/CreationDate", "/ModDate")}
    info.update({f"/{k.capitalize()}" if not k.startswith("/") else k: v for k, v in meta.items() if v})
    writer.metadata = None
    writer.add_metadata(info)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def print_pdf(html: str, meta: dict[str, str] | None = None,
              printer: Callable[[str], bytes] | None = None) -> bytes:
    """Report HTML to the published PDF: contents page numbers filled in, provenance in the metadata.

    The first print chooses the layout (export/pdf.py laid_out); the second prints that same layout
    with the contents filled. `printer`: one print of given HTML, for tests.
    """
    if printer is None:
        html, pdf = laid_out(html)
        printer = print_once
    else:
        pdf = printer(html)
    if _TOC_PAGE.search(html):
        filled = fill_contents(html, page_numbers(pdf))
        if filled != html:
            pdf = printer(filled)
    return with_metadata(pdf, meta) if meta else pdf
