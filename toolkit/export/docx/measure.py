"""Sizes the HTML states or implies: stylesheet column widths, SVG and PNG dimensions."""

from __future__ import annotations

import re
import struct
from functools import lru_cache
from typing import Any

from fontTools.ttLib import TTFont

from ..fonts import sarabun_path
from ..html import TEMPLATES_DIR
from . import blocks as B

_PT_CM = 2.54 / 72


def classes(el: Any) -> set[str]:
    """An element's class list."""
    return set((el.get("class") or "").split())


_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_NTH = re.compile(r"^table\.([\w-]+)\s+(?:th|td):nth-child\((\d+)\)$")
_COL = re.compile(r"^(?:table\.([\w-]+)\s+)?col\.([\w-]+)$")


def css_width_rules(css: str) -> dict[tuple, float]:
    """Column widths the stylesheet gives: {("nth", table class, index): %, ("col", table class|None, col class): %}."""
    rules: dict[tuple, float] = {}
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    for selectors, body in _RULE.findall(css):
        m = re.search(r"(?:^|;)\s*width:\s*([\d.]+)%", body)
        if not m:
            continue
        for sel in selectors.split(","):
            sel = " ".join(sel.split())
            if n := _NTH.match(sel):
                rules[("nth", n.group(1), int(n.group(2)) - 1)] = float(m.group(1))
            elif c := _COL.match(sel):
                rules[("col", c.group(1), c.group(2))] = float(m.group(1))
    return rules


def _report_css() -> str:
    try:
        with open(f"{TEMPLATES_DIR}/ita/report.css", encoding="utf-8") as fh:
            return fh.read()
    except OSError:  # pragma: no cover - the stylesheet ships with the package
        return ""


REPORT_CSS_WIDTHS = css_width_rules(_report_css())


_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\n")


@lru_cache(maxsize=2)
def _advances(bold: bool) -> dict[int, float]:
    font = TTFont(sarabun_path("Bold" if bold else "Regular"), lazy=True)
    metrics, upm = font["hmtx"].metrics, font["head"].unitsPerEm
    return {cp: metrics[glyph][0] / upm for cp, glyph in font.getBestCmap().items()}


def text_em(text: str, bold: bool = False) -> float:
    """Advance width of a line in em, from Sarabun's metrics. Per em they equal Laksaman's (LibreOffice's
    stand-in for TH SarabunPSK) within 2% (ลำดับ 2.30/2.28 em, ผู้รับผิดชอบ 4.80/4.65); TH SarabunPSK
    itself draws smaller (report.css: 12 pt Sarabun reads like 16 pt TH Sarabun New), so widths made
    from these fit LibreOffice and are generous in Word. Thai marks advance 0; a character Sarabun
    lacks counts 0.6 em."""
    adv = _advances(bold)
    return sum(adv.get(ord(ch), 0.0 if ch in _ZERO_WIDTH else 0.6) for ch in text)


def svg_size_cm(svg: str) -> tuple[float, float]:
    """An SVG's width and height (matplotlib writes them in pt) in centimetres; 16 × 10 cm if absent."""
    def dim(name: str, default: float) -> float:
        m = re.search(rf'\b{name}="([\d.]+)(pt|px|cm|mm|in)?"', svg[:2000])
        if not m:
            return default
        value, unit = float(m.group(1)), m.group(2) or "px"
        return value * {"pt": _PT_CM, "px": 2.54 / 96, "cm": 1, "mm": 0.1, "in": 2.54}[unit]
    return dim("width", 16.0), dim("height", 10.0)


def png_size_cm(png: bytes, default_dpi: float = 150) -> tuple[float, float]:
    """A PNG's size from its header and pHYs resolution (matplotlib's 150 dpi when it has none)."""
    if png[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG image")
    w, h = struct.unpack(">II", png[16:24])
    dpi = default_dpi
    i = png.find(b"pHYs")
    if 0 < i < 200:
        ppu_x, _, unit = struct.unpack(">IIB", png[i + 4:i + 13])
        if unit == 1 and ppu_x:
            dpi = ppu_x * 0.0254
    return w / dpi * 2.54, h / dpi * 2.54


#: Shown only in an abridged print, in place of what Word keeps in full (report.css "abridged print").
PRINT_ONLY = "abridged-only"


def col_widths(el: Any, table: B.Table, tcls: set[str], rules: dict[tuple, float]) -> list[float | None] | None:
    """Column widths in % (None: automatic) from <col>, header cells' inline styles and the stylesheet."""
    n = table.n_cols
    found: list[float | None] = [None] * n
    cols = [c for c in el.iter("col")]
    if cols:
        i = 0
        for c in cols:
            ccls = classes(c)
            pct = percent(c.get("style"))
            if pct is None:
                pct = next((rules[k] for t in [*sorted(tcls), None] for cc in sorted(ccls)
                            if (k := ("col", t, cc)) in rules), None)
            for _ in range(int_attr(c.get("span"))):
                if i < n:
                    found[i] = pct
                i += 1
    else:
        trs = list(el.iter("tr"))
        cells = [td for td in trs[0] if isinstance(td.tag, str) and PRINT_ONLY not in classes(td)] if trs else []
        if cells and all(int_attr(td.get("colspan")) == 1 for td in cells) and len(cells) == n:
            for i, td in enumerate(cells):
                found[i] = percent(td.get("style"))
        for i in range(n):
            if found[i] is None:
                found[i] = next((rules[k] for t in sorted(tcls) if (k := ("nth", t, i)) in rules), None)
    return found if any(v is not None for v in found) else None


def percent(style: str | None) -> float | None:
    m = re.search(r"width:\s*([\d.]+)%", style or "")
    return float(m.group(1)) if m else None


def font_em(style: str) -> float:
    m = re.search(r"font-size:\s*([\d.]+)em", style)
    return float(m.group(1)) if m else 1.0


def int_attr(value: str | None) -> int:
    try:
        return max(int(value or 1), 1)
    except ValueError:
        return 1
