"""The next-level chart: how far each figure is from what the next level asks, and what OIT items add.

Top panel: for the total (and each tool, where the level has a per-tool minimum) a dot at today's
score, a mark at the requirement and the gap written beside it. Dots on a shortened axis, not bars: a
0.90-point gap must be visible; the axis is labelled with its range. Bottom panel (when item scores
are known): the points of total each OIT item would add at full marks, the smallest set highlighted.
Drawn with the shared chart style (toolkit.kit.chartstyle).
"""
from __future__ import annotations

import math

from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator

from ...kit import chartstyle as cs
from ...kit.figures import Figures
from .analyse import Analysis
from .next_step import NextStep
from .targets_text import level_phrase

MAX_ITEMS = 10  # OIT items drawn in the gains panel (the table lists them all)
OTHER_COLOUR = "#9aa5b1"  # items outside the smallest set


def _item_label(item) -> str:
    """One line per item: the code and the start of its name (the table below gives it whole)."""
    return cs.label(f"{item.code} {item.name}" if item.name else item.code, cs.ITEM_WIDTH + 6, 1)


def _gap_rows(a: Analysis, step: NextStep, td: bool) -> list[tuple[str, float, float]]:
    """(label, today, requirement) for the total and the tools the next level sets a minimum for."""
    t = step.target
    rows = [(f"คะแนนรวม → {level_phrase(t.level)}", t.total, t.total_min)]
    if t.pass_level is not None and t.pass_level != t.level:
        rows.append((f"คะแนนรวม → ผ่านเกณฑ์ ({level_phrase(t.pass_level)})", t.total, t.pass_total))
    if t.each_tool_min is not None:
        rows += [(f"{code} → {cs.plain(t.each_tool_min, td)}", tool.score, t.each_tool_min)
                 for code, tool in t.tools.items()]
    return rows


def _gap_panel(ax, rows: list[tuple[str, float, float]], td: bool) -> None:
    low = min(min(now, need) for _, now, need in rows)
    start = max(0, 5 * math.floor((low - 4) / 5))
    for i, (_, now, need) in enumerate(rows):
        short = round(need - now, 2) > 0
        colour = cs.WEAKNESS_COLOUR if short else cs.STRENGTH_COLOUR
        if short:
            ax.plot([now, need], [i, i], color=cs.WEAKNESS_EDGE, linewidth=2.2, zorder=2, gid=f"gap-{i}")
        ax.plot([need], [i], marker="|", markersize=16, markeredgewidth=2.2, color=cs.PASS_COLOUR, zorder=3,
                gid=f"need-{i}")
        ax.plot([now], [i], marker="o", markersize=8, color=colour, markeredgecolor=cs.WEAKNESS_EDGE if short
                else colour, zorder=4, gid=f"now-{i}")
        gap = f"ขาด {cs.score_text(need - now, td)}" if short else "ถึงแล้ว"
        ax.annotate(f"{cs.score_text(now, td)} · {gap}", (max(now, need), i), xytext=(10, 0),
                    textcoords="offset points", va="center", ha="left", fontweight="bold" if short else "normal",
                    color=cs.WEAKNESS_EDGE if short else cs.TEXT_COLOUR, gid=f"gap-label-{i}")
    ax.set_yticks(range(len(rows)), [r[0] for r in rows])
    ax.tick_params(axis="y", length=0, pad=6)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_xlim(start, 100 + (100 - start) * 0.32)  # room right of 100 for the labels
    ax.xaxis.set_major_locator(MaxNLocator(nbins=6, integer=True))
    ax.set_xticks([x for x in ax.get_xticks() if start <= x <= 100])
    ax.xaxis.set_major_formatter(cs.tick_formatter(td))
    ax.set_xlabel(f"คะแนน (แกนเริ่มที่ {cs.plain(start, td)})")
    ax.grid(axis="x", color="#d9d9d9", linewidth=0.6, zorder=0)
    ax.set_axisbelow(True)
    ax.spines["left"].set_visible(False)


def _gains_panel(ax, step: NextStep, td: bool) -> tuple[int, int]:
    gains = step.gains[:MAX_ITEMS]
    chosen = set(step.target.oit_set.items) if step.target is not None and step.target.oit_set else set()
    labels = [_item_label(g) for g in gains]
    values = [g.gain_total for g in gains]
    bars = ax.barh(range(len(gains)), values, height=0.62, zorder=2)
    for i, (bar, g) in enumerate(zip(bars, gains)):
        colour = cs.STRENGTH_COLOUR if g.code in chosen else OTHER_COLOUR
        bar.set_facecolor(colour)
        bar.set_edgecolor(colour)
        bar.set_gid(f"gain-{g.code}")
        ax.text(g.gain_total, i, f" +{cs.score_text(g.gain_total, td)}", va="center", ha="left", zorder=5,
                gid=f"gain-value-{g.code}")
    ax.set_yticks(range(len(gains)), labels)
    ax.tick_params(axis="y", length=0, pad=6)
    ax.set_ylim(len(gains) - 0.5, -0.5)
    ax.set_xlim(0, max(values) * 1.25)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=5, steps=[1, 2, 2.5, 5, 10]))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: cs.plain(round(x, 2), td)))
    ax.set_xlabel("คะแนนรวมที่เพิ่มขึ้นเมื่อข้อนั้นได้คะแนนเต็ม")
    ax.grid(axis="x", color="#d9d9d9", linewidth=0.6, zorder=0)
    ax.set_axisbelow(True)
    ax.spines["left"].set_visible(False)
    return len(chosen), len(labels)


def next_level_chart(a: Analysis, step: NextStep) -> Figure | None:
    """The gap to the next level and the OIT gains; None when there is nothing to draw."""
    td = Figures.of(a.params).thai
    rows = _gap_rows(a, step, td) if step.target is not None and not step.rule_met else []
    gains = len(step.gains or []) > 1  # one item is the table's single row: no chart for it
    if not rows and not gains:
        return None
    family = cs.use_sarabun()
    td = Figures.of(a.params).thai
    subject = (f"ระยะห่างถึง{level_phrase(step.target.level)}" if rows else "คะแนนที่ได้จากข้อ OIT") \
        + f" ITA {cs.year_text(a.year, td)}"
    title = cs.title_text(subject, a.params.organisation.name)
    item_labels = [_item_label(g) for g in (step.gains or [])[:MAX_ITEMS]]
    heights = []
    if rows:
        heights.append(cs.bar_height_in([r[0] for r in rows]) + 0.55)
    if gains:
        heights.append(cs.bar_height_in(item_labels) + 0.55)
    with cs.style(family):
        fig = cs.new_figure(sum(heights) + cs.chrome_in(title, extra=0.2 * len(heights)))
        grid = fig.add_gridspec(len(heights), 1, height_ratios=heights)
        k = 0
        if rows:
            ax = fig.add_subplot(grid[k])
            _gap_panel(ax, rows, td)
            k += 1
        handles = [Line2D([], [], marker="o", linestyle="none", color=cs.STRENGTH_COLOUR, label="คะแนนปัจจุบัน"),
                   Line2D([], [], marker="|", linestyle="none", markersize=12, markeredgewidth=2,
                          color=cs.PASS_COLOUR, label="เกณฑ์ของระดับ")] if rows else []
        if gains:
            ax = fig.add_subplot(grid[k])
            chosen, _ = _gains_panel(ax, step, td)
            if chosen:
                handles.append(Patch(color=cs.STRENGTH_COLOUR,
                                     label=f"ชุดข้อที่น้อยที่สุดที่ถึง{level_phrase(step.target.level)}"))
                handles.append(Patch(color=OTHER_COLOUR, label="ข้ออื่นที่ยังไม่เต็ม"))
        cs.title(fig, title)
        if handles:
            fig.legend(handles=handles, loc="outside lower center", ncols=2, frameon=False)
        cs.finish(fig, family)
    return fig
