"""A loaded report follows its params in the notebook: edits recompute, bad values are the CLI's errors."""
from __future__ import annotations

import pytest

from tests.support import EXAMPLES
from toolkit.documents.analysis.report import AnalysisReport
from toolkit.documents.plan.report import PlanReport
from toolkit.kit.errors import InputErrors

THUNG = EXAMPLES / "thungtuayang_2569.yaml"  # indicator 9: 52.50, 10: 21.25; official OIT 36.88 published


def explored(path):
    """A report an analyst explores: edited indicators would contradict the published tool scores, which
    are kept as published (accept_published), as in a what-if."""
    report = AnalysisReport.load(path)
    report.params.accept_published = True
    return report


def test_an_edited_indicator_recomputes_every_figure():
    report = explored(THUNG)
    before = str(report.results()), str(report.indicator_chart())
    report.params.assessment.indicators[9] = 90
    assert report.analysis.indicators[8].score == 52.5  # nothing recomputed until a section is asked for
    after = str(report.results()), str(report.indicator_chart())
    assert report.analysis.indicators[8].score == 90
    assert after[0] != before[0] and after[1] != before[1]
    assert report.analysis.total_computed > AnalysisReport.load(THUNG).analysis.total_computed


def test_an_invalid_edit_raises_the_cli_error():
    report = AnalysisReport.load(THUNG)
    report.params.assessment.indicators[9] = "เก้าสิบ"
    with pytest.raises(InputErrors) as err:
        report.results()
    assert "assessment.indicators.9" in err.value.message_en() and "ต้องเป็นตัวเลข" in err.value.message_th()
    assert "thungtuayang_2569.yaml" in err.value.message_en()


def test_update_returns_a_new_report_and_leaves_this_one():
    report = explored(THUNG)
    changed = report.update(assessment={"indicators": {10: 95}})
    assert changed.analysis.indicators[9].score == 95 and changed.analysis.indicators[8].score == 52.5
    assert report.analysis.indicators[9].score == 21.25
    with pytest.raises(InputErrors):
        report.update(fiscal_year="next year")


def test_other_document_types_follow_their_params_too():
    report = PlanReport.load(EXAMPLES / "plan_ipan_2566.yaml")
    report.params.organisation.name = "องค์การบริหารส่วนตำบลแก้ไขแล้ว"
    assert "แก้ไขแล้ว" in str(report.cover())
