"""The fast way to read a clean file: yaml-rs (a Rust YAML 1.2 loader), no positions.

Why: the position-keeping parse (ruamel.yaml's pure-Python event stream) costs about two hundred
times what yaml-rs does, and positions are only needed for files that have findings.
`check_catalogue` reads every file this way first and re-reads only the files with findings the
careful way, so every finding still carries file:line:column and the findings are the same either
way (tests prove it).

The fast reader gives exactly the data the careful one gives, or nothing. yaml-rs resolves plain
scalars by the YAML 1.2 core schema as the careful reader does, except that it also reads `1_000`,
`0b101`, `+0x1F` and `-0o7` as numbers; a file with anything that could be read that way, or with
anything the careful reader treats specially (anchors, aliases, tags, directives, several
documents, YAML 1.1 line breaks), goes to the careful reader. Duplicate keys make yaml-rs fail, so
such a file goes there too. yaml-rs resolves keys (`1:` is the number 1) where the careful reader
keeps the text as written, and it nests deeper than the careful reader allows: one walk over the
result (about a tenth of the load's time) sends files with such keys or nesting there as well.
"""

from __future__ import annotations

import re
from typing import Any

try:  # a wheel for every usual platform; without it every file takes the careful path
    import yaml_rs

    _loads: Any = yaml_rs.loads
    _Error: Any = yaml_rs.YAMLDecodeError
except ImportError:  # pragma: no cover - yaml-rs is a dependency
    _loads = None
    _Error = Exception

# Characters that may start an anchor, alias, tag or directive: rare in catalogue text, so any of
# them anywhere sends the file to the careful reader (a false alarm only costs time).
_SPECIAL_CHARS = ("&", "*", "!", "%")
# A document marker after the first line (a single leading `---` is an ordinary start).
_MARKER = re.compile(r"\n(?:---|\.\.\.)(?:[ \n]|$)")
# Numbers yaml-rs reads but YAML 1.2 core does not: digit groups with `_`, binary, signed 0x/0o.
# Each pattern starts with a literal, so the search skips ahead in C; the rarer ones are only
# searched for when their literal occurs at all.
_DIGIT_GROUP = re.compile(r"_(?<=[0-9]_)")
_PREFIXED = re.compile(r"0b[01]|[-+]0[xo]")
# Line breaks in YAML 1.1 but ordinary characters in YAML 1.2.
_YAML11_BREAKS = ("\u2028", "\u2029", "\x85")


class Fallback(Exception):
    """The fast reader cannot promise the careful reader's result for this file."""


def fast_parse(text: str, max_depth: int) -> Any:
    """The file's plain data, or Fallback."""
    if _loads is None or _risky(text):
        raise Fallback
    try:
        data = _loads(text, parse_datetime=False)
    except (_Error, RecursionError, ValueError) as exc:
        raise Fallback from exc
    if data is None or not _plain(data, max_depth - 1):
        raise Fallback
    return data


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
        or (("\n---" in text or "\n..." in text) and _MARKER.search(text) is not None)
        or _DIGIT_GROUP.search(text) is not None
        or (("0b" in text or "0x" in text or "0o" in text) and _PREFIXED.search(text) is not None)
    )
