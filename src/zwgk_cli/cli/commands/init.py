"""`zwgk init`: start a catalogue project, report, exit."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from zwgk_cli.cli.console import exit_cannot_run, make_console
from zwgk_cli.cli.help.text import CommandEnglish
from zwgk_cli.cli.options import DAY, EXIT_FINDINGS, EXIT_OK, FOLDER, LEVELS, REGION, LangOption, Language
from zwgk_cli.cli.report.terminal import print_diagnostics
from zwgk_cli.core.diagnostics import Lang, ZwgkError, say
from zwgk_cli.core.inert_text import one_line

ENGLISH = CommandEnglish(
    """Start a catalogue project: settings, a unit registry of the usual departments, the 26
    domain files (headers filled in, items to add), JSON Schemas, a pre-commit set-up, a CI example
    and a README for the office.

    A blank catalogue needs --region; --example writes the bundled example catalogue of
    重庆市渝北区 instead and takes no --region, --levels or --published.

    Dates zwgk cannot know are left to the office: every domain's completion date (due) is left
    empty; the publication date (published) is today's as a placeholder unless --published gives
    it, to be replaced by the real date before publishing. The summary says which dates to fill
    in. The project passes zwgk validate at once, with one warning line for the domains that have
    no items yet and one for those without a completion date.

    Exit codes: 0 created; 1 the new catalogue does not pass the check; 2 cannot run (the folder is
    not empty, --region missing, a bad option).""",
    {
        "directory": "Folder for the new project (new or empty).",
        "region": "Full name of the region, e.g. 重庆市XX区: needed for a blank catalogue, not used "
        "with --example.",
        "levels": "Disclosure levels, comma-separated, e.g. 区级,镇街 (a district's default is "
        "区级,镇街, a county's 县级,乡镇).",
        "example": "Write the bundled example catalogue of 重庆市渝北区 (26 domains, every item) "
        "instead of a blank one.",
        "published": "Publication date for zwgk.yaml; without it today's date is a placeholder, to be "
        "replaced by the real one before publishing.",
    },
)


def init_command(
    directory: Annotated[Path, typer.Argument(metavar=FOLDER, help="新项目的文件夹（不存在或为空）。")],
    region: Annotated[
        str | None,
        typer.Option(
            "--region",
            metavar=REGION,
            help="行政区划全称，如 重庆市XX区：新建空白目录时必须写；用 --example 时不写。",
        ),
    ] = None,
    levels: Annotated[
        str | None,
        typer.Option(
            "--levels",
            metavar=LEVELS,
            help="公开层级，用逗号分隔，如 区级,镇街（区默认 区级,镇街；县默认 县级,乡镇）。",
        ),
    ] = None,
    example: Annotated[
        bool,
        typer.Option(
            "--example", help="写入随附的重庆市渝北区示例目录（26 个领域、全部事项），而不是空白目录。"
        ),
    ] = False,
    published: Annotated[
        str | None,
        typer.Option(
            "--published",
            metavar=DAY,
            help="发布日期，写入 zwgk.yaml；不写时暂填今天，正式发布前须改为实际发布日期。",
        ),
    ] = None,
    lang: LangOption = Language.zh,
) -> None:
    """新建目录项目：设置、常见部门的单位名录、26 个领域文件（表头已填，事项待填）、JSON Schema、
    pre-commit 配置、CI 示例和给本单位的说明。

    新建空白目录须用 --region 写明行政区划；--example 则写入随附的重庆市渝北区示例目录，不用 --region、--levels、--published。

    zwgk 无从知道的日期留给本单位填写：各领域的完成时间（due）留空；发布日期（published）不用 --published 指定时
    暂填今天，正式发布前改为实际发布日期。生成后列出要填写的日期。新项目立即可以通过 zwgk validate：
    还没有事项的领域、没有填写完成时间的领域各合并为一行警告。

    退出码：0 已生成；1 生成的目录未通过检查；2 无法运行（文件夹非空、缺少 --region、参数有误）。
    """
    from zwgk_cli.authoring.project import ProjectRequest, start_project

    language: Lang = lang.value
    console = make_console()
    try:
        request = ProjectRequest(example, region, levels, published)
        started = start_project(directory, request, date.today())
    except ZwgkError as exc:
        exit_cannot_run(exc, language)
    result = started.check
    if result.summary.errors:
        print_diagnostics(console, result.diagnostics, result.summary, language, Path.cwd())
        raise typer.Exit(EXIT_FINDINGS)
    from rich.text import Text as RichText

    # the next steps span several lines: the folder's name is made one line before it fills them
    shown = one_line(str(directory))
    created = say("ui.init.created", directory=shown).get(language)
    counts = say("ui.init.counts", domains=result.summary.domains, items=result.summary.items)
    console.print(RichText.assemble((created, "bold green"), counts.get(language)))
    dates = [say("ui.init.dates.due", count=started.dues_to_fill)] if started.dues_to_fill else []
    if started.published_placeholder is not None:
        dates.append(say("ui.init.dates.published", date=started.published_placeholder.isoformat()))
    if dates:
        console.print(RichText(say("ui.init.dates").get(language), style="bold yellow"))
        for line in dates:
            console.print(RichText(line.get(language)))
    console.print(RichText(say("ui.init.next", directory=shown).get(language)))
    raise typer.Exit(EXIT_OK)
