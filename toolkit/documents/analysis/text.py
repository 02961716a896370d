"""Thai prose of the analysis report, written from an :class:`~.analyse.Analysis` and a knowledge base.

Everything here returns plain ``str`` (the HTML layer escapes and word-segments later). What to say about an
indicator, an item or a measure lives in ``knowledge/recommendations.yaml`` (our own wording); this module
decides *which* of it applies and fills in the organisation, the scores and the years, all computed from the
params, so that a year can never be mislabelled as in hand-made reports.

The analysis is neutral: it states what the scores show and what is needed. Each indicator is listed once
(urgent, develop further, or strength: see writer.status_of); questions and OIT items are quoted as published;
"ต่ำ" (low) is said only under the pass line. The plan's rows and the sentence before them are in measures.py.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ...kit import places, thai
from ...kit.errors import InputError
from ...frameworks.targets import next_level
from .analyse import Analysis, IndicatorScore, ItemScore
from .knowledge import KNOWLEDGE_FILE, KnowledgeError
from .measures import draft_measures, measure_period_text, measures, measures_intro
from .writer import Writer, code_number

__all__ = [
    "FILLER",
    "IndicatorText",
    "ItemRow",
    "conclusion",
    "deciding_tool",
    "draft_measures",
    "findings_text",
    "grouping_text",
    "indicator_analysis",
    "indicator_status",
    "level_is_consistent",
    "measure_period_text",
    "measures",
    "measures_intro",
    "items_notes",
    "items_wording",
    "reporting_note",
    "section_notes",
    "strengths_weaknesses",
    "summary",
]

# Text that must never reach a published document: unfilled template markers and placeholders.
FILLER = ("ระบุ", "...", "…", "{", "}")

# Neutral openers before a knowledge-base recommendation (a verb phrase), taken in turn for variety.
OPENERS = ("จึงควร", "แนวทางแก้ไข คือ ", "ในเรื่องนี้ควร")


def indicator_status(a: Analysis, number: int) -> str:
    """'weakness', 'develop' or 'maintain': decides the text, the evidence and the measure drafted."""
    return Writer(a).status(a.indicator(number))


# -- the opening paragraphs ------------------------------------------------------------------
def _passing_level(a: Analysis, level: str) -> bool | None:
    """Whether a level is at or above the pass line under the year's rules; None for a name not in them."""
    for rule in a.framework.levels.rules:
        if rule.level == level:
            return rule.total_min >= a.pass_line
    return None


def level_is_consistent(a: Analysis) -> bool:
    """The shown level and the shown total agree about the pass line (a passing level with a passing total)."""
    passing = _passing_level(a, a.level)
    return passing is None or passing == (round(a.total, 2) >= a.pass_line)


def _head(w: Writer, a: Analysis) -> str:
    head = (f"ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) ประจำ{w.fy(a.year)} "
            f"ของ{places.full_name(a.params.organisation)} ได้คะแนนรวม {w.score(a.total)}")
    if level_is_consistent(a):
        head += f" อยู่ในระดับ {a.level}"
        if w.below_line(a.total):
            head += f" ซึ่งต่ำกว่าเกณฑ์ {w.line} คะแนน"
    else:  # a published level the total contradicts: both are printed as published, nothing links them
        head += f" ส่วนระดับผลการประเมินที่ประกาศ คือ {a.level}"
    parts = [f"{t.name_th} ({t.code}) ได้ {w.score(t.score)}" for t in a.tools.values()]
    head += f" เมื่อจำแนกตามเครื่องมือการประเมิน {thai.join_th(parts)}"
    prev = a.previous
    if prev is not None:
        level = f" ระดับ {prev.level}" if prev.level else ""
        compare = f"เมื่อเทียบกับ{w.fy(prev.year)} ซึ่งได้ {w.score(prev.total)}{level}"
        if a.change > 0:
            head += f" {compare} คะแนนรวมสูงขึ้น {w.score(a.change)}"
        elif a.change < 0:
            head += f" {compare} คะแนนรวมลดลง {w.score(-a.change)}"
        else:
            head += f" {compare} คะแนนรวมเท่ากับปีดังกล่าว"
    return head


def deciding_tool(a: Analysis) -> str | None:
    """Which tool decides the level: the one the per-tool rule of the next level blocks (targets.next_level),
    else the one whose weighted shortfall from 100 is largest. None for a total of 100."""
    w = Writer(a)
    if a.level_reported is None or a.level_reported == a.level_computed:
        try:
            nl = next_level(a.framework, a.params.assessment.indicators, a.params.assessment.items)
        except (InputError, ValueError):
            nl = None
        if nl is not None and nl.blocking_tools:
            named = thai.join_th([f"{t.tool} ({w.score(t.score)})" for t in nl.blocking_tools])
            each = w.whole(nl.each_tool_min)
            if nl.total_needed <= 0:
                return (f"คะแนนรวมถึงเกณฑ์ของระดับ{nl.level}แล้ว แต่ระดับดังกล่าวกำหนดให้ทุกเครื่องมือได้ไม่น้อยกว่า "
                        f"{each} คะแนน ซึ่ง{named}ยังไม่ถึง จึงเป็นเครื่องมือที่กำหนดระดับผลการประเมินในปีนี้")
            return (f"การจะได้ระดับ{nl.level} ต้องมีคะแนนรวมอย่างน้อย {w.whole(nl.total_min)} คะแนน "
                    f"และทุกเครื่องมือไม่น้อยกว่า {each} คะแนน ซึ่ง{named}ยังไม่ถึงเกณฑ์รายเครื่องมือดังกล่าว "
                    f"จึงเป็นเครื่องมือที่กำหนดระดับผลการประเมินในปีนี้")
    short = {code: t.weight * (100 - t.score) for code, t in a.tools.items()}
    code = max(short, key=lambda c: (round(short[c], 6), -list(short).index(c)))
    if round(short[code], 2) <= 0:
        return None
    t = a.tools[code]
    return (f"เครื่องมือที่ดึงคะแนนรวมลงมากที่สุด คือ {t.name_th} ({code}) ซึ่งได้ {w.score(t.score)} "
            f"และมีน้ำหนักร้อยละ {w.whole(round(100 * t.weight))} ของคะแนนรวม "
            f"ทำให้คะแนนรวมขาดจากคะแนนเต็มไป {w.score(short[code])} จากที่ขาดไปทั้งหมด {w.score(100 - a.total)}")


def _counts(w: Writer, a: Analysis) -> str:
    n_all, weak = len(a.indicators), a.weaknesses
    n_pass = n_all - len(weak)
    if not weak:
        text = f"ผลการประเมินรายตัวชี้วัดผ่านเกณฑ์ {w.line} คะแนนครบทั้ง {w.count(n_all)} ตัวชี้วัด"
        low_items = [i for i in a.weakest_items if i.below_pass]
        if low_items:
            named = [f"ข้อ {i.code} ({w.score(i.score)}) ในตัวชี้วัดที่ {w.count(i.indicator)}" for i in low_items]
            text += f" แต่ยังมีข้อที่ได้คะแนนต่ำกว่าเกณฑ์ ได้แก่ {thai.join_th(named)}"
        return text
    named = [f"{w.title(i)} ({w.score(i.score)})" for i in weak]
    if n_pass == 0:
        return (f"ทุกตัวชี้วัดได้คะแนนต่ำกว่าเกณฑ์ {w.line} คะแนน จึงต้องแก้ไขโดยเร่งด่วนทั้ง {w.count(n_all)} ตัวชี้วัด "
                f"โดยตัวชี้วัดที่ได้คะแนนต่ำที่สุด คือ {named[0]}")
    return (f"ผลการประเมินรายตัวชี้วัดผ่านเกณฑ์ {w.line} คะแนน {w.count(n_pass)} ตัวชี้วัด จากทั้งหมด "
            f"{w.count(n_all)} ตัวชี้วัด และต่ำกว่าเกณฑ์ {w.count(len(weak))} ตัวชี้วัด ได้แก่ {thai.join_th(named)} "
            f"ซึ่งเป็นจุดอ่อนที่ต้องแก้ไขโดยเร่งด่วน")


def summary(a: Analysis) -> list[str]:
    """Opening paragraphs: the official result and its trend, the tool that decides the level, the counts,
    and the document's purpose, before any detail."""
    w = Writer(a)
    paragraphs = [_head(w, a)]
    tool = deciding_tool(a)
    if tool:
        paragraphs.append(tool)
    paragraphs.append(_counts(w, a))
    fy = a.params.fiscal_year
    period = thai.fiscal_period_text(fy, thai_digits=w.thai, short=False)
    paragraphs.append(
        f"{w.org}จึงได้วิเคราะห์ผลการประเมินดังกล่าวเป็นรายตัวชี้วัด "
        f"เพื่อค้นหาจุดแข็งที่ควรรักษาไว้และประเด็นที่ต้องปรับปรุง "
        f"แล้วนำมากำหนดเป็นมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำ{w.fy(fy)} "
        f"ซึ่งมีระยะเวลาดำเนินการตั้งแต่วันที่ {period} เพื่อยกระดับผลการประเมินในปีต่อไป")
    return paragraphs


# -- the three lists: each indicator exactly once ----------------------------------------------
def _develop_entry(w: Writer, ind: IndicatorScore) -> str:
    below = [i for i in ind.items if i.below_pass]
    if below:
        named = thai.join_th([f"ข้อ {i.code} ได้ {w.score(i.score)}" for i in below])
        return f"{w.title(ind)} {w.score(ind.score)} (ผ่านเกณฑ์ แต่{named} ซึ่งต่ำกว่าเกณฑ์)"
    short = [i for i in w.focus_items(ind, "develop")]
    text = f"{w.title(ind)} {w.score(ind.score)} (ผ่านเกณฑ์ แต่ยังไม่ถึง {w.whole(w.develop_below)} คะแนน"
    if short:
        text += f" ข้อที่ได้คะแนนน้อยที่สุด คือ ข้อ {short[0].code} ได้ {w.score(short[0].score)}"
    return text + ")"


def strengths_weaknesses(a: Analysis) -> dict[str, list[str]]:
    """The indicators in three lists, each exactly once: urgent (under the pass line, lowest first), develop
    further (passing, with weak items or under the develop mark, lowest first), strengths (highest first)."""
    w = Writer(a)
    groups: dict[str, list[IndicatorScore]] = {"weakness": [], "develop": [], "maintain": []}
    for ind in a.indicators:
        groups[w.status(ind)].append(ind)
    urgent = [f"{w.title(i)} {w.score(i.score)} (ต่ำกว่าเกณฑ์ {w.score(a.pass_line - i.score)})"
              for i in sorted(groups["weakness"], key=lambda i: (i.score, i.number))]
    develop = [_develop_entry(w, i) for i in sorted(groups["develop"], key=lambda i: (i.score, i.number))]
    strengths = [f"{w.title(i)} {w.score(i.score)}" + (" (คะแนนเต็ม)" if round(i.score, 2) >= 100 else "")
                 for i in sorted(groups["maintain"], key=lambda i: (-i.score, i.number))]
    return {"urgent": urgent, "develop": develop, "strengths": strengths}


def grouping_text(a: Analysis) -> str:
    """The rule behind the three lists, said once before them."""
    w = Writer(a)
    return (f"ตัวชี้วัดแต่ละตัวจัดไว้ในกลุ่มเดียว โดยตัวชี้วัดที่ได้ต่ำกว่าเกณฑ์ {w.line} คะแนนเป็นจุดอ่อนที่ต้องแก้ไขโดยเร่งด่วน "
            f"ตัวชี้วัดที่ผ่านเกณฑ์แต่ยังไม่ถึง {w.whole(w.develop_below)} คะแนน หรือมีข้อคำถามที่ต่ำกว่าเกณฑ์ "
            f"เป็นประเด็นที่ต้องพัฒนาให้ดีขึ้น และตัวชี้วัดที่เหลือเป็นจุดแข็ง")


# -- one indicator's analysis -------------------------------------------------------------------
@dataclass
class ItemRow:
    """An OIT item to fix: a table row reads better than one paragraph per missing document."""

    code: str
    name: str  # the published wording, quoted; "" when not known (the code stands alone)
    score_text: str
    finding: str
    action: str


@dataclass
class IndicatorText:
    """The analysis of one indicator, ready for the report."""

    number: int
    title: str
    score_text: str
    status: str  # "weakness" | "develop" | "maintain"
    status_label: str
    paragraphs: list[str]
    evidence: list[tuple[str, str]] = field(default_factory=list)  # (item code, or "" when unknown; wording)
    weak_items: list[str] = field(default_factory=list)  # item codes named in the paragraphs
    item_rows: list[ItemRow] = field(default_factory=list)  # OIT items short of full marks, as a table
    evidence_line: str | None = None  # the OIT items that will show the work was done
    notes: list[str] = field(default_factory=list)  # footnote keys: "eit", "negative" (printed once per section)
    description: str = ""  # what the indicator measures: the start of the first paragraph ("" for a strength)
    table_lead: str | None = None  # the sentence that leads into the OIT item table (ends the first paragraph)


def _kb_indicator(w: Writer, number: int) -> dict:
    kb = w.kb["indicators"].get(number)
    if kb is None:
        raise KnowledgeError(f"toolkit/knowledge/{KNOWLEDGE_FILE}", f"indicators.{number}",
                             "ไม่มีข้อความของตัวชี้วัดนี้ในฐานความรู้", "the knowledge base has no text for this indicator",
                             number)
    return kb


def _status_label(w: Writer, ind: IndicatorScore, status: str, focus: list[ItemScore]) -> str:
    """The heading's short verdict, so the paragraphs need not repeat the score and the pass line."""
    if status == "weakness":
        label = f"ต่ำกว่าเกณฑ์ {w.score(w.a.pass_line - ind.score)}"
        below = [i for i in focus if i.below_pass]
        return label + (f" มีข้อที่ต่ำกว่าเกณฑ์ {w.count(len(below))} ข้อ" if below else "")
    if status == "develop":
        below = [i for i in ind.items if i.below_pass]
        if w.is_oit(ind) and focus:
            return f"ผ่านเกณฑ์ ยังไม่ได้คะแนนเต็ม {w.count(len(focus))} ข้อ"
        if below:
            return f"ผ่านเกณฑ์ มีข้อที่ต่ำกว่าเกณฑ์ {w.count(len(below))} ข้อ"
        return f"ผ่านเกณฑ์ ยังไม่ถึง {w.whole(w.develop_below)} คะแนน"
    return "จุดแข็ง คะแนนเต็ม" if round(ind.score, 2) >= 100 else "จุดแข็ง"


_MENTIONS = (
    "ข้อที่ยังพัฒนาได้อีก คือ {label} ซึ่งได้ {score}",
    "{label} ได้ {score} น้อยกว่าข้ออื่นในตัวชี้วัดเดียวกัน",
    "คะแนนรายข้อที่น้อยที่สุดของตัวชี้วัดนี้อยู่ที่{label} ({score})",
    "ในตัวชี้วัดนี้ {label} ได้คะแนนน้อยที่สุด คือ {score}",
)


def _lowest_mention(w: Writer, ind: IndicatorScore) -> tuple[str, ItemScore] | None:
    """A strength's lowest item, in relative words (a score above the pass line is never called low)."""
    short = sorted((i for i in ind.items if round(i.score, 2) < w.develop_below),
                   key=lambda i: (i.score, code_number(i.code)))
    if not short or w.is_oit(ind):
        return None
    item = short[0]
    text = _MENTIONS[ind.number % len(_MENTIONS)].format(label=w.item_label(item), score=w.score(item.score))
    return text, item


def _opening(w: Writer, ind: IndicatorScore, kb: dict, status: str) -> str:
    if status == "maintain":
        return w.fill(kb["maintain"])
    return f"{w.fill(kb['description'])} {w.fill(kb['weak' if status == 'weakness' else 'develop'])}"


def _finding(w: Writer, item: ItemScore) -> str:
    """What the item's score says: the topic's finding; for an OIT item at 0 nothing (the section's note says
    once what 0 means: nothing that meets the criteria was found)."""
    if w.fw.tool_of(item.indicator) == "OIT" and round(item.score, 2) == 0:
        return ""
    return w.fill(w.topic(item)["finding"])


def _advice(w: Writer, item: ItemScore, turn: int) -> str:
    """The topic's recommendation behind a neutral opener; a text with its own subject keeps it."""
    rec = w.fill(w.topic(item)["recommendation"])
    if rec.startswith("ผู้บริหาร"):
        return rec
    return OPENERS[turn % len(OPENERS)] + rec


def _item_paragraph(w: Writer, item: ItemScore, turn: int) -> str:
    """One question, quoted as worded, with its score, what it says and what is needed."""
    facts = [w.score(item.score)]
    if item.negative:
        facts.append("ข้อคำถามเชิงลบ")
    return f"{w.item_label(item)} ({' '.join(facts)}) {_finding(w, item)} {_advice(w, item, turn)}"


def _item_row(w: Writer, item: ItemScore) -> ItemRow:
    name = w.quoted(item)
    w.note_evidence(item.code, w.wording(item) or "")
    if item.topic:
        w.cited.add(item.topic)
    finding = _finding(w, item).removeprefix("แสดงว่า").strip()  # a table cell states, it does not infer
    action = w.fill(w.topic(item)["recommendation"])
    return ItemRow(item.code, name, w.num(item.score), finding,
                   action if action.startswith("ผู้บริหาร") else "ควร" + action)


def _evidence_line(w: Writer, ind: IndicatorScore, focus: list[ItemScore], status: str) -> str | None:
    """The OIT items that will show the work was done: the evidence of the measures that answer this
    indicator's items (on their topic by construction, see knowledge.py), those not cited above."""
    topics: list[str] = []
    for kbm in w.kb_measures(ind, focus, status):
        topics += [t for t in kbm["evidence"] if t not in topics and t not in w.cited]
    listed = []
    for t in topics:
        code, name = w.evidence_of(t)
        w.note_evidence(code, name)
        w.cited.add(t)
        if code:  # the wording is quoted here only when the item table does not print it
            listed.append(f"ข้อ {code} “{name}”" if name and not w.in_item_table(code) else f"ข้อ {code}")
        else:
            listed.append(f"เรื่อง{name}")
    return f"หลักฐานตามแบบวัด OIT: {thai.join_th(listed)}" if listed else None


def indicator_analysis(a: Analysis, number: int) -> IndicatorText:
    """One indicator's analysis, naming weak items and scores so every recommendation traces back to the data."""
    w = Writer(a)
    ind = a.indicator(number)
    kb = _kb_indicator(w, number)
    status = w.status(ind)
    focus = w.focus_items(ind, status)
    paragraphs = [_opening(w, ind, kb, status)]
    description = w.fill(kb["description"]) if status != "maintain" else ""
    lead = None
    named = [i.code for i in focus]
    notes: list[str] = []
    rows: list[ItemRow] = []
    if status == "maintain":
        mention = _lowest_mention(w, ind)
        if mention:
            paragraphs[0] += f" {mention[0]}"
            named.append(mention[1].code)
    elif w.is_oit(ind):
        rows = [_item_row(w, i) for i in focus]
        if rows:  # the table follows this sentence: said only when there is one
            lead = f"รายการข้อมูลที่ยังไม่ได้คะแนนเต็ม {w.count(len(rows))} ข้อ มีดังนี้"
            paragraphs[0] += f" {lead}"
    else:
        paragraphs += [_item_paragraph(w, i, number + k) for k, i in enumerate(focus)]
    evidence_line = _evidence_line(w, ind, focus, status) if status != "maintain" and not w.is_oit(ind) else None
    shown = [i for i in ind.items if i.code in named]
    if shown and w.fw.indicators[number].aggregation == "informative":
        notes.append("eit")
    if any(i.negative for i in shown):
        notes.append("negative")
    if any(round(i.score, 2) == 0 for i in focus) and w.is_oit(ind) and status != "maintain":
        notes.append("oit_zero")
    if not ind.items and status != "maintain":
        notes.append("no_items")
    return IndicatorText(
        number=number, title=w.title(ind), score_text=w.score(ind.score), status=status,
        status_label=_status_label(w, ind, status, focus), paragraphs=paragraphs, evidence=list(w.evidence),
        weak_items=list(dict.fromkeys(named)), item_rows=rows, evidence_line=evidence_line, notes=notes,
        description=description, table_lead=lead)


def section_notes(a: Analysis, blocks: list[IndicatorText]) -> list[str]:
    """Notes that apply to the whole analysis section, each printed once after it."""
    w = Writer(a)
    notes = w.kb["notes"]
    wanted = {n for b in blocks for n in b.notes}
    out = []
    without = [b.number for b in blocks if "no_items" in b.notes]
    if without:
        which = ("ทุกตัวชี้วัดที่วิเคราะห์" if len(without) == len([b for b in blocks if b.status != "maintain"])
                 else "ตัวชี้วัดที่ " + thai.join_th([w.count(n) for n in without]))
        out.append(f"{which}{w.fill(notes['no_items'])}")
    if "oit_zero" in wanted:
        out.append(f"รายการข้อมูลของแบบวัด OIT ที่ได้ {w.whole(0)} คะแนน {w.fill(notes['oit_zero'])}")
    if "eit" in wanted:
        out.append(w.fill(notes["eit_informative"]))
    if "negative" in wanted:
        out.append(w.fill(notes["negative_table"]))
    return out


def items_wording(a: Analysis) -> dict[str, str | None]:
    """Each scored item's published wording (OIT items with their year) in the report's digits; None if unknown."""
    w = Writer(a)
    return {i.code: w.wording(i) for i in a.items}


def reporting_note(a: Analysis) -> str:
    """The measures table's one footnote: every row reports at the same two rounds."""
    w = Writer(a)
    return w.fill(w.kb["notes"]["reporting"])


def items_notes(a: Analysis, show_unknown: bool) -> dict[str, str]:
    """The footnotes of the item table: negative questions, EIT items, codes without known wording."""
    w = Writer(a)
    notes = w.kb["notes"]
    return {"negative": w.fill(notes["negative_table"]), "eit": w.fill(notes["eit_informative"]),
            "unknown": w.fill(notes["unknown_wording"]) if show_unknown else ""}


# -- findings and closing ----------------------------------------------------------------------
def findings_text(a: Analysis) -> list[str]:
    """One sentence per finding, then a closing one: official figures are shown as published, never corrected."""
    thai_digits = a.params.style.thai_digits
    out = [f"{f.label_th}: {thai.style_digits(f.message_th, thai_digits)}" for f in a.findings]
    if out:
        out.append("ทั้งนี้ คะแนนและระดับผลการประเมินที่ประกาศอย่างเป็นทางการ"
                   "แสดงในเอกสารนี้ตามที่ประกาศโดยไม่มีการแก้ไข "
                   "ข้อสังเกตข้างต้นมีไว้เพื่อให้ผู้จัดทำตรวจสอบกับแหล่งข้อมูลต้นทาง")
    return out


def conclusion(a: Analysis) -> list[str]:
    """Closing paragraphs: the 6- and 12-month reporting and the anti-corruption plan, which the assessors look for."""
    w = Writer(a)
    fy = a.params.fiscal_year
    period = thai.fiscal_period_text(fy, thai_digits=w.thai, short=False)
    r6_text = thai.period_text(*thai.round_bounds(fy, 6), thai_digits=w.thai, short=False)
    return [
        f"{w.org}จะดำเนินการตามมาตรการข้างต้นตลอด{w.fy(fy)} ตั้งแต่วันที่ {period} "
        f"โดยให้สำนัก/กองที่รับผิดชอบรายงานความก้าวหน้าต่อผู้บริหารท้องถิ่นเป็น {w.count(2)} รอบ "
        f"คือ รอบ {w.count(6)} เดือน ({r6_text}) และรอบ {w.count(12)} เดือน เมื่อสิ้นปีงบประมาณ "
        f"แล้วสรุปเป็นรายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน "
        f"เผยแพร่บนเว็บไซต์ของหน่วยงานภายในกรอบเวลาที่สำนักงาน ป.ป.ช. กำหนด",
        f"มาตรการเหล่านี้ดำเนินการควบคู่กับแผนปฏิบัติการป้องกันการทุจริตของ{w.org} "
        f"โดยโครงการหรือกิจกรรมที่สอดคล้องกันจะเชื่อมโยงไว้ในแผนดังกล่าว "
        f"และ{w.short}จะนำผลการดำเนินงานร่วมกับผลการประเมิน ITA ประจำ{w.fy(fy)} มาทบทวนและปรับปรุงมาตรการในปีต่อไป",
    ]
