"""One domain file checked on its own: the unit of work the catalogue check repeats for every file.

Why a unit: files are independent until the cross-file rules (ids unique across files, mirrors,
claims, waivers), so each file's reading, validation and per-file rules can run anywhere (another
process, see `check.pool`) and be merged in file order. What a unit gives back depends only on the
file's bytes, the settings and the upstream catalogue, so a cache keyed by (content hash, zwgk
version, settings fingerprint) could stand in for it.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple, cast

from zwgk_cli.check.columns import Unfit, all_ints, read_column, write_column
from zwgk_cli.check.lints import lint_domain
from zwgk_cli.check.rules import check_items
from zwgk_cli.check.schema import validate_domain
from zwgk_cli.check.upstream import Upstream, effective_document
from zwgk_cli.check.village import lint_village_frequency
from zwgk_cli.core.catalogue import DomainFile, ItemEntry, SettingsFile
from zwgk_cli.core.diagnostics import Diagnostic
from zwgk_cli.core.models import Item, Waiver
from zwgk_cli.core.source import SourceDocument
from zwgk_cli.sources.loading import LoadResult, load_file

# What the cross-file rules read of an item model: ids (`rules._duplicate_ids`), waivers
# (`pipeline.apply_waivers`), and the 村（居） mirror check's fields (`village.check_mirrors`). A
# cross-file rule that reads another field adds it here (tests/test_pool.py fails until it does).
CROSS_FIELDS = ("id", "waivers", "levels", "content", "category", "name", "mirrors")


class CrossItem(NamedTuple):
    """An item as the cross-file rules read it, in place of its model where only they read it: a
    tuple costs a fifth of what a partial model does to set up (a province has 100,000 items)."""

    id: str
    waivers: list[Waiver]
    levels: list[str]
    content: list[str]
    category: str
    name: str
    mirrors: str | None


assert CrossItem._fields == CROSS_FIELDS
# An item's CROSS_FIELDS values as a tuple, taken in one call
cross_values = operator.attrgetter(*CROSS_FIELDS)
# `CrossItem._make` without its frame in Python: a tuple of CROSS_FIELDS' values made a CrossItem
_cross_item = functools.partial(tuple.__new__, CrossItem)
# What the claim rules read of a raw item (see `coverage._claims`); other items are left as None.
_CLAIM_KEYS = ("id", "claims", "claimed_hash")


@dataclass(slots=True)
class FileOutcome:
    """A domain file's findings, in the two places the catalogue's report lists them, and what the
    cross-file rules need of it."""

    path: Path
    read: list[Diagnostic] = field(default_factory=list)  # reading and validating it
    rules: list[Diagnostic] = field(default_factory=list)  # the per-file rules
    file: DomainFile | None = None  # None: it could not be read at all
    items: int = 0  # entries of its `items` list as written
    # `file`'s items as sent between processes: (index, invalid fields, CROSS_FIELDS' values) each
    packed: list[tuple[int, frozenset[str], tuple[Any, ...]]] | None = None

    @property
    def clean(self) -> bool:
        """Nothing found in the file on its own."""
        return not self.read and not self.rules


def check_file(
    load: LoadResult, sf: SettingsFile, upstream: Upstream | None, *, lints: bool = True, rules: bool = True
) -> FileOutcome:
    """Validate one loaded domain file and apply the per-file rules (without `lints`, those that
    can only warn are left out; without `rules`, all of them: the file is known to pass them)."""
    if load.document is None:
        # where it is comes from its own finding; without one its domain cannot be told
        where = next((d.file for d in load.diagnostics if d.file is not None), Path())
        return FileOutcome(where, list(load.diagnostics))
    outcome = FileOutcome(load.document.path, list(load.diagnostics))
    effective = effective_document(load.document, upstream)
    df = DomainFile(effective, original=load.document if effective is not load.document else None)
    outcome.file = df
    raw_items = effective.data.get("items") if isinstance(effective.data, dict) else None
    outcome.items = len(raw_items) if isinstance(raw_items, list) else 0
    if load.document.data is None:
        return outcome
    df.header, df.items, found = validate_domain(effective)
    outcome.read += found
    if not rules:
        return outcome
    settings = sf.settings
    levels = settings.levels if settings else None
    outcome.rules += check_items(sf, df)
    if not lints:
        return outcome
    outcome.rules += lint_domain(df, levels, settings.published if settings else None)
    outcome.rules += lint_village_frequency(df, levels)
    return outcome


def check_located(path: Path, sf: SettingsFile, upstream: Upstream | None = None) -> FileOutcome:
    """A file read the fast way and checked; read again with positions when it has findings (as
    the check of a whole folder does, see `pipeline.check_with_positions`)."""
    # The unit of work of `validate`: what it gives depends only on the file's bytes, zwgk's version,
    # the settings and, for a file that claims items, the upstream catalogue, so a cache keyed by
    # those can give it back instead (`check.cache`).
    load = load_file(path, fast=True, validated=True)
    outcome = check_file(load, sf, upstream)
    if not outcome.clean and load.document is not None and not load.document.positions:
        outcome = check_file(load_file(path, located=True, known=load), sf, upstream)
    return outcome


def slim(outcome: FileOutcome) -> FileOutcome:
    """The outcome with only what the cross-file rules read, to send to another process (which
    calls `unpack`): the header, some fields of each item, the claims; no other raw values, no
    text and no positions."""
    # What a pickled item model costs to read back is mostly the model's own machinery (about
    # 17 µs an item, against 3 µs for the values): a province's 100,000 items took this process
    # seconds. The raw data costs as much again, and the validated header holds the raw items too.
    df = outcome.file
    if df is None:
        return outcome
    # a claiming file as written: the claim rules read its claims there (`coverage._claims`), the
    # other cross-file rules its items as completed from the upstream (in `df.items`)
    doc = df.source
    # a file whose header failed names its domain by its text (`DomainFile.claimed_domain`)
    text = doc.text if df.header is None else ""
    slim_doc = SourceDocument(doc.path, text, _slim_data(doc.data), positions=False)
    header = df.header.model_copy(update={"items": []}) if df.header is not None else None
    outcome.file = DomainFile(slim_doc, header)
    outcome.packed = [(e.index, e.invalid, cross_values(e.item)) for e in df.items]
    return outcome


def unpack(outcome: FileOutcome) -> FileOutcome:
    """A slimmed outcome's items back as entries whose item is a `CrossItem`: it has CROSS_FIELDS
    and nothing else (another field read is an AttributeError, never a wrong value)."""
    if outcome.packed is not None and outcome.file is not None:
        outcome.file.items = [
            ItemEntry(index, cast(Item, _cross_item(values)), invalid)
            for index, invalid, values in outcome.packed
        ]
        outcome.packed = None
    return outcome


def pack_items(entries: list[ItemEntry]) -> dict[str, Any]:
    """Items as the cache keeps them (as JSON): their indexes, the invalid fields of the few that
    have any, and one column a field of CROSS_FIELDS (`columns.write_column`: texts that repeat
    written once). (The pool sends items a tuple each: pickle writes those faster than this.)"""
    columns = [list(column) for column in zip(*map(cross_values, (e.item for e in entries)), strict=True)]
    if not columns:
        columns = [[] for _ in CROSS_FIELDS]
    return {
        "index": [entry.index for entry in entries],
        "invalid": [[row, sorted(e.invalid)] for row, e in enumerate(entries) if e.invalid],
        "columns": [write_column(values) for values in columns],
    }


def unpack_items(kept: dict[str, Any]) -> list[ItemEntry]:
    """Items packed by `pack_items`, back as entries whose item is a `CrossItem`; `columns.Unfit`
    (a ValueError), TypeError, IndexError or KeyError when `kept` is not what it wrote."""
    indexes, columns = kept["index"], kept["columns"]
    if type(indexes) is not list or not all_ints(indexes):
        raise Unfit("index")
    count = len(indexes)
    if type(columns) is not list or len(columns) != len(CROSS_FIELDS):
        raise Unfit("columns")
    values = [read_column(column, count) for column in columns]
    invalid: list[frozenset[str]] = [frozenset()] * count
    for row, fields in kept["invalid"]:
        if type(row) is not int or not 0 <= row < count or not all(isinstance(n, str) for n in fields):
            raise Unfit("invalid")
        invalid[row] = frozenset(fields)
    items = cast(Iterator[Item], map(_cross_item, zip(*values, strict=True)))
    return list(map(ItemEntry, indexes, items, invalid))


def _slim_data(data: Any) -> Any:
    if not isinstance(data, dict):
        return data
    out = {key: value for key, value in data.items() if key != "items"}
    raw_items = data.get("items")
    if isinstance(raw_items, list):
        out["items"] = [
            {k: raw[k] for k in _CLAIM_KEYS if k in raw}
            if isinstance(raw, dict) and "claims" in raw
            else None
            for raw in raw_items
        ]
    elif "items" in data:
        out["items"] = raw_items
    return out
