"""The analysis report's writing context: digits, organisation, framework, knowledge base and citations.

One :class:`Writer` per piece of prose. It classifies each indicator once (urgent, develop further, strength),
quotes the published wording of questions and OIT items (never a paraphrase; by code when the wording is not
known), says what a negatively worded question's score means, and cites OIT evidence by the item code of the
assessed period. text.py (the analysis) and measures.py (the plan's rows) both write through it, so the
two can never classify or cite differently.

Item codes (``i10``, ``e4``, ``o8``) are always printed in Latin letters with Arabic digits, whatever the
digit style: they are identifiers of the NACC's assessment system, looked up as typed.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ...kit import thai
from ...kit.figures import Figures
from .analyse import Analysis, IndicatorScore, ItemScore
from .knowledge import shared_knowledge

__all__ = ["Writer", "code_number", "keep_words_whole", "status_of"]

_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


@lru_cache(maxsize=256)
def keep_words_whole(text: str) -> str:
    """A published wording with a space inside a word ("ประพฤติ มิชอบ", a typesetting artefact of the source) keeps
    the space as printed, but as a no-break space: a line never breaks inside the word."""
    for word in thai.DOMAIN_WORDS:
        for k in range(1, len(word)):
            split = f"{word[:k]} {word[k:]}"
            if split in text:
                text = text.replace(split, f"{word[:k]}\u00a0{word[k:]}")
    return text


def code_number(code: str) -> int:
    """'o13' → 13: items sort by number, not as text."""
    digits = "".join(ch for ch in code if ch.isdigit())
    return int(digits) if digits else 0


def status_of(a: Analysis, ind: IndicatorScore, develop_below: float) -> str:
    """'weakness' (under the pass line: urgent), 'develop' (passes, but an item is under the line or the
    score is under ``develop_below``) or 'maintain' (a strength): each indicator is exactly one of them."""
    if ind.weak:
        return "weakness"
    if any(i.below_pass for i in ind.items) or round(ind.score, 2) < develop_below:
        return "develop"
    return "maintain"


class Writer(Figures):
    """One analysis's writing context; ``cited`` and ``evidence`` collect what a piece of prose cites."""

    def __init__(self, a: Analysis, kb: dict | None = None):
        super().__init__(a.params.style.thai_digits)
        self.a = a
        self.kb = kb if kb is not None else shared_knowledge()
        self.org = a.params.organisation.name
        self.short = a.params.organisation.short_name or self.org
        self.fw = a.framework
        self.develop_below = float(self.kb["develop_below"])
        self.cited: set[str] = set()
        self.evidence: list[tuple[str, str]] = []

    # -- figures -----------------------------------------------------------------------------
    @property
    def line(self) -> str:
        """The pass line as printed: "๘๕"."""
        return self.whole(self.a.pass_line)

    def below_line(self, score: float) -> bool:
        return round(score, 2) < self.a.pass_line

    # -- knowledge text ----------------------------------------------------------------------
    def fill(self, text: str) -> str:
        """A knowledge-base text in this report's digits, with {org} and {ref:…} filled in."""
        text = " ".join(thai.style_digits(text, self.thai).split())

        def repl(m: re.Match) -> str:
            name = m.group(1)
            return self.org if name == "org" else self.cite(name[4:])

        return _PLACEHOLDER.sub(repl, text)

    # -- official wording --------------------------------------------------------------------
    def wording(self, item: ItemScore) -> str | None:
        """The item's published wording (an OIT item with its year, as published), None when unknown."""
        text = self.fw.item_text(item.code, with_year=self.fw.tool_for_code(item.code) == "OIT")
        return None if text is None else keep_words_whole(thai.style_digits(text, self.thai))

    def quoted(self, item: ItemScore) -> str:
        """“wording” of an item, or "" when its wording is not known (it is then shown by its code)."""
        text = self.wording(item)
        return f"“{text}”" if text else ""

    def item_label(self, item: ItemScore) -> str:
        """ข้อ i10 “…as worded…”, or ข้อ o3 alone when the period's wording is not known."""
        quote = self.quoted(item)
        return f"ข้อ {item.code} {quote}" if quote else f"ข้อ {item.code}"

    def negative_note(self, item: ItemScore) -> str:
        """What a negatively worded question's score means, so a high score never reads as an accusation."""
        notes = self.kb["notes"]
        key = "negative_full" if round(item.score, 2) >= 100 else "negative_item"
        return self.fill(notes[key])

    # -- OIT evidence -------------------------------------------------------------------------
    def evidence_of(self, topic: str) -> tuple[str, str]:
        """(item code in this period, its wording) of an OIT topic; code '' when the period has no such item."""
        items = [i for i in self.fw.items_on(topic) if self.fw.tool_of(i.indicator) == "OIT"]
        items = items or self.fw.items_on(topic)
        if items:
            item = items[0]
            text = self.fw.item_text(item.code, with_year=True)
            if text:
                return item.code, keep_words_whole(thai.style_digits(text, self.thai))
            return item.code, ""
        return "", self.kb["topics"][topic]["name"]

    def cite(self, topic: str) -> str:
        """(อ้างอิงข้อ o8 “…”) the first time in a piece of prose, (อ้างอิงข้อ o8) after that and wherever the
        report's item table prints the wording (a long report stays within its page budget)."""
        code, name = self.evidence_of(topic)
        self.note_evidence(code, name)
        first = topic not in self.cited
        self.cited.add(topic)
        if code:
            quote = first and name and not self.in_item_table(code)  # the item table prints its wording
            return f"(อ้างอิงข้อ {code} “{name}”)" if quote else f"(อ้างอิงข้อ {code})"
        return f"(อ้างอิงข้อมูลตามแบบวัด OIT เรื่อง{name})"

    def note_evidence(self, code: str, name: str) -> None:
        if (code, name) not in self.evidence:
            self.evidence.append((code, name))

    # -- indicators and items -----------------------------------------------------------------
    def title(self, ind: IndicatorScore) -> str:
        return f"ตัวชี้วัดที่ {self.count(ind.number)} {ind.name}"

    def topic(self, item: ItemScore) -> dict:
        topics = self.kb["topics"]
        if item.topic and item.topic in topics:
            return topics[item.topic]
        return self.kb["item_defaults"][self.fw.tool_of(item.indicator)]

    def status(self, ind: IndicatorScore) -> str:
        return status_of(self.a, ind, self.develop_below)

    def is_oit(self, ind: IndicatorScore) -> bool:
        return self.fw.tool_of(ind.number) == "OIT"

    def focus_items(self, ind: IndicatorScore, status: str) -> list[ItemScore]:
        """The items an analysis explains: under the pass line, else the lowest ones short of the develop
        mark; for OIT every item short of 100; none for a strength."""
        items = sorted(ind.items, key=lambda i: (i.score, code_number(i.code)))
        if status == "maintain":
            return []
        if self.is_oit(ind):
            return [i for i in items if round(i.score, 2) < 100]
        below = [i for i in items if i.below_pass]
        if below:
            return below
        return [i for i in items if round(i.score, 2) < self.develop_below][:self.lowest_items]

    @property
    def lowest_items(self) -> int:
        """Items a passing indicator's text explains: fewer beside an urgent one (knowledge: lowest_items)."""
        return int(self.kb["lowest_items_beside_urgent" if self.a.weaknesses else "lowest_items"])

    def in_item_table(self, code: str) -> bool:
        """Whether the report's item table prints this item's wording (then a list may cite it by code)."""
        return bool(self.a.params.style.show_items) and any(i.code == code for i in self.a.items)

    def kb_measures(self, ind: IndicatorScore, focus: list[ItemScore], status: str) -> list[dict]:
        """The knowledge base's measures that answer an indicator's focus items (an urgent indicator may take
        two, one otherwise); its first, broadest measure when none matches or no item is known."""
        options = self.kb["indicators"][ind.number]["measures"]
        topics = {i.topic for i in focus if i.topic}
        matching = [m for m in options if topics & set(m["addresses"])]
        if status == "weakness":
            return matching or options[:1]
        return matching[:1] or options[:1]
