"""A table as the importer sees it: a rectangular grid of text cells, each knowing where it is.

Why a grid: offices merge cells (一级事项 down its rows, 公开对象 across two columns). Every cell of a
merged area gets the area's text, and remembers the cell it came from, so the importer reads each
row on its own and still reports the cell people see (``Sheet1!F12``, ``表2 第5行第3列``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from zwgk_cli.core.diagnostics import say


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


def sheet_label(name: str) -> str:
    """How messages name a worksheet (in Chinese in either language: it is where the cell is)."""
    return say("ui.importer.sheet", name=name).zh


def sheet_prefix(sheet: str) -> str:
    """``Sheet1!``; a sheet name with spaces or punctuation is quoted as Excel quotes it."""
    name = sheet if re.fullmatch(r"[\w.]+", sheet) else "'" + sheet.replace("'", "''") + "'"
    return name + "!"


def column_letters(column: int) -> str:
    """Excel's name of a 1-based column: 1 → A, 27 → AA."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def sheet_ref(sheet: str, row: int, column: int) -> str:
    """``Sheet1!F12``."""
    return f"{sheet_prefix(sheet)}{column_letters(column)}{row}"


def docx_ref(table: int, row: int, column: int) -> str:
    """``表2 第5行第3列`` (1-based; columns count the table's grid, merged cells included)."""
    return say("ui.importer.cell", table=table, row=row, column=column).zh


# NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR are line ends to YAML too: a source written with one
# inside a quoted text would read back with a space instead. They are read as the line ends they are.
_LINE_ENDS = re.compile("[\x85\u2028\u2029]")


def plain_text(text: str) -> str:
    """`text` with Unicode's other line ends (NEL, U+2028, U+2029) read as line ends."""
    return _LINE_ENDS.sub("\n", text)


def docx_refs(table: int) -> Callable[[int, int], str]:
    """`docx_ref` for one table, formatting only the row and column (a long table has many cells)."""
    row, column = 1_000_000_007, 1_000_000_009  # numbers no label holds
    head, rest = docx_ref(table, row, column).split(str(row))
    middle, tail = rest.split(str(column))
    return lambda r, c: f"{head}{r}{middle}{c}{tail}"


def cell_text(value: Any) -> str:
    """A cell value as the text people see: 3 not 3.0, dates as YYYY-MM-DD."""
    if isinstance(value, str):
        return plain_text(value)
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
