"""Finding and reading the batch manifests (batch.json, one per province and fiscal year) the site is built from.

The site never renders a report: everything it shows comes from these files and from which output files
exist beside them. A manifest that cannot be read is an input error naming the file and the field.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..kit.errors import InputError

__all__ = ["Manifest", "province_folders", "read_manifest", "settings", "year_folders"]


@lru_cache(maxsize=1)
def settings() -> dict:
    """toolkit/site/site.yaml: document labels, the manifest's name, the files the site writes."""
    return yaml.safe_load(resources.files("toolkit").joinpath("site/site.yaml").read_text("utf-8"))


def manifest_name() -> str:
    return settings()["manifest"]


@dataclass
class Manifest:
    """One province's batch record, as read (entries left as they are: rows.py cleans each value)."""

    province: str
    fiscal_year: int | None
    assessment_year: int | None
    thai_digits: bool
    entries: list
    folder: Path | None = None  # where the manifest and the province's outputs are; None for tests in memory

    @classmethod
    def of(cls, data: Any, folder: Path | None = None) -> Manifest:
        """From parsed JSON (or a dict built in memory): years fall back to the entries' most common ones."""
        data = data if isinstance(data, dict) else {}
        entries = data.get("entries") if isinstance(data.get("entries"), list) else []
        dicts = [e for e in entries if isinstance(e, dict)]
        province = data.get("province")
        if not isinstance(province, str) or not province.strip():
            orgs = [e.get("organisation") for e in dicts if isinstance(e.get("organisation"), dict)]
            names = Counter(o.get("province") for o in orgs if isinstance(o.get("province"), str))
            province = names.most_common(1)[0][0] if names else (folder.name if folder else "")
        style = data.get("style") if isinstance(data.get("style"), dict) else {}
        return cls(province=province.strip(), fiscal_year=_year(data.get("fiscal_year"), dicts, "fiscal_year"),
                   assessment_year=_year(data.get("assessment_year"), dicts, "assessment_year"),
                   thai_digits=style.get("thai_digits", True) is not False, entries=entries, folder=folder)


def _year(value: Any, entries: list[dict], key: str) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    found = Counter(e.get(key) for e in entries if isinstance(e.get(key), int) and not isinstance(e.get(key), bool))
    return found.most_common(1)[0][0] if found else None


def read_manifest(path: Path) -> Manifest:
    """A province's manifest from disk; unreadable or malformed files are an InputError (Thai and English)."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise InputError(
            str(path), None,
            "แฟ้มสรุปการประมวลผลต้องเป็นไฟล์ JSON ที่อ่านได้ แก้ไขไฟล์ หรือประมวลผลจังหวัดนี้ใหม่ด้วย ita-report batch",
            "a batch manifest must be readable JSON; fix the file or run ita-report batch for this province again",
            f"{type(exc).__name__}: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        got = type(data).__name__ if not isinstance(data, dict) else type(data.get("entries")).__name__
        raise InputError(
            str(path), "entries",
            "แฟ้มสรุปการประมวลผลต้องเป็นออบเจกต์ JSON ที่มีรายการ entries (หนึ่งรายการต่อเอกสาร) "
            "ประมวลผลจังหวัดนี้ใหม่ด้วย ita-report batch",
            "a batch manifest must be a JSON object with an `entries` list (one per document); "
            "run ita-report batch for this province again", got)
    return Manifest.of(data, path.parent)


def province_folders(year_dir: Path) -> list[Path]:
    """The province folders of a fiscal year that hold a manifest, in name order."""
    name = manifest_name()
    return sorted(p.parent for p in Path(year_dir).glob(f"*/{name}") if p.is_file())


def year_folders(root: Path) -> list[Path]:
    """The fiscal-year folders under an output root; the root itself if it is one (or a province's year)."""
    root = Path(root)
    name = manifest_name()
    if (root / name).is_file():  # a province folder: its year
        return [root.parent]
    if province_folders(root):
        return [root]
    return sorted(p for p in root.iterdir() if p.is_dir() and province_folders(p)) if root.is_dir() else []
