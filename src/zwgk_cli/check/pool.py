"""Domain files checked in several processes at once (`file_check.check_located` in each), for `validate`.

Why: reading and validating a province takes seconds on one core, the machines have at least two,
and the GIL keeps threads on one. Workers are forked once the settings are read, so they inherit
them (nothing big is sent to them: a file's index); each reads its file the fast way, checks it,
reads it again with positions when it has findings (as the one-process check does), and leaves
its findings and the few values the cross-file rules read (`file_check.slim`) in a file of a
private folder that this process reads: pickling the raw data or whole models would cost about
what the workers save, and sent through the pool's pipe a result held its worker up. This process is one of the
processes: each process takes the biggest file waiting whenever it is free. Results come back in
file order.

Where forking is not the way (not Linux, one core, ZWGK_JOBS=1, a small catalogue) the files are
checked one by one in this process; the report is the same either way.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import shutil
import sys
import tempfile
import threading
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from zwgk_cli.check.file_check import FileOutcome, check_located, slim, unpack
from zwgk_cli.check.upstream import Upstream
from zwgk_cli.core.catalogue import SettingsFile

# Below this many bytes of domain files, starting processes costs more than it saves.
MIN_POOL_BYTES = 2 * 1024 * 1024

# Files handed to each worker at once: the next is there when it finishes one. With one, a worker
# waited for this process's thread to hear of its result and hand it the next file, a few GIL
# turns away from this process's own checking: 0.4-0.6 s of a province's pool run (none now).
IN_FLIGHT = 2

# What the forked workers inherit: the files to check, the settings, the upstream catalogue, and
# the private folder where they leave their results.
_task: tuple[Sequence[Path], SettingsFile, Upstream | None, Path] | None = None


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
    upstream: Upstream | None = None,
) -> list[FileOutcome] | None:
    """Every file of `paths` checked by `processes` processes, this one among them, slimmed, in
    file order (`done` hears how many are done); None when the workers could not do it (a worker
    killed, no process to spare): the caller checks the files itself then. `meanwhile` runs in
    this process before it takes its share (once, even when the workers fail). `upstream`: the
    upstream catalogue the files' claims are completed from."""
    # The files wait in order of size, and every process takes the biggest one waiting whenever it
    # is free (the workers through a thread of this process that hands them out as they finish):
    # the last files checked are the smallest, so no process waits long for another at the end.
    # This process checks its share itself: its results need no pickling, and no third process
    # competes for two cores while it would only wait.
    # A worker leaves each result in a file of a private folder and sends back its name: through
    # the pool's pipe, a result (about 1 MiB a province file) went 64 KiB at a time, each piece
    # waiting for this process's thread to get the GIL from its own checking, and the worker
    # waited with it (0.3-0.4 s of a province's pool run, with a file in hand; none now).
    global _task
    waiting = deque(sorted(range(len(paths)), key=lambda i: -_size(paths[i])))
    lock = threading.Lock()
    outcomes: dict[int, FileOutcome] = {}
    theirs: list[tuple[int, FileOutcome]] = []
    failed: list[BaseException] = []
    workers = max(processes - 1, 1)

    def take() -> int | None:
        with lock:
            return waiting.popleft() if waiting else None

    def finished(index: int, outcome: FileOutcome) -> None:
        with lock:
            outcomes[index] = outcome
            count = len(outcomes)
        if done is not None:
            done(count)

    def fill(pool: ProcessPoolExecutor, running: dict[Future[str], int]) -> None:
        while len(running) < IN_FLIGHT * workers and (index := take()) is not None:
            running[pool.submit(_work, index)] = index

    def hand_out(pool: ProcessPoolExecutor, running: dict[Future[str], int]) -> None:
        try:
            while True:
                fill(pool, running)
                if not running:
                    return
                ready, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in ready:
                    # unpacked here as it comes, not by this process after its share of the files
                    theirs.append((running.pop(future), unpack(_collect(Path(future.result())))))
        except BaseException as exc:  # the pool broke: said to the main thread
            failed.append(exc)

    folder: Path | None = None
    try:
        folder = Path(tempfile.mkdtemp(prefix="zwgk-pool-"))
        _task = (paths, sf, upstream, folder)
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(workers, mp_context=context, initializer=_quiet) as pool:
            # The first files are handed out here, before any other thread of this process starts:
            # the first `submit` forks the workers, and a fork copies every lock as it is at that
            # moment. Forked by the thread below while this one read the cache (`meanwhile`), a
            # worker inherited pydantic's lock around setting up a model on first use, held by this
            # thread then, and waited for it forever.
            running: dict[Future[str], int] = {}
            fill(pool, running)
            thread = threading.Thread(target=hand_out, args=(pool, running), daemon=True)
            thread.start()
            if meanwhile is not None:
                meanwhile()
                meanwhile = None
            while not failed and (index := take()) is not None:
                finished(index, unpack(slim(check_located(paths[index], sf, upstream))))
            thread.join()
            if failed:
                raise failed[0]
            for index, outcome in theirs:
                finished(index, outcome)
    except (BrokenProcessPool, OSError):
        return None
    finally:
        _task = None
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
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


def _work(index: int) -> str:
    """In a worker: file `index`, checked as the one-process check would leave it, pickled into a
    file of the pool's folder; that file's name."""
    assert _task is not None
    paths, sf, upstream, folder = _task
    where = folder / str(index)
    where.write_bytes(pickle.dumps(slim(check_located(paths[index], sf, upstream)), pickle.HIGHEST_PROTOCOL))
    return str(where)


def _collect(where: Path) -> FileOutcome:
    """A worker's result, from the file it left (removed once read)."""
    # Only this process and its workers write in the folder (made private by mkdtemp), and only
    # what this code pickles is read back from it.
    outcome = pickle.loads(where.read_bytes())
    where.unlink()
    if not isinstance(outcome, FileOutcome):
        raise BrokenProcessPool(f"not a result: {where}")
    return outcome
