"""`zwgk calendar --format html`: the checklist the 公示栏 clerk prints, one A4 page per village.

Why a page per village: each 村（居）民委员会 posts on its own board, so each gets its own sheet to
tick and sign: the village and its town, the year, then every due day with the items due, a box to
tick, their channels and elements; at the end, the items to publish whenever the information
forms. Without registered villages, the town's one page is headed “各村（社区）”.

One self-contained file like the review page (review/page.py): inline style, no script, nothing
loaded; rendered with the site's Jinja environment (autoescape, control and invisible characters
written out), so a text from the catalogue is only ever text.
"""

from __future__ import annotations

from typing import Any

from zwgk_cli.calendar.plan import Entry, Plan, Posting, TownPlan, day_label, joined
from zwgk_cli.core.diagnostics import Lang, say

TEMPLATE = "calendar/villages.html.j2"
HTML_LANG = {"zh": "zh-CN", "en": "en"}
CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


def calendar_html(plan: Plan, lang: Lang) -> str:
    """The plan's printable checklists in `lang`, as one HTML document."""
    from zwgk_cli.render.html.site import environment

    return environment().get_template(TEMPLATE).render(**_context(plan, lang))


def _context(plan: Plan, lang: Lang) -> dict[str, Any]:
    def t(key: str, **values: object) -> str:
        return say(key, **values).get(lang)

    return {
        "lang": HTML_LANG[lang],
        "csp": CSP,
        "title": t("ui.calendar.title", place=plan.place, year=plan.year),
        "labels": {
            "done": t("ui.calendar.page.done"),
            "period": t("ui.calendar.col.period"),
            "item": t("ui.calendar.page.item"),
            "channels": t("ui.calendar.col.channels"),
            "content": t("ui.calendar.col.content"),
            "time_limit": t("ui.calendar.col.time-limit"),
            "sign": t("ui.calendar.page.sign"),
            "ongoing": t("ui.calendar.page.ongoing"),
            "unspecified": t("ui.calendar.page.unspecified"),
            "open": t("ui.calendar.page.open"),
            "close": t("ui.calendar.page.close"),
            "nothing": t("ui.calendar.nothing-dated", year=plan.year),
        },
        "basis": t("ui.calendar.page.basis"),
        "pages": [_page(plan, town, village, lang) for town in plan.towns for village in town.columns(lang)],
    }


def _page(plan: Plan, town: TownPlan, village: str, lang: Lang) -> dict[str, Any]:
    return {
        "heading": say("ui.calendar.page.heading", village=village, year=plan.year).get(lang),
        "town": say("ui.calendar.page.town", town=town.unit.name, level=plan.level).get(lang),
        "postings": [_posting(posting, lang) for posting in town.postings],
        "ongoing": [_entry(entry, lang) for entry in town.ongoing],
        "unspecified": [_entry(entry, lang) for entry in town.unspecified],
    }


def _posting(posting: Posting, lang: Lang) -> dict[str, Any]:
    return {
        "iso": posting.due.isoformat(),
        "due": say("ui.calendar.page.due", date=day_label(posting.due, lang)).get(lang),
        "entries": [
            {**_entry(entry, lang), "period": period.label(lang)}
            for period, entries in posting.periods
            for entry in entries
        ],
    }


def _entry(entry: Entry, lang: Lang) -> dict[str, str]:
    return {
        "id": entry.id,
        "title": entry.title,
        "channels": joined(entry.channels, lang),
        "content": joined(entry.content, lang),
        "time_limit": entry.time_limit,
    }
