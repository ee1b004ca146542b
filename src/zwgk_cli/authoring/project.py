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


@dataclass(frozen=True, slots=True)
class StartedProject:
    """What `zwgk init` wrote: the new catalogue's check, and the dates it left for the office to fill."""

    check: CheckResult
    dues_to_fill: int  # domain files whose completion date (due) is empty
    published_placeholder: date | None  # written as the publication date because none was given


def start_project(target: Path, request: ProjectRequest, today: date) -> StartedProject:
    """Write the project into `target`, check it, add its JSON Schemas; ZwgkError before writing for bad options.

    Why dates are left: the completion dates (due) come from the office's task division, which
    zwgk cannot know, so they stay empty (a warning says so) rather than show a date nobody set.
    The publication date is printed on every output and needed to build, so without --published
    it is `today`, marked in zwgk.yaml and in the summary as a placeholder to replace.
    """
    if request.example:
        given = [name for name, value in _BLANK_ONLY if getattr(request, value) is not None]
        if given:
            raise ZwgkError(say("stop.init.example-options", options="、".join(given)))
    elif not (request.region or "").strip():
        raise ZwgkError(say("stop.init.no-region"))
    check_target(target)
    placeholder: date | None = None
    if request.example:
        copy_example(target)
    else:
        region = (request.region or "").strip()
        levels = _levels(request.levels, region)
        published = _date(request.published, today)
        placeholder = None if request.published is not None else published
        options = ProjectOptions(region, levels, published, published_given=placeholder is None)
        write_files(target, project_files(options))
    result = check_catalogue(target / "catalogues")
    if result.settings.settings is not None:
        write_files(target / "schemas", schema_files(result.settings.settings))
    dues = sum(1 for df in result.files if df.header is not None and df.header.due is None)
    return StartedProject(result, dues, placeholder)


# what only a blank catalogue takes: (option, ProjectRequest field)
_BLANK_ONLY = (("--region", "region"), ("--levels", "levels"), ("--published", "published"))


def _levels(text: str | None, region: str) -> list[str]:
    levels = [p.strip() for p in re.split(r"[,，、]", text)] if text else default_levels(region)
    if not all(levels) or len(set(levels)) != len(levels):
        raise ZwgkError(say("stop.init.bad-levels", levels=text))
    return levels


def _date(text: str | None, today: date) -> date:
    """The --published date, or `today` when none was given."""
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
