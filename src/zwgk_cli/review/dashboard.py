"""The dashboard 区政务办 reads: every domain of the district's catalogue (or of one town's), where
it stands on a day, its open opinions, its scores and the findings a reviewer would raise."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from zwgk_cli.check.coverage import DomainCoverage, coverage_table
from zwgk_cli.check.pipeline import CheckResult
from zwgk_cli.check.review_records import reviewed_domain
from zwgk_cli.core.catalogue import DomainFile
from zwgk_cli.core.diagnostics import Diagnostic, ZwgkError, say
from zwgk_cli.core.fingerprint import domain_fingerprint
from zwgk_cli.core.models import Settings, Stage, Unit
from zwgk_cli.core.towns import find_unit, town_units, unit_title
from zwgk_cli.review.scorecard import DomainScore, mean, missing_domain, score_domain
from zwgk_cli.review.status import DomainStatus, place_in_chain, record_of


@dataclass(slots=True)
class Dashboard:
    """Every domain's status on `as_of`, for the district or for one town or street."""

    as_of: date
    settings: Settings
    stages: list[Stage]
    rows: list[DomainStatus]
    unit: Unit | None = None
    findings: dict[str, list[Diagnostic]] = field(default_factory=dict)  # slug → findings on it
    items: dict[str, tuple[str, str]] = field(default_factory=dict)  # item id → (一级事项, 二级事项)

    @property
    def title(self) -> str:
        """The catalogue reviewed: the district's, or the town's."""
        if self.unit is None:
            return self.settings.display_title()
        return unit_title(self.settings, self.unit)

    @property
    def office(self) -> str:
        """Who reviews and signs: review.office, else the catalogue's issuer."""
        review = self.settings.review
        return review.office if review is not None and review.office else self.settings.issuer

    def domain_title(self, row: DomainStatus) -> str:
        """重庆市渝北区安全生产领域基层政务公开标准目录 (a town's: with its place name)."""
        place = (self.unit.place or self.unit.name) if self.unit is not None else ""
        return f"{self.settings.region}{place}{row.domain}领域基层政务公开标准目录"

    @property
    def coverage(self) -> float | None:
        """覆盖度 of the whole catalogue: the mean over its domains."""
        return mean(row.score.coverage for row in self.rows)

    @property
    def conformity(self) -> float | None:
        """规范度 of the whole catalogue: the mean over its domains with items."""
        return mean(row.score.conformity for row in self.rows)


def build_dashboard(result: CheckResult, as_of: date, unit_name: str | None = None) -> Dashboard:
    """The dashboard of the checked catalogue in `result` on `as_of` (of one town with `unit_name`)."""
    settings = result.settings.settings
    if settings is None:
        raise ZwgkError(say("stop.review.settings"))
    if settings.review is None:
        raise ZwgkError(say("stop.review.no-stages"))
    unit: Unit | None = None
    if unit_name is not None:
        unit = find_unit(settings, unit_name)
        if unit is None:
            known = "、".join(u.place or u.name for u in town_units(settings)) or "—"
            raise ZwgkError(say("stop.build.unknown-unit", name=unit_name, known=known))
        if unit.outside is not None:
            raise ZwgkError(say("stop.build.unit-outside", name=unit.name, reason=unit.outside.rstrip("。")))
    stages = settings.review.stages
    upstream = result.upstream is not None and unit is None
    coverage = (
        {row.name: row for row in coverage_table(result.files, result.upstream)}
        if upstream and result.upstream is not None
        else {}
    )  # a town's catalogue is not measured against the upstream: no table for it (the gate asks per town)
    by_item: dict[str, list[Diagnostic]] = {}
    for d in result.diagnostics:
        if d.item_id is not None:
            by_item.setdefault(d.item_id, []).append(d)
    board = Dashboard(as_of, settings, stages, [], unit)
    files = sorted((df for df in result.files if df.header is not None), key=lambda df: _order(df))
    present = set()
    for df in result.files:
        for entry in df.items:
            board.items.setdefault(entry.item.id, (entry.item.category, entry.item.name))
    for df in files:
        assert df.header is not None
        present.add(df.header.domain)
        made = _row(df, unit, settings, coverage, by_item, upstream=upstream)
        if made is None:
            continue
        row, ids = made
        record = record_of(result.reviews, df.slug, unit)
        row.record_file = record.doc.path.relative_to(result.root) if record is not None else None
        place_in_chain(row, record.record if record else None, stages, as_of)
        board.rows.append(row)
        board.findings[row.slug] = _findings_on(df, ids, unit, by_item, result.diagnostics)
    if unit is None:
        board.rows += _missing_rows(settings, present, coverage, stages, as_of, upstream=upstream)
    return board


def _order(df: DomainFile) -> tuple[int, str]:
    assert df.header is not None
    return (df.header.order, df.slug)


def _row(
    df: DomainFile,
    unit: Unit | None,
    settings: Settings,
    coverage: dict[str, DomainCoverage],
    by_item: dict[str, list[Diagnostic]],
    *,
    upstream: bool,
) -> tuple[DomainStatus, list[str]] | None:
    assert df.header is not None
    reviewed = reviewed_domain(df, unit, settings)
    if unit is not None and reviewed is None:
        return None  # nothing of this domain reaches the town (or the file has errors)
    ids = [item.id for item in reviewed.items] if reviewed is not None else [e.item.id for e in df.items]
    findings = [d for ident in dict.fromkeys(ids) for d in by_item.get(ident, [])]
    row_coverage = coverage.get(df.header.domain)
    score = score_domain(ids, findings, row_coverage, upstream=upstream)
    row = DomainStatus(
        slug=df.slug,
        domain=df.header.domain,
        order=df.header.order,
        lead=unit.name if unit is not None else df.header.lead,
        fingerprint=domain_fingerprint(reviewed) if reviewed is not None else None,
        score=score,
        unit=unit,
    )
    return row, ids


def _findings_on(
    df: DomainFile,
    ids: list[str],
    unit: Unit | None,
    by_item: dict[str, list[Diagnostic]],
    everything: list[Diagnostic],
) -> list[Diagnostic]:
    """What `validate` says about the domain (errors and unwaived warnings): its file's findings
    and those on its items; for a town, those on the items its catalogue shows."""
    if unit is not None:
        return [d for item in dict.fromkeys(ids) for d in by_item.get(item, []) if d.counts]
    paths = {df.doc.path, df.source.path}
    known = set(ids)
    return [
        d
        for d in everything
        if d.counts and (d.file in paths or (d.item_id is not None and d.item_id in known))
    ]


def _missing_rows(
    settings: Settings,
    present: set[str],
    coverage: dict[str, DomainCoverage],
    stages: list[Stage],
    as_of: date,
    *,
    upstream: bool,
) -> list[DomainStatus]:
    """Required domains with no file (and not declared 未涉及): nothing to review yet."""
    skipped = {na.domain for na in settings.not_applicable}
    rows: list[DomainStatus] = []
    for number, name in enumerate(settings.domains, start=1):
        if name in present or name in skipped:
            continue
        score: DomainScore = missing_domain(upstream=upstream, coverage=coverage.get(name))
        row = DomainStatus(
            slug="", domain=name, order=10_000 + number, lead="", fingerprint=None, score=score
        )
        rows.append(place_in_chain(row, None, stages, as_of))
    return rows
