"""The Word template the writer starts from, generated from a Layout: our styles and nothing else.

python-docx's own template carries 440 kB of styles bound to the Calibri/Cambria theme (theme font
attributes override named fonts), a Mac thumbnail and stylesWithEffects; this one is ~10 kB and every
style names the Thai font in the Latin, East Asian and complex-script slots, with its complex-script
size (w:szCs) and bold (w:bCs), which Word applies to Thai text.
"""

from __future__ import annotations

import io
import zipfile
from functools import lru_cache
from xml.sax.saxutils import quoteattr

from .layout import Layout

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

#: Paragraph styles: (styleId, w:name, based on, next, outline level or None). Word knows the
#: lower-case names ("heading 1", "caption", "footer") as its built-in styles: the navigation pane,
#: table of contents and caption numbering work on them.
PARAGRAPH_STYLES = (
    ("Normal", "Normal", None, None, None),
    ("Title", "Title", "Normal", "Normal", None),
    ("Subtitle", "Subtitle", "Normal", "Normal", None),
    ("Heading1", "heading 1", "Normal", "Normal", 0),
    ("Heading2", "heading 2", "Normal", "Normal", 1),
    ("Heading3", "heading 3", "Normal", "Normal", 2),
    ("Caption", "caption", "Normal", "Normal", None),
    ("Header", "header", "Normal", None, None),
    ("Footer", "footer", "Normal", None, None),
    ("ListBullet", "List Bullet", "Normal", None, None),
    ("ListItem", "List Item", "Normal", None, None),
    ("TableText", "Table Text", "Normal", None, None),
    ("TableTextSmall", "Table Text Small", "TableText", None, None),
    ("TableHeading", "Table Heading", "TableText", None, None),
    ("TableHeadingSmall", "Table Heading Small", "TableTextSmall", None, None),
    ("TableList", "Table List", "TableText", None, None),
    ("TableListSmall", "Table List Small", "TableTextSmall", None, None),
    ("Note", "Note", "Normal", None, None),
    ("Flag", "Flag", "Normal", None, None),
    ("CoverText", "Cover Text", "Normal", None, None),
    ("CoverYear", "Cover Year", "CoverText", None, None),
    ("CoverOrganisation", "Cover Organisation", "CoverText", None, None),
    ("Signature", "Signature", "Normal", None, None),
    ("Provenance", "Provenance", "Normal", None, None),
    ("Figure", "Figure", "Normal", None, None),
    ("Output", "Output", "Normal", None, None),
)

#: Character styles: (styleId, name).
CHARACTER_STYLES = (
    ("Strong", "Strong"),
    ("Emphasis", "Emphasis"),
    ("SmallText", "Small Text"),
    ("Weakness", "Weakness"),
    ("Strength", "Strength"),
    ("Muted", "Muted"),
)

TABLE_STYLE_ID = "ReportTable"
TABLE_STYLE_NAME = "Report Table"


def style_id(name: str) -> str:
    """The styleId of one of our style names (Word's UI name or w:name)."""
    for sid, wname, *_ in PARAGRAPH_STYLES:
        if name in (sid, wname) or name.lower() == wname:
            return sid
    for sid, wname in CHARACTER_STYLES:
        if name in (sid, wname):
            return sid
    raise KeyError(f"no style {name!r} in the DOCX template")


def _half_points(pt: float) -> int:
    return int(round(pt * 2))


def run_props(layout: Layout, size_pt: float | None = None, bold: bool = False, italic: bool = False,
              colour: str | None = None, mono: bool = False) -> str:
    """<w:rPr> with the font in all four slots and sizes/bold for both Latin and complex script."""
    font = "DejaVu Sans Mono" if mono else layout.font
    f = quoteattr(font)
    parts = [f"<w:rFonts w:ascii={f} w:hAnsi={f} w:eastAsia={f} w:cs={f}/>"]
    if bold:
        parts.append("<w:b/><w:bCs/>")
    if italic:
        parts.append("<w:i/><w:iCs/>")
    if colour:
        parts.append(f'<w:color w:val="{colour}"/>')
    if size_pt:
        hp = _half_points(size_pt)
        parts.append(f'<w:sz w:val="{hp}"/><w:szCs w:val="{hp}"/>')
    return "<w:rPr>" + "".join(parts) + "</w:rPr>"


def _para_props(layout: Layout, sid: str, outline: int | None) -> tuple[str, str]:
    """(pPr, rPr) of one paragraph style."""
    L = layout
    body, small = L.body_pt, L.small_pt
    spacing = '<w:spacing w:before="0" w:after="120"/>'
    ppr, rpr = spacing, run_props(L, body)
    cm = 567  # twips per centimetre
    if sid == "Title":
        ppr = '<w:keepNext/><w:keepLines/><w:spacing w:before="2835" w:after="240"/><w:jc w:val="center"/>'
        rpr = run_props(L, L.title_pt, bold=True, colour=L.accent)
    elif sid == "Subtitle":
        ppr = '<w:keepNext/><w:spacing w:before="0" w:after="360"/><w:jc w:val="center"/>'
        rpr = run_props(L, L.heading_pt[1])
    elif sid.startswith("Heading"):
        level = int(sid[-1])
        before = (360, 240, 200)[level - 1]
        ppr = f'<w:keepNext/><w:keepLines/><w:spacing w:before="{before}" w:after="120"/><w:outlineLvl w:val="{outline}"/>'
        rpr = run_props(L, L.heading_pt[level - 1], bold=True, colour=L.accent)
    elif sid == "Caption":
        ppr = '<w:spacing w:before="60" w:after="200"/><w:jc w:val="center"/>'
        rpr = run_props(L, L.caption_pt, bold=True, colour=L.muted)
    elif sid in ("Header", "Footer"):
        ppr = '<w:spacing w:before="0" w:after="0"/><w:jc w:val="center"/>'
        rpr = run_props(L, small, colour=L.muted)
    elif sid == "ListBullet":
        ppr = f'<w:numPr><w:numId w:val="1"/></w:numPr><w:spacing w:before="0" w:after="60"/><w:ind w:left="{int(0.9 * cm)}" w:hanging="{int(0.5 * cm)}"/>'
    elif sid == "ListItem":
        ppr = f'<w:spacing w:before="0" w:after="60"/><w:ind w:left="{int(0.9 * cm)}" w:hanging="{int(0.7 * cm)}"/>'
    elif sid == "TableText":
        ppr = '<w:spacing w:before="0" w:after="0"/>'
        rpr = run_props(L, L.table_pt)
    elif sid == "TableTextSmall":
        ppr = '<w:spacing w:before="0" w:after="0"/>'
        rpr = run_props(L, L.dense_table_pt)
    elif sid in ("TableHeading", "TableHeadingSmall"):  # the size of the table's text, as th in report.css
        ppr = '<w:spacing w:before="0" w:after="0"/><w:jc w:val="center"/>'
        rpr = run_props(L, L.table_pt if sid == "TableHeading" else L.dense_table_pt, bold=True)
    elif sid in ("TableList", "TableListSmall"):
        ppr = f'<w:spacing w:before="0" w:after="0"/><w:ind w:left="{int(0.55 * cm)}" w:hanging="{int(0.55 * cm)}"/>'
        rpr = run_props(L, L.table_pt if sid == "TableList" else L.dense_table_pt)
    elif sid in ("Note", "Flag"):
        fill, bar, size = (L.note_fill, "8C8C8C", 24) if sid == "Note" else (L.flag_fill, "C98100", 36)
        ppr = (f'<w:pBdr><w:left w:val="single" w:sz="{size}" w:space="8" w:color="{bar}"/></w:pBdr>'
               f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>'
               f'<w:spacing w:before="0" w:after="60"/><w:ind w:left="{int(0.3 * cm)}" w:right="{int(0.2 * cm)}"/>')
    elif sid == "CoverText":
        ppr = '<w:keepNext/><w:spacing w:before="0" w:after="120"/><w:jc w:val="center"/>'
        rpr = run_props(L, L.heading_pt[2])
    elif sid == "CoverYear":
        ppr = '<w:keepNext/><w:spacing w:before="0" w:after="720"/><w:jc w:val="center"/>'
        rpr = run_props(L, L.heading_pt[1], bold=True)
    elif sid == "CoverOrganisation":
        ppr = '<w:keepNext/><w:spacing w:before="0" w:after="60"/><w:jc w:val="center"/>'
        rpr = run_props(L, L.heading_pt[0], bold=True)
    elif sid == "Signature":
        # room above the block (report.css: margin-top 3em), none between its lines (contextualSpacing)
        ppr = (f'<w:keepNext/><w:keepLines/><w:spacing w:before="600" w:after="0"/><w:contextualSpacing/>'
               f'<w:ind w:left="{int(L.text_width_cm() / 2 * cm)}"/><w:jc w:val="center"/>')
    elif sid == "Provenance":
        ppr = ('<w:pBdr><w:top w:val="single" w:sz="4" w:space="4" w:color="C8C8C8"/></w:pBdr>'
               '<w:spacing w:before="480" w:after="0"/>')
        rpr = run_props(L, small, colour=L.muted)
    elif sid == "Figure":
        ppr = '<w:keepNext/><w:spacing w:before="120" w:after="0"/><w:jc w:val="center"/>'
    elif sid == "Output":
        ppr = '<w:spacing w:before="0" w:after="0"/><w:shd w:val="clear" w:color="auto" w:fill="F3F4F6"/>'
        rpr = run_props(L, 9, mono=True)
    return ppr, rpr


def styles_xml(layout: Layout) -> str:
    """styles.xml: document defaults, our paragraph, character and table styles."""
    L = layout
    f = quoteattr(L.font)
    hp = _half_points(L.body_pt)
    out = [XML_HEAD, f'<w:styles xmlns:w="{W_NS}" xmlns:r="{R_NS}">']
    out.append(
        "<w:docDefaults><w:rPrDefault><w:rPr>"
        f"<w:rFonts w:ascii={f} w:hAnsi={f} w:eastAsia={f} w:cs={f}/>"
        f'<w:sz w:val="{hp}"/><w:szCs w:val="{hp}"/>'
        '<w:lang w:val="th-TH" w:eastAsia="en-US" w:bidi="th-TH"/>'
        "</w:rPr></w:rPrDefault>"
        '<w:pPrDefault><w:pPr><w:widowControl/><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
        '</w:pPrDefault>'
        "</w:docDefaults>"
    )
    for sid, name, based, nxt, outline in PARAGRAPH_STYLES:
        ppr, rpr = _para_props(L, sid, outline)
        attrs = ' w:default="1"' if sid == "Normal" else ""
        out.append(f'<w:style w:type="paragraph"{attrs} w:styleId="{sid}"><w:name w:val="{name}"/>')
        if based:
            out.append(f'<w:basedOn w:val="{based}"/>')
        if nxt:
            out.append(f'<w:next w:val="{nxt}"/>')
        if outline is not None or sid in ("Title", "Caption", "Normal"):
            out.append('<w:uiPriority w:val="9"/><w:qFormat/>')
        out.append(f"<w:pPr>{ppr}</w:pPr>{rpr}</w:style>")
    out.append('<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
               '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>')
    colours = {"Weakness": L.weakness, "Strength": L.strength, "Muted": L.muted}
    for sid, name in CHARACTER_STYLES:
        size = L.small_pt if sid == "SmallText" else None
        rpr = run_props(L, size, bold=sid in ("Strong", "Weakness"), italic=sid == "Emphasis",
                        colour=colours.get(sid))
        out.append(f'<w:style w:type="character" w:styleId="{sid}"><w:name w:val="{name}"/>'
                   f'<w:basedOn w:val="DefaultParagraphFont"/><w:qFormat/>{rpr}</w:style>')
    cell_margins = ('<w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
                    '<w:bottom w:w="20" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>')
    out.append(
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
        f"{cell_margins}</w:tblPr></w:style>"
    )
    border = '<w:{0} w:val="single" w:sz="4" w:space="0" w:color="8C8C8C"/>'
    borders = "".join(border.format(side) for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    out.append(
        f'<w:style w:type="table" w:styleId="{TABLE_STYLE_ID}"><w:name w:val="{TABLE_STYLE_NAME}"/>'
        '<w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/>'
        '<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
        f"<w:tblPr><w:tblBorders>{borders}</w:tblBorders>{cell_margins}</w:tblPr></w:style>"
    )
    out.append("</w:styles>")
    return "".join(out)


def numbering_xml() -> str:
    """One bullet list definition (numId 1) for List Bullet, three levels deep."""
    levels = []
    for lvl, (bullet, left) in enumerate((("•", 510), ("–", 1020), ("◦", 1530))):
        levels.append(
            f'<w:lvl w:ilvl="{lvl}"><w:start w:val="1"/><w:numFmt w:val="bullet"/>'
            f'<w:lvlText w:val="{bullet}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{left}" w:hanging="283"/></w:pPr></w:lvl>'
        )
    return (XML_HEAD + f'<w:numbering xmlns:w="{W_NS}">'
            '<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="hybridMultilevel"/>'
            + "".join(levels) + '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
            "</w:numbering>")


def settings_xml() -> str:
    """Word 2013+ layout (compatibilityMode 15), Thai as the complex-script language of the theme."""
    return (XML_HEAD + f'<w:settings xmlns:w="{W_NS}">'
            '<w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/>'
            '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/>'
            '<w:compatSetting w:name="overrideTableStyleFontSizeAndJustification" w:uri="http://schemas.microsoft.com/office/word" w:val="1"/>'
            '<w:compatSetting w:name="enableOpenTypeFeatures" w:uri="http://schemas.microsoft.com/office/word" w:val="1"/>'
            "</w:compat>"
            '<w:themeFontLang w:val="th-TH" w:bidi="th-TH"/>'
            '<w:decimalSymbol w:val="."/><w:listSeparator w:val=","/></w:settings>')


def font_table_xml(layout: Layout) -> str:
    """Declares the font as a Thai-charset (0xDE) font so Word substitutes a Thai face when it is missing."""
    f = quoteattr(layout.font)
    return (XML_HEAD + f'<w:fonts xmlns:w="{W_NS}">'
            f'<w:font w:name={f}><w:charset w:val="DE"/><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>'
            '<w:font w:name="DejaVu Sans Mono"><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>'
            "</w:fonts>")


_CONTENT_TYPES = (
    XML_HEAD
    + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Default Extension="png" ContentType="image/png"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
    '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
    '<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
    "</Types>"
)

_ROOT_RELS = (
    XML_HEAD + f'<Relationships xmlns="{PKG_REL}">'
    f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    f'<Relationship Id="rId3" Type="{REL}/extended-properties" Target="docProps/app.xml"/>'
    "</Relationships>"
)

_DOC_RELS = (
    XML_HEAD + f'<Relationships xmlns="{PKG_REL}">'
    f'<Relationship Id="rId1" Type="{REL}/styles" Target="styles.xml"/>'
    f'<Relationship Id="rId2" Type="{REL}/settings" Target="settings.xml"/>'
    f'<Relationship Id="rId3" Type="{REL}/numbering" Target="numbering.xml"/>'
    f'<Relationship Id="rId4" Type="{REL}/fontTable" Target="fontTable.xml"/>'
    "</Relationships>"
)

_CORE = (
    XML_HEAD + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>'
)

_APP = (
    XML_HEAD + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>ita-report-toolkit</Application></Properties>"
)

_DOCUMENT = XML_HEAD + f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body><w:sectPr/></w:body></w:document>'


@lru_cache(maxsize=8)
def template_bytes(layout: Layout) -> bytes:
    """The template package for one layout (cached: built once per process and layout)."""
    parts = {
        "[Content_Types].xml": _CONTENT_TYPES,
        "_rels/.rels": _ROOT_RELS,
        "docProps/core.xml": _CORE,
        "docProps/app.xml": _APP,
        "word/document.xml": _DOCUMENT,
        "word/_rels/document.xml.rels": _DOC_RELS,
        "word/styles.xml": styles_xml(layout),
        "word/settings.xml": settings_xml(),
        "word/numbering.xml": numbering_xml(),
        "word/fontTable.xml": font_table_xml(layout),
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), text.encode("utf-8"))
    return buf.getvalue()
