"""Charts of one organisation's ITA results, as matplotlib Figures sized for an A4 column.

Built with the object-oriented API only (``Figure`` + the Agg canvas, never pyplot), with every
font and style given per figure inside :func:`matplotlib.rc_context`, so a kernel that renders
hundreds of organisations leaks no open figures and no rcParams from one to the next.
Thai text is set in Sarabun (the OFL TH Sarabun New design), shaped by matplotlib >= 3.11.
"""
from __future__ import annotations

import io
import re
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import matplotlib
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.text import Text
from matplotlib.ticker import FixedLocator, FuncFormatter
from matplotlib.transforms import blended_transform_factory

from . import thai
from .scoring import Analysis, ItemScore

__all__ = [
    "FAMILY",
    "PASS_COLOUR",
    "STRENGTH_COLOUR",
    "WEAKNESS_COLOUR",
    "WEAKNESS_HATCH",
    "charts",
    "history_chart",
    "indicator_chart",
    "items_chart",
    "to_png",
    "tool_chart",
    "use_sarabun",
]

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
LABEL_WIDTH = 24  # display columns of an indicator / tool label line (all ten names fit on one)
TITLE_WIDTH = 60  # display columns of a title line at 12 pt bold on 16 cm
ITEM_WIDTH = 36  # display columns of an item label line
ITEM_LINES = 3

_CM = 1 / 2.54
_LINE_IN = FONT_SIZE * 1.25 / 72  # height of one label line
_BAR_PAD_IN = 0.16  # space between wrapped labels of neighbouring bars
_lock = threading.Lock()
_HALO = {"boxstyle": "round,pad=0.15", "facecolor": "#ffffff", "edgecolor": "none", "alpha": 0.9}


# --------------------------------------------------------------------------- fonts and style


@lru_cache(maxsize=1)
def use_sarabun() -> str:
    """Charts must print in the official Thai typeface; registers Sarabun once per process."""
    import fontpkg_sarabun

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


def _rc(family: str) -> dict:
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
def _style(family: str) -> Iterator[None]:
    """rcParams as the charts want them, from matplotlib's defaults up, restored on exit and on error.

    Starting from the defaults means whatever a notebook did to rcParams cannot reach a chart.
    """
    with matplotlib.rc_context():
        matplotlib.rcdefaults()  # leaves backend and interactive alone
        matplotlib.rcParams.update(_rc(family))
        yield


def _new_figure(height_in: float) -> Figure:
    """A figure with its own Agg canvas: nothing registered with pyplot, nothing to close."""
    fig = Figure(figsize=(WIDTH_CM * _CM, height_in), dpi=DPI, layout="constrained")
    FigureCanvasAgg(fig)
    fig.get_layout_engine().set(h_pad=4 / 72, w_pad=8 / 72, hspace=0, wspace=0)
    return fig


def _finish(fig: Figure, family: str) -> Figure:
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
    # everything is drawn inside its axes limits already: clipping only adds a clip path per artist
    # to the SVG, which Chromium then prints slowly (0.12 s of a report, measured)
    for ax in fig.axes:
        for artist in (*ax.patches, *ax.lines, *ax.texts, *ax.collections,
                       *ax.get_xgridlines(), *ax.get_ygridlines()):
            artist.set_clip_on(False)
    return fig


# --------------------------------------------------------------------------- text helpers


def _thai_digits(a: Analysis) -> bool:
    style = getattr(a.params, "style", None)
    return bool(getattr(style, "thai_digits", True))


def _digits(text: str, thai_digits: bool) -> str:
    return thai.to_thai_digits(text) if thai_digits else text


def _score(value: float, thai_digits: bool) -> str:
    """Scores always print with two decimals, as in the NACC's own tables."""
    return thai.number(value, 2, thai_digits)


def _plain(value: float, thai_digits: bool) -> str:
    """85 rather than 85.00 for round numbers (pass line, ticks)."""
    decimals = 0 if float(value).is_integer() else 2
    return thai.number(value, decimals, thai_digits)


def _tick_formatter(thai_digits: bool, decimals: int = 0) -> FuncFormatter:
    return FuncFormatter(lambda x, _pos: thai.number(x, decimals, thai_digits))


def _year_formatter(thai_digits: bool) -> FuncFormatter:
    return FuncFormatter(lambda x, _pos: _digits(str(int(round(x))), thai_digits))


def _code_key(code: str) -> tuple[int, int]:
    """i, e, o in the NACC's order, numbers as numbers (o5 before o12)."""
    head, tail = code[:1], code[1:]
    return ("ieo".find(head) % 4, int(tail) if tail.isdigit() else 0)


def _code(code: str, thai_digits: bool) -> str:
    """Item codes stay Latin (i10, o13) in both styles, as in the narrative and tables:
    in Thai digits "o๑๓" reads as "๐๑๓", the ambiguity the seed documents print."""
    return code


@lru_cache(maxsize=4096)
def _wrap(text: str, width: int, max_lines: int = 0) -> tuple[str, ...]:
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


def _label(text: str, width: int, max_lines: int = 0) -> str:
    return "\n".join(_wrap(text, width, max_lines))


def _bar_height_in(labels: Sequence[str]) -> float:
    """Vertical space for a column of (wrapped) bar labels."""
    return sum(max(1, label.count("\n") + 1) * _LINE_IN + _BAR_PAD_IN for label in labels)


# --------------------------------------------------------------------------- drawing helpers


def _hbars(ax, labels: Sequence[str], scores: Sequence[float], weak: Sequence[bool], thai_digits: bool,
           gid: str, bold_last: bool = False, backgrounds: Sequence[str] | None = None) -> None:
    """Horizontal bars from 0, top to bottom, each with its value at its end."""
    backgrounds = backgrounds or ["#ffffff"] * len(scores)
    y = list(range(len(scores)))
    bars = ax.barh(y, scores, height=0.62, zorder=2)
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
        ax.text(score + 1.2, i, _score(score, thai_digits), va="center", ha="left",
                color=WEAKNESS_EDGE if is_weak else TEXT_COLOUR,
                fontweight="bold" if is_weak or (bold_last and i == len(scores) - 1) else "normal",
                zorder=5, gid=f"value-{gid}-{i}",  # over the pass line, which it hides where they meet
                bbox={"boxstyle": "square,pad=0.12", "facecolor": backgrounds[i], "edgecolor": "none"})
    ax.set_yticks(y, labels)
    ax.tick_params(axis="y", length=0, pad=6)
    ax.set_ylim(len(scores) - 0.5, -0.5)  # first bar on top
    ax.set_xlim(0, X_MAX)  # bars start at 0: no exaggerated differences
    ax.xaxis.set_major_locator(FixedLocator(range(0, 101, 20)))
    ax.xaxis.set_major_formatter(_tick_formatter(thai_digits))
    ax.set_xlabel("คะแนน")
    ax.grid(axis="x", color="#d9d9d9", linewidth=0.6, zorder=0)
    ax.set_axisbelow(True)
    ax.spines["left"].set_visible(False)


def _pass_line(ax, pass_line: float, thai_digits: bool, vertical: bool = True) -> None:
    """The dashed pass line (85) with its label outside the plot, where no bar can hide it."""
    text = f"เกณฑ์ผ่าน {_plain(pass_line, thai_digits)}"
    if vertical:
        ax.axvline(pass_line, color=PASS_COLOUR, linestyle="--", linewidth=1.3, zorder=4, gid="pass-line")
        ax.text(pass_line, 1.01, text, transform=blended_transform_factory(ax.transData, ax.transAxes),
                ha="center", va="bottom", color=PASS_COLOUR, gid="pass-label")
    else:
        ax.axhline(pass_line, color=PASS_COLOUR, linestyle="--", linewidth=1.3, zorder=1, gid="pass-line")
        ax.text(1.01, pass_line, text, transform=blended_transform_factory(ax.transAxes, ax.transData),
                ha="left", va="center", color=PASS_COLOUR, gid="pass-label")


def _legend(fig: Figure, pass_line: float, thai_digits: bool, good: str, bad: str) -> None:
    """Colour and hatch are explained in words: the chart must read in greyscale too."""
    line = _plain(pass_line, thai_digits)
    handles = [
        Patch(facecolor=STRENGTH_COLOUR, edgecolor=STRENGTH_COLOUR, label=f"{good} (≥ {line})"),
        Patch(facecolor=WEAKNESS_COLOUR, edgecolor=WEAKNESS_EDGE, hatch=WEAKNESS_HATCH, label=f"{bad} (< {line})"),
        Line2D([], [], color=PASS_COLOUR, linestyle="--", linewidth=1.3, label=f"เกณฑ์ผ่าน {line} คะแนน"),
    ]
    fig.legend(handles=handles, loc="outside lower center", ncols=3, frameon=False,
               handlelength=2.2, handleheight=1.0, columnspacing=2.0)


def _title_text(subject: str, a: Analysis) -> str:
    """Subject and year on the first line, the organisation on the second: a PNG must say whose it is."""
    lines = [*_wrap(subject, TITLE_WIDTH)]
    org = _organisation(a)
    if org:
        lines.extend(_wrap(org, TITLE_WIDTH))
    return "\n".join(lines)


def _chrome_in(title: str, extra: float = 0.0) -> float:
    """Height of all but the plot: title lines, pass-line label, x ticks and label, legend, paddings."""
    return (title.count("\n") + 1) * TITLE_SIZE * 1.3 / 72 + 1.3 + extra


def _title(fig: Figure, title: str) -> None:
    fig.suptitle(title, x=0.01, ha="left", fontsize=TITLE_SIZE, fontweight="bold", linespacing=1.3)


def _year_text(year: int, thai_digits: bool) -> str:
    return f"ปีงบประมาณ พ.ศ. {_digits(str(year), thai_digits)}"


def _organisation(a: Analysis) -> str:
    org = getattr(a.params, "organisation", None)
    return (getattr(org, "name", None) or "") if org else ""


# --------------------------------------------------------------------------- charts


def indicator_chart(a: Analysis) -> Figure:
    """The ten indicators against the pass line: the report's picture of strengths and weaknesses."""
    family = use_sarabun()
    td = _thai_digits(a)
    inds = list(a.indicators)
    labels = [_label(f"{_digits(str(i.number), td)} {i.name}", LABEL_WIDTH) for i in inds]
    title = _title_text(f"คะแนนรายตัวชี้วัด ITA {_year_text(a.year, td)}", a)
    with _style(family):
        fig = _new_figure(_bar_height_in(labels) + _chrome_in(title))
        ax = fig.add_subplot()
        # tool groups: alternate background bands, the tool's code in the right margin
        groups: dict[str, list[int]] = {}
        for pos, ind in enumerate(inds):
            groups.setdefault(ind.tool, []).append(pos)
        backgrounds = ["#ffffff"] * len(inds)
        for k, rows in enumerate(groups.values()):
            for row in rows:
                backgrounds[row] = BAND_COLOUR if k % 2 == 0 else "#ffffff"
        _hbars(ax, labels, [i.score for i in inds], [i.weak for i in inds], td, gid="bar-indicator",
               backgrounds=backgrounds)
        right = blended_transform_factory(ax.transAxes, ax.transData)
        for k, (tool, rows) in enumerate(groups.items()):
            lo, hi = min(rows) - 0.5, max(rows) + 0.5
            if k % 2 == 0:
                ax.axhspan(lo, hi, color=BAND_COLOUR, zorder=0, linewidth=0, gid=f"band-{tool}")
            if k:
                ax.axhline(lo, color="#bbbbbb", linewidth=0.7, zorder=1)
            ax.text(1.02, (lo + hi) / 2, tool, transform=right, ha="left", va="center",
                    fontweight="bold", color=MUTED_COLOUR, gid=f"tool-{tool}")
        _pass_line(ax, a.pass_line, td)
        _title(fig, title)
        _legend(fig, a.pass_line, td, "จุดแข็ง", "จุดอ่อน")
        _finish(fig, family)
    return fig


def tool_chart(a: Analysis) -> Figure:
    """IIT, EIT, OIT and the total with the official level: the one-glance summary."""
    family = use_sarabun()
    td = _thai_digits(a)
    tools = list(a.tools.values())
    labels = [_label(f"{t.code} {t.name_th}", LABEL_WIDTH + 4) for t in tools] + ["คะแนนรวม ITA"]
    scores = [t.score for t in tools] + [a.total]
    weak = [s < a.pass_line for s in scores]
    title = _title_text(f"คะแนนรายเครื่องมือและคะแนนรวม ITA {_year_text(a.year, td)}", a)
    with _style(family):
        fig = _new_figure(_bar_height_in(labels) + _chrome_in(title, extra=0.1))
        ax = fig.add_subplot()
        _hbars(ax, labels, scores, weak, td, gid="bar-tool", bold_last=True)
        ax.get_yticklabels()[-1].set_fontweight("bold")
        ax.axhline(len(tools) - 0.5, color="#999999", linewidth=0.8, zorder=1)
        _pass_line(ax, a.pass_line, td)
        ax.text(0, 1.01, f"ระดับผลการประเมิน: {a.level}", transform=ax.transAxes, ha="left", va="bottom",
                fontweight="bold", gid="level",
                bbox={"boxstyle": "round,pad=0.35", "facecolor": "#ffffff", "edgecolor": MUTED_COLOUR,
                      "linewidth": 0.8})
        _title(fig, title)
        _legend(fig, a.pass_line, td, "ผ่านเกณฑ์", "ต่ำกว่าเกณฑ์")
        _finish(fig, family)
    return fig


def items_chart(a: Analysis, limit: int = 12) -> Figure | None:
    """The items behind the weaknesses, lowest first: where the measures must aim. None without items."""
    if limit < 1:
        raise ValueError("limit must be >= 1")
    # all under the pass line, else the lowest short of 100; ties in catalogue order (i, e, o; o5 before o12)
    items: list[ItemScore] = sorted(a.weakest_items, key=lambda i: (i.score, *_code_key(i.code)))
    if not a.items or not items:
        return None
    shown = items[:limit]
    family = use_sarabun()
    td = _thai_digits(a)
    labels = [_label(f"{_code(i.code, td)} {i.text}" if i.text else _code(i.code, td), ITEM_WIDTH, ITEM_LINES)
              for i in shown]
    all_below = all(i.below_pass for i in shown)
    title = "ประเด็นการประเมินที่ได้คะแนนต่ำกว่าเกณฑ์" if all_below else "ประเด็นการประเมินที่ได้คะแนนต่ำสุด"
    subject = f"{title} ITA {_year_text(a.year, td)}"
    axis_label = "คะแนน"
    if len(items) > len(shown):
        axis_label += f" (แสดง {_digits(str(len(shown)), td)} ข้อแรกจาก {_digits(str(len(items)), td)} ข้อ)"
    title = _title_text(subject, a)
    with _style(family):
        fig = _new_figure(_bar_height_in(labels) + _chrome_in(title))
        ax = fig.add_subplot()
        _hbars(ax, labels, [i.score for i in shown], [i.below_pass for i in shown], td, gid="bar-item")
        ax.set_xlabel(axis_label)
        right = blended_transform_factory(ax.transAxes, ax.transData)
        for pos, item in enumerate(shown):
            ax.text(1.01, pos, f"ตัวชี้วัด {_digits(str(item.indicator), td)}", transform=right, ha="left",
                    va="center", color=MUTED_COLOUR, gid=f"indicator-{item.code}")
        _pass_line(ax, a.pass_line, td)
        _title(fig, title)
        _legend(fig, a.pass_line, td, "ผ่านเกณฑ์", "ต่ำกว่าเกณฑ์")
        _finish(fig, family)
    return fig


def history_chart(a: Analysis) -> Figure | None:
    """The total year by year with its level: is the organisation improving? None with one year only."""
    points = list(a.history)
    if len(points) < 2:
        return None
    family = use_sarabun()
    td = _thai_digits(a)
    years = [p.year for p in points]
    totals = [p.total for p in points]
    title = _title_text(f"คะแนนรวม ITA รายปี {_digits(str(years[0]), td)}–{_digits(str(years[-1]), td)}", a)
    with _style(family):
        fig = _new_figure(5.5 * _CM + _chrome_in(title, extra=-0.3))
        ax = fig.add_subplot()
        ax.plot(years, totals, color=HISTORY_COLOUR, linewidth=1.8, marker="o", markersize=6, zorder=3,
                gid="history-line")
        for p in points:
            value = _score(p.total, td)
            if p.change is not None:
                sign = "+" if p.change > 0 else ("-" if p.change < 0 else "±")
                value += f" ({sign}{_score(abs(p.change), td)})"
            ax.annotate(value, (p.year, p.total), xytext=(0, 8), textcoords="offset points", ha="center",
                        va="bottom", fontweight="bold", gid=f"value-{p.year}", zorder=5, bbox=_HALO)
            if p.level:
                ax.annotate(p.level, (p.year, p.total), xytext=(0, -9), textcoords="offset points",
                            ha="center", va="top", color=MUTED_COLOUR, gid=f"level-{p.year}", zorder=5,
                            bbox=_HALO)
        _pass_line(ax, a.pass_line, td, vertical=False)
        ax.set_ylim(0, 112)  # from 0, as the bars: a 0.8-point change must look like one
        ax.yaxis.set_major_locator(FixedLocator(range(0, 101, 20)))
        ax.yaxis.set_major_formatter(_tick_formatter(td))
        ax.set_ylabel("คะแนนรวม")
        pad = max(0.5, (years[-1] - years[0]) * 0.12)
        ax.set_xlim(years[0] - pad, years[-1] + pad)
        ax.xaxis.set_major_locator(FixedLocator(years))
        ax.xaxis.set_major_formatter(_year_formatter(td))
        ax.set_xlabel("ปีงบประมาณ (พ.ศ.)")
        ax.grid(axis="y", color="#d9d9d9", linewidth=0.6, zorder=0)
        ax.set_axisbelow(True)
        _title(fig, title)
        _finish(fig, family)
    return fig


def charts(a: Analysis) -> dict[str, Figure]:
    """Every chart the analysis supports, by name, in report order (absent ones left out)."""
    out = {"tools": tool_chart(a), "indicators": indicator_chart(a),
           "items": items_chart(a), "history": history_chart(a)}
    return {k: v for k, v in out.items() if v is not None}


def to_png(fig: Figure, dpi: int = DPI) -> bytes:
    """PNG bytes for HTML/PDF embedding, rendered with the charts' style and no timestamp."""
    if not isinstance(fig.canvas, FigureCanvasAgg):
        FigureCanvasAgg(fig)
    buf = io.BytesIO()
    family = use_sarabun()
    with _style(family):
        # zlib level 3: as small as the default 6 for flat-colour charts here, at ~60 % of the time
        fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": None}, pil_kwargs={"compress_level": 3})
    return buf.getvalue()


_SVG_PROLOGUE = re.compile(r"^.*?(?=<svg\b)", re.S)


def to_svg(fig: Figure) -> str:
    """Inline SVG with text kept as text: the browser shapes the Thai with the page's own Sarabun,
    the PDF's text stays selectable, and nothing is rasterised (the slow half of a PNG chart)."""
    buf = io.StringIO()
    family = use_sarabun()
    with _style(family), matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "ita-report"}):
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    svg = _SVG_PROLOGUE.sub("", buf.getvalue(), count=1)
    # matplotlib's inline <style> is a bare "*" rule: scope it to this chart, not the whole page
    return svg.replace("*{stroke-linejoin", "svg *{stroke-linejoin", 1)
