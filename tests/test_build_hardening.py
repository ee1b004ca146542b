"""`zwgk build` when things go wrong around it: builds killed midway, two builds at once, the umask,
broken template folders, control characters in values, and --since on a revision with errors."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from catalogue_repo import commit, git
from conftest import ROOT
from zwgk_cli.build import staging
from zwgk_cli.build.builder import build
from zwgk_cli.cli.app import app
from zwgk_cli.core.diagnostics import ZwgkError

FIXTURE = ROOT / "tests" / "fixtures" / "site"
runner = CliRunner()


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def killed_build(out: Path, setup: str) -> subprocess.CompletedProcess[str]:
    """Run a build of the fixture into `out` in a child process that `setup` (Python, run before the
    build) arranges to kill itself with SIGKILL at some point."""
    script = (
        textwrap.dedent(
            """
        import os, signal, sys
        from pathlib import Path
        from zwgk_cli.build import staging
        from zwgk_cli.build.builder import build
        def die():
            os.kill(os.getpid(), signal.SIGKILL)
        """
        )
        + textwrap.dedent(setup)
        + f"\nbuild(Path({str(FIXTURE)!r}), Path({str(out)!r}), jobs=1)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == -9, done.stderr
    return done


def beside(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir())


def test_a_build_killed_while_writing_leaves_the_old_site_and_its_staging_is_cleaned(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    build(FIXTURE, out)
    before = tree(out)
    killed_build(
        out,
        """
        real_open = staging.Staging.open
        opened = []
        def dying_open(self, name):
            opened.append(name)
            if len(opened) == 4:
                die()
            return real_open(self, name)
        staging.Staging.open = dying_open
        """,
    )
    assert tree(out) == before
    left = [name for name in beside(out) if name.startswith(".dist.zwgk-new-")]
    assert len(left) == 1, beside(out)  # what the kill left behind …
    build(FIXTURE, out)
    assert beside(out) == ["dist"]  # … the next build removes
    assert tree(out) == before


def test_a_build_killed_between_the_two_renames_is_recovered(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    build(FIXTURE, out)
    before = tree(out)
    killed_build(
        out,
        """
        staging.exchange = lambda first, second: False  # a system without renameat2
        real_rename = Path.rename
        def dying_rename(self, target):
            if self.name.startswith(".dist.zwgk-new-"):
                die()  # the old output is aside, the new one not yet in
            return real_rename(self, target)
        Path.rename = dying_rename
        """,
    )
    assert not out.exists()
    assert any(name.startswith(".dist.zwgk-old-") for name in beside(out))
    with staging.output_lock(out):
        staging.recover(out)
    assert beside(out) == ["dist"]
    assert tree(out) == before
    # and a build started in that state starts by the same recovery
    killed_build(out, "staging.exchange = lambda a, b: False\n" + _DIE_ON_SECOND_RENAME)
    assert not out.exists()
    result = runner.invoke(app, ["build", str(FIXTURE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert beside(out) == ["dist"]
    assert tree(out) == before


_DIE_ON_SECOND_RENAME = """
real_rename = Path.rename
def dying_rename(self, target):
    if self.name.startswith(".dist.zwgk-new-"):
        die()
    return real_rename(self, target)
Path.rename = dying_rename
"""


def test_the_swap_keeps_an_output_at_every_instant(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "dist"
    build(FIXTURE, out)
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    (first / "x").write_text("a", encoding="utf-8")
    if staging.exchange(first, second):  # Linux: one step, both names always there
        assert (second / "x").read_text(encoding="utf-8") == "a"
        assert list(first.iterdir()) == []
    seen: list[bool] = []
    real_rmtree = staging.shutil.rmtree

    def watching_rmtree(path: Path, ignore_errors: bool = False) -> None:
        seen.append((out / staging.MARKER).is_file())
        real_rmtree(path, ignore_errors=ignore_errors)

    monkeypatch.setattr(staging.shutil, "rmtree", watching_rmtree)
    build(FIXTURE, out)
    assert seen
    assert all(seen)
    assert beside(out) == ["a", "b", "dist"]


def test_a_second_build_is_refused_while_one_runs(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    build(FIXTURE, out)
    before = tree(out)
    with staging.output_lock(out.absolute()):
        result = runner.invoke(app, ["build", str(FIXTURE), "-o", str(out)])
        assert result.exit_code == 2
        assert "另一个 zwgk build" in result.output
        assert f"进程 {os.getpid()}" in result.output
        assert "没有改动任何文件" in result.output
        assert "原输出文件夹保持不变" not in result.output
        assert beside(out) == [".dist.zwgk-lock", "dist"]
    assert tree(out) == before
    assert beside(out) == ["dist"]  # the lock file goes with the build that held it
    assert runner.invoke(app, ["build", str(FIXTURE), "-o", str(out)]).exit_code == 0


def test_a_live_builds_staging_is_never_removed(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    with staging.staged(out) as live:
        live.write("index.html", b"half")
        with pytest.raises(ZwgkError, match="另一个 zwgk build"), staging.staged(out):
            pass
        assert live.read("index.html") == b"half"
    assert tree(out) == {staging.MARKER: staging.MARKER_TEXT.encode(), "index.html": b"half"}


def test_a_stale_lock_file_does_not_block(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    staging.lock_path(out).write_text("999999 2020-01-01 00:00:00 UTC\n", encoding="utf-8")
    build(FIXTURE, out)
    assert beside(out) == ["dist"]


@pytest.mark.parametrize("mask", [0o022, 0o027])
def test_the_output_follows_the_umask(tmp_path: Path, mask: int) -> None:
    out = tmp_path / "dist"
    old = os.umask(mask)
    try:
        result = runner.invoke(app, ["build", str(FIXTURE), "-o", str(out), "--all-units"])
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.output
    paths = [out, *out.rglob("*")]
    assert any(p.is_dir() and p != out for p in paths)
    modes = {p.relative_to(tmp_path).as_posix(): p.stat().st_mode & 0o777 for p in paths}
    want_dir, want_file = 0o777 & ~mask, 0o666 & ~mask
    wrong = {
        name: oct(mode)
        for name, mode in modes.items()
        if mode != (want_dir if (tmp_path / name).is_dir() else want_file)
    }
    assert wrong == {}


# --since on a revision with errors


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture catalogue in git: `clean`, then `tabbed` (one domain file with a Tab-indented
    line), then `settings-tabbed` (zwgk.yaml with one), then the working tree as at `clean`."""
    repo = tmp_path_factory.mktemp("history")
    git(repo, "init", "-q", "-b", "main")
    cat = repo / "catalogues"
    shutil.copytree(FIXTURE, cat)
    commit(repo, "2020年版", tag="clean")
    shjz = cat / "shjz.yaml"
    good = shjz.read_text(encoding="utf-8")
    shjz.write_text(good.replace("\n  - id: shjz-002", "\n\t- id: shjz-002", 1), encoding="utf-8")
    commit(repo, "Tab", tag="tabbed")
    shjz.write_text(good, encoding="utf-8")
    settings = cat / "zwgk.yaml"
    settings_text = settings.read_text(encoding="utf-8")
    settings.write_text(settings_text.replace("\nregion:", "\n\tregion:", 1), encoding="utf-8")
    commit(repo, "Tab", tag="settings-tabbed")
    settings.write_text(settings_text, encoding="utf-8")
    commit(repo, "改正")
    return repo


def build_in(repo: Path, *args: str) -> tuple[int, str, str]:
    old = Path.cwd()
    os.chdir(repo)
    try:
        result = runner.invoke(app, ["build", "catalogues", *args])
    finally:
        os.chdir(old)
    return result.exit_code, result.stdout, result.stderr


def test_since_a_revision_with_errors_is_refused(history: Path, tmp_path: Path) -> None:
    out = tmp_path / "dist"
    code, _, err = build_in(history, "-o", str(out), "--since", "tabbed")
    assert code == 1
    assert "--since 的旧版本 2020年版（标签 tabbed" in err
    assert "有 1 个错误，未生成网站" in err
    assert "tabbed:catalogues/shjz.yaml:19:1: 错误[yaml-tab]" in err, err
    assert "--since-accept-errors" in err
    assert not out.exists()
    assert build_in(history, "-o", str(out), "--since", "clean")[0] == 0


def test_since_a_revision_with_errors_when_accepted_says_so(history: Path, tmp_path: Path) -> None:
    out = tmp_path / "dist"
    code, _, _ = build_in(history, "-o", str(out), "--since", "tabbed", "--since-accept-errors")
    assert code == 0
    page = (out / "changes.html").read_text(encoding="utf-8")
    assert '<div class="changes-incomplete" role="alert">' in page
    assert "有 1 个错误，本说明只比较了其中能读取的部分，可能不准确。有错误的文件：shjz.yaml。" in page
    assert "完全未能读取、未参与比较的文件：shjz.yaml" in page
    assert "新增领域" in page  # what the warning is about
    code, _, err = build_in(history, "-o", str(out), "--since", "settings-tabbed")
    assert code == 1
    assert "settings-tabbed:catalogues/zwgk.yaml" in err
    code, _, _ = build_in(history, "-o", str(out), "--since", "settings-tabbed", "--since-accept-errors")
    assert code == 0
    page = (out / "changes.html").read_text(encoding="utf-8")
    assert "完全未能读取、未参与比较的文件：zwgk.yaml" in page
    code, _, _ = build_in(history, "-o", str(out), "--since", "clean")
    assert "changes-incomplete" not in (out / "changes.html").read_text(encoding="utf-8")
