"""`zwgk fmt`: lay out the catalogue's YAML files in the one canonical way (see zwgk_cli.sources.fmt)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from zwgk_cli.cli.console import make_console, print_error
from zwgk_cli.cli.options import EXIT_CANNOT_RUN, EXIT_FINDINGS, EXIT_OK, Language
from zwgk_cli.cli.report.terminal import print_diagnostics
from zwgk_cli.core.diagnostics import Lang, ZwgkError, say, sort_diagnostics
from zwgk_cli.core.report_formats import display_path

if TYPE_CHECKING:
    from rich.text import Text as RichText

    from zwgk_cli.sources.fmt import FormatResult


def fmt_command(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="要排版的文件或文件夹（文件夹指其中全部 *.yaml、*.yml 文件，含 zwgk.yaml）；默认 catalogues。",
            show_default=False,
            metavar="PATHS",
        ),
    ] = None,
    check: Annotated[
        bool,
        typer.Option("--check", help="只检查，不改动文件：列出需要重新排版的文件，有则退出码 1（适合 CI）。"),
    ] = False,
    fix_encoding: Annotated[
        bool,
        typer.Option(
            "--fix-encoding", help="把 GBK/GB18030 编码的文件转换为 UTF-8（不加时报告并跳过这些文件）。"
        ),
    ] = False,
    lang: Annotated[Language, typer.Option("--lang", help="消息语言：zh（默认）或 en。")] = Language.zh,
) -> None:
    """统一目录 YAML 文件的写法：键的顺序、缩进、列表写法和引号；数据、注释和空行保持不变。

    --check 只列出需要重新排版的文件。读不了的文件（语法错误、键重复、编码不对……）不会改动。
    退出码：0 全部已是标准格式（或已排版）；1 --check 发现需要排版的文件，或有文件无法读取、无法排版；2 无法运行。
    """
    from rich.text import Text as RichText

    from zwgk_cli.sources.fmt import collect_files, format_file, write_result

    language: Lang = lang.value
    console = make_console()
    try:
        files = collect_files(paths or [Path("catalogues")])
    except ZwgkError as exc:
        print_error(exc.text, language)
        raise typer.Exit(EXIT_CANNOT_RUN) from None
    base = Path.cwd()
    results = [format_file(path, fix_encoding=fix_encoding) for path in files]

    # What could not be read or formatted, and what was left as written: validate's report, without
    # its summary (the closing line below says what fmt did).
    findings = sort_diagnostics(d for r in results for d in r.diagnostics)
    if findings:
        print_diagnostics(console, findings, None, language, base)

    changed = [r for r in results if r.changed]
    unwritable: list[FormatResult] = []
    for result in changed:
        where = RichText(f"{display_path(result.path, base)}: ", style="bold")
        if check:
            word = say("ui.fmt.would-convert" if result.reencoded else "ui.fmt.would-reformat")
        else:
            try:
                write_result(result)
            except OSError as exc:
                unwritable.append(result)
                reason = say("ui.fmt.unwritable", reason=exc.strerror or str(exc))
                console.print(where + RichText(reason.get(language), style="bold red"))
                continue
            word = say("ui.fmt.converted" if result.reencoded else "ui.fmt.reformatted")
        console.print(where + RichText(word.get(language)))

    failed = sum(r.failed for r in results) + len(unwritable)
    done = len(changed) - len(unwritable)
    unchanged = len(results) - len(changed) - sum(r.failed for r in results)
    console.print(_summary(check, done, unchanged, failed, language))
    if failed or (check and changed):
        raise typer.Exit(EXIT_FINDINGS)
    raise typer.Exit(EXIT_OK)


def _summary(check: bool, changed: int, unchanged: int, failed: int, language: Lang) -> RichText:
    """The closing line: 已排版 N 个文件，M 个未变。"""
    from rich.text import Text as RichText

    if check:
        key = "ui.fmt.summary.would-reformat" if changed else "ui.fmt.summary.all-formatted"
    else:
        key = "ui.fmt.summary.reformatted"
    not_formatted = say("ui.fmt.summary.failed", failed=failed) if failed else ""
    text = say(key, changed=changed, unchanged=unchanged, failed=not_formatted)
    style = "bold red" if failed else "bold yellow" if check and changed else "bold green"
    return RichText(text.get(language), style=style)
