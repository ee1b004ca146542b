"""`zwgk import` in the terminal: the YAML on standard output, the findings, the files written."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from zwgk_cli.cli.console import make_console, rich_line
from zwgk_cli.cli.report.terminal import print_diagnostics
from zwgk_cli.core.diagnostics import Lang, say
from zwgk_cli.core.report_formats import display_path

if TYPE_CHECKING:
    from rich.console import Console

    from zwgk_cli.importer.run import ImportRun


def print_import(run: ImportRun, lang: Lang, base: Path) -> None:
    """YAML meant for standard output, then the findings and the files written."""
    # the findings go to stderr when standard output holds the YAML
    console = make_console(stderr=run.plan.to_stdout)
    for output in run.plan.outputs:
        if output.path is None:
            sys.stdout.write(output.data.decode("utf-8"))
    print_diagnostics(console, run.findings, run.summary, lang, base)
    _print_outputs(console, run, lang, base)


def _print_outputs(console: Console, run: ImportRun, lang: Lang, base: Path) -> None:
    outputs = run.plan.outputs
    if not outputs:
        console.print(rich_line(say("ui.importer.nothing").get(lang)))
        return
    if any(o.path is None for o in outputs):
        return
    if run.plan.held:
        console.print(rich_line((say("ui.importer.held", count=len(run.plan.removed)).get(lang), "bold")))
        return
    result = run.result
    head = say(
        "ui.importer.imported", name=result.source.name, domains=len(result.domains), items=result.items
    )
    console.print(rich_line((head.get(lang), "bold")))
    for output in outputs:
        copied = output.copied and output.status == "new"
        status = say("ui.importer.status.copied" if copied else f"ui.importer.status.{output.status}")
        shown = display_path(output.path, base)
        if output.removed:
            line = say("ui.importer.output.removed", path=shown, status=status, count=len(output.removed))
        else:
            line = say("ui.importer.output", path=shown, status=status)
        console.print(rich_line(line.get(lang)))
