"""Checks of the plan's params: cross-field problems (errors) and consistency findings."""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import Any

from ...kit.checks import dates_outside, dotted, numbering, snippet, text_fields, years_outside
from ...kit.findings import Finding
from ...kit.thai import BE_YEAR, fiscal_year_bounds
from ...params.common import FRONT_KEYS
from .budget import budget_table
from .model import DIMENSIONS, MAX_YEARS, PlanParams, default_title, dimension_data




def _project_paths(params: PlanParams):
    for i, dim in enumerate(params.dimensions):
        for j, area in enumerate(dim.areas):
            for k, project in enumerate(area.projects):
                yield ("dimensions", i, "areas", j, "projects", k), dim, area, project


def problems(params: PlanParams, source: str | None = None) -> list[tuple[tuple, str, str, Any]]:
    """Checks across fields: the period, the years of every budget, unique dimensions, area titles."""
    out: list[tuple[tuple, str, str, Any]] = []
    p = params.period
    if p.start > p.end:
        out.append((("period", "end"), f"ปีสิ้นสุดของแผนต้องไม่ก่อนปีเริ่มต้น ({p.start})",
                    f"the plan's end year must not be before its start year ({p.start})", p.end))
        return out  # every year check below depends on the period
    if p.end - p.start + 1 > MAX_YEARS:
        out.append((("period", "end"), f"แผนต้องมีระยะเวลาไม่เกิน {MAX_YEARS} ปี (ปีที่ {p.start}–{p.start + MAX_YEARS - 1})",
                    f"a plan spans at most {MAX_YEARS} years ({p.start}–{p.start + MAX_YEARS - 1})", p.end))
    if not p.start - 1 <= params.fiscal_year <= p.end:
        out.append((("fiscal_year",),
                    f"ปีที่ออกแผนต้องอยู่ระหว่าง {p.start - 1} (ปีก่อนเริ่มแผน) ถึง {p.end}",
                    f"the year the plan is issued must be from {p.start - 1} (the year before it starts) to {p.end}",
                    params.fiscal_year))
    years = f"{p.start}–{p.end}"
    seen: dict[int, int] = {}
    for i, dim in enumerate(params.dimensions):
        if dim.number in seen:
            out.append((("dimensions", i, "number"),
                        f"มิติที่ {dim.number} ระบุซ้ำ (รวมประเด็นของมิติเดียวกันไว้ในรายการเดียว)",
                        f"dimension {dim.number} is given twice (put all its areas under one entry)", dim.number))
        seen.setdefault(dim.number, i)
        for j, area in enumerate(dim.areas):
            if area.title is None:
                known = dimension_data()["dimensions"].get(dim.number, {}).get("areas") or {}
                listed = ", ".join(str(n) for n in known) or "–"
                out.append((("dimensions", i, "areas", j, "title"),
                            f"ต้องระบุชื่อประเด็น (title) หรือหมายเลขประเด็นที่มีในข้อมูลของมิติที่ {dim.number} ({listed})",
                            f"an area needs a title, or a number the data file knows for dimension {dim.number} ({listed})",
                            area.number))
    for path, dim, area, project in _project_paths(params):
        for year in project.per_year:
            if year not in range(p.start, p.end + 1):
                out.append((path + ("budget", str(year)),
                            f"ปีงบประมาณ {year} อยู่นอกช่วงของแผน ({years})",
                            f"fiscal year {year} is outside the plan's period ({years})", year))
    stated = params.stated_totals
    if stated is not None:
        for d, row in stated.by_dimension.items():
            for year in row:
                if year != "total" and year not in range(p.start, p.end + 1):
                    out.append((("stated_totals", "by_dimension", str(d), str(year)),
                                f"ปีงบประมาณ {year} อยู่นอกช่วงของแผน ({years})",
                                f"fiscal year {year} is outside the plan's period ({years})", year))
        for year in stated.by_year:
            if year not in range(p.start, p.end + 1):
                out.append((("stated_totals", "by_year", str(year)),
                            f"ปีงบประมาณ {year} อยู่นอกช่วงของแผน ({years})",
                            f"fiscal year {year} is outside the plan's period ({years})", year))
    return out


# Years in a citation of a law or a national plan ("พระราชบัญญัติ… พ.ศ. ๒๕๔๐", "ยุทธศาสตร์ชาติ
# (พ.ศ. ๒๕๖๑ – ๒๕๘๐)") are not the plan's years; the rationale is background and is not checked.
_CITATION = re.compile(r"พระราชบัญญัติ|พ\.ร\.บ\.|พระราชกฤษฎีกา|รัฐธรรมนูญ|ระเบียบ|ยุทธศาสตร์ชาติ|แผนแม่บท|"
                       r"ประมวลกฎหมาย|กฎกระทรวง|พุทธศักราช|แผนพัฒนา|แผนการปฏิรูป|ฉบับที่")
_CITATION_REACH = 80  # characters between a law's name and its year


def _without_citations(data: Any) -> Any:
    """Params data for the year check: rationale dropped, cited years masked."""
    if isinstance(data, str):
        def mask(m: re.Match) -> str:
            before = data[max(0, m.start() - _CITATION_REACH):m.start()]
            return "#" * len(m.group(0)) if _CITATION.search(before) else m.group(0)
        return BE_YEAR.sub(mask, data)
    if isinstance(data, dict):
        return {k: _without_citations(v) for k, v in data.items() if k != "rationale"}
    if isinstance(data, list):
        return [_without_citations(v) for v in data]
    return data


@lru_cache(maxsize=1)
def _misspellings() -> list[tuple[re.Pattern, str, str]]:
    return [(re.compile(m["pattern"]), m["wrong"], m["right"]) for m in dimension_data()["misspellings"]]


def misspellings(data: dict) -> list:
    """Known misspellings of plans (seed 004 prints "มติที่ ๑" for "มิติที่ ๑")."""
    out = []
    for path, text in text_fields(data):
        for pattern, wrong, right in _misspellings():
            m = pattern.search(text)
            if m:
                shown = snippet(text, m.start(), m.end())
                out.append(Finding("misspelling", "warning", dotted(path),
                                   f"สะกดผิด \"{wrong}\" ควรเป็น \"{right}\": \"{shown}\"",
                                   f"misspelt \"{wrong}\", should be \"{right}\": \"{shown}\"",
                                   reported=m.group(0), computed=right))
    return out


def _project_numbering(params: PlanParams) -> list:
    """User numbers: no repeats, no gaps (seed 004 prints "ลำดับที่ ๒" twice and no ๖)."""
    entries = list(_project_paths(params))
    given = [(path, project.number) for path, _, _, project in entries if project.number is not None]
    if not given:
        return []
    found = numbering([{"number": n} for _, n in given], "number", ("dimensions",),
                      "ลำดับที่ของโครงการ", "project number")
    out = []
    seen: set[int] = set()
    for path, n in given:
        if n in seen:  # point at the second of the pair, the one to renumber
            dup = next(f for f in found if f.code == "duplicate_number" and f.reported == n)
            out.append(replace(dup, field=dotted(path + ("number",))))
        seen.add(n)
    out += [f for f in found if f.code != "duplicate_number"]
    if len(given) < len(entries):
        out.append(_finding("incomplete_numbering", "info", "dimensions",
                            f"ระบุลำดับที่ไว้ {len(given)} จาก {len(entries)} รายการ เอกสารจะเรียงลำดับใหม่ทั้งหมด",
                            f"{len(given)} of {len(entries)} projects carry a number; the document numbers all of them"))
    return out


def _finding(code, severity, field, th, en, reported=None, computed=None):
    return Finding(code, severity, field, th, en, reported=reported, computed=computed)


def _area_numbering(params: PlanParams) -> list:
    out = []
    for i, dim in enumerate(params.dimensions):
        for f in numbering(dim.areas, "number", ("dimensions", i, "areas"), f"หมายเลขประเด็นในมิติที่ {dim.number} ",
                           f"area number in dimension {dim.number}"):
            if f.code == "duplicate_number":
                out.append(replace(f, field=dotted(("dimensions", i, "areas"))))
    return out


def _stated_totals(params: PlanParams) -> list:
    """Totals typed by hand against the sums of the project budgets, each mismatch with both figures."""
    stated = params.stated_totals
    if stated is None:
        return []
    table = budget_table(params)
    out = []

    def money(value: float) -> str:
        return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"

    def compare(field: str, where_th: str, where_en: str, given: float, computed) -> None:
        if abs(float(computed) - given) >= 0.005:
            c = float(computed)
            out.append(_finding(
                "total_mismatch", "warning", field,
                f"ยอดรวม{where_th}ที่ระบุ {money(given)} บาท ไม่ตรงกับผลรวมของงบประมาณรายโครงการ {money(c)} บาท",
                f"the stated total for {where_en} is {money(given)} baht but the projects' budgets add up to "
                f"{money(c)} baht", reported=given, computed=c))

    for d, row in sorted(stated.by_dimension.items()):
        for year, given in row.items():
            if year == "total":
                compare(f"stated_totals.by_dimension.{d}.total", f"มิติที่ {d} (ทุกปี)", f"dimension {d} (all years)",
                        given, table.dimension_total(d))
            elif year in table.years:
                compare(f"stated_totals.by_dimension.{d}.{year}", f"มิติที่ {d} ปีงบประมาณ {year}",
                        f"dimension {d}, fiscal year {year}", given, table.cell(d, year))
    for year, given in sorted(stated.by_year.items()):
        if year in table.years:
            compare(f"stated_totals.by_year.{year}", f"ปีงบประมาณ {year} (ทุกมิติ)",
                    f"fiscal year {year} (all dimensions)", given, table.year_total(year))
    if stated.total is not None:
        compare("stated_totals.total", "ทั้งแผน", "the whole plan", stated.total, table.total)
    return out


def lint(params: PlanParams, data: dict) -> list:
    """Years, dates and numbering against the plan; stated totals; known misspellings; missing dimensions.
    (Other organisations' names and template filler are checked for every document by the registry.)"""
    p = params.period
    allowed = set(range(p.start - 1, p.end + 1))  # a plan is written the year before it starts
    what_th = f"ช่วงปีของแผน (พ.ศ. {p.start}–{p.end} และปีที่จัดทำแผน)"
    what_en = f"the plan's years ({p.start}–{p.end} and the year it was written)"
    skip = ("stated_totals", "period", "fiscal_year", *FRONT_KEYS)  # front matter: dates and the user's foreword
    checked = {k: v for k, v in data.items() if k not in skip}
    out = years_outside(_without_citations(checked), allowed, what_th, what_en)
    start, _ = fiscal_year_bounds(p.start)
    _, end = fiscal_year_bounds(p.end)
    out += dates_outside({"dimensions": data.get("dimensions") or []}, start, end,
                         f"ช่วงของแผน (ปีงบประมาณ พ.ศ. {p.start}–{p.end})", f"the plan's period ({p.start}–{p.end})")
    out += _project_numbering(params)
    out += _area_numbering(params)
    out += misspellings(data)
    out += _stated_totals(params)
    present = {d.number for d in params.dimensions}
    for n in DIMENSIONS:
        if n not in present:
            out.append(_finding("missing_dimension", "info", "dimensions",
                                f"แผนไม่มีโครงการในมิติที่ {n} ({default_title(n, p.start)})",
                                f"the plan has no project under dimension {n}"))
    return out
