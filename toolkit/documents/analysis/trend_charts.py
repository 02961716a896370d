"""The trend chart: total and tools year by year, the national average, and each year's level on its own scale.

Levels are written under each year (not plotted: a letter and a rating share no axis); where the scale
changed, a dotted line between the years says so. Line styles differ as well as colours, so the chart
reads in greyscale. Drawn with the shared chart style (toolkit.kit.chartstyle).
"""
from __future__ import annotations

import math

from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator
from matplotlib.transforms import blended_transform_factory

from ...kit import chartstyle as cs
from ...kit import thai
from ...kit.figures import Figures
from .analyse import Analysis
from .trends import Trends

TOOL_STYLES = {  # Okabe-Ito hues, and a dash pattern each for greyscale
    "IIT": {"color": "#009e73", "linestyle": (0, (5, 2)), "marker": "s"},
    "EIT": {"color": "#cc79a7", "linestyle": (0, (6, 2, 1, 2)), "marker": "^"},
    "OIT": {"color": "#56b4e9", "linestyle": (0, (1.5, 1.5)), "marker": "D"},
}
NATIONAL_COLOUR = "#777777"
LEVEL_WIDTH = 12  # display columns of a level under its year (ต้องปรับปรุงโดยด่วน takes two lines)


def level_label(level: str, width: int = LEVEL_WIDTH) -> str:
    """A level under its year, broken between plain words (ต้องปรับปรุง|โดยด่วน) to fit beside its neighbours."""
    lines: list[str] = []
    for unit in thai.loose_units(level):
        if lines and thai.display_width(lines[-1] + unit) <= width:
            lines[-1] += unit
        else:
            lines.append(unit)
    return "\n".join(lines)


def trend_chart(a: Analysis, t: Trends) -> Figure | None:
    """Total, tools and national average per year for the last years; None with one year only."""
    rows = t.shown
    if len(rows) < 2:
        return None
    family = cs.use_sarabun()
    td = Figures.of(a.params).thai
    years = [r.year for r in rows]
    subject = f"คะแนน ITA รายปี {cs.digits(str(years[0]), td)}–{cs.digits(str(years[-1]), td)}"
    title = cs.title_text(subject, a.params.organisation.name)
    with cs.style(family):
        fig = cs.new_figure(6.0 * cs.CM + cs.chrome_in(title, extra=0.55))
        ax = fig.add_subplot()
        for tool, style in TOOL_STYLES.items():
            points = [(r.year, r.tools[tool]) for r in rows if tool in r.tools]
            if len(points) > 1:  # a tool known for one year only is in the table, not a line
                ax.plot(*zip(*points), linewidth=1.3, markersize=4.5, label=tool, zorder=3, gid=f"tool-{tool}",
                        **style)
        national = [r.national.average if r.national is not None and r.national.average else float("nan")
                    for r in rows]  # a gap where a year's national figure is not known, never a bridge
        if not all(math.isnan(v) for v in national):
            ax.plot(years, national, color=NATIONAL_COLOUR, linewidth=1.0, marker="o", markersize=4,
                    markerfacecolor="#ffffff", linestyle=(0, (3, 3)), label="เฉลี่ยทั้งประเทศ", zorder=2,
                    gid="national")
        ax.plot(years, [r.total for r in rows], color=cs.HISTORY_COLOUR, linewidth=2.4, marker="o", markersize=7,
                label="คะแนนรวม", zorder=4, gid="total")
        for r in rows:
            ax.annotate(cs.score_text(r.total, td), (r.year, r.total), xytext=(0, 8), textcoords="offset points",
                        ha="center", va="bottom", fontweight="bold", zorder=6, gid=f"total-{r.year}", bbox=cs.HALO)
        cs.pass_line(ax, a.pass_line, td, vertical=False)
        ax.set_ylim(0, 112)  # from 0, as every score chart of the report
        ax.yaxis.set_major_locator(FixedLocator(range(0, 101, 20)))
        ax.yaxis.set_major_formatter(cs.tick_formatter(td))
        ax.set_ylabel("คะแนน")
        pad = 0.45
        ax.set_xlim(years[0] - pad, years[-1] + pad)
        labels = [f"{cs.digits(str(r.year), td)}\n{level_label(r.level or '–')}" for r in rows]
        ax.set_xticks(years, labels)
        ax.tick_params(axis="x", length=0, pad=4)
        ax.set_xlabel("ปีงบประมาณ (พ.ศ.) และระดับผลการประเมินตามเกณฑ์ของปีนั้น")
        if t.scale_change is not None and years[0] < t.scale_change[0] <= years[-1]:
            x = t.scale_change[0] - 0.5
            ax.axvline(x, color=cs.MUTED_COLOUR, linestyle=":", linewidth=1.1, zorder=1, gid="scale-change")
            top = blended_transform_factory(ax.transData, ax.transAxes)
            ax.text(x, 0.04, " เปลี่ยนเกณฑ์ระดับ", transform=top, ha="left", va="bottom", color=cs.MUTED_COLOUR,
                    gid="scale-change-label", bbox=cs.HALO)
        ax.grid(axis="y", color="#d9d9d9", linewidth=0.6, zorder=0)
        ax.set_axisbelow(True)
        cs.title(fig, title)
        fig.legend(loc="outside lower center", ncols=5, frameon=False, handlelength=2.6)
        cs.finish(fig, family)
    return fig
