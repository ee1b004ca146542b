"""`zwgk diff`: what changed between two versions of the catalogue."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from zwgk_cli.cli.console import check_steps, exit_cannot_run, make_console, working
from zwgk_cli.cli.options import EXIT_FINDINGS, EXIT_OK, LangOption, Language
from zwgk_cli.cli.report.terminal import print_diagnostics
from zwgk_cli.core.diagnostics import Lang, Text, ZwgkError

if TYPE_CHECKING:
    from zwgk_cli.check.pipeline import CheckProgress


class DiffFormat(StrEnum):
    """Report formats for differences."""

    text = "text"
    markdown = "markdown"
    html = "html"
    json = "json"


def diff_command(
    old: Annotated[
        str | None,
        typer.Argument(help="旧版本：git 版本（v2020、HEAD~3、分支名）或目录文件夹；省略时为 HEAD。"),
    ] = None,
    new: Annotated[
        str | None, typer.Argument(help="新版本：git 版本或目录文件夹；省略时为工作区中的目录文件夹。")
    ] = None,
    folder: Annotated[
        Path, typer.Option("--dir", help="目录文件夹在仓库中的位置（读取 git 版本和工作区时使用）。")
    ] = Path("catalogues"),
    output_format: Annotated[
        DiffFormat,
        typer.Option(
            "--format", help="输出格式：text（默认）、markdown（PR 评论）、html（可发布的调整说明）、json。"
        ),
    ] = DiffFormat.text,
    exit_code: Annotated[
        bool, typer.Option("--exit-code", help="有差异时退出码为 1（与 git diff --exit-code 相同）。")
    ] = False,
    templates: Annotated[
        Path | None, typer.Option("--templates", help="--format html 使用的自定义模板文件夹。")
    ] = None,
    lang: LangOption = Language.zh,
) -> None:
    """比较目录的两个版本：逐个事项（按编号）、逐个字段列出新增、删除、修改、移动和重新编号。

    不带参数时比较最近一次提交（HEAD）和工作区；版本直接从 git 读取，不会改动工作区。
    格式、注释和键的顺序不算变化。退出码：0 比较完成（无论有无差异）；1 有差异且用了 --exit-code；2 无法运行。
    """
    from zwgk_cli.cli.report.diff import print_diff
    from zwgk_cli.history.compare import compare
    from zwgk_cli.render.change_report import render_json as render_diff_json
    from zwgk_cli.render.change_report import render_markdown
    from zwgk_cli.render.html.site import render_changes_page

    language: Lang = lang.value
    try:
        with working("正在读取和比较两个版本…" if language == "zh" else "reading and comparing…") as show:
            side_words = {
                "old": "旧版本" if language == "zh" else "old side",
                "new": "新版本" if language == "zh" else "new side",
            }

            def side_steps(side: str) -> CheckProgress:
                return check_steps(lambda detail: show(f"{side_words[side]}{detail}"), language)

            comparison = compare(old, new, folder, Path.cwd(), side_steps)
    except ZwgkError as exc:
        exit_cannot_run(exc, language)
    errors = make_console(stderr=True)
    sides = (
        ("旧版本", "old", comparison.diff.old_label, comparison.old),
        ("新版本", "new", comparison.diff.new_label, comparison.new),
    )
    for word, word_en, label, check in sides:
        if check.summary.errors:
            errors.print(
                f"[bold red]{word} {label} 有 {check.summary.errors} 个错误[/]，以下差异只比较能读取的部分："
                if language == "zh"
                else f"[bold red]the {word_en} side {label} has {check.summary.errors} errors[/]; "
                "the comparison covers what could be read:"
            )
            errors_only = [d for d in check.diagnostics if d.severity == "error"]
            print_diagnostics(errors, errors_only, check.summary, language, Path.cwd())
    diff = comparison.diff
    if output_format is DiffFormat.markdown:
        sys.stdout.write(render_markdown(diff))
    elif output_format is DiffFormat.json:
        sys.stdout.write(render_diff_json(diff))
    elif output_format is DiffFormat.html:
        settings = comparison.new.settings.settings or comparison.old.settings.settings
        if settings is None:
            exit_cannot_run(
                ZwgkError(
                    Text(
                        "两个版本的 zwgk.yaml 都有错误，无法生成网页。", "both sides' zwgk.yaml are invalid."
                    )
                ),
                language,
            )
        sys.stdout.write(render_changes_page(diff, settings, templates).decode("utf-8"))
    else:
        print_diff(make_console(), diff)
    raise typer.Exit(EXIT_FINDINGS if exit_code and diff.has_changes else EXIT_OK)
