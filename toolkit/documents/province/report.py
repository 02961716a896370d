"""The province summary as notebook cells see it: load once, then one call per displayed section."""
from __future__ import annotations

import dataclasses

from functools import cached_property
from pathlib import Path
from typing import Any

import pandas as pd
from markupsafe import Markup
from matplotlib.figure import Figure

from ...kit import chartstyle as cs
from ...kit import sections
from ...kit.figures import Figures
from ...kit.places import place_word, province_text
from .. import front
from .cells import loose_html, name_html, records
from .closest import closest, closest_note, closest_paragraphs, what_it_takes
from .charts import change_chart, indicator_chart, level_chart, totals_chart
from .heatmap import heatmap_chart, heatmap_pages
from .model import ProvinceParams, read_manifest, validate
from .stats import ProvinceSummary
from .text import Writer, priorities_paragraph, recommendations, summary_paragraphs

TEMPLATES = Path(__file__).resolve().parent / "templates"
TITLE_TH = "รายงานสรุปผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA)"
SUBTITLE_TH = "ขององค์กรปกครองส่วนท้องถิ่น"
PRIORITY_ROWS = 30  # rows of the priority table, unless more organisations than that are below the pass line


def title(params: ProvinceParams) -> str:
    """The summary's title: the province and the assessment year it reports on."""
    year = Figures.of(params).year(params.assessment_year)
    return f"{TITLE_TH} {SUBTITLE_TH}{province_text(params.province)} ประจำปีงบประมาณ พ.ศ. {year}"


class ProvinceReport:
    """The province summary as notebook cells see it: load once, then one call per displayed section."""

    templates = TEMPLATES
    CONTENTS = ("overview", "indicators", "heatmap", "ranking", "districts", "changes", "priorities", "failures",
                "closing")

    def __init__(self, params: ProvinceParams):
        self.params = params
        self.s = ProvinceSummary.of(params)
        self.figures = Figures.of(params)
        self.thai_digits = self.figures.thai
        self.words = self.s.words()
        self.w = Writer(self.s, self.thai_digits)
        self.lint_findings: list = []
        self.draft = params.status == "draft"

    @classmethod
    def load(cls, params_file: str | Path | None = None, params_data: dict | None = None) -> "ProvinceReport":
        """From a manifest file, or from the data `run.render` passes (same validation either way)."""
        if params_data is not None:
            return cls(validate(params_data, str(params_file) if params_file else None))
        if params_file is None:
            raise ValueError("params_file or params_data is required")
        return cls(validate(read_manifest(Path(params_file)), str(params_file)))

    # -- helpers ------------------------------------------------------------------
    def _render(self, template: str, **context: Any) -> sections.Section:
        section = sections.render(template, self.thai_digits, self.words, folder=self.templates, s=self.s, w=self.w,
                                  loose=loose_html, org=self._name_html, p=self.params, draft=self.draft, **context)
        return sections.Section(front.anchor(section.html, template.split(".", 1)[0]))

    def _name_html(self, name: str) -> Markup:
        return name_html(name, self.words)

    def _figure_html(self, fig: Figure | None, caption: str) -> Markup | None:
        if fig is None:
            return None
        return Markup(sections.figure(cs.to_svg(fig), caption, self.thai_digits, self.words).html)

    def _figure(self, fig: Figure | None, caption: str) -> sections.Section | None:
        html = self._figure_html(fig, caption)
        return None if html is None else sections.Section(str(html))

    def year(self, value: int) -> str:
        return self.w.year(value)

    @property
    def title(self) -> str:
        return title(self.params)

    @cached_property
    def _ranking(self) -> pd.DataFrame:
        return self.s.ranking()

    @cached_property
    def _priorities(self) -> pd.DataFrame:
        return self.s.priorities()

    # -- sections, in document order -------------------------------------------------
    def cover(self) -> sections.Section:
        return self._render("province_cover.html.j2", title=TITLE_TH, subtitle=SUBTITLE_TH,
                            place=province_text(self.s.province), publisher=self.params.publisher,
                            o=self.s.overview(), failed=len(self.s.failed))

    @front.once
    def foreword(self) -> sections.Section:
        """คำนำ in our own words (or the manifest's ``foreword:``), signed by the issuing unit and office."""
        p, s = self.params, self.s
        o = s.overview()
        paragraphs = p.foreword or [
            f"{front.ITA_SENTENCE} องค์กรปกครองส่วนท้องถิ่นทุกแห่งเข้ารับการประเมินทุกปีงบประมาณ",
            f"รายงานฉบับนี้รวบรวมผลการประเมินประจำปีงบประมาณ พ.ศ. {self.year(s.assessment_year)} "
            f"ขององค์กรปกครองส่วนท้องถิ่นใน{province_text(s.province)} {self.w.count(o['count'])} แห่ง "
            f"มาเปรียบเทียบกันทั้งรายเครื่องมือ รายตัวชี้วัด รายอำเภอ และกับผลของปีก่อน เพื่อให้เห็นว่าประเด็นใด"
            f"เป็นปัญหาร่วมของหลายหน่วยงาน และหน่วยงานใดควรได้รับการสนับสนุนก่อน",
            "ข้อมูลในรายงานมาจากรายงานการนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กรของแต่ละหน่วยงาน "
            "ผู้ใช้รายงานควรอ่านประกอบกับรายงานของหน่วยงานนั้น ๆ เมื่อจะวางแผนสนับสนุนเป็นรายแห่ง",
        ]
        office = p.publisher.name if p.publisher else None
        when = p.issued or front.latest(x.date for x in p.approvals)
        return self._render("foreword.html.j2", paragraphs=paragraphs, unit=p.responsible_unit,
                            org_name=office or province_text(s.province),
                            month_year=front.month_year(when, self.figures))

    def contents(self) -> sections.Section | None:
        """สารบัญ with links (page numbers filled in when the PDF is printed)."""
        listed = front.entries(getattr(self, name)() for name in self.CONTENTS)
        if len(listed) < front.MIN_CONTENTS:
            return None
        return self._render("contents.html.j2", entries=front.entries([self.foreword()]) + listed)

    @front.once
    def overview(self) -> sections.Section:
        o = self.s.overview()
        return self._render("province_overview.html.j2", paragraphs=summary_paragraphs(self.s, self.thai_digits),
                            o=o, dist=self.s.level_distribution(), passing=set(self.s.passing_levels))

    def levels_chart(self) -> sections.Section | None:
        return self._figure(level_chart(self.s, self.thai_digits),
                            f"จำนวนหน่วยงานจำแนกตามระดับผลการประเมิน ITA ปีงบประมาณ พ.ศ. {self.year(self.s.assessment_year)}")

    def totals_chart(self) -> sections.Section | None:
        return self._figure(totals_chart(self.s, self.thai_digits),
                            f"การกระจายของคะแนนรวม เทียบกับเกณฑ์ผ่าน {self.w.line} คะแนน")

    @front.once
    def districts(self) -> sections.Section | None:
        if self.s.df.empty:
            return None
        d = self.s.district_summary()
        t = self.s.type_summary()
        return self._render("province_districts.html.j2", districts=d, types=t)

    @front.once
    def indicators(self) -> sections.Section | None:
        if self.s.df.empty:
            return None
        chart = self._figure_html(indicator_chart(self.s, self.thai_digits),
                                  f"คะแนนเฉลี่ยรายตัวชี้วัดของจังหวัด เทียบกับเกณฑ์ผ่าน {self.w.line} คะแนน "
                                  f"และจำนวนหน่วยงานที่ได้คะแนนต่ำกว่าเกณฑ์")
        return self._render("province_indicators.html.j2", tools=self.s.tool_summary(),
                            inds=self.s.indicator_summary(), chart=chart)

    @front.once
    def heatmap(self) -> sections.Section | None:
        if self.s.df.empty:
            return None
        pages = heatmap_pages(len(self.s.df))
        figures = []
        for k, (a, b) in enumerate(pages):
            fig = heatmap_chart(self.s, self.thai_digits, a, b, (k + 1, len(pages)))
            caption = "คะแนนรายตัวชี้วัดของแต่ละหน่วยงาน เรียงตามคะแนนรวม"
            if len(pages) > 1:
                caption += (f" (ลำดับที่ {self.w.count(a + 1)}–{self.w.count(b)} "
                            f"หน้า {self.w.count(k + 1)}/{self.w.count(len(pages))})")
            figures.append(self._figure_html(fig, caption))
        return self._render("province_heatmap.html.j2", figures=figures, new_page=len(self.s.df) > 20,
                            names=[(n, ind.name) for n, ind in self.s.framework.indicators.items()])

    @front.once
    def ranking(self) -> sections.Section | None:
        if self.s.df.empty:
            return None
        return self._render("province_ranking.html.j2", rows=records(self._ranking), passing=set(self.s.passing_levels),
                            names={n: ind.name for n, ind in self.s.framework.indicators.items()})

    @front.once
    def changes(self) -> sections.Section | None:
        if self.s.df.empty:
            return None
        ch = self.s.change_summary()
        chart = self._figure_html(change_chart(self.s, self.thai_digits),
                                  f"การเปลี่ยนแปลงของคะแนนรวมเทียบกับปีงบประมาณ พ.ศ. {self.year(self.s.previous_year)}")
        return self._render("province_changes.html.j2", ch=ch, chart=chart)

    @front.once
    def priorities(self) -> sections.Section | None:
        if self.s.df.empty:
            return None
        pr = self._priorities
        shown = max(PRIORITY_ROWS, int(pr["failing"].sum()))  # every organisation below the pass line, always
        return self._render("province_priorities.html.j2", rows=records(pr.head(shown)), total=len(pr),
                            district=lambda name: place_word(name, "district", self.s.province),
                            more=len(pr) > shown, paragraph=priorities_paragraph(self.s, self.thai_digits))

    @front.once
    def failures(self) -> sections.Section | None:
        if self.s.failed.empty:
            return None
        return self._render("province_failures.html.j2", rows=records(self.s.failed))

    @front.once
    def closing(self) -> sections.Section:
        return self._render("province_closing.html.j2", items=recommendations(self.s, self.thai_digits),
                            fw=self.s.framework, source=Path(self.s.source).name if self.s.source else None,
                            people=self.params.approvals, prepared_by=self.params.prepared_by_line)

    def closest(self) -> sections.Section | None:
        """Who is closest to the next level and what it would take (after the priorities)."""
        if self.s.df.empty:
            return None
        found = closest(self.s)
        if not self.draft:  # a final document leaves the unconfirmed rule to the review sheet
            found = dataclasses.replace(found, unconfirmed=False)
        return self._render("province_closest.html.j2", rows=found.rows,
                            paragraphs=closest_paragraphs(self.s, found, self.thai_digits),
                            note=closest_note(found, self.w.fy(self.s.assessment_year)),
                            takes=lambda c: what_it_takes(c, self.s.framework, self.thai_digits),
                            district=lambda name: place_word(name, "district", self.s.province))
