"""Dask worker preload for tests/batch/test_cluster.py: marks each job a worker starts, then waits a moment.

The real `run_job` still renders; the marker (``<ITA_TEST_MARKS>/<worker>.<n>.json`` with the job's key) tells
the test which worker is in the middle of which organisation, and the pause keeps the job in flight long
enough for the test to kill that worker during it. Loaded with ``dask worker --preload <this file>``.
"""
import json
import os
import time
from pathlib import Path

from toolkit.batch import worker as batch_worker

_real_run_job = batch_worker.run_job
_name = {"worker": "unnamed"}
_count = {"n": 0}


def marked_run_job(job, engine_kind="inprocess"):
    """Mark the start of the job (worker name, pid, key), pause, then run it for real."""
    _count["n"] += 1
    marks = Path(os.environ["ITA_TEST_MARKS"])
    try:  # a retry of a job this run already finished (its worker's result was lost) renders nothing
        finished = json.loads(job.done_file.read_text(encoding="utf-8")).get("run") == job.run
    except (OSError, ValueError):
        finished = False
    mark = {"worker": _name["worker"], "pid": os.getpid(), "key": job.key, "time": time.time(),
            "finished_before": finished}
    (marks / f"{_name['worker']}.{_count['n']}.json").write_text(json.dumps(mark, ensure_ascii=False))
    time.sleep(float(os.environ.get("ITA_TEST_PAUSE", "1.0")))
    return _real_run_job(job, engine_kind)


def dask_setup(worker) -> None:
    _name["worker"] = str(worker.name)
    batch_worker.run_job = marked_run_job  # tasks name run_job by module and attribute: they get this one
