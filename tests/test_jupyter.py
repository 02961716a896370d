"""The report as Jupyter viewers show it: MIME bundles that survive an untrusted JupyterLab.

The untrusted case is checked by rendering each output the way JupyterLab does (its renderer choice
for untrusted outputs, then its HTML sanitiser's allow-list, both copied from JupyterLab 4:
packages/rendermime/src/factories.ts and packages/apputils/src/sanitizer.ts) and loading the result
in real Chromium, where every chart must be a drawn image.
"""
from __future__ import annotations

import base64
import re

import bleach
import nbformat
import pytest
from bleach.css_sanitizer import CSSSanitizer

from tests.support import SEED003
from toolkit.documents.analysis.report import AnalysisReport
from toolkit.documents.registry import load_params
from toolkit.kit import sections
from toolkit.kit.sections import EXPORT_MIME

# JupyterLab's renderers: (mime types, rank, safe). Untrusted outputs use the best-ranked *safe* one.
LAB_RENDERERS = [
    (("text/html",), 50, True),
    (("text/markdown",), 60, True),
    (("text/latex",), 70, True),
    (("image/svg+xml",), 80, False),  # "Cannot display an untrusted SVG"
    (("image/bmp", "image/png", "image/jpeg", "image/gif", "image/webp"), 90, True),
    (("application/javascript",), 110, False),
    (("text/plain",), 120, True),
]
LAB_TAGS = {"a", "abbr", "acronym", "address", "area", "article", "aside", "audio", "b", "bdi", "bdo", "big",
            "blockquote", "br", "button", "canvas", "caption", "center", "cite", "code", "col", "colgroup", "command",
            "data", "datalist", "dd", "del", "details", "dfn", "dir", "div", "dl", "dt", "em", "fieldset",
            "figcaption", "figure", "font", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup",
            "hr", "i", "img", "input", "ins", "kbd", "label", "legend", "li", "map", "mark", "menu", "meter", "nav",
            "nobr", "ol", "optgroup", "option", "output", "p", "pre", "progress", "q", "s", "samp", "section",
            "select", "small", "source", "span", "strike", "strong", "sub", "summary", "sup", "table", "tbody", "td",
            "textarea", "tfoot", "th", "thead", "time", "tr", "track", "tt", "u", "ul", "var", "video", "wbr"}
_COMMON = ["class", "dir", "draggable", "hidden", "id", "inert", "itemprop", "itemref", "itemscope", "lang",
           "spellcheck", "style", "title", "translate"]
LAB_ATTRIBUTES = {"*": _COMMON,
                  "img": _COMMON + ["align", "alt", "border", "height", "hspace", "ismap", "name", "src", "usemap",
                                    "vspace", "width"],
                  "td": _COMMON + ["abbr", "align", "colspan", "rowspan", "valign", "width"],
                  "th": _COMMON + ["abbr", "align", "colspan", "rowspan", "scope", "valign", "width"],
                  "table": _COMMON + ["align", "border", "summary", "width"]}
LAB_CSS = CSSSanitizer(allowed_css_properties=["max-width", "width", "height", "color", "background-color",
                                               "text-align", "font-weight", "margin", "padding"])


def lab_untrusted_choice(data: dict) -> str | None:
    safe = [(rank, mime) for mimes, rank, ok in LAB_RENDERERS if ok for mime in mimes if mime in data]
    return min(safe)[1] if safe else None


def lab_sanitise(html: str) -> str:
    # sanitize-html drops a disallowed tag and keeps its text, as bleach's strip=True; Lab does not check
    # the scheme of img src (embedded data is allowed), hence "data" among the protocols
    return bleach.clean(html, tags=LAB_TAGS, attributes=LAB_ATTRIBUTES, css_sanitizer=LAB_CSS,
                        protocols={"http", "https", "mailto", "data", "attachment"}, strip=True)


def untrusted_view(data: dict) -> str:
    """An output's HTML as untrusted JupyterLab shows it."""
    mime = lab_untrusted_choice(data)
    if mime == "text/html":
        return lab_sanitise(data["text/html"])
    if mime and mime.startswith("image/"):
        return f'<img src="data:{mime};base64,{data[mime]}">'
    return f"<pre>{bleach.clean(str(data.get('text/plain', '')))}</pre>"


@pytest.fixture(scope="module")
def report():
    return AnalysisReport(load_params(SEED003))


def test_a_table_section_is_html_with_a_readable_text_twin(report):
    bundle = report.results()._repr_mimebundle_()
    assert set(bundle) == {"text/html", "text/plain"}
    text = bundle["text/plain"]
    assert "<" not in text and "ITA report section" not in text
    assert "การปฏิบัติหน้าที่" in text and "|" in text and "๙๖.๗๙" in text  # a table row, cells joined
    assert repr(report.results()) == text


def test_a_chart_section_carries_an_image_jupyter_keeps_and_the_page_html_for_export(report):
    bundle = report.indicator_chart()._repr_mimebundle_()
    assert {"text/html", "image/svg+xml", "text/plain", EXPORT_MIME} <= set(bundle)
    assert "image/png" not in bundle  # no raster cost unless asked for
    assert "<svg" not in bundle["text/html"] and 'src="data:image/svg+xml;base64,' in bundle["text/html"]
    assert bundle[EXPORT_MIME] == str(report.indicator_chart()) and "<svg" in bundle[EXPORT_MIME]
    img = re.search(r'base64,([A-Za-z0-9+/=]+)"', bundle["text/html"]).group(1)
    assert base64.b64decode(img).decode("utf-8") == bundle["image/svg+xml"]
    assert bundle["text/plain"].startswith("[แผนภูมิ / chart]") and "คะแนนรายตัวชี้วัด" in bundle["text/plain"]


def test_a_raster_twin_only_when_asked():
    section = sections.figure("<svg xmlns='http://www.w3.org/2000/svg'></svg>", "ภาพ", True, png=b"\x89PNG")
    assert section._repr_mimebundle_()["image/png"] == base64.b64encode(b"\x89PNG").decode()


def test_the_sanitiser_emulation_fails_on_inline_svg():
    """The check below is trusted only because it fails on what the notebooks used to carry."""
    old = '<figure class="chart"><svg xmlns="http://www.w3.org/2000/svg"><text>คะแนน</text></svg></figure>'
    view = untrusted_view({"text/html": old, "text/plain": "<ITA report section>"})
    assert "<svg" not in view and "<img" not in view and "คะแนน" in view  # the labels left as loose text
    assert lab_untrusted_choice({"image/svg+xml": "<svg/>", "text/plain": "x"}) == "text/plain"


@pytest.mark.slow
def test_an_untrusted_jupyterlab_shows_every_chart(tmp_path):
    """Every chart of a rendered provenance notebook is a drawn picture after Lab's untrusted rendering."""
    from toolkit.export.pdf import chromium_args, chromium_path, thread_playwright
    from toolkit.run import render

    result = render(load_params(SEED003), tmp_path / "out", ("ipynb",), source=str(SEED003))
    nb = nbformat.read(result.files["ipynb"], 4)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if "data" in o]
    charts = sum(o["data"].get(EXPORT_MIME, "").count("<svg") for o in outputs)
    assert charts >= 3  # indicators, tools, history and items charts of the seed
    page = tmp_path / "lab.html"
    page.write_text("<!DOCTYPE html><html lang='th'><meta charset='utf-8'><body>"
                    + "\n".join(f"<div class='jp-OutputArea-output'>{untrusted_view(o['data'])}</div>" for o in outputs)
                    + "</body></html>", encoding="utf-8")
    browser = thread_playwright().chromium.launch(executable_path=chromium_path(), args=chromium_args())
    try:
        tab = browser.new_page(viewport={"width": 1000, "height": 1400})
        tab.goto(page.as_uri())
        tab.wait_for_load_state("load")
        drawn = tab.evaluate("() => [...document.images].filter(i => i.complete && i.naturalWidth > 100).length")
        svg_left = tab.evaluate("() => document.querySelectorAll('svg').length")
        tab.screenshot(path=str(tmp_path / "lab.png"), full_page=False)
    finally:
        browser.close()
    assert drawn == charts and svg_left == 0
