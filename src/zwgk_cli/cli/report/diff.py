"""`zwgk diff` in the terminal: old in red, new in green, grouped by domain."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text as RichText

from zwgk_cli.history.changes import CatalogueDiff, FieldChange
from zwgk_cli.render.change_report import (
    display,
    domain_heading,
    domain_summary,
    item_description,
    item_verb,
    overall_line,
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
    line = RichText("      ")
    line.append(f"{change.title} ({change.key})" if change.title != change.key else change.key, style="bold")
    line.append("：")
    if change.added or change.removed:
        marks = [("−", value, "red") for value in change.removed] + [
            ("+", value, "green") for value in change.added
        ]
        for index, (mark, value, style) in enumerate(marks):
            if index:
                line.append("  ")
            line.append(f"{mark} {display(value)}", style=style)
        return line
    if change.reordered_only:
        line.append("顺序调整为 ")
        line.append(display(change.new), style="green")
        return line
    line.append(display(change.old), style="red strike")
    line.append(" → ")
    line.append(display(change.new), style="green")
    return line


def print_diff(console: Console, diff: CatalogueDiff) -> None:
    """The whole difference, then the one-line summary."""
    names = {d.slug: d.name for d in diff.domains}
    console.print(RichText(f"比较 {diff.old_label} → {diff.new_label}", style="bold"))
    for domain in diff.changed_domains():
        console.print()
        heading = RichText(domain_heading(domain), style="bold")
        heading.append(f"  {domain_summary(domain)}", style="dim")
        console.print(heading)
        for header_change in domain.header:
            console.print(RichText("  表头 ", style="bold yellow") + _field(header_change)[6:])
        for change in domain.items:
            line = RichText("  ")
            line.append(item_verb(change, domain.slug), style=_VERB_STYLE[change.kind])
            line.append(" " + item_description(change, domain.slug, names))
            console.print(line)
            if shows_fields(change, domain.slug):
                for field_change in change.fields:
                    console.print(_field(field_change))
        if domain.reordered:
            console.print(RichText("  次要 事项顺序有调整", style="dim"))
    if diff.settings:
        console.print()
        console.print(RichText("设置 (zwgk.yaml)", style="bold"))
        for settings_change in diff.settings:
            console.print(_field(settings_change))
    for note in diff.notes:
        console.print(RichText(f"说明：{note}", style="dim"))
    console.print()
    console.print(RichText(overall_line(diff), style="bold green" if diff.has_changes else "bold"))
