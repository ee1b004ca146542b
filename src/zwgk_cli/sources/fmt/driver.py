"""One file through fmt: bytes in, the canonical bytes (or why not) out, and the files to format.

0. the fast path (see `fast_check`): a file proven already canonical is done, unchanged, without
   the steps below (`fast=False` skips it: the benchmark's row without it, and the tests);
1. bytes → text (GBK/GB18030 converted to UTF-8 only when asked); the project's loader must read
   the file without a single diagnostic, otherwise the file is left alone and the diagnostics are
   reported exactly as `validate` reports them;
2. a comment inside [ ] or { } stops it (ruamel.yaml cannot keep one there);
3. the formatter lays the tree out (see `formatter`) and dumps it;
4. the self-check (see `self_check`): only a result that passes is offered for writing.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml.error import YAMLError

from zwgk_cli.core.atomic import write_atomic
from zwgk_cli.core.diagnostics import Diagnostic, Text, ZwgkError, say
from zwgk_cli.sources.fmt.comments import text_layout
from zwgk_cli.sources.fmt.fast_check import proven_canonical
from zwgk_cli.sources.fmt.formatter import Formatter
from zwgk_cli.sources.fmt.layout import SETTINGS_NAMES
from zwgk_cli.sources.fmt.self_check import self_check, self_check_failed
from zwgk_cli.sources.loading import MAX_FILE_BYTES, load_bytes, load_file

YAML_SUFFIXES = (".yaml", ".yml")
UTF8_BOM = b"\xef\xbb\xbf"


@dataclass(slots=True)
class FormatResult:
    """One file: its bytes before and (when it could be formatted) after, and the findings."""

    path: Path
    original: bytes
    formatted: bytes | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    reencoded: bool = False
    items: int = 0

    @property
    def failed(self) -> bool:
        """Whether the file could not be formatted (its error findings say why)."""
        return self.formatted is None

    @property
    def changed(self) -> bool:
        """Whether formatting changes the file's bytes."""
        return self.formatted is not None and self.formatted != self.original

    @property
    def is_settings(self) -> bool:
        """Whether this is the settings file `zwgk.yaml`."""
        return self.path.name in SETTINGS_NAMES


def collect_files(paths: Sequence[Path]) -> list[Path]:
    """Files as given and folders' *.yaml/*.yml files, sorted; ZwgkError if a path or every file is missing."""
    found: list[Path] = []
    seen: set[Path] = set()
    for path in paths:
        # a link to a file is listed (and refused by format_file), never followed to its file
        if path.is_dir():
            candidates = _yaml_files(path)
        elif path.is_symlink() or path.is_file():
            candidates = [path]
        else:
            raise ZwgkError(say("stop.fmt.missing-path", path=path))
        for candidate in candidates:
            key = candidate.absolute() if candidate.is_symlink() else candidate.resolve()
            if key not in seen:
                seen.add(key)
                found.append(candidate)
    if not found:
        names = [str(p) for p in paths]
        raise ZwgkError(say("stop.fmt.no-yaml", paths=Text("、".join(names), ", ".join(names))))
    return found


def _yaml_files(folder: Path) -> list[Path]:
    """The folder's *.yaml and *.yml files (and links named so), hidden ones left out, sorted."""
    return sorted(
        p
        for p in folder.iterdir()
        if p.suffix in YAML_SUFFIXES and not p.name.startswith(".") and (p.is_symlink() or p.is_file())
    )


def format_file(path: Path, *, fix_encoding: bool = False, fast: bool = True) -> FormatResult:
    """Read `path` and format its content (nothing is written); a symbolic link is refused
    (`fast`: see `format_bytes`)."""
    if path.is_symlink():
        return FormatResult(path, b"", diagnostics=[_symlink_refusal(path)])
    try:
        too_large = path.stat().st_size > MAX_FILE_BYTES
        raw = b"" if too_large else path.read_bytes()
    except OSError:
        too_large = True  # the loader explains what is wrong with the file
    if too_large:
        return FormatResult(path, b"", diagnostics=load_file(path).diagnostics)
    return format_bytes(path, raw, fix_encoding=fix_encoding, fast=fast)


def format_bytes(path: Path, raw: bytes, *, fix_encoding: bool = False, fast: bool = True) -> FormatResult:
    """The canonical form of `raw` (the content of `path`), with what was left alone and why
    (`fast`: a file the fast path proves canonical is taken as it is; the same result either way)."""
    if fast:
        items = proven_canonical(path, raw)
        if items is not None:
            return FormatResult(path, raw, formatted=raw, items=items)
    result = FormatResult(path, raw)
    gbk_text = _gb18030_text(raw)
    if fix_encoding and gbk_text is not None:
        raw = gbk_text.encode("utf-8")
        result.reencoded = True
    loaded = load_bytes(path, raw)
    if loaded.diagnostics or loaded.document is None:
        result.diagnostics = loaded.diagnostics  # a GBK file's finding names `zwgk fmt --fix-encoding`
        return result
    doc = loaded.document
    data = doc.data
    if path.name not in SETTINGS_NAMES and isinstance(data, dict) and isinstance(data.get("items"), list):
        result.items = len(data["items"])
    try:
        before = text_layout(doc.text)
    except YAMLError:  # pragma: no cover - the project's loader has just read the same text
        result.diagnostics.append(self_check_failed(path, "fmt-self-check.source-unreadable"))
        return result
    inside = [c for c in before.comments if c.in_flow]
    if inside:
        first = inside[0]
        result.diagnostics.append(
            Diagnostic(
                "fmt-comment-in-brackets",
                say("fmt-comment-in-brackets", line=first.line),
                file=path,
                line=first.line,
                column=first.column,
                hint=say("fmt-comment-in-brackets.hint"),
                excerpt=doc.line_text(first.line),
            )
        )
        return result
    formatter = Formatter(path)
    try:
        text, after = formatter.run(doc.text, explicit_start=before.explicit_start)
    except YAMLError:
        result.diagnostics.append(self_check_failed(path, "fmt-self-check.result-unreadable"))
        return result
    result.diagnostics = formatter.findings
    newline = _newline(raw)
    bom = UTF8_BOM if raw.startswith(UTF8_BOM) else b""
    candidates = [text]
    trimmed = text.rstrip("\n") + "\n"
    if trimmed != text:
        candidates.insert(0, trimmed)  # drop blank lines at the end, unless they are data
    failure: Diagnostic | None = None
    for candidate in candidates:
        failure = self_check(path, data, doc.text, before, after, candidate)
        if failure is None:
            result.formatted = bom + candidate.replace("\n", newline).encode("utf-8")
            return result
    assert failure is not None
    result.diagnostics.append(failure)
    return result


def write_result(result: FormatResult) -> None:
    """Write a formatted file in place (atomically), keeping its mode, owner and group; does nothing
    when it is unchanged. See `write_refusal` for the files that must not be written at all."""
    if result.formatted is not None and result.changed:
        write_atomic(result.path, result.formatted, keep_owner=True)


def write_refusal(path: Path) -> Diagnostic | None:
    """Why fmt must not rewrite `path` in place: a symbolic link, a read-only file, or (unless
    running as root, when the owner is kept) another user's file, which would change owner."""
    if path.is_symlink():
        return _symlink_refusal(path)
    info = path.stat()
    if not info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        return _refusal(path, "read-only")
    euid = os.geteuid() if hasattr(os, "geteuid") else None
    if euid is not None and euid != 0 and info.st_uid != euid:
        return _refusal(path, "owner", uid=info.st_uid)
    return None


def _symlink_refusal(path: Path) -> Diagnostic:
    try:
        target = str(path.readlink())
    except OSError:
        target = "?"
    return _refusal(path, "symlink", target=target)


def _refusal(path: Path, why: str, **values: object) -> Diagnostic:
    key = f"fmt-not-rewritten.{why}"
    return Diagnostic("fmt-not-rewritten", say(key, **values), file=path, hint=say(f"{key}.hint"))


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
