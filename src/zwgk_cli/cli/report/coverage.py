"""`zwgk coverage` in the terminal: the table per domain, then each missing and stale claim."""

from __future__ import annotations

from typing import TYPE_CHECKING

from zwgk_cli.check.coverage import DomainCoverage
from zwgk_cli.cli.console import rich_line
from zwgk_cli.core.diagnostics import say

if TYPE_CHECKING:
    from rich.console import Console


def print_coverage(console: Console, rows: list[DomainCoverage], label: str, edition: str | None) -> None:
    """The coverage table, then one line per missing claim and per claim to review."""
    from rich.table import Table

    # every cell and line is rich Text, never markup: names and titles are shown as written
    table = Table(title=rich_line(say("ui.coverage.title", label=label, edition=edition).zh))
    for column in ("domain", "applicable", "claimed", "declined", "missing", "added", "percent"):
        table.add_column(say(f"ui.coverage.{column}").zh, justify="left" if column == "domain" else "right")
    for row in rows:
        table.add_row(
            rich_line(row.name),
            str(row.applicable),
            str(len(row.claimed)),
            str(len(row.declined)),
            rich_line((str(len(row.missing)), "red")) if row.missing else "0",
            str(len(row.added)),
            f"{row.percent:.0f}%",
        )
    console.print(table)
    for row in rows:
        for parent in row.missing:
            levels = "、".join(parent.levels)
            line = say(
                "ui.coverage.missing-item", domain=row.name, id=parent.id, title=parent.title, levels=levels
            )
            console.print(rich_line((say("ui.coverage.missing").zh, "red"), " " + line.zh))
        for parent, local in row.stale:
            line = say("ui.coverage.stale-item", domain=row.name, local=local, id=parent.id, hash=parent.hash)
            console.print(rich_line((say("ui.coverage.review").zh, "yellow"), " " + line.zh))
