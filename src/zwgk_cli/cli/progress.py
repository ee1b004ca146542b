"""The build's progress bar and its closing summary."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from zwgk_cli.cli.console import check_steps
from zwgk_cli.core.diagnostics import Lang

if TYPE_CHECKING:
    from zwgk_cli.build.builder import BuildResult


class PageProgress:
    """Shows how far the check has come, then counts the files written; a bar only on a terminal."""

    def __init__(self, progress: Progress | None, lang: Lang = "zh") -> None:
        self._progress = progress
        self._lang = lang
        self._task = (
            progress.add_task("检查目录" if lang == "zh" else "checking", total=None) if progress else None
        )
        self.checking = check_steps(self._describe, lang)

    def _describe(self, detail: str) -> None:
        if self._progress is not None and self._task is not None:
            self._progress.update(
                self._task, description=("检查目录" if self._lang == "zh" else "checking") + detail
            )

    def advance(self, name: str) -> None:
        if self._progress is not None and self._task is not None:
            word = "生成" if self._lang == "zh" else "writing"
            self._progress.update(self._task, advance=1, description=f"{word} {name}")


@contextmanager
def build_progress(console: Console, lang: Lang = "zh") -> Iterator[PageProgress]:
    """A transient progress bar while the build runs (none when output is not a terminal)."""
    if not console.is_terminal:
        yield PageProgress(None, lang)
        return
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        yield PageProgress(progress, lang)


def print_build_summary(console: Console, result: BuildResult, lang: Lang) -> None:
    """What was written, in one or two lines."""
    catalogue = result.check.catalogue
    assert catalogue is not None
    pages = result.pages()
    domains = len(catalogue.domains)
    items = sum(len(d.items) for d in catalogue.domains)
    out = _shown(result.out)
    data = "、".join(name for name in sorted(result.files) if "/" not in name and not name.endswith(".html"))
    units = result.units()
    if lang == "zh":
        console.print(
            f"[bold green]已生成 {out}[/]：{len(pages)} 个页面（含 {domains} 个领域目录页），"
            f"{items} 个事项；表格和开放数据：{data}；"
            + (f"镇街目录 {len(units)} 个（units/）；" if units else "")
            + f"共 {len(result.files)} 个文件。"
        )
    else:
        console.print(
            f"[bold green]Built {out}[/]: {len(pages)} pages ({domains} domain pages), "
            f"{items} items; spreadsheets and open data: {data.replace('、', ', ')}; "
            + (f"{len(units)} town/street catalogues (units/); " if units else "")
            + f"{len(result.files)} files."
        )


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve())) + "/"
    except ValueError:
        return str(path) + "/"
