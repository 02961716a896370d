"""Starting files for a new organisation or year: a commented params file, a province table template.

`ita-report new analysis` and `ita-report new table` write them; both are filled in by people in an
office, so every field carries its meaning in Thai (and English) and the framework of the right year.
"""
from __future__ import annotations

from .params import analysis_params
from .table import table_template

__all__ = ["analysis_params", "table_template"]
