"""`zwgk init`: start a catalogue project, report, exit."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from zwgk_cli.cli.console import exit_cannot_run, make_console
from zwgk_cli.cli.options import EXIT_FINDINGS, EXIT_OK, LangOption, Language
from zwgk_cli.cli.report.terminal import print_diagnostics
from zwgk_cli.core.diagnostics import Lang, ZwgkError, say
from zwgk_cli.core.inert_text import one_line


def init_command(
    directory: Annotated[Path, typer.Argument(help="新项目的文件夹（不存在或为空）。")],
    region: Annotated[str | None, typer.Option("--region", help="行政区划全称，如 重庆市XX区。")] = None,
    levels: Annotated[
        str | None,
        typer.Option(
            "--levels", help="公开层级，用逗号分隔，如 区级,镇街（区默认 区级,镇街；县默认 县级,乡镇）。"
        ),
    ] = None,
    example: Annotated[
        bool,
        typer.Option(
            "--example", help="写入随附的重庆市渝北区示例目录（26 个领域、全部事项），而不是空白目录。"
        ),
    ] = False,
    published: Annotated[
        str | None, typer.Option("--published", help="发布日期 YYYY-MM-DD，写入 zwgk.yaml（默认今天）。")
    ] = None,
    lang: LangOption = Language.zh,
) -> None:
    """新建目录项目：设置、常见部门的单位名录、26 个领域文件（表头已填，事项待填）、JSON Schema、
    pre-commit 配置、CI 示例和给本单位的说明。

    生成后立即可以通过 zwgk validate（空领域会提示“领域没有事项”的警告）。
    退出码：0 已生成；1 生成的目录未通过检查；2 无法运行（文件夹非空、缺少 --region、参数有误）。
    """
    from zwgk_cli.authoring.project import ProjectRequest, start_project

    language: Lang = lang.value
    console = make_console()
    try:
        request = ProjectRequest(example, region, levels, published)
        result = start_project(directory, request, date.today())
    except ZwgkError as exc:
        exit_cannot_run(exc, language)
    if result.summary.errors:
        print_diagnostics(console, result.diagnostics, result.summary, language, Path.cwd())
        raise typer.Exit(EXIT_FINDINGS)
    from rich.text import Text as RichText

    # the next steps span several lines: the folder's name is made one line before it fills them
    shown = one_line(str(directory))
    created = say("ui.init.created", directory=shown).get(language)
    counts = say("ui.init.next", domains=result.summary.domains, items=result.summary.items, directory=shown)
    console.print(RichText.assemble((created, "bold green"), counts.get(language)))
    raise typer.Exit(EXIT_OK)
