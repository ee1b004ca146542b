"""`zwgk review --format xlsx`: the summary workbook 区政务办 circulates to the departments.

Four sheets: 审核进度 (a row per domain, as on the page), 审查意见 (every opinion up to the day),
评分 (the scorecard as numbers) and 审核环节 (the chain). Built with openpyxl, which gives the
autofilter, number and date formats; the workbook is a few hundred cells, so the streaming
writer the catalogue's workbook needs (render/xlsx/stream.py) has nothing to win here.

Safe and reproducible as the catalogue's workbook is: every text is stored as a text cell (openpyxl
would turn a text starting with “=” into a formula), with control and invisible characters written
out (`render.visible`) and cut to what a cell holds (`fit_cell`); the document is dated by the day
of the dashboard and its zip members carry that time (`zip_time`), so the same dashboard gives the
same bytes.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from zwgk_cli.core.diagnostics import Lang, say
from zwgk_cli.core.text_width import wide_count
from zwgk_cli.render.pinned_zip import pinned_zip
from zwgk_cli.render.visible import visible
from zwgk_cli.render.xlsx.measure import line_count
from zwgk_cli.render.xlsx.stream import fit_cell
from zwgk_cli.render.xlsx.workbook import BODY_FONT, HEAD_FONT, LINE_HEIGHT
from zwgk_cli.review.columns import (
    NONE,
    OPINION_COLUMNS,
    PROGRESS_COLUMNS,
    class_heads,
    column_title,
    field_text,
    item_names,
    progress_rows,
    status_text,
    summary_text,
)
from zwgk_cli.review.dashboard import Dashboard
from zwgk_cli.review.data import class_label, day_text
from zwgk_cli.review.scorecard import CLASSES, mean

Value = str | int | float | date | None

HEAD_FILL = "EEF1F6"
LATE_FILL = "FDE8E8"
LATE_INK = "8C1414"
PERCENT = "0.0%"
DAY = "yyyy-mm-dd"
MIN_WIDTH = 6.0
MAX_WIDTH = 48.0  # wider texts wrap
TITLE_ROW, HEAD_ROW = 1, 2  # 1-based, as openpyxl counts


@dataclass(frozen=True, slots=True)
class Column:
    """A column of a sheet: its head, its number format, and the widest it may grow."""

    title: str
    number_format: str | None = None
    widest: float = MAX_WIDTH
    centred: bool = False


def dashboard_workbook(board: Dashboard, lang: Lang) -> bytes:
    """The summary workbook of `board` in `lang`, as XLSX bytes."""
    from openpyxl import Workbook  # type: ignore[import-untyped]

    book = Workbook()
    book.remove(book.active)
    _progress_sheet(book, board, lang)
    _opinions_sheet(book, board, lang)
    _scores_sheet(book, board, lang)
    _stages_sheet(book, board, lang)
    when = datetime(board.as_of.year, board.as_of.month, board.as_of.day)
    props = book.properties
    props.title = say("ui.review.title", catalogue=board.title, date=day_text(board.as_of, lang)).get(lang)
    props.subject = say("ui.review.book.subject").get(lang)
    props.creator = props.lastModifiedBy = board.office
    props.created = props.modified = when
    return _saved(book, when)


class _Sheet:
    """A sheet being filled: styles made once, every cell written through `put`."""

    def __init__(self, book: Any, name: str, columns: Sequence[Column], lang: Lang) -> None:
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side  # type: ignore[import-untyped]

        self.sheet = book.create_sheet(name)
        self.columns = list(columns)
        self.lang = lang
        self.widths = [_width(column.title) for column in self.columns]
        thin = Side(style="thin")
        self.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.body = Font(name=BODY_FONT, size=10)
        self.bold = Font(name=BODY_FONT, size=10, bold=True)
        self.late = Font(name=BODY_FONT, size=10, bold=True, color=LATE_INK)
        self.head = Font(name=HEAD_FONT, size=10, bold=True)
        self.title_font = Font(name=HEAD_FONT, size=14, bold=True)
        self.head_fill = PatternFill("solid", fgColor=HEAD_FILL)
        self.late_fill = PatternFill("solid", fgColor=LATE_FILL)
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
        if column is not None and boxed and value is not None:
            shown = _width(_shown(value, column.number_format))
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
        wrapped texts, and the A4 landscape print setup."""
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
        sheet.oddFooter.center.text = say("ui.review.book.footer").get(self.lang)


def _width(text: str) -> float:
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


def _sheet_title(board: Dashboard, sheet: str, lang: Lang) -> str:
    return say(
        "ui.review.book.sheet-title", sheet=sheet, catalogue=board.title, date=day_text(board.as_of, lang)
    ).get(lang)


def _percent(value: float | None) -> float | str:
    """A percentage (0–100) as the fraction a percent-formatted cell holds; “—” when not measured."""
    return NONE if value is None else round(value / 100, 4)


def _progress_sheet(book: Any, board: Dashboard, lang: Lang) -> None:
    name = say("ui.review.book.progress").get(lang)
    formats = {"coverage": PERCENT, "conformity": PERCENT, "overdue-days": "0", "opinions": "0"}
    columns = [
        Column(column_title(key, lang), formats.get(key), centred=key in ("order", "fingerprint"))
        for key in PROGRESS_COLUMNS
    ]
    sheet = _Sheet(book, name, columns, lang)
    sheet.title(_sheet_title(board, name, lang))
    sheet.heads()
    rows = progress_rows(board, lang)
    row_number = HEAD_ROW
    for row in rows:
        row_number += 1
        values: list[Value] = [
            row.number,
            row.domain,
            row.lead,
            row.state,
            row.passed,
            row.next,
            row.overdue_days,
            row.open_opinions,
            _percent(row.coverage),
            _percent(row.conformity),
            row.fingerprint,
        ]
        for col, value in enumerate(values, start=1):
            cell = sheet.put(row_number, col, value)
            if row.status.overdue:
                cell.fill = sheet.late_fill
                if PROGRESS_COLUMNS[col - 1] in ("state", "overdue-days"):
                    cell.font = sheet.late
    sheet.filter(row_number)
    sheet.finish(row_number)
    sheet.note(row_number + 2, summary_text(board, lang))


def _opinions_sheet(book: Any, board: Dashboard, lang: Lang) -> None:
    name = say("ui.review.book.opinions").get(lang)
    widest = {"text": 48.0, "reason": 36.0, "name": 24.0, "category": 18.0}
    columns = [
        Column(
            column_title(key, lang),
            DAY if key == "date" else None,
            widest.get(key, 20.0),
            centred=key in ("order", "item-id", "date", "status"),
        )
        for key in OPINION_COLUMNS
    ]
    sheet = _Sheet(book, name, columns, lang)
    sheet.title(_sheet_title(board, name, lang))
    sheet.heads()
    row_number = HEAD_ROW
    for row in board.rows:
        for number, opinion in row.opinions:
            row_number += 1
            category, item_name = item_names(board, opinion.item)
            values: list[Value] = [
                row.domain,
                number,
                opinion.item or NONE,
                category,
                item_name,
                field_text(opinion.field, lang),
                opinion.by,
                opinion.date,
                opinion.text,
                status_text(opinion.status, lang),
                opinion.reason or "",
            ]
            for col, value in enumerate(values, start=1):
                sheet.put(row_number, col, value)
    sheet.filter(row_number)
    sheet.finish(row_number)
    if row_number == HEAD_ROW:
        sheet.note(HEAD_ROW + 1, say("ui.review.book.no-opinions").get(lang))


def _scores_sheet(book: Any, board: Dashboard, lang: Lang) -> None:
    name = say("ui.review.book.scores").get(lang)
    columns = [
        Column(column_title("domain", lang)),
        Column(column_title("items", lang), "0"),
        Column(column_title("coverage", lang), PERCENT),
        *(Column(head, PERCENT, 14.0) for head in class_heads(lang)),
        Column(column_title("conformity", lang), PERCENT),
    ]
    sheet = _Sheet(book, name, columns, lang)
    sheet.title(_sheet_title(board, name, lang))
    sheet.heads()
    row_number = HEAD_ROW
    for row in board.rows:
        row_number += 1
        score = row.score
        scored = score.conformity is not None
        values: list[Value] = [
            row.domain,
            score.items if score.exists else NONE,
            _percent(score.coverage),
            *(_percent(100 * score.share(c.key)) if scored else NONE for c in CLASSES),
            _percent(score.conformity),
        ]
        for col, value in enumerate(values, start=1):
            sheet.put(row_number, col, value)
    scored_rows = [row.score for row in board.rows if row.score.conformity is not None]
    row_number += 1
    shares = [mean(score.share(c.key) for score in scored_rows) for c in CLASSES]
    means: list[Value] = [
        say("ui.review.mean").get(lang),
        None,
        _percent(board.coverage),
        *(NONE if share is None else round(share, 4) for share in shares),
        _percent(board.conformity),
    ]
    for col, value in enumerate(means, start=1):
        cell = sheet.put(row_number, col, value)
        cell.font = sheet.bold
        cell.fill = sheet.head_fill
    sheet.filter(row_number - 1)
    sheet.finish(row_number)
    weights = "、".join(f"{class_label(c.key).get(lang)} {c.weight}" for c in CLASSES)
    sheet.note(row_number + 2, say("ui.review.book.weights", weights=weights).get(lang))


def _stages_sheet(book: Any, board: Dashboard, lang: Lang) -> None:
    name = say("ui.review.book.stages").get(lang)
    keys = ("order", "stage", "actor", "due-date", "note")
    columns = [
        Column(
            column_title(key, lang), DAY if key == "due-date" else None, centred=key in ("order", "due-date")
        )
        for key in keys
    ]
    sheet = _Sheet(book, name, columns, lang)
    sheet.title(_sheet_title(board, name, lang))
    sheet.heads()
    row_number = HEAD_ROW
    for number, stage in enumerate(board.stages, start=1):
        row_number += 1
        values: list[Value] = [number, stage.name, stage.actor, stage.due, stage.note or ""]
        for col, value in enumerate(values, start=1):
            sheet.put(row_number, col, value)
    sheet.finish(row_number)


def _saved(book: Any, when: datetime) -> bytes:
    """The workbook's bytes, every zip member dated `when` (openpyxl stamps the clock's time)."""
    from openpyxl.writer.excel import ExcelWriter  # type: ignore[import-untyped]

    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).save()  # not book.save(): that sets the modified time to now
    return pinned_zip(raw.getvalue(), when)
