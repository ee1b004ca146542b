"""Run one zwgk command in a child process under a CPU, memory and output budget.

Why a child: a memory bomb must hit the kernel's limit (RLIMIT_AS) of a process of its own, and
its peak memory (``ru_maxrss`` from ``wait4``) must be that case's alone. The CPU budget is
RLIMIT_CPU, so a slow case is stopped by the kernel however busy the machine is; a wall-clock
timer, four times as long, catches a case that hangs without using the CPU.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

CPU_SECONDS = 20
MEMORY_BYTES = 2 * 1024**3  # address space: the interpreter and its libraries take ~0.4 GiB of it
OUTPUT_BYTES = 2 * 1024 * 1024  # 3,000 duplicate ids take 1 MB; the quadratic report took 160 MB

# Sets the limits, then runs the console script's entry point with the given arguments.
_BOOTSTRAP = """
import resource, sys
resource.setrlimit(resource.RLIMIT_CPU, ({cpu}, {cpu}))
resource.setrlimit(resource.RLIMIT_AS, ({memory}, {memory}))
sys.argv = ["zwgk", *sys.argv[1:]]
from zwgk_cli.cli import main
main()
"""


@dataclass(frozen=True, slots=True)
class Outcome:
    """How a run ended: exit status (negative: killed by that signal), output, peak memory."""

    status: int
    stdout: str
    stderr: str
    peak_bytes: int
    cpu_seconds: float

    @property
    def text(self) -> str:
        return self.stdout + self.stderr


def run_zwgk(args: list[str], cwd: Path, *, cpu: int = CPU_SECONDS, memory: int = MEMORY_BYTES) -> Outcome:
    """Run ``zwgk *args`` in `cwd` under the budget; output is read only up to OUTPUT_BYTES each."""
    code = _BOOTSTRAP.format(cpu=cpu, memory=memory)
    out_path, err_path = cwd / ".fuzz-stdout", cwd / ".fuzz-stderr"
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100", "PYTHONIOENCODING": "utf-8"}
    env.pop("GITHUB_ACTIONS", None)
    with out_path.open("wb") as out, err_path.open("wb") as err:
        child = subprocess.Popen(
            [sys.executable, "-c", code, *args], cwd=cwd, stdout=out, stderr=err, env=env
        )
        timer = threading.Timer(cpu * 4, child.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(child.pid, 0)
        finally:
            timer.cancel()
        child.returncode = 0  # reaped above; keeps Popen from waiting again
    stdout, stderr = _head(out_path), _head(err_path)
    out_path.unlink()
    err_path.unlink()
    exit_status = -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
    return Outcome(
        status=exit_status,
        stdout=stdout,
        stderr=stderr,
        peak_bytes=usage.ru_maxrss * 1024,
        cpu_seconds=usage.ru_utime + usage.ru_stime,
    )


def _head(path: Path) -> str:
    size = path.stat().st_size
    with path.open("rb") as handle:
        data = handle.read(OUTPUT_BYTES + 1)
    text = data.decode("utf-8", errors="replace")
    if size > OUTPUT_BYTES:
        text += f"\n[… {size} bytes in all]"
    return text


def describe(outcome: Outcome) -> str:
    """One line for an assertion message."""
    killed = f"killed by {signal.Signals(-outcome.status).name}" if outcome.status < 0 else ""
    return (
        f"exit {outcome.status} {killed} · {outcome.cpu_seconds:.1f} s CPU · "
        f"{outcome.peak_bytes / 1024**2:.0f} MiB peak · {len(outcome.text)} chars of output"
    )
