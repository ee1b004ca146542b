"""`zwgk build`: check the catalogue, render every output, and swap the output folder in at once."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from zwgk_cli.catalogue import Catalogue
from zwgk_cli.diagnostics import Text, ZwgkError
from zwgk_cli.output import check_target, write_tree
from zwgk_cli.pipeline import CheckResult, check_catalogue
from zwgk_cli.site import page_count, render_site


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
        return sorted(name for name in self.files if name.endswith(".html"))


def render_outputs(
    catalogue: Catalogue,
    templates: Path | None = None,
    progress: Callable[[str], None] | None = None,
) -> dict[str, bytes]:
    """Every file of the output folder, by relative path (the marker excepted)."""
    return render_site(catalogue, templates, progress)


def output_steps(catalogue: Catalogue) -> int:
    """How many progress steps `render_outputs` reports."""
    return page_count(catalogue)


def build(
    root: Path,
    out: Path,
    templates: Path | None = None,
    progress: Callable[[str], None] | None = None,
    on_checked: Callable[[CheckResult], None] | None = None,
) -> BuildResult:
    """Check `root`; when it has no errors, render everything and replace `out` atomically.

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
    files = render_outputs(check.catalogue, templates, progress)
    write_tree(files, out, sources=root)
    result.files = files
    return result
