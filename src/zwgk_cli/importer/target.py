"""The catalogue folder an import writes into: its settings and the domain files already there.

Why: a table imported into an existing catalogue should map onto its vocabularies (levels, units,
channels) and keep what its files already say (the header of a domain, the ids of items that are
already there, claims and waivers). Files are found by their ``domain:`` line and read only when a
table imports into them, through the same inheritance from the upstream catalogue as the checks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zwgk_cli.check.coverage import UpstreamLoader
from zwgk_cli.core.catalogue import DomainFile
from zwgk_cli.core.models import DomainHeader, Item, Settings
from zwgk_cli.importer.claims import cached_upstream_loader, resolved_file
from zwgk_cli.sources.loading import LoadResult, iter_yaml_files, load_file
from zwgk_cli.sources.writer import without_defaults


@dataclass(slots=True)
class ExistingFile:
    """A domain file already in the target catalogue folder."""

    path: Path
    slug: str
    header: dict[str, Any]
    items: list[dict[str, Any]]


_DOMAIN_LINE = re.compile(r"^domain:[ \t]*['\"]?([^'\"#\n]+?)['\"]?[ \t]*(?:#.*)?$", re.MULTILINE)


@dataclass(slots=True)
class Target:
    """What the target catalogue folder tells the importer (nothing when there is none).

    Domain files are found by their ``domain:`` line and parsed only when a table imports into them.
    """

    directory: Path | None = None
    settings: Settings | None = None
    paths: dict[str, Path] = field(default_factory=dict)
    settings_load: LoadResult | None = None
    _parsed: dict[str, ExistingFile | None] = field(default_factory=dict)
    _loader: UpstreamLoader | None = None

    @classmethod
    def load(cls, directory: Path | None) -> Target:
        """Read `directory`'s zwgk.yaml (left out when it does not validate) and find its domain files."""
        if directory is None:
            return cls()
        settings: Settings | None = None
        loaded = load_file(directory / "zwgk.yaml")
        if loaded.document is not None and isinstance(loaded.document.data, dict):
            try:
                settings = Settings.model_validate(loaded.document.data, strict=False)
            except ValueError:
                settings = None
        paths: dict[str, Path] = {}
        for path in iter_yaml_files(directory):
            if path.is_symlink():
                continue  # never followed (the check refuses it by name)
            try:
                text = path.read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError):
                continue
            match = _DOMAIN_LINE.search(text)
            if match:
                paths.setdefault(match.group(1).strip(), path)
        return cls(directory, settings, paths, loaded)

    def file(self, name: str) -> ExistingFile | None:
        """The existing file of domain `name` as the checks read it (None when there is none)."""
        if name not in self._parsed:
            found: ExistingFile | None = None
            path = self.paths.get(name)
            if path is not None and self.directory is not None and self.settings_load is not None:
                if self._loader is None:
                    self._loader = cached_upstream_loader(self.directory)
                found = _existing(resolved_file(self.directory, self.settings_load, path, self._loader), path)
            self._parsed[name] = found
        return self._parsed[name]

    def slug_of(self, name: str) -> str | None:
        """The slug (file name) of domain `name`'s existing file."""
        path = self.paths.get(name)
        return path.stem if path is not None else None

    def known_names(self) -> list[str]:
        """Domain names the target knows: its settings' list and its files."""
        names = list(self.settings.domains) if self.settings else []
        return names + [n for n in self.paths if n not in names]


def _existing(df: DomainFile | None, path: Path) -> ExistingFile | None:
    if df is None or not isinstance(df.source.data, dict):
        return None
    if df.header is not None:
        head = without_defaults(DomainHeader, df.header.model_dump(mode="python", exclude={"items"}))
    else:
        head = {k: v for k, v in df.source.data.items() if k != "items"}
    items = [
        without_defaults(Item, entry.item.model_dump(mode="python"), keep=("content",)) for entry in df.items
    ]
    return ExistingFile(path, path.stem, head, items)
