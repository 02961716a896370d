"""Building the site from manifests: every province page of a fiscal year, then the year page.

`ita-report site OUT` and the batch both come here; nothing is rendered again, so a national set of
manifests (76 provinces, ~7,850 organisations) builds in seconds. One bad manifest or one failed write
is recorded as a problem and the rest of the site is still built.
"""
from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..kit.errors import ToolkitError
from .manifests import province_folders, read_manifest, settings, year_folders
from .national import YearPage
from .province import ProvincePage

__all__ = ["SiteResult", "build_site", "build_year"]


@dataclass
class SiteResult:
    """What a build wrote, and what it could not (each problem in Thai and English)."""

    years: list[Path] = field(default_factory=list)
    pages: list[Path] = field(default_factory=list)  # province pages, then year pages
    files: list[Path] = field(default_factory=list)  # CSV and XLSX tables
    problems: list[tuple[str, str]] = field(default_factory=list)
    provinces: int = 0
    organisations: int = 0
    seconds: float = 0.0

    def add(self, other: SiteResult) -> None:
        self.years += other.years
        self.pages += other.pages
        self.files += other.files
        self.problems += other.problems
        self.provinces += other.provinces
        self.organisations += other.organisations


def _problem(where: Path, exc: BaseException) -> tuple[str, str]:
    if isinstance(exc, ToolkitError):
        return exc.message_th(), exc.message_en()
    return (f"{where}: สร้างหน้าเว็บไม่สำเร็จ ({type(exc).__name__}: {exc})",
            f"{where}: could not build the page ({type(exc).__name__}: {exc})")


def _keep(out: dict[str, Path], result: SiteResult) -> None:
    for key, path in out.items():
        (result.pages if key == "page" else result.files).append(path)


def build_year(year_dir: Path, provinces: Iterable[Path] | None = None) -> SiteResult:
    """The year page of `year_dir` from every manifest in it, and the pages of `provinces` (default: all)."""
    t0 = time.monotonic()
    year_dir = Path(year_dir)
    result = SiteResult(years=[year_dir])
    only = None if provinces is None else {Path(p).resolve() for p in provinces}
    pages: list[ProvincePage] = []
    for folder in province_folders(year_dir):
        try:
            page = ProvincePage(read_manifest(folder / settings()["manifest"]))
        except Exception as exc:  # noqa: BLE001 - one bad manifest must not stop the site
            result.problems.append(_problem(folder, exc))
            continue
        pages.append(page)
        if only is not None and folder.resolve() not in only:
            continue
        try:
            _keep(page.write(), result)
        except Exception as exc:  # noqa: BLE001
            result.problems.append(_problem(folder, exc))
    try:
        year = YearPage(year_dir, pages)
        _keep(year.write(), result)
    except Exception as exc:  # noqa: BLE001
        result.problems.append(_problem(year_dir, exc))
    result.provinces = len(pages)
    result.organisations = sum(len(p.rows) for p in pages)
    result.seconds = time.monotonic() - t0
    return result


def build_site(root: Path, years: Iterable[int] | None = None) -> SiteResult:
    """Every fiscal year found under `root` (an output root, a year folder or a province folder)."""
    t0 = time.monotonic()
    wanted = None if years is None else {str(y) for y in years}
    result = SiteResult()
    for year_dir in year_folders(Path(root)):
        if wanted is None or year_dir.name in wanted:
            result.add(build_year(year_dir))
    result.seconds = time.monotonic() - t0
    return result
