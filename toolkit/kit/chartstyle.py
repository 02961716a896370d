"""Chart style shared by every document: Sarabun, colours, sizes for an A4 column, and helpers.

Charts are built with the object-oriented API only (``Figure`` + the Agg canvas, never pyplot), with
every font and style given per figure inside :func:`style` (an rc_context from matplotlib's defaults),
so a kernel that renders hundreds of organisations leaks no open figures and no rcParams from one to
the next. Thai text is set in Sarabun (the OFL TH Sarabun New design), shaped by matplotlib >= 3.11.
Document types draw their own charts with these helpers (tests in tests/kit/test_chartstyle.py).
"""
from __future__ import annotations

import io
import math
import re
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import fontpkg_sarabun
import matplotlib
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.text import Text
from matplotlib.ticker import FixedLocator, FuncFormatter
from matplotlib.transforms import ScaledTranslation, blended_transform_factory

from . import thai
from .chartlabels import overlaps, settle_labels  # noqa: F401 - overlaps: the check tests run on every chart


FAMILY = "Sarabun"
_FACES = ("Regular", "Bold", "Italic", "BoldItalic")
_FALLBACK = "DejaVu Sans"  # matplotlib's own font: any glyph Sarabun lacks still prints, never as tofu

# Okabe-Ito-like pair: hue differs for colour-blind readers, lightness in greyscale (35 % vs 62 %),
# and weak bars carry a dark outline and bold values. No hatching: Chromium prints an SVG hatch
# pattern slowly (0.15 s of a 0.67 s report, measured), and the lightness already tells them apart.
STRENGTH_COLOUR = "#17696b"  # dark teal, grey ~35 %
WEAKNESS_COLOUR = "#e69f00"  # orange, grey ~62 %
WEAKNESS_EDGE = "#7a4a00"
WEAKNESS_HATCH = None
PASS_COLOUR = "#9e1b32"
BAND_COLOUR = "#eeeeee"
TEXT_COLOUR = "#222222"
MUTED_COLOUR = "#555555"
HISTORY_COLOUR = "#1d4e89"

WIDTH_CM = 16.0  # an A4 page column: 21 cm less 3 cm + 2 cm margins
DPI = 150
FONT_SIZE = 10.0
TITLE_SIZE = 12.0
X_MAX = 118  # room right of 100 for a value label; ticks stop at 100
ZOOM_ABOVE = 90  # every bar at or above this: on 0–100 they would look alike, so the axis starts at ZOOM_FROM
ZOOM_FROM = 80  # below the pass line (85), which stays in view
VALUE_GAP_PT = 3.5  # between a bar's end and its value
LABEL_WIDTH = 24  # display columns of an indicator / tool label line (all ten names fit on one)
TITLE_WIDTH = 60  # display columns of a title line at 12 pt bold on 16 cm
ITEM_WIDTH = 36  # display columns of an item label line
ITEM_LINES = 3

CM = 1 / 2.54
LINE_IN = FONT_SIZE * 1.25 / 72  # height of one label line
BAR_PAD_IN = 0.16  # space between wrapped labels of neighbouring bars
_lock = threading.Lock()
HALO = {"boxstyle": "round,pad=0.15", "facecolor": "#ffffff", "edgecolor": "none", "alpha": 0.9}


# --------------------------------------------------------------------------- fonts and style


@lru_cache(maxsize=1)
def use_sarabun() -> str:
    """Charts must print in the official Thai typeface; registers Sarabun once per process."""
    folder = Path(fontpkg_sarabun.ROOT) / "files"
    with _lock:
        known = {Path(f.fname).resolve() for f in font_manager.fontManager.ttflist}
        name = None
        for face in _FACES:
            path = (folder / f"Sarabun-{face}.ttf").resolve()
            if not path.exists():
                if face in ("Regular", "Bold"):
                    raise FileNotFoundError(f"fontpkg-sarabun is missing {path.name}")
                continue
            if path not in known:  # idempotent even if someone else registered it first
                font_manager.fontManager.addfont(str(path))
            if face == "Regular":
                name = font_manager.FontProperties(fname=str(path)).get_name()
    return name or FAMILY


def rc(family: str) -> dict:
    """Everything a chart takes from rcParams, applied only while it is built or rendered."""
    return {
        "font.family": [family, _FALLBACK],
        "font.size": FONT_SIZE,
        "axes.titlesize": TITLE_SIZE,
        "axes.labelsize": FONT_SIZE,
        "xtick.labelsize": FONT_SIZE,
        "ytick.labelsize": FONT_SIZE,
        "legend.fontsize": FONT_SIZE,
        "figure.titlesize": TITLE_SIZE,
        "text.color": TEXT_COLOUR,
        "axes.labelcolor": TEXT_COLOUR,
        "xtick.color": TEXT_COLOUR,
        "ytick.color": TEXT_COLOUR,
        "axes.edgecolor": MUTED_COLOUR,
        "axes.linewidth": 0.8,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.unicode_minus": False,  # a plain hyphen, as Thai documents print it
        "hatch.linewidth": 0.9,
        "text.parse_math": False,  # "$" or "%" in an organisation's text stays text
        "figure.dpi": DPI,
        "figure.autolayout": False,
        "figure.constrained_layout.use": False,
        "savefig.dpi": DPI,
        "pdf.fonttype": 42,
        "svg.fonttype": "path",
    }


@contextmanager
def style(family: str) -> Iterator[None]:
    """rcParams as the charts want them, from matplotlib's defaults up, restored on exit and on error.

    Starting from the defaults means whatever a notebook did to rcParams cannot reach a chart.
    """
    with matplotlib.rc_context():
        matplotlib.rcdefaults()  # leaves backend and interactive alone
        matplotlib.rcParams.update(rc(family))
        yield


def new_figure(height_in: float) -> Figure:
    """A figure with its own Agg canvas: nothing registered with pyplot, nothing to close."""
    fig = Figure(figsize=(WIDTH_CM * CM, height_in), dpi=DPI, layout="constrained")
    FigureCanvasAgg(fig)
    fig.get_layout_engine().set(h_pad=4 / 72, w_pad=8 / 72, hspace=0, wspace=0)
    return fig


def finish(fig: Figure, family: str) -> Figure:
    """Fonts pinned on every text, then the layout computed once and frozen.

    Ticks made later, at draw time and outside our rc_context, still get Sarabun. Constrained layout
    would otherwise run twice on every savefig (a measuring pass, then the real draw): freezing it
    makes each render a single draw. The figure keeps its size and positions from here on.
    """
    families = [family, _FALLBACK]
    for ax in fig.axes:
        ax.tick_params(labelfontfamily=families)
    for text in fig.findobj(Text):
        text.set_fontfamily(families)
    fig.get_layout_engine().execute(fig)  # measures with the canvas's renderer, which to_png reuses
    fig.set_layout_engine(None)  # not "none": a placeholder engine still costs savefig a measuring pass
    settle_labels(fig)
    # everything is drawn inside its axes limits already: clipping only adds a clip path per artist
    # to the SVG, which Chromium then prints slowly (0.12 s of a report, measured)
    for ax in fig.axes:
        for artist in (*ax.patches, *ax.lines, *ax.texts, *ax.collections,
                       *ax.get_xgridlines(), *ax.get_ygridlines()):
            artist.set_clip_on(False)
    return fig


# --------------------------------------------------------------------------- text helpers


def digits(text: str, thai_digits: bool) -> str:
    """Digits in the document's style; item codes stay as written."""
    return thai.style_digits(text, thai_digits)


def score_text(value: float, thai_digits: bool) -> str:
    """Scores always print with two decimals, as in the NACC's own tables."""
    return thai.number(value, 2, thai_digits)


def plain(value: float, thai_digits: bool) -> str:
    """85 rather than 85.00 for round numbers (pass line, ticks)."""
    decimals = 0 if float(value).is_integer() else 2
    return thai.number(value, decimals, thai_digits)


def tick_formatter(thai_digits: bool, decimals: int = 0) -> FuncFormatter:
    return FuncFormatter(lambda x, _pos: thai.number(x, decimals, thai_digits))


def year_formatter(thai_digits: bool) -> FuncFormatter:
    return FuncFormatter(lambda x, _pos: digits(str(int(round(x))), thai_digits))


def code_key(code: str) -> tuple[int, int]:
    """i, e, o in the NACC's order, numbers as numbers (o5 before o12)."""
    head, tail = code[:1], code[1:]
    return ("ieo".find(head) % 4, int(tail) if tail.isdigit() else 0)


def item_code(code: str, thai_digits: bool) -> str:
    """Item codes stay Latin (i10, o13) in both styles, as in the narrative and tables:
    in Thai digits "o๑๓" reads as "๐๑๓", the ambiguity the seed documents print."""
    return code


@lru_cache(maxsize=4096)
def wrap_lines(text: str, width: int, max_lines: int = 0) -> tuple[str, ...]:
    """Lines cut at Thai word boundaries, evened out so no line is a lone orphan word."""
    lines = thai.wrap(text, width)
    if len(lines) > 1:  # same number of lines, least ragged; ties go to the wider (greedy) cut
        def ragged(ls: list[str]) -> int:
            widths = [thai.display_width(line) for line in ls]
            return max(widths) - min(widths)

        total = thai.display_width(text)
        best = lines
        for narrower in range(width - 1, max(0, -(-total // len(lines))) - 1, -1):
            trial = thai.wrap(text, narrower)
            if len(trial) == len(lines) and ragged(trial) < ragged(best):
                best = trial
        lines = best
    if max_lines and len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and thai.display_width(last) + 1 > width:
            last = last[:-1]
        lines[-1] = last.rstrip() + "…"
    return tuple(lines)


def label(text: str, width: int, max_lines: int = 0) -> str:
    return "\n".join(wrap_lines(text, width, max_lines))


def bar_height_in(labels: Sequence[str]) -> float:
    """Vertical space for a column of (wrapped) bar labels."""
    return sum(max(1, label.count("\n") + 1) * LINE_IN + BAR_PAD_IN for label in labels)


def bar_rows(labels: Sequence[str]) -> list[tuple[float, float]]:
    """(centre, half height) of each bar's row in data units where a one-line row is 1 (centres 0, 1, 2 …
    for one-line labels): a label of three lines gets the room of three, so labels never overlap."""
    unit = LINE_IN + BAR_PAD_IN
    rows, top = [], -0.5
    for label in labels:
        h = (max(1, label.count("\n") + 1) * LINE_IN + BAR_PAD_IN) / unit
        rows.append((top + h / 2, h / 2))
        top += h
    return rows


# --------------------------------------------------------------------------- drawing helpers


def zoomed(scores: Sequence[float]) -> bool:
    """All bars between ZOOM_ABOVE and 100: drawn from 0 they would all look the same length."""
    return bool(scores) and min(scores) >= ZOOM_ABOVE


def hbars(ax, labels: Sequence[str], scores: Sequence[float], weak: Sequence[bool], thai_digits: bool,
           gid: str, bold_last: bool = False, backgrounds: Sequence[str] | None = None) -> list[tuple[float, float]]:
    """Horizontal bars from 0 (from ZOOM_FROM when every score is ZOOM_ABOVE or more, said on the axis
    and marked with a break), top to bottom, each with its value at its end; returns bar_rows(labels)."""
    backgrounds = backgrounds or ["#ffffff"] * len(scores)
    rows = bar_rows(labels)
    y = [c for c, _ in rows]
    low = ZOOM_FROM if zoomed(scores) else 0
    bars = ax.barh(y, [s - low for s in scores], left=low, height=0.62, zorder=2)
    gap = ScaledTranslation(VALUE_GAP_PT / 72, 0, ax.figure.dpi_scale_trans)
    for i, (bar, score, is_weak) in enumerate(zip(bars, scores, weak)):
        bar.set_gid(f"{gid}-{i}")
        if is_weak:
            bar.set_facecolor(WEAKNESS_COLOUR)
            bar.set_edgecolor(WEAKNESS_EDGE)
            bar.set_hatch(WEAKNESS_HATCH)
            bar.set_linewidth(0.8)
        else:
            bar.set_facecolor(STRENGTH_COLOUR)
            bar.set_edgecolor(STRENGTH_COLOUR)
            bar.set_linewidth(0.8)
        ax.text(score, y[i], score_text(score, thai_digits), va="center", ha="left", transform=ax.transData + gap,
                color=WEAKNESS_EDGE if is_weak else TEXT_COLOUR,
                fontweight="bold" if is_weak or (bold_last and i == len(scores) - 1) else "normal",
                zorder=5, gid=f"value-{gid}-{i}",  # over the pass line, which it hides where they meet
                bbox={"boxstyle": "square,pad=0.12", "facecolor": backgrounds[i], "edgecolor": "none"})
    ax.set_yticks(y, labels)
    ax.tick_params(axis="y", length=0, pad=6)
    ax.set_ylim(rows[-1][0] + rows[-1][1], -0.5)  # first bar on top
    if low:  # a zoomed axis says so, and breaks its baseline, so no one reads the bars as ratios
        ax.set_xlim(low, 100 + (100 - low) * (X_MAX - 100) / 100)
        ax.xaxis.set_major_locator(FixedLocator(range(low, 101, 5)))
        ax.set_xlabel(f"คะแนน (แกนเริ่มที่ {plain(low, thai_digits)} เพื่อให้เห็นความต่าง)")
        mark = {"transform": ax.transAxes, "color": MUTED_COLOUR, "linewidth": 0.9, "clip_on": False, "zorder": 6}
        for dx in (-0.008, 0.004):
            ax.plot([dx, dx + 0.008], [-0.025, 0.025], gid="axis-break", **mark)
    else:
        ax.set_xlim(0, X_MAX)  # bars start at 0: no exaggerated differences
        ax.xaxis.set_major_locator(FixedLocator(range(0, 101, 20)))
        ax.set_xlabel("คะแนน")
    ax.xaxis.set_major_formatter(tick_formatter(thai_digits))
    ax.grid(axis="x", color="#d9d9d9", linewidth=0.6, zorder=0)
    ax.set_axisbelow(True)
    ax.spines["left"].set_visible(False)
    return rows


def pass_line(ax, pass_line: float, thai_digits: bool, vertical: bool = True) -> None:
    """The dashed pass line (85) with its label outside the plot, where no bar can hide it."""
    text = f"เกณฑ์ผ่าน {plain(pass_line, thai_digits)}"
    if vertical:
        ax.axvline(pass_line, color=PASS_COLOUR, linestyle="--", linewidth=1.3, zorder=4, gid="pass-line")
        ax.text(pass_line, 1.01, text, transform=blended_transform_factory(ax.transData, ax.transAxes),
                ha="center", va="bottom", color=PASS_COLOUR, gid="pass-label")
    else:
        ax.axhline(pass_line, color=PASS_COLOUR, linestyle="--", linewidth=1.3, zorder=1, gid="pass-line")
        ax.text(1.01, pass_line, text, transform=blended_transform_factory(ax.transAxes, ax.transData),
                ha="left", va="center", color=PASS_COLOUR, gid="pass-label")


def legend(fig: Figure, pass_line: float, thai_digits: bool, good: str, bad: str,
           weak: Sequence[bool] | None = None) -> None:
    """Colour and hatch are explained in words (the chart must read in greyscale too), for the kinds of
    bar the chart draws only (`weak`: one flag per bar; None: both kinds)."""
    line = plain(pass_line, thai_digits)
    handles = []
    if weak is None or not all(weak):
        handles.append(Patch(facecolor=STRENGTH_COLOUR, edgecolor=STRENGTH_COLOUR, label=f"{good} (≥ {line})"))
    if weak is None or any(weak):
        handles.append(Patch(facecolor=WEAKNESS_COLOUR, edgecolor=WEAKNESS_EDGE, hatch=WEAKNESS_HATCH,
                             label=f"{bad} (< {line})"))
    handles.append(Line2D([], [], color=PASS_COLOUR, linestyle="--", linewidth=1.3, label=f"เกณฑ์ผ่าน {line} คะแนน"))
    fig.legend(handles=handles, loc="outside lower center", ncols=len(handles), frameon=False,
               handlelength=2.2, handleheight=1.0, columnspacing=2.0)


def says_nothing(values: Sequence[float]) -> bool:
    """One series of equal values (or none): a chart of it would only repeat one number."""
    return len(set(round(float(v), 6) for v in values)) <= 1


def title_text(subject: str, organisation: str = "") -> str:
    """Subject and year on the first line, the organisation on the next: a PNG must say whose it is."""
    lines = [*wrap_lines(subject, TITLE_WIDTH)]
    if organisation:
        lines.extend(wrap_lines(organisation, TITLE_WIDTH))
    return "\n".join(lines)


def chrome_in(title: str, extra: float = 0.0) -> float:
    """Height of all but the plot: title lines, pass-line label, x ticks and label, legend, paddings."""
    return (title.count("\n") + 1) * TITLE_SIZE * 1.3 / 72 + 1.3 + extra


def title(fig: Figure, title: str) -> None:
    fig.suptitle(title, x=0.01, ha="left", fontsize=TITLE_SIZE, fontweight="bold", linespacing=1.3)


def year_text(year: int, thai_digits: bool) -> str:
    return f"ปีงบประมาณ พ.ศ. {digits(str(year), thai_digits)}"


# --------------------------------------------------------------------------- output


def to_png(fig: Figure, dpi: int = DPI) -> bytes:
    """PNG bytes for HTML/PDF embedding, rendered with the charts' style and no timestamp."""
    if not isinstance(fig.canvas, FigureCanvasAgg):
        FigureCanvasAgg(fig)
    buf = io.BytesIO()
    family = use_sarabun()
    with style(family):
        # zlib level 3: as small as the default 6 for flat-colour charts here, at ~60 % of the time
        fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": None}, pil_kwargs={"compress_level": 3})
    return buf.getvalue()


_SVG_PROLOGUE = re.compile(r"^.*?(?=<svg\b)", re.S)
READABLE_PX = 10  # the smallest chart text on a phone screen, in CSS px


def svg_min_width_px(svg: str, readable_px: float = READABLE_PX) -> int:
    """The width (CSS px) an inline SVG chart must keep so its smallest text is `readable_px` high: on a
    phone the chart scrolls sideways in its own box rather than shrink its text below that."""
    box = re.search(r'viewBox="[\d.]+ [\d.]+ ([\d.]+) ', svg)
    if box is None:
        return 0
    sizes = [float(x) for x in re.findall(r"font-size: ?([\d.]+)px", svg)]
    return math.ceil(float(box.group(1)) * readable_px / (min(sizes) if sizes else FONT_SIZE))


def to_svg(fig: Figure) -> str:
    """Inline SVG with text kept as text: the browser shapes the Thai with the page's own Sarabun,
    the PDF's text stays selectable, and nothing is rasterised (the slow half of a PNG chart)."""
    buf = io.StringIO()
    family = use_sarabun()
    with style(family), matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "ita-report"}):
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    svg = _SVG_PROLOGUE.sub("", buf.getvalue(), count=1)
    # matplotlib's inline <style> is a bare "*" rule: scope it to this chart, not the whole page
    return svg.replace("*{stroke-linejoin", "svg *{stroke-linejoin", 1)
