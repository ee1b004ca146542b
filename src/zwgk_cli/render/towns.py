"""A town's or street's own catalogue, derived from the district's (镇街目录).

Why: after the district publishes, every 镇 and 街道 publishes its own catalogue: the district
items at the 镇街 level, with “各镇人民政府（街道办事处）” replaced by that office's own name.
"""

from __future__ import annotations

from zwgk_cli.core.catalogue import Catalogue, split_units
from zwgk_cli.core.models import Domain, Item, Settings, Unit

TOWN_KINDS = ("镇人民政府", "街道办事处")


def town_units(settings: Settings) -> list[Unit]:
    """The registry's towns and streets, in registry order."""
    return [unit for unit in settings.units if unit.kind in TOWN_KINDS]


def find_unit(settings: Settings, text: str) -> Unit | None:
    """A town or street named by its office name, place name, slug or full name."""
    wanted = text.strip()
    for unit in town_units(settings):
        if wanted in (unit.name, unit.place, unit.slug, unit.full_name):
            return unit
    return None


def _groups_of(settings: Settings, unit: Unit) -> set[str]:
    return {g.name for g in settings.groups if unit.kind in g.kinds or unit.name in g.members}


def localise_subject(subject: str | dict[str, str], unit: Unit, settings: Settings, level: str) -> str:
    """The 公开主体 as the town or street publishes it.

    When the subject names the town level (a group holding the unit, or the unit itself), the
    unit's own office publishes: its name alone. Otherwise the subject is kept as written.
    """
    text = subject.get(level, next(iter(subject.values()), "")) if isinstance(subject, dict) else subject
    names = split_units(text)
    own = _groups_of(settings, unit) | {unit.name}
    if any(name in own for name in names):
        return unit.name
    return text


def unit_title(settings: Settings, unit: Unit) -> str:
    """重庆市渝北区龙溪街道基层政务公开标准目录."""
    return f"{settings.region}{unit.place or unit.name}基层政务公开标准目录"


def unit_catalogue(catalogue: Catalogue, unit: Unit) -> Catalogue:
    """The town's or street's catalogue: items at the town level, subjects localised, domains renumbered."""
    settings = catalogue.settings
    level = settings.levels[-1]
    domains: list[Domain] = []
    for domain in catalogue.domains:
        items: list[Item] = [
            item.model_copy(
                update={"subject": localise_subject(item.subject, unit, settings, level), "levels": [level]}
            )
            for item in domain.items
            if level in item.levels
        ]
        if items:
            domains.append(domain.model_copy(update={"items": items, "order": len(domains) + 1}))
    local_settings = settings.model_copy(
        update={
            "title": unit_title(settings, unit),
            "issuer": unit.name,
            "levels": [level],
            "domains": [d.domain for d in domains],
            "not_applicable": [],
            "upstream": None,
        }
    )
    sources = {slug: path for slug, path in catalogue.sources.items() if any(d.slug == slug for d in domains)}
    return Catalogue(catalogue.root, local_settings, domains, sources)
