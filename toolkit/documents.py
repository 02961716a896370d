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
    problems: Callable[[Any, Any], list] | None = None  # cross-field checks needing the framework

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


def _load_builtin() -> None:
    if _REGISTRY:
        return
    from .params import analysis

    register(DocumentType(
        key="ita_analysis",
        model=analysis.AnalysisParams,
        notebook="ita_analysis.ipynb",
        title_th="การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร",
        title_en="ITA results analysis and integrity measures",
        stem="ita_analysis",
        problems=analysis.problems,
    ))
