"""What a batch's fork server loads once, so that every worker it forks shares it instead of loading its own.

Local batch workers are forked from a fork server (multiprocessing's ``forkserver``) that imported this
module: the modules a job runs and the tables they build on first use (the word-break dictionary, the
embedded fonts, matplotlib's font list) are then in pages the workers share copy-on-write, and the
collector is told not to touch them (``gc.freeze``). No thread, kernel or browser is started here: a fork
server must stay single-threaded, and each worker starts its own engine and browser on its first job.
Measured in bench/batch.py (README, performance).
"""
from __future__ import annotations

import gc
import importlib
import pkgutil

from .. import documents
from ..documents import registry
from ..export import fonts
from ..kit import chartstyle, thai
from . import worker  # noqa: F401  - the job itself: run, engine, exporters

#: Thai text that makes the word-break dictionary and its tokenizer build their tables.
WARM_TEXT = "องค์การบริหารส่วนตำบลสามเรือน ผลการประเมินคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. ๒๕๖๙"


def warm() -> None:
    """Import every built-in document package and build the tables a first job would build. A failure only
    costs the sharing: each worker then loads what it needs itself, and reports what is wrong."""
    try:
        for module in pkgutil.walk_packages(documents.__path__, f"{documents.__name__}."):
            importlib.import_module(module.name)
        registry.all_types()
        thai.tokenize(WARM_TEXT)
        thai.general_words()
        fonts.font_face_css()
        chartstyle.use_sarabun()
    except Exception:  # noqa: BLE001
        pass
    gc.collect()
    gc.freeze()  # what is loaded now stays shared: the collector never writes to these objects again


warm()
