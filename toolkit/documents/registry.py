"""Document types: everything the CLI and the batch need to know about a published document.

Each document type is one package under toolkit/documents/ whose `DOCUMENT` is a `DocumentType`;
other packages add theirs through the `ita_report.documents` entry-point group (see the README's
"Add a document type" and tests/documents/test_registry.py). Built-in types are found by entry point
too, and by name when the package is run from a checkout that was never installed. Nothing here
imports a document package by name, so document packages stay independent of each other.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any, Callable

from ..frameworks import framework_for
from ..kit import checks, paths
from ..kit.errors import InputError, InputErrors, Location
from ..kit.figures import Figures
from ..kit.findings import Finding
from ..params import Locate, field_location, read_params, validate_model

DEFAULT = "ita_analysis"
ENTRY_POINT_GROUP = "ita_report.documents"
BUILTIN = ("analysis", "integrity", "plan", "province")  # packages of toolkit.documents


@dataclass(frozen=True)
class DocumentType:
    """One kind of published document: its params, checks, notebook and how it is named and scored."""

    key: str
    title_th: str
    title_en: str
    stem: str  # output file name without extension
    notebook: str  # a file in the notebooks folder, or an absolute path (types from other packages)
    model: type | None = None  # the pydantic params model (None when `validate` is given)
    validate: Callable[[Any, str | None, Locate], Any] | None = None  # (data, source, locate) → params
    problems: Callable[[Any, str | None], list] | None = None  # cross-field checks: (path, th, en, got)
    lint: Callable[[Any, dict], list[Finding]] | None = None  # consistency findings of this type
    findings: Callable[[Any], list[Finding]] | None = None  # computed findings (reconciliation of scores)
    title: Callable[[Any], str] | None = None  # the document's full title for these params
    score: Callable[[Any], dict] | None = None  # the type's own figures, for `ita-report score --json`
    headline: Callable[[Any], dict] | None = None  # figures a batch manifest keeps (index page, province)
    out_dir: Callable[[Any, Path], Path] | None = None  # default folder under an output root
    recognise: Callable[[dict], bool] | None = None  # data without `document:` that is of this type
    organisation: Callable[[Any], dict] | None = None  # who the document is about, for manifests
    assessment_year: Callable[[Any], int | None] | None = None  # the ITA year it reports on, if any
    framework: Callable[[Any], Any] | None = None  # the ITA framework it follows (default: its fiscal year's)
    rows: Callable[[Any], int] | None = None  # organisations it lists, when its page budget grows with them
    examples: tuple[str, ...] = ()  # example params files (names in the examples folder, or paths)
    parameters: tuple[str, ...] = ()  # the notebook's parameters when there is no `model` to list them
    extras: dict[str, Callable] = field(default_factory=dict)  # services other types may ask for by name

    @property
    def notebook_path(self) -> Path:
        path = Path(self.notebook)
        return path if path.is_absolute() else paths.notebooks_dir() / path

    def example_paths(self) -> list[Path]:
        """The example params files of this type that exist."""
        out = []
        for name in self.examples:
            path = Path(name)
            path = path if path.is_absolute() else paths.examples_dir() / path
            if path.exists():
                out.append(path)
        return out

    def validate_data(self, data: Any, source: str | None = None, locate: Locate | None = None) -> Any:
        """Validated params of this type from parsed data (one code path for files, rows and batches)."""
        if self.validate is not None:
            return self.validate(data, source, locate or (lambda loc: Location()))
        return validate_model(self.model, data, source, locate, self.problems)

    def full_title(self, params: Any) -> str:
        """The HTML <title> and PDF title: the type's own wording when it has one."""
        if self.title is not None:
            return self.title(params)
        return (f"{self.title_th} ประจำปีงบประมาณ พ.ศ. {Figures.of(params).year(params.fiscal_year)} "
                f"{params.organisation.name}")

    def default_out_dir(self, params: Any, root: Path) -> Path:
        """outputs/<fiscal year>/<province>/<organisation>/ unless the type says otherwise."""
        if self.out_dir is not None:
            return self.out_dir(params, Path(root))
        org = params.organisation
        return paths.inside(root, str(params.fiscal_year), org.province, org.name)

    def framework_of(self, params: Any) -> Any:
        """The ITA framework the document follows, for its provenance; None when there is none for its year."""
        try:
            if self.framework is not None:
                return self.framework(params)
            return framework_for(params.fiscal_year)
        except InputError:
            return None

    def organisation_of(self, params: Any) -> dict:
        if self.organisation is not None:
            return self.organisation(params)
        org = params.organisation
        return {"name": org.name, "type": org.type, "district": org.district, "province": org.province}


_REGISTRY: dict[str, DocumentType] = {}
_LOADED = False


def register(doc: DocumentType) -> DocumentType:
    """Add a document type (built-in packages and entry points call this through `_load`)."""
    _REGISTRY[doc.key] = doc
    return doc


def _load() -> None:
    """Built-in types by package name (a checkout never installed has no entry points), then entry points."""
    global _LOADED
    if _LOADED:
        return
    _LOADED = True
    for name in BUILTIN:
        register(importlib.import_module(f"{__package__}.{name}").DOCUMENT)
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        if ep.value.startswith(f"{__package__}."):
            continue  # a built-in type, registered above
        register(ep.load())


def get(key: str) -> DocumentType:
    _load()
    return _REGISTRY[key]


def keys() -> list[str]:
    _load()
    return sorted(_REGISTRY)


def all_types() -> list[DocumentType]:
    _load()
    return [_REGISTRY[k] for k in sorted(_REGISTRY)]


def type_of(data: Any, source: str | None = None, locate: Locate | None = None) -> DocumentType:
    """The document type parsed data asks for: its `document:` key, else the type that recognises it."""
    if isinstance(data, dict) and "document" in data:
        key = data["document"]
        if key not in keys():
            loc = field_location(locate or (lambda loc: Location()), ["document"])
            raise InputErrors([InputError(source, loc, f"ชนิดเอกสารต้องเป็นหนึ่งใน: {', '.join(keys())}",
                                          f"document must be one of: {', '.join(keys())}", key)], source)
        return get(key)
    if isinstance(data, dict):
        for doc in all_types():
            if doc.recognise is not None and doc.recognise(data):
                return doc
    return get(DEFAULT)


def validate(data: Any, source: str | None = None, locate: Locate | None = None) -> Any:
    """Validated params of whatever document type the data is."""
    return type_of(data, source, locate).validate_data(data, source, locate)


def load_params(source: str | Path | dict, data: dict | None = None, accept_published: bool = False) -> Any:
    """The validated params of one document, from a params file or from already-parsed data.

    ``accept_published`` (CLI ``--accept-published``) sets the params flag of that name where the document
    type has it: official figures are printed even where they contradict the organisation's own.
    """
    if isinstance(source, dict):
        return validate(_accepting(source, accept_published), None)
    if data is not None:
        return validate(_accepting(data, accept_published), str(source))
    parsed, locate = read_params(source)
    return validate(_accepting(parsed, accept_published, str(source), locate), str(source), locate)


def _accepting(data: Any, accept: bool, source: str | None = None, locate: Locate | None = None) -> Any:
    if not accept or not isinstance(data, dict):
        return data
    model = type_of(data, source, locate).model
    return {**data, "accept_published": True} if model is not None and "accept_published" in model.model_fields \
        else data


def of(params: Any) -> DocumentType:
    """The document type of validated params."""
    return get(params.document)


def lint(params: Any) -> list[Finding]:
    """All consistency findings for one document's params (generic checks + its type's own)."""
    doc = of(params)
    if doc.lint is None:
        return []
    data = params.model_dump(mode="python", by_alias=True)
    org = params.organisation
    findings = checks.other_organisations(data, [org.name, org.short_name])
    findings += checks.placeholders(data)
    return findings + list(doc.lint(params, data))


def check(params: Any) -> list[Finding]:
    """What `ita-report check` reports: the document's computed findings, then the consistency checks."""
    doc = of(params)
    out = list(doc.findings(params)) if doc.findings else []
    return out + lint(params)
