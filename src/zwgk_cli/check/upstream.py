"""The upstream catalogue a district claims from (认领), and the inheritance of claimed items.

Why: the city departments publish a 标准指引 with items for 市级, 区县级 and 乡镇级; each district
claims the items for its own levels, overriding what differs locally (typically 公开主体 and channels)
and inheriting the rest. Inherited values are checked where they were written: a diagnostic about an
inherited value points at the upstream file and line.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from zwgk_cli.core.models import Item
from zwgk_cli.core.source import SourceDocument

# Fields a claiming item never inherits: its own identity, its waivers and its portal link.
NOT_INHERITED = frozenset({"id", "claims", "claimed_hash", "waivers", "link"})
INHERITABLE: tuple[str, ...] = tuple(k for k in Item.model_fields if k not in NOT_INHERITED)


def item_hash(raw: dict[str, Any]) -> str:
    """A short fingerprint of an upstream item's content (its id and waivers excluded)."""
    data = {k: raw.get(k) for k in sorted(raw) if k not in ("id", "waivers")}
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True, slots=True)
class UpstreamItem:
    """One item of the upstream catalogue, where it was written, and its levels in our terms."""

    id: str
    slug: str
    domain: str
    index: int
    raw: dict[str, Any]
    doc: SourceDocument
    levels: tuple[str, ...]
    hash: str

    @property
    def title(self) -> str:
        """“一级事项 · 二级事项”, as far as the item gives them."""
        return " · ".join(str(self.raw.get(k, "")) for k in ("category", "name") if self.raw.get(k))


@dataclass(slots=True)
class Upstream:
    """The upstream catalogue as the district sees it."""

    root: Path
    label: str
    edition: str | None
    levels: list[str]
    mapping: dict[str, str]
    items: dict[str, UpstreamItem] = field(default_factory=dict)
    domains: list[tuple[str, str]] = field(default_factory=list)  # (slug, name) in order

    def applicable(self) -> list[UpstreamItem]:
        """Items at a level the district covers (after the level mapping)."""
        return [item for item in self.items.values() if item.levels]


def map_levels(values: Any, mapping: dict[str, str]) -> list[str]:
    """Upstream level labels in our terms; labels with no mapping are dropped."""
    if not isinstance(values, list):
        return []
    mapped: list[str] = []
    for value in values:
        ours = mapping.get(value) if isinstance(value, str) else None
        if ours is not None and ours not in mapped:
            mapped.append(ours)
    return mapped


def inherited_value(key: str, value: Any, mapping: dict[str, str]) -> Any:
    """An upstream value as a claiming item inherits it: levels and level maps translated."""
    if key == "levels":
        return map_levels(value, mapping)
    if key == "subject" and isinstance(value, dict):
        return {mapping[k]: v for k, v in value.items() if isinstance(k, str) and k in mapping}
    return value


def inherit(
    local: dict[str, Any], parent: UpstreamItem, mapping: dict[str, str]
) -> tuple[dict[str, Any], list[str]]:
    """The claiming item's effective data, and the fields it took from its parent."""
    merged = dict(local)
    taken: list[str] = []
    for key in INHERITABLE:
        if key not in local and key in parent.raw:
            merged[key] = inherited_value(key, parent.raw[key], mapping)
            taken.append(key)
    ordered = {k: merged[k] for k in Item.model_fields if k in merged}
    ordered.update({k: v for k, v in merged.items() if k not in ordered})
    return ordered, taken


def effective_document(doc: SourceDocument, upstream: Upstream | None) -> SourceDocument:
    """`doc` with every claiming item completed from its parent; origins record inherited fields."""
    if upstream is None or not isinstance(doc.data, dict) or not isinstance(doc.data.get("items"), list):
        return doc
    items = doc.data["items"]
    new_items: list[Any] = []
    origins = dict(doc.origins)
    changed = False
    for index, raw in enumerate(items):
        claim = raw.get("claims") if isinstance(raw, dict) else None
        parent = upstream.items.get(claim) if isinstance(claim, str) else None
        if parent is None:
            new_items.append(raw)
            continue
        merged, taken = inherit(raw, parent, upstream.mapping)
        for key in taken:
            origins[("items", index, key)] = (parent.doc, ("items", parent.index, key))
        new_items.append(merged)
        changed = True
    if not changed:
        return doc
    return replace(doc, data={**doc.data, "items": new_items}, origins=origins)
