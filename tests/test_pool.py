"""Domain files checked in a pool of processes give the report of the one-process check, finding
for finding, on a generated catalogue with problems planted in many files and on every case folder."""

from __future__ import annotations

import multiprocessing
import os
import re
import stat
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import CASES, ROOT, build_case
from zwgk_cli.check import pipeline, pool
from zwgk_cli.check.pipeline import CheckResult, check_catalogue
from zwgk_cli.cli.app import app
from zwgk_cli.cli.options import jobs_from_environment
from zwgk_cli.sources.loading import load_file

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import generate

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="the pool forks its workers on Linux only")

CASE_FOLDERS = sorted(p for kind in ("invalid", "valid") for p in (CASES / kind).iterdir() if p.is_dir())


def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _ids(path: Path) -> list[str]:
    return re.findall(r"(?m)^  - id: (\S+)$", path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated catalogue (26 files) with problems for every kind of rule, in many files."""
    folder = generate(tmp_path_factory.mktemp("pool") / "catalogue", 1500)
    assert check_catalogue(folder).diagnostics == []  # the generator writes a clean catalogue
    files = sorted(p for p in folder.glob("*.yaml") if p.name != "zwgk.yaml")
    # warnings in four files (an item without 公开内容, halfway down each)
    for path in files[-4:]:
        text = path.read_text(encoding="utf-8")
        at = text.index("    content: [", len(text) // 2)
        path.write_text(text[:at] + "    content: []" + text[text.index("\n", at) :], encoding="utf-8")
    first = check_catalogue(folder)
    found = Counter(d.file.name for d in first.diagnostics if d.file is not None)
    clean = [p for p in files if p.name not in found]
    flagged = [p for p in files if p.name in found]
    assert len(clean) >= 5
    assert len(flagged) == 4
    # a cross-file rule only, in files with nothing else: placed by reading them again here
    ids = _ids(clean[0])
    _edit(clean[0], f"  - id: {ids[5]}\n", f"  - id: {ids[2]}\n")  # the same id twice in one file
    line = f"  - id: {_ids(clean[1])[3]}\n"
    _edit(clean[1], line, f"{line}    waivers: [{{code: time-limit-long, reason: 用不上}}]\n")
    # a per-file rule, a file that cannot be parsed, a header that does not validate
    text = clean[2].read_text(encoding="utf-8")
    at = text.index("    channels: [", len(text) // 2)
    clean[2].write_text(text[:at] + "    channels: [微信群, " + text[at + 15 :], encoding="utf-8")
    _edit(clean[3], "items:\n", "items: [\n")
    _edit(clean[4], "\nlead: ", "\nleader: ")
    # a waived warning, a full-width look-alike, ids used in two files
    warned = next(d for d in first.diagnostics if d.file == flagged[0] and d.severity == "warning")
    line = f"  - id: {warned.item_id}\n"
    _edit(flagged[0], line, f"{line}    waivers: [{{code: {warned.code}, reason: 已经说明}}]\n")
    _edit(flagged[1], "    mode: [", "    mode：[")
    _edit(flagged[2], f"  - id: {_ids(flagged[2])[1]}\n", f"  - id: {_ids(flagged[3])[1]}\n")
    return folder


def _same(a: CheckResult, b: CheckResult) -> None:
    assert a.summary == b.summary
    assert a.diagnostics == b.diagnostics  # every field: position, message, hint, excerpt, waiver


def test_pool_gives_the_one_process_report(planted: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    serial = check_catalogue(planted, jobs=1, models=False)
    codes = {d.code for d in serial.diagnostics}
    assert {"id-duplicate", "waiver-unused", "channel-unknown", "yaml-syntax", "field-missing"} <= codes
    assert any(d.waived for d in serial.diagnostics)
    assert "yaml-fullwidth-colon" in codes
    placed_here: list[Path] = []
    check_file = pipeline.check_file

    def spy(load, sf, upstream):  # type: ignore[no-untyped-def]
        placed_here.append(load.document.path)
        return check_file(load, sf, upstream)

    monkeypatch.setattr(pipeline, "check_file", spy)
    pooled = check_catalogue(planted, jobs=2, models=False)
    _same(pooled, serial)
    assert pooled.catalogue is None
    assert serial.summary.files == 27
    # the files whose only findings come from the cross-file rules were read again in this process
    assert {p.name for p in placed_here} >= {
        d.file.name for d in serial.diagnostics if d.code == "waiver-unused"
    }
    monkeypatch.undo()
    _same(check_catalogue(planted), serial)  # with the models, as build checks
    _same(check_catalogue(planted, fast=False), serial)  # every file read carefully whole


def test_validate_prints_the_same_with_the_pool(planted: Path) -> None:
    runner = CliRunner()
    for output in ("text", "json"):
        args = ["validate", str(planted), "--format", output]
        outs = [
            runner.invoke(app, args, env={"NO_COLOR": "1", "COLUMNS": "120", "ZWGK_JOBS": jobs})
            for jobs in ("1", "2")
        ]
        assert outs[0].exit_code == outs[1].exit_code == 1
        assert outs[0].stdout == outs[1].stdout


def test_pool_is_used_where_it_pays(planted: Path) -> None:
    paths = sorted(planted.glob("*.yaml"))
    assert pool.pool_size(1, paths) == 1
    assert pool.pool_size(2, paths) == 2
    assert pool.pool_size(8, paths[:3]) == 3
    assert pool.pool_size(None, paths[:1]) == 1
    assert pool.pool_size(None, sorted((CASES / "base").glob("*.yaml"))) == 1  # small: one process


@pytest.mark.parametrize("case", CASE_FOLDERS, ids=[f"{p.parent.name}-{p.name}" for p in CASE_FOLDERS])
def test_every_case_is_the_same_in_the_pool(case: Path, tmp_path: Path) -> None:
    folder = build_case(case, tmp_path)
    expected = check_catalogue(folder)
    _same(check_catalogue(folder, jobs=2, models=False), expected)
    _same(check_catalogue(folder, jobs=1, models=False), expected)


def _dying(index: int) -> object:
    os._exit(3)  # a worker killed (out of memory, a signal)


def test_a_worker_lost_leaves_the_check_to_this_process(
    planted: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    serial = check_catalogue(planted, jobs=1, models=False)
    monkeypatch.setattr(pool, "_work", _dying)
    returned: list[object] = []
    check_in_pool = pipeline.check_in_pool
    monkeypatch.setattr(pipeline, "check_in_pool", lambda *a: returned.append(check_in_pool(*a)))
    _same(check_catalogue(planted, jobs=2, models=False), serial)
    assert returned == [None]


@pytest.mark.parametrize(("value", "jobs"), [("", None), ("1", 1), (" 3 ", 3), ("0", None), ("two", None)])
def test_zwgk_jobs(value: str, jobs: int | None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZWGK_JOBS", value)
    assert jobs_from_environment() == jobs


def test_this_process_takes_a_share_of_the_files_biggest_first(
    planted: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    serial = check_catalogue(planted, jobs=1, models=False)
    here: list[Path] = []
    real = pool.check_located

    def spy(path, sf, upstream=None):  # type: ignore[no-untyped-def]
        here.append(path)  # in a forked worker, appended to the worker's copy only
        return real(path, sf, upstream)

    monkeypatch.setattr(pool, "check_located", spy)
    _same(check_catalogue(planted, jobs=2, models=False), serial)
    files = sorted(
        (p for p in planted.glob("*.yaml") if p.name != "zwgk.yaml"), key=lambda p: p.stat().st_size
    )
    assert 0 < len(here) < len(files)  # a share in this process, without pickling, the rest in the worker
    sizes = [p.stat().st_size for p in here]
    assert sizes == sorted(sizes, reverse=True)  # each time the biggest file still waiting


def test_the_results_folder_is_private_and_removed(
    planted: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    seen: list[tuple[Path, int]] = []
    collect = pool._collect

    def spy(where: Path) -> object:
        seen.append((where.parent, stat.S_IMODE(where.parent.stat().st_mode)))
        return collect(where)

    monkeypatch.setattr(pool, "_collect", spy)
    _same(check_catalogue(planted, jobs=2, models=False), check_catalogue(planted, jobs=1, models=False))
    assert seen
    assert {mode for _, mode in seen} == {0o700}  # only this user may put a result there
    assert list(tmp_path.iterdir()) == []  # removed with whatever it held


def test_no_folder_for_the_results_leaves_the_check_to_this_process(
    planted: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*args: object, **kwargs: object) -> str:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(tempfile, "mkdtemp", full)
    read: list[bool] = []
    paths = sorted(p for p in planted.glob("*.yaml") if p.name != "zwgk.yaml")
    sf = pipeline._check_settings_file(pipeline.load_file(planted / "zwgk.yaml", located=True), None)[0]
    assert pool.check_in_pool(paths, sf, 2, meanwhile=lambda: read.append(True)) is None
    assert read == [True]  # what it had to do meanwhile was still done
    _same(check_catalogue(planted, jobs=2, models=False), check_catalogue(planted, jobs=1, models=False))


_HELD = threading.Lock()  # held by this process's main thread while the cache is read (`meanwhile`)


def test_workers_are_forked_before_this_process_does_anything_else(
    planted: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A fork copies every lock as it is. The workers were forked by the thread handing out files
    # while this thread read the cache, and a worker once inherited a lock this thread held then
    # (pydantic's, around setting up a model on first use) and waited for it forever. Here the lock
    # is one of the test's.
    real = pool.check_located

    def needs_the_lock(path, sf, upstream=None):  # type: ignore[no-untyped-def]
        if not _HELD.acquire(timeout=10):  # copied while held: it is never released in the worker
            raise RuntimeError("forked while a lock was held")
        _HELD.release()
        return real(path, sf, upstream)

    workers_then: list[int] = []

    def meanwhile() -> None:
        workers_then.append(len(multiprocessing.active_children()))
        with _HELD:
            time.sleep(0.5)

    monkeypatch.setattr(pool, "check_located", needs_the_lock)
    sf = pipeline._check_settings_file(load_file(planted / "zwgk.yaml", located=True), None)[0]
    paths = sorted(p for p in planted.glob("*.yaml") if p.name != "zwgk.yaml")
    outcomes = pool.check_in_pool(paths, sf, 2, meanwhile=meanwhile)
    assert outcomes is not None
    assert [o.path for o in outcomes] == paths
    assert workers_then == [1]  # the worker was there before this process read anything
