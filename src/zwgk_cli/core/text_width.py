"""How wide a text shows: the wide and full-width characters (CJK, full-width punctuation) counted.

A terminal gives such a character two columns, a spreadsheet about 1.8 character units; both count
them here, with Unicode's East Asian Width (W or F).
"""

from __future__ import annotations

import functools
import re
import unicodedata

_WIDE = ("W", "F")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_PATTERN_FROM = 32  # shorter texts are counted one character at a time (no pattern to build)


def wide_count(text: str) -> int:
    """How many characters of `text` are wide or full-width.

    A long text is counted with a pattern of the wide characters, at C speed (a province's workbook
    measures some 20 million characters); the pattern is built on first use (about 30 ms).
    """
    if text.isascii():
        return 0
    if len(text) < _PATTERN_FROM or _ASTRAL.search(text):  # beyond the Basic Multilingual Plane: rare
        return sum(1 for ch in text if unicodedata.east_asian_width(ch) in _WIDE)
    return len(text) - len(_wide_pattern().sub("", text))


def terminal_width(text: str) -> int:
    """Terminal columns of `text`: wide and full-width characters take two."""
    return len(text) + wide_count(text)


@functools.cache
def _wide_pattern() -> re.Pattern[str]:
    """The wide and full-width characters of the Basic Multilingual Plane, as Unicode lists them."""
    ranges: list[str] = []
    first = -1
    for code in range(0x10000 + 1):
        wide = code < 0x10000 and unicodedata.east_asian_width(chr(code)) in _WIDE
        if wide and first < 0:
            first = code
        elif not wide and first >= 0:
            ranges.append(
                re.escape(chr(first)) + ("-" + re.escape(chr(code - 1)) if code - 1 > first else "")
            )
            first = -1
    return re.compile("[" + "".join(ranges) + "]")
