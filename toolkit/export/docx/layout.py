"""Type sizes and colours of the Word export, as data (layout.yaml); page geometry and body size come
from the same page style as the PDF (toolkit/kit/page.py), so both print on the same page box."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

import yaml

from ...kit import page
from ...kit.page import Margins

DEFAULT_FILE = Path(__file__).resolve().parent / "layout.yaml"
#: Sizes of layout.yaml are for this body size (TH Sarabun points); another page style scales them all.
BASE_BODY_PT = 16.0
#: Word fonts in TH Sarabun's own proportions: the page style's body_pt applies to them unscaled.
TH_SARABUN_FONTS = ("TH SarabunPSK", "TH Sarabun New", "TH SarabunIT๙", "TH Sarabun PSK")


@dataclass(frozen=True)
class Layout:
    """Everything the writer needs to know about pages and type; defaults are in layout.yaml."""

    font: str = "TH SarabunPSK"
    body_pt: float = 16
    title_pt: float = 24
    heading_pt: tuple[float, ...] = (20, 18, 16)
    table_pt: float = 14
    dense_table_pt: float = 12
    caption_pt: float = 14
    small_pt: float = 13
    paper_cm: tuple[float, float] = (21.0, 29.7)
    margins_cm: Margins = field(default_factory=lambda: Margins(2.5, 3.0, 2.0, 2.0))
    landscape_margins_cm: Margins = field(default_factory=lambda: Margins(2.0, 2.5, 2.0, 2.0))
    header_cm: float = 1.25
    footer_cm: float = 1.0
    page_number: str = "footer"
    accent: str = "1F3A5F"
    weakness: str = "A3221C"
    strength: str = "17613A"
    muted: str = "4D4D4D"
    head_fill: str = "E3E6EA"
    group_fill: str = "F6F7F8"
    note_fill: str = "F3F4F6"
    flag_fill: str = "FFF5DE"

    def text_width_cm(self, landscape: bool = False) -> float:
        """Width between the margins: the widest a table or picture may be."""
        width, height = self.paper_cm
        m = self.landscape_margins_cm if landscape else self.margins_cm
        return (height if landscape else width) - m.left - m.right

    def with_font(self, font: str | None) -> "Layout":
        """The same layout in another font; Google's Sarabun draws larger per em, so its sizes shrink
        by the measured ratio (kit/page.py) to read as large as TH Sarabun's."""
        if not font or font == self.font:
            return self
        return _scaled(replace(self, font=font), _font_scale(font) / _font_scale(self.font))

    def with_page(self, style: page.PageStyle) -> "Layout":
        """Paper, margins and body size of a page style (the PDF's), every other size kept in proportion."""
        scale = style.body_pt * _font_scale(self.font) / self.body_pt
        moved = replace(self, paper_cm=style.paper_cm, margins_cm=style.margins_cm,
                        landscape_margins_cm=style.landscape_margins_cm)
        return _scaled(moved, scale)


_SIZES = ("body_pt", "title_pt", "table_pt", "dense_table_pt", "caption_pt", "small_pt")


def _font_scale(font: str) -> float:
    """Points of `font` that match one TH Sarabun point (measured for Sarabun, 1 for TH Sarabun faces)."""
    if font == page.SARABUN:
        return page.reference_height() / page.font_metrics(str(page.SARABUN_FILE)).consonant_height_em
    return 1.0


def _scaled(layout: Layout, scale: float) -> Layout:
    if abs(scale - 1) < 1e-6:
        return layout
    sizes = {k: round(getattr(layout, k) * scale * 2) / 2 for k in _SIZES}
    return replace(layout, heading_pt=tuple(round(h * scale * 2) / 2 for h in layout.heading_pt), **sizes)


def layout_from_mapping(data: Mapping[str, Any], source: str = "<layout>") -> Layout:
    """A Layout from parsed YAML/JSON; unknown keys and wrong shapes are errors that name the key."""
    if not isinstance(data, Mapping):
        raise ValueError(f"{source}: expected a mapping of layout keys / ต้องเป็นชุดคีย์และค่า")
    known = {f.name for f in fields(Layout)}
    unknown = sorted(set(data) - known)
    if unknown:
        raise ValueError(
            f"{source}: unknown layout key(s) {', '.join(unknown)}; known: {', '.join(sorted(known))} "
            f"/ ไม่รู้จักคีย์ {', '.join(unknown)} ในไฟล์รูปแบบหน้า"
        )
    values: dict[str, Any] = {}
    for key, value in data.items():
        try:
            if key in ("margins_cm", "landscape_margins_cm"):
                values[key] = Margins(**{k: float(v) for k, v in value.items()})
            elif key in ("heading_pt", "paper_cm"):
                values[key] = tuple(float(v) for v in value)
            elif key in ("font", "page_number", "accent", "weakness", "strength", "muted",
                         "head_fill", "group_fill", "note_fill", "flag_fill"):
                values[key] = str(value)
            else:
                values[key] = float(value)
        except (TypeError, ValueError, AttributeError) as exc:
            raise ValueError(
                f"{source}: layout key {key!r} has a value of the wrong shape ({value!r}): {exc} "
                f"/ ค่าของ {key} ไม่ถูกต้อง"
            ) from exc
    if values.get("page_number", "footer") not in ("footer", "header"):
        raise ValueError(f"{source}: page_number must be 'footer' or 'header' / page_number ต้องเป็น footer หรือ header")
    return Layout(**values)


@lru_cache(maxsize=8)
def load_layout(path: str | Path = DEFAULT_FILE, document: str | None = None) -> Layout:
    """The layout in a YAML file on the page of `document`'s page style (cached per process).

    A layout file that states paper, margins or body size itself keeps them (a Word-only style file).
    """
    path = Path(path)
    with path.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    base = layout_from_mapping({k: v for k, v in data.items() if k not in _GEOMETRY}, str(path))
    paged = base.with_page(page.load(document))
    own = layout_from_mapping(data, str(path)) if set(data) & set(_GEOMETRY) else None
    if own is None:
        return paged
    return replace(paged, **{k: getattr(own, k) for k in _GEOMETRY if k in data})


_GEOMETRY = ("paper_cm", "margins_cm", "landscape_margins_cm", "body_pt")
