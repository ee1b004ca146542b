"""Tables out of Excel (.xlsx) and Word (.docx) files, as rectangular grids of text cells.

Why a grid: offices merge cells (一级事项 down its rows, 公开对象 across two columns). Every cell of a
merged area gets the area's text, and remembers the cell it came from, so the importer reads each
row on its own and still reports the cell people see (``Sheet1!F12``, ``表2 第5行第3列``).

Word is read from its XML with the standard library: ``w:tbl`` rows and cells, ``w:gridSpan``
(across) and ``w:vMerge`` (down). A ``w:sym`` symbol (a Wingdings checkbox) becomes the character
that converted tables show for it (``R``, ``£``, ``t`` …), so both spellings reach the same rules.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from zwgk_cli.core.diagnostics import Text, ZwgkError, say

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_XML_BYTES = 256 * 1024 * 1024  # an unpacked part; a zip bomb stops here
MAX_ROWS = 20_000
MAX_COLUMNS = 200

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass(frozen=True, slots=True)
class Cell:
    """One grid position: its text, where it is, and the cell a merged area copied it from."""

    text: str
    ref: str
    origin: str

    @property
    def merged(self) -> bool:
        """Whether the text was copied from another cell of a merged area."""
        return self.origin != self.ref


@dataclass(slots=True)
class SourceTable:
    """One worksheet or one Word table.

    `label` names it in messages (``工作表“社会救助”``, ``表2``); `before` holds the paragraphs just
    above a Word table (where its title usually is); `hidden` marks hidden worksheets.
    """

    label: str
    name: str
    rows: list[list[Cell]]
    before: list[str] = field(default_factory=list)
    hidden: bool = False

    @property
    def width(self) -> int:
        """The number of grid columns."""
        return max((len(row) for row in self.rows), default=0)


def read_tables(path: Path) -> tuple[str, list[SourceTable]]:
    """The file's kind (``xlsx`` or ``docx``) and its tables; raises ZwgkError when it cannot be read."""
    if not path.exists():
        raise ZwgkError(say("stop.importer.no-file", path=path))
    if not path.is_file():
        raise ZwgkError(say("stop.importer.not-a-file", path=path))
    suffix = path.suffix.lower()
    if suffix in (".xls", ".doc", ".et", ".wps"):
        raise ZwgkError(say("stop.importer.old-office", name=path.name))
    if suffix not in (".xlsx", ".xlsm", ".docx", ".docm"):
        raise ZwgkError(say("stop.importer.not-office", name=path.name))
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ZwgkError(
                say(
                    "stop.importer.too-large",
                    name=path.name,
                    mib=size / 1048576,
                    limit=MAX_FILE_BYTES // 1048576,
                )
            )
        data = path.read_bytes()
    except OSError as exc:
        raise ZwgkError(say("stop.importer.cannot-read", path=path, reason=exc.strerror or exc)) from exc
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ZwgkError(say("stop.importer.encrypted", name=path.name))
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ZwgkError(_corrupt(path, say("ui.importer.damage.not-zip")))
    if suffix in (".xlsx", ".xlsm"):
        return "xlsx", _read_xlsx(path, data)
    return "docx", _read_docx(path, data)


def _corrupt(path: Path, problem: Text | str) -> Text:
    return say("stop.importer.damaged", name=path.name, problem=problem)


def _check_package(path: Path, archive: zipfile.ZipFile) -> None:
    for info in archive.infolist():
        if info.file_size > MAX_XML_BYTES:
            raise ZwgkError(_corrupt(path, say("ui.importer.damage.too-large", member=info.filename)))


# ---- Excel -------------------------------------------------------------------------------------


def sheet_label(name: str) -> str:
    """How messages name a worksheet (in Chinese in either language: it is where the cell is)."""
    return say("ui.importer.sheet", name=name).zh


def sheet_ref(sheet: str, row: int, column: int) -> str:
    """``Sheet1!F12``; a sheet name with spaces or punctuation is quoted as Excel quotes it."""
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

    name = sheet if re.fullmatch(r"[\w.]+", sheet) else "'" + sheet.replace("'", "''") + "'"
    return f"{name}!{get_column_letter(column)}{row}"


def cell_text(value: Any) -> str:
    """A cell value as the text people see: 3 not 3.0, dates as YYYY-MM-DD."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _read_xlsx(path: Path, data: bytes) -> list[SourceTable]:
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_package(path, archive)
        book = load_workbook(io.BytesIO(data), data_only=True)
    except ZwgkError:
        raise
    except Exception as exc:  # openpyxl raises many kinds for broken packages
        raise ZwgkError(_corrupt(path, type(exc).__name__)) from exc
    tables: list[SourceTable] = []
    for sheet in book.worksheets:
        title = sheet.title
        last_row = min(sheet.max_row, MAX_ROWS)
        last_col = min(sheet.max_column, MAX_COLUMNS)
        texts: dict[tuple[int, int], str] = {}
        for row in sheet.iter_rows(min_row=1, max_row=last_row, max_col=last_col):
            for cell in row:
                text = cell_text(getattr(cell, "value", None))
                if text:
                    texts[(cell.row, cell.column)] = text
        origins: dict[tuple[int, int], tuple[int, int]] = {}
        for area in sheet.merged_cells.ranges:
            for r in range(area.min_row, min(area.max_row, last_row) + 1):
                for c in range(area.min_col, min(area.max_col, last_col) + 1):
                    origins[(r, c)] = (area.min_row, area.min_col)
        # trim empty trailing rows and columns (formatting often reaches far beyond the table)
        used = set(texts)
        height = max((r for r, _ in used), default=0)
        width = max((c for _, c in used), default=0)
        rows: list[list[Cell]] = []
        for r in range(1, height + 1):
            line: list[Cell] = []
            for c in range(1, width + 1):
                origin = origins.get((r, c), (r, c))
                line.append(
                    Cell(
                        texts.get(origin, ""), sheet_ref(title, r, c), sheet_ref(title, origin[0], origin[1])
                    )
                )
            rows.append(line)
        tables.append(
            SourceTable(
                label=sheet_label(title),
                name=title,
                rows=rows,
                hidden=sheet.sheet_state != "visible",
            )
        )
    return tables


# ---- Word --------------------------------------------------------------------------------------


def _read_docx(path: Path, data: bytes) -> list[SourceTable]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_package(path, archive)
            xml = archive.read("word/document.xml")
    except KeyError as exc:
        raise ZwgkError(_corrupt(path, say("ui.importer.damage.no-document"))) from exc
    except (zipfile.BadZipFile, OSError) as exc:
        raise ZwgkError(_corrupt(path, type(exc).__name__)) from exc
    if b"<!ENTITY" in xml or b"<!DOCTYPE" in xml:
        raise ZwgkError(_corrupt(path, say("ui.importer.damage.entities")))
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError as exc:
        raise ZwgkError(_corrupt(path, say("ui.importer.damage.syntax"))) from exc
    body = root.find(f"{_W}body")
    if body is None:
        raise ZwgkError(_corrupt(path, say("ui.importer.damage.no-body")))
    tables: list[SourceTable] = []
    before: list[str] = []
    for element in _blocks(body):
        if element.tag == f"{_W}p":
            text = _paragraph_text(element).strip()
            if text:
                before = [*before[-2:], text]
        elif element.tag == f"{_W}tbl":
            number = len(tables) + 1
            label = say("ui.importer.table", table=number).zh
            tables.append(
                SourceTable(label=label, name=label, rows=_table_rows(element, number), before=before)
            )
            before = []
    return tables


def _blocks(parent: ElementTree.Element) -> list[ElementTree.Element]:
    """Paragraphs and tables in document order, looking inside content controls (w:sdt)."""
    out: list[ElementTree.Element] = []
    for child in parent:
        if child.tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                out += _blocks(content)
        elif child.tag in (f"{_W}p", f"{_W}tbl"):
            out.append(child)
    return out


def _paragraph_text(paragraph: ElementTree.Element) -> str:
    parts: list[str] = []
    for node in paragraph.iter():
        tag = node.tag
        if tag == f"{_W}t":
            parts.append(node.text or "")
        elif tag == f"{_W}tab":
            parts.append("\t")
        elif tag in (f"{_W}br", f"{_W}cr"):
            parts.append("\n")
        elif tag == f"{_W}sym":
            code = node.get(f"{_W}char", "")
            try:
                value = int(code, 16)
            except ValueError:
                continue
            if value > 0x10FFFF or 0xD800 <= value <= 0xDFFF:
                continue  # no character: chr would raise, or give half of one
            # a symbol-font character (U+F0xx) is what converters print as its low byte: R, £, t …
            parts.append(chr(value - 0xF000) if 0xF020 <= value <= 0xF0FF else chr(value))
    return "".join(parts)


def _cell_text(cell: ElementTree.Element) -> str:
    lines = [_paragraph_text(p) for p in cell.iter(f"{_W}p")]
    while lines and not lines[-1].strip():
        lines.pop()
    return "\n".join(lines)


def _row_cells(row: ElementTree.Element) -> list[ElementTree.Element]:
    cells: list[ElementTree.Element] = []
    for child in row:
        if child.tag == f"{_W}tc":
            cells.append(child)
        elif child.tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                cells += [c for c in content if c.tag == f"{_W}tc"]
    return cells


def _int_attr(element: ElementTree.Element | None, default: int) -> int:
    if element is None:
        return default
    try:
        return max(1, int(element.get(f"{_W}val", str(default))))
    except ValueError:
        return default


def docx_ref(table: int, row: int, column: int) -> str:
    """``表2 第5行第3列`` (1-based; columns count the table's grid, merged cells included)."""
    return say("ui.importer.cell", table=table, row=row, column=column).zh


def _table_rows(table: ElementTree.Element, number: int) -> list[list[Cell]]:
    rows: list[list[Cell]] = []
    above: dict[int, Cell] = {}  # grid column → the cell above (for vMerge continuations)
    for r, row in enumerate((tr for tr in table if tr.tag == f"{_W}tr"), start=1):
        if r > MAX_ROWS:
            break
        props = row.find(f"{_W}trPr")
        column = 1
        skipped = props.find(f"{_W}gridBefore") if props is not None else None
        if skipped is not None:
            column += _int_attr(skipped, 0)
        line: dict[int, Cell] = {}
        for tc in _row_cells(row):
            tc_props = tc.find(f"{_W}tcPr")
            span = _int_attr(tc_props.find(f"{_W}gridSpan") if tc_props is not None else None, 1)
            vmerge = tc_props.find(f"{_W}vMerge") if tc_props is not None else None
            continues = vmerge is not None and vmerge.get(f"{_W}val", "continue") == "continue"
            ref = docx_ref(number, r, column)
            if continues and column in above:
                source = above[column]
                first = Cell(source.text, ref, source.origin)
            else:
                first = Cell(_cell_text(tc), ref, ref)
            for offset in range(span):
                c = column + offset
                if c > MAX_COLUMNS:
                    break
                line[c] = first if offset == 0 else Cell(first.text, docx_ref(number, r, c), first.origin)
            column += span
        width = max(line, default=0)
        cells = [
            line.get(c, Cell("", docx_ref(number, r, c), docx_ref(number, r, c))) for c in range(1, width + 1)
        ]
        for c, cell in enumerate(cells, start=1):
            above[c] = cell
        rows.append(cells)
    width = max((len(line_cells) for line_cells in rows), default=0)
    for r, line_cells in enumerate(rows, start=1):
        line_cells += [
            Cell("", docx_ref(number, r, c), docx_ref(number, r, c))
            for c in range(len(line_cells) + 1, width + 1)
        ]
    return rows
