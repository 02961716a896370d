"""The ``ita_docx`` nbconvert exporter: an executed report notebook to an editable Thai Word document."""

from __future__ import annotations

import base64
import datetime as dt
import os
import time
from typing import Any

from nbconvert.exporters import Exporter
from nbconvert.filters.markdown import markdown2html
from nbformat import NotebookNode
from traitlets import Bool, Enum, Int, Unicode, default
from traitlets.config import Config

from ...kit.sections import EXPORT_MIME
from ..html import REMOVE_CELL_TAGS, REMOVE_OUTPUT_TAGS, page_style
from . import blocks as B
from .from_html import HtmlConverter
from .layout import DEFAULT_FILE, load_layout
from .raster import rasterise_pictures
from .writer import write_docx

DOCX_MIMETYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_THAI_DIGIT = set("๐๑๒๓๔๕๖๗๘๙")


def document_meta(nb: NotebookNode) -> B.Meta:
    """Core properties from nb.metadata["ita"] (written by toolkit.run.render)."""
    ita = nb.metadata.get("ita", {}) or {}
    org = str(ita.get("organisation") or "")
    year = ita.get("fiscal_year")
    keywords = "; ".join(x for x in ("ITA", f"ปีงบประมาณ พ.ศ. {year}" if year else "", org) if x)
    version = str(ita.get("toolkit_version") or "")
    return B.Meta(
        title=str(ita.get("title") or nb.metadata.get("title") or ""),
        subject=org,
        keywords=keywords,
        category=str(ita.get("document_title") or ita.get("document") or ""),
        version=version,
        description=f"ita-report-toolkit {version}".strip(),
    )


def uses_thai_digits(nb: NotebookNode) -> bool:
    """The document's digit style: metadata["ita"]["thai_digits"] (toolkit.run.render writes it); for a
    notebook executed outside the toolkit, what its title uses (Thai digits when it has no digits)."""
    ita = nb.metadata.get("ita", {}) or {}
    if "thai_digits" in ita:
        return bool(ita["thai_digits"])
    title = str(ita.get("title") or "")
    if _THAI_DIGIT & set(title):
        return True
    return not any(ch.isascii() and ch.isdigit() for ch in title)


def notebook_to_document(nb: NotebookNode, thai_digits: bool | None = None, break_hints: bool = False) -> B.Document:
    """Blocks of every visible output and markdown cell, in order (no code, no stderr)."""
    conv = HtmlConverter(thai_digits=uses_thai_digits(nb) if thai_digits is None else thai_digits,
                         break_hints=break_hints)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            conv.feed(markdown2html(cell.source))
        elif cell.cell_type == "raw" and cell.metadata.get("format", "text/html") in ("text/html", "html"):
            conv.feed(cell.source)
        elif cell.cell_type == "code":
            for out in cell.get("outputs", []):
                _output(conv, out)
    doc = conv.finish()
    doc.meta = document_meta(nb)
    return doc


def _output(conv: HtmlConverter, out: NotebookNode) -> None:
    kind = out.get("output_type")
    if kind == "stream":
        if out.get("name") == "stdout":
            conv.add_preformatted(out.get("text", ""))
        return
    if kind == "error":
        conv.add_preformatted(f"{out.get('ename', 'Error')}: {out.get('evalue', '')}")
        return
    data = out.get("data", {})
    alt = str((out.get("metadata") or {}).get("alt") or "ภาพประกอบ")
    if EXPORT_MIME in data:  # a report section's page HTML, charts inline
        conv.feed(data[EXPORT_MIME])
    elif "text/html" in data:
        conv.feed(data["text/html"])
    elif "image/svg+xml" in data:
        conv.feed(f'<figure aria-label="{alt}">{data["image/svg+xml"]}</figure>')
    elif "image/png" in data:
        conv.add_picture(base64.b64decode(data["image/png"]), alt)
    elif "text/markdown" in data:
        conv.feed(markdown2html(data["text/markdown"]))
    elif "text/plain" in data:
        conv.add_preformatted(data["text/plain"])


def source_date() -> dt.datetime | None:
    """SOURCE_DATE_EPOCH as the documents' creation date (reproducible builds); None leaves dates out."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return None
    return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).replace(tzinfo=None)


class ReportDOCXExporter(Exporter):
    """Word document with the same content as the HTML report, in Word's own styles (nbconvert ``ita_docx``)."""

    export_from_notebook = "ITA report (Word)"
    output_mimetype = DOCX_MIMETYPE

    font = Unicode(help="Font named in every style (default: $ITA_DOCX_FONT, else the layout file's: "
                   "TH SarabunPSK).").tag(config=True)
    layout_file = Unicode(help="YAML file with page geometry, type sizes and font (default: $ITA_DOCX_LAYOUT, "
                          "else the package's layout.yaml).").tag(config=True)
    dpi = Int(300, help="Resolution of charts drawn from SVG.").tag(config=True)
    break_hints = Bool(False, help="Keep zero-width spaces between Thai words (line-break hints) in the text.").tag(
        config=True)
    digits = Enum(["auto", "thai", "arabic"], default_value="auto",
                  help="Page-number digits: auto follows the document (metadata or title).").tag(config=True)

    @default("file_extension")
    def _file_extension_default(self) -> str:
        return ".docx"

    @default("font")
    def _font_default(self) -> str:
        return os.environ.get("ITA_DOCX_FONT", "")

    @default("layout_file")
    def _layout_file_default(self) -> str:
        return os.environ.get("ITA_DOCX_LAYOUT") or str(DEFAULT_FILE)

    @property
    def default_config(self) -> Config:
        """The cell tags that hide cells or outputs in HTML hide them here too."""
        c = Config({"TagRemovePreprocessor": {"enabled": True, "remove_cell_tags": REMOVE_CELL_TAGS,
                                              "remove_all_outputs_tags": REMOVE_OUTPUT_TAGS}})
        c2 = super().default_config.copy()
        c2.merge(c)
        return c2

    def from_notebook_node(  # type: ignore[override]
        self, nb: NotebookNode, resources: dict[str, Any] | None = None, **kw: Any
    ) -> tuple[bytes, dict[str, Any]]:
        """DOCX bytes (bytes make nbconvert's writer write binary) and resources with timings."""
        nb_copy, resources = super().from_notebook_node(nb, resources, **kw)
        t0 = time.perf_counter()
        digits = None if self.digits == "auto" else self.digits == "thai"
        document = notebook_to_document(nb_copy, thai_digits=digits, break_hints=self.break_hints)
        t1 = time.perf_counter()
        raster = rasterise_pictures(document, self.dpi)
        if not os.path.isfile(self.layout_file):
            raise FileNotFoundError(f"DOCX layout file not found: {self.layout_file} (ITA_DOCX_LAYOUT or layout_file); "
                                    f"copy toolkit/export/docx/layout.yaml and edit it / ไม่พบไฟล์รูปแบบหน้า "
                                    f"{self.layout_file}")
        layout = load_layout(self.layout_file)
        if self.layout_file == str(DEFAULT_FILE):  # the page box of the PDF: params' style.page included
            layout = layout.with_page(page_style(nb))
        layout = layout.with_font(self.font or None)
        data = write_docx(document, layout, created=source_date())
        resources["output_extension"] = self.file_extension
        resources["ita_docx"] = {"convert_s": t1 - t0, "raster_s": raster,
                                 "write_s": time.perf_counter() - t1 - raster, "notes": document.notes}
        for note in sorted(set(document.notes)):
            self.log.info("DOCX: %s", note)
        return data, resources
