"""HTML pieces of a report, from Jinja2 templates with autoescape: params text is shown, never run.

Thai prose goes through the `th` filter (escape + word segmentation, see thai.html_words);
numbers through `num` and `digits` (Thai or Arabic digits per the document's style, see
figures.Figures); places through `place` (see places.place_line). Each document type keeps its
templates in its own folder; the shared macros (kit/templates/base.html.j2) are found from every one.
"""
from __future__ import annotations

import base64
import datetime as dt
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, pass_context
from markupsafe import Markup

from . import chartstyle, places, thai
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


class Section:
    """Rendered HTML that Jupyter displays and nbconvert keeps as a text/html output."""

    def __init__(self, html: str):
        self.html = html

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:  # the notebook's text/plain twin: no memory address, same bytes every run
        return "<ITA report section>"

    def __str__(self) -> str:
        return self.html


def render(template: str, thai_digits: bool, extra_words: Iterable[str] = (), folder: str | Path | None = None,
           **context: Any) -> Section:
    """A section from its template (in `folder`, else the kit's) with the document's digit style and words."""
    tpl = environment(str(folder) if folder else None).get_template(template)
    return Section(tpl.render(thai_digits=thai_digits, extra_words=tuple(extra_words), **context))


def figure(chart: bytes | str, caption: str, thai_digits: bool, extra_words: Iterable[str] = (),
           alt: str | None = None) -> Section:
    """A chart inside the page (inline SVG from matplotlib, or PNG bytes as a data: URL) with an
    escaped Thai caption; no file beside the HTML to lose."""
    if isinstance(chart, bytes):
        data, svg, min_width = base64.b64encode(chart).decode("ascii"), None, 0
    else:  # matplotlib's own SVG writer escapes every text it draws
        data, svg, min_width = None, Markup(chart), chartstyle.svg_min_width_px(chart)
    return render("figure.html.j2", thai_digits, extra_words, data=data, svg=svg, caption=caption,
                  alt=alt or caption, min_width=min_width)
