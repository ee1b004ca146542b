"""Chinese text wrapped the way Chinese is set: a line may end after any character.

Why: rich breaks lines only at spaces, so in ``输出文件；docx 为输出文件夹。html、xlsx 必须指定。`` it
takes ``为输出文件夹。html、xlsx`` as one word and moves it whole to the next line, leaving
``输出文件；docx`` alone. Here every Chinese character is a place to break, Latin words stay whole,
and closing punctuation (，。）…) never starts a line nor opening punctuation (（《“) end one.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult
    from rich.measure import Measurement
    from rich.text import Text as RichText

CLOSING = set("，。、；：？！）》」』”’…·%") | {"）", "］", "】", "〕"}
OPENING = set("（《「『“‘") | {"［", "【", "〔"}


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def tokens(text: str) -> list[str]:
    """`text` cut where a line may break: each Chinese character, each Latin word, each run of spaces
    (a ``[…]`` note such as ``[默认：catalogues]`` is one piece)."""
    found: list[str] = []
    bracket = False  # inside [默认：catalogues]: kept on one line
    for char in text:
        last = found[-1][-1] if found else ""
        if bracket:
            found[-1] += char
            bracket = char != "]"
        elif char == "[":
            found.append(char)
            bracket = True
        elif not last:
            found.append(char)
        elif char.isspace():
            if last.isspace():
                found[-1] += char
            else:
                found.append(char)
        elif char in CLOSING or last in OPENING:
            found[-1] += char  # 。 stays with what it closes, （ with what it opens
        elif _wide(char) or _wide(last) or last.isspace():
            found.append(char)
        else:
            found[-1] += char  # a Latin word goes on
    return found


def break_offsets(text: str, width: int) -> list[int]:
    """Where to break `text` (character offsets) so that no line is wider than `width` cells."""
    from rich.cells import cell_len, chop_cells

    offsets: list[int] = []
    used = 0
    start = 0
    for token in tokens(text):
        size = cell_len(token.rstrip())
        if used and used + size > width and not token.isspace():
            offsets.append(start)
            used = 0
        if size > width:  # longer than a whole line: cut it where it must be cut
            pieces = chop_cells(token, width)
            for piece in pieces[:-1]:
                start += len(piece)
                offsets.append(start)
            used = cell_len(pieces[-1])
            start += len(pieces[-1])
            continue
        used += cell_len(token)  # a line never starts with spaces (no break before them) but the text may
        start += len(token)
    return offsets


class ChineseText:
    """A rich renderable: `text` with its styles, wrapped at the width it is given (see module docstring)."""

    def __init__(self, text: RichText) -> None:
        self.text = text

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        for paragraph in self.text.split("\n", allow_blank=True):
            for line in paragraph.divide(break_offsets(paragraph.plain, width)):
                line.rstrip()
                line.no_wrap = True
                line.overflow = "ignore"
                yield line

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        from rich.cells import cell_len
        from rich.measure import Measurement

        parts = tokens(self.text.plain.replace("\n", " ")) or [""]
        widest = max(cell_len(line) for line in self.text.plain.split("\n"))
        return Measurement(max(cell_len(part.strip()) for part in parts), widest)
