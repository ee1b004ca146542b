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

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from zwgk_cli.core.diagnostics import Lang, say
from zwgk_cli.render.rows import day_text
from zwgk_cli.render.xlsx.plain_sheet import (
    DAY,
    HEAD_ROW,
    PERCENT,
    Column,
    PlainSheet,
    Value,
    saved,
)
from zwgk_cli.render.xlsx.workbook import BODY_FONT
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
from zwgk_cli.review.data import class_label
from zwgk_cli.review.scorecard import CLASSES, mean

LATE_FILL = "FDE8E8"
LATE_INK = "8C1414"


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
    return saved(book, when)


class _Sheet(PlainSheet):
    """A sheet of the summary: the shared plain sheet, with the overdue rows' ink and fill."""

    def __init__(self, book: Any, name: str, columns: Sequence[Column], lang: Lang) -> None:
        from openpyxl.styles import Font, PatternFill  # type: ignore[import-untyped]

        super().__init__(book, name, columns, say("ui.review.book.footer").get(lang))
        self.late = Font(name=BODY_FONT, size=10, bold=True, color=LATE_INK)
        self.late_fill = PatternFill("solid", fgColor=LATE_FILL)


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
        Column(
            column_title(key, lang), number_format=formats.get(key), centred=key in ("order", "fingerprint")
        )
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
            number_format=DAY if key == "date" else None,
            widest=widest.get(key, 20.0),
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
        Column(column_title("items", lang), number_format="0"),
        Column(column_title("coverage", lang), number_format=PERCENT),
        *(Column(head, number_format=PERCENT, widest=14.0) for head in class_heads(lang)),
        Column(column_title("conformity", lang), number_format=PERCENT),
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
            column_title(key, lang),
            number_format=DAY if key == "due-date" else None,
            centred=key in ("order", "due-date"),
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
