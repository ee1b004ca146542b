"""The only place a rich Console is made: colour follows NO_COLOR and whether output is a terminal."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, NoReturn, TextIO

import typer

from zwgk_cli.cli.options import EXIT_CANNOT_RUN
from zwgk_cli.core.diagnostics import Lang, Text, ZwgkError, say
from zwgk_cli.core.inert_text import one_line

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text as RichText

    from zwgk_cli.check.pipeline import CheckProgress, CheckResult


def make_console(*, stderr: bool = False, file: TextIO | None = None) -> Console:
    """A console for stdout (or stderr); no colour when NO_COLOR is set or output is not a terminal."""
    from rich.console import Console  # imported when first needed: `validate` into a pipe never is

    stream = file or (sys.stderr if stderr else sys.stdout)
    no_color = bool(os.environ.get("NO_COLOR"))
    width_env = os.environ.get("COLUMNS")
    # a width from 1 to 9999 columns; any other value ("²", thousands of digits) is not one
    width = int(width_env) if width_env and re.fullmatch("[1-9][0-9]{0,3}", width_env) else None
    return Console(
        file=stream,
        no_color=no_color,
        highlight=False,
        soft_wrap=True,
        width=width,
        emoji=False,
    )


def rich_line(*pieces: str | tuple[str, str]) -> RichText:
    """One line for rich from pieces of text, each plain or with a style.

    Rich reads no markup in it (a folder named ``[red]x[/red]`` or ``[/x]`` prints as written), and
    each piece is shown on one line with control and format characters as escapes (inert_text).
    """
    from rich.text import Text as RichText

    line = RichText()
    for piece in pieces:
        text, style = (piece, "") if isinstance(piece, str) else piece
        line.append(one_line(text), style=style or None)
    return line


def print_error(text: Text, lang: Lang) -> None:
    """One “错误：…” line on stderr: why a command cannot run."""
    make_console(stderr=True).print(rich_line((say("ui.cli.error").get(lang), "bold red"), text.get(lang)))


def exit_cannot_run(exc: ZwgkError, lang: Lang) -> NoReturn:
    """Say why the command cannot run and end it with exit code 2."""
    print_error(exc.text, lang)
    raise typer.Exit(EXIT_CANNOT_RUN)


@contextmanager
def working(text: str) -> Iterator[Callable[[str], None]]:
    """A transient spinner on stderr while a long step runs; the callback it gives adds a detail to `text`."""
    # the detail is how far the step has come; nothing shows when stderr is not a terminal
    from zwgk_cli.cli.report.terminal import plain_output

    if plain_output(sys.stderr):
        yield _unseen
        return
    console = make_console(stderr=True)
    if not console.is_terminal:
        yield _unseen
        return
    with console.status(text) as status:
        yield lambda detail: status.update(f"{text}{detail}")


def _unseen(detail: str) -> None:
    """Progress nobody sees (output is not a terminal)."""


def note_cache_ignored(check: CheckResult, lang: Lang) -> None:
    """On stderr, a line for each file whose cache entry the check could not trust (see `check.cache`)."""
    for path in check.cache_ignored:
        sys.stderr.write(say("ui.validate.cache-ignored", file=path).get(lang) + "\n")


def check_steps(show: Callable[[str], None], lang: Lang) -> CheckProgress:
    """A check's progress (see pipeline.check_catalogue) as words for `show`."""

    def step(stage: str, done: int, total: int) -> None:
        key = "ui.cli.step.read" if stage == "read" else "ui.cli.step.check"
        show(say(key, done=done, total=total).get(lang))

    return step
