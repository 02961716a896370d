"""The finished PDF: page numbers in the table of contents, and the provenance in the PDF's metadata.

Chromium prints no ``target-counter()`` (measured: Chromium 156 leaves it empty), but it writes a named
destination for every element a link points at. So a document with a contents page is printed with
marked slots: the print says which page each section starts on, and those numbers are written into the printed
contents (export/stamp.py), in the document's digit style. ``fill_contents`` writes them into the HTML
instead, for a renderer whose PDF cannot be stamped (printed a second time: the slots keep their width, so
the pages stay as they were).

Metadata: Chromium takes the title from <title>; author, subject, keywords and creator are set here
with pypdf, and the creation and modification dates are dropped so the same input gives the same bytes.
"""
from __future__ import annotations

import io
import re
from typing import Callable

from pypdf import PdfReader, PdfWriter

from . import stamp
from .pdf import laid_out, print_once
from .pdfpages import page_numbers

__all__ = ["fill_contents", "page_numbers", "print_pdf", "with_metadata"]

def fill_contents(html: str, pages: dict[str, int]) -> str:
    """The contents' page boxes filled from the first print (Thai digits when the contents ask for them)."""
    digits = stamp.contents_digits(html)

    def number(match: re.Match) -> str:
        return f'<span class="toc-page" data-for="{match[1]}">{stamp.page_label(pages.get(match[1]), digits)}</span>'

    return stamp.SLOT.sub(number, html)


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

    The print chooses the layout (export/pdf.py laid_out) with the contents marked for stamping
    (export/stamp.py); the numbers are then written into that PDF. Only when the PDF cannot be stamped is the
    same layout printed a second time with the numbers as text. `printer`: one print of given HTML, for tests.
    """
    html = stamp.marked(html)
    if printer is None:
        html, pdf = laid_out(html)
        printer = print_once
    else:
        pdf = printer(html)
    if stamp.contents_targets(html):
        pages = page_numbers(pdf)
        try:
            pdf = stamp.stamp(pdf, html, pages)
        except stamp.StampError:
            pdf = printer(fill_contents(stamp.plain(html), pages))
    return with_metadata(pdf, meta) if meta else pdf
