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
                budget: {per_year: {2566: 20000, …}}   # per fiscal year (Thai digits and commas accepted;
                                            # the older {2566: 20000, …} means the same), or
                                            # {whole_period: 100000}: one sum for the whole plan period,
                                            # never divided or multiplied by its years;
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

from typing import Any, Literal

from pydantic import TypeAdapter, ValidationError, field_validator, model_validator
from pydantic_core import InitErrorDetails

from ...kit.data import knowledge_yaml
from ...params.common import FrontMatter, Organisation, PageSpec
from ...params.types import (Amount, BEYear, Date, Expected, Model, Text, be_year_value, check_order,
                             number_value, whole_number)

TITLE_TH = "แผนปฏิบัติการป้องกันการทุจริต"
TITLE_EN = "Anti-corruption action plan"
PROJECT_TYPES = ("โครงการ", "กิจกรรม", "มาตรการ")
DIMENSIONS = (1, 2, 3, 4)
MAX_YEARS = 10
NO_BUDGET = ("ไม่ใช้งบประมาณ", "ไม่ใช้งบประมาณในการดำเนินการ", "ไม่ใช้งบ", "none", "-", "–", "")


def dimension_data() -> dict:
    """toolkit/knowledge/plan_dimensions.yaml: titles per plan period, known sub-areas, misspellings."""
    return knowledge_yaml("plan_dimensions.yaml")


def period_titles(start_year: int) -> dict[int, str]:
    """The dimension titles of the plan period a plan starting in ``start_year`` belongs to (the period that
    contains the year, else the latest one before it, else the earliest)."""
    periods = sorted(dimension_data()["periods"], key=lambda p: p["years"][0])
    chosen = periods[0]
    for period in periods:
        if period["years"][0] <= start_year:
            chosen = period
    return {int(k): v for k, v in chosen["titles"].items()}


def default_title(dimension: int, start_year: int) -> str:
    return period_titles(start_year)[dimension]


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
    return be_year_value(key)


def _year_or_total(key: Any) -> int | str:
    if str(key).strip().lower() in ("total", "รวม", "sum"):
        return "total"
    return be_year_value(key)


def _dimension_key(key: Any) -> int:
    return whole_number(key, 1, 4, "หมายเลขมิติ", "dimension number")


def _budget(value: Any) -> Any:
    """A project's budget, stated one of two ways (never guessed): per fiscal year, ``{per_year: {2566: 20000,
    …}}`` (the older ``{2566: 20000, …}`` means the same), or one sum for the whole plan period,
    ``{whole_period: 100000}``. None or "ไม่ใช้งบประมาณ" means the project needs none."""
    if value is None or (isinstance(value, str) and value.strip() in NO_BUDGET):
        return None
    if not isinstance(value, dict):
        raise Expected("งบประมาณต้องระบุว่าเป็นรายปีงบประมาณ เช่น {per_year: {2566: 20000, 2567: 20000}} "
                       "หรือเป็นยอดเดียวตลอดระยะเวลาของแผน เช่น {whole_period: 100000} หรือ ไม่ใช้งบประมาณ",
                       "state the budget per fiscal year, e.g. {per_year: {2566: 20000, 2567: 20000}}, or as one sum "
                       "for the whole plan period, e.g. {whole_period: 100000}, or none")
    errors: list = []
    if not set(value) & {"per_year", "whole_period"}:  # the older form: years as keys
        out = _amounts(value, _year, (), errors)
        _raise(errors)
        return {"per_year": dict(sorted(out.items()))} if out else None
    unknown = [k for k in value if k not in ("per_year", "whole_period")]
    for k in unknown:
        errors.append(_error((str(k),), k, "ต้องเป็น per_year หรือ whole_period", "expected per_year or whole_period"))
    per_year, whole = value.get("per_year"), value.get("whole_period")
    if per_year not in (None, {}) and whole not in (None, 0):
        errors.append(_error(("whole_period",), whole,
                             "ระบุงบประมาณได้แบบเดียว: รายปี (per_year) หรือยอดตลอดแผน (whole_period)",
                             "give the budget one way only: per year (per_year) or for the whole period (whole_period)"))
    out: dict = {}
    if per_year is not None:
        if not isinstance(per_year, dict):
            errors.append(_error(("per_year",), per_year, "ต้องเป็นยอดรายปี เช่น {2566: 20000}",
                                 "expected amounts per year, e.g. {2566: 20000}"))
        else:
            out["per_year"] = dict(sorted(_amounts(per_year, _year, ("per_year",), errors).items()))
    if whole is not None:
        amount = _amounts({"whole_period": whole}, str, (), errors).get("whole_period")
        out["whole_period"] = amount
    _raise(errors)
    if not out.get("per_year") and not out.get("whole_period"):
        return None
    return out


class Budget(Model):
    """A project's budget: per fiscal year, or one sum for the whole plan period (its own column in totals)."""

    per_year: dict[int, float] = {}
    whole_period: float | None = None

    @property
    def total(self) -> float:
        return self.whole_period if self.whole_period is not None else sum(self.per_year.values())


def _as_list(value: Any) -> Any:
    """One text or a list of texts: a single paragraph need not be written as a list."""
    if value is None:
        return []
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return [value]
    return value


def _count(value: Any) -> int:
    number = number_value(value)
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
    budget: Budget | None = None
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
        return self.budget is not None and self.budget.total > 0

    @property
    def per_year(self) -> dict[int, float]:
        """Amounts per fiscal year (empty for a budget stated for the whole period)."""
        return self.budget.per_year if self.budget else {}

    @property
    def whole_period(self) -> float | None:
        """One sum for the whole plan period, not split by year (None for a per-year budget)."""
        return self.budget.whole_period if self.budget else None


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
        # the dimension's own title depends on the plan's period: PlanParams fills it in
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
    page: PageSpec = None  # page geometry overrides (kit/page.py)


class PlanParams(FrontMatter):
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
        titles = period_titles(self.period.start)
        for dim in self.dimensions:
            if dim.title is None:
                dim.title = titles[dim.number]
        return self
