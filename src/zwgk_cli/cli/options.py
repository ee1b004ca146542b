"""Options, placeholders and exit codes shared by every command.

Every value an option takes and every argument is shown in help as a placeholder in angle brackets,
one word per kind of value (docs/contributing.md, 命令行帮助): `<文件夹>` a folder, `<文件>` a file,
`<路径>` either, `<YYYY-MM-DD>` a date, and so on. A choice shows its values (`<text|json>`); a flag
shows none. The Chinese placeholder is written in the code; PLACEHOLDERS_EN gives its English.
"""

from __future__ import annotations

import os
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from zwgk_cli.check.cache import default_folder

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_CANNOT_RUN = 2


class Language(StrEnum):
    """Message languages."""

    zh = "zh"
    en = "en"


# ---- placeholders (metavars) ---------------------------------------------------------------------
FOLDER = "<文件夹>"
FILE = "<文件>"
PATH = "<路径>"  # a file or a folder
DAY = "<YYYY-MM-DD>"
YEAR = "<YYYY>"
REVISION = "<版本>"  # a git revision
OLD = "<旧版本>"  # a git revision or a catalogue folder
NEW = "<新版本>"
UNIT = "<单位>"
DOMAIN = "<领域>"
SLUG = "<领域代码>"
STAGE = "<环节>"
REGION = "<行政区划>"
LEVELS = "<层级,…>"
ITEM = "<事项编号>"

PLACEHOLDERS_EN: dict[str, str] = {
    FOLDER: "<folder>",
    FILE: "<file>",
    PATH: "<path>",
    DAY: DAY,
    YEAR: YEAR,
    REVISION: "<revision>",
    OLD: "<old>",
    NEW: "<new>",
    UNIT: "<unit>",
    DOMAIN: "<domain>",
    SLUG: "<slug>",
    STAGE: "<stage>",
    REGION: "<region>",
    LEVELS: "<level,…>",
    ITEM: "<item-id>",
}

# ---- options several commands share; SHARED_ENGLISH below gives their help in English ------------
LANG_HELP = "消息和帮助的语言：zh 或 en；也可以用环境变量 ZWGK_LANG 设置。"
LangOption = Annotated[Language, typer.Option("--lang", help=LANG_HELP)]


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

TEMPLATES_HELP = "自定义模板文件夹：其中的同名模板和 assets/ 文件优先于内置模板。"
TemplatesOption = Annotated[Path | None, typer.Option("--templates", metavar=FOLDER, help=TEMPLATES_HELP)]

DIR_HELP = "目录文件夹（含 zwgk.yaml 和各领域 YAML 文件）。"
DirArgument = Annotated[Path, typer.Argument(metavar=FOLDER, help=DIR_HELP, show_default=True)]

SHARED_ENGLISH: dict[str, str] = {
    LANG_HELP: "Language of messages and help: zh or en; the ZWGK_LANG environment variable sets it too.",
    TEMPLATES_HELP: "A folder of your own templates: templates of the same name and files in assets/ "
    "take the place of the built-in ones.",
    DIR_HELP: "The catalogue folder (zwgk.yaml and one YAML file per domain).",
}


def iso_day(text: str) -> date | None:
    """A `YYYY-MM-DD` option value as a date; None for anything else (each command says why)."""
    try:
        return date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        return None


def jobs_from_environment() -> int | None:
    """ZWGK_JOBS: how many processes a command may use (a whole number from 1 up); None, when it
    is unset or not such a number, leaves the choice to the machine's cores."""
    # Read here, at the command line: the core takes the number as an argument.
    value = os.environ.get("ZWGK_JOBS", "").strip()
    return int(value) if value.isdigit() and int(value) >= 1 else None


NoCacheOption = Annotated[
    bool, typer.Option("--no-cache", help="不读也不写逐文件检查结果的缓存（目录文件夹旁的 .zwgk-cache）。")
]
NO_CACHE_ENGLISH = (
    "Neither read nor write the cache of per-file results (.zwgk-cache beside the catalogue folder)."
)


def cache_folder(root: Path, *, no_cache: bool) -> Path | None:
    """Where `validate` and `build` keep per-file results for the catalogue in `root` (see `check.cache`):
    ZWGK_CACHE_DIR when set (empty: no cache), else `.zwgk-cache` beside the catalogue folder;
    None under --no-cache."""
    if no_cache:
        return None
    value = os.environ.get("ZWGK_CACHE_DIR")
    if value is not None:
        return Path(value) if value.strip() else None
    return default_folder(root)
