"""Options and exit codes shared by every command."""

from __future__ import annotations

from enum import StrEnum
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
