"""Reading catalogues written in an older ``schema_version``.

Why: `zwgk diff v2020` must be able to read last year's files after the format has moved on. Each
change of the format adds one step here, from version N to N+1, working on the plain data of
``zwgk.yaml`` and of every domain file; old versions are read through every step in turn.

``schema_version: 1`` is the first published format, so no step exists yet: a file of version 1 is
read as it is, a newer version asks for a newer zwgk, and an unknown older one is refused with a
clear message.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from zwgk_cli.core.diagnostics import ZwgkError, say

CURRENT_SCHEMA = 1

# version N → (what the step does, in Chinese; the step, changing settings and domains in place)
Migration = Callable[[dict[str, Any], list[dict[str, Any]]], None]
MIGRATIONS: dict[int, tuple[str, Migration]] = {}


def migrate(settings: dict[str, Any], domains: list[dict[str, Any]], label: str) -> list[str]:
    """Bring `settings` and `domains` (plain data) to CURRENT_SCHEMA; returns what was done."""
    version = settings.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version == CURRENT_SCHEMA:
        return []
    if version > CURRENT_SCHEMA:
        raise ZwgkError(
            say("stop.history.schema-too-new", label=label, version=version, current=CURRENT_SCHEMA)
        )
    notes: list[str] = []
    while version < CURRENT_SCHEMA:
        step = MIGRATIONS.get(version)
        if step is None:
            raise ZwgkError(say("stop.history.schema-unknown", label=label, version=version))
        description, function = step
        function(settings, domains)
        version += 1
        settings["schema_version"] = version
        notes.append(
            say("ui.history.migrated", label=label, old=version - 1, new=version, description=description).zh
        )
    return notes
