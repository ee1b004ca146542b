"""The workbook renders in a forked child while the rest renders here: same bytes, same errors."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from zwgk_cli import parallel
from zwgk_cli.build import build
from zwgk_cli.parallel import can_fork, rendered_aside

needs_fork = pytest.mark.skipif(
    sys.platform != "linux", reason="outputs are rendered in a forked child on Linux only"
)


@pytest.fixture(autouse=True)
def _forking(monkeypatch: pytest.MonkeyPatch) -> None:
    # fork even on a one-core machine, so the two-process path is tested wherever Linux runs
    monkeypatch.setattr(parallel.os, "sched_getaffinity", lambda _pid: {0, 1}, raising=False)


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@needs_fork
def test_a_build_in_two_processes_equals_one_in_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert can_fork()
    build(ROOT / "catalogues", tmp_path / "two")
    monkeypatch.setenv("ZWGK_JOBS", "1")
    assert not can_fork()
    build(ROOT / "catalogues", tmp_path / "one")
    two, one = _tree(tmp_path / "two"), _tree(tmp_path / "one")
    assert two == one
    assert not any(b"zwgk-size-" in content for content in two.values())
    assert "KB" in (tmp_path / "two" / "index.html").read_text(encoding="utf-8")


@needs_fork
def test_the_child_renders_in_another_process() -> None:
    with rendered_aside(lambda: str(os.getpid()).encode()) as pending:
        assert not pending.ready
        assert pending.result() != str(os.getpid()).encode()


@needs_fork
def test_a_failing_child_renders_again_here_and_raises_here() -> None:
    calls: list[int] = []

    def render() -> bytes:
        calls.append(os.getpid())  # only the parent's list is seen here
        raise ValueError("坏了")

    with pytest.raises(ValueError, match="坏了"), rendered_aside(render) as pending:
        pending.result()
    assert calls == [os.getpid()]


@needs_fork
def test_an_unused_child_is_stopped_and_reaped() -> None:
    with rendered_aside(lambda: b"x" * 10_000_000) as pending:
        pid = pending._pid
        assert pid is not None
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


def test_without_fork_it_renders_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "can_fork", lambda: False)
    with rendered_aside(lambda: str(os.getpid()).encode()) as pending:
        assert pending.ready
        assert pending.result() == str(os.getpid()).encode()


@needs_fork
def test_when_no_process_can_be_forked_it_renders_here(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse() -> int:
        raise BlockingIOError("Resource temporarily unavailable")

    monkeypatch.setattr(parallel.os, "fork", refuse)
    with rendered_aside(lambda: str(os.getpid()).encode()) as pending:
        assert pending.ready
        assert pending.result() == str(os.getpid()).encode()
