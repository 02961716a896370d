"""The memo's params: who writes it, for which fiscal year, and its paragraphs."""
from __future__ import annotations

from typing import Literal

from toolkit.params.common import Organisation, Style
from toolkit.params.types import BEYear, Model, Text


class MemoParams(Model):
    document: Literal["memo"] = "memo"
    organisation: Organisation
    fiscal_year: BEYear
    subject: Text
    body: list[Text]
    style: Style = Style()
