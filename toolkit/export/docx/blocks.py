"""A small document model between our section HTML and Word: what a report says, not how HTML says it.

from_html.py builds it, writer.py turns it into WordprocessingML. Style names are Word's own
(Title, Heading 1, Caption …) or the few ours that styles.py defines (Table Text, Note …).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union

#: Character styles a Run may carry (defined in styles.py).
CHAR_STYLES = ("Strong", "Emphasis", "Small Text", "Weakness", "Strength", "Muted")


@dataclass
class Run:
    """Text with one formatting; "\\n" inside the text is a line break (HTML <br>)."""

    text: str
    bold: bool = False
    italic: bool = False
    superscript: bool = False
    style: str | None = None  # one of CHAR_STYLES


@dataclass
class Paragraph:
    """One paragraph in one paragraph style; keep_with_next holds it on the page of the next one."""

    runs: list[Run] = field(default_factory=list)
    style: str = "Normal"
    align: str | None = None  # left | center | right; None: the style's
    keep_with_next: bool = False
    page_break_before: bool = False
    level: int = 0  # list nesting depth (List Bullet, List Item)
    min_width: float | None = None  # widest unbreakable word in em, regular weight (for table widths)

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass
class Picture:
    """A chart or image: PNG bytes once rasterised (svg keeps the source until then)."""

    alt: str
    width_cm: float
    height_cm: float
    png: bytes | None = None
    svg: str | None = None
    caption: Paragraph | None = None


@dataclass
class Cell:
    """A table cell: paragraphs, spans, and whether it is a header cell (th)."""

    blocks: list[Paragraph] = field(default_factory=list)
    colspan: int = 1
    rowspan: int = 1
    header: bool = False
    align: str | None = None
    nowrap: bool = False  # numbers, codes, status words: the column is at least as wide as the text


@dataclass
class Row:
    """A table row: header rows repeat on every page, group rows stay with the row after them."""

    cells: list[Cell] = field(default_factory=list)
    header: bool = False
    group: bool = False
    total: bool = False
    can_split: bool = False


@dataclass
class Table:
    """A Word table; widths are relative weights per grid column (None: the writer estimates them)."""

    rows: list[Row] = field(default_factory=list)
    caption: Paragraph | None = None
    widths: list[float] | None = None
    dense: bool = False  # smaller type (Table Text Small)

    @property
    def n_cols(self) -> int:
        """Grid columns, counting spans and cells that rowspans above push right."""
        return len(grid(self)[0]) if self.rows else 0


Block = Union[Paragraph, Table, Picture]


@dataclass
class Section:
    """A run of pages with one orientation; the first one may carry a cover without a page number."""

    blocks: list[Block] = field(default_factory=list)
    landscape: bool = False
    cover: bool = False  # first page without a page number


@dataclass
class Meta:
    """Document core properties (Word's File > Info)."""

    title: str = ""
    subject: str = ""  # the organisation
    keywords: str = ""
    category: str = ""
    version: str = ""
    description: str = ""
    language: str = "th-TH"


@dataclass
class Document:
    """The whole report: sections in order, metadata, and whether numbers print in Thai digits."""

    sections: list[Section] = field(default_factory=list)
    meta: Meta = field(default_factory=Meta)
    thai_digits: bool = True
    notes: list[str] = field(default_factory=list)  # what the converter could not map exactly

    def pictures(self) -> list[Picture]:
        """Every picture, in tables too (for rasterising all charts in one go)."""
        return [b for s in self.sections for b in s.blocks if isinstance(b, Picture)]

    def text(self) -> str:
        """All text in reading order (tests and search)."""
        out: list[str] = []
        for s in self.sections:
            for b in s.blocks:
                if isinstance(b, Paragraph):
                    out.append(b.text)
                elif isinstance(b, Table):
                    if b.caption:
                        out.append(b.caption.text)
                    out.extend(p.text for r in b.rows for c in r.cells for p in c.blocks)
                elif b.caption:
                    out.append(b.caption.text)
        return "\n".join(out)


def grid(table: Table) -> list[list[tuple[int, int] | None]]:
    """Each row's grid slots: (row, cell index) of the cell that starts or covers it; None for holes.

    The HTML table model: a cell with rowspan occupies the same columns in the rows below, so
    later cells of those rows move right.
    """
    taken: dict[tuple[int, int], tuple[int, int]] = {}
    width = 0
    for r, row in enumerate(table.rows):
        col = 0
        for c, cell in enumerate(row.cells):
            while (r, col) in taken:
                col += 1
            for dr in range(max(cell.rowspan, 1)):
                for dc in range(max(cell.colspan, 1)):
                    taken[(r + dr, col + dc)] = (r, c)
            col += max(cell.colspan, 1)
        width = max(width, max((k[1] + 1 for k in taken if k[0] == r), default=0))
    rows = len(table.rows)
    return [[taken.get((r, col)) for col in range(width)] for r in range(rows)]
