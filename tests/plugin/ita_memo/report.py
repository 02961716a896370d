"""The memo as its notebook sees it: the shared report base, the shared cover macro, its own template."""
from __future__ import annotations

from pathlib import Path

from toolkit.documents.base import DocumentReport
from toolkit.kit import sections


class MemoReport(DocumentReport):
    templates = Path(__file__).resolve().parent / "templates"

    def cover(self) -> sections.Section:
        return self._render("memo_cover.html.j2")

    def body(self) -> sections.Section:
        return self._render("memo_body.html.j2")
