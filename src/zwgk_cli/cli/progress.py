"""The build's progress bar and its closing summary."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from zwgk_cli.cli.console import check_steps, rich_line
from zwgk_cli.core.diagnostics import Lang, Text, say
from zwgk_cli.core.inert_text import one_line

if TYPE_CHECKING:
    from zwgk_cli.build.builder import BuildResult


class PageProgress:
    """Shows how far the check has come, then counts the files written; a bar only on a terminal."""

    def __init__(self, progress: Progress | None, lang: Lang = "zh") -> None:
        self._progress = progress
        self._lang = lang
        self._checking = say("ui.build.checking").get(lang)
        self._task = progress.add_task(self._checking, total=None) if progress else None
        self.checking = check_steps(self._describe, lang)

    def _describe(self, detail: str) -> None:
        if self._progress is not None and self._task is not None:
            self._progress.update(self._task, description=self._checking + detail)

    def advance(self, name: str) -> None:
        if self._progress is not None and self._task is not None:
            # the description is read as rich markup: a file name is shown as written
            description = say("ui.build.writing", name=_markup_free(name)).get(self._lang)
            self._progress.update(self._task, advance=1, description=description)


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
    data = [name for name in sorted(result.files) if "/" not in name and not name.endswith(".html")]
    units = result.units()
    fragments = result.fragments()
    summary = say(
        "ui.build.summary",
        pages=len(pages),
        domains=domains,
        items=items,
        data=Text("、".join(data), ", ".join(data)),
        fragments=say("ui.build.fragments", count=len(fragments)) if fragments else "",
        units=say("ui.build.units", count=len(units)) if units else "",
        files=len(result.files),
    )
    console.print(rich_line((say("ui.build.built", out=out).get(lang), "bold green"), summary.get(lang)))


def _markup_free(text: str) -> str:
    """`text` for a place rich reads as markup: on one line, its brackets escaped."""
    from rich.markup import escape

    return escape(one_line(text))


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve())) + "/"
    except ValueError:
        return str(path) + "/"
