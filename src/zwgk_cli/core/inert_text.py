"""User text made safe to show: one line, nothing a terminal, a CI log or a PR comment acts on.

Why: values, keys, excerpts, file names and revision names come from files anyone can edit. Printed
raw, a newline in a value can start a line with ``::warning …::`` (a GitHub workflow command), an
ESC sequence can clear or rewrite the reviewer's terminal, a bidi override can show text in another
order than it is stored, and ``@org/team`` in a pull-request comment pings people. Every report
passes such text through `one_line` (and Markdown through `markdown_text`) where it is written.
"""

from __future__ import annotations

import re
import unicodedata

# control characters, format characters (bidi overrides, zero-width), lone surrogates (file names
# read with surrogateescape) and the line and paragraph separators
_UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#])")
# GitHub links @name and @org/team; a comment between @ and the name leaves the text as it reads
_MENTION = re.compile(r"@(?=[0-9A-Za-z_-])")
MENTION_BREAK = "@<!-- -->"


def visible_escape(ch: str) -> str:
    """How one unsafe character is shown: ``\\n``, ``\\x1b``, ``\\u202e``, ``\\U000e0041``."""
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def is_unsafe(ch: str) -> bool:
    """Whether `ch` must not reach a terminal, a log or a comment as it is."""
    return unicodedata.category(ch) in _UNSAFE_CATEGORIES


def one_line(text: str) -> str:
    """`text` on one line with every control, format and separator character shown as its escape."""
    if text.isprintable():  # the usual case: no control or format character at all
        return text
    return "".join(visible_escape(ch) if is_unsafe(ch) else ch for ch in text)


def markdown_text(text: str) -> str:
    """`text` as Markdown shows it written: one line, no links, emphasis, HTML, table breaks or @mentions."""
    escaped = _MD_SPECIAL.sub(r"\\\1", one_line(text))
    return _MENTION.sub(MENTION_BREAK, escaped)
