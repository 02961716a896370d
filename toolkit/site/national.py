"""The year page: ``<out>/<fiscal year>/index.html``, every province batched that year, and a search box.

A regional or national office opens it to compare provinces (counts by level, averages, pass share, how
many organisations have an indicator below the pass line) and to find any organisation of the year by
name, district or province. The search data is a JSON block inside the page (never executed, '<' escaped),
read by the page's one script on the first keystroke: no server, no fetch (Chromium refuses fetch() on
file://), no second file to keep in step.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from ..kit import places, thai
from . import chart, downloads, levels
from .manifests import settings
from .page import json_block, number, render_page, write_page
from .province import ProvincePage, change_text
from .rows import province_stats, relative_href

__all__ = ["YearPage", "search_data"]

SEARCH_LIMIT = 50  # results listed at once; the count says how many matched


def _common(values) -> object:
    found = Counter(v for v in values if v is not None)
    return found.most_common(1)[0][0] if found else None


def search_data(pages: list[ProvincePage], thai_digits: bool) -> dict:
    """Every organisation of the year, compact (~130 bytes each): names, indexes into the province,
    district and level lists, and the link as a path the script percent-encodes per segment.

    A row's link is 1 for the usual "<name>/<analysis>.html" (saves ~1 MB nationally), else the raw
    relative path (already checked by relative_href: relative, no '..'), else null.
    """
    provinces, districts, level_names = [], {}, levels.level_order(r["level"] for p in pages for r in p.rows)
    level_index = {lv: i for i, lv in enumerate(level_names)}
    usual = f"{settings()['default_document']}.html"
    rows = []
    for pi, page in enumerate(pages):
        provinces.append([page.province, page.folder.name if page.folder else None])
        for r in page.rows:
            di = districts.setdefault(r["district"], len(districts))
            path = r["href_path"] if page.folder else None
            link = 1 if path == f"{r['name']}/{usual}" else path
            total = number(r["total"], 2, thai_digits) if r["total"] is not None else ""
            rows.append((r["name_key"], [r["name"], pi, di, total, level_index.get(r["level"]), link]))
    rows.sort(key=lambda x: (x[1][0] == "", x[0]))
    types = sorted(((t.short, t.name) for t in places.org_types() if t.short != t.name), key=lambda t: -len(t[0]))
    return {
        "page": settings()["files"]["page"],
        "usual": usual,
        "provinces": provinces,
        "districts": list(districts),
        "levels": [[lv, levels.tone(lv)] for lv in level_names],
        "types": [list(t) for t in types],
        "rows": [r for _, r in rows],
    }


class YearPage:
    """The year page of a fiscal-year folder, from its provinces' pages (read from their manifests)."""

    def __init__(self, folder: Path | None, pages: list[ProvincePage], thai_digits: bool | None = None):
        self.folder = folder
        self.pages = sorted(pages, key=lambda p: thai.sort_key(p.province))
        self.thai_digits = thai_digits if thai_digits is not None else bool(
            _common(p.thai_digits for p in pages) if pages else True)
        self.fiscal_year = _common(p.manifest.fiscal_year for p in pages)
        self.assessment_year = _common(p.manifest.assessment_year for p in pages)
        self.pass_line = levels.pass_line(self.assessment_year)
        self.rows = [r for p in self.pages for r in p.rows]
        self.stats = province_stats(self.rows, self.pass_line)
        self.level_names = levels.level_order(r["level"] for r in self.rows)
        self.indicators = downloads.indicator_numbers(self.rows)

    def _province_rows(self) -> list[dict]:
        out = []
        for i, p in enumerate(self.pages):
            folder = relative_href(p.folder.name) if p.folder else None
            s = p.stats
            out.append({
                "order": i,
                "name": p.province,
                "href": f"{folder}/{settings()['files']['page']}" if folder else None,
                "stats": s,
                "summary": [dict(link, href=f"{folder}/{link['href']}") for link in p.summary_links()] if folder else [],
                "tables": [{"format": ext, "label": ext.upper(), "href": f"{folder}/{settings()['files']['table']}.{ext}",
                            "download": p.download_name(ext)} for ext in ("csv", "xlsx")] if folder else [],
                "sort": {"name": str(i), "organisations": s["organisations"], "scored": s["scored"],
                         "mean": _num(s["mean"]), "pass_share": _num(s["pass_share"]), "below": s["below"],
                         "change": _num(s["mean_change"]), "not_made": s["not_made"],
                         **{f"lv{k}": s["levels"].get(lv, 0) for k, lv in enumerate(self.level_names)}},
                "change": change_text(s["mean_change"], self.thai_digits),
            })
        return out

    def title(self) -> str:
        year = self.assessment_year or (self.fiscal_year - 1 if self.fiscal_year else None)
        text = "ผลการประเมิน ITA" + (f" ปีงบประมาณ พ.ศ. {year}" if year else "") + " — ทุกจังหวัด"
        return thai.to_thai_digits(text) if self.thai_digits else text

    def html(self) -> str:
        files = settings()["files"]
        tables = [{"what": what, "links": [{"format": ext, "label": ext.upper(), "href": f"{stem}.{ext}",
                                            "download": f"{name}_{self.fiscal_year or ''}.{ext}"}
                                           for ext in ("csv", "xlsx")]}
                  for what, stem, name in (("ตารางทุกหน่วยงาน", files["table"], "ผลITA_ทุกหน่วยงาน"),
                                           ("ตารางรายจังหวัด", files["provinces"], "ผลITA_รายจังหวัด"))]
        return render_page(
            "year.html.j2", self.thai_digits,
            page_class="year",
            title=self.title(),
            fiscal_year=self.fiscal_year,
            assessment_year=self.assessment_year,
            stats=self.stats,
            provinces=self._province_rows(),
            level_names=self.level_names,
            level_tones={lv: levels.tone(lv) for lv in self.level_names},
            level_chart=chart.level_chart(self.stats["levels"], self.stats["no_level"], self.thai_digits),
            total_chart=chart.total_chart(self.stats["totals"], self.pass_line, self.thai_digits),
            national=levels.national(self.assessment_year),
            tables=tables if self.folder else [],
            search=json_block(search_data(self.pages, self.thai_digits)),
            search_limit=SEARCH_LIMIT,
            csv_data=json_block({"head": [h for h, _ in downloads.province_columns(self.level_names)],
                                 "rows": [downloads.province_cells(p.province, p.stats, self.level_names)
                                          for p in self.pages]}),
            csv_name=f"ผลITA_รายจังหวัด_{self.fiscal_year or ''}_ที่แสดง.csv",
        )

    def write(self) -> dict[str, Path]:
        """index.html, the table of every organisation and the table of provinces (CSV and XLSX)."""
        if self.folder is None:
            raise ValueError("a year page built in memory has no folder to write to")
        files = settings()["files"]
        org_rows = [downloads.org_cells(r, self.indicators) for r in self.rows]
        out = {f"all_{k}": v for k, v in downloads.write_tables(
            self.folder, files["table"], downloads.org_columns(self.indicators), org_rows, "ITA").items()}
        province_rows = [downloads.province_cells(p.province, p.stats, self.level_names) for p in self.pages]
        out.update({f"provinces_{k}": v for k, v in downloads.write_tables(
            self.folder, files["provinces"], downloads.province_columns(self.level_names), province_rows,
            "จังหวัด").items()})
        out["page"] = write_page(self.folder / files["page"], self.html())
        return out


def _num(value: float | None) -> str:
    return "" if value is None else repr(round(float(value), 6))

