"""Local batch workers (toolkit/batch/runner.py worker_context, toolkit/batch/preload.py): forked from a fork
server that has the toolkit loaded, given the submitting process's environment as it is at submit time."""
from __future__ import annotations

import multiprocessing
import os
import sys

import pytest

from toolkit.batch import runner

pytestmark = pytest.mark.skipif("forkserver" not in multiprocessing.get_all_start_methods(), reason="POSIX only")


def loaded(names: list[str]) -> dict:
    """What a worker has before its first job runs."""
    return {"modules": [n for n in names if n in sys.modules], "pid": os.getpid(), "ppid": os.getppid(),
            "mark": os.environ.get("ITA_TEST_WORKER_MARK"), "offline": os.environ.get("PYTHAINLP_OFFLINE")}


def test_workers_are_forked_with_the_toolkit_already_loaded():
    wanted = ["toolkit.batch.preload", "toolkit.documents.analysis.report", "toolkit.documents.province.report",
              "pandas", "matplotlib"]
    executor, close = runner.process_executor(2)
    try:
        seen = [executor.submit(loaded, wanted).result(timeout=120) for _ in range(2)]
    finally:
        close()
    for worker in seen:
        assert worker["modules"] == wanted  # imported once, in the fork server
        assert worker["ppid"] != os.getpid()  # the fork server's child, not this process's
        assert worker["offline"] == "1"


def test_workers_get_the_environment_of_the_moment_they_are_asked_for(monkeypatch):
    """The fork server outlives a batch (it keeps the environment it started with); each pool's workers must see
    the environment of their own batch, as spawned workers did (a PATH without Chromium, ITA_PDF_ENGINE)."""
    executor, close = runner.process_executor(1)
    try:
        executor.submit(loaded, []).result(timeout=120)  # the fork server is running
    finally:
        close()
    monkeypatch.setenv("ITA_TEST_WORKER_MARK", "second batch")
    executor, close = runner.process_executor(1)
    try:
        assert executor.submit(loaded, []).result(timeout=120)["mark"] == "second batch"
    finally:
        close()
    monkeypatch.delenv("ITA_TEST_WORKER_MARK")
    executor, close = runner.process_executor(1)
    try:
        assert executor.submit(loaded, []).result(timeout=120)["mark"] is None
    finally:
        close()
