"""Files → plain data, and every reading problem as a located Diagnostic.

A scan of the bytes catches what YAML parsers explain badly (wrong encoding, tabs in indentation,
a full-width colon after a key and the other full-width look-alikes of YAML syntax, such as "，"
between the names of a [ ] list). Then the text is read one of two ways: the fast way
(`fast_reader.fast_parse`, no positions) for clean files when asked, else the careful way
(`careful_reader.careful_parse`, the position of every key and value). Both resolve plain scalars by the YAML 1.2 core schema (`resolve_plain`).
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

from zwgk_cli.core.diagnostics import Diagnostic, Text, say
from zwgk_cli.core.invisible_chars import find_invisible, is_wide
from zwgk_cli.core.source import FieldPath, SourceDocument
from zwgk_cli.sources.fast_reader import Fallback, fast_parse, plain_data
from zwgk_cli.sources.invisible import holds_invisible, invisible_findings

MAX_FILE_BYTES = 16 * 1024 * 1024
MAX_DEPTH = 64


@dataclass(slots=True)
class LoadResult:
    """A document (None when it could not be read at all) and what went wrong."""

    document: SourceDocument | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    fingerprint: int | None = None  # of the bytes read the fast way (see `load_file`'s `known`)
    # False when the fast read left its data's keys and depth unchecked (`load_file`'s `validated`)
    walked: bool = True


def load_file(
    path: Path,
    *,
    fast: bool = False,
    located: bool = False,
    known: LoadResult | None = None,
    validated: bool = False,
) -> LoadResult:
    """One YAML file read into data and findings; bad content never raises (`fast`: no positions;
    `located`: positions found when asked for; `known`: this file read earlier the fast way;
    `validated`: see `load_bytes`)."""
    # With `fast`, a clean file is read without positions (see `fast_parse`); any file the fast
    # reader cannot promise to read exactly like the careful one is read the careful way, item by
    # item where it can be (`parts.read_by_parts`). With `located` too, a clean file keeps its text
    # and the careful reader finds the position of a value when it is first asked for, reading only
    # the item that holds it (`parts.locate_on_demand`); when the file's bytes are those `known`
    # read, its data is taken from there rather than read again.
    # A symbolic link is never followed: its target may be any file of the machine running the
    # check (a pull request adding `x.yaml -> /etc/passwd` would print that file in the CI log),
    # so the link is refused by its own name and the target is not opened at all.
    if path.is_symlink():
        return refused_link(path)
    try:
        raw, size = _read_regular(path)
    except _NotRegular:
        return LoadResult(None, [_file_diag(path, "file-unreadable", say("file-unreadable.not-regular"))])
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # became a link after the check above
            return refused_link(path)
        msg = say("file-unreadable", reason=exc.strerror or exc)
        return LoadResult(None, [_file_diag(path, "file-unreadable", msg)])
    if raw is None:
        return LoadResult(None, [_file_diag(path, "file-too-large", _too_large(size))])
    return load_bytes(path, raw, fast=fast, located=located, known=known, validated=validated)


def refused_link(path: Path) -> LoadResult:
    """The finding for a source file that is a symbolic link (in a folder or a git revision)."""
    msg, hint = say("file-symlink", file=path.name), say("file-symlink.hint")
    return LoadResult(None, [Diagnostic("file-symlink", msg, file=path, line=1, column=1, hint=hint)])


# Opening with O_NOFOLLOW refuses a link at the last step even if one replaced the file after
# `is_symlink` looked (where the system has the flag).
# O_NONBLOCK: opening a named pipe does not wait for a writer (it is then refused as not a file).
_OPEN_FLAGS = (
    os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
)


class _NotRegular(Exception):
    """The path names a folder, a device or a pipe, not a file."""


def _read_regular(path: Path) -> tuple[bytes | None, int]:
    """The bytes of the regular file `path` (a link is not followed; None when over the limit)
    and its size."""
    fd = os.open(path, _OPEN_FLAGS)
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise _NotRegular
        if info.st_size > MAX_FILE_BYTES:
            return None, info.st_size
        raw = handle.read(MAX_FILE_BYTES + 1)  # it may have grown since
    return (None if len(raw) > MAX_FILE_BYTES else raw), max(len(raw), info.st_size)


def load_bytes(
    path: Path,
    raw: bytes,
    *,
    fast: bool = False,
    located: bool = False,
    known: LoadResult | None = None,
    validated: bool = False,
) -> LoadResult:
    """Parse `raw` as the content of `path` (`fast`, `located`, `known`: see `load_file`).

    `validated`: the caller validates the data against models that take only text keys and nest
    only a few levels (a domain file, `check.file_check`), so a key yaml-rs reads otherwise than the
    careful reader (`1:` is a number) or nesting too deep gives a finding there anyway, and the
    file is read again with positions: the fast read leaves out its walk over the data
    (`fast_reader.plain_data`, a tenth of the read), which that read again does first."""
    if len(raw) > MAX_FILE_BYTES:
        return LoadResult(None, [_file_diag(path, "file-too-large", _too_large(len(raw)))])
    text, problem = decode(path, raw)
    if problem is not None:
        return LoadResult(None, [problem])
    assert text is not None
    doc = SourceDocument(path=path, text=text)
    earlier = known.document if known is not None and known.fingerprint == hash(raw) else None
    if (
        earlier is not None
        and known is not None
        and not known.walked
        and not plain_data(earlier.data, MAX_DEPTH)
    ):
        earlier = None  # data the careful reader reads otherwise: read again here
    if located and earlier is not None and earlier.data is not None:
        from zwgk_cli.sources.parts import locate_on_demand

        doc.data = earlier.data  # the same bytes: the fast read's data, its scan found nothing
        locate_on_demand(doc)
        return LoadResult(doc, [])
    if not _has_content(text):
        msg, hint = say("file-empty"), say("file-empty.hint")
        return LoadResult(doc, [Diagnostic("file-empty", msg, file=path, line=1, column=1, hint=hint)])
    scan = scan_text(doc)
    # An invisible character's finding needs positions: the fast reader refuses a text holding one
    # (`fast_reader._NON_PRINTABLE`), and a value one is written into by an escape such as "\u202e"
    # is looked for in the data the fast reader gave (`holds_invisible`), as is one past U+FFFF
    # (which the fast reader's search leaves out) in a text that can hold one.
    escaped = "\\" in text
    wide = is_wide(text)  # asked before yaml-rs reads the text: its reading can make the text look wide
    long_number = _long_number(raw)  # such a file is read the careful way, and its numbers reported
    if (fast or located) and not scan and not long_number:
        # `parts` imports nothing heavy (ruamel.yaml only when a part is read), and only when needed
        try:
            # unwalked only where the fast read is returned as it is (the walk also guards the
            # search for invisible characters from nesting too deep)
            walk = not validated or located or escaped or wide
            data = fast_parse(text, MAX_DEPTH, walk=walk)
        except Fallback:
            from zwgk_cli.sources.parts import read_by_parts

            found = read_by_parts(doc)
            if found is not None:
                return LoadResult(doc, found + _invisible(doc, text, escaped))
        else:
            doc.data = data
            invisible = (escaped or wide) and holds_invisible(data)
            if not located and not invisible:
                # Nothing reads a clean file's text again (excerpts are for findings, and a file
                # with findings is read again with `located`): a province's texts are 160 MiB.
                doc.positions, doc.text = False, ""
                return LoadResult(doc, [], fingerprint=hash(raw), walked=walk)
            from zwgk_cli.sources.parts import locate_on_demand

            locate_on_demand(doc)
            return LoadResult(doc, invisible_findings(doc) if invisible else [])
    from zwgk_cli.sources.careful_reader import careful_parse  # ruamel.yaml is imported only when needed

    doc.data, found = careful_parse(doc, scan)
    found += _invisible(doc, text, escaped)
    if doc.data is not None and long_number:
        too_long = list(_numbers_too_long(doc, doc.data, ()))
        if too_long:  # the file is not read, as for a syntax error: nothing else can be trusted
            doc.data = None
            found += too_long
    return LoadResult(doc, found)


def _invisible(doc: SourceDocument, text: str, escaped: bool) -> list[Diagnostic]:
    """The invisible characters in `doc`'s values (`text` holds one, or an escape may write one)."""
    if doc.data is None or not (escaped or find_invisible(text) is not None):
        return []
    return invisible_findings(doc)


def _numbers_too_long(doc: SourceDocument, value: Any, path: FieldPath) -> Iterator[Diagnostic]:
    """A finding at each number written with more than MAX_NUMBER_CHARS characters."""
    if isinstance(value, NumberTooLong):
        pos = doc.value_pos(path)
        msg = say("yaml-number-too-long", start=value[:12], length=len(value), limit=MAX_NUMBER_CHARS)
        hint = say("yaml-number-too-long.hint")
        # no excerpt: the line holds the whole number
        yield Diagnostic(
            "yaml-number-too-long", msg, file=doc.path, line=pos.line, column=pos.column, hint=hint
        )
    elif isinstance(value, dict):
        for key, child in value.items():
            yield from _numbers_too_long(doc, child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _numbers_too_long(doc, child, (*path, index))


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
        hint = say("file-encoding.hint")
        if _looks_gb18030(raw):
            msg = say("file-encoding.gb18030")
            hint = say("file-encoding.fix-encoding.hint", hint=hint)  # `zwgk fmt --fix-encoding` converts it
        else:
            msg = say("file-encoding.invalid", line=line, column=col, byte=raw[exc.start])
        return None, Diagnostic("file-encoding", msg, file=path, line=line, column=col, hint=hint)
    if "\r" not in text:  # the usual case: no copy of the text made
        return text, None
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


# Full-width look-alikes of YAML syntax typed with a Chinese input method (besides "："): a
# full-width space (U+3000) indenting a line, "，" or "、" between the words of a [ ] list, "－"
# for the list dash, "＃" for a comment, and full-width brackets around a list.
# Every character the scan looks for (one search in C instead of one per character).
_SCANNED = re.compile("[\t：\u3000，、－＃［【｛]")
# The characters of `_SCANNED` rare in text: any line holding one is looked at.
_RARE_CHARS = "\t\u3000－＃［【｛"
_RARE = re.compile(f"[{_RARE_CHARS}]")
# What `_FULLWIDTH_KEY` matches, from a line's start (its white space never runs past the line's end).
_KEY_COLON = re.compile(r"[^\S\n]*(?:-[^\S\n]+)?[^\s:：#'\"\-\[\]{},][^\s:：#'\"\[\]{},]{0,23}：")
# A `[ … ]` list after a key, with "，" or "、" in it.
_FLOW_SEPARATOR = re.compile(r": +\[[^\]#\n]*[，、]")
# Somewhere a block scalar may open (see `_BLOCK_START`; this finds more, never fewer): the lines
# are then walked one by one.
_BLOCK_STARTS = re.compile(r"[:-]\s+[|>][-+0-9]*[ \t\r]*(?:#[^\n]*)?$", re.MULTILINE)
# A line indented with full-width spaces, whose rest is a field key, a list item or a comment (not the
# continued text of a value, where U+3000 is ordinary Chinese paragraph indentation).
_FULLWIDTH_INDENT = re.compile(
    r"^(?P<indent>[ \u3000]*\u3000[ \u3000]*)(?=[-－](?:[ \u3000]|$)|[＃#]|[A-Za-z_][A-Za-z0-9_]*[:：](?:[ \u3000]|$))"
)
# A list dash or comment mark typed full-width at the start of a line.
_FULLWIDTH_DASH = re.compile(r"^(?P<indent> *)－(?=[ \u3000]|$)")
_FULLWIDTH_HASH = re.compile(r"^(?P<indent> *)＃")
# `key: [ … ]` (optionally after "- ") on one line: the key and where the list starts.
_FLOW_LIST = re.compile(r"^(?P<lead> *(?:- +)?)(?P<key>[A-Za-z_]+): +\[(?P<body>[^\]#]*)\]")
# `key: ［ … ］` or `key: 【 … 】`: a list written with full-width brackets.
_FULLWIDTH_LIST = re.compile(
    r"^(?P<lead> *(?:- +)?)(?P<key>[A-Za-z_]+): +(?P<open>[［【｛])(?P<body>[^\n]*)(?P<close>[］】｝]) *$"
)
_CLOSERS = {"［": "］", "【": "】", "｛": "｝"}
# The findings about those look-alikes: reported even where the text still parses, and they explain
# whatever else their line gets.
LOOKALIKE_CODES = frozenset({"yaml-fullwidth-space", "yaml-fullwidth-comma", "yaml-fullwidth-symbol"})
# The list fields whose entries are names from a vocabulary (channels, levels, units, domains…):
# no entry holds "，" or "、", so inside [ ] they are separators typed full-width.
NAME_LISTS = frozenset({"channels", "audience", "mode", "levels", "partners", "domains", "members", "kinds"})
# A line's start up to the key of a list of names (NAME_LISTS), as `_FLOW_LIST` reads it.
_NAME_KEY = re.compile(r" *(?:- +)?(?:" + "|".join(sorted(NAME_LISTS)) + ")")
# Every list field (any full-width bracket around such a value is meant as [ ]).
_LIST_FIELDS = NAME_LISTS | {"content", "basis", "waivers", "declines", "not_applicable", "units", "groups"}


def scan_text(doc: SourceDocument, lines: Iterable[tuple[int, str]] | None = None) -> list[Diagnostic]:
    """Line-level problems that parsers report badly: tab indentation, full-width look-alikes
    (in `lines` when given, else in those of the text where any can be)."""
    found: list[Diagnostic] = []
    for number, line in _scanned_lines(doc.text) if lines is None else lines:
        tab = _TAB_INDENT.match(line)
        if tab:
            col = len(tab.group(1)) + 1
            msg, hint = say("yaml-tab", line=number), say("yaml-tab.hint")
            found.append(
                Diagnostic("yaml-tab", msg, file=doc.path, line=number, column=col, hint=hint, excerpt=line)
            )
            continue
        lookalike = _lookalike(doc, number, line)
        if lookalike is not None:
            found.append(lookalike)
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


def _scanned_lines(text: str) -> Iterator[tuple[int, str]]:
    """The lines `scan_text` looks at, numbered from 1: those holding a character of `_SCANNED`,
    outside block scalars; where no block scalar can open, only those where it can find anything."""
    if _SCANNED.search(text) is None:
        return  # no such problem is possible
    if not (("|" in text or ">" in text) and _BLOCK_STARTS.search(text) is not None):
        # Found by a few searches over the text instead of a walk over every line. Most lines of
        # Chinese text hold "，"、"、" or "：", which matter only in a `key: [ … ]` line of a list of
        # names (see `_lookalike`) or as a full-width colon after a key (`_FULLWIDTH_KEY`): the
        # lines where neither can be are left out, since nothing would be found in them.
        starts: set[int] = set()
        if any(ch in text for ch in _RARE_CHARS):
            starts.update(text.rfind("\n", 0, m.start()) + 1 for m in _RARE.finditer(text))
        at = text.find("：")
        while at >= 0:  # a line at a time: the first "：" of each line that has one
            start = text.rfind("\n", 0, at) + 1
            if _KEY_COLON.match(text, start) is not None:
                starts.add(start)
            end = text.find("\n", at)
            at = text.find("：", end) if end >= 0 else -1
        for match in _FLOW_SEPARATOR.finditer(text):
            start = text.rfind("\n", 0, match.start()) + 1
            if _NAME_KEY.fullmatch(text, start, match.start()):
                starts.add(start)
        number, at = 1, 0
        for start in sorted(starts):
            number += text.count("\n", at, start)
            at = start
            yield number, _line_at(text, start)
        return
    yield from walked_lines(text)


def walked_lines(text: str) -> Iterator[tuple[int, str]]:
    """The lines `scan_text` looks at, found by walking every line (block scalars skipped): the
    reference `_scanned_lines` keeps to (tests compare their findings)."""
    in_block_scalar = -1
    for number, line in enumerate(text.split("\n"), start=1):
        if in_block_scalar >= 0:
            if not line.strip() or len(line) - len(line.lstrip(" ")) > in_block_scalar:
                continue
            in_block_scalar = -1
        if ("|" in line or ">" in line) and _BLOCK_START.search(line):
            in_block_scalar = len(line) - len(line.lstrip(" "))
        if _SCANNED.search(line) is not None:
            yield number, line


def _line_at(text: str, start: int) -> str:
    end = text.find("\n", start)
    return text[start:] if end < 0 else text[start:end]


def _lookalike(doc: SourceDocument, number: int, line: str) -> Diagnostic | None:
    """A full-width space, dash, comment mark, bracket or list comma typed for YAML syntax."""
    code, key, col, fixed = "", "", 0, ""
    values: dict[str, object] = {}
    if (indent := _FULLWIDTH_INDENT.match(line)) is not None:
        lead = indent.group("indent")
        col = lead.index("\u3000") + 1
        fixed = lead.replace("\u3000", "  ") + line[len(lead) :]
        code, key, values = "yaml-fullwidth-space", "yaml-fullwidth-space", {"count": lead.count("\u3000")}
    elif (dash := _FULLWIDTH_DASH.match(line)) is not None:
        col = len(dash.group("indent")) + 1
        fixed = line[: col - 1] + "-" + line[col:]
        code, key = "yaml-fullwidth-symbol", "yaml-fullwidth-symbol.dash"
    elif (hash_ := _FULLWIDTH_HASH.match(line)) is not None:
        col = len(hash_.group("indent")) + 1
        fixed = line[: col - 1] + "#" + line[col:]
        code, key = "yaml-fullwidth-symbol", "yaml-fullwidth-symbol.comment"
    elif (bracket := _FULLWIDTH_LIST.match(line)) is not None and _brackets_fit(bracket):
        col = bracket.start("open") + 1
        opening = "{" if bracket.group("open") == "｛" else "["
        closing = "}" if opening == "{" else "]"
        body = _half_width_separators(bracket.group("body"))
        fixed = line[: bracket.start("open")] + opening + body + closing
        code, key = "yaml-fullwidth-symbol", "yaml-fullwidth-symbol.bracket"
        values = {"open": bracket.group("open"), "close": bracket.group("close")}
    elif (flow := _FLOW_LIST.match(line)) is not None and flow.group("key") in NAME_LISTS:
        body = flow.group("body")
        separators = _separators(body)
        if not separators:
            return None
        at = separators[0]
        col = flow.start("body") + at + 1
        fixed = line[: flow.start("body")] + _half_width_separators(body) + line[flow.end("body") :]
        code, key = "yaml-fullwidth-comma", "yaml-fullwidth-comma"
        values = {"mark": body[at], "key": flow.group("key")}
    else:
        return None
    msg, hint = say(key, **values), say(f"{code}.hint", fixed=fixed.strip())
    return Diagnostic(code, msg, file=doc.path, line=number, column=col, hint=hint, excerpt=line)


def _brackets_fit(match: re.Match[str]) -> bool:
    """Full-width brackets around a whole list value: a list field, or ［ ］ / ｛ ｝ (never text)."""
    if _CLOSERS[match.group("open")] != match.group("close"):
        return False
    return match.group("key") in _LIST_FIELDS or match.group("open") != "【"


def _separators(body: str) -> list[int]:
    """Where "，" and "、" stand outside quotes in a [ ] list's text."""
    found: list[int] = []
    quote = ""
    for i, ch in enumerate(body):
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "'\"":
            quote = ch
        elif ch in "，、":
            found.append(i)
    return found


def _half_width_separators(body: str) -> str:
    """A list's text with "，" and "、" outside quotes written ", "."""
    at = set(_separators(body))
    return "".join(", " if i in at else ch for i, ch in enumerate(body))


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


# The longest number a catalogue can mean (an order, a year, a version): a longer one is refused
# before it is converted, since Python converts digits to a number in time quadratic in their count
# and refuses to convert or print more than 4300 of them.
MAX_NUMBER_CHARS = 100
# A run of the characters numbers are written with, long enough to be such a number: a file holding
# one is read the careful way (yaml-rs would convert it), where `resolve_plain` keeps it as
# `NumberTooLong`. Sought in the bytes with each such character turned into "0" (a tenth of the
# time a regular expression takes over text full of ids and dates).
_NUMBER_BYTES = bytes(48 if chr(b) in "+-.0123456789ABCDEFabcdefox" else 32 for b in range(256))
_LONG_RUN = b"0" * (MAX_NUMBER_CHARS + 1)


def _long_number(raw: bytes) -> bool:
    """Whether the file's bytes hold a run of number characters longer than MAX_NUMBER_CHARS."""
    return _LONG_RUN in raw.translate(_NUMBER_BYTES)


class NumberTooLong(str):
    """A plain scalar written as a number with more than MAX_NUMBER_CHARS characters, unconverted."""

    __slots__ = ()


def resolve_plain(value: str) -> Any:
    """YAML 1.2 core schema for a plain (unquoted) scalar."""
    if len(value) > MAX_NUMBER_CHARS:  # no null, boolean, infinity or NaN is this long
        numeric = _INT10, _INT8, _INT16, _FLOAT
        return NumberTooLong(value) if any(form.match(value) for form in numeric) else value
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


def linked_step(root: Path, relative: str) -> str | None:
    """The first step of `relative` (a folder path below or beside `root`) that is a symbolic link,
    as written from `root` (e.g. ``up``, ``../city``); None when no step is one."""
    here, written = root, PurePath()
    for part in PurePath(relative).parts:
        here, written = here / part, written / part
        if part not in (".", "..") and here.is_symlink():
            return written.as_posix()
    return None


def iter_yaml_files(folder: Path) -> Iterator[Path]:
    """Domain files of a catalogue folder (every *.yaml and *.yml except zwgk.yaml), sorted.

    A symbolic link with such a name is listed whatever it points at (a file, a folder, nothing):
    reading it (`load_file`) refuses it by name, so a link among the sources is never silently
    skipped nor followed. So is a named pipe or a device with such a name (file-unreadable).
    """
    names = sorted(
        p
        for p in folder.iterdir()
        if p.suffix in (".yaml", ".yml") and not p.name.startswith(".") and (p.is_symlink() or not p.is_dir())
    )
    for p in names:
        if p.name not in ("zwgk.yaml", "zwgk.yml"):
            yield p
