"""`zwgk diff`: compare two versions of the catalogue, show the difference, exit."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from zwgk_cli.cli.console import exit_cannot_run, working
from zwgk_cli.cli.ending import keep
from zwgk_cli.cli.help.text import CommandEnglish
from zwgk_cli.cli.options import (
    DEFAULT_FOLDER,
    EXIT_FINDINGS,
    EXIT_OK,
    FOLDER,
    NEW,
    OLD,
    DiffFormat,
    LangOption,
    Language,
    TemplatesOption,
    jobs_from_environment,
)
from zwgk_cli.core.diagnostics import Lang, ZwgkError, say

ENGLISH = CommandEnglish(
    """Compare two versions of the catalogue: item by item (by id) and field by field, list what
    was added, removed, changed, moved and renumbered.

    Without arguments it compares the last commit (HEAD) with the working tree; versions are read
    straight from git and the working tree is left alone. Layout, comments and the order of keys
    are not changes.

    Exit codes: 0 compared (with or without differences); 1 differences, with --exit-code;
    2 cannot run.""",
    {
        "old": "The old version: a git revision (v2020, HEAD~3, a branch) or a catalogue folder; "
        "HEAD when left out.",
        "new": "The new version: a git revision or a catalogue folder; the catalogue folder in the "
        "working tree when left out.",
        "folder": "Where the catalogue folder is in the repository (to read git revisions and the "
        "working tree).",
        "output_format": "Output format: text (for people), markdown (a pull-request comment), html "
        "(publishable change notes), json.",
        "exit_code": "Exit with code 1 when there are differences (as git diff --exit-code does).",
    },
)


def diff_command(
    old: Annotated[
        str | None,
        typer.Argument(
            metavar=OLD, help="旧版本：git 版本（v2020、HEAD~3、分支名）或目录文件夹；省略时为 HEAD。"
        ),
    ] = None,
    new: Annotated[
        str | None,
        typer.Argument(metavar=NEW, help="新版本：git 版本或目录文件夹；省略时为工作区中的目录文件夹。"),
    ] = None,
    folder: Annotated[
        Path,
        typer.Option(
            "--dir", metavar=FOLDER, help="目录文件夹在仓库中的位置（读取 git 版本和工作区时使用）。"
        ),
    ] = DEFAULT_FOLDER,
    output_format: Annotated[
        DiffFormat,
        typer.Option(
            "--format",
            help="输出格式：text（给人看的报告）、markdown（合并请求评论）、html（可发布的调整说明）、json。",
        ),
    ] = DiffFormat.text,
    exit_code: Annotated[
        bool, typer.Option("--exit-code", help="有差异时退出码为 1（与 git diff --exit-code 相同）。")
    ] = False,
    templates: TemplatesOption = None,
    lang: LangOption = Language.zh,
) -> None:
    """比较目录的两个版本：逐个事项（按编号）、逐个字段列出新增、删除、修改、移动和重新编号。

    不带参数时比较最近一次提交（HEAD）和工作区；版本直接从 git 读取，不会改动工作区。
    格式、注释和键的顺序不算变化。

    退出码：0 比较完成（无论有无差异）；1 有差异且用了 --exit-code；2 无法运行。
    """
    from zwgk_cli.cli.report.diff import print_side_errors, side_steps, write_diff
    from zwgk_cli.history.compare import compare

    language: Lang = lang.value
    try:
        with working(say("ui.diff.working").get(language)) as show:
            comparison = compare(
                old, new, folder, Path.cwd(), side_steps(show, language), jobs_from_environment()
            )
    except ZwgkError as exc:
        exit_cannot_run(exc, language)
    keep(comparison)
    print_side_errors(comparison, language, Path.cwd())
    try:
        write_diff(comparison, output_format.value, templates)
    except ZwgkError as exc:
        exit_cannot_run(exc, language)
    raise typer.Exit(EXIT_FINDINGS if exit_code and comparison.diff.has_changes else EXIT_OK)
