"""A province's page: one self-contained HTML file per province and fiscal year, beside its manifest.

A provincial office or a reviewer opens ``index.html`` from the file system (no server, no network) and
sees every organisation's ITA results (tools, total, level, previous total and change, the weakest
indicator), links to every document it has (analysis, results report, plan; HTML, PDF, DOCX), the
province summary, two charts, and the table as CSV and XLSX. Sorting and filtering run in the browser,
but every order is computed here (Thai dictionary order via ``thai.sort_key``) and written into
``data-sort`` attributes. Without JavaScript the table still lists every organisation, in Thai name order.
Whether a report could be made is shown apart from the ITA results, in words no one reads as a result.
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..kit import places, thai
from . import chart, downloads, levels
from .manifests import Manifest, read_manifest, settings
from .page import json_block, render_page, write_page
from .rows import (
    TOOLS,
    document_links,
    organisation_rows,
    province_stats,
    relative_href,
)

__all__ = ["ProvincePage", "build_province_page", "change_text", "default_title", "province_page"]

_MINUS = "\u2212"


def _sort_attr(value: float | None) -> str:
    """data-sort keeps Arabic digits (the script parses them); empty means 'sort last'."""
    return "" if value is None else repr(round(float(value), 6))


def _ranks(values: Iterable[str]) -> dict[str, int]:
    """Thai dictionary rank of each distinct non-empty value."""
    return {v: i for i, v in enumerate(thai.sort_thai({v for v in values if v}))}


def change_text(change: float | None, thai_digits: bool) -> tuple[str, str]:
    """A change as shown (sign, Unicode minus) and its class: up, down, same or none."""
    if change is None:
        return "–", "none"
    magnitude = thai.number(abs(change), 2, thai_digits=thai_digits)
    if set(thai.to_arabic_digits(magnitude)) <= set("0.,"):
        return magnitude, "same"
    return ("+" if change > 0 else _MINUS) + magnitude, "up" if change > 0 else "down"


def prepare(rows: list[dict], thai_digits: bool, indicators: list[int]) -> None:
    """Fill in what the template and the script need: numbers as shown, sort keys, the row's CSV cells
    (in one JSON block of the page, by row order: as attributes, every quote would cost six bytes)."""
    type_rank = _ranks(r["type_short"] for r in rows)
    district_rank = _ranks(r["district"] for r in rows)
    order = levels.level_order(r["level"] for r in rows)
    level_rank = {lv: len(order) - i for i, lv in enumerate(order)}  # higher = better: ascending = worst first
    for i, r in enumerate(rows):
        r["no_text"] = thai.to_thai_digits(str(i + 1)) if thai_digits else str(i + 1)
        r["change_text"], r["change_class"] = change_text(r["change"], thai_digits)
        r["sort"] = {
            "name": str(i) if r["name"] else "",
            "type": _sort_attr(type_rank.get(r["type_short"])),
            "district": _sort_attr(district_rank.get(r["district"])),
            "total": _sort_attr(r["total"]),
            "level": _sort_attr(level_rank.get(r["level"])),
            "previous": _sort_attr(r["previous"]),
            "change": _sort_attr(r["change"]),
            "weakest": _sort_attr(r["weakest_score"]),
            "status": "1" if r["failed"] else "0",
            **{t: _sort_attr(r["tools"][t]) for t in TOOLS},
        }
        r["csv"] = downloads.org_cells(r, indicators)


def default_title(assessment_year: int | None, fiscal_year: int | None, province: str, thai_digits: bool) -> str:
    year = assessment_year or (fiscal_year - 1 if fiscal_year else None)
    text = "ผลการประเมิน ITA"
    if year:
        text += f" ปีงบประมาณ พ.ศ. {year}"
    if province:
        text += f" — {places.province_text(province)}"
    return thai.to_thai_digits(text) if thai_digits else text


class ProvincePage:
    """A province's rows and figures, from its manifest: for its own page and for the year page."""

    def __init__(self, manifest: Manifest):
        self.manifest = manifest
        self.province = manifest.province
        self.folder = manifest.folder
        self.thai_digits = manifest.thai_digits
        self.rows = organisation_rows(manifest)
        self.indicators = downloads.indicator_numbers(self.rows)
        self.stats = province_stats(self.rows, levels.pass_line(manifest.assessment_year))
        prepare(self.rows, self.thai_digits, self.indicators)

    @property
    def csv_columns(self) -> list:
        return downloads.org_columns(self.indicators)

    def summary_links(self) -> list[dict]:
        """The province summary's files (rendered by the batch beside the manifest), those that exist."""
        stem = settings()["summary"]["stem"]
        files = {fmt: f"{stem}.{fmt}" for fmt in settings()["formats"]}
        return document_links(files, self.folder) if self.folder else []

    def download_name(self, ext: str) -> str:
        year = self.manifest.fiscal_year or ""
        return f"ผลITA_{self.province or 'จังหวัด'}_{year}.{ext}".replace("/", "_")

    def html(self, title: str | None = None, year_href: str | None = "../index.html", tables: bool = True) -> str:
        """The page as one HTML string; `year_href` links up to the year page (None: no link)."""
        m = self.manifest
        stem = settings()["files"]["table"]
        table_links = [{"format": ext, "label": ext.upper(), "href": relative_href(f"{stem}.{ext}"),
                        "download": self.download_name(ext)} for ext in ("csv", "xlsx")] if tables else []
        return render_page(
            "province.html.j2", self.thai_digits,
            page_class="province",
            title=title or default_title(m.assessment_year, m.fiscal_year, self.province, self.thai_digits),
            province=self.province,
            province_text=places.province_text(self.province) if self.province else "",
            fiscal_year=m.fiscal_year,
            rows=self.rows,
            stats=self.stats,
            levels=levels.level_order(r["level"] for r in self.rows),
            districts=thai.sort_thai({r["district"] for r in self.rows if r["district"]}),
            types=thai.sort_thai({r["type_short"] for r in self.rows if r["type_short"]}),
            level_chart=chart.level_chart(self.stats["levels"], self.stats["no_level"], self.thai_digits),
            total_chart=chart.total_chart(self.stats["totals"], self.stats["pass_line"], self.thai_digits),
            summary_links=self.summary_links(),
            summary_label=settings()["summary"]["label"],
            tables=table_links,
            year_href=year_href,
            csv_data=json_block({"head": [h for h, _ in self.csv_columns], "rows": [r["csv"] for r in self.rows]}),
            csv_name=self.download_name("csv").replace(".csv", "_ที่แสดง.csv"),
        )

    def table_rows(self) -> list[list[str]]:
        """Every row's CSV cells in the page's default order (the static CSV and XLSX)."""
        return [r["csv"] for r in self.rows]

    def write(self, year_href: str | None = "../index.html") -> dict[str, Path]:
        """index.html, ita-results.csv and ita-results.xlsx in the province folder."""
        if self.folder is None:
            raise ValueError("a province page read from memory has no folder to write to")
        files = settings()["files"]
        out = downloads.write_tables(self.folder, files["table"], self.csv_columns, self.table_rows(),
                                     sheet=self.province or "ITA")
        out["page"] = write_page(self.folder / files["page"], self.html(year_href=year_href))
        return out


def build_province_page(entries: list[Any], fiscal_year: int | None = None, province: str = "",
                        thai_digits: bool = True, title: str | None = None, folder: Path | None = None,
                        year_href: str | None = None) -> str:
    """The page of one province from manifest entries in memory (tests, callers without a manifest file)."""
    data = {"entries": list(entries or []), "province": province, "fiscal_year": fiscal_year,
            "style": {"thai_digits": thai_digits}}
    page = ProvincePage(Manifest.of(data, folder))
    return page.html(title=title, year_href=year_href, tables=folder is not None)


def province_page(folder: Path) -> ProvincePage:
    """A province folder's page, from its manifest (batch.json)."""
    return ProvincePage(read_manifest(Path(folder) / settings()["manifest"]))
