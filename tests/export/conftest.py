"""Every example rendered once per test session (HTML and PDF), for the page and word checks."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import pytest

from toolkit.documents.registry import load_params
from toolkit.kit import page
from toolkit.kit.page import PageStyle
from toolkit.run import render


@dataclass
class Rendered:
    params: Any
    style: PageStyle
    pdf: Path
    html_file: Path

    @property
    def html(self) -> str:
        return self.html_file.read_text("utf-8")


@pytest.fixture(scope="session")
def example_render(tmp_path_factory) -> Callable[[Path], Rendered]:
    """The rendered files of an example params file (rendered on first request, then reused)."""
    cache: dict[Path, Rendered] = {}

    def get(path: Path) -> Rendered:
        if path not in cache:
            params = load_params(path)
            result = render(params, tmp_path_factory.mktemp(path.stem), ("html", "pdf"), source=str(path))
            cache[path] = Rendered(params, page.for_params(params), result.files["pdf"], result.files["html"])
        return cache[path]

    return get
