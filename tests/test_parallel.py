"""The workbook and the Word document are written by a helper process while the rest is written
here: same bytes, same errors, and the helper shares nothing big with this process."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from zwgk_cli.build import builder as build_module
from zwgk_cli.build import parallel
from zwgk_cli.build.builder import build
from zwgk_cli.build.parallel import can_fork, helper

needs_fork = pytest.mark.skipif(sys.platform != "linux", reason="the helper process is forked on Linux only")


@pytest.fixture(autouse=True)
def _forking(monkeypatch: pytest.MonkeyPatch) -> None:
    # fork even on a one-core machine, so the two-process path is tested wherever Linux runs
    monkeypatch.setattr(parallel.os, "sched_getaffinity", lambda _pid: {0, 1}, raising=False)


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@needs_fork
def test_a_build_in_two_processes_equals_one_in_one(tmp_path: Path) -> None:
    assert can_fork()
    build(ROOT / "catalogues", tmp_path / "two", units=["龙溪街道"], epoch=1609459200)
    assert not can_fork(1)
    build(ROOT / "catalogues", tmp_path / "one", units=["龙溪街道"], epoch=1609459200, jobs=1)
    two, one = _tree(tmp_path / "two"), _tree(tmp_path / "one")
    assert two == one
    assert not any(b"zwgk-size-" in content for content in two.values())
    assert "KB" in (tmp_path / "two" / "index.html").read_text(encoding="utf-8")


@needs_fork
@pytest.mark.parametrize(
    ("writer", "name"),
    [("write_catalogue_workbook", "catalogue.xlsx"), ("write_catalogue_docx", "catalogue.docx")],
)
def test_the_workbook_and_the_document_are_written_by_the_helper(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, writer: str, name: str
) -> None:
    writers: list[int] = []
    original = getattr(build_module, writer)

    def here(*args: object, **kwargs: object) -> None:
        writers.append(os.getpid())  # only this process's list is seen here
        original(*args, **kwargs)

    monkeypatch.setattr(build_module, writer, here)
    result = build(ROOT / "catalogues", tmp_path / "dist")
    assert writers == []
    assert result.files[name] == (tmp_path / "dist" / name).stat().st_size > 10_000
    # the pages show its size, not the placeholder they carried while the helper wrote it
    index = (tmp_path / "dist" / "index.html").read_text(encoding="utf-8")
    assert "zwgk-size-" not in index
    assert f'download="重庆市渝北区基层政务公开标准目录.{name.split(".")[1]}">' in index


@needs_fork
def test_a_failing_helper_leaves_the_job_to_this_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(job: bytes) -> None:
        raise ValueError("坏了")

    monkeypatch.setattr(build_module, "run_helper_job", broken)
    build(ROOT / "catalogues", tmp_path / "dist")
    build(ROOT / "catalogues", tmp_path / "one", jobs=1)
    assert _tree(tmp_path / "dist") == _tree(tmp_path / "one")


@needs_fork
def test_the_helper_runs_its_job_in_another_process(tmp_path: Path) -> None:
    mark = tmp_path / "pid"
    with helper(lambda job: mark.write_text(f"{os.getpid()} {job.decode()}")) as aside:
        assert aside is not None
        aside.give("活".encode())
        assert aside.succeeded()
    pid, job = mark.read_text().split()
    assert int(pid) != os.getpid()
    assert job == "活"


@needs_fork
def test_a_helper_without_a_job_is_stopped_and_reaped() -> None:
    with helper(lambda job: None) as aside:
        assert aside is not None
        pid = aside._pid
        assert pid is not None
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


@needs_fork
def test_a_helper_that_died_reports_failure() -> None:
    with helper(lambda job: os._exit(3)) as aside:
        assert aside is not None
        aside.give(b"x")
        assert not aside.succeeded()


def test_without_fork_there_is_no_helper(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "can_fork", lambda jobs=None: False)
    with helper(lambda job: None) as aside:
        assert aside is None


@needs_fork
def test_when_no_process_can_be_forked_there_is_no_helper(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse() -> int:
        raise BlockingIOError("Resource temporarily unavailable")

    monkeypatch.setattr(parallel.os, "fork", refuse)
    with helper(lambda job: None) as aside:
        assert aside is None
