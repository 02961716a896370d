"""What a table read gives back (rows, how it was read) and the limits and errors of a whole table."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ...kit.errors import MISSING, InputError, InputErrors, Location

MAX_BYTES = 50 * 1024 * 1024  # refused before parsing: a province's table is well under 1 MB
MAX_XLSX_BYTES = 20 * 1024 * 1024  # a workbook is expanded in memory (merged cells, formulas): 8,300 rows ≈ 4 MB
MAX_ROWS = 100_000  # ~8,300 agencies in the whole country: more rows than this is not a results table
HEADER_SEARCH_ROWS = 30  # the header sits below at most a few title rows
FIRST_ROWS = 5  # a column-wide problem names this many rows, then "…"

Grid = list  # list of (row number, list of cell values) or (row number, None, message) for unreadable rows


@dataclass
class Row:
    """One data row of the table: what was built from it and whether it validated."""

    number: int  # spreadsheet row number as the user sees it (header row = 1 when it is the first row)
    data: dict | None  # the params dict built from the row (None if the row could not even be read)
    params: Any | None  # validated params model, or None
    errors: InputErrors | None  # every problem of this row, each naming the file, row number and column

    @property
    def ok(self) -> bool:
        """A row is usable only if it validated."""
        return self.params is not None


@dataclass
class TableInfo:
    """What was read and how, so a user can see which columns fed which field and which were ignored."""

    source: str
    format: str  # "csv" or "xlsx"
    encoding: str | None = None  # CSV only: "utf-8", "utf-8-sig", "utf-16", "cp874"
    delimiter: str | None = None  # CSV only
    sheet: str | None = None  # XLSX only: the sheet read
    sheets: list[str] = field(default_factory=list)  # XLSX only: every sheet of the workbook
    header_row: int | None = None
    columns: dict[str, str] = field(default_factory=dict)  # header as written → params field it feeds
    ignored: list[str] = field(default_factory=list)  # headers not recognised, as written
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (row, "Thai / English" reason): not organisations
    warnings: list[str] = field(default_factory=list)  # "Thai / English", one per note


class Table(list):
    """The rows of a table (a ``list[Row]``) with the ``TableInfo`` of how it was read."""

    def __init__(self, rows: list[Row], info: TableInfo):
        super().__init__(rows)
        self.info = info

    @property
    def valid(self) -> list[Row]:
        """Rows that can be rendered."""
        return [r for r in self if r.params is not None]

    @property
    def invalid(self) -> list[Row]:
        """Rows to send back for correction."""
        return [r for r in self if r.params is None]


def table_error(source: str, th: str, en: str, got: Any = None, row: int | None = None,
                column: str | None = None) -> InputErrors:
    """A problem of the whole table (or of a whole column), as the one error the user must fix first."""
    location = Location(row=row, column=column) if row or column else None
    return InputErrors([InputError(source, location, th, en, MISSING if got is None else got)], source)


def rows_text(numbers: list[int]) -> str:
    """"2, 3, 4, 5, 6 …": the first rows of a column-wide problem."""
    shown = ", ".join(map(str, numbers[:FIRST_ROWS]))
    return shown + (" …" if len(numbers) > FIRST_ROWS else "")


def letter(index: int) -> str:
    """Spreadsheet column letter of a 0-based index (A, …, Z, AA, …)."""
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out
