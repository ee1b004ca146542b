"""`zwgk fmt`: one canonical layout for the catalogue's YAML files; data and comments untouched.

One file goes through these steps:

1. bytes → text (GBK/GB18030 converted to UTF-8 only when asked); the project's loader must read
   the file without a single diagnostic, otherwise the file is left alone and the diagnostics are
   reported exactly as `validate` reports them;
2. ruamel.yaml round-trip tree, read with *every* plain scalar kept as its text (no implicit
   types), so `2020-10-30`, `no`, `007` or `1_000` are written back exactly as they were;
3. canonical key order, flow/block style per field, quotes only where needed (see `_SETTINGS`,
   `_DOMAIN` and `_may_be_plain`);
4. dumped, then checked: the project's loader must read the same data, and every comment and
   blank line must still be there. Only a result that passes is offered for writing.

ruamel.yaml keeps a comment or blank line that *follows* a value attached to that value (the last
value of an entry). Moving an entry therefore moves what follows it. So a mapping is reordered only
when every comment or blank line between two of its keys stays between the same two keys; what
follows the mapping's last entry belongs after the whole mapping and is moved to the new last
entry. Otherwise the mapping keeps its order and a `Notice` says why. The same holds for turning a
multi-line list into `[a, b]` (and back): only when no comment would be lost or moved.
"""

from __future__ import annotations

import bisect
import io
import itertools
import math
from collections import Counter, OrderedDict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark, YAMLError
from ruamel.yaml.events import (
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from ruamel.yaml.resolver import VersionedResolver, implicit_resolvers
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString
from ruamel.yaml.tokens import CommentToken

from zwgk_cli.core.atomic import write_atomic
from zwgk_cli.core.diagnostics import Diagnostic, Text, ZwgkError, format_path
from zwgk_cli.core.models import (
    DomainHeader,
    Group,
    Item,
    NotApplicable,
    Settings,
    Unit,
    Waiver,
    field_title,
)
from zwgk_cli.core.source import FieldPath
from zwgk_cli.sources.loading import MAX_FILE_BYTES, load_bytes, load_file, resolve_plain

SETTINGS_NAMES = frozenset({"zwgk.yaml", "zwgk.yml"})
YAML_SUFFIXES = (".yaml", ".yml")
UTF8_BOM = b"\xef\xbb\xbf"

# ---------------------------------------------------------------------------------------------
# Results


@dataclass(frozen=True, slots=True)
class Notice:
    """Something fmt deliberately left as written, and why (informational, not an error)."""

    file: Path
    line: int
    message: Text


@dataclass(frozen=True, slots=True)
class Problem:
    """Why a file that reads fine still cannot be formatted; the file is left untouched."""

    file: Path
    line: int | None
    column: int | None
    message: Text
    hint: Text | None = None
    excerpt: str | None = None


@dataclass(slots=True)
class FormatResult:
    """One file: its bytes before and (when it could be formatted) after."""

    path: Path
    original: bytes
    formatted: bytes | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    reencoded: bool = False
    items: int = 0

    @property
    def failed(self) -> bool:
        """Whether the file could not be formatted (diagnostics or problems say why)."""
        return self.formatted is None

    @property
    def changed(self) -> bool:
        """Whether formatting changes the file's bytes."""
        return self.formatted is not None and self.formatted != self.original

    @property
    def is_settings(self) -> bool:
        """Whether this is the settings file `zwgk.yaml`."""
        return self.path.name in SETTINGS_NAMES


# ---------------------------------------------------------------------------------------------
# The canonical layout


@dataclass(frozen=True, slots=True)
class _Shape:
    """How one collection is laid out: its type, style, key order and its children's shapes."""

    kind: Literal["map", "seq"]
    style: Literal["flow", "block"] | None = None
    model: type[BaseModel] | None = None  # key order (field order) and field titles
    fields: Mapping[str, _Shape] = field(default_factory=dict)
    each: _Shape | None = None

    @property
    def order(self) -> tuple[str, ...]:
        return tuple(self.model.model_fields) if self.model is not None else ()


_FLOW_LIST = _Shape("seq", "flow")
_BLOCK_LIST = _Shape("seq", "block")


def _registry(model: type[BaseModel]) -> _Shape:
    """A list of registry entries: one `{key: value, ...}` line per entry."""
    return _Shape("seq", "block", each=_Shape("map", "flow", model))


_SETTINGS = _Shape(
    "map",
    "block",
    Settings,
    {
        "levels": _FLOW_LIST,
        "channels": _BLOCK_LIST,
        "domains": _BLOCK_LIST,
        "not_applicable": _Shape("seq", "block", each=_Shape("map", "block", NotApplicable)),
        "units": _registry(Unit),
        "groups": _registry(Group),
    },
)

_ITEM = _Shape(
    "map",
    "block",
    Item,
    {
        "content": _FLOW_LIST,
        "basis": _BLOCK_LIST,
        "subject": _Shape("map", "flow"),
        "channels": _FLOW_LIST,
        "audience": _FLOW_LIST,
        "mode": _FLOW_LIST,
        "levels": _FLOW_LIST,
        "waivers": _Shape("seq", "block", each=_Shape("map", "block", Waiver)),
    },
)

_DOMAIN = _Shape(
    "map",
    "block",
    DomainHeader,
    {"partners": _FLOW_LIST, "items": _Shape("seq", "block", each=_ITEM)},
)


def _shape_for(path: Path) -> _Shape:
    return _SETTINGS if path.name in SETTINGS_NAMES else _DOMAIN


# ---------------------------------------------------------------------------------------------
# Files


def collect_files(paths: Sequence[Path]) -> list[Path]:
    """The files named by `paths`: files as given, folders as their *.yaml/*.yml files (sorted).

    Raises ZwgkError when a path does not exist or no YAML file is found at all.
    """
    found: list[Path] = []
    seen: set[Path] = set()
    for path in paths:
        if path.is_dir():
            candidates = sorted(
                p
                for p in path.iterdir()
                if p.suffix in YAML_SUFFIXES and not p.name.startswith(".") and p.is_file()
            )
        elif path.is_file():
            candidates = [path]
        else:
            raise ZwgkError(
                Text(
                    f"找不到“{path}”：请给出目录文件夹（如 catalogues）或 YAML 文件。",
                    f"'{path}' does not exist: give a catalogue folder (such as catalogues) or YAML files.",
                )
            )
        for candidate in candidates:
            key = candidate.resolve()
            if key not in seen:
                seen.add(key)
                found.append(candidate)
    if not found:
        shown = "、".join(str(p) for p in paths)
        raise ZwgkError(
            Text(
                f"“{shown}”中没有 YAML 文件（*.yaml、*.yml）。",
                f"no YAML files (*.yaml, *.yml) in '{', '.join(str(p) for p in paths)}'.",
            )
        )
    return found


def format_file(path: Path, *, fix_encoding: bool = False) -> FormatResult:
    """Read `path` and format its content (nothing is written)."""
    try:
        too_large = path.stat().st_size > MAX_FILE_BYTES
        raw = b"" if too_large else path.read_bytes()
    except OSError:
        too_large = True  # the loader explains what is wrong with the file
    if too_large:
        return FormatResult(path, b"", diagnostics=load_file(path).diagnostics)
    return format_bytes(path, raw, fix_encoding=fix_encoding)


def format_bytes(path: Path, raw: bytes, *, fix_encoding: bool = False) -> FormatResult:
    """The canonical form of `raw` (the content of `path`), with what was left alone and why."""
    result = FormatResult(path, raw)
    gbk_text = _gb18030_text(raw)
    if fix_encoding and gbk_text is not None:
        raw = gbk_text.encode("utf-8")
        result.reencoded = True
    loaded = load_bytes(path, raw)
    if loaded.diagnostics or loaded.document is None:
        result.diagnostics = [
            _with_fix_hint(d) if d.code == "file-encoding" and gbk_text is not None else d
            for d in loaded.diagnostics
        ]
        return result
    doc = loaded.document
    data = doc.data
    if path.name not in SETTINGS_NAMES and isinstance(data, dict) and isinstance(data.get("items"), list):
        result.items = len(data["items"])
    try:
        before = _layout(doc.text)
    except YAMLError:  # pragma: no cover - the project's loader has just read the same text
        result.problems.append(_self_check_problem(path, Text("无法再次读取", "cannot re-read")))
        return result
    inside = [c for c in before.comments if c.in_flow]
    if inside:
        first = inside[0]
        result.problems.append(
            Problem(
                path,
                first.line,
                first.column,
                Text(
                    f"第 {first.line} 行的注释写在方括号或花括号（[ ]、{{ }}）里面，ruamel.yaml 排版时无法保留，"
                    "所以这个文件没有排版。",
                    f"the comment at line {first.line} is inside brackets ([ ] or {{ }}); ruamel.yaml cannot "
                    "keep it when formatting, so this file was not formatted.",
                ),
                Text(
                    "把这条注释移到括号外面（如上一行），再运行 zwgk fmt。",
                    "move the comment out of the brackets (to the line above, say), then run zwgk fmt again.",
                ),
                doc.line_text(first.line),
            )
        )
        return result
    formatter = _Formatter(path)
    try:
        text, after = formatter.run(doc.text, explicit_start=before.explicit_start)
    except YAMLError:
        result.problems.append(
            _self_check_problem(path, Text("排版结果无法读取", "the result cannot be read"))
        )
        return result
    result.notices = formatter.notices
    newline = _newline(raw)
    bom = UTF8_BOM if raw.startswith(UTF8_BOM) else b""
    candidates = [text]
    trimmed = text.rstrip("\n") + "\n"
    if trimmed != text:
        candidates.insert(0, trimmed)  # drop blank lines at the end, unless they are data
    failure: Problem | None = None
    for candidate in candidates:
        failure = _self_check(path, data, doc.text, before, after, candidate)
        if failure is None:
            result.formatted = bom + candidate.replace("\n", newline).encode("utf-8")
            return result
    assert failure is not None
    result.problems.append(failure)
    return result


def write_result(result: FormatResult) -> None:
    """Write a formatted file in place (atomically); does nothing when it is unchanged."""
    if result.formatted is not None and result.changed:
        write_atomic(result.path, result.formatted)


def _newline(raw: bytes) -> str:
    """The file's line ending, from its first line break (LF when there is none)."""
    lf = raw.find(b"\n")
    if lf == -1:
        return "\r" if b"\r" in raw else "\n"
    return "\r\n" if lf > 0 and raw[lf - 1 : lf] == b"\r" else "\n"


def _gb18030_text(raw: bytes) -> str | None:
    """The text of a GBK/GB18030 file (not UTF-8, decodes as GB18030, holds Chinese), else None."""
    if b"\0" in raw or raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return None
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        return None
    return text if any("\u4e00" <= ch <= "\u9fff" for ch in text) else None


def _with_fix_hint(d: Diagnostic) -> Diagnostic:
    extra = Text(
        "也可以运行 zwgk fmt --fix-encoding，自动转换为 UTF-8。",
        "Or run zwgk fmt --fix-encoding to convert it to UTF-8.",
    )
    if d.hint is None:
        return replace(d, hint=extra)
    return replace(d, hint=Text(d.hint.zh + extra.zh, d.hint.en + " " + extra.en))


# ---------------------------------------------------------------------------------------------
# Self-check: same data, every comment and blank line still there


def _self_check(
    path: Path, data: Any, original: str, before: _Layout, after: _Layout, text: str
) -> Problem | None:
    """Why `text` is not an acceptable result (None when it is)."""
    loaded = load_bytes(path, text.encode("utf-8"))
    if loaded.diagnostics or loaded.document is None:
        return _self_check_problem(path, Text("排版结果无法读取", "the result cannot be read"))
    if not same_data(data, loaded.document.data):
        return _self_check_problem(path, Text("读出的数据与原文件不同", "the data read back differs"))
    lost = Counter(c.text for c in before.comments) - Counter(c.text for c in after.comments)
    if lost:
        first = next(c for c in before.comments if c.text in lost)
        return Problem(
            path,
            first.line,
            first.column,
            Text(
                f"第 {first.line} 行的注释所在的位置（如键和值之间）ruamel.yaml 无法保留，排版会丢失它，"
                "所以这个文件没有排版。",
                f"the comment at line {first.line} sits where ruamel.yaml cannot keep it (between a key "
                "and its value, say); formatting would lose it, so this file was not formatted.",
            ),
            Text(
                "把这条注释移到上一行或行尾，再运行 zwgk fmt。",
                "move the comment to the line above or to the end of a line, then run zwgk fmt again.",
            ),
            original.split("\n")[first.line - 1],
        )
    if after.blank_lines != before.blank_lines:
        return _self_check_problem(path, Text("空行会改变", "blank lines would change"))
    return None


def _self_check_problem(path: Path, what: Text) -> Problem:
    return Problem(
        path,
        None,
        None,
        Text(
            f"排版结果没有通过自检（{what.zh}），为安全起见这个文件没有改动。",
            f"the formatted text failed the self-check ({what.en}); the file was left untouched.",
        ),
        Text(
            "这是 zwgk 的缺陷：请把这个文件发给维护者。可以先手动整理它的格式。",
            "this is a zwgk bug: please send the file to the maintainers. You can tidy it by hand meanwhile.",
        ),
    )


def same_data(a: Any, b: Any) -> bool:
    """Equal plain data, types included (1, 1.0 and True differ; NaN equals NaN; key order ignored)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same_data(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same_data(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return bool(a == b)


@dataclass(frozen=True, slots=True)
class _Comment:
    line: int
    column: int
    text: str
    in_flow: bool
    full_line: bool


@dataclass(slots=True)
class _Layout:
    """The comments and blank lines of a text, found outside every scalar."""

    comments: list[_Comment]
    blank_lines: int
    explicit_start: bool


def _layout(text: str) -> _Layout:
    """Comments (with whether they sit inside [ ] or { }) and blank lines between the content.

    A `#` starts a comment when it begins a line or follows a space, outside every scalar (the
    parser's scalar spans tell where scalars are). Blank lines are counted outside scalars and
    flow collections, not counting those before the first or after the last non-blank line.
    """
    scalars: list[tuple[int, int]] = []
    flows: list[tuple[int, int]] = []
    open_flows: list[int | None] = []
    explicit_start = False
    for event in YAML(typ="rt", pure=True).parse(text):
        if isinstance(event, ScalarEvent):
            scalars.append((event.start_mark.index, event.end_mark.index))
        elif isinstance(event, MappingStartEvent | SequenceStartEvent):
            open_flows.append(event.start_mark.index if event.flow_style else None)
        elif isinstance(event, MappingEndEvent | SequenceEndEvent):
            start = open_flows.pop()
            if start is not None and (not open_flows or open_flows[-1] is None):
                flows.append((start, event.end_mark.index))
        elif isinstance(event, DocumentStartEvent) and event.explicit:
            explicit_start = True
    scalars.sort()
    flows.sort()
    comments: list[_Comment] = []
    blanks: list[int] = []
    offset = 0
    lines = text.split("\n")
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    first, last = (nonblank[0], nonblank[-1]) if nonblank else (0, -1)
    for number, line in enumerate(lines):
        if not line.strip():
            if first < number < last and not _inside(scalars, offset) and not _inside(flows, offset):
                blanks.append(number)
        else:
            column = 0
            while (column := line.find("#", column)) != -1:
                if (column == 0 or line[column - 1] in " \t") and not _inside(scalars, offset + column):
                    comments.append(
                        _Comment(
                            number + 1,
                            column + 1,
                            line[column:].rstrip(),
                            _inside(flows, offset + column),
                            not line[:column].strip(),
                        )
                    )
                    break
                column += 1
        offset += len(line) + 1
    return _Layout(comments, len(blanks), explicit_start)


def _tidy_comment_lines(text: str, comments: list[_Comment]) -> str:
    """Indent a full-line comment like the line it precedes; put two spaces before an end-of-line one."""
    lines = text.split("\n")
    full_lines = {c.line - 1 for c in comments if c.full_line}
    for comment in comments:
        index = comment.line - 1
        line = lines[index]
        if comment.full_line:
            following = next(
                (j for j in range(index + 1, len(lines)) if lines[j].strip() and j not in full_lines), None
            )
            if following is not None:
                indent = len(lines[following]) - len(lines[following].lstrip(" "))
                lines[index] = " " * indent + line.lstrip(" ")
        else:
            lines[index] = line[: comment.column - 1].rstrip() + "  " + line[comment.column - 1 :]
    return "\n".join(lines)


def _is_comment_line(line: str) -> bool:
    return line.lstrip(" ").startswith("#")


def _inside(spans: list[tuple[int, int]], index: int) -> bool:
    """Whether `index` is strictly inside one of `spans` (sorted and disjoint)."""
    at = bisect.bisect_right(spans, (index, math.inf)) - 1
    return at >= 0 and spans[at][0] < index < spans[at][1]


# ---------------------------------------------------------------------------------------------
# Reading and writing with ruamel.yaml


class _TextResolver(VersionedResolver):
    """Every plain scalar is text: values are written back exactly as they were read."""

    @property
    def versioned_resolver(self) -> dict[str, Any]:
        return {}


def _yaml() -> YAML:
    yaml = YAML(typ="rt", pure=True)
    yaml.Resolver = _TextResolver
    yaml.preserve_quotes = True
    yaml.width = 1_000_000  # never wrap: one value, one line
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


_NON_TEXT_PATTERNS = tuple(
    regexp for _versions, tag, regexp, _first in implicit_resolvers if tag != "tag:yaml.org,2002:str"
)


def _may_be_plain(text: str) -> bool:
    """Whether a quoted scalar can lose its quotes without any YAML reader taking it for non-text.

    Kept quoted: empty text, leading or trailing spaces, line breaks or control characters, and
    anything YAML 1.2 (the project's loader) or YAML 1.1 reads as null, a boolean (yes/no/on/off),
    a number (007, 1_000, 0x1F, 1:20), a date or a timestamp. Whether the text can be written
    plain at its place (": ", " #", leading indicators, commas inside [ ]) is left to ruamel, which
    adds quotes where YAML needs them.
    """
    if not text or text != text.strip() or not text.isprintable():
        return False
    if not isinstance(resolve_plain(text), str):
        return False
    return not any(regexp.match(text) for regexp in _NON_TEXT_PATTERNS)


def _is_flow(node: Any) -> bool:
    return bool(node.fa.flow_style() is True)


def _set_flow(node: Any) -> None:
    node.fa.set_flow_style()
    children = node.values() if isinstance(node, CommentedMap) else node
    for child in children:
        if isinstance(child, CommentedMap | CommentedSeq):
            _set_flow(child)


def _flat(value: Any) -> Iterator[CommentToken]:
    if isinstance(value, CommentToken):
        yield value
    elif isinstance(value, list):
        for part in value:
            yield from _flat(part)


def _tokens(node: Any) -> Iterator[CommentToken]:
    """Every comment token attached anywhere inside `node`."""
    if not isinstance(node, CommentedMap | CommentedSeq):
        return
    yield from _flat(node.ca.comment)
    for slots in node.ca.items.values():
        yield from _flat(slots)
    yield from _flat(node.ca.end)
    children = node.values() if isinstance(node, CommentedMap) else node
    for child in children:
        yield from _tokens(child)


def _split(value: str) -> tuple[str, str]:
    """A trailing comment token's text → (end of the value's line, full lines after it)."""
    end = value.find("\n")
    if end == -1:
        return value + "\n", ""
    return value[: end + 1], value[end + 1 :]


_Slot = tuple[Any, Any, int]


def _trail(parent: Any, key: Any) -> tuple[_Slot, list[Any]]:
    """Where ruamel keeps the lines that follow entry `key` of `parent`.

    The slot of the deepest last value (its end-of-line comment, then full lines), and the block
    collections on the way down to it: their `ca.end` holds further lines (after a [ ] or { }
    that ends a block list, for instance), innermost first when written.
    """
    ends: list[Any] = []
    node = parent[key]
    while isinstance(node, CommentedMap | CommentedSeq) and len(node) and not _is_flow(node):
        ends.append(node)
        parent, key = node, (next(reversed(node)) if isinstance(node, CommentedMap) else len(node) - 1)
        node = parent[key]
    return (parent, key, 2 if isinstance(parent, CommentedMap) else 0), ends


def _trail_slot(parent: Any, key: Any) -> _Slot:
    return _trail(parent, key)[0]


def _slot_get(slot: _Slot) -> CommentToken | None:
    container, key, index = slot
    entry = container.ca.items.get(key)
    if entry is None or len(entry) <= index:
        return None
    token = entry[index]
    return token if isinstance(token, CommentToken) else None


def _slot_set(slot: _Slot, token: CommentToken | None) -> None:
    container, key, index = slot
    entry = container.ca.items.setdefault(key, [None, None, None, None])
    while len(entry) <= index:
        entry.append(None)
    old = entry[index]
    entry[index] = token
    if all(part is None for part in entry):
        del container.ca.items[key]
    node = container[key]
    if isinstance(node, CommentedMap | CommentedSeq) and _is_flow(node):
        # ruamel keeps the comment after a flow collection on the collection as well.
        pre = node.ca.comment[1] if node.ca.comment else None
        if token is not None:
            node.ca.comment = [token, pre]
        elif node.ca.comment and node.ca.comment[0] is old:
            node.ca.comment = None if pre is None else [None, pre]


@dataclass(slots=True)
class _Gap:
    """Full lines (comments, blank lines) that follow an entry, and the line where they began."""

    text: str = ""
    line: int | None = None

    def first(self) -> tuple[int | None, bool]:
        """The 1-based line of the first comment (else of the first blank line); is it a comment."""
        for offset, text in enumerate(self.text.split("\n")):
            if text.strip():
                return (None if self.line is None else self.line + offset), True
        return self.line, False


# ---------------------------------------------------------------------------------------------
# The formatter


class _Formatter:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.shape = _shape_for(path)
        self.notices: list[Notice] = []
        self.root: Any = None
        self.lines: list[str] = []
        self.gap_lines: dict[int, int] = {}  # id(token) → 1-based line of the gap it carries

    def run(self, text: str, *, explicit_start: bool) -> tuple[str, _Layout]:
        """The formatted text, and its comments and blank lines."""
        yaml = _yaml()
        yaml.explicit_start = explicit_start or None
        self.lines = text.split("\n")
        self.root = root = yaml.load(text)
        if isinstance(root, CommentedMap | CommentedSeq):
            self._apply(root, self.shape, ())
            if _is_flow(root):
                root.fa.set_block_style()
        root = _plain_where_possible(root)
        _flow_scalars(root, in_flow=False)
        if isinstance(root, CommentedMap | CommentedSeq):
            for token in _tokens(root):
                token.value = "\n".join(line.rstrip() for line in token.value.split("\n"))
        out = io.StringIO()
        yaml.dump(root, out)
        dumped = out.getvalue().lstrip("\n")
        layout = _layout(dumped)  # tidying below moves no comment to another line
        return _tidy_comment_lines(dumped, layout.comments), layout

    # -- shapes

    def _apply(self, node: Any, shape: _Shape, path: FieldPath) -> None:
        """Lay out what is inside `node`: children first, then `node`'s own key order."""
        if isinstance(node, CommentedMap) and shape.kind == "map":
            for key in list(node):
                child = shape.fields.get(str(key))
                if child is not None:
                    self._entry(node, key, child, (*path, str(key)), shape)
            if shape.model is not None:
                self._reorder(node, shape.order, path)
        elif isinstance(node, CommentedSeq) and shape.kind == "seq" and shape.each is not None:
            for index in range(len(node)):
                self._entry(node, index, shape.each, (*path, index), shape)

    def _entry(self, parent: Any, key: Any, shape: _Shape, path: FieldPath, parent_shape: _Shape) -> None:
        node = parent[key]
        expected = CommentedMap if shape.kind == "map" else CommentedSeq
        if not isinstance(node, expected):
            return  # the wrong type: validate reports it; nothing to lay out
        self._apply(node, shape, path)
        if shape.style is not None and len(node) and _is_flow(node) != (shape.style == "flow"):
            self._restyle(parent, key, shape, path, parent_shape)

    # -- key order

    def _reorder(self, node: CommentedMap, order: tuple[str, ...], path: FieldPath) -> None:
        keys = list(node)
        rank = {name: i for i, name in enumerate(order)}
        wanted = [k for _, k in sorted(enumerate(keys), key=lambda p: _rank(rank, p[1], p[0], len(order)))]
        if wanted == keys:
            return
        old_next = dict(itertools.pairwise(keys))
        new_next = dict(itertools.pairwise(wanted))
        old_prev = {b: a for a, b in itertools.pairwise(keys)}
        new_prev = {b: a for a, b in itertools.pairwise(wanted)}
        followers: list[Any] = []  # keys that blank lines before them stay in front of
        for key in keys[:-1]:
            gap = self._gap(node, key)
            if not gap.text or new_next.get(key) == old_next[key]:
                continue
            follower = old_next[key]
            if gap.text.strip() or follower not in new_prev:
                # A comment between two keys that would no longer be neighbours (or blank lines
                # before a key that becomes the first one, where they cannot go).
                self._refuse_order(node, path, wanted, gap.first(), (key, follower))
                return
            followers.append(follower)
        for key in keys:
            # Lines ruamel keeps *before* a key (after a [ ] or { } value): they move with the key.
            leading = list(_flat((node.ca.items.get(key) or [None, None])[1]))
            if not leading or new_prev.get(key) == old_prev.get(key):
                continue
            comments = [t for t in leading if t.value.strip()]
            if comments or key not in new_prev:
                where = self._where((comments or leading)[0])
                self._refuse_order(node, path, wanted, where, (old_prev.get(key), key))
                return
        blanks = [(follower, self._take_gap(node, old_prev[follower])) for follower in followers]
        tail = self._take_gap(node, keys[-1]) if wanted[-1] != keys[-1] else _Gap()
        for key in wanted:
            node.move_to_end(key)
        for follower, gap in blanks:
            self._put_gap(node, new_prev[follower], gap)
        self._put_gap(node, wanted[-1], tail)

    def _refuse_order(
        self,
        node: CommentedMap,
        path: FieldPath,
        wanted: list[Any],
        found: tuple[int | None, bool],
        between: tuple[Any, Any],
    ) -> None:
        line, comment = found
        what = Text("注释", "comment") if comment else Text("空行", "blank line")
        fix = (
            Text(
                "手动调整键的顺序（注释随所说明的键移动）",
                "reorder the keys by hand, moving the comment along",
            )
            if comment
            else Text("删除这个空行，或手动调整键的顺序", "remove the blank line or reorder the keys by hand")
        )
        where = self._describe(path)
        before, after = between
        if before is None:
            zh_pos, en_pos = f"在 {after} 前面", f"before '{after}'"
        else:
            zh_pos, en_pos = f"在 {before} 和 {after} 之间", f"between '{before}' and '{after}'"
        order = [str(k) for k in wanted]
        self.notices.append(
            Notice(
                self.path,
                node.lc.line + 1,
                Text(
                    f"{where.zh}的键不是标准顺序（应为 {'、'.join(order)}），但第 {line} 行的{what.zh}{zh_pos}，"
                    f"重排会把它带到别处，所以保持原顺序。如需标准顺序，请{fix.zh}，再运行 zwgk fmt。",
                    f"the keys of {where.en} are not in the standard order ({', '.join(order)}), but the "
                    f"{what.en} at line {line} sits {en_pos} and reordering would carry it elsewhere, so the "
                    f"order is kept. To get the standard order, {fix.en}, then run zwgk fmt again.",
                ),
            )
        )

    # -- flow and block style

    def _restyle(self, parent: Any, key: Any, shape: _Shape, path: FieldPath, parent_shape: _Shape) -> None:
        node = parent[key]
        to_flow = shape.style == "flow"
        blocker = self._style_blocker(parent, key)
        if blocker is not None:
            self._refuse_style(parent, key, shape, path, parent_shape, blocker)
            return
        gap = self._take_gap(parent, key)
        if to_flow:
            _set_flow(node)
        else:
            node.fa.set_block_style()
        self._put_gap(parent, key, gap)

    def _style_blocker(self, parent: Any, key: Any) -> CommentToken | None:
        """A comment attached inside the entry that another style would lose or move."""
        slot, ends = _trail(parent, key)
        trail = _slot_get(slot)
        after = {id(t) for end in ends for t in _flat(end.ca.end)}  # full lines after the entry
        # Slot 1 holds comments *before* the key or list entry: they stay where they are.
        slots = [part for i, part in enumerate(parent.ca.items.get(key) or ()) if i != 1]
        for token in (*_flat(slots), *_tokens(parent[key])):
            if id(token) in after or (token is trail and not _split(token.value)[0].strip()):
                continue  # only full lines after the entry: they are moved along
            return token
        return None

    def _refuse_style(
        self,
        parent: Any,
        key: Any,
        shape: _Shape,
        path: FieldPath,
        parent_shape: _Shape,
        token: CommentToken,
    ) -> None:
        line, comment = self._where(token)
        label = self._label(path, parent_shape)
        at = parent.lc.key(key) if isinstance(parent, CommentedMap) else parent.lc.item(key)
        if comment:
            what = Text("注释", "comment")
            fix = Text("请把注释移到它上方", "move the comment above it")
        else:
            what = Text("空行", "blank line")
            fix = Text("请删除这个空行", "remove the blank line")
        if shape.style == "flow":
            form = "[a, b]" if shape.kind == "seq" else "{键: 值, …}"
            form_en = "[a, b]" if shape.kind == "seq" else "{key: value, …}"
            zh = (
                f"{label.zh}：按标准应写在一行 {form}，但第 {line} 行有{what.zh}，写成一行会丢失它，"
                f"所以保留原来的多行写法。如需标准写法，{fix.zh}。"
            )
            en = (
                f"{label.en} is written on one line ({form_en}) in the standard layout, but the {what.en} "
                f"at line {line} would be lost, so its multi-line layout is kept. To get the standard "
                f"layout, {fix.en}."
            )
        else:
            form = "“- …”" if shape.kind == "seq" else "“键: 值”"
            form_en = "'- …'" if shape.kind == "seq" else "'key: value'"
            zh = (
                f"{label.zh}：按标准应逐行写成 {form}，但第 {line} 行的行尾注释会因此移位，"
                "所以保留原来的一行写法。如需标准写法，请把注释移到它上方。"
            )
            en = (
                f"{label.en} is written one entry per line ({form_en}) in the standard layout, but the "
                f"comment at the end of line {line} would move, so it stays on one line. To get the "
                "standard layout, move the comment above it."
            )
        self.notices.append(Notice(self.path, at[0] + 1, Text(zh, en)))

    # -- what follows an entry

    def _gap(self, parent: Any, key: Any, *, detach: bool = False) -> _Gap:
        """The full lines (comments, blank lines) that follow entry `key`; `detach` removes them."""
        slot, ends = _trail(parent, key)
        gap = _Gap()
        token = _slot_get(slot)
        if token is not None:
            eol, gap.text = _split(token.value)
            if gap.text:
                gap.line = self._gap_line(token)
                if detach and eol.strip():
                    token.value = eol
                elif detach:
                    _slot_set(slot, None)
        for end in reversed(ends):
            for part in _flat(end.ca.end):
                if gap.line is None:
                    gap.line = self.gap_lines.get(id(part))
                    start = getattr(part.start_mark, "line", None)
                    if gap.line is None and start is not None:
                        gap.line = start + 1
                gap.text += part.value
            if detach:
                end.ca.end = []
        return gap

    def _take_gap(self, parent: Any, key: Any) -> _Gap:
        """Detach the full lines that follow entry `key`."""
        return self._gap(parent, key, detach=True)

    def _put_gap(self, parent: Any, key: Any, gap: _Gap) -> None:
        """Attach `gap` after entry `key` (after its deepest last value)."""
        if not gap.text:
            return
        slot = _trail_slot(parent, key)
        token = _slot_get(slot)
        if token is None:
            token = CommentToken("\n" + gap.text, CommentMark(0))
            _slot_set(slot, token)
        else:
            eol, old = _split(token.value)
            token.value = eol + old + gap.text
        if gap.line is not None:
            self.gap_lines[id(token)] = gap.line

    def _gap_line(self, token: CommentToken) -> int | None:
        """The 1-based line (in the original text) where the full lines carried by `token` begin."""
        known = self.gap_lines.get(id(token))
        if known is not None:
            return known
        start: int | None = getattr(token.start_mark, "line", None)
        if start is None:
            return None
        eol, _ = _split(token.value)
        index = start + 1 if eol.strip() else start
        while (
            index < len(self.lines) and self.lines[index].strip() and not _is_comment_line(self.lines[index])
        ):
            index += 1
        return index + 1

    def _where(self, token: CommentToken) -> tuple[int | None, bool]:
        """The 1-based line of the first comment (else blank line) `token` carries; is it a comment."""
        eol, gap = _split(token.value)
        if eol.strip():
            start = getattr(token.start_mark, "line", None)
            return (None if start is None else start + 1), True
        return _Gap(gap, self._gap_line(token)).first()

    # -- names in messages

    def _node_at(self, path: FieldPath) -> Any:
        node = self.root
        for part in path:
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                return None
        return node

    def _name_of(self, path: FieldPath, key: str) -> tuple[str, str]:
        node = self._node_at(path)
        value = node.get(key) if isinstance(node, CommentedMap) else None
        return (f"（{value}）", f" ({value})") if isinstance(value, str) and value else ("", "")

    def _describe(self, path: FieldPath) -> Text:
        """A mapping's place, as people say it: 第 3 个事项（shjz-003）."""
        if not path:
            return Text("文件顶层", "the top level")
        head = path[0]
        if head == "items" and len(path) >= 2 and isinstance(path[1], int):
            zh_name, en_name = self._name_of(path[:2], "id")
            zh, en = f"第 {path[1] + 1} 个事项{zh_name}", f"item {path[1] + 1}{en_name}"
            rest = path[2:]
            if len(rest) >= 2 and rest[0] == "waivers" and isinstance(rest[1], int):
                zh += f"的第 {rest[1] + 1} 条豁免"
                en += f", waiver {rest[1] + 1}"
            return Text(zh, en)
        if isinstance(head, str) and len(path) >= 2 and isinstance(path[1], int):
            title = field_title(Settings, head) or head
            zh_name, en_name = self._name_of(path[:2], "domain" if head == "not_applicable" else "name")
            return Text(
                f"{title} ({head}) 第 {path[1] + 1} 项{zh_name}", f"{head} entry {path[1] + 1}{en_name}"
            )
        return Text(format_path(path), format_path(path))

    def _label(self, path: FieldPath, parent_shape: _Shape) -> Text:
        """A field or list entry in messages: 第 3 个事项（shjz-003）的 公开内容（要素） (content)."""
        last = path[-1]
        if isinstance(last, int):
            return self._describe(path)
        title = field_title(parent_shape.model, last) if parent_shape.model is not None else None
        name = f"{title} ({last})" if title else str(last)
        if len(path) == 1:
            return Text(name, f"'{last}'")
        owner = self._describe(path[:-1])
        return Text(f"{owner.zh}的 {name}", f"'{last}' of {owner.en}")


def _rank(rank: dict[str, int], key: Any, index: int, known: int) -> tuple[int, int]:
    """Sort key: known fields by field order, then unknown keys as they were."""
    name = str(key)
    return (rank[name], 0) if name in rank else (known, index)


def _requote(text: str) -> str:
    """A quoted scalar's canonical form: plain when possible, else '…', else "…" (escapes)."""
    if _may_be_plain(text):
        return str(text)
    quoted: str = (
        SingleQuotedScalarString(text)
        if all(ch == " " or ch.isprintable() for ch in text)
        else DoubleQuotedScalarString(text)
    )
    return quoted


def _plain_where_possible(node: Any) -> Any:
    """Quotes only where YAML needs them (see `_may_be_plain`); returns the (new) node.

    Only scalars that were quoted are touched: a plain scalar stays plain (ruamel adds quotes
    itself where the new place needs them, e.g. a comma inside [ ]).
    """
    if isinstance(node, SingleQuotedScalarString | DoubleQuotedScalarString):
        return _requote(str(node))
    if isinstance(node, CommentedMap):
        for key in list(node):
            OrderedDict.__setitem__(node, key, _plain_where_possible(node[key]))
        pairs = [(_plain_where_possible(key), key, value) for key, value in node.items()]
        if any(type(new) is not type(old) for new, old, _ in pairs):
            for _, old, _ in pairs:
                del node[old]
            for new, _, value in pairs:
                node[new] = value
    elif isinstance(node, CommentedSeq):
        for index, value in enumerate(node):
            list.__setitem__(node, index, _plain_where_possible(value))
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


def _flow_scalars(node: Any, *, in_flow: bool) -> None:
    """Plain scalars inside [ ] or { }: an empty value is written `null`; `?x` and `:x` are quoted."""
    if not isinstance(node, CommentedMap | CommentedSeq):
        return
    flow = in_flow or _is_flow(node)
    if isinstance(node, CommentedSeq):
        for index, value in enumerate(node):
            list.__setitem__(node, index, _in_flow(value) if flow else value)
            _flow_scalars(value, in_flow=flow)
        return
    for key, value in list(node.items()):
        OrderedDict.__setitem__(node, key, _in_flow(value) if flow else value)
        _flow_scalars(value, in_flow=flow)
    if flow and any(_in_flow(key) is not key for key in node):
        pairs = [(_in_flow(key), key, value) for key, value in node.items()]
        for _, old, _ in pairs:
            del node[old]
        for new, _, value in pairs:
            node[new] = value
