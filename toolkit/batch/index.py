"""The batch index page: one self-contained HTML file per province and fiscal year linking every report.

A provincial office opens ``index.html`` from the file system (no server, no network) and clicks through
to each organisation's report. The page inlines its font, CSS and JS; sorting and filtering run in the
browser, but every order the page needs is computed here (Thai dictionary order via ``thai.sort_key``)
and written into ``data-sort`` attributes, so the script never depends on the browser's collation.
Without JavaScript the table still lists every organisation, in Thai name order.

Everything that comes from the manifest is text: Jinja2 autoescapes it, the script reads it with
``getAttribute`` and writes only ``textContent``, links are built only from ``files`` paths (relative,
percent-encoded per segment) and a Content-Security-Policy admits no script but the page's own.
"""
from __future__ import annotations

import base64
import hashlib
import math
import numbers
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote

from markupsafe import Markup

from ..export.fonts import font_face_css
from ..kit import places, sections, thai
from ..kit.paths import write_atomic

__all__ = ["build_index", "write_index", "relative_href"]

TEMPLATE = "batch_index.html.j2"
TEMPLATES = Path(__file__).resolve().parent / "templates"
OK_STATUSES = frozenset({"ok", "skipped"})  # skipped = unchanged since the last run, outputs reused

#: Known level scales, best first. Levels outside them sort after these, in Thai order.
LEVEL_SCALES: tuple[tuple[str, ...], ...] = (
    ("ผ่านดีเยี่ยม", "ผ่านดี", "ผ่าน", "ต้องปรับปรุง", "ต้องปรับปรุงโดยด่วน"),
    ("AA", "A", "B", "C", "D", "E", "F"),
)
GOOD_LEVELS = frozenset({"ผ่านดีเยี่ยม", "ผ่านดี", "AA", "A"})
BAD_LEVELS = frozenset({"ต้องปรับปรุง", "ต้องปรับปรุงโดยด่วน", "D", "E", "F"})

_DRIVE = re.compile(r"^[A-Za-z]:")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
_CSP_PLACEHOLDER = "__ITA_INDEX_SCRIPT_HASH__"
_MINUS = "\u2212"


# --------------------------------------------------------------------------- cleaning manifest values


def _text(value: Any) -> str:
    """A manifest field as display text; anything but a string or number shows as nothing."""
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, (str, numbers.Number)):
        return str(value).strip()
    return ""


def _real(value: Any) -> float | None:
    """A finite number, or None for missing / malformed values (they sort last and show as "–")."""
    if isinstance(value, bool) or value is None:
        return None
    try:
        result = thai.parse_number(value) if isinstance(value, str) else float(value)
    except (TypeError, ValueError):
        return None
    return result if math.isfinite(result) else None


def _mapping(value: Any) -> Mapping:
    return value if isinstance(value, Mapping) else {}


def _sort_attr(value: float | int | None) -> str:
    """data-sort keeps Arabic digits (the script parses them); empty means 'sort last'."""
    if value is None:
        return ""
    return repr(round(float(value), 6))


def relative_href(path: Any) -> str | None:
    """A link to a file below the index's folder, percent-encoded per segment, or None if unsafe.

    Only relative paths without '..' become links, so nothing outside the batch's folder is linked and
    no scheme (``javascript:``, ``http:``) can survive: ':' is encoded inside a segment. Thai folder
    names become UTF-8 percent escapes, which Chromium and Firefox resolve on file:// URLs.
    """
    if not isinstance(path, str):
        return None
    text = path.strip().replace("\\", "/")
    if not text or text.startswith("/") or _DRIVE.match(text) or _CONTROL.search(text):
        return None
    parts = [p for p in text.split("/") if p not in ("", ".")]
    if not parts or ".." in parts:
        return None
    return "/".join(quote(p, safe="") for p in parts)


def _level_order(levels: Iterable[str]) -> list[str]:
    """Levels present, best first: known scales in their own order, then others in Thai order."""
    present = set(levels)
    ordered = [lv for scale in LEVEL_SCALES for lv in scale if lv in present]
    return ordered + thai.sort_thai(present - set(ordered))


def _ranks(values: Iterable[str]) -> dict[str, int]:
    """Thai dictionary rank of each distinct non-empty value."""
    return {v: i for i, v in enumerate(thai.sort_thai({v for v in values if v}))}


def _common_int(values: Iterable[Any]) -> int | None:
    found = Counter(v for v in values if isinstance(v, int) and not isinstance(v, bool))
    return found.most_common(1)[0][0] if found else None


# --------------------------------------------------------------------------- rows


def _row(entry: Any, thai_digits: bool) -> dict:
    e = _mapping(entry)
    org = _mapping(e.get("organisation"))
    scores = _mapping(e.get("scores"))
    files = _mapping(e.get("files"))
    error = e.get("error")
    if isinstance(error, Mapping):
        error_th, error_en = _text(error.get("th")), _text(error.get("en"))
    else:
        error_th, error_en = _text(error), ""
    status_raw = _text(e.get("status"))
    ok = status_raw in OK_STATUSES

    def num(value: float | None, decimals: int = 2) -> str:
        return "–" if value is None else thai.number(value, decimals, thai_digits=thai_digits)

    total = _real(scores.get("total"))
    change = _real(scores.get("change"))
    previous = _real(scores.get("previous_total"))
    if change is None and previous is not None and total is not None:
        change = round(total - previous, 2)
    change_text, change_class = "–", "none"
    if change is not None:
        magnitude = thai.number(abs(change), 2, thai_digits=thai_digits)
        if not set(thai.to_arabic_digits(magnitude)) <= set("0."):
            change_class = "up" if change > 0 else "down"
            magnitude = ("+" if change > 0 else _MINUS) + magnitude
        else:
            change_class = "same"
        change_text = magnitude

    weakest = _mapping(scores.get("weakest"))
    w_number = _text(weakest.get("number"))
    w_score = _real(weakest.get("score"))
    weaknesses = _real(scores.get("weaknesses"))
    level = _text(scores.get("level"))
    row_no = _real(e.get("row"))

    return {
        "key": _text(e.get("key")),
        "name": _text(org.get("name")),
        "type": _text(org.get("type")),
        "district": _text(org.get("district")),
        "status": "ok" if ok else "failed",
        "skipped": status_raw == "skipped",
        "error_th": error_th,
        "error_en": error_en,
        "source": _text(e.get("source")),
        "source_row": None if row_no is None else int(row_no),
        "href": relative_href(files.get("html")),
        "pdf_href": relative_href(files.get("pdf")),
        "total": total,
        "total_text": num(total),
        "level": level,
        "level_class": "good" if level in GOOD_LEVELS else "bad" if level in BAD_LEVELS else "",
        "weakest_number": (thai.to_thai_digits(w_number) if thai_digits else w_number) if w_number else "",
        "weakest_name": _text(weakest.get("name")),
        "weakest_score": w_score,
        "weakest_score_text": num(w_score),
        "weaknesses": int(weaknesses) if weaknesses else 0,
        "change": change,
        "change_text": change_text,
        "change_class": change_class,
        "assessment_year": e.get("assessment_year"),
        "fiscal_year": e.get("fiscal_year"),
    }


def _prepare(entries: Iterable[Any], thai_digits: bool) -> list[dict]:
    """Rows in default order (Thai name order, unnamed last) with every data-sort value filled in."""
    rows = [_row(e, thai_digits) for e in entries]
    rows.sort(key=lambda r: (r["name"] == "", thai.sort_key(r["name"]), thai.sort_key(r["district"]), r["key"]))
    type_rank = _ranks(r["type"] for r in rows)
    district_rank = _ranks(r["district"] for r in rows)
    levels = _level_order(r["level"] for r in rows if r["level"])
    level_rank = {lv: len(levels) - i for i, lv in enumerate(levels)}  # higher = better: ascending = worst first
    for i, r in enumerate(rows):
        r["order"] = i
        r["no_text"] = thai.to_thai_digits(str(i + 1)) if thai_digits else str(i + 1)
        r["sort"] = {
            "no": str(i),
            "name": str(i) if r["name"] else "",
            "type": _sort_attr(type_rank.get(r["type"])),
            "district": _sort_attr(district_rank.get(r["district"])),
            "total": _sort_attr(r["total"]),
            "level": _sort_attr(level_rank.get(r["level"])),
            "weakest": _sort_attr(r["weakest_score"]),
            "change": _sort_attr(r["change"]),
            "status": "0" if r["status"] == "ok" else "1",
        }
    return rows


def _summary(rows: list[dict], thai_digits: bool) -> dict:
    ok = [r for r in rows if r["status"] == "ok"]
    counts = Counter(r["level"] for r in ok if r["level"])
    totals = [r["total"] for r in ok if r["total"] is not None]
    mean = sum(totals) / len(totals) if totals else None
    return {
        "organisations": len(rows),
        "made": len(ok),
        "failed": len(rows) - len(ok),
        "levels": [(lv, counts[lv]) for lv in _level_order(counts)],
        "no_level": sum(1 for r in ok if not r["level"]),
        "mean_text": None if mean is None else thai.number(mean, 2, thai_digits=thai_digits),
    }


def _default_title(assessment_year: int | None, fiscal_year: int | None, province: str, thai_digits: bool) -> str:
    year = assessment_year or (fiscal_year - 1 if fiscal_year else None)
    text = "ผลการประเมิน ITA"
    if year:
        text += f" ปีงบประมาณ พ.ศ. {year}"
    if province:
        text += f" — {places.province_text(province)}"
    return thai.to_thai_digits(text) if thai_digits else text


def _csp(script: str) -> str:
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return f"'sha256-{digest}'"


# --------------------------------------------------------------------------- public API


def build_index(
    entries: list[dict],
    fiscal_year: int | None,
    province: str,
    thai_digits: bool = True,
    title: str | None = None,
) -> str:
    """The index page of one province and fiscal year, as one self-contained HTML string.

    ``fiscal_year`` is the BE year of the documents (the assessment year is read from the entries,
    else taken as the year before); ``title`` replaces the default Thai title.
    """
    entries = list(entries or [])
    province = _text(province)
    if fiscal_year is None or isinstance(fiscal_year, bool) or not isinstance(fiscal_year, int):
        fiscal_year = _common_int(_mapping(e).get("fiscal_year") for e in entries)
    assessment_year = _common_int(_mapping(e).get("assessment_year") for e in entries)
    rows = _prepare(entries, thai_digits)
    levels = _level_order(r["level"] for r in rows if r["level"])
    districts = thai.sort_thai({r["district"] for r in rows if r["district"]})
    page_title = title if title else _default_title(assessment_year, fiscal_year, province, thai_digits)

    html = sections.environment(str(TEMPLATES)).get_template(TEMPLATE).render(
        thai_digits=thai_digits,
        extra_words=(),
        title=page_title,
        province=province,
        fiscal_year=fiscal_year,
        assessment_year=assessment_year,
        rows=rows,
        summary=_summary(rows, thai_digits),
        levels=levels,
        districts=districts,
        font_css=Markup(font_face_css()),
        csp_script=_CSP_PLACEHOLDER,
    )
    # The page's only script, found in the rendered page (manifest text is escaped, so no '<script>'
    # can come from it), is the only one the Content-Security-Policy lets run.
    script = _SCRIPT.search(html)
    if script is None:  # pragma: no cover - the template always has it
        raise RuntimeError(f"{TEMPLATE} has no <script>")
    return html.replace(_CSP_PLACEHOLDER, _csp(script.group(1)), 1)


def write_index(path: Path, entries: list[dict], fiscal_year: int | None, province: str, **kw: Any) -> Path:
    """Write the index page atomically (readers never see half a page); returns the path."""
    return write_atomic(Path(path), build_index(entries, fiscal_year, province, **kw))
