"""Params of the multi-year anti-corruption action plan (แผนปฏิบัติการป้องกันการทุจริต, OIT o25).

A plan runs over several fiscal years (e.g. พ.ศ. ๒๕๖๖–๒๕๗๐) and groups its projects, activities and
measures (โครงการ/กิจกรรม/มาตรการ) under four dimensions (มิติ) and their sub-areas (ประเด็น).
The dimension titles are data (toolkit/knowledge/plan_dimensions.yaml) and may be overridden here.

    document: anticorruption_plan
    organisation: {name: องค์การบริหารส่วนตำบล…, district: …, province: …}
    period: {start: 2566, end: 2570}        # fiscal years BE, inclusive, at most 10 years
    fiscal_year: 2566                       # year the plan is issued; default period.start,
                                            # allowed period.start - 1 (when plans are written) … period.end
    title: …                                # optional, default แผนปฏิบัติการป้องกันการทุจริต
    subtitle: …                             # optional line under the title on the cover
    introduction: [ … ]                     # optional: replaces the generated introduction paragraphs
    style: {thai_digits: true}
    dimensions:
      - number: 1                           # 1–4, each at most once; printed in number order
        title: …                            # optional override of the data file's title
        areas:
          - number: 1                       # optional; prints as ๑.๑, gives the data file's title
            title: …                        # required unless the data file knows the number
            goal: …                         # optional line under the area title
            projects:                       # at least one
              - number: 1                   # optional; if given, checked (lint): no repeats, no gaps
                name: โครงการ…
                type: โครงการ | กิจกรรม | มาตรการ   # optional when the name starts with one of them
                issue: …                    # optional heading printed above the project (ประเด็น)
                rationale: [ … ]            # text or list of paragraphs
                objectives: [ … ]
                target: {group: …, count: 56, unit: คน}   # or text, or a list of either
                method: [ … ]
                period: …                   # text, or {start: date, end: date, text: …}; default: plan period
                budget: {2566: 20000, …}    # per fiscal year (Thai digits and commas accepted);
                                            # none / omitted / "ไม่ใช้งบประมาณ" = no budget
                responsible: …
                outputs: [ … ]
                outcomes: [ … ]
                indicators: [ … ]
    stated_totals:                          # optional: figures typed in a hand-made summary table,
      by_dimension: {1: {2566: 20000, total: 100000}}     # checked against the computed sums (lint)
      by_year: {2566: 20000}
      total: 100000
    prepared: {date: …, by: …, signatory: {name: …, position: …}}

The printed ลำดับที่ is always generated (1, 2, 3 … over the whole plan in document order), so a
published plan can never repeat or skip a number; user numbers are only checked.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

import yaml
from pydantic import TypeAdapter, ValidationError, field_validator, model_validator
from pydantic_core import InitErrorDetails

from .analysis import Organisation, Prepared
from .types import Amount, BEYear, Date, Expected, Model, Text, _be_year, _number, check_order, whole_number

TITLE_TH = "แผนปฏิบัติการป้องกันการทุจริต"
TITLE_EN = "Anti-corruption action plan"
PROJECT_TYPES = ("โครงการ", "กิจกรรม", "มาตรการ")
DIMENSIONS = (1, 2, 3, 4)
MAX_YEARS = 10
NO_BUDGET = ("ไม่ใช้งบประมาณ", "ไม่ใช้งบประมาณในการดำเนินการ", "ไม่ใช้งบ", "none", "-", "–", "")


@lru_cache(maxsize=1)
def dimension_data() -> dict:
    """toolkit/knowledge/plan_dimensions.yaml: official titles, known sub-areas, misspellings."""
    text = resources.files("toolkit").joinpath("knowledge/plan_dimensions.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def default_title(dimension: int) -> str:
    return dimension_data()["dimensions"][dimension]["title"]


def default_area_title(dimension: int, area: int) -> str | None:
    return (dimension_data()["dimensions"].get(dimension, {}).get("areas") or {}).get(area)


# --------------------------------------------------------------------------- field helpers

_AMOUNT = TypeAdapter(Amount)


def _error(loc: tuple, got: Any, th: str, en: str) -> InitErrorDetails:
    return InitErrorDetails(type="value_error", loc=loc, input=got, ctx={"error": Expected(th, en)})


def _amounts(value: Any, key: Any, loc: tuple, errors: list) -> dict:
    """{key: amount} with every bad key and value reported; error places use the key as typed
    (so a year 2566 reads "budget.2566", not a list position)."""
    out: dict = {}
    for raw, item in value.items():
        try:
            k = key(raw)
        except Expected as exc:
            errors.append(InitErrorDetails(type="value_error", loc=loc + (str(raw),), input=raw, ctx={"error": exc}))
            continue
        if k in out:
            errors.append(_error(loc + (str(raw),), raw, "ระบุซ้ำ (ปีหรือรายการเดียวกันเขียนสองครั้ง)",
                                 "given twice (the same year or entry written two ways)"))
            continue
        if item is None or (isinstance(item, str) and item.strip() in NO_BUDGET):
            out[k] = 0.0
            continue
        try:
            out[k] = _AMOUNT.validate_python(item)
        except ValidationError as exc:
            for e in exc.errors():
                detail = InitErrorDetails(type=e["type"], loc=loc + (str(raw),), input=e["input"])
                if e.get("ctx"):
                    detail["ctx"] = e["ctx"]
                errors.append(detail)
    return out


def _raise(errors: list) -> None:
    if errors:
        raise ValidationError.from_exception_data("amounts", errors)


def _year(key: Any) -> int:
    return _be_year(key)


def _year_or_total(key: Any) -> int | str:
    if str(key).strip().lower() in ("total", "รวม", "sum"):
        return "total"
    return _be_year(key)


def _dimension_key(key: Any) -> int:
    return whole_number(key, 1, 4, "หมายเลขมิติ", "dimension number")


def _budget(value: Any) -> Any:
    """Per-year budget: {2566: 20000, …}; None or "ไม่ใช้งบประมาณ" means the project needs none."""
    if value is None or (isinstance(value, str) and value.strip() in NO_BUDGET):
        return None
    if not isinstance(value, dict):
        raise Expected("งบประมาณต้องระบุเป็นรายปีงบประมาณ เช่น {2566: 20000, 2567: 20000} "
                       "หรือ ไม่ใช้งบประมาณ",
                       "a budget is given per fiscal year, e.g. {2566: 20000, 2567: 20000}, or none")
    errors: list = []
    out = _amounts(value, _year, (), errors)
    _raise(errors)
    return dict(sorted(out.items()))


def _as_list(value: Any) -> Any:
    """One text or a list of texts: a single paragraph need not be written as a list."""
    if value is None:
        return []
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return [value]
    return value


def _count(value: Any) -> int:
    number = _number(value)
    if number != int(number) or number < 0:
        raise Expected("จำนวนกลุ่มเป้าหมายต้องเป็นจำนวนเต็มไม่ติดลบ",
                       "a target count must be a whole number, not negative")
    return int(number)


# --------------------------------------------------------------------------- models


class Target(Model):
    """กลุ่มเป้าหมาย: who, and how many when known (never "ระบุจำนวน…")."""

    group: Text
    count: int | None = None
    unit: Text = "คน"

    @field_validator("count", mode="before")
    @classmethod
    def _c(cls, value: Any) -> Any:
        return None if value is None else _count(value)


class ProjectPeriod(Model):
    """ระยะเวลาดำเนินการ: words ("ปีงบประมาณ พ.ศ. ๒๕๖๖–๒๕๗๐"), dates, or both."""

    text: Text | None = None
    start: Date | None = None
    end: Date | None = None

    @model_validator(mode="after")
    def _check(self) -> "ProjectPeriod":
        if self.text is None and self.start is None and self.end is None:
            raise Expected("ระยะเวลาต้องมีข้อความ (text) หรือวันที่ (start, end)",
                           "a period needs a text or dates (start, end)")
        check_order(self.start, self.end)
        return self


class Project(Model):
    """One โครงการ/กิจกรรม/มาตรการ of the plan."""

    number: int | None = None
    name: Text
    type: Literal["โครงการ", "กิจกรรม", "มาตรการ"] | None = None
    issue: Text | None = None
    rationale: list[Text] = []
    objectives: list[Text] = []
    target: list[Target] = []
    method: list[Text] = []
    period: ProjectPeriod | None = None
    budget: dict[int, float] | None = None
    responsible: Text
    outputs: list[Text] = []
    outcomes: list[Text] = []
    indicators: list[Text] = []

    @field_validator("number", mode="before")
    @classmethod
    def _n(cls, value: Any) -> Any:
        return None if value is None else whole_number(value, 1, 999, "ลำดับที่", "a project number")

    @field_validator("rationale", "objectives", "method", "outputs", "outcomes", "indicators", mode="before")
    @classmethod
    def _lists(cls, value: Any) -> Any:
        return _as_list(value)

    @field_validator("target", mode="before")
    @classmethod
    def _targets(cls, value: Any) -> Any:
        items = [value] if isinstance(value, (str, dict)) else _as_list(value)
        return [{"group": v} if isinstance(v, str) else v for v in items] if isinstance(items, list) else items

    @field_validator("period", mode="before")
    @classmethod
    def _period(cls, value: Any) -> Any:
        return {"text": value} if isinstance(value, (str, int)) and not isinstance(value, bool) else value

    @field_validator("budget", mode="before")
    @classmethod
    def _b(cls, value: Any) -> Any:
        return _budget(value)

    @model_validator(mode="after")
    def _infer_type(self) -> "Project":
        if self.type is None:
            for kind in PROJECT_TYPES:
                if self.name.startswith(kind):
                    self.type = kind
                    break
            else:
                raise Expected("ต้องระบุประเภท (type) เป็น โครงการ กิจกรรม หรือ มาตรการ "
                               "(หรือขึ้นต้นชื่อด้วยคำใดคำหนึ่งนี้)",
                               "type is required: โครงการ, กิจกรรม or มาตรการ (or start the name with one)")
        return self

    @property
    def has_budget(self) -> bool:
        return bool(self.budget) and any(v > 0 for v in self.budget.values())


class Area(Model):
    """A sub-area (ประเด็น) of a dimension, printed as ๑.๑, ๑.๒ …"""

    number: int | None = None
    title: Text | None = None
    goal: Text | None = None
    projects: list[Project]

    @field_validator("number", mode="before")
    @classmethod
    def _n(cls, value: Any) -> Any:
        return None if value is None else whole_number(value, 1, 99, "หมายเลขประเด็น", "an area number")

    @field_validator("projects")
    @classmethod
    def _some(cls, value: list) -> list:
        if not value:
            raise Expected("ต้องมีโครงการ กิจกรรม หรือมาตรการอย่างน้อยหนึ่งรายการ",
                           "at least one project, activity or measure is required")
        return value


class Dimension(Model):
    number: int
    title: Text | None = None
    areas: list[Area]

    @field_validator("number", mode="before")
    @classmethod
    def _n(cls, value: Any) -> Any:
        return _dimension_key(value)

    @field_validator("areas")
    @classmethod
    def _some(cls, value: list) -> list:
        if not value:
            raise Expected("ต้องมีประเด็น (areas) อย่างน้อยหนึ่งประเด็น", "at least one area is required")
        return value

    @model_validator(mode="after")
    def _titles(self) -> "Dimension":
        if self.title is None:
            self.title = default_title(self.number)
        for area in self.areas:
            if area.title is None and area.number is not None:
                area.title = default_area_title(self.number, area.number)
        return self


class PlanPeriod(Model):
    start: BEYear
    end: BEYear

    @property
    def years(self) -> list[int]:
        return list(range(self.start, self.end + 1))


class StatedTotals(Model):
    """Totals as a hand-made summary table prints them: checked, never used."""

    by_dimension: dict[int, dict[int | str, float]] = {}
    by_year: dict[int, float] = {}
    total: Amount | None = None

    @field_validator("by_dimension", mode="before")
    @classmethod
    def _dims(cls, value: Any) -> Any:
        if not isinstance(value, dict):
            return value
        errors: list = []
        out: dict = {}
        for raw, inner in value.items():
            try:
                d = _dimension_key(raw)
            except Expected as exc:
                errors.append(InitErrorDetails(type="value_error", loc=(str(raw),), input=raw, ctx={"error": exc}))
                continue
            if not isinstance(inner, dict):
                errors.append(_error((str(raw),), inner, "ต้องเป็นยอดรายปี เช่น {2566: 20000, total: 100000}",
                                     "expected amounts per year, e.g. {2566: 20000, total: 100000}"))
                continue
            out[d] = _amounts(inner, _year_or_total, (str(raw),), errors)
        _raise(errors)
        return out

    @field_validator("by_year", mode="before")
    @classmethod
    def _years(cls, value: Any) -> Any:
        if not isinstance(value, dict):
            return value
        errors: list = []
        out = _amounts(value, _year, (), errors)
        _raise(errors)
        return out


class Style(Model):
    thai_digits: bool = True


class PlanParams(Model):
    """One organisation's multi-year anti-corruption action plan."""

    document: Literal["anticorruption_plan"] = "anticorruption_plan"
    organisation: Organisation
    period: PlanPeriod
    fiscal_year: BEYear | None = None
    title: Text | None = None
    subtitle: Text | None = None
    introduction: list[Text] | None = None
    style: Style = Style()
    dimensions: list[Dimension]
    stated_totals: StatedTotals | None = None
    prepared: Prepared = Prepared()

    @field_validator("introduction", mode="before")
    @classmethod
    def _intro(cls, value: Any) -> Any:
        return None if value is None else _as_list(value)

    @field_validator("dimensions")
    @classmethod
    def _some(cls, value: list) -> list:
        if not value:
            raise Expected("ต้องมีอย่างน้อยหนึ่งมิติ", "at least one dimension is required")
        return value

    @model_validator(mode="after")
    def _defaults(self) -> "PlanParams":
        if self.fiscal_year is None:
            self.fiscal_year = self.period.start
        return self


# --------------------------------------------------------------------------- checks


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
        for year in (project.budget or {}):
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
_YEAR = re.compile(r"(?<![0-9๐-๙])[2๒][5๕][0-9๐-๙]{2}(?![0-9๐-๙])")
_CITATION_REACH = 80  # characters between a law's name and its year


def _without_citations(data: Any) -> Any:
    """Params data for the year check: rationale dropped, cited years masked."""
    if isinstance(data, str):
        def mask(m: re.Match) -> str:
            before = data[max(0, m.start() - _CITATION_REACH):m.start()]
            return "#" * len(m.group(0)) if _CITATION.search(before) else m.group(0)
        return _YEAR.sub(mask, data)
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
    from ..findings import Finding
    from ..lint import _snippet, dotted, text_fields

    out = []
    for path, text in text_fields(data):
        for pattern, wrong, right in _misspellings():
            m = pattern.search(text)
            if m:
                shown = _snippet(text, m.start(), m.end())
                out.append(Finding("misspelling", "warning", dotted(path),
                                   f"สะกดผิด \"{wrong}\" ควรเป็น \"{right}\": \"{shown}\"",
                                   f"misspelt \"{wrong}\", should be \"{right}\": \"{shown}\"",
                                   reported=m.group(0), computed=right))
    return out


def _project_numbering(params: PlanParams) -> list:
    """User numbers: no repeats, no gaps (seed 004 prints "ลำดับที่ ๒" twice and no ๖)."""
    from ..lint import numbering

    entries = list(_project_paths(params))
    given = [(path, project.number) for path, _, _, project in entries if project.number is not None]
    if not given:
        return []
    from ..lint import dotted

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
    from ..findings import Finding

    return Finding(code, severity, field, th, en, reported=reported, computed=computed)


def _area_numbering(params: PlanParams) -> list:
    from ..lint import dotted, numbering

    out = []
    for i, dim in enumerate(params.dimensions):
        for f in numbering(dim.areas, "number", ("dimensions", i, "areas"), f"หมายเลขประเด็นในมิติที่ {dim.number} ",
                           f"area number in dimension {dim.number}"):
            if f.code == "duplicate_number":
                out.append(replace(f, field=dotted(("dimensions", i, "areas"))))
    return out


def _stated_totals(params: PlanParams) -> list:
    """Totals typed by hand against the sums of the project budgets, each mismatch with both figures."""
    from ..plan_report import budget_table

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
    (Other organisations' names and template filler are checked for every document by toolkit.lint.)"""
    from ..lint import dates_outside, years_outside
    from ..thai import fiscal_year_bounds

    p = params.period
    allowed = set(range(p.start - 1, p.end + 1))  # a plan is written the year before it starts
    what_th = f"ช่วงปีของแผน (พ.ศ. {p.start}–{p.end} และปีที่จัดทำแผน)"
    what_en = f"the plan's years ({p.start}–{p.end} and the year it was written)"
    checked = {k: v for k, v in data.items() if k not in ("prepared", "stated_totals", "period", "fiscal_year")}
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
                                f"แผนไม่มีโครงการในมิติที่ {n} ({default_title(n)})",
                                f"the plan has no project under dimension {n}"))
    return out


def title(params: PlanParams) -> str:
    """The full title: a plan is named by its years, not by one fiscal year."""
    from ..thai import to_thai_digits

    years = f"{params.period.start}–{params.period.end}"
    if params.style.thai_digits:
        years = to_thai_digits(years)
    return f"{params.title or TITLE_TH} (พ.ศ. {years}) {params.organisation.name}"


def _document():
    from ..documents import DocumentType

    return DocumentType(
        key="anticorruption_plan",
        model=PlanParams,
        notebook="anticorruption_plan.ipynb",
        title_th=TITLE_TH,
        title_en=TITLE_EN,
        stem="anticorruption_plan",
        problems=problems,
        lint=lint,
        findings=None,
        title=title,
    )


DOCUMENT = _document()
