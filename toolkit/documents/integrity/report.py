"""The results report (รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน) as notebook cells
see it: load once, then one call per displayed section."""
from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Any

from markupsafe import Markup

from ...kit import chartstyle as cs
from ...kit import sections, thai
from ...kit.figures import Figures
from .. import front
from ..base import DocumentReport
from .charts import status_chart
from .model import STATUS_TH, STATUSES, TITLE_TH, IntegrityReportParams
from .rounds import changes_rows, changes_text, round_changes
from .rows import GROUPS, OTHER_GROUP_TH, Row, counts, round_name, round_text, rows, tool_names, totals
from .text import achieved_text, closing_text, findings_text, intro_text, linked, progress_text, remaining_text

TEMPLATES = Path(__file__).resolve().parent / "templates"


def title(params: IntegrityReportParams) -> str:
    """The document's title with its year and round, as on the cover."""
    f = Figures.of(params)
    return (f"{TITLE_TH} ประจำปีงบประมาณ พ.ศ. {f.year(params.fiscal_year)} "
            f"รอบ {f.digits(params.round)} เดือน {params.organisation.name}")


CELL_UNIT = 6  # display columns: a longer unbreakable unit is split at its own word boundaries in table cells


def cell_html(text: Any, extra_words: frozenset[str] | set[str] = frozenset()) -> Markup:
    """Thai text for a narrow table column: segmented like the `th` filter, and units wider than CELL_UNIT
    columns may break at their inner word boundaries, so no word sticks out of its column."""
    if text is None:
        return Markup("")
    return thai.html_words(str(text), extra_words, split_wider_than=CELL_UNIT)


# -- chart -------------------------------------------------------------------------------------------


class IntegrityReport(DocumentReport):
    """One organisation's results report for one round; each method returns a displayable section."""

    templates = TEMPLATES
    CONTENTS = ("summary", "results", "assessment", "changes")

    # -- helpers ----------------------------------------------------------------------------

    @property
    def title(self) -> str:
        return title(self.params)

    @cached_property
    def rows(self) -> list[Row]:
        return rows(self.params)

    def _groups(self) -> list[tuple[str | None, str, list[Row]]]:
        names = tool_names(self.params)
        out = []
        for g in GROUPS:
            members = [r for r in self.rows if r.tool == g]
            if members:
                label = f"แบบวัด {g}: {names[g]}" if g else OTHER_GROUP_TH
                out.append((g, label, members))
        return out

    # -- sections, in document order -------------------------------------------------------
    def cover(self) -> sections.Section:
        p = self.params
        return self._render("integrity_cover.html.j2", title=TITLE_TH, items=self.cover_items(),
                            round_label=round_name(p), round_period=round_text(p)[len(round_name(p)):].strip())

    def foreword_text(self) -> list[str]:
        """Our own wording: why the ITA asks for this report, what this round's report holds."""
        p = self.params
        org = p.organisation.name
        since = ""
        if p.round == 12 and p.previous_round:
            since = f" ต่อเนื่องจากรายงานรอบ {self.figures.count(6)} เดือน"
        return [
            f"{front.ITA_SENTENCE} หน่วยงานต้องกำหนดมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน "
            f"และเปิดเผยผลการดำเนินการตามมาตรการนั้นต่อสาธารณะ",
            f"{org}จึงจัดทำรายงานฉบับนี้ขึ้น เพื่อสรุปผลการดำเนินการตามมาตรการของ{self.figures.fy(p.fiscal_year)} "
            f"{round_text(p)}{since} ทั้งวิธีดำเนินการ ผลผลิต ผลลัพธ์ และสิ่งที่จะดำเนินการต่อ "
            f"และนำข้อมูลไปใช้ปรับปรุงมาตรการให้เกิดผลยิ่งขึ้นในรอบต่อไป",
        ]

    def summary(self) -> sections.Section:
        p = self.params
        c = counts(p)
        table = [{"label": f"แบบวัด {g}" if g else "ไม่ระบุแบบวัด", "code": g, "k": k, "total": sum(k.values())}
                 for g, k in c.items()]
        t = totals(p)
        return self._render("integrity_summary.html.j2", intro=intro_text(p), progress=progress_text(p),
                            table=table, totals=t, total=len(p.results), statuses=STATUSES, status_th=STATUS_TH,
                            round_label=round_name(p))

    def progress_chart(self) -> sections.Section | None:
        fig = status_chart(self.params)
        if fig is None:
            return None
        p = self.params
        caption = f"จำนวนมาตรการจำแนกตามสถานะการดำเนินการและแบบวัด {round_name(p)} {self.figures.fy(p.fiscal_year)}"
        return sections.figure(cs.to_svg(fig), caption, self.thai_digits, self.words)

    def results(self) -> sections.Section:
        words = frozenset(self.words)
        return self._render("integrity_results.html.j2", groups=self._groups(), round_period=round_text(self.params),
                            cell=lambda text: cell_html(text, words))

    def assessment(self) -> sections.Section:
        p = self.params
        done = [r for r in self.rows if r.status == "done"]
        left = [r for r in self.rows if r.status != "done"]
        heading_left = ("สิ่งที่จะดำเนินการต่อในครึ่งปีหลัง" if p.round == 6
                        else "มาตรการที่ต้องดำเนินการต่อในปีงบประมาณถัดไป")
        return self._render("integrity_assessment.html.j2", achieved=achieved_text(p, self.rows), done=done,
                            remaining=remaining_text(p, self.rows), left=left, heading_left=heading_left,
                            status_th=STATUS_TH)

    def changes(self) -> sections.Section | None:
        """What changed since the six-month report (a twelve-month report built on it): statuses, new work."""
        ch = round_changes(self.params)
        if ch is None:
            return None
        return self._render("integrity_changes.html.j2", ch=ch, rows_of=changes_rows(self.params, ch, self.rows),
                            text=changes_text(self.params, ch), status_th=STATUS_TH)

    def findings_box(self) -> sections.Section | None:
        """The reviewer's findings: printed in a draft only (a final document keeps them in the review sheet)."""
        if not self.lint_findings or not self.draft:
            return None
        return self._render("integrity_findings.html.j2", lines=findings_text(self.params, self.lint_findings))

    def closing(self) -> sections.Section:
        p = self.params
        return self._render("integrity_closing.html.j2", paragraphs=closing_text(p), people=self.approvals(),
                            prepared_by=p.prepared_by_line, linked=linked(p), count=len(p.results))
