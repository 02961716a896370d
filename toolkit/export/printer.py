"""A printing thread: the browser starts in it while the notebook runs, and every print then happens in it.

Playwright's sync API belongs to the thread that started it, so starting the browser early (one render
from the command line: execution and browser start overlap) means printing in that same thread too.
Batch workers do not use it: their browser is started once and kept.
"""
from __future__ import annotations

import atexit
import queue
import threading
from concurrent.futures import Future
from typing import Any, Callable

_thread: threading.Thread | None = None
_jobs: queue.Queue = queue.Queue()
_stop: list[Callable[[], Any]] = []


def _loop() -> None:
    while True:
        item = _jobs.get()
        if item is None:
            return
        future, fn, args = item
        if future.set_running_or_notify_cancel():
            try:
                future.set_result(fn(*args))
            except BaseException as exc:  # noqa: BLE001 - handed to the caller
                future.set_exception(exc)


def start(warm: Callable[[], Any] | None = None, stop: Callable[[], Any] | None = None) -> None:
    """Start the printing thread (once) and run ``warm`` in it now (e.g. launch the browser); ``stop`` runs in
    it at exit (close the browser)."""
    global _thread
    if _thread is not None:
        return
    _thread = threading.Thread(target=_loop, name="ita-printer", daemon=True)
    _thread.start()
    _stop[:] = [stop] if stop is not None else []
    if warm is not None:
        submit(warm)
    atexit.register(finish)


def finish() -> None:
    """Run the stop function in the printing thread, end the thread; prints are made in the caller again."""
    global _thread
    if _thread is None:
        return
    for stop in _stop:
        try:
            submit(stop).result(timeout=30)
        except Exception:  # noqa: BLE001 - the browser may already be gone
            pass
    _jobs.put(None)
    _thread.join(timeout=30)
    _thread = None


def active() -> bool:
    """Prints go to the printing thread (it was started, and the caller is not that thread)."""
    return _thread is not None and _thread.is_alive() and threading.current_thread() is not _thread


def submit(fn: Callable[..., Any], *args: Any) -> Future:
    """Run ``fn(*args)`` in the printing thread, in order; the future holds its result or error."""
    future: Future = Future()
    _jobs.put((future, fn, args))
    return future
