"""User text made safe to show: one line, nothing a terminal, a CI log or a PR comment acts on.

Why: values, keys, excerpts, file names and revision names come from files anyone can edit. Printed
raw, a newline in a value can start a line with ``::warning …::`` (a GitHub workflow command), an
ESC sequence can clear or rewrite the reviewer's terminal, a bidi override can show text in another
order than it is stored, and ``@org/team`` in a pull-request comment pings people. Every report
passes such text through `one_line` (and Markdown through `markdown_text`) where it is written.
"""

from __future__ import annotations

import re

from zwgk_cli.core.invisible_chars import INVISIBLE, escape

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#])")
# GitHub links @name and @org/team; a comment between @ and the name leaves the text as it reads
_MENTION = re.compile(r"@(?=[0-9A-Za-z_-])")
MENTION_BREAK = "@<!-- -->"


def is_unsafe(ch: str) -> bool:
    """Whether `ch` must not reach a terminal, a log or a comment as it is: an invisible character
    (core.invisible_chars), tab, line feed, or a lone surrogate (a file name read with surrogateescape)."""
    return ch in "\t\n" or "\ud800" <= ch <= "\udfff" or INVISIBLE.match(ch) is not None


def shown_chars(text: str) -> list[str]:
    """How each character of `text` is shown: itself, or its escape.

    Escaped: control, format and separator characters; the first ``:`` of a ``::`` that would
    begin a line after blanks (a GitHub runner trims them, then reads a workflow command); the
    ``[`` of ``##[`` (its older command form, read anywhere in a line). One entry per character,
    so a caret can be placed under a column of the shown text.
    """
    shown: list[str] = []
    leading = True  # still among the blanks a line may start with
    for index, ch in enumerate(text):
        starts_command = leading and ch == ":" and text[index + 1 : index + 2] == ":"
        old_command = ch == "[" and index >= 2 and text[index - 2 : index] == "##"
        shown.append(escape(ch) if is_unsafe(ch) or starts_command or old_command else ch)
        leading = leading and ch.isspace() and not is_unsafe(ch)
    return shown


def one_line(text: str) -> str:
    """`text` on one line, inert: see `shown_chars` for what is shown as an escape."""
    if text.isprintable() and "##[" not in text and not text.lstrip().startswith("::"):
        return text  # the usual case
    return "".join(shown_chars(text))


def markdown_text(text: str) -> str:
    """`text` as Markdown shows it written: one line, no links, emphasis, HTML, table breaks or @mentions."""
    escaped = _MD_SPECIAL.sub(r"\\\1", one_line(text))
    return _MENTION.sub(MENTION_BREAK, escaped)


def json_inert(document: str) -> str:
    """JSON text with every unsafe character inside its strings written as a ``\\uXXXX`` escape.

    json.dumps already escapes C0 controls; this covers the rest (DEL, C1, bidi overrides,
    zero-width characters, separators). The escapes decode to the same values, so nothing a
    tool reads changes, while the text printed to a terminal or a log stays inert. A raw newline
    in json.dumps's output is always layout between tokens, never inside a string, so it stays.
    """
    if document.isprintable() or all(ch == "\n" or not is_unsafe(ch) for ch in document):
        return document
    return "".join(_json_escape(ch) if ch != "\n" and is_unsafe(ch) else ch for ch in document)


def _json_escape(ch: str) -> str:
    code = ord(ch)
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
