"""Comments and blank lines as they stand in a text, found outside every scalar, and their tidying."""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass

from ruamel.yaml import YAML
from ruamel.yaml.events import (
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)


@dataclass(frozen=True, slots=True)
class Comment:
    """One comment: where it starts (1-based), its text, inside [ ] or { }, alone on its line."""

    line: int
    column: int
    text: str
    in_flow: bool
    full_line: bool


@dataclass(slots=True)
class TextLayout:
    """The comments and blank lines of a text, found outside every scalar."""

    comments: list[Comment]
    blank_lines: int
    explicit_start: bool


def text_layout(text: str) -> TextLayout:
    """The comments of `text` (inside [ ] or { } or not) and its blank lines between content."""
    # A `#` starts a comment when it begins a line or follows a space, outside every scalar (the
    # parser's scalar spans tell where scalars are). Blank lines are counted outside scalars and
    # flow collections, not counting those before the first or after the last non-blank line.
    scalars: list[tuple[int, int]] = []
    flows: list[tuple[int, int]] = []
    open_flows: list[int | None] = []
    explicit_start = False
    for event in YAML(typ="rt", pure=True).parse(text):
        if isinstance(event, ScalarEvent):
            scalars.append((event.start_mark.index, event.end_mark.index))
        elif isinstance(event, MappingStartEvent | SequenceStartEvent):
            open_flows.append(event.start_mark.index if event.flow_style else None)
        elif isinstance(event, MappingEndEvent | SequenceEndEvent):
            start = open_flows.pop()
            if start is not None and (not open_flows or open_flows[-1] is None):
                flows.append((start, event.end_mark.index))
        elif isinstance(event, DocumentStartEvent) and event.explicit:
            explicit_start = True
    scalars.sort()
    flows.sort()
    comments: list[Comment] = []
    blanks: list[int] = []
    offset = 0
    lines = text.split("\n")
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    first, last = (nonblank[0], nonblank[-1]) if nonblank else (0, -1)
    for number, line in enumerate(lines):
        if not line.strip():
            if first < number < last and not _inside(scalars, offset) and not _inside(flows, offset):
                blanks.append(number)
        else:
            column = 0
            while (column := line.find("#", column)) != -1:
                if (column == 0 or line[column - 1] in " \t") and not _inside(scalars, offset + column):
                    comments.append(
                        Comment(
                            number + 1,
                            column + 1,
                            line[column:].rstrip(),
                            _inside(flows, offset + column),
                            not line[:column].strip(),
                        )
                    )
                    break
                column += 1
        offset += len(line) + 1
    return TextLayout(comments, len(blanks), explicit_start)


def tidy_comment_lines(text: str, comments: list[Comment]) -> str:
    """Indent a full-line comment like the line it precedes; put two spaces before an end-of-line one."""
    lines = text.split("\n")
    full_lines = {c.line - 1 for c in comments if c.full_line}
    for comment in comments:
        index = comment.line - 1
        line = lines[index]
        if comment.full_line:
            following = next(
                (j for j in range(index + 1, len(lines)) if lines[j].strip() and j not in full_lines), None
            )
            if following is not None:
                indent = len(lines[following]) - len(lines[following].lstrip(" "))
                lines[index] = " " * indent + line.lstrip(" ")
        else:
            lines[index] = line[: comment.column - 1].rstrip() + "  " + line[comment.column - 1 :]
    return "\n".join(lines)


def is_comment_line(line: str) -> bool:
    """Whether a line holds only a comment."""
    return line.lstrip(" ").startswith("#")


def _inside(spans: list[tuple[int, int]], index: int) -> bool:
    """Whether `index` is strictly inside one of `spans` (sorted and disjoint)."""
    at = bisect.bisect_right(spans, (index, math.inf)) - 1
    return at >= 0 and spans[at][0] < index < spans[at][1]
