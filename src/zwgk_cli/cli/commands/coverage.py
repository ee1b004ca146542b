"""`zwgk coverage`: how much of the upstream guideline the catalogue claims (公开事项覆盖度)."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from zwgk_cli.check.coverage import coverage_data, coverage_table
from zwgk_cli.check.pipeline import check_catalogue
from zwgk_cli.cli.console import make_console, print_error, working
from zwgk_cli.cli.options import EXIT_CANNOT_RUN, EXIT_OK, LangOption, Language
from zwgk_cli.cli.report.terminal import print_diagnostics
from zwgk_cli.core.diagnostics import Lang, ZwgkError


class CoverageFormat(StrEnum):
    """Report formats for coverage."""

    text = "text"
    json = "json"


def coverage_command(
    directory: Annotated[
        Path, typer.Argument(help="目录文件夹（zwgk.yaml 中设置了上级目录 upstream）。")
    ] = Path("catalogues"),
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
        with working("正在检查目录和上级目录…" if language == "zh" else "checking the catalogues…"):
            result = check_catalogue(directory)
    except ZwgkError as exc:
        print_error(exc.text, language)
        raise typer.Exit(EXIT_CANNOT_RUN) from None
    upstream = result.upstream
    if upstream is None:
        problems = [d for d in result.diagnostics if d.code.startswith("upstream")]
        if problems:
            print_diagnostics(errors, problems, result.summary, language, Path.cwd())
        else:
            errors.print(
                "[bold red]错误：[/]zwgk.yaml 没有设置上级目录（upstream），无从统计覆盖度。"
                if language == "zh"
                else "[bold red]error:[/] zwgk.yaml names no upstream catalogue."
            )
        raise typer.Exit(EXIT_CANNOT_RUN)
    rows = coverage_table(result.files, upstream)
    if output_format is CoverageFormat.json:
        data = coverage_data(rows, upstream.label, upstream.edition)
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        raise typer.Exit(EXIT_OK)
    from rich.table import Table

    console = make_console()
    table = Table(title=f"公开事项覆盖度（上级目录 {upstream.label}，{upstream.edition}）")
    for title in ("领域", "适用事项", "认领", "不认领", "缺少", "增补", "覆盖度"):
        table.add_column(title, justify="left" if title == "领域" else "right")
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
            console.print(f"[red]缺少[/] {row.name} {parent.id} {parent.title}（{'、'.join(parent.levels)}）")
        for parent, local in row.stale:
            console.print(
                f"[yellow]需复核[/] {row.name} {local} 认领的 {parent.id} 已改动，当前摘要 {parent.hash}"
            )
    raise typer.Exit(EXIT_OK)
