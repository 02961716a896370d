"""The next-level section in Thai (our own wording): the points needed, what blocks, what is in hand.

Plain ``str`` out (the template escapes and word-breaks). IIT and EIT come from respondents' answers, so
their gaps are stated as points an indicator must gain; only OIT items (evidence the organisation
publishes itself) are listed as things to do this year. A sentence that rests on an unconfirmed rule
carries a mark (*, **) explained in the section's notes.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ...frameworks.targets import what_if
from ...kit import thai
from ...kit.figures import Figures
from .analyse import Analysis
from .next_step import NextStep

OIT = "OIT"
SURVEY_TOOLS = ("IIT", "EIT")  # scored from respondents' answers, not from published evidence
MAX_ROUTES = 3  # single-indicator routes named for IIT/EIT
RULE_MARK = "*"  # the level rule (and per-tool minimum) is unconfirmed
ITEMS_MARK = "**"  # how items add up into indicators is unconfirmed


def either(parts: list[str]) -> str:
    """"ก ข หรือค": alternatives, any one of which is enough."""
    if len(parts) <= 1:
        return "".join(parts)
    return " ".join(parts[:-1]) + (" หรือ " if parts[-1][:1].isascii() else " หรือ") + parts[-1]


def level_phrase(level: str) -> str:
    """ระดับผ่านดี, but ระดับ A (a space before Latin letters)."""
    return f"ระดับ{level}" if thai.has_thai(level[:1]) else f"ระดับ {level}"


@dataclass
class TargetText:
    """The section's prose, its OIT table rows and its notes."""

    paragraphs: list[str]
    oit_lead: str | None = None
    oit_head: str | None = None  # the lead without the sentence that introduces the table (merged_gains_lead)
    oit_mark: str = ""  # the draft's note mark on what the table's gains rest on
    oit_rows: list[dict] = field(default_factory=list)
    set_texts: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


class _Writer(Figures):
    def __init__(self, a: Analysis, step: NextStep, notes: bool = True):
        super().__init__(a.params.style.thai_digits)
        self.a, self.step, self.fw = a, step, a.framework
        self.rule = RULE_MARK if notes and "levels" in step.unconfirmed else ""
        self.items = ITEMS_MARK if notes and "sub_indicators" in step.unconfirmed else ""

    def indicator(self, n: int) -> str:
        return f"ตัวชี้วัดที่ {self.count(n)} {self.fw.indicators[n].name}"

    def requirement(self) -> str:
        t = self.step.target
        text = f"คะแนนรวมอย่างน้อย {self.whole(t.total_min)} คะแนน"
        if t.each_tool_min is not None:
            text += f" และทุกเครื่องมือ (IIT EIT และ OIT) อย่างน้อย {self.whole(t.each_tool_min)} คะแนน"
        return text + self.rule


def _where(w: _Writer) -> list[str]:
    """Where the organisation stands and how far the next level is."""
    a, step, t = w.a, w.step, w.step.target
    year = w.fy(a.year)
    if t is None:
        return [f"ผลการประเมิน ITA {year} อยู่ใน{level_phrase(step.start)} ซึ่งเป็นระดับสูงสุดของเกณฑ์แล้ว{w.rule} "
                "สิ่งที่ควรทำต่อไปคือรักษาระดับไว้ และยกระดับตัวชี้วัดที่ยังไม่เต็มตามที่วิเคราะห์ไว้ในหัวข้อถัดไป"]
    said = ""
    if step.basis == "published":
        said = " ที่ประกาศ" if step.rule_met else f" ที่ประกาศ (ระดับตามเกณฑ์ที่ใช้คำนวณคือ{step.computed}{w.rule})"
    lead = (f"ผลการประเมิน ITA {year}{said} อยู่ใน{level_phrase(step.start)} "
            f"ระดับถัดไปคือ{level_phrase(t.level)} ซึ่งต้องมี{w.requirement()}")
    if step.basis == "published" and step.rule_met:
        tools = " ".join(f"{k} {w.num(v.score)}" for k, v in t.tools.items())
        return [lead + f" คะแนนของหน่วยงาน (คะแนนรวม {w.num(t.total)} {tools}) ถึงเกณฑ์นี้แล้ว "
                f"แต่ระดับที่ประกาศอย่างเป็นทางการยังเป็น{level_phrase(step.start)} แสดงว่าเกณฑ์ที่ใช้จริงต่างจากเกณฑ์"
                f"ที่รายงานนี้ใช้คำนวณ{w.rule} รายงานจึงระบุไม่ได้ว่ายังขาดอีกกี่คะแนน "
                "ส่วนที่ยกระดับคะแนนได้แน่นอน คือ ข้อ OIT ที่ยังไม่ได้คะแนนเต็ม "
                f"และตัวชี้วัดที่ยังได้คะแนนน้อยที่สุด ได้แก่ {_lowest(w)}"]
    if t.total_needed > 0:
        lead += f" ขณะนี้คะแนนรวม {w.num(t.total)} คะแนน จึงต้องเพิ่มอีก {w.score(t.total_needed)}"
    else:
        lead += f" คะแนนรวม {w.num(t.total)} คะแนน ถึงเกณฑ์คะแนนรวมของระดับนี้แล้ว"
    out = [lead]
    if t.pass_level is not None and t.pass_total_needed:
        text = (f"การผ่านเกณฑ์ {w.whole(a.pass_line)} คะแนน ({level_phrase(t.pass_level)}) "
                f"ต้องเพิ่มคะแนนรวมอีก {w.score(t.pass_total_needed)}")
        if t.pass_level != t.level:
            out.append(text)
        else:
            out[0] += " ซึ่งเป็นการผ่านเกณฑ์ด้วย"
    blocking = t.blocking_tools
    if blocking:
        parts = [f"{b.tool} ได้ {w.num(b.score)} ต้องเพิ่มอีก {w.score(b.gap)}" for b in blocking]
        out.append(f"เครื่องมือที่ยังต่ำกว่าเกณฑ์รายเครื่องมือ {w.whole(t.each_tool_min)} คะแนน{w.rule} "
                   f"ได้แก่ {thai.join_th(parts)} {level_phrase(t.level)}จะได้ก็ต่อเมื่อเครื่องมือนี้ถึงเกณฑ์ "
                   "แม้คะแนนรวมจะเพิ่มขึ้นจากเครื่องมืออื่นก็ตาม")
    return out


def _lowest(w: _Writer, count: int = 2) -> str:
    """The lowest indicators short of 100, named with their scores."""
    inds = sorted((i for i in w.a.indicators if round(i.score, 2) < 100), key=lambda i: (i.score, i.number))[:count]
    return thai.join_th([f"{w.indicator(i.number)} ({w.num(i.score)})" for i in inds])


def _survey(w: _Writer) -> str | None:
    """IIT/EIT: points an indicator must gain (never items to publish)."""
    t = w.step.target
    if t is None or (w.step.basis == "published" and w.step.rule_met):
        return None
    routes = sorted((i for i in t.indicators.values() if i.tool in SURVEY_TOOLS and i.alone is not None
                     and i.alone_gain), key=lambda i: (i.alone_gain, i.number))[:MAX_ROUTES]
    text = ("คะแนน IIT และ EIT มาจากความเห็นของบุคลากรและผู้รับบริการ จะเพิ่มขึ้นได้จากการปรับปรุงการทำงาน"
            "และการสื่อสารที่ผู้ตอบรับรู้ได้จริง ")
    if routes:
        parts = [f"{w.indicator(i.number)} ต้องเพิ่มขึ้น {w.score(i.alone_gain)} "
                 f"(จาก {w.num(i.score)} เป็น {w.num(i.alone)})" for i in routes]
        lead = "หากจะถึงระดับถัดไปด้วยตัวชี้วัดเพียงตัวเดียว"
        return text + f"{lead} {either(parts)} อย่างใดอย่างหนึ่ง"
    tools = [x for x in t.tools.values() if x.tool in SURVEY_TOOLS and x.alone is not None and x.alone_gain]
    if tools:
        parts = [f"{x.tool} ทั้งเครื่องมือต้องเพิ่มขึ้น {w.score(x.alone_gain)} (เป็น {w.num(x.alone)})" for x in tools]
        return text + f"ไม่มีตัวชี้วัดของ IIT หรือ EIT ตัวใดที่เพิ่มเพียงตัวเดียวแล้วถึง{level_phrase(t.level)} " \
                      f"ต้องยกระดับหลายตัวชี้วัดร่วมกัน เช่น {thai.join_th(parts)}"
    return text + (f"ไม่มีตัวชี้วัดหรือเครื่องมือใดของ IIT และ EIT ที่เพิ่มเพียงลำพังแล้วถึง{level_phrase(t.level)} "
                   "ต้องยกระดับร่วมกับ OIT")


def _oit(w: _Writer, out: TargetText) -> None:
    """OIT items in the organisation's own hands, by gain, and the smallest set."""
    step, t = w.step, w.step.target
    if step.gains is None:
        reason = step.gains_reason.th if step.gains_reason is not None else ""
        out.oit_lead = ("ข้อ OIT เป็นสิ่งที่หน่วยงานดำเนินการเองได้ภายในปี (เผยแพร่ข้อมูลให้ครบถ้วนตามเกณฑ์) "
                        f"แต่{reason}")
        routes = [] if t is None or step.rule_met else sorted(
            (i for i in t.indicators.values() if i.tool == OIT and i.alone is not None and i.alone_gain),
            key=lambda i: (i.alone_gain, i.number))
        if routes:
            parts = [f"{w.indicator(i.number)} เพิ่มขึ้น {w.score(i.alone_gain)} (จาก {w.num(i.score)} "
                     f"เป็น {w.num(i.alone)})" for i in routes]
            out.oit_lead += (f" ในระดับตัวชี้วัด หาก{either(parts)} อย่างใดอย่างหนึ่ง "
                             f"ก็ถึง{level_phrase(t.level)}")
        return
    if not step.gains:
        out.oit_lead = "ข้อ OIT ได้คะแนนเต็มทุกข้อแล้ว การยกระดับจึงต้องมาจากตัวชี้วัดของ IIT และ EIT"
        return
    in_set = set(t.oit_set.items) if t is not None and t.oit_set is not None else set()
    out.oit_head = (f"ข้อ OIT เป็นสิ่งที่หน่วยงานดำเนินการเองได้ภายในปีนี้ ด้วยการเผยแพร่ข้อมูลให้ครบถ้วนตามเกณฑ์ "
                    f"ข้อที่ยังไม่ได้คะแนนเต็มมี {w.count(len(step.gains))} ข้อ")
    out.oit_mark = w.items
    out.oit_lead = f"{out.oit_head} ตารางต่อไปนี้เรียงตามคะแนนรวมที่จะเพิ่มขึ้นเมื่อข้อนั้นได้คะแนนเต็ม{w.items}"
    out.oit_rows = [{"code": g.code, "name": g.name or "–", "score": g.score, "indicator": g.indicator,
                     "gain_indicator": g.gain_indicator, "gain_total": g.gain_total, "in_set": g.code in in_set}
                    for g in step.gains]
    if t is None or (step.basis == "published" and step.rule_met):
        return
    for level, found, reason in ((t.level, t.oit_set, t.oit_set_reason),
                                 (t.pass_level, t.pass_oit_set, t.pass_oit_set_reason)):
        if level is None or (level == t.level and out.set_texts):
            continue
        if found is not None and found.items:
            out.set_texts.append(
                f"ชุดข้อ OIT ที่น้อยที่สุดที่ทำให้ถึง{level_phrase(level)} มี {w.count(len(found.items))} ข้อ "
                f"ได้แก่ {thai.join_th(list(found.items))} เมื่อได้คะแนนเต็มทุกข้อในชุดนี้ OIT จะเป็น "
                f"{w.num(found.oit_after)} และคะแนนรวมจะเป็น {w.num(found.total_after)} คะแนน{w.items}"
                + _swaps(w, found.items, level))
        elif found is not None:
            out.set_texts.append(f"คะแนนขณะนี้ถึงเกณฑ์ของ{level_phrase(level)}ตามที่คำนวณแล้ว{w.rule}")
        elif reason is not None:
            out.set_texts.append(f"สำหรับ{level_phrase(level)}: {reason.th}")


def _swaps(w: _Writer, chosen: tuple[str, ...], level: str) -> str:
    """Items outside a smallest set that add as much as its last one and, put in its place, still reach."""
    gain = {g.code: g for g in w.step.gains}
    last = gain[chosen[-1]]
    p = w.a.params.assessment
    target = w.fw.levels.names.index(level)
    same = []
    for g in w.step.gains:
        if g.code in chosen or g.gain_total != last.gain_total:
            continue
        swapped = {c: 100 for c in chosen[:-1]} | {g.code: 100}
        after = what_if(w.fw, dict(p.indicators), dict(p.items), None, swapped)
        if w.fw.levels.names.index(after.level) <= target:
            same.append(g.code)
    if not same:
        return ""
    return f" (ข้อ {thai.join_th(same)} เพิ่มคะแนนรวมได้เท่ากับข้อ {last.code} จึงทำแทนกันได้)"


def _notes(w: _Writer) -> list[str]:
    out = []
    if w.rule:
        out.append(f"{RULE_MARK} เกณฑ์ระดับผลการประเมินของปี {w.year(w.a.year)} (รวมทั้งเกณฑ์รายเครื่องมือ) "
                   "ยังไม่ได้รับการยืนยันจากเอกสารทางการของสำนักงาน ป.ป.ช. ตัวเลขที่อ้างอิงเกณฑ์นี้จึงเป็นการประมาณ "
                   "ระดับที่ใช้ในรายงานคือระดับที่ประกาศอย่างเป็นทางการเมื่อมีการระบุไว้")
    if w.items and w.step.gains:
        out.append(f"{ITEMS_MARK} วิธีรวมคะแนนรายข้อ OIT เป็นตัวชี้วัดย่อยและเป็น"
                   f"{thai.join_th([f'ตัวชี้วัดที่ {w.count(n)}' for n in w.fw.indicators_of(OIT)])} อนุมานจากผลการประเมิน"
                   "ที่เผยแพร่ ยังไม่ได้รับการยืนยัน คะแนนที่เพิ่มขึ้นรายข้อจึงเป็นการประมาณ")
    return out


def merged_gains_lead(text: TargetText, indicators: list[int], figures: Figures) -> str:
    """The OIT lead of an abridged print, where each item's gain is a column of its indicator's item table
    (report.py merged_gains) instead of a table here."""
    where = thai.join_th([figures.count(n) for n in indicators])
    return (f"{text.oit_head} คะแนนรวมที่จะเพิ่มขึ้นเมื่อแต่ละข้อได้คะแนนเต็มอยู่ในตารางข้อ OIT ของตัวชี้วัดที่ {where} "
            f"ในหัวข้อที่ {figures.count(2)}{text.oit_mark}")


def target_text(a: Analysis, step: NextStep, notes: bool = True) -> TargetText:
    """The whole section's text for one organisation; `notes`: mark and explain the unconfirmed rules (a
    draft does; a final document leaves that to the review sheet)."""
    w = _Writer(a, step, notes)
    out = TargetText(_where(w))
    survey = _survey(w)
    if survey:
        out.paragraphs.append(survey)
    _oit(w, out)
    out.notes = _notes(w)
    return out
