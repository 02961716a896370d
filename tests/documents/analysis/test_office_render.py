"""The one end-to-end render of the office's own words: the letter-scale example, HTML through the notebook."""
from __future__ import annotations

import re

import pytest
import yaml

from tests.support import EXAMPLES
from toolkit.documents.registry import load_params
from toolkit.run import render

OFFICE = EXAMPLES / "khaotuayang_2565.yaml"


def _texts(value) -> list[str]:
    if isinstance(value, dict):
        return _texts(value.get("text", []))
    return [value] if isinstance(value, str) else list(value)


@pytest.mark.slow
def test_every_piece_of_the_offices_text_is_in_the_rendered_document(tmp_path):
    raw = yaml.safe_load(OFFICE.read_text(encoding="utf-8"))
    p = load_params(OFFICE)
    html = render(p, tmp_path, ("html",), source=str(OFFICE)).files["html"].read_text(encoding="utf-8")
    shown = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html.replace("\u200b", "")))
    pieces = [*p.introduction.text]
    for place in ("tools", "indicators"):
        for value in raw["analysis"][place].values():
            pieces += [" ".join(t.split()) for t in _texts(value)]
    assert len(pieces) == 2 + 3 + 10
    for piece in pieces:
        assert piece in shown, piece[:40]
    for m in raw["measures"]:
        assert m["period"] in shown and m["name"] in shown
    assert html.count('class="para office"') == len(pieces)
    assert html.count('class="group"') == 3
