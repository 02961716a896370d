"""Table cells of the province summary: names that may break after their type, loose level words, records.

An organisation type is one unbreakable word to the word breaker (136 px of องค์การบริหารส่วนตำบล would
make a seven-column table too wide for the page); its parts (toolkit/knowledge/org_types.yaml) give the
places where it may break.
"""
from __future__ import annotations

import math
from typing import Any, Iterable

import pandas as pd
from markupsafe import Markup, escape

from ...kit import places, thai


def _spans(tokens: Iterable[str]) -> Markup:
    """Escaped words, each unbreakable, with a break opportunity between them (as thai.html_words)."""
    parts = []
    for tok in tokens:
        if tok.isspace():
            parts.append(Markup(" "))
            continue
        if parts and parts[-1] != " ":
            parts.append(Markup("<wbr>"))
        parts.append(Markup('<span class="w">{}</span>').format(tok) if thai.has_thai(tok) else escape(tok))
    return Markup("").join(parts)


def loose_html(text: Any) -> Markup:
    """Table-cell text that may break between plain dictionary words (ต้อง|ปรับปรุง|โดยด่วน), for narrow columns
    of levels and indicator names; prose keeps the stricter `th` filter."""
    return _spans(thai.loose_units(str(text))) if text else Markup("")


def name_html(name: str, words: Iterable[str] = ()) -> Markup:
    """An organisation's name that may break after its type (องค์การ|บริหาร|ส่วน|ตำบล|สามเรือน), never inside
    the place name."""
    kind = places.org_type_of(name)
    if kind is None:
        return thai.html_words(name, words)
    if name == kind.name:
        return _spans(kind.parts)
    return _spans(kind.parts) + Markup("<wbr>") + thai.html_words(name[len(kind.name):].lstrip(), words)


def records(df: pd.DataFrame) -> list[dict]:
    """Rows as dicts for the templates, NaN as None (the `num` filter prints None as "–")."""
    out = []
    for rec in df.to_dict("records"):
        out.append({k: None if isinstance(v, float) and math.isnan(v) else v for k, v in rec.items()})
    return out
