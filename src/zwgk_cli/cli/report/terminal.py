"""Findings in the terminal: a compiler-style line, the source line with a caret, the hint.

The report is made once as lines of styled pieces; rich prints them in colour on a terminal, and
when the output is a pipe or a file they are written as they are, without importing rich at all
(`zwgk validate` in CI or an editor hook starts that much sooner).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from zwgk_cli.core.codes import WHOLE_FILE
from zwgk_cli.core.diagnostics import Diagnostic, Lang, Summary, Text, say
from zwgk_cli.core.inert_text import one_line, shown_chars
from zwgk_cli.core.report_formats import display_path, location, summary_text
from zwgk_cli.core.text_width import terminal_width

if TYPE_CHECKING:
    from rich.console import Console

_STYLE = {"error": "bold red", "warning": "bold yellow"}

Piece = tuple[str, str | None]  # text and its rich style (None: plain)
Line = list[Piece]


# Findings about a whole domain file, which a new project has in every file (zwgk init leaves the
# items and the completion dates to fill): several of one code are reported as one line.
GROUPED_CODES = WHOLE_FILE


def report_lines(
    diagnostics: Sequence[Diagnostic], summary: Summary | None, lang: Lang, base: Path | None
) -> list[Line]:
    """Every finding (its line, source excerpt with caret, hint, waiver reason), then the summary (if any).

    Two or more findings of a code in GROUPED_CODES become one line after the others (group_lines);
    the machine formats (json, github) still list every one.
    """
    lines: list[Line] = []
    groups: dict[str, list[Diagnostic]] = {}
    for d in diagnostics:
        if d.code in GROUPED_CODES and d.counts and d.file is not None:
            groups.setdefault(d.code, []).append(d)
    groups = {code: found for code, found in groups.items() if len(found) > 1}
    grouped = {id(d) for found in groups.values() for d in found}
    for d in diagnostics:
        if id(d) in grouped:
            continue
        severity: Piece
        if d.waived is not None:
            severity = (say("ui.report.waived-warning").get(lang), "dim")
        else:
            severity = (say(f"ui.report.{d.severity}").get(lang), _STYLE[d.severity])
        code_style = "dim" if d.waived else _STYLE[d.severity]
        lines.append(
            [
                (location(d, base), "bold"),
                (": ", None),
                severity,
                (f"[{d.code}] ", code_style),
                (one_line(d.message.get(lang)), None),
            ]
        )
        if d.excerpt is not None and d.line is not None:
            shown = shown_chars(d.excerpt.replace("\t", "→"))
            before, shown = _window(shown, d.column)
            lines.append([(f"{d.line:>5} | ", "blue"), ("".join(shown), None)])
            if d.column is not None:  # the caret counts the width of what is shown before the column
                pad = terminal_width("".join(shown[: d.column - 1 - before]))
                lines.append([(" " * 5 + " | ", "blue"), (" " * pad + "^", _STYLE[d.severity])])
        if d.hint is not None:
            hint = one_line(d.hint.get(lang))
            lines.append([("  " + say("ui.report.hint").get(lang), "green"), (hint, None)])
        if d.waived is not None:
            label = say("ui.report.waiver-reason").get(lang)
            lines.append([("  " + label, "dim"), (one_line(d.waived), "dim")])
    for code, found in groups.items():
        lines += group_lines(code, found, summary, lang, base)
    if summary is None:  # a command that closes with its own summary (`zwgk fmt`)
        return lines
    style = "bold red" if summary.errors else "bold yellow" if summary.warnings else "bold green"
    lines.append([(summary_text(summary, lang), style)])
    return lines


def group_lines(
    code: str, found: Sequence[Diagnostic], summary: Summary | None, lang: Lang, base: Path | None
) -> list[Line]:
    """One line for several findings of `code`, at their folder, naming their files (or all domains), and its hint.

    ``catalogues/: 警告[domain-empty] 3 个领域还没有任何事项 (items)：aqsc.yaml、jz.yaml、ssgl.yaml。``
    """
    files = sorted({d.file for d in found if d.file is not None})
    folder = files[0].parent if len({path.parent for path in files}) == 1 else Path(os.path.commonpath(files))
    where = display_path(folder, base).rstrip("/") + "/"
    if summary is not None and len(files) == summary.domains:
        message = say(f"{code}.all", count=len(files))
    else:
        names = [display_path(path, folder.resolve()) for path in files]
        message = say(f"{code}.many", count=len(files), files=Text("、".join(names), ", ".join(names)))
    severity = found[0].severity
    return [
        [
            (where, "bold"),
            (": ", None),
            (say(f"ui.report.{severity}").get(lang), _STYLE[severity]),
            (f"[{code}] ", _STYLE[severity]),
            (one_line(message.get(lang)), None),
        ],
        [
            ("  " + say("ui.report.hint").get(lang), "green"),
            (one_line(say(f"{code}.many.hint").get(lang)), None),
        ],
    ]


EXCERPT_CHARS = 160  # a longer source line is shown as this much of it around the column


def _window(shown: list[str], column: int | None) -> tuple[int, list[str]]:
    """The part of a long source line shown: up to EXCERPT_CHARS characters around `column`, with
    ``…`` where it is cut; and how many characters of the line come before the part (the ``…``
    standing in for them counts as one)."""
    if len(shown) <= EXCERPT_CHARS:
        return 0, shown
    at = (column or 1) - 1
    start = max(0, min(at - EXCERPT_CHARS // 3, len(shown) - EXCERPT_CHARS))
    end = start + EXCERPT_CHARS
    part = shown[start:end] + (["…"] if end < len(shown) else [])
    if start == 0:
        return 0, part
    return start - 1, ["…", *part]


def print_diagnostics(
    console: Console,
    diagnostics: Sequence[Diagnostic],
    summary: Summary | None,
    lang: Lang,
    base: Path | None,
) -> None:
    """Print every finding, then the summary line (if any), on a rich console."""
    from rich.text import Text as RichText

    for line in report_lines(diagnostics, summary, lang, base):
        text = RichText()
        for piece, style in line:
            text.append(piece, style=style)
        console.print(text)


def emit_diagnostics(
    diagnostics: Sequence[Diagnostic], summary: Summary, lang: Lang, base: Path | None
) -> None:
    """The report on stdout: through rich on a terminal (or with FORCE_COLOR), else as plain lines."""
    import sys

    if plain_output(sys.stdout):
        sys.stdout.write(
            "".join(
                "".join(piece for piece, _ in line) + "\n"
                for line in report_lines(diagnostics, summary, lang, base)
            )
        )
        return
    from zwgk_cli.cli.console import make_console

    print_diagnostics(make_console(), diagnostics, summary, lang, base)


def plain_output(stream: TextIO) -> bool:
    """Whether rich would print to `stream` without colour or cursor moves anyway."""
    if os.environ.get("FORCE_COLOR") or os.environ.get("TTY_COMPATIBLE") == "1":
        return False
    try:
        return not stream.isatty()
    except (AttributeError, ValueError):
        return True
