"""Two small charts drawn as inline SVG (no script, no image file): organisations per level, and totals.

Only geometry and text are computed here; templates/parts.html.j2 draws them, so every label passes
through Jinja2's escaping like the rest of the page. Each chart has a text equivalent (title, desc and
per-bar titles) for screen readers.
"""
from __future__ import annotations

from collections.abc import Sequence

from ..kit import thai
from . import levels

__all__ = ["BINS", "level_chart", "total_chart"]

WIDTH = 440
#: Lower edges of the total bins (the last bin includes 100).
BINS = (0, 60, 65, 70, 75, 80, 85, 90, 95)


def _n(value: float, decimals: int, thai_digits: bool) -> str:
    return thai.number(value, decimals, thai_digits=thai_digits)


def level_chart(counts: dict[str, int], no_level: int, thai_digits: bool) -> dict:
    """One bar per level, best first: name, bar, count and share of the organisations with a level."""
    items = [(lv, n, levels.TONES[levels.tone(lv)]) for lv, n in counts.items()]
    if no_level:
        items.append(("ไม่มีข้อมูลระดับ", no_level, levels.TONES["none"]))
    total = sum(n for _, n, _ in items)
    top = max((n for _, n, _ in items), default=0)
    row, label_w, bar_x, bar_max = 32, 150, 156, 160
    bars = []
    for i, (name, n, colour) in enumerate(items):
        w = 0 if not top else max(2.0 if n else 0.0, bar_max * n / top)
        share = 100 * n / total if total else 0
        value = f"{thai.number(n, 0, thai_digits=thai_digits, grouping=True)} ({_n(share, 1, thai_digits)}%)"
        bars.append({"label": name, "x": bar_x, "y": 8 + i * row, "w": round(w, 1), "h": row - 10,
                     "fill": colour, "value": value, "value_x": round(bar_x + w + 6, 1), "text_y": 8 + i * row + 15,
                     "label_x": label_w, "title": f"{name}: {value}"})
    desc = ", ".join(b["title"] for b in bars)
    return {"width": WIDTH, "height": 8 + row * max(1, len(items)), "bars": bars, "desc": desc,
            "title": "จำนวนหน่วยงานตามระดับผลการประเมิน", "empty": not items}


def _edge(i: int, thai_digits: bool) -> str:
    return _n(BINS[i] if i < len(BINS) else 100, 0, thai_digits)


def total_chart(totals: Sequence[float], pass_line: float, thai_digits: bool) -> dict:
    """A histogram of totals in 5-point bins (below 60 together), with the pass line marked."""
    counts = [0] * len(BINS)
    for t in totals:
        i = max(k for k, lo in enumerate(BINS) if t >= lo or k == 0)
        counts[i] += 1
    top = max(counts) or 1
    left, right, base, plot_h = 8, WIDTH - 18, 150, 118
    step = (right - left) / len(BINS)
    bars = []
    for i, n in enumerate(counts):
        h = round(plot_h * n / top, 1) if n else 0
        x = round(left + i * step + 3, 1)
        below = (BINS[i + 1] if i + 1 < len(BINS) else 100) <= pass_line
        hi = _edge(i + 1, thai_digits)
        label = f"ต่ำกว่า {hi}" if i == 0 else f"{_edge(i, thai_digits)}–{hi}"
        bars.append({"x": x, "y": round(base - h, 1), "w": round(step - 6, 1), "h": h,
                     "fill": levels.TONES["low" if below else "good"], "cx": round(x + (step - 6) / 2, 1),
                     "value": thai.number(n, 0, thai_digits=thai_digits, grouping=True), "value_y": round(base - h - 5, 1), "label": label,
                     "title": f"คะแนนรวม {label}: {_n(n, 0, thai_digits)} แห่ง"})
    # the axis: each bin's upper edge under its right side ("60" … "100"), so labels never collide
    ticks = [{"x": round(left + (i + 1) * step, 1), "label": _edge(i + 1, thai_digits)} for i in range(len(BINS))]
    marker = None
    if pass_line in BINS:
        i = BINS.index(pass_line)
        marker = {"x": round(left + i * step, 1), "label": f"เกณฑ์ผ่าน {_n(pass_line, 0, thai_digits)}"}
    desc = ", ".join(b["title"] for b in bars)
    return {"width": WIDTH, "height": base + 30, "base": base, "left": left, "right": right, "bars": bars,
            "marker": marker, "ticks": ticks, "desc": desc, "title": "การกระจายของคะแนนรวม", "empty": not totals}
