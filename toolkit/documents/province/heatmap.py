"""The organisation × indicator heatmap of the province summary, in pages of at most ~44 rows.

Colour bands follow the framework's pass line: oranges below it (darker = lower), teals from it up.
"""
from __future__ import annotations

import math

import numpy as np
from matplotlib.colors import BoundaryNorm, ListedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.transforms import blended_transform_factory

from ...kit import chartstyle as cs
from ...kit.figures import Figures
from .charts import chart_title, fit, year_text
from .stats import ProvinceSummary, indicator_column

# Organisations per heatmap page at ~3.8 mm a row: the first page shares its A4 page with the section heading,
# note and indicator key; a later page has the page to itself (figure and caption).
HEATMAP_FIRST_ROWS = 26
HEATMAP_ROWS = 44
LOW_BANDS = (50, 65, 75)  # band edges below the pass line (the letter scale's E, C and B floors)
HIGH_STEPS = (5, 10)  # band edges above the pass line: pass + 5, pass + 10 (90 and 95 for a pass line of 85)


def heat_bounds(pass_line: float) -> tuple[float, ...]:
    """Band edges from 0 to 100 around the framework's pass line (0, 50, 65, 75, 85, 90, 95, 100)."""
    low = [b for b in LOW_BANDS if b < pass_line]
    high = [pass_line + s for s in HIGH_STEPS if pass_line + s < 100]
    return (0, *low, pass_line, *high, 100.001)


# below the pass line: oranges, darker = lower; from the pass line: teals, darker = higher. The hue
# changes at 85 (the visual break); cells below 85 also print their value in bold.
HEAT_COLOURS = ("#8c4a00", "#d37a00", "#f2b04c", "#fbdca6", "#d4ece9", "#86c5bf", "#17696b")
HEAT_DARK = (0, 6)  # bins whose values print in white
HEAT_FONT = 6.5
HEAT_LABEL_FONT = 7.0
HEAT_ROW_IN = 0.15  # ~3.8 mm a row: 40 rows and the chrome fit one A4 page with a heading


def _heat_bin(value: float, bounds: tuple[float, ...]) -> int:
    v = round(value, 2)
    for i in range(len(bounds) - 1):
        if v < bounds[i + 1]:
            return i
    return len(HEAT_COLOURS) - 1


def _bounds_label(i: int, thai_digits: bool, bounds: tuple[float, ...]) -> str:
    lo, hi = bounds[i], min(100, bounds[i + 1])
    if i == 0:
        return f"< {Figures(thai_digits).count(int(hi))}"
    return f"{Figures(thai_digits).count(int(lo))}–{Figures(thai_digits).count(int(hi))}"


def heatmap_chart(s: ProvinceSummary, thai_digits: bool = True, start: int = 0, stop: int | None = None,
                  page: tuple[int, int] = (1, 1)) -> Figure | None:
    """Organisations (rows, by rank) × indicators (columns), each cell coloured by its score with the pass line as the
    break, its value printed inside; rows ``start:stop`` of the ranking."""
    ranked = s.ranking()
    part = ranked.iloc[start:stop]
    if part.empty:
        return None
    family = cs.use_sarabun()
    fw = s.framework
    bounds = heat_bounds(fw.pass_line)
    numbers = list(fw.indicators)
    values = part[[indicator_column(n) for n in numbers]].to_numpy(dtype=float)
    rows, cols = values.shape
    labels = []
    for _, r in part.iterrows():
        name = fit(r["short_name"], 24)
        labels.append(f"{Figures(thai_digits).count(int(r['rank']))}. {name}")
    extra = ""
    if page[1] > 1:
        extra = f" หน้า {Figures(thai_digits).count(page[0])}/{Figures(thai_digits).count(page[1])}"
    title = chart_title(f"คะแนนรายตัวชี้วัดของแต่ละหน่วยงาน ITA {year_text(s, thai_digits)}", s, thai_digits,
                         extra)
    cmap = ListedColormap(HEAT_COLOURS)
    norm = BoundaryNorm(bounds, cmap.N)
    with cs.style(family):
        height = rows * HEAT_ROW_IN + cs.chrome_in(title, extra=0.55)
        fig = cs.new_figure(height)
        ax = fig.add_subplot()
        ax.pcolormesh(np.arange(cols + 1), np.arange(rows + 1), values, cmap=cmap, norm=norm,
                             edgecolors="#ffffff", linewidth=0.6, gid="heatmap")
        ax.set_ylim(rows, 0)  # rank 1 on top
        ax.set_xlim(0, cols)
        for i in range(rows):
            for j in range(cols):
                v = values[i, j]
                b = _heat_bin(v, bounds)
                ax.text(j + 0.5, i + 0.5, Figures(thai_digits).num(v), ha="center", va="center", fontsize=HEAT_FONT,
                        color="#ffffff" if b in HEAT_DARK else cs.TEXT_COLOUR,
                        fontweight="bold" if round(v, 2) < s.pass_line else "normal", gid=f"cell-{i}-{j}",
                        in_layout=False)  # inside its cell: the layout need not measure hundreds of them
        right = blended_transform_factory(ax.transAxes, ax.transData)
        for i, (_, r) in enumerate(part.iterrows()):
            weak = round(r["total"], 2) < s.pass_line
            ax.text(1.015, i + 0.5, Figures(thai_digits).num(r["total"]), transform=right, ha="left", va="center",
                    fontsize=HEAT_LABEL_FONT, fontweight="bold", color=cs.WEAKNESS_EDGE if weak else cs.TEXT_COLOUR,
                    gid=f"row-total-{i}")  # its own column beside the grid: nothing for settle_labels to move
        top = blended_transform_factory(ax.transAxes, ax.transAxes)
        ax.text(1.015, 1.0, "คะแนนรวม", transform=top, ha="left", va="bottom", fontsize=HEAT_LABEL_FONT,
                fontweight="bold", linespacing=1.1)
        ax.set_yticks(np.arange(rows) + 0.5, labels)
        ax.tick_params(axis="y", length=0, pad=3, labelsize=HEAT_LABEL_FONT)
        ax.xaxis.tick_top()
        ax.set_xticks(np.arange(cols) + 0.5, [Figures(thai_digits).count(n) for n in numbers])
        ax.tick_params(axis="x", length=0, pad=2, labelsize=HEAT_LABEL_FONT + 0.5)
        groups: dict[str, list[int]] = {}
        for j, n in enumerate(numbers):
            groups.setdefault(fw.indicators[n].tool, []).append(j)
        head = blended_transform_factory(ax.transData, ax.transAxes)
        for tool, js in groups.items():
            lo, hi = min(js), max(js) + 1
            ax.annotate(tool, ((lo + hi) / 2, 1), xycoords=head, xytext=(0, 12), textcoords="offset points",
                        ha="center", va="bottom", fontweight="bold", fontsize=HEAT_LABEL_FONT + 0.5,
                        color=cs.MUTED_COLOUR, gid=f"tool-{tool}")
            if lo:  # tools apart: a dark rule between their columns
                ax.axvline(lo, color=cs.TEXT_COLOUR, linewidth=1.4, zorder=3)
        ax.annotate("ตัวชี้วัดที่", (0, 1), xycoords="axes fraction", xytext=(-3, 2), textcoords="offset points",
                    ha="right", va="bottom", fontsize=HEAT_LABEL_FONT, color=cs.MUTED_COLOUR)
        for spine in ax.spines.values():
            spine.set_visible(False)
        cs.title(fig, title)
        used = {_heat_bin(v, bounds) for v in values.ravel()}  # only the colours the cells show
        handles = [Patch(facecolor=c, edgecolor="#999999", linewidth=0.5, label=_bounds_label(i, thai_digits, bounds))
                   for i, c in enumerate(HEAT_COLOURS) if i in used]
        line = cs.plain(s.pass_line, thai_digits)
        fig.legend(handles=handles, loc="outside lower center", ncols=len(handles), frameon=False,
                   handlelength=1.6, handleheight=0.9, columnspacing=1.0, fontsize=HEAT_LABEL_FONT + 0.5,
                   title=f"ช่วงคะแนน: สีส้ม = ต่ำกว่าเกณฑ์ {line} (ตัวเลขตัวหนา) · สีเขียวน้ำทะเล = ผ่านเกณฑ์",
                   title_fontsize=HEAT_LABEL_FONT + 0.5)
        cs.finish(fig, family)
    return fig


def heatmap_pages(n_rows: int, per_page: int = HEATMAP_ROWS, first: int = HEATMAP_FIRST_ROWS) -> list[tuple[int, int]]:
    """Row ranges of the heatmap pages: as few pages as fit (the first holds at most ``first`` rows, the others
    ``per_page``), rows spread evenly (41 → 21 + 20, not 26 + 15)."""
    if n_rows <= 0:
        return []
    if n_rows <= first:
        return [(0, n_rows)]
    pages = 1 + math.ceil((n_rows - first) / per_page)
    head = min(first, math.ceil(n_rows / pages))
    size, extra = divmod(n_rows - head, pages - 1)
    out, start = [(0, head)], head
    for p in range(pages - 1):
        stop = start + size + (1 if p < extra else 0)
        out.append((start, stop))
        start = stop
    return out


def heatmap_charts(s: ProvinceSummary, thai_digits: bool = True) -> list[Figure]:
    """The heatmap in pages (:func:`heatmap_pages`), each page a figure of its own."""
    pages = heatmap_pages(len(s.df))
    return [heatmap_chart(s, thai_digits, a, b, (k + 1, len(pages))) for k, (a, b) in enumerate(pages)]
