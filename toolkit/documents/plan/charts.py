"""The plan's chart: budget by fiscal year, stacked by dimension."""
from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import FixedLocator, FuncFormatter, MaxNLocator

from ...kit import chartstyle as cs
from ...kit import thai
from .budget import BudgetTable, bare_title, budget_table, entries, money_text
from .model import PlanParams

# One colour per dimension (Okabe-Ito: told apart by colour-blind readers; a white edge between
# stacked parts and the legend order keep them apart in greyscale).
DIMENSION_COLOURS = {1: "#0072b2", 2: "#e69f00", 3: "#009e73", 4: "#cc79a7"}




def says_something(params: PlanParams, table: BudgetTable) -> bool:
    """A chart is worth drawing when it compares something: at least two budgeted projects, and bars that are
    not all one dimension's identical amounts (one project at 20,000 a year draws five equal bars that the
    budget table already says in a line)."""
    budgeted = [e for e in entries(params) if e.project.has_budget]
    if len(budgeted) < 2:
        return False
    dims = {d for d in table.dimensions if table.dimension_total(d) > 0}
    bars = [table.year_total(y) for y in table.years] + ([table.period_total] if table.has_period else [])
    return len(dims) > 1 or len({b for b in bars}) > 1


def budget_chart(params: PlanParams, table: BudgetTable | None = None) -> Figure | None:
    """Budget by fiscal year, stacked by dimension, with each year's total on top, and a bar of its own for
    sums stated for the whole period. None when the plan spends nothing or the chart would say nothing."""
    table = table or budget_table(params)
    if table.total <= 0 or not says_something(params, table):
        return None
    spending = [d for d in table.dimensions if table.dimension_total(d) > 0]
    bars = [float(table.year_total(y)) for y in table.years] + ([float(table.period_total)] if table.has_period else [])
    if len(spending) == 1 and cs.says_nothing(bars):
        return None
    td = params.style.thai_digits
    family = cs.use_sarabun()
    dims = [d for d in table.dimensions if table.dimension_total(d) > 0]
    years = table.years
    start, end = years[0], years[-1]
    subject = (f"งบประมาณรายปีจำแนกตามมิติ แผนปฏิบัติการป้องกันการทุจริต "
               f"พ.ศ. {cs.digits(str(start), td)}–{cs.digits(str(end), td)}")
    lines = [*cs.wrap_lines(subject, cs.TITLE_WIDTH), *cs.wrap_lines(params.organisation.name, cs.TITLE_WIDTH)]
    title = "\n".join(lines)
    titles = {d.number: bare_title(d.title) for d in params.dimensions}
    money = FuncFormatter(lambda x, _pos: thai.number(x, 0, td, grouping=True))
    with cs.style(family):
        fig = cs.new_figure(6.0 * cs.CM + cs.chrome_in(title, extra=0.25 * ((len(dims) + 1) // 2)))
        ax = fig.add_subplot()
        period = table.has_period
        labels = [cs.digits(str(y), td) for y in years] + (["ตลอดแผน"] if period else [])
        keys = [str(y) for y in years] + (["period"] if period else [])
        x = list(range(len(years))) + ([len(years) + 0.4] if period else [])  # the period bar stands apart
        bottom = [0.0] * len(x)
        for d in dims:
            values = [float(table.cell(d, y)) for y in years] + ([float(table.period_cell(d))] if period else [])
            bars = ax.bar(x, values, bottom=bottom, width=0.6, color=DIMENSION_COLOURS.get(d, "#777777"),
                          edgecolor="#ffffff", linewidth=0.8, zorder=2)
            for k, bar in enumerate(bars):
                bar.set_gid(f"bar-d{d}-{keys[k]}")
            bottom = [b + v for b, v in zip(bottom, values)]
        top = max(bottom)
        totals = [table.year_total(y) for y in years] + ([table.period_total] if period else [])
        for k, key in enumerate(keys):
            ax.annotate(money_text(totals[k], td), (x[k], bottom[k]),
                        xytext=(0, 4), textcoords="offset points", ha="center", va="bottom",
                        fontweight="bold", gid=f"total-{key}", zorder=5)
        ax.set_ylim(0, top * 1.18)
        ax.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
        ax.yaxis.set_major_formatter(money)
        ax.set_ylabel("บาท", rotation=0, ha="right", va="center")
        ax.xaxis.set_major_locator(FixedLocator(x))
        ax.set_xticks(x, labels)
        ax.set_xlabel("ปีงบประมาณ (พ.ศ.)" + (" และยอดที่ระบุตลอดแผน ไม่แยกรายปี" if period else ""))
        ax.set_xlim(-0.6, x[-1] + 0.6)
        ax.grid(axis="y", color="#d9d9d9", linewidth=0.6, zorder=0)
        ax.set_axisbelow(True)
        handles = [Patch(facecolor=DIMENSION_COLOURS.get(d, "#777777"), edgecolor="#ffffff",
                         label=cs.label(f"มิติที่ {cs.digits(str(d), td)} {titles.get(d, '')}", 44, 2))
                   for d in dims]
        fig.legend(handles=handles, loc="outside lower center", ncols=min(2, len(handles)), frameon=False,
                   handlelength=1.6, columnspacing=1.5)
        cs.title(fig, title)
        cs.finish(fig, family)
    return fig
