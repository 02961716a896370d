"""Who is closest to the next level, and what it would take: the province summary's short list.

From each organisation's indicator scores (the manifest carries no item scores) with the framework's exact
arithmetic (frameworks/targets.py). Closeness is the least the total must rise for the next level: the
larger of the points of total still missing and what the tools under a per-tool minimum must add
(weight × gap). Every organisation gets that cheap figure; only the short list gets the full targets
(the single indicator that would do it). An organisation whose published level the unconfirmed rule
would already place higher is left out of the list: how far it is cannot be said (it is counted).
"""
from __future__ import annotations

from dataclasses import dataclass

from ...frameworks import Framework
from ...frameworks.exact import evaluate, exact, figure, rank, short_of
from ...frameworks.targets import IndicatorTarget, next_level
from ...kit import thai
from ...kit.figures import Figures
from .stats import ProvinceSummary, indicator_column

SHORT_LIST = 10
SURVEY_TOOLS = ("IIT", "EIT")


@dataclass(frozen=True)
class Closer:
    """One organisation on the short list."""

    name: str
    district: str
    total: float
    level: str
    next_level: str
    need: float  # the least the total must rise
    total_gap: float
    tool_gaps: dict[str, float]
    survey: IndicatorTarget | None  # cheapest single IIT/EIT indicator that would do it
    oit: IndicatorTarget | None  # cheapest single OIT indicator that would do it


@dataclass
class ClosestList:
    rows: list[Closer]
    candidates: int  # organisations below the top level that were ranked
    undecidable: int  # published level below the rule's: left out
    top: int  # already at the top level
    unconfirmed: bool


def _unconfirmed(fw: Framework) -> bool:
    return fw.is_unconfirmed("levels") or "unconfirmed" in fw.levels.confidence


def _start(fw: Framework, published: str, computed: str) -> str | None:
    """The level to start from: the published one where the rule is unconfirmed and disagrees, else the rule's."""
    if published in fw.levels.names and published != computed and _unconfirmed(fw):
        return published
    return computed


def _need(fw: Framework, state, level: str) -> tuple[float, float, dict[str, float]]:
    rule = fw.levels.rules[rank(fw, level)]
    total_gap = short_of(rule.total_min, state.total)
    gaps = {} if rule.each_tool_min is None else {
        t: short_of(rule.each_tool_min, v) for t, v in state.tools.items() if short_of(rule.each_tool_min, v) > 0}
    by_tools = figure(sum(exact(fw.tools[t].weight) * exact(g) for t, g in gaps.items()))
    return max(total_gap, by_tools), total_gap, gaps


def closest(s: ProvinceSummary, limit: int = SHORT_LIST) -> ClosestList:
    """The organisations that need the fewest points of total for their next level, fewest first."""
    fw = s.framework
    found, undecidable, top = [], 0, 0
    for _, r in s.df.iterrows():
        indicators = {n: float(r[indicator_column(n)]) for n in fw.indicators}
        state = evaluate(fw, indicators)
        start = _start(fw, r["level"], state.level)
        here = rank(fw, start)
        if here == 0:
            top += 1
            continue
        target = fw.levels.names[here - 1]
        if rank(fw, state.level) <= here - 1:
            undecidable += 1  # the rule already gives the level above the published one
            continue
        need, total_gap, gaps = _need(fw, state, target)
        found.append((need, -figure(state.total), thai.sort_key(r["name"]), r, indicators, start, target,
                      total_gap, gaps))
    found.sort(key=lambda x: x[:3])
    rows = []
    for need, _, _, r, indicators, start, target, total_gap, gaps in found[:limit]:
        nl = next_level(fw, indicators, level=target)
        routes = [i for i in nl.indicators.values() if i.alone is not None and i.alone_gain]
        survey = min((i for i in routes if i.tool in SURVEY_TOOLS), key=lambda i: (i.alone_gain, i.number),
                     default=None)
        oit = min((i for i in routes if i.tool not in SURVEY_TOOLS), key=lambda i: (i.alone_gain, i.number),
                  default=None)
        rows.append(Closer(r["name"], r["district"] or "", float(r["total"]), start, target, need, total_gap, gaps,
                           survey, oit))
    return ClosestList(rows, len(found), undecidable, top, _unconfirmed(fw))


def _level(level: str) -> str:
    return f"ระดับ{level}" if thai.has_thai(level[:1]) else f"ระดับ {level}"


def what_it_takes(c: Closer, fw: Framework, thai_digits: bool = True) -> str:
    """One row's "what it would take", in Thai: the gaps, then the single indicators that would close them."""
    w = Figures(thai_digits)
    parts = []
    if c.total_gap > 0:
        parts.append(f"คะแนนรวมขาด {w.num(c.total_gap)}")
    parts += [f"{t} ขาด {w.num(g)}" for t, g in c.tool_gaps.items()]
    routes = []
    for i in (c.survey, c.oit):
        if i is not None:
            routes.append(f"ตัวชี้วัดที่ {w.count(i.number)} เพิ่ม {w.num(i.alone_gain)} (เป็น {w.num(i.alone)})")
    text = " ".join(parts)
    if routes:
        text += " เช่น " + " หรือ ".join(routes)
    elif parts:
        text += " ต้องเพิ่มหลายตัวชี้วัดร่วมกัน"
    return text


def closest_paragraphs(s: ProvinceSummary, found: ClosestList, thai_digits: bool = True) -> list[str]:
    """The section's lead: how the list is made, who is nearest, what the province might do."""
    w = Figures(thai_digits)
    mark = "*" if found.unconfirmed else ""
    if not found.rows:
        text = "ไม่มีหน่วยงานที่คำนวณระยะห่างถึงระดับถัดไปได้"
        if found.top:
            text += f" ({w.count(found.top)} แห่งอยู่ในระดับสูงสุดแล้ว)"
        return [text]
    first = found.rows[0]
    out = [f"หน่วยงานที่ใกล้ระดับถัดไปที่สุด วัดจากคะแนนรวมที่ต้องเพิ่มน้อยที่สุดจึงจะถึงระดับถัดไป "
           f"(รวมทั้งเกณฑ์รายเครื่องมือ{mark}) คำนวณจากคะแนนรายตัวชี้วัดของแต่ละหน่วยงาน "
           f"ตารางแสดง {w.count(len(found.rows))} แห่งแรกจาก {w.count(found.candidates)} แห่งที่ยังไม่อยู่ในระดับสูงสุด"]
    text = (f"ใกล้ที่สุด คือ {first.name} ({_level(first.level)} คะแนนรวม {w.num(first.total)}) "
            f"ต้องเพิ่มคะแนนรวมอย่างน้อย {w.num(first.need)} คะแนนเพื่อถึง{_level(first.next_level)} "
            f"({what_it_takes(first, s.framework, thai_digits)})")
    if found.undecidable:
        text += (f" ส่วนอีก {w.count(found.undecidable)} แห่งมีระดับที่ประกาศต่ำกว่าระดับที่เกณฑ์ที่ใช้คำนวณให้ "
                 "จึงระบุระยะห่างไม่ได้และไม่ได้นำมาจัดลำดับ")
    out.append(text)
    out.append("หน่วยงานเหล่านี้อาจยกระดับได้ในรอบการประเมินถัดไปด้วยการดำเนินการไม่มาก "
               "จังหวัดควรแจ้งตัวเลขที่ต้องเพิ่มให้แต่ละหน่วยงานทราบ และติดตามเป็นรายหน่วยงาน")
    return out


def closest_note(found: ClosestList, year_text: str) -> str | None:
    if not found.unconfirmed:
        return None
    return (f"* เกณฑ์ระดับผลการประเมินของ{year_text} (รวมทั้งเกณฑ์รายเครื่องมือ) ยังไม่ได้รับการยืนยันจากเอกสารทางการ "
            "ระยะห่างที่คำนวณจึงเป็นการประมาณ")
