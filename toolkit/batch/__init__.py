"""Batch: every organisation of a province (or a folder of params files) rendered in parallel.

jobs → (process pool | Dask) workers, each keeping one engine and one PDF renderer → per-organisation
outputs written atomically with a completion record → manifest, index page, province summary.
"""
from __future__ import annotations

from .runner import BatchResult, run_batch

__all__ = ["BatchResult", "run_batch"]
