"""The plan's rows (มาตรการ/โครงการ/กิจกรรม): drafted from the knowledge base, or the user's own as given.

One row per indicator by default, as published analysis documents write them; ``style.group_measures: true``
merges the strengths of each tool into one upkeep row. A drafted row speaks for the organisation: what the
scores show, then "{organisation}จะ{measure}" and why. The sentence before the table says how the rows are
ordered only when the printed rows really are in that order (a user's own order may be any).
"""
from __future__ import annotations

from ...frameworks import TOOLS
from ...kit import thai
from .analyse import Analysis, IndicatorScore, ItemScore
from .model import Measure
from .writer import Writer, code_number

__all__ = ["GROUP_ORDER", "draft_measures", "group_label", "in_table_order", "measure_period_text", "measures",
           "measures_intro", "row_order"]

STATUS_RANK = {"weakness": 0, "develop": 1, "maintain": 2}
# The measures table goes from the general to the specific: what serves the whole organisation (an announcement
# of intent, a code of conduct) frames the rest and is what offices number first; then what serves a whole tool;
# then the measures of indicators, urgent ones first, each next to the score it answers.
GROUP_ORDER = ("organisation", "tool", "indicator")
_TOOL_ORDER = {code: k for k, code in enumerate(TOOLS)}


# -- the facts a row starts from --------------------------------------------------------------
def _scores(w: Writer, items: list[ItemScore]) -> str:
    return thai.join_th([f"ข้อ {i.code} ({w.num(i.score)})" for i in items])


def _facts(w: Writer, ind: IndicatorScore, status: str, items: list[ItemScore]) -> str:
    """What the scores show, in a short clause before the commitment (the row's second column already gives
    the indicator's score); "ต่ำกว่าเกณฑ์" only of what is under the pass line."""
    below = [i for i in items if w.below_line(i.score)]
    if status == "weakness":
        if below:
            return f"{_scores(w, below)} ต่ำกว่าเกณฑ์"
        return f"ยังขาดอีก {w.score(w.a.pass_line - ind.score)}จึงจะถึงเกณฑ์"
    if status == "develop":
        if below:
            return f"{_scores(w, below)} ยังต่ำกว่าเกณฑ์"
        if items:
            return f"ยังพัฒนาได้ใน{_scores(w, items)}"
        return f"ผ่านเกณฑ์แล้วแต่ยังไม่ถึง {w.whole(w.develop_below)} คะแนน"
    if round(ind.score, 2) >= 100:
        return "ได้คะแนนเต็ม"
    if items:
        return f"ข้อที่ได้คะแนนน้อยที่สุด คือ {_scores(w, items[:1])}"
    return "ผ่านเกณฑ์และเป็นจุดแข็ง"


def _lowest(w: Writer, ind: IndicatorScore) -> list[ItemScore]:
    """A strength's items short of full marks, lowest first: what its upkeep measure should look after."""
    return sorted((i for i in ind.items if round(i.score, 2) < 100), key=lambda i: (i.score, code_number(i.code)))


def _reason(w: Writer, facts: str, kbm: dict) -> str:
    return f"{facts} {w.short}จะ{w.fill(kbm['name'])} {w.fill(kbm['purpose'])}"


def _measure(w: Writer, kbm: dict, indicators: list[int], reason: str, number: int) -> Measure:
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


def _indicator_rows(w: Writer, ind: IndicatorScore, status: str) -> list[tuple[dict, list[int], str]]:
    """The knowledge base's measure(s) for one indicator, each with the facts it answers."""
    focus = w.focus_items(ind, status) if status != "maintain" else _lowest(w, ind)[:1]
    rows = []
    for kbm in w.kb_measures(ind, focus, status):
        addressed = [i for i in focus if i.topic in set(kbm["addresses"])] or focus
        rows.append((kbm, [ind.number], _reason(w, _facts(w, ind, status, addressed), kbm)))
    return rows


def _grouped_rows(w: Writer, group: list[IndicatorScore], tool: str) -> tuple[dict, list[int], str]:
    kbm = w.kb["maintenance"][tool]
    listed = thai.join_th([f"ตัวชี้วัดที่ {w.count(i.number)} ({w.num(i.score)})" for i in group])
    facts = f"{listed} ผ่านเกณฑ์และไม่มีข้อใดต่ำกว่าเกณฑ์"
    together = f" จึงรวมไว้ใน{kbm['kind']}เดียว" if len(group) > 1 else ""
    return kbm, [i.number for i in group], f"{facts}{together} {w.short}จะ{w.fill(kbm['name'])} {w.fill(kbm['purpose'])}"


def draft_measures(a: Analysis) -> list[Measure]:
    """Rows drafted from the knowledge base: urgent indicators first (lowest score first), then those to develop
    further (lowest first), then the strengths in indicator order; one row per indicator (an urgent one may take
    two measures when its weak items call for both), or, with ``style.group_measures``, one upkeep row per tool
    for the strengths. Every row runs over the whole fiscal year of the document."""
    w = Writer(a)
    by_status: dict[str, list[IndicatorScore]] = {s: [] for s in STATUS_RANK}
    for ind in a.indicators:
        by_status[w.status(ind)].append(ind)
    rows: list[tuple[dict, list[int], str]] = []
    for status in ("weakness", "develop"):
        for ind in sorted(by_status[status], key=lambda i: (i.score, i.number)):
            rows += _indicator_rows(w, ind, status)
    if getattr(a.params.style, "group_measures", False):
        for tool in TOOLS:
            group = [i for i in by_status["maintain"] if i.tool == tool]
            if group:
                rows.append(_grouped_rows(w, group, tool))
    else:
        for ind in by_status["maintain"]:
            rows += _indicator_rows(w, ind, "maintain")
    return [_measure(w, m, inds, reason, k) for k, (m, inds, reason) in enumerate(rows, start=1)]


def measures(a: Analysis) -> list[Measure]:
    """The plan's rows: the user's own exactly as given (an empty list included), else drafts, so user decisions win."""
    given = a.params.measures
    return given if given is not None else draft_measures(a)


def measure_period_text(m: Measure, a: Analysis) -> str:
    """A measure's period: the office's words as written ("ต.ค. ๖๔ – ก.ย. ๖๕", "ไตรมาสที่ ๒"), or "๑ ต.ค. ๖๘ ถึง
    ๓๐ ก.ย. ๖๙" computed from its dates (always for dates, and for words with ``style.dates: normalised``)."""
    style = a.params.style
    return m.period_label(a.params.fiscal_year, style.thai_digits, getattr(style, "dates", "") == "normalised")


def in_table_order(rows: list[Measure]) -> list[Measure]:
    """The measures as the table lists them: organisation-wide, then per tool (IIT, EIT, OIT), then per
    indicator; the office's own order within each group."""
    def key(m: Measure) -> tuple[int, int]:
        return GROUP_ORDER.index(m.group), _TOOL_ORDER.get(m.tool, len(TOOLS)) if m.group == "tool" else 0

    return sorted(rows, key=key)


def group_label(a: Analysis, m: Measure) -> str:
    """The heading row of a measure's group in the table."""
    if m.group == "organisation":
        return "มาตรการที่ใช้กับทั้งองค์กร"
    if m.group == "tool":
        tool = a.tools.get(m.tool)
        return f"มาตรการรายแบบวัด: {tool.name_th} ({m.tool})" if tool else f"มาตรการรายแบบวัด {m.tool}"
    return "มาตรการรายตัวชี้วัด"


# -- what the sentence before the table may say ------------------------------------------------
def row_order(a: Analysis, rows: list[Measure]) -> str | None:
    """How the printed rows are ordered: 'status' (urgent, then develop further, then strengths, with at least
    two of them present), 'indicator' (by indicator number), or None (no order worth stating)."""
    w = Writer(a)
    rows = [m for m in rows if m.group == "indicator"]  # the general ones sit in groups of their own
    known = [m for m in rows if any(n in a.framework.indicators for n in m.indicators)]
    if len(known) < 2 or len(known) != len(rows):
        return None
    ranks = [min(STATUS_RANK[w.status(a.indicator(n))] for n in m.indicators if n in a.framework.indicators)
             for m in rows]
    if ranks == sorted(ranks) and len(set(ranks)) > 1:
        return "status"
    firsts = [min(m.indicators) for m in rows]
    if firsts == sorted(firsts):
        return "indicator"
    return None


_ORDER_WORDS = {
    0: "ตัวชี้วัดที่ต่ำกว่าเกณฑ์ซึ่งต้องแก้ไขโดยเร่งด่วน",
    1: "ตัวชี้วัดที่ผ่านเกณฑ์แต่ยังพัฒนาได้",
    2: "ตัวชี้วัดที่เป็นจุดแข็ง",
}


def measures_intro(a: Analysis, rows: list[Measure], shared_period: str | None = None) -> str:
    """The organisation's commitment before the table, with counts and order that are true of the printed rows;
    the one period of every row when the table leaves its column out."""
    w = Writer(a)
    fy = w.fy(a.params.fiscal_year)
    if not rows:
        return f"{w.org}ยังไม่ได้กำหนดมาตรการสำหรับ{fy}ไว้ในเอกสารฉบับนี้"
    covered = sorted({n for m in rows for n in m.indicators if n in a.framework.indicators})
    n_all = len(a.framework.indicators)
    scope = (f"ครอบคลุมครบทั้ง {w.count(n_all)} ตัวชี้วัด" if len(covered) == n_all
             else f"ครอบคลุม {w.count(len(covered))} ตัวชี้วัด")
    text = f"ใน{fy} {w.org}จะดำเนินการตามมาตรการ โครงการ และกิจกรรม รวม {w.count(len(rows))} รายการ {scope}"
    general = [m for m in rows if m.group != "indicator"]
    subject = " โดย"
    if general:
        counts = [(g, sum(1 for m in rows if m.group == g)) for g in GROUP_ORDER]
        words = {"organisation": "ใช้กับทั้งองค์กร", "tool": "ใช้กับทั้งแบบวัด", "indicator": "มุ่งแก้รายตัวชี้วัด"}
        parts = [f"{words[g]} {w.count(n)} รายการ" for g, n in counts if n]
        text += f" แบ่งเป็นมาตรการที่{thai.join_th(parts)} ตารางเรียงจากมาตรการทั่วไปไปสู่มาตรการเฉพาะ"
        subject = " ส่วนมาตรการรายตัวชี้วัด"
    order = row_order(a, rows)
    if order == "status":
        specific = [m for m in rows if m.group == "indicator"]
        present = sorted({min(STATUS_RANK[w.status(a.indicator(n))] for n in m.indicators) for m in specific})
        words = [_ORDER_WORDS[r] for r in present]
        text += f"{subject}เรียงจาก{words[0]} ตามด้วย{thai.join_th(words[1:])}"
    elif order == "indicator":
        text += f"{subject}เรียงตามลำดับตัวชี้วัด"
    if shared_period:
        text += f" ทุกรายการมีระยะเวลาดำเนินการตั้งแต่ {shared_period}"
    return text
