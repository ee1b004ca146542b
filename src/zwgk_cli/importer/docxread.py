"""Word tables read as a stream: ``w:tbl`` rows and cells, ``w:gridSpan`` and ``w:vMerge``.

The document is parsed event by event (never as one tree, never by recursion): a paragraph of the
body is read when it ends, a row of a table when it ends, and each is dropped once read, so neither
a long table nor content controls (``w:sdt``) nested ten thousand deep cost more than the row being
read. A ``w:sym`` symbol (a Wingdings checkbox) becomes the character that converted tables show for
it (``R``, ``£``, ``t`` …), so both spellings reach the same rules.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO
from xml.etree import ElementTree

from zwgk_cli.core.diagnostics import Text, ZwgkError, say
from zwgk_cli.importer.grid import Cell, SourceTable, docx_refs, plain_text
from zwgk_cli.importer.limits import Budget

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC, _SDT, _CONTENT = (f"{_W}{t}" for t in ("p", "tbl", "tr", "tc", "sdt", "sdtContent"))
_BLOCK_PARENTS = (f"{_W}body", _CONTENT)
_CHUNK = 1 << 20


def read_docx(path: Path, archive: zipfile.ZipFile, budget: Budget) -> list[SourceTable]:
    """Every table of the document body (tables inside table cells are part of their cell)."""
    try:
        info = archive.getinfo("word/document.xml")
    except KeyError as exc:
        raise ZwgkError(_damaged(path, say("ui.importer.damage.no-document"))) from exc
    reader = _Document(path, budget)
    try:
        with archive.open(info) as stream:
            reader.read(stream)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise ZwgkError(_damaged(path, type(exc).__name__)) from exc
    except ElementTree.ParseError as exc:
        raise ZwgkError(_damaged(path, say("ui.importer.damage.syntax"))) from exc
    if not reader.body:
        raise ZwgkError(_damaged(path, say("ui.importer.damage.no-body")))
    return reader.tables


def _damaged(path: Path, problem: Text | str) -> Text:
    return say("stop.importer.damaged", name=path.name, problem=problem)


def _events(stream: IO[bytes], path: Path) -> Iterator[tuple[str, ElementTree.Element]]:
    """start/end events of the XML in `stream`, refusing entity declarations (no expansion bombs)."""
    parser: ElementTree.XMLPullParser[ElementTree.Element] = ElementTree.XMLPullParser(
        events=("start", "end")
    )
    tail = b""
    while chunk := stream.read(_CHUNK):
        window = tail + chunk
        if b"<!ENTITY" in window or b"<!DOCTYPE" in window:
            raise ZwgkError(_damaged(path, say("ui.importer.damage.entities")))
        tail = chunk[-16:]
        parser.feed(chunk)
        yield from parser.read_events()  # type: ignore[misc]
    parser.close()
    yield from parser.read_events()  # type: ignore[misc]


class _Document:
    """The walk over one document.xml: the open elements, the body's last paragraphs, the tables."""

    def __init__(self, path: Path, budget: Budget) -> None:
        self.path = path
        self.budget = budget
        self.tables: list[SourceTable] = []
        self.before: list[str] = []
        self.body = False
        self.table: _Table | None = None

    def read(self, stream: IO[bytes]) -> None:
        """Walk the document's events, keeping the body's tables and the paragraphs above each."""
        open_elements: list[ElementTree.Element] = []
        top_tables: list[bool] = []  # one per open w:tbl: whether it is a table of the body
        for event, element in _events(stream, self.path):
            tag = element.tag
            if event == "start":
                parent = open_elements[-1].tag if open_elements else ""
                if tag == f"{_W}body":
                    self.body = True
                elif tag == _TBL:
                    top = not top_tables and parent in _BLOCK_PARENTS
                    top_tables.append(top)
                    if top:
                        self.table = _Table(len(self.tables) + 1, self.budget)
                open_elements.append(element)
                continue
            open_elements.pop()
            parent_element = open_elements[-1] if open_elements else None
            parent = parent_element.tag if parent_element is not None else ""
            done = False
            if tag == _P and not top_tables and parent in _BLOCK_PARENTS:
                text = paragraph_text(element).strip()
                if text:
                    self.before = [*self.before[-2:], text]
                done = True
            elif tag == _TR and top_tables == [True] and self.table is not None:
                self.table.add_row(element)
                done = True
            elif tag == _TBL:
                done = self._end_table(top=top_tables.pop())
            if done and parent_element is not None and len(parent_element) and parent_element[-1] is element:
                del parent_element[-1]  # read: let it go

    def _end_table(self, *, top: bool) -> bool:
        """Keep a table of the body that ends; whether it was one."""
        if not top or self.table is None:
            return False
        label = self.table.label
        self.tables.append(SourceTable(label=label, name=label, rows=self.table.finish(), before=self.before))
        self.table = None
        self.before = []
        return True


def paragraph_text(paragraph: ElementTree.Element) -> str:
    """The text of a paragraph: its runs, tabs, line breaks and symbol characters."""
    parts: list[str] = []
    for node in paragraph.iter():
        tag = node.tag
        if tag == f"{_W}t":
            parts.append(plain_text(node.text or ""))
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
            # a symbol-font character (U+F0xx) is what converters print as its low byte: R, £, t …
            if 0 <= value <= 0x10FFFF and not 0xD800 <= value <= 0xDFFF:  # else no character, or half of one
                parts.append(chr(value - 0xF000) if 0xF020 <= value <= 0xF0FF else chr(value))
    return "".join(parts)


def _cell_text(cell: ElementTree.Element) -> str:
    lines = [paragraph_text(p) for p in cell.iter(_P)]
    while lines and not lines[-1].strip():
        lines.pop()
    return "\n".join(lines)


def _row_cells(row: ElementTree.Element) -> list[ElementTree.Element]:
    """The row's w:tc, also those inside content controls nested to any depth (no recursion)."""
    cells: list[ElementTree.Element] = []
    pending: list[ElementTree.Element] = list(reversed(row))
    while pending:
        child = pending.pop()
        if child.tag == _TC:
            cells.append(child)
        elif child.tag in (_SDT, _CONTENT):
            pending.extend(reversed(child))
    return cells


def _int_attr(element: ElementTree.Element | None, default: int) -> int:
    if element is None:
        return default
    try:
        return max(1, int(element.get(f"{_W}val", str(default))))
    except ValueError:
        return default


def _blank(ref: str) -> Cell:
    return Cell("", ref, ref)


class _Table:
    """One Word table, a row at a time: merged cells filled in, the limits counted as it grows."""

    def __init__(self, number: int, budget: Budget) -> None:
        self.number = number
        self.label = say("ui.importer.table", table=number).zh
        self.budget = budget
        self.rows: list[list[Cell]] = []
        self.above: dict[int, Cell] = {}  # grid column → the cell above (for vMerge continuations)
        self.width = 0
        self.ref = docx_refs(number)

    def add_row(self, row: ElementTree.Element) -> None:
        r = len(self.rows) + 1
        self.budget.check_place(self.label, r, 1, self.ref(r, 1))
        props = row.find(f"{_W}trPr")
        column = 1
        skipped = props.find(f"{_W}gridBefore") if props is not None else None
        if skipped is not None:
            column += _int_attr(skipped, 0)
        line: dict[int, Cell] = {}
        for tc in _row_cells(row):
            tc_props = tc.find(f"{_W}tcPr")
            span = _int_attr(tc_props.find(f"{_W}gridSpan") if tc_props is not None else None, 1)
            last = column + span - 1
            self.budget.check_place(
                self.label, r, last, self.ref(r, min(last, self.budget.limits.columns + 1))
            )
            vmerge = tc_props.find(f"{_W}vMerge") if tc_props is not None else None
            continues = vmerge is not None and vmerge.get(f"{_W}val", "continue") == "continue"
            ref = self.ref(r, column)
            if continues and column in self.above:
                source = self.above[column]
                first = Cell(source.text, ref, source.origin)
            else:
                first = Cell(_cell_text(tc), ref, ref)
            line[column] = first
            for c in range(column + 1, last + 1):
                line[c] = Cell(first.text, self.ref(r, c), first.origin)
            column += span
        width = max(line, default=0)
        self.width = max(self.width, width)
        self.budget.check_cells(self.label, r, self.width)
        cells = [line.get(c) or _blank(self.ref(r, c)) for c in range(1, width + 1)]
        for c, cell in enumerate(cells, start=1):
            self.above[c] = cell
        self.rows.append(cells)

    def finish(self) -> list[list[Cell]]:
        """The rows, each as wide as the widest (the grid's cells counted against the limit)."""
        self.budget.take_cells(self.label, len(self.rows), self.width)
        for r, line in enumerate(self.rows, start=1):
            line += [_blank(self.ref(r, c)) for c in range(len(line) + 1, self.width + 1)]
        return self.rows
