"""Working days as the State Council's holiday notices set them (放假调休), from a maintained library.

Why a library: every year's holidays and the weekend days worked in exchange are announced late
in the year before; chinesecalendar publishes them as data. A date in a year it does not cover
raises `UncoveredYear`, never a guess. Counting follows the law's rule for periods: the day the
period starts from (the information formed, the request received) is not counted
(《中华人民共和国民法典》第二百零一条); the first working day after it is day 1.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from datetime import date, timedelta

import chinese_calendar  # type: ignore[import-untyped]
from lunardate import LunarDate  # type: ignore[import-untyped]

# The library names holidays in English; documents name them so.
_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}
_SHORT = {
    "国庆节": "国庆",
    "中秋节": "中秋",
    "春节": "春节",
    "元旦": "元旦",
    "清明节": "清明",
    "劳动节": "劳动节",
    "端午节": "端午",
}


class UncoveredYear(Exception):
    """A date in a year whose holidays the calendar library does not know (yet)."""

    def __init__(self, day: date) -> None:
        super().__init__(day.isoformat())
        self.day = day


def covered_years() -> range:
    """The years whose holidays are known: the library's range."""
    years = {day.year for day in chinese_calendar.holidays}
    return range(min(years), max(years) + 1)


def is_workday(day: date) -> bool:
    """Whether `day` is a working day (a weekday not on holiday, or a weekend day worked in exchange)."""
    if day.year not in covered_years():
        raise UncoveredYear(day)
    return bool(chinese_calendar.is_workday(day))


def holiday_names(day: date) -> tuple[str, ...]:
    """The holidays `day` is off for: 国庆节, and 中秋节 too when the two fall in one break (2020)."""
    on_holiday, name = chinese_calendar.get_holiday_detail(day)
    if not on_holiday or name is None:
        return ()
    names = [_NAMES.get(str(name), str(name))]
    if names[0] == "国庆节" and _mid_autumn(day.year) in _break_around(day):
        names.append("中秋节")
    return tuple(names)


def _mid_autumn(year: int) -> date:
    with warnings.catch_warnings():  # lunardate renames its methods; the old name still works
        warnings.simplefilter("ignore", DeprecationWarning)
        solar: date = LunarDate(year, 8, 15).toSolarDate()
    return solar


def _break_around(day: date) -> set[date]:
    """The run of holidays `day` is in."""
    days = {day}
    for step in (timedelta(days=1), timedelta(days=-1)):
        other = day + step
        while chinese_calendar.get_holiday_detail(other)[0] and not chinese_calendar.is_workday(other):
            days.add(other)
            other += step
    return days


def holiday_note(holidays: tuple[str, ...]) -> str:
    """“扣除国庆、中秋假期”, or "" when no holiday fell inside the period."""
    return f"扣除{'、'.join(holidays)}假期" if holidays else ""


@dataclass(frozen=True, slots=True)
class Count:
    """A period counted in working days: where it ends and which holidays it stepped over."""

    start: date
    days: int
    end: date
    holidays: tuple[str, ...]  # short names in the order met: 国庆, 中秋

    def holiday_note(self) -> str:
        """“扣除国庆、中秋假期”, or "" when no holiday fell inside the period."""
        return holiday_note(self.holidays)


def add_workdays(start: date, days: int) -> Count:
    """The `days`-th working day after `start` (start itself not counted)."""
    day, left = start, days
    met: list[str] = []
    while left > 0:
        day += timedelta(days=1)
        if is_workday(day):
            left -= 1
        else:
            for name in holiday_names(day):
                short = _SHORT.get(name, name)
                if short not in met:
                    met.append(short)
    return Count(start, days, day, tuple(met))


def last_workday(first: date, last: date) -> date:
    """The last working day from `first` to `last` (both included); `last` when none is."""
    day = last
    while day >= first:
        if is_workday(day):
            return day
        day -= timedelta(days=1)
    return last
