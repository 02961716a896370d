"""Contents page numbers written into the printed PDF, so a document is printed once instead of twice.

Chromium cannot number the contents itself (no ``target-counter()``); the page each section starts on is only
known once the document is printed. Instead of printing again with the numbers filled in, the one print is
made with a placeholder digit in each contents slot and, out of the flow of the page, the ten digits of the
document's style once (the "key"), all in a marker colour nothing else uses. The printer (Skia) writes each
run of marker text as its own text object and keeps the font's glyph numbers, so the key says which glyph
draws which digit, each placeholder says where its slot starts, and the slots are rewritten as the page
numbers, right-aligned in the slot, in the ink colour; the key is removed. Layout is untouched: the slots have
a fixed width in both cases. Anything unexpected in the PDF is a StampError and the caller prints again
(tests/export/test_stamp.py).
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError
from pypdf.generic import ArrayObject, ByteStringObject, ContentStream, FloatObject, NameObject, NumberObject

from ..kit.thai import to_thai_digits

__all__ = ["FRONT_PAGES", "SLOT", "SLOT_EM", "StampError", "contents_digits", "contents_targets", "marked",
           "page_label", "plain", "stamp"]

#: Width of a contents page-number slot, in em of the contents text: three digits fit (a 200-page document).
SLOT_EM = 2.0
_MARK = (1, 2, 3)  # rgb(1, 2, 3): the marker colour
_MARK_HEX = "#010203"
_LAYOUT = (f"section.contents {{ position: relative; }}"
           f" section.contents .toc-page {{ display: inline-block; flex: 0 0 {SLOT_EM}em; width: {SLOT_EM}em;"
           f" min-width: 0; white-space: nowrap; text-align: left; }}")
_STYLE_MARKED = (f'<style id="ita-stamp">{_LAYOUT} section.contents .toc-page {{ color: {_MARK_HEX}; }}'
                 f" .toc-key {{ position: absolute; left: 0; top: 0; font-size: 4px; color: {_MARK_HEX}; }}</style>")
_STYLE_PLAIN = f'<style id="ita-stamp">{_LAYOUT} section.contents .toc-page {{ text-align: right; }}</style>'
_STYLE = re.compile(r'<style id="ita-stamp">.*?</style>', re.S)
_KEY = re.compile(r'<span class="toc-key" aria-hidden="true">[^<]*</span>')
#: A contents slot: the page number of the section whose id it names.
SLOT = re.compile(r'<span class="toc-page" data-for="([^"]+)">[^<]*</span>')
_CONTENTS = re.compile(r'<section class="contents"(?: data-digits="(thai|arabic)")?[^>]*>')
_INK = re.compile(r"--ink:\s*#([0-9a-fA-F]{6})")


class StampError(Exception):
    """The printed PDF is not as the stamping expects (another printer, another PDF writer): print again."""


def contents_targets(html: str) -> list[str]:
    """The element ids the contents list, in order."""
    return SLOT.findall(html)


def contents_digits(html: str) -> str:
    """The ten digits the contents number its pages with (data-digits on the contents section)."""
    m = _CONTENTS.search(html)
    return "๐๑๒๓๔๕๖๗๘๙" if m and m.group(1) == "thai" else "0123456789"


def page_label(page: int | None, digits: str) -> str:
    """A contents page number as printed: in the contents' digits, empty for a section not found."""
    if page is None:
        return ""
    return to_thai_digits(str(page)) if digits[0] == "๐" else str(page)


def marked(html: str) -> str:
    """The HTML to print: a placeholder in each contents slot and the digit key, in the marker colour."""
    m = _CONTENTS.search(html)
    if m is None or not SLOT.search(html):
        return html
    digits = contents_digits(html)
    html = SLOT.sub(lambda s: f'<span class="toc-page" data-for="{s[1]}">{digits[0]}</span>', html)
    key = f'<span class="toc-key" aria-hidden="true">{digits}</span>'
    html = html[:m.end()] + key + html[m.end():]
    return html.replace("</head>", _STYLE_MARKED + "</head>", 1)


def plain(html: str) -> str:
    """The marked HTML without the key and the marker colour, for a second print with the numbers written in
    as text when stamping is not possible; its slots keep their width, so it lays out as the first print did."""
    return _STYLE.sub(_STYLE_PLAIN, _KEY.sub("", html), count=1)


@dataclass
class _Run:
    start: int          # index of BT in the page's operations
    end: int            # index of ET
    colour: int | None  # index of the rg that set the marker colour
    font: str
    size: float
    x: float
    y: float
    flip: float         # the text matrix's d: -1 where the page's y axis points down (Skia)
    glyphs: list[int]


def _is_mark(operands: list) -> bool:
    return len(operands) == 3 and all(abs(float(v) - c / 255) < 2e-3 for v, c in zip(operands, _MARK))


_FILL = re.compile(rb"(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s+rg\b")


def _has_mark(content: bytes) -> bool:
    """Whether a content stream sets the marker colour anywhere (read with a pattern, not parsed)."""
    return any(_is_mark(m.groups()) for m in _FILL.finditer(content))


def _glyphs(operand) -> list[int]:
    raw = getattr(operand, "original_bytes", None)  # pypdf decodes strings as text; the glyph numbers are bytes
    if raw is None:
        raw = bytes(operand) if isinstance(operand, bytes) else str(operand).encode("latin-1")
    if len(raw) % 2:
        raise StampError("a marker glyph string of odd length: not a two-byte (Identity-H) font")
    return [int.from_bytes(raw[k:k + 2], "big") for k in range(0, len(raw), 2)]


def _runs(ops: list) -> list[_Run]:
    """The text objects drawn in the marker colour, in drawing order."""
    runs, colour, k = [], None, 0
    while k < len(ops):
        operands, op = ops[k]
        if op == b"rg":
            colour = k if _is_mark(operands) else None
        elif op == b"BT" and colour is not None:
            run = _Run(k, k, colour, "", 0.0, 0.0, 0.0, 1.0, [])
            tms = 0
            for j in range(k + 1, len(ops)):
                operands, op = ops[j]
                if op == b"ET":
                    run.end = j
                    break
                if op == b"Tf":
                    run.font, run.size = str(operands[0]), float(operands[1])
                elif op == b"Tm":
                    tms += 1
                    a, b, c, run.flip, run.x, run.y = (float(v) for v in operands)
                    if (a, b, c) != (1.0, 0.0, 0.0) or abs(run.flip) != 1.0:
                        raise StampError("a marker run with a scaled or rotated text matrix")
                elif op == b"Tj":
                    run.glyphs += _glyphs(operands[0])
                elif op in (b"TJ", b"'", b'"'):
                    raise StampError(f"a marker run drawn with {op.decode()}")
            if run.end == k or tms != 1:
                raise StampError("a marker run that is not one positioned text object")
            runs.append(run)
            k = run.end
        k += 1
    return runs


def _widths(font: dict) -> dict[int, float]:
    """Glyph advances (1/1000 em) of a Type0 font's descendant."""
    descendant = font["/DescendantFonts"][0].get_object()
    default, table, out, k = float(descendant.get("/DW", 1000)), list(descendant.get("/W", [])), {}, 0
    while k < len(table):
        first = int(table[k])
        if isinstance(table[k + 1], ArrayObject):
            out.update({first + j: float(w) for j, w in enumerate(table[k + 1])})
            k += 2
        else:
            out.update({g: float(table[k + 2]) for g in range(first, int(table[k + 1]) + 1)})
            k += 3
    out[-1] = default
    return out


def _ink(html: str) -> tuple[float, float, float]:
    m = _INK.search(html)
    value = m.group(1) if m else "000000"
    return tuple(round(int(value[k:k + 2], 16) / 255, 4) for k in (0, 2, 4))  # type: ignore[return-value]


#: Pages searched for the contents from the start of the document (cover, foreword, contents).
FRONT_PAGES = 8


def stamp(pdf: bytes, html: str, pages: dict[str, int]) -> bytes:
    """The PDF printed from ``marked(html)`` with its contents slots showing ``pages`` (section id → page).
    Raises StampError when the PDF is not as expected."""
    try:
        return _stamp(pdf, html, pages)
    except StampError:
        raise
    except (KeyError, IndexError, TypeError, ValueError, PdfReadError) as error:
        raise StampError(f"the PDF cannot be stamped: {error!r}") from error


def _stamp(pdf: bytes, html: str, pages: dict[str, int]) -> bytes:
    targets = contents_targets(html)
    reader = PdfReader(io.BytesIO(pdf))
    writer = PdfWriter(clone_from=reader)
    ink = [FloatObject(v) for v in _ink(html)]
    key: list[int] | None = None
    slot = 0
    digits = contents_digits(html)
    for page in writer.pages[:FRONT_PAGES]:
        if slot == len(targets):
            break
        raw = page.get_contents()
        if raw is None or not _has_mark(raw.get_data()):
            runs: list[_Run] = []  # no marker colour set on the page: not worth pypdf's parse (0.03 s a page)
        else:
            content = ContentStream(raw, writer)
            ops = content.operations
            runs = _runs(ops)
        if not runs:
            if key is None:
                continue
            break
        keys = [r for r in runs if len(r.glyphs) == len(digits)]
        if key is None:
            if len(keys) != 1:
                raise StampError("no digit key on the contents page")
            key = keys[0].glyphs
        slots = [r for r in runs if len(r.glyphs) == 1]
        if len(slots) + len(keys) != len(runs) or slot + len(slots) > len(targets):
            raise StampError("marker runs that are neither the key nor a slot")
        fonts = page["/Resources"]["/Font"]
        widths_of: dict[str, dict[int, float]] = {}
        replace: dict[int, list] = {}
        for run in keys:
            replace[run.start] = []
        for run in slots:
            if run.glyphs[0] != key[0]:
                raise StampError("a slot whose placeholder is not the key's first digit")
            target = targets[slot]
            slot += 1
            glyphs = [key[digits.index(c)] for c in page_label(pages.get(target), digits)]
            if run.font not in widths_of:
                widths_of[run.font] = _widths(fonts[run.font].get_object())
            widths = widths_of[run.font]
            width = sum(widths.get(g, widths[-1]) for g in glyphs) * run.size / 1000
            right = run.x + SLOT_EM * run.size
            replace[run.start] = [] if not glyphs else [
                ([], b"BT"),
                ([NameObject(run.font), FloatObject(run.size)], b"Tf"),
                ([NumberObject(1), NumberObject(0), NumberObject(0), NumberObject(int(run.flip)),
                  FloatObject(round(right - width, 4)), FloatObject(run.y)], b"Tm"),
                ([ByteStringObject(b"".join(g.to_bytes(2, "big") for g in glyphs))], b"Tj"),
                ([], b"ET"),
            ]
        ends = {r.start: r.end for r in runs}
        colours = {r.colour for r in runs}
        out, k = [], 0
        while k < len(ops):
            if k in colours:  # the marker colour becomes the ink, for stroke and fill alike
                if out and out[-1][1] == b"RG" and _is_mark(out[-1][0]):
                    out[-1] = (list(ink), b"RG")
                out.append((list(ink), b"rg"))
            elif k in replace:
                out += replace[k]
                k = ends[k]
            else:
                out.append(ops[k])
            k += 1
        content.operations = out
        page.replace_contents(content)
        page.compress_content_streams()
    if key is None or slot != len(targets):
        raise StampError(f"{slot} contents slots found in the PDF for {len(targets)} entries")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
