"""Findings in the terminal: a compiler-style line, the source line with a caret, the hint."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.text import Text as RichText

from zwgk_cli.diagnostics import Diagnostic, Lang, Summary
from zwgk_cli.report import SEVERITY_WORDS, location, summary_text

_STYLE = {"error": "bold red", "warning": "bold yellow"}


def print_diagnostics(
    console: Console, diagnostics: Sequence[Diagnostic], summary: Summary, lang: Lang, base: Path | None
) -> None:
    """Print every finding, then the summary line."""
    for d in diagnostics:
        line = RichText()
        line.append(location(d, base), style="bold")
        line.append(": ")
        if d.waived is not None:
            line.append("已豁免警告" if lang == "zh" else "waived warning", style="dim")
        else:
            line.append(SEVERITY_WORDS[d.severity][0 if lang == "zh" else 1], style=_STYLE[d.severity])
        line.append(f"[{d.code}] ", style="dim" if d.waived else _STYLE[d.severity])
        line.append(d.message.get(lang))
        console.print(line)
        if d.excerpt is not None and d.line is not None:
            gutter = f"{d.line:>5} | "
            console.print(RichText(gutter, style="blue") + RichText(d.excerpt.replace("\t", "→")))
            if d.column is not None:
                pad = _display_width(d.excerpt[: d.column - 1])
                console.print(
                    RichText(" " * 5 + " | ", style="blue")
                    + RichText(" " * pad + "^", style=_STYLE[d.severity])
                )
        if d.hint is not None:
            label = "提示：" if lang == "zh" else "hint: "
            console.print(RichText("  " + label, style="green") + RichText(d.hint.get(lang)))
        if d.waived is not None:
            label = "豁免理由：" if lang == "zh" else "waiver reason: "
            console.print(RichText("  " + label, style="dim") + RichText(d.waived, style="dim"))
    style = "bold red" if summary.errors else "bold yellow" if summary.warnings else "bold green"
    console.print(f"[{style}]{escape(summary_text(summary, lang))}[/]")


def _display_width(text: str) -> int:
    """Terminal columns of `text`: CJK and full-width characters take two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)
