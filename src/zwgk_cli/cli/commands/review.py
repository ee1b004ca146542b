"""`zwgk review`: the review dashboard (逐级审核) on a day, and the 审查意见书 per domain."""

from __future__ import annotations

import json
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from zwgk_cli.check.pipeline import check_catalogue
from zwgk_cli.cli.console import exit_cannot_run, make_console, rich_line, working
from zwgk_cli.cli.help.text import CommandEnglish
from zwgk_cli.cli.options import (
    DAY,
    DEFAULT_FOLDER,
    DOMAIN,
    EXIT_OK,
    PATH,
    UNIT,
    DirArgument,
    LangOption,
    Language,
    iso_day,
)
from zwgk_cli.cli.report.review import print_review
from zwgk_cli.core.atomic import write_atomic
from zwgk_cli.core.diagnostics import Lang, ZwgkError, say
from zwgk_cli.core.inert_text import json_inert
from zwgk_cli.render.rows import day_text
from zwgk_cli.review.dashboard import Dashboard, build_dashboard
from zwgk_cli.review.data import dashboard_data


class ReviewFormat(StrEnum):
    """What `zwgk review` writes."""

    text = "text"
    json = "json"
    html = "html"
    xlsx = "xlsx"
    docx = "docx"


ENGLISH = CommandEnglish(
    """Review progress: the stage each domain has reached, when its next stage is due, whether it
    is overdue, open review opinions, coverage and normativity.

    A domain changed after passing a stage is marked as waiting for review again. This is the only
    command that reads today's date; --as-of names another day. --format docx writes a review
    opinion letter (Word) per domain.

    Exit codes: 0 written; 2 cannot run (no review process set, a bad date or unit, -o missing).""",
    {
        "as_of": "Report as things stood on this day (today by default); the output names the day.",
        "output_format": "Output format: text, json, html (an internal working page), xlsx (a summary "
        "workbook), docx (one review letter per domain).",
        "output": "Output file; a folder for docx. Needed for html, xlsx and docx.",
        "unit": "Review one town's or street's catalogue (its name, place name or unit slug).",
        "domain": "With docx, write only this domain's letter (domain name or slug).",
    },
)


def review_command(
    directory: DirArgument = DEFAULT_FOLDER,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", metavar=DAY, help="按这一天的情况统计（默认今天）；输出注明所用日期。"),
    ] = None,
    output_format: Annotated[
        ReviewFormat,
        typer.Option(
            "--format",
            help="输出格式：text、json、html（内部工作页面）、xlsx（汇总表）、docx（每个领域一份审查意见书）。",
        ),
    ] = ReviewFormat.text,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o", "--output", metavar=PATH, help="输出文件；docx 为输出文件夹。html、xlsx、docx 必须指定。"
        ),
    ] = None,
    unit: Annotated[
        str | None,
        typer.Option("--unit", metavar=UNIT, help="审核某个镇、街道的目录（名称、地名或单位代码）。"),
    ] = None,
    domain: Annotated[
        str | None,
        typer.Option("--domain", metavar=DOMAIN, help="docx 只写这个领域的审查意见书（领域名称或代码）。"),
    ] = None,
    lang: LangOption = Language.zh,
) -> None:
    """审核进度：每个领域到了哪个环节、下一环节何时截止、是否逾期、未处理的审查意见、覆盖度和规范度。

    领域内容在通过审核后有改动的，标为“修改后待重新审核”。这是唯一读取当天日期的命令，
    --as-of 可指定日期。--format docx 为每个领域写一份审查意见书（Word）。

    退出码：0 已输出；2 无法运行（没有审核流程、日期或单位有误、缺少 -o）。
    """
    language: Lang = lang.value
    try:
        day = _day(as_of)
        if output_format in (ReviewFormat.html, ReviewFormat.xlsx, ReviewFormat.docx) and output is None:
            raise ZwgkError(say("stop.review.output", format=output_format.value))
        with working(say("ui.review.working").get(language)):
            result = check_catalogue(directory)
            board = build_dashboard(result, day, unit)
        if output_format is ReviewFormat.text:
            if output is not None:
                raise ZwgkError(say("stop.review.text-output"))
            print_review(make_console(), board, language)
        elif output_format is ReviewFormat.json:
            text = json_inert(json.dumps(dashboard_data(board), ensure_ascii=False, indent=2)) + "\n"
            if output is None:
                sys.stdout.write(text)
            else:
                write_atomic(output, text.encode("utf-8"))
        elif output_format is ReviewFormat.html:
            from zwgk_cli.review.page import (
                dashboard_html,  # the page, workbook and letters load only when asked
            )

            assert output is not None
            write_atomic(output, dashboard_html(board, language).encode("utf-8"))
        elif output_format is ReviewFormat.xlsx:
            from zwgk_cli.review.workbook import dashboard_workbook

            assert output is not None
            write_atomic(output, dashboard_workbook(board, language))
        else:
            assert output is not None
            _write_letters(board, output, domain, language)
    except ZwgkError as exc:
        exit_cannot_run(exc, language)
    if output is not None and output_format is not ReviewFormat.docx:
        line = say("ui.review.written", file=output, date=day_text(day, language)).get(language)
        make_console(stderr=True).print(rich_line(line))
    raise typer.Exit(EXIT_OK)


def _day(text: str | None) -> date:
    """`--as-of`, or today (the one place zwgk reads the clock)."""
    if text is None:
        return date.today()
    day = iso_day(text)
    if day is None:
        raise ZwgkError(say("stop.review.as-of", value=text))
    return day


def _write_letters(board: Dashboard, folder: Path, domain: str | None, lang: Lang) -> None:
    from zwgk_cli.review.letter import letter_docx, letter_name

    rows = [row for row in board.rows if row.slug]
    if domain is not None:
        rows = [row for row in rows if domain in (row.slug, row.domain)]
        if not rows:
            raise ZwgkError(say("stop.review.domain", domain=domain))
    if folder.exists() and not folder.is_dir():
        raise ZwgkError(say("stop.review.not-folder", folder=folder))
    folder.mkdir(parents=True, exist_ok=True)
    console = make_console(stderr=True)
    for row in rows:
        path = folder / letter_name(row)
        write_atomic(path, letter_docx(board, row, lang))
        console.print(rich_line(say("ui.review.letter", file=path, domain=row.domain).get(lang)))
