"""Organisation types and place lines: one rule for every cover, heading and sentence.

The data (types, abbreviations, where a type may break, the words of a place line and Bangkok's
exceptions) is in `toolkit/knowledge/org_types.yaml`; tests in tests/kit/test_places.py.
"""
from __future__ import annotations

from dataclasses import dataclass
from difflib import get_close_matches
from functools import lru_cache
from typing import Any, Iterable

from pythainlp.corpus import provinces as thai_provinces

from .data import knowledge_yaml
from .findings import Finding

LEVELS = ("subdistrict", "district", "province")


@dataclass(frozen=True)
class OrgType:
    """One kind of local organisation: its full name, abbreviation and place-line rule."""

    name: str
    short: str
    parts: tuple[str, ...]
    place: str  # "district", "province" or "none"


@lru_cache(maxsize=1)
def org_types() -> tuple[OrgType, ...]:
    """Every known type, longest name first, so "เทศบาลตำบล" is found before a shorter prefix."""
    types = [OrgType(t["name"], t["short"], tuple(t["parts"]), t["place"])
             for t in knowledge_yaml("org_types.yaml")["types"]]
    return tuple(sorted(types, key=lambda t: -len(t.name)))


def type_names() -> tuple[str, ...]:
    """The full type names (for validation messages and lists)."""
    return tuple(t.name for t in org_types())


def org_type(kind: str | None) -> OrgType | None:
    """A type by its full name or abbreviation (with or without the final dot)."""
    if not kind:
        return None
    text = kind.strip()
    for t in org_types():
        if text in (t.name, t.short, t.short.rstrip(".")):
            return t
    return None


def org_type_of(name: str | None) -> OrgType | None:
    """The type an organisation's full name starts with (None for a name without a known type)."""
    if not name:
        return None
    return next((t for t in org_types() if name.startswith(t.name)), None)


def bare_name(name: str) -> str:
    """The name without its type: สามเรือน of องค์การบริหารส่วนตำบลสามเรือน (the name itself if typeless)."""
    t = org_type_of(name)
    if t is None or name == t.name:
        return name
    return name[len(t.name):].strip()


def short_name(name: str) -> str:
    """The official abbreviation plus the place: อบต.สามเรือน; names without a known type stay whole."""
    t = org_type_of(name)
    if t is None or name == t.name:
        return name
    if t.short == t.name:
        return name
    return f"{t.short}{bare_name(name)}"


def expand_short(name: str) -> str:
    """อบต.สามเรือน → องค์การบริหารส่วนตำบลสามเรือน (an abbreviation typed in a table or a params file)."""
    text = name.strip()
    for t in sorted(org_types(), key=lambda t: -len(t.short)):
        if t.short == t.name:
            continue
        for short in (t.short, t.short.rstrip(".") + " "):  # "อบต.สามเรือน", "อบต. สามเรือน", "อบต สามเรือน"
            if text.startswith(short) and len(text) > len(short):
                return t.name + text[len(short):].lstrip()
    return text


@lru_cache(maxsize=1)
def _rules() -> dict:
    data = knowledge_yaml("org_types.yaml")
    return {"places": data["places"], "capital": data["capital"]}


def is_capital(province: str | None) -> bool:
    """Bangkok, however it is written (กรุงเทพมหานคร, กรุงเทพฯ, กทม.)."""
    if not province:
        return False
    capital = _rules()["capital"]
    text = province.strip()
    return text == capital["province"] or text in capital["aliases"]


def _rule(level: str, capital: bool) -> dict:
    rules = _rules()
    if capital and isinstance(rules["capital"].get(level), dict):
        return rules["capital"][level]
    return rules["places"][level]


def _all_prefixes(level: str) -> list[str]:
    rules = _rules()
    prefixes = list(rules["places"][level]["prefixes"])
    if isinstance(rules["capital"].get(level), dict):
        prefixes += rules["capital"][level]["prefixes"]
    return sorted(set(prefixes), key=len, reverse=True)


def bare_place(text: str | None, level: str) -> str:
    """A place name without the prefixes people type: "อ.เมืองขอนแก่น", "อำเภอพล", "จ.ขอนแก่น" → the name."""
    if not text:
        return ""
    value = text.strip()
    if level == "province" and is_capital(value):
        return _rules()["capital"]["province"]
    for prefix in _all_prefixes(level):
        if value.startswith(prefix) and len(value) > len(prefix):
            return value[len(prefix):].strip()
    return value


def place_word(name: str | None, level: str, province: str | None = None) -> str:
    """One level of a place line with its word: "อำเภอเมืองราชบุรี", "เขตพระนคร", "กรุงเทพมหานคร"."""
    bare = bare_place(name, level)
    if not bare:
        return ""
    capital = is_capital(province if level != "province" else name)
    if level == "province" and capital:
        return bare  # the capital is not a จังหวัด
    return f"{_rule(level, capital)['word']}{bare}"


def province_text(province: str | None) -> str:
    """จังหวัดราชบุรี, or กรุงเทพมหานคร alone."""
    return place_word(province, "province")


def _get(org: Any, key: str) -> Any:
    return org.get(key) if isinstance(org, dict) else getattr(org, key, None)


def place_line(org: Any, subdistrict: bool = True) -> str:
    """Where an organisation is, as its cover and first sentence say it.

    ตำบล… อำเภอ… จังหวัด… for most; แขวง… เขต… กรุงเทพมหานคร in Bangkok; จังหวัด… alone for an อบจ.;
    nothing more than กรุงเทพมหานคร for the Bangkok Metropolitan Administration itself.
    """
    kind = org_type(_get(org, "type")) or org_type_of(_get(org, "name") or "")
    rule = kind.place if kind else "district"
    province = _get(org, "province")
    if rule == "none":
        return province_text(province) if not is_capital(province) else ""
    parts = []
    if rule == "district":
        if subdistrict:
            parts.append(place_word(_get(org, "subdistrict"), "subdistrict", province))
        parts.append(place_word(_get(org, "district"), "district", province))
    parts.append(province_text(province))
    return " ".join(p for p in parts if p)


def full_name(org: Any, subdistrict: bool = False) -> str:
    """The name followed by its place line, as the first sentence of a document introduces it."""
    line = place_line(org, subdistrict=subdistrict)
    name = _get(org, "name") or ""
    return f"{name} {line}".strip() if line else name


# --------------------------------------------------------------------------- known places

CLOSE = 0.6  # difflib ratio from which a known name is offered as "did you mean"


def clean_place(text: Any, level: str) -> Any:
    """A place as stored: one space at most, no prefix ("จ.ขอนแก่น", "จังหวัด ขอนแก่น" → "ขอนแก่น")."""
    if not isinstance(text, str):
        return text
    return bare_place(" ".join(text.split()), level)


@lru_cache(maxsize=1)
def provinces() -> tuple[str, ...]:
    """The 77 provinces (pythainlp's list, shipped with it: no network)."""
    return tuple(sorted(thai_provinces()))


@lru_cache(maxsize=1)
def _districts() -> dict[str, tuple[str, ...]]:
    data = knowledge_yaml("districts.yaml")["districts"]
    return {p: tuple(d) for p, d in data.items()}


def districts(province: str | None) -> tuple[str, ...]:
    """The districts (อำเภอ, or เขต in Bangkok) of a province, bare; () for an unknown province."""
    return _districts().get(bare_place(province, "province"), ())


def closest(name: str, known: Iterable[str]) -> str | None:
    """The known name nearest to a misspelt one, or None when nothing is near."""
    match = get_close_matches(name.replace(" ", ""), list(known), n=1, cutoff=CLOSE)
    return match[0] if match else None


def place_findings(org: Any, field: str = "organisation") -> list[Finding]:
    """A province not among the 77, or a district not of its province, with the closest known name."""
    out: list[Finding] = []
    province = bare_place(_get(org, "province"), "province")
    if province and province not in provinces():
        near = closest(province, provinces())
        out.append(Finding(
            "unknown_province", "warning", f"{field}.province",
            f"ไม่มีจังหวัดชื่อ '{province}' ใน 77 จังหวัด" + (f" หมายถึง '{near}' หรือไม่" if near else ""),
            f"'{province}' is not one of the 77 provinces" + (f"; did you mean '{near}'?" if near else ""),
            reported=province, computed=near))
        return out
    district = bare_place(_get(org, "district"), "district")
    known = districts(province)
    kind = org_type(_get(org, "type")) or org_type_of(_get(org, "name") or "")
    if district and known and district not in known and not (kind and kind.place == "province"):
        near = f"เมือง{province}" if district == "เมือง" and f"เมือง{province}" in known else closest(district, known)
        word = _rule("district", is_capital(province))["word"]
        out.append(Finding(
            "unknown_district", "warning", f"{field}.district",
            f"ไม่มี{word}ชื่อ '{district}' ใน{province_text(province)}" + (f" หมายถึง '{near}' หรือไม่" if near else ""),
            f"'{district}' is not a district of {province}" + (f"; did you mean '{near}'?" if near else ""),
            reported=district, computed=near))
    return out
