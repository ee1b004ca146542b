"""`zwgk`: the typer application, its commands registered one line each, and the process's exit."""

from __future__ import annotations

import io
import os
import sys
from typing import Annotated

import typer

from zwgk_cli import __version__
from zwgk_cli.cli.commands import (
    build,
    calendar,
    coverage,
    diff,
    due,
    fmt,
    import_,
    init,
    review,
    schema,
    validate,
)
from zwgk_cli.cli.ending import end_without_freeing
from zwgk_cli.cli.help.commands import command_class, group_class
from zwgk_cli.cli.help.text import CommandEnglish
from zwgk_cli.cli.options import EXIT_OK, Language

ENGLISH = CommandEnglish(
    "A compiler for standard catalogues of government information disclosure items: "
    "check, build and compare a district's catalogue.",
    {
        "version": "Show the version and exit.",
        "lang": "Language of messages and help: zh or en, before or after the command's name; "
        "the ZWGK_LANG environment variable sets it too.",
    },
)

app = typer.Typer(
    name="zwgk",
    help="政务公开事项标准目录编译器：检查、生成和比对基层政务公开标准目录。",
    cls=group_class(ENGLISH),
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
    lang: Annotated[
        Language,
        typer.Option(
            "--lang",
            help="消息和帮助的语言：zh 或 en，写在命令名之前或之后都可以；也可以用环境变量 ZWGK_LANG 设置。",
        ),
    ] = Language.zh,
) -> None:
    # the help is the app's (help= above); --lang was read before parsing (help.commands.ZwgkGroup.main)
    pass


for name, command, english in (
    ("validate", validate.validate_command, validate.ENGLISH),
    ("build", build.build_command, build.ENGLISH),
    ("diff", diff.diff_command, diff.ENGLISH),
    ("fmt", fmt.fmt_command, fmt.ENGLISH),
    ("import", import_.import_command, import_.ENGLISH),
    ("schema", schema.schema_command, schema.ENGLISH),
    ("init", init.init_command, init.ENGLISH),
    ("coverage", coverage.coverage_command, coverage.ENGLISH),
    ("review", review.review_command, review.ENGLISH),
    ("calendar", calendar.calendar_command, calendar.ENGLISH),
    ("due", due.due_command, due.ENGLISH),
):
    app.command(name, cls=command_class(english))(command)


def run() -> None:
    """Run the command line and end the process (see `zwgk_cli.cli.main`)."""
    # A command is one short process, so it ends the way mypy's does: once the output is flushed the
    # process exits without freeing its objects one by one (about 0.7 s at 100,000 items), and the
    # commands keep their results for it (`cli.ending`). Every file was already written and closed
    # atomically.
    end_without_freeing()
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
