"""What every page of the site shares: templates, the Content-Security-Policy, Thai text, the write.

Pages are single files: font, CSS, script and data inline, nothing fetched. Manifest text reaches the
HTML only through Jinja2's autoescaping; the one script is static, so its hash (computed from the
rendered page) is the only one the Content-Security-Policy admits; data for the script travels in
attributes or in a JSON block (``type="application/json"``, never executed) with '<' escaped.
"""
from __future__ import annotations

import base64
import hashlib
import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, pass_context
from markupsafe import Markup, escape

from ..export.fonts import font_face_css
from ..kit import places, sections, thai
from ..kit.paths import write_atomic
from . import levels

__all__ = ["json_block", "name_html", "number", "render_page", "words_html", "write_page"]

TEMPLATES = Path(__file__).resolve().parent / "templates"
_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
_CSP_PLACEHOLDER = "__ITA_SITE_SCRIPT_HASH__"


@lru_cache(maxsize=65536)
def _words(text: str) -> Markup:
    return thai.html_words(text)


def words_html(text: object) -> Markup:
    """The `th` filter of the site's pages: Thai text with break points, cached (districts, indicator
    names and labels recur on every row of 7,850)."""
    return Markup("") if text is None else _words(str(text))


def name_html(name: str) -> Markup:
    """An organisation's name with break points: its type's words, then the place name kept whole.

    The place part is one unbreakable unit (as in the reports, where the name is an extra word), and
    segmenting 7,850 distinct names would cost seconds; the type prefix recurs and is cached.
    """
    if not name:
        return Markup("")
    kind = places.org_type_of(name)
    bare = name[len(kind.name):].strip() if kind else ""
    if not bare or len(bare) > 24:
        return _words(name)
    return _words(kind.name) + Markup('<wbr><span class="w">') + escape(bare) + Markup("</span>")


def json_block(data: Any) -> Markup:
    """JSON safe inside <script type="application/json">: no '<' (so no '</script>'), no line separators."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _csp(script: str) -> str:
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return f"'sha256-{digest}'"


@lru_cache(maxsize=1)
def _theme_css() -> Markup:
    props = [f"--{k}: {v};" for k, v in levels.THEME.items()]
    props += [f"--tone-{k}: {v};" for k, v in levels.TONES.items()]
    return Markup(":root { " + " ".join(props) + " }")


@lru_cache(maxsize=65536)
def number(value: float, decimals: int, thai_digits: bool, grouping: bool = False) -> str:
    """thai.number, cached: 7,850 rows repeat the same 2-decimal scores many times."""
    return thai.number(value, decimals, thai_digits=thai_digits, grouping=grouping)


@pass_context
def _num(ctx: Any, value: Any, decimals: int = 2) -> str:
    return "–" if value is None else number(value, decimals, ctx["thai_digits"])


@lru_cache(maxsize=4096)
def _styled_digits(text: str, thai_digits: bool) -> str:
    return thai.style_digits(text, thai_digits)


@pass_context
def _digits(ctx: Any, value: Any) -> str:
    """The kit's `digits`, cached (indicator numbers and counts recur on every row)."""
    return _styled_digits(str(value), ctx["thai_digits"])


@pass_context
def _count(ctx: Any, value: Any) -> str:
    """Whole numbers with thousands separators (7,850 organisations)."""
    return "–" if value is None else number(value, 0, ctx["thai_digits"], True)


@lru_cache(maxsize=256)
def loose_html(text: str) -> Markup:
    """A narrow header: may break inside compounds the domain dictionary keeps whole (ต้องปรับปรุง|โดยด่วน)."""
    return Markup("<wbr>").join(Markup('<span class="w">{}</span>').format(u) if not u.isspace() else u
                                for u in thai.loose_units(str(text)))


@lru_cache(maxsize=1)
def _environment() -> Environment:
    """The kit's environment for this folder (filters th, num, digits…), with the site's own text filters."""
    env = sections.environment(str(TEMPLATES))
    env.filters.update(th=words_html, org_name=name_html, num=_num, count=_count, loose=loose_html, digits=_digits)
    return env


def render_page(template: str, thai_digits: bool, **context: Any) -> str:
    """A page from its template, with the script's hash put into its Content-Security-Policy."""
    env = _environment()
    html = env.get_template(template).render(
        thai_digits=thai_digits, extra_words=(), font_css=Markup(font_face_css()), theme_css=_theme_css(),
        csp_script=_CSP_PLACEHOLDER, tones=levels.TONES, **context)
    scripts = _SCRIPT.findall(html)  # the page's own: manifest text is escaped, so no '<script>' comes from it
    if len(scripts) != 1:  # pragma: no cover - the templates have exactly one
        raise RuntimeError(f"{template}: expected one executable <script>, found {len(scripts)}")
    return html.replace(_CSP_PLACEHOLDER, _csp(scripts[0]), 1)


def write_page(path: Path, html: str) -> Path:
    """Atomically (a reader never sees half a page)."""
    return write_atomic(Path(path), html)
