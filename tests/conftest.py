"""Shared test fixtures: golden files, case folders, and the CI rule that no test may skip."""

from __future__ import annotations

import difflib
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from zwgk_cli.build.builder import BuildResult
    from zwgk_cli.core.catalogue import Catalogue

ROOT = Path(__file__).resolve().parent.parent
CASES = Path(__file__).resolve().parent / "cases"

# The cache of per-file results of `validate` (see `check.cache`) is off for the whole suite, and
# for the commands its tests start: it would otherwise write `.zwgk-cache` beside every folder the
# tests validate (the repository's root, tests/cases), and a test's report could come from entries
# an earlier test left. tests/test_cache.py turns it on, in temporary folders, where it is tested.
os.environ["ZWGK_CACHE_DIR"] = ""

# Set by .ci/run: every skip (a missing browser or office suite) becomes a failure.
STRICT_SKIPS = os.environ.get("ZWGK_NO_SKIP") == "1"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite golden files and expected diagnostics instead of comparing with them",
    )


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    outcome = yield
    report = outcome.get_result()
    if STRICT_SKIPS and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.longrepr = f"skipped under ZWGK_NO_SKIP=1 (CI must run every test): {reason}"


Golden = Callable[[Path, str], None]


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Golden:
    """Compare `text` with the file at `path`, or rewrite it under --update-golden."""
    update = bool(request.config.getoption("--update-golden"))

    def check(path: Path, text: str) -> None:
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
            return
        assert path.exists(), f"golden file {path} is missing: run pytest --update-golden"
        expected = path.read_text(encoding="utf-8")
        if expected != text:
            diff = "\n".join(
                difflib.unified_diff(
                    expected.splitlines(), text.splitlines(), str(path), "actual", lineterm=""
                )
            )
            pytest.fail(f"output differs from {path.name}:\n{diff}", pytrace=False)

    return check


def build_case(case: Path, target: Path) -> Path:
    """Lay out the shared base catalogue with the case's files over it; returns the folder."""
    folder = target / "catalogue"
    shutil.copytree(CASES / "base", folder)
    removed = case / "_remove.txt"
    if removed.exists():
        for name in removed.read_text(encoding="utf-8").split():
            (folder / name).unlink()
    for path in case.iterdir():
        if path.name in ("expected.txt", "_remove.txt", "README.md"):
            continue
        if path.is_dir():
            shutil.copytree(path, folder / path.name)  # e.g. an upstream catalogue folder
        else:
            shutil.copyfile(path, folder / path.name)
    return folder


def edited_copy(source: Path, target: Path, edits: dict[str, list[tuple[str, str]]]) -> Path:
    """Copy the catalogue folder `source` to `target`, replacing text in its files.

    `edits` maps a file name to (old, new) pairs; each `old` must occur, so a fixture change that
    silently disarms a test fails loudly instead.
    """
    shutil.copytree(source, target)
    for name, pairs in edits.items():
        path = target / name
        text = path.read_text(encoding="utf-8")
        for old, new in pairs:
            assert old in text, f"{old!r} is not in {name}"
            text = text.replace(old, new, 1)
        path.write_text(text, encoding="utf-8")
    return target


@pytest.fixture(scope="session")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A catalogue repository with one commit per kind of change (see catalogue_repo.py)."""
    from catalogue_repo import make_repo

    path = tmp_path_factory.mktemp("repo")
    return make_repo(path)


def checked_catalogue(root: Path) -> Catalogue:
    """The catalogue in `root`, which must check without errors."""
    from zwgk_cli.check.pipeline import check_catalogue

    result = check_catalogue(root)
    assert result.catalogue is not None, [d.message.zh for d in result.diagnostics]
    return result.catalogue


@pytest.fixture(scope="session")
def gated_build(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The shipped catalogue built with 先审后发 at 定稿, with 龙溪街道's own catalogue."""
    from zwgk_cli.build.builder import build

    out = tmp_path_factory.mktemp("gated") / "dist"
    result = build(ROOT / "catalogues", out, units=["龙溪街道"], require_stage="定稿")
    assert result.built
    return result
