"""`zwgk fmt`'s one core call: format every named file, write the changed ones unless only checking."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from zwgk_cli.core.diagnostics import Diagnostic, sort_diagnostics
from zwgk_cli.sources.fmt.driver import (
    FormatResult,
    collect_files,
    format_file,
    write_refusal,
    write_result,
)


@dataclass(slots=True)
class FormatRun:
    """Every file's result, and the changed files that could not be written (with the reason)."""

    check: bool
    results: list[FormatResult]
    unwritable: dict[Path, str] = field(default_factory=dict)

    @property
    def findings(self) -> list[Diagnostic]:
        """What could not be read or formatted, and what was left as written, in report order."""
        return sort_diagnostics(d for r in self.results for d in r.diagnostics)

    @property
    def changed(self) -> list[FormatResult]:
        """The files whose layout changes (or would change, under --check)."""
        return [r for r in self.results if r.changed]

    @property
    def failed(self) -> int:
        """Files that could not be formatted or written."""
        return sum(r.failed for r in self.results) + len(self.unwritable)

    @property
    def done(self) -> int:
        """Files reformatted (or that would be, under --check)."""
        return len(self.changed) - len(self.unwritable)

    @property
    def unchanged(self) -> int:
        """Files already in the canonical layout."""
        return len(self.results) - len(self.changed) - sum(r.failed for r in self.results)

    @property
    def fails(self) -> bool:
        """Whether the run fails: a file could not be formatted, or --check found one to reformat."""
        return bool(self.failed) or (self.check and bool(self.changed))


def format_paths(paths: Sequence[Path], *, check: bool, fix_encoding: bool, fast: bool = True) -> FormatRun:
    """Format the files `paths` name; unless `check`, write each changed one atomically in place
    (a read-only file or another user's is left as it is, with a finding that says why); `fast`:
    files proven canonical without the round-trip parse are taken as they are (see `fast_check`)."""
    files = collect_files(paths)
    run = FormatRun(check, [format_file(path, fix_encoding=fix_encoding, fast=fast) for path in files])
    if not check:
        for result in run.changed:
            try:
                refusal = write_refusal(result.path)
                if refusal is not None:
                    result.diagnostics.append(refusal)
                    result.formatted = None  # not formatted: counted as failed, its finding says why
                    continue
                write_result(result)
            except OSError as exc:
                run.unwritable[result.path] = exc.strerror or str(exc)
    return run
