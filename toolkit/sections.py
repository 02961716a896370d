"""HTML pieces of a report, from Jinja2 templates with autoescape: params text is shown, never run.

Thai prose goes through the `th` filter (escape + word segmentation, see thai.html_words);
numbers through `num` (Thai or Arabic digits per the document's style).
"""
from __future__ import annotations

import base64
import datetime as dt
from functools import lru_cache
from typing import Any, Iterable

from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context
from markupsafe import Markup

from . import thai


@pass_context
def _th(ctx, text: Any) -> Markup:
    if text is None:
        return Markup("")
    return thai.html_words(str(text), ctx.get("extra_words", ()))


@pass_context
def _num(ctx, value: Any, decimals: int = 2) -> str:
    if value is None:
        return "–"
    return thai.number(value, decimals, thai_digits=ctx["thai_digits"])


@pass_context
def _digits(ctx, value: Any) -> str:
    text = str(value)
    return thai.to_thai_digits(text) if ctx["thai_digits"] else text


@pass_context
def _date(ctx, value: dt.date | None, short: bool = False) -> str:
    if value is None:
        return ""
    return thai.date_text(value, thai_digits=ctx["thai_digits"], short=short)


@lru_cache(maxsize=1)
def environment() -> Environment:
    """One Jinja2 environment per process: templates compile once for a whole batch."""
    env = Environment(
        loader=PackageLoader("toolkit", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(th=_th, num=_num, digits=_digits, date=_date)
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


def render(template: str, thai_digits: bool, extra_words: Iterable[str] = (), **context: Any) -> Section:
    """A section from its template with the document's digit style and extra dictionary words."""
    tpl = environment().get_template(template)
    return Section(tpl.render(thai_digits=thai_digits, extra_words=tuple(extra_words), **context))


def figure(chart: bytes | str, caption: str, thai_digits: bool, extra_words: Iterable[str] = (),
           alt: str | None = None) -> Section:
    """A chart inside the page (inline SVG from matplotlib, or PNG bytes as a data: URL) with an
    escaped Thai caption; no file beside the HTML to lose."""
    if isinstance(chart, bytes):
        data, svg = base64.b64encode(chart).decode("ascii"), None
    else:  # matplotlib's own SVG writer escapes every text it draws
        data, svg = None, Markup(chart)
    return render("figure.html.j2", thai_digits, extra_words, data=data, svg=svg, caption=caption,
                  alt=alt or caption)
