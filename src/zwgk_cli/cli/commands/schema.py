"""`zwgk schema`: export the JSON Schemas editors use."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from zwgk_cli.cli.console import exit_cannot_run, make_console, rich_line
from zwgk_cli.cli.help.text import CommandEnglish
from zwgk_cli.cli.options import (
    DEFAULT_FOLDER,
    EXIT_FINDINGS,
    EXIT_OK,
    FOLDER,
    DirArgument,
    LangOption,
    Language,
)
from zwgk_cli.cli.report.terminal import print_diagnostics
from zwgk_cli.core.diagnostics import Lang, ZwgkError, say

ENGLISH = CommandEnglish(
    """Export the JSON Schemas editors use (draft 2020-12): zwgk.schema.json, domain.schema.json,
    and review.schema.json for review records.

    Fields carry Chinese titles and descriptions; this catalogue's channels, levels, units and
    domains are the values allowed. The first line of a domain file,
    “# yaml-language-server: $schema=../schemas/domain.schema.json”, lets VS Code and other editors
    complete and check it by them.

    Exit codes: 0 written (with --check: up to date); 1 zwgk.yaml has errors, or with --check files
    are out of date; 2 cannot run.""",
    {
        "out": "The folder the JSON Schemas are written to.",
        "check": "Only check that the files are up to date: list the stale ones and end with exit code 1.",
    },
)


def schema_command(
    directory: DirArgument = DEFAULT_FOLDER,
    out: Annotated[
        Path, typer.Option("-o", "--out", metavar=FOLDER, help="JSON Schema 写入的文件夹。")
    ] = Path("schemas"),
    check: Annotated[
        bool, typer.Option("--check", help="只检查文件是否最新：过期时列出并以退出码 1 结束。")
    ] = False,
    lang: LangOption = Language.zh,
) -> None:
    """导出编辑器使用的 JSON Schema（draft 2020-12）：zwgk.schema.json、domain.schema.json 和审核记录的 review.schema.json。

    字段带中文标题和说明；本目录的渠道、层级、单位、领域作为可选值。领域文件第一行的
    “# yaml-language-server: $schema=../schemas/domain.schema.json” 让 VS Code 等编辑器据此补全和检查。

    退出码：0 已写入（或 --check 时已是最新）；1 zwgk.yaml 有错误，或 --check 时文件过期；2 无法运行。
    """
    from zwgk_cli.authoring.project import update_schemas

    language: Lang = lang.value
    console = make_console()
    try:
        update = update_schemas(directory, out, write=not check)
    except ZwgkError as exc:
        exit_cannot_run(exc, language)
    if update.stale is None:
        result = update.check
        problems = [d for d in result.diagnostics if d.file is not None and d.file.name == "zwgk.yaml"]
        print_diagnostics(console, problems, result.summary, language, Path.cwd())
        console.print(rich_line((say("ui.schema.invalid").get(language), "bold red")))
        raise typer.Exit(EXIT_FINDINGS)
    if check:
        for path in update.stale:
            console.print(rich_line(f"{path}: {say('ui.schema.stale').get(language)}"))
        raise typer.Exit(EXIT_FINDINGS if update.stale else EXIT_OK)
    written = "、".join(str(path) for path in update.stale) or say("ui.schema.up-to-date").get(language)
    console.print(rich_line((say("ui.schema.wrote").get(language), "bold green"), f" {written}"))
    raise typer.Exit(EXIT_OK)
