"""`zwgk coverage`: how much of the upstream guideline the catalogue claims (公开事项覆盖度)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from zwgk_cli.check.coverage import coverage_data
from zwgk_cli.check.coverage_report import measure_coverage
from zwgk_cli.cli.console import exit_cannot_run, make_console, rich_line, working
from zwgk_cli.cli.help.text import CommandEnglish
from zwgk_cli.cli.options import (
    DEFAULT_FOLDER,
    EXIT_CANNOT_RUN,
    EXIT_OK,
    CoverageFormat,
    DirArgument,
    LangOption,
    Language,
)
from zwgk_cli.cli.report.coverage import print_coverage
from zwgk_cli.cli.report.terminal import print_diagnostics
from zwgk_cli.core.diagnostics import Lang, ZwgkError, say
from zwgk_cli.core.inert_text import json_inert

ENGLISH = CommandEnglish(
    """Coverage of the upstream guideline: per domain, how many of the upstream items that apply
    to this catalogue's levels are claimed, declined, missing or added.

    Missing items (neither claimed nor declined) and claimed items changed upstream since are
    listed one by one. The JSON gives each claimed item's upstream hash, to copy into the item's
    claimed_hash once reviewed.

    Exit codes: 0 measured; 2 cannot run (no such folder, no upstream catalogue set, or it cannot
    be read).""",
    {"output_format": "Output format: text (a table) or json."},
)


def coverage_command(
    directory: DirArgument = DEFAULT_FOLDER,
    output_format: Annotated[
        CoverageFormat, typer.Option("--format", help="输出格式：text（表格）或 json。")
    ] = CoverageFormat.text,
    lang: LangOption = Language.zh,
) -> None:
    """公开事项覆盖度：上级标准指引中适用于本地区层级的事项，逐领域统计认领、不认领、缺少和增补。

    缺少的事项（既没有认领也没有说明不认领）和认领后上级有改动的事项逐条列出。
    JSON 中给出每个认领事项的上级摘要（hash），复核后可填入事项的 claimed_hash。

    退出码：0 已统计；2 无法运行（文件夹不存在、没有设置上级目录或上级目录无法读取）。
    """
    language: Lang = lang.value
    try:
        with working(say("ui.coverage.working").get(language)):
            outcome = measure_coverage(directory)
    except ZwgkError as exc:
        exit_cannot_run(exc, language)
    if outcome.upstream is None:
        errors = make_console(stderr=True)
        problems = outcome.upstream_problems()
        if problems:
            print_diagnostics(errors, problems, outcome.check.summary, language, Path.cwd())
        else:
            label, text = say("ui.coverage.error").get(language), say("ui.coverage.no-upstream").get(language)
            errors.print(rich_line((label, "bold red"), text))
        raise typer.Exit(EXIT_CANNOT_RUN)
    upstream = outcome.upstream
    if output_format is CoverageFormat.json:
        data = coverage_data(outcome.rows, upstream.label, upstream.edition)
        sys.stdout.write(json_inert(json.dumps(data, ensure_ascii=False, indent=2)) + "\n")
    else:
        print_coverage(make_console(), outcome.rows, upstream.label, upstream.edition)
    raise typer.Exit(EXIT_OK)
