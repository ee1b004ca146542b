"""`zwgk import`: options, where the YAML goes, the report and the exit code."""

from __future__ import annotations

import re
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from zwgk_cli.check.pipeline import SETTINGS_FILE
from zwgk_cli.cli.console import make_console, print_error
from zwgk_cli.cli.report.terminal import print_diagnostics
from zwgk_cli.core.diagnostics import Lang, Text, ZwgkError, summarize
from zwgk_cli.core.models import SLUG_PATTERN
from zwgk_cli.core.report_formats import display_path

if TYPE_CHECKING:
    from rich.console import Console

    from zwgk_cli.importer.writing import Output

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_CANNOT_RUN = 2
DEFAULT_DIR = Path("catalogues")


class ImportLanguage(StrEnum):
    """Message languages."""

    zh = "zh"
    en = "en"


_STATUS = {
    "new": ("新建", "new"),
    "replaced": ("已替换", "replaced"),
    "unchanged": ("内容相同，未改动", "unchanged"),
}


def import_command(
    file: Annotated[Path, typer.Argument(help="要导入的表格文件：.xlsx（Excel/WPS）或 .docx（Word）。")],
    directory: Annotated[
        Path | None,
        typer.Option(
            "--dir",
            help="目标目录文件夹（含 zwgk.yaml），默认 ./catalogues（存在时）：按它的层级、渠道、单位名录对应表格内容，"
            "沿用已有文件的表头和事项编号，并检查导入结果。",
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--out",
            help="输出：领域文件（如 shjz.yaml）、文件夹（每个领域写成“领域代码.yaml”），或 - 表示标准输出。"
            "默认写入目录文件夹；没有目录文件夹时输出到标准输出。",
        ),
    ] = None,
    domain: Annotated[
        str | None,
        typer.Option(
            "--domain", help="领域名称或代码：表格没有写明领域时用它；文件中有多个领域时只导入这一个。"
        ),
    ] = None,
    slug: Annotated[
        str | None,
        typer.Option(
            "--slug",
            help="领域代码（文件名和事项编号前缀），用于 26 个试点领域以外的领域；须同时给出 --domain。",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="覆盖内容不同的已有文件（默认拒绝覆盖）。")] = False,
    lang: Annotated[
        ImportLanguage, typer.Option("--lang", help="消息语言：zh（默认）或 en。")
    ] = ImportLanguage.zh,
) -> None:
    """导入 Excel 或 Word 中的目录表格，生成领域 YAML 源文件。

    识别各地发布的两行表头（公开事项/一级事项/二级事项、公开对象、公开方式、公开层级等各种写法）、合并单元格、
    √ 及 Word 复选框字符、“同上”、勾选式的公开渠道；zwgk build 生成的 catalogue.xlsx 可无损导回。
    无法对应的内容逐一报告单元格位置（如 Sheet1!F12、表2 第5行第3列），并检查写出的文件。
    退出码：0 已导入且检查通过；1 有导入问题或检查错误（或没有可导入的内容）；2 无法运行。
    """
    language: Lang = lang.value
    if slug is not None and domain is None:
        _cannot_run(Text("--slug 须与 --domain 一起使用。", "--slug needs --domain."), language)
    if slug is not None and not re.fullmatch(SLUG_PATTERN, slug):
        _cannot_run(
            Text(
                f"领域代码“{slug}”不对：只能用小写英文字母、数字和连字符，如 tjgl。",
                f"slug '{slug}' is invalid: use lower-case letters, digits and hyphens, e.g. tjgl.",
            ),
            language,
        )
    # Reading spreadsheets needs openpyxl: imported here so that other commands never pay for it.
    from zwgk_cli.importer.convert import import_file
    from zwgk_cli.importer.target import Target
    from zwgk_cli.importer.writing import check_outputs, plan_outputs, write_outputs

    try:
        folder = _catalogue_folder(directory, out)
        target = Target.load(folder)
        result = import_file(file, target, domain=domain, slug=slug)
        plan = plan_outputs(result, out, folder, force=force)
        checked = check_outputs(plan, folder, result.settings)
        write_outputs(plan)
    except ZwgkError as exc:
        _cannot_run(exc.text, language)
    console = make_console(stderr=plan.to_stdout)
    base = Path.cwd()
    for output in plan.outputs:
        if output.path is None:
            sys.stdout.write(output.data.decode("utf-8"))
    findings = [*result.diagnostics, *checked]
    summary = summarize(findings, files=len(plan.outputs), domains=len(result.domains), items=result.items)
    print_diagnostics(console, findings, summary, language, base)
    _print_outputs(console, result.source, plan.outputs, result.items, len(result.domains), language, base)
    failed = bool(result.diagnostics) or summary.errors > 0 or not result.domains
    raise typer.Exit(EXIT_FINDINGS if failed else EXIT_OK)


def _catalogue_folder(directory: Path | None, out: Path | None) -> Path | None:
    """The target catalogue: --dir, else an -o folder holding zwgk.yaml, else ./catalogues if it is one."""
    if directory is not None:
        if not (directory / SETTINGS_FILE).is_file():
            raise ZwgkError(
                Text(
                    f"{directory} 中没有 {SETTINGS_FILE}，它不是 zwgk 目录文件夹。",
                    f"{directory} has no {SETTINGS_FILE}: it is not a zwgk catalogue folder.",
                )
            )
        return directory
    if out is not None and (out / SETTINGS_FILE).is_file():
        return out
    if (DEFAULT_DIR / SETTINGS_FILE).is_file():
        return DEFAULT_DIR
    return None


def _print_outputs(
    console: Console, source: Path, outputs: list[Output], items: int, domains: int, lang: Lang, base: Path
) -> None:
    from rich.markup import escape

    if not outputs:
        console.print(
            "没有可导入的内容，未写入文件。" if lang == "zh" else "nothing to import; no file written."
        )
        return
    if any(o.path is None for o in outputs):
        return
    head = (
        f"已导入 {source.name}：{domains} 个领域、{items} 个事项。"
        if lang == "zh"
        else f"imported {source.name}: {domains} domains, {items} items."
    )
    console.print(f"[bold]{escape(head)}[/]")
    for output in outputs:
        word = _STATUS[output.status][0 if lang == "zh" else 1]
        shown = escape(display_path(output.path, base))
        console.print(f"  {shown}（{word}）" if lang == "zh" else f"  {shown} ({word})")


def _cannot_run(text: Text, language: Lang) -> NoReturn:
    print_error(text, language)
    raise typer.Exit(EXIT_CANNOT_RUN)
