"""`zwgk calendar --format xlsx`: the year's checklist a town keeps for its villages.

A sheet per town or street: a row per item due (the due day as a real date, the period, the item,
its channels and elements) and a tick column per registered village (or one “各村（社区）”), to mark
each posting done. Then a sheet of the items published 随时 (信息形成后及时公布), with their time
limits, and one of the items whose frequency the catalogue does not write, if any.

Safe and reproducible as the project's other workbooks (review/workbook.py): every text stored as
a text cell, never a formula, with control and invisible characters written out and cut to what a
cell holds; the document dated by the year's first day and its zip members stamped with that time.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from zwgk_cli.calendar.plan import Entry, Plan, TownPlan, joined
from zwgk_cli.core.diagnostics import Lang, say
from zwgk_cli.core.text_width import wide_count
from zwgk_cli.render.xlsx.plain_sheet import DAY, HEAD_ROW, Column, PlainSheet, Value, saved

SHEET_NAME_CHARS = 31  # what Excel allows
_NOT_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")


def calendar_workbook(plan: Plan, lang: Lang) -> bytes:
    """The checklist workbook of `plan` in `lang`, as XLSX bytes."""
    from openpyxl import Workbook  # type: ignore[import-untyped]

    book = Workbook()
    book.remove(book.active)
    names: set[str] = set()
    for town in plan.towns:
        _checklist(book, _sheet_name(town.place, names), plan, town, lang)
    ongoing = [(town, entry) for town in plan.towns for entry in town.ongoing]
    _undated(
        book, _sheet_name(say("ui.calendar.book.ongoing").get(lang), names), plan, ongoing, "ongoing", lang
    )
    unspecified = [(town, entry) for town in plan.towns for entry in town.unspecified]
    if unspecified:
        name = _sheet_name(say("ui.calendar.book.unspecified").get(lang), names)
        _undated(book, name, plan, unspecified, "unspecified", lang)
    when = datetime(plan.year, 1, 1)
    props = book.properties
    props.title = say("ui.calendar.title", place=plan.place, year=plan.year).get(lang)
    props.subject = say("ui.calendar.book.subject").get(lang)
    props.creator = props.lastModifiedBy = plan.unit.name if plan.unit is not None else plan.settings.issuer
    props.created = props.modified = when
    return saved(book, when)


def _sheet_name(text: str, taken: set[str]) -> str:
    """`text` as a sheet name: no character Excel refuses, at most 31 characters, not one taken."""
    base = _NOT_IN_SHEET_NAMES.sub("_", text).strip("'")[:SHEET_NAME_CHARS] or "_"
    name, number = base, 1
    while name.casefold() in {t.casefold() for t in taken}:
        number += 1
        suffix = f"({number})"
        name = base[: SHEET_NAME_CHARS - len(suffix)] + suffix
    taken.add(name)
    return name


def _head(key: str, lang: Lang) -> str:
    return say(f"ui.calendar.col.{key}").get(lang)


def _tick_width(name: str) -> float:
    """A village's tick column: wide enough for its name on two lines, at least 8."""
    return max(8.0, round((len(name) + 0.8 * wide_count(name)) / 2 + 2, 1))


def _checklist(book: Any, name: str, plan: Plan, town: TownPlan, lang: Lang) -> None:
    villages = town.columns(lang)
    columns = [
        Column(_head("due", lang), 12, centred=True, number_format=DAY),
        Column(_head("period", lang), 13, centred=True),
        Column(_head("id", lang), 11, centred=True),
        Column(_head("category", lang), 14),
        Column(_head("name", lang), 18),
        Column(_head("channels", lang), 22),
        Column(_head("content", lang), 40),
        *(Column(village, _tick_width(village), centred=True) for village in villages),
    ]
    sheet = PlainSheet(book, name, columns, say("ui.calendar.book.footer").get(lang))
    sheet.title(say("ui.calendar.title", place=town.place, year=plan.year).get(lang))
    sheet.heads()
    row = HEAD_ROW
    for posting in town.postings:
        for period, entries in posting.periods:
            for entry in entries:
                row += 1
                values: list[Value] = [
                    posting.due,
                    period.label(lang),
                    entry.id,
                    entry.category,
                    entry.name,
                    joined(entry.channels, lang),
                    joined(entry.content, lang),
                ]
                for col, value in enumerate(values, start=1):
                    sheet.put(row, col, value)
                for col in range(len(values) + 1, len(columns) + 1):
                    sheet.put(row, col, None)  # the box to tick
    sheet.filter(row)
    sheet.finish(row)
    if not town.postings:
        row += 1
        sheet.note(row, say("ui.calendar.nothing-dated", year=plan.year).get(lang))
    sheet.note(row + 2, say("ui.calendar.book.how", level=plan.level).get(lang))


def _undated(
    book: Any, name: str, plan: Plan, rows: list[tuple[TownPlan, Entry]], kind: str, lang: Lang
) -> None:
    """The items without a date: 随时公布 (`kind` "ongoing") or no frequency written ("unspecified");
    the town is a column when the workbook covers more than one."""
    many = plan.unit is None
    columns = [
        *([Column(_head("town", lang), 12, centred=True)] if many else []),
        Column(_head("id", lang), 11, centred=True),
        Column(_head("category", lang), 14),
        Column(_head("name", lang), 18),
        Column(_head("time-limit", lang), 20),
        Column(_head("channels", lang), 22),
        Column(_head("content", lang), 40),
    ]
    sheet = PlainSheet(book, name, columns, say("ui.calendar.book.footer").get(lang))
    sheet.title(say(f"ui.calendar.book.{kind}-title", place=plan.place, year=plan.year).get(lang))
    sheet.heads()
    row = HEAD_ROW
    for town, entry in rows:
        row += 1
        values: list[Value] = [
            *([town.place] if many else []),
            entry.id,
            entry.category,
            entry.name,
            entry.time_limit,
            joined(entry.channels, lang),
            joined(entry.content, lang),
        ]
        for col, value in enumerate(values, start=1):
            sheet.put(row, col, value)
    sheet.filter(row)
    sheet.finish(row)
    sheet.note(row + 2, say(f"ui.calendar.book.{kind}-note").get(lang))
