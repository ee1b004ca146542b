"""A domain file read carefully one item at a time, only where needed.

The careful reader (ruamel.yaml) costs about two hundred times what the fast one does, so a long
file must not go through it whole because one finding needs a line and column, or because one item
holds something only the careful reader judges (an anchor, a tag). A domain file's `items:` is a
block list whose entries begin on lines of their own (`  - id: …`), and each entry, read on its
own, is read exactly as it is inside the file: `split_items` finds those lines; the rest of the
file (the header, with a stand-in `- 0` for the list) is the skeleton.

- `locate_on_demand`: a file the fast reader read keeps its text, and the positions of a part are
  found when something first asks for one there (`SourceDocument.values` and `keys` fill
  themselves). Every part read so is checked against the data the fast reader gave; on any
  difference (or a file not cut so) the whole file is read carefully once, as before.
- `read_by_parts`: a file the fast reader refused is read part by part, the fast way where the
  fast reader takes the part, carefully where it does not; findings come in the file's order and
  reading stops at the first that stops the careful reader (an alias), so an anchor at the end of
  a long file is reported at once. Where the parser gives up on a part, the file is read whole.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, overload

from zwgk_cli.core.diagnostics import Diagnostic
from zwgk_cli.core.source import FieldPath, Pos, SourceDocument
from zwgk_cli.sources.fast_reader import Fallback, fast_parse
from zwgk_cli.sources.loading import MAX_DEPTH

if TYPE_CHECKING:  # the careful reader (and ruamel.yaml) is imported only when a part is read
    from zwgk_cli.sources.careful_reader import PartRead

# The top-level `items:` key on a line of its own (the searches below all start with a line end, a
# literal the regex engine skips ahead to; the file's first line is looked at on its own).
_ITEMS_KEY = re.compile(r"\nitems:[ ]*(?:#[^\n]*)?(?=\n|\Z)")
_ITEMS_FIRST = re.compile(r"items:[ ]*(?:#[^\n]*)?(?=\n|\Z)")
# A document marker after the first line: several documents are read whole.
_MARKER = re.compile(r"\n(?:---|\.\.\.)(?:[ \t\n]|$)")

_T = TypeVar("_T")


@dataclass(slots=True)
class Split:
    """Where a file's `items:` entries begin: 0-based line indexes and offsets into `text`."""

    text: str
    starts: list[int]  # the line each entry begins on
    offsets: list[int]  # where in `text` that line begins
    end: int  # the line after the list (a top-level key), or the number of lines
    end_offset: int  # where in `text` that line begins (len(text) at the end)
    indent: int

    def item(self, index: int) -> str:
        """The text of entry `index`, each line as written."""
        stop = self.offsets[index + 1] if index + 1 < len(self.offsets) else self.end_offset
        return self.text[self.offsets[index] : stop]

    def skeleton(self) -> str:
        """The file with the list's entries replaced by one stand-in entry, `- 0`."""
        rest = "\n" + self.text[self.end_offset :] if self.end_offset < len(self.text) else ""
        return self.text[: self.offsets[0]] + " " * self.indent + "- 0" + rest

    def item_line(self, index: int) -> Callable[[int], int]:
        """A 1-based line of entry `index`'s text → the file's line."""
        offset = self.starts[index]
        return lambda line: line + offset

    def skeleton_line(self, line: int) -> int:
        """A 1-based line of the skeleton → the file's line."""
        return line if line <= self.starts[0] + 1 else line + self.end - self.starts[0] - 1


_ENTRY = re.compile(r"\n( *)-(?= |\n|\Z)")
# A line at column 0 that is neither blank nor a comment (…nor an entry of a list at column 0).
_AFTER_ITEMS = re.compile(r"\n[^ \n#]")
_AFTER_ENTRIES = re.compile(r"\n(?!-(?: |\n|\Z))[^ \n#]")
_BLANK_OR_COMMENT = re.compile(r"(?:[ ]*(?:#[^\n]*)?\n)*")


def split_items(text: str) -> Split | None:
    """The entries of the top-level `items:` block list, or None when the file is not written so."""
    keys = [*([m] if (m := _ITEMS_FIRST.match(text)) else []), *_ITEMS_KEY.finditer(text)]
    if len(keys) != 1:
        return None
    match = keys[0]
    after = match.end() + 1  # the line after `items:`
    first = _ENTRY.search(text, match.end())
    blank = _BLANK_OR_COMMENT.match(text, after)
    if first is None or blank is None or blank.end() != first.start() + 1:
        return None  # a flow list, or a value on its own lines
    indent = len(first.group(1))
    begin = first.start()  # the line end before the first entry
    stop = (_AFTER_ENTRIES if indent == 0 else _AFTER_ITEMS).search(text, begin)
    end_offset = stop.start() + 1 if stop is not None else len(text)
    shallower = re.compile(rf"\n {{1,{indent - 1}}}[^ \n#]") if indent > 1 else None
    if shallower is not None and shallower.search(text, begin, end_offset):
        return None  # a line less indented than the list but not a top-level key
    entry = re.compile(rf"\n {{{indent}}}-(?= |\n|\Z)")
    offsets = [m.start() + 1 for m in entry.finditer(text, begin, end_offset)]
    line = text.count("\n", 0, offsets[0])
    starts = [line]
    for previous, offset in itertools.pairwise(offsets):
        line += text.count("\n", previous, offset)
        starts.append(line)
    end = line + text.count("\n", offsets[-1], end_offset) + (end_offset == len(text))
    return Split(text, starts, offsets, end, end_offset, indent)


def same(a: Any, b: Any) -> bool:
    """Equal data of equal types (1, 1.0 and True differ; NaN equals NaN)."""
    if type(a) is not type(b):
        return False
    if type(a) is dict:
        return a.keys() == b.keys() and all(same(v, b[k]) for k, v in a.items())
    if type(a) is list:
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if type(a) is float and math.isnan(a):
        return math.isnan(b)
    return bool(a == b)


class OnDemand(dict[FieldPath, Pos]):
    """A document's value (or key) positions, found when first asked for: asking for a path reads
    the part of the file it lies in. Only `get`, `[]` and `in` look (all `SourceDocument` uses)."""

    __slots__ = ("_locator", "_store")

    def __init__(self, locator: _Locator, store: dict[FieldPath, Pos]) -> None:
        super().__init__()
        # The positions live in the locator's dicts, not in this one: the document holds this,
        # this holds the locator, and nothing holds the document (no cycle for the collector,
        # which is paused during a check, to find).
        self._locator = locator
        self._store = store

    @overload
    def get(self, key: FieldPath, default: None = None, /) -> Pos | None: ...
    @overload
    def get(self, key: FieldPath, default: Pos, /) -> Pos: ...
    @overload
    def get(self, key: FieldPath, default: _T, /) -> Pos | _T: ...
    def get(self, key: FieldPath, default: Any = None, /) -> Any:
        self._locator.locate(key)
        return self._store.get(key, default)

    def __getitem__(self, key: FieldPath) -> Pos:
        self._locator.locate(key)
        return self._store[key]

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, tuple):
            return False
        self._locator.locate(key)
        return key in self._store


class _Locator:
    """Reads the parts of one document carefully as their positions are asked for."""

    def __init__(self, path: Path, text: str, data: Any, split: Split | None) -> None:
        self.path, self.text, self.data = path, text, data  # the data the fast reader gave
        self.values: dict[FieldPath, Pos] = {}
        self.keys: dict[FieldPath, Pos] = {}
        self.split = split
        self.whole = split is None  # read (or to read) the whole file at once
        self.skeleton = False
        self.items = [False] * (len(split.starts) if split is not None else 0)
        self.parts_read = 0  # how many parts went through the careful reader (tests look)

    def locate(self, path: FieldPath) -> None:
        """Read the part that holds `path`, unless read."""
        if self.whole:
            if self.split is None:
                self.split = _WHOLE
                self._read_whole()
            return
        if not self.skeleton:
            self.skeleton = True
            if not self._read_skeleton():
                self._fall_back()
                return
        if len(path) >= 2 and path[0] == "items" and type(path[1]) is int and 0 <= path[1] < len(self.items):
            index = path[1]
            if not self.items[index]:
                self.items[index] = True
                if not self._read_item(index):
                    self._fall_back()

    def _read_skeleton(self) -> bool:
        from zwgk_cli.sources.careful_reader import careful_part

        split, data = self.split, self.data
        assert split is not None
        part = careful_part(self.path, split.skeleton(), depth=0, line_of=split.skeleton_line)
        self.parts_read += 1
        got = part.document.data
        if not _clean(part) or type(got) is not dict or type(data) is not dict:
            return False
        if not same(got.get("items"), [0]) or got.keys() != data.keys():
            return False
        if not all(same(value, data[key]) for key, value in got.items() if key != "items"):
            return False
        self.take_skeleton(part)
        return True

    def _read_item(self, index: int) -> bool:
        from zwgk_cli.sources.careful_reader import careful_part

        split, data = self.split, self.data
        assert split is not None
        part = careful_part(self.path, split.item(index), depth=1, line_of=split.item_line(index))
        self.parts_read += 1
        got = part.document.data
        items = data.get("items") if isinstance(data, dict) else None
        if not _clean(part) or type(got) is not list or len(got) != 1 or type(items) is not list:
            return False
        if len(items) != len(self.items) or not same(got[0], items[index]):
            return False
        self.take_item(part, index)
        return True

    def take_item(self, part: PartRead, index: int) -> None:
        """Entry `index`'s positions, from its part (whose index 0 it is)."""
        assert self.split is not None
        self._take(part, self.split.item_line(index), lambda path: bool(path), ("items", index))

    def take_skeleton(self, part: PartRead) -> None:
        """The positions outside the list's entries, from the skeleton."""
        assert self.split is not None
        self._take(part, self.split.skeleton_line, lambda path: path[:2] != ("items", 0) or len(path) < 2)

    def _take(
        self,
        part: PartRead,
        line_of: Callable[[int], int],
        keep: Callable[[FieldPath], bool],
        prefix: FieldPath | None = None,
    ) -> None:
        """The part's positions, moved to the file's lines (and under `prefix` in place of its index 0)."""
        for source, target in ((part.document.values, self.values), (part.document.keys, self.keys)):
            for path, pos in source.items():
                if keep(path):
                    where = (*prefix, *path[1:]) if prefix is not None else path
                    target[where] = Pos(line_of(pos.line), pos.column)

    def _fall_back(self) -> None:
        """Something did not read as the fast reader read it: the whole file, carefully, once."""
        self.whole = True
        self.split = _WHOLE
        self.values.clear()
        self.keys.clear()
        self._read_whole()

    def _read_whole(self) -> None:
        from zwgk_cli.sources.careful_reader import careful_part

        part = careful_part(self.path, self.text, depth=0)
        self.parts_read += 1
        self._take(part, lambda line: line, lambda path: True)


_WHOLE = Split("", [], [], 0, 0, 0)  # marks a locator that has read the whole file


def _clean(part: PartRead) -> bool:
    return not (part.diagnostics or part.failed or part.stopped or part.broken)


def locate_on_demand(doc: SourceDocument) -> None:
    """Give `doc` (read the fast way, its text kept) positions that are found when asked for."""
    _on_demand(doc, _Locator(doc.path, doc.text, doc.data, split_items(doc.text)))


def _on_demand(doc: SourceDocument, locator: _Locator) -> None:
    doc.values = OnDemand(locator, locator.values)
    doc.keys = OnDemand(locator, locator.keys)


def careful_parts_read(doc: SourceDocument) -> int | None:
    """How many parts of `doc` the careful reader has read for positions (None: not on demand)."""
    values = doc.values
    return values._locator.parts_read if isinstance(values, OnDemand) else None


# ---------------------------------------------------------------------------------------------
# A file the fast reader refused, read part by part


def read_by_parts(doc: SourceDocument) -> list[Diagnostic] | None:
    """Read `doc` (whose text the fast reader refused) part by part into `doc.data` and positions,
    with the careful reader's findings; None (`doc` left as it was) when it must be read whole."""
    found = _read_by_parts(doc)
    if found is None:
        doc.data, doc.values, doc.keys = None, {}, {}
    return found


def _read_by_parts(doc: SourceDocument) -> list[Diagnostic] | None:
    text = doc.text
    if _MARKER.search(text) is not None:
        return None
    split = split_items(text)
    if split is None or len(split.starts) < 2:
        return None
    from zwgk_cli.sources.careful_reader import careful_part

    locator = _Locator(doc.path, text, None, split)
    _on_demand(doc, locator)
    # the skeleton first: it says whether the head stops the reading
    head: list[Diagnostic] = []
    tail: list[Diagnostic] = []
    failed = False
    skeleton_text = split.skeleton()
    try:
        skeleton = fast_parse(skeleton_text, MAX_DEPTH)
    except Fallback:
        part = careful_part(doc.path, skeleton_text, depth=0, line_of=split.skeleton_line)
        locator.parts_read += 1
        if part.broken:
            return None
        locator.skeleton = True
        locator.take_skeleton(part)
        skeleton = part.document.data
        failed = part.failed
        for d in part.diagnostics:
            line = d.line or 0
            moved = replace(d, line=split.skeleton_line(line))
            (head if line <= split.starts[0] else tail).append(moved)
        if part.stopped and (not part.diagnostics or (part.diagnostics[-1].line or 0) <= split.starts[0]):
            doc.data = None
            return head  # reading stopped before the list
        if part.stopped:
            failed = True
    if type(skeleton) is not dict or not same(skeleton.get("items"), [0]):
        return None
    items: list[Any] = []
    found: list[Diagnostic] = list(head)
    for index in range(len(split.starts)):
        chunk = split.item(index)
        try:
            got = fast_parse(chunk, MAX_DEPTH - 1)
        except Fallback:
            part = careful_part(doc.path, chunk, depth=1, line_of=split.item_line(index))
            locator.parts_read += 1
            got = part.document.data
            if part.broken or (not part.stopped and (type(got) is not list or len(got) != 1)):
                return None
            locator.items[index] = True
            locator.take_item(part, index)
            found += [_moved(d, split.starts[index], index) for d in part.diagnostics]
            if part.stopped:
                doc.data = None
                return found
            failed = failed or part.failed
        if type(got) is not list or len(got) != 1:
            return None
        items.append(got[0])
    found += tail
    skeleton["items"] = items
    doc.data = locator.data = None if failed else skeleton
    return found


def _moved(d: Diagnostic, offset: int, index: int) -> Diagnostic:
    """A finding in entry `index` (read on its own) placed in the file."""
    path = ("items", index, *d.path[1:]) if d.path else d.path
    return replace(d, line=(d.line or 0) + offset, path=path)
