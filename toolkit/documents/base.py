"""What every document's notebook object shares: params in, digit style, dictionary words, findings,
its own template folder, the one loading path for a params file, the notebook's own parameters
(papermill -f/-y/-p) or data a batch already validated, and the front and back matter (foreword, contents,
approval block; the findings box only in a draft).

A loaded report follows its params: change a value in the notebook (``report.params.assessment.
indicators[9] = 90``) and the next section is computed from the changed, re-validated params (an invalid
value raises the CLI's bilingual error); ``report.update(assessment={"indicators": {9: 90}})`` returns a
new report and leaves this one as it is.
"""
from __future__ import annotations

import copy
import json
import warnings
from pathlib import Path
from types import ModuleType
from typing import Any, ClassVar

from ..kit import places, sections
from ..kit.errors import InputError, InputErrors
from ..kit.figures import Figures
from . import front, registry

NOTEBOOK_SOURCE = "<notebook parameters>"
# what IPython itself puts in a notebook's namespace: never a parameter
_IPYTHON_NAMES = frozenset({"In", "Out", "get_ipython", "exit", "quit", "open"})


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


def _parameter_error(name: str, th: str, en: str, got: Any = ...) -> InputErrors:
    error = InputError(NOTEBOOK_SOURCE, name, th, en) if got is ... else InputError(NOTEBOOK_SOURCE, name, th, en, got)
    return InputErrors([error], NOTEBOOK_SOURCE)


def parameter_names(document: str) -> tuple[str, ...]:
    """The params keys a document's notebook takes as parameters (its model's top-level fields)."""
    doc = registry.get(document)
    if doc.parameters:
        return tuple(doc.parameters)
    if doc.model is None:
        return ()
    return tuple(f.alias or name for name, f in doc.model.model_fields.items())


def notebook_params(namespace: dict[str, Any], document: str) -> tuple[str | None, dict | None]:
    """(params_file, params_data) for `Report.load` from the variables of a notebook's parameters cells.

    The parameters are either a params file (`params_file`), or the params keys themselves (what
    `papermill -f file.yaml`, `-y` and `-p` set), or `params_data` as `ita-report render` passes it
    (then `params_file` only names its source); none of them gives the bundled example. A variable that is
    no parameter of this document, or two ways at once, is an error (Thai and English), not a warning.
    """
    keys = parameter_names(document)
    given = {name: value for name, value in namespace.items()
             if not name.startswith("_") and name not in _IPYTHON_NAMES
             and not isinstance(value, (type, ModuleType)) and not callable(value)}
    known = {"params_file", "params_data", *keys}
    unknown = sorted(set(given) - known)
    if unknown:
        allowed = ", ".join(sorted(known))
        raise InputErrors([InputError(NOTEBOOK_SOURCE, name, f"ไม่ใช่พารามิเตอร์ของเอกสาร {document} (ใช้ได้: {allowed})",
                                      f"not a parameter of a {document} document (known: {allowed})")
                           for name in unknown], NOTEBOOK_SOURCE)
    params_file, params_data = given.get("params_file"), given.get("params_data")
    values = {k: given[k] for k in keys if given.get(k) is not None}
    if values.get("document", document) != document:
        raise _parameter_error("document", f"notebook นี้สร้างเอกสาร {document} เท่านั้น",
                               f"this notebook renders {document} documents only", values["document"])
    values.pop("document", None)
    if params_data is not None:
        if values:
            raise _parameter_error(", ".join(values), "params_data (จาก ita-report) ใช้พร้อมค่ารายตัวไม่ได้",
                                   "params_data (from ita-report) cannot be combined with separate keys")
        return (str(params_file) if params_file else NOTEBOOK_SOURCE), params_data
    if params_file is not None:
        if values:
            raise _parameter_error(", ".join(values), f"ระบุได้ทางเดียว: params_file={params_file!r} หรือค่ารายตัว",
                                   f"give params_file={params_file!r} or the keys themselves, not both")
        return str(params_file), None
    if values:
        return NOTEBOOK_SOURCE, {"document": document, **values}  # "1" keys from papermill: the models take them
    examples = registry.get(document).example_paths()
    if not examples:
        raise _parameter_error("params_file", "ต้องระบุ params_file หรือค่าของเอกสาร",
                               "give params_file or the document's keys")
    return str(examples[0]), None


def _merge(base: Any, changes: Any) -> Any:
    """`changes` laid over `base`: dicts merge key by key (so one indicator can change), the rest replaces."""
    if isinstance(base, dict) and isinstance(changes, dict):
        out = dict(base)
        for key, value in changes.items():
            match = next((k for k in base if str(k) == str(key)), key)
            out[match] = _merge(base.get(match), value)
        return out
    return copy.deepcopy(changes)


def _state(params: Any) -> str:
    """What the params hold now, to notice a change made in the notebook."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pydantic warns when a typed value was replaced by another type
        data = params.model_dump(mode="json", by_alias=True, warnings=False)
    return json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)


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
        self._loaded = _state(params)
        self.draft = getattr(params, "status", "final") == "draft"  # a draft shows findings and a watermark

    @classmethod
    def load(cls, params_file: str | Path | None = None, params_data: dict | None = None):
        """From a params file, or from data a batch already validated (same code path either way)."""
        if params_data is not None:
            report = cls(registry.load_params(params_file or "<params>", params_data))
        elif params_file is None:
            raise ValueError("params_file or params_data is required")
        else:
            report = cls(registry.load_params(params_file))
        report._source = str(params_file) if params_file else "<params>"
        return report

    def update(self, changes: dict | None = None, **keys: Any) -> "DocumentReport":
        """A new report from these params with `changes` laid over them (nested dicts merge), validated like
        a params file: e.g. ``report.update(assessment={"indicators": {9: 90}})``."""
        data = _merge(self._data(), {**(changes or {}), **keys})
        report = type(self)(registry.load_params(self._where(), data))
        report._source = self._where()
        return report

    def _where(self) -> str:
        return self.__dict__.get("_source") or NOTEBOOK_SOURCE

    def _data(self) -> dict:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return self.params.model_dump(mode="python", by_alias=True, warnings=False)

    def _refresh(self) -> None:
        """Recompute from the params if they were changed in place since the report was computed."""
        loaded = self.__dict__.get("_loaded")
        if loaded is None or _state(self.params) == loaded:
            return
        params = registry.load_params(self._where(), self._data())  # invalid values: the CLI's errors
        source = self._where()
        self.__dict__.clear()
        type(self).__init__(self, params)
        self._source = source

    def __getattribute__(self, name: str) -> Any:
        # every public method of a report (a section, a figure, a text) first follows changed params
        if not name.startswith("_") and name not in ("update", "load", "params"):
            attr = getattr(type(self), name, None)
            if callable(attr) and not isinstance(attr, type):
                object.__getattribute__(self, "_refresh")()
        return object.__getattribute__(self, name)

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
