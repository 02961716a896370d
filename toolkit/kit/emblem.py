"""An organisation's emblem for the cover: checked (type by its bytes, size, SVG without active content)
and embedded as a data: URL, so the document stays one self-contained file."""
from __future__ import annotations

import base64
import re
import xml.etree.ElementTree as ET
from pathlib import Path

MAX_BYTES = 1024 * 1024  # 1 MiB: a scanned emblem is 50–300 kB; more would bloat every HTML, PDF and notebook
KINDS = {"png": "image/png", "jpeg": "image/jpeg", "svg": "image/svg+xml"}
_DATA_URL = re.compile(r"data:(image/(?:png|jpeg|svg\+xml));base64,([A-Za-z0-9+/=\s]+)", re.S)
_SVG_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*)*"
                        rb"(?:<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>\s*)?(?:<!--.*?-->\s*)*<svg[\s>]", re.S | re.I)
# SVG parts that run code or fetch something: never allowed in a cover image
_SVG_ACTIVE = {"script", "foreignobject", "iframe", "embed", "object", "audio", "video", "animate", "set"}


class EmblemError(ValueError):
    """An emblem that cannot be used, with what was expected in Thai and English."""

    def __init__(self, th: str, en: str):
        self.th, self.en = th, en
        super().__init__(en)


def kind_of(content: bytes) -> str | None:
    """png, jpeg or svg from the first bytes (never from the file name), None for anything else."""
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if content.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if _SVG_START.match(content[:4096]):
        return "svg"
    return None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


def check_svg(content: bytes) -> None:
    """An SVG with no scripts, event handlers, embedded documents, entities or outside references."""
    head = content[:65536].lower()
    if b"<!doctype" in head or b"<!entity" in head:
        raise EmblemError("ไฟล์ SVG ต้องไม่มี DOCTYPE หรือ ENTITY", "the SVG must not contain a DOCTYPE or ENTITY")
    try:
        root = ET.fromstring(content)
    except ET.ParseError as exc:
        raise EmblemError(f"ไฟล์ SVG อ่านไม่ได้ ({exc})", f"the SVG is not well-formed XML ({exc})") from None
    for el in root.iter():
        tag = _local(el.tag) if isinstance(el.tag, str) else ""
        if tag in _SVG_ACTIVE:
            raise EmblemError(f"ไฟล์ SVG ต้องไม่มีองค์ประกอบ <{tag}> (สคริปต์หรือเนื้อหาที่ทำงานได้)",
                              f"the SVG must not contain <{tag}> (scripts or active content)")
        if tag == "style" and re.search(r"@import|url\(\s*['\"]?(?!#|data:image/)", el.text or "", re.I):
            raise EmblemError("ไฟล์ SVG ต้องไม่อ้างถึงไฟล์ภายนอกในส่วน <style>",
                              "the SVG's <style> must not load anything from outside")
        for name, value in el.attrib.items():
            attr = _local(name)
            if attr.startswith("on"):
                raise EmblemError(f"ไฟล์ SVG ต้องไม่มีคำสั่งตอบสนองเหตุการณ์ ({attr})",
                                  f"the SVG must not contain event handlers ({attr})")
            if attr == "href" and not value.strip().startswith(("#", "data:image/png", "data:image/jpeg")):
                raise EmblemError("ไฟล์ SVG ต้องไม่อ้างถึงไฟล์หรือเว็บไซต์ภายนอก",
                                  "the SVG must not link to outside files or sites")
            if "javascript:" in value.lower().replace(" ", ""):
                raise EmblemError("ไฟล์ SVG ต้องไม่มีสคริปต์", "the SVG must not contain scripts")


def check(content: bytes) -> str:
    """The image kind of valid emblem bytes; an EmblemError says what is wrong."""
    if not content:
        raise EmblemError("ไฟล์ตราสัญลักษณ์ว่างเปล่า", "the emblem file is empty")
    if len(content) > MAX_BYTES:
        raise EmblemError(f"ไฟล์ตราสัญลักษณ์ต้องไม่เกิน {MAX_BYTES // 1024} กิโลไบต์ (ไฟล์นี้ {len(content) // 1024} กิโลไบต์) "
                          "ให้ย่อขนาดภาพก่อน",
                          f"the emblem must be at most {MAX_BYTES // 1024} kB (this one is {len(content) // 1024} kB); "
                          "scale the image down first")
    kind = kind_of(content)
    if kind is None:
        raise EmblemError("ตราสัญลักษณ์ต้องเป็นภาพ PNG, JPEG หรือ SVG (ตรวจจากเนื้อไฟล์ ไม่ใช่นามสกุล)",
                          "the emblem must be a PNG, JPEG or SVG image (judged by its content, not its name)")
    if kind == "svg":
        check_svg(content)
    return kind


def to_data_url(content: bytes) -> str:
    """Checked bytes as a data: URL for an <img>."""
    kind = check(content)
    return f"data:{KINDS[kind]};base64,{base64.b64encode(content).decode('ascii')}"


def from_data_url(url: str) -> bytes | None:
    """The bytes of a data: URL this module wrote (None if it is not one)."""
    m = _DATA_URL.fullmatch(url.strip())
    if not m:
        return None
    try:
        return base64.b64decode(re.sub(r"\s+", "", m[2]), validate=True)
    except ValueError:
        return None


def resolve(value: str, source: str | None) -> str:
    """A path (relative to the params file, else the working folder) or an earlier data: URL → a checked data: URL."""
    text = value.strip()
    if text.startswith("data:"):
        content = from_data_url(text)
        if content is None:
            raise EmblemError("ตราสัญลักษณ์แบบ data: ต้องเป็นภาพ PNG, JPEG หรือ SVG เข้ารหัส base64",
                              "an emblem given as data: must be a base64 PNG, JPEG or SVG image")
        return to_data_url(content)
    path = Path(text).expanduser()
    if not path.is_absolute():
        base = Path(source).parent if source and not str(source).startswith("<") else Path(".")
        path = base / path
    if not path.is_file():
        raise EmblemError(f"ไม่พบไฟล์ตราสัญลักษณ์ {path} (ระบุตำแหน่งเทียบกับไฟล์ข้อมูลนี้)",
                          f"emblem file {path} not found (give it relative to this params file)")
    if path.stat().st_size > MAX_BYTES:
        raise EmblemError(f"ไฟล์ตราสัญลักษณ์ {path} ใหญ่เกิน {MAX_BYTES // 1024} กิโลไบต์ ให้ย่อขนาดภาพก่อน",
                          f"emblem file {path} is larger than {MAX_BYTES // 1024} kB; scale the image down first")
    return to_data_url(path.read_bytes())
