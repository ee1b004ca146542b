"""One side of a comparison read by a forked process while this one reads the other side.

Why: `zwgk diff` reads two whole catalogues, reading is most of its time, and the machines have two
cores that the GIL keeps a process from using at once. A child forked once the first side's files
are known (their bytes, for a git revision) reads them the fast way and sends each file's data
back as soon as it is read, in `marshal`'s format: writing it costs a tenth of reading the YAML,
and reading it back a fifth (pickle costs about four times as much to write). The child holds one
file at a time, so the peak memory is that of the sides, as when one process reads both.

Only a file read cleanly the fast way comes back so (its data and the fingerprint of its bytes);
any other (findings, the careful reader, a value `marshal` cannot write) is read again here, so
every result is what this process would have read. Where forking is not the way (not Linux,
ZWGK_JOBS=1, a small side) or the child fails, the files are read here, one by one.
"""

from __future__ import annotations

import contextlib
import marshal
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from pathlib import Path

from zwgk_cli.core.source import SourceDocument
from zwgk_cli.sources.loading import LoadResult

# Below this many bytes on the side read aside, forking costs more than it saves.
MIN_ASIDE_BYTES = 4 * 1024 * 1024
# The pipe's buffer asked for (see `_widen`).
_PIPE_BYTES = 1024 * 1024

# A file to read: where it is, how to read it the fast way, and its size in bytes.
Job = tuple[Path, Callable[[], LoadResult], int]


def aside_allowed(jobs: int | None) -> bool:
    """Whether a side may be read in a forked process (`jobs` 1, from ZWGK_JOBS, says no)."""
    return sys.platform == "linux" and jobs != 1 and len(os.sched_getaffinity(0)) >= 2


class Aside:
    """The files of `jobs` read in a child process (see the module); `results` gives them in order."""

    def __init__(self, jobs: Sequence[Job], *, force: bool = False) -> None:
        # `force`: a child even for a small side (tests)
        self._jobs = list(jobs)
        self._found: dict[int, LoadResult] = {}
        self._reader: threading.Thread | None = None
        self._process: multiprocessing.process.BaseProcess | None = None
        if not force and sum(size for _, _, size in self._jobs) < MIN_ASIDE_BYTES:
            return
        context = multiprocessing.get_context("fork")
        receiving, sending = context.Pipe(duplex=False)
        _widen(sending)
        try:
            self._process = context.Process(target=_serve, args=(self._jobs, sending), daemon=True)
            self._process.start()
        except OSError:  # no process to spare: read here
            self._process = None
            receiving.close()
            return
        finally:
            sending.close()
        self._reader = threading.Thread(target=self._receive, args=(receiving,), daemon=True)
        self._reader.start()

    def _receive(self, connection: Connection) -> None:
        """In a thread of this process: each file's data as the child sends it."""
        with connection:
            while True:
                try:
                    index, fingerprint, walked, data = marshal.loads(connection.recv_bytes())
                except (EOFError, OSError, ValueError, TypeError):
                    return  # the child is done, or gone: what it did not send is read here
                if fingerprint is not None and 0 <= index < len(self._jobs):
                    path = self._jobs[index][0]
                    document = SourceDocument(path, "", data, positions=False)
                    self._found[index] = LoadResult(document, [], fingerprint=fingerprint, walked=walked)

    def results(self) -> list[LoadResult]:
        """Every file's read, in order: the child's, and the others read here now."""
        if self._reader is not None:
            self._reader.join()
        if self._process is not None:
            self._process.join()
        return [self._found[i] if i in self._found else job() for i, (_, job, _) in enumerate(self._jobs)]


def _widen(connection: Connection) -> None:
    """The pipe's buffer made 1 MiB (Linux lets anyone ask for that much unless the machine lowered
    the limit) instead of 64 KiB. Why: a file's data is megabytes; with the usual buffer the child
    waited at every 64 KiB until this process's receiving thread, which needs the interpreter while
    this process reads the other side, had taken them in: about a second of a province's reading."""
    import fcntl  # Linux only, as is reading aside

    with contextlib.suppress(OSError):  # else the usual buffer: slower, never wrong
        fcntl.fcntl(connection.fileno(), fcntl.F_SETPIPE_SZ, _PIPE_BYTES)


def _serve(jobs: list[Job], connection: Connection) -> None:
    """In the child: each file read, and its data sent when it was read cleanly the fast way."""
    # The output streams are the parent's: nothing is printed here, and the child ends without
    # flushing them or running any cleanup of the parent's (os._exit).
    try:
        for index, (_, job, _) in enumerate(jobs):
            payload = marshal.dumps((index, None, None, None))
            load: LoadResult | None = None
            try:
                load = job()
                document = load.document
                if (
                    document is not None
                    and load.fingerprint is not None
                    and not load.diagnostics
                    and not document.positions
                    and not document.text
                    and not document.origins
                ):
                    payload = marshal.dumps((index, load.fingerprint, load.walked, document.data))
            except Exception:
                pass
            del load
            connection.send_bytes(payload)
        connection.close()
    finally:
        os._exit(0)
