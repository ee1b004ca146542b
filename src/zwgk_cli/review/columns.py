"""The words the dashboard page and the summary workbook share: each domain's row of the progress
table, an opinion's item, field and status, the scorecard's column heads.

Why one place: 区政务办 reads the page and circulates the workbook side by side; the same domain
must read the same in both, in the same words, so each cell is worded here once.
"""

from __future__ import annotations

from dataclasses import dataclass

from zwgk_cli.core.diagnostics import Lang, say
from zwgk_cli.core.models import Item, field_title
from zwgk_cli.render.rows import day_text
from zwgk_cli.review.dashboard import Dashboard
from zwgk_cli.review.data import class_label, percent, state_label, summary_counts
from zwgk_cli.review.scorecard import CLASSES
from zwgk_cli.review.status import DomainStatus

# The progress table's columns, by message key (ui.review.column.…), in order.
PROGRESS_COLUMNS = (
    "order",
    "domain",
    "lead",
    "state",
    "passed",
    "due",
    "overdue-days",
    "opinions",
    "coverage",
    "conformity",
    "fingerprint",
)
# An opinion's columns (the workbook's 审查意见 sheet), by message key.
OPINION_COLUMNS = (
    "domain",
    "order",
    "item-id",
    "category",
    "name",
    "field",
    "by",
    "date",
    "text",
    "status",
    "reason",
)
_STATUS_KEYS = {"未处理": "open", "已修改": "changed", "不采纳": "declined"}
NONE = "—"


@dataclass(frozen=True, slots=True)
class ProgressRow:
    """One domain's row of the progress table, worded."""

    number: int
    status: DomainStatus
    domain: str
    lead: str
    state: str
    passed: str
    next: str
    overdue_days: int
    open_opinions: int
    coverage: float | None  # percent
    conformity: float | None  # percent
    fingerprint: str


def column_title(key: str, lang: Lang) -> str:
    """A column head: ui.review.column.`key`."""
    return say(f"ui.review.column.{key}").get(lang)


def progress_rows(board: Dashboard, lang: Lang) -> list[ProgressRow]:
    """Every domain of the dashboard as a worded row, numbered from 1 in the dashboard's order."""
    rows: list[ProgressRow] = []
    for number, row in enumerate(board.rows, start=1):
        passed = NONE
        if row.reached is not None:
            passed = say(
                "ui.review.passed",
                stage=row.reached.stage,
                date=day_text(row.reached.date, lang),
                by=row.reached.by,
            ).get(lang)
        upcoming = NONE
        if row.next_stage is not None:
            upcoming = say(
                "ui.review.at", stage=row.next_stage.name, date=day_text(row.next_stage.due, lang)
            ).get(lang)
        rows.append(
            ProgressRow(
                number=number,
                status=row,
                domain=row.domain,
                lead=row.lead or NONE,
                state=state_label(row.state).get(lang),
                passed=passed,
                next=upcoming,
                overdue_days=row.overdue_days,
                open_opinions=len(row.open_opinions),
                coverage=row.score.coverage,
                conformity=row.score.conformity,
                fingerprint=row.fingerprint or NONE,
            )
        )
    return rows


def field_text(key: str | None, lang: Lang) -> str:
    """An opinion's field: “公开时限（time_limit）” (the key alone in English), “—” for none."""
    if not key:
        return NONE
    title = field_title(Item, key)
    return say("ui.review.field", title=title, key=key).get(lang) if title else key


def item_names(board: Dashboard, item: str | None) -> tuple[str, str]:
    """(一级事项, 二级事项) of the item an opinion names, blank when it names none or an unknown id."""
    if item is None:
        return ("", "")
    return board.items.get(item, ("", ""))


def item_text(board: Dashboard, item: str | None, lang: Lang) -> str:
    """“aqsc-001 一级事项 · 二级事项”; “整个领域” for an opinion on the whole domain."""
    if item is None:
        return say("ui.review.whole-domain").get(lang)
    if item not in board.items:
        return item
    category, name = board.items[item]
    return say("ui.review.item", id=item, category=category, name=name).get(lang)


def status_text(status: str, lang: Lang) -> str:
    """未处理 / 已修改 / 不采纳, in `lang`."""
    return say(f"ui.review.opinion.{_STATUS_KEYS[status]}").get(lang)


def class_heads(lang: Lang) -> list[str]:
    """The scorecard's class columns: “要素完整（权重 30）” …, in the order of CLASSES."""
    return [
        say("ui.review.class-weight", label=class_label(c.key), weight=c.weight).get(lang) for c in CLASSES
    ]


def summary_text(board: Dashboard, lang: Lang) -> str:
    """The summary line: domains by state, overdue, open opinions, the mean scores."""
    counts = summary_counts(board)
    return say(
        "ui.review.summary",
        domains=counts["domains"],
        done=counts["done"],
        progress=counts["in-progress"],
        returned=counts["returned"],
        stale=counts["stale"],
        waiting=counts["not-started"] + counts["no-file"],
        overdue=counts["overdue"],
        opinions=counts["open_opinions"],
        coverage=percent(board.coverage),
        conformity=percent(board.conformity),
    ).get(lang)
