"""What-if for analysts: the tools, total and level after changing indicators or items, params untouched.

`report.what_if(indicators={9: 90}, items={"o13": 100})` in the notebook and
`ita-report score PARAMS --set 9=90 --set o13=100` give the same figures (one function, `what_if`).
Items move their indicator only where the framework says how (OIT sub-indicators, IIT means); an
indicator set outright wins over item changes inside it.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Sequence

from ...frameworks import normalise_code
from ...frameworks.targets import Outcome
from ...frameworks.targets import what_if as framework_what_if
from ...kit import sections, thai
from ...kit.errors import InputError, InputErrors
from ...kit.figures import Figures
from .analyse import Analysis

TEMPLATES = Path(__file__).resolve().parent / "templates"


@dataclass(frozen=True)
class WhatIf:
    """A what-if result that Jupyter shows as a small table and a terminal as plain lines."""

    organisation: str
    year: int
    indicators: dict[int, float]  # the changes asked for
    items: dict[str, float]
    outcome: Outcome
    tools_before: dict[str, float]
    thai_digits: bool = True
    rule_note: str | None = None  # Thai: the level rule is unconfirmed

    def rows(self) -> list[tuple[str, float, float]]:
        """(what, before, after) for each tool and the total."""
        rows = [(tool, self.tools_before[tool], self.outcome.tools[tool]) for tool in self.outcome.tools]
        return rows + [("คะแนนรวม", self.outcome.total_before, self.outcome.total)]

    def changes_text(self) -> str:
        parts = [f"ตัวชี้วัดที่ {n} = {v:g}" for n, v in sorted(self.indicators.items())]
        parts += [f"{code} = {v:g}" for code, v in self.items.items()]
        return ", ".join(parts) or "ไม่มีการเปลี่ยนแปลง"

    def __repr__(self) -> str:
        o = self.outcome
        lines = [f"What-if: {self.organisation}, ITA {self.year}: {self.changes_text()}"]
        for what, before, after in self.rows():
            lines.append(f"  {what:<9} {before:6.2f} -> {after:6.2f} ({after - before:+.2f})")
        lines.append(f"  ระดับ/level {o.level_before} -> {o.level}")
        lines += [f"  หมายเหตุ/note: {n.th} / {n.en}" for n in o.notes]
        if self.rule_note:
            lines.append(f"  ({self.rule_note})")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        return sections.render("analysis_what_if.html.j2", self.thai_digits, (), folder=TEMPLATES, w=self,
                               o=self.outcome).html

    def as_dict(self) -> dict:
        """`score --set … --json`: the framework's outcome plus the tools before the change."""
        return self.outcome.as_dict() | {
            "organisation": self.organisation, "assessment_year": self.year,
            "changes": {"indicators": {str(n): v for n, v in self.indicators.items()}, "items": dict(self.items)},
            "tools_before": dict(self.tools_before),
        }


def what_if(a: Analysis, indicators: Mapping[int, float] | None = None,
            items: Mapping[str, float] | None = None) -> WhatIf:
    """The figures after the changes, from the params' own indicators and items (which stay as they are)."""
    fw = a.framework
    p = a.params.assessment
    indicators = {int(n): v for n, v in (indicators or {}).items()}
    items = {normalise_code(c): v for c, v in (items or {}).items()}
    outcome = framework_what_if(fw, dict(p.indicators), dict(p.items), indicators, items)
    before = framework_what_if(fw, dict(p.indicators), dict(p.items))
    note = None
    if "levels" in outcome.unconfirmed:
        note = (f"ระดับคำนวณตามเกณฑ์ของปี {a.year} ที่ยังไม่ได้รับการยืนยัน"
                + (f" ระดับที่ประกาศคือ{a.level_reported}" if a.level_reported else ""))
    return WhatIf(a.params.organisation.name, a.year, indicators, items, outcome, before.tools,
                  Figures.of(a.params).thai, note)


def parse_changes(values: Sequence[str], source: str = "--set") -> tuple[dict[int, float], dict[str, float]]:
    """`--set 9=90 --set o13=100` → ({9: 90.0}, {"o13": 100.0}); every bad value reported at once."""
    indicators: dict[int, float] = {}
    items: dict[str, float] = {}
    errors = []
    for raw in values:
        key, sep, value = str(raw).partition("=")
        key = thai.to_arabic_digits(key.strip())
        try:
            number = thai.parse_number(value) if sep else None
        except ValueError:
            number = None
        if number is None or not key:
            errors.append(InputError(source, None, "ต้องเขียนเป็น ตัวชี้วัด=คะแนน หรือ รหัสข้อ=คะแนน เช่น 9=90 หรือ o13=100",
                                     "expected INDICATOR=SCORE or ITEM=SCORE, e.g. 9=90 or o13=100", raw))
        elif key.isdigit():
            indicators[int(key)] = number
        else:
            items[normalise_code(key)] = number
    if errors:
        raise InputErrors(errors, source)
    return indicators, items
