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
    prepared: {date, by, signatory: {name (optional: a blank line to sign), position}}

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
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, PrivateAttr, field_validator

from .analysis import Organisation, Prepared, Signatory, _indicator_key  # noqa: F401 - Signatory re-exported
from .types import Amount, BEYear, Date, Expected, Model, Text

KEY = "integrity_report"
TITLE_TH = "รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
TITLE_EN = "Report on the integrity and transparency measures"
TOOLS = ("IIT", "EIT", "OIT")
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
    from ..thai import to_arabic_digits

    text = to_arabic_digits(str(value)).strip() if not isinstance(value, bool) else ""
    if text in ("6", "12"):
        return int(text)
    raise Expected("รอบการรายงานต้องเป็น 6 (รอบ ๖ เดือน: ๑ ต.ค. – ๓๑ มี.ค.) หรือ 12 (รอบ ๑๒ เดือน: ทั้งปีงบประมาณ)",
                   "round must be 6 (first six months, 1 Oct – 31 Mar) or 12 (the full fiscal year)")


def _tool(value: Any) -> Any:
    if value is None:
        return None
    code = str(value).strip().upper()
    if code not in TOOLS:
        raise Expected("แบบวัดต้องเป็น IIT, EIT หรือ OIT", "tool must be IIT, EIT or OIT")
    return code


def _measure_id(value: Any) -> Any:
    if value is None:
        return None
    from ..thai import to_arabic_digits

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
        return [_indicator_key(v) for v in values]

    @field_validator("actions", "outputs", "outcomes", mode="before")
    @classmethod
    def _text_list(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value


class IntegrityReportParams(Model):
    """One organisation's results report for one round of one fiscal year."""

    document: Literal["integrity_report"] = "integrity_report"
    organisation: Organisation
    fiscal_year: BEYear
    round: Round
    analysis: Text | None = None  # the analysis params file whose measures are reported on
    style: Style = Style()
    results: list[Result]
    prepared: Prepared = Prepared()

    # measure ids of the linked analysis that have no result here (set by problems(); lint reports them)
    _unreported: list[str] | None = PrivateAttr(default=None)
    _analysis_year: int | None = PrivateAttr(default=None)


# -- the linked analysis -------------------------------------------------------------------------
class _Linked:
    """What a report needs from its analysis file: organisation, year and the measures by id."""

    def __init__(self, path: Path, org: str, fiscal_year: int, assessment_year: int, measures: list[dict]):
        self.path = path
        self.organisation = org
        self.fiscal_year = fiscal_year
        self.assessment_year = assessment_year
        self.measures = measures  # [{"id": …, CARRIED fields …}]

    def ids(self) -> list[str]:
        return [m["id"] for m in self.measures]

    def find(self, measure_id: str) -> dict | None:
        for m in self.measures:
            if m["id"].casefold() == measure_id.casefold():
                return m
        return None


def analysis_path(params: IntegrityReportParams, source: str | None) -> Path | None:
    """The analysis file, relative to this params file (or the working directory without one)."""
    if not params.analysis:
        return None
    path = Path(params.analysis).expanduser()
    if path.is_absolute():
        return path
    base = Path(source).parent if source and not str(source).startswith("<") else Path(".")
    return base / path


@lru_cache(maxsize=16)
def _read_linked(path: str, mtime_ns: int, size: int) -> _Linked:
    """The analysis's measures with the carried-forward fields; cached per file version."""
    from .. import narrative
    from ..errors import InputError, InputErrors
    from ..scoring import analyse
    from . import load_params
    from .yamlio import load_yaml, read_text

    raw = load_yaml(read_text(Path(path)), path)
    kind = raw.get("document", "ita_analysis") if isinstance(raw, dict) else None
    if kind != "ita_analysis":  # also stops a report that links itself (or another report) from recursing
        raise InputErrors([InputError(path, "document", "ต้องเป็นไฟล์ข้อมูลของเอกสารการนำผลการประเมิน ITA "
                                      "ไปสู่การพัฒนาองค์กร (document: ita_analysis)",
                                      "must be the params of an ITA analysis document (document: ita_analysis)",
                                      kind)], path)
    a = analyse(load_params(path))
    fw = a.framework
    measures = []
    for m in narrative.measures(a):
        tools = {fw.tool_of(n) for n in m.indicators if n in fw.indicators}
        measures.append({
            "id": m.id,
            "name": m.name,
            "kind": m.kind,
            "indicators": list(m.indicators),
            "tool": tools.pop() if len(tools) == 1 else None,
            "responsible": m.responsible,
            "start": m.start,
            "end": m.end,
        })
    numbered = [m for m in measures if m["id"]]
    return _Linked(Path(path), a.params.organisation.name, a.params.fiscal_year, a.year, numbered)


def load_linked(path: Path) -> _Linked:
    stat = path.stat()
    return _read_linked(str(path), stat.st_mtime_ns, stat.st_size)


# -- cross-field checks ----------------------------------------------------------------------------
Problem = tuple[tuple, str, str, Any]


def _framework_tools(fiscal_year: int) -> dict[int, str] | None:
    """Indicator → tool for the fiscal year (its own framework, else the previous year's)."""
    from ..errors import InputError
    from ..frameworks import load_framework

    for year in (fiscal_year, fiscal_year - 1):
        try:
            fw = load_framework(year)
        except InputError:
            continue
        return {n: d.tool for n, d in fw.indicators.items()}
    return None


def _norm(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


def _same(field: str, given: Any, carried: Any) -> bool:
    if field == "name" or field == "responsible":
        return _norm(given) == _norm(carried)
    if field == "indicators":
        return sorted(given) == sorted(carried)
    return given == carried


def _shown(value: Any) -> Any:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return value.isoformat() if hasattr(value, "isoformat") else value


def _link(params: IntegrityReportParams, source: str | None, out: list[Problem]) -> None:
    """Resolve `analysis:` and fill each linked result's carried-forward fields."""
    from ..errors import InputError, InputErrors

    linked_rows = [(i, r) for i, r in enumerate(params.results) if r.measure]
    path = analysis_path(params, source)
    if path is None:
        for i, r in linked_rows:
            out.append((("results", i, "measure"),
                        "การอ้างรหัสมาตรการต้องระบุไฟล์เอกสารวิเคราะห์ไว้ที่ analysis: (เช่น analysis: samruean_2569.yaml) "
                        "หรือให้ระบุชื่อมาตรการเองที่ name:",
                        "a measure id needs the analysis file under analysis: (e.g. analysis: samruean_2569.yaml), "
                        "or give the measure's own name under name:", r.measure))
        return
    here = source or "<params>"
    if not path.is_file():
        filled = all(r.name and r.responsible for _, r in linked_rows)
        if filled and (source is None or str(source).startswith("<") or not Path(source).is_file()):
            return  # already-validated data re-checked without its file: the carried values stand
        out.append((("analysis",),
                    f"ไม่พบไฟล์เอกสารวิเคราะห์ {path} ที่ {here} อ้างถึง (ระบุตำแหน่งเทียบกับไฟล์นี้)",
                    f"the analysis file {path} named by {here} was not found (give it relative to this file)",
                    params.analysis))
        return
    try:
        linked = load_linked(path)
    except (InputErrors, InputError) as exc:
        errors = list(exc) if isinstance(exc, InputErrors) else [exc]
        first = errors[0] if errors else None
        th = first.message_th() if first else ""
        en = first.message_en() if first else ""
        more_th = f" และอีก {len(errors) - 1} รายการ" if len(errors) > 1 else ""
        more_en = f" and {len(errors) - 1} more" if len(errors) > 1 else ""
        out.append((("analysis",),
                    f"ไฟล์เอกสารวิเคราะห์ {path} ที่ {here} อ้างถึงไม่ถูกต้อง: {th}{more_th}",
                    f"the analysis file {path} named by {here} is invalid: {en}{more_en}", params.analysis))
        return
    params._analysis_year = linked.assessment_year
    if _norm(linked.organisation) != _norm(params.organisation.name):
        out.append((("analysis",),
                    f"เอกสารวิเคราะห์ {path} เป็นของ{linked.organisation} แต่รายงานนี้ ({here}) "
                    f"เป็นของ{params.organisation.name}",
                    f"the analysis {path} is for {linked.organisation}, but this report ({here}) is for "
                    f"{params.organisation.name}", params.analysis))
    if linked.fiscal_year != params.fiscal_year:
        out.append((("analysis",),
                    f"เอกสารวิเคราะห์ {path} เป็นของปีงบประมาณ {linked.fiscal_year} แต่รายงานนี้ ({here}) "
                    f"เป็นของปีงบประมาณ {params.fiscal_year}",
                    f"the analysis {path} is for fiscal year {linked.fiscal_year}, but this report ({here}) is for "
                    f"fiscal year {params.fiscal_year}", params.analysis))
    if any(p[0] == ("analysis",) for p in out):
        return
    ids = linked.ids()
    listed = ", ".join(ids) if ids else "–"
    for i, r in linked_rows:
        m = linked.find(r.measure)
        if m is None:
            out.append((("results", i, "measure"),
                        f"ไม่มีมาตรการรหัสนี้ในเอกสารวิเคราะห์ {path} (มี {listed})",
                        f"no measure with this id in the analysis {path} (it has {listed})", r.measure))
            continue
        r.measure = m["id"]
        for field in CARRIED:
            carried = m[field]
            given = getattr(r, field)
            if carried in (None, []):
                continue  # the analysis leaves it open: the report may say it
            if given not in (None, []) and not _same(field, given, carried):
                out.append((("results", i, "indicator" if field == "indicators" else field),
                            f"ค่านี้นำมาจากมาตรการ {m['id']} ในเอกสารวิเคราะห์โดยอัตโนมัติ ไม่ต้องพิมพ์ซ้ำ "
                            f"(ในเอกสารวิเคราะห์คือ \"{_shown(carried)}\")",
                            f"this value is carried forward from measure {m['id']} of the analysis; leave it out "
                            f"(the analysis says \"{_shown(carried)}\")", _shown(given)))
                continue
            setattr(r, field, list(carried) if isinstance(carried, list) else carried)
    reported = {r.measure.casefold() for _, r in linked_rows if r.measure}
    params._unreported = [x for x in ids if x.casefold() not in reported]


def problems(params: IntegrityReportParams, source: str | None = None) -> list[Problem]:
    """Link the analysis and check what needs several fields: (field path, Thai, English, got)."""
    out: list[Problem] = []
    if not params.results:
        out.append((("results",), "ต้องมีผลการดำเนินการอย่างน้อย ๑ มาตรการ",
                    "at least one measure's results are required", None))
    for i, r in enumerate(params.results):
        if not r.measure and not r.name:
            out.append((("results", i),
                        "ต้องระบุ measure (รหัสมาตรการในเอกสารวิเคราะห์ เช่น M1) หรือ name (ชื่อมาตรการ)",
                        "give measure (a measure id of the analysis, e.g. M1) or name (the measure's name)", None))
        if r.start and r.end and r.end < r.start:
            out.append((("results", i, "end"), "วันสิ้นสุด (end) ต้องไม่ก่อนวันเริ่ม (start)",
                        "end must not be before start", r.end.isoformat()))
    _link(params, source, out)

    tools = _framework_tools(params.fiscal_year)
    seen_ids: dict[str, int] = {}
    seen_names: dict[str, int] = {}
    for i, r in enumerate(params.results):
        repeated = False
        if r.measure:
            key = r.measure.casefold()
            if key in seen_ids:
                repeated = True
                out.append((("results", i, "measure"),
                            f"มาตรการนี้รายงานซ้ำกับรายการที่ {seen_ids[key] + 1} (รวมผลไว้ในรายการเดียว)",
                            f"this measure is reported twice (also entry {seen_ids[key] + 1}); merge them", r.measure))
            seen_ids.setdefault(key, i)
        if r.name:
            key = _norm(r.name)
            if key in seen_names and not repeated:
                out.append((("results", i, "name"),
                            f"ชื่อมาตรการซ้ำกับรายการที่ {seen_names[key] + 1} (รวมผลไว้ในรายการเดียว)",
                            f"the same measure name as entry {seen_names[key] + 1}; merge them", r.name))
            seen_names.setdefault(key, i)
        if r.measure:
            continue  # linked: the analysis answers for its fields (errors above)
        if r.name and not r.responsible:
            out.append((("results", i, "responsible"), "ต้องระบุผู้รับผิดชอบ (สำนัก/กอง) ของมาตรการนี้",
                        "the responsible unit of this measure is required", None))
        if r.indicators:
            if tools is None:
                out.append((("results", i, "indicator"),
                            f"ไม่มีหลักเกณฑ์ ITA ของปี {params.fiscal_year} ที่จะจับคู่ตัวชี้วัดกับแบบวัด ให้ระบุ tool แทน",
                            f"no ITA framework for {params.fiscal_year} maps indicators to tools; give tool instead",
                            _shown(r.indicators)))
                continue
            found = {tools[n] for n in r.indicators if n in tools}
            unknown = [n for n in r.indicators if n not in tools]
            if unknown:
                out.append((("results", i, "indicator"), f"ไม่มีตัวชี้วัดนี้ (มี 1–{max(tools)})",
                            f"no such indicator (there are 1–{max(tools)})", _shown(unknown)))
            if r.tool and found and r.tool not in found:
                out.append((("results", i, "tool"),
                            f"แบบวัดไม่ตรงกับตัวชี้วัดที่ระบุ (ตัวชี้วัดอยู่ในแบบวัด {', '.join(sorted(found))})",
                            f"the tool does not match the indicators (they belong to {', '.join(sorted(found))})",
                            r.tool))
            elif r.tool is None and len(found) == 1:
                r.tool = found.pop()
    return out


# -- consistency findings ----------------------------------------------------------------------------
_MONTHS = {
    "มกราคม": 1, "กุมภาพันธ์": 2, "มีนาคม": 3, "เมษายน": 4, "พฤษภาคม": 5, "มิถุนายน": 6,
    "กรกฎาคม": 7, "สิงหาคม": 8, "กันยายน": 9, "ตุลาคม": 10, "พฤศจิกายน": 11, "ธันวาคม": 12,
    "ม.ค.": 1, "ก.พ.": 2, "มี.ค.": 3, "เม.ย.": 4, "พ.ค.": 5, "มิ.ย.": 6,
    "ก.ค.": 7, "ส.ค.": 8, "ก.ย.": 9, "ต.ค.": 10, "พ.ย.": 11, "ธ.ค.": 12,
}
_MONTH_RE = "|".join(re.escape(m) for m in sorted(_MONTHS, key=len, reverse=True))
# "๒๗ มกราคม ๒๕๖๕", "๗ เดือน มกราคม พ.ศ. ๒๕๖๓" (seed 002), "๑๔ พ.ย. ๖๘"
_TEXT_DATE = re.compile(rf"(?<![0-9๐-๙])([0-9๐-๙]{{1,2}})\s*(?:เดือน\s*)?({_MONTH_RE})\s*(?:พ\.\s*ศ\.\s*)?"
                        rf"([0-9๐-๙]{{4}}|[0-9๐-๙]{{2}})(?![0-9๐-๙])")
# fields that say what was done: a date written there must lie inside the round
_DONE_TEXT = ("actions", "summary", "outputs")


def text_dates(text: str):
    """(date, match) for every full Thai date written in the text (BE years, long or short months)."""
    import datetime as dt

    from ..thai import to_arabic_digits

    for m in _TEXT_DATE.finditer(text):
        day = int(to_arabic_digits(m.group(1)))
        year = int(to_arabic_digits(m.group(3)))
        year = year + 2500 if year < 100 else year
        try:
            yield dt.date(year - 543, _MONTHS[m.group(2)], day), m
        except ValueError:
            continue


def lint(params: IntegrityReportParams, data: dict) -> list:
    """Dates against the round, years against the fiscal year, statuses against what is reported."""
    from ..findings import Finding
    from ..lint import _snippet, dates_outside, dotted, text_fields, years_outside
    from ..thai import date_text, fiscal_year_bounds, period_text, round_bounds, to_thai_digits

    fy = params.fiscal_year
    r_start, r_end = round_bounds(fy, params.round)
    f_start, f_end = fiscal_year_bounds(fy)
    round_th = f"รอบ {to_thai_digits(str(params.round))} เดือนของปีงบประมาณ พ.ศ. {fy}"
    round_en = f"the {params.round}-month round of fiscal year {fy}"
    results = data.get("results") or []
    out: list = []

    # years in the text: the fiscal year and the calendar year it starts in
    texts = {"results": [{k: v for k, v in r.items() if k not in ("evidence_url",)} for r in results]}
    out += years_outside(texts, {fy, fy - 1}, f"ปีงบประมาณ พ.ศ. {fy} ที่รายงาน", f"the reported fiscal year {fy}")
    # dated activities inside the round (seed 000: ๒๗ มกราคม ๒๕๖๕ reported as done in FY ๒๕๖๖)
    acts = {"results": [{"activities": r.get("activities") or []} for r in results]}
    out += dates_outside(acts, r_start, r_end, round_th, round_en)
    # dates written in what was done: inside the round too
    for path, text in text_fields({"results": [{k: r.get(k) for k in _DONE_TEXT} for r in results]}):
        for when, m in text_dates(text):
            if not r_start <= when <= r_end:
                shown = _snippet(text, m.start(), m.end())
                out.append(Finding(
                    "date_outside_period", "warning", dotted(path),
                    f"วันที่ในข้อความอยู่นอก{round_th} ({period_text(r_start, r_end, short=False)}): \"{shown}\"",
                    f"a date in the text is outside {round_en} ({r_start.isoformat()} – {r_end.isoformat()}): "
                    f"\"{shown}\"", reported=when.isoformat()))
    for i, r in enumerate(params.results):
        where = f"results[{i + 1}]"
        # a measure's period: inside the fiscal year, and begun by the end of the round if work is reported
        for field in ("start", "end"):
            value = getattr(r, field)
            if value is not None and not f_start <= value <= f_end:
                out.append(Finding(
                    "date_outside_period", "warning", f"{where}.{field}",
                    f"วันที่ {date_text(value)} อยู่นอกปีงบประมาณ พ.ศ. {fy} ({period_text(f_start, f_end, short=False)})",
                    f"date {value.isoformat()} is outside fiscal year {fy}", reported=value.isoformat()))
        if r.start and r.start > r_end and r.status != "not_started":
            out.append(Finding(
                "period_after_round", "warning", f"{where}.status",
                f"มาตรการนี้กำหนดเริ่ม {date_text(r.start)} หลังสิ้น{round_th} แต่รายงานว่า{STATUS_TH[r.status]}",
                f"the measure starts on {r.start.isoformat()}, after {round_en} ends, yet it is reported as "
                f"{r.status}", reported=r.status))
        if r.status == "done":
            if not r.summary:
                out.append(Finding("done_without_summary", "warning", f"{where}.summary",
                                   "รายงานว่าดำเนินการแล้วเสร็จ แต่ไม่มีสรุปผลการดำเนินการ",
                                   "reported as done, but without a summary of the results"))
            if not r.outcomes:
                out.append(Finding("done_without_outcome", "warning", f"{where}.outcomes",
                                   "รายงานว่าดำเนินการแล้วเสร็จ แต่ไม่มีผลลัพธ์หรือความสำเร็จของการดำเนินการ",
                                   "reported as done, but without outcomes (ผลลัพธ์/ความสำเร็จ)"))
        if r.status == "not_started" and (r.activities or r.outputs or r.outcomes):
            out.append(Finding("status_conflict", "warning", f"{where}.status",
                               "รายงานว่ายังไม่ได้ดำเนินการ แต่มีกิจกรรม ผลผลิต หรือผลลัพธ์",
                               "reported as not started, yet activities, outputs or outcomes are given",
                               reported=r.status))
        if params.prepared.date:
            for j, act in enumerate(r.activities):
                if act.date > params.prepared.date:
                    out.append(Finding(
                        "activity_after_report", "warning", f"{where}.activities[{j + 1}].date",
                        f"กิจกรรมลงวันที่ {date_text(act.date)} หลังวันที่จัดทำรายงาน ({date_text(params.prepared.date)})",
                        f"the activity is dated {act.date.isoformat()}, after the report's date "
                        f"({params.prepared.date.isoformat()})", reported=act.date.isoformat()))
    if params.prepared.date and params.prepared.date < r_end:
        out.append(Finding(
            "prepared_before_round_end", "warning", "prepared.date",
            f"รายงานลงวันที่ {date_text(params.prepared.date)} ก่อนสิ้น{round_th} ({date_text(r_end)})",
            f"the report is dated {params.prepared.date.isoformat()}, before {round_en} ends ({r_end.isoformat()})",
            reported=params.prepared.date.isoformat()))
    for measure_id in params._unreported or []:
        out.append(Finding(
            "measure_not_reported", "warning", "results",
            f"มาตรการ {measure_id} ในเอกสารวิเคราะห์ยังไม่มีรายงานผลในรอบนี้",
            f"measure {measure_id} of the analysis has no results in this round", reported=measure_id))
    return out


def title(params: IntegrityReportParams) -> str:
    """The document's title with its year and round, as on the cover."""
    from ..thai import to_thai_digits

    digits = to_thai_digits if params.style.thai_digits else str
    return (f"{TITLE_TH} ประจำปีงบประมาณ พ.ศ. {digits(str(params.fiscal_year))} "
            f"รอบ {digits(str(params.round))} เดือน {params.organisation.name}")


def _document():
    from ..documents import DocumentType

    return DocumentType(
        key=KEY,
        model=IntegrityReportParams,
        notebook="integrity_measures_report.ipynb",
        title_th=TITLE_TH,
        title_en=TITLE_EN,
        stem="integrity_report",
        problems=problems,
        lint=lint,
        findings=None,
        title=title,
    )


DOCUMENT = _document()
