"""A loaded source file: its plain data and where every key and value was written.

Nothing outside `loading` knows how YAML is parsed; everything else works on `SourceDocument`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FieldPath = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Pos:
    """A 1-based line and column (columns count characters)."""

    line: int
    column: int


@dataclass(slots=True)
class SourceDocument:
    """One file as plain Python data, with positions for every key and value."""

    path: Path
    text: str
    data: Any = None
    values: dict[FieldPath, Pos] = field(default_factory=dict)
    keys: dict[FieldPath, Pos] = field(default_factory=dict)
    # Values this document took from another one (an upstream item's inherited fields):
    # a path prefix here → (the document it was written in, its path there).
    origins: dict[FieldPath, tuple[SourceDocument, FieldPath]] = field(default_factory=dict)
    # False when read the fast way (see fastload): values and keys are empty, and so is text
    positions: bool = True
    _lines: list[str] | None = None

    def origin(self, path: FieldPath) -> tuple[SourceDocument, FieldPath] | None:
        """Where the value at `path` was written when it came from another document."""
        for length in range(len(path), 0, -1):
            hit = self.origins.get(path[:length])
            if hit is not None:
                return hit[0], (*hit[1], *path[length:])
        return None

    def lines(self) -> list[str]:
        """The file's lines, without line ends."""
        if self._lines is None:
            self._lines = self.text.splitlines()
        return self._lines

    def line_text(self, line: int) -> str | None:
        """Line `line` (1-based) as written, or None past the end."""
        lines = self.lines()
        return lines[line - 1] if 1 <= line <= len(lines) else None

    def value_pos(self, path: FieldPath) -> Pos:
        """Where the value at `path` was written; falls back to the nearest enclosing value."""
        probe = path
        while probe:
            pos = self.values.get(probe)
            if pos is not None:
                return pos
            probe = probe[:-1]
        return self.values.get((), Pos(1, 1))

    def key_pos(self, path: FieldPath) -> Pos:
        """Where the key of `path` was written (a list item: its value); falls back like `value_pos`."""
        pos = self.keys.get(path)
        return pos if pos is not None else self.value_pos(path)

    def raw_value(self, path: FieldPath) -> str | None:
        """The scalar at `path` exactly as typed in the file (e.g. ``001`` for the number 1)."""
        pos = self.values.get(path)
        if pos is None:
            return None
        text = self.line_text(pos.line)
        if text is None:
            return None
        rest = text[pos.column - 1 :]
        end = len(rest)
        for stop in (" #", ",", "]", "}"):
            at = rest.find(stop)
            if at != -1:
                end = min(end, at)
        return rest[:end].strip() or None
