"""`zwgk init`: start a catalogue project."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from zwgk_cli.check.pipeline import check_catalogue
from zwgk_cli.cli.console import make_console, print_error
from zwgk_cli.cli.options import EXIT_CANNOT_RUN, EXIT_FINDINGS, EXIT_OK, LangOption, Language
from zwgk_cli.cli.report.terminal import print_diagnostics
from zwgk_cli.core.diagnostics import Lang, Text, ZwgkError


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
    from zwgk_cli.authoring.json_schema import schema_files
    from zwgk_cli.authoring.scaffold import (
        ProjectOptions,
        check_target,
        copy_example,
        default_levels,
        project_files,
        write_files,
    )

    language: Lang = lang.value
    console = make_console()
    try:
        check_target(directory)
        if example:
            copy_example(directory)
        else:
            if not region:
                raise ZwgkError(
                    Text(
                        "请用 --region 指定行政区划全称，如 zwgk init 目录项目 --region 重庆市XX区；或用 --example 生成渝北区示例。",
                        "name the region with --region (e.g. --region 重庆市XX区), or use --example.",
                    )
                )
            level_list = (
                [p.strip() for p in re.split(r"[,，、]", levels)] if levels else default_levels(region)
            )
            if not all(level_list) or len(set(level_list)) != len(level_list):
                raise ZwgkError(Text(f"--levels 有误：{levels}", f"bad --levels: {levels}"))
            options = ProjectOptions(region.strip(), level_list, _date(published))
            write_files(directory, project_files(options))
    except ZwgkError as exc:
        print_error(exc.text, language)
        raise typer.Exit(EXIT_CANNOT_RUN) from None
    result = check_catalogue(directory / "catalogues")
    if result.settings.settings is not None:
        write_files(directory / "schemas", schema_files(result.settings.settings))
    if result.summary.errors:
        print_diagnostics(console, result.diagnostics, result.summary, language, Path.cwd())
        raise typer.Exit(EXIT_FINDINGS)
    console.print(
        f"[bold green]已生成目录项目 {directory}/[/]：{result.summary.domains} 个领域、{result.summary.items} 个事项。下一步：\n"
        f"  cd {directory}\n  zwgk validate catalogues      # 检查\n  zwgk build catalogues -o dist  # 生成网站"
        if language == "zh"
        else f"[bold green]Created {directory}/[/]: {result.summary.domains} domains, {result.summary.items} items. "
        f"Next: cd {directory}; zwgk validate catalogues; zwgk build catalogues -o dist"
    )
    raise typer.Exit(EXIT_OK)


def _date(text: str | None) -> date:
    if text is None:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ZwgkError(
            Text(f"--published 应为 YYYY-MM-DD 格式的日期：{text}", f"--published must be YYYY-MM-DD: {text}")
        ) from None
