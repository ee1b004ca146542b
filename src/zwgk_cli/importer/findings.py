"""The findings of one import: every problem as a Diagnostic located at its table cell.

Why a collector: the table readers report where a value came from (``Sheet1!F12``, ``表2 第5行第3列``),
and a cell that already has a finding is not reported again as merely empty.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from zwgk_cli.core.diagnostics import Diagnostic, Text


@dataclass(slots=True)
class Findings:
    """Diagnostics about the file `path`, in the order they were found."""

    path: Path
    diagnostics: list[Diagnostic] = field(default_factory=list)
    reported: set[str] = field(default_factory=set)

    def report(self, code: str, ref: str, zh: str, en: str, hint: Text | None = None) -> None:
        """A finding at `ref` (a cell, a table or the file): the message starts with it."""
        self.reported.add(ref)
        self.diagnostics.append(
            Diagnostic(code, Text(f"{ref}：{zh}", f"{ref}: {en}"), file=self.path, path=(ref,), hint=hint)
        )
