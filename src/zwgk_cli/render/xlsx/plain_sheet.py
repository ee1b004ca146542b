"""The small working workbooks (the review summary, the village checklist), built with openpyxl.

Why openpyxl here and not the streaming writer the catalogue needs (`stream.py`): these are a few
hundred cells, and openpyxl gives autofilters and number and date formats. Every text is stored
as a text cell (openpyxl would turn a text starting with “=” into a formula), with control and
invisible characters written out (`render.visible`) and cut to what a cell holds; the bytes are
pinned to a date (`saved`), so the same content gives the same file.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from zwgk_cli.core.text_width import wide_count
from zwgk_cli.render.pinned_zip import pinned_zip
from zwgk_cli.render.visible import visible
from zwgk_cli.render.xlsx.measure import line_count
from zwgk_cli.render.xlsx.stream import fit_cell
from zwgk_cli.render.xlsx.workbook import BODY_FONT, HEAD_FONT, LINE_HEIGHT

Value = str | int | float | date | None

HEAD_FILL = "EEF1F6"
PERCENT = "0.0%"
DAY = "yyyy-mm-dd"
MIN_WIDTH = 6.0
MAX_WIDTH = 48.0  # wider texts wrap
NONE = "—"  # a value not measured: centred like a number
TITLE_ROW, HEAD_ROW = 1, 2  # 1-based, as openpyxl counts


@dataclass(frozen=True, slots=True)
class Column:
    """A column: its head, a fixed width (None: as wide as its values, up to `widest`), its number
    format, and whether its cells are centred."""

    title: str
    width: float | None = None
    number_format: str | None = None
    widest: float = MAX_WIDTH
    centred: bool = False


def text_width(text: str) -> float:
    """The column width (character units) that shows `text`'s longest line: a wide character ~1.8."""
    longest = max((len(line) + 0.8 * wide_count(line) for line in text.split("\n")), default=0.0)
    return max(MIN_WIDTH, longest + 2)


def _shown(value: str | int | float | date, number_format: str | None) -> str:
    """`value` about as the spreadsheet shows it, to size its column."""
    if isinstance(value, str):
        return value
    if isinstance(value, date):
        return value.isoformat()
    return f"{value:.1%}" if number_format == PERCENT else str(value)


class PlainSheet:
    """A sheet being filled: styles made once, every cell written through `put`."""

    def __init__(self, book: Any, name: str, columns: Sequence[Column], footer: str) -> None:
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side  # type: ignore[import-untyped]

        self.sheet = book.create_sheet(name)
        self.columns = list(columns)
        self.footer = footer
        self.widths = [column.width or text_width(column.title) for column in self.columns]
        thin = Side(style="thin")
        self.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.body = Font(name=BODY_FONT, size=10)
        self.bold = Font(name=BODY_FONT, size=10, bold=True)
        self.head = Font(name=HEAD_FONT, size=10, bold=True)
        self.title_font = Font(name=HEAD_FONT, size=14, bold=True)
        self.head_fill = PatternFill("solid", fgColor=HEAD_FILL)
        self.wrap = Alignment(wrap_text=True, vertical="top")
        self.centre = Alignment(horizontal="center", vertical="top", wrap_text=True)
        self.middle = Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.left = Alignment(horizontal="left", vertical="center")

    def put(self, row: int, col: int, value: Value, *, boxed: bool = True) -> Any:
        """Write `value` at (row, col) (1-based) in the body style; a text stays a text."""
        cell = self.sheet.cell(row=row, column=col)
        column = self.columns[col - 1] if col <= len(self.columns) else None
        if isinstance(value, str):
            value = fit_cell(visible(value))
            cell.value = value
            cell.data_type = "s"  # never a formula, whatever the text starts with
        else:
            cell.value = value
            if column is not None and column.number_format is not None and value is not None:
                cell.number_format = column.number_format
        if column is not None and column.width is None and boxed and value is not None:
            shown = text_width(_shown(value, column.number_format))
            self.widths[col - 1] = max(self.widths[col - 1], min(shown, column.widest))
        cell.font = self.body
        if boxed:
            cell.border = self.border
            numeric = not isinstance(value, str) or value == NONE
            cell.alignment = self.centre if numeric or (column is not None and column.centred) else self.wrap
        return cell

    def title(self, text: str) -> None:
        """The title row over the whole width of the table."""
        last = len(self.columns)
        self.sheet.merge_cells(start_row=TITLE_ROW, start_column=1, end_row=TITLE_ROW, end_column=last)
        cell = self.put(TITLE_ROW, 1, text, boxed=False)
        cell.font = self.title_font
        cell.alignment = self.left
        self.sheet.row_dimensions[TITLE_ROW].height = 28

    def heads(self) -> None:
        """The header row: bold on the header fill, frozen, printed on every page."""
        for col, column in enumerate(self.columns, start=1):
            cell = self.put(HEAD_ROW, col, column.title)
            cell.font = self.head
            cell.fill = self.head_fill
            cell.alignment = self.middle
        self.sheet.freeze_panes = self.sheet.cell(row=HEAD_ROW + 1, column=1).coordinate
        self.sheet.print_title_rows = f"{HEAD_ROW}:{HEAD_ROW}"

    def note(self, row: int, text: str) -> None:
        """A line of text under the table, over its whole width."""
        last = len(self.columns)
        self.sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last)
        cell = self.put(row, 1, text, boxed=False)
        cell.alignment = self.wrap
        lines = line_count(visible(text), sum(self.widths))
        self.sheet.row_dimensions[row].height = LINE_HEIGHT * lines + 4

    def filter(self, last_row: int) -> None:
        """An autofilter over the header row and the rows below it, down to `last_row`."""
        from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

        end = get_column_letter(len(self.columns))
        self.sheet.auto_filter.ref = f"A{HEAD_ROW}:{end}{max(last_row, HEAD_ROW)}"

    def finish(self, last_row: int) -> None:
        """Column widths, the heights of the header and body rows (down to `last_row`) for their
        wrapped texts, and the A4 landscape print setup with the footer."""
        from openpyxl.utils import get_column_letter

        sheet = self.sheet
        for col, width in enumerate(self.widths, start=1):
            sheet.column_dimensions[get_column_letter(col)].width = round(width, 1)
        for row in range(HEAD_ROW, last_row + 1):
            lines = 1
            for col, width in enumerate(self.widths, start=1):
                value = sheet.cell(row=row, column=col).value
                if isinstance(value, str):
                    lines = max(lines, line_count(value, width))
            sheet.row_dimensions[row].height = LINE_HEIGHT * lines + 6
        setup = sheet.page_setup
        setup.orientation = "landscape"
        setup.paperSize = sheet.PAPERSIZE_A4
        setup.fitToWidth = 1
        setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.print_options.horizontalCentered = True
        sheet.page_margins.left = sheet.page_margins.right = 0.4
        sheet.page_margins.top = sheet.page_margins.bottom = 0.6
        sheet.oddFooter.center.text = self.footer


def saved(book: Any, when: datetime) -> bytes:
    """The workbook's bytes, every zip member dated `when` (openpyxl stamps the clock's time)."""
    from openpyxl.writer.excel import ExcelWriter  # type: ignore[import-untyped]

    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).save()  # not book.save(): that sets the modified time to now
    return pinned_zip(raw.getvalue(), when)
