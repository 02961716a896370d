"""The office's own words blended with what the toolkit writes: the introduction, and the analysis per tool and
per indicator (params ``introduction:`` and ``analysis: {tools, indicators}``, model.OfficeText).

Each piece of office text goes ``replace`` (the default: the office's paragraphs stand where the generated ones
would), ``before`` or ``after`` the generated paragraphs of its place. What is computed and not prose stays in
every mode: the heading with the score and verdict, an OIT indicator's table of items (with the sentence that
leads into it) and the evidence line. Where the office's words come first, the generated paragraph that follows
leaves out what the indicator measures (the office has introduced it) and opens with a bridge to the scores,
so the seam reads as one text. Anything the office did not write is generated, as before.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from .model import OfficeText
from .text import IndicatorText

__all__ = ["BRIDGE", "Block", "Para", "blend", "indicator_block", "introduction"]

# opens the generated text where the office's own analysis of the indicator comes first ("in addition, …")
BRIDGE = "นอกจากนี้ "


@dataclass(frozen=True)
class Para:
    """One printed paragraph and whose words it is (``office``: printed as written, marked in the HTML)."""

    text: str
    office: bool = False


@dataclass
class Block:
    """An indicator's analysis as printed: paragraphs before its OIT item table, and after it."""

    text: IndicatorText
    paragraphs: list[Para]
    after_table: list[Para] = field(default_factory=list)
    table_lead: str | None = None  # the sentence that leads into the table, when the office's words replace ours

    @property
    def notes(self) -> list[str]:
        return self.text.notes


def _office(office: OfficeText) -> list[Para]:
    return [Para(t, True) for t in office.text]


def blend(generated: list[str], office: OfficeText | None) -> list[Para]:
    """Generated paragraphs with the office's: instead of them, before or after them."""
    ours = [Para(t) for t in generated]
    if office is None:
        return ours
    if office.mode == "replace":
        return _office(office)
    return _office(office) + ours if office.mode == "before" else ours + _office(office)


def introduction(summary: list[str], office: OfficeText | None) -> list[Para]:
    """The opening paragraphs: the official result, the deciding tool and the counts stay (they are figures);
    the office's introduction takes the place of, or sits beside, the last one, on the purpose of the analysis."""
    figures, purpose = summary[:-1], summary[-1:]
    return [Para(t) for t in figures] + blend(purpose, office)


def _bridged(t: IndicatorText) -> list[str]:
    """The generated paragraphs after the office's own: the indicator's description left out, a bridge first."""
    paragraphs = list(t.paragraphs)
    first = paragraphs[0]
    if t.description and first.startswith(t.description):
        first = first[len(t.description):].strip()
    paragraphs[0] = BRIDGE + first if first else ""
    return [p for p in paragraphs if p]


def indicator_block(t: IndicatorText, office: OfficeText | None) -> Block:
    """One indicator as printed, with the office's analysis where it wrote one."""
    if office is None:
        return Block(t, [Para(p) for p in t.paragraphs])
    if office.mode == "replace":
        # our paragraphs (and the footnotes they called for) go; the table and its figures stay
        notes = [n for n in t.notes if n == "oit_zero"]
        return Block(replace(t, notes=notes), _office(office), table_lead=t.table_lead if t.item_rows else None)
    if office.mode == "before":
        return Block(t, _office(office) + [Para(p) for p in _bridged(t)])
    if t.item_rows:  # after ours: after the table too, so the table still follows the sentence that leads into it
        return Block(t, [Para(p) for p in t.paragraphs], after_table=_office(office))
    return Block(t, [Para(p) for p in t.paragraphs] + _office(office))
