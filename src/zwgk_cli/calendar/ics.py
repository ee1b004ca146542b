"""`zwgk calendar --format ics`: the postings as an iCalendar file a phone can subscribe to.

One all-day event per town and due day, naming every item due that day with its channels and
elements, and a reminder three days before at 09:00 (the event's own day: floating, local time).
Reproducible: each event's UID is a hash of the town, the items and the day (the same posting
keeps its UID from one run to the next, so a subscribed calendar updates it instead of adding a
second), and DTSTAMP is the year's first moment (UTC), not the clock's. The icalendar library
escapes the text and folds the lines (CRLF, 75 octets) as RFC 5545 asks.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from zwgk_cli.calendar.plan import Plan, Posting, TownPlan, day_label, frequency_text, joined
from zwgk_cli.core.diagnostics import Lang, say

if TYPE_CHECKING:
    from icalendar import Event

PRODID = "-//zwgk//village affairs calendar//ZH"
# The reminder: three days before the due day, at 09:00 (an all-day event starts at 00:00).
REMINDER = timedelta(days=-3, hours=9)


def calendar_ics(plan: Plan, lang: Lang) -> bytes:
    """The plan as one VCALENDAR, its bytes."""
    from icalendar import Calendar  # loaded only for this format

    book = Calendar()
    book.add("prodid", PRODID)
    book.add("version", "2.0")
    book.add("calscale", "GREGORIAN")
    book.add("method", "PUBLISH")
    name = say("ui.calendar.ics.name", place=plan.place, year=plan.year).get(lang)
    book.add("x-wr-calname", name)
    book.add("x-wr-caldesc", say("ui.calendar.ics.about", catalogue=plan.settings.display_title()).get(lang))
    stamp = datetime(plan.year, 1, 1, tzinfo=UTC)
    for town in plan.towns:
        for posting in town.postings:
            book.add_component(_event(town, posting, stamp, lang))
    data: bytes = book.to_ical()
    return data


def event_uid(town: TownPlan, posting: Posting) -> str:
    """A UID that names the posting: the town's slug, the items and the day, hashed."""
    key = "|".join([town.unit.slug, posting.due.isoformat(), *(entry.id for entry in posting.entries)])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32] + "@zwgk"


def event_summary(town: TownPlan, posting: Posting, lang: Lang) -> str:
    """“龙溪街道 · 2021年3月、2021年第一季度 村（居）务公开（5 项）”."""
    return say(
        "ui.calendar.ics.summary",
        place=town.place,
        periods=posting.labels(lang),
        count=len(posting.entries),
    ).get(lang)


def _event(town: TownPlan, posting: Posting, stamp: datetime, lang: Lang) -> Event:
    from icalendar import Alarm, Event

    summary = event_summary(town, posting, lang)
    event = Event()
    event.add("uid", event_uid(town, posting))
    event.add("dtstamp", stamp)
    event.add("dtstart", posting.due)
    event.add("dtend", posting.due + timedelta(days=1))
    event.add("summary", summary)
    event.add("description", _description(town, posting, lang))
    event.add("categories", [say("ui.calendar.ics.category").get(lang)])
    event.add("transp", "TRANSPARENT")
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", say("ui.calendar.ics.reminder", summary=summary).get(lang))
    alarm.add("trigger", REMINDER)
    event.add_component(alarm)
    return event


def _description(town: TownPlan, posting: Posting, lang: Lang) -> str:
    """The due day and the villages, then each period's items with their channels and elements."""
    lines = [
        say("ui.calendar.ics.due", date=day_label(posting.due, lang)).get(lang),
        say("ui.calendar.villages-label").get(lang) + joined(town.columns(lang), lang),
    ]
    number = 0
    for period, entries in posting.periods:
        lines.append("")
        lines.append(
            say(
                "ui.calendar.ics.period",
                period=period.label(lang),
                frequency=frequency_text(period.frequency, lang),
            ).get(lang)
        )
        for entry in entries:
            number += 1
            lines.append(f"{number}. {entry.id} {entry.title}")
            lines.append("   " + say("ui.calendar.channels-label").get(lang) + joined(entry.channels, lang))
            lines.append("   " + say("ui.calendar.content-label").get(lang) + joined(entry.content, lang))
    return "\n".join(lines)
