"""`zwgk review` in the terminal: the date used, one row per domain, then what needs chasing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from zwgk_cli.cli.console import rich_line
from zwgk_cli.core.diagnostics import Lang, say
from zwgk_cli.render.rows import day_text
from zwgk_cli.review.columns import summary_text
from zwgk_cli.review.dashboard import Dashboard
from zwgk_cli.review.data import percent, state_label
from zwgk_cli.review.status import DomainStatus

if TYPE_CHECKING:
    from rich.console import Console

_STATE_STYLE = {"done": "green", "stale": "yellow", "returned": "red", "no-file": "red"}


def print_review(console: Console, board: Dashboard, lang: Lang) -> None:
    """The dashboard: a table of every domain, then the overdue, the edited and the open opinions."""
    from rich.table import Table

    def t(key: str, **values: object) -> str:
        return say(key, **values).get(lang)

    title = t("ui.review.title", catalogue=board.title, date=day_text(board.as_of, lang))
    table = Table(title=rich_line(title))
    for column in (
        "order",
        "domain",
        "lead",
        "state",
        "reached",
        "next",
        "opinions",
        "coverage",
        "conformity",
    ):
        table.add_column(
            t(f"ui.review.column.{column}"),
            justify="right" if column in ("order", "opinions", "coverage", "conformity") else "left",
        )
    for number, row in enumerate(board.rows, start=1):
        reached = (
            t("ui.review.at", stage=row.reached.stage, date=day_text(row.reached.date, lang))
            if row.reached is not None
            else "—"
        )
        upcoming = (
            t("ui.review.at", stage=row.next_stage.name, date=day_text(row.next_stage.due, lang))
            if row.next_stage is not None
            else "—"
        )
        state = state_label(row.state).get(lang)
        table.add_row(
            str(number),
            rich_line(row.domain),
            rich_line(row.lead or "—"),
            rich_line((state, _STATE_STYLE.get(row.state, ""))),
            rich_line(reached),
            rich_line((upcoming, "red")) if row.overdue else rich_line(upcoming),
            str(len(row.open_opinions)),
            percent(row.score.coverage),
            percent(row.score.conformity),
        )
    console.print(table)
    for row in board.rows:
        for line, style, label in _notes(board, row, lang):
            console.print(rich_line((t(label), style), " " + line))
    console.print(rich_line(summary_text(board, lang)))


def _notes(board: Dashboard, row: DomainStatus, lang: Lang) -> list[tuple[str, str, str]]:
    """(line, style, label key) for each thing about `row` that needs someone's attention."""
    notes: list[tuple[str, str, str]] = []
    if row.overdue and row.next_stage is not None:
        line = say(
            "ui.review.note.overdue",
            domain=row.domain,
            stage=row.next_stage.name,
            actor=row.next_stage.actor,
            due=day_text(row.next_stage.due, lang),
            days=row.overdue_days,
        )
        notes.append((line.get(lang), "red", "ui.review.label.overdue"))
    for entry in row.stale:
        line = say(
            "ui.review.note.stale",
            domain=row.domain,
            stage=entry.stage,
            date=day_text(entry.date, lang),
            old=entry.fingerprint or "—",
            new=row.fingerprint or "—",
        )
        notes.append((line.get(lang), "yellow", "ui.review.label.stale"))
    if row.returned is not None:
        line = say(
            "ui.review.note.returned",
            domain=row.domain,
            stage=row.returned.stage,
            date=day_text(row.returned.date, lang),
            by=row.returned.by,
            note=row.returned.note or "",
        )
        notes.append((line.get(lang), "red", "ui.review.label.returned"))
    for number, opinion in row.open_opinions:
        target = opinion.item or say("ui.review.whole-domain").get(lang)
        if opinion.field:
            target += f" · {opinion.field}"
        line = say(
            "ui.review.note.opinion",
            domain=row.domain,
            number=number,
            target=target,
            text=opinion.text,
            by=opinion.by,
        )
        notes.append((line.get(lang), "cyan", "ui.review.label.opinion"))
    return notes
