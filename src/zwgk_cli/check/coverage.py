"""Claims against the upstream catalogue: loading it, the claim rules, and 公开事项覆盖度.

Every upstream item at a level the district covers is claimed (by an item's `claims`), declined
with a reason (a domain file's `declines`), or missing. Items that claim nothing are the district's
own additions (增补). Reviewers read the per-domain coverage; `validate` warns about each missing
claim and about upstream items changed since they were claimed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zwgk_cli.check.upstream import Upstream, UpstreamItem, item_hash, map_levels
from zwgk_cli.core.catalogue import DomainFile, SettingsFile, located
from zwgk_cli.core.diagnostics import Diagnostic, Text, ZwgkError

COVERAGE_JSON_VERSION = 1

# Reads the upstream folder named in zwgk.yaml (relative to the catalogue folder) and checks it.
UpstreamLoader = Callable[[str], Any]


def load_upstream(
    settings_file: SettingsFile, loader: UpstreamLoader
) -> tuple[Upstream | None, list[Diagnostic]]:
    """The upstream catalogue named in zwgk.yaml, with findings about reaching it."""
    settings = settings_file.settings
    doc = settings_file.doc
    if settings is None or settings.upstream is None or doc is None:
        return None, []
    config = settings.upstream
    try:
        check = loader(config.path)
    except ZwgkError:
        return None, [
            located(
                doc,
                ("upstream", "path"),
                "upstream-missing",
                Text(
                    f"找不到上级目录 {config.path}：本目录文件夹中没有这个文件夹，或其中没有 zwgk.yaml。",
                    f"cannot find the upstream catalogue {config.path}: no such folder, or it has no zwgk.yaml.",
                ),
                Text(
                    "upstream.path 写相对于本目录文件夹的路径，如 upstream-chongqing。",
                    "upstream.path is relative to this catalogue folder, e.g. upstream-chongqing.",
                ),
            )
        ]
    found: list[Diagnostic] = []
    if check.summary.errors:
        found.append(
            located(
                doc,
                ("upstream", "path"),
                "upstream-invalid",
                Text(
                    f"上级目录 {config.path} 有 {check.summary.errors} 个错误，认领的事项可能不完整。",
                    f"the upstream catalogue {config.path} has {check.summary.errors} errors; claimed items may be incomplete.",
                ),
                Text(
                    f"在本目录文件夹中运行 zwgk validate {config.path} 查看。",
                    f"run zwgk validate {config.path} in this catalogue folder to see them.",
                ),
            )
        )
    up_settings = check.settings.settings
    if up_settings is None:
        return None, found
    for key, ours in config.levels.items():
        if key not in up_settings.levels or ours not in settings.levels:
            found.append(
                located(
                    doc,
                    ("upstream", "levels", key),
                    "upstream-levels",
                    Text(
                        f"层级对应 {key} → {ours} 有误：上级层级应为 {'、'.join(up_settings.levels)} 之一，本目录层级应为 {'、'.join(settings.levels)} 之一。",
                        f"level mapping {key} → {ours} is wrong: upstream levels are {', '.join(up_settings.levels)}, ours {', '.join(settings.levels)}.",
                    ),
                    at_key=key not in up_settings.levels,
                )
            )
    if config.edition is not None and config.edition != up_settings.edition:
        found.append(
            located(
                doc,
                ("upstream", "edition"),
                "upstream-edition",
                Text(
                    f"上级目录已从 {config.edition} 改为 {up_settings.edition}：请复核认领的事项，再把 upstream.edition 改为 {up_settings.edition}。",
                    f"the upstream catalogue moved from {config.edition} to {up_settings.edition}: review the claims, then set upstream.edition to {up_settings.edition}.",
                ),
            )
        )
    mapping = {k: v for k, v in config.levels.items() if k in up_settings.levels and v in settings.levels}
    upstream = Upstream(
        Path(str(check.root)), config.path, up_settings.edition, list(up_settings.levels), mapping
    )
    for df in sorted(check.files, key=_order):
        name = df.claimed_domain() or df.slug
        upstream.domains.append((df.slug, name))
        raw_items = df.doc.data.get("items") if isinstance(df.doc.data, dict) else None
        for index, raw in enumerate(raw_items if isinstance(raw_items, list) else []):
            if isinstance(raw, dict) and isinstance(raw.get("id"), str) and raw["id"] not in upstream.items:
                levels = tuple(map_levels(raw.get("levels"), mapping))
                upstream.items[raw["id"]] = UpstreamItem(
                    raw["id"], df.slug, name, index, raw, df.doc, levels, item_hash(raw)
                )
    return upstream, found


def _order(df: DomainFile) -> tuple[int, str]:
    order = df.doc.data.get("order") if isinstance(df.doc.data, dict) else None
    return (order if isinstance(order, int) else 10**6, df.slug)


@dataclass(slots=True)
class DomainCoverage:
    """One upstream domain: what the district did with each of its applicable items."""

    slug: str
    name: str
    claimed: list[tuple[UpstreamItem, str]] = field(default_factory=list)  # (upstream item, local id)
    declined: list[tuple[UpstreamItem, str]] = field(default_factory=list)  # (upstream item, reason)
    missing: list[UpstreamItem] = field(default_factory=list)
    added: list[str] = field(default_factory=list)  # local ids that claim nothing
    stale: list[tuple[UpstreamItem, str]] = field(default_factory=list)  # claimed, changed since

    @property
    def applicable(self) -> int:
        return len(self.claimed) + len(self.declined) + len(self.missing)

    @property
    def percent(self) -> float:
        """Share of applicable upstream items claimed or declined (100 when there are none)."""
        return (
            100.0
            if not self.applicable
            else 100.0 * (len(self.claimed) + len(self.declined)) / self.applicable
        )


@dataclass(slots=True)
class Claim:
    """A local item's claim, where it was written."""

    item_id: str
    upstream_id: str
    df: DomainFile
    index: int
    recorded_hash: str | None


def _claims(files: list[DomainFile]) -> list[Claim]:
    found: list[Claim] = []
    for df in files:
        raw_items = df.source.data.get("items") if isinstance(df.source.data, dict) else None
        for index, raw in enumerate(raw_items if isinstance(raw_items, list) else []):
            if isinstance(raw, dict) and isinstance(raw.get("claims"), str):
                ident = raw.get("id") if isinstance(raw.get("id"), str) else f"#{index + 1}"
                recorded = raw.get("claimed_hash") if isinstance(raw.get("claimed_hash"), str) else None
                found.append(Claim(str(ident), raw["claims"], df, index, recorded))
    return found


def _declines(files: list[DomainFile]) -> list[tuple[DomainFile, int, str, str]]:
    found: list[tuple[DomainFile, int, str, str]] = []
    for df in files:
        raw = df.source.data.get("declines") if isinstance(df.source.data, dict) else None
        for index, entry in enumerate(raw if isinstance(raw, list) else []):
            if isinstance(entry, dict) and isinstance(entry.get("item"), str):
                found.append((df, index, entry["item"], str(entry.get("reason", ""))))
    return found


def claim_diagnostics(
    settings_file: SettingsFile, files: list[DomainFile], upstream: Upstream | None
) -> list[Diagnostic]:
    """The claim rules: unknown, duplicate or level-less claims, bad declines, missing and stale claims."""
    claims = _claims(files)
    declines = _declines(files)
    found: list[Diagnostic] = []
    configured = settings_file.settings is not None and settings_file.settings.upstream is not None
    if upstream is None:
        if not configured:
            for claim in claims:
                found.append(
                    located(
                        claim.df.source,
                        ("items", claim.index, "claims"),
                        "claim-unknown",
                        Text(
                            f"事项 {claim.item_id} 认领了上级事项 {claim.upstream_id}，但 zwgk.yaml 没有设置上级目录 (upstream)。",
                            f"item {claim.item_id} claims {claim.upstream_id}, but zwgk.yaml names no upstream catalogue.",
                        ),
                        Text(
                            "在 zwgk.yaml 中加上 upstream: {path: …, levels: {…}}，或删去 claims。",
                            "add upstream: {path: …, levels: {…}} to zwgk.yaml, or remove claims.",
                        ),
                        item_id=claim.item_id,
                    )
                )
        return found
    first_claim: dict[str, Claim] = {}
    for claim in claims:
        where = ("items", claim.index, "claims")
        parent = upstream.items.get(claim.upstream_id)
        if parent is None:
            found.append(
                located(
                    claim.df.source,
                    where,
                    "claim-unknown",
                    Text(
                        f"上级目录 {upstream.label} 中没有事项 {claim.upstream_id}。",
                        f"the upstream catalogue {upstream.label} has no item {claim.upstream_id}.",
                    ),
                    Text(
                        "核对上级事项编号；zwgk coverage 列出上级目录的全部事项。",
                        "check the id; zwgk coverage lists the upstream items.",
                    ),
                    item_id=claim.item_id,
                )
            )
            continue
        if claim.upstream_id in first_claim:
            other = first_claim[claim.upstream_id]
            found.append(
                located(
                    claim.df.source,
                    where,
                    "claim-duplicate",
                    Text(
                        f"上级事项 {claim.upstream_id} 已由 {other.item_id}（{other.df.doc.path.name}）认领，一个上级事项只能认领一次。",
                        f"upstream item {claim.upstream_id} is already claimed by {other.item_id} ({other.df.doc.path.name}).",
                    ),
                    Text(
                        "本地细分为多行时，只在一行写 claims，其余作为增补事项。",
                        "when split locally, claim on one row; the others are additions.",
                    ),
                    item_id=claim.item_id,
                )
            )
            continue
        first_claim[claim.upstream_id] = claim
        if not parent.levels:
            found.append(
                located(
                    claim.df.source,
                    where,
                    "claim-level",
                    Text(
                        f"上级事项 {claim.upstream_id}（{parent.title}）的公开层级 {'、'.join(map(str, parent.raw.get('levels') or []))} 都不对应本目录的层级，不需要认领。",
                        f"upstream item {claim.upstream_id} has no level that maps to ours; it need not be claimed.",
                    ),
                    Text(
                        "删去 claims（作为增补事项），或在 zwgk.yaml 的 upstream.levels 中补上层级对应。",
                        "remove claims, or map the level in upstream.levels.",
                    ),
                    item_id=claim.item_id,
                )
            )
        if claim.recorded_hash is not None and claim.recorded_hash != parent.hash:
            found.append(
                located(
                    claim.df.source,
                    ("items", claim.index, "claimed_hash"),
                    "claim-stale",
                    Text(
                        f"上级事项 {claim.upstream_id}（{parent.title}）在认领后有改动，请复核本事项。",
                        f"upstream item {claim.upstream_id} changed since it was claimed; review this item.",
                    ),
                    Text(
                        f"复核后把 claimed_hash 改为 {parent.hash}。",
                        f"after review, set claimed_hash to {parent.hash}.",
                    ),
                    item_id=claim.item_id,
                )
            )
    declined: dict[str, tuple[DomainFile, int]] = {}
    for df, index, ident, _ in declines:
        where = ("declines", index, "item")
        if ident not in upstream.items:
            found.append(
                located(
                    df.source,
                    where,
                    "decline-unknown",
                    Text(
                        f"上级目录 {upstream.label} 中没有事项 {ident}。",
                        f"the upstream catalogue has no item {ident}.",
                    ),
                )
            )
        elif ident in first_claim:
            found.append(
                located(
                    df.source,
                    where,
                    "decline-claimed",
                    Text(
                        f"上级事项 {ident} 既被 {first_claim[ident].item_id} 认领，又列为不认领。",
                        f"upstream item {ident} is both claimed by {first_claim[ident].item_id} and declined.",
                    ),
                    Text("删去其中一处。", "remove one of the two."),
                )
            )
        declined.setdefault(ident, (df, index))
    by_domain = {df.claimed_domain(): df for df in files}
    for parent in upstream.applicable():
        if parent.id in first_claim or parent.id in declined:
            continue
        local = by_domain.get(parent.domain)
        if local is None:
            continue  # the whole domain is missing: domain-missing says so
        found.append(
            located(
                local.source,
                ("domain",),
                "claim-missing",
                Text(
                    f"上级事项 {parent.id}（{parent.title}，{upstream.label}/{parent.doc.path.name} 第 {parent.doc.value_pos(('items', parent.index, 'id')).line} 行）公开层级含 {'、'.join(parent.levels)}，本领域既没有认领也没有说明不认领。",
                    f"upstream item {parent.id} ({parent.title}) applies at {', '.join(parent.levels)} but is neither claimed nor declined here.",
                ),
                Text(
                    f"认领：在对应事项中写 claims: {parent.id}；不认领：在 declines 中加上 {{item: {parent.id}, reason: …}}。",
                    f"claim it with claims: {parent.id}, or add {{item: {parent.id}, reason: …}} to declines.",
                ),
            )
        )
    return found


def coverage_table(files: list[DomainFile], upstream: Upstream) -> list[DomainCoverage]:
    """Per upstream domain: claimed, declined, missing, and the district's additions."""
    claims = {c.upstream_id: c for c in reversed(_claims(files))}
    declines = {ident: reason for _, _, ident, reason in reversed(_declines(files))}
    table = {slug: DomainCoverage(slug, name) for slug, name in upstream.domains}
    name_to_slug = {name: slug for slug, name in upstream.domains}
    for parent in upstream.applicable():
        row = table[parent.slug]
        if parent.id in claims:
            claim = claims[parent.id]
            row.claimed.append((parent, claim.item_id))
            if claim.recorded_hash is not None and claim.recorded_hash != parent.hash:
                row.stale.append((parent, claim.item_id))
        elif parent.id in declines:
            row.declined.append((parent, declines[parent.id]))
        else:
            row.missing.append(parent)
    claiming = {c.item_id for c in claims.values()}
    for df in files:
        slug = name_to_slug.get(df.claimed_domain() or "")
        if slug is None:
            continue
        raw_items = df.source.data.get("items") if isinstance(df.source.data, dict) else None
        for raw in raw_items if isinstance(raw_items, list) else []:
            if isinstance(raw, dict) and isinstance(raw.get("id"), str) and raw["id"] not in claiming:
                table[slug].added.append(raw["id"])
    return list(table.values())


def coverage_data(rows: list[DomainCoverage], label: str, edition: str | None) -> dict[str, Any]:
    """Coverage as plain data (``--format json``; see README)."""
    return {
        "version": COVERAGE_JSON_VERSION,
        "upstream": label,
        "edition": edition,
        "domains": [
            {
                "slug": row.slug,
                "name": row.name,
                "applicable": row.applicable,
                "claimed": [{"upstream": p.id, "item": local, "hash": p.hash} for p, local in row.claimed],
                "declined": [{"upstream": p.id, "reason": reason} for p, reason in row.declined],
                "missing": [
                    {"upstream": p.id, "title": p.title, "levels": list(p.levels)} for p in row.missing
                ],
                "added": row.added,
                "stale": [{"upstream": p.id, "item": local, "hash": p.hash} for p, local in row.stale],
                "percent": round(row.percent, 1),
            }
            for row in rows
        ],
    }
