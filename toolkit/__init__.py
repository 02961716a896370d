"""ITA report toolkit: Thai integrity-and-transparency documents computed from the data.

Flow (one module or package per step): params → frameworks → scoring/reconcile →
narrative, charts, sections → notebooks → run/export → batch.
"""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "load_params", "analyse", "render"]


def load_params(source, data=None):
    """Validated params of one document (see toolkit.params.load_params)."""
    from .params import load_params as _load

    return _load(source, data)


def analyse(params, framework=None):
    """Scores, levels and findings of one organisation (see toolkit.scoring.analyse)."""
    from .scoring import analyse as _analyse

    return _analyse(params, framework)


def render(params, out_dir=None, formats=("html", "pdf", "ipynb"), engine=None, source=None):
    """Execute and export one document (see toolkit.run.render)."""
    from .run import render as _render

    return _render(params, out_dir, formats, engine, source)
