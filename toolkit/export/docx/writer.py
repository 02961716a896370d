"""Blocks to a .docx file with python-docx: styled paragraphs, real Word tables, sections, pictures.

Same blocks and layout give the same bytes: the template is generated (styles.py), python-docx numbers
parts and drawing ids in document order, core properties carry no clock time unless given, and the
zip is rewritten with fixed timestamps. python-docx has no API for a few WordprocessingML properties
(w:bCs, w:tblHeader, w:cantSplit, w:pgNumType, wp:docPr/@descr); those are set on its oxml elements.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from dataclasses import replace
import zipfile
from typing import Any

import docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu
from docx.table import _Cell  # python-docx's cell proxy over a w:tc

from . import blocks as B
from .layout import Layout
from .measure import text_em
from .styles import TABLE_STYLE_ID, style_id, template_bytes

ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}
_CHAR_STYLE_IDS = {"Strong": "Strong", "Emphasis": "Emphasis", "Small Text": "SmallText",
                   "Weakness": "Weakness", "Strength": "Strength", "Muted": "Muted"}
_PT_CM = 2.54 / 72
_CELL_PAD_CM = 0.30  # left + right cell margins of the Report Table style (85 twips each)
# Room for what the metrics do not see: Laksaman's advances run up to 4% wider than Sarabun's on Latin
# text, and a bold word measured in the regular face is ~4% narrower (ลำดับ 2.30 → 2.38 em).
_SLACK = 1.06
_BOLD = 1.04
# Rows move to the next page whole unless taller than this share of the page (estimated): a short row
# split over two pages is hard to read, a tall one kept whole leaves most of a page empty.
_SPLIT_ABOVE = 1 / 3
_LINE_EM = 1.6  # line pitch of single-spaced TH SarabunPSK / Laksaman in em (LibreOffice, measured at 12 pt)


def write_docx(document: B.Document, layout: Layout, created: dt.datetime | None = None) -> bytes:
    """The .docx bytes of a document; `created` (UTC) is the only date written, and only if given."""
    d = docx.Document(io.BytesIO(template_bytes(layout)))
    styles = {s.style_id: s for s in d.styles}
    w = _Writer(d, layout, styles, document.thai_digits)
    for i, section in enumerate(document.sections or [B.Section()]):
        w.start_section(section, first=i == 0)
        for block in section.blocks:
            w.block(block)
    _core_properties(d, document.meta, created)
    buf = io.BytesIO()
    d.save(buf)
    return restamp_zip(buf.getvalue())


def restamp_zip(data: bytes) -> bytes:
    """The same zip with every entry dated 1980-01-01 and fixed attributes: identical inputs, identical bytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            new = zipfile.ZipInfo(info.filename, ZIP_DATE)
            new.compress_type = zipfile.ZIP_DEFLATED
            new.external_attr = 0o600 << 16
            dst.writestr(new, src.read(info.filename), compresslevel=6)
    return out.getvalue()


def _core_properties(d: Any, meta: B.Meta, created: dt.datetime | None) -> None:
    cp = d.core_properties
    cp.title = meta.title
    cp.subject = meta.subject
    cp.keywords = meta.keywords
    cp.category = meta.category
    cp.comments = meta.description
    cp.version = meta.version
    cp.language = meta.language
    cp.author = meta.subject
    if created is not None:
        cp.created = created
        cp.modified = created


def _el(tag: str, **attrs: str) -> Any:
    el = OxmlElement(tag)
    for k, v in attrs.items():
        el.set(qn(k), v)
    return el


class _Writer:
    """Appends blocks to a python-docx Document, one section at a time."""

    def __init__(self, d: Any, layout: Layout, styles: dict[str, Any], thai_digits: bool):
        self.d, self.layout, self.styles, self.thai_digits = d, layout, styles, thai_digits
        self.landscape = False

    # -- sections ---------------------------------------------------------------------------

    def start_section(self, section: B.Section, first: bool) -> None:
        """Page size, orientation and margins of a new section; the first one gets the page-number field."""
        L = self.layout
        sec = self.d.sections[0] if first else self.d.add_section(WD_SECTION.NEW_PAGE)
        self.landscape = section.landscape
        width, height = L.paper_cm
        m = L.landscape_margins_cm if section.landscape else L.margins_cm
        sec.orientation = WD_ORIENT.LANDSCAPE if section.landscape else WD_ORIENT.PORTRAIT
        sec.page_width, sec.page_height = (Cm(height), Cm(width)) if section.landscape else (Cm(width), Cm(height))
        sec.top_margin, sec.bottom_margin = Cm(m.top), Cm(m.bottom)
        sec.left_margin, sec.right_margin = Cm(m.left), Cm(m.right)
        sec.header_distance, sec.footer_distance = Cm(L.header_cm), Cm(L.footer_cm)
        sec.different_first_page_header_footer = bool(section.cover)
        sect_pr = sec._sectPr
        for old in sect_pr.findall(qn("w:pgNumType")):
            sect_pr.remove(old)
        if self.thai_digits:
            # Word prints PAGE fields in Thai digits (๑ ๒ ๓) on pages of this section. LibreOffice 7.4
            # ignores thaiNumbers (Arabic digits) and turns the field switch \* ThaiArabic into Thai
            # letters (ก ข ค), so the switch is not used.
            pg = _el("w:pgNumType", **{"w:fmt": "thaiNumbers"})
            anchor = sect_pr.find(qn("w:pgMar"))
            if anchor is None:
                anchor = sect_pr.find(qn("w:pgSz"))
            anchor.addnext(pg)
        if first:
            story = sec.header if L.page_number == "header" else sec.footer
            p = story.paragraphs[0]
            p.style = self.styles["Header" if L.page_number == "header" else "Footer"]
            self._page_field(p)
            if section.cover:  # an empty first-page story: no number on the cover
                cover_story = sec.first_page_header if L.page_number == "header" else sec.first_page_footer
                cover_story.is_linked_to_previous = False

    def _page_field(self, p: Any) -> None:
        """A PAGE field; its cached result is only shown until Word or LibreOffice lays the page out."""
        for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), ("result", "1"), ("end", None)):
            r = p.add_run()
            if kind in ("begin", "separate", "end"):
                r._r.append(_el("w:fldChar", **{"w:fldCharType": kind}))
            elif kind == "result":
                r.text = "๑" if self.thai_digits else text
            else:
                instr = _el("w:instrText")
                instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                instr.text = text
                r._r.append(instr)

    # -- blocks ------------------------------------------------------------------------------

    def block(self, block: B.Block) -> None:
        if isinstance(block, B.Paragraph):
            self.paragraph(self.d, block)
        elif isinstance(block, B.Table):
            self.table(block)
        elif isinstance(block, B.Picture):
            self.picture(block)
        else:  # pragma: no cover - the model has no other block
            raise TypeError(f"not a block: {block!r}")

    def paragraph(self, container: Any, para: B.Paragraph, style: str | None = None) -> Any:
        sid = style or style_id(para.style)
        p = container.add_paragraph()
        p._p.style = sid  # the pStyle id directly: python-docx's style setter rescans all styles
        if sid == "Signature":  # one line in the right half: "ลงชื่อ ....... ผู้รายงาน" must not wrap
            para = fit_leader(para, self.layout.text_width_cm(self.landscape) / 2, self.layout.body_pt * _PT_CM)
        self.fill(p, para)
        return p

    def fill(self, p: Any, para: B.Paragraph) -> None:
        """Runs and paragraph-level switches of one paragraph."""
        fmt = p.paragraph_format
        if para.align:
            p.alignment = _ALIGN[para.align]
        if para.keep_with_next:
            fmt.keep_with_next = True
        if para.page_break_before:
            fmt.page_break_before = True
        if para.level and para.style == "List Bullet":
            num_pr = p._p.get_or_add_pPr().get_or_add_numPr()
            num_pr.get_or_add_ilvl().val = min(para.level, 2)
            num_pr.get_or_add_numId().val = 1
        for run in para.runs:
            self.run(p, run)

    def run(self, p: Any, run: B.Run) -> None:
        r = p.add_run(run.text)
        if run.style:
            r._r.style = _CHAR_STYLE_IDS[run.style]
        rpr = None
        if run.bold:
            r.bold = True
            rpr = r._r.get_or_add_rPr()
            rpr.append(_el("w:bCs"))
        if run.italic:
            r.italic = True
            rpr = r._r.get_or_add_rPr()
            rpr.append(_el("w:iCs"))
        if run.superscript:
            r.font.superscript = True
        if rpr is not None:  # keep schema order: b, bCs, i, iCs, …, vertAlign
            _sort_rpr(rpr)

    def picture(self, pic: B.Picture) -> None:
        if pic.png is None:
            raise ValueError(f"picture {pic.alt!r} was never rasterised (call rasterise_pictures first)")
        max_w = self.layout.text_width_cm(self.landscape)
        width = min(pic.width_cm, max_w)
        p = self.d.add_paragraph()
        p._p.style = "Figure"
        if pic.caption is not None:
            p.paragraph_format.keep_with_next = True
        shape = p.add_run().add_picture(io.BytesIO(pic.png), width=Cm(width),
                                        height=Emu(int(Cm(width) * pic.height_cm / pic.width_cm)))
        doc_pr = shape._inline.docPr
        doc_pr.set("descr", pic.alt)
        doc_pr.set("title", pic.alt[:250])
        if pic.caption is not None:
            self.paragraph(self.d, pic.caption, style="Caption")

    # -- tables ------------------------------------------------------------------------------

    def table(self, table: B.Table) -> None:
        if not table.rows:
            return
        if table.caption is not None:
            cap = self.paragraph(self.d, table.caption, style="Caption")
            cap.paragraph_format.keep_with_next = True
        slots = B.grid(table)
        n_rows, n_cols = len(slots), len(slots[0])
        t = self.d.add_table(rows=n_rows, cols=n_cols)
        t.style = self.styles[TABLE_STYLE_ID]
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        t.autofit = False
        tbl = t._tbl
        tbl.tblPr.append(_el("w:tblLayout", **{"w:type": "fixed"}))
        _sort_children(tbl.tblPr, _TBL_PR_ORDER)
        if not table.dense:  # numbers that leave the text columns no room: the smaller table type
            lo, _ = self._extents(table, n_cols, self.layout.table_pt * _PT_CM)
            table.dense = sum(lo) > 0.7 * self.layout.text_width_cm(self.landscape)
        widths = self.column_widths(table, n_cols)
        for grid_col, width in zip(tbl.tblGrid.gridCol_lst, widths):
            grid_col.w = width
        text_style = "TableTextSmall" if table.dense else "TableText"
        head_style = "TableHeadingSmall" if table.dense else "TableHeading"
        # python-docx's table.cell() rescans the whole table on every call (5 s for a 40-row table):
        # spans are set on the w:tc elements directly, cells are filled once.
        trs = tbl.tr_lst
        tcs = [list(tr.tc_lst) for tr in trs]
        for tr_row in tcs:
            for tc, width in zip(tr_row, widths):
                tc.width = width
        em_cm = (self.layout.dense_table_pt if table.dense else self.layout.table_pt) * _PT_CM
        tall = _SPLIT_ABOVE * self._text_height_cm()
        widths_cm = [w / 360000 for w in widths]
        for r, row in enumerate(table.rows):
            tr_pr = trs[r].get_or_add_trPr()
            if not (row.can_split or _row_height_cm(table, r, slots, widths_cm, em_cm) > tall):
                tr_pr.append(_el("w:cantSplit"))
            if row.header:
                tr_pr.append(_el("w:tblHeader"))
            for c, cell in enumerate(row.cells):
                start = slots[r].index((r, c))
                span_c = min(max(cell.colspan, 1), n_cols - start)
                span_r = min(max(cell.rowspan, 1), n_rows - r)
                for rr in range(r, r + span_r):
                    tc = tcs[rr][start]
                    if span_c > 1:
                        tc.grid_span = span_c
                        tc.width = sum(widths[start:start + span_c])
                        for extra in tcs[rr][start + 1:start + span_c]:
                            if extra.getparent() is not None:
                                extra.getparent().remove(extra)
                    if span_r > 1:
                        tc.vMerge = "restart" if rr == r else "continue"
                self.cell(_Cell(tcs[r][start], t), cell, row, text_style, head_style)

    def cell(self, target: Any, cell: B.Cell, row: B.Row, text_style: str, head_style: str) -> None:
        paras = cell.blocks or [B.Paragraph()]
        first = target.paragraphs[0]
        header_like = row.header or cell.header
        for i, para in enumerate(paras):
            if para.style in ("List Item", "List Bullet"):
                sid = "TableList" if text_style == "TableText" else "TableListSmall"
            elif header_like:
                sid = head_style
            else:
                sid = text_style
            p = first if i == 0 else target.add_paragraph()
            p._p.style = sid
            if cell.align and not sid.startswith("TableList"):
                p.alignment = _ALIGN[cell.align]
            elif header_like and not row.header:  # th in the body (group and total rows) reads left
                p.alignment = _ALIGN["left"]
            if row.group or row.header:  # a header or group row stays with the row after it
                p.paragraph_format.keep_with_next = True
            for run in para.runs:
                self.run(p, run)
        fill = None
        if row.header:
            fill = self.layout.head_fill
        elif row.group or row.total:
            fill = self.layout.group_fill if row.group else self.layout.head_fill
        if fill:
            tc_pr = target._tc.get_or_add_tcPr()
            tc_pr.append(_el("w:shd", **{"w:val": "clear", "w:color": "auto", "w:fill": fill}))
            _sort_children(tc_pr, _TC_PR_ORDER)

    def _text_height_cm(self) -> float:
        """Height between the top and bottom margins of this section's pages."""
        L = self.layout
        m = L.landscape_margins_cm if self.landscape else L.margins_cm
        return (L.paper_cm[0] if self.landscape else L.paper_cm[1]) - m.top - m.bottom

    def column_widths(self, table: B.Table, n_cols: int) -> list[int]:
        """Column widths in EMU filling the text width. Columns with a stylesheet width get it, the others
        share the rest by the browser's auto-layout rule (each at least its longest word, the rest in
        proportion to its longest line); then no column is narrower than its unbreakable numbers."""
        total_cm = self.layout.text_width_cm(self.landscape)
        pt = self.layout.dense_table_pt if table.dense else self.layout.table_pt
        lo, hi = self._extents(table, n_cols, pt * _PT_CM)
        given = list(table.widths) if table.widths and len(table.widths) == n_cols else [None] * n_cols
        fixed = {i: total_cm * w / 100 for i, w in enumerate(given) if w}
        free = [i for i in range(n_cols) if i not in fixed]
        room = max(total_cm - sum(fixed.values()), 0.8 * len(free))
        widths = [0.0] * n_cols
        for i, w in fixed.items():
            widths[i] = w
        if free:
            f_lo, f_hi = [lo[i] for i in free], [hi[i] for i in free]
            if sum(f_hi) <= room:
                share = [h * room / sum(f_hi) for h in f_hi]
            elif sum(f_lo) >= room:
                share = [v * room / sum(f_lo) for v in f_lo]
            else:
                spare, flex = room - sum(f_lo), sum(h - v for h, v in zip(f_hi, f_lo))
                share = [v + spare * (h - v) / flex for h, v in zip(f_hi, f_lo)]
            for i, w in zip(free, share):
                widths[i] = w
        widths = _respect_minimums(widths, lo, total_cm)
        emu = [int(Cm(w)) for w in widths]
        emu[-1] += int(Cm(total_cm)) - sum(emu)
        return emu

    @staticmethod
    def _extents(table: B.Table, n_cols: int, em_cm: float) -> tuple[list[float], list[float]]:
        """Per column: (narrowest without breaking a word or number, widest line) in cm at `em_cm` per em."""
        lo, hi = [0.8] * n_cols, [0.8] * n_cols
        slots = B.grid(table)
        for r, row in enumerate(table.rows):
            for c, cell in enumerate(row.cells):
                if max(cell.colspan, 1) != 1:
                    continue
                col = slots[r].index((r, c))
                bold = row.header or cell.header
                min_em, max_em = _cell_extent(cell, bold)
                if cell.nowrap:
                    min_em = max_em
                lo[col] = max(lo[col], min_em * em_cm * _SLACK + _CELL_PAD_CM)
                hi[col] = max(hi[col], max_em * em_cm * _SLACK + _CELL_PAD_CM)
        return lo, hi


_LEADER = re.compile(r"\.{6,}")


def fit_leader(para: B.Paragraph, width_cm: float, em_cm: float) -> B.Paragraph:
    """The paragraph with its longest run of dots (a line to sign or write on) shortened until the line
    fits `width_cm`; unchanged when it fits or has no such run. At least six dots stay."""
    need = text_em(para.text) * em_cm * _SLACK - width_cm
    if need <= 0:
        return para
    runs = [(len(m.group(0)), i, m) for i, r in enumerate(para.runs) for m in _LEADER.finditer(r.text)]
    if not runs:
        return para
    n, i, m = max(runs, key=lambda x: x[0])
    keep = max(6, n - math.ceil(need / (text_em(".") * em_cm)))
    run = para.runs[i]
    text = run.text[:m.start()] + "." * keep + run.text[m.end():]
    return replace(para, runs=[*para.runs[:i], replace(run, text=text), *para.runs[i + 1:]])


def _row_height_cm(table: B.Table, r: int, slots: list, widths_cm: list[float], em_cm: float) -> float:
    """A row's estimated height: its tallest cell's wrapped lines (cells spanning rows are left out)."""
    row, lines = table.rows[r], 0
    for c, cell in enumerate(row.cells):
        if cell.rowspan > 1:
            continue
        start = slots[r].index((r, c))
        room = max(sum(widths_cm[start:start + max(cell.colspan, 1)]) - _CELL_PAD_CM, 0.5)
        bold = row.header or cell.header
        n = 0
        for para in cell.blocks:
            indent = 1.2 * em_cm if para.style in ("List Item", "List Bullet") else 0.0
            for line in para.text.split("\n"):
                n += max(1, math.ceil(text_em(line, bold) * em_cm * _SLACK / max(room - indent, 0.5)))
        lines = max(lines, n)
    return lines * _LINE_EM * em_cm + 0.1


def _respect_minimums(widths: list[float], lo: list[float], total: float) -> list[float]:
    """Widen columns below their minimum, taking the width from columns with room to spare."""
    widths = list(widths)
    for _ in range(3):
        deficit = sum(max(l - w, 0) for w, l in zip(widths, lo))
        slack = sum(max(w - l, 0) for w, l in zip(widths, lo))
        if deficit <= 1e-6 or slack <= 1e-6:
            break
        take = min(deficit, slack) / slack
        widths = [l if w < l else w - (w - l) * take for w, l in zip(widths, lo)]
    scale = total / sum(widths)
    return [w * scale for w in widths]


def _cell_extent(cell: B.Cell, bold: bool = False) -> tuple[float, float]:
    """(longest unbreakable unit, longest line) of a cell in em."""
    lo, hi = 0.0, 0.0
    for para in cell.blocks:
        para_bold = bold or any(r.bold or r.style in ("Strong", "Weakness") for r in para.runs)
        lo = max(lo, para_min_width(para) * (_BOLD if para_bold else 1.0))
        indent = 1.2 if para.style in ("List Item", "List Bullet") else 0.0
        for line in para.text.split("\n"):
            hi = max(hi, text_em(line, para_bold) + indent)
    return lo, hi


def para_min_width(para: B.Paragraph) -> float:
    """The widest word of a paragraph in em (from_html records it from the word breaks of the HTML)."""
    if para.min_width is not None:
        return para.min_width
    return max((text_em(w) for w in para.text.split()), default=0.0)


_RPR_ORDER = ["rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline",
              "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing",
              "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText",
              "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath"]
_TBL_PR_ORDER = ["tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize",
                 "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar",
                 "tblLook", "tblCaption", "tblDescription"]
_TC_PR_ORDER = ["cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar",
                "textDirection", "tcFitText", "vAlign", "hideMark"]


def _sort_children(el: Any, order: list[str]) -> None:
    """Put an element's children in schema order (Word refuses files with properties out of order)."""
    rank = {qn(f"w:{name}"): i for i, name in enumerate(order)}
    children = list(el)
    children.sort(key=lambda ch: rank.get(ch.tag, len(rank)))
    for ch in children:
        el.append(ch)


def _sort_rpr(rpr: Any) -> None:
    _sort_children(rpr, _RPR_ORDER)


