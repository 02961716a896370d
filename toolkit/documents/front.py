"""Front and back matter every document shares: the ITA item a document answers (for its cover), the
month and year under the foreword, section anchors and the table of contents built from them."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Iterable

from markupsafe import Markup
from pythainlp.util import thai_strftime

from ..frameworks import available_years, framework_for, load_framework
from ..kit.errors import InputError
from ..kit.figures import Figures

ANCHOR = "sec-{}"
_H2 = re.compile(r"<h2(?P<attrs>[^>]*)>(?P<inner>.*?)</h2>", re.S)
MIN_CONTENTS = 3  # sections: a document with fewer is short enough to read without a table of contents


def anchor(html: str, name: str) -> str:
    """The first <h2> of a section gets id="sec-<name>", the target of the contents' link and page number."""
    def add(m: re.Match) -> str:
        if "id=" in m["attrs"]:
            return m[0]
        return f'<h2 id="{ANCHOR.format(name)}"{m["attrs"]}>{m["inner"]}</h2>'
    return _H2.sub(add, html, count=1)


@dataclass(frozen=True)
class Entry:
    """One line of the contents: the heading's id and its (already escaped and segmented) HTML."""

    id: str
    title: Markup


def entries(sections: Iterable[Any]) -> list[Entry]:
    """The contents of rendered sections, in order: each section's first <h2> that carries an id."""
    out = []
    for section in sections:
        if section is None:
            continue
        m = _H2.search(str(section))
        ident = re.search(r'id="([^"]+)"', m["attrs"]) if m else None
        if ident:
            out.append(Entry(ident[1], Markup(m["inner"])))
    return out


def month_year(d: dt.date | None, figures: Figures) -> str | None:
    """"เมษายน ๒๕๖๙": the month and BE year a foreword is signed in."""
    return None if d is None else thai_strftime(d, "%B %Y", thaidigit=figures.thai)


def latest(dates: Iterable[dt.date | None]) -> dt.date | None:
    known = [d for d in dates if d is not None]
    return max(known) if known else None


def _item_line(year: int, key: str, figures: Figures, framework: Any) -> dict | None:
    code = framework.document_code(key)
    if not code:
        return None
    text = framework.item_text(code, with_year=True)
    return {"year": figures.year(year), "code": code.upper(), "text": figures.digits(text) if text else None}


def item_lines(key: str, years: Iterable[int], figures: Figures, own_only: bool = False) -> list[dict]:
    """The OIT item a document answers in each ITA year given, as the cover prints it
    ({year, code, text}); a year whose item is not known is left out. ``own_only``: only years that have
    a framework of their own (a plan's later years are not assumed to keep the last known numbering)."""
    known = set(available_years())
    out = []
    for year in years:
        if own_only and year not in known:
            continue
        try:
            fw = load_framework(year) if year in known else framework_for(year)
        except InputError:
            continue
        line = _item_line(year, key, figures, fw)
        if line:
            out.append(line)
    return out


# The opening of every foreword, in our own words: what the ITA is and who runs it.
ITA_SENTENCE = ("การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (Integrity and Transparency Assessment: "
                "ITA) เป็นเครื่องมือที่สำนักงาน ป.ป.ช. ใช้วัดว่าหน่วยงานภาครัฐดำเนินงานอย่างซื่อตรง เปิดเผย "
                "และตรวจสอบได้เพียงใด จากความเห็นของบุคลากรภายใน ความเห็นของผู้รับบริการ "
                "และข้อมูลที่หน่วยงานเผยแพร่ต่อสาธารณะ")


def once(method):
    """A section method whose result is kept on the report: the contents page renders each section to read its
    heading, and the notebook's own call then reuses it (charts are drawn once)."""
    name = method.__name__

    def wrapper(self):
        cache = self.__dict__.setdefault("_sections", {})
        if name not in cache:
            cache[name] = method(self)
        return cache[name]

    wrapper.__name__, wrapper.__doc__ = name, method.__doc__
    return wrapper
