"""The analysis report's knowledge base: what to say about each indicator, topic and measure.

The wording is data (toolkit/knowledge/recommendations.yaml, our own Thai); this module validates it
(placeholders, cited topics, no years, no template filler) so a bad file fails loudly, by key.
"""
from __future__ import annotations

import copy
import re
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from ...frameworks import TOOLS
from ...kit.data import knowledge_text
from ...kit.checks import text_fields
from ...kit.errors import InputError
from ...kit.thai import BE_YEAR

KNOWLEDGE_FILE = "recommendations.yaml"
STATUSES = ("weakness", "develop", "maintain")
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


class KnowledgeError(InputError):
    """The knowledge base file is malformed; names the file and the key."""


# -- knowledge base -----------------------------------------------------------------------
_Str = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class _KB(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _MeasureKB(_KB):
    name: _Str
    kind: Literal["มาตรการ", "โครงการ", "กิจกรรม"]
    addresses: list[_Str] = []
    evidence: list[_Str]
    purpose: _Str
    steps: list[_Str] = Field(min_length=4, max_length=7)
    responsible: _Str
    monitoring: _Str
    output: _Str


class _IndicatorKB(_KB):
    description: _Str
    weak: _Str
    develop: _Str
    maintain: _Str
    measures: list[_MeasureKB] = Field(min_length=1, max_length=2)


class _TopicKB(_KB):
    name: _Str | None = None
    finding: _Str
    recommendation: _Str


class _ItemDefaultKB(_KB):
    finding: _Str
    recommendation: _Str


class _NotesKB(_KB):
    eit_informative: _Str
    negative_item: _Str
    negative_full: _Str
    negative_table: _Str
    unknown_wording: _Str
    no_items: _Str
    oit_zero: _Str
    reporting: _Str


class _KnowledgeKB(_KB):
    develop_below: float = Field(gt=0, le=100)
    lowest_items: int = Field(ge=1)
    lowest_items_beside_urgent: int = Field(ge=1)
    notes: _NotesKB
    indicators: dict[int, _IndicatorKB]
    maintenance: dict[Literal["IIT", "EIT", "OIT"], _MeasureKB]
    topics: dict[str, _TopicKB]
    item_defaults: dict[Literal["IIT", "EIT", "OIT"], _ItemDefaultKB]


def _where(path: tuple) -> str:
    return ".".join(str(p) for p in path)


def _check_knowledge(data: dict, source: str) -> None:
    """Cross-references and wording rules: placeholders, cited topics, no years, no filler."""
    topics = data["topics"]

    def fail(path: tuple, th: str, en: str, got: Any) -> None:
        raise KnowledgeError(source, _where(path), th, en, got)

    if sorted(data["indicators"]) != list(range(1, 11)):
        fail(("indicators",), "ต้องมีตัวชี้วัดที่ 1 ถึง 10 ครบทุกตัว", "indicators 1 to 10 are all required",
             sorted(data["indicators"]))
    for key in ("maintenance", "item_defaults"):
        missing = [t for t in TOOLS if t not in data[key]]
        if missing:
            fail((key,), f"ต้องมีครบทั้ง {', '.join(TOOLS)}", f"needs all of {', '.join(TOOLS)}", missing)
    for path, text in text_fields(data):
        for name in _PLACEHOLDER.findall(text):
            if name == "org":
                continue
            topic = name[4:] if name.startswith("ref:") else None
            if topic is None:
                fail(path, "ตัวแทนข้อความที่ใช้ได้มีเพียง {org} และ {ref:หัวข้อ}",
                     "the only placeholders are {org} and {ref:TOPIC}", "{" + name + "}")
            if topic not in topics or topics[topic].get("name") is None:
                fail(path, "{ref:…} ต้องอ้างหัวข้อ OIT ที่มีชื่อ (name) ในส่วน topics",
                     "{ref:…} must cite an OIT topic that has a name under topics", topic)
        if _PLACEHOLDER.sub("", text).count("{") or _PLACEHOLDER.sub("", text).count("}"):
            fail(path, "วงเล็บปีกกาต้องใช้เฉพาะตัวแทนข้อความ", "braces are for placeholders only", text)
        for bad in ("ระบุ", "...", "…"):
            if bad in text:
                fail(path, f"ข้อความต้องสมบูรณ์ ไม่มีคำเติมแม่แบบ ({bad})",
                     f"text must be complete, without template filler ({bad})", text)
        if BE_YEAR.search(text):
            fail(path, "ข้อความในฐานความรู้ต้องไม่มีปี พ.ศ. (text.py เติมปีจากข้อมูล)",
                 "the knowledge base must not contain years (text.py fills them in)", BE_YEAR.search(text).group())
    measures = [(("indicators", n, "measures", i), m) for n, ind in data["indicators"].items()
                for i, m in enumerate(ind["measures"])]
    measures += [(("maintenance", tool), m) for tool, m in data["maintenance"].items()]
    for path, m in measures:
        for topic in m.get("addresses", []):
            if topic not in topics:
                fail(path + ("addresses",), "ไม่รู้จักหัวข้อนี้ในส่วน topics", "unknown topic (not under topics)", topic)
        on_topic = set(m.get("addresses", []))
        for topic in m.get("addresses", []):
            on_topic |= {ref[4:] for ref in _PLACEHOLDER.findall(topics[topic]["recommendation"])}
        for topic in m["evidence"]:
            if topic not in topics or topics[topic].get("name") is None:
                fail(path + ("evidence",), "หลักฐานต้องเป็นหัวข้อ OIT ที่มีชื่อในส่วน topics",
                     "evidence must be OIT topics with a name under topics", topic)
            if topic not in on_topic:
                fail(path + ("evidence",),
                     "หลักฐานของมาตรการต้องเป็นเรื่องเดียวกับประเด็นที่มาตรการแก้ไข (หัวข้อที่คำแนะนำของประเด็นใน addresses อ้างถึง)",
                     "a measure's evidence must be on its topic: an OIT topic cited by the recommendation of a topic "
                     "it addresses", topic)


@lru_cache(maxsize=4)
def _knowledge(path: str | None = None) -> dict:
    name = str(path) if path is not None else f"toolkit/knowledge/{KNOWLEDGE_FILE}"
    try:
        text = Path(path).read_text(encoding="utf-8") if path is not None else knowledge_text(KNOWLEDGE_FILE)
        raw = yaml.safe_load(text)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise KnowledgeError(name, None, "ไฟล์ฐานความรู้ต้องเป็น YAML ที่อ่านได้",
                             "the knowledge base must be readable YAML", str(exc).splitlines()[0]) from None
    try:
        model = _KnowledgeKB.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise KnowledgeError(name, _where(first["loc"]) or None, f"ฐานความรู้ไม่ถูกต้อง: {first['msg']}",
                             f"invalid knowledge base: {first['msg']}") from None
    data = model.model_dump()
    _check_knowledge(data, name)
    return data


def shared_knowledge() -> dict:
    """The bundled knowledge base itself, not a copy: every Writer of a report reads it (40 per report, and a
    copy each cost 0.15 s of a 1 s report), none writes it (tests/documents/analysis/test_knowledge.py checks
    that rendering the examples leaves it as loaded)."""
    return _knowledge(None)


def load_knowledge(path: str | Path | None = None) -> dict:
    """The validated knowledge base (a copy), so wording lives in data and a bad file fails loudly, by key."""
    return copy.deepcopy(_knowledge(None if path is None else str(path)))
