"""Characters a published text should never hold, because nobody can see them: control characters,
bidirectional overrides and isolates, zero-width characters.

Why: pasted from a web page or a Word file, or planted on purpose, they go into the published
catalogue unseen. A right-to-left override shows text in another order than it is stored ("Trojan
source"), an ESC written as "\\x1b" in a quoted value reaches every terminal and CI log that prints
it, a zero-width space makes two equal-looking names differ. YAML itself refuses a raw control
character (the careful reader reports it); an escape in a double-quoted value puts one in the text,
and bidirectional and zero-width characters are ordinary printable characters to YAML.

A clean file (the usual case) costs next to nothing: the fast reader's one search for what YAML
refuses looks for these too (PRINTABLE_INVISIBLE) and hands a file holding one to the careful
reader; only such a file, or one with a backslash (an escape may write one), has its values looked at.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from zwgk_cli.core.diagnostics import Diagnostic, say
from zwgk_cli.core.invisible_chars import BIDI, CONTROL, INVISIBLE, OTHER_FORMAT, ZERO_WIDTH, find_invisible
from zwgk_cli.core.source import FieldPath, SourceDocument

# The printable ones (to YAML) up to U+FFFF: the fast reader sends a file holding one to the careful
# reader, in the one search it makes for the characters YAML refuses. (Those past U+FFFF would slow
# that search fourfold: `loading` looks for them only in a text that can hold them, `is_wide`.)
PRINTABLE_INVISIBLE = "\x85\u2028\u2029" + BIDI + ZERO_WIDTH + OTHER_FORMAT
_KINDS = (
    ("control", re.compile(f"[{CONTROL}]")),
    ("bidi", re.compile(f"[{BIDI}]")),
    ("zero-width", re.compile(f"[{ZERO_WIDTH}]")),
)
# How a double-quoted YAML value writes such a character: \xHH, \uHHHH, \UHHHHHHHH or a letter.
_ESCAPE = re.compile(r"\\(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|[0abtvfreN_LP])")
_LETTER_ESCAPES = {
    "0": "\x00",
    "a": "\x07",
    "b": "\x08",
    "t": "\t",
    "v": "\x0b",
    "f": "\x0c",
    "r": "\r",
    "e": "\x1b",
    "N": "\x85",
    "_": "\xa0",
    "L": "\u2028",
    "P": "\u2029",
}
# Control characters have no name in the Unicode character database, only these aliases.
_CONTROL_NAMES = {
    0x00: "NULL",
    0x07: "BELL",
    0x08: "BACKSPACE",
    0x0B: "LINE TABULATION",
    0x0C: "FORM FEED",
    0x0D: "CARRIAGE RETURN",
    0x1B: "ESCAPE",
    0x7F: "DELETE",
    0x85: "NEXT LINE",
}


def holds_invisible(data: Any) -> bool:
    """Whether any text in `data` (a file's plain data) holds such a character."""
    return next(_texts(data, ()), None) is not None


def invisible_findings(doc: SourceDocument) -> list[Diagnostic]:
    """One warning for each value of `doc` (read with positions) holding such a character, at the
    first one. Only worth calling when the text holds one, or a backslash (an escape may write one)."""
    # the field names come from the models: imported only when a file holds such a character
    from zwgk_cli.core.catalogue import item_id_at
    from zwgk_cli.core.wording import describe, root_model

    found: list[Diagnostic] = []
    starts: list[int] | None = None
    root = root_model(doc.path.name in ("zwgk.yaml", "zwgk.yml"))
    for path, value, match in _texts(doc.data, ()):
        if starts is None:
            starts = [0, *(m.end() for m in re.finditer("\n", doc.text))]
        char = match.group()
        line, column = _where(doc, starts, path, value, char)
        count = len(INVISIBLE.findall(value))
        kind = next((name for name, pattern in _KINDS if pattern.match(char)), "format")
        key = "text-invisible-char" if count == 1 else "text-invisible-char.many"
        msg = say(
            key,
            where=describe(root, path, doc.data),
            char=_label(char),
            kind=say(f"text-invisible-char.{kind}"),
            effect=say(f"text-invisible-char.{kind}.effect"),
            count=count,
        )
        line_text = doc.line_text(line)
        found.append(
            Diagnostic(
                "text-invisible-char",
                msg,
                file=doc.path,
                line=line,
                column=column,
                path=path,
                item_id=item_id_at(doc, path),
                hint=say("text-invisible-char.hint"),
                excerpt=line_text,  # every report shows each such character as its escape
            )
        )
    return found


def _texts(value: Any, path: FieldPath) -> Iterator[tuple[FieldPath, str, re.Match[str]]]:
    """Each text in `value` holding such a character, with its path and the first one."""
    if isinstance(value, str):
        match = find_invisible(value)
        if match is not None:
            yield path, value, match
    elif isinstance(value, dict):
        for key, child in value.items():
            yield from _texts(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _texts(child, (*path, index))


def _where(doc: SourceDocument, starts: list[int], path: FieldPath, value: str, char: str) -> tuple[int, int]:
    """Line and column of `char` in the value at `path`: where it stands itself, or the escape
    that writes it, whichever comes first from the start of the value (else the value's start)."""
    pos = doc.value_pos(path)
    start = starts[pos.line - 1] + pos.column - 1 if pos.line <= len(starts) else 0
    # The value is written within this many characters of its start (ten for an escape such as
    # \U0000202E, and the indentation of each line of a block): each look stays linear in the value.
    end = min(len(doc.text), start + 200 * len(value) + 1000)
    raw = doc.text.find(char, start, end)
    candidates = [raw] if raw != -1 else []
    for escape in _ESCAPE.finditer(doc.text, start, raw if raw != -1 else end):
        if _escaped(escape.group()) == char:
            candidates.append(escape.start())
            break
    if not candidates:
        return pos.line, pos.column
    at = min(candidates)
    line = bisect.bisect_right(starts, at)
    return line, at - starts[line - 1] + 1


def _escaped(escape: str) -> str:
    """The character a YAML escape such as ``\\x1b``, ``\\u202e`` or ``\\e`` stands for."""
    body = escape[1:]
    if body[0] in "xuU":
        code = int(body[1:], 16)
        return chr(code) if code <= 0x10FFFF else ""  # past the last character: text, not an escape
    return _LETTER_ESCAPES[body]


def _label(char: str) -> str:
    """``U+202E RIGHT-TO-LEFT OVERRIDE``."""
    code = ord(char)
    name = unicodedata.name(char, None) or _CONTROL_NAMES.get(code, "CONTROL CHARACTER")
    return f"U+{code:04X} {name}"
