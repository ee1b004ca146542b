"""`zwgk`: the typer application, its commands listed one line each, and the process's exit."""

from __future__ import annotations

import importlib
import io
import os
import sys
from typing import Annotated

import typer

from zwgk_cli import __version__
from zwgk_cli.cli.ending import end_without_freeing
from zwgk_cli.cli.help.commands import command_class, group_class
from zwgk_cli.cli.help.text import CommandEnglish
from zwgk_cli.cli.language import before_command
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


def _version(value: bool) -> None:
    if value:
        print(f"zwgk {__version__}")
        raise typer.Exit(EXIT_OK)


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
    # the help is the app's (`make_app`); --lang was read before parsing (help.commands.ZwgkGroup.main)
    pass


# Every command, in the order of the help page: its name, and its module in zwgk_cli.cli.commands,
# which holds the command (`validate_command`; `import_command` in `import_`) and its help in English
# (ENGLISH).
COMMANDS = (
    ("validate", "validate"),
    ("build", "build"),
    ("diff", "diff"),
    ("fmt", "fmt"),
    ("import", "import_"),
    ("schema", "schema"),
    ("init", "init"),
    ("coverage", "coverage"),
    ("review", "review"),
    ("calendar", "calendar"),
    ("due", "due"),
)


def make_app(only: str | None = None) -> typer.Typer:
    """The application with every command, or with the command named `only` alone: a run names one
    command, and importing the others and building their options took 0.03-0.04 s of every run."""
    application = typer.Typer(
        name="zwgk",
        help="政务公开事项标准目录编译器：检查、生成和比对基层政务公开标准目录。",
        cls=group_class(ENGLISH),
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
    )
    application.callback()(_root)
    for name, module_name in COMMANDS:
        if only is None or name == only:
            module = importlib.import_module(f"zwgk_cli.cli.commands.{module_name}")
            command = getattr(module, f"{module_name.removesuffix('_')}_command")
            application.command(name, cls=command_class(module.ENGLISH))(command)
    return application


def __getattr__(name: str) -> typer.Typer:
    """`app`: the application with every command (what the tests run), made when first asked for."""
    if name != "app":
        raise AttributeError(name)
    application = globals()["app"] = make_app()
    return application


def command_named(args: list[str]) -> str | None:
    """The command the command line `args` names, when nothing but ``--lang`` comes before its name;
    None when no command is named or the group itself answers (its help, --version, a usage error)."""
    before = before_command(args, [name for name, _ in COMMANDS])
    if len(before) == len(args):
        return None
    index = 0
    while index < len(before):
        if before[index] == "--lang" and index + 1 < len(before):
            index += 2
        elif before[index].startswith("--lang="):
            index += 1
        else:
            return None
    return args[len(before)]


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
        make_app(command_named(sys.argv[1:]))()
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
