"""The catalogue's parts, one per stage; each maps a key to its (Chinese, English) templates."""

from __future__ import annotations

from collections.abc import Mapping

from zwgk_cli.core.messages.parts import (
    build,
    calendar,
    claims,
    cli,
    common,
    fmt,
    history,
    importer,
    lints,
    reading,
    report,
    review,
    rules,
    shape,
    village,
)

ALL: dict[str, Mapping[str, tuple[str, str]]] = {
    "common": common.MESSAGES,
    "reading": reading.MESSAGES,
    "fmt": fmt.MESSAGES,
    "shape": shape.MESSAGES,
    "rules": rules.MESSAGES,
    "claims": claims.MESSAGES,
    "lints": lints.MESSAGES,
    "village": village.MESSAGES,
    "review": review.MESSAGES,
    "history": history.MESSAGES,
    "importer": importer.MESSAGES,
    "build": build.MESSAGES,
    "calendar": calendar.MESSAGES,
    "cli": cli.MESSAGES,
    "report": report.MESSAGES,
}
