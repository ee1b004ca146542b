"""`zwgk build`: render the publishable catalogue into an output folder."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from zwgk_cli.cli.console import exit_cannot_run, make_console
from zwgk_cli.cli.options import (
    DEFAULT_FOLDER,
    EXIT_FINDINGS,
    EXIT_OK,
    DirArgument,
    LangOption,
    Language,
    TemplatesOption,
)
from zwgk_cli.cli.report.terminal import print_diagnostics
from zwgk_cli.core.diagnostics import Lang, ZwgkError, say

if TYPE_CHECKING:
    from zwgk_cli.check.pipeline import CheckResult


def source_date_epoch() -> int | None:
    """SOURCE_DATE_EPOCH (reproducible-builds.org): the time stamped in the workbooks, when set."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return int(value) if value.isdigit() else None


def build_command(
    directory: DirArgument = DEFAULT_FOLDER,
    out: Annotated[
        Path, typer.Option("-o", "--out", help="输出文件夹；整体替换，只会替换 zwgk 生成过的文件夹。")
    ] = Path("dist"),
    templates: TemplatesOption = None,
    since: Annotated[
        str | None,
        typer.Option("--since", help="git 版本：网站中加入自该版本以来的调整说明页（changes.html）。"),
    ] = None,
    unit: Annotated[
        list[str] | None,
        typer.Option(
            "--unit", help="另外生成这个镇街的目录（units/<代码>/），可写镇街名、办事处名或代码；可重复。"
        ),
    ] = None,
    all_units: Annotated[
        bool, typer.Option("--all-units", help="为单位名录中的每个镇、街道生成各自的目录。")
    ] = False,
    lang: LangOption = Language.zh,
) -> None:
    """生成可发布的目录网站：首页（检索、统计）、各领域目录页、任务分工表，以及 Excel 工作簿和开放数据；
    设置了上级目录时加上覆盖度页，--since 加上调整说明页，--unit/--all-units 加上镇街目录。

    目录有错误时不生成（退出码 1），先改正 zwgk validate 报告的问题。输出先写入临时文件夹，全部成功后才替换原输出。
    """
    # Rendering needs jinja2 and the XLSX writer: imported here so that validate never pays for them.
    from zwgk_cli.build.builder import build
    from zwgk_cli.cli.progress import build_progress, print_build_summary

    language: Lang = lang.value
    console = make_console()
    base = Path.cwd()

    def report(check: CheckResult) -> None:
        if check.diagnostics:
            print_diagnostics(console, check.diagnostics, check.summary, language, base)

    try:
        with build_progress(console, language) as progress:
            result = build(
                directory,
                out,
                templates,
                progress=progress.advance,
                check_progress=progress.checking,
                on_checked=report,
                since=since,
                units=unit or (),
                all_units=all_units,
                cwd=base,
                epoch=source_date_epoch(),
                jobs=1 if os.environ.get("ZWGK_JOBS", "").strip() == "1" else None,
            )
    except ZwgkError as exc:
        exit_cannot_run(exc, language)
    if not result.built:
        console.print(f"[bold red]{say('ui.build.not-built').get(language)}[/]")
        raise typer.Exit(EXIT_FINDINGS)
    print_build_summary(console, result, language)
    raise typer.Exit(EXIT_OK)
