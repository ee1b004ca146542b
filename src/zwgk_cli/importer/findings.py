"""The findings of one import: every problem as a Diagnostic located at its table cell.

Why a collector: the table readers report where a value came from (``Sheet1!F12``, ``表2 第5行第3列``),
and a cell that already has a finding is not reported again as merely empty.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from zwgk_cli.core.diagnostics import Diagnostic, Text
from zwgk_cli.core.messages import MESSAGES, say


@dataclass(slots=True)
class Findings:
    """Diagnostics about the file `path`, in the order they were found."""

    path: Path
    diagnostics: list[Diagnostic] = field(default_factory=list)
    reported: set[str] = field(default_factory=set)

    def report(self, key: str, ref: str, /, **values: object) -> None:
        """The finding `key` (a code, or code.variant) at `ref` (a cell, a table or the file), with its hint."""
        self.reported.add(ref)
        hint_key = f"{key}.hint"
        hint = say(hint_key, **values) if hint_key in MESSAGES else None
        message = say("ui.importer.at", ref=ref, message=say(key, **values))
        code = key.split(".", 1)[0]
        self.diagnostics.append(Diagnostic(code, message, file=self.path, path=(ref,), hint=hint))


def listed(values: Iterable[str]) -> Text:
    """Names run together: with “、” in Chinese, with commas in English."""
    names = list(values)
    return Text("、".join(names), ", ".join(names))
