"""`zwgk import`: read an Excel or Word table into domain YAML, report, exit."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from zwgk_cli.cli.console import exit_cannot_run
from zwgk_cli.cli.help.text import CommandEnglish
from zwgk_cli.cli.options import (
    DEFAULT_FOLDER,
    DOMAIN,
    EXIT_FINDINGS,
    EXIT_OK,
    FILE,
    FOLDER,
    PATH,
    SLUG,
    LangOption,
    Language,
)
from zwgk_cli.core.diagnostics import Lang, ZwgkError

ENGLISH = CommandEnglish(
    """Import a catalogue table from Excel or Word into domain YAML files.

    It reads the two-row headers published across the country, in their many wordings (item
    categories and names, audience, mode, level …), merged cells, √ and Word's checkbox characters,
    ditto marks and channels ticked column by column; the catalogue.xlsx that zwgk build writes
    imports back without loss. What cannot be matched is reported by cell (Sheet1!F12, or a Word
    table's row and column), and the files written are checked. When replacing a file would drop
    items the table lacks, they are listed and nothing is written; --remove-missing confirms.

    Exit codes: 0 imported and checked; 1 import problems or check errors (items removed or to be
    removed, nothing to import); 2 cannot run.""",
    {
        "file": "The table to import: .xlsx (Excel/WPS) or .docx (Word).",
        "directory": "The catalogue folder to import into (with zwgk.yaml), ./catalogues when it exists: "
        "its levels, channels and unit registry map the table's content, existing files keep "
        "their headers and item ids, and the result is checked.",
        "out": "Output: a domain file (e.g. shjz.yaml), a folder (one <slug>.yaml per domain), or - "
        "for standard output. By default the catalogue folder; without one, standard output.",
        "domain": "Domain name or slug: used when the table names no domain; when the file holds "
        "several domains, only this one is imported.",
        "slug": "Domain slug (file name and item id prefix) for a domain outside the 26 pilot domains; "
        "needs --domain too.",
        "force": "Overwrite existing files whose content differs (refused by default).",
        "remove_missing": "With --force: confirm removing the items of existing files that the table "
        "lacks (otherwise they are listed and nothing is written).",
    },
)


def import_command(
    file: Annotated[
        Path, typer.Argument(metavar=FILE, help="要导入的表格文件：.xlsx（Excel/WPS）或 .docx（Word）。")
    ],
    directory: Annotated[
        Path | None,
        typer.Option(
            "--dir",
            metavar=FOLDER,
            help="目标目录文件夹（含 zwgk.yaml），默认 ./catalogues（存在时）：按它的层级、渠道、单位名录对应表格内容，"
            "沿用已有文件的表头和事项编号，并检查导入结果。",
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--out",
            metavar=PATH,
            help="输出：领域文件（如 shjz.yaml）、文件夹（每个领域写成“领域代码.yaml”），或 - 表示标准输出。"
            "默认写入目录文件夹；没有目录文件夹时输出到标准输出。",
        ),
    ] = None,
    domain: Annotated[
        str | None,
        typer.Option(
            "--domain",
            metavar=DOMAIN,
            help="领域名称或代码：表格没有写明领域时用它；文件中有多个领域时只导入这一个。",
        ),
    ] = None,
    slug: Annotated[
        str | None,
        typer.Option(
            "--slug",
            metavar=SLUG,
            help="领域代码（文件名和事项编号前缀），用于 26 个试点领域以外的领域；须同时给出 --domain。",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="覆盖内容不同的已有文件（默认拒绝覆盖）。")] = False,
    remove_missing: Annotated[
        bool,
        typer.Option(
            "--remove-missing",
            help="与 --force 一起：确认删除已有文件中表格没有的事项（否则列出这些事项，不写入任何文件）。",
        ),
    ] = False,
    lang: LangOption = Language.zh,
) -> None:
    """导入 Excel 或 Word 中的目录表格，生成领域 YAML 源文件。

    识别各地发布的两行表头（公开事项/一级事项/二级事项、公开对象、公开方式、公开层级等各种写法）、合并单元格、
    √ 及 Word 复选框字符、“同上”、勾选式的公开渠道；zwgk build 生成的 catalogue.xlsx 可无损导回。
    无法对应的内容逐一报告单元格位置（如 Sheet1!F12、表2 第5行第3列），并检查写出的文件。
    替换已有文件会删除表格中没有的事项时，逐一列出且不写入，加 --remove-missing 确认删除。

    退出码：0 已导入且检查通过；1 有导入问题或检查错误（包括删除或将删除已有事项、没有可导入的内容）；2 无法运行。
    """
    # Reading spreadsheets needs openpyxl: imported here so that other commands never pay for it.
    from zwgk_cli.cli.report.imported import print_import
    from zwgk_cli.importer.run import ImportRequest, run_import

    language: Lang = lang.value
    try:
        request = ImportRequest(
            file, directory, out, domain, slug, force, remove_missing, fallback=DEFAULT_FOLDER
        )
        run = run_import(request, Path.cwd())
    except ZwgkError as exc:
        exit_cannot_run(exc, language)
    print_import(run, language, Path.cwd())
    raise typer.Exit(EXIT_FINDINGS if run.failed else EXIT_OK)
