"""`zwgk build`: check the catalogue, render every output, and swap the output folder in at once."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from zwgk_cli.catalogue import Catalogue
from zwgk_cli.changes import CatalogueDiff
from zwgk_cli.compare import changes_since
from zwgk_cli.coverage import coverage_table
from zwgk_cli.diagnostics import Text, ZwgkError
from zwgk_cli.gcpause import paused_gc
from zwgk_cli.models import Unit
from zwgk_cli.opendata import catalogue_csv, catalogue_json
from zwgk_cli.output import check_target, write_tree
from zwgk_cli.parallel import rendered_aside
from zwgk_cli.pipeline import CheckResult, check_catalogue
from zwgk_cli.site import CoverageReport, Download, render_site, size_text
from zwgk_cli.tables import tasks_title
from zwgk_cli.units import find_unit, town_units, unit_catalogue, unit_title
from zwgk_cli.workbook import catalogue_workbook, tasks_workbook

WORKBOOK = "catalogue.xlsx"

# Files written beside the pages: the workbooks and the open data, with what the pages call them.
DATA_FILES: dict[str, tuple[Callable[[Catalogue], bytes], str]] = {
    "catalogue.xlsx": (catalogue_workbook, "目录工作簿（Excel，每个领域一个工作表）"),
    "tasks.xlsx": (tasks_workbook, "任务分工表（Excel）"),
    "catalogue.csv": (catalogue_csv, "开放数据（CSV，每个事项一行）"),
    "catalogue.json": (catalogue_json, "开放数据（JSON，完整结构）"),
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
    files: dict[str, bytes] = field(default_factory=dict)

    @property
    def built(self) -> bool:
        return bool(self.files)

    def pages(self) -> list[str]:
        """The HTML pages written."""
        return sorted(name for name in self.files if name.endswith(".html") and "/" not in name)

    def units(self) -> list[str]:
        """The towns' and streets' catalogues written (their folders under units/)."""
        return sorted({name.split("/")[1] for name in self.files if name.startswith("units/")})


def render_outputs(
    catalogue: Catalogue,
    templates: Path | None = None,
    progress: Callable[[str], None] | None = None,
    changes: CatalogueDiff | None = None,
    coverage: CoverageReport | None = None,
    units: Sequence[Unit] = (),
) -> dict[str, bytes]:
    """Every file of the output folder, by relative path (the marker excepted).

    Each of `units` (towns and streets) gets its own catalogue under ``units/<slug>/``.
    """
    with rendered_aside(lambda: catalogue_workbook(catalogue)) as workbook:
        # the workbook, the largest output, renders in a second process (see parallel) while the
        # rest renders here; the pages show its size, so they carry a placeholder until it is known
        data: dict[str, bytes] = {}
        for name, (render, _) in DATA_FILES.items():
            if name == WORKBOOK:
                continue
            data[name] = render(catalogue)
            if progress is not None:
                progress(name)
        placeholder = "" if workbook.ready else f"zwgk-size-{secrets.token_hex(12)}"
        downloads = [
            Download(
                name,
                download_name(catalogue, name),
                label,
                len(data[name]) if name in data else len(workbook.result()) if workbook.ready else 0,
                placeholder if name == WORKBOOK else "",
            )
            for name, (_, label) in DATA_FILES.items()
        ]
        links = [(unit_title(catalogue.settings, unit), f"units/{unit.slug}/index.html") for unit in units]
        files = render_site(catalogue, templates, progress, downloads, changes, coverage, unit_links=links)
        data[WORKBOOK] = workbook.result()
        if progress is not None:
            progress(WORKBOOK)
    if placeholder:
        token, size = placeholder.encode(), size_text(len(data[WORKBOOK])).encode()
        for name, content in files.items():  # pages, and whatever a custom template renders
            files[name] = content.replace(token, size)
    files.update({name: data[name] for name in DATA_FILES})
    for unit in units:
        files.update(unit_outputs(catalogue, unit, templates, progress))
    return files


def unit_outputs(
    catalogue: Catalogue, unit: Unit, templates: Path | None, progress: Callable[[str], None] | None
) -> dict[str, bytes]:
    """A town's or street's catalogue: pages, workbook and open data under ``units/<slug>/``."""
    local = unit_catalogue(catalogue, unit)
    data = {
        "catalogue.xlsx": catalogue_workbook(local, include_tasks=False),
        "catalogue.csv": catalogue_csv(local),
        "catalogue.json": catalogue_json(local),
    }
    downloads = [
        Download(name, local.settings.display_title() + Path(name).suffix, DATA_FILES[name][1], len(content))
        for name, content in data.items()
    ]
    pages = render_site(
        local,
        templates,
        progress,
        downloads,
        asset_root="../../",
        include_tasks=False,
        district_title=catalogue.settings.display_title(),
        region_label=catalogue.settings.region + (unit.place or unit.name),
    )
    prefix = f"units/{unit.slug}/"
    return {prefix + name: content for name, content in {**pages, **data}.items()}


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
            raise ZwgkError(
                Text(
                    f"单位名录中没有镇街“{name}”。可用镇街名称、办事处名称或代码，如：{known}",
                    f"no town or street '{name}' in the registry; known: {known}",
                )
            )
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
) -> BuildResult:
    """Check `root`; when it has no errors, render everything and replace `out` atomically.

    With `since` (a git revision), the site gets the 调整说明 page for the changes since then.

    Raises ZwgkError when the build cannot run (missing folder, an output folder that is not ours).
    """
    if templates is not None and not templates.is_dir():
        raise ZwgkError(
            Text(f"模板文件夹 {templates} 不存在。", f"template folder {templates} does not exist.")
        )
    check = check_catalogue(root)
    check_target(out, sources=root)
    if on_checked is not None:
        on_checked(check)
    result = BuildResult(check, out)
    if check.catalogue is None:
        return result
    chosen = resolve_units(check.catalogue, units, all_units=all_units)
    changes = changes_since(since, root, Path.cwd(), check) if since is not None else None
    coverage = None
    if check.upstream is not None:
        upstream = check.upstream
        coverage = CoverageReport(upstream.label, upstream.edition, coverage_table(check.files, upstream))
    files = render_outputs(check.catalogue, templates, progress, changes, coverage, chosen)
    write_tree(files, out, sources=root)
    result.files = files
    return result
