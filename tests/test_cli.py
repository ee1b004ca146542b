"""The command line: wiring, formats and exit codes (the logic is tested through the core)."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

from conftest import CASES, ROOT, build_case
from zwgk_cli.check.pipeline import check_catalogue
from zwgk_cli.cli.app import app
from zwgk_cli.cli.commands import build as build_module
from zwgk_cli.cli.console import check_steps
from zwgk_cli.cli.report import diff as diff_report

ENV = {"NO_COLOR": "1", "COLUMNS": "200"}


def _run(*args: str, cwd: Path | None = None) -> tuple[int, str, str]:
    runner = CliRunner()
    if cwd is not None:
        old = Path.cwd()
        os.chdir(cwd)
        try:
            result = runner.invoke(app, list(args), env=ENV, catch_exceptions=False)
        finally:
            os.chdir(old)
    else:
        result = runner.invoke(app, list(args), env=ENV, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def clean(tmp_path: Path) -> Path:
    return build_case(CASES / "valid" / "plain", tmp_path)


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    return build_case(CASES / "invalid" / "field-values", tmp_path)


@pytest.fixture
def warned(tmp_path: Path) -> Path:
    return build_case(CASES / "invalid" / "time-limits", tmp_path)


def test_clean_catalogue_exits_0_with_summary(clean: Path) -> None:
    code, out, err = _run("validate", str(clean))
    assert code == 0
    assert out.strip() == "检查了 2 个领域、4 个事项（3 个文件）：0 个错误，0 个警告。"
    assert err == ""


def test_errors_exit_1_and_show_location_excerpt_and_hint(broken: Path) -> None:
    code, out, _ = _run("validate", str(broken))
    assert code == 1
    assert (
        "zdjsxm.yaml:18:12: 错误[field-value] 第 1 个事项（zdjsxm-001）的 公开方式 (mode) 第 1 项 不能是 “主动公开”"
        in out
    )
    assert "   18 |     mode: [主动公开]\n      |            ^" in out  # the caret under the value
    assert "提示：是否要写“主动”？" in out
    assert out.rstrip().endswith("3 个错误，0 个警告。")


def test_warnings_pass_unless_strict(warned: Path) -> None:
    code, out, _ = _run("validate", str(warned))
    assert code == 0
    assert "警告[time-limit-long]" in out
    code, _, _ = _run("validate", str(warned), "--strict")
    assert code == 1


def test_json_envelope(broken: Path) -> None:
    code, out, _ = _run("validate", str(broken), "--format", "json")
    assert code == 1
    envelope = json.loads(out)
    assert envelope["version"] == 1
    assert envelope["summary"] == {
        "files": 3,
        "domains": 2,
        "items": 3,
        "errors": 3,
        "warnings": 0,
        "waived": 0,
    }
    first = envelope["diagnostics"][0]
    assert set(first) >= {"file", "line", "column", "code", "severity", "message", "path", "item_id", "hint"}
    mode = next(d for d in envelope["diagnostics"] if d["path"] == "items[0].mode[0]")
    assert mode["line"] == 18
    assert mode["column"] == 12
    assert mode["item_id"] == "zdjsxm-001"
    assert mode["file"].endswith("zdjsxm.yaml")


def test_github_annotations(broken: Path, tmp_path: Path) -> None:
    code, out, _ = _run("validate", "catalogue", "--format", "github", cwd=tmp_path)
    assert code == 1
    lines = out.splitlines()
    assert len(lines) == 3
    assert lines[1].startswith("::error file=catalogue/zdjsxm.yaml,line=17,col=21,title=zwgk field-value::")
    assert "%0A提示：" in lines[1]  # the hint rides on an escaped newline


def test_english_messages(broken: Path) -> None:
    code, out, _ = _run("validate", str(broken), "--lang", "en")
    assert code == 1
    assert "error[field-value] item 1 (zdjsxm-001), mode (公开方式), entry 1 cannot be “主动公开”" in out
    assert "hint: did you mean '主动'?" in out
    assert "checked 2 domains, 3 items (3 files): 3 errors, 0 warnings." in out


def test_waived_findings_are_visible(tmp_path: Path) -> None:
    folder = build_case(CASES / "valid" / "bom-and-crlf", tmp_path)
    code, out, _ = _run("validate", str(folder), "--strict")
    assert code == 0
    assert "已豁免警告[time-limit-long]" in out
    assert "豁免理由：测试豁免会显示在报告中" in out
    assert "1 个已豁免" in out
    code, out, _ = _run("validate", str(folder), "--format", "json")
    waived = json.loads(out)["diagnostics"][0]
    assert waived["waived"] is True
    assert waived["waiver_reason"] == "测试豁免会显示在报告中"


def test_missing_folder_exits_2(tmp_path: Path) -> None:
    code, out, err = _run("validate", str(tmp_path / "nope"))
    assert code == 2
    assert out == ""
    assert "不存在" in err


def test_folder_without_settings_exits_2(tmp_path: Path) -> None:
    code, _, err = _run("validate", str(tmp_path))
    assert code == 2
    assert "没有 zwgk.yaml" in err


def test_default_folder_is_catalogues(tmp_path: Path) -> None:
    shutil.copytree(CASES / "base", tmp_path / "catalogues")
    code, out, _ = _run("validate", cwd=tmp_path)
    assert code == 0
    assert "检查了 2 个领域" in out


def test_bad_option_exits_2(clean: Path) -> None:
    code, _, _ = _run("validate", str(clean), "--format", "xml")
    assert code == 2


def test_help_is_chinese() -> None:
    code, out, _ = _run("validate", "--help")
    assert code == 0
    assert "一次报告所有问题" in out
    assert "--strict" in out


def test_every_invalid_case_runs_through_the_cli_without_traceback(tmp_path: Path) -> None:
    for case in sorted((CASES / "invalid").iterdir()):
        folder = build_case(case, tmp_path / case.name)
        for fmt in ("text", "json", "github"):
            code, out, _ = _run("validate", str(folder), "--format", fmt)
            assert code == 1 or "警告" in out or "warning" in out, case.name


def test_caret_counts_cjk_as_two_columns(tmp_path: Path) -> None:
    folder = build_case(CASES / "invalid" / "vocabulary-unknown", tmp_path)
    _, out, _ = _run("validate", str(folder))
    # "    channels: [" is 15 columns and 政府网站, takes 8 + 2: the caret stands under 政务网站.
    excerpt = "   16 |     channels: [政府网站, 政务网站, 微信公众号]\n"
    assert excerpt + "      | " + " " * 25 + "^\n" in out


def test_the_installed_command_exits_with_its_codes_and_flushes_its_output(tmp_path: Path) -> None:
    # the entry point ends the process itself (os._exit after flushing): codes and output survive
    clean = build_case(CASES / "valid" / "plain", tmp_path / "clean")
    broken = build_case(CASES / "invalid" / "field-values", tmp_path / "broken")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "zwgk_cli", *args]
        return subprocess.run(command, capture_output=True, text=True, encoding="utf-8", check=False)

    ok = run("validate", str(clean), "--format", "json")
    assert ok.returncode == 0
    assert json.loads(ok.stdout)["summary"]["errors"] == 0
    bad = run("validate", str(broken), "--format", "json")
    assert bad.returncode == 1
    assert json.loads(bad.stdout)["summary"]["errors"] > 0
    missing = run("validate", str(clean / "nowhere"))
    assert missing.returncode == 2
    assert "不存在" in missing.stderr
    assert run("--version").returncode == 0
    assert run("no-such-command").returncode == 2
    # a terminal whose encoding has no Chinese gets escapes, not a traceback
    ascii_only = subprocess.run(
        [sys.executable, "-m", "zwgk_cli", "validate", str(broken)],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
        check=False,
    )
    assert ascii_only.returncode == 1
    assert b"Traceback" not in ascii_only.stderr
    assert b"\\u9519\\u8bef[field-value]" in ascii_only.stdout  # 错误[field-value]


def test_the_plain_report_is_what_rich_prints_without_colour(broken: Path) -> None:
    # a pipe gets the report without rich; a terminal gets the same pieces through rich
    import io

    from zwgk_cli.check.pipeline import check_catalogue
    from zwgk_cli.cli.console import make_console
    from zwgk_cli.cli.report.terminal import print_diagnostics, report_lines

    result = check_catalogue(broken)
    assert result.diagnostics
    plain = "".join(
        "".join(piece for piece, _ in line) + "\n"
        for line in report_lines(result.diagnostics, result.summary, "zh", broken)
    )
    buffer = io.StringIO()
    print_diagnostics(make_console(file=buffer), result.diagnostics, result.summary, "zh", broken)
    assert buffer.getvalue() == plain


# ---- progress on a terminal ----


def test_a_check_reports_every_file_read_and_checked() -> None:
    steps: list[tuple[str, int, int]] = []
    result = check_catalogue(ROOT / "catalogues", progress=lambda *step: steps.append(step))
    files = result.summary.files - len(result.reviews)  # review records are read after, unannounced
    assert result.reviews
    assert [s for s in steps if s[0] == "read"] == [("read", n, files) for n in range(1, files + 1)]
    assert [s for s in steps if s[0] == "check"] == [("check", n, files - 1) for n in range(1, files)]


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> io.StringIO:
    """stdout and stderr consoles that think they are terminals, writing into one buffer."""
    from rich.console import Console

    from zwgk_cli.cli import console
    from zwgk_cli.cli.report import terminal as text_report

    screen = io.StringIO()

    def fake(*, stderr: bool = False, file: object = None) -> Console:
        return Console(file=screen, force_terminal=True, width=120)

    monkeypatch.setattr(console, "make_console", fake)
    for module in (build_module, diff_report):
        monkeypatch.setattr(module, "make_console", fake)
    monkeypatch.setattr(text_report, "plain_output", lambda stream: False)
    return screen


def test_progress_in_words() -> None:
    shown: list[str] = []
    check_steps(shown.append, "zh")("read", 3, 27)
    check_steps(shown.append, "zh")("check", 5, 26)
    check_steps(shown.append, "en")("check", 5, 26)
    assert shown == ["（读取第 3/27 个文件）", "（检查第 5/26 个文件）", " (checking file 5/26)"]


def test_validate_on_a_terminal_shows_how_far_it_has_come(terminal: io.StringIO, clean: Path) -> None:
    result = CliRunner().invoke(app, ["validate", str(clean)])
    assert result.exit_code == 0
    assert "正在检查目录…（检查第 2/2 个文件）" in terminal.getvalue()  # the spinner's last state
    CliRunner().invoke(app, ["validate", str(clean), "--lang", "en"])
    assert "checking the catalogue… (checking file 2/2)" in terminal.getvalue()


def test_build_on_a_terminal_shows_the_check_then_the_files(
    terminal: io.StringIO, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from zwgk_cli.cli import progress

    described: list[str] = []
    real = progress.PageProgress._describe
    monkeypatch.setattr(
        progress.PageProgress, "_describe", lambda self, d: (described.append(d), real(self, d))
    )
    result = CliRunner().invoke(app, ["build", str(ROOT / "catalogues"), "-o", str(tmp_path / "dist")])
    assert result.exit_code == 0
    assert described[0] == "（读取第 1/27 个文件）"
    assert "（检查第 26/26 个文件）" in described
    assert "检查目录" in terminal.getvalue()


def test_diff_on_a_terminal_names_the_side_it_checks(
    terminal: io.StringIO, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rich.status import Status

    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(ROOT / "catalogues", old)
    shutil.copytree(ROOT / "catalogues", new)
    # the spinner draws its text a few times a second, so which texts reach the screen depends on
    # the timing: every text is taken where it is given, the screen is asked only for the last one
    given: list[str] = []
    update = Status.update

    def spy(self: Status, status: str | None = None, **kwargs: object) -> None:
        given.append(str(status))
        update(self, status, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Status, "update", spy)
    result = CliRunner().invoke(app, ["diff", str(old), str(new)])
    assert result.exit_code == 0
    reading = "正在读取和比较两个版本…"
    last_new = given.index(f"{reading}新版本（检查第 26/26 个文件）")
    assert given.index(f"{reading}旧版本（检查第 26/26 个文件）") > last_new  # the new side is checked first
    assert f"{reading}旧版本（检查第 26/26 个文件）" in terminal.getvalue()  # drawn once more as it stops


def test_the_heavy_commands_keep_their_results_to_the_end_of_the_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `run` ends the process with os._exit, and validate, build and diff leave their results to it
    # instead of freeing them as they return; called in-process (tests), nothing is kept
    from zwgk_cli.build.builder import BuildResult
    from zwgk_cli.check.pipeline import CheckResult
    from zwgk_cli.cli import ending
    from zwgk_cli.history.compare import Comparison

    clean = build_case(CASES / "valid" / "plain", tmp_path / "clean")
    runner = CliRunner()
    assert runner.invoke(app, ["validate", str(clean)]).exit_code == 0
    assert ending.kept() == []
    monkeypatch.setattr(ending, "_kept", [])
    monkeypatch.setattr(ending, "_ending", True)
    assert runner.invoke(app, ["validate", str(clean)]).exit_code == 0
    assert runner.invoke(app, ["build", str(clean), "-o", str(tmp_path / "dist")]).exit_code == 0
    assert runner.invoke(app, ["diff", str(clean), str(clean)]).exit_code == 0
    assert [type(kept) for kept in ending.kept()] == [CheckResult, BuildResult, Comparison]


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["validate", "catalogues"], "validate"),
        (["--lang", "en", "build", "-o", "dist"], "build"),
        (["--lang=en", "import", "x.xlsx"], "import"),
        (["fmt", "--lang", "en", "validate"], "fmt"),  # the first name is the command
        (["--help", "validate"], None),  # the group's help lists every command
        (["--version"], None),
        ([], None),
        (["valdate"], None),  # a usage error that suggests the closest names
        (["--lang"], None),
        (["--bogus", "validate"], None),
    ],
)
def test_a_run_builds_the_command_it_names(args: list[str], named: str | None) -> None:
    from zwgk_cli.cli.app import COMMANDS, command_named, make_app

    assert command_named(args) == named
    built = make_app(named)
    assert sorted(typer.main.get_group(built).commands) == sorted(
        [named] if named is not None else [name for name, _ in COMMANDS]
    )


def test_a_run_of_one_command_imports_no_other() -> None:
    # what `run` builds for `zwgk validate`: the other commands' modules stay unread
    code = (
        "import sys; from zwgk_cli.cli.app import make_app; make_app('validate'); "
        "print(sorted(m for m in sys.modules if m.startswith('zwgk_cli.cli.commands.')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "['zwgk_cli.cli.commands.validate']"


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "--help"],
        ["--lang", "en", "validate", "--help"],
        ["validate", "--strict", "--format", "json"],
        ["validate", "--bogus"],
        ["diff", "--help"],
    ],
)
def test_one_command_answers_as_the_whole_application(args: list[str], clean: Path) -> None:
    from zwgk_cli.cli.app import command_named, make_app

    full = CliRunner().invoke(app, [*args, str(clean)], env=ENV)
    alone = CliRunner().invoke(make_app(command_named(args)), [*args, str(clean)], env=ENV)
    assert (alone.exit_code, alone.stdout, alone.stderr) == (full.exit_code, full.stdout, full.stderr)
