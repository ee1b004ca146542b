"""`zwgk due`: the day an item's time limit runs out, counted from a given day.

Working days come from the official holiday schedule (core/workdays). Calendar days and months
follow 《中华人民共和国民法典》: the day counted from is not counted (第二百零一条), and a period
whose last day is a holiday ends on the next working day (第二百零三条).
"""

from __future__ import annotations

import calendar as months
from dataclasses import dataclass
from datetime import date, timedelta

from zwgk_cli.check.deadlines import Deadline, deadlines
from zwgk_cli.core.workdays import add_workdays, holiday_note, is_workday


@dataclass(frozen=True, slots=True)
class DueDate:
    """One deadline of a time limit, counted from `start`."""

    deadline: Deadline
    start: date
    end: date
    holidays: tuple[str, ...]  # the holidays the period stepped over (working days), short names
    moved_from: date | None = None  # a calendar period's last day that fell on a holiday

    def holiday_note(self) -> str:
        """“扣除国庆、中秋假期”, or "" when the period stepped over no holiday."""
        return holiday_note(self.holidays)


def due_dates(time_limit: str, start: date) -> list[DueDate]:
    """Every deadline written in `time_limit`, counted from `start` (UncoveredYear past the data)."""
    found: list[DueDate] = []
    for deadline in deadlines(time_limit):
        if deadline.unit == "工作日":
            count = add_workdays(start, deadline.amount)
            found.append(DueDate(deadline, start, count.end, count.holidays))
            continue
        last = (
            start + timedelta(days=deadline.amount)
            if deadline.unit == "日"
            else _add_months(start, deadline.amount)
        )
        end = last
        while not is_workday(end):  # a weekend or holiday: the next working day (第二百零三条)
            end += timedelta(days=1)
        found.append(DueDate(deadline, start, end, (), last if end != last else None))
    return found


def _add_months(start: date, count: int) -> date:
    """The same day `count` months on (the month's last day when it is shorter)."""
    month = start.month - 1 + count
    year, month = start.year + month // 12, month % 12 + 1
    return date(year, month, min(start.day, months.monthrange(year, month)[1]))
