"""Shared fixtures: the bundled examples and a factory for synthetic params."""
from __future__ import annotations

import copy
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "params" / "examples"
SEED003 = EXAMPLES / "samruean_2569.yaml"

BASE = {
    "organisation": {"name": "องค์การบริหารส่วนตำบลทดสอบ", "district": "เมือง", "province": "ราชบุรี"},
    "fiscal_year": 2569,
    "assessment": {
        "year": 2568,
        "indicators": {1: 90, 2: 90, 3: 90, 4: 90, 5: 90, 6: 90, 7: 90, 8: 90, 9: 90, 10: 90},
    },
}


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
