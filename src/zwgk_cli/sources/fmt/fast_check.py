"""The fast path of fmt: proving a file already canonical without the round-trip parse.

Why: the careful path (see `driver`) parses a file with ruamel.yaml's pure-Python round-trip reader
four times (the file, its comments, the result, its comments) and dumps it once; `zwgk fmt --check`
took sixteen times `zwgk validate`'s time on the shipped catalogue, and both run on every commit.
Most files a check sees are already canonical, and proving that needs neither ruamel's tree nor its
comments.

How: the file is read as `validate` reads a clean file (`load_bytes` with `fast`: yaml-rs, no
positions); its data is written out again line by line the canonical way (`layout`'s key order and
styles, quotes as `scalars` and ruamel.yaml write them), and the file's lines must be exactly those,
with only comments and blank lines between them where fmt leaves them as they are:

- a full-line comment indented like the next line that is not a comment (any indent after the last
  one), no spaces after it; an empty line anywhere but at the start or the end;
- an end-of-line comment two spaces after the content, no spaces after it;
- the file's line ends all LF or all CRLF, a UTF-8 BOM or none, one newline at the end.

A value that can be written more than one way and kept as written (a null as `~`, `null` or nothing;
`true` as `True`; a text YAML 1.1 reads as a date written with or without quotes) may be either.
Anything else — a file with findings, one the fast reader leaves to the careful reader, a number
written another way than Python writes it back, a list of unknown style, a value ruamel would
double-quote, a key too long for one line — is not proven here: the careful path decides, so the
verdict, the result and the findings are the careful path's whenever a file is not proven
canonical, and proven files are exactly those the careful path leaves as they are without a word
(tests/test_fmt_fast.py checks both paths agree on generated files with planted problems).
"""

from __future__ import annotations

import itertools
import math
import re
from pathlib import Path
from typing import Any

from zwgk_cli.sources.fmt.layout import SETTINGS_NAMES, Shape, shape_for
from zwgk_cli.sources.fmt.scalars import may_be_plain
from zwgk_cli.sources.loading import NAME_LISTS, load_bytes, resolve_plain

UTF8_BOM = b"\xef\xbb\xbf"
# Beyond this the dumper may wrap a line (it is told a width of 1,000,000) or write a key as `? key`.
_LONGEST_LINE = 500_000
_LONGEST_KEY = 120
# A line with many values that may each be written several ways (nulls in a [ ] list): not proven.
_MOST_VARIANTS = 16

# What keeps a text from being written plain by ruamel.yaml's emitter (`Emitter.analyze_scalar`),
# for text that is printable and on one line: a leading indicator, a document marker, `: ` or a
# final `:`, ` #`, a space at either end, a leading `-`, `?` or `:` before a space (or alone).
_NOT_BLOCK_PLAIN = re.compile(r"^(?:[#,\[\]{}&*!|>'\"%@`]|---|\.\.\.|[-?:](?: |$)| )|: |:$| #| $")
# In [ ] and { } also: , [ ] { } anywhere, and a lone `?` or `:`.
_NOT_FLOW_PLAIN = re.compile(r"^(?:[#,\[\]{}&*!|>'\"%@`]|---|\.\.\.|[-?:](?: |$)| )|: |:$| #| $|[,\[\]{}]")

_NULLS = ("null", "~", "Null", "NULL")
_TRUE = ("true", "True", "TRUE")
_FALSE = ("false", "False", "FALSE")
_INF = (".inf", ".Inf", ".INF")
_NAN = (".nan", ".NaN", ".NAN")

Forms = tuple[str, ...]  # the ways one value (or one line) may be written


class NotProven(Exception):
    """The fast path cannot promise the careful path's result for this file."""


def proven_canonical(path: Path, raw: bytes) -> int | None:
    """The number of items when `raw` (the content of `path`) is proven to be in the canonical
    layout with nothing to report (0 for the settings file), else None: the careful path decides."""
    loaded = load_bytes(path, raw, fast=True)
    # `fingerprint` is set only when the fast reader read the file and found nothing to report.
    if loaded.diagnostics or loaded.fingerprint is None or loaded.document is None:
        return None
    data = loaded.document.data
    if type(data) is not dict:
        return None
    try:
        lines = _text(raw)
        expected = Writer(lines).document(data, shape_for(path))
        if not _lines_match(lines, expected):
            return None
    except NotProven:
        return None
    if path.name not in SETTINGS_NAMES and isinstance(data.get("items"), list):
        return len(data["items"])
    return 0


def _text(raw: bytes) -> list[str]:
    """The file's lines (without their ends) when its line ends, BOM and last line are canonical."""
    body = raw[len(UTF8_BOM) :] if raw.startswith(UTF8_BOM) else raw
    if b"\r" in body:
        # all CRLF (the careful path keeps the first line's end for every line), never a lone CR
        if not (body.count(b"\r") == body.count(b"\r\n") == body.count(b"\n")):
            raise NotProven
        body = body.replace(b"\r\n", b"\n")
    if not body.endswith(b"\n") or body.endswith(b"\n\n"):
        raise NotProven
    lines = body.decode("utf-8").split("\n")
    lines.pop()
    if max(map(len, lines)) > _LONGEST_LINE:
        raise NotProven
    return lines


def _lines_match(lines: list[str], expected: list[Forms]) -> bool:
    """Whether `lines` are the `expected` lines with only comments and blank lines between them,
    where and as fmt leaves them (see the module's docstring)."""
    if len(lines) == len(expected) and lines == [forms[0] for forms in expected]:
        return True  # no comment, no blank line, every line written its first way: compared in C
    at = 0
    waiting: list[int] = []  # indents of the full-line comments waiting for the next line
    for number, line in enumerate(lines):
        if not line:
            if number == 0:
                return False  # blank lines at the start are dropped
            continue
        content = line.lstrip(" ")
        if not content:
            return False  # spaces on a blank line are removed
        if content[0] == "#":
            if line[-1] in " \t":
                return False
            waiting.append(len(line) - len(content))
            continue
        if at == len(expected):
            return False
        forms = expected[at]
        at += 1
        if line not in forms and not _with_comment(line, forms):
            return False
        if waiting:
            indent = len(line) - len(content)
            if any(w != indent for w in waiting):
                return False
            waiting.clear()
    return at == len(expected)


def _with_comment(line: str, forms: Forms) -> bool:
    """Whether `line` is one of `forms`, two spaces and a comment with no spaces after it."""
    if not line or line[-1] in " \t":
        return False
    return any(line.startswith(form + "  #") for form in forms)


class Writer:
    """The canonical lines of a document's data: each line as the forms it may take."""

    def __init__(self, text: list[str]) -> None:
        self.text = text  # the file's lines
        self.written: list[str] | None = None  # those neither blank nor comments, when needed
        self.lines: list[Forms] = []
        self._scalars: dict[tuple[str, bool, bool, bool], Forms] = {}
        self._keys: dict[tuple[str, str], Forms] = {}  # (indent, key) → the start of its line
        self._lists: dict[tuple[tuple[str, ...], bool], Forms] = {}

    def document(self, data: dict[str, Any], shape: Shape) -> list[Forms]:
        """The lines of a document whose top level is the mapping `data`."""
        if not data:
            raise NotProven  # `{}`: the careful path turns it into block style, which it cannot be
        self._block_map(data, shape, "", "")
        return self.lines

    # -- block collections

    def _block_map(self, node: dict[str, Any], shape: Shape | None, first: str, indent: str) -> None:
        """`node`'s entries, one per line: the first line starts with `first` (a list entry's `- `)."""
        lead = first
        for key in _ordered(node, shape):
            value = node[key]
            child = shape.fields.get(key) if shape is not None else None
            prefix = self._keys.get((lead, key))
            if prefix is None:
                prefix = self._keys[lead, key] = _join((lead,), self._scalar(key, flow=False, key=True))
            lead = indent
            if len(prefix) == 1:  # the usual cases, in short: a text, a [ ] list of texts
                kind = type(value)
                forms = None
                if kind is str:
                    forms = self._scalars.get((value, False, False, False)) or self._scalar(value, flow=False)
                elif (
                    kind is list
                    and value
                    and child is not None
                    and child.style == "flow"
                    and child.kind == "seq"
                ):
                    forms = self._flow(value, name_list=key in NAME_LISTS)
                if forms is not None and len(forms) == 1:
                    self.lines.append((prefix[0] + ": " + forms[0],))
                    continue
            self._value(value, child, prefix, indent, in_list=False, names=key in NAME_LISTS)

    def _block_seq(self, node: list[Any], shape: Shape | None, indent: str) -> None:
        """`node`'s entries, each starting `- ` at `indent`."""
        each = shape.each if shape is not None else None
        for value in node:
            self._value(value, each, (indent + "- ",), indent + "  ", in_list=True, names=False)

    def _value(
        self, value: Any, shape: Shape | None, prefix: Forms, indent: str, *, in_list: bool, names: bool
    ) -> None:
        """One entry's value after `prefix` (`key` or `- `), with the lines of a block collection
        indented by `indent` (a mapping's keys) or `indent` + 2 (a list's dashes); `names`: the value
        of a key listing names (`NAME_LISTS`)."""
        if type(value) is dict or type(value) is list:
            style = _style(value, shape)
            if style is None:
                # A style fmt keeps as written (no shape names one): the style the file has here.
                shape = None
                try:
                    flow = _join(prefix, ("" if in_list else ": ",), self._flow(value, name_list=names))
                except NotProven:
                    flow = ()  # too many ways to write it in [ ] or { }: as block, or not proven
                if self.written is None:
                    self.written = [
                        line for line in self.text if line.strip(" ") and line.lstrip(" ")[0] != "#"
                    ]
                at = len(self.lines)
                line = self.written[at] if at < len(self.written) else ""
                style = "flow" if line in flow or _with_comment(line, flow) else "block"
            if style == "block":
                if type(value) is dict:
                    if in_list:
                        self._block_map(value, shape, prefix[0], indent)
                    else:
                        self.lines.append(tuple(p + ":" for p in prefix))
                        self._block_map(value, shape, indent + "  ", indent + "  ")
                elif type(value) is list:
                    if in_list:
                        raise NotProven  # a list in a list: no shape writes one in block style
                    self.lines.append(tuple(p + ":" for p in prefix))
                    self._block_seq(value, shape, indent + "  ")
                return
            written = self._flow(value, name_list=names)
        else:
            written = self._scalar(value, flow=False)
        if in_list:
            # a null written as nothing is not proven in a list: the dumper writes `- `, a space after
            self.lines.append(_join(prefix, tuple(w for w in written if w)))
        else:
            self.lines.append(_join(prefix, tuple(": " + w if w else ":" for w in written)))

    # -- flow collections

    def _flow(self, node: Any, *, name_list: bool, in_list: bool = False) -> Forms:
        """A value written inside [ ] or { } (or a collection written as one); `in_list`: an entry
        of a [ ] list, where the dumper writes a mapping of one entry without braces (`[k: v]`)."""
        if type(node) is list:
            if not node:
                return ("[]",)
            texts = all(type(v) is str for v in node)
            if texts:  # lists of names repeat: written once
                cache_key = (tuple(node), name_list)
                known = self._lists.get(cache_key)
                if known is not None:
                    return known
            parts = [
                self._flow(v, name_list=False, in_list=True)
                if _collection(v)
                else self._scalar(v, flow=True, name=name_list)
                for v in node
            ]
            if all(len(part) == 1 for part in parts):
                forms: Forms = ("[" + ", ".join([part[0] for part in parts]) + "]",)  # the usual case
            else:
                forms = _join(("[",), *_separated(parts), ("]",))
            if texts:
                self._lists[cache_key] = forms
            return forms
        if type(node) is dict:
            if not node:
                return ("{}",)
            pairs = []
            for key, value in node.items():
                written = (
                    self._flow(value, name_list=key in NAME_LISTS)
                    if _collection(value)
                    else self._scalar(value, flow=True)
                )
                pairs.append(_join(self._scalar(key, flow=True, key=True), (": ",), written))
            if in_list and len(pairs) == 1:
                return pairs[0]
            return _join(("{",), *_separated(pairs), ("}",))
        return self._scalar(node, flow=True)

    # -- scalars

    def _scalar(self, value: Any, *, flow: bool, key: bool = False, name: bool = False) -> Forms:
        """The ways fmt may leave a scalar written (see the module's docstring)."""
        kind = type(value)
        if kind is str:
            cache_key = (value, flow, key, name)
            forms = self._scalars.get(cache_key)
            if forms is None:
                forms = self._scalars[cache_key] = _text_forms(value, flow=flow, key=key, name=name)
            return forms
        if value is None:
            return _NULLS if flow else (*_NULLS, "")
        if kind is bool:
            return _TRUE if value else _FALSE
        if kind is int:
            return (str(value),)
        if kind is float:
            if math.isnan(value):
                return _NAN
            if math.isinf(value):
                return _INF if value > 0 else tuple("-" + f for f in _INF)
            return (repr(value),)
        raise NotProven


def canonical_scalar(text: str, *, flow: bool = False) -> str:
    """A text value as fmt writes it (the benchmark's generator writes canonical catalogues with it);
    NotProven for text fmt writes with escapes."""
    return _text_forms(text, flow=flow, key=False, name=False)[0]


def _text_forms(text: str, *, flow: bool, key: bool, name: bool) -> Forms:
    """How fmt writes a text: plain where ruamel can and the text stays text, else '…'."""
    if not text.isprintable() or (key and not 0 < len(text) <= _LONGEST_KEY):
        raise NotProven  # double quotes (escapes), or a key the dumper writes as `? key`
    quoted = "'" + text.replace("'", "''") + "'"
    # What fmt hands the dumper: plain text when quotes can go (`may_be_plain`) or when the text may
    # have been written plain (then it stays plain), else quoted text. Inside [ ] or { }, a text
    # starting with `?` or `:`, and a name holding "，" or "、" in a list of names, are quoted.
    if _only_text(text):
        written_plain, may_go = True, text == text.strip()
    else:
        written_plain, may_go = isinstance(resolve_plain(text), str), may_be_plain(text)
    forced = flow and (text.startswith(("?", ":")) or (name and ("，" in text or "、" in text)))
    handed: list[bool] = []  # plain or not, for each way the file may have it
    if forced:
        handed = [False]
    elif may_go:
        handed = [True]
    elif written_plain:
        handed = [True, False]
    else:
        handed = [False]
    forms: list[str] = []
    for plain in handed:
        if not plain:
            forms.append(quoted)
        elif _plain_allowed(text, flow=flow, key=key):
            forms.append(text)
        elif "'" in text:
            # the dumper double-quotes plain text holding ' that cannot stay plain (escaping only
            # `\` and `"` in printable text, and every character past U+FFFD)
            if max(text) > "\ufffd":
                raise NotProven
            forms.append('"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"')
        else:
            forms.append(quoted)
    return tuple(dict.fromkeys(forms))


# Letters that start a YAML 1.1 or 1.2 null or boolean (null, yes, no, on, off, y, n, true, false).
_WORD_STARTS = frozenset("nNyYoOtTfF")


def _only_text(text: str) -> bool:
    """Whether every YAML reader, 1.2 or 1.1, reads `text` written plain as text, by its first
    character alone: a Chinese character, or a letter no null or boolean starts with (numbers, dates
    and timestamps start with a digit, a sign or a dot; the rest with `~ < =`). Checks the regular
    expressions only for the other texts (tests/test_fmt_fast.py checks the two agree)."""
    first = text[:1]
    return first > "\x7f" or (first.isascii() and first.isalpha() and first not in _WORD_STARTS)


def _plain_allowed(text: str, *, flow: bool, key: bool) -> bool:
    """Whether ruamel.yaml's emitter writes this printable one-line text plain at its place."""
    if not text:
        return not flow and not key
    if text in ("?", ":"):
        return False
    return (_NOT_FLOW_PLAIN if flow else _NOT_BLOCK_PLAIN).search(text) is None


# -- helpers


def _collection(value: Any) -> bool:
    return type(value) is dict or type(value) is list


def _style(value: Any, shape: Shape | None) -> str | None:
    """`block` or `flow`: the style fmt gives a non-empty collection; None when it keeps the style
    the file has (no shape names one); an empty one is always written [] or {}."""
    if not value:
        return "flow"
    expected = "map" if type(value) is dict else "seq"
    if shape is None or shape.kind != expected or shape.style is None:
        return None
    return shape.style


def _ordered(node: dict[str, Any], shape: Shape | None) -> list[str]:
    """The keys in the canonical order: the model's fields in field order, then the rest as written."""
    if shape is None or shape.model is None:
        return list(node)
    order = shape.order
    rank = {name: i for i, name in enumerate(order)}
    known = len(order)
    return sorted(node, key=lambda k: rank.get(k, known))  # stable: unknown keys keep their order


def _join(*parts: Forms) -> Forms:
    """Every way of writing the parts one after the other (NotProven when there are too many)."""
    if all(len(part) == 1 for part in parts):
        return ("".join([part[0] for part in parts]),)  # the usual case: one way
    result: Forms = ("",)
    for part in parts:
        if len(part) == 1:
            only = part[0]
            result = tuple(r + only for r in result)
        else:
            result = tuple(r + p for r, p in itertools.product(result, part))
            if len(result) > _MOST_VARIANTS:
                raise NotProven
    return result


def _separated(parts: list[Forms]) -> list[Forms]:
    """`parts` with ", " between them."""
    out: list[Forms] = []
    for index, part in enumerate(parts):
        if index:
            out.append((", ",))
        out.append(part)
    return out
