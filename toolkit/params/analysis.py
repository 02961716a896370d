"""Params of the analysis report (การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร / มาตรการส่งเสริมคุณธรรมฯ)."""
from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from .types import BEYear, Date, Expected, Model, Score, Text, check_order, keyed, whole_number

TOOL_NAMES = ("IIT", "EIT", "OIT")

# Organisation types: prefix of the full name → (type, short prefix). Longest prefix first.
ORG_TYPES = (
    ("องค์การบริหารส่วนจังหวัด", "องค์การบริหารส่วนจังหวัด", "อบจ."),
    ("องค์การบริหารส่วนตำบล", "องค์การบริหารส่วนตำบล", "อบต."),
    ("เทศบาลนคร", "เทศบาลนคร", "ทน."),
    ("เทศบาลเมือง", "เทศบาลเมือง", "ทม."),
    ("เทศบาลตำบล", "เทศบาลตำบล", "ทต."),
    ("กรุงเทพมหานคร", "กรุงเทพมหานคร", "กทม."),
    ("เมืองพัทยา", "เมืองพัทยา", "เมืองพัทยา"),
)


def _indicator_key(key: Any) -> int:
    return whole_number(key, 1, 10, "หมายเลขตัวชี้วัด", "indicator number")


def _item_code(key: Any) -> str:
    from ..thai import to_arabic_digits

    code = to_arabic_digits(str(key)).strip().lower()
    if code[:1] in ("๐", "0"):  # published tables print o-items as ๐๘: a Thai zero standing for "o"
        code = "o" + code[1:]
    if not (len(code) >= 2 and code[0] in "ieo" and code[1:].isdigit()):
        raise Expected("รหัสข้อคำถามต้องเป็นรูปแบบ i1, e1 หรือ o1", "item codes look like i1, e1 or o1")
    return f"{code[0]}{int(code[1:])}"


def _tool_key(key: Any) -> str:
    code = str(key).strip().upper()
    if code not in TOOL_NAMES:
        raise Expected("เครื่องมือต้องเป็น IIT, EIT หรือ OIT", "a tool is one of IIT, EIT, OIT")
    return code


_indicators = keyed(_indicator_key)
_all_indicators = keyed(_indicator_key, range(1, 11), "ต้องมีคะแนนครบทั้ง 10 ตัวชี้วัด ขาดตัวชี้วัดที่",
                        "all 10 indicator scores are required; missing indicator(s)")
_items = keyed(_item_code)
_tools = keyed(_tool_key)


class Organisation(Model):
    name: Text
    short_name: Text | None = None
    type: Text | None = None
    subdistrict: Text | None = None
    district: Text
    province: Text
    address: Text | None = None
    website: Text | None = None
    phone: Text | None = None

    @model_validator(mode="after")
    def _infer(self) -> "Organisation":
        for prefix, kind, short in ORG_TYPES:
            if self.name.startswith(prefix):
                if self.type is None:
                    self.type = kind
                if self.short_name is None:
                    rest = self.name[len(prefix):].strip()
                    self.short_name = f"{short}{rest}" if rest else self.name
                break
        if self.short_name is None:
            self.short_name = self.name
        return self


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


class Style(Model):
    thai_digits: bool = True
    show_items: bool = True
    date_style: Literal["long", "short"] = "long"


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
        return [_indicator_key(v) for v in values]

    @model_validator(mode="after")
    def _order(self) -> "Measure":
        check_order(self.start, self.end)
        return self


class Signatory(Model):
    """Who signs; without a name, a blank line is printed for a hand-written one."""

    name: Text | None = None
    position: Text


class Prepared(Model):
    date: Date | None = None
    by: Text | None = None
    signatory: Signatory | None = None


class AnalysisParams(Model):
    """One organisation's analysis report for one fiscal year."""

    document: Literal["ita_analysis"] = "ita_analysis"
    organisation: Organisation
    fiscal_year: BEYear
    assessment: Assessment
    previous: list[HistoryEntry] = []
    style: Style = Style()
    measures: list[Measure] | None = None
    prepared: Prepared = Prepared()


def problems(params: AnalysisParams, source: str | None = None) -> list[tuple[tuple, str, str, Any]]:
    """Checks that need the framework or several fields at once: (field path, Thai, English, got)."""
    from ..errors import InputError
    from ..frameworks import load_framework

    a = params.assessment
    try:
        framework = load_framework(a.year, a.framework, source)
    except InputError as exc:
        field = ("assessment", "framework") if a.framework else ("assessment", "year")
        return [(field, exc.expected_th, exc.expected_en, exc.got)]
    out: list[tuple[tuple, str, str, Any]] = []
    if params.fiscal_year < a.year:
        out.append((("fiscal_year",),
                    f"ปีงบประมาณของเอกสารต้องไม่ก่อนปีที่ประเมิน ({a.year}) โดยปกติคือปีถัดไป ({a.year + 1})",
                    f"the document's fiscal year must not be before the assessment year ({a.year}); "
                    f"normally it is the next one ({a.year + 1})", params.fiscal_year))
    seen: set[int] = set()
    for i, entry in enumerate(params.previous):
        if entry.year >= a.year:
            out.append((("previous", i, "year"), f"ปีในประวัติต้องก่อนปีที่ประเมิน ({a.year})",
                        f"a history year must be before the assessment year ({a.year})", entry.year))
        if entry.year in seen:
            out.append((("previous", i, "year"), "ปีในประวัติต้องไม่ซ้ำกัน", "history years must not repeat", entry.year))
        seen.add(entry.year)
    levels = framework.levels.names
    if a.reported.level is not None and a.reported.level not in levels:
        out.append((("assessment", "reported", "level"),
                    f"ระดับผลการประเมินของปี {a.year} ต้องเป็นหนึ่งใน: {', '.join(levels)}",
                    f"the level for {a.year} must be one of: {', '.join(levels)}", a.reported.level))
    for code in a.items:
        tool = framework.tool_for_code(code)
        catalogue = framework.catalogue(tool) if tool else None
        known = tool is not None and (
            code in catalogue if catalogue is not None
            else framework.tools[tool].item_count is None or int(code[1:]) <= framework.tools[tool].item_count
        )
        if not known:
            count = {t: d.item_count for t, d in framework.tools.items()}
            listed = ", ".join(f"{framework.tools[t].item_prefix}1–{framework.tools[t].item_prefix}{n}"
                               for t, n in count.items() if n)
            out.append((("assessment", "items", code),
                        f"ไม่มีข้อคำถามนี้ในหลักเกณฑ์ปี {a.year} (มี {listed})",
                        f"no such item in the {a.year} framework ({listed})", code))
    return out


def lint(params: AnalysisParams, data: dict) -> list:
    """Years and dates of the measures against the plan's fiscal year; measure ids unique."""
    from ..lint import dates_outside, numbering, years_outside
    from ..thai import fiscal_year_bounds

    fy = params.fiscal_year
    measures = {"measures": data.get("measures") or []}
    allowed = {fy, fy - 1, params.assessment.year} | {p.year for p in params.previous}
    start, end = fiscal_year_bounds(fy)
    out = years_outside(measures, allowed, f"ช่วงปีงบประมาณ พ.ศ. {fy} ที่เอกสารนี้วางแผน",
                        f"the plan's fiscal year {fy}")
    out += dates_outside(measures, start, end, f"ปีงบประมาณ พ.ศ. {fy}", f"fiscal year {fy}")
    out += [f for f in numbering(measures["measures"], "id", ("measures",), "รหัสมาตรการ", "measure id")
            if f.code == "duplicate_number"]
    return out


def findings(params: AnalysisParams) -> list:
    """Reconciliation of the official figures (toolkit.reconcile), from the analysis itself."""
    from ..scoring import analyse

    return analyse(params).findings


def _document():
    from ..documents import DocumentType

    return DocumentType(
        key="ita_analysis",
        model=AnalysisParams,
        notebook="ita_analysis.ipynb",
        title_th="การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร",
        title_en="ITA results analysis and integrity measures",
        stem="ita_analysis",
        problems=problems,
        lint=lint,
        findings=findings,
    )


DOCUMENT = _document()
