"""Charts of the province summary (levels, totals, indicators, change), drawn with the shared chart style."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import FixedLocator, FuncFormatter, MaxNLocator
from matplotlib.transforms import blended_transform_factory

from ...kit import chartstyle as cs
from ...kit import thai
from ...kit.figures import Figures
from ...kit.places import province_text
from .stats import UNCHANGED, ProvinceSummary

CHART_CHANGES = 10  # each way, in the change chart, when more organisations than twice this have a change
CHANGE_ROWS_MIN = 3  # rows of height the change chart keeps for fewer organisations: its axes and ticks still fit


def fit(text: str, width: int) -> str:
    """One line of at most ``width`` display columns: cut at a word boundary when one is near the end, else
    between letters (never between a letter and its marks), with "…" when cut."""
    if thai.display_width(text) <= width:
        return text
    first = thai.wrap(text, width - 1)[0]
    if 0.6 * width <= thai.display_width(first) <= width - 1:
        return first.rstrip() + "…"
    cut = ""
    for ch in text:
        if thai.display_width(cut + ch) > width - 1:
            break
        cut += ch
    while cut and thai.display_width(cut + text[len(cut):len(cut) + 1]) == thai.display_width(cut) and \
            len(cut) < len(text):  # the next character is a mark of the last letter: keep them together
        cut += text[len(cut)]
    return cut.rstrip() + "…"


def chart_title(subject: str, s: ProvinceSummary, thai_digits: bool, extra: str = "") -> str:
    lines = list(cs.wrap_lines(subject, cs.TITLE_WIDTH))
    where = f"{province_text(s.province)} ({Figures(thai_digits).count(len(s.df))} แห่ง){extra}"
    lines.extend(cs.wrap_lines(where, cs.TITLE_WIDTH))
    return "\n".join(lines)


def year_text(s: ProvinceSummary, thai_digits: bool) -> str:
    return f"ปีงบประมาณ พ.ศ. {Figures(thai_digits).digits(str(s.assessment_year))}"


def level_chart(s: ProvinceSummary, thai_digits: bool = True) -> Figure | None:
    """Organisations per level, best level on top; levels under the pass line in the weakness colour."""
    if s.df.empty:
        return None
    family = cs.use_sarabun()
    dist = s.level_distribution()
    dist = dist[dist["in_scale"] | (dist["count"] > 0)]
    passing = set(s.passing_levels)
    labels = [cs.label(lv, cs.LABEL_WIDTH) for lv in dist.index]
    counts = list(dist["count"])
    title = chart_title(f"จำนวนหน่วยงานจำแนกตามระดับผลการประเมิน ITA {year_text(s, thai_digits)}", s, thai_digits)
    with cs.style(family):
        fig = cs.new_figure(cs.bar_height_in(labels) + cs.chrome_in(title, extra=-0.2))
        ax = fig.add_subplot()
        y = list(range(len(counts)))
        bars = ax.barh(y, counts, height=0.62, zorder=2)
        top = max(counts) or 1
        for i, (bar, lv, n, share) in enumerate(zip(bars, dist.index, counts, dist["share"])):
            bar.set_gid(f"bar-level-{i}")
            if lv in passing:
                bar.set(facecolor=cs.STRENGTH_COLOUR, edgecolor=cs.STRENGTH_COLOUR, linewidth=0.8)
            elif dist.loc[lv, "in_scale"]:
                bar.set(facecolor=cs.WEAKNESS_COLOUR, edgecolor=cs.WEAKNESS_EDGE, hatch=cs.WEAKNESS_HATCH, linewidth=0.8)
            else:
                bar.set(facecolor="#bbbbbb", edgecolor=cs.MUTED_COLOUR, linewidth=0.8)
            text = f"{Figures(thai_digits).count(n)} แห่ง ({Figures(thai_digits).digits(thai.number(share, 2, False))}%)"
            ax.text(n + top * 0.02, i, text, va="center", ha="left", zorder=5, gid=f"value-level-{i}",
                    fontweight="bold" if n else "normal", color=cs.TEXT_COLOUR if n else cs.MUTED_COLOUR)
        ax.set_yticks(y, labels)
        ax.tick_params(axis="y", length=0, pad=6)
        ax.set_ylim(len(counts) - 0.5, -0.5)
        ax.set_xlim(0, top * 1.35)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=6))
        ax.xaxis.set_major_formatter(cs.tick_formatter(thai_digits))
        ax.set_xlabel("จำนวนหน่วยงาน (แห่ง)")
        ax.grid(axis="x", color="#d9d9d9", linewidth=0.6, zorder=0)
        ax.set_axisbelow(True)
        ax.spines["left"].set_visible(False)
        cs.title(fig, title)
        line = cs.plain(s.pass_line, thai_digits)
        drawn = {("good" if lv in passing else "bad" if dist.loc[lv, "in_scale"] else "other")
                 for lv, n in zip(dist.index, counts) if n}
        handles = [h for kind, h in (
            ("good", Patch(facecolor=cs.STRENGTH_COLOUR, edgecolor=cs.STRENGTH_COLOUR,
                           label=f"ระดับที่คะแนนรวมผ่านเกณฑ์ (≥ {line})")),
            ("bad", Patch(facecolor=cs.WEAKNESS_COLOUR, edgecolor=cs.WEAKNESS_EDGE, hatch=cs.WEAKNESS_HATCH,
                          label=f"ระดับที่ต่ำกว่าเกณฑ์ (< {line})")),
            ("other", Patch(facecolor="#bbbbbb", edgecolor=cs.MUTED_COLOUR, label="ระดับนอกมาตรวัดของปีนี้")),
        ) if kind in drawn]  # only the kinds of bar the chart draws
        if handles:
            fig.legend(handles=handles, loc="outside lower center", ncols=len(handles), frameon=False,
                       handlelength=2.2, handleheight=1.0, columnspacing=2.0)
        cs.finish(fig, family)
    return fig


def totals_chart(s: ProvinceSummary, thai_digits: bool = True) -> Figure | None:
    """How the totals spread: a histogram in 5-point bins with the pass line and the median."""
    if s.df.empty:
        return None
    family = cs.use_sarabun()
    totals = s.df["total"].round(2).to_numpy()
    lo = max(0, int(math.floor(totals.min() / 5) * 5))
    lo = min(lo, int(s.pass_line) - 10)
    edges = np.arange(lo, 105, 5, dtype=float)
    counts, _ = np.histogram(totals, bins=edges)
    median = float(np.median(s.df["total"]))
    title = chart_title(f"การกระจายของคะแนนรวม ITA {year_text(s, thai_digits)}", s, thai_digits)
    with cs.style(family):
        fig = cs.new_figure(5.8 * cs.CM + cs.chrome_in(title, extra=-0.1))
        ax = fig.add_subplot()
        bars = ax.bar(edges[:-1], counts, width=5, align="edge", zorder=2)
        for i, (bar, left, n) in enumerate(zip(bars, edges[:-1], counts)):
            bar.set_gid(f"bar-total-{i}")
            if left < s.pass_line:
                bar.set(facecolor=cs.WEAKNESS_COLOUR, edgecolor=cs.WEAKNESS_EDGE, hatch=cs.WEAKNESS_HATCH, linewidth=0.8)
            else:
                bar.set(facecolor=cs.STRENGTH_COLOUR, edgecolor="#ffffff", linewidth=0.8)
            if n:
                ax.text(left + 2.5, n, Figures(thai_digits).count(int(n)), ha="center", va="bottom", fontweight="bold",
                        gid=f"value-total-{i}", zorder=5)
        top = max(int(counts.max()), 1)
        ax.set_ylim(0, top * 1.3 + 0.5)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=5))
        ax.yaxis.set_major_formatter(cs.tick_formatter(thai_digits))
        ax.set_ylabel("จำนวนหน่วยงาน (แห่ง)")
        ax.set_xlim(lo, 100)
        ax.xaxis.set_major_locator(FixedLocator(edges))
        ax.xaxis.set_major_formatter(cs.tick_formatter(thai_digits))
        ax.set_xlabel("คะแนนรวม (ช่วงละ ๕ คะแนน)" if thai_digits else "คะแนนรวม (ช่วงละ 5 คะแนน)")
        ax.grid(axis="y", color="#d9d9d9", linewidth=0.6, zorder=0)
        ax.set_axisbelow(True)
        cs.pass_line(ax, s.pass_line, thai_digits)
        ax.axvline(median, color=cs.TEXT_COLOUR, linestyle=":", linewidth=1.2, zorder=4, gid="median-line")
        ax.text(median, 0.97, f"มัธยฐาน {Figures(thai_digits).num(median)}", transform=blended_transform_factory(
            ax.transData, ax.transAxes), ha="right" if median > 92 else "left", va="top", color=cs.TEXT_COLOUR,
            gid="median-label", bbox=cs.HALO, zorder=6)
        cs.title(fig, title)
        cs.finish(fig, family)
    return fig


def indicator_chart(s: ProvinceSummary, thai_digits: bool = True) -> Figure | None:
    """Province averages per indicator against the pass line, beside the share of organisations below it."""
    if s.df.empty:
        return None
    family = cs.use_sarabun()
    inds = s.indicator_summary()
    labels = [cs.label(f"{Figures(thai_digits).count(n)} {r['name']}", cs.LABEL_WIDTH) for n, r in inds.iterrows()]
    means = list(inds["mean"])
    weak = [round(m, 2) < s.pass_line for m in means]
    title = chart_title(f"คะแนนเฉลี่ยรายตัวชี้วัด ITA {year_text(s, thai_digits)} และสัดส่วนหน่วยงานที่ต่ำกว่าเกณฑ์",
                         s, thai_digits)
    with cs.style(family):
        fig = cs.new_figure(cs.bar_height_in(labels) + cs.chrome_in(title, extra=0.1))
        left, right = fig.subplots(1, 2, sharey=True, gridspec_kw={"width_ratios": [2.3, 1]})
        backgrounds = ["#ffffff"] * len(means)
        groups: dict[str, list[int]] = {}
        for pos, (n, r) in enumerate(inds.iterrows()):
            groups.setdefault(r["tool"], []).append(pos)
        for k, rows in enumerate(groups.values()):
            for row in rows:
                backgrounds[row] = cs.BAND_COLOUR if k % 2 == 0 else "#ffffff"
        spans = cs.hbars(left, labels, means, weak, thai_digits, gid="bar-indicator", backgrounds=backgrounds)
        if not cs.zoomed(means):
            left.set_xlabel("คะแนนเฉลี่ย")
        for k, (tool, rows) in enumerate(groups.items()):
            lo, hi = spans[min(rows)][0] - spans[min(rows)][1], spans[max(rows)][0] + spans[max(rows)][1]
            for ax in (left, right):
                if k % 2 == 0:
                    ax.axhspan(lo, hi, color=cs.BAND_COLOUR, zorder=0, linewidth=0)
                if k:
                    ax.axhline(lo, color="#bbbbbb", linewidth=0.7, zorder=1)
            right.text(1.04, (lo + hi) / 2, tool, transform=blended_transform_factory(right.transAxes, right.transData),
                       ha="left", va="center", fontweight="bold", color=cs.MUTED_COLOUR, gid=f"tool-{tool}")
        cs.pass_line(left, s.pass_line, thai_digits)
        shares = list(inds["share_below"])
        bars = right.barh([c for c, _ in spans], shares, height=0.62, zorder=2)
        for i, (bar, share, n) in enumerate(zip(bars, shares, inds["below"])):
            bar.set(facecolor=cs.WEAKNESS_COLOUR, edgecolor=cs.WEAKNESS_EDGE, hatch=cs.WEAKNESS_HATCH, linewidth=0.8,
                    gid=f"bar-below-{i}")
            right.text(share + 3, spans[i][0], f"{Figures(thai_digits).count(int(n))} แห่ง", va="center", ha="left", zorder=5,
                       color=cs.WEAKNESS_EDGE if n else cs.MUTED_COLOUR, fontweight="bold" if n else "normal",
                       gid=f"value-below-{i}")
        right.set_xlim(0, 140)
        right.xaxis.set_major_locator(FixedLocator([0, 50, 100]))
        right.xaxis.set_major_formatter(FuncFormatter(lambda x, _p: Figures(thai_digits).digits(f"{x:.0f}%")))
        right.set_xlabel("ต่ำกว่าเกณฑ์ (% ของหน่วยงาน)")
        right.tick_params(axis="y", length=0, labelleft=False)
        right.spines["left"].set_visible(False)
        right.grid(axis="x", color="#d9d9d9", linewidth=0.6, zorder=0)
        right.set_axisbelow(True)
        cs.title(fig, title)
        cs.legend(fig, s.pass_line, thai_digits, "เฉลี่ยผ่านเกณฑ์", "เฉลี่ยต่ำกว่าเกณฑ์", weak=weak)
        cs.finish(fig, family)
    return fig


def tick_places(x: float) -> int:
    """Decimal places that show a tick value exactly (at most 2): 1, 0.5, 0.25."""
    return next((d for d in (0, 1) if abs(x - round(x, d)) < 1e-9), 2)


def change_chart(s: ProvinceSummary, thai_digits: bool = True, limit: int = CHART_CHANGES) -> Figure | None:
    """Change of the total against last year per organisation, gains up top; with many organisations only the
    ``limit`` biggest gains and drops. None when no organisation has last year's total."""
    known = s.df[s.df["change"].notna()]
    if known.empty:
        return None
    family = cs.use_sarabun()
    ordered = known.assign(_k=[thai.sort_key(n) for n in known["name"]]).sort_values(
        ["change", "_k"], ascending=[False, True])
    cut = len(ordered) > 2 * limit
    if cut:
        ordered = pd.concat([ordered.head(limit), ordered.tail(limit)])
    labels = [fit(n, 26) for n in ordered["short_name"]]
    changes = list(ordered["change"])
    subject = f"การเปลี่ยนแปลงของคะแนนรวม ITA {year_text(s, thai_digits)} เทียบกับ พ.ศ. {Figures(thai_digits).digits(str(s.previous_year))}"
    extra = ""
    if cut:
        extra = f" แสดงที่เพิ่มขึ้นและลดลงมากที่สุดอย่างละ {Figures(thai_digits).count(limit)} แห่ง"
    title = chart_title(subject, s, thai_digits, extra)
    with cs.style(family):
        fig = cs.new_figure(max(len(labels), CHANGE_ROWS_MIN) * 0.24 + 0.2 + cs.chrome_in(title, extra=-0.3))
        ax = fig.add_subplot()
        y = np.arange(len(changes), dtype=float)
        if cut:
            y[limit:] += 0.8  # a gap where the middle of the list is left out
        bars = ax.barh(y, changes, height=0.62, zorder=2)
        span = max(abs(c) for c in changes) or 1
        for i, (bar, c) in enumerate(zip(bars, changes)):
            bar.set_gid(f"bar-change-{i}")
            if c <= -UNCHANGED:
                bar.set(facecolor=cs.WEAKNESS_COLOUR, edgecolor=cs.WEAKNESS_EDGE, hatch=cs.WEAKNESS_HATCH, linewidth=0.8)
            elif c >= UNCHANGED:
                bar.set(facecolor=cs.STRENGTH_COLOUR, edgecolor=cs.STRENGTH_COLOUR, linewidth=0.8)
            else:
                bar.set(facecolor="#999999", edgecolor="#999999")
            sign = "+" if c >= UNCHANGED else ("-" if c <= -UNCHANGED else "±")
            text = sign + Figures(thai_digits).num(abs(c))
            ax.text(c + (span * 0.02 if c >= 0 else -span * 0.02), y[i], text, va="center",
                    ha="left" if c >= 0 else "right", zorder=5, gid=f"value-change-{i}",
                    color=cs.WEAKNESS_EDGE if c <= -UNCHANGED else cs.TEXT_COLOUR)
        if cut:
            rest = len(known) - 2 * limit
            ax.text(0, limit - 0.1, f"(อีก {Figures(thai_digits).count(rest)} แห่งอยู่ระหว่างนี้)", ha="center",
                    va="center", color=cs.MUTED_COLOUR, zorder=6, gid="change-gap", bbox=cs.HALO)
        ax.set_yticks(y, labels)
        ax.tick_params(axis="y", length=0, pad=6)
        ax.set_ylim(y[-1] + 0.6, -0.6)
        ax.set_xlim(-span * 1.4, span * 1.4)
        ax.axvline(0, color=cs.TEXT_COLOUR, linewidth=0.9, zorder=3)
        ax.xaxis.set_major_locator(MaxNLocator(nbins=8, steps=[1, 2, 4, 5, 10]))  # no 0.25 steps: no tick rounded
        ax.xaxis.set_major_formatter(FuncFormatter(
            lambda x, _p: ("+" if x > 0 else "") + thai.number(x, tick_places(x), thai_digits)))
        ax.set_xlabel("คะแนนรวมที่เปลี่ยนแปลง (คะแนน)")
        ax.grid(axis="x", color="#d9d9d9", linewidth=0.6, zorder=0)
        ax.set_axisbelow(True)
        ax.spines["left"].set_visible(False)
        cs.title(fig, title)
        handles = [h for shown, h in (
            (any(c >= UNCHANGED for c in changes),
             Patch(facecolor=cs.STRENGTH_COLOUR, edgecolor=cs.STRENGTH_COLOUR, label="คะแนนรวมสูงขึ้น")),
            (any(c <= -UNCHANGED for c in changes),
             Patch(facecolor=cs.WEAKNESS_COLOUR, edgecolor=cs.WEAKNESS_EDGE, hatch=cs.WEAKNESS_HATCH, label="คะแนนรวมลดลง")),
            (any(-UNCHANGED < c < UNCHANGED for c in changes),
             Patch(facecolor="#999999", edgecolor="#999999", label="คงเดิม")),
        ) if shown]  # only the kinds of bar the chart draws
        fig.legend(handles=handles, loc="outside lower center", ncols=len(handles), frameon=False,
                   handlelength=2.2, handleheight=1.0, columnspacing=2.0)
        cs.finish(fig, family)
    return fig
