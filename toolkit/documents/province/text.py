"""The province summary's Thai prose (our own wording): what the figures say, who needs help first and
what the province might do next. Advice texts are data (toolkit/knowledge/province_advice.yaml)."""
from __future__ import annotations

from typing import Any

import pandas as pd

from ...kit import thai
from ...kit.data import knowledge_yaml
from ...kit.figures import Figures
from ...kit.places import province_text
from .stats import UNCHANGED, ProvinceSummary, indicator_column, ordered


def advice(indicator_name: str, tool: str) -> str:
    """What a province-wide training on an indicator should focus on (its tool's advice if not listed)."""
    data = knowledge_yaml("province_advice.yaml")
    return data["indicators"].get(indicator_name) or data["tools"][tool]


def _level_phrase(level: str) -> str:
    """ระดับผ่านดี, but ระดับ AA (a space before Latin letters)."""
    return f"ระดับ{level}" if thai.has_thai(level[:1]) else f"ระดับ {level}"


class Writer(Figures):
    """Numbers, years and shares in the report's digit style."""

    def __init__(self, s: ProvinceSummary, thai_digits: bool):
        super().__init__(thai_digits)
        self.s = s

    def places(self, n: int) -> str:
        return f"{self.count(n)} แห่ง"

    def share(self, x: float) -> str:
        return f"ร้อยละ {self.num(x)}"

    @property
    def line(self) -> str:
        return self.whole(self.s.pass_line)

    def indicator(self, n: int) -> str:
        return f"ตัวชี้วัดที่ {self.count(n)} {self.s.framework.indicators[n].name}"


def summary_paragraphs(s: ProvinceSummary, thai_digits: bool = True) -> list[str]:
    """The province in five paragraphs: size and totals, levels, indicators, change, who needs help first."""
    w = Writer(s, thai_digits)
    o = s.overview()
    paragraphs = []
    failed = len(s.failed)
    if not o["count"]:
        return [f"ยังไม่มีผลการประเมิน ITA ประจำ{w.fy(s.assessment_year)} ขององค์กรปกครองส่วนท้องถิ่นในจังหวัด"
                f"{s.province}ที่ประมวลผลได้ จึงยังไม่สามารถสรุปผลในภาพรวมได้"
                + (f" (ประมวลผลไม่สำเร็จ {w.places(failed)} ตามรายชื่อท้ายรายงาน)" if failed else "")]
    head = (f"ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) ประจำ{w.fy(s.assessment_year)} "
            f"ขององค์กรปกครองส่วนท้องถิ่นใน{province_text(s.province)} ที่นำมาสรุปในรายงานฉบับนี้ มีจำนวน {w.places(o['count'])}")
    if failed:
        head += f" (ไม่รวมอีก {w.places(failed)}ที่ยังประมวลผลไม่สำเร็จ ตามรายชื่อท้ายรายงาน)"
    head += (f" ได้คะแนนรวมเฉลี่ย {w.score(o['mean'])} ค่ามัธยฐาน {w.score(o['median'])}")
    if o["count"] > 1:
        head += (f" คะแนนรวมสูงสุด {w.score(o['max'])} ได้แก่ {o['best']} และต่ำสุด {w.score(o['min'])} "
                 f"ได้แก่ {o['worst']}")
    if o["passed"] == o["count"]:
        head += f" ทุกหน่วยงานได้คะแนนรวมผ่านเกณฑ์ {w.line} คะแนน"
    elif o["passed"] == 0:
        head += f" ไม่มีหน่วยงานใดได้คะแนนรวมผ่านเกณฑ์ {w.line} คะแนน"
    else:
        head += (f" มีหน่วยงานที่คะแนนรวมผ่านเกณฑ์ {w.line} คะแนน {w.places(o['passed'])} "
                 f"คิดเป็น{w.share(o['passed_share'])} และต่ำกว่าเกณฑ์ {w.places(o['failed'])}")
    paragraphs.append(head)

    dist = s.level_distribution()
    present = [f"{_level_phrase(lv)} {w.places(int(r['count']))} ({w.share(r['share'])})"
               for lv, r in dist.iterrows() if r["count"]]
    absent = [_level_phrase(lv) for lv, r in dist.iterrows() if not r["count"] and r["in_scale"]]
    text = f"เมื่อจำแนกตามระดับผลการประเมิน อยู่ใน{thai.join_th(present)}"
    if absent:
        text += f" ส่วน{thai.join_th(absent)} ไม่มีหน่วยงานใด"
    paragraphs.append(text)

    tools = s.tool_summary()
    inds = s.indicator_summary()
    parts = [f"{code} {w.score(r['mean'])}" for code, r in tools.iterrows()]
    text = f"คะแนนเฉลี่ยรายเครื่องมือของจังหวัด ได้แก่ {thai.join_th(parts)}"
    weakest = inds.sort_values(["mean", "share_below"], ascending=[True, False]).head(3)
    if inds["below"].sum() == 0:
        n = weakest.index[0]
        text += (f" ทุกหน่วยงานได้คะแนนผ่านเกณฑ์ {w.line} คะแนนครบทุกตัวชี้วัด "
                 f"โดยตัวชี้วัดที่มีคะแนนเฉลี่ยน้อยที่สุด คือ {w.indicator(n)} ({w.score(weakest.loc[n, 'mean'])})")
    else:
        named = []
        for n, r in weakest.iterrows():
            below = (f"ต่ำกว่าเกณฑ์ {w.places(int(r['below']))} คิดเป็น{w.share(r['share_below'])}" if r["below"]
                     else "ไม่มีหน่วยงานใดต่ำกว่าเกณฑ์")
            named.append(f"{w.indicator(n)} (เฉลี่ย {w.score(r['mean'])} {below})")
        text += f" ตัวชี้วัดที่มีคะแนนเฉลี่ยน้อยที่สุดในระดับจังหวัด ได้แก่ {thai.join_th(named)}"
        below_mean = [n for n, r in inds.iterrows() if round(r["mean"], 2) < s.pass_line]
        if below_mean:
            text += (f" โดย{thai.join_th([f'ตัวชี้วัดที่ {w.count(n)}' for n in below_mean])} "
                     f"มีคะแนนเฉลี่ยของทั้งจังหวัดต่ำกว่าเกณฑ์ {w.line} คะแนน")
    paragraphs.append(text)

    ch = s.change_summary()
    if ch["known"]:
        moves = [f"{what} {w.places(ch[key])}" for what, key in
                 (("คะแนนรวมสูงขึ้น", "improved"), ("ลดลง", "declined"), ("เท่าเดิม", "unchanged")) if ch[key]]
        text = (f"เมื่อเทียบกับผลการประเมินประจำ{w.fy(s.previous_year)} ในหน่วยงานที่มีผลทั้งสองปี "
                f"{w.places(ch['known'])} {thai.join_th(moves)}")
        if ch["unknown"]:
            text += f" ส่วนอีก {w.places(ch['unknown'])} ไม่มีคะแนนของปีก่อนสำหรับเปรียบเทียบ"
        mean = ch["mean_change"]
        if round(mean, 2) > 0:
            text += f" โดยเฉลี่ยคะแนนรวมสูงขึ้น {w.score(mean)}"
        elif round(mean, 2) < 0:
            text += f" โดยเฉลี่ยคะแนนรวมลดลง {w.score(-mean)}"
        else:
            text += " โดยเฉลี่ยคะแนนรวมใกล้เคียงกับปีก่อน"
        if len(ch["gains"]):
            g = ch["gains"].iloc[0]
            text += f" หน่วยงานที่คะแนนสูงขึ้นมากที่สุด คือ {g['name']} (สูงขึ้น {w.score(g['change'])})"
        if len(ch["drops"]):
            d = ch["drops"].iloc[0]
            text += f" และหน่วยงานที่คะแนนลดลงมากที่สุด คือ {d['name']} (ลดลง {w.score(-d['change'])})"
    else:
        text = f"ไม่มีคะแนนรวมของ{w.fy(s.previous_year)} สำหรับเปรียบเทียบการเปลี่ยนแปลง"
    paragraphs.append(text)
    paragraphs.append(priorities_paragraph(s, thai_digits))
    return paragraphs


def priority_reasons(r: Any, s: ProvinceSummary, thai_digits: bool = True) -> list[str]:
    """Why an organisation is on the priority list, in the rule's order."""
    w = Writer(s, thai_digits)
    reasons = []
    if r["failing"]:
        reasons.append(f"คะแนนรวม {w.score(r['total'])} ต่ำกว่าเกณฑ์ {w.line} คะแนน ({_level_phrase(r['level'])})")
    if r["weak"]:
        named = [f"ตัวชี้วัดที่ {w.count(n)} ({w.num(v)})" for n, v in r["weak"]]
        reasons.append(f"มีตัวชี้วัดต่ำกว่าเกณฑ์ {w.count(len(r['weak']))} ตัว ได้แก่ {thai.join_th(named)}")
    if not pd.isna(r["change"]) and r["change"] <= -UNCHANGED:
        reasons.append(f"คะแนนรวมลดลงจากปีก่อน {w.score(-r['change'])}")
    return reasons


def priorities_paragraph(s: ProvinceSummary, thai_digits: bool = True) -> str:
    w = Writer(s, thai_digits)
    pr = s.priorities()
    if pr.empty:
        return (f"ทุกหน่วยงานได้คะแนนรวมและคะแนนรายตัวชี้วัดผ่านเกณฑ์ {w.line} คะแนน "
                "จึงยังไม่มีหน่วยงานที่ต้องได้รับการสนับสนุนเป็นการเร่งด่วน ควรมุ่งรักษามาตรฐานและยกระดับคะแนนต่อไป")
    failing = int(pr["failing"].sum())
    text = f"หน่วยงานที่ควรได้รับการสนับสนุนเป็นลำดับแรกมี {w.places(len(pr))}"
    parts = []
    if failing:
        parts.append(f"หน่วยงานที่คะแนนรวมต่ำกว่าเกณฑ์ {w.line} คะแนน {w.places(failing)}")
    if len(pr) - failing:
        parts.append(f"หน่วยงานที่คะแนนรวมผ่านเกณฑ์แต่ยังมีตัวชี้วัดต่ำกว่าเกณฑ์ {w.places(len(pr) - failing)}")
    text += f" ได้แก่ {thai.join_th(parts)}"
    first = pr.head(3)
    named = []
    for _, r in first.iterrows():
        facts = [f"คะแนนรวม {w.score(r['total'])}", _level_phrase(r["level"])]
        if r["weak"]:
            facts.append(f"ตัวชี้วัดต่ำกว่าเกณฑ์ {w.count(len(r['weak']))} ตัว")
        if not pd.isna(r["change"]) and r["change"] <= -UNCHANGED:
            facts.append(f"คะแนนรวมลดลงจากปีก่อน {w.score(-r['change'])}")
        named.append(f"{r['name']} ({' '.join(facts)})")
    lead = "ในจำนวนนี้ลำดับแรก คือ" if len(first) == 1 else f"ในจำนวนนี้ {w.count(len(first))} ลำดับแรก ได้แก่"
    text += f" {lead} {thai.join_th(named)}"
    return text


def _below_orgs(s: ProvinceSummary, n: int) -> list[tuple[str, float]]:
    """The organisations under the pass line on an indicator, lowest first: (name, score)."""
    col = indicator_column(n)
    low = s.df[s.df[col].round(2) < s.pass_line].sort_values([col, "name"])
    return [(r["name"], r[col]) for _, r in low.iterrows()]


def _peers(s: ProvinceSummary, w: Writer, n: int) -> str:
    """Up to two organisations that did well on an indicator, to pass on how they work."""
    col = indicator_column(n)
    best = ordered(s.df.assign(total=s.df[col]))
    best = best[best[col].round(2) >= s.pass_line].head(2)
    return thai.join_th([f"{b['name']} ({w.num(b[col])})" for _, b in best.iterrows()])


def _indicator_advice(s: ProvinceSummary, w: Writer) -> list[str]:
    """Advice on the weakest indicators, scaled to how many organisations share the problem: one → advise it
    directly; a few (scale.small_group in province_advice.yaml) → a meeting of just those; more → one
    province-wide training with a topic per indicator."""
    small = int(knowledge_yaml("province_advice.yaml")["scale"]["small_group"])
    inds = s.indicator_summary()
    focus = inds[inds["below"] > 0].sort_values(["share_below", "mean"], ascending=[False, True]).head(3)
    out: list[str] = []
    wide: list[str] = []
    for n, r in focus.iterrows():
        below = _below_orgs(s, n)
        peers = _peers(s, w, n)
        focus_on = advice(r["name"], r["tool"])
        if len(below) == 1:
            name, score = below[0]
            text = (f"{w.indicator(n)} มีเพียง{name} ({w.num(score)}) ที่ได้คะแนนต่ำกว่าเกณฑ์ {w.line} คะแนน "
                    f"จึงควรให้คำแนะนำแก่หน่วยงานดังกล่าวโดยตรง ในเรื่อง{focus_on}")
            if peers:
                text += f" และอาจประสานให้ศึกษาแนวปฏิบัติจาก{peers}"
            out.append(text)
        elif len(below) <= small:
            names = thai.join_th([f"{name} ({w.num(score)})" for name, score in below])
            text = (f"{w.indicator(n)} มีหน่วยงานต่ำกว่าเกณฑ์ {w.places(len(below))} ได้แก่ {names} "
                    f"ควรจัดประชุมให้คำปรึกษาเฉพาะหน่วยงานกลุ่มนี้ โดยเน้น{focus_on}")
            if peers:
                text += f" ร่วมกับผู้แทนจาก{peers}"
            out.append(text)
        else:
            topic = f"{w.indicator(n)} ซึ่งมีหน่วยงานต่ำกว่าเกณฑ์ {w.places(len(below))} หัวข้อนี้เน้น{focus_on}"
            if peers:
                topic += f" ผู้ถ่ายทอดแนวปฏิบัติ ได้แก่ {peers}"
            wide.append(topic)
    if wide:
        lead = "ควรจัดการอบรมหรือเวทีแลกเปลี่ยนเรียนรู้ร่วมกันในระดับจังหวัด สำหรับปัญหาที่หน่วยงานหลายแห่งมีร่วมกัน"
        if len(wide) == 1:
            out.insert(0, f"{lead} คือ {wide[0]}")
        else:
            topics = " ".join(f"({w.count(k)}) {t}" for k, t in enumerate(wide, start=1))
            out.insert(0, f"{lead} {w.count(len(wide))} หัวข้อ ได้แก่ {topics}")
    return out


def recommendations(s: ProvinceSummary, thai_digits: bool = True) -> list[str]:
    """What the province might do next, from the figures: whom to support, what to teach, whom to learn from."""
    w = Writer(s, thai_digits)
    if s.df.empty:
        return ["ควรตรวจสอบและแก้ไขข้อมูลนำเข้าของหน่วยงานที่ประมวลผลไม่สำเร็จ แล้วประมวลผลใหม่"]
    out = []
    pr = s.priorities()
    if len(pr):
        names = thai.join_th(list(pr["name"].head(3)))
        out.append(f"ควรให้คำปรึกษาและติดตามการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสของหน่วยงาน "
                   f"{w.places(len(pr))} ตามลำดับในตารางหน่วยงานที่ควรได้รับการสนับสนุนเป็นลำดับแรก โดยเริ่มจาก{names} "
                   f"และมุ่งที่ตัวชี้วัดที่ต่ำกว่าเกณฑ์ {w.line} คะแนนของแต่ละหน่วยงาน")
    out += _indicator_advice(s, w)
    ch = s.change_summary()
    if ch["declined"]:
        names = thai.join_th(list(ch["drops"]["name"].head(3)))
        out.append(f"หน่วยงานที่คะแนนรวมลดลงจากปีก่อน {w.places(ch['declined'])} เช่น {names} "
                   f"ควรทบทวนสาเหตุของการลดลงเป็นรายตัวชี้วัด และกำหนดมาตรการแก้ไขให้ชัดเจน")
    if len(s.failed):
        out.append(f"หน่วยงานที่ยังประมวลผลไม่สำเร็จ {w.places(len(s.failed))} ควรตรวจสอบและแก้ไขข้อมูลนำเข้าตามสาเหตุ"
                   "ที่ระบุไว้ แล้วประมวลผลใหม่ เพื่อให้รายงานสรุปของจังหวัดครบทุกหน่วยงาน")
    if not out:
        out.append("ทุกหน่วยงานผ่านเกณฑ์ทั้งคะแนนรวมและรายตัวชี้วัด ควรส่งเสริมให้รักษามาตรฐานและแลกเปลี่ยนแนวปฏิบัติที่ดีต่อไป")
    return out
