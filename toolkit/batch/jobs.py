"""Jobs: one per organisation and document, from a province table or a folder of params files.

A job carries validated params as plain JSON (so it pickles to any worker, local or remote), where
its outputs go, and a digest of everything its outputs depend on, for resuming.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from .. import __version__
from ..documents import registry
from ..kit.errors import InputError, InputErrors
from ..kit.paths import inside, safe_name
from ..params import read_params
from ..params.table import load_table

TABLE_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm")
DONE_GLOB = ".ita-done.*.json"  # one completion record per document type in an organisation's folder


@dataclass
class Job:
    key: str
    source: str
    row: int | None
    organisation: dict
    document: str = registry.DEFAULT
    data: dict | None = None  # validated params (JSON); None when the input is invalid
    error: dict | None = None  # {"th": …, "en": …} for invalid input
    out_dir: Path | None = None
    province_dir: Path | None = None
    formats: tuple[str, ...] = ("html", "pdf")
    digest: str = ""
    fiscal_year: int | None = None
    assessment_year: int | None = None
    extra: dict = field(default_factory=dict)
    run: str = ""  # this batch run's id: a retried job (worker lost) finds its own earlier completion
    toolkit: str = ""  # the submitting toolkit's fingerprint: a cluster worker with other code refuses the job

    @property
    def valid(self) -> bool:
        return self.data is not None

    @property
    def done_file(self) -> Path:
        return self.out_dir / f".ita-done.{self.document}.json"


@lru_cache(maxsize=1)
def toolkit_fingerprint() -> str:
    """Version plus a hash of the package's code and data: a changed template or rule redoes the work."""
    root = Path(__file__).resolve().parent.parent
    h = hashlib.sha256(__version__.encode())
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".j2", ".yaml", ".txt", ".css", ".json", ".js") \
                and "__pycache__" not in path.parts:
            h.update(str(path.relative_to(root)).encode())
            h.update(path.read_bytes())
    return h.hexdigest()


@lru_cache(maxsize=16)
def _file_sha(path: str, mtime: float) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def job_digest(data: dict, document: str, formats: Iterable[str]) -> str:
    """Everything the outputs depend on: params, notebook, toolkit code and data, formats."""
    nb = registry.get(document).notebook_path
    payload = json.dumps({
        "params": data, "document": document, "formats": sorted(formats),
        "notebook": _file_sha(str(nb), nb.stat().st_mtime), "toolkit": toolkit_fingerprint(),
    }, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _error_dict(exc: InputErrors | InputError) -> dict:
    errors = exc.errors if isinstance(exc, InputErrors) else [exc]
    return {
        "th": "; ".join(e.message_th() for e in errors),
        "en": "; ".join(e.message_en() for e in errors),
        "items": [e.as_dict() for e in errors],
    }


def job_of(params: Any, source: str, row: int | None = None) -> Job:
    """A job for validated params of any document type (its type says who it is about and which year)."""
    doc = registry.of(params)
    year = doc.assessment_year(params) if doc.assessment_year else None
    return Job("", source, row, doc.organisation_of(params), doc.key,
               data=params.model_dump(mode="json", by_alias=True), fiscal_year=params.fiscal_year,
               assessment_year=year)


def place(jobs: list[Job], out_root: Path, formats: tuple[str, ...]) -> list[Job]:
    """Output folders: <out>/<fiscal year>/<province>/<organisation>; same-named organisations of one
    province (common names recur across districts) get the district added; every part is a safe name."""
    districts: dict[tuple, set] = {}
    for job in jobs:
        org = job.organisation
        name = org.get("name") or f"row-{job.row}"
        k = (job.fiscal_year, org.get("province"), safe_name(name))
        districts.setdefault(k, set()).add(org.get("district"))
    for job in jobs:
        org = job.organisation
        province = org.get("province") or "ไม่ระบุจังหวัด"
        name = org.get("name") or f"row-{job.row}"
        folder = name
        if len(districts[(job.fiscal_year, org.get("province"), safe_name(name))]) > 1:
            folder = f"{name} ({org.get('district') or f'row {job.row}'})"
        year = str(job.fiscal_year or "unknown")
        job.province_dir = inside(out_root, year, province)
        job.out_dir = inside(job.province_dir, folder)
        job.key = f"{year}/{safe_name(province)}/{job.out_dir.name}"
        job.formats = formats
        if job.valid:
            job.digest = job_digest(job.data, job.document, formats)
    # an organisation's documents (analysis, results report, plan) share its folder; the same document
    # twice (same name and district in two rows) is kept apart
    keys = [(j.key, j.document) for j in jobs]
    for i, job in enumerate(jobs):
        if keys.count((job.key, job.document)) > 1:
            job.out_dir = job.out_dir.with_name(f"{job.out_dir.name} (row {job.row or i + 1})")
            job.key = f"{job.key} (row {job.row or i + 1})"
    for job in jobs:
        if job.document != registry.DEFAULT:
            job.key = f"{job.key} [{job.document}]"
    return jobs


def jobs_from_table(path: Path, fiscal_year: int, style: dict | None = None, sheet: str | None = None,
                    accept_published: bool = False) -> list[Job]:
    """One job per table row; bad rows become jobs that fail with their row's errors."""
    jobs = []
    for row in load_table(path, fiscal_year, registry.validate, sheet=sheet, style=style,
                          accept_published=accept_published):
        data_org = ((row.data or {}).get("organisation") or {}) if isinstance(row.data, dict) else {}
        if row.params is not None:
            jobs.append(job_of(row.params, str(path), row.number))
        else:
            org = {k: data_org.get(k) for k in ("name", "type", "district", "province")}
            jobs.append(Job("", str(path), row.number, org, error=_error_dict(row.errors),
                            fiscal_year=fiscal_year))
    return jobs


def jobs_from_folder(folder: Path, fiscal_year: int | None = None, accept_published: bool = False) -> list[Job]:
    """One job per params file (any document type); invalid files become failing jobs."""
    jobs = []
    for path in sorted(folder.glob("*.y*ml")):
        try:
            p = registry.load_params(path, accept_published=accept_published)
        except (InputErrors, InputError) as exc:
            org: dict = {}
            try:  # show whatever name the broken file carries
                raw, _ = read_params(path)
                if isinstance(raw, dict) and isinstance(raw.get("organisation"), dict):
                    org = {k: str(v) for k, v in raw["organisation"].items()
                           if k in ("name", "type", "district", "province") and v is not None}
            except Exception:  # noqa: BLE001 - the error below already says what is wrong
                pass
            jobs.append(Job("", str(path), None, org or {"name": path.stem}, error=_error_dict(exc),
                            fiscal_year=fiscal_year))
            continue
        if fiscal_year is not None and p.fiscal_year != fiscal_year:
            continue  # another year's document in the same folder
        jobs.append(job_of(p, str(path)))
    return jobs


def load_jobs(source: Path, fiscal_year: int | None, out_root: Path, formats: tuple[str, ...],
              style: dict | None = None, sheet: str | None = None, accept_published: bool = False) -> list[Job]:
    """Jobs from a table file or a folder of params files, placed in the output tree."""
    source = Path(source)
    if source.is_dir():
        jobs = jobs_from_folder(source, fiscal_year, accept_published)
    else:
        if fiscal_year is None:
            raise InputErrors([InputError(str(source), None,
                                          "ต้องระบุ --fiscal-year (ปีงบประมาณของเอกสาร) เมื่ออ่านจากตาราง",
                                          "--fiscal-year (the documents' fiscal year) is required for a table")])
        jobs = jobs_from_table(source, fiscal_year, style=style, sheet=sheet, accept_published=accept_published)
    return place(jobs, Path(out_root), formats)


def done_record(job: Job) -> dict | None:
    """The completion record of an earlier run, if its inputs are unchanged and its outputs whole."""
    record_path = job.done_file
    try:
        record = json.loads(record_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if record.get("digest") != job.digest or record.get("status") != "ok":
        return None
    for rel in record.get("files", {}).values():
        f = job.province_dir / rel
        if not f.is_file() or f.stat().st_size == 0:
            return None
    return record
