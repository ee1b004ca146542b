"""Where ruamel.yaml keeps comments and blank lines in its round-trip tree, and a collection's style.

Everything here leans on ruamel.yaml internals (``node.ca`` and its slot lists, `CommentToken`),
which it does not promise to keep: the dependency is pinned below its next minor version and
tests/test_fmt.py checks, on a parsed document, that each slot below still holds what fmt expects.

``node.ca.items[key]`` is a list of slots. In a mapping: the end-of-line comment after the key
(0), the lines before the key (1), the end-of-line comment after the value (2); in a sequence:
the end-of-line comment after the entry (0) and the lines before it (1). The token ending a
value's line also carries the full lines (comments, blank lines) that follow it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.tokens import CommentToken

MAP_AFTER_VALUE = 2  # slot of a mapping entry: the comment after its value
SEQ_AFTER_ENTRY = 0  # slot of a sequence entry: the comment after it
BEFORE_ENTRY = 1  # slot of either: the lines before the key or list entry

Slot = tuple[Any, Any, int]  # container, key (or index), slot index


def is_flow(node: Any) -> bool:
    """Whether a collection is written in [ ] or { }."""
    return bool(node.fa.flow_style() is True)


def set_flow(node: Any) -> None:
    """Write a collection, and every collection inside it, in [ ] or { }."""
    node.fa.set_flow_style()
    children = node.values() if isinstance(node, CommentedMap) else node
    for child in children:
        if isinstance(child, CommentedMap | CommentedSeq):
            set_flow(child)


def flat(value: Any) -> Iterator[CommentToken]:
    """The comment tokens in a slot or slot list (nested lists and None allowed)."""
    if isinstance(value, CommentToken):
        yield value
    elif isinstance(value, list):
        for part in value:
            yield from flat(part)


def tokens(node: Any) -> Iterator[CommentToken]:
    """Every comment token attached anywhere inside `node`."""
    if not isinstance(node, CommentedMap | CommentedSeq):
        return
    yield from flat(node.ca.comment)
    for slots in node.ca.items.values():
        yield from flat(slots)
    yield from flat(node.ca.end)
    children = node.values() if isinstance(node, CommentedMap) else node
    for child in children:
        yield from tokens(child)


def before_entry(node: Any, key: Any) -> list[CommentToken]:
    """The tokens ruamel keeps before entry `key` (after a [ ] or { } value, for instance)."""
    return list(flat((node.ca.items.get(key) or [None, None])[BEFORE_ENTRY]))


def split(value: str) -> tuple[str, str]:
    """A trailing comment token's text → (end of the value's line, full lines after it)."""
    end = value.find("\n")
    if end == -1:
        return value + "\n", ""
    return value[: end + 1], value[end + 1 :]


def trail(parent: Any, key: Any) -> tuple[Slot, list[Any]]:
    """Where ruamel keeps the lines after entry `key`: a slot, and the block collections above it."""
    # The slot of the deepest last value (its end-of-line comment, then full lines), and the block
    # collections on the way down to it: their `ca.end` holds further lines (after a [ ] or { }
    # that ends a block list, for instance), innermost first when written.
    ends: list[Any] = []
    node = parent[key]
    while isinstance(node, CommentedMap | CommentedSeq) and len(node) and not is_flow(node):
        ends.append(node)
        parent, key = node, (next(reversed(node)) if isinstance(node, CommentedMap) else len(node) - 1)
        node = parent[key]
    return (parent, key, MAP_AFTER_VALUE if isinstance(parent, CommentedMap) else SEQ_AFTER_ENTRY), ends


def slot_get(slot: Slot) -> CommentToken | None:
    """The comment token in `slot`, if any."""
    container, key, index = slot
    entry = container.ca.items.get(key)
    if entry is None or len(entry) <= index:
        return None
    token = entry[index]
    return token if isinstance(token, CommentToken) else None


def slot_set(slot: Slot, token: CommentToken | None) -> None:
    """Put `token` in `slot` (None empties it), keeping a flow collection's own copy in step."""
    container, key, index = slot
    entry = container.ca.items.setdefault(key, [None, None, None, None])
    while len(entry) <= index:
        entry.append(None)
    old = entry[index]
    entry[index] = token
    if all(part is None for part in entry):
        del container.ca.items[key]
    node = container[key]
    if isinstance(node, CommentedMap | CommentedSeq) and is_flow(node):
        # ruamel keeps the comment after a flow collection on the collection as well.
        pre = node.ca.comment[1] if node.ca.comment else None
        if token is not None:
            node.ca.comment = [token, pre]
        elif node.ca.comment and node.ca.comment[0] is old:
            node.ca.comment = None if pre is None else [None, pre]


def new_token(text: str) -> CommentToken:
    """A comment token carrying `text` (a line end, then full lines)."""
    return CommentToken(text, CommentMark(0))


def start_line(token: CommentToken) -> int | None:
    """The 0-based line where ruamel read `token`, when it knows."""
    line: int | None = getattr(token.start_mark, "line", None)
    return line


@dataclass(slots=True)
class Gap:
    """Full lines (comments, blank lines) that follow an entry, and the line where they began."""

    text: str = ""
    line: int | None = None

    def first(self) -> tuple[int | None, bool]:
        """The 1-based line of the first comment (else of the first blank line); is it a comment."""
        for offset, text in enumerate(self.text.split("\n")):
            if text.strip():
                return (None if self.line is None else self.line + offset), True
        return self.line, False
