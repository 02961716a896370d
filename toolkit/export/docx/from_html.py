"""Our section HTML (toolkit/templates/*.j2 output) to document blocks, by walking the DOM with lxml.

Understood elements and classes (anything else degrades to paragraphs of its text and is listed in
``Document.notes``; nothing with text is dropped):

- ``section.cover`` — the cover: ``h1.cover-title`` → Title, ``p.cover-subtitle`` → Subtitle,
  ``p.cover-year`` → Cover Year, ``p.cover-org`` → Cover Organisation, ``p.cover-of``/``cover-place``
  → Cover Text; no page number on its page, the next block starts a new page.
- ``section.landscape`` (any section whose class list has ``landscape``) → a landscape Word section;
  ``section.new-page`` and ``.page-break`` → page break before.
- ``h1`` → Heading 1 (Title on the cover), ``h2`` → Heading 1, ``h3`` → Heading 2, ``h4``–``h6`` → Heading 3.
- ``p`` (classes ``note``, ``none``, ``lead``, ``prepared``, ``flag-title``, ``plan-*``), ``div``
  (``flag`` → Flag, ``note`` → Note, ``signature`` → Signature, any other: its children),
  ``footer.provenance`` → Provenance, ``ul``/``ol``/``li`` (``span.plan-marker`` is the item's own
  marker; ``ol`` items get "1." markers as text, in Thai digits when the document uses them).
- ``table`` with ``caption``, ``colgroup``/``col`` widths, ``thead`` rows (repeat on every page),
  ``tr.group``/``tr.plan-dim`` (group rows, kept with the next row), ``tr.total-row``/``tr.plan-total``
  (rows split across pages only when the writer finds them taller than a third of a page), ``th``/``td`` with
  ``colspan``/``rowspan``, ``.num`` (right), ``.center``; ``.weak``, ``tr.weakness td.status`` …
  → Weakness character style.
- ``figure`` with inline ``svg`` or ``img`` (data: URL) and ``figcaption``; alt text from
  ``aria-label``/``alt``, else the caption.
- Inline: ``strong``/``b``, ``em``/``i``, ``small``, ``sup``, ``br``, ``wbr``, ``span`` (``w``, ``nobr``,
  ``weak``, ``score``, ``plan-inline``, ``status-*``), ``a`` (its text).
- Dropped on purpose: ``style``, ``script``, ``template``, ``hr`` (no text); ``.abridged-only`` (an abridged
  print's stand-in for a table Word keeps).
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass, replace
from typing import Any, Iterator

import lxml.html

from ...kit import thai
from . import blocks as B
from .measure import (PRINT_ONLY, REPORT_CSS_WIDTHS, classes, col_widths, css_width_rules, font_em, int_attr,
                      png_size_cm, svg_size_cm, text_em)

ZWSP = "\u200b"
_SVG = re.compile(r"<svg\b.*?</svg>", re.S | re.I)
_WBR = re.compile(r"<wbr\s*/?>", re.I)
_WS = re.compile(r"[ \t\r\n\f]+")
_BR = "\x00"  # stands for <br> until whitespace is collapsed
_THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")

HEADINGS = {"h1": "Heading 1", "h2": "Heading 1", "h3": "Heading 2", "h4": "Heading 3", "h5": "Heading 3",
            "h6": "Heading 3"}
#: Paragraph classes: (paragraph style, character style, keep with next).
P_CLASSES = {
    "cover-title": ("Title", None, True),
    "cover-subtitle": ("Subtitle", None, True),
    "subtitle": ("Subtitle", None, True),
    "cover-year": ("Cover Year", None, True),
    "cover-of": ("Cover Text", None, True),
    "cover-org": ("Cover Organisation", None, True),
    "cover-place": ("Cover Text", None, False),
    "note": ("Note", None, False),
    "flag-title": ("Flag", "Strong", True),
    "none": ("Normal", "Muted", False),
    "lead": ("Normal", None, True),
    "indicator-key": ("Normal", "Small Text", False),
    "plan-field": ("Normal", "Strong", True),
    "plan-project-no": ("Normal", "Strong", True),
    "plan-sub": ("Normal", "Strong", True),
    "plan-issue": ("Normal", "Emphasis", True),
    "plan-goal": ("Normal", "Muted", True),
    "plan-baht": ("Normal", "Strong", False),
}
#: Containers whose paragraphs take one style.
DIV_STYLES = {"flag": "Flag", "note": "Note", "signature": "Signature", "provenance": "Provenance"}
WEAK_CLASSES = {"weak", "drop", "status-not_started"}
STRONG_CLASSES = {"gain", "status-done"}
DENSE_TABLES = {"plan-overview", "integrity-results", "plan", "province-ranking", "province-priorities"}
GROUP_ROWS = {"group", "plan-dim"}
NOWRAP_CELLS = {"num", "code", "status"}  # report.css: white-space: nowrap
TOTAL_ROWS = {"total-row", "plan-total"}
BLOCK_TAGS = {"p", "div", "section", "article", "main", "header", "footer", "aside", "figure", "table", "ul",
              "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "hr", "dl", "dt", "dd",
              "style", "script", "template", "img", "svg-placeholder", "nav", "form", "details", "summary"}
INLINE_OK = {"span", "strong", "b", "em", "i", "small", "sup", "sub", "br", "a", "code", "u", "s", "abbr",
             "time", "mark", "q", "cite", "bdi", "data"}
SILENT = {"style", "script", "template", "hr"}


@dataclass(frozen=True)
class _Ctx:
    """What the ancestors of an element decide about it."""

    style: str = "Normal"
    char_style: str | None = None
    bold: bool = False
    italic: bool = False
    superscript: bool = False
    cover: bool = False
    in_cell: bool = False
    list_depth: int = 0
    keep: bool = False


class HtmlConverter:
    """Feeds section HTML fragments into one Document, in notebook order."""

    def __init__(self, thai_digits: bool = True, break_hints: bool = False):
        self.doc = B.Document(thai_digits=thai_digits)
        self.break_hints = break_hints
        self._landscape = False
        self._break_next = False
        self._svgs: list[str] = []
        self.css_widths = dict(REPORT_CSS_WIDTHS)

    # -- public API ----------------------------------------------------------------------

    def feed(self, html: str) -> None:
        """One output's HTML; inline SVGs are kept as source text for the rasteriser."""
        self._svgs = []

        def keep_svg(m: re.Match) -> str:
            self._svgs.append(m.group(0))
            return f'<svg-placeholder data-index="{len(self._svgs) - 1}"></svg-placeholder>'

        html = _WBR.sub(ZWSP, _SVG.sub(keep_svg, html))
        if not html.strip():
            return
        root = lxml.html.fragment_fromstring(html, create_parent="div")
        self._container(root, _Ctx(), sink=None)

    def add_preformatted(self, text: str) -> None:
        """Text output of a code cell (print()), one Output paragraph per line."""
        for line in text.rstrip("\n").split("\n"):
            self._emit(B.Paragraph([B.Run(line)], style="Output"))

    def add_picture(self, png: bytes, alt: str) -> None:
        """An image/png output that came without HTML."""
        w, h = png_size_cm(png)
        self._emit(B.Picture(alt=alt, width_cm=w, height_cm=h, png=png))

    def finish(self) -> B.Document:
        """The document; empty sections (a landscape section that ended the notebook) are dropped."""
        self.doc.sections = [s for s in self.doc.sections if s.blocks] or [B.Section()]
        return self.doc

    # -- emitting --------------------------------------------------------------------------

    def _section(self) -> B.Section:
        secs = self.doc.sections
        if not secs or secs[-1].landscape != self._landscape:
            if secs and not secs[-1].blocks and not secs[-1].cover:
                secs[-1].landscape = self._landscape
            else:
                secs.append(B.Section(landscape=self._landscape))
                self._break_next = False  # a new section starts on a new page anyway
        return secs[-1]

    def _emit(self, block: B.Block, sink: list | None = None) -> None:
        if sink is not None:
            if isinstance(block, B.Paragraph):
                sink.append(block)
            else:  # a table or picture inside a table cell: its text, as paragraphs
                self.doc.notes.append(f"{type(block).__name__.lower()} inside a table cell written as text")
                sink.extend(_as_paragraphs(block))
            return
        section = self._section()
        if self._break_next:
            if isinstance(block, B.Paragraph):
                block.page_break_before = True
            else:
                section.blocks.append(B.Paragraph(page_break_before=True))
            self._break_next = False
        section.blocks.append(block)

    # -- block level -----------------------------------------------------------------------

    def _container(self, el: Any, ctx: _Ctx, sink: list | None) -> None:
        """Children of a block element: inline content between block children becomes paragraphs."""
        pending: list[Any] = []  # text and inline elements waiting for a paragraph
        if el.text:
            pending.append(el.text)
        for child in el:
            if not isinstance(child.tag, str):  # comments, processing instructions
                if child.tail:
                    pending.append(child.tail)
                continue
            if child.tag in BLOCK_TAGS or any(isinstance(d.tag, str) and d.tag in BLOCK_TAGS - {"img"}
                                              for d in child.iterdescendants()):
                self._flush(pending, ctx, sink)
                pending = []
                self._block(child, ctx, sink)
            else:
                pending.append(child)
            if child.tail:
                pending.append(child.tail)
        self._flush(pending, ctx, sink)

    def _flush(self, pending: list[Any], ctx: _Ctx, sink: list | None) -> None:
        runs: list[B.Run] = []
        for item in pending:
            if isinstance(item, str):
                runs.append(self._run(item, ctx))
            else:
                runs.extend(self._inline(item, ctx))
        para = self._paragraph(runs, ctx)
        if para is not None:
            self._emit(para, sink)

    def _block(self, el: Any, ctx: _Ctx, sink: list | None) -> None:
        tag, cls = el.tag, classes(el)
        if tag == "style":  # column widths of the section's own tables; the rest is screen/PDF layout
            self.css_widths.update(css_width_rules(el.text_content()))
        if tag in SILENT or PRINT_ONLY in cls:
            return
        if "page-break" in cls or "new-page" in cls:
            self._break_next = self._break_next or sink is None
        if tag == "section" or tag in ("article", "main", "nav", "aside", "header", "details", "form"):
            self._section_el(el, ctx, sink)
        elif tag in HEADINGS:
            style = "Title" if ctx.cover and tag == "h1" else HEADINGS[tag]
            if tag not in ("h1", "h2", "h3", "h4"):
                self.doc.notes.append(f"<{tag}> written as {style}")
            self._container(el, replace(ctx, style=style, keep=True), sink)
        elif tag == "p":
            self._p(el, ctx, sink)
        elif tag in ("div", "footer", "li", "dd", "dt", "summary"):
            style = next((DIV_STYLES[c] for c in cls if c in DIV_STYLES), None)
            if tag in ("dd", "dt", "summary"):
                self.doc.notes.append(f"<{tag}> written as plain paragraphs")
            self._container(el, replace(ctx, style=style) if style else ctx, sink)
        elif tag in ("ul", "ol"):
            self._list(el, ctx, sink)
        elif tag == "table":
            if sink is not None or ctx.in_cell:
                self.doc.notes.append("table inside a table cell written as paragraphs")
                self._container(el, ctx, sink)
            else:
                self._emit(self._table(el, ctx), sink)
        elif tag in ("figure", "img", "svg-placeholder"):
            self._figure(el, ctx, sink)
        elif tag == "pre":
            for line in el.text_content().rstrip("\n").split("\n"):
                self._emit(B.Paragraph([B.Run(line)], style="Output"), sink)
        else:
            self.doc.notes.append(f"<{tag}> written as plain paragraphs")
            self._container(el, ctx, sink)

    def _section_el(self, el: Any, ctx: _Ctx, sink: list | None) -> None:
        cls = classes(el)
        if "cover" in cls:
            if sink is None and not any(s.blocks for s in self.doc.sections):
                self._section().cover = True
            self._container(el, replace(ctx, cover=True), sink)
            self._break_next = sink is None
            return
        if "landscape" in cls and sink is None:
            self._landscape = True
            self._container(el, ctx, sink)
            self._landscape = False
            return
        self._container(el, ctx, sink)

    def _p(self, el: Any, ctx: _Ctx, sink: list | None) -> None:
        cls = classes(el)
        style, char, keep = ctx.style, ctx.char_style, ctx.keep
        for c in sorted(cls & set(P_CLASSES)):
            p_style, c_style, k = P_CLASSES[c]
            if ctx.style == "Normal" or p_style in ("Note", "Flag"):
                style = p_style
            char, keep = c_style or char, keep or k
        self._container(el, replace(ctx, style=style, char_style=char, keep=keep), sink)

    def _list(self, el: Any, ctx: _Ctx, sink: list | None) -> None:
        ordered = el.tag == "ol"
        plain = "plan-dims" in classes(el) or "list-style: none" in (el.get("style") or "")
        n = 0
        for li in el:
            if not isinstance(li.tag, str):
                continue
            if li.tag != "li":
                self._block(li, ctx, sink)
                continue
            n += 1
            marker = li.find("span[@class='plan-marker']")
            if marker is not None:
                label = _WS.sub(" ", marker.text_content()).strip()
                marker.drop_tree()
            elif plain:
                label = None
            elif ordered:
                label = f"{n}."
                if self.doc.thai_digits:
                    label = label.translate(_THAI_DIGITS)
            else:
                label = "•"
            in_box = ctx.style in ("Flag", "Note", "Signature", "Provenance")
            if ctx.in_cell or in_box or ordered or label != "•":
                style = ctx.style if (in_box or plain) else "List Item"
                before: list[B.Run] = [B.Run(label + "\t")] if label else []
            else:
                style, before = "List Bullet", []
            item: list = []
            self._container(li, replace(ctx, style=style, list_depth=ctx.list_depth + 1), item)
            if item:
                item[0].runs[:0] = before
                item[0].level = ctx.list_depth
            for para in item:
                self._emit(para, sink)

    # -- paragraphs and runs ---------------------------------------------------------------

    def _run(self, text: str, ctx: _Ctx) -> B.Run:
        return B.Run(text, bold=ctx.bold, italic=ctx.italic, superscript=ctx.superscript, style=ctx.char_style)

    def _inline(self, el: Any, ctx: _Ctx) -> Iterator[B.Run]:
        tag, cls = el.tag, classes(el)
        if not isinstance(tag, str) or tag in SILENT:
            return
        if tag == "br":
            yield self._run(_BR, ctx)
            return
        if tag in ("strong", "b"):
            ctx = replace(ctx, bold=True)
        elif tag in ("em", "i", "cite"):
            ctx = replace(ctx, italic=True)
        elif tag == "small":
            ctx = replace(ctx, char_style=ctx.char_style if ctx.char_style == "Weakness" else "Small Text")
        elif tag == "sup":
            ctx = replace(ctx, superscript=True)
        elif tag == "span":
            if cls & WEAK_CLASSES:
                ctx = replace(ctx, char_style="Weakness")
            elif cls & STRONG_CLASSES:
                ctx = replace(ctx, char_style="Strength")
            elif "score" in cls:
                ctx = replace(ctx, char_style="Muted")
            elif "plan-inline" in cls:
                ctx = replace(ctx, char_style=None, bold=False)
            elif "status-in_progress" in cls:
                ctx = replace(ctx, bold=True)
        elif tag not in INLINE_OK:
            self.doc.notes.append(f"<{tag}> written as its text")
        if el.text:
            yield self._run(el.text, ctx)
        for child in el:
            yield from self._inline(child, ctx)
            if child.tail:
                yield self._run(child.tail, ctx)

    def _paragraph(self, runs: list[B.Run], ctx: _Ctx) -> B.Paragraph | None:
        """Collapse HTML whitespace across runs, merge equal runs; None when nothing visible is left."""
        out: list[B.Run] = []
        prev_space = True
        for run in runs:
            text = _WS.sub(" ", run.text)
            if prev_space:
                text = text.lstrip(" ")
            if not text:
                continue
            text = text.replace(" " + _BR, _BR).replace(_BR + " ", _BR)
            prev_space = text.endswith((" ", _BR))
            if out and (out[-1].bold, out[-1].italic, out[-1].superscript, out[-1].style) == (
                    run.bold, run.italic, run.superscript, run.style):
                out[-1].text += text
            else:
                out.append(replace(run, text=text))
        if out:
            out[-1].text = out[-1].text.rstrip(" ")
        plain = "".join(r.text for r in out)
        if not plain.replace(ZWSP, "").replace(_BR, "").strip():
            return None
        min_width = None
        if ctx.in_cell:  # for table widths
            units = re.split(rf"[ \t{ZWSP}{_BR}]+", plain)
            min_width = max((_unit_em(u) for u in units), default=0.0)
        for r in out:
            r.text = r.text.replace(_BR, "\n")
            if not self.break_hints:
                r.text = r.text.replace(ZWSP, "")
        out = [r for r in out if r.text]
        return B.Paragraph(out, style=ctx.style, keep_with_next=ctx.keep, min_width=min_width)

    # -- tables ------------------------------------------------------------------------------

    def _table(self, el: Any, ctx: _Ctx) -> B.Table:
        tcls = classes(el)
        style = el.get("style") or ""
        table = B.Table(dense=bool(tcls & DENSE_TABLES) or font_em(style) < 0.86)
        cap = el.find("caption")
        if cap is not None:
            sink: list = []
            self._container(cap, replace(ctx, style="Caption", keep=True), sink)
            table.caption = sink[0] if sink else None
        for part in el:
            if not isinstance(part.tag, str):
                continue
            if part.tag in ("thead", "tbody", "tfoot"):
                for tr in part.iterchildren("tr"):
                    table.rows.append(self._row(tr, ctx, tcls, header=part.tag == "thead",
                                                total=part.tag == "tfoot"))
            elif part.tag == "tr":
                table.rows.append(self._row(part, ctx, tcls, header=False, total=False))
            elif part.tag not in ("caption", "colgroup", "col") and part.tag not in SILENT:
                self.doc.notes.append(f"<{part.tag}> inside a table skipped")
        table.widths = col_widths(el, table, tcls, self.css_widths)
        return table

    def _row(self, tr: Any, ctx: _Ctx, tcls: set[str], header: bool, total: bool) -> B.Row:
        rcls = classes(tr)
        # whether a row may split is the writer's call, from its height in Word's type (tr.can-break and
        # table.plan were sized for the HTML's smaller type)
        row = B.Row(header=header, group=bool(rcls & GROUP_ROWS), total=total or bool(rcls & TOTAL_ROWS))
        for td in tr:
            if not isinstance(td.tag, str) or td.tag not in ("td", "th"):
                continue
            ccls = classes(td)
            if PRINT_ONLY in ccls:
                continue
            char = None
            if ccls & WEAK_CLASSES or ("weakness" in rcls and ("status" in ccls or "items" in tcls)) or (
                    "fail" in rcls and "level" in ccls):
                char = "Weakness"
            elif ccls & STRONG_CLASSES or ("strength" in rcls and "status" in ccls):
                char = "Strength"
            sink: list = []
            cctx = replace(ctx, style="Normal", in_cell=True, char_style=char, keep=False,
                           bold=ctx.bold or ("total" in ccls or "level" in ccls and "scores" in tcls))
            self._container(td, cctx, sink)
            align = "right" if "num" in ccls else "center" if "center" in ccls else None
            m = re.search(r"text-align:\s*(left|center|right)", td.get("style") or "")
            if m:
                align = m.group(1)
            row.cells.append(B.Cell(sink, colspan=int_attr(td.get("colspan")), rowspan=int_attr(td.get("rowspan")),
                                    header=td.tag == "th", align=align, nowrap=bool(ccls & NOWRAP_CELLS)))
        return row

    # -- figures ---------------------------------------------------------------------------

    def _figure(self, el: Any, ctx: _Ctx, sink: list | None) -> None:
        nodes = [el] if el.tag in ("img", "svg-placeholder") else list(el.iter("img", "svg-placeholder"))
        cap_el = el.find("figcaption") if el.tag == "figure" else None
        caption = None
        if cap_el is not None:
            cap_sink: list = []
            self._container(cap_el, replace(ctx, style="Caption"), cap_sink)
            caption = cap_sink[0] if cap_sink else None
        label = el.get("aria-label") or ""
        for node in nodes:
            alt = label or node.get("alt") or (caption.text if caption else "") or "ภาพประกอบ"
            pic = self._picture(node, alt)
            if pic is None:
                self.doc.notes.append(f"image without usable data written as its alt text: {alt[:60]}")
                self._emit(B.Paragraph([B.Run(f"[{alt}]")]), sink)
                continue
            if node is nodes[-1]:
                pic.caption = caption
            self._emit(pic, sink)
        if not nodes and caption is not None:
            self._emit(caption, sink)
        if el.tag == "figure":  # any other text inside the figure
            for child in el:
                if isinstance(child.tag, str) and child.tag not in ("figcaption", "img", "svg-placeholder"):
                    self._block(child, ctx, sink)

    def _picture(self, node: Any, alt: str) -> B.Picture | None:
        if node.tag == "svg-placeholder":
            svg = self._svgs[int(node.get("data-index"))]
            w, h = svg_size_cm(svg)
            return B.Picture(alt=alt, width_cm=w, height_cm=h, svg=svg)
        src = node.get("src") or ""
        m = re.match(r"data:image/(png|svg\+xml);base64,(.*)", src, re.S)
        if not m:
            return None
        data = base64.b64decode(m.group(2))
        if m.group(1) == "png":
            w, h = png_size_cm(data)
            return B.Picture(alt=alt, width_cm=w, height_cm=h, png=data)
        svg = data.decode("utf-8")
        w, h = svg_size_cm(svg)
        return B.Picture(alt=alt, width_cm=w, height_cm=h, svg=svg)


_URL_BREAKS = re.compile(r"(?<=[/._?=&-])")
LOOSE_ABOVE_EM = 5.5  # Thai units wider than this may break inside (ทรัพย์สิน|ของ|ราชการ); names like ดำเนินสะดวก stay whole


def _unit_em(unit: str) -> float:
    """How narrow a column may be for this unbreakable HTML unit. Word breaks long compounds the HTML
    keeps whole at its own word boundaries; LibreOffice's dictionary cuts short names mid-word (สะดว|ก),
    so those keep their width; a long web address may be cut after its / . - _ ? = &."""
    width = text_em(unit)
    if width <= LOOSE_ABOVE_EM:
        return width
    if not thai.has_thai(unit):  # a web address or file name: Word and LibreOffice cut it at the margin
        return min(width, max(text_em(w) for w in _URL_BREAKS.split(unit)))
    return max(text_em(w) for w in thai.loose_units(unit))


def _as_paragraphs(block: B.Block) -> list[B.Paragraph]:
    if isinstance(block, B.Table):
        return [p for r in block.rows for c in r.cells for p in c.blocks]
    if isinstance(block, B.Picture):
        return [block.caption or B.Paragraph([B.Run(f"[{block.alt}]")])]
    return [block]
