"""The self-check a formatted text must pass: the same data, every comment and blank line kept."""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path
from typing import Any

from zwgk_cli.core.diagnostics import Diagnostic, say
from zwgk_cli.sources.fmt.comments import TextLayout
from zwgk_cli.sources.loading import load_bytes


def self_check(
    path: Path, data: Any, original: str, before: TextLayout, after: TextLayout, text: str
) -> Diagnostic | None:
    """Why `text` is not an acceptable result for `original` (None when it is)."""
    loaded = load_bytes(path, text.encode("utf-8"))
    if loaded.diagnostics or loaded.document is None:
        return self_check_failed(path, "fmt-self-check.result-unreadable")
    if not same_data(data, loaded.document.data):
        return self_check_failed(path, "fmt-self-check.data-differs")
    lost = Counter(c.text for c in before.comments) - Counter(c.text for c in after.comments)
    if lost:
        first = next(c for c in before.comments if c.text in lost)
        return Diagnostic(
            "fmt-comment-position",
            say("fmt-comment-position", line=first.line),
            file=path,
            line=first.line,
            column=first.column,
            hint=say("fmt-comment-position.hint"),
            excerpt=original.split("\n")[first.line - 1],
        )
    if after.blank_lines != before.blank_lines:
        return self_check_failed(path, "fmt-self-check.blank-lines")
    return None


def self_check_failed(path: Path, what: str) -> Diagnostic:
    """The finding for a result that failed the self-check; `what` is the key of what went wrong."""
    return Diagnostic(
        "fmt-self-check",
        say("fmt-self-check", what=say(what)),
        file=path,
        hint=say("fmt-self-check.hint"),
    )


def same_data(a: Any, b: Any) -> bool:
    """Equal plain data, types included (1, 1.0 and True differ; NaN equals NaN; key order ignored)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same_data(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same_data(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return bool(a == b)
