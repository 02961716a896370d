"""Run a batch: jobs → executor (local processes or a Dask cluster) → manifest, index, summary.

A re-run skips every organisation whose inputs are unchanged and whose outputs are whole (see
jobs.done_record); a killed run leaves only temporary files, removed on the next start.
"""
from __future__ import annotations

import json
import os
import time
import uuid
from collections import Counter, defaultdict
from concurrent.futures import Executor, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Callable, Iterable

from .. import __version__
from ..documents import registry
from ..engine import Engine
from ..kit.errors import ToolkitError
from ..kit.paths import clean_temporaries, write_atomic
from ..run import render
from ..site import MANIFEST, build_year
from .jobs import Job, done_record, job_digest, load_jobs, toolkit_fingerprint
from .peers import attach_peers
from .progress import Progress
from .worker import entry_of, init_worker, run_job


@dataclass
class BatchResult:
    entries: list[dict]
    provinces: dict[Path, list[dict]] = field(default_factory=dict)
    outputs: dict[str, list[Path]] = field(default_factory=lambda: defaultdict(list))
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)  # province-level steps that failed (index, summary)

    @property
    def failed(self) -> list[dict]:
        return [e for e in self.entries if e["status"] == "failed"]

    @property
    def counts(self) -> Counter:
        return Counter(e["status"] for e in self.entries)

    @property
    def exit_code(self) -> int:
        return 1 if self.failed or self.problems else 0


# -- executors: a registry, so a cluster type is one function ---------------------------------
def process_executor(workers: int, scheduler: str | None = None) -> tuple[Executor, Callable[[], None]]:
    """Local worker processes (spawned: no kernel, socket or browser is inherited from the parent)."""
    env = {k: os.environ[k] for k in ("ITA_PDF_ENGINE", "ITA_CHROMIUM", "ITA_FRAMEWORKS_PATH") if k in os.environ}
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn"),
                               initializer=init_worker, initargs=(env,))
    return pool, lambda: pool.shutdown(wait=True, cancel_futures=True)


def dask_executor(workers: int, scheduler: str | None = None) -> tuple[Executor, Callable[[], None]]:
    """The same jobs on a Dask distributed cluster (`Client.get_executor()`): a national run over machines.

    Workers need this package installed and the output folder on a shared filesystem.
    """
    try:
        from distributed import Client
    except ImportError:
        raise ToolkitError("ไม่ได้ติดตั้ง Dask / Dask is not installed: pip install 'ita-report-toolkit[dask]'") from None

    client = Client(scheduler, timeout=30)
    return client.get_executor(pure=False), client.close


EXECUTORS: dict[str, Callable[..., tuple[Executor, Callable[[], None]]]] = {
    "process": process_executor,
    "dask": dask_executor,
}


def _skipped_entry(job: Job, record: dict) -> dict:
    entry = dict(record)
    entry.update(status="skipped", key=job.key, row=job.row, source=job.source)
    return entry


def write_manifest(province_dir: Path, entries: list[dict], style: dict | None = None) -> Path:
    """The province's record of this batch: every organisation's status, scores and files; the input of the
    province summary (a document type of its own), so it carries the batch's digit style too."""
    years = Counter(e.get("assessment_year") for e in entries if e.get("assessment_year"))
    first = entries[0]
    manifest = {
        "fiscal_year": first.get("fiscal_year"),
        "province": (first.get("organisation") or {}).get("province") or province_dir.name,
        "assessment_year": years.most_common(1)[0][0] if years else None,
        "generated_by": f"ita-report-toolkit {__version__}",
        "style": {"thai_digits": (style or {}).get("thai_digits", True)},
        "entries": sorted(entries, key=lambda e: (e.get("row") or 0, e["key"])),
    }
    return write_atomic(province_dir / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))


def _plan(jobs: list[Job], force: bool) -> tuple[list[dict], list[Job]]:
    """Entries already settled (invalid input, unchanged since the last run) and the jobs left to run."""
    for d in {j.province_dir for j in jobs}:
        if d.exists():
            clean_temporaries(d)
    entries: list[dict] = []
    todo: list[Job] = []
    for job in jobs:
        if not job.valid:
            entries.append(entry_of(job, "failed"))
            continue
        record = None if force else done_record(job)
        if record is not None:
            entries.append(_skipped_entry(job, record))
        else:
            todo.append(job)
    return entries, todo


def _execute(todo: list[Job], workers: int | None, scheduler: str | None, engine: str,
             progress: Progress) -> Iterable[dict]:
    """Run the jobs on local processes or a Dask cluster; each yields its entry as it completes."""
    if not todo:
        return
    workers = max(1, workers or os.cpu_count() or 1)
    executor, close = EXECUTORS["dask" if scheduler else "process"](min(workers, len(todo)), scheduler)
    try:
        futures = {executor.submit(run_job, job, engine): job for job in todo}
        for future in as_completed(futures):
            job = futures[future]
            try:
                entry = future.result()
            except Exception as exc:  # noqa: BLE001 - a worker died (OOM, kill): record, go on
                entry = entry_of(job, "failed", error={
                    "th": f"กระบวนการทำงานหยุดกลางคัน: {type(exc).__name__}: {exc}",
                    "en": f"worker process died: {type(exc).__name__}: {exc}"})
            progress.update(entry)
            yield entry
    finally:
        close()


def _province_pages(result: "BatchResult", province_dir: Path, entries: list[dict], formats: tuple[str, ...],
                    style: dict | None, summary: bool, engine: Engine | None, draft: bool = False) -> None:
    """A province's manifest and summary report (failures recorded, never raised); its page comes after."""
    manifest = write_manifest(province_dir, entries, style)
    result.outputs["manifest"].append(manifest)
    if summary and any(e["status"] in ("ok", "skipped") and e.get("scores") for e in entries):
        try:
            params = registry.load_params(manifest)
            files = render(params, province_dir, formats, engine, str(manifest), draft=draft).files
            result.outputs["summary"].extend(files.values())
        except Exception as exc:  # noqa: BLE001
            result.problems.append(f"province summary {province_dir}: {type(exc).__name__}: {exc}")


def run_batch(
    source: Path,
    fiscal_year: int | None = None,
    out: Path = Path("outputs"),
    formats: tuple[str, ...] = ("html", "pdf"),
    workers: int | None = None,
    scheduler: str | None = None,
    force: bool = False,
    engine: str = "inprocess",
    summary: bool = True,
    index: bool = True,
    progress: Progress | None = None,
    style: dict | None = None,
    sheet: str | None = None,
    accept_published: bool = False,
    draft: bool = False,
) -> BatchResult:
    """Render every organisation of a table (or folder of params files); see the module docstring.
    ``draft``: every document (and the province summary) as a watermarked draft with its findings."""
    t0 = time.monotonic()
    jobs = load_jobs(Path(source), fiscal_year, Path(out).resolve(), tuple(formats), style=style, sheet=sheet,
                     accept_published=accept_published)
    if draft:
        for job in jobs:  # in the params, so the digest (and what an earlier run left) tells drafts apart
            if job.valid:
                job.data = {**job.data, "status": "draft"}
                job.digest = job_digest(job.data, job.document, job.formats)
    attach_peers(jobs)  # phase one: province and district ranks, into each job's params and digest
    run_id, fingerprint = uuid.uuid4().hex, toolkit_fingerprint()
    for job in jobs:
        job.run, job.toolkit = run_id, fingerprint
    entries, todo = _plan(jobs, force)
    if progress is None:
        progress = Progress(len(jobs))
    elif not progress.total:
        progress.total = len(jobs)
    for e in entries:
        progress.update(e)
    entries.extend(_execute(todo, workers, scheduler, engine, progress))
    progress.close()
    for d in {j.province_dir for j in todo}:  # what a killed worker was writing when it died
        if d.exists():
            clean_temporaries(d)

    result = BatchResult(entries)
    job_dir = {j.key: j.province_dir for j in jobs}
    for e in entries:
        result.provinces.setdefault(job_dir[e["key"]], []).append(e)
    with Engine(kind="inprocess" if engine == "inprocess" else "kernel") as summary_engine:
        for province_dir, province_entries in result.provinces.items():
            _province_pages(result, province_dir, province_entries, tuple(formats), style, summary,
                            summary_engine, draft)
    if index:  # the site: these provinces' pages (linking their summaries), then each year's page
        for year_dir in sorted({d.parent for d in result.provinces}):
            try:
                site = build_year(year_dir, [d for d in result.provinces if d.parent == year_dir])
            except Exception as exc:  # noqa: BLE001
                result.problems.append(f"site {year_dir}: {type(exc).__name__}: {exc}")
                continue
            result.outputs["index"].extend(p for p in site.pages if p.parent != year_dir)
            result.outputs["site"].extend(p for p in site.pages if p.parent == year_dir)
            result.problems.extend(en for _, en in site.problems)
    result.seconds = time.monotonic() - t0
    return result
