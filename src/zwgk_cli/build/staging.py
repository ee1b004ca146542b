"""Writing an output folder: safe paths, a marker, and an atomic swap.

Why: the portal editor uploads ``dist/`` as it is, so a failed build must leave the previous site
intact, a build must never replace a folder that zwgk did not write (``-o .`` must not wipe a
user's folder), and no file name taken from a catalogue may lead outside the output folder.
"""

from __future__ import annotations

import errno
import glob
import io
import os
import secrets
import shutil
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from zwgk_cli.core.diagnostics import Text, ZwgkError, say
from zwgk_cli.render import Content
from zwgk_cli.render.paths import safe_relative as safe_relative  # where tests and callers find it

MARKER = ".zwgk-output"
MARKER_TEXT = "本文件夹由 zwgk build 生成，重新生成时会整体替换。\nThis folder is written by zwgk build and replaced as a whole.\n"


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

    def __init__(self, root: Path, recovery: Recovery | None = None) -> None:
        self.root = root
        self._written: set[str] = set()
        self.recovery = recovery or Recovery()  # what was cleaned up before this build began

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
def staged(out: Path, sources: Path | None = None, *, locked: bool = False) -> Iterator[Staging]:
    """A folder to write the outputs into; when the block ends without error it replaces `out` at
    once (with its marker), otherwise it is removed and `out` stays as it was.

    One build at a time writes `out` (a lock beside it; a second build is refused, see
    `output_lock`; `locked`: the caller holds it already). What a build killed midway left beside
    `out` is cleaned up first (`recover`).
    The folders and files get the modes the umask gives (0755 and 0644 under umask 022), so a web
    server running as another user can read them.
    """
    check_target(out, sources)
    target = out.absolute()
    with ExitStack() as lock:
        if not locked:
            lock.enter_context(output_lock(target))
        recovery = recover(target)
        check_target(out, sources)
        staging = target.parent / f"{_prefix(target, NEW)}{os.getpid()}-{secrets.token_hex(4)}"
        staging.mkdir(0o777)  # the umask decides, unlike tempfile.mkdtemp's 0700
        try:
            yield Staging(staging, recovery)
            (staging / MARKER).write_text(MARKER_TEXT, encoding="utf-8", newline="\n")
            check_target(out, sources)
            _swap(staging, target)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise


NEW, OLD, LOCK = "new-", "old-", "lock"


def _prefix(out: Path, kind: str) -> str:
    """The name of what a build keeps beside `out`: ``.dist.zwgk-new-…``, ``.dist.zwgk-old-…``, ``.dist.zwgk-lock``."""
    return f".{out.name}.zwgk-{kind}"


def lock_path(out: Path) -> Path:
    """The lock file beside `out` that one build at a time holds."""
    return out.parent / _prefix(out, LOCK)


@contextmanager
def output_lock(out: Path) -> Iterator[None]:
    """Hold the lock on writing `out` (an flock on ``.<name>.zwgk-lock`` beside it) for the block.

    Another build holding it: ZwgkError naming that build (its process and start time), at once;
    nothing has been touched then. The kernel drops the lock of a build that dies, so a stale lock
    file never blocks. The file is removed when the block ends.
    """
    path = lock_path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
        try:
            locked = _try_lock(fd)
        except BaseException:
            os.close(fd)
            raise
        if not locked:
            holder = _holder(fd)
            os.close(fd)
            raise ZwgkError(say("stop.build.busy", out=out, holder=holder, lock=path))
        try:
            same = os.fstat(fd).st_ino == path.stat().st_ino
        except FileNotFoundError:  # the holder before removed it as it finished: lock the new one
            same = False
        if same:
            break
        os.close(fd)
    try:
        started = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()} {started}\n".encode())
        yield
    finally:
        with suppress(OSError):
            path.unlink()  # still holding it, so no other build has it open and locked
        os.close(fd)


def _try_lock(fd: int) -> bool:
    """Lock the open file `fd` for this process without waiting; False when another holds it."""
    if sys.platform == "win32":
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _holder(fd: int) -> Text:
    """Who holds the lock, as its file says: “进程 1234，开始于 …”."""
    with suppress(OSError):
        os.lseek(fd, 0, os.SEEK_SET)
        pid, _, started = os.read(fd, 200).decode("utf-8", "replace").strip().partition(" ")
        if pid.isdigit():
            return say("ui.build.lock-holder", pid=pid, started=started)
    return say("ui.build.lock-holder-unknown")


@dataclass(frozen=True, slots=True)
class Recovery:
    """What a build found left beside its output folder by a build killed midway, and did about it."""

    restored: Path | None = None  # the earlier output moved back from here to the output folder
    removed: tuple[Path, ...] = ()  # staging and retired folders removed

    def __bool__(self) -> bool:
        return self.restored is not None or bool(self.removed)


def recover(out: Path) -> Recovery:
    """Clean up after a build that was killed midway (call holding `output_lock`).

    A build killed between moving the old output aside and moving the new one in left no `out`:
    the old output is moved back. Every staging folder (``.<name>.zwgk-new-…``) and retired folder
    (``.<name>.zwgk-old-…``) is then removed: with the lock held, no live build is using them.
    """
    parent = out.parent
    new = sorted(parent.glob(glob.escape(_prefix(out, NEW)) + "*"))
    old = sorted(parent.glob(glob.escape(_prefix(out, OLD)) + "*"), key=lambda p: p.stat().st_mtime)
    restored = None
    if not out.exists() and not out.is_symlink():
        restorable = [p for p in old if p.is_dir() and not p.is_symlink() and (p / MARKER).is_file()]
        if restorable:
            restored = restorable[-1]
            restored.rename(out)
            old.remove(restored)
    for stale in [*new, *old]:
        if stale.is_dir() and not stale.is_symlink():
            shutil.rmtree(stale, ignore_errors=True)
        else:
            stale.unlink(missing_ok=True)
    return Recovery(restored, (*new, *old))


def _swap(staging: Path, out: Path) -> None:
    """Put `staging` where `out` is; the old folder is removed only once the new one is in place.

    Where the system can exchange two names at once (Linux renameat2), `out` names a whole folder at
    every instant. Elsewhere the old folder is moved aside first and the new one moved in; a build
    killed between the two leaves the old folder as ``.<name>.zwgk-old-…``, and the next build moves
    it back (`recover`).
    """
    if not out.exists():
        staging.rename(out)
        return
    if exchange(staging, out):
        shutil.rmtree(staging, ignore_errors=True)  # it now holds the old output
        return
    retired = out.parent / f"{_prefix(out, OLD)}{os.getpid()}-{secrets.token_hex(4)}"
    out.rename(retired)
    try:
        staging.rename(out)
    except BaseException as exc:
        try:
            retired.rename(out)
        except OSError as again:
            what = again.strerror or str(again)
            raise ZwgkError(say("stop.build.swap-failed", out=out, what=what, retired=retired)) from exc
        raise
    shutil.rmtree(retired, ignore_errors=True)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def exchange(first: Path, second: Path) -> bool:
    """Swap the names of two folders in one step (Linux renameat2 RENAME_EXCHANGE); False when the
    system or file system cannot, and nothing changed."""
    if sys.platform != "linux":
        return False
    import ctypes  # here: only a build that replaces an output needs it

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    renameat2.restype = ctypes.c_int
    done = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    if done == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EPERM):
        return False  # not supported here: the two-step swap instead
    raise OSError(code, os.strerror(code), str(second))
