"""Per-file results of `validate` kept between runs, so that re-checking after one file changed
reads and checks only that file.

Why: an editor or a CI job re-validates a whole province after one edit; what a domain file gives
(`file_check.slim(check_located(...))`) depends only on its bytes, its place in the catalogue,
zwgk.yaml's bytes and zwgk's version, so an entry keyed by those stands in for reading it.

Entries are JSON (never pickle: a cache folder may come from elsewhere, a CI cache or a copied
project), one file an entry, written atomically. An entry that cannot be read, is cut short, or
was written by another zwgk or for another key is ignored (the caller notes it once) and the file
is checked again: an entry is never trusted beyond what it proves of itself. Paths in findings are
stored relative to the catalogue folder and put back on it when read. The folder is safe to delete
at any time; stale entries are never read (their key no longer matches anything) and can go.
"""

from __future__ import annotations

import hashlib
import json
import stat
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import ValidationError

from zwgk_cli import __version__
from zwgk_cli.check.file_check import CROSS_FIELDS, FileOutcome, unpack
from zwgk_cli.core.atomic import write_atomic
from zwgk_cli.core.catalogue import DomainFile, ItemEntry
from zwgk_cli.core.codes import CODES
from zwgk_cli.core.diagnostics import Diagnostic, Text
from zwgk_cli.core.models import DomainHeader, Waiver
from zwgk_cli.core.source import SourceDocument

# The folder's default name, beside the catalogue folder (the project's root in `zwgk init`'s layout).
FOLDER_NAME = ".zwgk-cache"
# Bumped whenever what an entry holds changes shape; an entry of another format is foreign.
FORMAT = 2
# An entry larger than this is not read (a province's biggest domain file gives a few MiB).
MAX_ENTRY_BYTES = 256 * 1024 * 1024


class _Unfit(Exception):
    """An outcome holds something an entry cannot keep, or an entry something it should not."""


def default_folder(root: Path) -> Path:
    """Where the cache of the catalogue in `root` goes unless told: beside the catalogue folder,
    so that it never sits among the sources (which are published and formatted)."""
    return root.resolve().parent / FOLDER_NAME


@dataclass(slots=True)
class FileCache:
    """Entries for the domain files of the catalogue in `root` under the settings `settings_bytes`."""

    folder: Path
    root: Path
    settings_bytes: bytes
    # files whose entry was there but not trusted (corrupt, cut short, foreign)
    ignored: list[Path] = field(default_factory=list)
    _keys: dict[Path, str] = field(default_factory=dict)

    def _key(self, path: Path) -> str | None:
        """The entry's name for `path` as it is now; None when it cannot be read (its check says why)."""
        try:
            content = path.read_bytes() if not path.is_symlink() else None
        except OSError:
            return None
        if content is None:
            return None
        digest = hashlib.sha256()
        for part in (
            f"zwgk {__version__} cache {FORMAT}".encode(),
            hashlib.sha256(self.settings_bytes).digest(),
            self._relative(path).encode(),
            hashlib.sha256(content).digest(),
        ):
            digest.update(len(part).to_bytes(8, "big"))
            digest.update(part)
        key = digest.hexdigest()
        self._keys[path] = key
        return key

    def _relative(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def _entry(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, path: Path) -> FileOutcome | None:
        """The cached outcome of `path`, unpacked; None when there is no entry it can trust."""
        key = self._key(path)
        if key is None:
            return None
        entry = self._entry(key)
        try:
            found = entry.lstat()
        except OSError:  # no entry yet
            return None
        # a cache from elsewhere may hold anything: a link, a pipe, a device, a huge file
        if not stat.S_ISREG(found.st_mode) or found.st_size > MAX_ENTRY_BYTES:
            self.ignored.append(path)
            return None
        try:
            raw = entry.read_bytes()
        except OSError:  # unreadable: checked and written again
            return None
        try:
            data = json.loads(raw)
            if not isinstance(data, dict) or data.get("format") != FORMAT:
                raise _Unfit("format")
            if data.get("zwgk") != __version__ or data.get("key") != key:
                raise _Unfit("foreign")
            return self._outcome(path, data["outcome"])
        except (ValueError, KeyError, TypeError, IndexError, AttributeError, ValidationError, _Unfit):
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
            entry = self._entry(key)
            entry.parent.mkdir(parents=True, exist_ok=True)
            # no fsync: an entry cut short by a crash is ignored, never trusted
            write_atomic(entry, text.encode("utf-8"), durable=False)
        except (_Unfit, OSError, ValueError):
            return

    # ---- an outcome as JSON, and back ----

    def _stored(self, path: Path, outcome: FileOutcome) -> dict[str, Any]:
        df = outcome.file
        if outcome.path != path or (df is not None and (df.original is not None or df.doc.positions)):
            raise _Unfit("not slimmed")
        stored: dict[str, Any] = {
            "read": [self._diagnostic(d) for d in outcome.read],
            "rules": [self._diagnostic(d) for d in outcome.rules],
            "items": outcome.items,
            "file": None,
        }
        if df is not None:
            if df.doc.path != path or df.domain is not None:
                raise _Unfit("not slimmed")
            stored["file"] = {
                "text": df.doc.text,
                "data": _encode(df.doc.data),
                "header": df.header.model_dump(mode="json") if df.header is not None else None,
                "entries": [_entry(e) for e in df.items],
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
                raise _Unfit("text")
            doc = SourceDocument(path, text, _decode(kept["data"]), positions=False)
            header = DomainHeader.model_validate_json(json.dumps(kept["header"])) if kept["header"] else None
            outcome.file = DomainFile(doc, header)
            outcome.packed = []
            no_field: frozenset[str] = frozenset()
            for index, invalid, values, tagged in kept["entries"]:
                if type(values) is not list or len(values) != len(CROSS_FIELDS):
                    raise _Unfit("values")
                for at in tagged:  # the values kept tagged; the others are plain (see `_entry`)
                    values[at] = _decode(values[at])
                if invalid:
                    if not all(isinstance(name, str) for name in invalid):
                        raise _Unfit("invalid")
                    fields = frozenset(invalid)
                else:
                    fields = no_field
                outcome.packed.append((_int(index), fields, tuple(values)))
        return unpack(outcome)  # the items as the pool's results are read back

    def _diagnostic(self, d: Diagnostic) -> dict[str, Any]:
        file = None
        if d.file is not None:
            try:
                file = self._relative(d.file)
            except ValueError:
                raise _Unfit("a finding outside the catalogue") from None
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
            raise _Unfit("code")
        file = d["file"]
        path = d["path"]
        if not all(isinstance(p, str | int) and not isinstance(p, bool) for p in path):
            raise _Unfit("path")
        return Diagnostic(
            code,
            _text(d["message"]),
            self.root / PurePosixPath(_str(file)) if file is not None else None,
            _opt_int(d["line"]),
            _opt_int(d["column"]),
            tuple(path),
            _opt_str(d["item_id"]),
            _text(d["hint"]) if d["hint"] is not None else None,
            _opt_str(d["excerpt"]),
            _opt_str(d["waived"]),
        )


def _entry(entry: ItemEntry) -> list[Any]:
    """An item as [index, invalid fields, CROSS_FIELDS' values, which of them are tagged]: values
    that JSON gives back as they were (None, texts, lists of texts: nearly all) are kept as they
    are and read back without a look, the others tagged (`_encode`)."""
    values: list[Any] = []
    tagged: list[int] = []
    for at, name in enumerate(CROSS_FIELDS):
        value = getattr(entry.item, name)
        if (
            value is None
            or type(value) is str
            or (type(value) is list and all(type(v) is str for v in value))
        ):
            values.append(value)
        else:
            values.append(_encode(value))
            tagged.append(at)
    return [entry.index, sorted(entry.invalid), values, tagged]


def _text(value: Any) -> Text:
    zh, en = value
    return Text(_str(zh), _str(en))


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise _Unfit("text")
    return value


def _opt_str(value: Any) -> str | None:
    return None if value is None else _str(value)


def _int(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise _Unfit("number")
    return value


def _opt_int(value: Any) -> int | None:
    return None if value is None else _int(value)


# Values (raw YAML data and the cross-file fields) as JSON: lists and scalars as they are, the rest
# tagged, so that they come back of the very type they went in as.
def _encode(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return {"$float": repr(value)}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        return {"$dict": [[_encode(k), _encode(v)] for k, v in value.items()]}
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if type(value) is Waiver:
        return {"$waiver": [value.code, value.reason]}
    raise _Unfit(type(value).__name__)


_PLAIN = (str, int, bool, type(None))


def _decode(value: Any) -> Any:
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is list:
        # most values are lists of texts: a province's entries hold about a million of them
        return [v if type(v) is str else _decode(v) for v in value]
    if not isinstance(value, dict) or len(value) != 1:
        raise _Unfit("value")
    ((tag, inner),) = value.items()
    if tag == "$dict":
        return {_decode(k): _decode(v) for k, v in inner}
    if tag == "$float":
        return float(_str(inner))
    if tag == "$datetime":
        return datetime.fromisoformat(_str(inner))
    if tag == "$date":
        return date.fromisoformat(_str(inner))
    if tag == "$waiver":
        code, reason = inner
        return Waiver.model_validate({"code": _str(code), "reason": _str(reason)})
    raise _Unfit(tag)
