"""The results report's Thai prose, chosen by the round: a six-month report says what continues in the
second half of the year, a full-year report what carries into next year's measures. Our own wording, in the
organisation's voice (what it did, what it will do), every number, date and period written from the params in
the document's digit style."""
from __future__ import annotations

import datetime as dt

from ...kit import places, thai
from ...kit.figures import Figures
from ...kit.findings import Finding
from .model import STATUS_TH, STATUSES, IntegrityReportParams
from .rows import LONG_NAME, Row, counts, round_bounds, round_name, round_text, totals


def linked(p: IntegrityReportParams) -> bool:
    return any(r.measure for r in p.results)


def _cite(p: IntegrityReportParams, row: Row) -> str:
    """A measure in a sentence: its number, and its name when short enough to read in a sentence."""
    name = row.result.name or ""
    label = f"ลำดับที่ {Figures.of(p).count(row.number)}"
    if name and thai.display_width(name) <= LONG_NAME:
        return f"{label} “{name}”"
    return label


def _cite_all(p: IntegrityReportParams, rs: list[Row]) -> str:
    if all(thai.display_width(r.result.name or "") > LONG_NAME for r in rs):
        return "ลำดับที่ " + thai.join_th([Figures.of(p).count(r.number) for r in rs])
    return thai.join_th([_cite(p, r) for r in rs])


def intro_text(p: IntegrityReportParams) -> list[str]:
    """Who reports what, for which round, and why (the OIT asks for this report)."""
    org = p.organisation.name
    n = len(p.results)
    source = ""
    if linked(p):
        year = getattr(p, "_analysis_year", None) or p.fiscal_year - 1
        source = (f"จากการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) "
                  f"ประจำ{Figures.of(p).fy(year)} ")
    first = (f"{org} {places.place_line(p.organisation, subdistrict=False)} ได้กำหนดมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน "
             f"ประจำ{Figures.of(p).fy(p.fiscal_year)} {source}รวม {Figures.of(p).count(n)} มาตรการ "
             f"โดยมอบหมายให้สำนัก/กองที่รับผิดชอบดำเนินการและรายงานความก้าวหน้าต่อผู้บริหารท้องถิ่น")
    short = p.organisation.short_name or org
    second = (f"{short}จึงได้สรุปผลการดำเนินการ{round_text(p)} ไว้ในรายงานฉบับนี้ เพื่อเผยแพร่ต่อสาธารณะ"
              f"ตามแบบวัดการเปิดเผยข้อมูลสาธารณะ (OIT) และเพื่อใช้ปรับปรุงมาตรการ"
              + ("ในครึ่งปีหลัง" if p.round == 6 else "ในปีงบประมาณถัดไป"))
    return [first, second]


def progress_text(p: IntegrityReportParams) -> list[str]:
    """The counts in words: how many are done, under way and not started, overall and per tool."""
    t = totals(p)
    n = len(p.results)
    parts = [f"{STATUS_TH[s]} {Figures.of(p).count(t[s])} มาตรการ" for s in STATUSES if t[s]]
    share = thai.number(100 * t["done"] / n, 2, p.style.thai_digits) if n else thai.number(0, 2, p.style.thai_digits)
    end = round_bounds(p)[1]
    short = p.organisation.short_name or p.organisation.name
    head = (f"ณ วันที่ {thai.date_text(end, p.style.thai_digits)} ซึ่งเป็นวันสิ้นสุด{round_name(p)} "
            f"จากมาตรการทั้งหมด {Figures.of(p).count(n)} มาตรการ {short}")
    if t["done"] == n:
        head += f"ดำเนินการแล้วเสร็จครบทุกมาตรการ (ร้อยละ {share})"
    else:
        head += f"{thai.join_th(parts)} คิดเป็นสัดส่วนที่ดำเนินการแล้วเสร็จร้อยละ {share}"
    c = {g: k for g, k in counts(p).items() if g is not None}
    if len(c) > 1 and t["done"] < n:  # the tool furthest behind, where tools are known
        rate = {g: k["done"] / sum(k.values()) for g, k in c.items()}
        low = min(rate.values())
        behind = [g for g in c if rate[g] == low]
        if len(behind) < len(c):
            named = thai.join_th([f"{g} (แล้วเสร็จ {Figures.of(p).count(c[g]['done'])} จาก {Figures.of(p).count(sum(c[g].values()))} มาตรการ)"
                           for g in behind])
            head += f" โดยแบบวัดที่ดำเนินการแล้วเสร็จในสัดส่วนต่ำที่สุด คือ {named}"
    out = [head]
    stated = [r.budget_used for r in p.results if r.budget_used is not None]
    if any(stated):
        total = sum(stated)
        out.append(f"{short}ได้ใช้งบประมาณในมาตรการที่รายงานการใช้งบประมาณไว้ {Figures.of(p).count(len(stated))} มาตรการ "
                   f"รวมเป็นเงิน {thai.number(total, 2, p.style.thai_digits, grouping=True)} บาท ({thai.baht_text(total)})")
    return out


def achieved_text(p: IntegrityReportParams, rs: list[Row]) -> str:
    done = [r for r in rs if r.status == "done"]
    org = p.organisation.name
    if not done:
        return f"ใน{round_name(p)}นี้ยังไม่มีมาตรการใดที่ดำเนินการแล้วเสร็จ"
    return (f"ใน{round_name(p)}นี้ {org}ได้ดำเนินการแล้วเสร็จ {Figures.of(p).count(len(done))} มาตรการ "
            f"โดยเกิดผลลัพธ์และความสำเร็จดังนี้")


def remaining_text(p: IntegrityReportParams, rs: list[Row]) -> str:
    """What is left, and what happens to it: the second half of the year, or next year's measures."""
    org = p.organisation.name
    td = p.style.thai_digits
    going = [r for r in rs if r.status == "in_progress"]
    waiting = [r for r in rs if r.status == "not_started"]
    left = going + waiting
    if p.round == 6:
        f_end = thai.fiscal_year_bounds(p.fiscal_year)[1]
        half = (f"ครึ่งหลังของ{Figures.of(p).fy(p.fiscal_year)} ตั้งแต่วันที่ "
                f"{thai.date_text(round_bounds(p)[1] + dt.timedelta(days=1), td)} ถึงวันที่ {thai.date_text(f_end, td)}")
        if not left:
            return (f"มาตรการทุกมาตรการดำเนินการแล้วเสร็จภายใน{round_name(p)} ใน{half} {org}"
                    f"จะติดตามให้ผลการดำเนินการคงอยู่อย่างต่อเนื่อง และรายงานผลอีกครั้งในรอบ {Figures.of(p).count(12)} เดือน")
        plan = []
        if going:
            plan.append(f"ดำเนินการต่อในมาตรการที่อยู่ระหว่างดำเนินการ {Figures.of(p).count(len(going))} มาตรการ "
                        f"({_cite_all(p, going)})")
        if waiting:
            plan.append(f"เริ่มดำเนินการมาตรการที่ยังไม่ได้ดำเนินการ {Figures.of(p).count(len(waiting))} มาตรการ "
                        f"({_cite_all(p, waiting)})")
        return (f"ใน{half} {org}จะ{thai.join_th(plan)} ให้แล้วเสร็จภายในปีงบประมาณ "
                f"แล้วรายงานผลอีกครั้งในรอบ {Figures.of(p).count(12)} เดือน")
    following = Figures.of(p).fy(p.fiscal_year + 1)
    if not left:
        return (f"มาตรการทุกมาตรการดำเนินการแล้วเสร็จภายใน{Figures.of(p).fy(p.fiscal_year)} {org}จะนำผลการดำเนินการนี้ "
                f"ร่วมกับผลการประเมิน ITA ประจำ{Figures.of(p).fy(p.fiscal_year)} มาทบทวนเพื่อกำหนดมาตรการส่งเสริมคุณธรรม"
                f"และความโปร่งใสภายในหน่วยงาน ประจำ{following}")
    return (f"เมื่อสิ้น{Figures.of(p).fy(p.fiscal_year)} ยังมีมาตรการที่ไม่แล้วเสร็จ {Figures.of(p).count(len(left))} มาตรการ "
            f"({_cite_all(p, left)}) {org}จะนำมาตรการดังกล่าวไปดำเนินการต่อเนื่อง "
            f"โดยกำหนดไว้ในมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำ{following} "
            f"ควบคู่กับประเด็นที่พบจากผลการประเมิน ITA ประจำ{Figures.of(p).fy(p.fiscal_year)}")


def closing_text(p: IntegrityReportParams) -> list[str]:
    org = p.organisation.name
    return [f"{org}จะเผยแพร่รายงานฉบับนี้บนเว็บไซต์ของหน่วยงาน เพื่อให้ประชาชนและผู้มีส่วนได้ส่วนเสีย"
            f"ติดตามและตรวจสอบการดำเนินงานได้ และจะนำผลการดำเนินการไปปรับปรุงการบริหารงาน"
            f"ให้เป็นไปด้วยความซื่อสัตย์สุจริต โปร่งใส และตรวจสอบได้"]




def findings_text(p: IntegrityReportParams, findings: list[Finding]) -> list[str]:
    """One line per finding (the check's Thai message, with the field it concerns); three or more of one kind
    on the same field (measures not reported, say) are one line naming them all, not the same sentence again."""
    f_ = Figures.of(p)
    out: list[str] = []
    done: set[tuple[str, str]] = set()
    for f in findings:
        same = [g for g in findings if (g.code, g.field) == (f.code, f.field)]
        if len(same) >= 3 and all(g.reported is not None for g in same):
            if (f.code, f.field) in done:
                continue
            done.add((f.code, f.field))
            listed = thai.join_th([str(g.reported) for g in same])
            first = f.message_th.replace(str(f.reported), listed, 1)
            out.append(f"{f.label_th}: {f_.digits(first)} (ฟิลด์ {f.field}; {f_.count(len(same))} รายการ)")
            continue
        out.append(f"{f.label_th}: {f_.digits(f.message_th)} (ฟิลด์ {f.field})")
    return out
