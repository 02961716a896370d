"""The province summary's params: a batch manifest (one entry per organisation with its headline scores).

A provincial office batch-renders the analysis report of each of its organisations; the batch writes
a manifest (JSON) with one entry per organisation. `check_manifest` validates it (every problem at once,
each naming the file and ``entries[i].field``); `ProvinceParams` is what the document registry, the
notebook and `run.render` see: the manifest as given plus its validated form.

Entries with status ``ok`` or ``skipped`` (reused from an earlier run) have results; ``failed`` entries
are listed in the report and left out of every statistic. Entries of other document types of the same
batch (a results report, a plan) carry no ITA results and are skipped here.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ...frameworks import Framework, load_framework
from ...frameworks.scores import tool_scores
from ...kit import places
from ...kit.errors import InputError, InputErrors, Location
from ...kit.rounding import publish
from ...params import validate_model
from ...params.common import FRONT_KEYS, FrontMatter, Publisher, Style

KEY = "province_summary"
DOCUMENT = "ita_analysis"  # the document whose batch entries carry ITA scores
STATUSES = ("ok", "skipped", "failed")
WITH_RESULTS = ("ok", "skipped")  # "skipped" = reused from an earlier run: it has results like "ok"


class ManifestError(InputError):
    """One bad value in a batch manifest; names the file and ``entries[i].field``."""


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


class _Checker:
    """Collects every problem of one manifest, so a user fixes them in one go."""

    def __init__(self, source: str):
        self.source = source
        self.errors: list[ManifestError] = []

    def fail(self, where: str, th: str, en: str, got: Any = ...) -> None:
        if got is ...:
            self.errors.append(ManifestError(self.source, Location(field=where), th, en))
        else:
            self.errors.append(ManifestError(self.source, Location(field=where), th, en, got))

    def text(self, data: dict, key: str, where: str, required: bool = True) -> str:
        value = data.get(key)
        if not required and (value is None or (isinstance(value, str) and not value.strip())):
            return ""
        if not isinstance(value, str) or not value.strip():
            self.fail(f"{where}.{key}" if where else key, "ต้องเป็นข้อความที่ไม่ว่าง", "expected a non-empty string",
                      value)
            return ""
        return value.strip()

    def score(self, value: Any, where: str, nullable: bool = False) -> float | None:
        if value is None and nullable:
            return None
        if not _is_number(value) or not 0 <= value <= 100:
            self.fail(where, "ต้องเป็นตัวเลขระหว่าง 0 ถึง 100", "expected a number from 0 to 100", value)
            return None
        return float(value)

    def year(self, data: dict, key: str) -> int | None:
        value = data.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or not 2400 < value < 2700:
            self.fail(key, "ต้องเป็นปี พ.ศ. (จำนวนเต็ม เช่น 2569)",
                      "expected a Buddhist Era year (an integer such as 2569)", value)
            return None
        return value


def _loose_text(value: Any) -> str:
    """What a failed row carries, as text (a spreadsheet may give a number or nothing)."""
    if value is None or isinstance(value, (dict, list, bool)):
        return ""
    return str(value).strip()


def _type_of(name: str) -> str:
    """The organisation type its name starts with (องค์การบริหารส่วนตำบล…), for entries that do not say."""
    kind = places.org_type_of(name)
    return kind.name if kind else ""


def read_manifest(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ManifestError(str(path), None, "ไม่พบไฟล์ manifest", "manifest file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ManifestError(str(path), None, "อ่านไฟล์ manifest ไม่ได้", "cannot read the manifest file",
                            str(exc)) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ManifestError(str(path), Location(line=exc.lineno), "ไฟล์ manifest ต้องเป็น JSON ที่ถูกต้อง",
                            "the manifest must be valid JSON", exc.msg) from None


def _check_scores(c: _Checker, scores: Any, where: str, fw: Framework) -> dict | None:
    if not isinstance(scores, dict):
        c.fail(where, "รายการที่มีผล (status ok หรือ skipped) ต้องมี scores เป็นออบเจกต์",
               "an entry with results (status ok or skipped) needs a scores object", scores)
        return None
    n_errors = len(c.errors)
    total = c.score(scores.get("total"), f"{where}.total")
    raw = scores.get("indicators")
    indicators: dict[int, float] = {}
    if not isinstance(raw, dict):
        c.fail(f"{where}.indicators", f"ต้องมีคะแนนตัวชี้วัดที่ 1 ถึง {len(fw.indicators)}",
               f"expected scores of indicators 1 to {len(fw.indicators)}", raw)
    else:
        for key, value in raw.items():
            number = int(key) if isinstance(key, str) and key.isdigit() else None
            if number not in fw.indicators:
                c.fail(f"{where}.indicators.{key}", f"ไม่มีตัวชี้วัดนี้ในหลักเกณฑ์ {fw.id}",
                       f"no such indicator in framework {fw.id}", key)
                continue
            score = c.score(value, f"{where}.indicators.{key}")
            if score is not None:
                indicators[number] = score
        missing = [n for n in fw.indicators if str(n) not in raw]
        if missing:
            c.fail(f"{where}.indicators", "ต้องมีคะแนนครบทุกตัวชี้วัด", "every indicator needs a score",
                   f"missing {', '.join(map(str, missing))}")
    tools: dict[str, float] = {}
    raw_tools = scores.get("tools")
    if raw_tools is not None:
        if not isinstance(raw_tools, dict) or set(raw_tools) != set(fw.tools):
            c.fail(f"{where}.tools", f"ต้องมีคะแนนของ {', '.join(fw.tools)}",
                   f"expected scores of {', '.join(fw.tools)}", raw_tools)
        else:
            for tool in fw.tools:
                value = c.score(raw_tools[tool], f"{where}.tools.{tool}")
                if value is not None:
                    tools[tool] = value
    level = scores.get("level")
    if level is not None and (not isinstance(level, str) or not level.strip()):
        c.fail(f"{where}.level", "ระดับต้องเป็นข้อความ", "the level must be a string", level)
    previous = c.score(scores.get("previous_total"), f"{where}.previous_total", nullable=True)
    change = scores.get("change")
    if change is not None and (not _is_number(change) or abs(change) > 100):
        c.fail(f"{where}.change", "ต้องเป็นตัวเลขระหว่าง -100 ถึง 100", "expected a number from -100 to 100", change)
        change = None
    if len(c.errors) > n_errors:
        return None
    if not tools:
        tools = {k: publish(v) for k, v in tool_scores(indicators, fw).items()}
    if previous is None and change is not None:
        previous = round(total - change, 2)
    elif previous is not None:
        computed = round(total - previous, 2)
        if change is not None and abs(change - computed) > 0.011:
            c.fail(f"{where}.change", "ต้องเท่ากับคะแนนรวมลบคะแนนรวมปีก่อน (total - previous_total)",
                   "must equal total - previous_total", f"{change} ≠ {computed}")
            return None
        change = computed
    level = level.strip() if isinstance(level, str) else fw.level_for(total, tools)
    return {"total": total, "level": level, "tools": tools, "indicators": indicators,
            "previous_total": previous, "change": change}


def _entry_organisation(c: _Checker, where: str, org: Any, failed: bool, province: str) -> tuple[str, str, str]:
    """An entry's name, district and type; a failed row shows whatever it carries."""
    if not isinstance(org, dict):
        if not failed:
            c.fail(f"{where}.organisation", "ต้องมีข้อมูลหน่วยงาน (organisation)",
                   "expected an organisation object", org)
        org = {}
    if failed:  # a row that failed validation may lack any of these: show what there is
        name, district, kind = (_loose_text(org.get(k)) for k in ("name", "district", "type"))
        return name or "ไม่ทราบชื่อหน่วยงาน", district, kind  # the table of failures shows its row
    name = c.text(org, "name", f"{where}.organisation")
    district = c.text(org, "district", f"{where}.organisation", required=False)
    kind = c.text(org, "type", f"{where}.organisation", required=False)
    org_province = org.get("province")
    if org_province is not None and org_province != province:
        c.fail(f"{where}.organisation.province", f"หน่วยงานต้องอยู่ในจังหวัด{province} ตาม manifest",
               f"the organisation must be in the manifest's province ({province})", org_province)
    return name, district, kind


def _entry_error(error: Any) -> dict | None:
    """Why an entry failed, in both languages (older manifests carry one string)."""
    if isinstance(error, str):
        return {"th": error, "en": error}
    if isinstance(error, dict):
        return {"th": str(error.get("th") or error.get("en") or ""), "en": str(error.get("en") or "")}
    return None


def _check_entry(c: _Checker, i: int, entry: Any, manifest: dict, fw: Framework, keys: dict[str, int]) -> dict | None:
    """One entry, validated and normalised (None for an entry with errors or of another document type)."""
    fiscal_year, assessment_year, province = manifest["fiscal_year"], manifest["assessment_year"], manifest["province"]
    where = f"entries[{i}]"
    if not isinstance(entry, dict):
        c.fail(where, "ต้องเป็นออบเจกต์", "expected an object", entry)
        return None
    n_errors = len(c.errors)
    document = entry.get("document")
    if document is not None and document != DOCUMENT:
        return None  # another document type of the same batch (a progress report, a plan): no ITA results
    status = entry.get("status")
    if status not in STATUSES:
        c.fail(f"{where}.status", f"ต้องเป็น {', '.join(STATUSES)}", f"expected one of {', '.join(STATUSES)}",
               status)
    failed = status == "failed"
    name, district, kind = _entry_organisation(c, where, entry.get("organisation"), failed, province)
    kind = kind or _type_of(name)
    for key, expected in (("fiscal_year", fiscal_year), ("assessment_year", assessment_year)):
        if failed:
            break
        if entry.get(key) is not None and entry.get(key) != expected:
            c.fail(f"{where}.{key}", f"ต้องตรงกับ {key} ของ manifest ({expected})",
                   f"must match the manifest's {key} ({expected})", entry.get(key))
    key = entry.get("key")
    if key is not None:
        if not isinstance(key, str):
            c.fail(f"{where}.key", "ต้องเป็นข้อความ", "expected a string", key)
        elif key in keys:
            c.fail(f"{where}.key", f"key ซ้ำกับ entries[{keys[key]}]", f"duplicate key (as entries[{keys[key]}])",
                   key)
        else:
            keys[key] = i
    row = entry.get("row")
    if row is not None and (isinstance(row, bool) or not isinstance(row, int)):
        c.fail(f"{where}.row", "ต้องเป็นจำนวนเต็ม", "expected an integer", row)
    scores = None
    if status in WITH_RESULTS:
        scores = _check_scores(c, entry.get("scores"), f"{where}.scores", fw)
    error = _entry_error(entry.get("error"))
    if len(c.errors) > n_errors:
        return None
    return {
        "index": i, "key": key, "row": row, "status": status, "error": error,
        "organisation": {"name": name, "type": kind, "district": district, "province": province},
        "files": entry.get("files") if isinstance(entry.get("files"), dict) else {},
        "scores": scores,
    }


def check_manifest(data: Any, source: str) -> dict:
    """Manifest data, validated and normalised: indicator keys as ints, tools, levels and changes filled in.

    Every problem is reported (InputErrors of ManifestError), each naming the file and
    ``entries[i]…``; an unknown assessment year is a FrameworkError. The result also carries
    ``source`` (the path) and ``framework`` (the framework id).
    """
    c = _Checker(source)
    if not isinstance(data, dict):
        raise ManifestError(source, None, "manifest ต้องเป็นออบเจกต์ JSON", "the manifest must be a JSON object",
                            type(data).__name__)
    fiscal_year = c.year(data, "fiscal_year")
    assessment_year = c.year(data, "assessment_year")
    province = c.text(data, "province", "")
    entries = data.get("entries")
    if not isinstance(entries, list):
        c.fail("entries", "ต้องเป็นรายการ (list) ของหน่วยงาน", "expected a list of entries", entries)
        entries = []
    if assessment_year is None or fiscal_year is None or not province:
        raise InputErrors(c.errors, source)
    if assessment_year > fiscal_year:
        c.fail("assessment_year", "ปีที่ประเมินต้องไม่หลังปีงบประมาณของรายงาน",
               "the assessment year cannot be after the report's fiscal year", assessment_year)
    fw = load_framework(assessment_year, source=source)

    out_entries: list[dict] = []
    keys: dict[str, int] = {}
    context = {"fiscal_year": fiscal_year, "assessment_year": assessment_year, "province": province}
    for i, entry in enumerate(entries):
        checked = _check_entry(c, i, entry, context, fw, keys)
        if checked is not None:
            out_entries.append(checked)
    if c.errors:
        raise InputErrors(c.errors, source)
    return {"source": source, "fiscal_year": fiscal_year, "assessment_year": assessment_year,
            "province": province, "framework": fw.id, "entries": out_entries}


def load_manifest(path: str | Path) -> dict:
    """A batch manifest file, validated and normalised (see check_manifest)."""
    path = Path(path)
    return check_manifest(read_manifest(path), str(path))


class ProvinceFront(FrontMatter):
    """What a manifest may carry besides its entries: the office that issues the summary (its name, contact
    details and emblem for the cover), status, foreword, unit, date and signatories, as every document."""

    publisher: Publisher | None = None


FRONT = (*FRONT_KEYS, "publisher")


@dataclass
class ProvinceParams:
    """A validated manifest as a document's params: `data` is the manifest as given (re-validating it gives
    the same result), `manifest` its normalised form, `style` the digit style of the summary, `front` its
    front and back matter (publisher, status, foreword, signatories)."""

    data: dict
    manifest: dict
    style: Style = field(default_factory=Style)
    document: str = KEY
    front: ProvinceFront = field(default_factory=ProvinceFront)

    @property
    def status(self) -> str:
        return self.front.status

    @property
    def publisher(self) -> Publisher | None:
        return self.front.publisher

    @property
    def foreword(self) -> list[str] | None:
        return self.front.foreword

    @property
    def approvals(self) -> list:
        return self.front.approvals

    @property
    def issued(self):
        return self.front.issued

    @property
    def responsible_unit(self) -> str | None:
        return self.front.responsible_unit

    @property
    def prepared_by_line(self) -> str | None:
        return self.front.prepared_by_line

    def model_copy(self, update: dict) -> "ProvinceParams":
        """A copy with front-matter fields changed (``status: draft`` for `--draft`), as pydantic's model_copy."""
        return replace(self, front=self.front.model_copy(update=update))

    @property
    def fiscal_year(self) -> int:
        return self.manifest["fiscal_year"]

    @property
    def assessment_year(self) -> int:
        return self.manifest["assessment_year"]

    @property
    def province(self) -> str:
        return self.manifest["province"]

    @property
    def source(self) -> str | None:
        return self.manifest.get("source")

    def model_dump(self, mode: str = "json", by_alias: bool = True) -> dict:
        """The manifest as given, with the document type and style: what papermill passes to the notebook."""
        return {**self.data, "document": KEY, "style": self.style.model_dump(mode=mode),
                **self.front.model_dump(mode=mode, by_alias=by_alias, exclude_defaults=True)}


def is_manifest(data: dict) -> bool:
    """A batch manifest has no `document:` key of its own: it is recognised by its entries."""
    return isinstance(data.get("entries"), list) and "province" in data


def validate(data: Any, source: str | None = None, locate: Any = None) -> ProvinceParams:
    """ProvinceParams from manifest data (a batch.json, or the same data passed back by the notebook)."""
    source = source or "<manifest>"
    if not isinstance(data, dict):
        raise ManifestError(source, None, "manifest ต้องเป็นออบเจกต์ JSON", "the manifest must be a JSON object",
                            type(data).__name__)
    raw = {k: v for k, v in data.items() if k not in ("document", "style", *FRONT)}
    style_data = data.get("style") or {}
    try:
        style = Style.model_validate(style_data)
    except Exception:  # noqa: BLE001 - reported as one bilingual error below
        raise InputErrors([ManifestError(source, Location(field="style"), "style ต้องเป็นเช่น {thai_digits: true}",
                                         "style must look like {thai_digits: true}", style_data)], source) from None
    manifest = check_manifest(raw, source)
    front = validate_model(ProvinceFront, {k: data[k] for k in FRONT if k in data}, source, locate)
    return ProvinceParams(raw, manifest, style, front=front)
