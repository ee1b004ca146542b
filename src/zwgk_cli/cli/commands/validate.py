"""`zwgk validate`: check the catalogue and report every finding at once."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from zwgk_cli.check.pipeline import check_catalogue
from zwgk_cli.cli.console import check_steps, exit_cannot_run, note_cache_ignored, working
from zwgk_cli.cli.ending import keep
from zwgk_cli.cli.help.text import CommandEnglish
from zwgk_cli.cli.options import (
    DEFAULT_FOLDER,
    EXIT_FINDINGS,
    EXIT_OK,
    NO_CACHE_ENGLISH,
    DirArgument,
    LangOption,
    Language,
    NoCacheOption,
    OutputFormat,
    cache_folder,
    jobs_from_environment,
)
from zwgk_cli.cli.report.terminal import emit_diagnostics
from zwgk_cli.core.diagnostics import Lang, ZwgkError, say
from zwgk_cli.core.report_formats import render_github, render_json

ENGLISH = CommandEnglish(
    """Check the catalogue: read every file and report every problem in one run
    (file:line:column, code, hint).

    The same warning on several domains (no items yet, no completion date) is one line in the text
    report; --format json and github list every finding.

    Exit codes: 0 no errors (warnings allowed); 1 errors, or warnings under --strict; 2 cannot run.""",
    {
        "strict": "Treat warnings as failures (exit code 1).",
        "output_format": "Output format: text (a report for people), json, github (GitHub Actions annotations).",
        "no_cache": NO_CACHE_ENGLISH,
    },
)


def validate_command(
    directory: DirArgument = DEFAULT_FOLDER,
    strict: Annotated[bool, typer.Option("--strict", help="警告也视为失败（退出码 1）。")] = False,
    output_format: Annotated[
        OutputFormat,
        typer.Option(
            "--format", help="输出格式：text（给人看的报告）、json、github（GitHub Actions 注释）。"
        ),
    ] = OutputFormat.text,
    no_cache: NoCacheOption = False,
    lang: LangOption = Language.zh,
) -> None:
    """检查目录：读取全部文件，一次报告所有问题（文件:行:列、代码、提示）。

    多个领域的同一警告（还没有事项、没有填写完成时间）在文本报告中合并为一行；--format json 和 github 逐条列出。

    退出码：0 无错误（可有警告）；1 有错误，或 --strict 下有警告；2 无法运行。
    """
    language: Lang = lang.value
    try:
        with working(say("ui.validate.working").get(language)) as show:
            result = check_catalogue(
                directory,
                progress=check_steps(show, language),
                jobs=jobs_from_environment(),
                models=False,
                cache=cache_folder(directory, no_cache=no_cache),
            )
    except ZwgkError as exc:
        exit_cannot_run(exc, language)
    keep(result)
    note_cache_ignored(result, language)
    base = Path.cwd()
    if output_format is OutputFormat.json:
        sys.stdout.write(render_json(result.diagnostics, result.summary, language, base))
    elif output_format is OutputFormat.github:
        sys.stdout.write(render_github(result.diagnostics, language, base))
    else:
        emit_diagnostics(result.diagnostics, result.summary, language, base)
    raise typer.Exit(EXIT_FINDINGS if result.failed(strict=strict) else EXIT_OK)
