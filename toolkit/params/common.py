"""Params parts every document type shares: the organisation and its contact details, the style, and the
front and back matter of a published document (status, foreword, responsible unit, date, signatories)."""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Field, ValidationInfo, field_validator, model_validator

from ..kit import emblem, page, places
from ..kit.data import knowledge_yaml
from .types import Date, Expected, Model, Text


def _page(value: Any) -> Any:
    try:
        return page.check(value)
    except page.PageStyleError as exc:
        raise Expected(exc.th, exc.en) from None


#: `style.page`: page geometry overrides (keys of knowledge/page_style.yaml), or a style name / YAML path.
PageSpec = Annotated[dict[str, Any] | str | None, AfterValidator(_page)]


def _emblem(value: Any, info: ValidationInfo) -> Any:
    """A path relative to the params file (info.context["source"]), or a data: URL written earlier → a checked
    data: URL, so the document carries the image itself."""
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise Expected("ตราสัญลักษณ์ต้องเป็นตำแหน่งไฟล์ภาพ PNG, JPEG หรือ SVG",
                       "the emblem must be the path of a PNG, JPEG or SVG image")
    source = (info.context or {}).get("source") if info.context else None
    try:
        return emblem.resolve(value, source)
    except emblem.EmblemError as exc:
        raise Expected(exc.th, exc.en) from None


class Contact(Model):
    """How to reach an office, as a Thai cover prints it under the name (seed 002)."""

    address: Text | None = None
    phone: Text | None = None
    fax: Text | None = None
    website: Text | None = None
    email: Text | None = None
    emblem: Text | None = None  # PNG/JPEG/SVG path relative to the params file; kept as a checked data: URL

    _e = field_validator("emblem", mode="before")(_emblem)

    @property
    def has_contact(self) -> bool:
        return any((self.address, self.phone, self.fax, self.website, self.email))


class Organisation(Contact):
    """Who publishes the document; type and short name follow from the name when not given."""

    name: Text
    short_name: Text | None = None
    type: Text | None = None
    subdistrict: Text | None = None
    district: Text
    province: Text

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


class Publisher(Contact):
    """The office that issues a document about others (a province summary): its name and contact details."""

    name: Text


class Style(Model):
    """How the document writes numbers and what optional parts it shows."""

    thai_digits: bool = True
    show_items: bool = True
    date_style: Literal["long", "short"] = "long"
    page: PageSpec = None
    dates: Literal["as_written", "normalised"] = Field(
        default="as_written", description="periods as the office wrote them, or normalised to dates (๑ ต.ค. ๖๔ ถึง …)")


def roles() -> dict[str, dict]:
    """toolkit/knowledge/signatory_roles.yaml: role key → {th, en}."""
    return knowledge_yaml("signatory_roles.yaml")["roles"]


def _role(value: Any) -> Any:
    """A role by key (prepared) or Thai word (ผู้จัดทำ) → the Thai word that is printed."""
    if value is None:
        return None
    text = " ".join(str(value).split())
    for key, role in roles().items():
        if text.casefold() in (key, role["th"], role["en"].casefold()):
            return role["th"]
    listed = ", ".join(f"{k} ({r['th']})" for k, r in roles().items())
    raise Expected(f"บทบาทผู้ลงนามต้องเป็นหนึ่งใน: {listed}", f"a signatory's role must be one of: {listed}")


Role = Annotated[str | None, BeforeValidator(_role)]


class Signatory(Model):
    """Who signs and in which role; a missing name, position or date leaves a line to fill in by hand."""

    role: Role = None
    name: Text | None = None
    position: Text | None = None
    date: Date | None = None


class Prepared(Model):
    """The older form: when and by whom the document was prepared, and who signs it (still accepted)."""

    date: Date | None = None
    by: Text | None = None
    signatory: Signatory | None = None


def _status(value: Any) -> Any:
    text = " ".join(str(value).split()).casefold() if value is not None else "final"
    if text in ("final", "ฉบับจริง", "ฉบับสมบูรณ์", "เผยแพร่"):
        return "final"
    if text in ("draft", "ร่าง", "ฉบับร่าง"):
        return "draft"
    raise Expected("สถานะเอกสารต้องเป็น final (ฉบับเผยแพร่) หรือ draft (ฉบับร่าง มีลายน้ำและข้อสังเกตสำหรับผู้ตรวจ)",
                   "status must be final (for publication) or draft (watermarked, with the reviewer's findings)")


def _paragraphs(value: Any) -> Any:
    if value is None:
        return None
    return [value] if isinstance(value, str) else value


Status = Annotated[Literal["final", "draft"], BeforeValidator(_status)]


class FrontMatter(Model):
    """What every published document carries besides its content: whether it is final or a draft, its
    foreword (คำนำ) and the unit that signs it, its date, and the approval block (signatories).

    ``prepared:`` (date, by, signatory) is the older form and keeps working: its signatory joins the
    approval block (with ``prepared.date`` when it has no date of its own), ``by`` is the responsible unit
    unless ``unit`` is given, and ``date`` falls back to ``prepared.date`` (see the properties below).
    """

    status: Status = "final"
    unit: Text | None = None  # the responsible unit (สำนักปลัด …): signs the foreword
    foreword: list[Text] | None = None  # paragraphs of the คำนำ; generated when not given
    date: Date | None = None  # the document's date: month and year under the foreword
    signatories: list[Signatory] = []
    prepared: Prepared = Prepared()

    _f = field_validator("foreword", mode="before")(_paragraphs)

    @property
    def draft(self) -> bool:
        return self.status == "draft"

    @property
    def approvals(self) -> list[Signatory]:
        """The approval block: the signatories, with the older ``prepared.signatory`` last when it is not
        among them (it is usually the head who signs; a field the model accepts is never dropped)."""
        out = list(self.signatories)
        old = self.prepared.signatory
        if old is not None:
            if old.date is None and self.prepared.date is not None:
                old = old.model_copy(update={"date": self.prepared.date})
            same = [s for s in out if (s.name, s.position) == (old.name, old.position)]
            if not same:
                out.append(old)
        return out

    @property
    def issued(self) -> dt.date | None:
        """The document's date: ``date``, else ``prepared.date``."""
        return self.date or self.prepared.date

    @property
    def issued_field(self) -> str:
        return "date" if self.date else "prepared.date"

    @property
    def responsible_unit(self) -> str | None:
        """Who signs the foreword: ``unit``, else ``prepared.by``."""
        return self.unit or self.prepared.by

    @property
    def prepared_by_line(self) -> str | None:
        """``prepared.by`` when it is not already printed as the responsible unit."""
        by = self.prepared.by
        return by if by and by != self.responsible_unit else None


FRONT_KEYS = tuple(FrontMatter.model_fields)


def front_matter(data: dict) -> dict:
    """The front-matter fields of a params mapping (a province manifest carries them beside its entries)."""
    return {k: data[k] for k in FRONT_KEYS if k in data}
