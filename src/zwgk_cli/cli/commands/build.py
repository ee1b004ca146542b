"""`zwgk build`: render the publishable catalogue into an output folder."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from zwgk_cli.cli.console import exit_cannot_run, make_console, note_cache_ignored, rich_line
from zwgk_cli.cli.ending import keep
from zwgk_cli.cli.help.text import CommandEnglish
from zwgk_cli.cli.options import (
    DEFAULT_FOLDER,
    EXIT_FINDINGS,
    EXIT_OK,
    FOLDER,
    NO_CACHE_ENGLISH,
    REVISION,
    STAGE,
    UNIT,
    DirArgument,
    LangOption,
    Language,
    NoCacheOption,
    TemplatesOption,
    cache_folder,
    jobs_from_environment,
)
from zwgk_cli.cli.report.terminal import print_diagnostics
from zwgk_cli.core.diagnostics import Lang, ZwgkError, say

if TYPE_CHECKING:
    from rich.console import Console

    from zwgk_cli.check.pipeline import CheckResult
    from zwgk_cli.history.compare import Comparison
    from zwgk_cli.review.gate import Gate


# Up to the end of 9999 (the last time a workbook shows).
EPOCH_RANGE = range(253_402_300_800)


def source_date_epoch() -> int | None:
    """SOURCE_DATE_EPOCH (reproducible-builds.org): the time stamped in the workbooks, when set.

    A value that is not a whole number of seconds in EPOCH_RANGE is refused (ZwgkError): a build
    that was asked to be reproducible must not quietly stamp another time.
    """
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    if re.fullmatch("[0-9]{1,12}", value) is None or int(value) not in EPOCH_RANGE:
        raise ZwgkError(say("stop.build.source-date-epoch", value=value))
    return int(value)


ENGLISH = CommandEnglish(
    """Build the publishable catalogue site: a home page (search, statistics), a page per domain,
    the task-division table, and the Excel workbooks and open data; with an upstream catalogue set,
    a coverage page; --since adds the page of changes, --unit/--all-units the catalogues of towns
    and streets. --require-stage (or review.require in zwgk.yaml) publishes only the domains that
    have passed that review stage and lists the others.

    Nothing is built while the catalogue has errors (exit code 1): fix what zwgk validate reports
    first. The output is written to a temporary folder and replaces the old one only when all of
    it succeeded.

    Exit codes: 0 built; 1 the catalogue, or the --since revision, has errors: nothing built;
    2 cannot run.""",
    {
        "out": "Output folder; replaced as a whole, and only if it is empty or zwgk made it.",
        "since": "A git revision: add a page of the changes since it (changes.html). Nothing is built "
        "when that revision has errors (exit code 1).",
        "since_accept_errors": "Build even when the --since revision has errors; the page of changes "
        "says so and names the files that could not be read.",
        "unit": "Also build this town's or street's catalogue (units/<slug>/): its place name, office "
        "name or slug.",
        "all_units": "Build a catalogue for every town and street in the unit registry.",
        "require_stage": "Review before publishing: publish only the domains that have passed this review "
        "stage (e.g. 定稿) and not changed since; the others are left out and marked in the "
        "task-division table. Without it, review.require in zwgk.yaml applies.",
        "no_cache": NO_CACHE_ENGLISH,
    },
)


def build_command(
    directory: DirArgument = DEFAULT_FOLDER,
    out: Annotated[
        Path,
        typer.Option(
            "-o",
            "--out",
            metavar=FOLDER,
            help="输出文件夹；整体替换，只会替换空文件夹或 zwgk 生成过的文件夹。",
        ),
    ] = Path("dist"),
    templates: TemplatesOption = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar=REVISION,
            help="git 版本：网站中加入自该版本以来的调整说明页（changes.html）。该版本有错误时不生成（退出码 1）。",
        ),
    ] = None,
    since_accept_errors: Annotated[
        bool,
        typer.Option(
            "--since-accept-errors",
            help="--since 的版本有错误时仍然生成；调整说明页写明旧版本有错误、哪些文件未能读取。",
        ),
    ] = False,
    unit: Annotated[
        list[str] | None,
        typer.Option(
            "--unit",
            metavar=UNIT,
            help="另外生成这个镇街的目录（units/<代码>/），可写镇街名、办事处名或代码。",
        ),
    ] = None,
    all_units: Annotated[
        bool, typer.Option("--all-units", help="为单位名录中的每个镇、街道生成各自的目录。")
    ] = False,
    require_stage: Annotated[
        str | None,
        typer.Option(
            "--require-stage",
            metavar=STAGE,
            help="先审后发：只公开已通过这一审核环节（如 定稿）且之后内容未改动的领域；其余不公开，任务分工表中注明。"
            "不写时按 zwgk.yaml 的 review.require。",
        ),
    ] = None,
    no_cache: NoCacheOption = False,
    lang: LangOption = Language.zh,
) -> None:
    """生成可发布的目录网站：首页（检索、统计）、各领域目录页、任务分工表，以及 Excel 工作簿和开放数据；
    设置了上级目录时加上覆盖度页，--since 加上调整说明页，--unit/--all-units 加上镇街目录。
    --require-stage（或 zwgk.yaml 的 review.require）只公开已通过该审核环节的领域，并列出未公开的领域。

    目录有错误时不生成（退出码 1），先改正 zwgk validate 报告的问题。输出先写入临时文件夹，全部成功后才替换原输出。

    退出码：0 已生成；1 目录或 --since 的版本有错误，未生成；2 无法运行。
    """
    # Rendering needs jinja2 and the XLSX writer: imported here so that validate never pays for them.
    from zwgk_cli.build.builder import build
    from zwgk_cli.cli.progress import build_progress, print_build_summary

    language: Lang = lang.value
    if since_accept_errors and since is None:
        exit_cannot_run(ZwgkError(say("stop.build.accept-without-since")), language)
    console = make_console()
    base = Path.cwd()

    def report(check: CheckResult) -> None:
        note_cache_ignored(check, language)
        if check.diagnostics:
            print_diagnostics(console, check.diagnostics, check.summary, language, base)

    try:
        epoch = source_date_epoch()
        with build_progress(console, language) as progress:
            result = build(
                directory,
                out,
                templates,
                progress=progress.advance,
                check_progress=progress.checking,
                on_checked=report,
                since=since,
                units=unit or (),
                all_units=all_units,
                cwd=base,
                since_accept_errors=since_accept_errors,
                epoch=epoch,
                jobs=1 if jobs_from_environment() == 1 else None,
                require_stage=require_stage,
                cache=cache_folder(directory, no_cache=no_cache),
            )
    except ZwgkError as exc:
        exit_cannot_run(exc, language)
    keep(result)
    if result.since_refused is not None:
        print_since_refused(result.since_refused, language, base)
        raise typer.Exit(EXIT_FINDINGS)
    if not result.built:
        console.print(f"[bold red]{say('ui.build.not-built').get(language)}[/]")
        raise typer.Exit(EXIT_FINDINGS)
    print_build_summary(console, result, language)
    if result.gate is not None:
        print_withheld(console, result.gate, language)
    recovery = result.recovery
    if recovery.restored is not None:
        console.print(say("ui.build.restored", old=recovery.restored.name, out=out).get(language))
    if recovery.removed:
        names = "、".join(path.name for path in recovery.removed)
        console.print(say("ui.build.cleaned", names=names).get(language))
    raise typer.Exit(EXIT_OK)


def print_since_refused(comparison: Comparison, lang: Lang, base: Path) -> None:
    """On stderr: the --since revision's errors, located, and why nothing was built."""
    errors = make_console(stderr=True)
    old = comparison.old
    label = comparison.diff.old_label
    errors.print(
        f"[bold red]{say('ui.build.since-errors', label=label, errors=old.summary.errors).get(lang)}[/]"
    )
    print_diagnostics(errors, [d for d in old.diagnostics if d.severity == "error"], old.summary, lang, base)
    errors.print(say("ui.build.since-errors.hint", option="--since-accept-errors").get(lang))


def print_withheld(console: Console, gate: Gate, lang: Lang) -> None:
    """One line per domain kept out of the site because it has not passed the required stage."""
    if not gate.withheld and not any(gate.towns.values()):
        console.print(rich_line(say("ui.build.gate.all", stage=gate.stage).get(lang)))
        return
    for where, rows in [(None, gate.withheld), *gate.towns.items()]:
        for row in rows:
            reached = (
                say("ui.build.gate.reached", stage=row.reached.stage, date=row.reached.date.isoformat())
                if row.reached is not None
                else say("ui.build.gate.none")
            )
            why = say("ui.build.gate.stale") if row.stale else reached
            key = "ui.build.gate.withheld.unit" if where is not None else "ui.build.gate.withheld"
            line = say(key, domain=row.domain, unit=row.lead, stage=gate.stage, why=why)
            console.print(rich_line((say("ui.build.gate.label").get(lang), "yellow"), " " + line.get(lang)))
