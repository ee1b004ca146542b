"""What changed between two versions of a catalogue: items matched by id, field by field.

Why: the district republishes its catalogue whenever laws or duties change (动态管理) and must say
what changed; reviewers need the same list for a pull request. Comparison is on the parsed data, so
formatting, comments and key order are never changes; a missing optional field equals its default.
"""

from __future__ import annotations

import functools
import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from pydantic import BaseModel

from zwgk_cli.core.diagnostics import say
from zwgk_cli.core.models import (
    NOT_PUBLISHED,
    DomainHeader,
    Group,
    Item,
    NotApplicable,
    Settings,
    Unit,
    field_title,
)

ChangeKind = Literal["added", "removed", "changed", "moved", "renumbered"]

# Compared as published: the claim's bookkeeping and the waivers appear in no output.
ITEM_FIELDS: tuple[str, ...] = tuple(k for k in Item.model_fields if k not in NOT_PUBLISHED)
ITEM_DEFAULTS: dict[str, Any] = {"content": [], "audience_note": None, "link": None}
Origin = Literal["district", "upstream"]
HEADER_FIELDS: tuple[str, ...] = ("domain", "order", "lead", "partners", "partners_etc", "due")
HEADER_DEFAULTS: dict[str, Any] = {"partners": [], "partners_etc": False}
SETTINGS_SCALARS: tuple[str, ...] = (
    "schema_version", "region", "issuer", "document", "title", "scope", "edition", "published", "example",
)  # fmt: skip
SETTINGS_LISTS: tuple[str, ...] = ("basis", "levels", "channels", "domains")
SETTINGS_DEFAULTS: dict[str, Any] = {
    "document": None,
    "basis": [],
    "title": None,
    "scope": None,
    "example": False,
}
# keyed lists in zwgk.yaml: (key, the key of one entry, its model)
SETTINGS_KEYED: tuple[tuple[str, str, type[BaseModel]], ...] = (
    ("units", "name", Unit),
    ("groups", "name", Group),
    ("not_applicable", "domain", NotApplicable),
)


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field's old and new value; for a list, the elements added and removed."""

    key: str
    title: str
    old: Any
    new: Any
    added: tuple[Any, ...] = ()
    removed: tuple[Any, ...] = ()
    # "upstream" when the value is inherited from the upstream item on both sides, so the change
    # reached the claimed item from the upstream catalogue; else the district's own edit
    origin: Origin = "district"

    @property
    def reordered_only(self) -> bool:
        """A list whose elements stayed the same but moved."""
        return (
            isinstance(self.old, list) and isinstance(self.new, list) and not self.added and not self.removed
        )


@dataclass(frozen=True, slots=True)
class ItemChange:
    """An item added, removed, changed, moved to another domain, or given a new id."""

    kind: ChangeKind
    id: str
    old_id: str | None
    old_domain: str | None
    new_domain: str | None
    category: str
    name: str
    fields: tuple[FieldChange, ...] = ()
    claims: str | None = None  # the upstream item the item claims (new side, else old side)
    upstream_title: str = ""  # that upstream item's 一级事项 · 二级事项

    @property
    def origin(self) -> Literal["district", "upstream", "both"]:
        """Where the change came from: the district's edit, the upstream catalogue, or both."""
        origins = {f.origin for f in self.fields}
        if "upstream" not in origins:
            return "district"
        return "upstream" if origins == {"upstream"} else "both"


@dataclass(slots=True)
class DomainChanges:
    """Everything that changed in one domain file."""

    slug: str
    name: str
    order: int | None
    status: Literal["added", "removed", "kept"]
    header: list[FieldChange] = field(default_factory=list)
    items: list[ItemChange] = field(default_factory=list)
    reordered: bool = False

    def counts(self) -> dict[str, int]:
        """新增 / 删除 / 修改 / 移入 / 移出 / 重新编号, seen from this domain."""
        kinds: Counter[str] = Counter()
        for change in self.items:
            if change.kind == "added":
                kinds["added"] += 1
            elif change.kind == "removed":
                kinds["removed"] += 1
            elif change.kind == "changed":
                kinds["changed"] += 1
            elif change.old_domain != change.new_domain:
                kinds["moved_in" if change.new_domain == self.slug else "moved_out"] += 1
            else:
                kinds["renumbered"] += 1
        return {k: kinds[k] for k in ("added", "removed", "changed", "moved_in", "moved_out", "renumbered")}

    @property
    def has_changes(self) -> bool:
        return self.status != "kept" or bool(self.header or self.items or self.reordered)


@dataclass(frozen=True, slots=True)
class SideErrors:
    """A version compared although it had errors: what the comparison may have missed."""

    label: str
    errors: int
    files: tuple[str, ...]  # the files with errors, relative to the catalogue folder
    # of those, the files that could not be read at all: left out, so their contents look
    # added (or removed) as a whole, and a zwgk.yaml left out makes every setting look new
    unreadable: tuple[str, ...]


@dataclass(slots=True)
class CatalogueDiff:
    """Two versions compared."""

    old_label: str
    new_label: str
    settings: list[FieldChange] = field(default_factory=list)
    domains: list[DomainChanges] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    incomplete: list[SideErrors] = field(default_factory=list)  # sides compared despite errors

    @property
    def has_changes(self) -> bool:
        return bool(self.settings) or any(d.has_changes for d in self.domains)

    def changed_domains(self) -> list[DomainChanges]:
        return [d for d in self.domains if d.has_changes]

    def totals(self) -> dict[str, int]:
        """Item counts over the whole catalogue (a move counts once)."""
        seen: dict[tuple[str, str | None], ItemChange] = {}
        for domain in self.domains:
            for change in domain.items:
                seen[(change.id, change.old_id)] = change
        kinds = Counter(change.kind for change in seen.values())
        return {k: kinds[k] for k in ("added", "removed", "changed", "moved", "renumbered")}


@dataclass(slots=True)
class Side:
    """One version's plain data: settings and each domain file's mapping, by slug."""

    label: str
    settings: dict[str, Any]
    domains: dict[str, dict[str, Any]]  # as published: claimed items completed from the upstream
    written: dict[str, dict[str, Any]] = field(default_factory=dict)  # as written, where different
    upstream: Mapping[str, Any] = field(default_factory=dict)  # upstream id → item with a .title


def _norm(value: Any, default: Any) -> Any:
    return default if value is None and default is not None else value


@functools.cache
def _title(model: type[BaseModel], key: str) -> str:
    return field_title(model, key) or key


def compare_values(key: str, title: str, old: Any, new: Any) -> FieldChange | None:
    """A FieldChange when `old` and `new` differ (lists: elements added and removed)."""
    if old == new:
        return None
    if isinstance(old, list) and isinstance(new, list) and all(_hashable(v) for v in [*old, *new]):
        before, after = Counter(old), Counter(new)
        added = tuple((after - before).elements())
        removed = tuple((before - after).elements())
        return FieldChange(key, title, old, new, added, removed)
    return FieldChange(key, title, old, new)


def _hashable(value: Any) -> bool:
    return isinstance(value, str | int | float | bool) or value is None


def compare_mapping(
    old: dict[str, Any],
    new: dict[str, Any],
    keys: Iterable[str],
    model: type[BaseModel],
    defaults: dict[str, Any],
) -> list[FieldChange]:
    """Field changes between two mappings of `model`'s fields (unknown keys are compared too)."""
    # Called once per item matched: values equal as written are equal as compared, so only the
    # keys whose values differ are looked at closer.
    if old == new:
        return []
    keys = tuple(keys)
    # the keys either mapping has (one absent from both compares equal, None to None), in C
    present = old.keys() | new.keys()
    unknown = present - _known(keys)
    found = []
    for key in (*keys, *sorted(unknown)) if unknown else keys:
        if key not in present:
            continue
        before, after = old.get(key), new.get(key)
        if before == after:
            continue
        default = defaults.get(key)
        change = compare_values(key, _title(model, key), _norm(before, default), _norm(after, default))
        if change is not None:
            found.append(change)
    return found


@functools.cache
def _known(keys: tuple[str, ...]) -> frozenset[str]:
    """The keys `compare_mapping` does not add as unknown ones: the model's, and those never compared."""
    return frozenset(keys) | {"items"} | NOT_PUBLISHED


Items = dict[str, tuple[str, dict[str, Any]]]


def _items(side: Side) -> tuple[Items, dict[str, list[str]], list[str], dict[str, dict[str, Any]]]:
    """Item id → (slug, data as published); slug → ids in file order; notes about items that cannot
    be matched; claimed item id → the item as written (only claimed items: no copy of the rest)."""
    by_id: Items = {}
    claimed: dict[str, dict[str, Any]] = {}
    order: dict[str, list[str]] = {}
    notes: list[str] = []
    for slug, data in side.domains.items():
        ids: list[str] = []
        items = data.get("items")
        written_items = side.written.get(slug, {}).get("items")
        if not isinstance(written_items, list) or written_items is items:
            written_items = []
        for index, item in enumerate(items if isinstance(items, list) else []):
            ident = item.get("id") if isinstance(item, dict) else None
            if not isinstance(ident, str):
                notes.append(say("ui.history.no-id", label=side.label, slug=slug, number=index + 1).zh)
                continue
            if ident in by_id:
                notes.append(say("ui.history.duplicate-id", label=side.label, ident=ident).zh)
                continue
            by_id[ident] = (slug, item)
            ids.append(ident)
            # a claimed item is completed into a new mapping; every other item is the one written
            written = written_items[index] if index < len(written_items) else None
            if isinstance(written, dict) and written is not item:
                claimed[ident] = written
        order[slug] = ids
    return by_id, order, notes, claimed


def _signature(item: dict[str, Any]) -> str:
    """The item's content without its id: equal signatures mean the same row renumbered."""
    data = {key: _norm(item.get(key), ITEM_DEFAULTS.get(key)) for key in ITEM_FIELDS}
    return json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)


def _text(value: Any) -> str:
    return value if isinstance(value, str) else "" if value is None else str(value)


def diff_sides(old: Side, new: Side) -> CatalogueDiff:
    """Compare two versions: settings, domain headers, and items matched by id."""
    result = CatalogueDiff(old.label, new.label)
    result.settings = _settings_changes(old.settings, new.settings)
    old_items, old_order, notes_old, old_claimed = _items(old)
    new_items, new_order, notes_new, new_claimed = _items(new)
    result.notes = notes_old + notes_new

    def fields_of(old_id: str, new_id: str) -> tuple[FieldChange, ...]:
        found = compare_mapping(old_items[old_id][1], new_items[new_id][1], ITEM_FIELDS, Item, ITEM_DEFAULTS)
        before, after = old_claimed.get(old_id), new_claimed.get(new_id)
        if before is None or after is None:
            return tuple(found)
        return tuple(
            replace(f, origin="upstream") if f.key not in before and f.key not in after else f for f in found
        )

    def change(
        kind: ChangeKind,
        ident: str,
        old_id: str | None,
        fields: tuple[FieldChange, ...] = (),
    ) -> ItemChange:
        old_slug = (
            old_items[old_id or ident][0] if (old_id or ident) in old_items and kind != "added" else None
        )
        slug, data = new_items[ident] if kind != "removed" else old_items[ident]
        # the claim the item has now, else (removed, or no longer claiming) the one it had
        sides = [(new_claimed.get(ident), new)] if kind != "removed" else []
        if kind != "added":
            sides.append((old_claimed.get(old_id or ident), old))
        claim, parent = None, None
        for written, side in sides:
            value = written.get("claims") if written is not None else None
            if isinstance(value, str):
                claim, parent = value, side.upstream.get(value)
                break
        return ItemChange(
            kind,
            ident,
            old_id,
            old_slug,
            None if kind == "removed" else slug,
            _text(data.get("category")),
            _text(data.get("name")),
            fields,
            claim,
            _text(getattr(parent, "title", "")),
        )

    changes: list[ItemChange] = []
    for ident, (slug, _data) in new_items.items():
        if ident not in old_items:
            continue
        old_slug = old_items[ident][0]
        fields = fields_of(ident, ident)
        if old_slug != slug:
            changes.append(change("moved", ident, None, fields))
        elif fields:
            changes.append(change("changed", ident, None, fields))
    removed = [i for i in old_items if i not in new_items]
    added = [i for i in new_items if i not in old_items]
    pairs = _renumberings(removed, added, old_items, new_items)
    paired_old = {o for o, _ in pairs}
    paired_new = {n for _, n in pairs}
    for old_id, new_id in pairs:
        changes.append(change("renumbered", new_id, old_id, fields_of(old_id, new_id)))
    for ident in removed:
        if ident not in paired_old:
            changes.append(change("removed", ident, None))
    for ident in added:
        if ident not in paired_new:
            changes.append(change("added", ident, None))
    result.domains = _domain_changes(old, new, changes, old_order, new_order, old_items, new_items)
    return result


def _renumberings(
    removed: list[str],
    added: list[str],
    old_items: dict[str, tuple[str, dict[str, Any]]],
    new_items: dict[str, tuple[str, dict[str, Any]]],
) -> list[tuple[str, str]]:
    """Removed items whose row reappears under a new id: identical content first, then the same
    一级 and 二级事项 in the same domain."""
    pairs: list[tuple[str, str]] = []
    free = list(added)
    by_signature: dict[str, list[str]] = {}
    for ident in free:
        by_signature.setdefault(_signature(new_items[ident][1]), []).append(ident)
    unmatched: list[str] = []
    for ident in removed:
        slug, data = old_items[ident]
        candidates = [c for c in by_signature.get(_signature(data), []) if c in free]
        if candidates:
            best = next((c for c in candidates if new_items[c][0] == slug), candidates[0])
            pairs.append((ident, best))
            free.remove(best)
        else:
            unmatched.append(ident)
    for ident in unmatched:
        slug, data = old_items[ident]
        key = (slug, data.get("category"), data.get("name"))
        match = next(
            (
                c
                for c in free
                if (new_items[c][0], new_items[c][1].get("category"), new_items[c][1].get("name")) == key
            ),
            None,
        )
        if match is not None:
            pairs.append((ident, match))
            free.remove(match)
    return pairs


def _domain_changes(
    old: Side,
    new: Side,
    changes: list[ItemChange],
    old_order: dict[str, list[str]],
    new_order: dict[str, list[str]],
    old_items: dict[str, tuple[str, dict[str, Any]]],
    new_items: dict[str, tuple[str, dict[str, Any]]],
) -> list[DomainChanges]:
    slugs = list(new.domains) + [s for s in old.domains if s not in new.domains]
    by_slug: dict[str | None, list[ItemChange]] = {}  # each change under both its domains, in order
    for change in changes:
        by_slug.setdefault(change.old_domain, []).append(change)
        if change.new_domain != change.old_domain:
            by_slug.setdefault(change.new_domain, []).append(change)
    found: list[DomainChanges] = []
    for slug in slugs:
        old_data, new_data = old.domains.get(slug), new.domains.get(slug)
        data = new_data if new_data is not None else old_data
        assert data is not None
        order = data.get("order")
        domain = DomainChanges(
            slug,
            _text(data.get("domain")) or slug,
            order if isinstance(order, int) and not isinstance(order, bool) else None,
            "added" if old_data is None else "removed" if new_data is None else "kept",
        )
        if old_data is not None and new_data is not None:
            domain.header = compare_mapping(old_data, new_data, HEADER_FIELDS, DomainHeader, HEADER_DEFAULTS)
            kept = [i for i in new_order.get(slug, []) if old_items.get(i, ("",))[0] == slug]
            before = [i for i in old_order.get(slug, []) if new_items.get(i, ("",))[0] == slug]
            domain.reordered = kept != before
        domain.items = by_slug.get(slug, [])
        old_index = {ident: i for i, ident in enumerate(old_order.get(slug, []))}
        new_index = {ident: i for i, ident in enumerate(new_order.get(slug, []))}
        domain.items.sort(key=lambda c: _position(c, slug, old_index, new_index))
        found.append(domain)
    found.sort(key=lambda d: (d.order is None, d.order or 0, d.slug))
    return found


def _position(
    change: ItemChange, slug: str, old_index: dict[str, int], new_index: dict[str, int]
) -> tuple[int, int]:
    """Sort a domain's changes in file order (new file first, removed rows where they stood);
    `old_index` and `new_index` give each id's place in the domain's old and new file."""
    if change.new_domain == slug and change.id in new_index:
        return (new_index[change.id], 0)
    return (old_index.get(change.old_id or change.id, 10**9), 1)


def _settings_changes(old: dict[str, Any], new: dict[str, Any]) -> list[FieldChange]:
    found = compare_mapping(
        {k: old.get(k) for k in SETTINGS_SCALARS + SETTINGS_LISTS},
        {k: new.get(k) for k in SETTINGS_SCALARS + SETTINGS_LISTS},
        SETTINGS_SCALARS + SETTINGS_LISTS,
        Settings,
        SETTINGS_DEFAULTS,
    )
    for key, ident, model in SETTINGS_KEYED:
        before = _keyed(old.get(key), ident)
        after = _keyed(new.get(key), ident)
        title = _title(Settings, key)
        added = tuple(name for name in after if name not in before)
        removed = tuple(name for name in before if name not in after)
        if added or removed:
            found.append(FieldChange(key, title, list(before), list(after), added, removed))
        for name in after:
            if name in before:
                for change in compare_mapping(before[name], after[name], list(model.model_fields), model, {}):
                    found.append(
                        FieldChange(
                            f"{key}[{name}].{change.key}",
                            say("ui.history.field-of", title=title, name=name, field=change.title).zh,
                            change.old,
                            change.new,
                            change.added,
                            change.removed,
                        )
                    )
    return found


def _keyed(entries: Any, ident: str) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for entry in entries if isinstance(entries, list) else []:
        if isinstance(entry, dict) and isinstance(entry.get(ident), str):
            found.setdefault(entry[ident], entry)
    return found
