"""`zwgk calendar`: the year's 村（居）务公开 postings as a phone calendar, a checklist or printed pages."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from zwgk_cli.check.pipeline import check_catalogue
from zwgk_cli.cli.console import exit_cannot_run, make_console, rich_line, working
from zwgk_cli.cli.help.text import CommandEnglish
from zwgk_cli.cli.options import (
    DEFAULT_FOLDER,
    EXIT_OK,
    FILE,
    UNIT,
    YEAR,
    DirArgument,
    LangOption,
    Language,
)
from zwgk_cli.core.atomic import write_atomic
from zwgk_cli.core.diagnostics import Lang, ZwgkError, say

if TYPE_CHECKING:
    from zwgk_cli.calendar.plan import Plan


class CalendarFormat(StrEnum):
    """What `zwgk calendar` writes."""

    ics = "ics"
    xlsx = "xlsx"
    html = "html"


ENGLISH = CommandEnglish(
    """The village (residents') affairs disclosure calendar: the catalogue's village-level items,
    by how often they are disclosed (monthly, quarterly, half-yearly, yearly), as the year's
    disclosure deadlines.

    Each period is due by its last working day (by the State Council's holiday schedule); items
    disclosed in real time are listed as “any time”, items with no frequency are listed apart.
    Where the unit registry lists village or residents' committees, each village (community) gets
    a column (a page).

    Exit codes: 0 written; 2 cannot run (catalogue errors, a bad unit, no holiday data for the year,
    xlsx without -o).""",
    {
        "year": "The year to plan, e.g. 2021.",
        "unit": "Only this town or street (name, place name or unit slug); by default every town and "
        "street of the catalogue.",
        "output_format": "Output format: ics (a calendar phones subscribe to), xlsx (a checklist with a "
        "column per village), html (a page per village or community, to print).",
        "output": "Output file; without it ics and html go to standard output; xlsx needs it.",
    },
)


def calendar_command(
    year: Annotated[int, typer.Option("--year", metavar=YEAR, help="排哪一年的日历，如 2021。")],
    directory: DirArgument = DEFAULT_FOLDER,
    unit: Annotated[
        str | None,
        typer.Option(
            "--unit",
            metavar=UNIT,
            help="只排某个镇、街道（名称、地名或单位代码）；默认本目录范围内的全部镇街。",
        ),
    ] = None,
    output_format: Annotated[
        CalendarFormat,
        typer.Option(
            "--format",
            help="输出格式：ics（手机日历可订阅）、xlsx（逐村打勾的清单）、html（每个村（社区）一页，供打印）。",
        ),
    ] = CalendarFormat.ics,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o", "--output", metavar=FILE, help="输出文件；ics、html 不指定时写到标准输出，xlsx 必须指定。"
        ),
    ] = None,
    lang: LangOption = Language.zh,
) -> None:
    """村（居）务公开日历：目录中村（居）层级的事项按公开频次（每月、每季度、每半年、每年）排出全年的公开截止日期。

    每期在该期最后一个工作日（按国务院办公厅放假调休安排）前公布；实时公开的事项列为“随时公布”，
    没有写明公开频次的事项单独列出。单位名录中登记了村（居）民委员会的，每个村（社区）一列（一页）。

    退出码：0 已输出；2 无法运行（目录有错误、单位有误、年份没有节假日数据、xlsx 缺少 -o）。
    """
    from zwgk_cli.calendar.plan import build_plan, require_covered

    language: Lang = lang.value
    try:
        if output_format is CalendarFormat.xlsx and output is None:
            raise ZwgkError(say("stop.calendar.xlsx-output"))
        require_covered(year)  # before the catalogue is read: the answer does not depend on it
        with working(say("ui.calendar.working").get(language)):
            result = check_catalogue(directory)
            if result.settings.settings is None:
                raise ZwgkError(say("stop.calendar.settings"))
            if result.catalogue is None:
                raise ZwgkError(say("stop.calendar.errors", count=result.summary.errors))
            plan = build_plan(result.catalogue, year, unit)
        data = _rendered(plan, output_format, language)
        if output is None:
            sys.stdout.flush()
            sys.stdout.buffer.write(data)  # bytes as written: the calendar's CRLF line ends kept
            sys.stdout.buffer.flush()
        else:
            write_atomic(output, data)
    except ZwgkError as exc:
        exit_cannot_run(exc, language)
    if output is not None:
        line = say(
            "ui.calendar.written", file=output, place=plan.place, year=year, format=output_format.value
        ).get(language)
        make_console(stderr=True).print(rich_line(line))
    raise typer.Exit(EXIT_OK)


def _rendered(plan: Plan, output_format: CalendarFormat, lang: Lang) -> bytes:
    """The plan in the format asked for (each writer loads only when asked)."""
    if output_format is CalendarFormat.ics:
        from zwgk_cli.calendar.ics import calendar_ics

        return calendar_ics(plan, lang)
    if output_format is CalendarFormat.xlsx:
        from zwgk_cli.calendar.workbook import calendar_workbook

        return calendar_workbook(plan, lang)
    from zwgk_cli.calendar.page import calendar_html

    return calendar_html(plan, lang).encode("utf-8")
