"""`zwgk fmt`: lay out the catalogue's YAML files in the one canonical way (see zwgk_cli.sources.formatting)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from zwgk_cli.cli.console import make_console, print_error
from zwgk_cli.cli.options import EXIT_CANNOT_RUN, EXIT_FINDINGS, EXIT_OK, Language
from zwgk_cli.cli.report.terminal import print_diagnostics
from zwgk_cli.core.diagnostics import Lang, Text, ZwgkError, sort_diagnostics, summarize
from zwgk_cli.core.report_formats import display_path

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text as RichText

    from zwgk_cli.sources.formatting import FormatResult


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

    from zwgk_cli.sources.formatting import collect_files, format_file, write_result

    language: Lang = lang.value
    console = make_console()
    try:
        files = collect_files(paths or [Path("catalogues")])
    except ZwgkError as exc:
        print_error(exc.text, language)
        raise typer.Exit(EXIT_CANNOT_RUN) from None
    base = Path.cwd()
    results = [format_file(path, fix_encoding=fix_encoding) for path in files]

    diagnostics = sort_diagnostics(d for r in results for d in r.diagnostics)
    if diagnostics:
        summary = summarize(
            diagnostics,
            files=len(results),
            domains=sum(not r.is_settings for r in results),
            items=sum(r.items for r in results),
        )
        print_diagnostics(console, diagnostics, summary, language, base)
    for result in results:
        _print_problems(console, result, language, base)
    for result in results:
        for notice in sorted(result.notices, key=lambda n: n.line):
            line = RichText()
            line.append(f"{display_path(notice.file, base)}:{notice.line}", style="bold")
            line.append(": 注意：" if language == "zh" else ": note: ", style="bold cyan")
            line.append(notice.message.get(language))
            console.print(line)

    changed = [r for r in results if r.changed]
    unwritable: list[FormatResult] = []
    for result in changed:
        where = display_path(result.path, base)
        if check:
            word = (
                Text("将转换为 UTF-8 并重新排版", "would convert to UTF-8 and reformat")
                if result.reencoded
                else Text("将重新排版", "would reformat")
            )
        else:
            try:
                write_result(result)
            except OSError as exc:
                unwritable.append(result)
                reason = exc.strerror or str(exc)
                console.print(
                    RichText(f"{where}: ", style="bold")
                    + RichText(
                        f"无法写入（{reason}），文件未改动。"
                        if language == "zh"
                        else f"cannot write ({reason}); the file is unchanged.",
                        style="bold red",
                    )
                )
                continue
            word = (
                Text("已转换为 UTF-8 并重新排版", "converted to UTF-8 and reformatted")
                if result.reencoded
                else Text("已重新排版", "reformatted")
            )
        console.print(RichText(f"{where}: ", style="bold") + RichText(word.get(language)))

    failed = sum(r.failed for r in results) + len(unwritable)
    done = len(changed) - len(unwritable)
    unchanged = len(results) - len(changed) - sum(r.failed for r in results)
    console.print(_summary(check, done, unchanged, failed, language))
    if failed or (check and changed):
        raise typer.Exit(EXIT_FINDINGS)
    raise typer.Exit(EXIT_OK)


def _print_problems(console: Console, result: FormatResult, language: Lang, base: Path) -> None:
    from rich.text import Text as RichText

    for problem in result.problems:
        where = display_path(problem.file, base)
        if problem.line is not None:
            where += f":{problem.line}"
            if problem.column is not None:
                where += f":{problem.column}"
        line = RichText()
        line.append(where, style="bold")
        line.append(": 无法排版：" if language == "zh" else ": cannot format: ", style="bold red")
        line.append(problem.message.get(language))
        console.print(line)
        if problem.excerpt is not None and problem.line is not None:
            console.print(RichText(f"{problem.line:>5} | ", style="blue") + RichText(problem.excerpt))
        if problem.hint is not None:
            label = "提示：" if language == "zh" else "hint: "
            console.print(RichText("  " + label, style="green") + RichText(problem.hint.get(language)))


def _summary(check: bool, changed: int, unchanged: int, failed: int, language: Lang) -> RichText:
    """The closing line: 已排版 N 个文件，M 个未变。"""
    from rich.text import Text as RichText

    if check:
        if changed:
            zh = f"{changed} 个文件将重新排版，{unchanged} 个已是标准格式"
            en = f"{changed} files would be reformatted, {unchanged} already formatted"
        else:
            zh = f"{unchanged} 个文件已是标准格式"
            en = f"{unchanged} files already formatted"
    else:
        zh = f"已排版 {changed} 个文件，{unchanged} 个未变"
        en = f"reformatted {changed} files, {unchanged} unchanged"
    if failed:
        zh += f"，{failed} 个无法排版（见上文），未改动"
        en += f", {failed} could not be formatted (see above) and were left untouched"
    zh += "。"
    en += "."
    if check and changed:
        zh += "运行 zwgk fmt 即可排版。"
        en += " Run zwgk fmt to reformat them."
    style = "bold red" if failed else "bold yellow" if check and changed else "bold green"
    return RichText(zh if language == "zh" else en, style=style)
