"""Files → plain data with positions, and every reading problem as a located Diagnostic.

Two steps. A scan of the bytes catches what YAML parsers explain badly (wrong encoding, tabs in
indentation, a full-width colon after a key). Then the YAML event stream is turned into plain
data by `_Builder`, which keeps YAML 1.2 semantics (``no`` stays text, ``001`` is a number),
records the position of every key and value, reports every duplicate key, and refuses anchors and
aliases at the first one, so a billion-laughs file fails fast in bounded memory.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
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

from zwgk_cli.diagnostics import Diagnostic, Text
from zwgk_cli.fastload import Fallback, fast_parse
from zwgk_cli.source import FieldPath, Pos, SourceDocument

MAX_FILE_BYTES = 16 * 1024 * 1024
MAX_DEPTH = 64


@dataclass(slots=True)
class LoadResult:
    """A document (None when it could not be read at all) and what went wrong."""

    document: SourceDocument | None
    diagnostics: list[Diagnostic] = field(default_factory=list)


def load_file(path: Path, *, fast: bool = False) -> LoadResult:
    """Read and parse one YAML file; never raises for bad content.

    With `fast`, a clean file is read without positions (see `fastload`); any file the fast reader
    cannot promise to read exactly like the careful one is read the careful way.
    """
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return LoadResult(None, [_file_diag(path, "file-too-large", _too_large(size))])
        raw = path.read_bytes()
    except OSError as exc:
        msg = Text(f"无法读取文件：{exc.strerror or exc}。", f"cannot read the file: {exc.strerror or exc}.")
        return LoadResult(None, [_file_diag(path, "file-unreadable", msg)])
    return load_bytes(path, raw, fast=fast)


def load_bytes(path: Path, raw: bytes, *, fast: bool = False) -> LoadResult:
    """Parse `raw` as the content of `path` (`fast`: see `load_file`)."""
    if len(raw) > MAX_FILE_BYTES:
        return LoadResult(None, [_file_diag(path, "file-too-large", _too_large(len(raw)))])
    text, problem = decode(path, raw)
    if problem is not None:
        return LoadResult(None, [problem])
    assert text is not None
    doc = SourceDocument(path=path, text=text)
    if not _has_content(text):
        msg = Text(
            "文件为空（或只有注释），没有可读取的内容。", "the file is empty (or holds only comments)."
        )
        hint = Text("删除该文件，或按格式填写内容。", "delete the file or fill it in.")
        return LoadResult(doc, [Diagnostic("file-empty", msg, file=path, line=1, column=1, hint=hint)])
    scan = scan_text(doc)
    if fast and not scan:
        try:
            doc.data = fast_parse(text, MAX_DEPTH)
            doc.positions = False
            return LoadResult(doc, [])
        except Fallback:
            pass
    builder = _Builder(doc)
    try:
        builder.run(YAML(typ="rt", pure=True).parse(text))
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
    if builder.failed and scan:
        # The scan explains the failure better than the parser does: report the scan alone
        # when the parser tripped at or after the first thing the scan found.
        first = min((d.line or 0) for d in scan)
        parse_lines = [d.line or 0 for d in builder.diagnostics if d.code == "yaml-syntax"]
        if all(line >= first for line in parse_lines):
            builder.diagnostics = [d for d in builder.diagnostics if d.code != "yaml-syntax"]
        builder.diagnostics = scan + builder.diagnostics
    if builder.failed:
        doc.data = None
    else:
        doc.data = builder.root
    return LoadResult(doc, builder.diagnostics)


# ---------------------------------------------------------------------------------------------
# Bytes and text scan


def decode(path: Path, raw: bytes) -> tuple[str | None, Diagnostic | None]:
    """Decode UTF-8 (a BOM is fine); explain GBK/GB18030, UTF-16 and binary files precisely."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        msg = Text("文件是 UTF-16 编码，zwgk 只读取 UTF-8。", "the file is UTF-16; zwgk reads UTF-8 only.")
        return None, Diagnostic("file-encoding", msg, file=path, line=1, column=1, hint=_utf8_hint())
    nul = raw.find(b"\x00")
    if nul != -1:
        line, col = _byte_position(raw, nul)
        msg = Text("文件含有 NUL 字节，不是文本文件。", "the file holds NUL bytes: it is not a text file.")
        return None, Diagnostic("file-binary", msg, file=path, line=line, column=col)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, col = _byte_position(raw, exc.start)
        if _looks_gb18030(raw):
            msg = Text(
                "文件是 GBK/GB18030 编码（常见于 Windows 记事本或 Excel 导出），zwgk 只读取 UTF-8。",
                "the file is GBK/GB18030 encoded (common for Notepad or Excel exports); zwgk reads UTF-8 only.",
            )
        else:
            msg = Text(
                f"文件不是有效的 UTF-8：第 {line} 行第 {col} 列有无法识别的字节 0x{raw[exc.start]:02X}。",
                f"the file is not valid UTF-8: undecodable byte 0x{raw[exc.start]:02X} at line {line}, column {col}.",
            )
        return None, Diagnostic("file-encoding", msg, file=path, line=line, column=col, hint=_utf8_hint())
    return text.replace("\r\n", "\n").replace("\r", "\n"), None


def _utf8_hint() -> Text:
    return Text(
        "用记事本或 VS Code 打开，选择“另存为”并把编码选为 UTF-8；"
        "或在命令行运行 iconv -f GB18030 -t UTF-8 原文件 > 新文件。",
        "open it in Notepad or VS Code and 'Save as' with UTF-8 encoding, "
        "or run iconv -f GB18030 -t UTF-8 old > new.",
    )


def _looks_gb18030(raw: bytes) -> bool:
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        return False
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def _byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    """1-based line and character column of byte `offset` (the line's valid UTF-8 prefix counted)."""
    start = raw.rfind(b"\n", 0, offset) + 1
    line = raw.count(b"\n", 0, offset) + 1
    prefix = raw[start:offset]
    if line == 1 and prefix.startswith(b"\xef\xbb\xbf"):
        prefix = prefix[3:]
    return line, len(prefix.decode("utf-8", errors="replace")) + 1


def _has_content(text: str) -> bool:
    for line in text.splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#") and stripped not in ("---", "..."):
            return True
    return False


_TAB_INDENT = re.compile(r"^( *)\t")
# A key written with a full-width colon: `公开方式：主动` or `mode：[主动]`, at the start of a line
# (optionally after "- "). The key part has no spaces, quotes, colons or list punctuation.
_FULLWIDTH_KEY = re.compile(
    r"^(?P<indent>\s*(?:-\s+)?)(?P<key>[^\s:：#'\"\-\[\]{},][^\s:：#'\"\[\]{},]{0,23})："
)
_KEYISH = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def scan_text(doc: SourceDocument) -> list[Diagnostic]:
    """Line-level problems that parsers report badly: tab indentation and full-width colons."""
    found: list[Diagnostic] = []
    if "\t" not in doc.text and "：" not in doc.text:
        return found  # neither problem is possible: skip the line-by-line walk
    in_block_scalar = -1
    for number, line in enumerate(doc.text.split("\n"), start=1):
        indent = len(line) - len(line.lstrip(" "))
        if in_block_scalar >= 0:
            if not line.strip() or indent > in_block_scalar:
                continue
            in_block_scalar = -1
        if re.search(r"(:|-)\s+[|>][-+0-9]*\s*(#.*)?$", line):
            in_block_scalar = indent
        tab = _TAB_INDENT.match(line)
        if tab:
            col = len(tab.group(1)) + 1
            msg = Text(
                f"第 {number} 行用制表符（Tab）缩进，YAML 只允许空格缩进。",
                f"line {number} is indented with a tab; YAML allows only spaces.",
            )
            hint = Text(
                "把行首的 Tab 换成空格（每级 2 个空格）。",
                "replace the leading tab with spaces (2 per level).",
            )
            found.append(
                Diagnostic("yaml-tab", msg, file=doc.path, line=number, column=col, hint=hint, excerpt=line)
            )
            continue
        colon = _FULLWIDTH_KEY.match(line)
        if colon and ": " not in line and not line.rstrip().endswith(":"):
            key = colon.group("key")
            dash = "-" in colon.group("indent")
            if dash and not (_KEYISH.match(key) or key in _FIELD_TITLES):
                continue  # `- 申报材料：…` is ordinary text in a list
            col = len(colon.group("indent")) + len(key) + 1
            fixed = line[: col - 1] + ": " + line[col:].lstrip()
            msg = Text(
                f"“{key}”后面用了全角冒号“：”，YAML 的键后面必须是半角冒号加空格“: ”。",
                f"'{key}' is followed by a full-width colon '：'; a YAML key needs ': ' (half-width, then a space).",
            )
            hint = Text(f"改为：{fixed.strip()}", f"write: {fixed.strip()}")
            found.append(
                Diagnostic(
                    "yaml-fullwidth-colon",
                    msg,
                    file=doc.path,
                    line=number,
                    column=col,
                    hint=hint,
                    excerpt=line,
                )
            )
    return found


# Chinese field titles people type as keys by mistake (checked by the full-width colon scan).
_FIELD_TITLES = frozenset(
    {
        "一级事项",
        "二级事项",
        "公开内容",
        "公开依据",
        "公开时限",
        "公开主体",
        "公开渠道",
        "公开渠道和载体",
        "公开对象",
        "公开方式",
        "公开层级",
        "事项编号",
        "领域名称",
        "序号",
        "主体责任单位",
        "配合单位",
        "完成时间",
    }
)


# ---------------------------------------------------------------------------------------------
# Events → plain data with positions


class _Stop(Exception):
    """Raised inside the builder to abandon a file (alias found, too deep)."""


_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_TRUE = re.compile(r"^(?:true|True|TRUE)$")
_FALSE = re.compile(r"^(?:false|False|FALSE)$")
_INT10 = re.compile(r"^[-+]?[0-9]+$")
_INT8 = re.compile(r"^0o[0-7]+$")
_INT16 = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")
_CORE = "tag:yaml.org,2002:"


def resolve_plain(value: str) -> Any:
    """YAML 1.2 core schema for a plain (unquoted) scalar."""
    if _NULL.match(value):
        return None
    if _TRUE.match(value):
        return True
    if _FALSE.match(value):
        return False
    if _INT10.match(value):
        return int(value, 10)
    if _INT8.match(value):
        return int(value[2:], 8)
    if _INT16.match(value):
        return int(value[2:], 16)
    if _FLOAT.match(value):
        return float(value)
    if _INF.match(value):
        return float("-inf") if value.startswith("-") else float("inf")
    if _NAN.match(value):
        return float("nan")
    return value


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

    def run(self, events: Iterable[Any]) -> None:
        for event in events:
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
        self._attach(value, pos, container=False, key_text=text)

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


def _depth_diag(doc: SourceDocument, pos: Pos) -> Diagnostic:
    msg = Text(
        f"嵌套超过 {MAX_DEPTH} 层，目录文件不会有这么深的结构。",
        f"nesting deeper than {MAX_DEPTH} levels; a catalogue file is never this deep.",
    )
    return Diagnostic("yaml-too-deep", msg, file=doc.path, line=pos.line, column=pos.column)


def _file_diag(path: Path, code: str, msg: Text) -> Diagnostic:
    return Diagnostic(code, msg, file=path, line=1, column=1)


def _too_large(size: int) -> Text:
    limit = MAX_FILE_BYTES // (1024 * 1024)
    mb = size / (1024 * 1024)
    return Text(
        f"文件有 {mb:.1f} MiB，超过单个目录文件 {limit} MiB 的上限。请按领域拆分成多个文件。",
        f"the file is {mb:.1f} MiB, over the {limit} MiB limit for one catalogue file; split it by domain.",
    )


def iter_yaml_files(folder: Path) -> Iterator[Path]:
    """Domain files of a catalogue folder (every *.yaml and *.yml except zwgk.yaml), sorted."""
    names = sorted(
        p
        for p in folder.iterdir()
        if p.suffix in (".yaml", ".yml") and not p.name.startswith(".") and p.is_file()
    )
    for p in names:
        if p.name not in ("zwgk.yaml", "zwgk.yml"):
            yield p
