"""A small XLSX writer that streams each worksheet's rows straight into the zip.

Why our own: a province's workbook has some two million cells, and the workbooks zwgk writes need
only strings, numbers, blank styled cells, a fixed set of cell styles, merges, internal links,
column widths, row heights, frozen headers, a hidden sheet and a print setup. xlsxwriter's
constant-memory mode also writes row by row in little memory, but it spends most of its time in
per-cell bookkeeping (its general mode keeps every cell in memory until it closes, about a
gigabyte); here each row is turned into XML at once, and memory stays at one row plus the shared
strings of short texts. The same 1.3 million cells (the build floor's, benchmarks/run.py) take
4.6 s here and 17.1 s in xlsxwriter's constant-memory mode (3.7 times, on a busy two-core
machine). The zip container is the standard library's `zipfile`.

Every value is written as data, never as a formula; the zip carries fixed times, so the same cells
give the same bytes.
"""

from __future__ import annotations

import queue
import re
import threading
import zipfile
from collections.abc import Iterable, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import datetime
from typing import IO, Protocol
from xml.sax.saxutils import escape, quoteattr

from zwgk_cli.render.xlsx.parts import (
    MAIN_NS,
    REL_NS,
    XML_HEAD,
    Properties,
    SheetEntry,
    Style,
    app_xml,
    content_types,
    core_xml,
    number_text,
    package_rels,
    styles_xml,
    workbook_rels,
    workbook_xml,
)

CELL_UNITS = 32_767  # the most a cell holds (UTF-16 units); longer texts are cut (see fit_cell)
SHARED_MAX = 40  # texts up to this length go to the shared-string table; longer ones are written inline
DEFAULT_ROW_HEIGHT = 15
FLUSH_AT = 1 << 18  # characters of sheet XML gathered before they go to the compressor

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f]")
_ESCAPED_LIKE = re.compile(r"(_x[0-9A-Fa-f]{4}_)")


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


class Writable(Protocol):
    """Where bytes go."""

    def write(self, data: bytes, /) -> object: ...


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
                out.append(f"{head}><v>{number_text(value)}</v></c>")  # type: ignore[arg-type]
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
    _zip: zipfile.ZipFile = field(init=False)
    _time: tuple[int, int, int, int, int, int] = field(init=False)
    _sheets: list[SheetEntry] = field(default_factory=list, init=False)
    shared: dict[str, int] = field(default_factory=dict, init=False)  # short text → its index

    def __post_init__(self) -> None:
        self._zip = zipfile.ZipFile(self.target, "w")
        self._time = zip_time(self.properties.created)

    def __enter__(self) -> XlsxWriter:
        return self

    def __exit__(self, kind: object, *_: object) -> None:
        if kind is None:
            self.close()

    def _member(self, name: str) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, self._time)
        info.compress_type = zipfile.ZIP_DEFLATED
        return info

    def _put(self, name: str, text: str) -> None:
        self._zip.writestr(self._member(name), text.encode("utf-8"))

    def _open(self, name: str) -> IO[bytes]:
        """A member to write into (the zip takes one at a time: close it before the next)."""
        return self._zip.open(self._member(name), "w")

    def sheet(self, name: str, setup: SheetSetup) -> _SheetContext:
        """Start the next worksheet."""
        return _SheetContext(self, name, setup)

    def _open_sheet(self, name: str, setup: SheetSetup) -> tuple[IO[bytes], Sheet]:
        self._add_entry(name, setup)
        stream = self._open(f"xl/worksheets/sheet{len(self._sheets)}.xml")
        return stream, Sheet(self, stream, setup, selected=len(self._sheets) == 1)

    def _add_entry(self, name: str, setup: SheetSetup) -> None:
        if len(name) > 31 or not name or re.search(r"[\[\]:*?/\\]", name):
            raise ValueError(f"invalid worksheet name: {name!r}")
        repeat = setup.page.repeat_rows if setup.page is not None else None
        self._sheets.append(SheetEntry(name, setup.hidden, repeat))

    def close(self) -> None:
        count = len(self._sheets)
        stream = self._open("xl/sharedStrings.xml")  # in pieces: it can be large
        stream.write(f'{XML_HEAD}<sst xmlns="{MAIN_NS}" uniqueCount="{len(self.shared)}">'.encode())
        texts = list(self.shared)
        self.shared.clear()
        for start in range(0, len(texts), 4096):
            part = texts[start : start + 4096]
            stream.write("".join(f"<si><t{_space(t)}>{xml_text(t)}</t></si>" for t in part).encode("utf-8"))
        stream.write(b"</sst>")
        stream.close()
        self._put("xl/styles.xml", styles_xml(self.styles))
        self._put("xl/workbook.xml", workbook_xml(self._sheets))
        self._put("xl/_rels/workbook.xml.rels", workbook_rels(count))
        self._put("docProps/core.xml", core_xml(self.properties))
        self._put("docProps/app.xml", app_xml(self.properties))
        self._put("_rels/.rels", package_rels())
        self._put("[Content_Types].xml", content_types(count))
        self._zip.close()


def zip_time(when: datetime) -> tuple[int, int, int, int, int, int]:
    """`when` as a zip member's time, within what zip dates hold (1980 to 2107, even seconds)."""
    when = min(max(when, datetime(1980, 1, 1)), datetime(2107, 12, 31, 23, 59, 58))
    return (when.year, when.month, when.day, when.hour, when.minute, when.second)


class _SheetContext:
    def __init__(self, book: XlsxWriter, name: str, setup: SheetSetup) -> None:
        self._book, self._name, self._setup = book, name, setup
        self._stream: IO[bytes] | None = None

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
