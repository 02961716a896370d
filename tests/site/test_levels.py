"""Levels from the framework files, their colours (WCAG AA contrast computed), and the charts' geometry."""
from __future__ import annotations

import pytest

from toolkit.frameworks import available_years, load_framework
from toolkit.site import chart, levels


def test_the_contrast_checker_fails_a_low_contrast_pair():
    """Shown to fail before it is trusted: #777 on white is 4.48:1, just below AA."""
    assert levels.contrast("#777777", "#ffffff") < 4.5
    assert levels.contrast("#767676", "#ffffff") >= 4.5
    assert round(levels.contrast("#000000", "#ffffff"), 2) == 21.0
    assert levels.contrast("#fff", "#ffffff") == 1.0


@pytest.mark.parametrize("tone", sorted(levels.TONES))
def test_every_level_badge_has_aa_contrast(tone):
    """White bold text on each tone's colour."""
    assert levels.contrast("#ffffff", levels.TONES[tone]) >= 4.5


@pytest.mark.parametrize("text", levels.TEXT_COLOURS)
@pytest.mark.parametrize("background", levels.BACKGROUNDS)
def test_every_text_colour_has_aa_contrast_on_every_background(text, background):
    assert levels.contrast(levels.THEME[text], levels.THEME[background]) >= 4.5


def test_chart_fills_stand_out_from_the_paper():
    """Bars are graphics: WCAG asks 3:1 against what is around them."""
    for colour in levels.TONES.values():
        assert levels.contrast(colour, levels.THEME["paper"]) >= 3


def test_levels_come_from_every_framework_best_first():
    known = levels.known_levels()
    for year in available_years():
        fw = load_framework(year)
        names = fw.levels.names
        assert all(n in known for n in names)
        assert [n for n in known if n in names] == names  # each scale in its own order, best first
        assert known[names[0]] == "best" and known[names[-1]] == "worst"
    assert known["ผ่านดี"] == "good" and known["ผ่าน"] == "pass" and known["ต้องปรับปรุง"] == "low"
    assert levels.tone("ระดับที่ไม่มี") == "none"
    assert levels.level_order(["ผ่าน", "ข", "ผ่านดีเยี่ยม", "ก", ""]) == ["ผ่านดีเยี่ยม", "ผ่าน", "ก", "ข"]


def test_pass_line_and_national_figures_are_the_frameworks():
    assert levels.pass_line(2568) == load_framework(2568).pass_line == 85
    assert levels.pass_line(None) == 85 and levels.pass_line(1999) == 85  # unknown year: the newest framework's
    figures = levels.national(2568)
    assert figures.agencies == 8317 and figures.average == 93.82
    assert levels.national(None) is None and levels.national(1999) is None


def test_level_chart_bars_are_proportional_and_labelled():
    c = chart.level_chart({"ผ่านดีเยี่ยม": 2, "ผ่านดี": 6, "ต้องปรับปรุง": 1}, no_level=1, thai_digits=True)
    widths = [b["w"] for b in c["bars"]]
    assert widths[1] == max(widths) and abs(widths[0] / widths[1] - 2 / 6) < 0.01
    assert [b["label"] for b in c["bars"]] == ["ผ่านดีเยี่ยม", "ผ่านดี", "ต้องปรับปรุง", "ไม่มีข้อมูลระดับ"]
    assert c["bars"][1]["value"] == "๖ (๖๐.๐%)"
    assert c["bars"][0]["fill"] == levels.TONES["best"] and c["bars"][3]["fill"] == levels.TONES["none"]
    assert chart.level_chart({}, 0, True)["empty"]


def test_total_chart_bins_totals_and_marks_the_pass_line():
    totals = [50.0, 59.99, 60.0, 84.99, 85.0, 94.99, 95.0, 100.0]
    c = chart.total_chart(totals, 85, thai_digits=False)
    counts = [int(b["value"]) for b in c["bars"]]
    assert sum(counts) == len(totals)
    assert counts == [2, 1, 0, 0, 0, 1, 1, 1, 2]  # <60, 60–65, … 80–85, 85–90, 90–95, 95–100
    below = [b["fill"] == levels.TONES["low"] for b in c["bars"]]
    assert below == [True] * 6 + [False] * 3
    marker_bar = c["bars"][chart.BINS.index(85)]
    assert c["marker"]["x"] == pytest.approx(marker_bar["x"] - 3, abs=0.2)
    assert [t["label"] for t in c["ticks"]] == ["60", "65", "70", "75", "80", "85", "90", "95", "100"]
    assert c["ticks"][-1]["x"] <= c["width"] - 10  # the last label stays inside the picture
