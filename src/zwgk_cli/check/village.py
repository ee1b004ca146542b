"""村（居）务公开: villages under their towns, how often village items are posted, and 衔接.

Why: section 二.13 of the notice asks every 村（居） to publish at least 每季度 — above all
脱贫攻坚、乡村振兴、村级财务、惠农政策、养老服务、社会救助 — and 村级财务 每月, as
《中华人民共和国村民委员会组织法》第三十条 sets (一般事项至少每季度公布一次，财务收支每月公布一次，
重大事项随时公布); and the same matter is published with the same content at both levels.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from zwgk_cli.core.catalogue import DomainFile, ItemEntry, SettingsFile, item_label, located
from zwgk_cli.core.diagnostics import Diagnostic, say
from zwgk_cli.core.models import Item, Settings
from zwgk_cli.core.towns import TOWN_KINDS, VILLAGE_KINDS, village_level
from zwgk_cli.core.wording import describe, listing

# How often each frequency posts, in posts a year (实时: whenever the information forms).
POSTS_A_YEAR = {"实时": 365, "每月": 12, "每季度": 4, "每半年": 2, "每年": 1}


@dataclass(frozen=True, slots=True)
class Area:
    """One of the notice's areas: the domains it is, or the words that name it in an item."""

    name: str
    domains: frozenset[str]
    words: tuple[str, ...]
    least: str  # the least frequent posting allowed


AREAS: tuple[Area, ...] = (
    Area("村级财务", frozenset(), ("村级财务", "村务财务", "集体财务", "财务收支"), "每月"),
    Area("脱贫攻坚", frozenset({"扶贫"}), ("脱贫", "扶贫"), "每季度"),
    Area("乡村振兴", frozenset(), ("乡村振兴",), "每季度"),
    Area("惠农政策", frozenset({"涉农补贴"}), ("惠农",), "每季度"),
    Area("养老服务", frozenset({"养老服务"}), (), "每季度"),
    Area("社会救助", frozenset({"社会救助"}), (), "每季度"),
)


def area_of(domain: str, item: Item) -> Area | None:
    """The first of the notice's areas the item belongs to (村级财务 before the rest)."""
    text = item.category + item.name
    return next((a for a in AREAS if domain in a.domains or any(w in text for w in a.words)), None)


def check_village_units(sf: SettingsFile) -> list[Diagnostic]:
    """A 村民委员会 or 居民委员会 names the town it belongs to; no other unit does."""
    settings, doc = sf.settings, sf.doc
    if settings is None or doc is None:
        return []
    towns = [u.name for u in settings.units if u.kind in TOWN_KINDS]
    found: list[Diagnostic] = []
    for i, unit in enumerate(settings.units):
        village = unit.kind in VILLAGE_KINDS
        if village and unit.parent in towns:
            continue
        if not village and unit.parent is None:
            continue
        key = (
            "unit-parent.missing"
            if village and unit.parent is None
            else "unit-parent.unknown"
            if village
            else "unit-parent.not-village"
        )
        path = ("units", i, "parent") if unit.parent is not None else ("units", i)
        msg = say(
            key,
            where=describe(Settings, path, doc.data),
            name=unit.name,
            parent=unit.parent or "",
            kind=unit.kind,
        )
        hint = (
            say("unit-parent.hint", towns=listing(towns) if towns else "—")
            if village
            else say("unit-parent.not-village.hint")
        )
        found.append(located(doc, path, "unit-parent", msg, hint))
    return found


def lint_village_frequency(df: DomainFile, levels: list[str] | None) -> list[Diagnostic]:
    """Items published at the 村（居） level in the notice's areas post at least as often as it asks."""
    village = village_level(levels or [])
    if village is None or df.header is None:
        return []
    found: list[Diagnostic] = []
    for entry in df.items:
        item = entry.item
        if village not in item.levels or (
            entry.invalid and not entry.usable("levels", "frequency", "category", "name")
        ):
            continue
        area = area_of(df.header.domain, item)
        if area is None:
            continue
        label = item_label(entry.index, item.id)
        if item.frequency is None:
            msg = say(
                "frequency-village.missing", item=label, level=village, area=area.name, least=area.least
            )
            where = ("items", entry.index, "levels")
        elif POSTS_A_YEAR[item.frequency] < POSTS_A_YEAR[area.least]:
            msg = say(
                "frequency-village",
                item=label,
                level=village,
                area=area.name,
                least=area.least,
                frequency=item.frequency,
            )
            where = ("items", entry.index, "frequency")
        else:
            continue
        more = [f for f, n in POSTS_A_YEAR.items() if n > POSTS_A_YEAR[area.least]]
        hint = say("frequency-village.hint", least=area.least, more=listing(more))
        found.append(located(df.doc, where, "frequency-village", msg, hint, item_id=item.id))
    return found


def check_mirrors(files: Iterable[DomainFile], settings: Settings | None) -> list[Diagnostic]:
    """A 村（居） item and the 镇街 or 区级 item it mirrors publish the same content elements (衔接).

    The pair is the item's `mirrors`, or else an item of the same domain with the same 一级事项 and
    二级事项 that is published at the other levels only.
    """
    village = village_level(settings.levels) if settings is not None else None
    if village is None:
        return []
    all_files = list(files)
    # only the 村（居） items are compared: the others are looked up when one of them needs them
    pairs = [
        (df, villagers)
        for df in all_files
        if (villagers := [e for e in df.items if village in e.item.levels])
    ]
    by_id: dict[str, tuple[DomainFile, int, Item]] | None = None
    found: list[Diagnostic] = []
    for df, villagers in pairs:
        named: dict[tuple[str, str], ItemEntry] | None = None
        for entry in villagers:
            item = entry.item
            if not entry.usable("content", "levels", "mirrors"):
                continue
            base = ("items", entry.index)
            if item.mirrors is not None:
                if by_id is None:
                    by_id = _by_id(all_files)
                target = by_id.get(item.mirrors)
                if target is None:
                    msg = say(
                        "village-mirror.unknown", item=item_label(entry.index, item.id), id=item.mirrors
                    )
                    found.append(
                        located(
                            df.doc,
                            (*base, "mirrors"),
                            "village-mirror",
                            msg,
                            say("village-mirror.unknown.hint"),
                            item_id=item.id,
                        )
                    )
                    continue
                other_df, other_index, other = target
            else:
                if named is None:
                    named = {
                        (e.item.category, e.item.name): e for e in df.items if village not in e.item.levels
                    }
                twin = named.get((item.category, item.name))
                if twin is None or twin.index == entry.index:
                    continue
                other_df, other_index, other = df, twin.index, twin.item
            missing = [c for c in other.content if c not in item.content]
            extra = [c for c in item.content if c not in other.content]
            if not missing and not extra:
                continue
            other_label = item_label(other_index, other.id)
            if other_df is not df:
                other_label = say(
                    "village-mirror.elsewhere", file=other_df.source.path.name, item=other_label
                )
            msg = say(
                "village-mirror",
                item=item_label(entry.index, item.id),
                other=other_label,
                missing=listing(missing) if missing else "—",
                extra=listing(extra) if extra else "—",
            )
            found.append(
                located(
                    df.doc,
                    (*base, "content"),
                    "village-mirror",
                    msg,
                    say("village-mirror.hint"),
                    item_id=item.id,
                )
            )
    return found


def _by_id(files: list[DomainFile]) -> dict[str, tuple[DomainFile, int, Item]]:
    """Every item by its id, the first where an id is used twice (a finding of its own)."""
    by_id: dict[str, tuple[DomainFile, int, Item]] = {}
    for df in files:
        for entry in df.items:
            by_id.setdefault(entry.item.id, (df, entry.index, entry.item))
    return by_id
