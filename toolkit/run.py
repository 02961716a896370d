"""Run one document: validate params, execute its notebook with Papermill, export, write atomically.

Single renders and batch workers use the same `render()`; a batch passes an `Engine`
(toolkit.engine) that keeps one kernel alive between organisations.

A document is final unless its params say ``status: draft`` (or ``--draft``): a final one says nothing
about the toolkit or about checking. What a reviewer needs goes to the review sheet beside it
(``<stem>.review.html``: findings and provenance), to the HTML's <meta> tags and to the PDF's metadata.
"""
from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import nbformat

from . import __version__
from .documents import registry
from .engine import INJECTED_TAG, Engine
from .export import get_exporter
from .export.finish import print_pdf
from .export.pdf import RendererMissing, last_layout, prints_made
from .export.review import review_sheet
from .kit import page
from .kit.figures import Figures
from .kit.paths import write_atomic

FORMATS = ("html", "pdf", "docx", "ipynb")
DEFAULT_OUT = Path("outputs")


@dataclass
class RenderResult:
    """What one render produced, for the CLI, the batch manifest and tests."""

    source: str | None
    document: str
    out_dir: Path
    files: dict[str, Path] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    findings: list = field(default_factory=list)
    title: str = ""
    counts: dict[str, int] = field(default_factory=dict)  # e.g. pdf_prints: how often the browser printed


def cell_seconds(nb: nbformat.NotebookNode) -> dict[str, float]:
    """Execution time by kind of cell (Papermill's per-cell durations), for the stage profile: parameters and
    the report object's load (validation, analysis), charts, and the text sections."""
    out = {"exec_load": 0.0, "exec_charts": 0.0, "exec_text": 0.0}
    for cell in nb.cells:
        duration = (cell.metadata.get("papermill") or {}).get("duration")
        if cell.cell_type != "code" or not isinstance(duration, (int, float)):
            continue
        tags = cell.metadata.get("tags", [])
        kind = ("exec_load" if "parameters" in tags or INJECTED_TAG in tags or ".load(" in cell.source
                else "exec_charts" if "chart" in cell.source else "exec_text")
        out[kind] += duration
    return out


def params_digest(params: Any) -> str:
    """A stable fingerprint of validated params (for provenance and for skipping unchanged batch jobs)."""
    payload = json.dumps(params.model_dump(mode="json", by_alias=True), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def as_draft(params: Any) -> Any:
    """The same params marked ``status: draft`` (watermark, findings box), whatever the document type."""
    return params.model_copy(update={"status": "draft"})


def default_out_dir(params: Any, root: Path = DEFAULT_OUT) -> Path:
    """outputs/<fiscal year>/<province>/<organisation>/ (the type may say otherwise), each part a safe name."""
    return registry.of(params).default_out_dir(params, root)


def render(
    params: Any,
    out_dir: Path | None = None,
    formats: Iterable[str] = FORMATS,
    engine: Engine | None = None,
    source: str | None = None,
    draft: bool = False,
) -> RenderResult:
    """Execute and export one validated document (and its review sheet); every file is written whole or not
    at all. ``draft`` prints a watermarked draft with the findings, as ``status: draft`` in params does."""
    formats = tuple(formats)
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown format(s) {unknown}; choose from {FORMATS}")
    if draft:
        params = as_draft(params)
    doc = registry.of(params)
    out_dir = Path(out_dir) if out_dir is not None else default_out_dir(params)
    result = RenderResult(source, doc.key, out_dir, title=doc.full_title(params))
    # the notebook runs in the params file's folder and names the file relative to it: the provenance
    # notebook shows no local absolute path, and paths inside the params resolve as the user wrote them
    here = Path(source) if source else None
    cwd = here.resolve().parent if here is not None and here.is_file() else None
    parameters = {
        "params_file": (here.name if cwd else source) if source else None,
        "params_data": params.model_dump(mode="json", by_alias=True),
    }

    t0 = time.perf_counter()
    own_engine = engine is None
    engine = engine or Engine()
    try:
        nb = engine.execute(doc.notebook_path, parameters, cwd)
    finally:
        if own_engine:
            engine.close()
    result.seconds["execute"] = time.perf_counter() - t0
    status = getattr(params, "status", "final")
    framework = doc.framework_of(params)
    digest = params_digest(params)
    organisation = doc.organisation_of(params)
    nb.metadata["ita"] = {
        "title": result.title,
        "document": doc.key,
        "document_title": doc.title_th,
        "document_title_en": doc.title_en,
        "organisation": organisation["name"],
        "province": organisation["province"],
        "thai_digits": Figures.of(params).thai,  # page-number digits of the Word file
        "fiscal_year": params.fiscal_year,
        "status": status,
        "framework": framework.id if framework else None,
        "params_sha256": digest,
        "toolkit_version": __version__,
        # geometry the exporters lay out with, and the page budget (which may grow with the rows listed)
        "page": page.for_params(params, doc.key, doc.rows(params) if doc.rows else None).to_dict(),
    }
    result.seconds.update(cell_seconds(nb))
    # papermill stamps times and durations; drop them so identical inputs give identical files
    nb.metadata.pop("papermill", None)
    for cell in nb.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)

    outputs: dict[str, bytes] = {}
    missing: RendererMissing | None = None
    layout: str | None = None  # the PDF's layout, for the reviewer
    if "html" in formats or "pdf" in formats:
        t = time.perf_counter()
        html, _ = get_exporter("html").from_notebook_node(nb)
        result.seconds["html"] = time.perf_counter() - t
        if "html" in formats:
            outputs["html"] = html.encode("utf-8")
        if "pdf" in formats:
            t, prints = time.perf_counter(), prints_made()
            try:
                outputs["pdf"] = print_pdf(html, {
                    "title": result.title, "author": organisation["name"],
                    "subject": f"{doc.title_th} / {doc.title_en}",
                    "keywords": "; ".join(["ITA", doc.key, f"framework {framework.id if framework else '-'}",
                                           f"fiscal year {params.fiscal_year}", f"status {status}",
                                           f"params sha256 {digest}", f"ita-report-toolkit {__version__}"]),
                    "creator": f"ita-report-toolkit {__version__}"})
                layout = last_layout()
            except RendererMissing as exc:  # the other formats are still written; the error says what to install
                missing = exc
            result.seconds["pdf"] = time.perf_counter() - t
            result.counts["pdf_prints"] = prints_made() - prints
    if "docx" in formats:
        t = time.perf_counter()
        outputs["docx"], _ = get_exporter("docx").from_notebook_node(nb)
        result.seconds["docx"] = time.perf_counter() - t
    if "ipynb" in formats:
        outputs["ipynb"] = nbformat.writes(nb).encode("utf-8")

    t = time.perf_counter()
    for fmt, payload in outputs.items():
        result.files[fmt] = write_atomic(out_dir / f"{doc.stem}.{fmt}", payload)
    result.seconds["write"] = time.perf_counter() - t
    t = time.perf_counter()
    result.findings = registry.check(params)
    result.files["review"] = write_atomic(out_dir / f"{doc.stem}.review.html", review_sheet(
        title=result.title, doc=doc, organisation=organisation["name"], fiscal_year=params.fiscal_year,
        status=status, framework=framework, findings=result.findings, digest=digest, version=__version__,
        source=source, layout=layout))
    result.seconds["review"] = time.perf_counter() - t
    result.seconds["total"] = time.perf_counter() - t0
    if missing is not None:
        missing.result = result
        raise missing
    return result
