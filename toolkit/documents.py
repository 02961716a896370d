"""Document types: which params model, checks and notebook make each published document.

A new document type is one `register()` call, one params model and one notebook.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

NOTEBOOK_DIR = Path(__file__).resolve().parent.parent / "notebooks"
DEFAULT = "ita_analysis"


@dataclass(frozen=True)
class DocumentType:
    key: str
    model: type
    notebook: str
    title_th: str
    title_en: str
    stem: str  # output file name without extension
    problems: Callable[[Any, str | None], list] | None = None  # cross-field checks: (path, th, en, got)
    lint: Callable[[Any, dict], list] | None = None  # consistency findings of this type (see toolkit.lint)
    findings: Callable[[Any], list] | None = None  # computed findings (e.g. reconciliation of scores)
    title: Callable[[Any], str] | None = None  # the document's full title for these params (default below)

    @property
    def notebook_path(self) -> Path:
        return NOTEBOOK_DIR / self.notebook


_REGISTRY: dict[str, DocumentType] = {}


def register(doc: DocumentType) -> DocumentType:
    _REGISTRY[doc.key] = doc
    return doc


def get(key: str) -> DocumentType:
    _load_builtin()
    return _REGISTRY[key]


def keys() -> list[str]:
    _load_builtin()
    return sorted(_REGISTRY)


BUILTIN = ("analysis", "integrity_report", "anticorruption_plan")  # modules of toolkit.params
ENTRY_POINT_GROUP = "ita_report.documents"  # other packages add document types here


def _load_builtin() -> None:
    """Each params module declares its DOCUMENT; third-party packages add theirs by entry point."""
    if _REGISTRY:
        return
    import importlib
    from importlib.metadata import entry_points

    for name in BUILTIN:
        try:
            module = importlib.import_module(f"toolkit.params.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"toolkit.params.{name}":
                continue
            raise
        register(module.DOCUMENT)
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        register(ep.load())
