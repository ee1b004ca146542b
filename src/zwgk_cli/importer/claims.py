"""Imported items and the upstream catalogue (认领): reading claimed items, writing claims compactly.

Why: a district's domain file may claim items of the city guideline (``claims``) and write only what
differs, inheriting the rest. The workbook holds every item complete, so when the catalogue folder
the YAML lands in reaches its upstream catalogue, the importer leaves out what a claiming item
inherits anyway, giving back the file as it was written. Existing files are read through the same
inheritance, so their items are matched (and keep their ids) by 一级事项 and 二级事项.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from zwgk_cli.check.coverage import UpstreamLoader, load_upstream
from zwgk_cli.check.pipeline import check_sources, folder_upstream_loader
from zwgk_cli.check.upstream import INHERITABLE, Upstream, inherited_value
from zwgk_cli.core.catalogue import DomainFile, SettingsFile
from zwgk_cli.core.models import Settings
from zwgk_cli.sources.loading import LoadResult, load_file


def upstream_of(root: Path, settings_load: LoadResult) -> Upstream | None:
    """The upstream catalogue the settings in `root` name, when it can be read."""
    doc = settings_load.document
    if doc is None or not isinstance(doc.data, dict) or "upstream" not in doc.data:
        return None
    try:
        settings = Settings.model_validate(doc.data, strict=False)
    except ValidationError:
        return None
    upstream, _ = load_upstream(SettingsFile(doc, settings), folder_upstream_loader(root))
    return upstream


def cached_upstream_loader(root: Path) -> UpstreamLoader:
    """Reads the upstream catalogue of `root` once, however many files are resolved against it."""
    load = folder_upstream_loader(root)
    cache: dict[str, Any] = {}

    def cached(path: str) -> Any:
        if path not in cache:
            cache[path] = load(path)
        return cache[path]

    return cached


def resolved_file(
    root: Path, settings_load: LoadResult, path: Path, loader: UpstreamLoader
) -> DomainFile | None:
    """The domain file at `path` as the checks see it (claimed items completed from the upstream)."""
    result = check_sources(root, settings_load, [load_file(path)], loader)
    return result.files[0] if result.files else None


def without_inherited(data: dict[str, Any], upstream: Upstream | None) -> dict[str, Any]:
    """The domain's items without the values their claimed upstream item gives them anyway."""
    if upstream is None:
        return data
    items: list[dict[str, Any]] = []
    for item in data.get("items", []):
        claim = item.get("claims")
        parent = upstream.items.get(claim) if isinstance(claim, str) else None
        if parent is None:
            items.append(item)
            continue
        items.append(
            {
                key: value
                for key, value in item.items()
                if not (
                    key in INHERITABLE
                    and key in parent.raw
                    and value == inherited_value(key, parent.raw[key], upstream.mapping)
                )
            }
        )
    return {**data, "items": items}
