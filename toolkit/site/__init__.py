"""The reviewer's site: every province's reports of a fiscal year in one offline site, built from manifests.

``<out>/<fiscal year>/index.html`` lists every province batched that year and searches every organisation;
``<out>/<fiscal year>/<province>/index.html`` lists the province's organisations, their ITA results and
documents. Pages are single files that work from file:// and from any static web server, with a
Content-Security-Policy that admits only their own script and no request. The site reads manifests
(batch.json) and which files exist; it never imports a document type and never renders a report.

manifests (read) → rows (clean, group an organisation's documents) → province / national (pages, tables)
→ build (a year, a whole output folder).
"""
from __future__ import annotations

from .build import SiteResult, build_site, build_year
from .manifests import Manifest, read_manifest, settings
from .national import YearPage
from .province import ProvincePage, build_province_page, province_page
from .rows import relative_href

__all__ = ["MANIFEST", "Manifest", "ProvincePage", "SiteResult", "YearPage", "build_province_page", "build_site",
           "build_year", "province_page", "read_manifest", "relative_href", "settings"]

MANIFEST: str = settings()["manifest"]
