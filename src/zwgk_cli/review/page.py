"""`zwgk review --format html`: the dashboard as one internal web page for 区政务办.

Why a page of its own, outside the site: it names departments that are late and quotes reviewers'
opinions, so it is a working document, never part of what `zwgk build` publishes. Its template
sits in ``templates/review/``, which the site never renders (it renders its named pages and copies
``assets/`` only); the page says noindex and is one self-contained file: the style inline, no
script, nothing loaded from anywhere, so it can be mailed or opened from a shared folder.

Rendered with the site's Jinja environment (autoescape, and control or invisible characters
written out as [U+XXXX]): opinion texts and record notes are anyone's input and land as text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from zwgk_cli.core.diagnostics import Lang, say
from zwgk_cli.render.rows import day_text
from zwgk_cli.review.columns import (
    NONE,
    PROGRESS_COLUMNS,
    ProgressRow,
    class_heads,
    column_title,
    field_text,
    item_text,
    progress_rows,
    summary_text,
)
from zwgk_cli.review.dashboard import Dashboard
from zwgk_cli.review.data import percent
from zwgk_cli.review.scorecard import CLASSES, mean
from zwgk_cli.review.status import DomainStatus

TEMPLATE = "review/dashboard.html.j2"
HTML_LANG = {"zh": "zh-CN", "en": "en"}
# A sign before each state's label, so the table reads without its colours (and in print).
STATE_MARKS = {
    "done": "✔",
    "stale": "↻",
    "returned": "↩",
    "in-progress": "…",
    "not-started": "○",
    "no-file": "✖",
}
# The page allows nothing but its inline style.
CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


@dataclass(frozen=True, slots=True)
class OpinionLine:
    """An open opinion as the page lists it."""

    number: int
    item: str
    field: str
    by: str
    date: str
    iso: str
    text: str


@dataclass(slots=True)
class Chase:
    """What to follow up in one domain: its open opinions, edited approvals and return."""

    anchor: str
    heading: str
    opinions_caption: str
    opinions: list[OpinionLine] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    returned: str | None = None


@dataclass(frozen=True, slots=True)
class ScoreLine:
    """One domain's row of the scorecard (or the row of means)."""

    domain: str
    items: str
    shares: list[str]
    conformity: str


def dashboard_html(board: Dashboard, lang: Lang) -> str:
    """The dashboard page in `lang`, as one HTML document."""
    from zwgk_cli.render.html.site import environment

    template = environment().get_template(TEMPLATE)
    return template.render(**_context(board, lang))


def _context(board: Dashboard, lang: Lang) -> dict[str, Any]:
    def t(key: str, **values: object) -> str:
        return say(key, **values).get(lang)

    date = day_text(board.as_of, lang)
    rows = progress_rows(board, lang)
    return {
        "lang": HTML_LANG[lang],
        "csp": CSP,
        "title": t("ui.review.title", catalogue=board.title, date=date),
        "heading": t("ui.review.page.heading", catalogue=board.title),
        "as_of": t("ui.review.page.as-of", date=date),
        "as_of_iso": board.as_of.isoformat(),
        "internal": t("ui.review.page.internal", office=board.office),
        "summary": summary_text(board, lang),
        "stages_caption": t("ui.review.book.stages"),
        "stage_heads": [column_title(key, lang) for key in ("order", "stage", "actor", "due-date", "note")],
        "stages": [
            {
                "name": stage.name,
                "actor": stage.actor,
                "due": day_text(stage.due, lang),
                "iso": stage.due.isoformat(),
                "note": stage.note or "",
            }
            for stage in board.stages
        ],
        "domains_caption": t("ui.review.page.domains"),
        "heads": {key: column_title(key, lang) for key in PROGRESS_COLUMNS},
        "rows": [_progress(row) for row in rows],
        "overdue_label": t("ui.review.label.overdue"),
        "chase_heading": t("ui.review.page.chase"),
        "chase": [
            chase
            for number, row in enumerate(board.rows, start=1)
            if (chase := _chase(board, row, number, lang)) is not None
        ],
        "nothing": t("ui.review.page.nothing"),
        "opinion_heads": [
            column_title(key, lang) for key in ("order", "item", "field", "by", "date", "text")
        ],
        "stale_label": t("ui.review.page.stale"),
        "returned_label": t("ui.review.label.returned"),
        "scores_heading": t("ui.review.book.scores"),
        "scores_caption": t("ui.review.page.scores"),
        "score_heads": [
            column_title("domain", lang),
            column_title("items", lang),
            *class_heads(lang),
            column_title("conformity", lang),
        ],
        "scores": _scores(board, lang),
        "method": t("ui.review.page.method"),
    }


def _progress(row: ProgressRow) -> dict[str, Any]:
    state = row.status.state
    return {
        "number": row.number,
        "domain": row.domain,
        "anchor": _anchor(row.status, row.number),
        "chased": _has_chase(row.status),
        "lead": row.lead,
        "state": state,
        "state_label": row.state,
        "mark": STATE_MARKS[state],
        "passed": row.passed,
        "next": row.next,
        "overdue": row.status.overdue,
        "overdue_days": row.overdue_days,
        "opinions": row.open_opinions,
        "coverage": percent(row.coverage),
        "conformity": percent(row.conformity),
        "fingerprint": row.fingerprint,
    }


def _anchor(row: DomainStatus, number: int) -> str:
    """The id of a domain's follow-up section: its slug (a domain without a file: its number)."""
    return f"chase-{row.slug or number}"


def _has_chase(row: DomainStatus) -> bool:
    return bool(row.open_opinions or row.stale or row.returned is not None)


def _chase(board: Dashboard, row: DomainStatus, number: int, lang: Lang) -> Chase | None:
    """What to follow up in `row` (the `number`th domain), or None when nothing is pending."""
    if not _has_chase(row):
        return None
    heading = say("ui.review.page.domain-lead", domain=row.domain, lead=row.lead or NONE).get(lang)
    chase = Chase(
        anchor=_anchor(row, number),
        heading=heading,
        opinions_caption=say("ui.review.page.opinions", domain=row.domain).get(lang),
    )
    for index, opinion in row.open_opinions:
        chase.opinions.append(
            OpinionLine(
                number=index,
                item=item_text(board, opinion.item, lang),
                field=field_text(opinion.field, lang),
                by=opinion.by,
                date=day_text(opinion.date, lang),
                iso=opinion.date.isoformat(),
                text=opinion.text,
            )
        )
    for entry in row.stale:
        chase.stale.append(
            say(
                "ui.review.page.stale-line",
                stage=entry.stage,
                date=day_text(entry.date, lang),
                old=entry.fingerprint or NONE,
                new=row.fingerprint or NONE,
            ).get(lang)
        )
    if row.returned is not None:
        chase.returned = say(
            "ui.review.page.returned",
            stage=row.returned.stage,
            date=day_text(row.returned.date, lang),
            by=row.returned.by,
            note=row.returned.note or NONE,
        ).get(lang)
    return chase


def _scores(board: Dashboard, lang: Lang) -> dict[str, Any]:
    """The scorecard: a row per domain, and the means over the domains scored."""
    lines: list[ScoreLine] = []
    for row in board.rows:
        score = row.score
        scored = score.conformity is not None
        lines.append(
            ScoreLine(
                domain=row.domain,
                items=str(score.items) if score.exists else NONE,
                shares=[percent(100 * score.share(c.key)) if scored else NONE for c in CLASSES],
                conformity=percent(score.conformity),
            )
        )
    scored_rows = [row.score for row in board.rows if row.score.conformity is not None]
    means = ScoreLine(
        domain=say("ui.review.mean").get(lang),
        items="",
        shares=[percent(_percent_of(mean(score.share(c.key) for score in scored_rows))) for c in CLASSES],
        conformity=percent(board.conformity),
    )
    return {"rows": lines, "mean": means}


def _percent_of(share: float | None) -> float | None:
    return None if share is None else 100 * share
