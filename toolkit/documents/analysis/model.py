"""Params of the analysis report (การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร / มาตรการส่งเสริมคุณธรรมฯ)."""
from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, field_validator, model_validator

from ...params.common import FrontMatter, Organisation, Style
from ...params.dated import Dated, Numbering
from ...params.types import BEYear, Expected, Model, Score, Text, indicator_key, item_code, keyed, tool_key

_indicators = keyed(indicator_key)
_all_indicators = keyed(indicator_key, range(1, 11), "ต้องมีคะแนนครบทั้ง 10 ตัวชี้วัด ขาดตัวชี้วัดที่",
                        "all 10 indicator scores are required; missing indicator(s)")
_items = keyed(item_code)
_tools = keyed(tool_key)


class AnalysisStyle(Style):
    """The shared style, plus how the analysis lays out its measures."""

    group_measures: bool = Field(default=False, description="one upkeep row per tool for the strengths, "
                                                              "instead of one row per indicator")


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
    """One earlier year's official figures; the level as published, on that year's own scale (letters
    up to 2566, ratings from 2567), any number of years."""

    year: BEYear
    total: Score
    level: Text | None = None
    tools: dict[str, Score] = {}
    indicators: dict[int, Score] = {}
    source: Text | None = Field(default=None, description="where these figures come from (e.g. ITAS 2566)")

    _i = field_validator("indicators", mode="wrap")(_indicators)
    _t = field_validator("tools", mode="wrap")(_tools)


class PeerRank(Model):
    """Where the organisation's total ranks among the organisations of one area in the same batch."""

    area: Text  # the province or the district
    rank: int = Field(ge=1)  # 1 + organisations with a higher total (equal totals share a rank)
    count: int = Field(ge=1)
    percentile: float = Field(ge=0, le=100)  # share of the area's organisations with a lower total, percent

    @model_validator(mode="after")
    def _fits(self) -> "PeerRank":
        if self.rank > self.count:
            raise ValueError(f"rank {self.rank} cannot exceed count {self.count}")
        if self.percentile > 100 * (self.count - self.rank) / self.count + 0.01:
            raise ValueError(f"percentile {self.percentile} is more than the share ranked below "
                             f"{self.rank} of {self.count}")
        return self


class Peers(Model):
    """Peer figures a province batch adds before rendering (optional: printed only when present)."""

    year: BEYear  # the assessment year compared
    province: PeerRank | None = None
    district: PeerRank | None = None


SCOPES = ("indicator", "tool", "organisation")
_SCOPE_WORDS = {"indicator": "indicator", "indicators": "indicator", "ตัวชี้วัด": "indicator", "รายตัวชี้วัด": "indicator",
                "tool": "tool", "แบบวัด": "tool", "เครื่องมือ": "tool", "organisation": "organisation",
                "organization": "organisation", "องค์กร": "organisation", "ทั้งองค์กร": "organisation",
                "หน่วยงาน": "organisation", "ทั้งหน่วยงาน": "organisation"}


def _scope(value: Any) -> Any:
    if value is None:
        return None
    key = " ".join(str(value).split()).casefold()
    if key in _SCOPE_WORDS:
        return _SCOPE_WORDS[key]
    raise Expected("ขอบเขตของมาตรการต้องเป็น indicator (รายตัวชี้วัด), tool (รายแบบวัด) หรือ organisation (ทั้งองค์กร)",
                   "a measure's scope is indicator, tool or organisation (the whole organisation)")


def _tool(value: Any) -> Any:
    return None if value is None else tool_key(value)


class Measure(Dated):
    """One row of the development-plan table; given by the user or drafted from the knowledge base.

    A measure serves one or more indicators (``indicator: [4, 9]``), a whole tool (``tool: OIT``) or the whole
    organisation (``scope: organisation``); a tool's or the organisation's measure may also say which indicators
    it serves (``indicator:``), and only then counts for them in the check of urgent indicators."""

    id: Text | None = None
    number: Numbering = Field(default=None, description="the office's own number, e.g. 2 or 1.2 (มาตรการที่ ๑.๒)")
    indicators: list[int] = Field(default=[], alias="indicator")
    tool: Annotated[str | None, BeforeValidator(_tool)] = None
    scope: Annotated[Literal["indicator", "tool", "organisation"] | None, BeforeValidator(_scope)] = None
    name: Text
    kind: Literal["มาตรการ", "โครงการ", "กิจกรรม"] = "มาตรการ"
    reason: Text | None = None
    steps: list[Text] = []
    responsible: Text
    monitoring: Text | None = None
    target: Text | None = None

    @field_validator("indicators", mode="before")
    @classmethod
    def _as_list(cls, value: Any) -> Any:
        if value is None:
            return []
        values = value if isinstance(value, list) else [value]
        return [indicator_key(v) for v in values]

    @model_validator(mode="after")
    def _belongs(self) -> "Measure":
        scope = self.scope
        if scope is None and not self.indicators and self.tool is None:
            raise Expected("มาตรการต้องระบุว่าเป็นของตัวชี้วัดใด (indicator: [4, 9]) แบบวัดใด (tool: OIT) "
                           "หรือใช้กับทั้งองค์กร (scope: organisation)",
                           "a measure belongs to indicators (indicator: [4, 9]), a tool (tool: OIT) or the whole "
                           "organisation (scope: organisation)")
        if scope == "tool" and self.tool is None:
            raise Expected("มาตรการรายแบบวัด (scope: tool) ต้องระบุแบบวัด เช่น tool: OIT",
                           "a tool's measure (scope: tool) needs the tool, e.g. tool: OIT")
        if scope == "indicator" and not self.indicators:
            raise Expected("มาตรการรายตัวชี้วัด (scope: indicator) ต้องระบุตัวชี้วัด เช่น indicator: [4]",
                           "an indicator's measure (scope: indicator) needs the indicators, e.g. indicator: [4]")
        return self

    @property
    def group(self) -> str:
        """Where the measures table lists it: "organisation", "tool" or "indicator"."""
        if self.scope is not None:
            return self.scope
        return "tool" if self.tool is not None else "indicator"


MODES = ("replace", "before", "after")
DEFAULT_MODE = "replace"  # the office's words stand in for ours, as a given foreword or plan introduction does
_MODE_WORDS = {"replace": "replace", "แทน": "replace", "แทนที่": "replace", "before": "before", "ก่อน": "before",
               "after": "after", "หลัง": "after", "ต่อท้าย": "after"}


def _mode(value: Any) -> Any:
    key = " ".join(str(value).split()).casefold()
    if key in _MODE_WORDS:
        return _MODE_WORDS[key]
    raise Expected("mode ต้องเป็น replace (แทนข้อความที่สร้างให้), before (ก่อนข้อความที่สร้างให้) "
                   "หรือ after (ต่อจากข้อความที่สร้างให้)",
                   "mode is replace (instead of the generated text), before or after (the generated text)")


def paragraphs(value: Any) -> Any:
    """One text or a list; a text with blank lines is several paragraphs (a YAML block keeps them apart)."""
    if isinstance(value, str):
        return [" ".join(p.split()) for p in value.split("\n\n") if p.strip()] or [value]
    return value


class OfficeText(Model):
    """Paragraphs the office wrote for one place of the document, and where they go: instead of (``replace``,
    the default), ``before`` or ``after`` the paragraph the toolkit writes there. A plain text or list of texts
    is shorthand for ``{text: …, mode: replace}``."""

    text: list[Text]
    mode: Annotated[Literal["replace", "before", "after"], BeforeValidator(_mode)] = DEFAULT_MODE

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        return {"text": value} if isinstance(value, (str, list)) else value

    @field_validator("text", mode="before")
    @classmethod
    def _paragraphs(cls, value: Any) -> Any:
        return paragraphs(value)

    @field_validator("text")
    @classmethod
    def _some(cls, value: list) -> list:
        if not value:
            raise Expected("ต้องมีข้อความอย่างน้อยหนึ่งย่อหน้า", "at least one paragraph is required")
        return value


class OfficeAnalysis(Model):
    """The office's own analysis: per tool (IIT, EIT, OIT) and per indicator (1–10)."""

    tools: dict[str, OfficeText] = {}
    indicators: dict[int, OfficeText] = {}

    _t = field_validator("tools", mode="wrap")(_tools)
    _i = field_validator("indicators", mode="wrap")(_indicators)


class AnalysisParams(FrontMatter):
    """One organisation's analysis report for one fiscal year."""

    document: Literal["ita_analysis"] = "ita_analysis"
    organisation: Organisation
    fiscal_year: BEYear
    assessment: Assessment
    previous: list[HistoryEntry] = []
    peers: Peers | None = None
    style: AnalysisStyle = AnalysisStyle()
    measures: list[Measure] | None = None
    introduction: OfficeText | None = Field(default=None, description="the office's introduction: why and how "
                                            "it analysed the results (with the generated paragraph on purpose)")
    analysis: OfficeAnalysis = Field(default=OfficeAnalysis(), description="the office's own analysis per tool "
                                     "and per indicator, with or instead of the generated one")
    accept_published: bool = Field(default=False, description="print the official figures even where they "
                                   "contradict the organisation's own (the conflict is then listed as a finding)")
