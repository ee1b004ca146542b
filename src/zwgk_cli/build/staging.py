"""Writing an output folder: safe paths, a marker, and an atomic swap.

Why: the portal editor uploads ``dist/`` as it is, so a failed build must leave the previous site
intact, a build must never replace a folder that zwgk did not write (``-o .`` must not wipe a
user's folder), and no file name taken from a catalogue may lead outside the output folder.
"""

from __future__ import annotations

import io
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import IO

from zwgk_cli.core.diagnostics import ZwgkError, say
from zwgk_cli.render import Content

MARKER = ".zwgk-output"
MARKER_TEXT = "本文件夹由 zwgk build 生成，重新生成时会整体替换。\nThis folder is written by zwgk build and replaced as a whole.\n"

_SAFE_PART = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_WINDOWS_DEVICES = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d|clock\$)(\..*)?$", re.IGNORECASE)


def safe_relative(name: str) -> PurePosixPath:
    """`name` as a relative path that stays inside the output folder, or ValueError."""
    path = PurePosixPath(name)
    if path.is_absolute() or not path.parts or "\\" in name:
        raise ValueError(f"unsafe output path: {name!r}")
    for part in path.parts:
        if part in (".", "..") or not _SAFE_PART.match(part) or _WINDOWS_DEVICES.match(part):
            raise ValueError(f"unsafe output path: {name!r}")
    return path


def check_target(out: Path, sources: Path | None = None) -> None:
    """Refuse an output folder that is not ours to replace."""
    out_abs = out.resolve()
    if sources is not None:
        src = sources.resolve()
        if src == out_abs or out_abs in src.parents:
            raise ZwgkError(say("stop.build.output-holds-sources", out=out, sources=sources))
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise ZwgkError(say("stop.build.output-not-folder", out=out))
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise ZwgkError(say("stop.build.output-not-ours", out=out, marker=MARKER))


class Output:
    """Files being written, by relative POSIX path: in memory (`MemoryOutput`) or a folder (`Staging`)."""

    def write(self, name: str, data: Content) -> None:
        """Write the file `name`: its bytes, or its parts one after another."""
        with self.open(name) as stream:
            if isinstance(data, bytes):
                stream.write(data)
            else:
                for part in data:
                    stream.write(part)

    def open(self, name: str) -> IO[bytes]:
        """`name` opened for writing in binary: write and close it."""
        raise NotImplementedError

    def read(self, name: str) -> bytes:
        """What `name` holds."""
        raise NotImplementedError

    def path(self, name: str) -> Path | None:
        """Where `name` is on disk, for a file written by another process (None: not on disk)."""
        return None

    def size(self, name: str) -> int:
        """The size of `name` in bytes."""
        raise NotImplementedError

    def sizes(self) -> dict[str, int]:
        """Every file written so far, with its size in bytes."""
        raise NotImplementedError


class MemoryOutput(Output):
    """Files kept as bytes (for tests and previews)."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}

    def open(self, name: str) -> IO[bytes]:
        safe_relative(name)
        files = self.files

        class _File(io.BytesIO):
            def close(self) -> None:
                if not self.closed:
                    files[name] = self.getvalue()
                super().close()

        return _File()

    def read(self, name: str) -> bytes:
        return self.files[name]

    def size(self, name: str) -> int:
        return len(self.files[name])

    def sizes(self) -> dict[str, int]:
        return {name: len(data) for name, data in self.files.items()}


class Staging(Output):
    """The new output folder being written beside the old one (see `staged`)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._written: set[str] = set()

    def path(self, name: str) -> Path:
        target = self._file(name)
        target.parent.mkdir(parents=True, exist_ok=True)
        self._written.add(name)
        return target

    def open(self, name: str) -> IO[bytes]:
        return self.path(name).open("wb")

    def read(self, name: str) -> bytes:
        return self._file(name).read_bytes()

    def size(self, name: str) -> int:
        return self._file(name).stat().st_size

    def _file(self, name: str) -> Path:
        return self.root.joinpath(*safe_relative(name).parts)

    def sizes(self) -> dict[str, int]:
        return {name: self.size(name) for name in sorted(self._written)}


@contextmanager
def staged(out: Path, sources: Path | None = None) -> Iterator[Staging]:
    """A folder to write the outputs into; when the block ends without error it replaces `out` at
    once (with its marker), otherwise it is removed and `out` stays as it was."""
    check_target(out, sources)
    parent = out.absolute().parent
    parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.zwgk-new-", dir=parent))
    try:
        yield Staging(staging)
        (staging / MARKER).write_text(MARKER_TEXT, encoding="utf-8", newline="\n")
        check_target(out, sources)
        _swap(staging, out.absolute())
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _swap(staging: Path, out: Path) -> None:
    """Put `staging` where `out` is; the old folder is removed only once the new one is in place."""
    if not out.exists():
        staging.replace(out)
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{out.name}.zwgk-old-", dir=out.parent))
    retired.rmdir()
    out.replace(retired)
    try:
        staging.replace(out)
    except BaseException:
        retired.replace(out)
        raise
    shutil.rmtree(retired, ignore_errors=True)
