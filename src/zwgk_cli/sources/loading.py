"""Files → plain data, and every reading problem as a located Diagnostic.

A scan of the bytes catches what YAML parsers explain badly (wrong encoding, tabs in indentation,
a full-width colon after a key). Then the text is read one of two ways: the fast way
(`fast_reader.fast_parse`, no positions) for clean files when asked, else the careful way
(`careful_reader.careful_parse`, the position of every key and value). Both resolve plain scalars by the YAML 1.2 core schema (`resolve_plain`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zwgk_cli.core.diagnostics import Diagnostic, Text, say
from zwgk_cli.core.source import SourceDocument
from zwgk_cli.sources.fast_reader import Fallback, fast_parse

MAX_FILE_BYTES = 16 * 1024 * 1024
MAX_DEPTH = 64


@dataclass(slots=True)
class LoadResult:
    """A document (None when it could not be read at all) and what went wrong."""

    document: SourceDocument | None
    diagnostics: list[Diagnostic] = field(default_factory=list)


def load_file(path: Path, *, fast: bool = False) -> LoadResult:
    """One YAML file read into data and findings; bad content never raises (`fast`: no positions)."""
    # With `fast`, a clean file is read without positions (see `fast_parse`); any file the fast
    # reader cannot promise to read exactly like the careful one is read the careful way.
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return LoadResult(None, [_file_diag(path, "file-too-large", _too_large(size))])
        raw = path.read_bytes()
    except OSError as exc:
        msg = say("file-unreadable", reason=exc.strerror or exc)
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
        msg, hint = say("file-empty"), say("file-empty.hint")
        return LoadResult(doc, [Diagnostic("file-empty", msg, file=path, line=1, column=1, hint=hint)])
    scan = scan_text(doc)
    if fast and not scan:
        try:
            doc.data = fast_parse(text, MAX_DEPTH)
            # Nothing reads a clean file's text again (excerpts are for findings, and a file with
            # findings is read again the careful way): a province's texts are 160 MiB.
            doc.positions, doc.text = False, ""
            return LoadResult(doc, [])
        except Fallback:
            pass
    from zwgk_cli.sources.careful_reader import careful_parse  # ruamel.yaml is imported only when needed

    doc.data, found = careful_parse(doc, scan)
    return LoadResult(doc, found)


# ---------------------------------------------------------------------------------------------
# Bytes and text scan


def decode(path: Path, raw: bytes) -> tuple[str | None, Diagnostic | None]:
    """Decode UTF-8 (a BOM is fine); explain GBK/GB18030, UTF-16 and binary files precisely."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        msg = say("file-encoding.utf-16")
        return None, Diagnostic(
            "file-encoding", msg, file=path, line=1, column=1, hint=say("file-encoding.hint")
        )
    nul = raw.find(b"\x00")
    if nul != -1:
        line, col = _byte_position(raw, nul)
        msg = say("file-binary")
        return None, Diagnostic("file-binary", msg, file=path, line=line, column=col)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, col = _byte_position(raw, exc.start)
        if _looks_gb18030(raw):
            msg = say("file-encoding.gb18030")
        else:
            msg = say("file-encoding.invalid", line=line, column=col, byte=raw[exc.start])
        hint = say("file-encoding.hint")
        return None, Diagnostic("file-encoding", msg, file=path, line=line, column=col, hint=hint)
    return text.replace("\r\n", "\n").replace("\r", "\n"), None


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
    for line in _lines(text):
        stripped = line.strip()
        if stripped and not stripped.startswith("#") and stripped not in ("---", "..."):
            return True
    return False


# The line ends str.splitlines knows.
_LINE_END = re.compile("\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def _lines(text: str) -> Iterator[str]:
    """`text.splitlines()` one line at a time: a file's first lines usually settle the question,
    and a province's domain file has tens of thousands."""
    start = 0
    for end in _LINE_END.finditer(text):
        yield text[start : end.start()]
        start = end.end()
    if start < len(text):
        yield text[start:]


_TAB_INDENT = re.compile(r"^( *)\t")
_BLOCK_START = re.compile(r"(:|-)\s+[|>][-+0-9]*\s*(#.*)?$")  # a line that opens a block scalar
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
        if in_block_scalar >= 0:
            if not line.strip() or len(line) - len(line.lstrip(" ")) > in_block_scalar:
                continue
            in_block_scalar = -1
        if ("|" in line or ">" in line) and _BLOCK_START.search(line):
            in_block_scalar = len(line) - len(line.lstrip(" "))
        if "\t" not in line and "：" not in line:
            continue
        tab = _TAB_INDENT.match(line)
        if tab:
            col = len(tab.group(1)) + 1
            msg, hint = say("yaml-tab", line=number), say("yaml-tab.hint")
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
            msg = say("yaml-fullwidth-colon", key=key)
            hint = say("yaml-fullwidth-colon.hint", fixed=fixed.strip())
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
# YAML 1.2 core resolution of plain scalars (both readers use it)


_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_TRUE = re.compile(r"^(?:true|True|TRUE)$")
_FALSE = re.compile(r"^(?:false|False|FALSE)$")
_INT10 = re.compile(r"^[-+]?[0-9]+$")
_INT8 = re.compile(r"^0o[0-7]+$")
_INT16 = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")


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


def _file_diag(path: Path, code: str, msg: Text) -> Diagnostic:
    return Diagnostic(code, msg, file=path, line=1, column=1)


def _too_large(size: int) -> Text:
    return say("file-too-large", size=size / (1024 * 1024), limit=MAX_FILE_BYTES // (1024 * 1024))


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
