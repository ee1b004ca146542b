"""Checking a whole catalogue folder: load every file, validate, apply the rules, apply waivers."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from zwgk_cli.check.coverage import UpstreamLoader, claim_diagnostics, load_upstream
from zwgk_cli.check.lints import lint_domain
from zwgk_cli.check.review_records import ReviewFile, read_reviews
from zwgk_cli.check.review_settings import check_review_settings
from zwgk_cli.check.rules import check_domains, check_items, check_settings
from zwgk_cli.check.schema import assemble_domain, validate_domain, validate_settings
from zwgk_cli.check.upstream import Upstream, effective_document
from zwgk_cli.check.village import check_mirrors, check_village_units, lint_village_frequency
from zwgk_cli.core.catalogue import Catalogue, DomainFile, SettingsFile, located
from zwgk_cli.core.codes import WAIVABLE
from zwgk_cli.core.diagnostics import Diagnostic, Summary, ZwgkError, say, sort_diagnostics, summarize
from zwgk_cli.core.gc_pause import paused_gc
from zwgk_cli.sources.loading import LOOKALIKE_CODES, LoadResult, iter_yaml_files, load_file

SETTINGS_FILE = "zwgk.yaml"


@dataclass(slots=True)
class CheckResult:
    """Everything a check found, and the catalogue when nothing stops it from being built."""

    root: Path
    diagnostics: list[Diagnostic]
    summary: Summary
    settings: SettingsFile
    files: list[DomainFile] = field(default_factory=list)
    catalogue: Catalogue | None = None
    upstream: Upstream | None = None
    reviews: list[ReviewFile] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """No errors (warnings allowed)."""
        return self.summary.errors == 0

    def failed(self, *, strict: bool) -> bool:
        """Whether the findings fail the run (warnings too under --strict)."""
        return self.summary.errors > 0 or (strict and self.summary.warnings > 0)


# Reports how far a check has come: (stage, files done, files in all), stage "read" or "check".
CheckProgress = Callable[[str, int, int], None]


@paused_gc()
def check_catalogue(
    root: Path,
    *,
    follow_upstream: bool = True,
    fast: bool = True,
    located: bool = False,
    progress: CheckProgress | None = None,
    reviews: bool = True,
) -> CheckResult:
    """Load and check the catalogue in `root`; raises ZwgkError only when it cannot run at all."""
    # With `follow_upstream`, the upstream catalogue named in zwgk.yaml is read too (one level: an
    # upstream's own upstream is not followed). `progress` hears of every file read and checked.
    # `fast`: clean files are read without positions, and those with findings read again with
    # positions found on demand; `located`: every file with positions found on demand (an upstream
    # catalogue, whose values findings may point into); neither: every file read carefully whole.
    # `reviews`: the review records in reviews/ are read and checked too (not an upstream's).
    if not root.exists():
        raise ZwgkError(say("stop.check.no-folder", folder=root))
    if not root.is_dir():
        raise ZwgkError(say("stop.check.not-a-folder", folder=root))
    settings_path = root / SETTINGS_FILE
    if not settings_path.is_file():
        raise ZwgkError(say("stop.check.no-settings", folder=root, file=SETTINGS_FILE))
    paths = [settings_path, *iter_yaml_files(root)]
    loads: list[LoadResult] = []
    for path in paths:
        loads.append(load_file(path, fast=fast, located=located))
        if progress is not None:
            progress("read", len(loads), len(paths))
    loader = folder_upstream_loader(root, located=fast or located) if follow_upstream else None
    first = folder_upstream_loader(root, fast=True) if follow_upstream and fast else None
    # a file with findings is read again keeping its text; its data is taken from the fast read
    earlier = {load.document.path: load for load in loads if load.fingerprint is not None and load.document}

    def reload(path: Path) -> LoadResult:
        return load_file(path, located=True, known=earlier.pop(path, None))

    result = check_with_positions(root, loads, loader, reload, first_upstream_loader=first, progress=progress)
    if reviews:
        add_reviews(result)
    return result


def add_reviews(result: CheckResult) -> None:
    """Read and check the review records beside the sources into `result` (in place)."""
    result.reviews, found = read_reviews(result.root, result.settings, result.files)
    if not result.reviews and not found:
        return
    result.diagnostics = sort_diagnostics(result.diagnostics + found)
    s = result.summary
    files = s.files + len(result.reviews)
    result.summary = summarize(result.diagnostics, files=files, domains=s.domains, items=s.items)
    if result.summary.errors:
        result.catalogue = None


def check_with_positions(
    root: Path,
    loads: list[LoadResult],
    upstream_loader: UpstreamLoader | None,
    reload: Callable[[Path], LoadResult],
    prepare: Callable[[list[LoadResult]], None] | None = None,
    *,
    first_upstream_loader: UpstreamLoader | None = None,
    progress: CheckProgress | None = None,
    errors_only: bool = False,
) -> CheckResult:
    """Check `loads` (zwgk.yaml first), re-reading with positions each fast-read file with findings
    (in place: the list then holds the reads the result was checked on)."""
    # A file read the fast way that has findings is read again with `reload` (the careful way) and
    # everything is checked again, so every finding has its file:line:column — the data, hence the
    # findings, are the same. `prepare` runs on the loads before each check (e.g. reading an older
    # format through its migrations). `first_upstream_loader`, when given, reads the upstream
    # catalogue for the first check (the fast way); `upstream_loader` (the careful way, so findings
    # can point into the upstream's files) is then used only when the first check found anything.
    # `errors_only`: the caller shows a side's findings only when it has errors (`zwgk diff`), so the
    # first check leaves out the lints (they only warn) and, when it finds no error, is returned as
    # it is: warnings are missing or keep the fast read's rough positions, and nobody sees them. With
    # errors it goes on as without `errors_only`, rounds running until the lints have run too.
    if upstream_loader is not None:
        upstream_loader = functools.cache(upstream_loader)  # the second check reuses the first's read
    first_loader = functools.cache(first_upstream_loader) if first_upstream_loader else upstream_loader
    if prepare is not None:
        prepare(loads)
    linted = not errors_only
    result = check_sources(root, loads[0], loads[1:], first_loader, progress, lints=linted)
    if not linted and not result.summary.errors:
        return result
    loader = first_loader
    while True:
        # Until every finding is in a carefully read file (and the lints have run). Usually one
        # round; another only when a file read again reveals something about a file still read the
        # fast way (a fast read keeps no text, so e.g. a header that did not validate names no
        # domain until re-read), or the lints warn about one.
        flagged = {d.file for d in result.diagnostics}
        upstream_again = loader is not upstream_loader and bool(result.diagnostics)
        if linted and not upstream_again and not any(_fast_and_flagged(load, flagged) for load in loads):
            return result
        # The first check's models and data go before the files are read again, each file's fast
        # read as soon as its new read replaces it: the peak memory stays that of one check.
        del result
        for index, load in enumerate(loads):
            if _fast_and_flagged(load, flagged):
                loads[index] = reload(_path(load))
        del load
        if prepare is not None:
            prepare(loads)
        loader = upstream_loader
        linted = True
        result = check_sources(root, loads[0], loads[1:], loader, progress)


def _fast_and_flagged(load: LoadResult, flagged: set[Path | None]) -> bool:
    return load.document is not None and not load.document.positions and load.document.path in flagged


def _path(load: LoadResult) -> Path:
    assert load.document is not None
    return load.document.path


def folder_upstream_loader(root: Path, *, fast: bool = False, located: bool = False) -> UpstreamLoader:
    """Reads an upstream catalogue folder relative to `root`; with positions unless `fast`
    (`located`: found on demand, else every file read carefully whole)."""
    # With positions by default: findings about inherited values point into the upstream's files.

    def load(path: str) -> CheckResult:
        """The upstream catalogue at `path`, checked on its own (its own upstream not followed)."""
        return check_catalogue(
            root / path, follow_upstream=False, fast=fast, located=located and not fast, reviews=False
        )

    return load


def check_sources(
    root: Path,
    loaded: LoadResult,
    domain_loads: list[LoadResult],
    upstream_loader: UpstreamLoader | None = None,
    progress: CheckProgress | None = None,
    *,
    lints: bool = True,
) -> CheckResult:
    """Check a catalogue whose files are already loaded (from a folder, or from a git revision)."""
    # `upstream_loader` reads the upstream catalogue zwgk.yaml names; without one, claims are not
    # resolved. `progress` hears of each domain file validated. Without `lints`, the checks that
    # can only warn (lint_domain, lint_village_frequency) are left out.
    diagnostics: list[Diagnostic] = []
    diagnostics += loaded.diagnostics
    settings_file = SettingsFile(loaded.document)
    if loaded.document is not None and loaded.document.data is not None:
        settings_file.settings, found = validate_settings(loaded.document)
        diagnostics += found
    if settings_file.settings is None and settings_file.doc is not None:
        message = say("config-invalid", file=SETTINGS_FILE)
        diagnostics.append(located(settings_file.doc, (), "config-invalid", message))
    upstream: Upstream | None = None
    if upstream_loader is not None:
        upstream, found = load_upstream(settings_file, upstream_loader)
        diagnostics += found
    files: list[DomainFile] = []
    unread: list[Path] = []  # domain files that could not be read at all (their header is unknown)
    for done, domain_load in enumerate(domain_loads, start=1):
        if progress is not None:
            progress("check", done, len(domain_loads))
        diagnostics += domain_load.diagnostics
        if domain_load.document is None:
            # where it is comes from its own finding; without one its domain cannot be told
            unread.append(next((d.file for d in domain_load.diagnostics if d.file is not None), Path()))
            continue
        effective = effective_document(domain_load.document, upstream)
        df = DomainFile(
            effective, original=domain_load.document if effective is not domain_load.document else None
        )
        files.append(df)
        if domain_load.document.data is None:
            continue
        df.header, df.items, found = validate_domain(effective)
        diagnostics += found
    diagnostics += check_settings(settings_file)
    diagnostics += check_review_settings(settings_file)
    diagnostics += check_village_units(settings_file)
    diagnostics += check_domains(settings_file, files, unread=unread)
    for df in files:
        diagnostics += check_items(settings_file, df)
        if not lints:
            continue
        settings = settings_file.settings
        diagnostics += lint_domain(
            df,
            settings.levels if settings else None,
            settings.published if settings else None,
        )
        diagnostics += lint_village_frequency(df, settings.levels if settings else None)
    diagnostics += check_mirrors(files, settings_file.settings)
    if upstream_loader is not None:
        diagnostics += claim_diagnostics(settings_file, files, upstream)
    diagnostics = apply_waivers(files, _explained(diagnostics))
    diagnostics = sort_diagnostics(diagnostics)
    item_count = sum(len(_raw_items(df)) for df in files)
    domain_count = sum(1 for df in files if df.doc.data is not None)
    summary = summarize(diagnostics, files=len(files) + 1, domains=domain_count, items=item_count)
    result = CheckResult(root, diagnostics, summary, settings_file, files, upstream=upstream)
    if summary.errors == 0 and settings_file.settings is not None:
        domains = []
        for df in files:
            assert df.header is not None
            df.domain = assemble_domain(df.header, [entry.item for entry in df.items])
            domains.append(df.domain)
        domains.sort(key=lambda d: d.order)
        sources = {df.slug: df.doc.path for df in files}
        result.catalogue = Catalogue(root, settings_file.settings, domains, sources)
    return result


def _explained(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Without the findings about values on a line whose full-width look-alike is reported."""
    # A look-alike can leave a line readable but mean something else (`［政府网站］` is one text,
    # not a list): its finding explains whatever else that line gets.
    lines = {(d.file, d.line) for d in diagnostics if d.code in LOOKALIKE_CODES}
    if not lines:
        return diagnostics
    return [d for d in diagnostics if d.code.startswith(("file-", "yaml-")) or (d.file, d.line) not in lines]


def _raw_items(df: DomainFile) -> list[object]:
    data = df.doc.data
    items = data.get("items") if isinstance(data, dict) else None
    return items if isinstance(items, list) else []


def apply_waivers(files: list[DomainFile], diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Mark warnings waived by their item, and report waivers that silence nothing."""
    waivers: dict[tuple[Path, int], dict[str, str]] = {}
    for df in files:
        for entry in df.items:
            if entry.item.waivers and entry.usable("waivers"):
                waivers[(df.doc.path, entry.index)] = {w.code: w.reason for w in entry.item.waivers}
    used: set[tuple[Path, int, str]] = set()
    out: list[Diagnostic] = []
    for d in diagnostics:
        if d.severity == "warning" and d.file is not None and len(d.path) >= 2 and d.path[0] == "items":
            index = d.path[1]
            reason = waivers.get((d.file, index)) if isinstance(index, int) else None
            if reason is not None and d.code in reason:
                used.add((d.file, index, d.code))  # type: ignore[arg-type]
                d = d.with_waiver(reason[d.code])
        out.append(d)
    for df in files:
        for entry in df.items:
            index, item = entry.index, entry.item
            # an item with an invalid field was not linted in full: its waivers cannot be called unused
            for wi, waiver in enumerate(item.waivers if not entry.invalid else []):
                if waiver.code not in WAIVABLE or (df.doc.path, index, waiver.code) in used:
                    continue
                message = say("waiver-unused", number=index + 1, id=item.id, code=waiver.code)
                where = ("items", index, "waivers", wi, "code")
                hint = say("waiver-unused.hint")
                out.append(located(df.doc, where, "waiver-unused", message, hint, item_id=item.id))
    return out
