"""The parts of an XLSX package besides its worksheets and shared strings: cell styles, the sheet
list, relationships, content types and the document properties, each as one XML text."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from xml.sax.saxutils import escape, quoteattr

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
HIDDEN = ' state="hidden"'


@dataclass(frozen=True, slots=True)
class Style:
    """A cell style: font, colour, border, alignment, fill."""

    font: str = "Calibri"
    size: float = 11
    bold: bool = False
    underline: bool = False
    color: str | None = None  # "RRGGBB"
    border: bool = False  # thin on all four sides
    horizontal: str | None = None  # "center", "left" …
    vertical: str | None = None  # "top", "center" …
    wrap: bool = False
    fill: str | None = None  # solid background "RRGGBB"


@dataclass(frozen=True, slots=True)
class Properties:
    """The document properties (docProps/core.xml and app.xml)."""

    title: str = ""
    subject: str = ""
    author: str = ""
    company: str = ""
    keywords: str = ""
    comments: str = ""
    created: datetime = datetime(1980, 1, 1)


@dataclass(slots=True)
class SheetEntry:
    """A worksheet as the workbook part lists it."""

    name: str
    hidden: bool
    repeat_rows: tuple[int, int] | None  # 0-based first and last row printed on every page


def number_text(value: float) -> str:
    """A number as a cell or attribute holds it (2.0 as 2)."""
    return str(value) if isinstance(value, int) or not value.is_integer() else str(int(value))


def quoted_sheet(name: str) -> str:
    """A sheet name as formulas and defined names write it: in quotes, a quote doubled."""
    return "'" + name.replace("'", "''") + "'"


def styles_xml(given: Sequence[Style]) -> str:
    """xl/styles.xml: index 0 is the default style, then `given`, in order."""
    fonts: list[tuple[str, float, bool, bool, str | None]] = []
    fills: list[str] = []
    xfs: list[str] = []
    for style in [Style(), *given]:
        font = (style.font, style.size, style.bold, style.underline, style.color)
        if font not in fonts:
            fonts.append(font)
        fill_id = 0
        if style.fill is not None:
            if style.fill not in fills:
                fills.append(style.fill)
            fill_id = 2 + fills.index(style.fill)
        align = ""
        if style.horizontal or style.vertical or style.wrap:
            attrs = "".join(
                f' {name}="{value}"'
                for name, value in (
                    ("horizontal", style.horizontal),
                    ("vertical", style.vertical),
                    ("wrapText", "1" if style.wrap else None),
                )
                if value
            )
            align = f"<alignment{attrs}/>"
        applied = "".join(
            f' apply{name}="1"'
            for name, on in (
                ("Font", fonts.index(font) > 0),
                ("Fill", fill_id > 0),
                ("Border", style.border),
                ("Alignment", bool(align)),
            )
            if on
        )
        xfs.append(
            f'<xf numFmtId="0" fontId="{fonts.index(font)}" fillId="{fill_id}" '
            f'borderId="{int(style.border)}" xfId="0"{applied}' + (f">{align}</xf>" if align else "/>")
        )
    font_xml = "".join(
        "<font>"
        + ("<b/>" if bold else "")
        + ("<u/>" if underline else "")
        + f'<sz val="{number_text(size)}"/>'
        + (f'<color rgb="FF{color}"/>' if color else '<color theme="1"/>')
        + f"<name val={quoteattr(name)}/>"
        + ('<family val="2"/><scheme val="minor"/>' if name == "Calibri" else "")
        + "</font>"
        for name, size, bold, underline, color in fonts
    )
    fill_xml = (
        '<fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>'
    )
    fill_xml += "".join(
        f'<fill><patternFill patternType="solid"><fgColor rgb="FF{rgb}"/><bgColor indexed="64"/></patternFill></fill>'
        for rgb in fills
    )
    thin = "".join(
        f'<{side} style="thin"><color auto="1"/></{side}>' for side in ("left", "right", "top", "bottom")
    )
    border_xml = (
        "<border><left/><right/><top/><bottom/><diagonal/></border>" + f"<border>{thin}<diagonal/></border>"
    )
    return (
        f'{XML_HEAD}<styleSheet xmlns="{MAIN_NS}">'
        f'<fonts count="{len(fonts)}">{font_xml}</fonts>'
        f'<fills count="{2 + len(fills)}">{fill_xml}</fills>'
        f'<borders count="2">{border_xml}</borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        f'<cellXfs count="{len(xfs)}">{"".join(xfs)}</cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        '<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium9" '
        'defaultPivotStyle="PivotStyleLight16"/></styleSheet>'
    )


def workbook_xml(sheets: Sequence[SheetEntry]) -> str:
    """xl/workbook.xml: the sheets in order, and the rows each prints on every page."""
    listed = "".join(
        f'<sheet name={quoteattr(entry.name)} sheetId="{i}"{HIDDEN if entry.hidden else ""} r:id="rId{i}"/>'
        for i, entry in enumerate(sheets, start=1)
    )
    names = "".join(
        f'<definedName name="_xlnm.Print_Titles" localSheetId="{i}">'
        f"{escape(quoted_sheet(entry.name))}!${entry.repeat_rows[0] + 1}:${entry.repeat_rows[1] + 1}"
        "</definedName>"
        for i, entry in enumerate(sheets)
        if entry.repeat_rows is not None
    )
    return (
        f'{XML_HEAD}<workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}"><bookViews><workbookView/></bookViews>'
        f"<sheets>{listed}</sheets>"
        + (f"<definedNames>{names}</definedNames>" if names else "")
        + "</workbook>"
    )


def workbook_rels(count: int) -> str:
    """xl/_rels/workbook.xml.rels: the `count` worksheets, the styles and the shared strings."""
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="{REL_NS}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, count + 1)
    )
    rels += (
        f'<Relationship Id="rId{count + 1}" Type="{REL_NS}/styles" Target="styles.xml"/>'
        f'<Relationship Id="rId{count + 2}" Type="{REL_NS}/sharedStrings" Target="sharedStrings.xml"/>'
    )
    return f'{XML_HEAD}<Relationships xmlns="{PKG_REL_NS}">{rels}</Relationships>'


def package_rels() -> str:
    """_rels/.rels: the workbook and the document properties."""
    return (
        f'{XML_HEAD}<Relationships xmlns="{PKG_REL_NS}">'
        f'<Relationship Id="rId1" Type="{REL_NS}/officeDocument" Target="xl/workbook.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/'
        'core-properties" Target="docProps/core.xml"/>'
        f'<Relationship Id="rId3" Type="{REL_NS}/extended-properties" Target="docProps/app.xml"/>'
        "</Relationships>"
    )


def content_types(count: int) -> str:
    """[Content_Types].xml for a workbook of `count` worksheets."""
    sheet_types = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(1, count + 1)
    )
    return (
        f'{XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        f"{sheet_types}"
        '<Override PartName="/xl/styles.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        '<Override PartName="/docProps/core.xml" '
        'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
        '<Override PartName="/docProps/app.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
        "</Types>"
    )


def app_xml(properties: Properties) -> str:
    """docProps/app.xml."""
    return (
        f'{XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        f"<Application>Microsoft Excel</Application><Company>{escape(properties.company)}</Company>"
        "</Properties>"
    )


def core_xml(properties: Properties) -> str:
    """docProps/core.xml: title, subject, author … and the document time."""
    p = properties
    stamp = p.created.strftime("%Y-%m-%dT%H:%M:%SZ")
    fields = [
        ("dc:title", p.title),
        ("dc:subject", p.subject),
        ("dc:creator", p.author),
        ("cp:keywords", p.keywords),
        ("dc:description", p.comments),
        ("cp:lastModifiedBy", p.author),
    ]
    body = "".join(f"<{tag}>{escape(value)}</{tag}>" for tag, value in fields if value)
    return (
        f"{XML_HEAD}<cp:coreProperties "
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f'{body}<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified></cp:coreProperties>'
    )
