"""The characters nobody can see in a text, defined once for every stage.

Which: Unicode's controls (Cc: C0 but tab and line feed, DEL, C1), format characters (Cf: bidi
marks, embeddings, overrides and isolates, zero-width space and joiners, word joiner, BOM, soft
hyphen, tag characters …) and the line and paragraph separators (Zl, Zp), of Unicode 14 (Python
3.11's unicodedata; a test compares the two). Tab and line feed are ordinary white space.

Where they are dealt with: `sources.invisible` warns of them in the sources (text-invisible-char);
reports show each as the escape a YAML double-quoted value writes it with (`escape`, e.g. ``\\x1b``,
``\\u202e``), so a value quoted in a message can neither act on a terminal or CI log nor reorder
what is shown around it; the built outputs write each as ``[U+202E]`` (`render.visible`).
"""

from __future__ import annotations

import re
import sys

CONTROL = "\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029"  # C0 (not tab or line feed), DEL, C1, separators
BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
ZERO_WIDTH = "\u200b-\u200d\u2060\ufeff"  # U+FEFF at the very start of a file is a BOM, dropped on reading
# The other format characters: soft hyphen, Arabic and Syriac number marks, invisible operators,
# deprecated format controls, interlinear annotation marks …; then those past U+FFFF (Kaithi and
# Egyptian marks, shorthand format controls, musical symbols, tags).
OTHER_FORMAT = "\xad\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\u180e\u2061-\u2064\u206a-\u206f\ufff9-\ufffb"
ASTRAL_FORMAT = (
    "\U000110bd\U000110cd\U00013430-\U00013438\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f"
)
INVISIBLE = re.compile(f"[{CONTROL}{BIDI}{ZERO_WIDTH}{OTHER_FORMAT}{ASTRAL_FORMAT}]")
# The same without the characters past U+FFFF: a set with them is searched four times slower (0.8 s
# instead of 0.2 s over a province's 43 million characters), and most texts cannot hold them.
_BMP = re.compile(f"[{CONTROL}{BIDI}{ZERO_WIDTH}{OTHER_FORMAT}]")
_EMPTY_SIZE = sys.getsizeof("")


def is_wide(text: str) -> bool:
    """Whether `text` may hold a character past U+FFFF, told without reading it: CPython keeps such
    a text four bytes a character (PEP 393), any other in one or two. (A short text of two-byte
    characters may answer yes; a text that holds one never answers no.) Ask before a native
    extension reads the text: one that asks CPython for it as wchar_t leaves a copy four bytes a
    character inside the text object, which getsizeof counts (yaml-rs does, for some files)."""
    return sys.getsizeof(text) - _EMPTY_SIZE >= 4 * len(text)


def invisible_characters() -> list[str]:
    """Every character `INVISIBLE` matches, in order (its set written out: ranges expanded)."""
    body = CONTROL + BIDI + ZERO_WIDTH + OTHER_FORMAT + ASTRAL_FORMAT
    found: list[str] = []
    at = 0
    while at < len(body):  # the sets above hold no "-" but between the two ends of a range
        if at + 2 < len(body) and body[at + 1] == "-":
            found += map(chr, range(ord(body[at]), ord(body[at + 2]) + 1))
            at += 3
        else:
            found.append(body[at])
            at += 1
    return found


def find_invisible(text: str) -> re.Match[str] | None:
    """The first invisible character in `text` (as `INVISIBLE.search`, quicker on most texts)."""
    return (INVISIBLE if is_wide(text) else _BMP).search(text)


_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def escape(ch: str) -> str:
    """How a report shows `ch`: ``\\n``, ``\\x1b``, ``\\u202e``, ``\\U000e0041`` (as YAML writes it)."""
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def shown_safely(text: str) -> str:
    """`text` with each invisible character shown as its escape (a value quoted in a message)."""
    if text.isprintable() or find_invisible(text) is None:  # isprintable: the fast common case
        return text
    return INVISIBLE.sub(lambda match: escape(match.group()), text)
