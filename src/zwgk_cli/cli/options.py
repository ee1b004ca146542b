"""Options and exit codes shared by every command."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_CANNOT_RUN = 2


class Language(StrEnum):
    """Message languages."""

    zh = "zh"
    en = "en"


LangOption = Annotated[Language, typer.Option("--lang", help="消息语言：zh（默认）或 en。")]


class OutputFormat(StrEnum):
    """Report formats for findings."""

    text = "text"
    json = "json"
    github = "github"


class DiffFormat(StrEnum):
    """Report formats for differences."""

    text = "text"
    markdown = "markdown"
    html = "html"
    json = "json"


class CoverageFormat(StrEnum):
    """Report formats for coverage."""

    text = "text"
    json = "json"


DEFAULT_FOLDER = Path("catalogues")

TemplatesOption = Annotated[
    Path | None,
    typer.Option("--templates", help="自定义模板文件夹：其中的同名模板和 assets/ 文件优先于内置模板。"),
]

DirArgument = Annotated[
    Path,
    typer.Argument(help="目录文件夹（含 zwgk.yaml 和各领域 YAML 文件）。", show_default=True),
]


def iso_day(text: str) -> date | None:
    """A `YYYY-MM-DD` option value as a date; None for anything else (each command says why)."""
    try:
        return date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        return None
