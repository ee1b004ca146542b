"""The dashboard as plain data: `zwgk review --format json` (docs/formats.md), and the words every
other format shares (state labels, the summary counts)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from zwgk_cli.core.diagnostics import Text, say
from zwgk_cli.core.models import Stage
from zwgk_cli.core.review_models import StageRecord
from zwgk_cli.review.dashboard import Dashboard
from zwgk_cli.review.scorecard import CLASSES
from zwgk_cli.review.status import STATES, DomainStatus, State

REVIEW_JSON_VERSION = 1


def state_label(state: State) -> Text:
    """已完成, 修改后待重新审核, 退回修改 …"""
    return say(f"ui.review.state.{state}")


def class_label(key: str) -> Text:
    """要素完整, 依据规范 … (the 规范度 classes)."""
    return say(f"ui.review.class.{key}")


def percent(value: float | None) -> str:
    """“87.5%”, or “—” when not measured."""
    return "—" if value is None else f"{value:.1f}%"


def summary_counts(board: Dashboard) -> dict[str, int]:
    """How many domains are in each state, overdue, and how many opinions are open."""
    states = Counter(row.state for row in board.rows)
    counts: dict[str, int] = {state: states.get(state, 0) for state in STATES}
    counts["domains"] = len(board.rows)
    counts["overdue"] = sum(1 for row in board.rows if row.overdue)
    counts["open_opinions"] = sum(len(row.open_opinions) for row in board.rows)
    return counts


def dashboard_data(board: Dashboard) -> dict[str, Any]:
    """Everything the dashboard shows, as JSON-ready data."""
    return {
        "version": REVIEW_JSON_VERSION,
        "as_of": board.as_of.isoformat(),
        "catalogue": board.title,
        "unit": board.unit.name if board.unit is not None else None,
        "office": board.office,
        "stages": [_stage(stage) for stage in board.stages],
        "summary": {
            **summary_counts(board),
            "coverage": _round(board.coverage),
            "conformity": _round(board.conformity),
        },
        "domains": [_row(board, row) for row in board.rows],
    }


def _stage(stage: Stage) -> dict[str, Any]:
    return {
        "name": stage.name,
        "actor": stage.actor,
        "due": stage.due.isoformat(),
        "after": stage.after,
        "note": stage.note,
    }


def _record(entry: StageRecord | None) -> dict[str, Any] | None:
    if entry is None:
        return None
    return {
        "stage": entry.stage,
        "date": entry.date.isoformat(),
        "by": entry.by,
        "result": entry.result,
        "fingerprint": entry.fingerprint,
        "note": entry.note,
    }


def _row(board: Dashboard, row: DomainStatus) -> dict[str, Any]:
    findings = board.findings.get(row.slug, [])
    score = row.score
    return {
        "slug": row.slug or None,
        "domain": row.domain,
        "lead": row.lead or None,
        "state": row.state,
        "fingerprint": row.fingerprint,
        "record": row.record_file.as_posix() if row.record_file is not None else None,
        "reached": _record(row.reached),
        "next": None
        if row.next_stage is None
        else {
            "stage": row.next_stage.name,
            "actor": row.next_stage.actor,
            "due": row.next_stage.due.isoformat(),
        },
        "overdue_days": row.overdue_days,
        "returned": _record(row.returned),
        "stale": [_record(entry) for entry in row.stale],
        "opinions": [
            {
                "number": number,
                "item": o.item,
                "field": o.field,
                "stage": o.stage,
                "date": o.date.isoformat(),
                "by": o.by,
                "text": o.text,
                "status": o.status,
                "reason": o.reason,
            }
            for number, o in row.opinions
        ],
        "open_opinions": len(row.open_opinions),
        "scores": {
            "items": score.items,
            "exists": score.exists,
            "coverage": _round(score.coverage),
            "applicable": score.applicable,
            "claimed": score.claimed,
            "declined": score.declined,
            "missing": score.missing,
            "conformity": _round(score.conformity),
            "classes": {
                c.key: {
                    "weight": c.weight,
                    "flagged": score.flagged.get(c.key, 0),
                    "share": round(score.share(c.key), 4),
                }
                for c in CLASSES
            },
        },
        "findings": {
            "errors": sum(1 for d in findings if d.severity == "error"),
            "warnings": sum(1 for d in findings if d.severity == "warning"),
        },
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)
