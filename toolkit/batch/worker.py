"""What runs in a batch worker: one job in, one manifest entry out — never an exception.

Each worker process keeps one notebook engine and one PDF renderer for all its jobs (kernel start
and browser start cost more than a report). Works the same in a local process pool and in a Dask
worker (state is created lazily on the first job, per process).
"""
from __future__ import annotations

import json
import os
import platform
import threading
import time
import traceback
from multiprocessing import util
from typing import Any

from .. import __version__
from ..documents import registry
from ..engine import Engine
from ..export.pdf import stop_chromium
from ..kit.errors import ToolkitError
from ..kit.paths import write_atomic
from ..run import render
from .jobs import Job, done_record, toolkit_fingerprint

_lock = threading.Lock()  # one job at a time per process: the engine and the browser are not shared
_engine = None
_engine_kind = None


def _get_engine(kind: str):
    global _engine, _engine_kind
    if _engine is None or _engine_kind != kind:
        if _engine is not None:
            _engine.close()
        _engine = Engine(kind=kind)
        _engine_kind = kind
        try:  # multiprocessing children skip atexit; this finaliser closes kernel and browser
            util.Finalize(None, shutdown, exitpriority=10)
        except Exception:  # noqa: BLE001
            pass
    return _engine


def shutdown() -> None:
    """Close this process's kernel and browser."""
    global _engine
    if _engine is not None:
        _engine.close()
        _engine = None
    stop_chromium()


def init_worker(env: dict[str, str] | None = None) -> None:
    """Process-pool initializer: the submitting process's environment (``env``, whole) for this worker."""
    if env is not None:
        os.environ.clear()
        os.environ.update(env)
    os.environ.setdefault("PYTHAINLP_OFFLINE", "1")


def entry_of(job: Job, status: str, **extra: Any) -> dict:
    entry = {
        "key": job.key, "row": job.row, "source": job.source, "organisation": job.organisation,
        "document": job.document, "fiscal_year": job.fiscal_year, "assessment_year": job.assessment_year,
        "status": status, "error": job.error, "files": {}, "scores": None, "digest": job.digest,
        "seconds": None, "run": job.run,
    }
    entry.update(extra)
    return entry


def run_job(job: Job, engine_kind: str = "inprocess", engine: Engine | None = None) -> dict:
    """Render one organisation; any failure becomes a 'failed' entry with its reason.
    ``engine``: the caller's (a job run in the submitting process); else this process's own."""
    if not job.valid:
        return entry_of(job, "failed")
    if job.toolkit and job.toolkit != toolkit_fingerprint():
        return entry_of(job, "failed", error={
            "th": f"เครื่องประมวลผล {platform.node()} ใช้ชุดเครื่องมือคนละรุ่นหรือคนละแฟ้มกับเครื่องที่สั่งงาน "
                  f"(ita-report-toolkit {__version__}) ให้ติดตั้งรุ่นเดียวกันบนทุกเครื่องแล้วสั่งใหม่",
            "en": f"worker {platform.node()} has a different toolkit (version or files) than the machine that "
                  f"submitted the batch (ita-report-toolkit {__version__} here); install the same version on "
                  f"every machine and run again"})
    t0 = time.perf_counter()
    with _lock:
        earlier = done_record(job) if job.run else None
        if earlier is not None and earlier.get("run") == job.run:
            return earlier  # done by an earlier attempt of this run (a lost worker's result): not twice
        try:
            params = registry.validate(job.data, job.source)
            result = render(params, job.out_dir, job.formats, engine or _get_engine(engine_kind), job.source)
            files = {fmt: str(path.relative_to(job.province_dir)) for fmt, path in result.files.items()}
            doc = registry.of(params)
            scores = doc.headline(params) if doc.headline else None
            entry = entry_of(job, "ok", files=files, scores=scores, seconds=round(time.perf_counter() - t0, 3),
                             stages={**{k: round(v, 3) for k, v in result.seconds.items()}, **result.counts})
            # written last: its presence means every output above is whole
            write_atomic(job.done_file, json.dumps(entry, ensure_ascii=False, indent=1))
            return entry
        except ToolkitError as exc:
            error = {"th": exc.message_th(), "en": exc.message_en()}
        except Exception as exc:  # noqa: BLE001 - one organisation must never stop the batch
            error = {"th": f"เกิดข้อผิดพลาดภายใน: {type(exc).__name__}: {exc}",
                     "en": f"internal error: {type(exc).__name__}: {exc}",
                     "traceback": traceback.format_exc(limit=8)}
        try:  # a failed re-run must not leave an older completion record claiming success
            job.done_file.unlink()
        except OSError:
            pass
        return entry_of(job, "failed", error=error, seconds=round(time.perf_counter() - t0, 3))
