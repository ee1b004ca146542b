"""Where each domain stands in the review chain on a given day.

A stage counts as passed when its latest record says 通过 and that record's fingerprint is the
domain's content now: an edit after the approval sends the domain back to 修改后待重新审核. The
stage reached is the furthest such stage in the chain's order; the next stage is the one after
it, overdue when the day is past its due date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Literal

from zwgk_cli.check.review_records import ReviewFile
from zwgk_cli.core.models import Stage, Unit
from zwgk_cli.core.review_models import Opinion, ReviewRecord, StageRecord
from zwgk_cli.review.scorecard import DomainScore

State = Literal["done", "stale", "returned", "in-progress", "not-started", "no-file"]
STATES: tuple[State, ...] = ("done", "stale", "returned", "in-progress", "not-started", "no-file")


@dataclass(slots=True)
class DomainStatus:
    """One domain's place in the chain, its opinions and its scores."""

    slug: str
    domain: str
    order: int
    lead: str  # who answers for it: the lead unit, or the town's office for a town's catalogue
    fingerprint: str | None  # of its content now; None when its file has errors
    score: DomainScore
    unit: Unit | None = None
    record_file: Path | None = None
    reached: StageRecord | None = None  # the pass of the furthest stage reached
    reached_stage: Stage | None = None
    next_stage: Stage | None = None
    overdue_days: int = 0  # days past the next stage's due date
    returned: StageRecord | None = None  # the next stage's latest record, when it sent the domain back
    stale: list[StageRecord] = field(default_factory=list)  # passes of content since edited
    opinions: list[tuple[int, Opinion]] = field(default_factory=list)  # (1-based number, opinion)
    state: State = "not-started"

    @property
    def open_opinions(self) -> list[tuple[int, Opinion]]:
        """The opinions not yet dealt with (未处理)."""
        return [(n, o) for n, o in self.opinions if o.status == "未处理"]

    @property
    def overdue(self) -> bool:
        """Whether the next stage is past its due date."""
        return self.overdue_days > 0

    def has_reached(self, stages: list[Stage], name: str) -> bool:
        """Whether the domain has passed stage `name` (or a later one) with its content as it is."""
        if self.reached_stage is None:
            return False
        names = [s.name for s in stages]
        return names.index(self.reached_stage.name) >= names.index(name)


def place_in_chain(
    status: DomainStatus, record: ReviewRecord | None, stages: list[Stage], as_of: date
) -> DomainStatus:
    """Fill in `status`'s stage reached, next stage, lateness and state from `record` (in place)."""
    latest: dict[str, StageRecord] = {}
    for entry in record.stages if record else []:
        if entry.date <= as_of:
            latest[entry.stage] = entry  # records are in date order: the last one stands
    reached_index = -1
    for index, stage in enumerate(stages):
        passed = latest.get(stage.name)
        if passed is None or passed.result != "通过":
            continue
        if status.fingerprint is not None and passed.fingerprint not in (None, status.fingerprint):
            status.stale.append(passed)
            continue
        reached_index = index
        status.reached, status.reached_stage = passed, stage
    status.stale = [s for s in status.stale if _index(stages, s.stage) > reached_index]
    if reached_index + 1 < len(stages):
        status.next_stage = stages[reached_index + 1]
        status.overdue_days = max(0, (as_of - status.next_stage.due).days)
        decision = latest.get(status.next_stage.name)
        if decision is not None and decision.result == "退回修改":
            status.returned = decision
    if record is not None:
        status.opinions = [
            (n, o.model_copy(update={"status": o.status_on(as_of)}))
            for n, o in enumerate(record.opinions, start=1)
            if o.date <= as_of
        ]
    status.state = _state(status, reached_index, len(stages), bool(latest))
    return status


def _index(stages: list[Stage], name: str) -> int:
    return next((i for i, s in enumerate(stages) if s.name == name), -1)


def _state(status: DomainStatus, reached: int, count: int, submitted: bool) -> State:
    if not status.score.exists:
        return "no-file"
    if status.stale:
        return "stale"
    if reached + 1 >= count:
        return "done"
    if status.returned is not None:
        return "returned"
    if reached >= 0 or submitted:
        return "in-progress"
    return "not-started"


def record_of(reviews: list[ReviewFile], slug: str, unit: Unit | None) -> ReviewFile | None:
    """The review record of domain `slug` (in the district's folder, or the town's)."""
    wanted = unit.slug if unit is not None else None
    return next((rf for rf in reviews if rf.slug == slug and rf.unit == wanted), None)
