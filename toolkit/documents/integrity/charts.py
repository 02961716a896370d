"""The results report's chart: measures by status in each tool group."""
from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import FixedLocator

from ...frameworks import TOOLS
from ...kit import chartstyle as cs
from ...kit.figures import Figures
from .model import STATUS_TH, STATUSES, IntegrityReportParams
from .rows import TOOL_SHORT_TH, counts, round_name, totals

# status colours: teal / amber / white with a dark outline — distinct in greyscale too (35 %, 62 %, 100 %)
STATUS_FILL = {"done": cs.STRENGTH_COLOUR, "in_progress": cs.WEAKNESS_COLOUR, "not_started": "#ffffff"}
STATUS_EDGE = {"done": cs.STRENGTH_COLOUR, "in_progress": cs.WEAKNESS_EDGE, "not_started": cs.MUTED_COLOUR}
STATUS_INK = {"done": "#ffffff", "in_progress": cs.TEXT_COLOUR, "not_started": cs.TEXT_COLOUR}


def status_chart(p: IntegrityReportParams) -> Figure | None:
    """Measures per status for each tool, stacked, with a total bar: where the year stands at a glance."""
    c = counts(p)
    if not c:
        return None
    family = cs.use_sarabun()
    td = p.style.thai_digits
    groups = list(c.items())
    if len(groups) > 1:
        groups.append(("total", totals(p)))
    labels = [cs.label(f"{g} {TOOL_SHORT_TH[g]}" if g in TOOLS else
                            ("รวมทุกมาตรการ" if g == "total" else TOOL_SHORT_TH[None]), cs.LABEL_WIDTH)
              for g, _ in groups]
    subject = f"ความก้าวหน้าของมาตรการ {round_name(p)} {Figures.of(p).fy(p.fiscal_year)}"
    # one title line: the chart sits inside this organisation's report, whose caption names the round again
    title = "\n".join(cs.wrap_lines(subject, cs.TITLE_WIDTH))
    biggest = max(sum(k.values()) for _, k in groups)
    step = 1 if biggest <= 10 else (2 if biggest <= 20 else 5)
    with cs.style(family):
        fig = cs.new_figure(cs.bar_height_in(labels) + cs.chrome_in(title, extra=-0.45))
        ax = fig.add_subplot()
        y = list(range(len(groups)))
        left = [0] * len(groups)
        for s in STATUSES:
            values = [k[s] for _, k in groups]
            bars = ax.barh(y, values, left=left, height=0.6, color=STATUS_FILL[s], edgecolor=STATUS_EDGE[s],
                           linewidth=0.9, zorder=2)
            for i, (bar, v) in enumerate(zip(bars, values)):
                bar.set_gid(f"bar-{s}-{i}")
                if v:
                    ax.text(left[i] + v / 2, i, Figures(td).count(v), ha="center", va="center",
                            color=STATUS_INK[s], fontweight="bold", zorder=5, gid=f"value-{s}-{i}")
            left = [a + b for a, b in zip(left, values)]
        for i, total in enumerate(left):
            ax.text(total + biggest * 0.02, i, f"{Figures(td).count(total)} มาตรการ", ha="left", va="center",
                    color=cs.MUTED_COLOUR, zorder=5, gid=f"total-{i}", bbox=cs.HALO)
        if len(groups) > 1:
            ax.axhline(len(groups) - 1.5, color="#999999", linewidth=0.8, zorder=1)
            ax.get_yticklabels()  # ensure tick labels exist before styling the total's
        ax.set_yticks(y, labels)
        if len(groups) > 1:
            ax.get_yticklabels()[-1].set_fontweight("bold")
        ax.tick_params(axis="y", length=0, pad=6)
        ax.set_ylim(len(groups) - 0.5, -0.5)
        ax.set_xlim(0, biggest * 1.25)
        ax.xaxis.set_major_locator(FixedLocator(range(0, biggest + 1, step)))
        ax.xaxis.set_major_formatter(cs.tick_formatter(td))
        ax.grid(axis="x", color="#d9d9d9", linewidth=0.6, zorder=0)
        ax.set_axisbelow(True)
        ax.spines["left"].set_visible(False)
        cs.title(fig, title)
        shown = [s for s in STATUSES if any(k[s] for _, k in groups)]  # only the statuses drawn
        handles = [Patch(facecolor=STATUS_FILL[s], edgecolor=STATUS_EDGE[s], label=STATUS_TH[s]) for s in shown]
        fig.legend(handles=handles, loc="outside lower center", ncols=len(handles), frameon=False, handlelength=2.2,
                   handleheight=1.0, columnspacing=2.0)
        cs.finish(fig, family)
    return fig


# -- the report ----------------------------------------------------------------------------------------
