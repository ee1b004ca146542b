"""A ``--help`` page drawn with rich, in the layout typer uses: usage, description, then panels.

Each row of the 参数/选项 panels shows the parameter as it is typed (``-o, --out``, ``[<文件夹>]``),
its placeholder (none for a flag), and its help followed by ``[默认：…]`` or ``[必填]``. The
argument's placeholder is the same in the usage line and in its panel.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from typer.core import TyperArgument, TyperGroup

from zwgk_cli.cli.help.text import (
    argument_piece,
    default_text,
    description,
    paragraphs,
    parameter_help,
    placeholder,
    summary,
    usage_line,
)
from zwgk_cli.cli.help.wrap import ChineseText
from zwgk_cli.core.diagnostics import Lang, say

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.table import Table
    from rich.text import Text as RichText
    from typer._click import Context, Parameter

OPTION_STYLE = "bold cyan"
PLACEHOLDER_STYLE = "bold yellow"
OPTION_IN_TEXT = re.compile(r"(?<![\w-])--?[A-Za-z][\w-]*")


def print_help(ctx: Context, lang: Lang, console: Console | None = None) -> None:
    """The command's help page on stdout (or `console`)."""
    from zwgk_cli.cli.console import make_console

    out = console or make_console()
    for part in help_parts(ctx, lang):
        out.print(part, soft_wrap=False)


def help_plain(ctx: Context, lang: Lang, width: int = 100) -> str:
    """The help page as plain text (what click's ``get_help`` returns)."""
    from rich.console import Console

    buffer = io.StringIO()
    print_help(ctx, lang, Console(file=buffer, width=width, no_color=True, highlight=False, emoji=False))
    return buffer.getvalue()


def help_parts(ctx: Context, lang: Lang) -> list[RenderableType]:
    """Usage, description, the arguments and options panels, and a group's commands."""
    from rich.padding import Padding
    from rich.text import Text as RichText

    command = ctx.command
    parts: list[RenderableType] = [
        Padding(RichText(usage_line(command, ctx, lang), style="bold"), (1, 1, 1, 1))
    ]
    shown = paragraphs(description(command, lang))
    if shown:
        text = RichText("\n\n").join(
            _highlighted(RichText(paragraph, style="" if index == 0 else "dim"))
            for index, paragraph in enumerate(shown)
        )
        parts.append(Padding(ChineseText(text), (0, 1, 1, 1)))
    params = [param for param in command.get_params(ctx) if not getattr(param, "hidden", False)]
    arguments = [param for param in params if isinstance(param, TyperArgument)]
    options = [param for param in params if not isinstance(param, TyperArgument)]
    if arguments:
        parts.append(_panel(say("ui.help.arguments").get(lang), _parameters(ctx, arguments, lang)))
    if options:
        parts.append(_panel(say("ui.help.options").get(lang), _parameters(ctx, options, lang)))
    if isinstance(command, TyperGroup):
        parts.append(_panel(say("ui.help.commands").get(lang), _commands(command, ctx, lang)))
    return parts


def _parameters(ctx: Context, params: Sequence[Parameter], lang: Lang) -> Table:
    from rich.text import Text as RichText

    table = _table()
    help_option = ctx.command.get_help_option(ctx)
    aligned = any(len(opt) == 2 for param in params for opt in param.opts if not opt.startswith("--"))
    for param in params:
        if isinstance(param, TyperArgument):
            name, shown = argument_piece(param, lang), ""
        else:
            shorts = [opt for opt in param.opts if not opt.startswith("--")]
            longs = [opt for opt in param.opts if opt.startswith("--")]
            name = ", ".join(shorts + longs) if shorts else ("    " if aligned else "") + ", ".join(longs)
            shown = placeholder(param, lang)
        words = (
            say("ui.help.help").get(lang)
            if param is help_option
            else parameter_help(param, ctx.command, lang)
        )
        cell = _highlighted(RichText(words))
        default = default_text(param, ctx)
        if default is not None:
            cell.append(" " + say("ui.help.default", value=default).get(lang), style="dim")
        if getattr(param, "multiple", False):
            cell.append(" " + say("ui.help.repeat").get(lang), style="dim")
        if param.required:
            cell.append(" " + say("ui.help.required").get(lang), style="red")
        table.add_row(
            RichText(name, style=OPTION_STYLE), RichText(shown, style=PLACEHOLDER_STYLE), ChineseText(cell)
        )
    return table


def _commands(group: TyperGroup, ctx: Context, lang: Lang) -> Table:
    from rich.text import Text as RichText

    table = _table()
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        if command is None or command.hidden:
            continue
        shown = ChineseText(_highlighted(RichText(summary(command, lang))))
        table.add_row(RichText(name, style=OPTION_STYLE), RichText(""), shown)
    return table


def _table() -> Table:
    from rich.table import Table

    table = Table(show_header=False, box=None, expand=True, padding=(0, 1), pad_edge=False)
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_column(ratio=1, overflow="fold")
    return table


def _panel(title: str, table: Table) -> RenderableType:
    from rich import box
    from rich.panel import Panel

    return Panel(table, title=title, title_align="left", border_style="dim", box=box.ROUNDED)


def _highlighted(text: RichText) -> RichText:
    """Option names inside help text (``--since``, ``-o``) in the colour of the option column."""
    text.highlight_regex(OPTION_IN_TEXT, OPTION_STYLE)
    return text
