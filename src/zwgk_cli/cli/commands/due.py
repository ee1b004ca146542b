"""`zwgk due`: when an item's time limit runs out, counted in real working days."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from zwgk_cli.check.due import due_dates
from zwgk_cli.check.pipeline import check_catalogue
from zwgk_cli.cli.console import exit_cannot_run, make_console, rich_line
from zwgk_cli.cli.help.text import CommandEnglish
from zwgk_cli.cli.options import (
    DAY,
    DEFAULT_FOLDER,
    DIR_HELP,
    EXIT_OK,
    FOLDER,
    ITEM,
    CoverageFormat,
    LangOption,
    Language,
    iso_day,
)
from zwgk_cli.core.diagnostics import Lang, ZwgkError, say
from zwgk_cli.core.inert_text import json_inert
from zwgk_cli.core.workdays import UncoveredYear, covered_years
from zwgk_cli.render.rows import day_text

ENGLISH = CommandEnglish(
    """The deadline an item's time limit sets, counted in real working days (by the State
    Council's schedule of holidays and make-up working days).

    The starting day is not counted; a limit in days or months that ends on a holiday moves to the
    next working day (Civil Code articles 201 and 203). Years whose holiday schedule is not yet
    published get no date.

    Exit codes: 0 computed (or the time limit holds no period to count); 2 cannot run (no such
    item, a bad date, no holiday data for the year).""",
    {
        "item": "The item's id, e.g. shjz-011.",
        "start": "The day to count from, e.g. the day the information was made or the request "
        "received (not counted itself).",
        "output_format": "Output format: text or json.",
    },
)


def due_command(
    item: Annotated[str, typer.Argument(metavar=ITEM, help="事项编号，如 shjz-011。")],
    start: Annotated[
        str,
        typer.Option(
            "--from",
            metavar=DAY,
            help="从哪一天起算，如信息形成之日、收到申请之日（当日不计入）。",
        ),
    ],
    directory: Annotated[Path, typer.Option("--dir", metavar=FOLDER, help=DIR_HELP)] = DEFAULT_FOLDER,
    output_format: Annotated[
        CoverageFormat, typer.Option("--format", help="输出格式：text 或 json。")
    ] = CoverageFormat.text,
    lang: LangOption = Language.zh,
) -> None:
    """按事项的公开时限算出截止日期：工作日按国务院公布的放假调休安排（扣除节假日、计入调休上班日）。

    起算当日不计入；以日、月计的期限最后一天是节假日的，顺延到下一个工作日（民法典第二百零一条、第二百零三条）。
    放假安排尚未公布的年份不给出日期。

    退出码：0 已算出（或时限中没有可计算的期限）；2 无法运行（事项不存在、日期有误、年份没有放假数据）。
    """
    language: Lang = lang.value
    try:
        day = _day(start)
        result = check_catalogue(directory)
        found = next(
            ((df, entry.item) for df in result.files for entry in df.items if entry.item.id == item), None
        )
        if found is None:
            raise ZwgkError(say("stop.due.item", item=item))
        df, it = found
        try:
            dues = due_dates(it.time_limit, day)
        except UncoveredYear as exc:
            years = covered_years()
            raise ZwgkError(
                say("stop.due.year", year=exc.day.year, first=years.start, last=years.stop - 1)
            ) from None
    except ZwgkError as exc:
        exit_cannot_run(exc, language)
    domain = df.header.domain if df.header is not None else df.slug
    if output_format is CoverageFormat.json:
        data = {
            "item": it.id,
            "domain": domain,
            "category": it.category,
            "name": it.name,
            "time_limit": it.time_limit,
            "from": day.isoformat(),
            "deadlines": [
                {
                    "text": due.deadline.text,
                    "amount": due.deadline.amount,
                    "unit": due.deadline.unit,
                    "due": due.end.isoformat(),
                    "holidays": list(due.holidays),
                    "moved_from": due.moved_from.isoformat() if due.moved_from else None,
                }
                for due in dues
            ],
        }
        sys.stdout.write(json_inert(json.dumps(data, ensure_ascii=False, indent=2)) + "\n")
        raise typer.Exit(EXIT_OK)
    console = make_console()

    def show(key: str, **values: object) -> None:
        console.print(rich_line(say(key, **values).get(language)))

    show("ui.due.item", id=it.id, domain=domain, category=it.category, name=it.name)
    show("ui.due.limit", text=it.time_limit)
    if not dues:
        show("ui.due.none")
        raise typer.Exit(EXIT_OK)
    show("ui.due.from", date=day_text(day, language))
    for due in dues:
        notes = [due.holiday_note()] if due.holidays else []
        if due.moved_from is not None:
            notes.append(say("ui.due.moved", date=day_text(due.moved_from, language)).get(language))
        note = say("ui.due.note", notes="；".join(notes)).get(language) if notes else ""
        show("ui.due.line", text=due.deadline.text, date=day_text(due.end, language), note=note)
    raise typer.Exit(EXIT_OK)


def _day(text: str) -> date:
    day = iso_day(text)
    if day is None:
        raise ZwgkError(say("stop.due.date", value=text))
    return day
