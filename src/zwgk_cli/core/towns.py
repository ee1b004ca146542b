"""A town's or street's own catalogue, derived from the district's (镇街目录).

Why: after the district publishes, every 镇 and 街道 publishes its own catalogue: the district
items at the 镇街 level and the levels below it (村（居）, which the town sees published), with
“各镇人民政府（街道办事处）” replaced by that office's own name.
"""

from __future__ import annotations

from zwgk_cli.core.catalogue import Catalogue, split_units
from zwgk_cli.core.models import Domain, Item, Settings, Unit

TOWN_KINDS = ("镇人民政府", "街道办事处")
VILLAGE_KINDS = ("村民委员会", "居民委员会")


def town_units(settings: Settings) -> list[Unit]:
    """The registry's towns and streets inside the catalogue's scope (not marked `outside`), in
    registry order."""
    return [unit for unit in settings.units if unit.kind in TOWN_KINDS and unit.outside is None]


def villages_of(settings: Settings, town: Unit) -> list[Unit]:
    """The 村民委员会 and 居民委员会 the registry places under `town` (its `parent`), in registry order."""
    return [
        u for u in settings.units if u.kind in VILLAGE_KINDS and u.parent == town.name and u.outside is None
    ]


def village_level(levels: list[str]) -> str | None:
    """The catalogue's 村（居） level: the one whose name speaks of villages (村（居）, 村（社区）, 村级)."""
    return next((level for level in levels if "村" in level), None)


def find_unit(settings: Settings, text: str) -> Unit | None:
    """A town or street named by its office name, place name, slug or full name, in scope or not."""
    wanted = text.strip()
    for unit in settings.units:
        if unit.kind in TOWN_KINDS and wanted in (unit.name, unit.place, unit.slug, unit.full_name):
            return unit
    return None


def town_levels(settings: Settings) -> list[str]:
    """The levels a town's catalogue shows: every level after the first (the district's own), so
    镇街 and 村（居） for [区级, 镇街, 村（居）]; the one level of a one-level catalogue."""
    return settings.levels[1:] or settings.levels


def _groups_of(settings: Settings, unit: Unit) -> set[str]:
    return {g.name for g in settings.groups if unit.kind in g.kinds or unit.name in g.members}


def localise_subject(
    subject: str | dict[str, str], unit: Unit, settings: Settings, levels: list[str]
) -> str | dict[str, str]:
    """The 公开主体 as the town or street publishes it, for the item's `levels` among the town's.

    Where the subject names the town (a group holding the unit, or the unit itself), the unit's
    own office publishes: its name alone. Other names are kept as written. A subject given per
    level keeps only the town's levels, and is one text again when one level is left.
    """
    if isinstance(subject, dict):
        kept = {level: _localise(text, unit, settings) for level, text in subject.items() if level in levels}
        if not kept:
            return _localise(next(iter(subject.values()), ""), unit, settings)
        return next(iter(kept.values())) if len(kept) == 1 else kept
    return _localise(subject, unit, settings)


def _localise(text: str, unit: Unit, settings: Settings) -> str:
    own = _groups_of(settings, unit) | {unit.name}
    if any(name in own for name in split_units(text)):
        return unit.name
    return text


def unit_title(settings: Settings, unit: Unit) -> str:
    """重庆市渝北区龙溪街道基层政务公开标准目录."""
    return f"{settings.region}{unit.place or unit.name}基层政务公开标准目录"


def unit_domain(domain: Domain, unit: Unit, settings: Settings) -> Domain | None:
    """The domain as the town or street publishes it: its items at the town's levels with subjects
    localised (the district's 序号 kept); None when no item reaches the town."""
    own = town_levels(settings)
    items: list[Item] = []
    for item in domain.items:
        levels = [level for level in own if level in item.levels]
        if levels:
            subject = localise_subject(item.subject, unit, settings, levels)
            items.append(item.model_copy(update={"subject": subject, "levels": levels}))
    return domain.model_copy(update={"items": items}) if items else None


def unit_catalogue(
    catalogue: Catalogue, unit: Unit, skip: set[str] | frozenset[str] = frozenset()
) -> Catalogue:
    """The town's or street's catalogue: items at the town level, subjects localised, domains renumbered
    (the domains whose slugs are in `skip` left out)."""
    settings = catalogue.settings
    domains: list[Domain] = []
    for domain in catalogue.domains:
        if domain.slug in skip:
            continue
        local = unit_domain(domain, unit, settings)
        if local is not None:
            domains.append(local.model_copy(update={"order": len(domains) + 1}))
    place = unit.place or unit.name
    local_settings = settings.model_copy(
        update={
            "title": unit_title(settings, unit),
            # the office publishes its own catalogue; the district's 文号 is not its own, and the
            # district's catalogue (with the notice it follows) is what it is compiled from
            "region": settings.region + place,
            "issuer": unit.full_name or unit.name,
            "document": None,
            "basis": unit_basis(settings),
            "levels": town_levels(settings),
            "scope": None,
            "domains": [d.domain for d in domains],
            "not_applicable": [],
            "upstream": None,
        }
    )
    sources = {slug: path for slug, path in catalogue.sources.items() if any(d.slug == slug for d in domains)}
    return Catalogue(catalogue.root, local_settings, domains, sources, place=place)


def unit_basis(settings: Settings) -> list[str]:
    """A town's 编制依据: the district's catalogue (by its 文号, or its edition when it has none),
    then what the district's catalogue was compiled from."""
    reference = f"《{settings.display_title()}》（{settings.document or settings.edition}）"
    return [reference, *(text for text in settings.basis if text != reference)]
