"""覆盖度 and 规范度 per domain, computed from the findings `zwgk validate` reports.

覆盖度: the share of the upstream guideline's items applicable at the catalogue's levels that the
domain claims or declines with a reason (100 when none apply); 0 when the domain has no file.
规范度: for each class of findings, the share of the domain's items with no finding of that class
(errors and unwaived warnings; a waiver is a reviewed decision), weighted and summed to 0–100.
docs/review.md gives the formula, the classes with their codes, and the weights.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from zwgk_cli.check.coverage import DomainCoverage
from zwgk_cli.core.diagnostics import Diagnostic


@dataclass(frozen=True, slots=True)
class ScoreClass:
    """One class of findings, its weight in 规范度 and the codes it counts."""

    key: str
    weight: int
    codes: frozenset[str]


CLASSES: tuple[ScoreClass, ...] = (
    ScoreClass(
        "elements",
        30,
        frozenset({
            "field-missing", "field-empty", "field-type", "field-value", "field-format", "field-unknown",
            "content-empty", "audience-note", "level-unknown", "id-prefix", "id-duplicate", "link-scheme",
            "item-duplicate", "category-split", "list-duplicate", "text-invisible-char",
        }),
    ),
    ScoreClass("citations", 15, frozenset({"basis-no-title", "basis-doc-number", "basis-repealed"})),
    ScoreClass("time-limits", 20, frozenset({"time-limit-long", "time-limit-application"})),
    ScoreClass(
        "subjects", 15, frozenset({"unit-unknown", "unit-outside", "subject-level", "subject-other-level"})
    ),
    ScoreClass("channels", 10, frozenset({"channel-unknown", "request-public"})),
    ScoreClass("privacy", 10, frozenset({"privacy-recipients"})),
)  # fmt: skip
CLASS_OF: dict[str, str] = {code: c.key for c in CLASSES for code in c.codes}
assert sum(c.weight for c in CLASSES) == 100


@dataclass(slots=True)
class DomainScore:
    """One domain's scores; None where nothing could be measured."""

    items: int
    exists: bool = True
    coverage: float | None = None  # percent; None when the catalogue names no upstream
    applicable: int = 0
    claimed: int = 0
    declined: int = 0
    missing: int = 0
    flagged: dict[str, int] = field(default_factory=dict)  # class → items with a finding of it

    def share(self, key: str) -> float:
        """Share (0–1) of the items free of findings of class `key` (1 for a domain without items)."""
        return 1.0 if not self.items else (self.items - self.flagged.get(key, 0)) / self.items

    @property
    def conformity(self) -> float | None:
        """规范度, 0–100; None for a domain without a file or without items."""
        if not self.exists or not self.items:
            return None
        return sum(c.weight * self.share(c.key) for c in CLASSES)


def score_domain(
    item_ids: list[str], findings: Iterable[Diagnostic], coverage: DomainCoverage | None, *, upstream: bool
) -> DomainScore:
    """The scores of a domain with these items, given the findings about them and its coverage row."""
    score = DomainScore(len(item_ids))
    known = set(item_ids)
    flagged: dict[str, set[str]] = {}
    for d in findings:
        key = CLASS_OF.get(d.code)
        if key is None or not d.counts or d.item_id is None or d.item_id not in known:
            continue
        flagged.setdefault(key, set()).add(d.item_id)
    score.flagged = {key: len(ids) for key, ids in flagged.items()}
    if upstream:
        row = coverage
        score.coverage = 100.0 if row is None else row.percent
        if row is not None:
            score.applicable, score.claimed = row.applicable, len(row.claimed)
            score.declined, score.missing = len(row.declined), len(row.missing)
    return score


def missing_domain(*, upstream: bool, coverage: DomainCoverage | None) -> DomainScore:
    """The scores of a required domain that has no file: 覆盖度 0, 规范度 not measured."""
    score = DomainScore(0, exists=False, coverage=0.0 if upstream else None)
    if coverage is not None:
        score.applicable = coverage.applicable
        score.missing = coverage.applicable
    return score


def mean(values: Iterable[float | None]) -> float | None:
    """The mean of the measured values (None when none was measured)."""
    measured = [v for v in values if v is not None]
    return sum(measured) / len(measured) if measured else None
