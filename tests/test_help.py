"""The command line as people meet it: help pages and usage errors, wholly in Chinese or in English."""

from __future__ import annotations

import itertools
import re

import pytest
import typer.main
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.core import TyperArgument, TyperOption
from typer.testing import CliRunner

from zwgk_cli.cli.app import app
from zwgk_cli.cli.help.text import (
    argument_piece,
    english_of,
    is_flag,
    paragraphs,
    placeholder,
    untranslated,
    usage_line,
)
from zwgk_cli.cli.language import argument_language, before_command, chosen_language, env_language
from zwgk_cli.cli.options import PLACEHOLDERS_EN

ENV = {"NO_COLOR": "1", "COLUMNS": "200"}
GROUP = typer.main.get_command(app)
COMMANDS: list[str] = list(GROUP.commands)  # type: ignore[attr-defined]
PAGES = ["", *COMMANDS]  # "" is `zwgk --help`

# What typer, click and rich print in English when left to themselves.
TYPER_WORDS = [
    "Usage",
    "Options",
    "Arguments",
    "Commands",
    "Show this message",
    "[required]",
    "[default",
    "<bool>",
    "<str>",
    "<path>",
    "<int>",
    "{directory}",
    "OPTIONS",
    "COMMAND",
    "ARGS",
    "Error",
    "Try ",
]
# Latin words a Chinese help page may hold: names of commands, options' values, formats, files,
# fields and products (everything else is written in Chinese).
NAMES_IN_CHINESE_HELP = {
    "CI", "Excel", "GBK", "GitHub Actions", "HEAD", "JSON", "JSON Schema", "Sheet", "UTF", "VS Code",
    "Word", "WPS", "YAML", "ZWGK_LANG", "assets", "catalogue", "catalogues", "changes", "claimed_hash",
    "dist", "docx", "domain", "draft", "due", "en", "git", "github", "hash", "html", "ics", "json",
    "markdown", "pre", "published", "review", "schema", "schemas", "shjz", "text", "units", "v", "xlsx",
    "yaml", "zh", "zwgk", "F", *COMMANDS,
}  # fmt: skip
# Chinese an English help page may hold: values of a catalogue given as examples.
CHINESE_IN_ENGLISH_HELP = {"定稿", "重庆市渝北区", "重庆市", "区", "区级", "镇街", "县级", "乡镇"}


def _run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env={**ENV, **(env or {})}, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def _help(page: str, *more: str, env: dict[str, str] | None = None) -> str:
    code, out, err = _run(*([page] if page else []), "--help", *more, env=env)
    assert (code, err) == (0, ""), page
    return out


@pytest.mark.parametrize("page", PAGES)
def test_chinese_help_has_no_word_of_english_chrome(page: str) -> None:
    out = _help(page)
    assert f"用法：zwgk {page}".strip() in out
    assert "显示本帮助后退出。" in out
    assert "╭─ 选项 " in out
    for word in TYPER_WORDS:
        assert word not in out, (page, word)
    latin = set(re.findall(r"(?<![-\w./<$*])[A-Za-z][A-Za-z_]*(?: [A-Z][a-z]+)?", out))
    assert latin <= NAMES_IN_CHINESE_HELP, (page, sorted(latin - NAMES_IN_CHINESE_HELP))


@pytest.mark.parametrize("page", PAGES)
def test_english_help_whichever_way_it_is_asked_for(page: str) -> None:
    after = _help(page, "--lang", "en")
    assert _help(page, "--lang=en") == after
    assert _help(page, env={"ZWGK_LANG": "en"}).replace("[default: en]", "[default: zh]") == after
    # the language before --help, and (for a command) before the command's name
    code, before, _ = _run(*([page] if page else []), "--lang", "en", "--help")
    assert (code, before) == (0, after)
    if page:
        code, first, _ = _run("--lang", "en", page, "--help")  # there, as with ZWGK_LANG, en is the default
        assert (code, first.replace("[default: en]", "[default: zh]")) == (0, after)
    assert f"Usage: zwgk {page} [<options>]".replace("  ", " ") in after
    assert "Show this help and exit." in after
    assert "╭─ Options " in after
    cjk = set(re.findall(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+", after))
    assert cjk <= CHINESE_IN_ENGLISH_HELP, (page, cjk - CHINESE_IN_ENGLISH_HELP)
    for word in ["Show this message", "<bool>", "<str>", "{directory}", "OPTIONS"]:
        assert word not in after, (page, word)


def test_every_help_text_has_both_languages() -> None:
    # a new option with help in one language only, or an English entry for an option that is gone, fails here
    for name, command in [("zwgk", GROUP), *GROUP.commands.items()]:  # type: ignore[attr-defined]
        english = english_of(command)
        assert english is not None, name
        assert untranslated(command) == ([], []), name
        chinese = paragraphs(command.help or "")
        assert chinese, name
        assert len(paragraphs(english.description)) == len(chinese), f"{name}: paragraphs differ"


def test_every_placeholder_follows_the_convention() -> None:
    # flags show none; every value has a placeholder from the list in options.py, or a choice's values
    for name, command in [("zwgk", GROUP), *GROUP.commands.items()]:  # type: ignore[attr-defined]
        for param in command.params:
            where = f"zwgk {name} {param.name}"
            assert getattr(param, "help", None), where
            if is_flag(param):
                assert placeholder(param, "zh") == placeholder(param, "en") == "", where
            elif param.metavar is not None:
                assert param.metavar in PLACEHOLDERS_EN, where
            else:
                assert isinstance(param, TyperOption), where  # an argument always names its value
                assert re.fullmatch(r"<[a-z]+(\|[a-z]+)+>", placeholder(param, "zh")), where


@pytest.mark.parametrize("name", COMMANDS)
def test_usage_line_and_arguments_panel_name_each_argument_alike(name: str) -> None:
    command = GROUP.commands[name]  # type: ignore[attr-defined]
    for lang, args in (("zh", []), ("en", ["--lang", "en"])):
        out = _help(name, *args)
        usage = next(line for line in out.splitlines() if "zwgk" in line)
        for param in command.params:
            if isinstance(param, TyperArgument):
                piece = argument_piece(param, lang)  # type: ignore[arg-type]
                assert piece in usage, (name, piece)
                assert re.search(rf"│ {re.escape(piece)} ", out), (name, piece)
            elif not is_flag(param):
                assert placeholder(param, lang) in out, (name, param.name)  # type: ignore[arg-type]


def test_dates_and_files_are_named_alike_everywhere() -> None:
    dates = {
        (name, p.name): p.metavar
        for name, command in GROUP.commands.items()  # type: ignore[attr-defined]
        for p in command.params
        if p.name in ("published", "as_of", "start")
    }
    assert len(dates) == 3
    assert set(dates.values()) == {"<YYYY-MM-DD>"}, dates
    folders = {
        (name, p.name): p.metavar
        for name, command in GROUP.commands.items()  # type: ignore[attr-defined]
        for p in command.params
        if p.name in ("directory", "folder", "templates")
    }
    assert len(folders) == 12
    assert set(folders.values()) == {"<文件夹>"}, folders  # a catalogue folder, argument or option


USAGE_ERRORS = [
    (
        ["validate", "--zzz"],
        "错误：没有 --zzz 这个选项。",
        "error: no such option: --zzz.",
        "zwgk validate [<选项>] [<文件夹>]",
    ),
    (
        ["validate", "--stict"],
        "错误：没有 --stict 这个选项。是不是要用 --strict？",
        "error: no such option: --stict. Did you mean --strict?",
        "zwgk validate [<选项>] [<文件夹>]",
    ),
    (
        ["validate", "--format", "xml"],
        "错误：--format 的值“xml”无效：可选 text、json、github。",
        "error: invalid value for --format: 'xml'; choose text, json, github.",
        "zwgk validate [<选项>] [<文件夹>]",
    ),
    (
        ["validate", "--format"],
        "错误：--format 后面要写一个值 <text|json|github>。",
        "error: --format needs a value <text|json|github>.",
        "zwgk validate [<选项>] [<文件夹>]",
    ),
    (
        ["validate", "--strict=yes"],
        "错误：--strict 是开关，后面不能写值。",
        "error: --strict is a switch: it takes no value.",
        "zwgk validate [<选项>] [<文件夹>]",
    ),
    (
        ["validate", "a", "b"],
        "错误：多余的参数：b。",
        "error: unexpected extra arguments: b.",
        "zwgk validate [<选项>] [<文件夹>]",
    ),
    (
        ["init"],
        "错误：缺少参数 <文件夹>。",
        "error: missing the argument <folder>.",
        "zwgk init [<选项>] <文件夹>",
    ),
    (
        ["due", "shjz-011"],
        "错误：缺少必填的选项 --from <YYYY-MM-DD>。",
        "error: missing the required option --from <YYYY-MM-DD>.",
        "zwgk due [<选项>] <事项编号>",
    ),
    (
        ["calendar", "--year", "二〇二一"],
        "错误：--year 的值“二〇二一”无效：应为整数。",
        "error: invalid value for --year: '二〇二一' is not a whole number.",
        "zwgk calendar [<选项>] [<文件夹>]",
    ),
    (
        ["build", "-o"],
        "错误：-o 后面要写一个值 <文件夹>。",
        "error: -o needs a value <folder>.",
        "zwgk build [<选项>] [<文件夹>]",
    ),
    (
        ["validat"],
        "错误：没有 validat 这个命令。是不是要用 validate？",
        "error: no such command: validat. Did you mean validate?",
        "zwgk [<选项>] <命令> [<参数>]...",
    ),
    (
        ["publish"],
        "错误：没有 publish 这个命令。可用的命令：validate、build、diff、fmt、import、schema、init、coverage、"
        "review、calendar、due。",
        "error: no such command: publish. The commands are: validate, build, diff, fmt, import, schema, "
        "init, coverage, review, calendar, due.",
        "zwgk [<选项>] <命令> [<参数>]...",
    ),
]


@pytest.mark.parametrize(
    ("args", "zh", "en", "usage"), USAGE_ERRORS, ids=[" ".join(e[0]) for e in USAGE_ERRORS]
)
def test_usage_errors_say_what_is_wrong_in_the_run_s_language(
    args: list[str], zh: str, en: str, usage: str
) -> None:
    code, out, err = _run(*args)
    assert (code, out) == (2, "")
    path = usage.split(" [")[0].split(" <")[0]  # zwgk validate
    assert err.splitlines() == [zh, f"用法：{usage}", f"用 {path} --help 查看帮助。"]
    code, _, err = _run(*args, env={"ZWGK_LANG": "en"})
    english_usage = usage
    for chinese, english in (("<选项>", "<options>"), ("<命令>", "<command>"), ("<参数>", "<args>")):
        english_usage = english_usage.replace(chinese, english)
    for chinese, english in PLACEHOLDERS_EN.items():
        english_usage = english_usage.replace(chinese, english)
    assert code == 2
    assert err.splitlines() == [en, f"Usage: {english_usage}", f"Run {path} --help for help."]


def test_bare_zwgk_shows_the_help() -> None:
    code, out, err = _run()
    assert (code, err) == (2, "")
    assert out == _help("")


def test_zwgk_lang_sets_every_message(tmp_path: object) -> None:
    from conftest import CASES, build_case

    folder = build_case(CASES / "valid" / "plain", tmp_path)  # type: ignore[arg-type]
    english = "checked 2 domains, 4 items (3 files): 0 errors, 0 warnings."
    chinese = "检查了 2 个领域、4 个事项（3 个文件）：0 个错误，0 个警告。"
    assert _run("validate", str(folder), env={"ZWGK_LANG": "en"})[1].strip() == english
    assert _run("validate", str(folder), env={"ZWGK_LANG": "zh_CN.UTF-8"})[1].strip() == chinese
    assert _run("--lang", "en", "validate", str(folder))[1].strip() == english
    assert _run("validate", str(folder), "--lang", "zh", env={"ZWGK_LANG": "en"})[1].strip() == chinese
    assert _run("--lang", "en", "validate", str(folder), "--lang", "zh")[1].strip() == chinese


def test_an_unknown_zwgk_lang_is_refused() -> None:
    code, out, err = _run("validate", env={"ZWGK_LANG": "fr"})
    assert (code, out) == (2, "")
    assert err.strip() == (
        "错误：环境变量 ZWGK_LANG 的值“fr”无效：应为 zh 或 en（也可写 zh_CN、en_US 这样的区域设置）。"
    )
    assert _run("validate", "--help", "--lang", "en", env={"ZWGK_LANG": "fr"})[0] == 0  # --lang decides


def test_the_language_is_read_from_the_arguments_before_click() -> None:
    assert argument_language(["validate", "--help", "--lang", "en"]) == "en"
    assert argument_language(["--lang=en", "validate", "--lang", "zh"]) == "zh"
    assert argument_language(["validate", "--lang", "fr"]) is None  # click refuses it, in Chinese
    assert argument_language(["fmt", "--", "--lang", "en"]) is None
    assert before_command(["--lang", "en", "validate", "x"], ["validate"]) == ["--lang", "en"]
    assert before_command(["--lang", "validate", "validate"], ["validate"]) == ["--lang", "validate"]
    assert env_language({"ZWGK_LANG": "en_US.UTF-8"}) == "en"
    assert env_language({"ZWGK_LANG": " "}) is None
    assert chosen_language([], {}) == "zh"


def test_usage_line_from_the_code() -> None:
    ctx = GROUP.make_context("zwgk", ["validate"], resilient_parsing=True)
    assert usage_line(GROUP, ctx, "zh") == "用法：zwgk [<选项>] <命令> [<参数>]..."
    assert usage_line(GROUP, ctx, "en") == "Usage: zwgk [<options>] <command> [<args>]..."


def _lines(text: str, width: int) -> list[str]:
    from zwgk_cli.cli.help.wrap import break_offsets

    cuts = [0, *break_offsets(text, width), len(text)]
    return [text[a:b].rstrip() for a, b in itertools.pairwise(cuts)]


def test_chinese_wraps_after_any_character_but_not_before_a_closing_mark() -> None:
    text = "输出文件；docx 为输出文件夹。html、xlsx、docx 必须指定。 [默认：catalogues]"
    # rich alone would give "输出文件；docx" and move "为输出文件夹。html、xlsx、docx" whole to the next line
    assert _lines(text, 20) == [
        "输出文件；docx 为输",
        "出文件夹。html、",
        "xlsx、docx 必须指",
        "定。",
        "[默认：catalogues]",
    ]
    assert _lines("一二三四五（六）", 11) == ["一二三四五", "（六）"]  # （ is not left at a line's end
    assert _lines("supercalifragilistic", 8) == ["supercal", "ifragili", "stic"]  # longer than a line: cut


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="甲乙丙丁，。（）《》 abc-[]：", max_size=80), st.integers(min_value=4, max_value=30))
def test_wrapped_lines_fit_and_break_only_where_allowed(text: str, width: int) -> None:
    from rich.cells import cell_len

    from zwgk_cli.cli.help.wrap import break_offsets, tokens

    cuts = [0, *break_offsets(text, width), len(text)]
    assert cuts == sorted(cuts)
    lines = [text[a:b] for a, b in itertools.pairwise(cuts)]
    assert "".join(lines) == text
    pieces = tokens(text)
    bounds = list(itertools.accumulate(len(piece) for piece in pieces))
    for cut in cuts[1:-1]:  # a line breaks between pieces, or inside one wider than a whole line
        inside = next(piece for piece, end in zip(pieces, bounds, strict=True) if end >= cut)
        assert cut in bounds or cell_len(inside.rstrip()) > width, (text, width, lines)
    wide = {piece.rstrip() for piece in pieces if cell_len(piece.rstrip()) > width}
    assert all(cell_len(line.rstrip()) <= width or wide for line in lines), (text, width, lines)


def test_a_description_s_source_line_breaks_become_what_the_text_needs() -> None:
    assert paragraphs("JSON Schema、\n  pre-commit 配置。\n\n第二段\n  接着写") == [
        "JSON Schema、pre-commit 配置。",
        "第二段接着写",
    ]
    assert paragraphs("the example catalogue of\n    重庆市渝北区 instead") == [
        "the example catalogue of 重庆市渝北区 instead"
    ]
    assert paragraphs("zwgk.yaml 的\n    review.require") == ["zwgk.yaml 的 review.require"]
