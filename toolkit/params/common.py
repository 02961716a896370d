"""Params parts every document type shares: the organisation, the style, who prepared and signed."""
from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, model_validator

from ..kit import page, places
from .types import Date, Expected, Model, Text


def _page(value: Any) -> Any:
    try:
        return page.check(value)
    except page.PageStyleError as exc:
        raise Expected(exc.th, exc.en) from None


#: `style.page`: page geometry overrides (keys of knowledge/page_style.yaml), or a style name / YAML path.
PageSpec = Annotated[dict[str, Any] | str | None, AfterValidator(_page)]


class Organisation(Model):
    """Who publishes the document; type and short name follow from the name when not given."""

    name: Text
    short_name: Text | None = None
    type: Text | None = None
    subdistrict: Text | None = None
    district: Text
    province: Text
    address: Text | None = None
    website: Text | None = None
    phone: Text | None = None

    @model_validator(mode="after")
    def _infer(self) -> "Organisation":
        kind = places.org_type_of(self.name)
        if kind is not None and self.type is None:
            self.type = kind.name
        if self.short_name is None:
            self.short_name = places.short_name(self.name)
        return self


class Style(Model):
    """How the document writes numbers and what optional parts it shows."""

    thai_digits: bool = True
    show_items: bool = True
    date_style: Literal["long", "short"] = "long"
    page: PageSpec = None


class Signatory(Model):
    """Who signs; without a name, a blank line is printed for a hand-written one."""

    name: Text | None = None
    position: Text


class Prepared(Model):
    """When and by whom the document was prepared, and who signs it."""

    date: Date | None = None
    by: Text | None = None
    signatory: Signatory | None = None
