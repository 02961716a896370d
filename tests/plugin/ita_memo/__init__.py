"""A document type from another package: a one-page memo, registered through the `ita_report.documents`
entry point (see README "Add a document type" and tests/test_plugin.py)."""
from __future__ import annotations

from pathlib import Path

from toolkit.documents.registry import DocumentType

from .model import MemoParams

DOCUMENT = DocumentType(
    key="memo",
    title_th="บันทึกข้อความ",
    title_en="Memo",
    stem="memo",
    notebook=str(Path(__file__).resolve().parent / "memo.ipynb"),
    model=MemoParams,
    score=lambda params: {"document": "memo", "paragraphs": len(params.body)},
)
