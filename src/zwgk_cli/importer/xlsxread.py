"""Worksheets read as a stream: the cells that hold text, then the merged ranges clipped to them.

Why not openpyxl's ordinary (editable) workbook: it makes an object for every cell of every merged
range, so one ``<mergeCell ref="A1:XFD1048576"/>`` asks for 17 billion of them, and it is slow on a
province-scale workbook. openpyxl's read-only workbook gives the sheet names, their states, the
shared strings and the date formats; its worksheet parser gives each row's cells as it reads them
and the merged ranges as plain references. Only the cells holding text are kept; the grid spans the
used area (trailing formatting aside), and a merged range only fills the part of it inside that
area. Each step is counted against `limits` before it is done.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from zwgk_cli.core.diagnostics import Text, ZwgkError, say
from zwgk_cli.importer.grid import Cell, SourceTable, cell_text, column_letters, sheet_label, sheet_prefix
from zwgk_cli.importer.limits import Budget


def read_xlsx(path: Path, data: bytes, budget: Budget) -> list[SourceTable]:
    """Every worksheet of the workbook `data` as a table; raises ZwgkError when it cannot be read."""
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for broken packages
        raise ZwgkError(damaged(path, type(exc).__name__)) from exc
    try:
        return [_read_sheet(path, book, sheet, budget) for sheet in book.worksheets]
    finally:
        book.close()


def damaged(path: Path, problem: str) -> Text:
    """The refusal of a file that is not a readable Office package."""
    return say("stop.importer.damaged", name=path.name, problem=problem)


def _read_sheet(path: Path, book: Any, sheet: Any, budget: Budget) -> SourceTable:
    from openpyxl.worksheet._reader import WorkSheetParser  # type: ignore[import-untyped]

    title: str = sheet.title
    label = sheet_label(title)
    prefix = sheet_prefix(title)
    texts: dict[tuple[int, int], str] = {}
    height = width = 0
    try:
        with sheet._get_source() as source:
            parser = WorkSheetParser(
                source,
                sheet._shared_strings,
                data_only=True,
                epoch=book.epoch,
                date_formats=book._date_formats,
                timedelta_formats=book._timedelta_formats,
            )
            for r, cells in parser.parse():
                for cell in cells:
                    text = cell_text(cell["value"])
                    if not text:
                        continue
                    c: int = cell["column"]
                    budget.check_place(label, r, c, f"{prefix}{column_letters(c)}{r}")
                    texts[(r, c)] = text
                    height = max(height, r)
                    width = max(width, c)
                    if not len(texts) % 65_536:  # the used area so far, before the texts pile up
                        budget.check_cells(label, height, width)
            found = parser.merged_cells
            merges = [str(m.ref) for m in found.mergeCell] if found is not None else []
    except ZwgkError:
        raise
    except Exception as exc:
        raise ZwgkError(damaged(path, type(exc).__name__)) from exc
    budget.take_cells(label, height, width)
    letters = [""] + [column_letters(c) for c in range(1, width + 1)]
    rows: list[list[Cell]] = []
    for r in range(1, height + 1):
        number = str(r)
        line: list[Cell] = []
        for c in range(1, width + 1):
            ref = prefix + letters[c] + number
            line.append(Cell(texts.get((r, c), ""), ref, ref))
        rows.append(line)
    for area in merges:
        _merge(rows, texts, area, label, budget)
    return SourceTable(label=label, name=title, rows=rows, hidden=sheet.sheet_state != "visible")


def _merge(
    rows: list[list[Cell]], texts: dict[tuple[int, int], str], area: str, label: str, budget: Budget
) -> None:
    """Give the cells of the merged range `area` inside the grid its first cell's text and place."""
    from openpyxl.utils.cell import range_boundaries  # type: ignore[import-untyped]

    try:
        min_col, min_row, max_col, max_row = range_boundaries(area)
    except (TypeError, ValueError):
        return  # a reference Excel would not write: no cell takes part in it
    if min_row is None or min_col is None:
        return  # a whole-row or whole-column reference: not a merged cell
    height = len(rows)
    width = len(rows[0]) if rows else 0
    last_row = min(max_row if max_row is not None else height, height)
    last_col = min(max_col if max_col is not None else width, width)
    if min_row > last_row or min_col > last_col:
        return  # entirely outside the cells that hold text
    budget.take_merged(label, area, (last_row - min_row + 1) * (last_col - min_col + 1))
    origin = rows[min_row - 1][min_col - 1]
    text = texts.get((min_row, min_col), "")
    for r in range(min_row, last_row + 1):
        line = rows[r - 1]
        for c in range(min_col, last_col + 1):
            if r != min_row or c != min_col:
                line[c - 1] = Cell(text, line[c - 1].ref, origin.ref)
