"""The fast way to read a clean file: yaml-rs (a Rust YAML 1.2 loader), no positions.

Why: the position-keeping parse (ruamel.yaml's pure-Python event stream) costs about two hundred
times what yaml-rs does, and positions are only needed for files that have findings.
`check_catalogue` reads every file this way first and re-reads only the files with findings, finding
positions with the careful reader item by item as they are asked for (`parts`), so every finding
still carries file:line:column and the findings are the same either way (tests prove it).

The fast reader gives exactly the data the careful one gives, or nothing. yaml-rs resolves plain
scalars by the YAML 1.2 core schema as the careful reader does, except that it also reads `1_000`,
`_0`, `0b101`, `+0x1F` and `-0o7` as numbers, and it accepts a few things the careful reader
refuses or reads otherwise (a `>` or `|` starting a value in a flow list, a tab after a colon, a
`?` key indicator, a colon before a flow indicator, empty block scalars); a file with anything that could be read that way, or with anything the careful
reader treats specially (anchors, aliases, tags, directives, several documents, YAML 1.1 line
breaks, control characters, which yaml-rs reads as text), goes to the careful reader. Duplicate
keys make yaml-rs fail, so such a file goes there too. yaml-rs resolves keys (`1:` is the number 1) where the careful reader
keeps the text as written, and it nests deeper than the careful reader allows: one walk over the
result (about a tenth of the load's time) sends files with such keys or nesting there as well.
"""

from __future__ import annotations

import re
from typing import Any

from zwgk_cli.sources.invisible import PRINTABLE_INVISIBLE

try:  # a wheel for every usual platform; without it every file takes the careful path
    import yaml_rs

    _loads: Any = yaml_rs.loads
    _Error: Any = yaml_rs.YAMLDecodeError
except ImportError:  # pragma: no cover - yaml-rs is a dependency
    _loads = None
    _Error = Exception

# Characters that may start an anchor, alias, tag or directive, the tab (the careful reader
# refuses some tabs yaml-rs accepts) and a byte-order mark after the first (the careful reader
# drops it at the start of a file, yaml-rs keeps it): rare in catalogue text, so any of them
# anywhere sends the file to the careful reader (a false alarm only costs time).
_SPECIAL_CHARS = ("&", "*", "!", "%", "\t", "\ufeff")
# A document marker after the first line (a single leading `---` is an ordinary start).
_MARKER_START = re.compile(r"\n(?:---|\.\.\.)")
_MARKER = re.compile(r"\n(?:---|\.\.\.)(?:[ \n]|$)")
# Numbers yaml-rs reads but YAML 1.2 core does not: yaml-rs drops any `_` from a number (`1_000`,
# `_0`, `1.5_`), and reads binary and signed 0x/0o. The searches start with a literal, so they
# skip ahead in C; the rarer ones run only when their literal occurs at all.
_UNDERSCORE_NUMBER = re.compile(r"_(?:(?<=[0-9.]_)|(?=[0-9.]))")
_PREFIX_START = re.compile(r"0[bxo]")
# (only where a plain scalar can begin: inside a word, as in a claimed_hash like ea90faf0b170, it is text)
_PREFIXED = re.compile(r"(?:^|(?<=[\s\[{,:+-]))0b[01]|(?:^|(?<=[\s\[{,:]))[-+]0[xo]", re.MULTILINE)
# `|`, `>` and `?` start a block scalar or mark a key where they begin a value; yaml-rs reads some
# such places differently from the careful reader (an empty block scalar, `[?0]`, `{k: |}`).
_INDICATORS = re.compile(r"[|>?]")
# `?` before a space or the end marks a key the careful reader reads as a mapping, yaml-rs as text.
_QUESTION = re.compile(r"\?(?=[\s,\]}]|$)")
# A colon right before another colon or a flow indicator: the readers split such text differently.
_COLON = re.compile(r"::|:[,\[\]{}]")
# Line breaks in YAML 1.1 but ordinary characters in YAML 1.2.
_YAML11_BREAKS = ("\u2028", "\u2029", "\x85")
# Characters YAML does not allow in a file (control characters, surrogates, U+FFFE, U+FFFF): the
# careful reader reports them; yaml-rs reads them as text. (Written as the characters refused rather
# than those allowed: the same set in decoded text, but ten times quicker to compile.)
# The invisible characters YAML allows (bidirectional controls, zero-width characters) are sought in
# the same search: their findings need the careful reader's positions (see `invisible`).
_NON_PRINTABLE = re.compile(
    f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff{PRINTABLE_INVISIBLE}]"
)


# An escape that stands for half a character (a lone surrogate, "\ud800"): the careful reader
# reports it; yaml-rs reads it into the text.
_SURROGATE_ESCAPE = re.compile(r"\\(?:u|U0000)[dD][89a-fA-F]")


class Fallback(Exception):
    """The fast reader cannot promise the careful reader's result for this file."""


def fast_parse(text: str, max_depth: int, *, walk: bool = True) -> Any:
    """The file's plain data, or Fallback. Without `walk`, the walk that finds keys yaml-rs read
    otherwise and nesting too deep is left to the caller (see `plain_data`)."""
    if _loads is None or _risky(text):
        raise Fallback
    try:
        data = _loads(text, parse_datetime=False)
    except (_Error, RecursionError, ValueError) as exc:
        raise Fallback from exc
    if data is None or (walk and not plain_data(data, max_depth)):
        raise Fallback
    return data


def plain_data(data: Any, max_depth: int) -> bool:
    """Whether every key in `data` is text and nothing nests deeper than `max_depth` containers:
    what the careful reader would read the same."""
    return _plain(data, max_depth - 1)


def _plain(node: Any, depth: int) -> bool:
    """Every key is text and nothing nests deeper than `depth` containers below `node`."""
    if depth < 0:
        return False
    if type(node) is dict:
        for key, value in node.items():
            if type(key) is not str:
                return False
            if (type(value) is dict or type(value) is list) and not _plain(value, depth - 1):
                return False
    elif type(node) is list:
        for value in node:
            if (type(value) is dict or type(value) is list) and not _plain(value, depth - 1):
                return False
    return True


def _risky(text: str) -> bool:
    return (
        any(ch in text for ch in _SPECIAL_CHARS)
        or any(ch in text for ch in _YAML11_BREAKS)
        or _NON_PRINTABLE.search(text) is not None
        or (_MARKER_START.search(text) is not None and _MARKER.search(text) is not None)
        or _UNDERSCORE_NUMBER.search(text) is not None
        or (("|" in text or ">" in text or "?" in text) and _indicator_starts_value(text))
        or ("?" in text and _QUESTION.search(text) is not None)
        or _COLON.search(text) is not None
        or (_PREFIX_START.search(text) is not None and _PREFIXED.search(text) is not None)
        or ("\\" in text and _SURROGATE_ESCAPE.search(text) is not None)
    )


def _indicator_starts_value(text: str) -> bool:
    """Whether a `|`, `>` or `?` begins a line or follows `[ { , : -` (and spaces): where it can be
    an indicator rather than text. These characters are rare in catalogues, so looking at each
    occurrence in Python costs nothing."""
    for match in _INDICATORS.finditer(text):
        before = match.start() - 1
        while before >= 0 and text[before] in " \t":
            before -= 1
        if before < 0 or text[before] in "[{,:-\n":
            return True
    return False
