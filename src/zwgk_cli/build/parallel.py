"""A helper process that takes one job while this one goes on with the rest.

Why: a province's workbook takes about as long as all its pages and open data together, the
machines have two cores, and the GIL keeps threads on one. The helper is forked at the start of a
command, before the catalogue is read, so the two processes share nothing big: a child forked
later would copy, page by page, every object of the catalogue it touches (Python writes reference
counts into them), doubling the memory. The job is a small message (where to read the data, where
to write); the helper reports only whether it succeeded, and ends without any cleanup of ours.

Where forking is not the way (Windows and macOS, one core, ZWGK_JOBS=1, no process to spare), there
is no helper and the caller does the job itself; when the helper fails for any reason, the caller
does it again itself, so the result is the same and errors surface as usual.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress

DONE = b"\0"


def can_fork(jobs: int | None = None) -> bool:
    """Whether a helper process may be forked here; `jobs` 1 says no (the command line passes
    ZWGK_JOBS)."""
    if jobs == 1 or sys.platform != "linux":
        return False
    return len(os.sched_getaffinity(0)) > 1


class Helper:
    """A forked child waiting for its one job."""

    def __init__(self, pid: int, job_fd: int, done_fd: int) -> None:
        self._pid: int | None = pid
        self._job_fd: int | None = job_fd
        self._done_fd: int | None = done_fd

    def give(self, job: bytes) -> None:
        """Hand the job over; the helper starts on it at once."""
        if self._job_fd is None:
            raise RuntimeError("the helper has had its job")
        fd, self._job_fd = self._job_fd, None
        with suppress(OSError), os.fdopen(fd, "wb") as pipe:  # a helper gone: `succeeded` says so
            pipe.write(job)

    def succeeded(self) -> bool:
        """Wait for the helper; whether it did its job."""
        status = b""
        if self._done_fd is not None:
            with os.fdopen(self._done_fd, "rb") as pipe:
                self._done_fd = None
                status = pipe.read(1)
        self._reap()
        return status == DONE

    def stop(self) -> None:
        """Stop the helper if it is still there (no job, or its result not wanted)."""
        for fd in (self._job_fd, self._done_fd):
            if fd is not None:
                os.close(fd)
        self._job_fd = self._done_fd = None
        if self._pid is not None:
            with suppress(OSError):
                os.kill(self._pid, 9)
        self._reap()

    def _reap(self) -> None:
        if self._pid is not None:
            with suppress(ChildProcessError):
                os.waitpid(self._pid, 0)
            self._pid = None


@contextmanager
def helper(work: Callable[[bytes], None], jobs: int | None = None) -> Iterator[Helper | None]:
    """A helper that will run `work(job)` on the job it is given (None where there can be none,
    see `can_fork`); stopped at the end of the block if it is still there."""
    started = _fork(work) if can_fork(jobs) else None
    try:
        yield started
    finally:
        if started is not None:
            started.stop()


def _fork(work: Callable[[bytes], None]) -> Helper | None:
    job_read, job_write = os.pipe()
    done_read, done_write = os.pipe()
    try:
        pid = os.fork()
    except OSError:  # no process to spare (a limit on processes or memory): no helper
        for fd in (job_read, job_write, done_read, done_write):
            os.close(fd)
        return None
    if pid == 0:  # the helper: wait for the job, do it, report, end without running our cleanup
        status = b"\1"
        try:
            os.close(job_write)
            os.close(done_read)
            with os.fdopen(job_read, "rb") as pipe:
                job = pipe.read()
            if job:
                work(job)
                status = DONE
        except BaseException:  # the caller does the job again and sees the error itself
            status = b"\1"
        finally:
            with suppress(OSError):
                os.write(done_write, status)
            os._exit(0)
    os.close(job_read)
    os.close(done_write)
    return Helper(pid, job_write, done_read)
