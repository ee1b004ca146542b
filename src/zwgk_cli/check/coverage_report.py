"""`zwgk coverage`'s one core call: check the catalogue, then measure it against its upstream."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from zwgk_cli.check.coverage import DomainCoverage, coverage_table
from zwgk_cli.check.pipeline import CheckResult, check_catalogue
from zwgk_cli.check.upstream import Upstream
from zwgk_cli.core.diagnostics import Diagnostic


@dataclass(slots=True)
class CoverageOutcome:
    """The check, and the coverage rows when an upstream catalogue could be read."""

    check: CheckResult
    upstream: Upstream | None
    rows: list[DomainCoverage] = field(default_factory=list)

    def upstream_problems(self) -> list[Diagnostic]:
        """Why the upstream catalogue could not be read (empty when none is configured)."""
        return [d for d in self.check.diagnostics if d.code.startswith("upstream")]


def measure_coverage(directory: Path) -> CoverageOutcome:
    """Check `directory` and count, per upstream domain, what is claimed, declined, missing and added."""
    check = check_catalogue(directory)
    if check.upstream is None:
        return CoverageOutcome(check, None)
    return CoverageOutcome(check, check.upstream, coverage_table(check.files, check.upstream))
