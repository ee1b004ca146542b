"""What a help page says, in either language: descriptions, parameter help, placeholders, usage.

The Chinese is what the command declares (its docstring, each option's ``help=`` and ``metavar=``);
the English is the command's `CommandEnglish`, kept in the same module right above the command,
and `options.SHARED_ENGLISH` / `options.PLACEHOLDERS_EN` for what several commands share.
tests/test_help.py fails when a parameter has help in one language only.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from typer.core import TyperArgument, TyperGroup, TyperOption

from zwgk_cli.cli.options import PLACEHOLDERS_EN, SHARED_ENGLISH
from zwgk_cli.core.diagnostics import Lang, say

if TYPE_CHECKING:
    from typer._click import Command, Context, Parameter


@dataclass(frozen=True, slots=True)
class CommandEnglish:
    """A command's help in English.

    `description` translates the docstring paragraph by paragraph (the first paragraph is the
    summary `zwgk --help` lists); `params` maps a parameter's name, as in the function, to its
    help. A parameter whose Chinese help is a shared one (options.SHARED_ENGLISH) needs no entry.
    """

    description: str
    params: Mapping[str, str] = field(default_factory=dict)


def english_of(command: object) -> CommandEnglish | None:
    """The English a zwgk command class carries (None for any other command)."""
    english = getattr(command, "english", None)
    return english if isinstance(english, CommandEnglish) else None


def description(command: Command, lang: Lang) -> str:
    """The command's description in `lang` (the docstring in Chinese)."""
    english = english_of(command)
    if lang == "en" and english is not None:
        return english.description
    return command.help or ""


def paragraphs(text: str) -> list[str]:
    """The paragraphs of a description, each as one line.

    A line break inside a paragraph is where the source was wrapped, not where the reader's line
    ends: it goes, leaving a space only where the text would have one (not between two Chinese
    characters, nor next to Chinese punctuation: ``Schema、pre-commit``, but ``of 重庆市``).
    """
    found: list[str] = []
    for block in text.strip().split("\n\n"):
        joined = ""
        for line in (part.strip() for part in block.splitlines()):
            if joined and line and _spaced(joined[-1], line[0]):
                joined += " "
            joined += line
        if joined:
            found.append(joined)
    return found


def _spaced(before: str, after: str) -> bool:
    """Whether a space goes between `before` and `after` where a line break joins them."""
    if _wide(before) and _wide(after):
        return False
    return not any(_wide(char) and unicodedata.category(char).startswith("P") for char in (before, after))


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def summary(command: Command, lang: Lang) -> str:
    """The first paragraph of the description: the command's line in the list of commands."""
    found = paragraphs(description(command, lang))
    return found[0] if found else ""


def parameter_help(param: Parameter, command: Command, lang: Lang) -> str:
    """A parameter's help in `lang` (untranslated help falls back to the Chinese)."""
    text: str = getattr(param, "help", None) or ""
    if lang == "zh":
        return text
    english = english_of(command)
    if english is not None and param.name in english.params:
        return english.params[param.name]
    return SHARED_ENGLISH.get(text, text)


def untranslated(command: Command) -> tuple[list[str], list[str]]:
    """Parameters with Chinese help and no English, and English entries naming no parameter."""
    english = english_of(command)
    params = {param.name: getattr(param, "help", None) for param in command.params if param.name}
    own = dict(english.params) if english is not None else {}
    missing = [
        name for name, text in params.items() if text and name not in own and text not in SHARED_ENGLISH
    ]
    stale = [name for name in own if not params.get(name)]
    return missing, stale


def is_flag(param: Parameter) -> bool:
    """An option that takes no value (``--strict``)."""
    return isinstance(param, TyperOption) and (param.is_flag or param.count)


def choices(param: Parameter) -> list[str]:
    """The values a choice takes (``text``, ``json`` …); empty for any other parameter."""
    if not isinstance(param, TyperOption | TyperArgument):
        return []
    values: tuple[Any, ...] = param.type_descriptor.choices or ()
    return [str(value.value) if isinstance(value, Enum) else str(value) for value in values]


def placeholder(param: Parameter, lang: Lang) -> str:
    """What stands for the parameter's value: the metavar, a choice's values, or nothing for a flag."""
    if is_flag(param):
        return ""
    if param.metavar:
        return PLACEHOLDERS_EN.get(param.metavar, param.metavar) if lang == "en" else param.metavar
    values = choices(param)
    if values:
        return "<" + "|".join(values) + ">"
    return f"<{param.name}>"  # a parameter without a metavar: tests/test_help.py allows none


def argument_piece(param: Parameter, lang: Lang) -> str:
    """An argument as the usage line and the arguments panel show it: ``<文件>``, ``[<文件夹>]``, ``[<路径>...]``."""
    name = placeholder(param, lang)
    if param.nargs == -1:
        name += "..."
    return name if param.required else f"[{name}]"


def option_names(param: Parameter) -> str:
    """An option's names as typed on the command line: ``-o/--out``."""
    return "/".join(param.opts)


def usage_line(command: Command, ctx: Context, lang: Lang) -> str:
    """``用法：zwgk validate [<选项>] [<文件夹>]`` (a group adds ``<命令> [<参数>]...``)."""
    pieces = [ctx.command_path, f"[{say('ui.help.options-word').get(lang)}]"]
    pieces += [
        argument_piece(param, lang)
        for param in command.params
        if isinstance(param, TyperArgument) and not param.hidden
    ]
    if isinstance(command, TyperGroup):
        pieces.append(f"{say('ui.help.command-word').get(lang)} [{say('ui.help.args-word').get(lang)}]...")
    return say("ui.help.usage").get(lang) + " ".join(pieces)


def default_text(param: Parameter, ctx: Context) -> str | None:
    """The default a help page shows, if the parameter shows one and it is a plain value."""
    if not getattr(param, "show_default", False) or is_flag(param):
        return None
    value = param.get_default(ctx, call=False)
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, str | int | PurePath) and not isinstance(value, bool) and str(value):
        return str(value)
    return None
