"""Charts to PNG for Word: the section's own inline SVG, drawn by headless Chromium with Sarabun.

Why Chromium (measured on this machine, 4 charts of one analysis report at 300 dpi, 1890 px wide):
- Chromium (the PDF printer's browser and tab, kept open): 0.15-0.25 s a chart with DevTools' clipped
  capture (Playwright's element screenshot took twice that: it scrolls and waits for stability),
  the same picture as the HTML and PDF (Thai shaped by HarfBuzz with the embedded Sarabun).
- cairosvg: 1.4-2.8 s a chart, and cairo's toy text API does not shape Thai: marks of ชี้ ที่ แก้ไข
  overlap or drift, and without Sarabun in fontconfig every Thai glyph is a box.
- a PNG next to the SVG in each output's MIME bundle (matplotlib Agg + libraqm): 0.15-0.26 s a chart,
  right shapes, but paid in every report even when no Word file is asked for, and +0.2 MB a chart in
  the notebook. Outputs that already carry a PNG (<img src="data:image/png…">) are used as they are.
"""

from __future__ import annotations

import re
import time

from ..fonts import font_face_css
from ..pdf import chromium_page
from . import blocks as B

_ROOT_SIZE = re.compile(r'(<svg\b[^>]*?)\bwidth="[^"]*"\s+height="[^"]*"', re.S)


def svgs_to_png(svgs: list[tuple[str, float, float]], dpi: int = 300) -> list[bytes]:
    """PNGs of (svg, width_cm, height_cm) at `dpi`, all drawn in one page load."""
    if not svgs:
        return []
    boxes = []
    for i, (svg, w_cm, h_cm) in enumerate(svgs):
        w, h = round(w_cm / 2.54 * dpi), round(h_cm / 2.54 * dpi)
        sized = _ROOT_SIZE.sub(rf'\1width="{w}" height="{h}"', svg, count=1)
        boxes.append(f'<div id="c{i}" style="width:{w}px;height:{h}px">{sized}</div>')
    html = ('<!DOCTYPE html><html><head><meta charset="utf-8"><style>' + font_face_css(("Regular", "Bold"))
            + "html,body{margin:0;background:#fff} svg{display:block}</style></head><body>"
            + "".join(boxes) + "</body></html>")
    width = max(round(w / 2.54 * dpi) for _, w, _ in svgs)
    for attempt in (1, 2):
        try:  # the tab PDF printing uses (toolkit.export.pdf): one browser per worker
            with chromium_page() as tab:
                tab.set_viewport(width, 800)
                tab.set_content(html)
                tab.evaluate("() => document.fonts.ready.then(() => true)")
                boxes = tab.evaluate(_BOXES, len(svgs))
                return [tab.capture(box) for box in boxes]
        except Exception:
            if attempt == 2:  # a dead browser was closed by chromium_page and is started afresh once
                raise
    raise AssertionError("unreachable")


_BOXES = """n => Array.from({length: n}, (_, i) => {
  const r = document.getElementById("c" + i).getBoundingClientRect();
  return {x: r.left + window.scrollX, y: r.top + window.scrollY, width: r.width, height: r.height};
})"""


def rasterise_pictures(document: B.Document, dpi: int = 300) -> float:
    """Give every SVG picture of a document its PNG; returns the seconds it took."""
    todo = [p for p in document.pictures() if p.png is None and p.svg is not None]
    t0 = time.perf_counter()
    pngs = svgs_to_png([(p.svg, p.width_cm, p.height_cm) for p in todo], dpi)
    for pic, png in zip(todo, pngs):
        pic.png, pic.svg = png, None
    return time.perf_counter() - t0

