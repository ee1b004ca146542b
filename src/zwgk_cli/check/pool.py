"""Domain files checked in several processes at once (`file_check.check_located` in each), for `validate`.

Why: reading and validating a province takes seconds on one core, the machines have at least two,
and the GIL keeps threads on one. Workers are forked once the settings are read, so they inherit
them (nothing big is sent to them: a file's index); each reads its file the fast way, checks it,
reads it again with positions when it has findings (as the one-process check does), and sends
back its findings and the few values the cross-file rules read (`file_check.slim`): pickling the
raw data or whole models would cost about what the workers save. This process is one of the
processes: the workers take the biggest files waiting, it takes the smallest, until none waits.
Results come back in file order.

Where forking is not the way (not Linux, one core, ZWGK_JOBS=1, a small catalogue) the files are
checked one by one in this process; the report is the same either way.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from zwgk_cli.check.file_check import FileOutcome, check_located, slim, unpack
from zwgk_cli.core.catalogue import SettingsFile

# Below this many bytes of domain files, starting processes costs more than it saves.
MIN_POOL_BYTES = 2 * 1024 * 1024

# What the forked workers inherit: the files to check and the settings.
_task: tuple[Sequence[Path], SettingsFile] | None = None


def pool_size(jobs: int | None, paths: Sequence[Path]) -> int:
    """How many processes should check `paths`: `jobs` when given (ZWGK_JOBS), else the cores this
    process may use; one when forking is not the way or the files are few or small."""
    if sys.platform != "linux" or len(paths) < 2 or jobs == 1:
        return 1
    cores = jobs if jobs is not None else len(os.sched_getaffinity(0))
    if cores < 2:
        return 1
    if jobs is None and sum(_size(path) for path in paths) < MIN_POOL_BYTES:
        return 1
    return min(cores, len(paths))


def check_in_pool(
    paths: Sequence[Path],
    sf: SettingsFile,
    processes: int,
    done: Callable[[int], None] | None = None,
    meanwhile: Callable[[], None] | None = None,
) -> list[FileOutcome] | None:
    """Every file of `paths` checked by `processes` processes, this one among them, slimmed, in
    file order (`done` hears how many are done); None when the workers could not do it (a worker
    killed, no process to spare): the caller checks the files itself then. `meanwhile` runs in
    this process before it takes its share (once, even when the workers fail)."""
    # The files wait in order of size. Each worker is given the biggest one waiting whenever it has
    # none, and this process checks the smallest one waiting in between (its results need no
    # pickling, and no third process competes for two cores while it would only wait): the two
    # ends meet where both are done at about the same time, however the files' costs differ.
    global _task
    _task = (paths, sf)
    waiting = deque(sorted(range(len(paths)), key=lambda i: -_size(paths[i])))
    outcomes: dict[int, FileOutcome] = {}
    running: dict[int, Future[FileOutcome]] = {}
    workers = max(processes - 1, 1)

    def finished(index: int, outcome: FileOutcome) -> None:
        outcomes[index] = outcome
        if done is not None:
            done(len(outcomes))

    def collect(wait: bool) -> None:
        for index, future in list(running.items()):
            if wait or future.done():
                finished(index, unpack(future.result()))
                del running[index]

    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(workers, mp_context=context, initializer=_quiet) as pool:

            def feed() -> None:
                while len(running) < workers and waiting:
                    index = waiting.popleft()
                    running[index] = pool.submit(_work, index)

            feed()
            if meanwhile is not None:
                meanwhile()
                meanwhile = None
            while waiting:
                collect(wait=False)
                feed()
                if waiting:
                    index = waiting.pop()
                    finished(index, unpack(slim(check_located(paths[index], sf))))
            collect(wait=True)
    except (BrokenProcessPool, OSError):
        return None
    finally:
        _task = None
        if meanwhile is not None:  # the pool could not start
            meanwhile()
    return [outcomes[i] for i in range(len(paths))]


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:  # its worker reports it
        return 0


def _quiet() -> None:
    """In a new worker: output streams of its own. A thread of the parent (the spinner on a terminal)
    may have held the inherited ones' locks when the worker was forked, and a worker flushes its
    streams as it ends."""
    sys.stdout = sys.stderr = Path(os.devnull).open("w", encoding="utf-8")  # noqa: SIM115


def _work(index: int) -> FileOutcome:
    """In a worker: file `index`, checked as the one-process check would leave it."""
    assert _task is not None
    paths, sf = _task
    return slim(check_located(paths[index], sf))
