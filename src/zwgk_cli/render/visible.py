"""Characters no output carries raw: control, format and invisible characters, written out as [U+XXXX].

Why: a catalogue value can hold a terminal escape (ESC ``[31m``), a bell, a right-to-left override
(U+202E) or a zero-width space (U+200B), pasted from another document or planted on purpose. Raw in
a page, the open data or a workbook they reorder what readers see, hide text, colour a terminal that
prints the CSV, or break the file (XML cannot hold C0 controls, so a workbook would carry them only
as escapes Excel turns back into the raw character). Every output replaces each such character with
its code point in plain ASCII, e.g. ``办事[U+202E]指南``: visible, searchable, and nothing a reader,
browser or spreadsheet acts on, so it can be found and fixed in the source.

Which: Unicode categories Cc (controls: C0 but tab and line feed, DEL, C1), Cf (format: bidi marks,
embeddings, overrides and isolates, zero-width space and joiners, word joiner, BOM, soft hyphen,
tag characters …), Zl and Zp (line and paragraph separators). Tab and line feed stay: they are
ordinary white space in every format written.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from typing import Any, TypeVar

from pydantic import BaseModel

from zwgk_cli.core.catalogue import Catalogue
from zwgk_cli.core.invisible_chars import INVISIBLE, find_invisible, invisible_characters

T = TypeVar("T")


def _written_out(match: re.Match[str]) -> str:
    return f"[U+{ord(match.group()):04X}]"


def visible(text: str) -> str:
    """`text` with every control, format and invisible character written out as ``[U+XXXX]``
    (the same object when it has none)."""
    if text.isprintable() or find_invisible(text) is None:  # isprintable: the fast common case
        return text
    return INVISIBLE.sub(_written_out, text)


# In JSON, the C0 controls but tab and line feed are escapes: \b \f \r or \u00XX (a "\\b" written in
# the text matches too, which only costs a closer look).
_JSON_CONTROL = re.compile(r"\\(?:[bfr]|u00[0-9a-fA-F]{2})")
_JSON_CONTROL_BYTES = re.compile(_JSON_CONTROL.pattern.encode("ascii"))


def visible_catalogue(catalogue: Catalogue) -> Catalogue:
    """`catalogue` with `visible` applied to all its text (the same object when nothing changes).

    The settings and each domain are first looked at whole, as JSON (pydantic writes it in Rust):
    a domain without such characters, the usual case, is not walked value by value.
    """
    settings = catalogue.settings if _plain(catalogue.settings) else visible_data(catalogue.settings)
    domains = [domain if _plain(domain) else visible_data(domain) for domain in catalogue.domains]
    pending = [domain if _plain(domain) else visible_data(domain) for domain in catalogue.pending]
    if settings is catalogue.settings and all(
        new is old
        for new, old in zip([*domains, *pending], [*catalogue.domains, *catalogue.pending], strict=True)
    ):
        return catalogue
    return dataclasses.replace(catalogue, settings=settings, domains=domains, pending=pending)


def _plain(model: BaseModel) -> bool:
    """Whether `model` holds no character `visible` would write out (False: maybe it does)."""
    return plain_json_bytes(model.__pydantic_serializer__.to_json(model))  # model_dump_json's, in UTF-8


def plain_json_bytes(data: bytes) -> bool:
    """`plain_json` for UTF-8 JSON, told from its bytes without decoding them."""
    # The bytes that begin an invisible character's UTF-8 form are few, and most never occur in a
    # catalogue: deleting every other byte (in C) leaves the ones that do, and only the forms
    # those begin are searched for (a search with a literal start skips ahead in C). A province's
    # 67 MB difference: about 0.1 s, against 0.3 s to decode it and search the text.
    others, searches = _utf8_searches()
    if any(searches[first].search(data) is not None for first in set(data.translate(None, others))):
        return False
    return _JSON_CONTROL_BYTES.search(data) is None


@functools.cache
def _utf8_searches() -> tuple[bytes, dict[int, re.Pattern[bytes]]]:
    """The bytes that begin no invisible character in UTF-8, and for each byte that begins one, a
    search for the invisible characters it begins."""
    by_first: dict[int, list[bytes]] = {}
    for char in invisible_characters():
        form = char.encode("utf-8")
        by_first.setdefault(form[0], []).append(form[1:])
    searches = {
        first: re.compile(re.escape(bytes([first])) + _one_of(rests)) for first, rests in by_first.items()
    }
    others = bytes(b for b in range(256) if b not in by_first)
    return others, searches


def _one_of(forms: list[bytes]) -> bytes:
    """A pattern matching exactly `forms`, byte strings of one length, as a tree of their bytes."""
    if not forms[0]:
        return b""
    by_first: dict[int, list[bytes]] = {}
    for form in forms:
        by_first.setdefault(form[0], []).append(form[1:])
    if len(forms[0]) == 1:
        return b"[" + b"".join(re.escape(bytes([b])) for b in sorted(by_first)) + b"]"
    branches = [re.escape(bytes([b])) + _one_of(rests) for b, rests in sorted(by_first.items())]
    return b"(?:" + b"|".join(branches) + b")"


def plain_json(text: str) -> bool:
    """Whether JSON `text` (as pydantic writes it: no ASCII escapes) holds no character `visible`
    would write out, in its keys or its values (False: maybe it does)."""
    return (text.isprintable() or find_invisible(text) is None) and _JSON_CONTROL.search(text) is None


def visible_data(value: T) -> T:
    """`value` with `visible` applied to every string in it: models, dataclasses, lists, tuples and
    dicts (keys too) are rebuilt where something changed, and returned as they are otherwise."""
    return _visible(value)  # type: ignore[no-any-return]


def _visible(value: Any) -> Any:
    if isinstance(value, str):
        return visible(value)
    if isinstance(value, BaseModel):
        changed = {}
        for name in type(value).model_fields:
            old = getattr(value, name)
            new = _visible(old)
            if new is not old:
                changed[name] = new
        return value.model_copy(update=changed) if changed else value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for field in dataclasses.fields(value):
            old = getattr(value, field.name)
            new = _visible(old)
            if new is not old:
                changes[field.name] = new
        return dataclasses.replace(value, **changes) if changes else value
    if isinstance(value, list | tuple):
        items = [_visible(v) for v in value]
        if all(new is old for new, old in zip(items, value, strict=True)):
            return value
        return items if isinstance(value, list) else tuple(items)
    if isinstance(value, dict):
        pairs = [(_visible(k), _visible(v)) for k, v in value.items()]
        if all(k is ok and v is ov for (k, v), (ok, ov) in zip(pairs, value.items(), strict=True)):
            return value
        return dict(pairs)
    return value
