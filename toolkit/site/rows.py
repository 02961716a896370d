"""Organisation rows from manifest entries: one row per organisation, its documents grouped, values cleaned.

An organisation's documents (analysis, results report, plan) share its folder and have one manifest entry
each; the key of a non-default document is the organisation's key plus " [document]". ITA results come
from the analysis entry only. Every value from a manifest is treated as untrusted text: anything but a
string or number shows as nothing, numbers must be finite, and links are made only from relative paths
below the province folder (and, when the folder is known, only to files that exist).
"""
from __future__ import annotations

import math
import numbers
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..kit import places, thai
from . import levels
from .manifests import Manifest, settings

__all__ = ["TOOLS", "organisation_rows", "province_stats", "relative_href"]

TOOLS = ("IIT", "EIT", "OIT")
OK_STATUSES = frozenset({"ok", "skipped"})  # skipped = unchanged since the last run, outputs reused
_DRIVE = re.compile(r"^[A-Za-z]:")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_DOC_SUFFIX = re.compile(r" \[[^\[\]]*\]$")


def text(value: Any) -> str:
    """A manifest field as display text; anything but a string or number shows as nothing."""
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, (str, numbers.Number)):
        return str(value).strip()
    return ""


def real(value: Any) -> float | None:
    """A finite number, or None for missing / malformed values (they sort last and show as "–")."""
    if type(value) is float or type(value) is int:  # the usual case, fast (7,850 rows × 20 numbers)
        return float(value) if math.isfinite(value) else None
    if isinstance(value, bool) or value is None:
        return None
    try:
        result = thai.parse_number(value) if isinstance(value, str) else float(value)
    except (TypeError, ValueError):
        return None
    return result if math.isfinite(result) else None


def mapping(value: Any) -> Mapping:
    return value if isinstance(value, Mapping) else {}


def relative_href(path: Any) -> str | None:
    """A link to a file below the page's folder, encoded per segment, or None if unsafe.

    Only relative paths without '..' become links, so nothing outside the site's folder is linked and
    no scheme (``javascript:``, ``http:``) can survive: ':' is encoded inside a segment. Thai letters stay
    as they are (see _quote); browsers send them as UTF-8 percent escapes, on file:// URLs too.
    """
    if not isinstance(path, str):
        return None
    value = path.strip().replace("\\", "/")
    if not value or value.startswith("/") or _DRIVE.match(value) or _CONTROL.search(value):
        return None
    parts = [p for p in value.split("/") if p not in ("", ".")]
    if not parts or ".." in parts:
        return None
    return "/".join(map(_quote, parts))


@lru_cache(maxsize=16384)
def _quote(segment: str) -> str:
    """ASCII: all but letters, digits and -._~ percent-encoded (so no ':', '?', '#', '%' keeps a meaning).
    Other scripts: letters, marks and digits kept as they are (the browser encodes them as UTF-8 when it
    follows the link; three bytes a Thai letter instead of nine), anything else percent-encoded."""
    out = []
    for ch in segment:
        if ch.isascii():
            out.append(ch if ch.isalnum() or ch in "-._~" else quote(ch, safe=""))
        else:
            out.append(ch if unicodedata.category(ch)[0] in "LMN" else quote(ch, safe=""))
    return "".join(out)


class Files:
    """Which files exist below a province folder, listed once per folder (a stat per link is too slow for
    a national site on a shared disk). None: every link is kept (pages built in memory)."""

    def __init__(self, root: Path | None):
        self.root = None if root is None else os.fspath(root)
        self._listed: dict[str, frozenset[str]] = {}

    def exists(self, rel: str) -> bool:
        """`rel` normalised as relative_href accepted it (relative, '/'-separated, no '.', '..' or '')."""
        if self.root is None:
            return True
        folder, _, name = rel.rpartition("/")
        listed = self._listed.get(folder)
        if listed is None:
            try:
                listed = frozenset(os.listdir(os.path.join(self.root, folder) if folder else self.root))
            except OSError:
                listed = frozenset()
            self._listed[folder] = listed
        return name in listed


def document_links(files: Any, folder: Path | Files | None) -> list[dict]:
    """[{format, label, href, path}] for the formats the site links (HTML, PDF, DOCX), those that exist."""
    found = folder if isinstance(folder, Files) else Files(folder)
    files = mapping(files)
    out = []
    for fmt, label in settings()["formats"].items():
        path = files.get(fmt)
        href = relative_href(path)
        if href:
            norm = "/".join(p for p in path.strip().replace("\\", "/").split("/") if p not in ("", "."))
            if found.exists(norm):
                out.append({"format": fmt, "label": label, "href": href, "path": norm})
    return out


def _group_key(entry: Mapping, index: int) -> str:
    key = text(entry.get("key"))
    return _DOC_SUFFIX.sub("", key) if key else f"#{index}"


def _error(entry: Mapping) -> tuple[str, str]:
    error = entry.get("error")
    if isinstance(error, Mapping):
        return text(error.get("th")), text(error.get("en"))
    return text(error), ""


def _document(entry: Mapping, folder: Files) -> dict:
    docs = settings()["documents"]
    key = text(entry.get("document")) or settings()["default_document"]
    status = text(entry.get("status"))
    error_th, error_en = _error(entry)
    row = real(entry.get("row"))
    return {
        "key": key,
        "label": docs[key]["label"] if key in docs else key,
        "ok": status in OK_STATUSES,
        "skipped": status == "skipped",
        "links": document_links(entry.get("files"), folder) if status in OK_STATUSES else [],
        "error_th": error_th,
        "error_en": error_en,
        "source": text(entry.get("source")),
        "source_row": None if row is None else int(row),
    }


def _scores(entry: Mapping | None, pass_line: float) -> dict:
    scores = mapping(entry.get("scores")) if entry else {}
    tools = mapping(scores.get("tools"))
    indicators = {}
    for k, v in mapping(scores.get("indicators")).items():
        number, value = (int(k) if isinstance(k, str) and k.isdigit() else real(k)), real(v)
        if number is not None and value is not None and number == int(number):
            indicators[int(number)] = value
    total, previous, change = real(scores.get("total")), real(scores.get("previous_total")), real(scores.get("change"))
    if change is None and previous is not None and total is not None:
        change = round(total - previous, 2)
    weakest = mapping(scores.get("weakest"))
    weaknesses = real(scores.get("weaknesses"))
    below = sum(1 for v in indicators.values() if v < pass_line) if indicators else int(weaknesses or 0)
    level = text(scores.get("level"))
    return {
        "tools": {t: real(tools.get(t)) for t in TOOLS},
        "total": total,
        "level": level,
        "tone": levels.tone(level) if level else "",
        "previous": previous,
        "change": change,
        "indicators": indicators,
        "below": max(below, int(weaknesses or 0)),
        "weakest_number": text(weakest.get("number")),
        "weakest_name": text(weakest.get("name")),
        "weakest_score": real(weakest.get("score")),
    }


def _row(entries: list[Mapping], folder: Files, pass_line: float) -> dict:
    default = settings()["default_document"]
    order = list(settings()["documents"])
    docs = [_document(e, folder) for e in entries]
    analysis = next((e for e, d in zip(entries, docs) if d["key"] == default and d["ok"]), None)
    who = analysis or next((e for e, d in zip(entries, docs) if d["key"] == default), entries[0])
    org = mapping(who.get("organisation"))
    docs.sort(key=lambda d: (order.index(d["key"]) if d["key"] in order else len(order), d["key"]))
    kind = text(org.get("type"))
    known = places.org_type(kind)
    name = text(org.get("name"))
    main = next((link for d in docs for link in d["links"] if link["format"] == "html"), None)
    failed = [d for d in docs if not d["ok"]]
    row = {
        "key": _group_key(who, 0),
        "name": name,
        "short_name": places.short_name(name) if name else "",
        "type": kind,
        "type_short": known.short if known else kind,
        "district": text(org.get("district")),
        "province": text(org.get("province")),
        "documents": docs,
        "href": main["href"] if main else None,
        "href_path": main["path"] if main else None,
        "status": "failed" if failed else "ok",
        "failed": failed,
        "skipped": bool(docs) and all(d["skipped"] for d in docs if d["ok"]) and not failed,
        "has_results": analysis is not None and real(mapping(analysis.get("scores")).get("total")) is not None,
    }
    row.update(_scores(analysis, pass_line))
    return row


def organisation_rows(manifest: Manifest) -> list[dict]:
    """One row per organisation, in Thai name order (unnamed last), each with `order` and sort keys."""
    pass_line = levels.pass_line(manifest.assessment_year)
    groups: dict[str, list[Mapping]] = {}
    for i, entry in enumerate(manifest.entries):
        e = mapping(entry)
        groups.setdefault(_group_key(e, i), []).append(e)
    files = Files(manifest.folder)
    rows = [_row(es, files, pass_line) for es in groups.values()]
    for r in rows:
        r["name_key"] = thai.sort_key(r["name"])
    rows.sort(key=lambda r: (r["name"] == "", r["name_key"], thai.sort_key(r["district"]), r["key"]))
    for i, r in enumerate(rows):
        r["order"] = i
    return rows


def _mean(values: Iterable[float]) -> float | None:
    values = list(values)
    return sum(values) / len(values) if values else None


def province_stats(rows: list[dict], pass_line: float) -> dict:
    """What the year page and the page header say of a province: counts by level, averages, pass share."""
    scored = [r for r in rows if r["total"] is not None]
    counts = Counter(r["level"] for r in scored if r["level"])
    passed = sum(1 for r in scored if r["total"] >= pass_line)
    docs = [d for r in rows for d in r["documents"]]
    return {
        "organisations": len(rows),
        "scored": len(scored),
        "levels": {lv: counts[lv] for lv in levels.level_order(counts)},
        "no_level": sum(1 for r in scored if not r["level"]),
        "mean": _mean(r["total"] for r in scored),
        "mean_change": _mean(r["change"] for r in scored if r["change"] is not None),
        "passed": passed,
        "pass_share": 100 * passed / len(scored) if scored else None,
        "below": sum(1 for r in scored if r["below"]),
        "documents": len(docs),
        "made": sum(1 for d in docs if d["ok"]),
        "not_made": sum(1 for d in docs if not d["ok"]),
        "organisations_not_made": sum(1 for r in rows if r["failed"]),
        "tools": {t: _mean(r["tools"][t] for r in scored if r["tools"][t] is not None) for t in TOOLS},
        "totals": [r["total"] for r in scored],
        "pass_line": pass_line,
    }
