"""Checking a whole catalogue folder: load every file, validate, apply the rules, apply waivers."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from zwgk_cli.check.cache import FileCache, folder_digest, upstream_folder
from zwgk_cli.check.coverage import UpstreamLoader, claim_diagnostics, load_upstream
from zwgk_cli.check.file_check import FileOutcome, check_file, check_located, slim, unpack
from zwgk_cli.check.pool import check_in_pool, pool_size
from zwgk_cli.check.review_records import ReviewFile, Whole, read_reviews
from zwgk_cli.check.review_settings import check_review_settings
from zwgk_cli.check.rules import check_domains, check_settings
from zwgk_cli.check.schema import assemble_domain, validate_settings
from zwgk_cli.check.upstream import Upstream
from zwgk_cli.check.village import check_mirrors, check_village_units
from zwgk_cli.core.catalogue import Catalogue, DomainFile, SettingsFile, located
from zwgk_cli.core.codes import WAIVABLE
from zwgk_cli.core.diagnostics import Diagnostic, Summary, ZwgkError, say, sort_diagnostics, summarize
from zwgk_cli.core.gc_pause import paused_gc
from zwgk_cli.core.models import Item
from zwgk_cli.sources.loading import LOOKALIKE_CODES, LoadResult, iter_yaml_files, load_file

SETTINGS_FILE = "zwgk.yaml"


@dataclass(slots=True)
class CheckResult:
    """Everything a check found, and the catalogue when nothing stops it from being built."""

    root: Path
    diagnostics: list[Diagnostic]
    summary: Summary
    settings: SettingsFile
    # without the models (`check_catalogue(models=False)`) the files may hold only what the
    # cross-file rules read (see `file_check.slim`), and there is no catalogue
    files: list[DomainFile] = field(default_factory=list)
    catalogue: Catalogue | None = None
    upstream: Upstream | None = None
    reviews: list[ReviewFile] = field(default_factory=list)
    # files whose cache entry was there but could not be trusted (see `check.cache`): checked again
    cache_ignored: list[Path] = field(default_factory=list)

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
    jobs: int | None = 1,
    models: bool = True,
    cache: Path | None = None,
) -> CheckResult:
    """Load and check the catalogue in `root`; raises ZwgkError only when it cannot run at all."""
    # With `follow_upstream`, the upstream catalogue named in zwgk.yaml is read too (one level: an
    # upstream's own upstream is not followed). `progress` hears of every file read and checked.
    # `fast`: clean files are read without positions, and those with findings read again with
    # positions found on demand; `located`: every file with positions found on demand (an upstream
    # catalogue, whose values findings may point into); neither: every file read carefully whole.
    # `reviews`: the review records in reviews/ are read and checked too (not an upstream's).
    # `jobs`: how many processes may check the files (None: as many as the machine has cores, see
    # `pool.pool_size`); `models`: whether the caller needs the models (`CheckResult.catalogue`
    # and the files' items): without them the files are checked one by one, keeping only what the
    # cross-file rules read, in several processes where `jobs` allows. `cache`: the folder where
    # each file's result is kept between runs (see `check.cache`); None: none. The file-by-file check
    # does not read a file whose entry is there; the check with models (it needs every file's
    # models) skips the per-file rules of a file whose entry records no finding.
    if not root.exists():
        raise ZwgkError(say("stop.check.no-folder", folder=root))
    if not root.is_dir():
        raise ZwgkError(say("stop.check.not-a-folder", folder=root))
    settings_path = root / SETTINGS_FILE
    if not settings_path.is_file():
        raise ZwgkError(say("stop.check.no-settings", folder=root, file=SETTINGS_FILE))
    domain_paths = list(iter_yaml_files(root))
    if fast and not located and not models:
        processes = pool_size(jobs, domain_paths)
        return _check_by_file(root, domain_paths, processes, follow_upstream, reviews, progress, cache)
    paths = [settings_path, *domain_paths]
    settings_bytes = _read_bytes(settings_path) if cache is not None and fast and not located else None
    loads: list[LoadResult] = []
    for path in paths:
        # a domain file is validated against its models, zwgk.yaml is not read that way here
        loads.append(load_file(path, fast=fast, located=located, validated=path != settings_path))
        if progress is not None:
            progress("read", len(loads), len(paths))
    inputs = _cache_inputs(root, settings_bytes, loads[0], follow_upstream)
    # files whose entry records no finding skip the per-file rules; the others' results are kept
    file_cache = (
        FileCache(cache, root, inputs.settings, inputs.upstream)
        if cache is not None and inputs is not None
        else None
    )
    loader = folder_upstream_loader(root, located=fast or located) if follow_upstream else None
    first = folder_upstream_loader(root, fast=True) if follow_upstream and fast else None
    # a file with findings is read again keeping its text; its data is taken from the fast read
    earlier = {load.document.path: load for load in loads if load.fingerprint is not None and load.document}

    def reload(path: Path) -> LoadResult:
        return load_file(path, located=True, known=earlier.pop(path, None))

    result = check_with_positions(
        root, loads, loader, reload, first_upstream_loader=first, progress=progress, cache=file_cache
    )
    if file_cache is not None and inputs is not None:
        if inputs.unchanged():  # else which upstream the results are for is unknown
            file_cache.flush()
        result.cache_ignored = file_cache.ignored
    if reviews:
        add_reviews(result)
    return result


@dataclass(frozen=True, slots=True)
class _CacheInputs:
    """What every cache entry depends on besides its own file: zwgk.yaml's bytes as the check read
    them, and the digest of the upstream folder (`cache.folder_digest`) before the check reads it."""

    settings: bytes
    folder: Path | None
    upstream: bytes | None

    def unchanged(self) -> bool:
        """Whether the upstream folder is still as its digest was taken."""
        return self.folder is None or folder_digest(self.folder) == self.upstream


def _cache_inputs(
    root: Path, settings_bytes: bytes | None, settings: LoadResult, follow_upstream: bool
) -> _CacheInputs | None:
    """The inputs of the entries when `settings` was read from the bytes `settings_bytes` (read just
    before it) and zwgk.yaml still holds them; None when the cache cannot be used this run."""
    if settings_bytes is None or _read_bytes(root / SETTINGS_FILE) != settings_bytes:
        return None  # changed while it was read: which settings the results are for is unknown
    data = settings.document.data if settings.document is not None else None
    folder = upstream_folder(root, data) if follow_upstream else None
    digest = folder_digest(folder) if folder is not None else None
    if folder is not None and digest is None:
        return None
    return _CacheInputs(settings_bytes, folder, digest)


def _check_by_file(
    root: Path,
    paths: list[Path],
    processes: int,
    follow_upstream: bool,
    reviews: bool,
    progress: CheckProgress | None,
    cache_folder: Path | None = None,
) -> CheckResult:
    """The check file by file, in `processes` processes (see `check.pool`), keeping of each file
    only what the cross-file rules read. With `cache_folder`, a file whose result is cached there
    is not read at all, and the others' results are kept there."""
    # The upstream catalogue is read first: the workers inherit it and complete claimed items from
    # it. The review records are checked against the files' headers and item ids, which the
    # summaries keep; the rare check that needs a domain's models (a town's version, a fingerprint
    # to suggest) reads that file again (`_whole`).
    # zwgk.yaml is read with positions found on demand, as the other way would read it again.
    # In one process too, a file's raw data and models go once it is checked: the peak memory is
    # that of the summaries and one file, not of the whole catalogue read.
    settings_bytes = _read_bytes(root / SETTINGS_FILE) if cache_folder is not None else None
    settings_load = load_file(root / SETTINGS_FILE, located=True)
    inputs = _cache_inputs(root, settings_bytes, settings_load, follow_upstream)
    settings_file, _, prologue = _check_settings_file(settings_load, None)
    upstream: Upstream | None = None
    if follow_upstream:
        # with positions found on demand: a finding about an inherited value points into its file
        upstream, found = load_upstream(settings_file, folder_upstream_loader(root, located=True))
        prologue += found
        if inputs is not None and not inputs.unchanged():
            inputs = None  # changed while it was read: which upstream the results are for is unknown

    def done(count: int) -> None:
        if progress is not None:
            progress("read", count, len(paths))
            progress("check", count, len(paths))

    cache = None
    if cache_folder is not None and inputs is not None:
        cache = FileCache(cache_folder, root, inputs.settings, inputs.upstream)
    # files with an entry are read from the cache while the others are checked (in the pool where
    # there is one); an entry that turns out untrusted leaves its file to be checked here after
    cached = [i for i, path in enumerate(paths) if cache.has(path)] if cache is not None else []
    known: dict[int, FileOutcome] = {}

    def read_cached() -> None:
        assert cache is not None
        for index in cached:
            hit = cache.get(paths[index])
            if hit is not None:
                known[index] = hit
        done(len(known))

    with_entry = set(cached)
    missing = [path for index, path in enumerate(paths) if index not in with_entry]
    fresh: list[FileOutcome] | None = None
    # this process takes a share of the files, or reads the cache while the workers check them
    sharing = min(processes, len(missing) + (1 if cached else 0))

    def done_fresh(count: int) -> None:
        done(len(known) + count)

    if sharing > 1 and missing:
        fresh = check_in_pool(
            missing, settings_file, sharing, done_fresh, read_cached if cached else None, upstream
        )
    elif cached:
        read_cached()
    if fresh is None:  # one process, or the pool could not do it
        fresh = []
        for path in missing:
            fresh.append(unpack(slim(check_located(path, settings_file, upstream))))
            done_fresh(len(fresh))
    # entries that could not be trusted: their files checked here
    for index in cached:
        if index not in known:
            missing.append(paths[index])
            fresh.append(unpack(slim(check_located(paths[index], settings_file, upstream))))
    if cache is not None:
        for path, outcome in zip(missing, fresh, strict=True):
            cache.put(path, outcome)
    by_path = dict(zip(missing, fresh, strict=True))
    outcomes = [known[i] if i in known else by_path[path] for i, path in enumerate(paths)]
    while True:
        result, across = _check_across(
            root, settings_file, upstream, list(prologue), outcomes, claims=follow_upstream, models=False
        )
        # A finding of the cross-file rules in a file its worker found clean (and sent without
        # positions) is placed by reading that file again here, as the one-process check does.
        flagged = {d.file for d in across}
        again = [
            i
            for i, o in enumerate(outcomes)
            if o.file is not None and not o.file.doc.positions and o.path in flagged
        ]
        if not again:
            result.cache_ignored = cache.ignored if cache is not None else []
            if reviews:
                add_reviews(result, whole=functools.partial(_whole, settings_file, upstream))
            return result
        del result
        for index in again:
            outcomes[index] = check_file(
                load_file(outcomes[index].path, located=True), settings_file, upstream
            )


def _whole(sf: SettingsFile, upstream: Upstream | None, df: DomainFile) -> DomainFile:
    """A file checked file by file (only what the cross-file rules read kept), read again whole for
    the review records' check."""
    if not df.items or type(df.items[0].item) is Item:
        return df
    again = check_file(load_file(df.doc.path, fast=True, validated=True), sf, upstream, lints=False).file
    return again if again is not None else df


def _read_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def add_reviews(result: CheckResult, whole: Whole | None = None) -> None:
    """Read and check the review records beside the sources into `result` (in place; `whole`: how
    to read a file's models again when `result` holds only what the cross-file rules read)."""
    result.reviews, found = read_reviews(result.root, result.settings, result.files, whole)
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
    cache: FileCache | None = None,
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
    # `cache`: per-file results as `validate` keeps them (see `check_sources`).
    if upstream_loader is not None:
        upstream_loader = functools.cache(upstream_loader)  # the second check reuses the first's read
    first_loader = functools.cache(first_upstream_loader) if first_upstream_loader else upstream_loader
    if prepare is not None:
        prepare(loads)
    linted = not errors_only
    result = check_sources(root, loads[0], loads[1:], first_loader, progress, lints=linted, cache=cache)
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
        result = check_sources(root, loads[0], loads[1:], loader, progress, cache=cache)


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
    cache: FileCache | None = None,
) -> CheckResult:
    """Check a catalogue whose files are already loaded (from a folder, or from a git revision)."""
    # `upstream_loader` reads the upstream catalogue zwgk.yaml names; without one, claims are not
    # resolved. `progress` hears of each domain file validated. Without `lints`, the checks that
    # can only warn (lint_domain, lint_village_frequency) are left out. `cache`: a file whose entry
    # there records no finding is only validated (its models are needed), not put through the
    # per-file rules again; the others' results are kept there (`FileCache.later`) when they are
    # what `validate` would keep: a clean file, or one read with positions.
    settings_file, upstream, diagnostics = _check_settings_file(loaded, upstream_loader)
    outcomes: list[FileOutcome] = []
    for done, domain_load in enumerate(domain_loads, start=1):
        if progress is not None:
            progress("check", done, len(domain_loads))
        doc = domain_load.document
        known = cache is not None and lints and doc is not None and cache.clean(doc.path)
        outcome = check_file(domain_load, settings_file, upstream, lints=lints, rules=not known)
        if (
            cache is not None
            and lints
            and not known
            and (outcome.clean or (doc is not None and doc.positions))
        ):
            cache.later(outcome.path, outcome)
        outcomes.append(outcome)
    result, _ = _check_across(
        root, settings_file, upstream, diagnostics, outcomes, claims=upstream_loader is not None
    )
    return result


def _check_settings_file(
    loaded: LoadResult, upstream_loader: UpstreamLoader | None
) -> tuple[SettingsFile, Upstream | None, list[Diagnostic]]:
    """zwgk.yaml validated, the upstream catalogue it names read, and what was found on the way."""
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
    return settings_file, upstream, diagnostics


def _check_across(
    root: Path,
    settings_file: SettingsFile,
    upstream: Upstream | None,
    diagnostics: list[Diagnostic],
    outcomes: list[FileOutcome],
    *,
    claims: bool,
    models: bool = True,
) -> tuple[CheckResult, list[Diagnostic]]:
    """The files' own findings merged in file order, the cross-file rules, the waivers: the result,
    and the findings of the cross-file rules (which the files' own checks could not place)."""
    # The order findings are gathered in is the one-process check's, whatever ran the files.
    files = [o.file for o in outcomes if o.file is not None]
    unread = [o.path for o in outcomes if o.file is None]  # could not be read: the header is unknown
    for outcome in outcomes:
        diagnostics += outcome.read
    diagnostics += check_settings(settings_file)
    diagnostics += check_review_settings(settings_file)
    diagnostics += check_village_units(settings_file)
    across = check_domains(settings_file, files, unread=unread)
    diagnostics += across
    for outcome in outcomes:
        diagnostics += outcome.rules
    found = check_mirrors(files, settings_file.settings)
    if claims:
        found += claim_diagnostics(settings_file, files, upstream)
    diagnostics += found
    across += found
    explained = _explained(diagnostics)
    diagnostics = apply_waivers(files, explained)
    across += diagnostics[len(explained) :]  # waivers that silence nothing
    diagnostics = sort_diagnostics(diagnostics)
    item_count = sum(o.items for o in outcomes if o.file is not None)
    domain_count = sum(1 for df in files if df.doc.data is not None)
    summary = summarize(diagnostics, files=len(files) + 1, domains=domain_count, items=item_count)
    result = CheckResult(root, diagnostics, summary, settings_file, files, upstream=upstream)
    if models and summary.errors == 0 and settings_file.settings is not None:
        domains = []
        for df in files:
            assert df.header is not None
            df.domain = assemble_domain(df.header, [entry.item for entry in df.items])
            domains.append(df.domain)
        domains.sort(key=lambda d: d.order)
        sources = {df.slug: df.doc.path for df in files}
        result.catalogue = Catalogue(root, settings_file.settings, domains, sources)
    return result, across


def _explained(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Without the findings about values on a line whose full-width look-alike is reported."""
    # A look-alike can leave a line readable but mean something else (`［政府网站］` is one text,
    # not a list): its finding explains whatever else that line gets.
    lines = {(d.file, d.line) for d in diagnostics if d.code in LOOKALIKE_CODES}
    if not lines:
        return diagnostics
    return [d for d in diagnostics if d.code.startswith(("file-", "yaml-")) or (d.file, d.line) not in lines]


def apply_waivers(files: list[DomainFile], diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Mark warnings waived by their item, and report waivers that silence nothing."""
    # the few items with waivers, once (a province has 100,000 items and a handful of waivers)
    waiving = [(df, entry) for df in files for entry in df.items if entry.item.waivers]
    waivers: dict[tuple[Path, int], dict[str, str]] = {}
    for df, entry in waiving:
        if entry.usable("waivers"):
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
    for df, entry in waiving:
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
