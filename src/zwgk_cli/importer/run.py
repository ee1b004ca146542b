"""One `zwgk import` from start to end: the options checked, the file read, its YAML placed, checked and written."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from zwgk_cli.check.pipeline import SETTINGS_FILE
from zwgk_cli.core.diagnostics import Diagnostic, Summary, ZwgkError, say, summarize
from zwgk_cli.core.models import SLUG_PATTERN
from zwgk_cli.importer.convert import ImportResult, import_file
from zwgk_cli.importer.target import Target
from zwgk_cli.importer.writing import Plan, check_outputs, plan_outputs, write_outputs


@dataclass(frozen=True, slots=True)
class ImportRun:
    """What one import read, where its YAML went, and every finding about both."""

    result: ImportResult
    plan: Plan
    findings: list[Diagnostic]
    summary: Summary

    @property
    def failed(self) -> bool:
        """Whether the import had problems, the YAML fails the check, or nothing was imported."""
        # an item removed from a replaced file counts too, confirmed or not: exit 1 says so
        failed = bool(self.result.diagnostics) or bool(self.plan.removed) or self.summary.errors > 0
        return failed or not self.result.domains


@dataclass(frozen=True, slots=True)
class ImportRequest:
    """The file to import and the command's options about it."""

    file: Path
    directory: Path | None = None
    out: Path | None = None
    domain: str | None = None
    slug: str | None = None
    force: bool = False
    remove_missing: bool = False  # replacing a file may remove the items the table leaves out
    fallback: Path | None = None  # the catalogue folder used when neither --dir nor -o names one


def run_import(request: ImportRequest, cwd: Path) -> ImportRun:
    """Import `request.file`; raises ZwgkError, with nothing written, when the import cannot run."""
    if request.slug is not None and request.domain is None:
        raise ZwgkError(say("stop.importer.slug-needs-domain"))
    if request.slug is not None and not re.fullmatch(SLUG_PATTERN, request.slug):
        raise ZwgkError(say("stop.importer.bad-slug", slug=request.slug))
    folder = catalogue_folder(request.directory, request.out, request.fallback)
    result = import_file(request.file, Target.load(folder), domain=request.domain, slug=request.slug)
    plan = plan_outputs(
        result, request.out, folder, force=request.force, remove_missing=request.remove_missing
    )
    checked = check_outputs(plan, folder, result.settings, cwd=cwd)
    write_outputs(plan)
    findings = [*result.diagnostics, *plan.removed, *checked]
    summary = summarize(findings, files=plan.files, domains=len(result.domains), items=result.items)
    return ImportRun(result, plan, findings, summary)


def catalogue_folder(directory: Path | None, out: Path | None, fallback: Path | None) -> Path | None:
    """The target catalogue: --dir, else an -o folder holding zwgk.yaml, else `fallback` if it is one."""
    if directory is not None:
        if not (directory / SETTINGS_FILE).is_file():
            raise ZwgkError(say("stop.importer.not-a-catalogue", folder=directory, settings=SETTINGS_FILE))
        return directory
    if out is not None and (out / SETTINGS_FILE).is_file():
        return out
    if fallback is not None and (fallback / SETTINGS_FILE).is_file():
        return fallback
    return None
