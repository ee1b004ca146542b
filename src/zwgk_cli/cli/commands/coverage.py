"""`zwgk coverage`: how much of the upstream guideline the catalogue claims (公开事项覆盖度)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from zwgk_cli.check.coverage import coverage_data, coverage_table
from zwgk_cli.check.pipeline import check_catalogue
from zwgk_cli.cli.console import exit_cannot_run, make_console, working
from zwgk_cli.cli.options import (
    DEFAULT_FOLDER,
    EXIT_CANNOT_RUN,
    EXIT_OK,
    CoverageFormat,
    DirArgument,
    LangOption,
    Language,
)
from zwgk_cli.cli.report.terminal import print_diagnostics
from zwgk_cli.core.diagnostics import Lang, ZwgkError, say


def coverage_command(
    directory: DirArgument = DEFAULT_FOLDER,
    output_format: Annotated[
        CoverageFormat, typer.Option("--format", help="输出格式：text（默认）或 json。")
    ] = CoverageFormat.text,
    lang: LangOption = Language.zh,
) -> None:
    """公开事项覆盖度：上级标准指引中适用于本地区层级的事项，逐领域统计认领、不认领、缺少和增补。

    缺少的事项（既没有认领也没有说明不认领）和认领后上级有改动的事项逐条列出。
    JSON 中给出每个认领事项的上级摘要（hash），复核后可填入事项的 claimed_hash。
    退出码：0 已统计；2 无法运行（文件夹不存在、没有设置上级目录或上级目录无法读取）。
    """
    language: Lang = lang.value
    errors = make_console(stderr=True)
    try:
        with working(say("ui.coverage.working").get(language)):
            result = check_catalogue(directory)
    except ZwgkError as exc:
        exit_cannot_run(exc, language)
    upstream = result.upstream
    if upstream is None:
        problems = [d for d in result.diagnostics if d.code.startswith("upstream")]
        if problems:
            print_diagnostics(errors, problems, result.summary, language, Path.cwd())
        else:
            label, text = say("ui.coverage.error").get(language), say("ui.coverage.no-upstream").get(language)
            errors.print(f"[bold red]{label}[/]{text}")
        raise typer.Exit(EXIT_CANNOT_RUN)
    rows = coverage_table(result.files, upstream)
    if output_format is CoverageFormat.json:
        data = coverage_data(rows, upstream.label, upstream.edition)
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        raise typer.Exit(EXIT_OK)
    from rich.table import Table

    console = make_console()
    table = Table(title=say("ui.coverage.title", label=upstream.label, edition=upstream.edition).zh)
    for column in ("domain", "applicable", "claimed", "declined", "missing", "added", "percent"):
        table.add_column(say(f"ui.coverage.{column}").zh, justify="left" if column == "domain" else "right")
    for row in rows:
        table.add_row(
            row.name,
            str(row.applicable),
            str(len(row.claimed)),
            str(len(row.declined)),
            f"[red]{len(row.missing)}[/]" if row.missing else "0",
            str(len(row.added)),
            f"{row.percent:.0f}%",
        )
    console.print(table)
    for row in rows:
        for parent in row.missing:
            levels = "、".join(parent.levels)
            line = say(
                "ui.coverage.missing-item", domain=row.name, id=parent.id, title=parent.title, levels=levels
            )
            console.print(f"[red]{say('ui.coverage.missing').zh}[/] {line.zh}")
        for parent, local in row.stale:
            line = say("ui.coverage.stale-item", domain=row.name, local=local, id=parent.id, hash=parent.hash)
            console.print(f"[yellow]{say('ui.coverage.review').zh}[/] {line.zh}")
    raise typer.Exit(EXIT_OK)
