"""ITA frameworks as data: one YAML file per assessment period, found by assessment year.

A file may ``extends:`` another (deep merge; ``null`` removes a key, e.g. an item catalogue
that is unknown for the period). Extra directories come from ``ITA_FRAMEWORKS_PATH``
(``os.pathsep``-separated), so adding a year or correcting an unconfirmed rule needs no code.
"""
from __future__ import annotations

import copy
import os
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ..kit.errors import FrameworkError

PACKAGE_DIR = Path(__file__).resolve().parent
TOOLS = ("IIT", "EIT", "OIT")


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
    code: str
    indicator: int
    text: str
    sub: str | None = None
    topic: str | None = None
    negative: bool = False


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
            for code, item in (catalogue or {}).items():
                if self.indicators[item.indicator].tool != tool:
                    raise ValueError(f"item {code}: indicator {item.indicator} is not a {tool} indicator")
                if item.sub and item.sub not in self.sub_indicators:
                    raise ValueError(f"item {code}: unknown sub-indicator {item.sub}")
        return self

    # -- lookups ------------------------------------------------------------------
    def indicators_of(self, tool: str) -> list[int]:
        return [n for n, ind in self.indicators.items() if ind.tool == tool]

    def tool_of(self, indicator: int) -> str:
        return self.indicators[indicator].tool

    def catalogue(self, tool: str) -> dict[str, ItemDef] | None:
        """Known items of a tool, or None when this period's catalogue is not stored."""
        return self.items.get(tool)

    def item(self, code: str) -> ItemDef | None:
        for catalogue in self.items.values():
            if catalogue and code in catalogue:
                return catalogue[code]
        return None

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
        total = round(total + 0.0, 2)
        tool_scores = [round(v, 2) for v in (tools or {}).values()]
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
    if parent is None:
        return data
    if parent not in index:
        raise FrameworkError(str(index[fid]), "extends", f"ไม่พบหลักเกณฑ์ที่อ้างถึง ({', '.join(sorted(index))})",
                             f"extends must name a known framework ({', '.join(sorted(index))})", parent)
    base = _raw(parent, index, seen + (fid,))
    for key in ("assessment_years", "sources", "confidence"):
        base.pop(key, None)
    return _merge(base, data)


def _build(data: dict, path: Path) -> Framework:
    items = {}
    for tool, catalogue in (data.get("items") or {}).items():
        items[tool] = None if catalogue is None else {
            code: {"code": code, **spec} for code, spec in catalogue.items()
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


def framework_for(year: int, source: str | None = None) -> Framework:
    """This year's framework, else the nearest earlier one (a document year with no framework of its own
    yet reads the rules in force before it); a year before every framework is an input error."""
    years = by_year()
    earlier = [y for y in years if y <= year]
    return load_framework(max(earlier) if earlier else year, source=source)


def clear_cache() -> None:
    """Forget loaded files (tests and long-running services that edit frameworks)."""
    _read_cached.cache_clear()
    _index.cache_clear()
    _by_id.cache_clear()
    load_file.cache_clear()
