"""Export executed report notebooks to self-contained HTML, A4 PDF and editable Word (nbconvert exporters
``ita_html``, ``ita_pdf``, ``ita_docx``)."""

from __future__ import annotations

import importlib
import threading
from typing import Any

from nbconvert.exporters import Exporter
from nbformat import NotebookNode

from .html import ReportHTMLExporter
from .pdf import ReportPDFExporter, chromium_page, close_chromium, html_to_pdf

__all__ = [
    "EXPORTERS",
    "ReportDOCXExporter",
    "ReportHTMLExporter",
    "ReportPDFExporter",
    "export_notebook",
    "get_exporter",
    "chromium_page",
    "close_chromium",
    "html_to_pdf",
]

#: Output format name -> exporter class; Word's is imported on first use (python-docx and its converters
#: cost a single HTML/PDF render ~0.1-0.3 s of start-up), see __getattr__.
EXPORTERS: dict[str, type[Exporter] | str] = {
    "html": ReportHTMLExporter,
    "pdf": ReportPDFExporter,
    "docx": "toolkit.export.docx:ReportDOCXExporter",
}


def _class(fmt: str) -> type[Exporter]:
    cls = EXPORTERS[fmt]
    if isinstance(cls, str):
        module, name = cls.split(":")
        cls = EXPORTERS[fmt] = getattr(importlib.import_module(module), name)
    return cls


def __getattr__(name: str) -> Any:
    """``ReportDOCXExporter`` is imported when first asked for."""
    if name == "ReportDOCXExporter":
        return _class("docx")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

_instances: dict[str, Exporter] = {}
_lock = threading.Lock()


def get_exporter(fmt: str) -> Exporter:
    """One exporter per format per process: building the Jinja environment is the slow part."""
    try:
        cls = _class(fmt)
    except KeyError:
        raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORTERS)}") from None
    with _lock:
        if fmt not in _instances:
            _instances[fmt] = cls()
        return _instances[fmt]


def export_notebook(
    nb: NotebookNode, fmt: str, resources: dict[str, Any] | None = None
) -> tuple[bytes, str]:
    """Export an executed notebook; returns (file body, extension such as ".html") ready to write."""
    exporter = get_exporter(fmt)
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    data = body.encode("utf-8") if isinstance(body, str) else body
    return data, exporter.file_extension
