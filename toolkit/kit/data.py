"""Domain words and thresholds live in data files under `toolkit/knowledge/`; this reads them."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

KNOWLEDGE = "knowledge"


def knowledge_text(name: str) -> str:
    """A knowledge file as text: shipped inside the package, so wheels and checkouts read the same."""
    return resources.files("toolkit").joinpath(f"{KNOWLEDGE}/{name}").read_text("utf-8")


@lru_cache(maxsize=32)
def knowledge_yaml(name: str) -> Any:
    """A knowledge YAML file, parsed once per process (callers must not mutate it)."""
    return yaml.safe_load(knowledge_text(name))
