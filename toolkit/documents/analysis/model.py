"""Params of the analysis report (การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร / มาตรการส่งเสริมคุณธรรมฯ)."""
from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from ...params.common import FrontMatter, Organisation, Style
from ...params.types import (BEYear, Date, Model, Score, Text, check_order, indicator_key, item_code, keyed,
                             tool_key)

_indicators = keyed(indicator_key)
_all_indicators = keyed(indicator_key, range(1, 11), "ต้องมีคะแนนครบทั้ง 10 ตัวชี้วัด ขาดตัวชี้วัดที่",
                        "all 10 indicator scores are required; missing indicator(s)")
_items = keyed(item_code)
_tools = keyed(tool_key)


class Reported(Model):
    """Official figures as published by the NACC; shown as given, cross-checked, never replaced."""

    total: Score | None = None
    level: Text | None = None
    tools: dict[str, Score] = {}
    indicators: dict[int, Score] = {}

    _i = field_validator("indicators", mode="wrap")(_indicators)
    _t = field_validator("tools", mode="wrap")(_tools)


class Assessment(Model):
    year: BEYear
    framework: Text | None = Field(default=None, description="framework id or file, to override the year's")
    reported: Reported = Reported()
    indicators: dict[int, Score]
    items: dict[str, Score] = {}

    _i = field_validator("indicators", mode="wrap")(_all_indicators)
    _it = field_validator("items", mode="wrap")(_items)


class HistoryEntry(Model):
    year: BEYear
    total: Score
    level: Text | None = None
    tools: dict[str, Score] = {}
    indicators: dict[int, Score] = {}

    _i = field_validator("indicators", mode="wrap")(_indicators)
    _t = field_validator("tools", mode="wrap")(_tools)


class Measure(Model):
    """One row of the development-plan table; given by the user or drafted from the knowledge base."""

    id: Text | None = None
    indicators: list[int] = Field(alias="indicator")
    name: Text
    kind: Literal["มาตรการ", "โครงการ", "กิจกรรม"] = "มาตรการ"
    reason: Text | None = None
    steps: list[Text] = []
    start: Date | None = None
    end: Date | None = None
    responsible: Text
    monitoring: Text | None = None
    target: Text | None = None

    @field_validator("indicators", mode="before")
    @classmethod
    def _as_list(cls, value: Any) -> Any:
        values = value if isinstance(value, list) else [value]
        return [indicator_key(v) for v in values]

    @model_validator(mode="after")
    def _order(self) -> "Measure":
        check_order(self.start, self.end)
        return self


class AnalysisParams(FrontMatter):
    """One organisation's analysis report for one fiscal year."""

    document: Literal["ita_analysis"] = "ita_analysis"
    organisation: Organisation
    fiscal_year: BEYear
    assessment: Assessment
    previous: list[HistoryEntry] = []
    style: Style = Style()
    measures: list[Measure] | None = None
