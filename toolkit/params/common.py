"""Params parts every document type shares: the organisation, the style, who prepared and signed."""
from __future__ import annotations

from typing import Literal

from pydantic import field_validator, model_validator

from ..kit import places
from .types import Date, Model, Text


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

    @field_validator("name")
    @classmethod
    def _full(cls, value: str) -> str:
        """Stored once, in full: "อบต.สามเรือน" and "องค์การบริหารส่วนตำบลสามเรือน" are one organisation."""
        return places.expand_short(value)

    @field_validator("subdistrict", "district", "province")
    @classmethod
    def _bare(cls, value: str | None, info) -> str | None:
        """Stored once, without the words typed before it: "จ.ขอนแก่น", "จังหวัดขอนแก่น" → "ขอนแก่น"."""
        return places.clean_place(value, info.field_name) if value else value

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


class Signatory(Model):
    """Who signs; without a name, a blank line is printed for a hand-written one."""

    name: Text | None = None
    position: Text


class Prepared(Model):
    """When and by whom the document was prepared, and who signs it."""

    date: Date | None = None
    by: Text | None = None
    signatory: Signatory | None = None
