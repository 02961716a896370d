"""The tables as files: CSV (UTF-8 with BOM, so Excel reads Thai) and XLSX, with Thai headers.

The same cell texts go into the page's JSON block of the table's rows, from which its script makes
"download what is shown" (the rows left by the filters, in the order of the sort, numbered as shown).
`csv_line` is the one quoting rule both sides use, so a file made here and one made in the browser
from the same rows are byte for byte the same. Text that a spreadsheet would run as a formula
(=, +, -, @ first) is written with a leading apostrophe in CSV; XLSX text cells are inline strings, never formulas
(xlsx.py).
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from ..kit.paths import write_atomic
from . import xlsx
from .rows import TOOLS

__all__ = [
    "csv_line",
    "csv_text",
    "org_cells",
    "org_columns",
    "province_cells",
    "province_columns",
    "write_tables",
    "xlsx_bytes",
]

BOM = "\ufeff"
_QUOTE = re.compile(r'[",\r\n]')
_FORMULA = tuple("=+-@\t\r")
NUMBER = object()  # marks numeric columns for XLSX


def _num(value: float | None, decimals: int = 2) -> str:
    return "" if value is None else f"{value:.{decimals}f}"


def _safe(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA) else value


def csv_line(cells: Sequence[str]) -> str:
    """One CSV record (RFC 4180 quoting: only fields with a comma, quote or line break are quoted)."""
    return ",".join('"' + c.replace('"', '""') + '"' if _QUOTE.search(c) else c for c in cells)


def csv_text(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """BOM, header, one line per row, CRLF line ends (what Excel expects)."""
    return BOM + "".join(csv_line(r) + "\r\n" for r in [list(header), *rows])


# --------------------------------------------------------------------------- organisation tables


def org_columns(indicators: Sequence[int]) -> list[tuple[str, Any]]:
    """(Thai header, kind) of the organisation table; ลำดับ first (filled in as shown), indicators as found."""
    cols: list[tuple[str, Any]] = [("ลำดับ", NUMBER), ("จังหวัด", str), ("อำเภอ", str), ("ชื่อหน่วยงาน", str),
                                   ("ประเภท", str)]
    cols += [(f"คะแนน {t}", NUMBER) for t in TOOLS]
    cols += [("คะแนนรวม", NUMBER), ("ระดับผลการประเมิน", str), ("คะแนนรวมปีก่อน", NUMBER),
             ("เปลี่ยนแปลงจากปีก่อน", NUMBER), ("จำนวนตัวชี้วัดที่ต่ำกว่าเกณฑ์", NUMBER),
             ("ตัวชี้วัดที่ได้คะแนนต่ำที่สุด", str), ("คะแนนตัวชี้วัดที่ต่ำที่สุด", NUMBER)]
    cols += [(f"ตัวชี้วัดที่ {n}", NUMBER) for n in indicators]
    cols += [("เอกสารที่จัดทำแล้ว", str), ("การจัดทำรายงาน", str), ("สาเหตุที่จัดทำรายงานไม่สำเร็จ", str)]
    return cols


def org_cells(row: dict, indicators: Sequence[int]) -> list[str]:
    """A row's cells as CSV text, without ลำดับ (the page numbers rows as they are shown)."""
    weakest = " ".join(p for p in (row["weakest_number"], row["weakest_name"]) if p)
    made = [d["label"] for d in row["documents"] if d["ok"]]
    reasons = "; ".join(f"{d['label']}: {d['error_th'] or 'ไม่ทราบสาเหตุ'}" for d in row["failed"])
    cells = [_safe(row["province"]), _safe(row["district"]), _safe(row["name"]), _safe(row["type"])]
    cells += [_num(row["tools"][t]) for t in TOOLS]
    cells += [_num(row["total"]), _safe(row["level"]), _num(row["previous"]), _num(row["change"]),
              str(row["below"]) if row["has_results"] else "", _safe(weakest), _num(row["weakest_score"])]
    cells += [_num(row["indicators"].get(n)) for n in indicators]
    cells += ["; ".join(made), "จัดทำรายงานไม่สำเร็จ" if row["failed"] else "จัดทำแล้ว", _safe(reasons)]
    return cells


def indicator_numbers(rows: Iterable[dict]) -> list[int]:
    return sorted({n for r in rows for n in r["indicators"]})


# --------------------------------------------------------------------------- province tables


def province_columns(level_names: Sequence[str]) -> list[tuple[str, Any]]:
    cols: list[tuple[str, Any]] = [("ลำดับ", NUMBER), ("จังหวัด", str), ("จำนวนหน่วยงาน", NUMBER),
                                   ("มีผลการประเมิน", NUMBER)]
    cols += [(f"ระดับ {lv}", NUMBER) for lv in level_names]
    cols += [("คะแนนรวมเฉลี่ย", NUMBER), ("ร้อยละที่ผ่านเกณฑ์", NUMBER), ("มีตัวชี้วัดต่ำกว่าเกณฑ์", NUMBER),
             ("เปลี่ยนแปลงเฉลี่ยจากปีก่อน", NUMBER), ("เอกสารที่จัดทำแล้ว", NUMBER),
             ("เอกสารที่จัดทำไม่สำเร็จ", NUMBER)]
    return cols


def province_cells(name: str, stats: dict, level_names: Sequence[str]) -> list[str]:
    cells = [_safe(name), str(stats["organisations"]), str(stats["scored"])]
    cells += [str(stats["levels"].get(lv, 0)) for lv in level_names]
    cells += [_num(stats["mean"]), _num(stats["pass_share"]), str(stats["below"]), _num(stats["mean_change"]),
              str(stats["made"]), str(stats["not_made"])]
    return cells


# --------------------------------------------------------------------------- files


def xlsx_bytes(columns: Sequence[tuple[str, Any]], rows: Iterable[Sequence[str]], sheet: str) -> bytes:
    """The same table as XLSX: numbered rows, numbers as numbers, text typed as text (never a formula)."""
    def typed(number: int, cells: Sequence[str]) -> list:
        out: list = []
        for (_, kind), value in zip(columns, [str(number), *cells]):
            if kind is NUMBER and value != "":
                out.append(float(value) if "." in value else int(value))
            else:  # the CSV's apostrophe guard is not needed: an XLSX text cell is never run
                out.append(value[1:] if value.startswith("'") and value[1:].startswith(_FORMULA) else value)
        return out

    widths = [max(8, min(40, len(h) + 4)) for h, _ in columns]
    return xlsx.workbook(sheet, [h for h, _ in columns], (typed(i, r) for i, r in enumerate(rows, start=1)), widths)


def write_tables(folder: Path, stem: str, columns: Sequence[tuple[str, Any]], rows: list[Sequence[str]],
                 sheet: str) -> dict[str, Path]:
    """<stem>.csv and <stem>.xlsx of every row (numbered 1…n in the order given), written atomically."""
    header = [h for h, _ in columns]
    numbered = [[str(i), *r] for i, r in enumerate(rows, start=1)]
    return {
        "csv": write_atomic(Path(folder) / f"{stem}.csv", csv_text(header, numbered).encode("utf-8")),
        "xlsx": write_atomic(Path(folder) / f"{stem}.xlsx", xlsx_bytes(columns, rows, sheet)),
    }
