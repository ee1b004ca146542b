"""Click's usage errors (an unknown option, a missing argument, a bad value …) in zwgk's words.

typer's click raises them with English text built in; the exception's class and fields say what
went wrong, so each is worded again from those, in both languages. A few plain `UsageError`s
carry nothing but their text; those are recognised by it (EXTRA_ARGUMENTS, MISSING_COMMAND), and
anything not recognised keeps click's own words behind “命令行有误：”.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

import typer
from typer._click import Command, Context, Parameter
from typer._click.exceptions import (
    BadOptionUsage,
    BadParameter,
    MissingParameter,
    NoSuchOption,
    UsageError,
)
from typer.core import TyperArgument, TyperOption

from zwgk_cli.cli.help.text import argument_piece, choices, option_names, placeholder
from zwgk_cli.core.diagnostics import Lang, Text, say

EXTRA_ARGUMENTS = re.compile(r"^Got unexpected extra arguments?(?:\(s\))? \((?P<args>.*)\)$", re.DOTALL)
MISSING_COMMAND = "Missing command."
NEEDS_VALUE = re.compile(r"requires (?:an argument|\d+ arguments)\.$")


class UnknownCommand(UsageError):
    """A command name zwgk does not have (raised by ZwgkGroup instead of click's plain UsageError)."""

    def __init__(self, name: str, suggestions: list[str], ctx: Context) -> None:
        super().__init__(f"No such command {name!r}.", ctx)
        self.name = name
        self.suggestions = suggestions


def usage_error_text(exc: typer.TyperException) -> Text:
    """What went wrong, in both languages."""
    if isinstance(exc, UnknownCommand):
        text = say("stop.usage.no-such-command", command=exc.name)
        return _then(text, _did_you_mean(exc.suggestions) or _commands(exc.ctx))
    if isinstance(exc, NoSuchOption):
        return _then(
            say("stop.usage.no-such-option", option=exc.option_name), _did_you_mean(exc.possibilities)
        )
    if isinstance(exc, BadOptionUsage):
        param = _option(exc.ctx, exc.option_name)
        if NEEDS_VALUE.search(exc.message) and param is not None:
            return say("stop.usage.needs-value", option=exc.option_name, placeholder=_placeholder(param))
        if "does not take a value" in exc.message:
            return say("stop.usage.takes-no-value", option=exc.option_name)
    if isinstance(exc, MissingParameter) and exc.param is not None:
        param = exc.param
        if isinstance(param, TyperArgument):
            return say(
                "stop.usage.missing-argument", argument=_both(lambda lang: argument_piece(param, lang))
            )
        return say("stop.usage.missing-option", option=option_names(param), placeholder=_placeholder(param))
    if isinstance(exc, BadParameter) and exc.param is not None:
        return _bad_value(exc, exc.param)
    if isinstance(exc, UsageError):
        extra = EXTRA_ARGUMENTS.match(exc.message)
        if extra is not None:
            return say("stop.usage.extra-arguments", args=extra["args"])
        if exc.message == MISSING_COMMAND:
            return _then(say("stop.usage.missing-command"), _commands(exc.ctx))
    return say("stop.usage.other", message=exc.format_message())


def _bad_value(exc: BadParameter, param: Parameter) -> Text:
    """``--format 的值“xml”无效：可选 text、json、github。``"""
    name = (
        option_names(param)
        if isinstance(param, TyperOption)
        else _both(lambda lang: argument_piece(param, lang).strip("[]"))
    )
    value = _input_value(exc)
    values = choices(param)
    if values:
        return say(
            "stop.usage.bad-choice",
            name=name,
            value=value,
            choices=Text("、".join(values), ", ".join(values)),
        )
    if isinstance(param, TyperOption | TyperArgument) and param.type_descriptor.annotation is int:
        return say("stop.usage.bad-integer", name=name, value=value)
    return say("stop.usage.bad-value", name=name, value=value)


def _input_value(exc: BadParameter) -> str:
    """The value typed, as the validation that refused it saw it."""
    cause: Any = exc.__cause__
    errors = getattr(cause, "errors", None)
    if callable(errors):
        found = errors()
        if found and "input" in found[0]:
            return str(found[0]["input"])
    return "?"


def _option(ctx: Context | None, name: str) -> Parameter | None:
    if ctx is None:
        return None
    return next((param for param in ctx.command.get_params(ctx) if name in param.opts), None)


def _placeholder(param: Parameter) -> Text:
    return _both(lambda lang: placeholder(param, lang))


def _both(make: Callable[[Lang], str]) -> Text:
    return Text(make("zh"), make("en"))


def _then(first: Text, second: Text | None) -> Text:
    """Two sentences as one message (the second may be missing)."""
    if second is None:
        return first
    return Text(first.zh + second.zh, first.en + second.en)


def _did_you_mean(names: Sequence[str] | None) -> Text | None:
    if not names:
        return None
    return say("stop.usage.did-you-mean", names=Text("、".join(names), ", ".join(names)))


def _commands(ctx: Context | None) -> Text | None:
    command: Command | None = ctx.command if ctx is not None else None
    found = getattr(command, "commands", None)
    if not found:
        return None
    names = list(found)
    return say("stop.usage.commands", names=Text("、".join(names), ", ".join(names)))
