"""The one record every problem becomes, and the helpers that order and count them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from zwgk_cli.core.codes import CODES
from zwgk_cli.core.messages import Lang, Text, say

__all__ = ["Diagnostic", "Lang", "Severity", "Summary", "Text", "ZwgkError", "say"]

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding: where it is, what is wrong, and how to fix it.

    `line` and `column` are 1-based and count characters (a BOM is not counted).
    `path` is the field path inside the file, e.g. ``("items", 3, "mode")``.
    `waived` holds the reason of a waiver that silences this finding for one item.
    """

    code: str
    message: Text
    file: Path | None = None
    line: int | None = None
    column: int | None = None
    path: tuple[str | int, ...] = ()
    item_id: str | None = None
    hint: Text | None = None
    excerpt: str | None = None
    waived: str | None = None
    severity: Severity = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "severity", CODES[self.code].severity)

    @property
    def counts(self) -> bool:
        """Whether this finding counts towards the totals (a waived one does not)."""
        return self.waived is None

    def with_waiver(self, reason: str) -> Diagnostic:
        """The same finding, marked as waived with `reason`."""
        return replace(self, waived=reason)

    def path_text(self) -> str:
        """The field path as people write it: ``items[3].mode``."""
        return format_path(self.path)

    def sort_key(self) -> tuple[str, int, int, str]:
        """File, then position, then code: the order every report uses."""
        return (
            self.file.as_posix() if self.file else "",
            self.line or 0,
            self.column or 0,
            self.code,
        )


def format_path(path: Sequence[str | int]) -> str:
    """``("items", 3, "mode")`` → ``items[3].mode``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


class ZwgkError(Exception):
    """Stops a command that cannot run (exit 2), carrying a message in both languages."""

    def __init__(self, message: Text) -> None:
        super().__init__(message.zh)
        self.text = message


@dataclass(frozen=True, slots=True)
class Summary:
    """What a check looked at and what it found."""

    files: int
    domains: int
    items: int
    errors: int
    warnings: int
    waived: int


def summarize(diagnostics: Iterable[Diagnostic], *, files: int, domains: int, items: int) -> Summary:
    """Count errors, warnings and waived findings."""
    errors = warnings = waived = 0
    for d in diagnostics:
        if not d.counts:
            waived += 1
        elif d.severity == "error":
            errors += 1
        else:
            warnings += 1
    return Summary(files=files, domains=domains, items=items, errors=errors, warnings=warnings, waived=waived)


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Every report lists findings in the same stable order."""
    return sorted(diagnostics, key=Diagnostic.sort_key)
