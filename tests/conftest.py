"""Shared fixtures: a factory for synthetic params and the `ita-report` runner (paths: tests/support.py)."""
from __future__ import annotations

import copy

import pytest

from tests.support import BASE, cli


@pytest.fixture
def make_params():
    """Synthetic params as a dict, with overrides merged one level deep per key."""

    def make(**over):
        data = copy.deepcopy(BASE)
        for key, value in over.items():
            if isinstance(value, dict) and isinstance(data.get(key), dict):
                data[key] = {**data[key], **value}
            else:
                data[key] = value
        return data

    return make


@pytest.fixture
def run_cli(capsys):
    """`ita-report ARGV` in this process, returning (exit code, stdout, stderr)."""
    return lambda *argv: cli(argv, capsys)
