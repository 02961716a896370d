"""Batch: every organisation of a province (or a folder of params files) rendered in parallel.

jobs → (process pool | Dask) workers, each keeping one engine and one PDF renderer → per-organisation
outputs written atomically with a completion record → manifest, index page, province summary.
"""
from __future__ import annotations

__all__ = ["run_batch"]


def run_batch(*args, **kwargs):
    """See toolkit.batch.runner.run_batch."""
    from .runner import run_batch as _run

    return _run(*args, **kwargs)
