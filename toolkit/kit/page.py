"""Page geometry and body type as data (knowledge/page_style.yaml): one source for the PDF's @page CSS
and the Word export, per document type, overridable in params (``style.page``).

Sizes are given in TH Sarabun points, as official Thai documents state them (16 pt); the font actually
used is measured (its Thai consonant height against TH Sarabun New's) so Sarabun prints as large as
TH Sarabun at 16 pt does, and the line height is the least that keeps its stacked marks on the page.
"""
from __future__ import annotations

import base64
import math
from dataclasses import asdict, dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

import fontpkg_sarabun
import yaml
from fontTools.pens.boundsPen import BoundsPen
from fontTools.ttLib import TTFont

from .data import knowledge_yaml

DATA_FILE = "page_style.yaml"
SARABUN = "Sarabun"
SARABUN_FILE = Path(fontpkg_sarabun.ROOT) / "files" / "Sarabun-Regular.ttf"
PAPERS_CM: dict[str, tuple[float, float]] = {"A4": (21.0, 29.7), "A5": (14.8, 21.0), "Letter": (21.59, 27.94)}
POSITIONS = ("bottom-center", "bottom-right", "top-center", "top-right", "none")
KEYS = ("paper", "margins_cm", "landscape_margins_cm", "body_pt", "line_height", "font", "page_number",
        "max_pages", "max_pages_growth")
GROWTH_KEYS = ("after_rows", "rows_per_page")
SIDES = ("top", "left", "right", "bottom")
FALLBACK_FONTS = '"Sarabun", "Laksaman", "Noto Sans Thai", "Garuda", sans-serif'


class PageStyleError(ValueError):
    """A page style that cannot be used, said in Thai and English with the key and how to fix it."""

    def __init__(self, th: str, en: str):
        self.th, self.en = th, en
        super().__init__(f"{en} / {th}")


@dataclass(frozen=True)
class Margins:
    """Page margins in centimetres."""

    top: float
    left: float
    right: float
    bottom: float

    def css(self) -> str:
        """CSS order: top right bottom left."""
        return f"{_cm(self.top)} {_cm(self.right)} {_cm(self.bottom)} {_cm(self.left)}"


@dataclass(frozen=True)
class FontMetrics:
    """What the layout needs to know about a font file, measured from the file itself."""

    consonant_height_em: float  # top of ก above the baseline
    min_line_height: float  # least line-height (em) that keeps stacked marks inside the line box


@dataclass(frozen=True)
class PageStyle:
    """Paper, margins, body size and font of one document; `thai_digits` numbers its pages."""

    paper_cm: tuple[float, float] = PAPERS_CM["A4"]
    margins_cm: Margins = field(default_factory=lambda: Margins(2.5, 3.0, 2.0, 2.0))
    landscape_margins_cm: Margins = field(default_factory=lambda: Margins(2.0, 2.5, 2.0, 2.0))
    body_pt: float = 16.0
    line_height: float | None = None  # None: the font's minimum (see FontMetrics)
    font_family: str = SARABUN
    font_file: str | None = None
    page_number: str = "bottom-center"
    max_pages: int | None = None
    max_pages_growth: tuple[int, int] | None = None  # (after_rows, rows_per_page): see budget()
    thai_digits: bool = True

    # ------------------------------------------------------------------ derived sizes

    @property
    def font_path(self) -> Path:
        return Path(self.font_file) if self.font_file else SARABUN_FILE

    @property
    def metrics(self) -> FontMetrics:
        return font_metrics(str(self.font_path))

    @property
    def font_pt(self) -> float:
        """Body size in the font used, as large as `body_pt` in TH Sarabun (to the quarter point)."""
        scale = reference_height() / self.metrics.consonant_height_em
        return round(self.body_pt * scale * 4) / 4

    @property
    def leading(self) -> float:
        """Line height in em: the one asked for, never below what the font's stacked marks need."""
        least = self.metrics.min_line_height
        if self.line_height is None:
            return least
        if self.line_height + 1e-9 < least:
            raise PageStyleError(
                f"style.page.line_height {self.line_height} ต่ำกว่า {least} ที่สระและวรรณยุกต์ซ้อนของ "
                f"{self.font_family} ต้องใช้ (สระบนจะไปค้างท้ายหน้าก่อน) ให้ใช้ {least} ขึ้นไปหรือ auto",
                f"style.page.line_height {self.line_height} is below the {least} that stacked Thai marks of "
                f"{self.font_family} need (they would be painted at the foot of the page before); use {least} "
                "or more, or auto")
        return self.line_height

    def text_width_cm(self, landscape: bool = False) -> float:
        """Width between the margins: the widest a table or chart may be."""
        w, h = self.paper_cm
        m = self.landscape_margins_cm if landscape else self.margins_cm
        return (h if landscape else w) - m.left - m.right

    def text_height_cm(self, landscape: bool = False) -> float:
        w, h = self.paper_cm
        m = self.landscape_margins_cm if landscape else self.margins_cm
        return (w if landscape else h) - m.top - m.bottom

    # ------------------------------------------------------------------ CSS

    def css(self) -> str:
        """The variable part of the report stylesheet: @page boxes, body size, line height, font, numbering."""
        w, h = self.paper_cm
        counter = "counter(page, thai)" if self.thai_digits else "counter(page)"
        family = f'"{self.font_family}", {FALLBACK_FONTS}' if self.font_family != SARABUN else FALLBACK_FONTS
        number = ""
        if self.page_number != "none":
            number = (f"  @{self.page_number} {{ content: {counter}; font-family: {family}; "
                      f"font-size: {_pt(self.font_pt * 0.85)}; color: #4d4d4d; }}\n")
        lines = [
            ":root {",
            f"  --font: {family};",
            f"  --lh: {self.leading:g};",
            f"  --list-style: {'thai' if self.thai_digits else 'decimal'};",
            "}",
            f"@page {{\n  size: {_cm(w)} {_cm(h)};\n  margin: {self.margins_cm.css()};\n{number}}}",
            f"@page landscape {{ size: {_cm(h)} {_cm(w)}; margin: {self.landscape_margins_cm.css()}; }}",
            "@page cover { @top-center { content: none; } @top-right { content: none; } "
            "@bottom-center { content: none; } @bottom-right { content: none; } }",
            f"@media print {{ html {{ font-size: {_pt(self.font_pt)}; }} }}",
            # the screen column is the paper, where the screen is wide enough to show it
            "@media screen { @media (min-width: 22cm) {",
            f"  main.report {{ width: {_cm(w)}; padding: {self.margins_cm.css()}; }}",
            "} }",
        ]
        return "\n".join(lines) + "\n"

    def font_face_css(self) -> str:
        """@font-face for a font file the user named (embedded: the HTML stays self-contained), else ""."""
        if not self.font_file:
            return ""
        return _font_face(self.font_file, self.font_family)

    # ------------------------------------------------------------------ data

    def budget(self, rows: int | None) -> int | None:
        """max_pages for a document that lists `rows` organisations: a page more for every rows_per_page
        beyond after_rows, so a province of 200 is not held to the pages of one of 12 (page_style.yaml)."""
        if self.max_pages is None or self.max_pages_growth is None or rows is None:
            return self.max_pages
        after, per = self.max_pages_growth
        return self.max_pages + math.ceil(max(0, rows - after) / per)

    def to_dict(self) -> dict[str, Any]:
        """Plain data for notebook metadata (JSON)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "PageStyle":
        d = dict(data)
        d["paper_cm"] = tuple(d["paper_cm"])
        d["margins_cm"] = Margins(**d["margins_cm"])
        d["landscape_margins_cm"] = Margins(**d["landscape_margins_cm"])
        if d.get("max_pages_growth") is not None:
            d["max_pages_growth"] = tuple(d["max_pages_growth"])
        return cls(**d)


# --------------------------------------------------------------------------- fonts


def _cm(x: float) -> str:
    return f"{x:g}cm"


def _pt(x: float) -> str:
    return f"{round(x, 2):g}pt"


@lru_cache(maxsize=8)
def font_metrics(path: str) -> FontMetrics:
    """Consonant height and the least safe line height of a TrueType/OpenType file."""
    try:
        font = TTFont(path, lazy=True)
        upm = font["head"].unitsPerEm
        glyph = font.getBestCmap()[ord("ก")]
        glyphs = font.getGlyphSet()
    except (OSError, KeyError, TypeError) as exc:
        raise PageStyleError(
            f"อ่านไฟล์ฟอนต์ {path} ไม่ได้ หรือฟอนต์ไม่มีอักษรไทย ({exc}) ให้ระบุไฟล์ .ttf/.otf ของฟอนต์ไทย",
            f"cannot read the font file {path}, or it has no Thai ({exc}); name a Thai .ttf/.otf file") from exc
    pen = BoundsPen(glyphs)
    glyphs[glyph].draw(pen)
    height = pen.bounds[3] / upm
    hhea, os2 = font["hhea"], font["OS/2"]
    ascent, descent = hhea.ascent / upm, -hhea.descent / upm
    # the line box's top is ascent + half-leading above the baseline; it must reach the tallest
    # stack (winAscent covers it): L >= 2 * winAscent - ascent + descent, and never below ascent + descent
    least = max(2 * os2.usWinAscent / upm - ascent + descent, ascent + descent)
    return FontMetrics(round(height, 4), math.ceil(round(least, 4) * 20) / 20)


def reference_height() -> float:
    """TH Sarabun New's consonant height in em (the official 16 pt is in its points)."""
    return float(knowledge_yaml(DATA_FILE)["reference"]["consonant_height_em"])


@lru_cache(maxsize=4)
def _font_face(path: str, family: str) -> str:
    kind = "opentype" if path.lower().endswith(".otf") else "truetype"
    data = base64.b64encode(Path(path).read_bytes()).decode("ascii")
    mime = "font/otf" if kind == "opentype" else "font/ttf"
    return (f'@font-face {{ font-family: "{family}"; font-weight: 400; font-style: normal; '
            f'src: url("data:{mime};base64,{data}") format("{kind}"); }}\n')


# --------------------------------------------------------------------------- loading


def _merge(base: dict[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = {**out[key], **value}
        else:
            out[key] = value
    return out


def _named(name: str, where: str) -> dict[str, Any]:
    """A named style of the data file, or a YAML file of the same keys."""
    styles = knowledge_yaml(DATA_FILE).get("styles") or {}
    if name in styles:
        return dict(styles[name] or {})
    path = Path(name).expanduser()
    if path.suffix.lower() in (".yaml", ".yml") and path.is_file():
        data = yaml.safe_load(path.read_text("utf-8")) or {}
        if not isinstance(data, Mapping):
            raise PageStyleError(f"{path}: ต้องเป็นชุดคีย์และค่า", f"{path}: expected a mapping of page keys")
        return dict(data)
    raise PageStyleError(
        f"{where}: ไม่รู้จักรูปแบบหน้า {name!r} ให้ใช้ชื่อใน {', '.join(styles)} หรือพาธของไฟล์ .yaml ที่มีอยู่",
        f"{where}: unknown page style {name!r}; use one of {', '.join(styles)} or the path of an existing "
        ".yaml file")


def _number(data: Mapping[str, Any], key: str, where: str, low: float, high: float) -> float:
    value = data[key]
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
        raise PageStyleError(f"{where}.{key} ต้องเป็นตัวเลขระหว่าง {low} ถึง {high} (ได้ {value!r})",
                             f"{where}.{key} must be a number from {low} to {high}, not {value!r}")
    return float(value)


def _margins(data: Any, where: str) -> Margins:
    if not isinstance(data, Mapping) or set(data) - set(SIDES):
        raise PageStyleError(f"{where} ต้องมีคีย์ top, left, right, bottom (หน่วย ซม.) เท่านั้น",
                             f"{where} takes only top, left, right, bottom (cm)")
    return Margins(**{s: _number(data, s, where, 0, 10) for s in SIDES})


def _growth(data: Any, where: str) -> tuple[int, int] | None:
    if data is None:
        return None
    ok = isinstance(data, Mapping) and set(data) == set(GROWTH_KEYS) and all(
        isinstance(data[k], int) and not isinstance(data[k], bool) for k in GROWTH_KEYS)
    if not ok or data["after_rows"] < 0 or data["rows_per_page"] < 1:
        raise PageStyleError(f"{where} ต้องมี after_rows (จำนวนเต็ม 0 ขึ้นไป) และ rows_per_page (จำนวนเต็มบวก)",
                             f"{where} takes after_rows (a whole number, 0 or more) and rows_per_page "
                             "(a positive whole number)")
    return data["after_rows"], data["rows_per_page"]


def build(data: Mapping[str, Any], thai_digits: bool = True, where: str = "style.page") -> PageStyle:
    """A PageStyle from merged data; every wrong key or value is an error that names it."""
    unknown = sorted(set(data) - set(KEYS))
    if unknown:
        raise PageStyleError(f"{where}: ไม่รู้จักคีย์ {', '.join(unknown)} (ใช้ได้: {', '.join(KEYS)})",
                             f"{where}: unknown key(s) {', '.join(unknown)}; known: {', '.join(KEYS)}")
    paper = data["paper"]
    if isinstance(paper, str):
        if paper not in PAPERS_CM:
            raise PageStyleError(f"{where}.paper ต้องเป็น {', '.join(PAPERS_CM)} หรือ [กว้าง, สูง] ซม.",
                                 f"{where}.paper must be {', '.join(PAPERS_CM)} or [width, height] in cm")
        paper_cm = PAPERS_CM[paper]
    else:
        pair = dict(enumerate(paper)) if isinstance(paper, (list, tuple)) and len(paper) == 2 else {}
        if not pair:
            raise PageStyleError(f"{where}.paper ต้องเป็นชื่อกระดาษหรือ [กว้าง, สูง] ซม.",
                                 f"{where}.paper must be a paper name or [width, height] in cm")
        paper_cm = (_number(pair, 0, f"{where}.paper", 5, 100), _number(pair, 1, f"{where}.paper", 5, 100))
    font = data["font"] or {}
    if not isinstance(font, Mapping) or set(font) - {"family", "file"}:
        raise PageStyleError(f"{where}.font มีได้เฉพาะ family และ file", f"{where}.font takes family and file only")
    family = str(font.get("family") or SARABUN)
    file = font.get("file")
    if file:
        file = str(Path(str(file)).expanduser())
        if not Path(file).is_file():
            raise PageStyleError(f"{where}.font.file: ไม่พบไฟล์ {file}", f"{where}.font.file: no such file {file}")
    elif family != SARABUN:
        raise PageStyleError(
            f"{where}.font: ฟอนต์ {family} ต้องระบุ file (พาธของไฟล์ .ttf ที่มี) เพื่อฝังในรายงาน",
            f"{where}.font: {family} needs `file` (the path of a .ttf you have) so it can be embedded")
    line = data["line_height"]
    if line in (None, "auto"):
        line = None
    else:
        line = _number(data, "line_height", where, 1, 3)
    position = data["page_number"]
    if position not in POSITIONS:
        raise PageStyleError(f"{where}.page_number ต้องเป็น {', '.join(POSITIONS)}",
                             f"{where}.page_number must be one of {', '.join(POSITIONS)}")
    max_pages = data["max_pages"]
    if max_pages is not None and (isinstance(max_pages, bool) or not isinstance(max_pages, int) or max_pages < 1):
        raise PageStyleError(f"{where}.max_pages ต้องเป็นจำนวนเต็มบวก", f"{where}.max_pages must be a positive whole number")
    growth = _growth(data.get("max_pages_growth"), f"{where}.max_pages_growth")
    style = PageStyle(
        paper_cm=paper_cm,
        margins_cm=_margins(data["margins_cm"], f"{where}.margins_cm"),
        landscape_margins_cm=_margins(data["landscape_margins_cm"], f"{where}.landscape_margins_cm"),
        body_pt=_number(data, "body_pt", where, 8, 30),
        line_height=line,
        font_family=family,
        font_file=file or None,
        page_number=position,
        max_pages=max_pages,
        max_pages_growth=growth,
        thai_digits=bool(thai_digits),
    )
    style.leading  # noqa: B018 - refuses a line height below the font's minimum now, not at export
    return style


def load(document: str | None = None, override: Mapping[str, Any] | str | None = None,
         thai_digits: bool = True, where: str = "style.page") -> PageStyle:
    """The page style of a document type: data-file defaults, then the type's, then the override
    (a mapping of keys, or the name of a style / a YAML file)."""
    data = knowledge_yaml(DATA_FILE)
    merged = _merge(data["defaults"], (data.get("documents") or {}).get(document or "", {}) or {})
    if isinstance(override, str):
        merged = _merge(merged, _named(override, where))
    elif isinstance(override, Mapping):
        merged = _merge(merged, override)
    elif override is not None:
        raise PageStyleError(f"{where} ต้องเป็นชุดคีย์ของหน้า หรือชื่อรูปแบบ/ไฟล์ .yaml",
                             f"{where} must be a mapping of page keys, or a style name / .yaml path")
    return build(merged, thai_digits, where)


def for_params(params: Any, document: str | None = None, rows: int | None = None) -> PageStyle:
    """The page style of validated params: their type's, with `style.page` applied; `rows`, the
    organisations a document lists, sets its page budget (PageStyle.budget)."""
    style = getattr(params, "style", None)
    found = load(document or getattr(params, "document", None), getattr(style, "page", None),
                 bool(getattr(style, "thai_digits", True)))
    # the budget resolved once: what the notebook's metadata carries cannot grow a second time
    return found if rows is None else replace(found, max_pages=found.budget(rows), max_pages_growth=None)


def check(value: Any) -> Any:
    """Params validation of `style.page`: usable now, not an error at export time."""
    if value is not None:
        load(None, value)
    return value


def with_overrides(style: PageStyle, **changes: Any) -> PageStyle:
    """The same style with some fields changed (tests, the Word export's own font)."""
    return replace(style, **changes)
