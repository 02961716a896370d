"""Word (DOCX) export of ITA reports: section HTML → document blocks → WordprocessingML.

Modules: ``blocks`` (the document model), ``from_html`` (our section HTML to blocks), ``raster``
(inline SVG charts to PNG in headless Chromium), ``styles`` (the generated template: styles, fonts,
numbering), ``writer`` (blocks to .docx bytes, byte-stable), ``layout`` (page geometry as data),
``exporter`` (the nbconvert exporter ``ita_docx``).
"""

from __future__ import annotations

from .blocks import Document
from .exporter import DOCX_MIMETYPE, ReportDOCXExporter, notebook_to_document
from .from_html import HtmlConverter
from .layout import Layout, Margins, layout_from_mapping, load_layout
from .raster import rasterise_pictures
from .writer import write_docx

__all__ = [
    "DOCX_MIMETYPE",
    "Document",
    "HtmlConverter",
    "Layout",
    "Margins",
    "ReportDOCXExporter",
    "layout_from_mapping",
    "load_layout",
    "notebook_to_document",
    "rasterise_pictures",
    "write_docx",
]
