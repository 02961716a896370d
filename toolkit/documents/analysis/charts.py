"""Charts of one organisation's ITA results, as matplotlib Figures sized for an A4 column.

Drawn with the shared chart style (toolkit.kit.chartstyle): Sarabun, colours, rc isolation, no pyplot.
"""
from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator
from matplotlib.transforms import blended_transform_factory

from ...kit import chartstyle as cs
from ...kit.figures import Figures
from .analyse import Analysis, ItemScore


def _title(subject: str, a: Analysis) -> str:
    """Subject and year on the first line, the organisation on the next: a PNG must say whose it is."""
    return cs.title_text(subject, a.params.organisation.name)


def indicator_chart(a: Analysis) -> Figure:
    """The ten indicators against the pass line: the report's picture of strengths and weaknesses."""
    family = cs.use_sarabun()
    td = Figures.of(a.params).thai
    inds = list(a.indicators)
    labels = [cs.label(f"{cs.digits(str(i.number), td)} {i.name}", cs.LABEL_WIDTH) for i in inds]
    title = _title(f"คะแนนรายตัวชี้วัด ITA {cs.year_text(a.year, td)}", a)
    with cs.style(family):
        fig = cs.new_figure(cs.bar_height_in(labels) + cs.chrome_in(title))
        ax = fig.add_subplot()
        # tool groups: alternate background bands, the tool's code in the right margin
        groups: dict[str, list[int]] = {}
        for pos, ind in enumerate(inds):
            groups.setdefault(ind.tool, []).append(pos)
        backgrounds = ["#ffffff"] * len(inds)
        for k, rows in enumerate(groups.values()):
            for row in rows:
                backgrounds[row] = cs.BAND_COLOUR if k % 2 == 0 else "#ffffff"
        spans = cs.hbars(ax, labels, [i.score for i in inds], [i.weak for i in inds], td, gid="bar-indicator",
                         backgrounds=backgrounds)
        right = blended_transform_factory(ax.transAxes, ax.transData)
        for k, (tool, rows) in enumerate(groups.items()):
            lo, hi = spans[min(rows)][0] - spans[min(rows)][1], spans[max(rows)][0] + spans[max(rows)][1]
            if k % 2 == 0:
                ax.axhspan(lo, hi, color=cs.BAND_COLOUR, zorder=0, linewidth=0, gid=f"band-{tool}")
            if k:
                ax.axhline(lo, color="#bbbbbb", linewidth=0.7, zorder=1)
            ax.text(1.02, (lo + hi) / 2, tool, transform=right, ha="left", va="center",
                    fontweight="bold", color=cs.MUTED_COLOUR, gid=f"tool-{tool}")
        cs.pass_line(ax, a.pass_line, td)
        cs.title(fig, title)
        cs.legend(fig, a.pass_line, td, "จุดแข็ง", "จุดอ่อน", weak=[i.weak for i in inds])
        cs.finish(fig, family)
    return fig


def tool_chart(a: Analysis) -> Figure:
    """IIT, EIT, OIT and the total with the official level: the one-glance summary."""
    family = cs.use_sarabun()
    td = Figures.of(a.params).thai
    tools = list(a.tools.values())
    labels = [cs.label(f"{t.code} {t.name_th}", cs.LABEL_WIDTH + 4) for t in tools] + ["คะแนนรวม ITA"]
    scores = [t.score for t in tools] + [a.total]
    weak = [s < a.pass_line for s in scores]
    title = _title(f"คะแนนรายเครื่องมือและคะแนนรวม ITA {cs.year_text(a.year, td)}", a)
    with cs.style(family):
        fig = cs.new_figure(cs.bar_height_in(labels) + cs.chrome_in(title, extra=0.1))
        ax = fig.add_subplot()
        spans = cs.hbars(ax, labels, scores, weak, td, gid="bar-tool", bold_last=True)
        ax.get_yticklabels()[-1].set_fontweight("bold")
        ax.axhline(spans[-1][0] - spans[-1][1], color="#999999", linewidth=0.8, zorder=1)
        cs.pass_line(ax, a.pass_line, td)
        # the level box sits on the side away from the pass line's label, which shares its height
        lo, hi = ax.get_xlim()
        left = (a.pass_line - lo) / (hi - lo) > 0.5
        ax.text(0 if left else 1, 1.01, f"ระดับผลการประเมิน: {a.level}", transform=ax.transAxes,
                ha="left" if left else "right", va="bottom",
                fontweight="bold", gid="level",
                bbox={"boxstyle": "round,pad=0.35", "facecolor": "#ffffff", "edgecolor": cs.MUTED_COLOUR,
                      "linewidth": 0.8})
        cs.title(fig, title)
        cs.legend(fig, a.pass_line, td, "ผ่านเกณฑ์", "ต่ำกว่าเกณฑ์", weak=weak)
        cs.finish(fig, family)
    return fig


def items_chart(a: Analysis, limit: int = 12) -> Figure | None:
    """The items behind the weaknesses, lowest first: where the measures must aim. None without items."""
    if limit < 1:
        raise ValueError("limit must be >= 1")
    # all under the pass line, else the lowest short of 100; ties in catalogue order (i, e, o; o5 before o12)
    items: list[ItemScore] = sorted(a.weakest_items, key=lambda i: (i.score, *cs.code_key(i.code)))
    if not a.items or not items:
        return None
    shown = items[:limit]
    family = cs.use_sarabun()
    td = Figures.of(a.params).thai
    labels = [cs.label(f"{cs.item_code(i.code, td)} {i.text}" if i.text else cs.item_code(i.code, td), cs.ITEM_WIDTH, cs.ITEM_LINES)
              for i in shown]
    all_below = all(i.below_pass for i in shown)
    title = "ประเด็นการประเมินที่ได้คะแนนต่ำกว่าเกณฑ์" if all_below else "ประเด็นการประเมินที่ได้คะแนนต่ำสุด"
    subject = f"{title} ITA {cs.year_text(a.year, td)}"
    axis_label = "คะแนน"
    if len(items) > len(shown):
        axis_label += f" (แสดง {cs.digits(str(len(shown)), td)} ข้อแรกจาก {cs.digits(str(len(items)), td)} ข้อ)"
    title = _title(subject, a)
    with cs.style(family):
        fig = cs.new_figure(cs.bar_height_in(labels) + cs.chrome_in(title))
        ax = fig.add_subplot()
        spans = cs.hbars(ax, labels, [i.score for i in shown], [i.below_pass for i in shown], td, gid="bar-item")
        if not cs.zoomed([i.score for i in shown]):
            ax.set_xlabel(axis_label)
        right = blended_transform_factory(ax.transAxes, ax.transData)
        for pos, item in enumerate(shown):
            ax.text(1.01, spans[pos][0], f"ตัวชี้วัด {cs.digits(str(item.indicator), td)}", transform=right, ha="left",
                    va="center", color=cs.MUTED_COLOUR, gid=f"indicator-{item.code}")
        cs.pass_line(ax, a.pass_line, td)
        cs.title(fig, title)
        cs.legend(fig, a.pass_line, td, "ผ่านเกณฑ์", "ต่ำกว่าเกณฑ์", weak=[i.below_pass for i in shown])
        cs.finish(fig, family)
    return fig


def history_chart(a: Analysis) -> Figure | None:
    """The total year by year with its level: is the organisation improving? None with one year only."""
    points = list(a.history)
    if len(points) < 2:
        return None
    family = cs.use_sarabun()
    td = Figures.of(a.params).thai
    years = [p.year for p in points]
    totals = [p.total for p in points]
    title = _title(f"คะแนนรวม ITA รายปี {cs.digits(str(years[0]), td)}–{cs.digits(str(years[-1]), td)}", a)
    with cs.style(family):
        fig = cs.new_figure(5.5 * cs.CM + cs.chrome_in(title, extra=-0.3))
        ax = fig.add_subplot()
        ax.plot(years, totals, color=cs.HISTORY_COLOUR, linewidth=1.8, marker="o", markersize=6, zorder=3,
                gid="history-line")
        for p in points:
            value = cs.score_text(p.total, td)
            if p.change is not None:
                sign = "+" if p.change > 0 else ("-" if p.change < 0 else "±")
                value += f" ({sign}{cs.score_text(abs(p.change), td)})"
            ax.annotate(value, (p.year, p.total), xytext=(0, 8), textcoords="offset points", ha="center",
                        va="bottom", fontweight="bold", gid=f"value-{p.year}", zorder=5, bbox=cs.HALO)
            if p.level:
                ax.annotate(p.level, (p.year, p.total), xytext=(0, -9), textcoords="offset points",
                            ha="center", va="top", color=cs.MUTED_COLOUR, gid=f"level-{p.year}", zorder=5,
                            bbox=cs.HALO)
        cs.pass_line(ax, a.pass_line, td, vertical=False)
        ax.set_ylim(0, 112)  # from 0, as the bars: a 0.8-point change must look like one
        ax.yaxis.set_major_locator(FixedLocator(range(0, 101, 20)))
        ax.yaxis.set_major_formatter(cs.tick_formatter(td))
        ax.set_ylabel("คะแนนรวม")
        pad = max(0.5, (years[-1] - years[0]) * 0.12)
        ax.set_xlim(years[0] - pad, years[-1] + pad)
        ax.xaxis.set_major_locator(FixedLocator(years))
        ax.xaxis.set_major_formatter(cs.year_formatter(td))
        ax.set_xlabel("ปีงบประมาณ (พ.ศ.)")
        ax.grid(axis="y", color="#d9d9d9", linewidth=0.6, zorder=0)
        ax.set_axisbelow(True)
        cs.title(fig, title)
        cs.finish(fig, family)
    return fig


def charts(a: Analysis) -> dict[str, Figure]:
    """Every chart the analysis supports, by name, in report order (absent ones left out)."""
    out = {"tools": tool_chart(a), "indicators": indicator_chart(a),
           "items": items_chart(a), "history": history_chart(a)}
    return {k: v for k, v in out.items() if v is not None}


