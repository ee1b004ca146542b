"""benchmarks/run.py's memory sampling: a process that ends while its tree is listed (the diff's
reading child, the pool's workers) is left out, and the sampling of the run goes on."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import run as bench

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="the benchmarks read /proc")


def test_a_process_gone_is_left_out(monkeypatch: pytest.MonkeyPatch) -> None:
    gone = 4_194_305  # above any pid Linux gives out: its /proc folder is not there
    assert bench._tree(gone) == [gone]
    assert bench._pss_kib(gone) == 0

    class Vanishing(type(Path())):  # type: ignore[misc]
        """A /proc folder that was there when asked about and is gone when read (the race the
        sampler met: a process ending between the two)."""

        def is_dir(self, *args: object, **kwargs: object) -> bool:
            return True

        def iterdir(self) -> Iterator[Path]:
            raise FileNotFoundError(self)

        def glob(self, *args: object, **kwargs: object) -> Iterator[Path]:
            raise FileNotFoundError(self)

    monkeypatch.setattr(bench, "Path", Vanishing)
    assert bench._tree(os.getpid()) == [os.getpid()]


def test_a_child_ending_during_the_run_does_not_end_the_sampling() -> None:
    # children come and go while the parent grows: the peak must be the parent's late one
    script = (
        "import os, time\n"
        "for _ in range(20):\n"
        "    pid = os.fork()\n"
        "    if pid == 0:\n"
        "        os._exit(0)\n"
        "    os.waitpid(pid, 0)\n"
        "    time.sleep(0.01)\n"
        "block = bytearray(100 * 1024 * 1024)\n"
        "block[::4096] = b'x' * len(block[::4096])\n"
        "time.sleep(0.3)\n"
    )
    figure = bench._run_once([sys.executable, "-c", script], dict(os.environ), sample=True)
    assert figure.mib > 80
