"""zwgk's typer classes: the group and the commands, with help pages and usage errors in zwgk's words.

`ZwgkGroup.main` decides the run's language before click parses (language.chosen_language: ``--lang``
anywhere on the line, else ZWGK_LANG) and hands it to every command as the default of its
``--lang`` (click's ``default_map``), so ``zwgk --lang en validate`` and ``ZWGK_LANG=en zwgk
validate`` speak English as ``zwgk validate --lang en`` does. It runs click without its own error
handling, and says what went wrong itself (errors.usage_error_text), in that language.
"""

from __future__ import annotations

import difflib
import os
import sys
from collections.abc import Sequence
from typing import Any, ClassVar

import typer
from typer._click import Command, Context, HelpFormatter, Parameter
from typer._click.exceptions import NoArgsIsHelpError, UsageError
from typer.core import TyperCommand, TyperGroup, TyperOption

from zwgk_cli.cli.help.errors import UnknownCommand, usage_error_text
from zwgk_cli.cli.help.page import help_plain, print_help
from zwgk_cli.cli.help.text import CommandEnglish, usage_line
from zwgk_cli.cli.language import (
    LanguageSettingError,
    argument_language,
    before_command,
    chosen_language,
    env_language,
)
from zwgk_cli.cli.options import EXIT_CANNOT_RUN
from zwgk_cli.core.diagnostics import Lang, Text, say


def language_of(ctx: Context) -> Lang:
    """The language the run chose (ZwgkGroup.main), from any context in it."""
    root = ctx.find_root().command
    return root.language if isinstance(root, ZwgkGroup) else "zh"


def _show_help(ctx: Context, param: Parameter, value: bool) -> None:
    """``--help``: the page in the run's language, then exit 0."""
    if value and not ctx.resilient_parsing:
        print_help(ctx, language_of(ctx))
        ctx.exit()


class _HelpPages(Command):
    """What both zwgk classes do: the help page and usage line in the run's language."""

    def get_help_option(self, ctx: Context) -> TyperOption | None:
        option = super().get_help_option(ctx)
        if option is not None:  # click's --help, answering with zwgk's page (its text is page.py's)
            option.callback = _show_help
        return option

    def format_usage(self, ctx: Context, formatter: HelpFormatter) -> None:
        formatter.write(usage_line(self, ctx, language_of(ctx)) + "\n")

    def format_help(self, ctx: Context, formatter: HelpFormatter) -> None:
        formatter.write(help_plain(ctx, language_of(ctx)))

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except UsageError as exc:  # the parser's own errors (--format with no value) name no command
            if exc.ctx is None:
                exc.ctx, exc.cmd = ctx, self
            raise


class ZwgkCommand(_HelpPages, TyperCommand):
    """A zwgk command (`english` is its help in English)."""

    english: ClassVar[CommandEnglish | None] = None


class ZwgkGroup(_HelpPages, TyperGroup):
    """The ``zwgk`` group: chooses the language, runs the command, words usage errors."""

    english: ClassVar[CommandEnglish | None] = None
    language: Lang = "zh"

    def resolve_command(self, ctx: Context, args: list[str]) -> Any:
        name = args[0]
        if self.get_command(ctx, name) is None and not ctx.resilient_parsing and not name.startswith("-"):
            raise UnknownCommand(name, difflib.get_close_matches(name, list(self.commands)), ctx)
        return super().resolve_command(ctx, args)

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        given = list(sys.argv[1:] if args is None else args)
        try:
            self.language = chosen_language(given, os.environ)
            # a command's --lang defaults to one before its name, else (no --lang at all) to ZWGK_LANG
            default = argument_language(before_command(given, self.commands))
            if argument_language(given) is None:
                default = env_language(os.environ)
        except LanguageSettingError as exc:
            self.language = "zh"
            _say_usage_error(say("stop.usage.env-lang", value=exc.value), None, self.language)
            sys.exit(EXIT_CANNOT_RUN)
        lang = self.language
        if default is not None:
            extra.setdefault("default_map", {name: {"lang": default} for name in self.commands})
        try:
            result = super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        except NoArgsIsHelpError as exc:  # plain ``zwgk``: the help, as click does (exit 2)
            if not standalone_mode:
                raise
            print_help(exc.ctx, lang)
            sys.exit(exc.exit_code)
        except typer.TyperException as exc:  # click's usage errors
            if not standalone_mode:
                raise
            _say_usage_error(usage_error_text(exc), getattr(exc, "ctx", None), lang)
            sys.exit(getattr(exc, "exit_code", EXIT_CANNOT_RUN))
        except typer.Abort:
            if not standalone_mode:
                raise
            _say_usage_error(say("ui.cli.aborted"), None, lang)
            sys.exit(1)  # as click ends an aborted run
        if not standalone_mode:
            return result
        sys.exit(result if isinstance(result, int) else 0)


def _say_usage_error(text: Text, ctx: Context | None, lang: Lang) -> None:
    """On stderr: ``错误：…``, then the usage line and where to find the help."""
    from zwgk_cli.cli.console import make_console, rich_line

    console = make_console(stderr=True)
    console.print(rich_line((say("ui.cli.error").get(lang), "bold red"), text.get(lang)))
    if ctx is not None:
        console.print(rich_line(usage_line(ctx.command, ctx, lang)))
        console.print(rich_line((say("ui.help.try", command=ctx.command_path).get(lang), "dim")))


def command_class(english: CommandEnglish) -> type[ZwgkCommand]:
    """The class typer builds a command with (``cls=``): ZwgkCommand carrying the command's English."""
    return type("ZwgkCommand", (ZwgkCommand,), {"english": english})


def group_class(english: CommandEnglish) -> type[ZwgkGroup]:
    """The class typer builds the ``zwgk`` group with, carrying its English."""
    return type("ZwgkGroup", (ZwgkGroup,), {"english": english})
