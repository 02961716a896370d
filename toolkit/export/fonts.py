"""Sarabun font files and embeddable @font-face CSS, so reports render the same offline everywhere."""

from __future__ import annotations

import base64
import io
from functools import lru_cache
from pathlib import Path

import fontpkg_sarabun

FAMILY = "Sarabun"
FONT_DIR: Path = fontpkg_sarabun.ROOT / "files"

#: Faces embedded in reports by default; other weights are synthesised by the renderer.
DEFAULT_STYLES: tuple[str, ...] = ("Regular", "Bold", "Italic", "BoldItalic")

#: Font formats ``font_face_css`` can embed: (CSS format() name, MIME type).
FORMATS: dict[str, tuple[str, str]] = {
    "woff": ("woff", "font/woff"),
    "woff2": ("woff2", "font/woff2"),
    "truetype": ("truetype", "font/ttf"),
}

_WEIGHTS = {
    "Thin": 100,
    "ExtraLight": 200,
    "Light": 300,
    "Regular": 400,
    "Medium": 500,
    "SemiBold": 600,
    "Bold": 700,
    "ExtraBold": 800,
}


def sarabun_path(style: str = "Regular") -> Path:
    """Path of one Sarabun TTF, for code that registers the font itself (matplotlib, WeasyPrint)."""
    path = FONT_DIR / f"Sarabun-{style}.ttf"
    if not path.is_file():
        known = sorted(p.stem.removeprefix("Sarabun-") for p in FONT_DIR.glob("Sarabun-*.ttf"))
        raise ValueError(f"no Sarabun style {style!r}; known styles: {', '.join(known)}")
    return path


def style_descriptors(style: str) -> tuple[int, str]:
    """CSS (font-weight, font-style) of a Sarabun style name such as ``"BoldItalic"``."""
    italic = style.endswith("Italic")
    weight_name = style.removesuffix("Italic") or "Regular"
    if weight_name not in _WEIGHTS:
        raise ValueError(f"unknown Sarabun style {style!r}")
    return _WEIGHTS[weight_name], "italic" if italic else "normal"


@lru_cache(maxsize=None)
def font_bytes(style: str = "Regular", fmt: str = "woff") -> bytes:
    """One face in a web font format; WOFF halves the TTF and needs only fontTools (a WeasyPrint dependency)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown font format {fmt!r}; use one of {', '.join(FORMATS)}")
    path = sarabun_path(style)
    if fmt == "truetype":
        return path.read_bytes()
    from fontTools.ttLib import TTFont  # imported lazily: only needed when compressing

    if fmt == "woff2":
        try:
            import brotli  # noqa: F401  (fontTools needs it for WOFF2)
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise ImportError("WOFF2 needs the 'brotli' package; use fmt='woff'") from exc
    # recalcTimestamp=False: fontTools would stamp head.modified with the current time, and two
    # renders of the same report would then differ in their embedded font bytes
    font = TTFont(path, recalcTimestamp=False)
    font.flavor = fmt
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def font_face_css(styles: tuple[str, ...] | list[str] = DEFAULT_STYLES, fmt: str = "woff") -> str:
    """@font-face rules with Sarabun embedded as data: URLs, so HTML and PDF need no font install or network."""
    return _font_face_css(tuple(styles), fmt)


@lru_cache(maxsize=None)
def _font_face_css(styles: tuple[str, ...], fmt: str) -> str:
    """Cached body of ``font_face_css`` (base64 of four faces is ~240 kB; build it once per process)."""
    css_format, mime = FORMATS.get(fmt, (None, None))
    if css_format is None:
        raise ValueError(f"unknown font format {fmt!r}; use one of {', '.join(FORMATS)}")
    rules = []
    for style in styles:
        weight, slant = style_descriptors(style)
        data = base64.b64encode(font_bytes(style, fmt)).decode("ascii")
        rules.append(
            "@font-face {\n"
            f'  font-family: "{FAMILY}";\n'
            f"  font-weight: {weight};\n"
            f"  font-style: {slant};\n"
            f'  src: url("data:{mime};base64,{data}") format("{css_format}");\n'
            "}"
        )
    return "\n".join(rules) + "\n"
