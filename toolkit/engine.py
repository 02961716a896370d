"""Notebook execution with Papermill in a kernel that outlives one notebook.

Kernel start and shutdown cost ~1.2 s, more than our notebook itself; a batch worker keeps one
kernel and resets its namespace between organisations (imports and caches stay warm). Papermill's
own engine registry is the extension point: `ReusedKernelEngine` is the stock nbclient engine that
closes its client after each run instead of leaking one per notebook.
"""
from __future__ import annotations

import copy
import subprocess
from functools import lru_cache
from pathlib import Path
from typing import Any

import nbformat
from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import NBClientEngine, papermill_engines
from papermill.log import logger
from papermill.utils import merge_kwargs, remove_args

from .errors import RenderError

ENGINE_NAME = "ita_reused_kernel"


class ReusedKernelEngine(NBClientEngine):
    """nbclient engine for a kernel manager the caller owns (passed as `km`)."""

    @classmethod
    def execute_managed_notebook(cls, nb_man, kernel_name, log_output=False, stdout_file=None,
                                 stderr_file=None, start_timeout=60, execution_timeout=None, **kwargs):
        kwargs = remove_args(["input_path"], **kwargs)
        safe_kwargs = remove_args(["timeout", "startup_timeout"], **kwargs)
        final_kwargs = merge_kwargs(
            safe_kwargs,
            timeout=execution_timeout if execution_timeout else kwargs.get("timeout"),
            startup_timeout=start_timeout, kernel_name=kernel_name, log=logger, log_output=log_output,
            stdout_file=stdout_file, stderr_file=stderr_file,
        )
        client = PapermillNotebookClient(nb_man, **final_kwargs)
        try:
            return client.execute()
        finally:
            if client.kc is not None:  # nbclient leaves it open when it does not own the kernel
                client.kc.stop_channels()
                client.kc = None


papermill_engines.register(ENGINE_NAME, ReusedKernelEngine)


@lru_cache(maxsize=8)
def _notebook(path: str, mtime: float) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def read_notebook(path: Path) -> nbformat.NotebookNode:
    """A private copy of a document notebook (parsed once per process, copied per run)."""
    return copy.deepcopy(_notebook(str(path), path.stat().st_mtime))


class Engine:
    """Executes document notebooks with Papermill in a kernel it starts once and keeps."""

    def __init__(self, kernel_name: str = "python3", timeout: int = 600):
        self.kernel_name = kernel_name
        self.timeout = timeout
        self.km = None
        self.runs = 0

    def _start(self, cwd: Path) -> None:
        from jupyter_client.manager import KernelManager

        km = KernelManager(kernel_name=self.kernel_name)
        # the kernel's own stderr (transport notices, warnings) is noise on a user's terminal
        km.start_kernel(cwd=str(cwd), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.km = km

    def _reset(self) -> None:
        """Forget the previous organisation's variables; imported modules and caches stay."""
        kc = self.km.client()
        kc.start_channels()
        try:
            kc.wait_for_ready(timeout=60)
            reply = kc.execute_interactive("get_ipython().run_line_magic('reset', '-f')", store_history=False,
                                           timeout=60, output_hook=lambda msg: None)
            if reply["content"]["status"] != "ok":
                raise RenderError("kernel reset", str(reply["content"].get("evalue")))
        finally:
            kc.stop_channels()

    def execute(self, notebook: Path, parameters: dict[str, Any]) -> nbformat.NotebookNode:
        """Run a document notebook with injected parameters; errors become RenderError."""
        import papermill

        nb = read_notebook(notebook)
        try:
            if self.km is None or not self.km.is_alive():
                self.close()
                self._start(notebook.parent)
            elif self.runs:
                self._reset()
            return papermill.execute_notebook(
                nb, None, parameters=parameters, engine_name=ENGINE_NAME, kernel_name=self.kernel_name,
                progress_bar=False, log_output=False, request_save_on_cell_execute=False,
                execution_timeout=self.timeout, km=self.km,
            )
        except papermill.PapermillExecutionError as exc:
            raise RenderError(notebook.name, f"{exc.ename}: {exc.evalue}") from exc
        except RenderError:
            self.close()
            raise
        except Exception as exc:  # kernel died, timeout …: start afresh for the next job
            self.close()
            raise RenderError(notebook.name, f"{type(exc).__name__}: {exc}") from exc
        finally:
            self.runs += 1

    def close(self) -> None:
        if self.km is not None:
            try:
                self.km.shutdown_kernel(now=True)
            except Exception:  # noqa: BLE001 - best effort on a dying kernel
                pass
        self.km = None

    def __enter__(self) -> "Engine":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
