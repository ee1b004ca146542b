"""`zwgk build`: check the catalogue, render every output, and swap the output folder in at once."""

from __future__ import annotations

import dataclasses
import secrets
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from zwgk_cli.build.helper_job import helper_job, run_helper_job
from zwgk_cli.build.parallel import Helper, helper
from zwgk_cli.build.staging import MemoryOutput, Output, Recovery, check_target, output_lock, staged
from zwgk_cli.check.coverage import coverage_table
from zwgk_cli.check.pipeline import CheckProgress, CheckResult, check_catalogue
from zwgk_cli.core.catalogue import Catalogue
from zwgk_cli.core.diagnostics import ZwgkError, say
from zwgk_cli.core.gc_pause import paused_gc
from zwgk_cli.core.models import Unit
from zwgk_cli.core.towns import find_unit, town_units, unit_catalogue, unit_title
from zwgk_cli.history.changes import CatalogueDiff
from zwgk_cli.history.compare import Comparison, changes_since
from zwgk_cli.render import Content
from zwgk_cli.render.catalogue_docx import catalogue_docx, write_catalogue_docx
from zwgk_cli.render.html.fragment import fragment_files
from zwgk_cli.render.html.site import CoverageReport, Download, site_files, size_text
from zwgk_cli.render.html.templates import check_templates
from zwgk_cli.render.opendata import catalogue_csv, catalogue_json, write_catalogue_csv, write_catalogue_json
from zwgk_cli.render.rows import tasks_title
from zwgk_cli.render.visible import visible_catalogue
from zwgk_cli.render.xlsx.workbook import catalogue_workbook, tasks_workbook, write_catalogue_workbook
from zwgk_cli.review.gate import Gate, approved, gate, required_stage

WORKBOOK = "catalogue.xlsx"
DOCUMENT = "catalogue.docx"
# what the helper process writes when there is one (see `render_into`)
ASIDE = (WORKBOOK, DOCUMENT)

# Files written beside the pages: the workbooks, the Word document and the open data, with what the
# pages call them.
DATA_FILES: dict[str, str] = {
    "catalogue.xlsx": "目录工作簿（Excel，每个领域一个工作表）",
    "catalogue.docx": "目录（Word 文档，A4 横向排版，每个领域一张表）",
    "tasks.xlsx": "任务分工表（Excel）",
    "catalogue.csv": "开放数据（CSV，每个事项一行）",
    "catalogue.json": "开放数据（JSON，完整结构）",
}


def download_name(catalogue: Catalogue, name: str) -> str:
    """The Chinese file name a download is saved under."""
    stem = tasks_title(catalogue) if name == "tasks.xlsx" else catalogue.settings.display_title()
    return stem + Path(name).suffix


@dataclass(slots=True)
class BuildResult:
    """What a build checked and, when the catalogue had no errors, what it wrote."""

    check: CheckResult
    out: Path
    files: dict[str, int] = field(default_factory=dict)  # relative path → size in bytes
    # --since named a revision with errors and they were not accepted: nothing was built
    since_refused: Comparison | None = None
    recovery: Recovery = field(default_factory=Recovery)  # what a build killed earlier left, cleaned up
    gate: Gate | None = None  # with a required review stage: the domains withheld (先审后发)

    @property
    def built(self) -> bool:
        return bool(self.files)

    def pages(self) -> list[str]:
        """The HTML pages written."""
        return sorted(name for name in self.files if name.endswith(".html") and "/" not in name)

    def fragments(self) -> list[str]:
        """The district's portal fragments written (``fragments/<slug>.html``)."""
        return sorted(name for name in self.files if name.startswith("fragments/"))

    def units(self) -> list[str]:
        """The towns' and streets' catalogues written (their folders under units/)."""
        return sorted({name.split("/")[1] for name in self.files if name.startswith("units/")})


def render_outputs(
    catalogue: Catalogue, templates: Path | None = None, *, epoch: int | None = None
) -> dict[str, bytes]:
    """Every file of the output folder, by relative path (the marker excepted), as bytes (see
    `render_into` for the rest of what a build can add)."""
    output = MemoryOutput()
    render_into(output, catalogue, templates, epoch=epoch)
    return output.files


def render_into(
    output: Output,
    catalogue: Catalogue,
    templates: Path | None = None,
    progress: Callable[[str], None] | None = None,
    changes: CatalogueDiff | None = None,
    coverage: CoverageReport | None = None,
    units: Sequence[Unit] = (),
    aside: Helper | None = None,
    *,
    epoch: int | None = None,
    town_gate: Gate | None = None,
) -> None:
    """Write every file of the output folder into `output`, one at a time.

    Each of `units` (towns and streets) gets its own catalogue under ``units/<slug>/``. The
    workbooks are dated `epoch` (seconds since 1970) when given, else by the publication date.
    With `aside` (a helper process) and an output on disk, the helper writes the workbook and the
    Word document from ``catalogue.json`` while the rest is written here; the pages show their sizes,
    so they carry placeholders until those are known. Control, format and invisible characters in the
    catalogue's text reach no file raw: they are written out as ``[U+XXXX]`` (`render.visible`).
    """
    try:
        _render_into(
            output, catalogue, templates, progress, changes, coverage, units, aside, epoch, town_gate
        )
    except BaseException:
        # the helper writes into the output folder: stopped before the folder is cleaned up,
        # so it cannot leave a file in it (or the folder itself) behind
        if aside is not None:
            aside.stop()
        raise


def _render_into(
    output: Output,
    catalogue: Catalogue,
    templates: Path | None,
    progress: Callable[[str], None] | None,
    changes: CatalogueDiff | None,
    coverage: CoverageReport | None,
    units: Sequence[Unit],
    aside: Helper | None,
    epoch: int | None,
    town_gate: Gate | None,
) -> None:
    catalogue = visible_catalogue(catalogue)

    def done(name: str) -> None:
        if progress is not None:
            progress(name)

    def aside_here() -> None:  # the helper's files, written by this process
        with output.open(WORKBOOK) as stream:
            write_catalogue_workbook(catalogue, stream, epoch=epoch)
        done(WORKBOOK)
        with output.open(DOCUMENT) as stream:
            write_catalogue_docx(catalogue, stream, epoch=epoch)
        done(DOCUMENT)

    with output.open("catalogue.json") as stream:
        layout = write_catalogue_json(catalogue, stream)
    done("catalogue.json")
    json_path, workbook_path, document_path = (output.path(name) for name in ("catalogue.json", *ASIDE))
    if (
        aside is not None
        and json_path is not None
        and workbook_path is not None
        and document_path is not None
    ):
        targets = {"workbook": workbook_path, "document": document_path}
        aside.give(helper_job(catalogue, json_path, layout, targets, epoch))
    else:
        aside = None
        aside_here()
    output.write("tasks.xlsx", tasks_workbook(catalogue, epoch=epoch))
    done("tasks.xlsx")
    with output.open("catalogue.csv") as stream:
        write_catalogue_csv(catalogue, stream)
    done("catalogue.csv")
    for name, fragment in fragment_files(catalogue).items():
        output.write(name, fragment)
        done(name)
    # the sizes of the helper's files are not known yet: the pages carry a placeholder each
    tokens = {name: f"zwgk-size-{secrets.token_hex(12)}" for name in ASIDE} if aside is not None else {}
    downloads = [
        Download(
            name,
            download_name(catalogue, name),
            label,
            0 if name in tokens else output.size(name),
            tokens.get(name, ""),
        )
        for name, label in DATA_FILES.items()
    ]
    links = [(unit_title(catalogue.settings, unit), f"units/{unit.slug}/index.html") for unit in units]
    marked: list[str] = []  # pages (and whatever a custom template renders) that show the placeholder
    for name, content in site_files(
        catalogue, templates, progress, downloads, changes, coverage, unit_links=links
    ):
        if isinstance(content, bytes) and any(token.encode() in content for token in tokens.values()):
            marked.append(name)
        output.write(name, content)
    if aside is not None:
        if aside.succeeded():
            for name in ASIDE:
                done(name)
        else:  # whatever went wrong there, write both here (errors surface here)
            aside_here()
        for name in marked:
            content = output.read(name)
            for file, token in tokens.items():
                content = content.replace(token.encode(), size_text(output.size(file)).encode())
            output.write(name, content)
    for unit in units:
        skip = town_gate.town_withheld(unit) if town_gate is not None else set()
        for name, content in unit_outputs(catalogue, unit, templates, progress, epoch, skip).items():
            output.write(name, content)


def unit_outputs(
    catalogue: Catalogue,
    unit: Unit,
    templates: Path | None,
    progress: Callable[[str], None] | None,
    epoch: int | None = None,
    skip: set[str] | frozenset[str] = frozenset(),
) -> dict[str, Content]:
    """A town's or street's catalogue: pages, workbook, Word document, open data and portal
    fragments under ``units/<slug>/`` (without the domains in `skip`)."""
    local = unit_catalogue(catalogue, unit, skip)
    data = {
        "catalogue.xlsx": catalogue_workbook(local, include_tasks=False, epoch=epoch),
        "catalogue.docx": catalogue_docx(local, epoch=epoch),
        "catalogue.csv": catalogue_csv(local),
        "catalogue.json": catalogue_json(local),
    }
    downloads = [
        Download(name, local.settings.display_title() + Path(name).suffix, DATA_FILES[name], len(content))
        for name, content in data.items()
    ]
    pages = site_files(
        local,
        templates,
        progress,
        downloads,
        asset_root="../../",
        include_tasks=False,
        district_title=catalogue.settings.display_title(),
    )
    prefix = f"units/{unit.slug}/"
    files = [*pages, *data.items(), *fragment_files(local).items()]
    return {prefix + name: content for name, content in files}


def resolve_units(catalogue: Catalogue, names: Sequence[str], *, all_units: bool) -> list[Unit]:
    """The towns and streets to build catalogues for; ZwgkError for a name not in the registry."""
    settings = catalogue.settings
    if all_units:
        return town_units(settings)
    chosen: list[Unit] = []
    for name in names:
        unit = find_unit(settings, name)
        if unit is None:
            known = "、".join(u.place or u.name for u in town_units(settings)) or "（单位名录中没有镇、街道）"
            raise ZwgkError(say("stop.build.unknown-unit", name=name, known=known))
        if unit.outside is not None:
            raise ZwgkError(say("stop.build.unit-outside", name=unit.name, reason=unit.outside.rstrip("。")))
        if unit not in chosen:
            chosen.append(unit)
    return chosen


@paused_gc()
def build(
    root: Path,
    out: Path,
    templates: Path | None = None,
    progress: Callable[[str], None] | None = None,
    on_checked: Callable[[CheckResult], None] | None = None,
    since: str | None = None,
    units: Sequence[str] = (),
    all_units: bool = False,
    check_progress: CheckProgress | None = None,
    *,
    since_accept_errors: bool = False,
    cwd: Path | None = None,
    epoch: int | None = None,
    jobs: int | None = None,
    require_stage: str | None = None,
    cache: Path | None = None,
) -> BuildResult:
    """Check `root`; when it has no errors, render everything and replace `out` atomically.

    With `since` (a git revision), the site gets the 调整说明 page for the changes since then. A
    revision with errors would give a false page (a file it could not read looks added as a whole):
    nothing is built then (`BuildResult.since_refused`) unless `since_accept_errors`, and then the
    page says which files of the revision had errors or could not be read. `cwd` is the folder `root` and the revision's paths are relative to (the command's working
    folder; without it, they are taken as they are). The workbooks are dated `epoch` (seconds since
    1970, as SOURCE_DATE_EPOCH gives it) when given, else by the publication date. `jobs` 1 (the
    command line passes ZWGK_JOBS) writes the workbook and the Word document in this process instead of a helper.
    `require_stage` (else zwgk.yaml's review.require): publish only the domains that passed that
    review stage with their content as it is; the others are listed in `BuildResult.gate`, kept
    out of every output but the task table, which marks them (先审后发). `cache`: the folder of
    per-file check results that `validate` keeps (see `check.cache`): files it records as clean
    skip the per-file rules, and the check's results are kept there; None: no cache.

    Raises ZwgkError when the build cannot run (missing folder, an output folder that is not ours).
    """
    if templates is not None:
        check_templates(templates)  # a broken templates folder stops the build before anything is read
    check_target(out, sources=root)
    lock = ExitStack()
    try:  # taken first, so a second build into `out` is refused before it checks anything
        lock.enter_context(output_lock(out.absolute()))
    except OSError as exc:  # no write permission beside the output folder …
        raise _write_failed(out, exc) from exc
    with lock, helper(run_helper_job, jobs) as aside:  # forked now, while this process is still small
        check = check_catalogue(root, progress=check_progress, cache=cache)
        if on_checked is not None:
            on_checked(check)
        result = BuildResult(check, out)
        if check.catalogue is None:
            return result
        chosen = resolve_units(check.catalogue, units, all_units=all_units)
        catalogue = check.catalogue
        stage = required_stage(check, require_stage)
        if stage is not None:
            result.gate = gate(check, stage, chosen)
            withheld = {row.slug for row in result.gate.withheld}
            catalogue = approved(catalogue, withheld, result.gate.mark())
        changes = None
        if since is not None:
            comparison = changes_since(since, root, cwd or Path(), check)
            if comparison.old.summary.errors and not since_accept_errors:
                result.since_refused = comparison
                return result
            changes = comparison.diff
            if result.gate is not None and changes is not None:  # no word of a withheld domain's changes
                held = {row.slug for row in result.gate.withheld}
                changes = dataclasses.replace(
                    changes, domains=[d for d in changes.domains if d.slug not in held]
                )
        coverage = None
        if check.upstream is not None:
            upstream = check.upstream
            coverage = CoverageReport(upstream.label, upstream.edition, coverage_table(check.files, upstream))
        try:
            with staged(out, sources=root, locked=True) as staging:
                render_into(
                    staging,
                    catalogue,
                    templates,
                    progress,
                    changes,
                    coverage,
                    chosen,
                    aside,
                    epoch=epoch,
                    town_gate=result.gate,
                )
                result.files = staging.sizes()
                result.recovery = staging.recovery
        except OSError as exc:  # a full disk, a folder without write permission …
            raise _write_failed(out, exc) from exc
    return result


def _write_failed(out: Path, exc: OSError) -> ZwgkError:
    what = exc.strerror or str(exc)
    where = f"（{exc.filename}）" if exc.filename else ""
    return ZwgkError(say("stop.build.write-failed", out=out, what=what, where=where))
