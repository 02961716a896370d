"""HTML exporter for ITA reports: the ``ita`` template, no code, no prompts, nothing fetched from the network."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from nbconvert.exporters import HTMLExporter, TemplateExporter
from nbformat import NotebookNode
from traitlets import Bool, Enum, List, Unicode, default, validate
from traitlets.config import Config

from ..kit import page
from ..kit.sections import EXPORT_MIME
from .fonts import DEFAULT_STYLES, FORMATS, font_face_css

#: Directory holding our nbconvert templates (``ita/``); added to ``extra_template_basedirs``.
TEMPLATES_DIR = str(Path(__file__).resolve().parent / "templates")

#: Output types the reports render, richest first; JS, widgets, LaTeX and mermaid need scripts.
#: A report section's own page HTML (charts inline; toolkit.kit.sections.EXPORT_MIME) comes first: its
#: text/html twin shows each chart as an <img> so that Jupyter's sanitiser keeps it.
DISPLAY_PRIORITY = [
    EXPORT_MIME,
    "text/html",
    "image/svg+xml",
    "image/png",
    "image/jpeg",
    "text/markdown",
    "text/plain",
]

#: Cell tags that drop a whole cell (``remove-cell`` as in Jupyter Book, ``hide`` for short).
REMOVE_CELL_TAGS = {"remove-cell", "hide"}
REMOVE_OUTPUT_TAGS = {"remove-output", "hide-output"}


class ReportHTMLExporter(HTMLExporter):
    """Self-contained, script-free HTML for reviewers; also the layout source for the PDF."""

    export_from_notebook = "ITA report (HTML)"

    font_styles = List(
        Unicode(),
        default_value=list(DEFAULT_STYLES),
        help="Sarabun styles embedded as @font-face (each adds ~60 kB as base64 WOFF).",
    ).tag(config=True)

    font_format = Enum(
        list(FORMATS), default_value="woff", help="Embedded font format: woff, woff2 (needs brotli) or truetype."
    ).tag(config=True)

    include_stdout = Bool(
        True, help="Show print() output of code cells; stderr is never shown."
    ).tag(config=True)

    image_alt = Unicode(
        "ภาพประกอบ", help="Alt text for output images that carry no 'alt' metadata."
    ).tag(config=True)

    @default("template_name")
    def _template_name_default(self) -> str:
        return "ita"

    @default("extra_template_basedirs")
    def _default_extra_template_basedirs(self) -> list[str]:
        return [os.getcwd(), TEMPLATES_DIR]

    @validate("extra_template_basedirs")
    def _keep_our_templates(self, proposal: Any) -> list[str]:
        """User-configured template dirs come first, but ``ita`` must stay findable."""
        dirs = list(proposal["value"])
        return dirs if TEMPLATES_DIR in dirs else [*dirs, TEMPLATES_DIR]

    @default("exclude_input")
    def _exclude_input_default(self) -> bool:
        return True

    @default("exclude_input_prompt")
    def _exclude_input_prompt_default(self) -> bool:
        return True

    @default("exclude_output_prompt")
    def _exclude_output_prompt_default(self) -> bool:
        return True

    @default("exclude_anchor_links")
    def _exclude_anchor_links_default(self) -> bool:
        return True

    @default("embed_images")
    def _embed_images_default(self) -> bool:
        return True

    @default("language_code")
    def _language_code_default(self) -> str:
        return "th"

    @default("raw_mimetypes")
    def _raw_mimetypes_default(self) -> list[str]:
        # Raw HTML cells belong in the PDF too (its output_mimetype is application/pdf).
        return ["text/html", ""]

    @property
    def default_config(self) -> Config:
        """Rich outputs that need no script, and the cell tags that hide cells or outputs."""
        c = Config(
            {
                "NbConvertBase": {"display_data_priority": DISPLAY_PRIORITY},
                "TagRemovePreprocessor": {
                    "enabled": True,
                    "remove_cell_tags": REMOVE_CELL_TAGS,
                    "remove_all_outputs_tags": REMOVE_OUTPUT_TAGS,
                },
                "HighlightMagicsPreprocessor": {"enabled": False},
            }
        )
        c2 = super().default_config.copy()
        c2.merge(c)
        return c2

    def from_notebook_node(  # type: ignore[override]
        self, nb: NotebookNode, resources: dict[str, Any] | None = None, **kw: Any
    ) -> tuple[str, dict[str, Any]]:
        """Render the template, skipping HTMLExporter's BeautifulSoup pass (0.3 s of 0.33 s per report)."""
        # That pass only adds English alt text and tabindex on lab-template classes; the ita
        # template writes alt text itself, and re-parsing thousands of word spans is slow.
        # Widget and code-highlight filters are not needed: no widgets, no input cells.
        resources = dict(resources or {})
        style = page_style(nb)
        resources["ita_page_css"] = style.font_face_css() + style.css()
        resources["ita_max_pages"] = style.max_pages
        m, lm = style.margins_cm, style.landscape_margins_cm
        resources["ita_margins"] = f"{m.top:g} {m.bottom:g} {lm.top:g} {lm.bottom:g}"
        return TemplateExporter.from_notebook_node(self, nb, resources, **kw)

    def _init_resources(self, resources: dict[str, Any] | None) -> dict[str, Any]:
        """Hand the template its embedded fonts and switches (it cannot see traits)."""
        resources = super()._init_resources(resources)
        resources["ita_font_css"] = font_face_css(tuple(self.font_styles), self.font_format)
        resources["ita_include_stdout"] = self.include_stdout
        resources["ita_image_alt"] = self.image_alt
        return resources


def page_style(nb: NotebookNode) -> page.PageStyle:
    """The notebook's page geometry (run.render stores it as metadata ita.page), else its type's defaults."""
    meta = nb.metadata.get("ita", {})
    if meta.get("page"):
        return page.PageStyle.from_dict(meta["page"])
    return page.load(meta.get("document"))
