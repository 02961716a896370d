"""What every document's notebook object shares: params in, digit style, dictionary words, findings,
its own template folder, and the one loading path for a params file or data a batch already validated."""
from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from ..kit import places, sections
from ..kit.figures import Figures
from . import registry


def dictionary_words(params: Any) -> set[str]:
    """Names of this organisation's places and the name after its type, so the word breaker never cuts
    them; not the whole name, which must break between its words (องค์การบริหารส่วนตำบล|สามเรือน) to fit
    a cover line or a phone."""
    org = params.organisation
    words = {places.bare_place(org.district, "district"), places.bare_place(org.province, "province"),
             places.bare_name(org.name)}
    if org.subdistrict:
        words.add(places.bare_place(org.subdistrict, "subdistrict"))
    return {w for w in words if w}


class DocumentReport:
    """Base of the notebook objects: each method of a subclass returns one displayable section."""

    templates: ClassVar[Path | None] = None  # the document type's template folder

    def __init__(self, params: Any):
        self.params = params
        self.figures = Figures.of(params)
        self.thai_digits = self.figures.thai
        self.words = dictionary_words(params)
        self.lint_findings = registry.lint(params)  # consistency findings, for the reviewer

    @classmethod
    def load(cls, params_file: str | Path | None = None, params_data: dict | None = None):
        """From a params file, or from data a batch already validated (same code path either way)."""
        if params_data is not None:
            return cls(registry.load_params(params_file or "<params>", params_data))
        if params_file is None:
            raise ValueError("params_file or params_data is required")
        return cls(registry.load_params(params_file))

    def _context(self) -> dict[str, Any]:
        return {"p": self.params}

    def _render(self, template: str, **context: Any) -> sections.Section:
        return sections.render(template, self.thai_digits, self.words, folder=self.templates,
                               **self._context(), **context)

    def digits(self, value: Any) -> str:
        """Any number or text with its digits in the document's style."""
        return self.figures.digits(value)
