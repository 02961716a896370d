"""Run a batch: jobs → executor (local processes or a Dask cluster) → manifest, index, summary.

A re-run skips every organisation whose inputs are unchanged and whose outputs are whole (see
jobs.done_record); a killed run leaves only temporary files, removed on the next start.
"""
from __future__ import annotations

import contextlib
import json
import os
import time
import uuid
from collections import Counter, defaultdict
from concurrent.futures import Executor, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from multiprocessing import get_all_start_methods, get_context
from multiprocessing.context import BaseContext
from pathlib import Path
from typing import Callable, Iterable

from .. import __version__
from ..documents import registry
from ..engine import Engine
from ..export import printer
from ..export.pdf import start_browser_early
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
    stages: dict[str, float] = field(default_factory=dict)  # seconds per step of the run (read, peers, …)

    @property
    def failed(self) -> list[dict]:
        return [e for e in self.entries if e["status"] == "failed"]

    @property
    def counts(self) -> Counter:
        return Counter(e["status"] for e in self.entries)

    @property
    def exit_code(self) -> int:
        return 1 if self.failed or self.problems else 0


PRELOAD = f"{__package__}.preload"  # what the fork server imports before it forks workers


# -- executors: a registry, so a cluster type is one function ---------------------------------
def worker_context() -> BaseContext:
    """Workers forked from a fork server that loaded batch/preload.py (they share its modules and tables);
    spawned where there is no fork server (Windows). Either way nothing is inherited from this process:
    no kernel, socket or browser. The fork server lives as long as this process and keeps the code it loaded:
    a session that edits the toolkit between batches (a developer's notebook) restarts its kernel to use
    the new code in its workers."""
    if "forkserver" not in get_all_start_methods():
        return get_context("spawn")
    context = get_context("forkserver")
    context.set_forkserver_preload([PRELOAD])
    return context


def process_executor(workers: int, scheduler: str | None = None) -> tuple[Executor, Callable[[], None]]:
    """Local worker processes (see worker_context), with this process's environment as it is now (a fork
    server keeps the one it started with)."""
    env = dict(os.environ)
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=worker_context(),
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


class _Lap:
    """Seconds since the previous lap, recorded under a step's name."""

    def __init__(self, into: dict[str, float]):
        self.into, self.t = into, time.monotonic()

    def __call__(self, name: str) -> None:
        now = time.monotonic()
        self.into[name] = round(self.into.get(name, 0.0) + now - self.t, 3)
        self.t = now


# A re-run after one row changed: starting a worker process (interpreter, imports, its engine and browser)
# costs more than the report, and this process starts an engine and a browser for the province summary anyway.
INLINE_JOBS = 1
SUMMARY_DOCUMENT = "province_summary"  # the document type of a province's summary (its manifest is the input)
SUMMARY_DONE = ".ita-summary-done.json"  # the province summary's completion record (not a DONE_GLOB: no job)
VOLATILE = ("seconds", "run", "stages", "digest")  # entry fields the summary never prints


def summary_digest(entries: list[dict], style: dict | None, formats: tuple[str, ...], draft: bool) -> str:
    """What the province summary depends on: the entries as it reads them (an organisation reused from an
    earlier run counts as done, like one redone; timings and run ids left out), style, draft, formats, code."""
    same = [{**{k: v for k, v in e.items() if k not in VOLATILE},
             "status": "ok" if e["status"] == "skipped" else e["status"]}
            for e in sorted(entries, key=lambda e: (e.get("row") or 0, e["key"]))]
    doc = registry.get(SUMMARY_DOCUMENT)
    return job_digest({"entries": same, "style": style or {}, "draft": draft}, doc.key, formats)


def _summary_done(province_dir: Path, digest: str) -> list[Path] | None:
    """The summary's files from an earlier run with the same inputs, if every one is still whole."""
    try:
        record = json.loads((province_dir / SUMMARY_DONE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    files = [province_dir / rel for rel in record.get("files", [])]
    if record.get("digest") != digest or not files or any(not f.is_file() or not f.stat().st_size for f in files):
        return None
    return files


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
             progress: Progress, local: Engine | None = None) -> Iterable[dict]:
    """Run the jobs on local processes or a Dask cluster; each yields its entry as it completes.
    Without a cluster, INLINE_JOBS or fewer run here on ``local`` (the province summary's engine and browser)."""
    if not todo:
        return
    if local is not None and not scheduler and len(todo) <= INLINE_JOBS:
        for job in todo:
            entry = run_job(job, engine, local)
            progress.update(entry)
            yield entry
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
                    style: dict | None, summary: bool, engine: Engine | None, draft: bool = False,
                    force: bool = False) -> None:
    """A province's manifest and summary report (failures recorded, never raised); its page comes after.
    The summary is kept when nothing it prints changed since it was made (see summary_digest)."""
    manifest = write_manifest(province_dir, entries, style)
    result.outputs["manifest"].append(manifest)
    if summary and any(e["status"] in ("ok", "skipped") and e.get("scores") for e in entries):
        digest = summary_digest(entries, style, formats, draft)
        kept = None if force else _summary_done(province_dir, digest)
        if kept is not None:
            result.outputs["summary"].extend(kept)
            return
        (province_dir / SUMMARY_DONE).unlink(missing_ok=True)
        try:
            params = registry.load_params(manifest)
            files = render(params, province_dir, formats, engine, str(manifest), draft=draft).files
            result.outputs["summary"].extend(files.values())
            write_atomic(province_dir / SUMMARY_DONE, json.dumps(
                {"digest": digest, "files": [str(f.relative_to(province_dir)) for f in files.values()]}))
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
    stages: dict[str, float] = {}
    lap = _Lap(stages)
    jobs = load_jobs(Path(source), fiscal_year, Path(out).resolve(), tuple(formats), style=style, sheet=sheet,
                     accept_published=accept_published)
    if draft:
        for job in jobs:  # in the params, so the digest (and what an earlier run left) tells drafts apart
            if job.valid:
                job.data = {**job.data, "status": "draft"}
                job.digest = job_digest(job.data, job.document, job.formats)
    lap("read")  # the table read and every row validated
    attach_peers(jobs)  # phase one: province and district ranks, into each job's params and digest
    lap("peers")
    run_id, fingerprint = uuid.uuid4().hex, toolkit_fingerprint()
    for job in jobs:
        job.run, job.toolkit = run_id, fingerprint
    entries, todo = _plan(jobs, force)
    lap("plan")  # digests compared with the completion records: what is left to do
    if progress is None:
        progress = Progress(len(jobs))
    elif not progress.total:
        progress.total = len(jobs)
    for e in entries:
        progress.update(e)
    early = not scheduler and 0 < len(todo) <= INLINE_JOBS and "pdf" in formats and "docx" not in formats \
        and not printer.active()
    if early:  # a lone job runs here: its browser starts while its notebook runs (Word's charts print in this thread)
        start_browser_early()
    # this process's engine (and the browser of its thread): the province summaries, and a lone job
    with contextlib.ExitStack() as stack:
        local = stack.enter_context(Engine(kind="inprocess" if engine == "inprocess" else "kernel"))
        if early:
            stack.callback(printer.finish)
        entries.extend(_execute(todo, workers, scheduler, engine, progress, local))
        progress.close()
        for d in {j.province_dir for j in todo}:  # what a killed worker was writing when it died
            if d.exists():
                clean_temporaries(d)
        lap("render")

        result = BatchResult(entries, stages=stages)
        job_dir = {j.key: j.province_dir for j in jobs}
        for e in entries:
            result.provinces.setdefault(job_dir[e["key"]], []).append(e)
        for province_dir, province_entries in result.provinces.items():
            _province_pages(result, province_dir, province_entries, tuple(formats), style, summary, local,
                            draft, force)
        lap("province")
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
    lap("site")
    result.seconds = time.monotonic() - t0
    return result
