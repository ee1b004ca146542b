"""`zwgk build` when things go wrong around it: builds killed midway, two builds at once, the umask,
broken template folders, control characters in values, and --since on a revision with errors."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
import unicodedata
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic_core import to_json
from typer.testing import CliRunner

from catalogue_repo import commit, git
from conftest import ROOT, edited_copy
from zwgk_cli.build import staging
from zwgk_cli.build.builder import build
from zwgk_cli.check.pipeline import check_catalogue
from zwgk_cli.cli.app import app
from zwgk_cli.core.diagnostics import ZwgkError
from zwgk_cli.history.changes import Side, diff_sides
from zwgk_cli.render import visible
from zwgk_cli.render.change_report import render_json, render_markdown
from zwgk_cli.render.html.site import render_changes_page

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
    result = build(FIXTURE, out)
    assert beside(out) == ["dist"]  # … the next build removes, and says so
    assert [path.name for path in result.recovery.removed] == left
    assert result.recovery.restored is None
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
    assert "dist 不存在：已先把原来的输出从 .dist.zwgk-old-" in result.output.replace("\n", "")
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
        # refused before the catalogue is even read: its errors are not reported
        broken = edited_copy(
            FIXTURE, tmp_path / "broken", {"shjz.yaml": [("mode: [依申请]", "mode: [依申请公开]")]}
        )
        result = runner.invoke(app, ["build", str(broken), "-o", str(out)])
        assert result.exit_code == 2
        assert "field-value" not in result.output
    assert tree(out) == before
    assert beside(out) == ["broken", "dist"]  # the lock file goes with the build that held it
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


@pytest.mark.parametrize("mask", [0o022, 0o027], ids=["umask-022", "umask-027"])
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
    code, out_text, err = build_in(history, "-o", str(out), "--since-accept-errors")
    assert code == 2
    assert "只与 --since 一起使用" in out_text + err


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


# control, format and invisible characters

RAW = ("\x1b", "\u202e", "\u200b", "\x07", "\x85", "\x7f")
# as YAML double-quoted escapes: a terminal colour, a right-to-left override, a zero-width space,
# a bell, a C1 control (NEL) and DEL
PLANTED = '"办事\\e[31m指南\\u202e甲\\u200b乙\\a丙\\x85丁\\x7f"'
SHOWN = "办事[U+001B][31m指南[U+202E]甲[U+200B]乙[U+0007]丙[U+0085]丁[U+007F]"


def texts_of(out: Path) -> dict[str, str]:
    """Every output file as the text a reader gets: JSON decoded, XLSX's and DOCX's XML parts joined."""
    found: dict[str, str] = {}
    for path in sorted(out.rglob("*")):
        if not path.is_file():
            continue
        name = path.relative_to(out).as_posix()
        if name.endswith((".xlsx", ".docx")):
            with zipfile.ZipFile(path) as archive:
                found[name] = "".join(archive.read(part).decode("utf-8") for part in archive.namelist())
        elif name.endswith(".json"):
            found[name] = json.dumps(json.loads(path.read_bytes()), ensure_ascii=False)
        elif name.endswith(".js"):  # JSON data inside a script: its \\u escapes decoded
            script = path.read_text(encoding="utf-8")
            found[name] = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), script)
        else:
            found[name] = path.read_text(encoding="utf-8-sig")
    return found


def test_control_characters_reach_no_output_raw(tmp_path: Path) -> None:
    folder = edited_copy(
        FIXTURE, tmp_path / "planted", {"shjz.yaml": [("name: 办事指南\n", f"name: {PLANTED}\n")]}
    )
    out = tmp_path / "dist"
    result = runner.invoke(app, ["build", str(folder), "-o", str(out), "--all-units"])
    assert result.exit_code == 0, result.output
    texts = texts_of(out)
    for name, text in texts.items():
        assert not [ch for ch in RAW if ch in text], name
        assert "_x001B_" not in text, name  # an XLSX escape Excel would turn back into ESC
    holding = sorted(name for name, text in texts.items() if SHOWN in text)
    for name in (
        "shjz.html",
        "assets/search-index.js",
        "catalogue.csv",
        "catalogue.json",
        "catalogue.xlsx",
        "catalogue.docx",
        "fragments/shjz.html",
    ):
        assert name in holding
    assert any(name.startswith("units/") for name in holding)
    assert not [
        name
        for name, text in texts.items()
        if "办事" in text and "指南" in text and SHOWN not in text and "办事指南" not in text
    ]


def test_the_change_page_and_markdown_show_control_characters(tmp_path: Path) -> None:
    checked = check_catalogue(FIXTURE)
    assert checked.catalogue is not None
    item = {"id": "x-1", "category": "甲", "name": "乙"}
    old = Side("旧", {}, {"x": {"domain": "X", "items": [item]}})
    new = Side("新", {}, {"x": {"domain": "X", "items": [{**item, "name": "乙\u202e丙\x1b[0m"}]}})
    diff = diff_sides(old, new)
    page = render_changes_page(diff, checked.catalogue.settings).decode("utf-8")
    markdown = render_markdown(diff)
    data = render_json(diff)
    for text in (page, markdown, json.dumps(json.loads(data), ensure_ascii=False)):
        assert "\u202e" not in text
        assert "\x1b" not in text
        assert "U+202E" in text
    assert "乙[U+202E]丙[U+001B][0m" in page


def test_the_invisible_characters_are_unicodes_controls_and_format_characters() -> None:
    expected = {
        chr(c)
        for c in range(0x110000)
        if unicodedata.category(chr(c)) in ("Cc", "Cf", "Zl", "Zp") and chr(c) not in "\t\n"
    }
    matched = {chr(c) for c in range(0x110000) if visible.INVISIBLE.fullmatch(chr(c))}
    assert matched == expected
    assert set(visible.invisible_characters()) == expected  # the set written out, as the JSON check uses it
    text = "政务公开\t目录\n第一行　全角空格"
    assert visible.visible(text) is text


def test_json_is_looked_at_in_bytes_as_in_text_for_every_character() -> None:
    # `plain_json_bytes` searches the UTF-8 bytes for the forms the invisible characters take;
    # each character of Unicode, between Chinese words, as pydantic writes JSON (UTF-8 is
    # self-synchronising: what comes before or after a character cannot change its bytes)
    for code in range(0x110000):
        if not 0xD800 <= code < 0xE000:
            written = to_json(f"政务{chr(code)}公开")
            assert visible.plain_json_bytes(written) == visible.plain_json(written.decode()), hex(code)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.text(
            alphabet=st.sampled_from(
                '政务公开“”，：（）、 a1\\"\n\t\r\x1b\x7f\x85\xad\u200b\u202e\ufeff\U000e0041'
            )
        ),
        max_size=6,
    )
)
def test_json_is_looked_at_in_bytes_as_in_text(texts: list[str]) -> None:
    written = to_json({"items": texts, "name": "".join(texts)}, indent=2)
    assert visible.plain_json_bytes(written) == visible.plain_json(written.decode())


# a templates folder (--templates) with mistakes in it


def build_with(templates: Path, tmp_path: Path) -> tuple[int, str]:
    result = runner.invoke(
        app, ["build", str(FIXTURE), "-o", str(tmp_path / "dist"), "--templates", str(templates)]
    )
    return result.exit_code, result.output


def templates_folder(tmp_path: Path, files: dict[str, bytes]) -> Path:
    folder = tmp_path / "templates"
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return folder


def test_assets_named_with_spaces_and_chinese_are_copied(tmp_path: Path) -> None:
    folder = templates_folder(
        tmp_path,
        {"assets/区徽 标志.png": b"png", "assets/.DS_Store": b"finder", "assets/img/my logo.svg": b"svg"},
    )
    code, output = build_with(folder, tmp_path)
    assert code == 0, output
    out = tmp_path / "dist"
    assert (out / "assets" / "区徽 标志.png").read_bytes() == b"png"
    assert (out / "assets" / "img" / "my logo.svg").read_bytes() == b"svg"
    assert not (out / "assets" / ".DS_Store").exists()  # dot names are not part of the templates


@pytest.mark.parametrize(
    ("files", "said"),
    [
        ({"index.html.j2": b'{% include "index.html.j2" %}'}, "循环引用自身：index.html.j2 → index.html.j2"),
        ({"base.html.j2": b'{% extends "base.html.j2" %}'}, "循环引用自身：base.html.j2 → base.html.j2"),
        (
            {"index.html.j2": b'{% include "part.j2" %}', "part.j2": b'{% import "index.html.j2" as x %}'},
            "part.j2 循环引用自身：index.html.j2 → part.j2 → index.html.j2",
        ),
        ({"index.html.j2": "标题\n\n正文".encode("gbk")}, "index.html.j2 第 1 行不是 UTF-8 编码"),
        ({"index.html.j2": b'{% include "/etc/passwd" %}'}, "引用了 /etc/passwd，它在模板文件夹"),
        ({"index.html.j2": b'{% include "../secret.j2" %}'}, "引用了 ../secret.j2，它在模板文件夹"),
        ({"index.html.j2": b'{% include "nowhere.j2" %}'}, "引用的模板 nowhere.j2 在模板文件夹"),
        ({"index.html.j2": b"{% if %}"}, "index.html.j2 第 1 行有语法错误"),
        ({"assets/a:b.png": b"x"}, "的名称不能作为网站文件名"),
        (
            {"index.html.j2": b'{% set name = "index.html.j2" %}{% include name %}'},
            "渲染模板 index.html.j2 时模板无限循环引用",
        ),
        (
            {"index.html.j2": b'{% set name = "../secret.j2" %}{% include name %}'},
            "渲染模板 index.html.j2 时找不到它引用的模板 ../secret.j2",
        ),
    ],
    ids=[
        "includes-itself",
        "extends-itself",
        "include-loop",
        "gbk",
        "absolute-include",
        "parent-include",
        "missing-include",
        "syntax",
        "asset-name",
        "computed-self-include",
        "computed-parent-include",
    ],
)
def test_a_broken_templates_folder_is_named_in_chinese(
    tmp_path: Path, files: dict[str, bytes], said: str
) -> None:
    (tmp_path / "secret.j2").write_text("机密", encoding="utf-8")
    out = tmp_path / "dist"
    build(FIXTURE, out)
    before = tree(out)
    code, output = build_with(templates_folder(tmp_path, files), tmp_path)
    assert code == 2
    assert said in output.replace("\n", "")
    assert "Traceback" not in output
    assert "磁盘" not in output
    assert tree(out) == before
    assert beside(out) == ["dist", "secret.j2", "templates"]


def test_a_template_may_include_a_file_of_any_name_in_the_folder(tmp_path: Path) -> None:
    index = (ROOT / "templates" / "index.html.j2").read_text(encoding="utf-8")
    marked = index.replace("{% block main %}", '{% block main %}{% include "parts/note.html" %}', 1)
    assert marked != index
    folder = templates_folder(
        tmp_path, {"index.html.j2": marked.encode(), "parts/note.html": "<p>本站说明</p>".encode()}
    )
    code, output = build_with(folder, tmp_path)
    assert code == 0, output
    assert "<p>本站说明</p>" in (tmp_path / "dist" / "index.html").read_text(encoding="utf-8")


def test_links_in_a_templates_folder(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("机密", encoding="utf-8")
    folder = templates_folder(tmp_path, {"assets/real.css": b"p{}"})
    (folder / "assets" / "inside.css").symlink_to("real.css")
    code, output = build_with(folder, tmp_path)
    assert code == 0, output
    assert (tmp_path / "dist" / "assets" / "inside.css").read_bytes() == b"p{}"
    for name, target in (
        ("assets/leak.txt", secret),
        ("leak.html.j2", secret),
        ("assets/gone.css", tmp_path / "gone"),
    ):
        link = folder / name
        link.symlink_to(target)
        code, output = build_with(folder, tmp_path)
        assert code == 2
        flat = output.replace("\n", "")
        assert str(link) in flat
        assert ("不存在" if target.name == "gone" else "指向文件夹以外") in flat
        assert "机密" not in (tmp_path / "dist" / "assets" / "real.css").read_text(encoding="utf-8")
        link.unlink()
    (folder / "assets" / "up").symlink_to(tmp_path, target_is_directory=True)
    code, output = build_with(folder, tmp_path)
    assert code == 2
    assert "指向文件夹以外" in output.replace("\n", "")
