"""先审后发: the domains a build may publish when it requires a stage of the review chain.

A domain is published when it has passed the required stage (or a later one) with its content
as it is now; an edit after the approval withholds it again. A town's or street's version of a
domain needs the district's approval and its own. The build reads every record, whatever its
date (it never reads the clock).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from zwgk_cli.check.pipeline import CheckResult
from zwgk_cli.core.catalogue import Catalogue
from zwgk_cli.core.diagnostics import ZwgkError, say
from zwgk_cli.core.models import Unit
from zwgk_cli.core.wording import listing
from zwgk_cli.review.dashboard import build_dashboard
from zwgk_cli.review.status import DomainStatus


@dataclass(slots=True)
class Gate:
    """The stage required, and the domains withheld for the district and for each town built."""

    stage: str
    withheld: list[DomainStatus] = field(default_factory=list)
    towns: dict[str, list[DomainStatus]] = field(default_factory=dict)  # unit slug → withheld there

    def mark(self) -> str:
        """What the 任务分工 table says of a withheld domain: 未定稿, or 未通过“复审”."""
        return say("ui.review.withheld.mark", stage=self.stage).zh if self.stage != "定稿" else "未定稿"

    def town_withheld(self, unit: Unit) -> set[str]:
        """The slugs withheld from `unit`'s catalogue: the district's and its own."""
        return {row.slug for row in self.withheld} | {row.slug for row in self.towns.get(unit.slug, [])}


def required_stage(check: CheckResult, asked: str | None) -> str | None:
    """The stage the build requires: `--require-stage`, else zwgk.yaml's review.require."""
    settings = check.settings.settings
    review = settings.review if settings is not None else None
    stage = asked if asked is not None else (review.require if review is not None else None)
    if stage is None:
        return None
    if review is None:
        raise ZwgkError(say("stop.review.no-stages"))
    names = [s.name for s in review.stages]
    if stage not in names:
        raise ZwgkError(say("stop.build.require-stage", stage=stage, allowed=listing(names)))
    return stage


def gate(check: CheckResult, stage: str, units: Sequence[Unit]) -> Gate:
    """Which domains of the checked catalogue have not reached `stage`, for it and for `units`."""
    result = Gate(stage)
    everything = date.max  # every record counts, whatever its date
    board = build_dashboard(check, everything)
    result.withheld = [row for row in board.rows if row.slug and not row.has_reached(board.stages, stage)]
    for unit in units:
        town = build_dashboard(check, everything, unit.slug)
        result.towns[unit.slug] = [row for row in town.rows if not row.has_reached(town.stages, stage)]
    return result


def approved(catalogue: Catalogue, withheld: set[str], mark: str) -> Catalogue:
    """`catalogue` without the `withheld` domains, which it keeps as pending (the task table lists them)."""
    if not withheld:
        return catalogue
    kept = [d for d in catalogue.domains if d.slug not in withheld]
    pending = [d for d in catalogue.domains if d.slug in withheld]
    sources = {slug: path for slug, path in catalogue.sources.items() if slug not in withheld}
    return Catalogue(catalogue.root, catalogue.settings, kept, sources, pending=pending, pending_mark=mark)
