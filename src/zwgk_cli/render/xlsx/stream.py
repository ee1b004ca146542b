"""A small XLSX writer that streams each worksheet's rows straight into the zip.

Why our own: a province's workbook has some two million cells. A general writer keeps them all in
memory as Python objects until it closes (about a gigabyte) and spends most of its time in per-cell
bookkeeping; the workbooks zwgk writes need only strings, numbers, blank styled cells, a fixed set
of cell styles, merges, internal links, column widths, row heights, frozen headers, a hidden sheet
and a print setup. Rows are written in order and turned into XML at once, so memory stays at one
row plus the shared strings of short texts.

Every value is written as data, never as a formula; the zip carries fixed times, so the same cells
give the same bytes.
"""

from __future__ import annotations

import queue
import re
import threading
from collections.abc import Iterable, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import datetime
from typing import IO
from xml.sax.saxutils import escape, quoteattr

from zwgk_cli.render.xlsx.zipout import Closable, Deflated, Writable, ZipOut

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

CELL_UNITS = 32_767  # the most a cell holds (UTF-16 units); longer texts are cut (see fit_cell)
SHARED_MAX = 40  # texts up to this length go to the shared-string table; longer ones are written inline
DEFAULT_ROW_HEIGHT = 15
FLUSH_AT = 1 << 18  # characters of sheet XML gathered before they go to the compressor
HIDDEN = ' state="hidden"'

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f]")
_ESCAPED_LIKE = re.compile(r"(_x[0-9A-Fa-f]{4}_)")


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
class PageSetup:
    """How a sheet prints."""

    landscape: bool = False
    paper: int = 9  # A4
    fit_width: bool = True  # one page wide, as many pages tall as needed
    repeat_rows: tuple[int, int] | None = None  # 0-based first and last row printed on every page
    margins: tuple[float, float, float, float] = (0.7, 0.7, 0.75, 0.75)  # left, right, top, bottom
    center_horizontally: bool = False
    footer: str = ""


@dataclass(slots=True)
class SheetSetup:
    """What a worksheet declares before its rows: widths, frozen panes, print setup, visibility."""

    widths: Sequence[float] = ()  # character units, from column A on
    shared_text: bool = True  # short texts into the shared-string table (False: every text inline)
    freeze: tuple[int, int] | None = None  # 0-based first unfrozen row and column
    page: PageSetup | None = None
    hidden: bool = False


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


def fit_cell(text: str) -> str:
    """`text` cut to what a cell holds (32,767 UTF-16 units), ending in “…” when it was cut."""
    units = text.encode("utf-16-le")
    if len(units) <= 2 * CELL_UNITS:
        return text
    return units[: 2 * (CELL_UNITS - 1)].decode("utf-16-le", "ignore") + "…"  # a split pair dropped


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


_LETTERS = [column_letter(i) for i in range(256)]
_STYLE_ATTRS = ["", *(f' s="{i}"' for i in range(1, 256))]


def column_width(characters: float) -> float:
    """Excel's stored column width for a width of `characters` (Calibri 11: 7-pixel digits, 5 pixels padding)."""
    if characters <= 0:
        return 0.0
    pixels = int(characters * 7 + 0.5) + 5 if characters >= 1 else int(characters * 12 + 0.5)
    return int(pixels / 7 * 256) / 256


def row_height(points: float) -> float:
    """A row height rounded to whole pixels (96 dpi), as Excel stores it."""
    return round(points * 4 / 3) * 0.75


def xml_text(text: str) -> str:
    """Cell text for XML: &, <, > escaped; control characters as Excel's _xHHHH_ escapes."""
    if "_x" in text:
        text = _ESCAPED_LIKE.sub(r"_x005F\1", text)
    if not text.isprintable():
        text = _CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", text)
    return escape(text)


def _space(text: str) -> str:
    return ' xml:space="preserve"' if text and (text[0].isspace() or text[-1].isspace()) else ""


def _number(value: float) -> str:
    return str(value) if isinstance(value, int) or not value.is_integer() else str(int(value))


class _Styles:
    """The cell styles of a workbook: index 0 is the default style, then those given, in order."""

    def __init__(self, styles: Sequence[Style]) -> None:
        self.styles = [Style(), *styles]

    def xml(self) -> str:
        fonts: list[tuple[str, float, bool, bool, str | None]] = []
        fills: list[str] = []
        xfs: list[str] = []
        for style in self.styles:
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
            + f'<sz val="{_number(size)}"/>'
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
            "<border><left/><right/><top/><bottom/><diagonal/></border>"
            + f"<border>{thin}<diagonal/></border>"
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


@dataclass(slots=True)
class _SheetEntry:
    name: str
    hidden: bool
    repeat_rows: tuple[int, int] | None


class _Background:
    """Writes a stream's chunks in a thread of its own: compressing them (zlib) and writing them
    out release the GIL, so they run beside the XML being made on the other core."""

    def __init__(self, stream: Writable) -> None:
        self._stream = stream
        self._queue: queue.Queue[bytes | None] = queue.Queue(maxsize=8)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="zwgk-xlsx-writer", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while (chunk := self._queue.get()) is not None:
            if self._error is None:
                try:
                    self._stream.write(chunk)
                except BaseException as exc:  # handed to the writing thread at its next call
                    self._error = exc

    def write(self, chunk: bytes) -> None:
        self._raise()
        self._queue.put(chunk)

    def close(self) -> None:
        """Wait until everything is written; the thread's error, if any, is raised here."""
        self._queue.put(None)
        self._thread.join()
        self._raise()

    def _raise(self) -> None:
        if self._error is not None:
            raise self._error


class Sheet:
    """One worksheet being written: rows in ascending order, then `close` (done by the workbook)."""

    def __init__(self, book: XlsxWriter, stream: Writable, setup: SheetSetup, selected: bool) -> None:
        self._book = book
        self._out = _Background(stream)
        self.setup = setup
        self._merges: list[str] = []
        self._links: list[str] = []
        self._pending: dict[int, dict[int, int]] = {}  # row → column → style of a merged cell's blank
        self._last_row = -1
        self._buffer: list[str] = []
        self._buffered = 0
        head = [f'{XML_HEAD}<worksheet xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">']
        if setup.page is not None and setup.page.fit_width:
            head.append('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>')
        view = (
            '<sheetView tabSelected="1" workbookViewId="0"' if selected else '<sheetView workbookViewId="0"'
        )
        if setup.freeze is not None and setup.freeze != (0, 0):
            row, col = setup.freeze
            corner = f"{_LETTERS[col]}{row + 1}"
            split = (f' xSplit="{col}"' if col else "") + (f' ySplit="{row}"' if row else "")
            pane = "bottomRight" if row and col else "bottomLeft" if row else "topRight"
            head.append(
                f'<sheetViews>{view}><pane{split} topLeftCell="{corner}" activePane="{pane}" state="frozen"/>'
                f'<selection pane="{pane}" activeCell="{corner}" sqref="{corner}"/></sheetView></sheetViews>'
            )
        else:
            head.append(f"<sheetViews>{view}/></sheetViews>")
        head.append(f'<sheetFormatPr defaultRowHeight="{DEFAULT_ROW_HEIGHT}"/>')
        if setup.widths:
            runs: list[list[int | float]] = []  # [first, last, width]: neighbours of one width together
            for i, w in enumerate(setup.widths, start=1):
                if runs and runs[-1][2] == w:
                    runs[-1][1] = i
                else:
                    runs.append([i, i, w])
            cols = "".join(
                f'<col min="{first}" max="{last}" width="{column_width(w):g}" customWidth="1"/>'
                for first, last, w in runs
            )
            head.append(f"<cols>{cols}</cols>")
        head.append("<sheetData>")
        self._write("".join(head))

    def _write(self, text: str) -> None:
        self._buffer.append(text)
        self._buffered += len(text)
        if self._buffered >= FLUSH_AT:
            self._flush()

    def _flush(self) -> None:
        self._out.write("".join(self._buffer).encode("utf-8"))
        self._buffer.clear()
        self._buffered = 0

    def merge(self, first_row: int, first_col: int, last_row: int, last_col: int, style: int) -> None:
        """Merge a range; its other cells are written blank with `style` (so borders show).

        The range's first cell is written by the caller, as any cell; declare the merge before
        writing its first row.
        """
        if first_row <= self._last_row:
            raise ValueError("a merge must be declared before its rows are written")
        self._merges.append(f"{_LETTERS[first_col]}{first_row + 1}:{_LETTERS[last_col]}{last_row + 1}")
        for row in range(first_row, last_row + 1):
            pending = self._pending.setdefault(row, {})
            for col in range(first_col, last_col + 1):
                if (row, col) != (first_row, first_col):
                    pending[col] = style

    def link(self, row: int, col: int, location: str, display: str) -> None:
        """A link from a cell to a place in the workbook, such as ``'Sheet'!A1``."""
        self._links.append(
            f'<hyperlink ref="{_LETTERS[col]}{row + 1}" location={quoteattr(location)} display={quoteattr(display)}/>'
        )

    def row(
        self, row: int, cells: Iterable[tuple[int, str | float | None, int]], height: float | None = None
    ) -> None:
        """Write row `row` (0-based): cells as (column, value, style); None is a blank styled cell."""
        if row <= self._last_row:
            raise ValueError(f"row {row} written after row {self._last_row}")
        self._last_row = row
        pending = self._pending.pop(row, None)
        if pending:
            given = {col: (value, style) for col, value, style in cells}
            for col, style in pending.items():
                given.setdefault(col, (None, style))
            cells = [(col, *given[col]) for col in sorted(given)]
        number = str(row + 1)
        shared = self._book.shared
        short = SHARED_MAX if self.setup.shared_text else -1
        out: list[str] = []
        for col, value, style in cells:
            head = f'<c r="{_LETTERS[col]}{number}"{_STYLE_ATTRS[style]}'
            if value.__class__ is str:
                text: str = value
                if len(text) <= short:
                    index = shared.get(text)
                    if index is None:
                        index = shared[text] = len(shared)
                    out.append(f'{head} t="s"><v>{index}</v></c>')
                else:
                    if len(text) > CELL_UNITS // 2:
                        text = fit_cell(text)
                    out.append(f'{head} t="inlineStr"><is><t{_space(text)}>{xml_text(text)}</t></is></c>')
            elif value is None:
                out.append(head + "/>")
            else:
                out.append(f"{head}><v>{_number(value)}</v></c>")  # type: ignore[arg-type]
        size = f' ht="{row_height(height):g}" customHeight="1"' if height is not None else ""
        self._write(f'<row r="{number}"{size}>{"".join(out)}</row>')

    def close(self) -> None:
        for row in sorted(self._pending):
            if row > self._last_row:
                self.row(row, ())
        tail = ["</sheetData>"]
        if self._merges:
            tail.append(f'<mergeCells count="{len(self._merges)}">')
            tail.extend(f'<mergeCell ref="{ref}"/>' for ref in self._merges)
            tail.append("</mergeCells>")
        if self._links:
            tail.append(f"<hyperlinks>{''.join(self._links)}</hyperlinks>")
        page = self.setup.page
        if page is not None and page.center_horizontally:
            tail.append('<printOptions horizontalCentered="1"/>')
        left, right, top, bottom = (page or PageSetup()).margins
        tail.append(
            f'<pageMargins left="{left:g}" right="{right:g}" top="{top:g}" bottom="{bottom:g}" '
            'header="0.3" footer="0.3"/>'
        )
        if page is not None:
            fit = ' fitToHeight="0"' if page.fit_width else ""
            orientation = "landscape" if page.landscape else "portrait"
            tail.append(f'<pageSetup paperSize="{page.paper}"{fit} orientation="{orientation}"/>')
            if page.footer:
                tail.append(f"<headerFooter><oddFooter>{escape(page.footer)}</oddFooter></headerFooter>")
        tail.append("</worksheet>")
        self._write("".join(tail))
        self._flush()
        self._out.close()

    def abandon(self) -> None:
        """Stop writing (after an error elsewhere); what was written is left incomplete."""
        with suppress(BaseException):
            self._out.close()


@dataclass(slots=True)
class XlsxWriter:
    """A workbook written into `target` (a seekable binary file) sheet by sheet.

    Use as ``with XlsxWriter(...) as book:``; ``with book.sheet(name, setup) as sheet:`` per sheet.
    Cells name their style by index: 0 the default, 1 the first of `styles`, and so on.
    """

    target: IO[bytes]
    properties: Properties
    styles: Sequence[Style]
    _zip: ZipOut = field(init=False)
    _styles: _Styles = field(init=False)
    _sheets: list[_SheetEntry] = field(default_factory=list, init=False)
    shared: dict[str, int] = field(default_factory=dict, init=False)  # short text → its index

    def __post_init__(self) -> None:
        self._zip = ZipOut(self.target, self.properties.created)
        self._styles = _Styles(self.styles)

    def __enter__(self) -> XlsxWriter:
        return self

    def __exit__(self, kind: object, *_: object) -> None:
        if kind is None:
            self.close()

    def _put(self, name: str, text: str) -> None:
        self._zip.put(name, text.encode("utf-8"))

    def sheet(self, name: str, setup: SheetSetup) -> _SheetContext:
        """Start the next worksheet."""
        return _SheetContext(self, name, setup)

    def _open_sheet(self, name: str, setup: SheetSetup) -> tuple[Closable, Sheet]:
        self._add_entry(name, setup)
        stream = self._zip.open(f"xl/worksheets/sheet{len(self._sheets)}.xml")
        return stream, Sheet(self, stream, setup, selected=len(self._sheets) == 1)

    def _add_entry(self, name: str, setup: SheetSetup) -> None:
        if len(name) > 31 or not name or re.search(r"[\[\]:*?/\\]", name):
            raise ValueError(f"invalid worksheet name: {name!r}")
        repeat = setup.page.repeat_rows if setup.page is not None else None
        self._sheets.append(_SheetEntry(name, setup.hidden, repeat))

    def spooled(self, setup: SheetSetup) -> tuple[Deflated, Sheet]:
        """A worksheet written beside the others (the zip takes one member at a time): compressed
        as it is written, into a temporary file; `place` adds it to the workbook as the next sheet."""
        spool = self._zip.spool()
        return spool, Sheet(self, spool, setup, selected=False)

    def place(self, name: str, spool: Deflated, sheet: Sheet) -> None:
        """Finish a spooled worksheet and add it as the next sheet."""
        sheet.close()
        self._add_entry(name, sheet.setup)
        self._zip.add_spooled(f"xl/worksheets/sheet{len(self._sheets)}.xml", spool)

    def close(self) -> None:
        count = len(self._sheets)
        stream = self._zip.open("xl/sharedStrings.xml")  # in pieces: it can be large
        stream.write(f'{XML_HEAD}<sst xmlns="{MAIN_NS}" uniqueCount="{len(self.shared)}">'.encode())
        texts = list(self.shared)
        self.shared.clear()
        for start in range(0, len(texts), 4096):
            part = texts[start : start + 4096]
            stream.write("".join(f"<si><t{_space(t)}>{xml_text(t)}</t></si>" for t in part).encode("utf-8"))
        stream.write(b"</sst>")
        stream.close()
        self._put("xl/styles.xml", self._styles.xml())
        sheets = "".join(
            f'<sheet name={quoteattr(entry.name)} sheetId="{i}"{HIDDEN if entry.hidden else ""} r:id="rId{i}"/>'
            for i, entry in enumerate(self._sheets, start=1)
        )
        names = "".join(
            f'<definedName name="_xlnm.Print_Titles" localSheetId="{i}">'
            f"{escape(quoted_sheet(entry.name))}!${entry.repeat_rows[0] + 1}:${entry.repeat_rows[1] + 1}"
            "</definedName>"
            for i, entry in enumerate(self._sheets)
            if entry.repeat_rows is not None
        )
        self._put(
            "xl/workbook.xml",
            f'{XML_HEAD}<workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}"><bookViews><workbookView/></bookViews>'
            f"<sheets>{sheets}</sheets>"
            + (f"<definedNames>{names}</definedNames>" if names else "")
            + "</workbook>",
        )
        rels = "".join(
            f'<Relationship Id="rId{i}" Type="{REL_NS}/worksheet" Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, count + 1)
        )
        rels += (
            f'<Relationship Id="rId{count + 1}" Type="{REL_NS}/styles" Target="styles.xml"/>'
            f'<Relationship Id="rId{count + 2}" Type="{REL_NS}/sharedStrings" Target="sharedStrings.xml"/>'
        )
        self._put(
            "xl/_rels/workbook.xml.rels",
            f'{XML_HEAD}<Relationships xmlns="{PKG_REL_NS}">{rels}</Relationships>',
        )
        self._put("docProps/core.xml", self._core())
        self._put(
            "docProps/app.xml",
            f'{XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
            f"<Application>Microsoft Excel</Application><Company>{escape(self.properties.company)}</Company>"
            "</Properties>",
        )
        self._put(
            "_rels/.rels",
            f'{XML_HEAD}<Relationships xmlns="{PKG_REL_NS}">'
            f'<Relationship Id="rId1" Type="{REL_NS}/officeDocument" Target="xl/workbook.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/'
            'core-properties" Target="docProps/core.xml"/>'
            f'<Relationship Id="rId3" Type="{REL_NS}/extended-properties" Target="docProps/app.xml"/>'
            "</Relationships>",
        )
        sheet_types = "".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            for i in range(1, count + 1)
        )
        self._put(
            "[Content_Types].xml",
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
            "</Types>",
        )
        self._zip.close()

    def _core(self) -> str:
        p = self.properties
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


def quoted_sheet(name: str) -> str:
    """A sheet name as formulas and defined names write it: in quotes, a quote doubled."""
    return "'" + name.replace("'", "''") + "'"


class _SheetContext:
    def __init__(self, book: XlsxWriter, name: str, setup: SheetSetup) -> None:
        self._book, self._name, self._setup = book, name, setup
        self._stream: Closable | None = None

    def __enter__(self) -> Sheet:
        self._stream, self.sheet = self._book._open_sheet(self._name, self._setup)
        return self.sheet

    def __exit__(self, kind: object, *_: object) -> None:
        assert self._stream is not None
        if kind is None:
            self.sheet.close()
        else:
            self.sheet.abandon()
        self._stream.close()
