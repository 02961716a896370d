"""ITA report toolkit: Thai integrity-and-transparency documents computed from the data.

Layers, lowest first (kept by import-linter, see pyproject.toml): kit → frameworks → params →
documents (one package per document type) → engine, export → run → batch → cli.
"""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
