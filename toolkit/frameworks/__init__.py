"""ITA frameworks as data: one YAML file per assessment period, found by assessment year.

A file may ``extends:`` another (deep merge; ``null`` removes a key, e.g. an item catalogue
that is unknown for the period; ``replace: [items.OIT]`` takes a key whole instead of merging it,
for a renumbered catalogue; each ``documents`` entry is taken whole). ``assessment_years``,
``sources``, ``confidence`` and ``national_figures`` are never inherited. Extra directories come
from ``ITA_FRAMEWORKS_PATH`` (``os.pathsep``-separated), so adding a year or correcting an
unconfirmed rule needs no code. Code that has a document's year, not an assessment year, uses
:func:`framework_for` (that year's framework, else the nearest earlier one).
"""
from __future__ import annotations

import copy
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from ..kit.errors import FrameworkError
from ..kit.rounding import publish

PACKAGE_DIR = Path(__file__).resolve().parent
TOOLS = ("IIT", "EIT", "OIT")
# the toolkit's documents and the OIT item each answers (per framework: ``documents:``)
DOCUMENT_KEYS = ("ita_analysis", "integrity_report", "anticorruption_plan")
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def normalise_code(code: str) -> str:
    """'O25', 'o025', ' i๑๐ ' or a seed's '๐๒๗' (Thai zero for the letter o) → 'o25', 'i10', 'o27'."""
    c = str(code).strip().translate(_THAI_DIGITS).lower()
    if c[:1] == "0" and c.isdigit() and len(c) > 1:
        c = "o" + c[1:]
    m = re.fullmatch(r"([a-z]+)0*(\d+)", c)
    return f"{m[1]}{int(m[2])}" if m else c


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ToolDef(_Model):
    name_th: str
    name_en: str
    weight: float = Field(gt=0, le=1)
    item_prefix: str
    item_count: int | None = None


class IndicatorDef(_Model):
    name: str
    tool: str
    aggregation: Literal["mean_of_items", "mean_of_sub_indicators", "informative", "none"] = "none"
    confidence: str = "sure"


class SubIndicatorDef(_Model):
    indicator: int
    name: str


class ItemDef(_Model):
    """One question (IIT/EIT) or published item (OIT); ``text`` is None when its wording is not known."""

    code: str
    indicator: int | None = None  # None: the item's indicator is not known for this period
    text: str | None = None  # the published wording, without the year printed after "พ.ศ."
    period_year: int | None = None  # the BE year printed after the name ("… ประจำปี พ.ศ. ๒๕๖๗")
    sub: str | None = None
    topic: str | None = None
    negative: bool = False
    about_en: str | None = None  # what the item is, from a secondary source, when its wording is unknown
    note: str | None = None  # doubts about the printed wording


class DocumentRef(_Model):
    """The OIT item one of our documents answers in a period; ``item`` None when not known."""

    item: str | None = None
    confidence: str = "sure"
    sources: list[str] = []
    note_th: str | None = None
    note_en: str | None = None

    @field_validator("item")
    @classmethod
    def _code(cls, item: str | None) -> str | None:
        return None if item is None else normalise_code(item)


class LocalOrganisations(_Model):
    total: int = Field(gt=0)
    pao: int | None = None  # อบจ.
    municipalities: int | None = None  # เทศบาล
    sao: int | None = None  # อบต.
    special: list[str] = []  # กรุงเทพมหานคร, เมืองพัทยา
    confidence: str = "sure"

    @model_validator(mode="after")
    def _adds_up(self) -> "LocalOrganisations":
        parts = (self.pao, self.municipalities, self.sao)
        if None not in parts and sum(parts) + len(self.special) != self.total:
            raise ValueError(f"local organisations: {' + '.join(map(str, parts))} + {len(self.special)} special "
                             f"must add up to total {self.total}")
        return self


class NationalFigures(_Model):
    """The NACC's national results of one assessment year, as released; None fields are not known."""

    agencies: int | None = Field(default=None, gt=0)
    average: float | None = Field(default=None, ge=0, le=100)
    at_or_above_pass: int | None = Field(default=None, ge=0)
    share_at_or_above_pass: float | None = Field(default=None, ge=0, le=100)  # percent, as released
    local_organisations: LocalOrganisations | None = None
    confidence: str = "sure"
    sources: list[str] = []
    source_th: str | None = None  # the source as a Thai footnote cites it
    note_th: str | None = None
    note_en: str | None = None

    @model_validator(mode="after")
    def _share_matches(self) -> "NationalFigures":
        n, count, share = self.agencies, self.at_or_above_pass, self.share_at_or_above_pass
        if None not in (n, count, share) and abs(100 * count / n - share) > 0.006:
            raise ValueError(f"share_at_or_above_pass {share} is not {count} of {n} agencies "
                             f"({100 * count / n:.2f} %)")
        return self

    @property
    def known(self) -> bool:
        return self.agencies is not None or self.average is not None


class LevelRule(_Model):
    level: str
    total_min: float = Field(ge=0, le=100)
    each_tool_min: float | None = Field(default=None, ge=0, le=100)


class LevelScale(_Model):
    scale: Literal["letter", "rating"]
    confidence: str = "sure"
    note_th: str | None = None
    note_en: str | None = None
    rules: list[LevelRule]

    @model_validator(mode="after")
    def _ordered(self) -> "LevelScale":
        mins = [r.total_min for r in self.rules]
        if mins != sorted(mins, reverse=True) or mins[-1] != 0:
            raise ValueError("levels.rules must run from the highest total_min down to a last rule with total_min 0")
        return self

    @property
    def names(self) -> list[str]:
        return [r.level for r in self.rules]


class Framework(_Model):
    """The rules of one ITA period; everything scoring needs, nothing it has to hard-code."""

    id: str
    title_th: str
    title_en: str
    assessment_years: list[int]
    sources: list[str] = []
    confidence: dict[str, str] = {}
    pass_line: float = Field(ge=0, le=100)
    tools: dict[str, ToolDef]
    indicators: dict[int, IndicatorDef]
    sub_indicators: dict[str, SubIndicatorDef] = {}
    items: dict[str, dict[str, ItemDef] | None] = {}
    documents: dict[str, DocumentRef] = {}
    national_figures: dict[int, NationalFigures] = {}
    levels: LevelScale
    path: str | None = None

    @model_validator(mode="after")
    def _consistent(self) -> "Framework":
        if set(self.tools) != set(TOOLS):
            raise ValueError(f"tools must be exactly {', '.join(TOOLS)}")
        if abs(sum(t.weight for t in self.tools.values()) - 1) > 1e-9:
            raise ValueError("tool weights must add up to 1")
        if sorted(self.indicators) != list(range(1, len(self.indicators) + 1)):
            raise ValueError("indicators must be numbered 1, 2, 3 … without gaps")
        for n, ind in self.indicators.items():
            if ind.tool not in self.tools:
                raise ValueError(f"indicator {n}: unknown tool {ind.tool}")
        for key, sub in self.sub_indicators.items():
            if sub.indicator not in self.indicators or not key.startswith(f"{sub.indicator}."):
                raise ValueError(f"sub-indicator {key}: must belong to its indicator")
        for tool, catalogue in self.items.items():
            if tool not in self.tools:
                raise ValueError(f"items: unknown tool {tool}")
            spec = self.tools[tool]
            if catalogue is not None and spec.item_count is not None:
                expected = [f"{spec.item_prefix}{n}" for n in range(1, spec.item_count + 1)]
                if list(catalogue) != expected:
                    raise ValueError(f"items.{tool} must list {expected[0]}…{expected[-1]} in order, once each "
                                     f"(tools.{tool}.item_count is {spec.item_count})")
            for code, item in (catalogue or {}).items():
                if item.indicator is not None and self.indicators[item.indicator].tool != tool:
                    raise ValueError(f"item {code}: indicator {item.indicator} is not a {tool} indicator")
                if item.sub and (item.sub not in self.sub_indicators
                                 or self.sub_indicators[item.sub].indicator != item.indicator):
                    raise ValueError(f"item {code}: sub-indicator {item.sub} is unknown or not of its indicator")
        for key, ref in self.documents.items():
            if key not in DOCUMENT_KEYS:
                raise ValueError(f"documents.{key}: unknown document (known: {', '.join(DOCUMENT_KEYS)})")
            if ref.item is not None:
                tool = self.tool_for_code(ref.item)
                if tool is None or (self.catalogue(tool) is not None and ref.item not in self.catalogue(tool)):
                    raise ValueError(f"documents.{key}: item {ref.item} is not in this framework's catalogue")
        for year in self.national_figures:
            if year not in self.assessment_years:
                raise ValueError(f"national_figures.{year}: not one of this file's assessment_years")
        return self

    # -- lookups ------------------------------------------------------------------
    @property
    def tool_codes(self) -> tuple[str, ...]:
        """The tools' codes in their usual order (IIT, EIT, OIT): never hard-code them."""
        return tuple(t for t in TOOLS if t in self.tools)

    def indicators_of(self, tool: str) -> list[int]:
        return [n for n, ind in self.indicators.items() if ind.tool == tool]

    def tool_of(self, indicator: int) -> str:
        return self.indicators[indicator].tool

    def catalogue(self, tool: str) -> dict[str, ItemDef] | None:
        """Known items of a tool, or None when this period's catalogue is not stored."""
        return self.items.get(tool)

    def item(self, code: str) -> ItemDef | None:
        code = normalise_code(code)
        for catalogue in self.items.values():
            if catalogue and code in catalogue:
                return catalogue[code]
        return None

    def item_text(self, code: str, with_year: bool = False) -> str | None:
        """The published wording of an item, None when not known (the code may still be valid: see accepts)."""
        item = self.item(code)
        if item is None or item.text is None:
            return None
        if with_year and item.period_year is not None:
            return f"{item.text} พ.ศ. {item.period_year}"
        return item.text

    def accepts(self, code: str) -> bool:
        """Whether a code names an item of this period: in its catalogue, or within item_count when none is stored."""
        code = normalise_code(code)
        tool = self.tool_for_code(code)
        if tool is None:
            return False
        catalogue, count = self.catalogue(tool), self.tools[tool].item_count
        if catalogue is not None:
            return code in catalogue
        number = int(code[len(self.tools[tool].item_prefix):])
        return number >= 1 and (count is None or number <= count)

    def document_ref(self, document_key: str) -> DocumentRef | None:
        """What is known of the item a document answers in this period (its confidence and sources too)."""
        if document_key not in DOCUMENT_KEYS:
            raise ValueError(f"unknown document key {document_key!r} (known: {', '.join(DOCUMENT_KEYS)})")
        return self.documents.get(document_key)

    def document_code(self, document_key: str) -> str | None:
        """The code of the OIT item a document answers ('o27'), None when not known for this period."""
        ref = self.document_ref(document_key)
        return ref.item if ref else None

    def document_item(self, document_key: str) -> ItemDef | None:
        """The OIT item a document answers, None when not known (or the period's catalogue is not stored)."""
        code = self.document_code(document_key)
        return self.item(code) if code else None

    def national(self, year: int | None = None) -> NationalFigures | None:
        """The national results of an assessment year of this framework, None when not released or not stored."""
        if year is None:
            if len(self.assessment_years) != 1:
                raise ValueError(f"{self.id} covers {self.assessment_years}: name the year")
            year = self.assessment_years[0]
        figures = self.national_figures.get(year)
        return figures if figures is not None and figures.known else None

    def items_of(self, indicator: int) -> list[ItemDef]:
        catalogue = self.catalogue(self.tool_of(indicator)) or {}
        return [i for i in catalogue.values() if i.indicator == indicator]

    def items_on(self, topic: str) -> list[ItemDef]:
        return [i for cat in self.items.values() if cat for i in cat.values() if i.topic == topic]

    def tool_for_code(self, code: str) -> str | None:
        for name, tool in self.tools.items():
            if code.startswith(tool.item_prefix) and code[len(tool.item_prefix):].isdigit():
                return name
        return None

    def level_for(self, total: float, tools: dict[str, float] | None = None) -> str:
        """The level of a total (and tool scores, for the rating scale), on 2-decimal figures as published."""
        total = publish(total)
        tool_scores = [publish(v) for v in (tools or {}).values()]
        for rule in self.levels.rules:
            if total < rule.total_min:
                continue
            if rule.each_tool_min is not None and (
                len(tool_scores) < len(self.tools) or min(tool_scores) < rule.each_tool_min
            ):
                continue
            return rule.level
        return self.levels.rules[-1].level

    def is_unconfirmed(self, what: str) -> bool:
        return "unconfirmed" in self.confidence.get(what, "")


# -- loading ----------------------------------------------------------------------------
def search_dirs() -> list[Path]:
    extra = [Path(p) for p in os.environ.get("ITA_FRAMEWORKS_PATH", "").split(os.pathsep) if p]
    return extra + [PACKAGE_DIR]


def _merge(base: dict, over: dict) -> dict:
    out = dict(base)
    for key, value in over.items():
        if value is None:
            out[key] = None
        elif isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _read(path: Path) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise FrameworkError(str(path), None, "ไฟล์หลักเกณฑ์ต้องเป็น YAML ที่อ่านได้",
                             "a framework file must be readable YAML", str(exc).splitlines()[0]) from None
    if not isinstance(data, dict) or "id" not in data:
        raise FrameworkError(str(path), "id", "ไฟล์หลักเกณฑ์ต้องมีฟิลด์ id", "a framework file needs an id field")
    return data


@lru_cache(maxsize=None)
def _read_cached(path: Path) -> dict:
    return _read(path)


@lru_cache(maxsize=None)
def _index(dirs: tuple[Path, ...]) -> dict[str, Path]:
    index: dict[str, Path] = {}
    for d in reversed(dirs):  # earlier directories win
        for path in sorted(d.glob("*.yaml")):
            index[_read_cached(path)["id"]] = path
    return index


def _raw(fid: str, index: dict[str, Path], seen: tuple[str, ...] = ()) -> dict:
    if fid in seen:
        raise FrameworkError(str(index.get(fid)), "extends", "การสืบทอดหลักเกณฑ์ต้องไม่วนกลับ",
                             "framework inheritance must not loop", " -> ".join(seen + (fid,)))
    data = copy.deepcopy(_read_cached(index[fid]))
    parent = data.pop("extends", None)
    replace = data.pop("replace", None) or []
    if not isinstance(replace, list) or not all(isinstance(r, str) for r in replace):
        raise FrameworkError(str(index[fid]), "replace", "replace ต้องเป็นรายการชื่อฟิลด์ เช่น [items.OIT]",
                             "replace must be a list of dotted keys, e.g. [items.OIT]", replace)
    if parent is None:
        return data
    if parent not in index:
        raise FrameworkError(str(index[fid]), "extends", f"ไม่พบหลักเกณฑ์ที่อ้างถึง ({', '.join(sorted(index))})",
                             f"extends must name a known framework ({', '.join(sorted(index))})", parent)
    base = _raw(parent, index, seen + (fid,))
    for key in ("assessment_years", "sources", "confidence", "national_figures"):
        base.pop(key, None)
    for dotted in replace:
        *head, last = dotted.split(".")
        node = base
        for key in head:
            node = node.get(key) if isinstance(node, dict) else None
        if isinstance(node, dict):
            node.pop(last, None)
    documents = data.pop("documents", None)
    merged = _merge(base, data)
    if documents:
        merged["documents"] = {**(base.get("documents") or {}), **documents}
    return merged


def _build(data: dict, path: Path) -> Framework:
    items = {}
    for tool, catalogue in (data.get("items") or {}).items():
        items[tool] = None if catalogue is None else {
            code: {"code": code, **(spec or {})} for code, spec in catalogue.items()  # "o1: {}": code only
        }
    data = {**data, "items": items, "path": str(path)}
    try:
        return Framework.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise FrameworkError(str(path), where or None, "ไฟล์หลักเกณฑ์ไม่ถูกต้อง", first["msg"]) from None


@lru_cache(maxsize=None)
def load_file(path: str) -> Framework:
    """A framework from an explicit file (a user's correction of an unconfirmed rule, say)."""
    p = Path(path)
    if not p.is_file():
        raise FrameworkError(path, "assessment.framework", "ต้องเป็นไฟล์หลักเกณฑ์ที่มีอยู่จริง",
                             "expected an existing framework file")
    index = dict(_index(tuple(search_dirs())))
    data = _read_cached(p)
    index[data["id"]] = p
    return _build(_raw(data["id"], index), p)


@lru_cache(maxsize=None)
def _by_id(fid: str, dirs: tuple[Path, ...]) -> Framework:
    index = _index(dirs)
    return _build(_raw(fid, index), index[fid])


def by_year(dirs: tuple[Path, ...] | None = None) -> dict[int, str]:
    """Assessment year → framework id, over every framework file found."""
    dirs = dirs or tuple(search_dirs())
    years: dict[int, str] = {}
    for fid, path in _index(dirs).items():
        for year in _read_cached(path).get("assessment_years", []):
            years.setdefault(int(year), fid)
    return years


def available_years() -> list[int]:
    return sorted(by_year())


def load_framework(year: int, override: str | None = None, source: str | None = None) -> Framework:
    """The framework for an assessment year (or the one a params file names); unknown years are an input error."""
    dirs = tuple(search_dirs())
    if override:
        index = _index(dirs)
        if override in index:
            return _by_id(override, dirs)
        return load_file(override)
    years = by_year(dirs)
    if year not in years:
        known = ", ".join(str(y) for y in sorted(years))
        raise FrameworkError(
            source, "assessment.year",
            f"ไม่มีหลักเกณฑ์ ITA ของปีที่ประเมินนี้ ปีที่รองรับ: {known} (เพิ่มปีใหม่ได้ด้วยไฟล์ YAML ใน ITA_FRAMEWORKS_PATH)",
            f"no ITA framework for this assessment year; known years: {known} "
            "(add one as a YAML file in ITA_FRAMEWORKS_PATH)",
            year,
        )
    return _by_id(years[year], dirs)


def framework_for(year: int, source: str | None = None, field: str = "fiscal_year") -> Framework:
    """This year's framework, else the nearest earlier one: for a document year that has none of its own."""
    years = by_year(tuple(search_dirs()))
    earlier = [y for y in years if y <= year]
    if not earlier:
        known = ", ".join(str(y) for y in sorted(years))
        raise FrameworkError(
            source, field,
            f"ไม่มีหลักเกณฑ์ ITA ของปีนี้หรือปีก่อนหน้า ปีที่รองรับ: {known}",
            f"no ITA framework for this year or an earlier one; known years: {known}",
            year,
        )
    return load_framework(max(earlier))


def clear_cache() -> None:
    """Forget loaded files (tests and long-running services that edit frameworks)."""
    _read_cached.cache_clear()
    _index.cache_clear()
    _by_id.cache_clear()
    load_file.cache_clear()
