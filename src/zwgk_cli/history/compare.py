"""`zwgk diff`'s two sides: a git revision or a folder, checked, migrated, and compared."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from zwgk_cli.check.pipeline import SETTINGS_FILE, CheckProgress, CheckResult, check_with_positions
from zwgk_cli.core.diagnostics import ZwgkError, say
from zwgk_cli.core.gc_pause import paused_gc
from zwgk_cli.core.models import Settings
from zwgk_cli.core.source import SourceDocument
from zwgk_cli.history.aside import aside_allowed
from zwgk_cli.history.changes import CatalogueDiff, Side, SideErrors, diff_sides
from zwgk_cli.history.migrations import migrate
from zwgk_cli.history.revisions import (
    Snapshot,
    describe_revision,
    folder_snapshot,
    repository_root,
    revision_snapshot,
)
from zwgk_cli.sources.loading import LoadResult


@dataclass(slots=True)
class Comparison:
    """The difference, and each side's own check (so errors can be shown per side)."""

    diff: CatalogueDiff
    old: CheckResult
    new: CheckResult

    def settings(self) -> Settings:
        """The settings a page about the difference is drawn with: the new side's, else the old side's."""
        settings = self.new.settings.settings or self.old.settings.settings
        if settings is None:
            raise ZwgkError(say("stop.history.no-settings"))
        return settings


def resolve_side(spec: str | None, folder: Path, cwd: Path, *, aside: bool = False) -> Snapshot:
    """`spec` as a folder when one exists by that name, else as a git revision; None is the working
    tree. `aside`: its domain files read by a forked process (`Snapshot.finish_reading` waits)."""
    # `folder` (the catalogue folder) and `spec` folders are relative to `cwd`
    local = cwd / folder
    if spec is None:
        snapshot = folder_snapshot(local, aside=aside)
        snapshot.label = working_tree_label(snapshot.settings.document)
        return snapshot
    candidate = cwd / spec
    if candidate.is_dir():
        if (candidate / SETTINGS_FILE).is_file():
            return named_folder(folder_snapshot(candidate, aside=aside))
        if (candidate / folder / SETTINGS_FILE).is_file():
            return named_folder(folder_snapshot(candidate / folder, aside=aside))
        raise ZwgkError(
            say(
                "stop.history.folder-without-settings",
                candidate=candidate,
                folder=folder,
                settings=SETTINGS_FILE,
            )
        )
    repo = repository_root(local if local.is_dir() else cwd)
    absolute = local.resolve()
    try:
        relative = absolute.relative_to(repo.resolve())
    except ValueError:
        raise ZwgkError(say("stop.history.outside-repository", folder=folder, repo=repo)) from None
    snapshot = revision_snapshot(repo, spec, PurePosixPath(relative.as_posix()), aside=aside)
    snapshot.label = version_name(edition_of(snapshot.settings.document), describe_revision(repo, spec))
    return snapshot


def checked(snapshot: Snapshot, progress: CheckProgress | None = None) -> tuple[CheckResult, list[str]]:
    """The snapshot migrated and checked as `validate` would, and what the migrations did."""
    # files with findings are re-read with positions, as validate does
    notes: list[str] = []

    def prepare(loads: list[LoadResult]) -> None:
        done = _migrated(snapshot.label, loads)
        if not notes:  # the re-read files go through the same steps again: report them once
            notes.extend(done)

    loads = [snapshot.settings, *snapshot.domains]
    result = check_with_positions(
        snapshot.root,
        loads,
        snapshot.upstream_loader,
        snapshot.reload,
        prepare,
        first_upstream_loader=snapshot.fast_upstream_loader,
        progress=progress,
        errors_only=True,
    )
    return lean(result), notes


def lean(check: CheckResult) -> CheckResult:
    """`check` without its models (in place): a comparison reads only the plain data, the settings and
    the findings, and without the models each side weighs about half as much while the other is read."""
    # the garbage collector is paused, but the models hold no cycles: they go when dropped here
    check.catalogue = None
    for df in check.files:
        df.header, df.items, df.domain = None, [], None
    return check


def _migrated(label: str, loads: list[LoadResult]) -> list[str]:
    """Bring the loaded data (zwgk.yaml first) to the current format; what was done."""
    settings_doc = loads[0].document
    if settings_doc is None or not isinstance(settings_doc.data, dict):
        return []
    domain_data = [
        load.document.data
        for load in loads[1:]
        if load.document is not None and isinstance(load.document.data, dict)
    ]
    return migrate(settings_doc.data, domain_data, label)


def side_of(label: str, check: CheckResult) -> Side:
    """The plain data a check read (whatever of it could be read), each item as published: claimed
    items completed from the upstream catalogue. Only references: nothing is copied."""
    settings: Any = check.settings.doc.data if check.settings.doc is not None else None
    domains = {df.slug: df.doc.data for df in check.files if isinstance(df.doc.data, dict)}
    written = {
        df.slug: df.original.data
        for df in check.files
        if df.original is not None and isinstance(df.original.data, dict)
    }
    upstream = check.upstream.items if check.upstream is not None else {}
    return Side(label, settings if isinstance(settings, dict) else {}, domains, written, upstream)


def edition_of(settings: SourceDocument | None) -> str:
    """The edition a zwgk.yaml names (“2021年版”), or "" when it names none."""
    edition = (
        settings.data.get("edition") if settings is not None and isinstance(settings.data, dict) else None
    )
    return edition.strip() if isinstance(edition, str) else ""


def working_tree_label(settings: SourceDocument | None) -> str:
    """How the working tree's catalogue is named in a comparison: its edition, as the files are now."""
    return version_name(edition_of(settings), say("ui.history.working-tree").zh)


def named_folder(snapshot: Snapshot) -> Snapshot:
    """A folder side named by its edition and the folder's own name (never its full path), so two
    folders of one edition stay apart."""
    snapshot.label = version_name(edition_of(snapshot.settings.document), snapshot.root.resolve().name)
    return snapshot


def version_name(edition: str, where: str) -> str:
    """“2021年版（…）”, or only what is in the brackets when there is no edition."""
    return say("ui.history.version", edition=edition, where=where).zh if edition else where


def side_errors(label: str, check: CheckResult) -> SideErrors | None:
    """What a side with errors could not show in a comparison (None: it has no errors)."""
    if not check.summary.errors:
        return None

    def name(path: Path) -> str:
        try:
            return path.relative_to(check.root).as_posix()
        except ValueError:
            return path.as_posix()

    files = list(dict.fromkeys(name(d.file) for d in check.diagnostics if d.severity == "error" and d.file))
    readable = {name(df.doc.path) for df in check.files if isinstance(df.doc.data, dict)}
    settings = check.settings.doc
    if settings is not None and isinstance(settings.data, dict):
        readable.add(name(settings.path))
    elif SETTINGS_FILE not in files:
        files.insert(0, SETTINGS_FILE)
    unreadable = tuple(f for f in files if f not in readable)
    return SideErrors(label, check.summary.errors, tuple(files), unreadable)


def changes_since(revision: str, folder: Path, cwd: Path, current: CheckResult) -> Comparison:
    """From `revision` to the working tree's catalogue in `folder`, already checked as `current`.

    When the revision has errors, the difference says so (`CatalogueDiff.incomplete`) and the old
    side's check tells which: the caller decides whether such a difference may be published.
    """
    # given the check, the build that asks does not read and check the working tree a second time
    snapshot = resolve_side(revision, folder, cwd)
    old_check, notes = checked(snapshot)
    now = working_tree_label(current.settings.doc)
    diff = diff_sides(side_of(snapshot.label, old_check), side_of(now, current))
    diff.notes = notes + diff.notes
    _note_errors(diff, (snapshot.label, old_check), (now, current))
    return Comparison(diff, old_check, current)


def _note_errors(diff: CatalogueDiff, *sides: tuple[str, CheckResult]) -> None:
    diff.incomplete = [found for label, check in sides if (found := side_errors(label, check)) is not None]


@paused_gc()
def compare(
    old_spec: str | None,
    new_spec: str | None,
    folder: Path,
    cwd: Path,
    progress: Callable[[str], CheckProgress | None] | None = None,
    jobs: int | None = None,
) -> Comparison:
    """Compare two sides; with neither given, the last commit (HEAD) against the working tree."""
    # `progress`, given "old" or "new", tells how to report that side's check (see check_catalogue).
    # `jobs` 1 (ZWGK_JOBS) reads both sides here; else the old side's domain files are read by a
    # forked process (see history/aside.py) while this one reads the new side, then checks it: the
    # old side's data comes in meanwhile, and is not waited for until it is needed.
    if old_spec is None and new_spec is None:
        old_spec = "HEAD"
    old_snapshot = resolve_side(old_spec, folder, cwd, aside=aside_allowed(jobs))
    new_snapshot = resolve_side(new_spec, folder, cwd)
    new_check, new_notes = checked(new_snapshot, progress("new") if progress is not None else None)
    old_snapshot.finish_reading()
    old_check, old_notes = checked(old_snapshot, progress("old") if progress is not None else None)
    diff = diff_sides(side_of(old_snapshot.label, old_check), side_of(new_snapshot.label, new_check))
    diff.notes = old_notes + new_notes + diff.notes
    _note_errors(diff, (old_snapshot.label, old_check), (new_snapshot.label, new_check))
    return Comparison(diff, old_check, new_check)
