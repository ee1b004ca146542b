"""Scalars: every plain scalar read as its text, and quotes written only where YAML needs them."""

from __future__ import annotations

import re
from collections import OrderedDict
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.resolver import VersionedResolver, implicit_resolvers
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString

from zwgk_cli.sources.fmt.tree import is_flow
from zwgk_cli.sources.loading import NAME_LISTS, resolve_plain


class _TextResolver(VersionedResolver):
    """Every plain scalar is text: values are written back exactly as they were read."""

    @property
    def versioned_resolver(self) -> dict[str, Any]:
        return {}


def round_trip_yaml() -> YAML:
    """A round-trip reader and writer: plain scalars as text, quotes kept, 2-space indents, no wrapping."""
    yaml = YAML(typ="rt", pure=True)
    yaml.Resolver = _TextResolver
    yaml.preserve_quotes = True
    yaml.width = 1_000_000  # never wrap: one value, one line
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


# Compiled here: ruamel's own are compiled lazily behind a wrapper that costs an attribute lookup
# in Python on every match.
_NON_TEXT_PATTERNS = tuple(
    re.compile(regexp.pattern, regexp.flags)
    for _versions, tag, regexp, _first in implicit_resolvers
    if tag != "tag:yaml.org,2002:str"
)


def may_be_plain(text: str) -> bool:
    """Whether a quoted scalar can lose its quotes without any YAML reader taking it for non-text."""
    # Kept quoted: empty text, leading or trailing spaces, line breaks or control characters, and
    # anything YAML 1.2 (the project's loader) or YAML 1.1 reads as null, a boolean (yes/no/on/off),
    # a number (007, 1_000, 0x1F, 1:20), a date or a timestamp. Whether the text can be written
    # plain at its place (": ", " #", leading indicators, commas inside [ ]) is left to ruamel, which
    # adds quotes where YAML needs them.
    if not text or text != text.strip() or not text.isprintable():
        return False
    if not isinstance(resolve_plain(text), str):
        return False
    return not any(regexp.match(text) for regexp in _NON_TEXT_PATTERNS)


def _requote(text: str) -> str:
    """A quoted scalar's canonical form: plain when possible, else '…', else "…" (escapes)."""
    if may_be_plain(text):
        return str(text)
    quoted: str = (
        SingleQuotedScalarString(text)
        if all(ch == " " or ch.isprintable() for ch in text)
        else DoubleQuotedScalarString(text)
    )
    return quoted


def plain_where_possible(node: Any) -> Any:
    """The node with quotes dropped wherever `may_be_plain` allows; plain scalars are left alone."""
    # A plain scalar stays plain: ruamel adds quotes itself where its new place needs them (a comma
    # inside [ ], for instance).
    if isinstance(node, SingleQuotedScalarString | DoubleQuotedScalarString):
        return _requote(str(node))
    if isinstance(node, CommentedMap):
        for key in list(node):
            # Not node[key] = …: CommentedMap.__setitem__ gives a plain str the old value's quote type back.
            OrderedDict.__setitem__(node, key, plain_where_possible(node[key]))
        pairs = [(plain_where_possible(key), key, value) for key, value in node.items()]
        if any(type(new) is not type(old) for new, old, _ in pairs):
            for _, old, _ in pairs:
                del node[old]
            for new, _, value in pairs:
                node[new] = value
    elif isinstance(node, CommentedSeq):
        for index, value in enumerate(node):
            list.__setitem__(node, index, plain_where_possible(value))
    return node


def _in_flow(text: Any) -> Any:
    """A plain scalar as it must be written inside [ ] or { }."""
    if type(text) is not str:
        return text
    if text == "":
        return "null"  # YAML cannot write an empty value there
    if text.startswith(("?", ":")):
        return SingleQuotedScalarString(text)  # ruamel would read `?x` there as a key
    return text


def flow_scalars(node: Any, *, in_flow: bool) -> None:
    """Plain scalars inside [ ] or { }: an empty value is written `null`; `?x` and `:x` are quoted."""
    if not isinstance(node, CommentedMap | CommentedSeq):
        return
    flow = in_flow or is_flow(node)
    if isinstance(node, CommentedSeq):
        for index, value in enumerate(node):
            list.__setitem__(node, index, _in_flow(value) if flow else value)
            flow_scalars(value, in_flow=flow)
        return
    for key, value in list(node.items()):
        OrderedDict.__setitem__(node, key, _in_flow(value) if flow else value)
        flow_scalars(value, in_flow=flow)
        if key in NAME_LISTS and isinstance(value, CommentedSeq) and is_flow(value):
            # A name holding "，" or "、" stays quoted in [ ]: unquoted it reads as a list typed
            # with full-width separators (`yaml-fullwidth-comma`).
            for index, name in enumerate(value):
                if type(name) is str and ("，" in name or "、" in name):
                    list.__setitem__(value, index, SingleQuotedScalarString(name))
    if flow and any(_in_flow(key) is not key for key in node):
        pairs = [(_in_flow(key), key, value) for key, value in node.items()]
        for _, old, _ in pairs:
            del node[old]
        for new, _, value in pairs:
            node[new] = value
