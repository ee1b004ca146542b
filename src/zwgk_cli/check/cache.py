"""Per-file results of `validate` kept between runs, so that re-checking after one file changed
reads and checks only that file.

Why: an editor or a CI job re-validates a whole province after one edit; what a domain file gives
(`file_check.slim(check_located(...))`) depends only on its bytes, its place in the catalogue,
zwgk.yaml's bytes, zwgk's version and, for a file that claims items, the upstream catalogue's bytes,
so an entry keyed by those stands in for reading it.

Entries are JSON (never pickle: a cache folder may come from elsewhere, a CI cache or a copied
project), one file an entry, written atomically. An entry that cannot be read, is cut short, or
was written by another zwgk or for another key is ignored (the caller notes it once) and the file
is checked again: an entry is never trusted beyond what it proves of itself. Paths in findings are
stored relative to the catalogue folder and put back on it when read. The folder is safe to delete
at any time.

Layout: one subfolder a source file (named by a hash of the catalogue folder's absolute path and
the file's path in it), holding that file's entry as last checked; writing a file's new entry
removes the old one, so the cache holds about one entry a file, never a history. The subfolders
must be real folders: a link there (planted in a cache copied from elsewhere) is never followed,
for reading or writing. Beside the entry, a line records the digest of the file's bytes against its
size, times and inode (`_index`), so that a file left as it was is not read to find its key. Items
are kept column by column, texts that repeat written once (`file_check.pack_items`): reading
100,000 of them back is a few list operations a column, not a loop of checks an item.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import re
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

import pydantic_core
from pydantic import ValidationError

from zwgk_cli import __version__
from zwgk_cli.check.columns import Unfit, decode_value, encode_value, kept_text
from zwgk_cli.check.file_check import FileOutcome, pack_items, slim, unpack, unpack_items
from zwgk_cli.core.atomic import write_atomic
from zwgk_cli.core.catalogue import DomainFile
from zwgk_cli.core.codes import CODES
from zwgk_cli.core.diagnostics import Diagnostic, Text
from zwgk_cli.core.models import DomainHeader
from zwgk_cli.core.source import SourceDocument
from zwgk_cli.sources.loading import iter_yaml_files, linked_step

# The folder's default name, beside the catalogue folder (the project's root in `zwgk init`'s layout).
FOLDER_NAME = ".zwgk-cache"
# Bumped whenever what an entry holds changes shape; an entry of another format is foreign.
FORMAT = 5
# An entry larger than this is not read (a province's biggest domain file gives a few MiB).
MAX_ENTRY_BYTES = 256 * 1024 * 1024


# An entry's file name: its key, as `_key` writes it.
_ENTRY_NAME = re.compile(r"[0-9a-f]{64}\.json")
# Beside a file's entries: the digest of its bytes against its size, times and inode (`_index`).
STAT_NAME = "stat"
_STAT_VERSION = f"zwgk-{__version__}-{FORMAT}"
# A file changed less than this long ago is hashed again on the next run, whatever its signature
# (a FAT disk keeps modification times in steps of two seconds).
RACY_NS = 3_000_000_000


def _parsed(raw: bytes) -> Any:
    """An entry's JSON as `json.loads` reads it: pydantic-core's reader first, a third quicker (an
    entry's texts are read without being kept for reuse); the standard one where that reader
    refuses (deeper than its limit of about 200 levels, half a character escaped), so the same
    entries are read either way. ValueError when neither can read it (too deep for either too)."""
    try:
        return pydantic_core.from_json(raw, cache_strings=False)
    except ValueError:
        pass
    try:
        return json.loads(raw)
    except RecursionError as exc:
        raise ValueError("nested too deep") from exc


def upstream_folder(root: Path, settings: Any) -> Path | None:
    """The folder of the upstream catalogue that zwgk.yaml's data `settings` names, as the check
    reads it; None without one, or with one the check refuses (absolute, through a link)."""
    config = settings.get("upstream") if isinstance(settings, dict) else None
    path = config.get("path") if isinstance(config, dict) else None
    if not isinstance(path, str) or not path or path.startswith("~"):
        return None
    if PurePosixPath(path).is_absolute() or PureWindowsPath(path).anchor or linked_step(root, path):
        return None
    return root / path


def folder_digest(folder: Path) -> bytes | None:
    """SHA-256 over a catalogue folder's zwgk.yaml and domain files (names and bytes), as the key
    of what depends on it; None when it cannot be listed."""
    try:
        paths = [folder / "zwgk.yaml", *iter_yaml_files(folder)]
    except OSError:
        return None
    digest = hashlib.sha256()
    for path in paths:
        try:
            content = path.read_bytes() if not path.is_symlink() else None
        except OSError:
            content = None
        for part in (path.name.encode(), b"\0" if content is None else b"\1" + content):
            digest.update(len(part).to_bytes(8, "big"))
            digest.update(part)
    return digest.digest()


def _signature(found: os.stat_result) -> str:
    """What tells a file from itself changed, without reading it (as git's index does): its size,
    its modification and change times to the nanosecond, its inode and device. Copying a file
    with its modification time kept gives it a new change time and inode."""
    return f"{found.st_size}:{found.st_mtime_ns}:{found.st_ctime_ns}:{found.st_ino}:{found.st_dev}"


def default_folder(root: Path) -> Path:
    """Where the cache of the catalogue in `root` goes unless told: beside the catalogue folder,
    so that it never sits among the sources (which are published and formatted)."""
    return root.resolve().parent / FOLDER_NAME


@dataclass(slots=True)
class FileCache:
    """Entries for the domain files of the catalogue in `root` under the settings `settings_bytes`
    (and the upstream catalogue `upstream`)."""

    folder: Path
    root: Path
    settings_bytes: bytes
    # the digest of the upstream catalogue's files (`folder_digest`), None without one
    upstream: bytes | None = None
    # files whose entry was there but not trusted (corrupt, cut short, foreign)
    ignored: list[Path] = field(default_factory=list)
    _keys: dict[Path, str] = field(default_factory=dict)
    _by_stat: set[Path] = field(default_factory=set)  # files whose key came from a stat record
    _waiting: list[tuple[Path, FileOutcome]] = field(default_factory=list)

    def _key(self, path: Path, *, by_stat: bool = True) -> str | None:
        """The entry's name for `path` as it is now; None when it cannot be read (its check says why).
        With `by_stat`, the digest of its bytes recorded against its stat stands in for reading them."""
        try:
            found = path.lstat()
        except OSError:
            return None
        if stat.S_ISLNK(found.st_mode):  # a link: its check reports it
            return None
        signature = _signature(found)
        known = self._indexed(path, signature) if by_stat else None
        if known is not None:
            self._by_stat.add(path)
        else:
            self._by_stat.discard(path)
            try:
                content = path.read_bytes()
            except OSError:
                return None
            # A file that claims items depends on the upstream catalogue too: one whose bytes spell
            # `claims`, or might in an escape ("\x63laims"); the others keep their entries when only
            # the upstream changed.
            known = hashlib.sha256(content).digest(), b"claims" in content or b"\\" in content
            self._index(path, found, signature, *known)
        content_digest, claims = known
        digest = hashlib.sha256()
        for part in (
            f"zwgk {__version__} cache {FORMAT}".encode(),
            hashlib.sha256(self.settings_bytes).digest(),
            self._relative(path).encode(),
            content_digest,
            self.upstream if claims and self.upstream is not None else b"",
        ):
            digest.update(len(part).to_bytes(8, "big"))
            digest.update(part)
        key = digest.hexdigest()
        self._keys[path] = key
        return key

    def _indexed(self, path: Path, signature: str) -> tuple[bytes, bool] | None:
        """The digest of `path`'s bytes and whether they may claim, as recorded beside its entries
        for the file as `signature` describes it; None when nothing recorded can be trusted."""
        record = self._slot(path) / STAT_NAME
        try:
            slot, found = record.parent.lstat(), record.lstat()
            if not stat.S_ISDIR(slot.st_mode) or not stat.S_ISREG(found.st_mode) or found.st_size > 512:
                return None
            fields = record.read_text(encoding="ascii").split()
        except (OSError, ValueError):
            return None
        if len(fields) != 4 or fields[0] != _STAT_VERSION or fields[1] != signature:
            return None
        try:
            content_digest = bytes.fromhex(fields[2])
        except ValueError:
            return None
        if len(content_digest) != 32 or fields[3] not in ("0", "1"):
            return None
        return content_digest, fields[3] == "1"

    def _index(self, path: Path, found: os.stat_result, signature: str, digest: bytes, claims: bool) -> None:
        """Record `digest` (the SHA-256 of `path`'s bytes) against the file's `signature`, so that
        the next run need not read the file while it stays as it is. A file changed within the last
        RACY_NS is not recorded: a change in the same tick of a coarse clock could leave its
        signature as it was."""
        if time.time_ns() - max(found.st_mtime_ns, found.st_ctime_ns) < RACY_NS:
            return
        slot = self._slot(path)
        line = f"{_STAT_VERSION} {signature} {digest.hex()} {int(claims)}\n"
        try:
            slot.mkdir(parents=True, exist_ok=True)
            if stat.S_ISDIR(slot.lstat().st_mode):  # a link: never written through
                write_atomic(slot / STAT_NAME, line.encode("ascii"), durable=False)
        except OSError:
            return

    def _relative(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def _slot(self, path: Path) -> Path:
        """The subfolder of `path`'s entries."""
        where = f"{self.root.resolve()}\0{self._relative(path)}".encode()
        return self.folder / hashlib.sha256(where).hexdigest()[:32]

    def _entry(self, path: Path, key: str) -> Path:
        return self._slot(path) / f"{key}.json"

    def has(self, path: Path) -> bool:
        """Whether `path` as it is now has an entry (read with `get`: it may still not be trusted)."""
        key = self._key(path)
        if key is None:
            return False
        try:
            slot = self._slot(path).lstat()
        except OSError:  # no entry yet
            return False
        if not stat.S_ISDIR(slot.st_mode):  # a link or a file in its place: never followed
            self.ignored.append(path)
            return False
        if self._entry(path, key).exists():
            return True
        if path not in self._by_stat:
            return False
        # a record that led nowhere (stale, or not ours): the file's bytes say which entry it has,
        # and the entry it gets after its check is named by them too
        key = self._key(path, by_stat=False)
        return key is not None and self._entry(path, key).exists()

    def get(self, path: Path) -> FileOutcome | None:
        """The cached outcome of `path`, unpacked; None when there is no entry it can trust."""
        key = self._keys.get(path) or self._key(path)
        if key is None:
            return None
        entry = self._entry(path, key)
        try:
            slot, found = entry.parent.lstat(), entry.lstat()
        except OSError:  # no entry yet
            return None
        # a cache from elsewhere may hold anything: a link, a pipe, a device, a huge file
        if (
            not stat.S_ISDIR(slot.st_mode)
            or not stat.S_ISREG(found.st_mode)
            or found.st_size > MAX_ENTRY_BYTES
        ):
            self.ignored.append(path)
            return None
        try:
            raw = entry.read_bytes()
        except OSError:  # unreadable: checked and written again
            return None
        try:
            data = _parsed(raw)
            if not isinstance(data, dict) or data.get("format") != FORMAT:
                raise Unfit("format")
            if data.get("zwgk") != __version__ or data.get("key") != key:
                raise Unfit("foreign")
            return self._outcome(path, data["outcome"])
        except (ValueError, KeyError, TypeError, IndexError, AttributeError, ValidationError, Unfit):
            self.ignored.append(path)
            return None

    def put(self, path: Path, outcome: FileOutcome) -> None:
        """Keep `outcome` (slimmed and unpacked) for `path` as read for `get`; nothing when it cannot
        be kept (a value an entry cannot hold, a folder that cannot be written)."""
        key = self._keys.get(path) or self._key(path)
        if key is None:
            return
        try:
            stored = self._stored(path, outcome)
            text = json.dumps(
                {"format": FORMAT, "zwgk": __version__, "key": key, "outcome": stored},
                ensure_ascii=False,
                separators=(",", ":"),
            )
            entry = self._entry(path, key)
            entry.parent.mkdir(parents=True, exist_ok=True)
            if not stat.S_ISDIR(entry.parent.lstat().st_mode):  # a link: never written through
                return
            # no fsync: an entry cut short by a crash is ignored, never trusted
            write_atomic(entry, text.encode("utf-8"), durable=False)
        except (Unfit, OSError, ValueError):
            return
        self._prune(entry)

    def clean(self, path: Path) -> bool:
        """Whether `path` as it is now has an entry it can trust that records no finding."""
        hit = self.get(path)
        return hit is not None and hit.clean

    def later(self, path: Path, outcome: FileOutcome) -> None:
        """Keep `outcome` (a whole one: a slimmed copy is kept, it is left as it is) with `flush`."""
        if outcome.file is None:
            self._waiting.append((path, outcome))
            return
        copy = dataclasses.replace(outcome, read=list(outcome.read), rules=list(outcome.rules))
        self._waiting.append((path, unpack(slim(copy))))

    def flush(self) -> None:
        """Write what `later` kept."""
        for path, outcome in self._waiting:
            self.put(path, outcome)
        self._waiting.clear()

    @staticmethod
    def _prune(kept: Path) -> None:
        """The file's older entries removed: only the one just written can match it again."""
        try:
            olds = [p for p in kept.parent.iterdir() if p != kept and _ENTRY_NAME.fullmatch(p.name)]
        except OSError:
            return
        for old in olds:
            with contextlib.suppress(OSError):  # gone already, or not ours to remove
                old.unlink()

    # ---- an outcome as JSON, and back ----

    def _stored(self, path: Path, outcome: FileOutcome) -> dict[str, Any]:
        df = outcome.file
        if outcome.path != path or (df is not None and (df.original is not None or df.doc.positions)):
            raise Unfit("not slimmed")
        stored: dict[str, Any] = {
            "read": [self._diagnostic(d) for d in outcome.read],
            "rules": [self._diagnostic(d) for d in outcome.rules],
            "items": outcome.items,
            "file": None,
        }
        if df is not None:
            if df.doc.path != path or df.domain is not None:
                raise Unfit("not slimmed")
            stored["file"] = {
                "text": df.doc.text,
                "data": encode_value(df.doc.data),
                "header": df.header.model_dump(mode="json") if df.header is not None else None,
                "items": pack_items(df.items),
            }
        return stored

    def _outcome(self, path: Path, stored: dict[str, Any]) -> FileOutcome:
        outcome = FileOutcome(path)
        outcome.read = [self._finding(d) for d in stored["read"]]
        outcome.rules = [self._finding(d) for d in stored["rules"]]
        outcome.items = _int(stored["items"])
        kept = stored["file"]
        if kept is not None:
            text = kept["text"]
            if not isinstance(text, str):
                raise Unfit("text")
            doc = SourceDocument(path, text, decode_value(kept["data"]), positions=False)
            header = DomainHeader.model_validate_json(json.dumps(kept["header"])) if kept["header"] else None
            outcome.file = DomainFile(doc, header, unpack_items(kept["items"]))
        return outcome

    def _diagnostic(self, d: Diagnostic) -> dict[str, Any]:
        file = None
        if d.file is not None:
            try:
                file = self._relative(d.file)
            except ValueError:
                raise Unfit("a finding outside the catalogue") from None
        return {
            "code": d.code,
            "message": [d.message.zh, d.message.en],
            "file": file,
            "line": d.line,
            "column": d.column,
            "path": list(d.path),
            "item_id": d.item_id,
            "hint": [d.hint.zh, d.hint.en] if d.hint is not None else None,
            "excerpt": d.excerpt,
            "waived": d.waived,
        }

    def _finding(self, d: dict[str, Any]) -> Diagnostic:
        code = d["code"]
        if code not in CODES:
            raise Unfit("code")
        file = d["file"]
        path = d["path"]
        if not all(isinstance(p, str | int) and not isinstance(p, bool) for p in path):
            raise Unfit("path")
        return Diagnostic(
            code,
            _text(d["message"]),
            self.root / PurePosixPath(kept_text(file)) if file is not None else None,
            _opt_int(d["line"]),
            _opt_int(d["column"]),
            tuple(path),
            _opt_text(d["item_id"]),
            _text(d["hint"]) if d["hint"] is not None else None,
            _opt_text(d["excerpt"]),
            _opt_text(d["waived"]),
        )


def _text(value: Any) -> Text:
    zh, en = value
    return Text(kept_text(zh), kept_text(en))


def _opt_text(value: Any) -> str | None:
    return None if value is None else kept_text(value)


def _int(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise Unfit("number")
    return value


def _opt_int(value: Any) -> int | None:
    return None if value is None else _int(value)
