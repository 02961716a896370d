"""Every chart of every example, as a reader sees it: no label on a line or on another label (matplotlib's
own text extents), legends that name only what is drawn, no chart that says nothing."""
from __future__ import annotations

import copy

import pytest
from matplotlib.collections import QuadMesh
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle

from tests.support import EXAMPLES, PLAN_EXAMPLE, PROVINCE_EXAMPLE, example_files
from toolkit.documents.analysis import charts as acharts
from toolkit.documents.analysis.analyse import analyse
from toolkit.documents.integrity.charts import status_chart
from toolkit.documents.plan.charts import budget_chart
from toolkit.documents.province import charts as pcharts
from toolkit.documents.province.heatmap import heatmap_charts
from toolkit.documents.province.stats import ProvinceSummary
from toolkit.documents.registry import load_params, validate
from toolkit.kit import chartstyle as cs


def figures_of(path) -> list[tuple[str, Figure]]:
    """Every chart the example's document draws, by name."""
    if path.suffix == ".json":
        s = ProvinceSummary.load(path)
        figs = {"levels": pcharts.level_chart(s), "totals": pcharts.totals_chart(s),
                "indicators": pcharts.indicator_chart(s), "changes": pcharts.change_chart(s)}
        figs.update({f"heatmap-{k}": f for k, f in enumerate(heatmap_charts(s))})
        return [(k, f) for k, f in figs.items() if f is not None]
    params = load_params(path)
    if params.document == "ita_analysis":
        return list(acharts.charts(analyse(params)).items())
    if params.document == "integrity_report":
        fig = status_chart(params)
    else:
        fig = budget_chart(params)
    return [] if fig is None else [(params.document, fig)]


CHARTS = [(f"{p.stem}:{name}", fig) for p in example_files() if p.suffix in (".yaml", ".json")
          for name, fig in figures_of(p)]


def drawn_colours(fig: Figure) -> set[str]:
    colours = set()
    for ax in fig.axes:
        for patch in ax.patches:
            if isinstance(patch, Rectangle) and patch.get_width() and patch.get_height():
                colours.add(to_hex(patch.get_facecolor()))
        for mesh in ax.collections:
            if isinstance(mesh, QuadMesh):
                colours |= {to_hex(c) for c in mesh.get_facecolors()}
    return colours


def test_the_examples_have_charts_to_check():
    kinds = {name.split(":")[0] for name, _ in CHARTS}
    assert {"samruean_2569", "thungtuayang_2569", "integrity_muangtao_2566", "province_ratchaburi_2569"} <= kinds
    assert len(CHARTS) >= 12


@pytest.mark.parametrize("name,fig", CHARTS, ids=[n for n, _ in CHARTS])
def test_no_label_sits_on_a_line_or_another_label(name, fig):
    cs.to_png(fig, dpi=60)  # drawn once, as the exporter does, so every tick label exists
    assert cs.overlaps(fig) == [], name


@pytest.mark.parametrize("name,fig", CHARTS, ids=[n for n, _ in CHARTS])
def test_legends_name_only_what_is_drawn(name, fig):
    fig.canvas.draw()  # a heatmap maps its values to colours when drawn
    colours = drawn_colours(fig)
    line_styles = {(to_hex(ln.get_color()), ln.get_linestyle()) for ax in fig.axes for ln in ax.lines}
    for legend in fig.legends:
        for handle, text in zip(legend.legend_handles, legend.get_texts()):
            if isinstance(handle, Patch):
                assert to_hex(handle.get_facecolor()) in colours, (name, text.get_text())
            elif isinstance(handle, Line2D):
                assert (to_hex(handle.get_color()), handle.get_linestyle()) in line_styles, (name, text.get_text())


def test_a_plan_budget_of_one_series_of_equal_values_is_not_drawn():
    params = load_params(PLAN_EXAMPLE)  # 20,000 baht in each of five years, one dimension
    assert budget_chart(params) is None
    data = copy.deepcopy(params.model_dump(mode="json", by_alias=True))
    project = data["dimensions"][0]["areas"][0]["projects"][0]
    other = {**copy.deepcopy(project), "name": "โครงการที่สอง", "budget": {"per_year": {"2567": 35000}}}
    data["dimensions"][0]["areas"][0]["projects"].append(other)
    data.pop("summary", None)
    assert budget_chart(validate(data)) is not None  # two projects, years differ: the chart says something


def test_the_checks_can_fail():
    """A legend key for a kind of bar that is not drawn, and a label on a line, are both caught."""
    family = cs.use_sarabun()
    with cs.style(family):
        fig = cs.new_figure(2.0)
        ax = fig.add_subplot()
        cs.hbars(ax, ["ก"], [90.0], [False], True, gid="bar-x")
        cs.pass_line(ax, 85, True)
        cs.legend(fig, 85, True, "ผ่าน", "ไม่ผ่าน")  # weak=None: both keys, one of them not drawn
        ax.text(85, 0, "ทับเส้น", ha="center", gid="stuck")
        cs.finish(fig, family)
    keys = [to_hex(h.get_facecolor()) for h in fig.legends[0].legend_handles if isinstance(h, Patch)]
    assert cs.WEAKNESS_COLOUR in keys and cs.WEAKNESS_COLOUR not in drawn_colours(fig)
    assert ("stuck", "pass-line") in cs.overlaps(fig)


def test_examples_folder_is_the_one_checked():
    assert PROVINCE_EXAMPLE.parent == EXAMPLES
