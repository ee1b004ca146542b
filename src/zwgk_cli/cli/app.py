"""`zwgk`: each command parses its options, calls one core function, reports, and exits."""

from __future__ import annotations

import io
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from zwgk_cli import __version__
from zwgk_cli.check.pipeline import check_catalogue
from zwgk_cli.cli.commands.coverage import coverage_command
from zwgk_cli.cli.commands.fmt import fmt_command
from zwgk_cli.cli.commands.import_ import import_command
from zwgk_cli.cli.commands.init import init_command
from zwgk_cli.cli.commands.schema import schema_command
from zwgk_cli.cli.console import check_steps, make_console, print_error, working
from zwgk_cli.cli.report.terminal import emit_diagnostics, print_diagnostics
from zwgk_cli.core.diagnostics import Lang, Text, ZwgkError
from zwgk_cli.core.report_formats import render_github, render_json

if TYPE_CHECKING:
    from zwgk_cli.check.pipeline import CheckProgress, CheckResult

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_CANNOT_RUN = 2

app = typer.Typer(
    name="zwgk",
    help="政务公开事项标准目录编译器：校验、生成与比对基层政务公开标准目录。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class OutputFormat(StrEnum):
    """Report formats for findings."""

    text = "text"
    json = "json"
    github = "github"


class Language(StrEnum):
    """Message languages."""

    zh = "zh"
    en = "en"


def _version(value: bool) -> None:
    if value:
        print(f"zwgk {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="显示版本号后退出。")
    ] = False,
) -> None:
    """政务公开事项标准目录编译器。"""


DirArgument = Annotated[
    Path,
    typer.Argument(help="目录文件夹（含 zwgk.yaml 和各领域 YAML 文件）。", show_default=True),
]


@app.command("validate")
def validate_command(
    directory: DirArgument = Path("catalogues"),
    strict: Annotated[bool, typer.Option("--strict", help="警告也视为失败（退出码 1）。")] = False,
    output_format: Annotated[
        OutputFormat,
        typer.Option("--format", help="输出格式：text（默认）、json、github（GitHub Actions 注释）。"),
    ] = OutputFormat.text,
    lang: Annotated[Language, typer.Option("--lang", help="消息语言：zh（默认）或 en。")] = Language.zh,
) -> None:
    """检查目录：读取全部文件，一次报告所有问题（文件:行:列、代码、提示）。

    退出码：0 无错误（可有警告）；1 有错误，或 --strict 下有警告；2 无法运行。
    """
    language: Lang = lang.value
    try:
        with working("正在检查目录…" if language == "zh" else "checking the catalogue…") as show:
            result = check_catalogue(directory, progress=check_steps(show, language))
    except ZwgkError as exc:
        _cannot_run(exc, language, directory)
    base = Path.cwd()
    if output_format is OutputFormat.json:
        sys.stdout.write(render_json(result.diagnostics, result.summary, language, base))
    elif output_format is OutputFormat.github:
        sys.stdout.write(render_github(result.diagnostics, language, base))
    else:
        emit_diagnostics(result.diagnostics, result.summary, language, base)
    raise typer.Exit(EXIT_FINDINGS if result.failed(strict=strict) else EXIT_OK)


@app.command("build")
def build_command(
    directory: DirArgument = Path("catalogues"),
    out: Annotated[
        Path, typer.Option("-o", "--out", help="输出文件夹；整体替换，只会替换 zwgk 生成过的文件夹。")
    ] = Path("dist"),
    templates: Annotated[
        Path | None,
        typer.Option("--templates", help="自定义模板文件夹：其中的同名模板和 assets/ 文件优先于内置模板。"),
    ] = None,
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
    lang: Annotated[Language, typer.Option("--lang", help="消息语言：zh（默认）或 en。")] = Language.zh,
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
            )
    except ZwgkError as exc:
        _cannot_run(exc, language, directory)
    if not result.built:
        console.print(
            "[bold red]目录有错误，未生成网站；原输出文件夹保持不变。[/]"
            if language == "zh"
            else "[bold red]The catalogue has errors: nothing was built; the output folder is unchanged.[/]"
        )
        raise typer.Exit(EXIT_FINDINGS)
    print_build_summary(console, result, language)
    raise typer.Exit(EXIT_OK)


class DiffFormat(StrEnum):
    """Report formats for differences."""

    text = "text"
    markdown = "markdown"
    html = "html"
    json = "json"


@app.command("diff")
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
    lang: Annotated[Language, typer.Option("--lang", help="错误消息语言：zh（默认）或 en。")] = Language.zh,
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
        _cannot_run(exc, language, folder)
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
            _cannot_run(
                ZwgkError(
                    Text(
                        "两个版本的 zwgk.yaml 都有错误，无法生成网页。", "both sides' zwgk.yaml are invalid."
                    )
                ),
                language,
                folder,
            )
        sys.stdout.write(render_changes_page(diff, settings, templates).decode("utf-8"))
    else:
        print_diff(make_console(), diff)
    raise typer.Exit(EXIT_FINDINGS if exit_code and diff.has_changes else EXIT_OK)


def _cannot_run(exc: ZwgkError, language: Lang, directory: Path) -> NoReturn:
    print_error(exc.text, language)
    raise typer.Exit(EXIT_CANNOT_RUN)


# Commands whose options live in their own modules are registered here, one line each.
# (registered commands)
app.command("fmt")(fmt_command)
app.command("import")(import_command)
app.command("schema")(schema_command)
app.command("init")(init_command)
app.command("coverage")(coverage_command)


def run() -> None:
    """Run the command line and end the process (see `zwgk_cli.cli.main`).

    A command is one short process, so it ends the way mypy's does: once the output is flushed the
    process exits without freeing its objects one by one (about 0.7 s at 100,000 items). Every
    file was already written and closed atomically.

    A character the terminal's encoding lacks is printed as an escape (\\uXXXX), never a traceback.
    """
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    try:
        app()
        code: int | str | None = 0
    except SystemExit as exc:
        code = exc.code
    if isinstance(code, str):
        sys.stderr.write(code + "\n")
        code = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # a closed pipe (`zwgk validate | head`): nothing more can be said
        code = code or 1
    os._exit(code or 0)
