"""The careful way to read a file: ruamel.yaml's event stream turned into plain data with the
position of every key and value.

`_Builder` keeps YAML 1.2 semantics (``no`` stays text, ``001`` is a number, through
`loading.resolve_plain`), records positions, reports every duplicate key, and refuses anchors and
aliases at the first one, so a billion-laughs file fails fast in bounded memory. Parser errors
become located Chinese diagnostics. Only files with findings (or that the fast reader cannot
promise to read exactly) come here, and of a long file mostly only the items that need it
(`careful_part`, see `parts`), so this module and ruamel.yaml are imported only then.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from zwgk_cli.core.diagnostics import Diagnostic, Text, say
from zwgk_cli.core.source import FieldPath, Pos, SourceDocument
from zwgk_cli.sources.loading import LOOKALIKE_CODES, MAX_DEPTH, resolve_plain

_CORE = "tag:yaml.org,2002:"


def careful_parse(doc: SourceDocument, scan: list[Diagnostic]) -> tuple[Any, list[Diagnostic]]:
    """The document's data (None if unreadable) and its findings, `scan`'s line findings merged in."""
    # The line scan explains a parser failure better than the parser does: see the end.
    builder = _Builder(doc)
    try:
        builder.run(YAML(typ="rt", pure=True).parse(doc.text))
    except _Stop:
        pass
    except MarkedYAMLError as exc:
        builder.failed = True
        builder.diagnostics.append(_syntax_diag(doc, exc))
    except YAMLError as exc:
        builder.failed = True
        builder.diagnostics.append(_reader_diag(doc, exc))
    except RecursionError:
        builder.failed = True
        builder.diagnostics.append(_depth_diag(doc, Pos(1, 1)))
    except Exception:
        # ruamel's scanner can trip over its own assertions (e.g. on a comment line followed by
        # `|` at the start of a line): still a located finding, never a traceback
        builder.failed = True
        builder.diagnostics.append(_unparsable_diag(doc, builder.last))
    # A full-width look-alike is a finding even where the text still parses (`［政府网站］` reads
    # as text); a tab or full-width colon only explains a parser failure (a tab can be text).
    always = [d for d in scan if d.code in LOOKALIKE_CODES]
    if builder.failed and scan:
        # The scan explains the failure better than the parser does: report the scan alone
        # when the parser tripped at or after the first thing the scan found that breaks parsing.
        breaking = [d.line or 0 for d in scan if d.code != "yaml-fullwidth-comma"]
        first = min(breaking) if breaking else None
        parse_lines = [d.line or 0 for d in builder.diagnostics if d.code == "yaml-syntax"]
        if first is not None and all(line >= first for line in parse_lines):
            builder.diagnostics = [d for d in builder.diagnostics if d.code != "yaml-syntax"]
        builder.diagnostics = scan + builder.diagnostics
    elif always:
        builder.diagnostics = always + builder.diagnostics
    return (None if builder.failed else builder.root), builder.diagnostics


@dataclass(slots=True)
class PartRead:
    """One part of a file read carefully on its own (see `careful_part`)."""

    document: SourceDocument  # the part's data, positions and text (its lines counted from 1)
    diagnostics: list[Diagnostic]
    failed: bool  # a finding that leaves the file without data (an alias, a tag…)
    stopped: bool  # reading ended at a finding (an alias, too deep, a complex key)
    broken: bool  # the parser gave up: what it says about a part may not hold for the file


def careful_part(
    path: Path, text: str, *, depth: int, line_of: Callable[[int], int] | None = None
) -> PartRead:
    """`text`, a part of the file at `path` that lies `depth` containers deep in it, read carefully.

    The findings are those the whole file would get in this part, except where the parser gave up
    (`broken`): what is wrong with a part may lie outside it (an unclosed quote). Their lines and
    positions are the part's, but a line a message names is the file's (`line_of` a part's line).
    """
    doc = SourceDocument(path=path, text=text)
    builder = _Builder(doc, depth, line_of)
    stopped = broken = False
    try:
        builder.run(YAML(typ="rt", pure=True).parse(text))
    except _Stop:
        stopped = True
    except Exception:  # a syntax error, or ruamel tripping over itself: see careful_parse
        broken = True
    doc.data = builder.root
    return PartRead(doc, builder.diagnostics, builder.failed, stopped, broken)


_SURROGATE = re.compile("[\ud800-\udfff]")


class _Stop(Exception):
    """Raised inside the builder to abandon a file (alias found, too deep)."""


@dataclass(slots=True)
class _Frame:
    container: dict[str, Any] | list[Any]
    path: FieldPath | None  # None: a discarded subtree (the value of a duplicate key)
    key: str | None = None
    key_pos: Pos | None = None
    discard_next: bool = False
    seen: dict[str, Pos] = field(default_factory=dict)


class _Builder:
    def __init__(
        self, doc: SourceDocument, depth: int = 0, line_of: Callable[[int], int] | None = None
    ) -> None:
        self.doc = doc
        # a part of a file (see `careful_part`): the containers around it, its lines in the file
        self.depth = depth
        self.line_of = line_of
        self.root: Any = None
        self.stack: list[_Frame] = []
        self.diagnostics: list[Diagnostic] = []
        self.failed = False
        self.documents = 0
        self.last = Pos(1, 1)  # where the last event read ended

    def run(self, events: Iterable[Any]) -> None:
        for event in events:
            mark = event.end_mark
            if mark is not None:
                self.last = Pos(mark.line + 1, mark.column + 1)
            if isinstance(event, ScalarEvent):
                self._check_node(event)
                self._scalar(event)
            elif isinstance(event, MappingStartEvent | SequenceStartEvent):
                self._check_node(event)
                self._open(event)
            elif isinstance(event, MappingEndEvent | SequenceEndEvent):
                self._close()
            elif isinstance(event, AliasEvent):
                self._alias(_pos(event))
            elif isinstance(event, DocumentStartEvent):
                self.documents += 1
                if self.documents > 1:
                    pos = _pos(event)
                    msg, hint = say("yaml-multiple-documents"), say("yaml-multiple-documents.hint")
                    self._fail("yaml-multiple-documents", msg, pos, hint)
            elif isinstance(event, StreamEndEvent):
                break

    # -- events

    def _check_node(self, event: Any) -> None:
        if event.anchor is not None:
            self._alias(_pos(event), anchor=True)
        tag = event.tag
        if tag is not None and not (
            isinstance(tag, str) and tag.startswith(_CORE) and tag[len(_CORE) :] in _TAGS
        ):
            tag = str(tag).replace(_CORE, "!!", 1)
            self._fail("yaml-tag", say("yaml-tag", tag=tag), _pos(event), say("yaml-tag.hint"))

    def _alias(self, pos: Pos, *, anchor: bool = False) -> None:
        what = say("yaml-alias.anchor" if anchor else "yaml-alias.alias")
        self._fail("yaml-alias", say("yaml-alias", what=what), pos, say("yaml-alias.hint"))
        raise _Stop

    def _fail(self, code: str, msg: Text, pos: Pos, hint: Text | None = None) -> None:
        self.failed = True
        self.diagnostics.append(
            Diagnostic(
                code,
                msg,
                file=self.doc.path,
                line=pos.line,
                column=pos.column,
                hint=hint,
                excerpt=self.doc.line_text(pos.line),
            )
        )

    def _scalar(self, event: ScalarEvent) -> None:
        pos = _pos(event)
        text = event.value
        if event.style == ">":
            text = text.replace("\a", "")  # ruamel marks where it folded a line; the text has no such mark
        value: Any
        tag = event.tag
        if tag is not None:
            value = _tagged(tag[len(_CORE) :], text)
        elif event.style is None:
            value = resolve_plain(text)
        else:
            value = text
        if isinstance(value, str) and (found := _SURROGATE.search(value)):
            value = text = self._surrogates(value, found, pos)
        self._attach(value, pos, container=False, key_text=text)

    def _surrogates(self, text: str, found: re.Match[str], pos: Pos) -> str:
        """Report an escape such as "\\ud800" that stands for half a character (a lone UTF-16
        surrogate, which no file can hold); the text goes on with U+FFFD in its place, so the rest
        of the file is still checked and nothing downstream meets it."""
        code = f"\\u{ord(found.group()):04x}"
        self.diagnostics.append(
            Diagnostic(
                "yaml-syntax",
                say("yaml-syntax", problem=say("yaml-syntax.surrogate", escape=code)),
                file=self.doc.path,
                line=pos.line,
                column=pos.column,
                hint=say("yaml-syntax.surrogate.hint"),
                excerpt=self.doc.line_text(pos.line),
            )
        )
        return _SURROGATE.sub("\ufffd", text)

    def _open(self, event: Any) -> None:
        if len(self.stack) + self.depth >= MAX_DEPTH:
            self.diagnostics.append(_depth_diag(self.doc, _pos(event)))
            self.failed = True
            raise _Stop
        pos = _pos(event)
        container: dict[str, Any] | list[Any] = {} if isinstance(event, MappingStartEvent) else []
        path = self._attach(container, pos, container=True, key_text="")
        self.stack.append(_Frame(container, path))

    def _close(self) -> None:
        self.stack.pop()

    def _attach(self, value: Any, pos: Pos, *, container: bool, key_text: str) -> FieldPath | None:
        """Place `value` in the open container; returns the path it got (None if discarded)."""
        if not self.stack:
            self.root = value
            self.doc.values[()] = pos
            return ()
        top = self.stack[-1]
        if isinstance(top.container, list):
            index = len(top.container)
            top.container.append(value)
            if top.path is None:
                return None
            path = (*top.path, index)
            self.doc.values[path] = pos
            return path
        if top.key is None and not top.discard_next:
            # This node is a key.
            if container:
                self._fail("yaml-complex-key", say("yaml-complex-key"), pos)
                raise _Stop
            key = key_text
            previous = top.seen.get(key)
            if previous is not None:
                earlier = self.line_of(previous.line) if self.line_of is not None else previous.line
                msg = say("yaml-duplicate-key", key=key, line=earlier)
                hint = say("yaml-duplicate-key.hint")
                self.diagnostics.append(
                    Diagnostic(
                        "yaml-duplicate-key",
                        msg,
                        file=self.doc.path,
                        line=pos.line,
                        column=pos.column,
                        path=top.path or (),
                        hint=hint,
                        excerpt=self.doc.line_text(pos.line),
                    )
                )
                top.discard_next = True
                return None
            top.seen[key] = pos
            top.key = key
            top.key_pos = pos
            return None
        if top.discard_next:
            top.discard_next = False
            return None
        owner = top.key
        assert owner is not None
        assert isinstance(top.container, dict)
        top.container[owner] = value
        top.key = None
        if top.path is None:
            return None
        path = (*top.path, owner)
        self.doc.values[path] = pos
        if top.key_pos is not None:
            self.doc.keys[path] = top.key_pos
        return path


_TAGS = frozenset({"str", "int", "float", "bool", "null", "seq", "map"})


def _tagged(tag: str, text: str) -> Any:
    if tag == "str":
        return text
    resolved = resolve_plain(text)
    return resolved


def _pos(event: Any) -> Pos:
    mark = event.start_mark
    return Pos(mark.line + 1, mark.column + 1)


# ---------------------------------------------------------------------------------------------
# Parser errors in plain Chinese

# What ruamel.yaml says (a piece of its message) → the key of the explanation in plain words.
_PROBLEMS: tuple[tuple[str, str], ...] = (
    ("mapping values are not allowed", "yaml-syntax.mapping-values"),
    ("could not find expected ':'", "yaml-syntax.missing-colon"),
    ("expected <block end>", "yaml-syntax.block-end"),
    ("did not find expected key", "yaml-syntax.expected-key"),
    ("did not find expected '-' indicator", "yaml-syntax.list-indent"),
    ("expected ',' or ']'", "yaml-syntax.flow-list"),
    ("expected ',' or '}'", "yaml-syntax.flow-map"),
    ("found unexpected end of stream", "yaml-syntax.end-of-stream"),
    ("found unknown escape character", "yaml-syntax.escape"),
    ("found character '\\t' that cannot start any token", "yaml-syntax.tab"),
    ("found character", "yaml-syntax.character"),
    ("did not find expected node content", "yaml-syntax.node-content"),
    ("unacceptable character", "yaml-syntax.control-character"),
    ("found undefined tag handle", "yaml-syntax.tag-handle"),
)


def _syntax_diag(doc: SourceDocument, exc: MarkedYAMLError) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    if exc.context_mark is not None and "end of stream" in str(exc.problem or ""):
        mark = exc.context_mark  # where the unclosed quote or bracket began
    line = (mark.line + 1) if mark is not None else 1
    column = (mark.column + 1) if mark is not None else 1
    problem = str(exc.problem or exc.context or "")
    return _translated(doc, problem, line, column)


def _reader_diag(doc: SourceDocument, exc: YAMLError) -> Diagnostic:
    position = getattr(exc, "position", None)
    if isinstance(position, int):
        line = doc.text.count("\n", 0, position) + 1
        column = position - (doc.text.rfind("\n", 0, position) + 1) + 1
    else:
        line, column = 1, 1
    return _translated(doc, str(exc), line, column)


def _translated(doc: SourceDocument, problem: str, line: int, column: int) -> Diagnostic:
    for needle, key in _PROBLEMS:
        if needle in problem:
            # `braces` fills the one explanation that shows { … } (a template cannot hold a literal brace
            # without a placeholder to format).
            msg = say("yaml-syntax", problem=say(key, braces="{ … }"))
            break
    else:
        msg = say("yaml-syntax.untranslated", problem=problem)
    hint = say("yaml-syntax.hint")
    return Diagnostic(
        "yaml-syntax", msg, file=doc.path, line=line, column=column, hint=hint, excerpt=doc.line_text(line)
    )


def _unparsable_diag(doc: SourceDocument, pos: Pos) -> Diagnostic:
    msg = say("yaml-syntax", problem=say("yaml-syntax.unparsable"))
    hint = say("yaml-syntax.unparsable.hint")
    return Diagnostic(
        "yaml-syntax",
        msg,
        file=doc.path,
        line=pos.line,
        column=pos.column,
        hint=hint,
        excerpt=doc.line_text(pos.line),
    )


def _depth_diag(doc: SourceDocument, pos: Pos) -> Diagnostic:
    msg = say("yaml-too-deep", depth=MAX_DEPTH)
    return Diagnostic("yaml-too-deep", msg, file=doc.path, line=pos.line, column=pos.column)
