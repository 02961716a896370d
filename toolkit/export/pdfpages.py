"""How full each page of a printed report is, read from the PDF itself (its page tree and text positions),
so the PDF exporter can lay a document out again when a page would be left nearly empty.

Reads the uncompressed object structure Chromium (Skia) and WeasyPrint write, Flate content streams, and
the operators that place text (q Q cm BT Tm Td TD); nothing else of PDF is needed for this.
"""
from __future__ import annotations

import io
import re
import zlib
from dataclasses import dataclass

from pypdf import PdfReader

_OBJ = re.compile(rb"(\d+) 0 obj(.*?)endobj", re.S)
_REF = re.compile(rb"(\d+) 0 R")
_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.S)
_TOKEN = re.compile(rb"(-?\d*\.\d+|-?\d+)|(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>|/[^\s/\[\]<>()]+|\[|\])|([A-Za-z'\"*]+)")
Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


@dataclass(frozen=True)
class PageText:
    """One page: its size and the highest and lowest text baselines, in points from the top edge."""

    width: float
    height: float
    baselines: tuple[float, ...]

    @property
    def landscape(self) -> bool:
        return self.width > self.height


def _mul(m: Matrix, n: Matrix) -> Matrix:
    """m then n (PDF row-vector convention: [x y 1] · m · n)."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s, e * p + f * r + t, e * q + f * s + u)


_PLACING = frozenset((b"q", b"Q", b"cm", b"BT", b"Tm", b"Td", b"TD"))


def baselines(content: bytes, height: float) -> list[float]:
    """The y (from the top) of every text placement in a content stream.

    Chromium writes text as hex strings, one glyph per ``Td``: the stream splits on whitespace and only the
    placing operators are read (4× faster than tokenising every operand: 0.09 s instead of 0.32 s for a
    19-page report, run after every print by the layout search). A stream with literal strings, whose
    parentheses may hold anything, is read token by token (baselines_exact; tests/export/test_pdfpages.py
    compares the two on printed reports)."""
    if b"(" in content:
        return baselines_exact(content, height)
    tokens = content.split()
    ctm, stack, tlm, out = IDENTITY, [], IDENTITY, []
    for k, token in enumerate(tokens):
        if token not in _PLACING:
            continue
        if token == b"Td" or token == b"TD":
            dx, dy = float(tokens[k - 2]), float(tokens[k - 1])
            if dy == 0 and tlm[1] == 0 and ctm[1] == 0:
                continue  # along an unrotated line: the baseline stays, and its x moves no y (cm is never inside BT)
            tlm = _mul((1.0, 0.0, 0.0, 1.0, dx, dy), tlm)
            if dy:
                out.append(height - _mul(tlm, ctm)[5])
        elif token == b"q":
            stack.append(ctm)
        elif token == b"Q":
            ctm = stack.pop() if stack else IDENTITY
        elif token == b"BT":
            tlm = IDENTITY
        elif token == b"cm":
            ctm = _mul(tuple(float(v) for v in tokens[k - 6:k]), ctm)  # type: ignore[arg-type]
        else:  # Tm
            tlm = tuple(float(v) for v in tokens[k - 6:k])  # type: ignore[assignment]
            out.append(height - _mul(tlm, ctm)[5])
    return out


def baselines_exact(content: bytes, height: float) -> list[float]:
    """baselines() for any content stream: every token read, strings skipped whole."""
    ctm, stack, tlm, operands, out = IDENTITY, [], IDENTITY, [], []
    for number, _other, op in (m.groups() for m in _TOKEN.finditer(content)):
        if number is not None:
            operands.append(float(number))
            continue
        if op is None:
            continue
        if op == b"q":
            stack.append(ctm)
        elif op == b"Q":
            ctm = stack.pop() if stack else IDENTITY
        elif op == b"cm" and len(operands) >= 6:
            ctm = _mul(tuple(operands[-6:]), ctm)
        elif op == b"BT":
            tlm = IDENTITY
        elif op == b"Tm" and len(operands) >= 6:
            tlm = tuple(operands[-6:])
            out.append(height - _mul(tlm, ctm)[5])
        elif op in (b"Td", b"TD") and len(operands) >= 2:
            tlm = _mul((1.0, 0.0, 0.0, 1.0, operands[-2], operands[-1]), tlm)
            if operands[-1]:
                out.append(height - _mul(tlm, ctm)[5])
        operands = []
    return out


def pages(pdf: bytes) -> list[PageText]:
    """Every page in reading order with the baselines of its text."""
    return [PageText(width, height, tuple(sorted(baselines(data, height))))
            for width, height, data in page_contents(pdf)]


def page_contents(pdf: bytes) -> list[tuple[float, float, bytes]]:
    """Every page in reading order: its width, its height and its content streams, decompressed and joined."""
    objects = {int(n): body for n, body in _OBJ.findall(pdf)}
    roots = [n for n, body in objects.items() if re.search(rb"/Type\s*/Pages\b", body) and b"/Parent" not in body]
    ordered: list[int] = []

    def walk(n: int) -> None:
        body = objects.get(n, b"")
        if re.search(rb"/Type\s*/Pages\b", body):
            kids = re.search(rb"/Kids\s*\[(.*?)\]", body, re.S)
            for kid in _REF.findall(kids.group(1) if kids else b""):
                walk(int(kid))
        elif re.search(rb"/Type\s*/Page\b", body):
            ordered.append(n)

    for root in roots[:1]:
        walk(root)
    out = []
    for n in ordered:
        body = objects[n]
        box = [float(x) for x in re.search(rb"/MediaBox\s*\[([^\]]*)\]", body).group(1).split()]
        width, height = box[2] - box[0], box[3] - box[1]
        contents = re.search(rb"/Contents\s*(\[[^\]]*\]|\d+ 0 R)", body)
        data = b""
        for ref in _REF.findall(contents.group(1) if contents else b""):
            obj = objects.get(int(ref), b"")
            stream = _STREAM.search(obj)
            if stream:
                raw = stream.group(1)
                length = re.search(rb"/Length\s+(\d+)(?!\s+0\s+R)", obj)
                if length:  # the stream's own length: its last byte may be a CR or LF
                    start = stream.start(1)
                    raw = obj[start:start + int(length.group(1))]
                try:
                    data += zlib.decompressobj().decompress(raw) + b"\n"
                except zlib.error:
                    data += raw + b"\n"
        out.append((width, height, data))
    return out


def underfull(pdf: bytes | list[PageText], margins_cm: tuple[float, float, float, float], least: float = 1 / 3,
              front: int = 1) -> list[int]:
    """Numbers of the pages, neither the first `front` (cover, คำนำ, สารบัญ: a page each by design) nor the
    last, whose text ends above `least` of their text area; margins_cm: portrait top, bottom, landscape top,
    bottom. Text in the bottom margin (the page number) is not counted. `pdf` may be its pages() already read
    (the layout search reads a print once for its page count and this)."""
    pt = 72 / 2.54
    found = []
    all_pages = pages(pdf) if isinstance(pdf, bytes) else pdf
    for number, page in enumerate(all_pages, 1):
        if number <= front or number == len(all_pages):
            continue
        top, bottom = (margins_cm[2], margins_cm[3]) if page.landscape else margins_cm[:2]
        area_top, area_bottom = top * pt, page.height - bottom * pt
        body = [y for y in page.baselines if y <= area_bottom]
        end = max(body, default=area_top)
        if (end - area_top) / (area_bottom - area_top) < least:
            found.append(number)
    return found


def page_numbers(pdf: bytes) -> dict[str, int]:
    """Each named destination (an element id a link points at) → the 1-based page it is on."""
    reader = PdfReader(io.BytesIO(pdf))
    index = {page.indirect_reference.idnum: k for k, page in enumerate(reader.pages)}
    out = {}
    for name, dest in reader.named_destinations.items():
        page = dest.get("/Page") if hasattr(dest, "get") else None
        ref = getattr(page, "idnum", None)
        if ref in index:
            out[str(name).lstrip("/")] = index[ref] + 1
    return out


def body_start(pdf: bytes, targets: list[str]) -> int:
    """The page the body starts on: the first page a contents entry points at (2 without contents).
    The pages before it (cover, foreword, contents) each stand on their own page by design."""
    if not targets:
        return 2
    pages = page_numbers(pdf)
    found = [pages[t] for t in targets if t in pages]
    return min(found, default=2)
