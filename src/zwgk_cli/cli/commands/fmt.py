"""`zwgk fmt`: lay out the catalogue's YAML files in the one canonical way (see zwgk_cli.sources.fmt)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from zwgk_cli.cli.console import exit_cannot_run, make_console, rich_line
from zwgk_cli.cli.help.text import CommandEnglish
from zwgk_cli.cli.options import DEFAULT_FOLDER, EXIT_FINDINGS, EXIT_OK, PATH, LangOption, Language
from zwgk_cli.cli.report.terminal import print_diagnostics
from zwgk_cli.core.diagnostics import Lang, ZwgkError, say
from zwgk_cli.core.report_formats import display_path

if TYPE_CHECKING:
    from rich.text import Text as RichText

    from zwgk_cli.sources.fmt import FormatRun


ENGLISH = CommandEnglish(
    """Write the catalogue's YAML files one way: key order, indentation, list style and quotes;
    data, comments and blank lines stay as they are.

    --check only lists the files to rewrite. A file that cannot be read (a syntax error, a
    duplicate key, a wrong encoding …) is left untouched.

    Exit codes: 0 every file already laid out (or now laid out); 1 --check found files to lay out,
    or a file could not be read or laid out; 2 cannot run.""",
    {
        "paths": "Files or folders to lay out (a folder means all its *.yaml and *.yml files, "
        "zwgk.yaml included); catalogues when left out.",
        "check": "Check only, change nothing: list the files to lay out, exit code 1 if there are "
        "any (for CI).",
        "fix_encoding": "Convert GBK/GB18030 files to UTF-8 (without it they are reported and skipped).",
    },
)


def fmt_command(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="要排版的文件或文件夹（文件夹指其中全部 *.yaml、*.yml 文件，含 zwgk.yaml）；省略时为 catalogues。",
            show_default=False,
            metavar=PATH,
        ),
    ] = None,
    check: Annotated[
        bool,
        typer.Option("--check", help="只检查，不改动文件：列出需要重新排版的文件，有则退出码 1（适合 CI）。"),
    ] = False,
    fix_encoding: Annotated[
        bool,
        typer.Option(
            "--fix-encoding", help="把 GBK/GB18030 编码的文件转换为 UTF-8（不加时报告并跳过这些文件）。"
        ),
    ] = False,
    lang: LangOption = Language.zh,
) -> None:
    """统一目录 YAML 文件的写法：键的顺序、缩进、列表写法和引号；数据、注释和空行保持不变。

    --check 只列出需要重新排版的文件。读不了的文件（语法错误、键重复、编码不对……）不会改动。

    退出码：0 全部已是标准格式（或已排版）；1 --check 发现需要排版的文件，或有文件无法读取、无法排版；2 无法运行。
    """
    from zwgk_cli.sources.fmt import format_paths

    language: Lang = lang.value
    try:
        # ZWGK_FMT_CAREFUL=1 turns the fast path off (for the benchmark's row and the tests): the
        # results are the same either way, only slower
        careful = os.environ.get("ZWGK_FMT_CAREFUL", "").strip() == "1"
        run = format_paths(
            paths or [DEFAULT_FOLDER], check=check, fix_encoding=fix_encoding, fast=not careful
        )
    except ZwgkError as exc:
        exit_cannot_run(exc, language)
    console = make_console()
    base = Path.cwd()
    # validate's report without its summary: the closing line below says what fmt did
    if run.findings:
        print_diagnostics(console, run.findings, None, language, base)
    for result in run.changed:
        where = (f"{display_path(result.path, base)}: ", "bold")
        if result.path in run.unwritable:
            reason = say("ui.fmt.unwritable", reason=run.unwritable[result.path])
            console.print(rich_line(where, (reason.get(language), "bold red")))
            continue
        if check:
            word = say("ui.fmt.would-convert" if result.reencoded else "ui.fmt.would-reformat")
        else:
            word = say("ui.fmt.converted" if result.reencoded else "ui.fmt.reformatted")
        console.print(rich_line(where, word.get(language)))
    console.print(_summary(run, language))
    raise typer.Exit(EXIT_FINDINGS if run.fails else EXIT_OK)


def _summary(run: FormatRun, language: Lang) -> RichText:
    """The closing line: 已排版 N 个文件，M 个未变。"""
    from rich.text import Text as RichText

    if run.check:
        key = "ui.fmt.summary.would-reformat" if run.done else "ui.fmt.summary.all-formatted"
    else:
        key = "ui.fmt.summary.reformatted"
    not_formatted = say("ui.fmt.summary.failed", failed=run.failed) if run.failed else ""
    text = say(key, changed=run.done, unchanged=run.unchanged, failed=not_formatted)
    style = "bold red" if run.failed else "bold yellow" if run.check and run.changed else "bold green"
    return RichText(text.get(language), style=style)
