"""Charts: the bars say what the scores say, Thai renders in Sarabun, and nothing leaks between runs."""
from __future__ import annotations

import copy
import io
import os
import re
import struct
from dataclasses import replace
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt  # only to prove the charts never register figures with pyplot
import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.text import Text

from tests.support import SEED003
from toolkit.documents.analysis import charts
from toolkit.documents.analysis.analyse import analyse
from toolkit.documents.registry import load_params, validate
from toolkit.kit import chartstyle as cs
from toolkit.kit import thai

THAI_DIGIT = re.compile("[๐-๙]")
ARABIC_DIGIT = re.compile("[0-9]")

WEAK_INDICATORS = {1: 72.5, 2: 88.1, 3: 64.33, 4: 59.05, 5: 81.9, 6: 90.26, 7: 84.99, 8: 77.0, 9: 45.0, 10: 100}


def weak_data(thai_digits: bool = True, history: bool = True, items: bool = True) -> dict:
    """A synthetic organisation with six indicators under the pass line."""
    item_scores = {
        **{f"i{k}": v for k, v in zip(range(1, 16), [70, 75, 72.5, 90, 88, 86, 60, 66, 67, 50, 60, 67.15, 80, 82, 83.7])},
        **{f"e{k}": v for k, v in zip(range(1, 10), [92, 90, 88, 85, 84, 86, 75, 78, 78])},
        **{f"o{k}": (0 if k in (5, 6, 7, 12, 13, 14, 15) else 50 if k in (8, 9, 16) else 100) for k in range(1, 29)},
    }
    return {
        "organisation": {"name": "เทศบาลตำบลบ้านผู้ใหญ่ปี่ทอง", "district": "เมือง", "province": "ราชบุรี"},
        "fiscal_year": 2569,
        "assessment": {"year": 2568, "indicators": dict(WEAK_INDICATORS), "items": item_scores if items else {}},
        "previous": [{"year": 2565, "total": 58.2, "level": "D"}, {"year": 2566, "total": 66.4, "level": "C"},
                     {"year": 2567, "total": 71.93}] if history else [],
        "style": {"thai_digits": thai_digits},
    }


@pytest.fixture(scope="module")
def seed():
    return analyse(load_params(SEED003))


@pytest.fixture(scope="module")
def weak():
    return analyse(validate(weak_data()))


@pytest.fixture(scope="module")
def weak_arabic():
    return analyse(validate(weak_data(thai_digits=False)))


# --------------------------------------------------------------------------- helpers


def bars(fig: Figure, prefix: str) -> list[Rectangle]:
    ax = fig.axes[0]
    found = [p for p in ax.patches if (p.get_gid() or "").startswith(prefix)]
    return sorted(found, key=lambda p: int(p.get_gid().rsplit("-", 1)[1]))


def gid_texts(fig: Figure, prefix: str) -> list[Text]:
    return [t for t in fig.findobj(Text) if (t.get_gid() or "").startswith(prefix)]


def pass_line(fig: Figure) -> Line2D:
    (line,) = [ln for ln in fig.axes[0].lines if ln.get_gid() == "pass-line"]
    return line


def visible_texts(fig: Figure) -> list[Text]:
    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]


def rendered(fig: Figure) -> Figure:
    """Draw as a notebook or the exporter would, so tick labels exist."""
    cs.to_png(fig)
    return fig


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def all_figures(a) -> dict[str, Figure]:
    return {
        "indicators": charts.indicator_chart(a),
        "tools": charts.tool_chart(a),
        "items": charts.items_chart(a),
        "history": charts.history_chart(a),
    }


# --------------------------------------------------------------------------- fonts


def test_use_sarabun_registers_once_and_returns_the_family():
    family = cs.use_sarabun()
    assert family == "Sarabun"
    entries = [f for f in matplotlib.font_manager.fontManager.ttflist if f.name == "Sarabun"]
    assert {f.weight for f in entries} >= {400, 700}  # Regular and Bold at least
    before = len(matplotlib.font_manager.fontManager.ttflist)
    cs.use_sarabun.cache_clear()  # even a second real registration adds nothing
    assert cs.use_sarabun() == "Sarabun"
    assert len(matplotlib.font_manager.fontManager.ttflist) == before


def test_every_text_is_set_in_sarabun(seed, weak):
    for a in (seed, weak):
        for name, fig in all_figures(a).items():
            texts = visible_texts(rendered(fig))
            assert len(texts) > 10, name
            wrong = {t.get_text(): t.get_fontname() for t in texts if t.get_fontname() != "Sarabun"}
            assert not wrong, (name, wrong)


# --------------------------------------------------------------------------- indicator chart


def test_indicator_bars_are_the_scores_from_zero(seed):
    fig = charts.indicator_chart(seed)
    found = bars(fig, "bar-indicator")
    assert [round(b.get_width(), 2) for b in found] == [i.score for i in seed.indicators]
    assert all(b.get_x() == 0 for b in found)
    assert fig.axes[0].get_xlim()[0] == 0
    # first indicator on top: larger y is lower on an inverted axis
    ys = [b.get_y() for b in found]
    assert ys == sorted(ys) and fig.axes[0].yaxis_inverted()


def test_pass_line_is_at_85_and_labelled(seed):
    fig = charts.indicator_chart(seed)
    line = pass_line(fig)
    assert list(line.get_xdata()) == [85, 85]
    assert line.get_linestyle() == "--"
    (label,) = gid_texts(fig, "pass-label")
    assert label.get_text() == "เกณฑ์ผ่าน ๘๕"


def test_weak_and_strong_bars_have_their_colours(weak):
    fig = charts.indicator_chart(weak)
    for ind, bar in zip(weak.indicators, bars(fig, "bar-indicator")):
        assert ind.weak == (ind.score < 85)
        if ind.weak:
            assert to_hex(bar.get_facecolor()) == cs.WEAKNESS_COLOUR, ind.number
            assert to_hex(bar.get_edgecolor()) == cs.WEAKNESS_EDGE, ind.number
        else:
            assert to_hex(bar.get_facecolor()) == cs.STRENGTH_COLOUR, ind.number
            assert to_hex(bar.get_edgecolor()) == cs.STRENGTH_COLOUR, ind.number
    assert sum(ind.weak for ind in weak.indicators) == 7  # 84.99 is a weakness too


def test_weakness_and_strength_differ_in_greyscale():
    def grey(hex_colour: str) -> float:
        r, g, b = matplotlib.colors.to_rgb(hex_colour)
        return 0.299 * r + 0.587 * g + 0.114 * b

    assert abs(grey(cs.WEAKNESS_COLOUR) - grey(cs.STRENGTH_COLOUR)) > 0.2


def test_value_labels_have_two_decimals_in_the_chosen_digits(weak, weak_arabic):
    thai_labels = [t.get_text() for t in gid_texts(charts.indicator_chart(weak), "value-bar-indicator")]
    assert thai_labels[0] == "๗๒.๕๐" and thai_labels[-1] == "๑๐๐.๐๐"
    arabic_labels = [t.get_text() for t in gid_texts(charts.indicator_chart(weak_arabic), "value-bar-indicator")]
    assert arabic_labels == [f"{i.score:.2f}" for i in weak_arabic.indicators]


def test_indicator_labels_number_and_name(seed):
    fig = rendered(charts.indicator_chart(seed))
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels[0] == "๑ การปฏิบัติหน้าที่"
    assert labels[9] == "๑๐ การป้องกันการทุจริต"


def test_tool_groups_are_shown(seed):
    fig = charts.indicator_chart(seed)
    assert [t.get_text() for t in gid_texts(fig, "tool-")] == ["IIT", "EIT", "OIT"]
    bands = [p for p in fig.axes[0].patches if (p.get_gid() or "").startswith("band-")]
    assert bands  # alternate tools sit on a background band


def test_long_indicator_names_are_wrapped_at_word_boundaries(seed):
    long_name = "การเปิดเผยข้อมูลสาธารณะและการป้องกันการทุจริตในการจัดซื้อจัดจ้างของหน่วยงาน"
    a = copy.copy(seed)
    a.indicators = [replace(i, name=long_name) if i.number == 9 else i for i in seed.indicators]
    fig = rendered(charts.indicator_chart(a))
    label = fig.axes[0].get_yticklabels()[8].get_text()
    lines = label.split("\n")
    assert len(lines) >= 3
    assert all(thai.display_width(line) <= cs.LABEL_WIDTH for line in lines)
    text = f"๙ {long_name}"
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")  # nothing lost
    boundaries, pos = set(), 0
    for token in thai.tokenize(text):
        pos += len(token)
        boundaries.add(pos)
    pos = 0
    for line in lines[:-1]:  # every break falls between two words
        pos = text.index(line, pos) + len(line)
        assert pos in boundaries, (line, lines)


def test_tick_labels_follow_the_digit_style(weak, weak_arabic):
    for a, digit, other in ((weak, THAI_DIGIT, ARABIC_DIGIT), (weak_arabic, ARABIC_DIGIT, THAI_DIGIT)):
        for fig in (charts.indicator_chart(a), charts.tool_chart(a), charts.history_chart(a)):
            rendered(fig)
            ax = fig.axes[0]
            ticks = [t.get_text() for t in ax.get_xticklabels() + ax.get_yticklabels()]
            numeric = [t for t in ticks if digit.search(t)]
            assert numeric, ticks
            assert not [t for t in ticks if other.search(t)], ticks


# --------------------------------------------------------------------------- tool chart


def test_tool_chart_shows_tools_total_and_reported_level(seed):
    fig = charts.tool_chart(seed)
    ends = [round(b.get_x() + b.get_width(), 2) for b in bars(fig, "bar-tool")]
    assert ends == [96.86, 95.77, 97.50, 96.79]
    (level,) = gid_texts(fig, "level")
    assert seed.level == "ผ่านดี" and seed.level_computed != seed.level
    assert level.get_text().endswith("ผ่านดี")  # the official level, not the computed one
    assert list(pass_line(fig).get_xdata()) == [85, 85]
    values = [t.get_text() for t in gid_texts(fig, "value-bar-tool")]
    assert values == ["๙๖.๘๖", "๙๕.๗๗", "๙๗.๕๐", "๙๖.๗๙"]


def test_tool_chart_colours_tools_under_the_pass_line(weak):
    fig = charts.tool_chart(weak)
    scores = [t.score for t in weak.tools.values()] + [weak.total]
    for score, bar in zip(scores, bars(fig, "bar-tool")):
        expected = cs.WEAKNESS_COLOUR if score < 85 else cs.STRENGTH_COLOUR
        assert to_hex(bar.get_facecolor()) == expected


# --------------------------------------------------------------------------- items chart


def test_items_chart_shows_the_weakest_items_lowest_first(seed):
    fig = rendered(charts.items_chart(seed))
    assert [round(b.get_width(), 2) for b in bars(fig, "bar-item")] == [50.0, 71.43]
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels[0].startswith("o13 รายงานผล")  # codes stay Latin in both digit styles
    assert labels[1].startswith("i10 ") and "ขอยืมทรัพย์สินของราชการ" in labels[1].replace("\n", "")  # the question as published


def test_items_chart_limits_orders_and_wraps(weak):
    below = [i for i in weak.items if i.below_pass]
    assert len(below) > 12
    fig = rendered(charts.items_chart(weak, limit=12))
    found = bars(fig, "bar-item")
    assert len(found) == 12
    widths = [b.get_width() for b in found]
    assert widths == sorted(widths) and widths[0] == 0
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels[:3] == [lab for lab in labels[:3] if lab.startswith(("o5 ", "o6 ", "o7 "))]  # o5 before o12
    for label in labels:
        lines = label.split("\n")
        assert len(lines) <= cs.ITEM_LINES
        assert all(thai.display_width(line) <= cs.ITEM_WIDTH for line in lines), label
    assert f"แสดง ๑๒ ข้อแรกจาก {thai.to_thai_digits(str(len(below)))} ข้อ" in fig.axes[0].get_xlabel()


def test_items_chart_without_failures_shows_the_lowest_items_as_passing():
    data = weak_data()
    data["assessment"]["items"] = {code: max(score, 90.0) for code, score in data["assessment"]["items"].items()}
    data["assessment"]["items"]["o3"] = 100
    a = analyse(validate(data))
    fig = charts.items_chart(a)
    found = bars(fig, "bar-item")
    assert 0 < len(found) <= 5
    assert {to_hex(b.get_facecolor()) for b in found} == {cs.STRENGTH_COLOUR}
    assert "ต่ำสุด" in fig.get_suptitle()


def test_items_chart_is_none_without_items():
    a = analyse(validate(weak_data(items=False)))
    assert a.items == []
    assert charts.items_chart(a) is None


# --------------------------------------------------------------------------- history chart


def test_history_chart_is_none_with_one_year():
    a = analyse(validate(weak_data(history=False)))
    assert len(a.history) == 1
    assert charts.history_chart(a) is None


def test_history_chart_has_one_point_per_year(weak, seed):
    for a, years in ((weak, [2565, 2566, 2567, 2568]), (seed, [2567, 2568])):
        fig = rendered(charts.history_chart(a))
        (line,) = [ln for ln in fig.axes[0].lines if ln.get_gid() == "history-line"]
        assert list(line.get_xdata()) == years
        assert list(line.get_ydata()) == [h.total for h in a.history]
        ticks = [t.get_text() for t in fig.axes[0].get_xticklabels()]
        assert ticks == [thai.to_thai_digits(str(y)) for y in years]
    levels = [t.get_text() for t in gid_texts(charts.history_chart(weak), "level-")]
    assert levels == ["D", "C", weak.level]  # 2567 has no level: nothing is invented


# --------------------------------------------------------------------------- isolation, size, output


def test_no_pyplot_figures_and_no_rcparams_change(seed, weak):
    plt.close("all")
    before = copy.deepcopy(dict(matplotlib.rcParams))
    for a in (seed, weak):
        for fig in all_figures(a).values():
            cs.to_png(fig)
    assert plt.get_fignums() == []
    assert dict(matplotlib.rcParams) == before


def test_charts_ignore_what_a_notebook_did_to_rcparams(weak):
    clean = cs.to_png(charts.indicator_chart(weak))
    messy = {"font.family": "serif", "font.size": 22, "axes.facecolor": "black", "axes.prop_cycle":
             matplotlib.cycler(color=["red"]), "savefig.transparent": True, "figure.autolayout": True,
             "axes.unicode_minus": True, "hatch.linewidth": 4.0}
    with matplotlib.rc_context(messy):
        built_in_mess = charts.indicator_chart(weak)
        assert cs.to_png(built_in_mess) == clean
    fig = charts.indicator_chart(weak)
    with matplotlib.rc_context(messy):  # rendered later in a changed kernel: ticks are made at draw time
        assert cs.to_png(fig) == clean
    assert fig.axes[0].get_xticklabels()[0].get_fontname() == "Sarabun"


def test_notebook_display_outside_our_style_keeps_sarabun(weak):
    """The inline backend renders later, in the kernel's rcParams, with bbox_inches="tight"."""
    fig = charts.indicator_chart(weak)
    with matplotlib.rc_context({"font.family": "serif", "font.size": 22, "xtick.labelsize": 30}):
        fig.canvas.print_figure(io.BytesIO(), format="png", bbox_inches="tight")
    texts = visible_texts(fig)
    assert {t.get_fontname() for t in texts} == {"Sarabun"}
    assert max(t.get_fontsize() for t in texts) <= 12


def test_figures_fit_an_a4_column(seed, weak):
    for a in (seed, weak):
        for name, fig in all_figures(a).items():
            width, height = fig.get_size_inches()
            assert width * 2.54 == pytest.approx(16.0), name
            assert 5 < height * 2.54 < 24, name
            sizes = {t.get_fontsize() for t in visible_texts(rendered(fig))}
            assert min(sizes) >= 10 and max(sizes) <= 12, (name, sizes)


def test_to_png_renders_at_the_asked_resolution(seed):
    fig = charts.tool_chart(seed)
    w150, _ = png_size(cs.to_png(fig))
    w300, _ = png_size(cs.to_png(fig, dpi=300))
    assert w150 == pytest.approx(16 / 2.54 * 150, abs=2)
    assert w300 == pytest.approx(2 * w150, abs=2)
    assert cs.to_png(fig) == cs.to_png(fig)  # no timestamp: reruns give identical files


def test_nothing_sticks_out_of_the_figure(seed, weak):
    for a in (seed, weak):
        for name, fig in all_figures(a).items():
            cs.to_png(fig)
            renderer = fig.canvas.get_renderer()
            box = fig.bbox
            for t in visible_texts(fig):
                ext = t.get_window_extent(renderer)
                assert ext.x0 >= box.x0 - 1 and ext.x1 <= box.x1 + 1, (name, t.get_text())
                assert ext.y0 >= box.y0 - 1 and ext.y1 <= box.y1 + 1, (name, t.get_text())


def test_charts_returns_what_exists_and_previews_render(seed, weak, tmp_path):
    out = Path(os.environ.get("CHARTS_PREVIEW_DIR") or tmp_path)
    out.mkdir(parents=True, exist_ok=True)
    for label, a in (("seed003", seed), ("weak", weak)):
        figs = charts.charts(a)
        assert list(figs) == ["tools", "indicators", "items", "history"]
        for name, fig in figs.items():
            data = cs.to_png(fig)
            png_size(data)
            (out / f"{label}_{name}.png").write_bytes(data)
    single = analyse(validate(weak_data(history=False, items=False)))
    assert list(charts.charts(single)) == ["tools", "indicators"]


def test_png_has_no_tofu_boxes_for_thai(seed):
    """A missing glyph would come from DejaVu (the fallback): no text may need it."""
    from matplotlib.font_manager import FontProperties, fontManager

    regular = fontManager.findfont(FontProperties(family="Sarabun"))
    from matplotlib.ft2font import FT2Font

    cmap = FT2Font(regular).get_charmap()
    for fig in all_figures(seed).values():
        for t in visible_texts(rendered(fig)):
            missing = {ch for ch in t.get_text() if ch not in "\n" and ord(ch) not in cmap}
            assert not missing, (t.get_text(), missing)


# --------------------------------------------------------------------------- layout of labels, legends, axes


def test_bars_between_90_and_100_get_a_zoomed_axis_that_says_so(seed, weak):
    fig = rendered(charts.tool_chart(seed))  # 96.86, 95.77, 97.50, 96.79: alike on a 0–100 axis
    ax = fig.axes[0]
    assert ax.get_xlim()[0] == cs.ZOOM_FROM and all(b.get_x() == cs.ZOOM_FROM for b in bars(fig, "bar-tool"))
    assert "แกนเริ่มที่ ๘๐" in ax.get_xlabel()
    assert [ln for ln in ax.lines if ln.get_gid() == "axis-break"]  # the broken baseline is drawn
    widths = [b.get_width() for b in bars(fig, "bar-tool")]
    assert max(widths) / min(widths) > 1.08  # 17.50 against 15.77: the difference now shows
    # a chart with any bar under 90 keeps the honest 0 baseline
    assert charts.tool_chart(weak).axes[0].get_xlim()[0] == 0


def test_no_label_overlaps_a_line_or_another_label(seed, weak, weak_arabic):
    for a in (seed, weak, weak_arabic):
        for name, fig in all_figures(a).items():
            if fig is not None:
                assert cs.overlaps(rendered(fig)) == [], (name, a.params.organisation.name)


def test_the_overlap_check_finds_a_label_on_a_line():
    family = cs.use_sarabun()
    with cs.style(family):
        fig = cs.new_figure(2.0)
        ax = fig.add_subplot()
        ax.set_xlim(0, 100)
        ax.axvline(50, gid="pass-line")
        ax.text(49, 0.5, "ผ่านดี", gid="fixed-label")  # on the line, and not movable
        ax.text(10, 0.5, "ผ่านดี", gid="a")
        ax.text(11, 0.5, "ผ่านดี", gid="b")  # on label a
        cs.finish(fig, family)
    found = cs.overlaps(fig)
    assert ("fixed-label", "pass-line") in found and ("a", "b") in found


def test_a_value_label_on_the_pass_line_is_moved_clear_of_it():
    family = cs.use_sarabun()
    with cs.style(family):
        fig = cs.new_figure(2.0)
        ax = fig.add_subplot()
        cs.hbars(ax, ["ก", "ข"], [83.9, 40.0], [True, True], True, gid="bar-x")
        cs.pass_line(ax, 85, True)
        cs.finish(fig, family)
    assert cs.overlaps(fig) == []
    label = gid_texts(fig, "value-bar-x-0")[0]
    box = label.get_window_extent(fig.canvas.get_renderer())
    line_x = ax.transData.transform((85, 0))[0]
    assert box.x0 > line_x  # moved right of the line it sat on


def test_history_level_labels_keep_off_the_pass_line():
    data = weak_data()
    data["previous"] = [{"year": 2566, "total": 84.9, "level": "ต้องปรับปรุง"}, {"year": 2567, "total": 86.2, "level": "ผ่านดี"}]
    fig = rendered(charts.history_chart(analyse(validate(data))))
    assert cs.overlaps(fig) == []


def test_legends_list_only_what_is_drawn(seed, weak):
    def legend_labels(fig):
        return [t.get_text() for lg in fig.legends for t in lg.get_texts()]

    # seed 003: every indicator and every tool passes
    tools = legend_labels(charts.tool_chart(seed))
    assert not any(t.startswith("ต่ำกว่าเกณฑ์") for t in tools) and any(t.startswith("ผ่านเกณฑ์") for t in tools)
    inds = legend_labels(charts.indicator_chart(seed))
    assert not any(t.startswith("จุดอ่อน") for t in inds) and any(t.startswith("จุดแข็ง") for t in inds)
    both = legend_labels(charts.indicator_chart(weak))
    assert any(t.startswith("จุดอ่อน") for t in both) and any(t.startswith("จุดแข็ง") for t in both)
    # items all under the pass line: no "ผ่านเกณฑ์" key
    items = legend_labels(charts.items_chart(weak))
    assert not any(t.startswith("ผ่านเกณฑ์") for t in items)


def test_a_chart_of_equal_values_says_nothing():
    assert cs.says_nothing([20000, 20000, 20000, 20000, 20000])
    assert cs.says_nothing([])
    assert not cs.says_nothing([20000, 20000, 0])
