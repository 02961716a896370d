"""The province summary's list of who is closest to the next level, and what it would take."""
import copy
import json
import re
from decimal import Decimal

from tests.support import PROVINCE_EXAMPLE
from toolkit.documents.province.closest import closest, what_it_takes
from toolkit.documents.province.model import validate
from toolkit.documents.province.report import ProvinceReport
from toolkit.frameworks.targets import what_if

MANIFEST = json.loads(PROVINCE_EXAMPLE.read_text(encoding="utf-8"))


def report(data=None) -> ProvinceReport:
    return ProvinceReport(validate(copy.deepcopy(data or MANIFEST), "m.json"))


def test_the_list_is_ordered_by_the_least_the_total_must_rise():
    r = report()
    fw = r.s.framework
    found = closest(r.s)
    needs = [c.need for c in found.rows]
    assert needs == sorted(needs) and found.rows
    for c in found.rows:
        row = r.s.df[r.s.df["name"] == c.name].iloc[0]
        ind = {n: float(row[f"ind{n}"]) for n in fw.indicators}
        rule = fw.levels.rules[fw.levels.names.index(c.next_level)]
        out = what_if(fw, ind)
        # independently: points of total missing, and the weighted gaps of tools under the per-tool minimum
        total_gap = max(Decimal(0), Decimal(str(rule.total_min)) - Decimal(str(out.total)))
        tool_gaps = {t: Decimal(str(rule.each_tool_min)) - Decimal(str(v)) for t, v in out.tools.items()
                     if rule.each_tool_min is not None and v < rule.each_tool_min}
        by_tools = sum((Decimal(str(fw.tools[t].weight)) * g for t, g in tool_gaps.items()), Decimal(0))
        assert Decimal(str(c.need)) == max(total_gap, by_tools.quantize(Decimal("0.01"))), c.name
        assert {t: Decimal(str(g)) for t, g in c.tool_gaps.items()} == tool_gaps
        # the single indicator named really lifts it to the next level, and one hundredth less does not
        for route in (c.survey, c.oit):
            if route is None:
                continue
            assert what_if(fw, ind, changes_indicators={route.number: route.alone}).level == c.next_level
            lower = float(Decimal(str(route.alone)) - Decimal("0.01"))
            assert what_if(fw, ind, changes_indicators={route.number: lower}).level != c.next_level
    assert found.candidates + found.undecidable + found.top == len(r.s.df)


def test_the_section_names_the_closest_and_what_it_takes():
    r = report()
    html = r.closest().html
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html.replace("\u200b", "")))
    first = closest(r.s).rows[0]
    assert "หน่วยงานที่ใกล้ระดับถัดไปที่สุด" in text
    assert what_it_takes(first, r.s.framework, True) in text
    assert "ยังไม่ได้รับการยืนยัน" not in text  # final: the unconfirmed 2568 rule goes to the review sheet
    draft = report({**copy.deepcopy(MANIFEST), "status": "draft"}).closest().html
    assert "ยังไม่ได้รับการยืนยัน" in re.sub(r"<[^>]+>", "", draft.replace("\u200b", ""))  # a draft says so


def test_a_published_level_under_the_rules_is_left_out_and_counted():
    data = copy.deepcopy(MANIFEST)
    top = max((e for e in data["entries"] if e.get("status") in ("ok", "skipped")),
              key=lambda e: e["scores"]["total"])
    top["scores"]["level"] = "ต้องปรับปรุง"  # published far below what its figures give
    r = report(data)
    found = closest(r.s)
    assert found.undecidable >= 1 and top["organisation"]["name"] not in [c.name for c in found.rows]


def test_an_empty_province_has_no_section():
    data = copy.deepcopy(MANIFEST)
    for e in data["entries"]:
        e["status"] = "failed"
        e["error"] = "x"
    assert report(data).closest() is None
