"""`zwgk`: the typer application, its commands registered one line each, and the process's exit."""

from __future__ import annotations

import io
import os
import sys
from typing import Annotated

import typer

from zwgk_cli import __version__
from zwgk_cli.cli.commands.build import build_command
from zwgk_cli.cli.commands.calendar import calendar_command
from zwgk_cli.cli.commands.coverage import coverage_command
from zwgk_cli.cli.commands.diff import diff_command
from zwgk_cli.cli.commands.due import due_command
from zwgk_cli.cli.commands.fmt import fmt_command
from zwgk_cli.cli.commands.import_ import import_command
from zwgk_cli.cli.commands.init import init_command
from zwgk_cli.cli.commands.review import review_command
from zwgk_cli.cli.commands.schema import schema_command
from zwgk_cli.cli.commands.validate import validate_command
from zwgk_cli.cli.options import EXIT_OK

app = typer.Typer(
    name="zwgk",
    help="政务公开事项标准目录编译器：校验、生成与比对基层政务公开标准目录。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        print(f"zwgk {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="显示版本号后退出。")
    ] = False,
) -> None:
    """政务公开事项标准目录编译器。"""


for name, command in (
    ("validate", validate_command),
    ("build", build_command),
    ("diff", diff_command),
    ("fmt", fmt_command),
    ("import", import_command),
    ("schema", schema_command),
    ("init", init_command),
    ("coverage", coverage_command),
    ("review", review_command),
    ("calendar", calendar_command),
    ("due", due_command),
):
    app.command(name)(command)


def run() -> None:
    """Run the command line and end the process (see `zwgk_cli.cli.main`)."""
    # A command is one short process, so it ends the way mypy's does: once the output is flushed the
    # process exits without freeing its objects one by one (about 0.7 s at 100,000 items). Every
    # file was already written and closed atomically.
    # A character the terminal's encoding lacks is printed as an escape (\uXXXX), never a traceback.
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    try:
        app()
        code: int | str | None = 0
    except SystemExit as exc:
        code = exc.code
    if isinstance(code, str):
        sys.stderr.write(code + "\n")
        code = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # a closed pipe (`zwgk validate | head`): nothing more can be said
        code = code or 1
    os._exit(code or 0)
