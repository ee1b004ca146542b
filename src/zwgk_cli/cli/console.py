"""The only place a rich Console is made: colour follows NO_COLOR and whether output is a terminal."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, TextIO

from zwgk_cli.diagnostics import Lang, Text

if TYPE_CHECKING:
    from rich.console import Console


def make_console(*, stderr: bool = False, file: TextIO | None = None) -> Console:
    """A console for stdout (or stderr); no colour when NO_COLOR is set or output is not a terminal."""
    from rich.console import Console  # imported when first needed: `validate` into a pipe never is

    stream = file or (sys.stderr if stderr else sys.stdout)
    no_color = bool(os.environ.get("NO_COLOR"))
    width_env = os.environ.get("COLUMNS")
    width = int(width_env) if width_env and width_env.isdigit() else None
    return Console(
        file=stream,
        no_color=no_color,
        highlight=False,
        soft_wrap=True,
        width=width,
        emoji=False,
    )


def print_error(text: Text, lang: Lang) -> None:
    """One “错误：…” line on stderr: why a command cannot run."""
    make_console(stderr=True).print(f"[bold red]{'错误' if lang == 'zh' else 'error'}：[/]{text.get(lang)}")


@contextmanager
def working(text: str) -> Iterator[None]:
    """A transient spinner on stderr while a long step runs; nothing when stderr is not a terminal."""
    from zwgk_cli.cli.text_report import plain_output

    if plain_output(sys.stderr):
        yield
        return
    console = make_console(stderr=True)
    if not console.is_terminal:
        yield
        return
    with console.status(text):
        yield
