"""`zwgk schema`: export the JSON Schemas editors use."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from zwgk_cli.authoring.json_schema import schema_files
from zwgk_cli.check.pipeline import check_catalogue
from zwgk_cli.cli.console import make_console, print_error
from zwgk_cli.cli.options import (
    DEFAULT_FOLDER,
    EXIT_CANNOT_RUN,
    EXIT_FINDINGS,
    EXIT_OK,
    DirArgument,
    LangOption,
    Language,
)
from zwgk_cli.cli.report.terminal import print_diagnostics
from zwgk_cli.core.atomic import write_atomic
from zwgk_cli.core.diagnostics import Lang, ZwgkError, say


def schema_command(
    directory: DirArgument = DEFAULT_FOLDER,
    out: Annotated[Path, typer.Option("-o", "--out", help="JSON Schema 写入的文件夹。")] = Path("schemas"),
    check: Annotated[
        bool, typer.Option("--check", help="只检查文件是否最新：过期时列出并以退出码 1 结束。")
    ] = False,
    lang: LangOption = Language.zh,
) -> None:
    """导出编辑器使用的 JSON Schema（draft 2020-12）：zwgk.schema.json 和 domain.schema.json。

    字段带中文标题和说明；本目录的渠道、层级、单位、领域作为可选值。领域文件第一行的
    “# yaml-language-server: $schema=../schemas/domain.schema.json” 让 VS Code 等编辑器据此补全和检查。
    退出码：0 已写入（或 --check 时已是最新）；1 zwgk.yaml 有错误，或 --check 时文件过期；2 无法运行。
    """
    language: Lang = lang.value
    console = make_console()
    try:
        result = check_catalogue(directory)
    except ZwgkError as exc:
        print_error(exc.text, language)
        raise typer.Exit(EXIT_CANNOT_RUN) from None
    settings = result.settings.settings
    if settings is None:
        problems = [d for d in result.diagnostics if d.file is not None and d.file.name == "zwgk.yaml"]
        print_diagnostics(console, problems, result.summary, language, Path.cwd())
        console.print(f"[bold red]{say('ui.schema.invalid').get(language)}[/]")
        raise typer.Exit(EXIT_FINDINGS)
    files = schema_files(settings)
    stale = [
        name
        for name, data in files.items()
        if not (out / name).is_file() or (out / name).read_bytes() != data
    ]
    if check:
        for name in stale:
            console.print(f"{out / name}: {say('ui.schema.stale').get(language)}")
        raise typer.Exit(EXIT_FINDINGS if stale else EXIT_OK)
    out.mkdir(parents=True, exist_ok=True)
    for name in stale:
        write_atomic(out / name, files[name])
    written = "、".join(str(out / name) for name in stale) or say("ui.schema.up-to-date").get(language)
    console.print(f"[bold green]{say('ui.schema.wrote').get(language)}[/] {written}")
    raise typer.Exit(EXIT_OK)
