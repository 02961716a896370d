"""Notebook execution with Papermill in a kernel that outlives one notebook.

Kernel start and shutdown cost ~1.2 s, more than our notebook itself; a batch worker keeps one
kernel and resets its namespace between organisations (imports and caches stay warm). Papermill's
own engine registry is the extension point: `ReusedKernelEngine` is the stock nbclient engine that
closes its client after each run instead of leaking one per notebook.
"""
from __future__ import annotations

import copy
import pprint
import subprocess
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

import nbformat
from IPython.core.interactiveshell import InteractiveShell
from jupyter_client.manager import KernelManager
from traitlets.config import Config

_ENTRY_POINTS = ("ReusedKernelEngine", "InProcessEngine")  # papermill.engine entry points (pyproject.toml)


def __getattr__(name: str) -> None:
    """Importing papermill below makes it load its `papermill.engine` entry points, and ours point back into
    this half-imported module: it gets a stand-in (None) that the register() calls below then replace."""
    if name in _ENTRY_POINTS:
        return None
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


import papermill  # noqa: E402
from papermill.clientwrap import PapermillNotebookClient  # noqa: E402
from papermill.engines import NBClientEngine, papermill_engines  # noqa: E402
from papermill.log import logger  # noqa: E402
from papermill.utils import merge_kwargs, remove_args  # noqa: E402

from .kit.errors import RenderError  # noqa: E402

ENGINE_NAME = "ita_reused_kernel"
INPROCESS_ENGINE_NAME = "ita_in_process"
RESET_TAG = "ita-reset"  # the setup cell of a reused kernel's run (reset, working folder); dropped afterwards
RESET_SOURCE = "get_ipython().run_line_magic('reset', '-f')"
INJECTED_TAG = "injected-parameters"  # papermill's tag for the cell it adds after the `parameters` cell


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


class _Capture:
    """Collects what a cell displays, as nbformat outputs, in the order IPython publishes it."""

    def __init__(self):
        self.outputs: list = []

    def display(self, data: dict, metadata: dict | None = None, **_: Any) -> None:
        self.outputs.append(nbformat.v4.new_output("display_data", data=data, metadata=metadata or {}))


_MAIN = sys.modules.get("__main__")  # IPython puts its own __main__ in sys.modules; we put this one back


def _shell():
    """The process's IPython shell, wired so displays become notebook outputs instead of terminal text."""
    config = Config()
    config.HistoryManager.enabled = False  # no ~/.ipython sqlite shared (and locked) by every worker
    # no Out[] cache: it would keep every organisation's sections alive, and flushing it runs a full
    # gc.collect() (0.17 s per document with matplotlib and the Thai dictionary loaded)
    config.InteractiveShell.cache_size = 0
    shell = InteractiveShell.instance(config=config)
    if not getattr(shell, "_ita_wired", False):
        shell.display_pub.publish = lambda data, metadata=None, **kw: shell._ita_capture.display(data, metadata)
        shell.displayhook.write_format_data = lambda data, md=None: shell._ita_capture.outputs.append(
            nbformat.v4.new_output("execute_result", data=data, metadata=md or {},
                                   execution_count=shell.execution_count))
        shell.displayhook.write_output_prompt = lambda: None
        shell.displayhook.finish_displayhook = lambda: None
        shell.showtraceback = lambda *a, **k: None  # the error becomes an output below, not terminal noise
        shell._ita_wired = True
    return shell


class InProcessEngine(NBClientEngine):
    """Runs the cells in this process's IPython shell: no kernel, no ZeroMQ round trips (~0.6 s per
    notebook here). Same notebook, same Papermill parameter injection, same outputs."""

    @classmethod
    def execute_managed_notebook(cls, nb_man, kernel_name, **kwargs):
        shell = _shell()
        shell.reset(new_session=False)  # a fresh namespace per document; imported modules stay
        shell.execution_count = 1  # counts in the provenance notebook do not depend on earlier documents
        nb_man.notebook_start()
        sys.modules["__main__"] = shell.user_module
        try:
            for index, cell in enumerate(nb_man.nb.cells):
                if cell.cell_type != "code":
                    continue
                nb_man.cell_start(cell, index)
                shell._ita_capture = capture = _Capture()
                result = shell.run_cell(cell.source, store_history=True, silent=False)
                cell.execution_count = shell.execution_count - 1
                cell.outputs = capture.outputs
                error = result.error_before_exec or result.error_in_exec
                if error is not None:
                    cell.outputs.append(nbformat.v4.new_output(
                        "error", ename=type(error).__name__, evalue=str(error), traceback=[]))
                    nb_man.cell_exception(cell, index, exception=error)
                    nb_man.cell_complete(cell, index)
                    break
                nb_man.cell_complete(cell, index)
        finally:
            # the program's own __main__ again: a spawned process pool started later (a batch after a render
            # in the same process) re-imports __main__ from its __spec__, which IPython's module lacks
            if _MAIN is not None:
                sys.modules["__main__"] = _MAIN
            nb_man.notebook_complete()
        return nb_man.nb


papermill_engines.register(INPROCESS_ENGINE_NAME, InProcessEngine)


def parameters_source(parameters: dict[str, Any], comment: str = "Parameters") -> str:
    """Python for the injected parameters cell that a reviewer can read: Thai as Thai, one key per line.

    Papermill's translator writes every non-ASCII letter as a \\u escape on one line; `pprint` keeps
    the values exactly (ints stay ints, strings are Python literals) and wraps nested data.
    """
    lines = [f"# {comment}"]
    for name, value in parameters.items():
        lines.append(f"{name} = {pprint.pformat(value, width=100, sort_dicts=False)}")
    return "\n".join(lines) + "\n"


def inject_parameters(nb: nbformat.NotebookNode, parameters: dict[str, Any]) -> nbformat.NotebookNode:
    """What papermill's parameterize_notebook does (a cell tagged injected-parameters after the cell
    tagged parameters, or first), with readable source."""
    cell = nbformat.v4.new_code_cell(parameters_source(parameters), metadata={"tags": [INJECTED_TAG]})
    tags = [c.metadata.get("tags", []) for c in nb.cells]
    injected = next((i for i, t in enumerate(tags) if INJECTED_TAG in t), None)
    if injected is not None:
        nb.cells[injected] = cell
    else:
        at = next((i + 1 for i, t in enumerate(tags) if "parameters" in t), 0)
        nb.cells.insert(at, cell)
    return nb


@lru_cache(maxsize=8)
def _notebook(path: str, mtime: float) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def read_notebook(path: Path) -> nbformat.NotebookNode:
    """A private copy of a document notebook (parsed once per process, copied per run)."""
    return copy.deepcopy(_notebook(str(path), path.stat().st_mtime))


class Engine:
    """Executes document notebooks with Papermill: in a kernel it starts once and keeps
    (`kind="kernel"`, the default), or in this process (`kind="inprocess"`, for batch workers)."""

    KINDS = ("kernel", "inprocess")

    def __init__(self, kernel_name: str = "python3", timeout: int = 600, kind: str = "kernel"):
        if kind not in self.KINDS:
            raise ValueError(f"engine kind must be one of {self.KINDS}, not {kind!r}")
        self.kind = kind
        self.kernel_name = kernel_name
        self.timeout = timeout
        self.km = None
        self.home = Path.cwd()
        self.runs = 0

    def _start(self, cwd: Path) -> None:
        km = KernelManager(kernel_name=self.kernel_name)
        # the kernel's own stderr (transport notices, warnings) is noise on a user's terminal
        km.start_kernel(cwd=str(cwd), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.km = km

    def execute(self, notebook: Path, parameters: dict[str, Any], cwd: Path | None = None) -> nbformat.NotebookNode:
        """Run a document notebook with injected parameters in `cwd` (the params file's folder, so the paths
        it names resolve as written); errors become RenderError."""
        nb = inject_parameters(read_notebook(notebook), parameters)
        if self.kind == "inprocess":
            try:
                return papermill.execute_notebook(
                    nb, None, engine_name=INPROCESS_ENGINE_NAME, kernel_name=self.kernel_name,
                    progress_bar=False, request_save_on_cell_execute=False, cwd=str(cwd) if cwd else None,
                )
            except papermill.PapermillExecutionError as exc:
                raise RenderError(notebook.name, f"{exc.ename}: {exc.evalue}") from exc
            finally:
                self.runs += 1
        try:
            setup = []
            if self.km is None or not self.km.is_alive():
                self.close()
                self._start(notebook.parent)
                self.home = notebook.parent
            elif self.runs:
                # forget the previous organisation's variables (imports and caches stay warm): a first
                # cell of the run itself, cheaper than a client of our own (~0.5 s to connect)
                setup.append(RESET_SOURCE)
            setup.append(f"__import__('os').chdir({str(cwd or self.home)!r})")
            nb.cells.insert(0, nbformat.v4.new_code_cell("\n".join(setup), metadata={"tags": [RESET_TAG]}))
            result = papermill.execute_notebook(
                nb, None, engine_name=ENGINE_NAME, kernel_name=self.kernel_name,
                progress_bar=False, log_output=False, request_save_on_cell_execute=False,
                execution_timeout=self.timeout, km=self.km,
            )
            result.cells = [c for c in result.cells if RESET_TAG not in c.metadata.get("tags", [])]
            return result
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
