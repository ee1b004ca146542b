"""Claims against the upstream catalogue: loading it, the claim rules, and 公开事项覆盖度.

Every upstream item at a level the district covers is claimed (by an item's `claims`), declined
with a reason (a domain file's `declines`), or missing. Items that claim nothing are the district's
own additions (增补). Reviewers read the per-domain coverage; `validate` warns about each missing
claim and about upstream items changed since they were claimed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

from zwgk_cli.check.upstream import Upstream, UpstreamItem, item_hash, map_levels
from zwgk_cli.core.catalogue import DomainFile, SettingsFile, located
from zwgk_cli.core.diagnostics import Diagnostic, Text, ZwgkError, say
from zwgk_cli.core.wording import listing
from zwgk_cli.sources.loading import linked_step

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
    where = ("upstream", "path")
    if (
        PurePosixPath(config.path).is_absolute()
        or PureWindowsPath(config.path).anchor
        or config.path.startswith("~")
    ):
        # a catalogue names its upstream beside it; an absolute path could lead the check (and the
        # CI log) to any folder of the machine that holds a zwgk.yaml
        msg = say("upstream-missing.absolute", upstream=config.path)
        return None, [located(doc, where, "upstream-missing", msg, say("upstream-missing.hint"))]
    link = linked_step(doc.path.parent, config.path)
    if link is not None:  # never followed: it may lead to any folder of the machine running the check
        msg, hint = say("file-symlink.upstream", upstream=config.path, link=link), say("file-symlink.hint")
        return None, [located(doc, where, "file-symlink", msg, hint)]
    try:
        check = loader(config.path)
    except ZwgkError:
        msg = say("upstream-missing", upstream=config.path)
        return None, [located(doc, where, "upstream-missing", msg, say("upstream-missing.hint"))]
    found: list[Diagnostic] = []
    if check.summary.errors:
        msg = say("upstream-invalid", upstream=config.path, errors=check.summary.errors)
        hint = say("upstream-invalid.hint", upstream=config.path)
        found.append(located(doc, where, "upstream-invalid", msg, hint))
    up_settings = check.settings.settings
    if up_settings is None:
        return None, found
    for key, ours in config.levels.items():
        if key not in up_settings.levels or ours not in settings.levels:
            msg = say(
                "upstream-levels",
                theirs=key,
                ours=ours,
                upstream_levels=listing(up_settings.levels),
                levels=listing(settings.levels),
            )
            path = ("upstream", "levels", key)
            found.append(located(doc, path, "upstream-levels", msg, at_key=key not in up_settings.levels))
    if config.edition is not None and config.edition != up_settings.edition:
        msg = say("upstream-edition", claimed=config.edition, edition=up_settings.edition)
        found.append(located(doc, ("upstream", "edition"), "upstream-edition", msg))
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
        """How many upstream items of this domain apply at the district's levels."""
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

    def finding(
        self, code: str, message: Text, hint: Text | None = None, *, key: str = "claims"
    ) -> Diagnostic:
        """A diagnostic at this claiming item's `key`, as written."""
        return located(self.df.source, ("items", self.index, key), code, message, hint, item_id=self.item_id)


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
    if upstream is None:
        configured = settings_file.settings is not None and settings_file.settings.upstream is not None
        return [] if configured else [_claim_without_upstream(claim) for claim in claims]
    found, first_claim = _check_claims(claims, upstream)
    declined: dict[str, tuple[DomainFile, int]] = {}
    for df, index, ident, _ in _declines(files):
        found += _check_decline(df, index, ident, upstream, first_claim)
        declined.setdefault(ident, (df, index))
    by_domain = {df.claimed_domain(): df for df in files}
    for parent in upstream.applicable():
        if parent.id in first_claim or parent.id in declined:
            continue
        local = by_domain.get(parent.domain)
        if local is not None:  # else the whole domain is missing: domain-missing says so
            found.append(_missing_claim(local, parent, upstream))
    return found


def _claim_without_upstream(claim: Claim) -> Diagnostic:
    msg = say("claim-unknown.no-upstream", item=claim.item_id, upstream_item=claim.upstream_id)
    return claim.finding("claim-unknown", msg, say("claim-unknown.no-upstream.hint"))


def _check_claims(claims: list[Claim], upstream: Upstream) -> tuple[list[Diagnostic], dict[str, Claim]]:
    """Findings about each claim, and the first claim of every upstream item claimed."""
    found: list[Diagnostic] = []
    first_claim: dict[str, Claim] = {}
    for claim in claims:
        parent = upstream.items.get(claim.upstream_id)
        if parent is None:
            msg = say("claim-unknown", upstream=upstream.label, upstream_item=claim.upstream_id)
            found.append(claim.finding("claim-unknown", msg, say("claim-unknown.hint")))
        elif claim.upstream_id in first_claim:
            other = first_claim[claim.upstream_id]
            msg = say(
                "claim-duplicate",
                upstream_item=claim.upstream_id,
                item=other.item_id,
                file=other.df.doc.path.name,
            )
            found.append(claim.finding("claim-duplicate", msg, say("claim-duplicate.hint")))
        else:
            first_claim[claim.upstream_id] = claim
            found += _check_claimed(claim, parent)
    return found, first_claim


def _check_claimed(claim: Claim, parent: UpstreamItem) -> list[Diagnostic]:
    """A claim of an existing upstream item: the item applies here and has not changed since."""
    found: list[Diagnostic] = []
    if not parent.levels:
        levels = listing(parent.raw.get("levels") or [])
        msg = say("claim-level", upstream_item=claim.upstream_id, title=parent.title, levels=levels)
        found.append(claim.finding("claim-level", msg, say("claim-level.hint")))
    if claim.recorded_hash is not None and claim.recorded_hash != parent.hash:
        msg = say("claim-stale", upstream_item=claim.upstream_id, title=parent.title)
        hint = say("claim-stale.hint", hash=parent.hash)
        found.append(claim.finding("claim-stale", msg, hint, key="claimed_hash"))
    return found


def _check_decline(
    df: DomainFile, index: int, ident: str, upstream: Upstream, first_claim: dict[str, Claim]
) -> list[Diagnostic]:
    """A declined upstream item exists and is not claimed as well."""
    where = ("declines", index, "item")
    if ident not in upstream.items:
        msg = say("decline-unknown", upstream=upstream.label, upstream_item=ident)
        return [located(df.source, where, "decline-unknown", msg)]
    if ident in first_claim:
        msg = say("decline-claimed", upstream_item=ident, item=first_claim[ident].item_id)
        return [located(df.source, where, "decline-claimed", msg, say("decline-claimed.hint"))]
    return []


def _missing_claim(local: DomainFile, parent: UpstreamItem, upstream: Upstream) -> Diagnostic:
    """An applicable upstream item its domain neither claims nor declines."""
    msg = say(
        "claim-missing",
        upstream_item=parent.id,
        title=parent.title,
        upstream=upstream.label,
        file=parent.doc.path.name,
        line=parent.doc.value_pos(("items", parent.index, "id")).line,
        levels=listing(parent.levels),
    )
    hint = say("claim-missing.hint", upstream_item=parent.id)
    return located(local.source, ("domain",), "claim-missing", msg, hint)


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
    """Coverage as plain data (``--format json``; see docs/formats.md)."""
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
