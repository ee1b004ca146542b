"""Rules that span files: the registry, vocabularies, ids, slugs, order and required domains."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from urllib.parse import urlsplit

from zwgk_cli.check.lints import OTHER_LEVEL
from zwgk_cli.core.catalogue import (
    RESERVED_SLUGS,
    DomainFile,
    SettingsFile,
    item_id_at,
    item_label,
    located,
    split_units,
    subject_units,
)
from zwgk_cli.core.codes import CODES, WAIVABLE
from zwgk_cli.core.diagnostics import Diagnostic, Text, say
from zwgk_cli.core.domain_names import PILOT_DOMAINS
from zwgk_cli.core.models import WINDOWS_DEVICE_NAMES, DomainHeader, Group, Item, Settings
from zwgk_cli.core.source import FieldPath, SourceDocument
from zwgk_cli.core.wording import describe, listing, root_model


def check_settings(sf: SettingsFile) -> list[Diagnostic]:
    """Duplicates in zwgk.yaml's lists, unit registry consistency, groups, not-applicable domains."""
    settings, doc = sf.settings, sf.doc
    if settings is None or doc is None:
        return []
    found: list[Diagnostic] = []
    for key in ("levels", "channels", "domains"):
        found += _repeats(doc, (key,), getattr(settings, key), "vocabulary-duplicate")
    found += _repeats(doc, ("units",), [u.name for u in settings.units], "unit-duplicate", field="name")
    found += _repeats(doc, ("units",), [u.slug for u in settings.units], "unit-duplicate", field="slug")
    slugs: list[tuple[FieldPath, str]] = [
        (("units", i, "slug"), u.slug) for i, u in enumerate(settings.units)
    ]
    slugs += [(("groups", i, "slug"), g.slug) for i, g in enumerate(settings.groups)]
    for path, slug in slugs:
        if slug in WINDOWS_DEVICE_NAMES:  # units/<slug>/ could not be made on Windows
            msg = say("slug-reserved.unit", where=describe(Settings, path, doc.data), slug=slug)
            found.append(located(doc, path, "slug-reserved", msg, say("slug-reserved.unit.hint")))
    all_names = {u.name for u in settings.units}
    in_scope = {u.name for u in settings.units if u.outside is None}
    for gi, group in enumerate(settings.groups):
        found += _check_group(doc, settings, gi, group, all_names, in_scope)
    domains = set(settings.domains)
    for ni, na in enumerate(settings.not_applicable):
        if na.domain not in domains:
            path = ("not_applicable", ni, "domain")
            where = describe(Settings, path, doc.data)
            msg = say("domain-unknown.not-applicable", where=where, domain=na.domain)
            hint = _choices(na.domain, settings.domains)
            found.append(located(doc, path, "domain-unknown", msg, hint))
    return found


def _check_group(
    doc: SourceDocument, settings: Settings, gi: int, group: Group, all_names: set[str], in_scope: set[str]
) -> list[Diagnostic]:
    """A group's name is no unit's, it holds some unit, and its members are registered units
    inside the catalogue's scope."""
    found: list[Diagnostic] = []
    if group.name in all_names:
        msg = say("unit-duplicate.group", name=group.name)
        found.append(located(doc, ("groups", gi, "name"), "unit-duplicate", msg))
    if not group.members and not group.kinds:
        msg = say("field-empty.group", where=describe(Settings, ("groups", gi), doc.data))
        found.append(located(doc, ("groups", gi), "field-empty", msg))
    for mi, member in enumerate(group.members):
        if member not in in_scope:
            path: FieldPath = ("groups", gi, "members", mi)
            found.append(_unknown_unit(doc, path, member, settings, code="group-member-unknown"))
    return found


def check_domains(
    sf: SettingsFile, files: list[DomainFile], *, unread: Sequence[Path] = ()
) -> list[Diagnostic]:
    """Slugs, domain names, order, required domains, and ids across all files."""
    # `unread`: domain files that could not be read at all. Such a file, or one too broken to name
    # its domain (empty, unparsable), still counts as present: its name is its slug, so a pilot
    # domain's standard slug says which domain it holds; a file named otherwise may be any missing
    # domain's, and none is called missing then (the file's own finding fails the run).
    found: list[Diagnostic] = []
    settings = sf.settings
    by_name: dict[str, DomainFile] = {}
    orders: dict[int, DomainFile] = {}
    known = registered_names(settings) if settings is not None else frozenset()
    for df in files:
        header, doc = df.header, df.doc
        found += _check_slug(df)
        if header is None:
            continue
        if settings is not None:
            found += _check_header(doc, header, settings, known)
        first = by_name.get(header.domain)
        if first is not None:
            msg = say("domain-duplicate", domain=header.domain, file=first.doc.path.name)
            found.append(located(doc, ("domain",), "domain-duplicate", msg))
        else:
            by_name[header.domain] = df
        other = orders.get(header.order)
        if other is not None and other.header is not None:
            msg = say(
                "order-duplicate", order=header.order, file=other.doc.path.name, domain=other.header.domain
            )
            found.append(located(doc, ("order",), "order-duplicate", msg, say("order-duplicate.hint")))
        else:
            orders[header.order] = df
    if all(df.header is not None for df in files):
        found += _order_gaps(orders, settings)  # a file whose header failed may hold the missing number
    if settings is not None and sf.doc is not None:
        claimed = {claim for df in files if (claim := df.claimed_domain()) is not None}
        unnamed = [
            *unread,
            *(df.doc.path for df in files if df.doc.data is None and df.claimed_domain() is None),
        ]
        by_slug = {slug: name for name, slug in PILOT_DOMAINS}
        if all(path.stem in by_slug for path in unnamed):
            claimed |= {by_slug[path.stem] for path in unnamed}
            found += _missing_domains(sf.doc, settings, claimed)
    found += _duplicate_ids(files)
    return found


def _check_header(
    doc: SourceDocument, header: DomainHeader, settings: Settings, known: frozenset[str]
) -> list[Diagnostic]:
    """A domain file's header against zwgk.yaml: its domain is required and covered, its units registered."""
    found: list[Diagnostic] = []
    if header.domain not in settings.domains:
        msg = say("domain-unknown", domain=header.domain)
        hint = _choices(header.domain, settings.domains)
        found.append(located(doc, ("domain",), "domain-unknown", msg, hint))
    elif header.domain in {na.domain for na in settings.not_applicable}:
        msg = say("domain-not-applicable", domain=header.domain)
        hint = say("domain-not-applicable.hint")
        found.append(located(doc, ("domain",), "domain-not-applicable", msg, hint))
    for ref_path, name in _header_units(header.lead, header.partners):
        if name not in known:
            found.append(_unknown_unit(doc, ref_path, name, settings))
    return found


def check_items(sf: SettingsFile, df: DomainFile) -> list[Diagnostic]:
    """Per-item rules: id prefix, vocabularies, units, audience note, link, waivers."""
    found: list[Diagnostic] = []
    settings = sf.settings
    doc = df.doc
    slug = df.header.slug if df.header is not None else df.slug
    prefix = f"{slug}-"
    known = registered_names(settings) if settings is not None else frozenset()
    channels = frozenset(settings.channels) if settings is not None else frozenset()
    levels = frozenset(settings.levels) if settings is not None else frozenset()
    fine: dict[str, bool] = {}  # subject text → names only registered units (or other levels')
    for entry in df.items:
        index, item = entry.index, entry.item
        # an item whose every field validated (nearly all) asks no `usable`: a province has 100,000
        whole = not entry.invalid
        base: FieldPath = ("items", index)
        if (whole or entry.usable("id")) and not item.id.startswith(prefix):
            found.append(_id_prefix(doc, base, index, item, slug))
        if (
            item.audience_note is not None
            and (whole or entry.usable("audience_note", "audience"))
            and "特定群体" not in item.audience
        ):
            msg = say("audience-note", item=item_label(index, item.id))
            hint = say("audience-note.hint")
            found.append(located(doc, (*base, "audience_note"), "audience-note", msg, hint, item_id=item.id))
        if item.link is not None and (whole or entry.usable("link")):
            found += _check_link(doc, base, index, item)
        if item.waivers and entry.usable("waivers"):
            found += _check_waivers(doc, base, index, item)
        if settings is None:
            continue
        if (whole or entry.usable("channels")) and not channels.issuperset(item.channels):
            found += _check_vocab(doc, base, index, item, "channels", settings.channels, "channel-unknown")
        if (whole or entry.usable("levels")) and not levels.issuperset(item.levels):
            found += _check_vocab(doc, base, index, item, "levels", settings.levels, "level-unknown")
        subject = item.subject
        if (
            (whole or entry.usable("subject"))
            and not (type(subject) is str and fine.get(subject))  # a text found fine before
            and not _subject_fine(item, known, fine)
        ):
            found += _check_subject(
                doc, base, index, item, settings, known, check_levels=entry.usable("levels")
            )
    return found


# ---------------------------------------------------------------------------------------------


def _check_slug(df: DomainFile) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    doc, header = df.doc, df.header
    stem = df.slug
    if header is not None and header.slug != stem:
        msg = say("slug-filename", slug=header.slug, file=doc.path.name)
        hint = say("slug-filename.hint", slug=header.slug, stem=stem)
        found.append(located(doc, ("slug",), "slug-filename", msg, hint))
    for candidate in {stem.lower(), header.slug if header else stem}:
        if candidate in RESERVED_SLUGS:
            path: FieldPath = ("slug",) if header is not None else ()
            msg = say("slug-reserved", slug=candidate)
            found.append(located(doc, path, "slug-reserved", msg, say("slug-reserved.hint")))
    return found


def _order_gaps(orders: dict[int, DomainFile], settings: Settings | None) -> list[Diagnostic]:
    """Orders run 1..N without gaps: N is the number of required domains (a missing or
    not-applicable domain keeps its number), or, without settings, the number of files."""
    if not orders:
        return []
    total = len(settings.domains) if settings is not None else len(orders)
    missing = sorted(set(range(1, total + 1)) - set(orders)) if settings is None else None
    found: list[Diagnostic] = []
    for number in sorted(n for n in orders if n > total):
        if missing is None:
            msg = say("order-gap", order=number, total=total)
        else:
            msg = say("order-gap.missing", order=number, total=total, missing=listing(missing))
        found.append(located(orders[number].doc, ("order",), "order-gap", msg))
    return found


def _missing_domains(doc: SourceDocument, settings: Settings, present: set[str]) -> list[Diagnostic]:
    not_applicable = {na.domain for na in settings.not_applicable}
    found: list[Diagnostic] = []
    for index, name in enumerate(settings.domains):
        if name in present or name in not_applicable:
            continue
        msg = say("domain-missing", domain=name)
        hint = say("domain-missing.hint", domain=name)
        found.append(located(doc, ("domains", index), "domain-missing", msg, hint))
    return found


def _duplicate_ids(files: list[DomainFile]) -> list[Diagnostic]:
    """One finding at every place of an id used more than once, in time and size linear in the
    places: the first names the next place and the count, each later one names the first place
    and the count (never the list of all the others: 5,000 copies would make 25 million names)."""
    # first the ids alone: nearly always all differ, and a province's 100,000 places need not be kept
    # (`usable` written out: a call an item is a fifth of this rule's time)
    ids = [
        entry.item.id for df in files for entry in df.items if not entry.invalid or "id" not in entry.invalid
    ]
    if len(set(ids)) == len(ids):
        return []
    seen: dict[str, list[tuple[DomainFile, int]]] = {}
    for df in files:
        for entry in df.items:
            if entry.usable("id"):
                seen.setdefault(entry.item.id, []).append((df, entry.index))
    found: list[Diagnostic] = []
    for ident, places in seen.items():
        if len(places) < 2:
            continue
        count = len(places)
        first_df, first_index = places[0]
        for number, (df, index) in enumerate(places):
            if number == 0:
                key = "id-duplicate.first" if count == 2 else "id-duplicate.first.many"
                other = _place(df, *places[1])
                msg = say(key, id=ident, place=other, count=count, others=count - 1)
            else:
                msg = say("id-duplicate", id=ident, place=_place(df, first_df, first_index), count=count)
            hint = say("id-duplicate.hint")
            found.append(located(df.doc, ("items", index, "id"), "id-duplicate", msg, hint, item_id=ident))
    return found


def _place(here: DomainFile, df: DomainFile, index: int) -> Text:
    """Where item `index` of `df` has its id, as seen from a finding in `here`."""
    line = df.doc.value_pos(("items", index, "id")).line
    if df is here:
        return say("id-duplicate.place.same-file", line=line)
    return say("id-duplicate.place", file=df.doc.path.name, line=line)


def _header_units(lead: str, partners: list[str]) -> Iterable[tuple[FieldPath, str]]:
    yield ("lead",), lead
    for i, p in enumerate(partners):
        yield ("partners", i), p


def registered_names(settings: Settings) -> frozenset[str]:
    """The names of the units and groups an item or a domain may name: the registered units
    inside the catalogue's scope (not those marked `outside`), and the groups."""
    return frozenset(
        [u.name for u in settings.units if u.outside is None] + [g.name for g in settings.groups]
    )


def _unknown_unit(
    doc: SourceDocument, path: FieldPath, name: str, settings: Settings, *, code: str = "unit-unknown"
) -> Diagnostic:
    is_settings = doc.path.name in ("zwgk.yaml", "zwgk.yml")
    where = describe(root_model(is_settings), path, doc.data)
    item_id = item_id_at(doc, path)
    outside = next((u.outside for u in settings.units if u.name == name and u.outside is not None), None)
    if outside is not None:
        msg = say("unit-outside", where=where, name=name, reason=outside.rstrip("。"))
        return located(doc, path, "unit-outside", msg, say("unit-outside.hint"), item_id=item_id)
    msg = say(code, where=where, name=name)
    return located(doc, path, code, msg, _unit_hint(name, settings), item_id=item_id)


def _unit_hint(name: str, settings: Settings) -> Text:
    """What an unregistered unit name should probably be."""
    by_place = [u.name for u in settings.units if u.place == name]
    if by_place:
        return say("unit-unknown.place.hint", name=by_place[0])
    if any(sep in name for sep in ("，", ",", "；", ";", "/", " ")):
        return say("unit-unknown.separator.hint")
    names = [u.name for u in settings.units] + [g.name for g in settings.groups]
    close = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
    if close:
        return say("ui.hint.did-you-mean", value=close[0])
    return say("unit-unknown.hint")


def _id_prefix(doc: SourceDocument, base: FieldPath, index: int, item: Item, slug: str) -> Diagnostic:
    msg = say("id-prefix", number=index + 1, id=item.id, slug=slug)
    hint = say("id-prefix.hint", slug=slug, number=index + 1)
    return located(doc, (*base, "id"), "id-prefix", msg, hint, item_id=item.id)


def _check_vocab(
    doc: SourceDocument, base: FieldPath, index: int, item: Item, key: str, allowed: list[str], code: str
) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    values: list[str] = getattr(item, key)
    title = Item.model_fields[key].title
    for vi, value in enumerate(values):
        if value in allowed:
            continue
        msg = say(code, item=item_label(index, item.id), title=title, key=key, value=value)
        found.append(located(doc, (*base, key, vi), code, msg, _choices(value, allowed), item_id=item.id))
    return found


def _subject_fine(item: Item, known: frozenset[str], fine: dict[str, bool]) -> bool:
    """Whether `_check_subject` certainly finds nothing: every name in the subject is registered
    (or another level's, which a lint reports) and a subject given per level uses the item's
    levels. `fine` remembers the verdict per text: a few hundred subjects recur across thousands
    of items."""
    subject = item.subject
    texts = [subject] if isinstance(subject, str) else list(subject.values())
    if isinstance(subject, dict) and not all(level in item.levels for level in subject):
        return False
    for text in texts:
        verdict = fine.get(text)
        if verdict is None:
            verdict = all(name in known or OTHER_LEVEL.search(name) for name in split_units(text))
            fine[text] = verdict
        if not verdict:
            return False
    return True


def _check_subject(
    doc: SourceDocument,
    base: FieldPath,
    index: int,
    item: Item,
    settings: Settings,
    known: frozenset[str],
    *,
    check_levels: bool,
) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    subject = item.subject
    for level, name in subject_units(subject):
        path: FieldPath = (*base, "subject") if level is None else (*base, "subject", level)
        if name not in known and not OTHER_LEVEL.search(name):
            found.append(_unknown_unit(doc, path, name, settings))
    if isinstance(subject, dict) and check_levels:
        for level in subject:
            if level not in item.levels:
                allowed = listing(item.levels)
                msg = say("subject-level", item=item_label(index, item.id), level=level, levels=allowed)
                hint = say("subject-level.hint", levels=allowed)
                where = (*base, "subject", level)
                found.append(located(doc, where, "subject-level", msg, hint, item_id=item.id, at_key=True))
    return found


# A link that is plainly fine: http(s), a host of letters, digits, dots and hyphens, then nothing,
# or a path, query or fragment of visible ASCII. `urlsplit` would pass it too; the pattern costs an
# eighth as much (100,000 links: 0.04 s against 0.3 s), and any other link still goes through `urlsplit`.
_PLAIN_LINK = re.compile(r"https?://[A-Za-z0-9.\-]+(?::[0-9]*)?(?:[/?#][!-~]*)?")


def _check_link(doc: SourceDocument, base: FieldPath, index: int, item: Item) -> list[Diagnostic]:
    link = item.link or ""
    if _PLAIN_LINK.fullmatch(link) is not None:
        return []
    try:
        parts = urlsplit(link)
    except ValueError:  # a host urllib cannot split: an unclosed "[", characters NFKC turns into "/"
        msg = say("link-scheme.malformed", item=item_label(index, item.id), link=link)
    else:
        # split() breaks at exactly the characters isspace() names, in C rather than char by char
        if parts.scheme in ("http", "https") and parts.netloc and link.split() == [link]:
            return []
        msg = say("link-scheme", item=item_label(index, item.id), link=link)
    return [located(doc, (*base, "link"), "link-scheme", msg, say("link-scheme.hint"), item_id=item.id)]


def _check_waivers(doc: SourceDocument, base: FieldPath, index: int, item: Item) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for wi, waiver in enumerate(item.waivers):
        if waiver.code in WAIVABLE:
            continue
        label = item_label(index, item.id)
        if waiver.code in CODES:
            msg, hint = say("waiver-invalid.error", item=label, code=waiver.code), None
        else:
            msg = say("waiver-invalid", item=label, code=waiver.code)
            hint = _choices(waiver.code, sorted(WAIVABLE))
        found.append(
            located(doc, (*base, "waivers", wi, "code"), "waiver-invalid", msg, hint, item_id=item.id)
        )
    return found


def _repeats(
    doc: SourceDocument, base: FieldPath, values: list[str], code: str, *, field: str | None = None
) -> list[Diagnostic]:
    first: dict[str, int] = {}
    found: list[Diagnostic] = []
    for i, value in enumerate(values):
        if value in first:
            path: FieldPath = (*base, i, field) if field else (*base, i)
            where = describe(root_model(True), path, doc.data)
            line = doc.value_pos((*base, first[value], field) if field else (*base, first[value])).line
            found.append(located(doc, path, code, say(code, where=where, value=value, line=line)))
        else:
            first[value] = i
    return found


def _choices(value: str, allowed: list[str]) -> Text:
    close = difflib.get_close_matches(value, allowed, n=1, cutoff=0.4)
    if close:
        return say("ui.hint.choices.close", value=close[0], allowed=listing(allowed))
    return say("ui.hint.choices", allowed=listing(allowed))
