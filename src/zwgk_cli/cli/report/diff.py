"""`zwgk diff`'s output: in the terminal old in red, new in green, grouped by domain; or Markdown, HTML, JSON."""

from __future__ import annotations

import codecs
import io
import os
import sys
from collections.abc import Callable
from pathlib import Path

from rich.console import Console
from rich.text import Text as RichText

from zwgk_cli.check.pipeline import CheckProgress
from zwgk_cli.cli.console import check_steps, make_console, rich_line
from zwgk_cli.cli.report.terminal import print_diagnostics
from zwgk_cli.core.diagnostics import Lang, say
from zwgk_cli.core.inert_text import one_line
from zwgk_cli.history.changes import CatalogueDiff, FieldChange
from zwgk_cli.history.compare import Comparison
from zwgk_cli.render.change_report import (
    display,
    domain_heading,
    domain_summary,
    field_label,
    item_description,
    item_verb,
    json_document,
    overall_line,
    render_markdown,
    shows_fields,
)

_VERB_STYLE = {
    "added": "bold green",
    "removed": "bold red",
    "changed": "bold yellow",
    "moved": "bold cyan",
    "renumbered": "bold cyan",
}


def _field(change: FieldChange) -> RichText:
    # every value, key and name is shown on one line, control characters as escapes (one_line)
    line = RichText("      ")
    line.append(one_line(field_label(change)), style="bold")
    line.append("：")
    if change.added or change.removed:
        marks = [("−", value, "red") for value in change.removed] + [
            ("+", value, "green") for value in change.added
        ]
        for index, (mark, value, style) in enumerate(marks):
            if index:
                line.append("  ")
            line.append(f"{mark} {one_line(display(value))}", style=style)
        return line
    if change.reordered_only:
        line.append(say("ui.diff.reordered-to").zh + " ")
        line.append(one_line(display(change.new)), style="green")
        return line
    line.append(one_line(display(change.old)), style="red strike")
    line.append(" → ")
    line.append(one_line(display(change.new)), style="green")
    return line


def print_diff(console: Console, diff: CatalogueDiff) -> None:
    """The whole difference, then the one-line summary."""
    names = {d.slug: d.name for d in diff.domains}
    console.print(rich_line((say("ui.diff.heading", old=diff.old_label, new=diff.new_label).zh, "bold")))
    for domain in diff.changed_domains():
        console.print()
        console.print(rich_line((domain_heading(domain), "bold"), (f"  {domain_summary(domain)}", "dim")))
        for header_change in domain.header:
            console.print(
                RichText(f"  {say('ui.diff.header').zh} ", style="bold yellow") + _field(header_change)[6:]
            )
        for change in domain.items:
            verb = (item_verb(change, domain.slug), _VERB_STYLE[change.kind])
            console.print(rich_line("  ", verb, " " + item_description(change, domain.slug, names)))
            if shows_fields(change, domain.slug):
                for field_change in change.fields:
                    console.print(_field(field_change))
        if domain.reordered:
            console.print(RichText("  " + say("ui.diff.items-reordered").zh, style="dim"))
    if diff.settings:
        console.print()
        console.print(RichText(say("ui.diff.settings").zh, style="bold"))
        for settings_change in diff.settings:
            console.print(_field(settings_change))
    for note in diff.notes:
        console.print(rich_line((say("ui.diff.note", note=note).zh, "dim")))
    console.print()
    console.print(RichText(overall_line(diff), style="bold green" if diff.has_changes else "bold"))


def side_steps(show: Callable[[str], None], lang: Lang) -> Callable[[str], CheckProgress]:
    """How each side's check reports its progress, given "old" or "new"."""

    def steps(side: str) -> CheckProgress:
        word = say(f"ui.diff.reading.{side}").get(lang)
        return check_steps(lambda detail: show(f"{word}{detail}"), lang)

    return steps


def print_side_errors(comparison: Comparison, lang: Lang, base: Path) -> None:
    """On stderr, the errors of a side that could not be read whole."""
    errors = make_console(stderr=True)
    for side, label, check in (
        ("old", comparison.diff.old_label, comparison.old),
        ("new", comparison.diff.new_label, comparison.new),
    ):
        if check.summary.errors:
            head = say(f"ui.diff.side-errors.{side}", label=label, errors=check.summary.errors).get(lang)
            errors.print(rich_line((head, "bold red"), say("ui.diff.partial").get(lang)))
            errors_only = [d for d in check.diagnostics if d.severity == "error"]
            print_diagnostics(errors, errors_only, check.summary, lang, base)


def write_diff(comparison: Comparison, output_format: str, templates: Path | None) -> None:
    """The difference on stdout as `output_format` (text, markdown, html or json)."""
    diff = comparison.diff
    if output_format == "markdown":
        sys.stdout.write(render_markdown(diff))
    elif output_format == "json":
        _write_utf8(json_document(diff), b"\n")
    elif output_format == "html":
        from zwgk_cli.render.html.site import render_changes_page

        sys.stdout.write(render_changes_page(diff, comparison.settings(), templates).decode("utf-8"))
    else:
        print_diff(make_console(), diff)


def _write_utf8(*chunks: bytes) -> None:
    """UTF-8 text on stdout: the bytes as they are when stdout would write them so anyway (UTF-8, "\n"
    line ends), without the two copies decoding and encoding again would make; else as text."""
    stream = sys.stdout
    direct = (
        isinstance(stream, io.TextIOWrapper)
        and codecs.lookup(stream.encoding).name == "utf-8"
        and os.linesep == "\n"
    )
    if direct:
        stream.flush()
    for chunk in chunks:
        if direct:
            stream.buffer.write(chunk)
        else:
            stream.write(chunk.decode("utf-8"))
    if direct:
        stream.buffer.flush()
