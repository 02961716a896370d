"""A printer's look at a PDF, page by page, from `pdftotext -bbox-layout` (poppler-utils): how full each
page is, what its last line is, and its page number. Used by test_layout.py on every example."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path

from bs4 import BeautifulSoup

from tests.support import run
from toolkit.export import pdfpages
from toolkit.export.pdf import body_targets, front_pages
from toolkit.kit.page import PageStyle

PT_PER_CM = 72 / 2.54
THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
MIN_FILL = 1 / 3  # a page (not the cover, not the last) must be at least about a third full


def squash(text: str) -> str:
    return re.sub(r"[\s\u200b]+", "", text)


@dataclass
class Line:
    """One visual line: the pdftotext lines (table cells) that share a baseline band, left to right."""

    top: float
    bottom: float
    pieces: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(self.pieces)


@dataclass
class Page:
    number: int
    width: float
    height: float
    lines: list[Line]  # body lines, top to bottom (page number removed)
    folio: str | None  # the printed page number, as printed

    @property
    def landscape(self) -> bool:
        return self.width > self.height


def _visual_lines(raw: list[tuple[float, float, str]]) -> list[Line]:
    """pdftotext lines merged into visual lines where their vertical extents overlap by half."""
    out: list[Line] = []
    for top, bottom, text in sorted(raw):
        last = out[-1] if out else None
        overlap = min(bottom, last.bottom) - max(top, last.top) if last else 0
        if last and overlap > 0.5 * min(bottom - top, last.bottom - last.top):
            last.pieces.append(text)
            last.top, last.bottom = min(last.top, top), max(last.bottom, bottom)
        else:
            out.append(Line(top, bottom, [text]))
    return out


def read_pages(pdf: Path | str, style: PageStyle) -> list[Page]:
    """Every page of a PDF as visual lines, with the page number (in the margin box) taken apart."""
    xml = run("pdftotext", "-bbox-layout", str(pdf), "-")
    pages = []
    for n, body in enumerate(re.findall(r"<page (.*?)>(.*?)</page>", xml, re.S), 1):
        attrs, content = body
        width = float(re.search(r'width="([\d.]+)"', attrs).group(1))
        height = float(re.search(r'height="([\d.]+)"', attrs).group(1))
        margins = style.landscape_margins_cm if width > height else style.margins_cm
        raw = []
        for head, inner in re.findall(r"<line (.*?)>(.*?)</line>", content, re.S):
            y0 = float(re.search(r'yMin="([\d.]+)"', head).group(1))
            y1 = float(re.search(r'yMax="([\d.]+)"', head).group(1))
            words = [unescape(w) for w in re.findall(r"<word [^>]*>(.*?)</word>", inner)]
            raw.append((y0, y1, " ".join(words)))
        folio = None
        lines = []
        for line in _visual_lines(raw):
            in_margin = line.top > height - margins.bottom * PT_PER_CM or line.bottom < margins.top * PT_PER_CM
            if in_margin and re.fullmatch(r"[0-9๐-๙]+", squash(line.text)):
                folio = squash(line.text)
            else:
                lines.append(line)
        pages.append(Page(n, width, height, lines, folio))
    return pages


def fill(page: Page, style: PageStyle) -> float:
    """How far down the text area the page's last line reaches (0 empty, 1 full)."""
    if not page.lines:
        return 0.0
    margins = style.landscape_margins_cm if page.landscape else style.margins_cm
    top = margins.top * PT_PER_CM
    area = page.height - top - margins.bottom * PT_PER_CM
    return max(0.0, (max(line.bottom for line in page.lines) - top) / area)


@dataclass
class KeepWithNext:
    """Texts that must never end a page: headings, captions, table header rows and group rows."""

    texts: list[tuple[str, Counter]]  # (what it is, the letters it prints)

    @classmethod
    def of_html(cls, html: str) -> "KeepWithNext":
        soup = BeautifulSoup(html, "html.parser")
        for cover in soup.select(".cover"):
            cover.decompose()
        found = [("heading", squash(h.get_text()))
                 for h in soup.select("h1, h2, h3, h4, caption, .flag-title, .keep-next")]
        found += [("header row" if tr.find_parent("thead") else "group row", squash(tr.get_text()))
                  for tr in soup.select("thead tr, tr.group")]
        # a heading whose words are also a list item or paragraph (a summary list naming the indicator
        # headed below) cannot be told from it by its letters: the page may end on the item
        plain = {squash(el.get_text()) for el in soup.select("li, p, td")}
        return cls([(f"{kind} {text[:50]}", Counter(text)) for kind, text in found if text and text not in plain])

    def matches(self, lines: list[Line]) -> str | None:
        """What the page's last lines are, if together they print exactly one heading or header/group row
        (its cells may wrap, so the letters are compared, not their order)."""
        for j in range(1, min(4, len(lines)) + 1):
            letters = Counter(squash("".join(line.text for line in lines[-j:])))
            for what, text in self.texts:
                if letters == text:
                    return what
        return None


def problems(pdf: Path | str, html: str, style: PageStyle, cover: bool = True) -> list[str]:
    """Every page fault a printer would send back: near-empty pages, stranded headings and header or
    group rows at the foot of a page, page numbers missing or in the wrong digits."""
    pages = read_pages(pdf, style)
    keep = KeepWithNext.of_html(html)
    # cover, คำนำ, สารบัญ: short by design, each on its own page (or คำนำ and สารบัญ on one, abridged): the pages
    # before the first page a contents entry points at, as the layout search counts them (export/pdf.py _faults)
    targets = body_targets(html)
    front = pdfpages.body_start(Path(pdf).read_bytes(), targets) - 1 if targets else front_pages(html)
    out = []
    for page in pages:
        first, last = page.number == 1, page.number == len(pages)
        if cover and first:
            continue
        ratio = fill(page, style)
        if not last and ratio < MIN_FILL and not (cover and page.number <= front):
            out.append(f"p. {page.number}: only {ratio:.0%} full ({page.lines[-1].text[:40] if page.lines else 'empty'})")
        if not last and page.lines:
            what = keep.matches(page.lines)
            if what:
                out.append(f"p. {page.number}: ends with a {what}")
        if style.page_number != "none":
            want = str(page.number)
            if style.thai_digits:
                want = want.translate(str.maketrans("0123456789", THAI_DIGITS))
            if page.folio != want:
                out.append(f"p. {page.number}: page number {page.folio!r}, expected {want!r}")
    return out


def block_lines(pdf: Path | str) -> list[list[str]]:
    """The text lines of every block (a paragraph, a table cell) of every page, in reading order."""
    xml = run("pdftotext", "-bbox-layout", str(pdf), "-")
    out = []
    for block in re.findall(r"<block [^>]*>(.*?)</block>", xml, re.S):
        lines = [" ".join(unescape(w) for w in re.findall(r"<word [^>]*>(.*?)</word>", line))
                 for line in re.findall(r"<line [^>]*>(.*?)</line>", block, re.S)]
        out.append([line for line in lines if line])
    return out


def broken_words(lines: list[str], words) -> list[str]:
    """Words that start at the end of one line and finish at the start of the next."""
    broken = []
    for before, after in zip(lines, lines[1:]):
        tail, head = before[-20:], after[:20]
        joined = tail + head
        for w in words:
            for m in re.finditer(re.escape(w), joined):
                if m.start() < len(tail) < m.end():
                    broken.append(f"{tail}|{head} ({w})")
    return broken
