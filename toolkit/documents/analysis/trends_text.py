"""The trend section in Thai (our own wording): how the totals moved, which indicators rose or fell, the
levels on each year's own scale, the country's figures with their source, and the peers when given."""
from __future__ import annotations

from dataclasses import dataclass, field

from ...kit import thai
from ...kit.figures import Figures
from ...kit.places import place_word, province_text
from .analyse import Analysis
from .targets_text import level_phrase
from .trends import Scale, Trends, YearRow

SCALE_NAMES = {"letter": "ระดับตัวอักษร", "rating": "ระดับผลการประเมิน"}
NATIONAL_MARK = "¹"


@dataclass
class TrendText:
    """The section's prose, its footnotes and the chart's caption."""

    caption: str
    paragraphs: list[str] = field(default_factory=list)
    peers: str | None = None
    footnotes: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def scale_name(scale: Scale | None) -> str:
    if scale is None:
        return "ไม่ทราบเกณฑ์ของปีนั้น"
    return f"{SCALE_NAMES.get(scale.kind, scale.kind)} {scale.span}"


class _Writer(Figures):
    def __init__(self, a: Analysis, notes: bool = True):
        super().__init__(a.params.style.thai_digits)
        self.a, self.notes = a, notes

    def span(self, rows: list[YearRow]) -> str:
        return f"{self.year(rows[0].year)}–{self.year(rows[-1].year)}"

    def moved(self, x: float) -> str:
        if round(x, 2) > 0:
            return f"เพิ่มขึ้น {self.score(x)}"
        if round(x, 2) < 0:
            return f"ลดลง {self.score(-x)}"
        return "เท่าเดิม"


def _totals(w: _Writer, t: Trends) -> str:
    rows, now = t.shown, t.current
    first = rows[0]
    text = (f"ในช่วงปีงบประมาณ พ.ศ. {w.span(rows)} คะแนนรวม ITA เปลี่ยนจาก {w.num(first.total)} "
            f"ในปี {w.year(first.year)} เป็น {w.num(now.total)} ในปี {w.year(now.year)} "
            f"({w.moved(now.total - first.total)})")
    if len(rows) > 2:
        best = max(rows, key=lambda r: (r.total, r.year))
        worst = min(rows, key=lambda r: (r.total, -r.year))
        text += (f" สูงสุดในปี {w.year(best.year)} ({w.num(best.total)}) "
                 f"และต่ำสุดในปี {w.year(worst.year)} ({w.num(worst.total)})")
        if now.change is not None:
            text += f" เมื่อเทียบกับปีก่อนหน้า ({w.year(rows[-2].year)}) คะแนนรวม{w.moved(now.change)}"
    return text


def _levels(w: _Writer, t: Trends) -> str | None:
    rows = [r for r in t.shown if r.level]
    if len(rows) < 2:
        return None  # this year's level alone is in the results already
    listed = thai.join_th([f"ปี {w.year(r.year)} {level_phrase(r.level)}" for r in rows])
    if t.scale_change is None:
        return f"ระดับผลการประเมินในแต่ละปี ได้แก่ {listed}"
    year, old, new = t.scale_change
    mark = "*" if new.unconfirmed and w.notes else ""
    return (f"ตั้งแต่ปี {w.year(year)} เกณฑ์ระดับผลการประเมินเปลี่ยนจาก{scale_name(old)} "
            f"เป็น{scale_name(new)}{mark} ซึ่งใช้เกณฑ์ต่างกัน รายงานจึงแสดงระดับของแต่ละปีตามเกณฑ์ของปีนั้น "
            f"({listed}) และไม่นำระดับของสองเกณฑ์มาเทียบกัน การเปรียบเทียบข้ามปีใช้คะแนนเท่านั้น")


def _between(w: _Writer, rose: list, fell: list) -> str:
    first = (rose or fell)[0]
    parts = []
    if rose:
        named = [f"ตัวชี้วัดที่ {w.count(m.number)} {m.name} (+{w.num(m.change)})" for m in rose]
        parts.append(f"ตัวชี้วัดที่คะแนนเพิ่มขึ้นมากที่สุด ได้แก่ {thai.join_th(named)}")
    if fell:
        named = [f"ตัวชี้วัดที่ {w.count(m.number)} {m.name} (-{w.num(-m.change)})" for m in fell]
        parts.append(f"ตัวชี้วัดที่คะแนนลดลงมากที่สุด ได้แก่ {thai.join_th(named)}")
    text = f"เมื่อเทียบปี {w.year(first.first_year)} กับปี {w.year(first.last_year)} " + " ส่วน".join(parts)
    if not fell:
        text += " โดยไม่มีตัวชี้วัดใดลดลง"
    elif not rose:
        text += " โดยไม่มีตัวชี้วัดใดเพิ่มขึ้น"
    return text


def _moves(w: _Writer, t: Trends) -> list[str]:
    if len(t.rows) < 2:
        return []
    if not t.rose and not t.fell:
        earlier = [r for r in t.shown[:-1] if r.indicators]
        if not earlier:
            return ["ข้อมูลปีก่อนหน้าไม่มีคะแนนรายตัวชี้วัด จึงเปรียบเทียบรายตัวชี้วัดข้ามปีไม่ได้"]
        return [f"คะแนนรายตัวชี้วัดเท่ากับปี {w.year(earlier[0].year)} ทุกตัวชี้วัด"]
    out = [_between(w, t.rose, t.fell)]
    if t.rose_last or t.fell_last:
        out.append(_between(w, t.rose_last, t.fell_last))
    return out


def _national(w: _Writer, t: Trends) -> tuple[str | None, list[str]]:
    known = t.national_rows
    if not known:
        return None, []
    now = t.current
    line = w.whole(w.a.pass_line)
    last = known[-1]
    text = (f"เมื่อเทียบกับหน่วยงานภาครัฐทั้งประเทศ{NATIONAL_MARK} ปี {w.year(last.year)} "
            f"คะแนนเฉลี่ยทั้งประเทศ {w.num(last.national.average)} คะแนน")
    if last.national.share_at_or_above_pass is not None:
        text += f" และมีหน่วยงานที่ได้ {line} คะแนนขึ้นไปร้อยละ {w.num(last.national.share_at_or_above_pass)}"
    gap = last.total - last.national.average
    side = "สูงกว่า" if round(gap, 2) > 0 else ("ต่ำกว่า" if round(gap, 2) < 0 else "เท่ากับ")
    text += f" คะแนนรวมของหน่วยงานในปีนั้น ({w.num(last.total)}) {side}ค่าเฉลี่ย"
    text += f" {w.score(abs(gap))}" if round(gap, 2) else ""
    if len(known) > 1:
        below = [r for r in known if round(r.total - r.national.average, 2) < 0]
        if len(below) == len(known):
            text += f" และต่ำกว่าค่าเฉลี่ยทั้งประเทศทุกปีที่มีข้อมูล ({w.count(len(known))} ปี)"
        elif not below:
            text += f" และไม่ต่ำกว่าค่าเฉลี่ยทั้งประเทศในทุกปีที่มีข้อมูล ({w.count(len(known))} ปี)"
        else:
            text += (f" ในปีที่มีข้อมูล {w.count(len(known))} ปี ต่ำกว่าค่าเฉลี่ย {w.count(len(below))} ปี "
                     f"({thai.join_th([w.year(r.year) for r in below])})")
    if last is not now:
        text += f" ยังไม่มีข้อมูลระดับประเทศของปี {w.year(now.year)}"
    sources: dict[str, list[int]] = {}
    for r in known:
        source = r.national.source_th or "ผลการประเมิน ITA ระดับประเทศที่สำนักงาน ป.ป.ช. เผยแพร่"
        sources.setdefault(source, []).append(r.year)
    notes = [f"{thai.style_digits(source, w.thai)} (ปี {thai.join_th([w.year(y) for y in years])})"
             for source, years in sources.items()]
    missing = [r for r in t.shown if r.national is None and r.national_note]
    notes += [thai.style_digits(r.national_note, w.thai) for r in missing]
    return text, [f"{NATIONAL_MARK} ที่มา: " + " ".join(notes)]


def peers_text(a: Analysis, thai_digits: bool = True) -> str | None:
    """Rank and percentile in the province and the district, when a province batch supplied them."""
    peers = a.params.peers
    if peers is None or (peers.province is None and peers.district is None):
        return None
    w = Figures(thai_digits)
    parts = []
    org = a.params.organisation
    for rank, where in ((peers.province, province_text(org.province)),
                        (peers.district, place_word(org.district, "district", org.province) if org.district
                         else "อำเภอเดียวกัน")):
        if rank is None:
            continue
        share = (f" คะแนนรวมสูงกว่าหน่วยงานร้อยละ {w.num(rank.percentile)} ของ{where}"
                 if rank.count > 1 else "")
        parts.append(f"ลำดับที่ {w.count(rank.rank)} จาก {w.count(rank.count)} แห่งใน{where}{share}")
    return (f"เมื่อเทียบกับองค์กรปกครองส่วนท้องถิ่นที่ประมวลผลในชุดเดียวกัน ผลการประเมินปี {w.year(peers.year)} "
            f"อยู่{thai.join_th(parts)} (เรียงตามคะแนนรวม คะแนนเท่ากันได้ลำดับเดียวกัน)")


def trend_text(a: Analysis, t: Trends, notes: bool = True) -> TrendText:
    """The whole section's text for one organisation; `notes`: mark the unconfirmed rating rule (a draft
    does; a final document leaves it to the review sheet)."""
    w = _Writer(a, notes)
    rows = t.shown
    out = TrendText(caption=f"คะแนนรวมและคะแนนรายเครื่องมือ ITA ปีงบประมาณ พ.ศ. {w.span(rows)}"
                    + (" เทียบกับค่าเฉลี่ยทั้งประเทศ" if t.national_rows else ""))
    if len(rows) > 1:
        out.paragraphs.append(_totals(w, t))
    for para in (_levels(w, t) if len(rows) > 1 else None, *_moves(w, t)):
        if para:
            out.paragraphs.append(para)
    national, notes = _national(w, t)
    if national:
        out.paragraphs.append(national)
    out.footnotes = notes
    if w.notes and t.scale_change is not None and t.scale_change[2].unconfirmed:
        out.footnotes.append(f"* ปีที่เริ่มใช้{SCALE_NAMES['rating']}และเกณฑ์ของระดับยังไม่ได้รับการยืนยันจาก"
                             "เอกสารทางการของสำนักงาน ป.ป.ช.")
    if any(r.tools_computed for r in rows):
        out.footnotes.append("คะแนนรายเครื่องมือของปีที่ไม่ได้ระบุไว้ คำนวณจากคะแนนรายตัวชี้วัดของปีนั้น")
    out.peers = peers_text(a, w.thai)
    out.problems = [th for th, _ in t.problems]
    return out
