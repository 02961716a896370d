"""Structured exceptions: every input problem names its file, place and what was expected.

The CLI turns these into a two-line message (Thai, then English) and exit code 2;
findings (reconciliation, lint) are data in :mod:`toolkit.findings`, not exceptions.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable


class ToolkitError(Exception):
    """Base of every error the toolkit raises on purpose (as opposed to a bug)."""

    exit_code = 2

    def message_th(self) -> str:
        return str(self)

    def message_en(self) -> str:
        return str(self)


def _show(got: Any) -> str:
    if isinstance(got, str):  # control characters (a NUL, say) shown, not swallowed by the terminal
        text = '"' + "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in got) + '"'
    else:
        text = repr(got)
    return text if len(text) <= 80 else text[:77] + "…"


MISSING = object()  # "no value was given" (distinct from None)
_MISSING = MISSING


@dataclass
class Location:
    """Where in an input a value sits: a dotted field path, or a table row and column."""

    field: str | None = None
    row: int | None = None
    column: str | None = None
    line: int | None = None

    def th(self) -> str:
        parts = []
        if self.line is not None:
            parts.append(f"บรรทัด {self.line}")
        if self.row is not None:
            parts.append(f"แถวที่ {self.row}")
        if self.column:
            parts.append(f"คอลัมน์ {self.column}")
        if self.field:
            parts.append(f"ฟิลด์ {self.field}")
        return ", ".join(parts)

    def en(self) -> str:
        parts = []
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column:
            parts.append(f"column {self.column}")
        if self.field:
            parts.append(f"field {self.field}")
        return ", ".join(parts)


class InputError(ToolkitError):
    """One bad value in one input file."""

    def __init__(
        self,
        source: str | None,
        location: Location | str | None,
        expected_th: str,
        expected_en: str,
        got: Any = _MISSING,
    ):
        self.source = str(source) if source is not None else None
        if isinstance(location, str):
            location = Location(field=location)
        self.location = location or Location()
        self.expected_th = expected_th
        self.expected_en = expected_en
        self.got = got
        super().__init__(self.message_en())

    def _where(self, lang: str) -> str:
        loc = self.location.th() if lang == "th" else self.location.en()
        parts = [p for p in (self.source, loc) if p]
        return ", ".join(parts)

    def message_th(self) -> str:
        got = "" if self.got is _MISSING else f" (ได้ {_show(self.got)})"
        where = self._where("th")
        return f"{where}: {self.expected_th}{got}" if where else f"{self.expected_th}{got}"

    def message_en(self) -> str:
        got = "" if self.got is _MISSING else f" (got {_show(self.got)})"
        where = self._where("en")
        return f"{where}: {self.expected_en}{got}" if where else f"{self.expected_en}{got}"

    def as_dict(self) -> dict:
        return {
            "source": self.source,
            "field": self.location.field,
            "row": self.location.row,
            "column": self.location.column,
            "line": self.location.line,
            "message_th": self.message_th(),
            "message_en": self.message_en(),
        }


class InputErrors(ToolkitError):
    """All the problems of one input file, reported together so a user fixes them in one go."""

    def __init__(self, errors: Iterable[InputError], source: str | None = None):
        self.errors = list(errors)
        self.source = source or (self.errors[0].source if self.errors else None)
        super().__init__(self.message_en())

    def message_th(self) -> str:
        head = f"ข้อมูลนำเข้าไม่ถูกต้อง {len(self.errors)} รายการ"
        return "\n".join([head] + [f"  - {e.message_th()}" for e in self.errors])

    def message_en(self) -> str:
        head = f"{len(self.errors)} invalid input value(s)"
        return "\n".join([head] + [f"  - {e.message_en()}" for e in self.errors])

    def __iter__(self):
        return iter(self.errors)

    def __len__(self) -> int:
        return len(self.errors)


class FrameworkError(InputError):
    """The assessment year has no framework file, or a framework file is malformed."""


class RenderError(ToolkitError):
    """A notebook failed to execute or export; carries the organisation and the cause."""

    exit_code = 1

    def __init__(self, what: str, cause: str):
        self.what = what
        self.cause = cause
        super().__init__(f"{what}: {cause}")

    def message_th(self) -> str:
        return f"สร้างรายงานไม่สำเร็จ: {self.what}: {self.cause}"

    def message_en(self) -> str:
        return f"rendering failed: {self.what}: {self.cause}"
