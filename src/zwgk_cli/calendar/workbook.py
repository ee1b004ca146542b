"""`zwgk calendar --format xlsx`: the year's checklist a town keeps for its villages.

A sheet per town or street: a row per item due (the due day as a real date, the period, the item,
its channels and elements) and a tick column per registered village (or one “各村（社区）”), to mark
each posting done. Then a sheet of the items published 随时 (信息形成后及时公布), with their time
limits, and one of the items whose frequency the catalogue does not write, if any.

Safe and reproducible as the project's other workbooks (review/workbook.py): every text stored as
a text cell, never a formula, with control and invisible characters written out and cut to what a
cell holds; the document dated by the year's first day and its zip members stamped with that time.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from zwgk_cli.calendar.plan import Entry, Plan, TownPlan, joined
from zwgk_cli.core.diagnostics import Lang, say
from zwgk_cli.core.text_width import wide_count
from zwgk_cli.render.pinned_zip import pinned_zip
from zwgk_cli.render.visible import visible
from zwgk_cli.render.xlsx.measure import line_count
from zwgk_cli.render.xlsx.stream import fit_cell
from zwgk_cli.render.xlsx.workbook import BODY_FONT, HEAD_FONT, LINE_HEIGHT

Value = str | date | None

HEAD_FILL = "EEF1F6"
DAY = "yyyy-mm-dd"
TITLE_ROW, HEAD_ROW = 1, 2  # 1-based, as openpyxl counts
SHEET_NAME_CHARS = 31  # what Excel allows
_NOT_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")


@dataclass(frozen=True, slots=True)
class Column:
    """A column: its head, its width in character units, and whether its cells are centred."""

    title: str
    width: float
    centred: bool = False
    number_format: str | None = None


def calendar_workbook(plan: Plan, lang: Lang) -> bytes:
    """The checklist workbook of `plan` in `lang`, as XLSX bytes."""
    from openpyxl import Workbook  # type: ignore[import-untyped]

    book = Workbook()
    book.remove(book.active)
    names: set[str] = set()
    for town in plan.towns:
        _checklist(book, _sheet_name(town.place, names), plan, town, lang)
    ongoing = [(town, entry) for town in plan.towns for entry in town.ongoing]
    _undated(
        book, _sheet_name(say("ui.calendar.book.ongoing").get(lang), names), plan, ongoing, "ongoing", lang
    )
    unspecified = [(town, entry) for town in plan.towns for entry in town.unspecified]
    if unspecified:
        name = _sheet_name(say("ui.calendar.book.unspecified").get(lang), names)
        _undated(book, name, plan, unspecified, "unspecified", lang)
    when = datetime(plan.year, 1, 1)
    props = book.properties
    props.title = say("ui.calendar.title", place=plan.place, year=plan.year).get(lang)
    props.subject = say("ui.calendar.book.subject").get(lang)
    props.creator = props.lastModifiedBy = plan.unit.name if plan.unit is not None else plan.settings.issuer
    props.created = props.modified = when
    return _saved(book, when)


def _sheet_name(text: str, taken: set[str]) -> str:
    """`text` as a sheet name: no character Excel refuses, at most 31 characters, not one taken."""
    base = _NOT_IN_SHEET_NAMES.sub("_", text).strip("'")[:SHEET_NAME_CHARS] or "_"
    name, number = base, 1
    while name.casefold() in {t.casefold() for t in taken}:
        number += 1
        suffix = f"({number})"
        name = base[: SHEET_NAME_CHARS - len(suffix)] + suffix
    taken.add(name)
    return name


class _Sheet:
    """A sheet being filled: styles made once, every cell written through `put`."""

    def __init__(self, book: Any, name: str, columns: Sequence[Column], lang: Lang) -> None:
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side  # type: ignore[import-untyped]

        self.sheet = book.create_sheet(name)
        self.columns = list(columns)
        self.lang = lang
        thin = Side(style="thin")
        self.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.body = Font(name=BODY_FONT, size=10)
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
        column = self.columns[col - 1]
        if isinstance(value, str):
            cell.value = fit_cell(visible(value))
            cell.data_type = "s"  # never a formula, whatever the text starts with
        elif value is not None:
            cell.value = value
            if column.number_format is not None:
                cell.number_format = column.number_format
        cell.font = self.body
        if boxed:
            cell.border = self.border
            cell.alignment = self.centre if column.centred else self.wrap
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
        lines = line_count(visible(text), sum(column.width for column in self.columns))
        self.sheet.row_dimensions[row].height = LINE_HEIGHT * lines + 4

    def finish(self, last_row: int) -> None:
        """Column widths, row heights for the wrapped texts, an autofilter over the table, and the
        A4 landscape print setup."""
        from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

        sheet = self.sheet
        for col, column in enumerate(self.columns, start=1):
            sheet.column_dimensions[get_column_letter(col)].width = column.width
        for row in range(HEAD_ROW, last_row + 1):
            lines = 1
            for col, column in enumerate(self.columns, start=1):
                value = sheet.cell(row=row, column=col).value
                if isinstance(value, str):
                    lines = max(lines, line_count(value, column.width))
            sheet.row_dimensions[row].height = LINE_HEIGHT * lines + 6
        end = get_column_letter(len(self.columns))
        sheet.auto_filter.ref = f"A{HEAD_ROW}:{end}{max(last_row, HEAD_ROW)}"
        setup = sheet.page_setup
        setup.orientation = "landscape"
        setup.paperSize = sheet.PAPERSIZE_A4
        setup.fitToWidth = 1
        setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.print_options.horizontalCentered = True
        sheet.page_margins.left = sheet.page_margins.right = 0.4
        sheet.page_margins.top = sheet.page_margins.bottom = 0.6
        sheet.oddFooter.center.text = say("ui.calendar.book.footer").get(self.lang)


def _head(key: str, lang: Lang) -> str:
    return say(f"ui.calendar.col.{key}").get(lang)


def _tick_width(name: str) -> float:
    """A village's tick column: wide enough for its name on two lines, at least 8."""
    return max(8.0, round((len(name) + 0.8 * wide_count(name)) / 2 + 2, 1))


def _checklist(book: Any, name: str, plan: Plan, town: TownPlan, lang: Lang) -> None:
    villages = town.columns(lang)
    columns = [
        Column(_head("due", lang), 12, centred=True, number_format=DAY),
        Column(_head("period", lang), 13, centred=True),
        Column(_head("id", lang), 11, centred=True),
        Column(_head("category", lang), 14),
        Column(_head("name", lang), 18),
        Column(_head("channels", lang), 22),
        Column(_head("content", lang), 40),
        *(Column(village, _tick_width(village), centred=True) for village in villages),
    ]
    sheet = _Sheet(book, name, columns, lang)
    sheet.title(say("ui.calendar.title", place=town.place, year=plan.year).get(lang))
    sheet.heads()
    row = HEAD_ROW
    for posting in town.postings:
        for period, entries in posting.periods:
            for entry in entries:
                row += 1
                values: list[Value] = [
                    posting.due,
                    period.label(lang),
                    entry.id,
                    entry.category,
                    entry.name,
                    joined(entry.channels, lang),
                    joined(entry.content, lang),
                ]
                for col, value in enumerate(values, start=1):
                    sheet.put(row, col, value)
                for col in range(len(values) + 1, len(columns) + 1):
                    sheet.put(row, col, None)  # the box to tick
    sheet.finish(row)
    if not town.postings:
        row += 1
        sheet.note(row, say("ui.calendar.nothing-dated", year=plan.year).get(lang))
    sheet.note(row + 2, say("ui.calendar.book.how", level=plan.level).get(lang))


def _undated(
    book: Any, name: str, plan: Plan, rows: list[tuple[TownPlan, Entry]], kind: str, lang: Lang
) -> None:
    """The items without a date: 随时公布 (`kind` "ongoing") or no frequency written ("unspecified");
    the town is a column when the workbook covers more than one."""
    many = plan.unit is None
    columns = [
        *([Column(_head("town", lang), 12, centred=True)] if many else []),
        Column(_head("id", lang), 11, centred=True),
        Column(_head("category", lang), 14),
        Column(_head("name", lang), 18),
        Column(_head("time-limit", lang), 20),
        Column(_head("channels", lang), 22),
        Column(_head("content", lang), 40),
    ]
    sheet = _Sheet(book, name, columns, lang)
    sheet.title(say(f"ui.calendar.book.{kind}-title", place=plan.place, year=plan.year).get(lang))
    sheet.heads()
    row = HEAD_ROW
    for town, entry in rows:
        row += 1
        values: list[Value] = [
            *([town.place] if many else []),
            entry.id,
            entry.category,
            entry.name,
            entry.time_limit,
            joined(entry.channels, lang),
            joined(entry.content, lang),
        ]
        for col, value in enumerate(values, start=1):
            sheet.put(row, col, value)
    sheet.finish(row)
    sheet.note(row + 2, say(f"ui.calendar.book.{kind}-note").get(lang))


def _saved(book: Any, when: datetime) -> bytes:
    """The workbook's bytes, every zip member dated `when` (openpyxl stamps the clock's time)."""
    from openpyxl.writer.excel import ExcelWriter  # type: ignore[import-untyped]

    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).save()  # not book.save(): that sets the modified time to now
    return pinned_zip(raw.getvalue(), when)
