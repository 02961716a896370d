"""The review sheet written beside every document (``<stem>.review.html``): what `ita-report check` finds,
and where the document comes from (framework and its unconfirmed facts, toolkit version, params digest).

A final document says nothing about checking or about the toolkit; the reviewer reads this sheet instead.
Self-contained HTML, Thai and English, no script, nothing fetched.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from ..kit.findings import Finding

TEMPLATES = Path(__file__).resolve().parent / "templates"


@lru_cache(maxsize=1)
def _template():
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    return env.get_template("review.html.j2")


def _sure(value: Any) -> bool:
    """'sure', or 'sure (where it comes from)' as the framework files write it."""
    return str(value).strip().lower().startswith("sure")


def unconfirmed(framework: Any) -> list[tuple[str, str | None, str]]:
    """The framework's facts not marked sure: (what, Thai note, English note), from its own file."""
    if framework is None:
        return []
    out: list[tuple[str, str | None, str]] = []
    for name, value in framework.confidence.items():
        if not _sure(value):
            out.append((f"confidence.{name}", None, str(value)))
    levels = framework.levels
    if not _sure(levels.confidence):
        out.append(("levels", levels.note_th, levels.note_en or str(levels.confidence)))
    for key, ref in framework.documents.items():
        if not _sure(ref.confidence):
            en = f"item {ref.item or '?'}: {ref.note_en or ref.confidence}"
            out.append((f"documents.{key}", ref.note_th, en))
    return out


def review_sheet(*, title: str, doc: Any, organisation: str, fiscal_year: Any, status: str, framework: Any,
                 findings: list[Finding], digest: str, version: str, source: str | None,
                 layout: str | None = None) -> str:
    """The review sheet's HTML. `layout`: how the PDF was laid out (export/pdf.py last_layout; None: no PDF), so a
    reviewer who compares an abridged PDF with the HTML knows why they differ."""
    return _template().render(title=title, doc=doc, organisation=organisation, fiscal_year=fiscal_year,
                              status=status, framework=framework, findings=findings, digest=digest,
                              version=version, source=source, unconfirmed=unconfirmed(framework), layout=layout)
