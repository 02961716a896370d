"""Params of the results report (รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน).

One round (๖ เดือน: 1 Oct – 31 Mar, or ๑๒ เดือน: the whole fiscal year) of one organisation's integrity
measures: for each measure its status, what was done, the summary, outputs and outcomes.

Measures come from two places:

* ``measure: M1`` – a measure of the analysis document (``analysis:``, a path relative to this file).
  Its name, kind, indicators, tool, responsible unit and period are *carried forward*: :func:`problems`
  reads the analysis and fills them into the result, so ``model_dump()`` holds them and the notebook,
  the batch and re-validation of dumped data all see the same values. Re-validating filled data is
  idempotent: a carried field that is given must equal the analysis's value (else it is an error: it is
  never retyped), and when the analysis cannot be found again (the notebook without a source path) the
  filled values are kept as they are.
* ``name: …`` – a measure that is not in an analysis file (older years, seed 000): everything is given here.

Schema (YAML; digits Thai or Arabic, dates YYYY-MM-DD in CE or BE)::

    document: integrity_report
    organisation: {name, district, province, …}      # as in the analysis params
    fiscal_year: 2569
    round: 6                   # 6 = 1 Oct – 31 Mar, 12 = the whole fiscal year
    analysis: samruean_2569.yaml   # optional; same organisation and fiscal year, else an error
    previous_round: samruean_2569_6.yaml   # 12-month only: the same year's 6-month report (see rounds.py)
    style: {thai_digits: true}
    results:                   # in the order the report lists them within each tool (IIT, EIT, OIT, none)
      - measure: M1            # or name: … (then responsible is required; tool or indicator optional)
        name / kind / tool / indicator / responsible / start / end   # carried forward when linked
        status: done | in_progress | not_started   # Thai words accepted: ดำเนินการแล้วเสร็จ …
        actions: [ … ]         # วิธีดำเนินการ (what was done)
        activities: [{date, text}]   # dated activities; must fall inside the round
        summary: …             # สรุปผลการดำเนินการ
        outputs: [ … ]         # ผลผลิต
        outcomes: [ … ]        # ผลลัพธ์/ความสำเร็จ
        remarks: …             # หมายเหตุ
        budget_used: 15000     # baht spent; 0 prints "ไม่ใช้งบประมาณ"; omitted = not stated
        evidence_url: https://…   # where the evidence is published
    status: final | draft      # draft: watermark and the reviewer's findings in the document
    unit: สำนักปลัด            # the responsible unit: signs the foreword (คำนำ)
    foreword: [ … ]            # optional: replaces the generated foreword
    date: 2026-04-10           # the report's date (month and year under the foreword)
    signatories: [{role: ผู้รายงาน, name, position, date}]   # the approval block
    prepared: {date, by, signatory: {name, position}}       # the older form, still accepted

A 12-month report may name its 6-month report (``previous_round:``): every 6-month entry is carried forward
(its measure, actions, activities and, when this file leaves them out, outputs, outcomes and summary);
an entry given here for the same measure (by ``measure`` id or by name) adds this round's status and
new work, and the report shows what changed between the rounds (rounds.py).

Errors (InputError, file + line + field, Thai + English): unknown measure ids (the ids that exist are
listed), a missing or invalid analysis file or one that is not an analysis (both files named), an
analysis of another organisation or fiscal year, a carried field retyped with another value, the same
measure twice (by id or by name), a result with neither ``measure`` nor ``name``, a measure by name
without ``responsible``, a tool that contradicts its indicators, end before start. Findings (:func:`lint`)
cover what is plausible but suspicious: dates outside the round, years outside the fiscal year, statuses
that contradict what is reported, measures of the analysis left unreported.
"""
from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, PrivateAttr, field_validator

from ...kit.thai import to_arabic_digits
from ...params.common import FrontMatter, Organisation, PageSpec
from ...params.types import Amount, BEYear, Date, Expected, Model, Text, indicator_key, tool_key

KEY = "integrity_report"
TITLE_TH = "รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
TITLE_EN = "Report on the integrity and transparency measures"
STATUSES = ("done", "in_progress", "not_started")
STATUS_TH = {"done": "ดำเนินการแล้วเสร็จ", "in_progress": "อยู่ระหว่างดำเนินการ", "not_started": "ยังไม่ได้ดำเนินการ"}
KINDS = ("มาตรการ", "โครงการ", "กิจกรรม")
CARRIED = ("name", "kind", "indicators", "tool", "responsible", "start", "end")  # from the analysis's measure
# what people type for a status, in either language
_STATUS_WORDS = {
    "done": "done", "completed": "done", "complete": "done", "แล้วเสร็จ": "done", "ดำเนินการแล้วเสร็จ": "done",
    "เสร็จสิ้น": "done", "ดำเนินการแล้ว": "done",
    "in_progress": "in_progress", "in progress": "in_progress", "ongoing": "in_progress",
    "อยู่ระหว่างดำเนินการ": "in_progress", "ระหว่างดำเนินการ": "in_progress",
    "not_started": "not_started", "not started": "not_started", "ยังไม่ได้ดำเนินการ": "not_started",
    "ยังไม่ดำเนินการ": "not_started",
}


def _status(value: Any) -> str:
    key = " ".join(str(value).split()).lower() if isinstance(value, str) else value
    if key in _STATUS_WORDS:
        return _STATUS_WORDS[key]
    raise Expected("สถานะต้องเป็น done (ดำเนินการแล้วเสร็จ), in_progress (อยู่ระหว่างดำเนินการ) "
                   "หรือ not_started (ยังไม่ได้ดำเนินการ)",
                   "status must be done, in_progress or not_started")


def _round(value: Any) -> int:
    text = to_arabic_digits(str(value)).strip() if not isinstance(value, bool) else ""
    if text in ("6", "12"):
        return int(text)
    raise Expected("รอบการรายงานต้องเป็น 6 (รอบ ๖ เดือน: ๑ ต.ค. – ๓๑ มี.ค.) หรือ 12 (รอบ ๑๒ เดือน: ทั้งปีงบประมาณ)",
                   "round must be 6 (first six months, 1 Oct – 31 Mar) or 12 (the full fiscal year)")


def _tool(value: Any) -> Any:
    return None if value is None else tool_key(value)


def _measure_id(value: Any) -> Any:
    if value is None:
        return None
    return to_arabic_digits(str(value)).strip()


def _url(value: Any) -> Any:
    if isinstance(value, str) and not re.match(r"https?://\S+$", value.strip()):
        raise Expected("ต้องเป็นที่อยู่เว็บที่ขึ้นต้นด้วย http:// หรือ https:// และไม่มีช่องว่าง",
                       "expected a web address starting with http:// or https://, without spaces")
    return value


Status = Annotated[str, BeforeValidator(_status)]
Round = Annotated[int, BeforeValidator(_round)]
Tool = Annotated[str | None, BeforeValidator(_tool)]
MeasureId = Annotated[str | None, BeforeValidator(_measure_id)]
Url = Annotated[str, BeforeValidator(_url)]


class Style(Model):
    thai_digits: bool = True
    page: PageSpec = None  # page geometry overrides (kit/page.py)


class Activity(Model):
    """A dated activity of a measure: it must fall inside the reported round (see :func:`lint`)."""

    date: Date
    text: Text


class Result(Model):
    """One measure's results in this round."""

    measure: MeasureId = None  # id of a measure of the linked analysis (M1, M2 …)
    # carried forward from the analysis when `measure` is given; typed here otherwise
    name: Text | None = None
    kind: Literal["มาตรการ", "โครงการ", "กิจกรรม"] | None = None
    tool: Tool = None
    indicators: list[int] = Field(default=[], alias="indicator")
    responsible: Text | None = None
    start: Date | None = None
    end: Date | None = None
    # this round's results
    status: Status
    actions: list[Text] = []
    activities: list[Activity] = []
    summary: Text | None = None
    outputs: list[Text] = []
    outcomes: list[Text] = []
    remarks: Text | None = None
    budget_used: Amount | None = None  # baht spent in the round; omitted = not stated, 0 = ไม่ใช้งบประมาณ
    evidence_url: Url | None = None  # where the evidence is published (the OIT assessors look for it)

    @field_validator("indicators", mode="before")
    @classmethod
    def _as_list(cls, value: Any) -> Any:
        if value is None:
            return []
        values = value if isinstance(value, list) else [value]
        return [indicator_key(v) for v in values]

    @field_validator("actions", "outputs", "outcomes", mode="before")
    @classmethod
    def _text_list(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value


class IntegrityReportParams(FrontMatter):
    """One organisation's results report for one round of one fiscal year."""

    document: Literal["integrity_report"] = "integrity_report"
    organisation: Organisation
    fiscal_year: BEYear
    round: Round
    analysis: Text | None = None  # the analysis params file whose measures are reported on
    previous_round: Text | None = None  # a 12-month report's 6-month report file (its entries are carried forward)
    style: Style = Style()
    results: list[Result] = []  # may be empty in a 12-month report that carries its 6-month entries

    # measure ids of the linked analysis that have no result here (set by problems(); lint reports them)
    _unreported: list[str] | None = PrivateAttr(default=None)
    _analysis_year: int | None = PrivateAttr(default=None)
    _previous: Any = PrivateAttr(default=None)  # the 6-month report's params, when previous_round is read
