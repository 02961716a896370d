"""What every document's notebook object shares: params in, digit style, dictionary words, findings,
its own template folder, the one loading path for a params file or data a batch already validated, and the
front and back matter (foreword, contents, approval block; the findings box only in a draft)."""
from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from ..kit import places, sections
from ..kit.figures import Figures
from . import front, registry


def dictionary_words(params: Any) -> set[str]:
    """Names of this organisation and its places, so the word breaker never cuts them."""
    org = params.organisation
    words = {org.name, places.bare_place(org.district, "district"), places.bare_place(org.province, "province")}
    if org.subdistrict:
        words.add(places.bare_place(org.subdistrict, "subdistrict"))
    bare = places.bare_name(org.name)
    if bare != org.name:
        words.add(bare)
    return {w for w in words if w}


class DocumentReport:
    """Base of the notebook objects: each method of a subclass returns one displayable section."""

    templates: ClassVar[Path | None] = None  # the document type's template folder
    CONTENTS: ClassVar[tuple[str, ...]] = ()  # the section methods the table of contents lists, in order

    def __init__(self, params: Any):
        self.params = params
        self.figures = Figures.of(params)
        self.thai_digits = self.figures.thai
        self.words = dictionary_words(params)
        self.lint_findings = registry.lint(params)  # consistency findings, for the reviewer
        self.draft = getattr(params, "status", "final") == "draft"  # a draft shows findings and a watermark

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
        section = sections.render(template, self.thai_digits, self.words, folder=self.templates,
                                  draft=self.draft, **self._context(), **context)
        return sections.Section(front.anchor(section.html, template.split(".", 1)[0]))

    # -- front and back matter ------------------------------------------------------------
    @property
    def key(self) -> str:
        return registry.of(self.params).key

    def item_years(self) -> list[int]:
        """The ITA years whose item this document answers (its fiscal year; a plan: every year it covers)."""
        return [self.params.fiscal_year]

    def cover_items(self) -> list[dict]:
        """The OIT item this document answers, per year, for the cover (from the frameworks)."""
        return front.item_lines(self.key, self.item_years(), self.figures)

    def foreword_text(self) -> list[str]:
        """The generated คำนำ (each type says what it is about); params.foreword replaces it."""
        return []

    def foreword(self) -> sections.Section | None:
        """คำนำ: what the document is for, signed by the responsible unit with the month and year."""
        p = self.params
        paragraphs = p.foreword or self.foreword_text()
        if not paragraphs:
            return None
        when = p.issued or front.latest(s.date for s in p.approvals)
        return self._render("foreword.html.j2", paragraphs=paragraphs, unit=p.responsible_unit,
                            org_name=p.organisation.name, month_year=front.month_year(when, self.figures))

    def contents(self) -> sections.Section | None:
        """สารบัญ with links (page numbers are filled in when the PDF is printed), for longer documents."""
        listed = front.entries(getattr(self, name)() for name in self.CONTENTS)
        if len(listed) < front.MIN_CONTENTS:
            return None
        intro = front.entries([self.foreword()])
        return self._render("contents.html.j2", entries=intro + listed)

    def approvals(self) -> list:
        """Who signs the document (params.signatories, with the older prepared.signatory)."""
        return self.params.approvals

    def digits(self, value: Any) -> str:
        """Any number or text with its digits in the document's style."""
        return self.figures.digits(value)
