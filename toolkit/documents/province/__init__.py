"""The province summary: every organisation of a province batch, from the batch's manifest.

A registered document type like the others: rendered by `run.render` through the same engine, export,
atomic writes and digest. model (manifest → params) → stats → text, charts, heatmap, cells → report.
"""
from __future__ import annotations

from pathlib import Path

from ...frameworks import load_framework
from ...kit import paths
from ...kit.places import province_text
from ..registry import DocumentType
from .model import KEY, ProvinceParams, is_manifest, validate
from .report import TITLE_TH, title
from .stats import ProvinceSummary


def score(params: ProvinceParams) -> dict:
    """`ita-report score --json`: the province's key figures (counts, mean, median, pass share, levels)."""
    s = ProvinceSummary.of(params)
    overview = {k: round(v, 2) if isinstance(v, float) else v for k, v in s.overview().items()}
    dist = s.level_distribution()
    return {
        "document": KEY, "province": s.province, "fiscal_year": s.fiscal_year,
        "assessment_year": s.assessment_year, "framework": s.framework.id,
        "overview": overview, "failed": len(s.failed),
        "levels": {str(level): int(r["count"]) for level, r in dist.iterrows()},
    }


def out_dir(params: ProvinceParams, root: Path) -> Path:
    """outputs/<fiscal year>/<province>/, beside the province's organisation folders."""
    return paths.inside(root, str(params.fiscal_year), params.province)


def organisation(params: ProvinceParams) -> dict:
    return {"name": province_text(params.province), "type": None, "district": None, "province": params.province}


DOCUMENT = DocumentType(
    key=KEY,
    title_th=TITLE_TH,
    title_en="Province summary of ITA results",
    stem="province_summary",
    notebook="province_summary.ipynb",
    validate=validate,
    title=title,
    score=score,
    out_dir=out_dir,
    recognise=is_manifest,
    organisation=organisation,
    framework=lambda params: load_framework(params.assessment_year),
    rows=lambda params: len(params.manifest["entries"]),  # the page budget grows with them (page_style.yaml)
    examples=("province_ratchaburi_2569.json",),
    # the manifest's keys (a batch writes generated_by; note is free text)
    parameters=("document", "fiscal_year", "province", "assessment_year", "style", "entries", "note", "generated_by",
                "status", "publisher", "unit", "foreword", "date", "signatories"),
)

__all__ = ["DOCUMENT", "ProvinceParams", "ProvinceSummary", "score"]
