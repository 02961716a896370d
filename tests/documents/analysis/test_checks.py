"""Checks of the analysis params: fractions and contradictions refused, urgent measures, places, the CLI flag."""
from __future__ import annotations

import yaml

from tests.params.test_corpus import CASES, CORPUS
from tests.support import EXAMPLES, SEED003, example_files
from toolkit.documents import registry
from toolkit.documents.analysis.analyse import analyse
from toolkit.documents.analysis.checks import measure_findings, problems, urgent_first
from toolkit.documents.analysis.text import summary
from toolkit.params.table import load_table

WEAK = {**{n: 90 for n in range(1, 9)}, 9: 60, 10: 55}  # a level-D-like organisation: 9 and 10 urgent


def measure(*indicators, name="มาตรการ"):
    return {"indicator": list(indicators), "name": name, "responsible": "สำนักปลัด"}


def test_urgent_first_is_true_only_when_urgent_measures_lead(make_params):
    a = analyse(registry.validate(make_params(assessment={"year": 2568, "indicators": WEAK})))
    assert urgent_first([measure(9), measure(10), measure(1)], a)
    assert urgent_first([measure(1, 10), measure(2)], a)  # a measure naming an urgent indicator counts as urgent
    assert not urgent_first([measure(1), measure(9)], a)
    assert urgent_first([], a) and urgent_first([measure(1)], a)
    strong = analyse(registry.validate(make_params()))
    assert urgent_first([measure(1), measure(2)], strong)  # nothing is urgent


def test_measures_that_leave_urgent_indicators_out_or_last(make_params):
    p = registry.validate(make_params(assessment={"year": 2568, "indicators": WEAK},
                                      measures=[measure(1), measure(9)]))
    found = {f.code: f for f in measure_findings(p)}
    assert set(found) == {"urgent_without_measure", "urgent_not_first"}
    assert found["urgent_without_measure"].reported == [10]
    assert "indicator(s) 10 (55.00) are below the pass line 85" in found["urgent_without_measure"].message_en
    assert "ตัวชี้วัดที่ 10 ต่ำกว่าเกณฑ์ 85" in found["urgent_without_measure"].message_th
    assert "measure(s) 2" in found["urgent_not_first"].message_en
    good = registry.validate(make_params(assessment={"year": 2568, "indicators": WEAK},
                                         measures=[measure(9, 10), measure(1)]))
    assert measure_findings(good) == []
    drafted = registry.validate(make_params(assessment={"year": 2568, "indicators": WEAK}))
    assert measure_findings(drafted) == []  # drafted measures follow the weaknesses


def test_check_lists_measure_and_place_findings(make_params):
    p = registry.validate(make_params(assessment={"year": 2568, "indicators": WEAK}, measures=[measure(1)]))
    codes = [f.code for f in registry.check(p)]
    assert "urgent_without_measure" in codes and "unknown_district" in codes  # BASE's district is "เมือง"


def test_fractions_and_conflicts_are_problems_unless_accepted(make_params):
    fractions = registry.get("ita_analysis").model.model_validate(
        make_params(assessment={"year": 2568, "indicators": {n: 0.9612 for n in range(1, 11)}}))
    (fields, th, en, got), = problems(fractions)
    assert fields == ("assessment", "indicators") and "multiply by 100" in en and "คูณด้วย 100" in th
    conflict = make_params(assessment={"year": 2568, "indicators": {n: 90 for n in range(1, 11)},
                                       "reported": {"total": 99.99}})
    model = registry.get("ita_analysis").model
    assert [p[0] for p in problems(model.model_validate(conflict))] == [("assessment", "reported", "total")]
    assert problems(model.model_validate({**conflict, "accept_published": True})) == []


def test_accept_published_on_the_command_line(tmp_path, make_params, run_cli):
    path = tmp_path / "official.yaml"
    data = make_params(assessment={"year": 2568, "indicators": {n: 90 for n in range(1, 11)},
                                   "reported": {"total": 99.99}})
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    code, out, err = run_cli("check", path)
    assert code == 2 and "the published total (99.99) contradicts" in err and "--accept-published" in err
    code, out, err = run_cli("check", path, "--accept-published")
    assert code == 1 and "[error] assessment.reported.total" in out and "accept_published is set" in out
    code, out, err = run_cli("check", SEED003, "--accept-published")
    assert code == 1 and "error" not in out.split("]")[0]  # the seed has warnings only: nothing to accept


# --------------------------------------------------------------------------- no level beside a contradicting fact

def _contradicts(head: str, level: str, passing: bool) -> bool:
    """A sentence that states a passing level and, beside it, a total below the pass line."""
    return passing and f"ระดับ {level}" in head and "ต่ำกว่าเกณฑ์" in head.split(f"ระดับ {level}", 1)[1][:40]


def _contradicted(a) -> bool:
    """The opening sentence of an analysis contradicts its own level."""
    rule = a.framework.levels.rules[a.framework.levels.names.index(a.level)]
    return _contradicts(summary(a)[0], a.level, rule.total_min >= a.pass_line)


def _every_analysis():
    for path in example_files():
        p = registry.load_params(path)
        if p.document == "ita_analysis":
            yield path.name, p
    tables = [*EXAMPLES.glob("table_*.csv")] + [CORPUS / "tables" / k for k, c in CASES["tables"].items()
                                                  if c.get("exit", 2) != 2]
    for table in tables:
        for row in load_table(table, 2569, registry.validate):
            if row.ok:
                yield f"{table.name}:{row.number}", row.params


def test_no_report_states_a_level_beside_a_fact_that_contradicts_it():
    seen = 0
    for name, params in _every_analysis():
        seen += 1
        assert not _contradicted(analyse(params)), name
    assert seen >= 30


def test_the_prose_check_catches_a_contradiction_and_accepted_figures_do_not_make_one(make_params):
    bad = "ได้คะแนนรวม ๘๐.๐๐ คะแนน อยู่ในระดับ ผ่านดีเยี่ยม ซึ่งต่ำกว่าเกณฑ์ ๘๕ คะแนน"  # what reports used to print
    assert _contradicts(bad, "ผ่านดีเยี่ยม", passing=True)
    data = make_params(assessment={"year": 2568, "indicators": {n: 80 for n in range(1, 11)},
                                   "reported": {"total": 80, "level": "ผ่านดีเยี่ยม"}})
    assert not _contradicted(analyse(registry.validate({**data, "accept_published": True})))
