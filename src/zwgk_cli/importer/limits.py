"""How much `zwgk import` reads before it refuses a file, and the refusals.

Why limits at all: an Office file is a zip of XML, and a small file can describe an enormous
table (a merged range over a whole sheet, a part that unpacks a thousand times its size, a Word
cell spanning a billion columns). Every limit is checked before the work it guards, and a file
over one is refused as a whole with a message naming the limit and where it was hit: the importer
never reads part of a table and stays silent about the rest.

The values are high enough for a province-scale workbook (100,000 items: about 2.2 million table
cells and a 120 MB hidden sheet) to come back exactly. docs/import.md lists them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NoReturn

from zwgk_cli.core.diagnostics import ZwgkError, say

MIB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    """The import limits; tests lower them to reach a refusal quickly."""

    file_bytes: int = 64 * MIB  # the .xlsx/.docx file itself
    part_bytes: int = 256 * MIB  # one zip member once unpacked
    package_bytes: int = 1024 * MIB  # all zip members once unpacked
    ratio: int = 100  # unpacked size ÷ packed size of a member, for members over `ratio_floor`
    ratio_floor: int = 1 * MIB
    rows: int = 1_048_576  # rows of one table (Excel's own maximum)
    columns: int = 16_384  # columns of one table (Excel's own maximum)
    cells: int = 8_000_000  # grid cells of all tables of the file (each table's rows × columns)
    merged: int = 8_000_000  # cells covered by merged ranges, after clipping them to the used area


LIMITS = Limits()


def refuse(key: str, **values: object) -> NoReturn:
    """Stop the import with the limit message `key` (``stop.importer.limit.<key>``)."""
    raise ZwgkError(say(f"stop.importer.limit.{key}", **values))


@dataclass(slots=True)
class Budget:
    """What one file's tables have used of the cell limits so far."""

    name: str  # the file's name, for the messages
    limits: Limits = LIMITS
    cells: int = 0
    merged: int = 0

    def take_cells(self, table: str, rows: int, columns: int) -> None:
        """Count a table's grid (rows × columns) before it is built; refuses past `limits.cells`."""
        self.cells += rows * columns
        if self.cells > self.limits.cells:
            refuse(
                "cells",
                name=self.name,
                table=table,
                rows=rows,
                columns=columns,
                cells=self.cells,
                limit=self.limits.cells,
            )

    def check_cells(self, table: str, rows: int, columns: int) -> None:
        """Refuse a table still growing once its grid so far would pass `limits.cells`."""
        if self.cells + rows * columns > self.limits.cells:
            self.take_cells(table, rows, columns)

    def take_merged(self, table: str, area: str, cells: int) -> None:
        """Count the cells a merged range covers (clipped to the used area) before they are filled."""
        self.merged += cells
        if self.merged > self.limits.merged:
            refuse(
                "merged", name=self.name, table=table, area=area, cells=self.merged, limit=self.limits.merged
            )

    def check_place(self, table: str, row: int, column: int, ref: str) -> None:
        """Refuse a cell past the row or column limit (`ref` names it)."""
        if row > self.limits.rows:
            refuse("rows", name=self.name, table=table, ref=ref, limit=self.limits.rows)
        if column > self.limits.columns:
            refuse("columns", name=self.name, table=table, ref=ref, limit=self.limits.columns)
