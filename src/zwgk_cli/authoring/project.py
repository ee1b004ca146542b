"""A catalogue project as a whole: `zwgk init` starts one, `zwgk schema` keeps its JSON Schemas current."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from zwgk_cli.authoring.json_schema import schema_files
from zwgk_cli.authoring.scaffold import (
    ProjectOptions,
    check_target,
    copy_example,
    default_levels,
    project_files,
    write_files,
)
from zwgk_cli.check.pipeline import CheckResult, check_catalogue
from zwgk_cli.core.atomic import write_atomic
from zwgk_cli.core.diagnostics import ZwgkError, say


@dataclass(frozen=True, slots=True)
class ProjectRequest:
    """What `zwgk init` was asked for: the shipped example, or a blank catalogue for a region."""

    example: bool = False
    region: str | None = None
    levels: str | None = None  # as typed: 区级,镇街
    published: str | None = None  # as typed: YYYY-MM-DD


def start_project(target: Path, request: ProjectRequest, today: date) -> CheckResult:
    """Write the project into `target`, check it, add its JSON Schemas; ZwgkError before writing for bad options."""
    # `today` is the publication date when the request names none
    check_target(target)
    if request.example:
        copy_example(target)
    else:
        region = request.region
        if not region:
            raise ZwgkError(say("stop.init.no-region"))
        levels = _levels(request.levels, region)
        options = ProjectOptions(region.strip(), levels, _date(request.published, today))
        write_files(target, project_files(options))
    result = check_catalogue(target / "catalogues")
    if result.settings.settings is not None:
        write_files(target / "schemas", schema_files(result.settings.settings))
    return result


def _levels(text: str | None, region: str) -> list[str]:
    levels = [p.strip() for p in re.split(r"[,，、]", text)] if text else default_levels(region)
    if not all(levels) or len(set(levels)) != len(levels):
        raise ZwgkError(say("stop.init.bad-levels", levels=text))
    return levels


def _date(text: str | None, today: date) -> date:
    if text is None:
        return today
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ZwgkError(say("stop.init.bad-date", text=text)) from None


@dataclass(frozen=True, slots=True)
class SchemaUpdate:
    """The catalogue's check, and the schema files that were out of date (None: zwgk.yaml is invalid)."""

    check: CheckResult
    stale: list[Path] | None


def update_schemas(directory: Path, out: Path, *, write: bool) -> SchemaUpdate:
    """The JSON Schemas in `out` that differ from the catalogue's, written when `write` is true."""
    # nothing is compared when zwgk.yaml is invalid (stale is None)
    result = check_catalogue(directory)
    settings = result.settings.settings
    if settings is None:
        return SchemaUpdate(result, None)
    files = schema_files(settings)
    stale = [
        name
        for name, data in files.items()
        if not (out / name).is_file() or (out / name).read_bytes() != data
    ]
    if write:
        out.mkdir(parents=True, exist_ok=True)
        for name in stale:
            write_atomic(out / name, files[name])
    return SchemaUpdate(result, [out / name for name in stale])
