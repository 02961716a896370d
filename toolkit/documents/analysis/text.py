"""Thai prose of the analysis report, written from an :class:`~.analyse.Analysis` and a knowledge base.

Everything here returns plain ``str`` (the HTML layer escapes and word-segments later). What to say
about an indicator, an item or a measure lives in ``knowledge/recommendations.yaml`` (our own wording);
this module decides *which* of it applies and fills in the organisation, the scores and the years, all
computed from the params, so that a year can never be mislabelled as in hand-made reports.

Numbers and years go through :class:`toolkit.kit.figures.Figures` in the style the params ask for. Item codes (``i10``, ``e4``, ``o8``) are always printed in Latin
letters with Arabic digits, whatever the digit style: they are identifiers of the NACC's assessment
system, looked up as typed; published tables that print "๐๘" make the "o" indistinguishable from a zero.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...kit import places, thai
from ...kit.figures import Figures
from .analyse import Analysis, IndicatorScore, ItemScore
from ...frameworks import TOOLS
from .knowledge import KNOWLEDGE_FILE, STATUSES, KnowledgeError, load_knowledge
from .model import Measure

__all__ = [
    "IndicatorText",
    "conclusion",
    "draft_measures",
    "findings_text",
    "indicator_analysis",
    "indicator_status",
    "measure_period_text",
    "measures",
    "strengths_weaknesses",
    "summary",
]

MAX_LOWEST_ITEMS = 3  # items analysed for a weak indicator none of whose items is under the pass line
MAX_MAINTAIN_MENTIONS = 2  # low-ish items named in a short "maintain" paragraph

# Text that must never reach a published document: unfilled template markers and placeholders.
FILLER = ("ระบุ", "...", "…", "{", "}")
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


# -- text helpers -------------------------------------------------------------------------
def _code_num(code: str) -> int:
    digits = "".join(ch for ch in code if ch.isdigit())
    return int(digits) if digits else 0


class _Writer(Figures):
    """One analysis's writing context: digit style, organisation, framework, knowledge base, citations."""

    def __init__(self, a: Analysis, kb: dict | None = None):
        super().__init__(a.params.style.thai_digits)
        self.a = a
        self.kb = kb if kb is not None else load_knowledge()
        self.org = a.params.organisation.name
        self.fw = a.framework
        self.develop_below = float(self.kb["develop_below"])
        self.cited: set[str] = set()
        self.evidence: list[tuple[str, str]] = []

    @property
    def line(self) -> str:
        return self.whole(self.a.pass_line)

    # knowledge text
    def fill(self, text: str) -> str:
        """A knowledge-base text in this report's digits, with {org} and {ref:…} filled in."""
        text = " ".join(thai.style_digits(text, self.thai).split())

        def repl(m: re.Match) -> str:
            name = m.group(1)
            if name == "org":
                return self.org
            return self.cite(name[4:])

        return _PLACEHOLDER.sub(repl, text)

    def evidence_of(self, topic: str) -> tuple[str, str]:
        """(item code in this period, item name) of an OIT topic; code '' when the catalogue is unknown."""
        items = [i for i in self.fw.items_on(topic) if self.fw.tool_of(i.indicator) == "OIT"]
        items = items or self.fw.items_on(topic)
        if items:
            return items[0].code, items[0].text
        return "", self.kb["topics"][topic]["name"]

    def cite(self, topic: str) -> str:
        code, name = self.evidence_of(topic)
        self.note_evidence(code, name)
        first = topic not in self.cited
        self.cited.add(topic)
        if code:
            return f"(อ้างอิงข้อ {code} {name})" if first else f"(อ้างอิงข้อ {code})"
        return f"(อ้างอิงข้อมูลตามแบบวัด OIT เรื่อง{name})"

    def note_evidence(self, code: str, name: str) -> None:
        if (code, name) not in self.evidence:
            self.evidence.append((code, name))

    # indicators and items
    def title(self, ind: IndicatorScore) -> str:
        return f"ตัวชี้วัดที่ {self.count(ind.number)} {ind.name}"

    def topic(self, item: ItemScore) -> dict:
        topics = self.kb["topics"]
        if item.topic and item.topic in topics:
            return topics[item.topic]
        return self.kb["item_defaults"][self.fw.tool_of(item.indicator)]

    def item_label(self, item: ItemScore) -> str:
        if not item.text:
            return f"ข้อ {item.code}"
        if self.fw.tool_of(item.indicator) == "OIT":
            return f"ข้อ {item.code} {item.text}"
        return f"ข้อ {item.code} “{item.text}”"

    def status(self, ind: IndicatorScore) -> str:
        if ind.weak:
            return "weakness"
        if any(i.below_pass for i in ind.items) or round(ind.score, 2) < self.develop_below:
            return "develop"
        return "maintain"

    def focus_items(self, ind: IndicatorScore, status: str) -> list[ItemScore]:
        """The items an analysis explains: under the pass line, else the lowest; for OIT every item short of 100."""
        items = sorted(ind.items, key=lambda i: (i.score, _code_num(i.code)))
        if self.fw.tool_of(ind.number) == "OIT":
            return [i for i in items if round(i.score, 2) < 100]
        below = [i for i in items if i.below_pass]
        if below:
            return below
        if status == "maintain":
            return []
        return [i for i in items if round(i.score, 2) < self.develop_below][:MAX_LOWEST_ITEMS]


def _full_name(w: _Writer) -> str:
    return places.full_name(w.a.params.organisation)


# -- public API -----------------------------------------------------------------------------
def indicator_status(a: Analysis, number: int) -> str:
    """'weakness', 'develop' or 'maintain': decides the text, the evidence and whether a measure is drafted."""
    w = _Writer(a)
    return w.status(a.indicator(number))


def summary(a: Analysis) -> list[str]:
    """Opening paragraphs, so readers get the official result, its trend and the document's purpose before detail."""
    w = _Writer(a)
    p = a.params
    tools = list(a.tools.values())
    head = (f"ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) ประจำ{w.fy(a.year)} "
            f"ของ{_full_name(w)} ได้คะแนนรวม {w.score(a.total)} อยู่ในระดับ {a.level}")
    if round(a.total, 2) < a.pass_line:
        head += f" ซึ่งต่ำกว่าเกณฑ์ {w.line} คะแนน"
    parts = [f"{t.name_th} ({t.code}) ได้ {w.score(t.score)}" for t in tools]
    head += f" เมื่อจำแนกตามเครื่องมือการประเมิน {thai.join_th(parts)}"
    prev = a.previous
    if prev is not None:
        level = f" ระดับ {prev.level}" if prev.level else ""
        compare = f"เมื่อเทียบกับ{w.fy(prev.year)} ซึ่งได้ {w.score(prev.total)}{level}"
        change = a.change
        if change > 0:
            head += f" {compare} คะแนนรวมสูงขึ้น {w.score(change)}"
        elif change < 0:
            head += f" {compare} คะแนนรวมลดลง {w.score(-change)}"
        else:
            head += f" {compare} คะแนนรวมเท่ากับปีดังกล่าว"
    paragraphs = [head]

    n_all, weak = len(a.indicators), a.weaknesses
    n_pass = n_all - len(weak)
    if not weak:
        second = f"ผลการประเมินรายตัวชี้วัดผ่านเกณฑ์ {w.line} คะแนนครบทั้ง {w.count(n_all)} ตัวชี้วัด"
        low_items = [i for i in a.weakest_items if i.below_pass]
        if low_items:
            named = [f"ข้อ {i.code} ({w.score(i.score)}) ในตัวชี้วัดที่ {w.count(i.indicator)}" for i in low_items]
            second += f" แต่ยังมีข้อที่ได้คะแนนต่ำกว่าเกณฑ์ ได้แก่ {thai.join_th(named)} ซึ่งควรพัฒนาต่อไป"
    else:
        named = [f"{w.title(i)} ({w.score(i.score)})" for i in weak]
        if n_pass == 0:
            second = (f"ทุกตัวชี้วัดได้คะแนนต่ำกว่าเกณฑ์ {w.line} คะแนน "
                      f"จึงต้องแก้ไขโดยเร่งด่วนทั้ง {w.count(n_all)} ตัวชี้วัด "
                      f"โดยตัวชี้วัดที่ได้คะแนนต่ำที่สุด คือ {named[0]}")
        else:
            second = (f"ผลการประเมินรายตัวชี้วัดผ่านเกณฑ์ {w.line} คะแนน {w.count(n_pass)} ตัวชี้วัด จากทั้งหมด "
                      f"{w.count(n_all)} ตัวชี้วัด และต่ำกว่าเกณฑ์ {w.count(len(weak))} ตัวชี้วัด "
                      f"ได้แก่ {thai.join_th(named)} "
                      f"ซึ่งเป็นจุดอ่อนที่ต้องแก้ไขโดยเร่งด่วน")
    paragraphs.append(second)

    period = thai.fiscal_period_text(p.fiscal_year, thai_digits=w.thai, short=False)
    paragraphs.append(
        f"{w.org}จึงได้วิเคราะห์ผลการประเมินดังกล่าวเป็นรายตัวชี้วัด "
        f"เพื่อค้นหาจุดแข็งที่ควรรักษาไว้และประเด็นที่ต้องปรับปรุง "
        f"แล้วนำมากำหนดเป็นมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำ{w.fy(p.fiscal_year)} "
        f"ซึ่งมีระยะเวลาดำเนินการตั้งแต่วันที่ {period} เพื่อยกระดับผลการประเมินในปีต่อไป")
    return paragraphs


def strengths_weaknesses(a: Analysis) -> dict[str, list[str]]:
    """Strengths, weaknesses and passing indicators to watch, since the pass line alone hides weak items."""
    w = _Writer(a)
    strengths = sorted(a.strengths, key=lambda i: (-i.score, i.number))
    out: dict[str, list[str]] = {"strengths": [], "weaknesses": [], "watch": []}
    for ind in strengths:
        full = " (คะแนนเต็ม)" if round(ind.score, 2) >= 100 else ""
        out["strengths"].append(f"{w.title(ind)} ได้ {w.score(ind.score)}{full}")
    for ind in a.weaknesses:
        gap = a.pass_line - ind.score
        out["weaknesses"].append(
            f"{w.title(ind)} ได้ {w.score(ind.score)} ต่ำกว่าเกณฑ์ {w.line} คะแนนอยู่ {w.score(gap)}")

    watch = [i for i in strengths if any(it.below_pass for it in i.items)
             or round(i.score, 2) < w.develop_below]
    if not watch:
        short = [i for i in strengths if round(i.score, 2) < 100]
        watch = short[-1:]  # the lowest strength, when nothing else calls for attention
    for ind in sorted(watch, key=lambda i: (i.score, i.number)):
        low = [it for it in sorted(ind.items, key=lambda it: it.score) if it.below_pass]
        if low:
            named = thai.join_th([f"ข้อ {it.code} ได้ {w.score(it.score)}" for it in low])
            text = f"{w.title(ind)} ได้ {w.score(ind.score)} ผ่านเกณฑ์ แต่{named} ต่ำกว่าเกณฑ์ {w.line} คะแนน"
        elif round(ind.score, 2) < w.develop_below:
            text = (f"{w.title(ind)} ได้ {w.score(ind.score)} ผ่านเกณฑ์ แต่ยังต่ำกว่า {w.whole(w.develop_below)} คะแนน "
                    f"ควรเฝ้าระวังไม่ให้ลดลงต่ำกว่าเกณฑ์")
        else:
            text = f"{w.title(ind)} ได้ {w.score(ind.score)} ต่ำที่สุดในกลุ่มตัวชี้วัดที่ผ่านเกณฑ์"
        out["watch"].append(text)
    return out


@dataclass
class IndicatorText:
    """The analysis of one indicator, ready for the report."""

    number: int
    title: str
    score_text: str
    status: str  # "weakness" | "develop" | "maintain"
    paragraphs: list[str]
    evidence: list[tuple[str, str]] = field(default_factory=list)  # (item code, or "" when unknown; name)
    weak_items: list[str] = field(default_factory=list)  # item codes named in the paragraphs
    item_rows: list["ItemRow"] = field(default_factory=list)  # OIT items short of full marks, as a table


@dataclass
class ItemRow:
    """An OIT item to fix: a table row reads better than one paragraph per missing document."""

    code: str
    name: str
    score_text: str
    finding: str
    action: str


def _finding(w: _Writer, item: ItemScore) -> str:
    """What the item's score says: the topic's finding, or "nothing was found" for an OIT item at 0."""
    if w.fw.tool_of(item.indicator) == "OIT" and round(item.score, 2) == 0:
        return w.fill(w.kb["notes"]["oit_zero"])
    return w.fill(w.topic(item)["finding"])


def _item_paragraph(w: _Writer, item: ItemScore) -> str:
    notes = w.kb["notes"]
    tool = w.fw.tool_of(item.indicator)
    text = w.item_label(item)
    if item.negative:
        text += f" ({w.fill(notes['negative_item'])})"
    text += f" ได้ {w.score(item.score)}"
    if item.below_pass:
        text += f" ต่ำกว่าเกณฑ์ {w.line} คะแนน"
    topic = w.topic(item)
    if tool == "OIT":
        w.note_evidence(item.code, item.text or (w.kb["topics"].get(item.topic or "", {}).get("name") or item.code))
        if item.topic:
            w.cited.add(item.topic)
    return f"{text} {_finding(w, item)} {w.fill(topic['recommendation'])}"


def _item_row(w: _Writer, item: ItemScore) -> ItemRow:
    name = item.text or (w.kb["topics"].get(item.topic or "", {}).get("name") or item.code)
    w.note_evidence(item.code, name)
    if item.topic:
        w.cited.add(item.topic)
    finding = _finding(w, item).removeprefix("แสดงว่า").strip()  # a table cell states, it does not infer
    return ItemRow(item.code, name, w.num(item.score), finding, w.fill(w.topic(item)["recommendation"]))


def indicator_analysis(a: Analysis, number: int) -> IndicatorText:
    """One indicator's analysis, naming weak items and scores so every recommendation traces back to the data."""
    w = _Writer(a)
    ind = a.indicator(number)
    kb = w.kb["indicators"].get(number)
    if kb is None:
        raise KnowledgeError(f"toolkit/knowledge/{KNOWLEDGE_FILE}", f"indicators.{number}", "ไม่มีข้อความของตัวชี้วัดนี้ในฐานความรู้",
                             "the knowledge base has no text for this indicator", number)
    notes = w.kb["notes"]
    tool = w.fw.tool_of(number)
    status = w.status(ind)
    focus = w.focus_items(ind, status)
    named: list[str] = [i.code for i in focus]
    s = w.score(ind.score)
    full = round(ind.score, 2) >= 100
    rows: list[ItemRow] = []

    if status == "maintain":
        lead = (f"ตัวชี้วัดนี้ได้คะแนนเต็ม {w.num(100, 0)} คะแนน" if full
                else f"ตัวชี้วัดนี้ได้ {s} สูงกว่าเกณฑ์ {w.line} คะแนน")
        first = f"{lead} จึงเป็นจุดแข็งที่ควรรักษาไว้ {w.fill(kb['maintain'])}"
        paragraphs = [first]
        if tool != "OIT":
            low = [i for i in sorted(ind.items, key=lambda i: (i.score, _code_num(i.code)))
                   if round(i.score, 2) < w.develop_below][:MAX_MAINTAIN_MENTIONS]
            if low:
                listed = thai.join_th([f"{w.item_label(i)} ({w.score(i.score)})" for i in low])
                which = ("ข้อที่ได้คะแนนต่ำที่สุดของตัวชี้วัดนี้ คือ" if len(low) == 1
                         else "ข้อที่ได้คะแนนต่ำของตัวชี้วัดนี้ ได้แก่")
                paragraphs[0] += f" อย่างไรก็ดี {which} {listed} ซึ่งควรติดตามเป็นพิเศษ"
                named += [i.code for i in low]
                if w.fw.indicators[number].aggregation == "informative":
                    paragraphs[0] += f" ({w.fill(notes['eit_informative_short'])})"
        if tool == "OIT":
            rows = [_item_row(w, i) for i in focus]
        else:
            paragraphs += [_item_paragraph(w, i) for i in focus]
    else:
        if status == "weakness":
            gap = a.pass_line - ind.score
            lead = (f"ตัวชี้วัดนี้ได้ {s} ต่ำกว่าเกณฑ์ {w.line} คะแนนอยู่ {w.score(gap)} "
                    f"จึงเป็นจุดอ่อนที่ต้องแก้ไขโดยเร่งด่วน")
            body = kb["weak"]
        else:
            below = [i for i in ind.items if i.below_pass]
            if below:
                lead = (f"ตัวชี้วัดนี้ได้ {s} ผ่านเกณฑ์ {w.line} คะแนน แต่มีข้อที่ได้คะแนนต่ำกว่าเกณฑ์ "
                        f"{w.count(len(below))} ข้อ จึงเป็นประเด็นที่ควรพัฒนา")
            else:
                lead = (f"ตัวชี้วัดนี้ได้ {s} ผ่านเกณฑ์ {w.line} คะแนน แต่ยังต่ำกว่า {w.whole(w.develop_below)} คะแนน "
                        f"จึงเป็นประเด็นที่ควรพัฒนา")
            body = kb["develop"]
        first = f"{w.fill(kb['description'])} {lead} {w.fill(body)}"
        if not ind.items:
            first += f" {w.fill(notes['no_items'])}"
        paragraphs = [first]
        if tool == "OIT":
            rows = [_item_row(w, i) for i in focus]
        else:
            paragraphs += [_item_paragraph(w, i) for i in focus]
        if focus and w.fw.indicators[number].aggregation == "informative":
            paragraphs.append(w.fill(notes["eit_informative"]))
        if tool != "OIT":
            rest = [t for t in kb["evidence"] if t not in w.cited]
            if rest:
                listed = []
                for t in rest:
                    code, name = w.evidence_of(t)
                    w.note_evidence(code, name)
                    w.cited.add(t)
                    listed.append(f"ข้อ {code} {name}" if code else f"เรื่อง{name}")
                paragraphs.append(
                    "เมื่อดำเนินการแล้ว หน่วยงานควรเผยแพร่ผลการดำเนินการเป็นหลักฐานบนเว็บไซต์ของหน่วยงานตามแบบวัด OIT "
                    f"ได้แก่ {thai.join_th(listed)}")

    return IndicatorText(
        number=number,
        title=w.title(ind),
        score_text=w.score(ind.score),
        status=status,
        paragraphs=paragraphs,
        evidence=list(w.evidence),
        weak_items=list(dict.fromkeys(named)),
        item_rows=rows,
    )




def findings_text(a: Analysis) -> list[str]:
    """One sentence per finding, then a closing one: official figures are shown as published, never corrected."""
    thai_digits = a.params.style.thai_digits
    out = [f"{f.label_th}: {thai.style_digits(f.message_th, thai_digits)}" for f in a.findings]
    if out:
        out.append("ทั้งนี้ คะแนนและระดับผลการประเมินที่ประกาศอย่างเป็นทางการ"
                   "แสดงในเอกสารนี้ตามที่ประกาศโดยไม่มีการแก้ไข "
                   "ข้อสังเกตข้างต้นมีไว้เพื่อให้ผู้จัดทำตรวจสอบกับแหล่งข้อมูลต้นทาง")
    return out


def _measure_reason(w: _Writer, ind: IndicatorScore, status: str, items: list[ItemScore]) -> str:
    head = f"{w.title(ind)} ได้ {w.score(ind.score)}"
    if status == "weakness":
        head += f" ต่ำกว่าเกณฑ์ {w.line} คะแนน จึงเป็นจุดอ่อนที่ต้องแก้ไขโดยเร่งด่วน"
    elif any(i.below_pass for i in ind.items):
        head += f" ผ่านเกณฑ์ {w.line} คะแนน แต่ยังมีข้อที่ได้คะแนนต่ำกว่าเกณฑ์"
    else:
        head += f" ผ่านเกณฑ์ {w.line} คะแนน แต่ยังต่ำกว่า {w.whole(w.develop_below)} คะแนน"
    if not items:
        return head
    lowest = items[0]
    finding = _finding(w, lowest)
    if len(items) == 1:
        return f"{head} โดยข้อ {lowest.code} ได้ {w.score(lowest.score)} {finding}"
    listed = thai.join_th([f"ข้อ {i.code} ({w.score(i.score)})" for i in items])
    return f"{head} ข้อที่ได้คะแนนต่ำ ได้แก่ {listed} โดยข้อ {lowest.code} {finding}"


def _measure(w: _Writer, kbm: dict, indicators: list[int], reason: str, number: int) -> Measure:
    start, end = thai.fiscal_year_bounds(w.a.params.fiscal_year)
    return Measure.model_validate({
        "id": f"M{number}",
        "indicator": indicators,
        "name": w.fill(kbm["name"]),
        "kind": kbm["kind"],
        "reason": reason,
        "steps": [w.fill(s) for s in kbm["steps"]],
        "start": start,
        "end": end,
        "responsible": w.fill(kbm["responsible"]),
        "monitoring": w.fill(kbm["monitoring"]),
        "target": w.fill(kbm["output"]),
    })


def draft_measures(a: Analysis) -> list[Measure]:
    """Development-plan rows drafted from the knowledge base: urgent fixes first, then development, then upkeep.

    Policy (seed 003 writes one row per indicator, which repeats the same row for strong indicators):
    - every indicator under the pass line gets each knowledge-base measure that answers one of its weak items
      (one or two), or its first (broadest) measure when no item scores are known; lowest score first;
    - every passing indicator that still needs work (weak items, or under ``develop_below``) gets the measure
      that answers its weak items (its first measure when none matches), lowest score first;
    - the remaining high-scoring indicators share one maintenance measure per tool (IIT, EIT, OIT), since
      upkeep of a strong result is the same work across the tool's indicators.
    Every row runs over the whole fiscal year of the document.
    """
    w = _Writer(a)
    rows: list[tuple[dict, list[int], str]] = []
    by_status: dict[str, list[IndicatorScore]] = {s: [] for s in STATUSES}
    for ind in a.indicators:
        by_status[w.status(ind)].append(ind)

    for status in ("weakness", "develop"):
        for ind in sorted(by_status[status], key=lambda i: (i.score, i.number)):
            kb = w.kb["indicators"][ind.number]
            focus = w.focus_items(ind, status)
            topics = {i.topic for i in focus if i.topic}
            matching = [m for m in kb["measures"] if topics & set(m["addresses"])]
            if status == "weakness":
                chosen = matching or kb["measures"][:1]
            else:
                chosen = matching[:1] or kb["measures"][:1]
            for m in chosen:
                addressed = [i for i in focus if i.topic in set(m["addresses"])] or focus
                rows.append((m, [ind.number], _measure_reason(w, ind, status, addressed)))

    for tool in TOOLS:
        group = [i for i in by_status["maintain"] if i.tool == tool]
        if not group:
            continue
        kbm = w.kb["maintenance"][tool]
        listed = thai.join_th([f"ตัวชี้วัดที่ {w.count(i.number)} ({w.score(i.score)})" for i in group])
        verb = "จึงรวมเป็น" + kbm["kind"] + "เดียวเพื่อรักษามาตรฐานไว้" if len(group) > 1 else \
            "จึงกำหนด" + kbm["kind"] + "เพื่อรักษามาตรฐานไว้"
        reason = (f"{listed} ได้คะแนนตั้งแต่ {w.whole(w.develop_below)} คะแนนขึ้นไป "
                  f"และไม่มีข้อใดต่ำกว่าเกณฑ์ {w.line} คะแนน {verb}")
        rows.append((kbm, [i.number for i in group], reason))

    return [_measure(w, m, inds, reason, k) for k, (m, inds, reason) in enumerate(rows, start=1)]


def measures(a: Analysis) -> list[Measure]:
    """The plan's rows: the user's own exactly as given (an empty list included), else drafts, so user decisions win."""
    given = a.params.measures
    return given if given is not None else draft_measures(a)


def measure_period_text(m: Measure, a: Analysis) -> str:
    """A measure's period as "๑ ต.ค. ๖๘ ถึง ๓๐ ก.ย. ๖๙", computed from dates so no row can carry a wrong year."""
    start, end = thai.fiscal_year_bounds(a.params.fiscal_year)
    return thai.period_text(m.start or start, m.end or end, thai_digits=a.params.style.thai_digits, short=True)


def conclusion(a: Analysis) -> list[str]:
    """Closing paragraphs: the 6- and 12-month reporting and the anti-corruption plan, which the assessors look for."""
    w = _Writer(a)
    fy = a.params.fiscal_year
    period = thai.fiscal_period_text(fy, thai_digits=w.thai, short=False)
    r6 = thai.round_bounds(fy, 6)
    r6_text = thai.period_text(*r6, thai_digits=w.thai, short=False)
    return [
        f"{w.org}จะดำเนินการตามมาตรการข้างต้นตลอด{w.fy(fy)} ตั้งแต่วันที่ {period} "
        f"โดยให้สำนัก/กองที่รับผิดชอบรายงานความก้าวหน้าต่อผู้บริหารท้องถิ่นเป็น {w.count(2)} รอบ "
        f"คือ รอบ {w.count(6)} เดือน ({r6_text}) และรอบ {w.count(12)} เดือน เมื่อสิ้นปีงบประมาณ "
        f"แล้วสรุปเป็นรายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน "
        f"เผยแพร่บนเว็บไซต์ของหน่วยงานภายในกรอบเวลาที่สำนักงาน ป.ป.ช. กำหนด",
        f"มาตรการเหล่านี้ดำเนินการควบคู่กับแผนปฏิบัติการป้องกันการทุจริตของ{w.org} "
        f"โดยโครงการหรือกิจกรรมที่สอดคล้องกันให้เชื่อมโยงไว้ในแผนดังกล่าว "
        f"และนำผลการดำเนินงานร่วมกับผลการประเมิน ITA ประจำ{w.fy(fy)} มาทบทวนและปรับปรุงมาตรการในปีต่อไป",
    ]
