"""One output rendered in a second process while this one renders the rest.

Why: a province's workbook takes as long as all its pages and open data together, the machines
have two cores, and the GIL keeps threads on one. On Linux a forked child sees the whole checked
catalogue without copying or pickling it, renders its output to bytes, sends them back through a
pipe and ends without cleanup. Where forking is not the way (Windows and macOS, one core, or
ZWGK_JOBS=1), the output is rendered here in this process: the bytes are the same either way, and
if the child fails for any reason the output is rendered here again, so errors surface as usual.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress


class Pending:
    """An output being rendered, by a child process or already here."""

    def __init__(
        self, render: Callable[[], bytes], pid: int | None, fd: int | None, value: bytes | None
    ) -> None:
        self._render = render
        self._pid = pid
        self._fd = fd
        self._value = value

    @property
    def ready(self) -> bool:
        """Whether the bytes are here already (rendered in this process)."""
        return self._value is not None

    def result(self) -> bytes:
        """The rendered bytes (waits for the child)."""
        if self._value is None:
            payload = b""
            if self._fd is not None:
                with os.fdopen(self._fd, "rb") as pipe:
                    payload = pipe.read()
                self._fd = None
            self._reap()
            # the child writes b"\0" + bytes when it succeeded; anything else: render here
            self._value = payload[1:] if payload[:1] == b"\0" else self._render()
        return self._value

    def cancel(self) -> None:
        """Stop the child if its result was never asked for."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
        if self._pid is not None:
            with suppress(OSError):
                os.kill(self._pid, 9)
        self._reap()

    def _reap(self) -> None:
        if self._pid is not None:
            with suppress(ChildProcessError):
                os.waitpid(self._pid, 0)
            self._pid = None


def can_fork() -> bool:
    """Whether outputs may be rendered in a forked child here."""
    if os.environ.get("ZWGK_JOBS", "").strip() == "1" or sys.platform != "linux":
        return False
    return len(os.sched_getaffinity(0)) > 1


@contextmanager
def rendered_aside(render: Callable[[], bytes]) -> Iterator[Pending]:
    """`render()` started in a child process (or run here); the child is stopped if unused."""
    pending = _start(render) if can_fork() else Pending(render, None, None, render())
    try:
        yield pending
    finally:
        pending.cancel()


def _start(render: Callable[[], bytes]) -> Pending:
    read_fd, write_fd = os.pipe()
    try:
        pid = os.fork()
    except OSError:  # no process to spare (a limit on processes or memory): render here
        os.close(read_fd)
        os.close(write_fd)
        return Pending(render, None, None, render())
    if pid == 0:  # the child: render, send, end without running any cleanup of the parent's
        os.close(read_fd)
        try:
            payload = b"\0" + render()
        except BaseException:
            payload = b"\1"
        try:
            with os.fdopen(write_fd, "wb") as pipe:
                pipe.write(payload)
        finally:
            os._exit(0)
    os.close(write_fd)
    return Pending(render, pid, read_fd, None)
