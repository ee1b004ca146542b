"""`zwgk diff` reads the old side in a forked process (history/aside.py): what comes back is what
this process would have read, file by file, whatever the files hold; a child that fails leaves
the reading here; the comparison prints the same in every format, for folders and git revisions."""

from __future__ import annotations

import functools
import os
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import ROOT
from zwgk_cli.cli.app import app
from zwgk_cli.history import aside
from zwgk_cli.history.aside import Aside
from zwgk_cli.history.compare import compare
from zwgk_cli.sources.loading import LoadResult, iter_yaml_files, load_file

runner = CliRunner()
needs_fork = pytest.mark.skipif(
    sys.platform != "linux", reason="the old side is read in a forked process on Linux only"
)


def _as_read(load: LoadResult) -> tuple[Any, ...]:
    doc = load.document
    document = None if doc is None else (doc.path, doc.text, doc.data, doc.positions, doc.values, doc.keys)
    return document, load.diagnostics, load.fingerprint, load.walked


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    """The shipped catalogue's files, and files the child cannot send back as read: a finding, the
    careful reader's (an anchor), an empty file, a link, a number yaml-rs and the careful reader
    read differently (`1_000`)."""
    folder = Path(shutil.copytree(ROOT / "catalogues", tmp_path / "catalogues"))
    text = (folder / "shjz.yaml").read_text(encoding="utf-8")
    (folder / "a-lookalike.yaml").write_text(text.replace("mode: [", "mode：[", 1), encoding="utf-8")
    (folder / "b-anchor.yaml").write_text(text.replace("audience: [", "audience: &a [", 1), encoding="utf-8")
    (folder / "c-empty.yaml").write_text("", encoding="utf-8")
    (folder / "d-number.yaml").write_text(text.replace("order: 5", "order: 1_000", 1), encoding="utf-8")
    (folder / "e-link.yaml").symlink_to(folder / "shjz.yaml")
    return folder


def _jobs(folder: Path, *, validated: bool = False) -> list[aside.Job]:
    read = functools.partial(load_file, fast=True, validated=validated)
    return [(p, functools.partial(read, p), 0) for p in iter_yaml_files(folder)]


@needs_fork
@pytest.mark.parametrize("validated", [False, True], ids=["walked", "validated-later"])
def test_what_comes_back_is_what_this_process_reads(mixed: Path, validated: bool) -> None:
    jobs = _jobs(mixed, validated=validated)
    here = [job() for _, job, _ in jobs]
    sent = Aside(jobs, force=True)
    assert sent._process is not None  # a child did the reading
    got = sent.results()
    assert [_as_read(load) for load in got] == [_as_read(load) for load in here]
    clean = [i for i, load in enumerate(here) if load.fingerprint is not None]
    assert 20 < len(clean) < len(here)
    assert sorted(sent._found) == clean  # the child sent back every clean read, and only those
    # read for a caller that validates the data, a clean file's data was not walked
    assert {got[i].walked for i in clean} == {not validated}


@needs_fork
def test_the_pipe_holds_a_megabyte(monkeypatch: pytest.MonkeyPatch) -> None:
    import fcntl
    import multiprocessing

    receiving, sending = multiprocessing.get_context("fork").Pipe(duplex=False)
    with receiving, sending:
        usual = fcntl.fcntl(sending.fileno(), fcntl.F_GETPIPE_SZ)
        aside._widen(sending)
        assert usual < fcntl.fcntl(sending.fileno(), fcntl.F_GETPIPE_SZ) == 1024 * 1024

        def refused(*_args: object) -> int:
            raise PermissionError("above the machine's limit")

        monkeypatch.setattr(fcntl, "fcntl", refused)
        aside._widen(sending)  # the usual buffer, and no error


@needs_fork
def test_a_child_that_dies_leaves_the_reading_here(mixed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(aside, "_serve", lambda jobs, connection: os._exit(3))
    jobs = _jobs(mixed)
    got = Aside(jobs, force=True).results()
    assert [_as_read(load) for load in got] == [_as_read(job()) for _, job, _ in jobs]


def test_a_small_side_is_read_here(mixed: Path) -> None:
    assert Aside(_jobs(mixed))._process is None  # the shipped catalogue is well below the threshold


def test_not_with_one_job() -> None:
    assert not aside.aside_allowed(1)


def _asides(monkeypatch: pytest.MonkeyPatch, *, force: bool = False) -> list[Aside]:
    """Every `Aside` made from now on (`force`: each forks, however small its side)."""
    made: list[Aside] = []
    real = aside.Aside.__init__

    def spy(self: Aside, jobs: list[aside.Job], *, force: bool = force) -> None:
        real(self, jobs, force=force)
        made.append(self)

    monkeypatch.setattr(aside.Aside, "__init__", spy)
    return made


def _outputs(args: list[str], env: dict[str, str]) -> list[tuple[int, str, str]]:
    found = []
    for fmt in ("text", "json", "markdown", "html"):
        result = runner.invoke(app, [*args, "--format", fmt], env={"NO_COLOR": "1", "COLUMNS": "120", **env})
        found.append((result.exit_code, result.stdout, result.stderr))
    return found


@needs_fork
def test_folders_compare_the_same_read_aside(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(aside.os, "sched_getaffinity", lambda _pid: {0, 1})  # as on two cores
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(ROOT / "catalogues", old)
    shutil.copytree(ROOT / "catalogues", new)
    shjz = new / "shjz.yaml"
    shjz.write_text(
        shjz.read_text(encoding="utf-8").replace("  - id: shjz-003\n", "  - id: shjz-093\n"), "utf-8"
    )
    args = ["diff", str(old), str(new)]
    one = _outputs(args, {"ZWGK_JOBS": "1"})
    forked = _asides(monkeypatch, force=True)
    assert _outputs(args, {}) == one
    assert forked
    assert all(a._process is not None for a in forked)
    assert "shjz-093" in one[0][1]


@needs_fork
def test_a_git_revision_compares_the_same_read_aside(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(aside.os, "sched_getaffinity", lambda _pid: {0, 1})  # as on two cores
    monkeypatch.setattr(aside, "MIN_ASIDE_BYTES", 0)
    forked = _asides(monkeypatch)
    cwd = Path.cwd()
    try:
        os.chdir(repo)
        one = compare("v2020", "v2021", Path("catalogues"), repo, jobs=1).diff
        forked_diff = compare("v2020", "v2021", Path("catalogues"), repo).diff
    finally:
        os.chdir(cwd)
    assert [a._process is not None for a in forked] == [True]  # the old side only, with jobs unset
    assert one.has_changes
    assert forked_diff == one


@needs_fork
def test_a_file_nested_too_deep_is_an_error_on_either_side(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The domain files are read without the walk that bounds nesting (their validation finds it):
    # a file nested more deeply than Python recurses is still the reading error it is in
    # `validate`, on the side read here and on the side read aside, and the rest is compared.
    monkeypatch.setattr(aside.os, "sched_getaffinity", lambda _pid: {0, 1})  # as on two cores
    old, new = tmp_path / "old", tmp_path / "new"
    nested = "".join(" " * (2 * level) + f"k{level}:\n" for level in range(1_500)) + " " * 3_000 + "x"
    for folder in (old, new):
        shutil.copytree(ROOT / "catalogues", folder)
        text = (folder / "shjz.yaml").read_text(encoding="utf-8")
        item = "  - " + nested.replace("\n", "\n    ") + "\n"
        (folder / "shjz.yaml").write_text(text.replace("items:\n", "items:\n" + item, 1), encoding="utf-8")
    args = ["diff", str(old), str(new)]
    env = {"NO_COLOR": "1", "COLUMNS": "120"}
    one = runner.invoke(app, args, env={**env, "ZWGK_JOBS": "1"})
    forked = _asides(monkeypatch, force=True)
    both = runner.invoke(app, args, env=env)
    assert forked
    assert all(a._process is not None for a in forked)
    assert (both.exit_code, both.stdout, both.stderr) == (one.exit_code, one.stdout, one.stderr)
    assert one.exit_code == 0
    assert one.stderr.count("错误[yaml-too-deep]") == 2  # each side's error, named
    assert "旧版本" in one.stderr
    assert "新版本" in one.stderr


def test_the_new_side_is_checked_before_the_old_side_is_waited_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the forked process's data comes in while this process checks the new side
    from zwgk_cli.history import compare as comparing
    from zwgk_cli.history.revisions import Snapshot

    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(ROOT / "catalogues", old)
    shutil.copytree(ROOT / "catalogues", new)
    steps: list[str] = []
    check, finish = comparing.checked, Snapshot.finish_reading

    def checked(snapshot: Snapshot, progress: Any = None) -> Any:
        steps.append(f"check {snapshot.root.name}")
        return check(snapshot, progress)

    def finish_reading(snapshot: Snapshot) -> None:
        steps.append(f"wait for {snapshot.root.name}")
        finish(snapshot)

    monkeypatch.setattr(comparing, "checked", checked)
    monkeypatch.setattr(Snapshot, "finish_reading", finish_reading)
    compare(str(old), str(new), Path("catalogues"), tmp_path)
    assert steps == ["check new", "wait for old", "check old"]


@needs_fork
def test_a_side_comes_back_with_each_files_texts_shared(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the read jobs share a file's equal strings (history/sharing.py), and marshal keeps them one
    # object on the way back from the child
    from zwgk_cli.history import revisions

    folder = Path(shutil.copytree(ROOT / "catalogues", tmp_path / "catalogues"))
    forked = _asides(monkeypatch, force=True)
    for aside_wanted in (False, True):
        snapshot = revisions.folder_snapshot(folder, aside=aside_wanted)
        snapshot.finish_reading()
        shjz = next(
            load.document for load in snapshot.domains if load.document and load.document.path.stem == "shjz"
        )
        assert shjz is not None
        channels = [channel for item in shjz.data["items"] for channel in item.get("channels", [])]
        assert len(channels) > len(set(channels))  # the file repeats its channels
        by_text: dict[str, str] = {}
        assert all(by_text.setdefault(channel, channel) is channel for channel in channels)
    assert [a._process is not None for a in forked] == [True]  # the second side was read aside
