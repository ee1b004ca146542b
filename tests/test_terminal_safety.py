"""User text in every report is inert: one line, no terminal escapes, no CI commands, no @mentions,
and rich never reads markup from it."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import CASES, build_case
from zwgk_cli.cli.app import app
from zwgk_cli.cli.report.terminal import report_lines
from zwgk_cli.core.diagnostics import Diagnostic, Text, say
from zwgk_cli.core.inert_text import json_inert, markdown_text, one_line
from zwgk_cli.core.report_formats import render_github, render_plain
from zwgk_cli.core.text_width import terminal_width

ENV = {"NO_COLOR": "1", "COLUMNS": "200"}
# a YAML double-quoted value: a newline, a workflow command, a screen clear, a bell, a bidi override
HOSTILE_YAML = r'"x\n::warning file=a.yaml::owned\x1b[2J\a\u202e"'
HOSTILE_SHOWN = r"x\n::warning file=a.yaml::owned\x1b[2J\x07\u202e"
RAW_UNSAFE = ("\x1b", "\x07", "\u202e", "\r")


def _run(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    old = Path.cwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        result = CliRunner().invoke(app, list(args), env=env or ENV, catch_exceptions=False)
    finally:
        os.chdir(old)
    return result.exit_code, result.stdout, result.stderr


def _no_command_lines(output: str) -> None:
    """No line a GitHub runner would take for a workflow command, and nothing raw for a terminal."""
    for line in output.splitlines():
        assert not line.lstrip().startswith("::"), line
    for ch in RAW_UNSAFE:
        assert ch not in output


def _hostile(tmp_path: Path) -> Path:
    folder = build_case(CASES / "valid" / "plain", tmp_path)
    path = folder / "zdjsxm.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("audience: [全社会]", f"audience: [全社会, {HOSTILE_YAML}]", 1), "utf-8")
    return folder


# ---- the rule --------------------------------------------------------------------------------------


def test_one_line_shows_control_format_and_separator_characters_as_escapes() -> None:
    assert one_line("社会救助 plain text") == "社会救助 plain text"
    assert one_line("a\nb\r\tc") == r"a\nb\r\tc"
    assert one_line("\x1b[2J\x07\x00\x7f\x85") == r"\x1b[2J\x07\x00\x7f\x85"
    assert one_line("\u202eabc\u2066\u200b\u200d\ufeff") == r"\u202eabc\u2066\u200b\u200d\ufeff"
    assert one_line("a\u2028b\u2029c") == r"a\u2028b\u2029c"
    assert one_line("tag\U000e0041") == r"tag\U000e0041"
    assert one_line("bad\udcff") == r"bad\udcff"  # a file name read with surrogateescape
    # ideographic and no-break spaces are text, not controls
    assert one_line("区级\u3000镇街\u00a0") == "区级\u3000镇街\u00a0"


def test_one_line_never_starts_a_ci_log_command() -> None:
    # a GitHub runner trims the blanks a line starts with, then reads `::name …::`; `##[` anywhere
    assert one_line("::error::x") == r"\x3a:error::x"
    assert one_line("  \u3000::warning::x") == "  \u3000" + r"\x3a:warning::x"
    assert one_line("a ::error::x") == "a ::error::x"  # not at the start of a line
    assert one_line("x ##[error]y ##[") == r"x ##\x5berror]y ##\x5b"
    assert one_line(":a::b") == ":a::b"


def test_markdown_breaks_mentions_and_keeps_everything_visible() -> None:
    assert markdown_text("请 @org/team 和 @alice 复核") == "请 @<!-- -->org/team 和 @<!-- -->alice 复核"
    assert markdown_text("a@b 邮件 x@") == "a@<!-- -->b 邮件 x@"
    assert markdown_text("x\n::warning::y") == r"x\\n::warning::y"
    assert markdown_text("<b>*x*</b>|") == r"\<b\>\*x\*\</b\>\|"
    assert markdown_text("\x1b[2J") == r"\\x1b\[2J"


# ---- validate ------------------------------------------------------------------------------------


def test_validate_text_shows_a_hostile_value_on_one_line(tmp_path: Path) -> None:
    folder = _hostile(tmp_path)
    code, out, _ = _run("validate", str(folder))
    assert code == 1
    _no_command_lines(out)
    (finding,) = [line for line in out.splitlines() if "field-value" in line]
    assert f"不能是 “{HOSTILE_SHOWN}”" in finding


def test_validate_in_colour_sends_no_escape_from_the_file(tmp_path: Path) -> None:
    folder = _hostile(tmp_path)
    code, out, _ = _run("validate", str(folder), env={**ENV, "FORCE_COLOR": "1", "NO_COLOR": ""})
    assert code == 1
    for raw in ("\x1b[2J", "\x07", "\u202e"):
        assert raw not in out
    assert HOSTILE_SHOWN in out
    assert "\x1b[" in out  # rich's own colours are there


def test_validate_github_format_one_command_per_finding(tmp_path: Path) -> None:
    folder = _hostile(tmp_path)
    code, out, _ = _run("validate", str(folder), "--format", "github")
    assert code == 1
    lines = out.splitlines()
    assert all(line.startswith(("::error ", "::warning ")) for line in lines), lines
    (finding,) = [line for line in lines if "field-value" in line]
    assert HOSTILE_SHOWN.replace("%", "%25") in finding
    for ch in RAW_UNSAFE:
        assert ch not in out


def test_github_annotation_encodes_properties_and_data() -> None:
    d = Diagnostic(
        "field-value",
        Text("值 50% “a\nb”", "value 50% a\nb"),
        file=Path("a:b,c%.yaml"),
        line=3,
        hint=Text("改为\r“x”", "use x"),
    )
    assert render_github([d]) == (
        "::error file=a%3Ab%2Cc%25.yaml,line=3,title=zwgk field-value::值 50%25 “a\\nb”%0A提示：改为\\r“x”\n"
    )


def test_plain_and_file_names_that_would_start_a_command() -> None:
    d = Diagnostic("field-value", Text("x\ny", "x\ny"), file=Path("::error::x.yaml"), line=1)
    assert render_plain([d]) == r"./::error::x.yaml:1: 错误[field-value] x\ny" + "\n"


@pytest.mark.parametrize("head", ["\u202e\x1b", "::", "##[", "\t全"])
def test_caret_stays_under_its_column_after_escapes(head: str) -> None:
    excerpt = f"{head}, 特定人群]"
    column = excerpt.index("特") + 1
    d = Diagnostic("field-value", Text("x", "x"), file=Path("a.yaml"), line=5, column=column, excerpt=excerpt)
    _, shown, caret = ("".join(text for text, _ in line) for line in report_lines([d], None, "zh", None))
    assert terminal_width(shown[: shown.index("特")]) == caret.index("^")


def test_an_excerpt_is_shown_with_escapes() -> None:
    excerpt = "    audience: [\u202e\x1b, 特定人群]"
    column = excerpt.index("特") + 1
    d = Diagnostic("field-value", Text("x", "x"), file=Path("a.yaml"), line=5, column=column, excerpt=excerpt)
    _, shown, caret = ("".join(text for text, _ in line) for line in report_lines([d], None, "zh", None))
    assert shown == r"    5 |     audience: [\u202e\x1b, 特定人群]"
    assert terminal_width(shown[: shown.index("特")]) == caret.index("^")


# ---- diff ----------------------------------------------------------------------------------------


def _two_folders(tmp_path: Path) -> tuple[Path, Path]:
    old = build_case(CASES / "valid" / "plain", tmp_path / "old")
    new = build_case(CASES / "valid" / "plain", tmp_path / "new")
    path = new / "zdjsxm.yaml"
    text = path.read_text(encoding="utf-8")
    hostile = r'"请 @org/team 复核\n::warning file=a.yaml::owned\x1b[2J\u202e"'
    path.write_text(text.replace("name: 办事指南", f"name: {hostile}", 1), encoding="utf-8")
    return old, new


def test_diff_markdown_breaks_mentions_and_escapes(tmp_path: Path) -> None:
    old, new = _two_folders(tmp_path)
    code, out, _ = _run("diff", str(old), str(new), "--format", "markdown")
    assert code == 0
    _no_command_lines(out)
    assert "@org" not in out
    # the diff's outputs write control characters as the published pages do: [U+XXXX]
    assert r"请 @<!-- -->org/team 复核\\n::warning file=a.yaml::owned\[U+001B\]\[2J\[U+202E\]" in out


def test_diff_text_shows_values_on_one_line(tmp_path: Path) -> None:
    old, new = _two_folders(tmp_path)
    code, out, _ = _run("diff", str(old), str(new))
    assert code == 0
    _no_command_lines(out)
    assert r"请 @org/team 复核\n::warning file=a.yaml::owned\x1b[2J\u202e" in out


# ---- coverage ------------------------------------------------------------------------------------


def test_coverage_shows_upstream_titles_inert_and_without_markup(tmp_path: Path) -> None:
    folder = build_case(CASES / "valid" / "claims", tmp_path)
    local = folder / "shjz.yaml"
    text = local.read_text(encoding="utf-8")
    local.write_text(text.replace("  - id: shjz-002\n    claims: shjz-002\n", "  - id: shjz-002\n"), "utf-8")
    upstream = folder / "up" / "shjz.yaml"
    text = upstream.read_text(encoding="utf-8")
    upstream.write_text(
        text.replace("name: 档案查询", r'name: "[/x][red]档案\n::error::y\x1b[2J"', 1), "utf-8"
    )
    code, out, err = _run("coverage", str(folder))
    assert code == 0, err
    _no_command_lines(out)
    assert r"[/x][red]档案\n::error::y\x1b[2J" in out


# ---- rich markup in arguments --------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("validate", "[/x]"),
        ("coverage", "[/x]"),
        ("fmt", "[/x]"),
        ("schema", "[/x]"),
        ("import", "[/x].xlsx"),
        ("diff", "[/x]", "[red]y[/red]"),
    ],
)
def test_markup_in_arguments_is_printed_as_written(tmp_path: Path, args: tuple[str, ...]) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    code, out, err = _run(*args, cwd=tmp_path)
    assert code == 2, (out, err)
    assert "Traceback" not in err
    assert args[1] in err


def test_markup_in_a_folder_name_is_printed_as_written(tmp_path: Path) -> None:
    named = tmp_path / "[red]x[/red]"
    shutil.copytree(build_case(CASES / "valid" / "plain", tmp_path / "src"), named)
    (named / "zdjsxm.yaml").write_text("domain: [\n", encoding="utf-8")
    code, out, _ = _run("validate", "[red]x[/red]", cwd=tmp_path)
    assert code == 1
    assert re.search(r"^\[red\]x\[/red\]/zdjsxm\.yaml:\d+", out, re.MULTILINE), out
    code, out, _ = _run("fmt", "[red]x[/red]", cwd=tmp_path)
    assert code == 1
    assert "[red]x[/red]/zdjsxm.yaml:" in out


def test_build_names_an_output_folder_with_markup_as_written(tmp_path: Path) -> None:
    folder = build_case(CASES / "valid" / "plain", tmp_path)
    code, out, err = _run("build", str(folder), "--templates", "[red]t[/red]", cwd=tmp_path)
    assert code == 2
    assert err == "错误：模板文件夹 [red]t[/red] 不存在。\n"
    code, out, err = _run("build", str(folder), "-o", "[red]x[/red]", cwd=tmp_path)
    assert code == 0, err
    assert "已生成 [red]x[/red]/" in out


def test_init_and_schema_name_folders_with_markup_as_written(tmp_path: Path) -> None:
    code, out, err = _run("init", "[/x]", "--region", "重庆市渝北区", cwd=tmp_path)
    assert code == 0, err
    assert "cd [/x]" in out
    code, out, err = _run("schema", "[/x]/catalogues", "-o", "[b]s[/b]", cwd=tmp_path)
    assert code == 0, err
    assert "[b]s[/b]" in out


def test_json_reports_escape_unsafe_characters_and_keep_the_values() -> None:
    value = {"v": "a\u202eb\u200bc\x85d\u2028e\U000e0041f\x1b", "w": ["\n"]}
    text = json_inert(json.dumps(value, ensure_ascii=False, indent=2))
    assert all(ch == "\n" or ch.isprintable() for ch in text)
    assert "\\u202e" in text
    assert "\\udb40\\udc41" in text
    assert json.loads(text) == value


def test_a_huge_value_gives_a_short_report(tmp_path: Path) -> None:
    """A whole document pasted into one value (here 200,000 characters) gives a report of a few
    lines, not copies of the value."""
    folder = build_case(CASES / "valid" / "plain", tmp_path)
    path = folder / "zdjsxm.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("audience: [全社会]", f"audience: [{'长' * 200_000}]", 1), "utf-8")
    code, out, _ = _run("validate", str(folder))
    assert code == 1
    assert len(out) < 3_000
    lines = out.splitlines()
    at = next(i for i, line in enumerate(lines) if "field-value" in line)
    excerpt, caret = lines[at + 1].split("| ", 1)[1], lines[at + 2].split("| ", 1)[1]
    assert excerpt == "    audience: [" + "长" * 145 + "…"
    assert caret == " " * 15 + "^"


def test_a_message_quotes_a_huge_value_by_its_start_and_length() -> None:
    message = say("file-unreadable", reason="长" * 600)
    assert message.zh == "无法读取文件：" + "长" * 200 + "…（共 600 个字符）。"
    assert message.en == "cannot read the file: " + "长" * 200 + "… (600 characters)."
    assert say("file-unreadable", reason="长" * 500).zh == "无法读取文件：" + "长" * 500 + "。"


def test_a_long_line_is_windowed_around_the_caret(tmp_path: Path) -> None:
    folder = build_case(CASES / "valid" / "plain", tmp_path)
    path = folder / "zdjsxm.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("audience: [全社会]", "audience: [" + "全社会, " * 100 + "未知对象]", 1), "utf-8"
    )
    code, out, _ = _run("validate", str(folder))
    assert code == 1
    lines = out.splitlines()
    at = next(i for i, line in enumerate(lines) if "field-value" in line)
    excerpt, caret = lines[at + 1].split("| ", 1)[1], lines[at + 2].split("| ", 1)[1]
    assert excerpt.startswith("…")
    assert excerpt.endswith("…") is False
    assert len(excerpt) <= 162
    # a CJK character is two columns wide: find the character under the caret by width
    width = 0
    for ch in excerpt:
        if width >= len(caret) - 1:
            assert ch == "未"
            break
        width += 2 if ord(ch) > 0x2E80 else 1
    else:
        raise AssertionError("the caret is past the excerpt")


@pytest.mark.parametrize("value", ["²", "9" * 5000, "abc", "-5", "1e9", "253402300800"])
def test_a_malformed_source_date_epoch_is_refused(tmp_path: Path, value: str) -> None:
    folder = build_case(CASES / "valid" / "plain", tmp_path)
    code, _, err = _run(
        "build", str(folder), "-o", str(tmp_path / "dist"), env={**ENV, "SOURCE_DATE_EPOCH": value}
    )
    assert code == 2
    assert "SOURCE_DATE_EPOCH" in err
    assert "Traceback" not in err
    assert not (tmp_path / "dist").exists()


@pytest.mark.parametrize("value", ["²", "9" * 5000, "0", "abc"])
def test_a_malformed_columns_is_ignored(tmp_path: Path, value: str) -> None:
    folder = build_case(CASES / "valid" / "plain", tmp_path)
    code, out, _ = _run("validate", str(folder), env={**ENV, "COLUMNS": value})
    assert code == 0
    assert "0 个错误" in out
