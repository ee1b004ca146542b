"""The year's 村（居）务公开 postings for each town or street: what is due on which day.

Why a plan apart from its formats: the calendar, the checklist workbook and the printed page must
name the same items on the same days. A town's villages publish the items of the town's own
catalogue (`unit_catalogue`) that reach the 村（居） level. An item published 每月, 每季度, 每半年 or
每年 is due once a period, on the period's last working day (放假调休 as the State Council set them,
`core.workdays`): the latest day the village office is open to post it. Items published 实时 have
no date (信息形成后及时公布), and items whose frequency is not written are listed as such, never
given a date the catalogue does not set.
"""

from __future__ import annotations

import calendar as month_days
from dataclasses import dataclass, field
from datetime import date

from zwgk_cli.core.catalogue import Catalogue
from zwgk_cli.core.diagnostics import Lang, ZwgkError, say
from zwgk_cli.core.models import Item, Settings, Unit
from zwgk_cli.core.towns import find_unit, town_units, unit_catalogue, village_level, villages_of
from zwgk_cli.core.workdays import covered_years, last_workday
from zwgk_cli.render.visible import visible_catalogue

# The frequencies with a date, and how many periods each divides the year into.
PERIODS = {"每月": 12, "每季度": 4, "每半年": 2, "每年": 1}
ONGOING = "实时"
# The message key naming each frequency (None: the item does not say).
FREQUENCY_KEYS = {
    "实时": "ui.calendar.freq.ongoing",
    "每月": "ui.calendar.freq.monthly",
    "每季度": "ui.calendar.freq.quarterly",
    "每半年": "ui.calendar.freq.half-yearly",
    "每年": "ui.calendar.freq.yearly",
    None: "ui.calendar.freq.unspecified",
}
WEEKDAY_KEYS = tuple(f"ui.calendar.weekday.{n}" for n in range(1, 8))


@dataclass(frozen=True, slots=True)
class Period:
    """One period of a frequency in the year: 2021年第一季度, from its first to its last day."""

    frequency: str
    number: int  # 1-based within the year
    first: date
    last: date
    due: date  # the period's last working day

    def label(self, lang: Lang) -> str:
        """“2021年3月”, “2021年第一季度”, “2021年上半年”, “2021年度”."""
        year = self.first.year
        if self.frequency == "每月":
            return say("ui.calendar.period.month", year=year, month=self.number).get(lang)
        if self.frequency == "每季度":
            return say(f"ui.calendar.period.quarter-{self.number}", year=year).get(lang)
        if self.frequency == "每半年":
            return say(f"ui.calendar.period.half-{self.number}", year=year).get(lang)
        return say("ui.calendar.period.year", year=year).get(lang)


@dataclass(frozen=True, slots=True)
class Entry:
    """An item as a village posts it: what the checklist and the calendar show of it."""

    id: str
    domain: str
    category: str  # 一级事项
    name: str  # 二级事项
    channels: tuple[str, ...]
    content: tuple[str, ...]
    time_limit: str
    frequency: str | None

    @property
    def title(self) -> str:
        """“最低生活保障 · 动态管理信息”: 一级事项 and 二级事项."""
        return f"{self.category} · {self.name}"

    @classmethod
    def of(cls, domain: str, item: Item) -> Entry:
        return cls(
            id=item.id,
            domain=domain,
            category=item.category,
            name=item.name,
            channels=tuple(item.channels),
            content=tuple(item.content),
            time_limit=item.time_limit,
            frequency=item.frequency,
        )


@dataclass(slots=True)
class Posting:
    """Everything a town's villages must have posted by one day, period by period (a quarter's last
    month ends on the quarter's last day, so one day may close several periods)."""

    due: date
    periods: list[tuple[Period, list[Entry]]] = field(default_factory=list)

    @property
    def entries(self) -> list[Entry]:
        """The items due, period by period."""
        return [entry for _, entries in self.periods for entry in entries]

    def labels(self, lang: Lang) -> str:
        """“2021年3月、2021年第一季度”."""
        return say("ui.calendar.list-sep").get(lang).join(period.label(lang) for period, _ in self.periods)


@dataclass(slots=True)
class TownPlan:
    """One town's or street's year: its villages, its dated postings and its undated items."""

    unit: Unit
    villages: list[str]  # the registered 村（居）民委员会 under it; none: one column for them all
    postings: list[Posting]
    ongoing: list[Entry]  # 实时: 信息形成后及时公布
    unspecified: list[Entry]  # no frequency written

    @property
    def place(self) -> str:
        """龙溪街道."""
        return self.unit.place or self.unit.name

    def columns(self, lang: Lang) -> list[str]:
        """A tick column per village, or the one “各村（社区）” when none is registered."""
        return self.villages or [say("ui.calendar.all-villages").get(lang)]


@dataclass(slots=True)
class Plan:
    """The year's calendar for one town (`--unit`) or every town in the catalogue's scope."""

    year: int
    settings: Settings
    level: str  # the catalogue's 村（居） level
    towns: list[TownPlan]
    unit: Unit | None = None

    @property
    def place(self) -> str:
        """What the calendar is for: the town (龙溪街道), or the district (重庆市渝北区)."""
        return (self.unit.place or self.unit.name) if self.unit is not None else self.settings.region


def require_covered(year: int) -> None:
    """ZwgkError unless the holiday data knows `year`'s working days (a wrong date is worse than none)."""
    years = covered_years()
    if year not in years:
        raise ZwgkError(say("stop.calendar.year", year=year, first=years[0], last=years[-1]))


def periods(frequency: str, year: int) -> list[Period]:
    """The periods of `frequency` (每月, 每季度, 每半年, 每年) in `year`, each due on its last working day."""
    count = PERIODS[frequency]
    months = 12 // count
    found: list[Period] = []
    for number in range(1, count + 1):
        first = date(year, (number - 1) * months + 1, 1)
        end_month = number * months
        last = date(year, end_month, month_days.monthrange(year, end_month)[1])
        found.append(Period(frequency, number, first, last, last_workday(first, last)))
    return found


def build_plan(catalogue: Catalogue, year: int, unit_name: str | None = None) -> Plan:
    """The `year`'s postings for the town `unit_name` names, or for every town in scope."""
    require_covered(year)
    catalogue = visible_catalogue(catalogue)  # every text as every output must show it
    settings = catalogue.settings
    level = village_level(settings.levels)
    if level is None:
        raise ZwgkError(say("stop.calendar.no-village-level", levels="、".join(settings.levels)))
    unit = _chosen(settings, unit_name) if unit_name is not None else None
    units = [unit] if unit is not None else town_units(settings)
    if not units:
        raise ZwgkError(say("stop.calendar.no-towns"))
    schedule = {frequency: periods(frequency, year) for frequency in PERIODS}
    towns = [_town_plan(catalogue, town, level, schedule) for town in units]
    return Plan(year, settings, level, towns, unit)


def _chosen(settings: Settings, name: str) -> Unit:
    """The town `name` names; the messages `zwgk build --unit` gives when none or one outside scope."""
    unit = find_unit(settings, name)
    if unit is None:
        known = "、".join(u.place or u.name for u in town_units(settings)) or "—"
        raise ZwgkError(say("stop.build.unknown-unit", name=name, known=known))
    if unit.outside is not None:
        raise ZwgkError(say("stop.build.unit-outside", name=unit.name, reason=unit.outside.rstrip("。")))
    return unit


def _town_plan(catalogue: Catalogue, unit: Unit, level: str, schedule: dict[str, list[Period]]) -> TownPlan:
    local = unit_catalogue(catalogue, unit)
    entries = [Entry.of(d.domain, item) for d in local.domains for item in d.items if level in item.levels]
    by_day: dict[date, Posting] = {}
    for frequency, its_periods in schedule.items():
        due_now = [entry for entry in entries if entry.frequency == frequency]
        if not due_now:
            continue
        for period in its_periods:
            posting = by_day.setdefault(period.due, Posting(period.due))
            posting.periods.append((period, due_now))
    villages = [v.place or v.name for v in villages_of(catalogue.settings, unit)]
    return TownPlan(
        unit=unit,
        villages=villages,
        postings=[by_day[day] for day in sorted(by_day)],
        ongoing=[entry for entry in entries if entry.frequency == ONGOING],
        unspecified=[entry for entry in entries if entry.frequency is None],
    )


def frequency_text(frequency: str | None, lang: Lang) -> str:
    """每季度 / quarterly; 未写明公开频次 when the item does not say."""
    return say(FREQUENCY_KEYS[frequency]).get(lang)


def day_label(day: date, lang: Lang) -> str:
    """“2021年1月29日（星期五）” / “2021-01-29 (Friday)”."""
    weekday = say(WEEKDAY_KEYS[day.isoweekday() - 1]).get(lang)
    return say("ui.calendar.day", year=day.year, month=day.month, day=day.day, weekday=weekday).get(lang)


def joined(texts: list[str] | tuple[str, ...], lang: Lang) -> str:
    """Texts from the catalogue in a line (“、” / “, ”); “—” for none. Joined here, not in a message:
    a message would cut a very long value, an output never does."""
    return say("ui.calendar.list-sep").get(lang).join(texts) if texts else say("ui.calendar.none").get(lang)
