"""The careful way to read a file: ruamel.yaml's event stream turned into plain data with the
position of every key and value.

`_Builder` keeps YAML 1.2 semantics (``no`` stays text, ``001`` is a number, through
`loading.resolve_plain`), records positions, reports every duplicate key, and refuses anchors and
aliases at the first one, so a billion-laughs file fails fast in bounded memory. Parser errors
become located Chinese diagnostics. Only files with findings (or that the fast reader cannot
promise to read exactly) come here, so this module and ruamel.yaml are imported only then.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
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

from zwgk_cli.core.diagnostics import Diagnostic, Text
from zwgk_cli.core.source import FieldPath, Pos, SourceDocument
from zwgk_cli.sources.loading import MAX_DEPTH, resolve_plain

_CORE = "tag:yaml.org,2002:"


def careful_parse(doc: SourceDocument, scan: list[Diagnostic]) -> tuple[Any, list[Diagnostic]]:
    """The document's data (None when it cannot be read) and the problems found; `scan` holds the
    line scan's findings, which explain a parser failure better than the parser does."""
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
    if builder.failed and scan:
        # The scan explains the failure better than the parser does: report the scan alone
        # when the parser tripped at or after the first thing the scan found.
        first = min((d.line or 0) for d in scan)
        parse_lines = [d.line or 0 for d in builder.diagnostics if d.code == "yaml-syntax"]
        if all(line >= first for line in parse_lines):
            builder.diagnostics = [d for d in builder.diagnostics if d.code != "yaml-syntax"]
        builder.diagnostics = scan + builder.diagnostics
    return (None if builder.failed else builder.root), builder.diagnostics


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
    def __init__(self, doc: SourceDocument) -> None:
        self.doc = doc
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
                    msg = Text(
                        "一个文件只能有一个 YAML 文档，这里用“---”开始了第二个。",
                        "a file may hold one YAML document only; '---' starts a second one here.",
                    )
                    hint = Text(
                        "把第二部分移到另一个文件，或删除多余的“---”。",
                        "move it to its own file or remove '---'.",
                    )
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
            msg = Text(
                f"不支持 YAML 标签“{tag}”：目录文件只用普通的文字、数字、列表和映射。",
                f"YAML tag '{tag}' is not supported: catalogue files use plain text, numbers, lists and mappings.",
            )
            hint = Text(
                "删除这个标签；需要文字时用引号括起来。",
                "remove the tag; quote the value if it must stay text.",
            )
            self._fail("yaml-tag", msg, _pos(event), hint)

    def _alias(self, pos: Pos, *, anchor: bool = False) -> None:
        what = "锚点（&）" if anchor else "别名（*）"
        msg = Text(
            f"这里使用了 YAML {what}。目录文件不允许锚点和别名：它们让复制的内容难以审阅，也可能被用来制造巨大的文件。",
            f"a YAML {'anchor (&)' if anchor else 'alias (*)'} is used here. Catalogue files do not allow anchors "
            "or aliases: copied content is hard to review and can be used to blow up memory.",
        )
        hint = Text("把要重复的内容直接写出来。", "write the repeated content out in full.")
        self._fail("yaml-alias", msg, pos, hint)
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
                Text(
                    f"YAML 语法错误：转义 {code} 只是半个字符（单独的 UTF-16 代理码位），不能保存为文字。",
                    f"YAML syntax error: the escape {code} is half a character (a lone UTF-16 surrogate) "
                    "and cannot be stored as text.",
                ),
                file=self.doc.path,
                line=pos.line,
                column=pos.column,
                hint=Text(
                    "删除它；表情等字符请直接写出，或用 \\U 加 8 位十六进制（如 \\U0001F600）。",
                    "remove it; write such a character as it is, or as \\U and 8 hex digits (e.g. \\U0001F600).",
                ),
                excerpt=self.doc.line_text(pos.line),
            )
        )
        return _SURROGATE.sub("\ufffd", text)

    def _open(self, event: Any) -> None:
        if len(self.stack) >= MAX_DEPTH:
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
                msg = Text(
                    "键必须是简单文字，这里却是列表或映射。",
                    "a key must be plain text, not a list or mapping.",
                )
                self._fail("yaml-complex-key", msg, pos)
                raise _Stop
            key = key_text
            previous = top.seen.get(key)
            if previous is not None:
                msg = Text(
                    f"键“{key}”重复：第 {previous.line} 行已经写过。保留第一次写的值，这一处被忽略。",
                    f"key '{key}' is repeated: it is already at line {previous.line}. The first value is kept.",
                )
                hint = Text("删除其中一处，或把两处合并。", "remove one of them or merge the two.")
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

_PROBLEMS: tuple[tuple[str, str, str], ...] = (
    (
        "mapping values are not allowed",
        "这里不能出现“键: 值”。常见原因：缩进不对，或值里含有“: ”却没有加引号。",
        "a 'key: value' is not allowed here: the indentation is off, or a value contains ': ' without quotes.",
    ),
    (
        "could not find expected ':'",
        "找不到键后面应有的冒号“:”。常见原因：上一行缺少冒号，或缩进与同级的键不一致。",
        "the ':' after a key is missing: the line lacks a colon, or its indentation differs from its siblings.",
    ),
    (
        "expected <block end>",
        "缩进不一致：这一行没有和同一层级的其他行对齐。",
        "inconsistent indentation: this line is not aligned with its siblings.",
    ),
    (
        "did not find expected key",
        "缩进不一致或缺少“- ”：这里应当是一个键，或一个列表项。",
        "inconsistent indentation or a missing '- ': a key or a list item was expected here.",
    ),
    (
        "did not find expected '-' indicator",
        "列表缩进不一致：这一项没有和其他的“- ”对齐。",
        "list indentation is inconsistent: this item is not aligned with the other '- ' items.",
    ),
    (
        "expected ',' or ']'",
        "方括号列表 [ … ] 没有闭合，或两项之间缺少逗号。",
        "a [ … ] list is not closed, or a comma is missing between two entries.",
    ),
    (
        "expected ',' or '}'",
        "花括号映射 { … } 没有闭合，或两项之间缺少逗号。",
        "a { … } mapping is not closed, or a comma is missing between two entries.",
    ),
    (
        "found unexpected end of stream",
        "文件在引号或括号闭合之前就结束了。",
        "the file ends before a quote or bracket is closed.",
    ),
    (
        "found unknown escape character",
        "双引号中的反斜杠“\\”开始了无效的转义。",
        "a backslash starts an invalid escape inside double quotes.",
    ),
    (
        "found character '\\t' that cannot start any token",
        "这里有一个制表符（Tab），YAML 只允许空格。",
        "a tab is here; YAML allows only spaces.",
    ),
    (
        "found character",
        "这里有一个不能作为值开头的字符（如 @、` 或 %），请给整个值加引号。",
        "a character that cannot start a value is here (@, ` or %): quote the whole value.",
    ),
    (
        "did not find expected node content",
        "这里缺少值，或有多余的符号。",
        "a value is missing here, or there is a stray symbol.",
    ),
    (
        "unacceptable character",
        "文件含有不允许的控制字符。",
        "the file holds a control character that is not allowed.",
    ),
    (
        "found undefined tag handle",
        "使用了未定义的标签前缀（!…）。",
        "an undefined tag handle (!…) is used.",
    ),
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
    for needle, zh, en in _PROBLEMS:
        if needle in problem:
            msg = Text(f"YAML 语法错误：{zh}", f"YAML syntax error: {en}")
            break
    else:
        msg = Text(f"YAML 语法错误（{problem}）。", f"YAML syntax error ({problem}).")
    hint = Text(
        "检查这一行和上一行的缩进（只用空格，同级对齐）、冒号后的空格和引号是否成对。",
        "check this line and the one above: indentation (spaces, siblings aligned), a space after ':', paired quotes.",
    )
    return Diagnostic(
        "yaml-syntax", msg, file=doc.path, line=line, column=column, hint=hint, excerpt=doc.line_text(line)
    )


def _unparsable_diag(doc: SourceDocument, pos: Pos) -> Diagnostic:
    msg = Text(
        "YAML 语法错误：从这里往后的内容无法解析（常见原因：注释、| 或 > 的位置不对，或缩进不齐）。",
        "YAML syntax error: the text from here on cannot be parsed (often a misplaced comment, | or >, "
        "or uneven indentation).",
    )
    hint = Text(
        "检查这一行之后几行的缩进（只用空格，同级对齐）、注释和 | > 的位置；文字中含有 | > # 时给整段加引号。",
        "check the indentation of the next lines (spaces, siblings aligned), comments and | >; "
        "quote text that holds | > #.",
    )
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
    msg = Text(
        f"嵌套超过 {MAX_DEPTH} 层，目录文件不会有这么深的结构。",
        f"nesting deeper than {MAX_DEPTH} levels; a catalogue file is never this deep.",
    )
    return Diagnostic("yaml-too-deep", msg, file=doc.path, line=pos.line, column=pos.column)
