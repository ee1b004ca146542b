"""Diagnostics as plain text lines, the JSON envelope and GitHub workflow annotations.

The coloured terminal report lives in the CLI; these renderers return strings so they can be
tested and reused without a terminal.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from zwgk_cli import __version__
from zwgk_cli.core.diagnostics import Diagnostic, Lang, Summary, say
from zwgk_cli.core.inert_text import json_inert, one_line

JSON_FORMAT_VERSION = 1

SEVERITY_WORDS: dict[str, tuple[str, str]] = {
    "error": (say("ui.report.error").zh, say("ui.report.error").en),
    "warning": (say("ui.report.warning").zh, say("ui.report.warning").en),
}


def display_path(path: Path | None, base: Path | None = None) -> str:
    """A file path as users should see it: relative to `base` (the working folder) when inside it.

    The name is shown on one line (see inert_text.one_line), and a relative path that would start
    with ``:`` or ``#`` begins with ``./``, so that a line it starts is never a CI log command.
    """
    if path is None:
        return ""
    shown = path.as_posix()
    # the folder is resolved, never the file's own name: a symbolic link is named, not its target
    where = path.parent.resolve() / path.name if path.name else path.resolve()
    if base is not None and where.is_relative_to(base.resolve()):
        shown = where.relative_to(base.resolve()).as_posix()
    if shown.startswith((":", "#")):
        shown = "./" + shown
    return one_line(shown)


def location(d: Diagnostic, base: Path | None = None) -> str:
    """``file:line:column`` (parts that are unknown left out)."""
    where = display_path(d.file, base)
    if d.line is not None:
        where += f":{d.line}"
        if d.column is not None:
            where += f":{d.column}"
    return where


def render_line(d: Diagnostic, lang: Lang = "zh", base: Path | None = None) -> str:
    """One line per finding, as a compiler prints it: ``file:line:col: 错误[code] message``."""
    severity = SEVERITY_WORDS[d.severity][0 if lang == "zh" else 1]
    if d.waived is not None:
        severity = say("ui.report.waived-warning").get(lang)
    return f"{location(d, base)}: {severity}[{d.code}] {one_line(d.message.get(lang))}"


def render_plain(diagnostics: Sequence[Diagnostic], lang: Lang = "zh", base: Path | None = None) -> str:
    """Every finding as its line, its hint and its waiver reason (no colours, no excerpts)."""
    out: list[str] = []
    for d in diagnostics:
        out.append(render_line(d, lang, base))
        if d.hint is not None:
            out.append("  " + say("ui.report.hint").get(lang) + one_line(d.hint.get(lang)))
        if d.waived is not None:
            out.append("  " + say("ui.report.waiver-reason").get(lang) + one_line(d.waived))
    return "\n".join(out) + ("\n" if out else "")


def summary_text(summary: Summary, lang: Lang = "zh") -> str:
    """The closing line: what was checked and what was found."""
    return say(
        "ui.report.summary-waived" if summary.waived else "ui.report.summary",
        domains=summary.domains,
        items=summary.items,
        files=summary.files,
        errors=summary.errors,
        warnings=summary.warnings,
        waived=summary.waived,
    ).get(lang)


def to_record(d: Diagnostic, lang: Lang = "zh", base: Path | None = None) -> dict[str, Any]:
    """One finding as a JSON object."""
    return {
        "file": display_path(d.file, base) or None,
        "line": d.line,
        "column": d.column,
        "code": d.code,
        "severity": d.severity,
        "message": d.message.get(lang),
        "hint": d.hint.get(lang) if d.hint else None,
        "path": d.path_text() or None,
        "item_id": d.item_id,
        "waived": d.waived is not None,
        "waiver_reason": d.waived,
    }


def render_json(
    diagnostics: Sequence[Diagnostic], summary: Summary, lang: Lang = "zh", base: Path | None = None
) -> str:
    """The JSON envelope: ``{"version", "tool", "diagnostics", "summary"}``."""
    envelope = {
        "version": JSON_FORMAT_VERSION,
        "tool": {"name": "zwgk", "version": __version__},
        "diagnostics": [to_record(d, lang, base) for d in diagnostics],
        "summary": {
            "files": summary.files,
            "domains": summary.domains,
            "items": summary.items,
            "errors": summary.errors,
            "warnings": summary.warnings,
            "waived": summary.waived,
        },
    }
    return json_inert(json.dumps(envelope, ensure_ascii=False, indent=2)) + "\n"


def github_data(text: str) -> str:
    """The message of a workflow command: ``%``, CR and LF encoded as the runner decodes them."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_property(text: str) -> str:
    """A property value of a workflow command: as data, and ``:`` and ``,`` encoded too."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(diagnostics: Sequence[Diagnostic], lang: Lang = "zh", base: Path | None = None) -> str:
    """GitHub Actions workflow commands (``::error file=…,line=…::message``); waived findings are notices."""
    lines: list[str] = []
    for d in diagnostics:
        kind = "notice" if d.waived is not None else d.severity
        props = []
        if d.file is not None:
            props.append(f"file={github_property(display_path(d.file, base))}")
        if d.line is not None:
            props.append(f"line={d.line}")
        if d.column is not None:
            props.append(f"col={d.column}")
        props.append(f"title={github_property('zwgk ' + d.code)}")
        # each part on one line (user text shown inert); the line breaks between them are ours
        message = one_line(d.message.get(lang))
        if d.hint is not None:
            message += "\n" + say("ui.report.hint").get(lang) + one_line(d.hint.get(lang))
        if d.waived is not None:
            message += "\n" + say("ui.report.waiver-reason").get(lang) + one_line(d.waived)
        lines.append(f"::{kind} {','.join(props)}::{github_data(message)}")
    return "\n".join(lines) + ("\n" if lines else "")
