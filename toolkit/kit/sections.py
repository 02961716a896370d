"""HTML pieces of a report, from Jinja2 templates with autoescape: params text is shown, never run.

Thai prose goes through the `th` filter (escape + word segmentation, see thai.html_words);
numbers through `num` and `digits` (Thai or Arabic digits per the document's style, see
figures.Figures); places through `place` (see places.place_line). Each document type keeps its
templates in its own folder; the shared macros (kit/templates/base.html.j2) are found from every one.

A section displays in Jupyter as a MIME bundle that every notebook viewer can show, trusted or not:
JupyterLab's sanitiser (untrusted notebooks, every provenance .ipynb a reviewer opens) strips inline
``<svg>``, so ``text/html`` carries each chart as an ``<img>`` of its SVG (a data: URL, which the
sanitiser keeps); a single chart is also ``image/svg+xml``; ``text/plain`` is the section's text. The
report exporters read ``EXPORT_MIME``, the page HTML with the charts inline (the browser shapes their
Thai with the page's Sarabun), so HTML, PDF and DOCX stay as they were.
"""
from __future__ import annotations

import base64
import datetime as dt
import re
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Iterable

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, pass_context
from markupsafe import Markup

from . import places, thai
from .figures import Figures

KIT_TEMPLATES = Path(__file__).resolve().parent / "templates"


@pass_context
def _th(ctx, text: Any) -> Markup:
    if text is None:
        return Markup("")
    return thai.html_words(str(text), ctx.get("extra_words", ()))


@pass_context
def _num(ctx, value: Any, decimals: int = 2) -> str:
    if value is None:
        return "–"
    return Figures(ctx["thai_digits"]).num(value, decimals)


@pass_context
def _digits(ctx, value: Any) -> str:
    return Figures(ctx["thai_digits"]).digits(value)


@pass_context
def _date(ctx, value: dt.date | None, short: bool = False) -> str:
    return Figures(ctx["thai_digits"]).date(value, short)


def _place(org: Any, subdistrict: bool = True) -> str:
    return places.place_line(org, subdistrict)


@lru_cache(maxsize=16)
def environment(folder: str | None = None) -> Environment:
    """One Jinja2 environment per template folder and process: templates compile once for a batch."""
    dirs = ([folder] if folder else []) + [str(KIT_TEMPLATES)]
    env = Environment(
        loader=ChoiceLoader([FileSystemLoader(d) for d in dirs]),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(th=_th, num=_num, digits=_digits, date=_date, place=_place)
    return env


EXPORT_MIME = "application/vnd.ita.report+html"  # the page HTML the exporters print (charts inline)
_SVG = re.compile(r"<svg\b.*?</svg>", re.S | re.I)
_BLOCKS = {"p", "div", "section", "h1", "h2", "h3", "h4", "li", "tr", "caption", "figcaption", "br", "table",
           "thead", "tbody", "tfoot", "ul", "ol", "footer", "figure"}


class _Text(HTMLParser):
    """Readable plain text of a section: blocks on their own lines, table cells joined by " | "."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.line: list[str] = []
        self.cells = 0

    def _flush(self) -> None:
        text = re.sub(r"[ \t]+", " ", "".join(self.line)).strip(" |")
        if text:
            self.lines.append(text)
        self.line, self.cells = [], 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("td", "th"):
            if self.cells:
                self.line.append(" | ")
            self.cells += 1
        elif tag == "li":
            self._flush()
            self.line.append("• ")
        elif tag in _BLOCKS:
            self._flush()
        elif tag == "img":
            alt = dict(attrs).get("alt")
            self.line.append(f"[{alt}]" if alt else "")

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        self.line.append(data.replace("\u200b", "").replace("\n", " "))


def plain_text(html: str) -> str:
    """What a viewer without HTML shows of a section (and what a diff of two notebooks compares)."""
    parser = _Text()
    parser.feed(_SVG.sub(lambda m: "[แผนภูมิ / chart]", html))
    parser.close()
    parser._flush()
    return "\n".join(parser.lines)


def _svg_img(match: re.Match) -> str:
    data = base64.b64encode(match.group(0).encode("utf-8")).decode("ascii")
    return f'<img src="data:image/svg+xml;base64,{data}" style="max-width: 100%">'


class Section:
    """A piece of the report: page HTML for the exporters, a MIME bundle for Jupyter viewers."""

    def __init__(self, html: str, png: bytes | None = None):
        self.html = html
        self.png = png  # a raster twin of a single chart, only when asked for (see figure)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        data: dict[str, Any] = {"text/plain": plain_text(self.html)}
        charts = _SVG.findall(self.html)
        if not charts:
            data["text/html"] = self.html
            return data
        data["text/html"] = _SVG.sub(_svg_img, self.html)
        data[EXPORT_MIME] = self.html
        if len(charts) == 1:
            data["image/svg+xml"] = charts[0]
        if self.png is not None:
            data["image/png"] = base64.b64encode(self.png).decode("ascii")
        return data

    def __repr__(self) -> str:  # same text as the bundle's text/plain: no memory address, same bytes every run
        return plain_text(self.html)

    def __str__(self) -> str:
        return self.html


def render(template: str, thai_digits: bool, extra_words: Iterable[str] = (), folder: str | Path | None = None,
           **context: Any) -> Section:
    """A section from its template (in `folder`, else the kit's) with the document's digit style and words."""
    tpl = environment(str(folder) if folder else None).get_template(template)
    return Section(tpl.render(thai_digits=thai_digits, extra_words=tuple(extra_words), **context))


def figure(chart: bytes | str, caption: str, thai_digits: bool, extra_words: Iterable[str] = (),
           alt: str | None = None, png: bytes | None = None) -> Section:
    """A chart inside the page (inline SVG from matplotlib, or PNG bytes as a data: URL) with an
    escaped Thai caption; no file beside the HTML to lose. `png`: a raster twin of an SVG chart for
    viewers that show no SVG, added to the notebook output only (never rendered unless a caller asks)."""
    if isinstance(chart, bytes):
        data, svg = base64.b64encode(chart).decode("ascii"), None
    else:  # matplotlib's own SVG writer escapes every text it draws
        data, svg = None, Markup(chart)
    section = render("figure.html.j2", thai_digits, extra_words, data=data, svg=svg, caption=caption,
                     alt=alt or caption)
    section.png = png if svg is not None else None
    return section
