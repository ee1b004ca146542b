"""The README's examples ("## 每条命令一个例子"), run as written: each prints what the README shows."""

from __future__ import annotations

import re
import shlex
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

from catalogue_repo import commit, git
from conftest import ROOT, edited_copy
from zwgk_cli.cli.app import app

ENV = {"NO_COLOR": "1", "COLUMNS": "120"}
CATALOGUE = ROOT / "catalogues"


def _examples() -> list[tuple[str, list[str]]]:
    """(command line after `$ `, expected output lines) for each console block of the section."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("## 每条命令一个例子")
    end = text.find("\n## ", start + 1)
    section = text[start : end if end != -1 else len(text)]
    examples = []
    for block in re.findall(r"^```console\n(.*?)^```$", section, flags=re.S | re.M):
        first, *rest = block.rstrip("\n").split("\n")
        assert first.startswith("$ zwgk "), f"a console block that is not a zwgk command: {first!r}"
        examples.append((first[2:], rest))
    return examples


EXAMPLES = _examples()


def _copy(tmp_path: Path, edits: dict[str, list[tuple[str, str]]] | None = None) -> None:
    edited_copy(CATALOGUE, tmp_path / "catalogues", edits or {})


def _validate(tmp_path: Path) -> None:
    # The mistake the example reports: 主动公开 instead of 主动 in zdjsxm-004's 公开方式.
    _copy(
        tmp_path,
        {
            "zdjsxm.yaml": [
                (
                    "    subject: 区发展改革委\n  - id: zdjsxm-005",
                    "    subject: 区发展改革委\n    mode: [主动公开]\n  - id: zdjsxm-005",
                )
            ]
        },
    )


def _diff(tmp_path: Path) -> None:
    # The shipped catalogue committed and tagged v2020; the 2021 edition edited, not yet committed.
    git(tmp_path, "init", "-q", "-b", "main")
    _copy(tmp_path)
    commit(tmp_path, "2020年版", tag="v2020")
    shutil.rmtree(tmp_path / "catalogues")
    _copy(
        tmp_path,
        {
            "zwgk.yaml": [("\nedition: 2020年版\n", "\nedition: 2021年版\n")],
            "ggzyjy.yaml": [
                ("due: 2020-10-30", "due: 2020-11-30"),
                (
                    "    subject: 区公共资源交易中心\n  - id: ggzyjy-003\n",
                    "    subject: 区公共资源交易中心、区住房城乡建委\n  - id: ggzyjy-003\n",
                ),
            ],
        },
    )


def _fmt(tmp_path: Path) -> None:
    # A layout-only change: two header keys out of their standard order.
    _copy(tmp_path, {"shjz.yaml": [("domain: 社会救助\nslug: shjz\n", "slug: shjz\ndomain: 社会救助\n")]})


def _nothing(tmp_path: Path) -> None:
    pass


# Per subcommand: how to set up the situation the README describes, and the exit code it implies.
SETUPS: dict[str, tuple[Callable[[Path], None], int]] = {
    "validate": (_validate, 1),
    "build": (_copy, 0),
    "diff": (_diff, 0),
    "coverage": (_copy, 0),
    "review": (_copy, 0),
    "calendar": (_copy, 0),
    "due": (_copy, 0),
    "fmt": (_fmt, 1),
    "schema": (_copy, 0),
    "init": (_nothing, 0),
}
# The README's coverage table is cut (no title or borders, one domain shown), and so is the review
# dashboard (one reminder and the summary): check the lines shown.
EXCERPTS = {"coverage", "review"}
# The README shows `import` on a workbook it does not ship; only the command line is checked.
PARSED_ONLY = {"import"}


def test_the_section_has_an_example_for_every_command() -> None:
    shown = {shlex.split(command)[1] for command, _ in EXAMPLES}
    assert shown == set(SETUPS) | PARSED_ONLY


@pytest.mark.parametrize(
    ("command", "expected"), EXAMPLES, ids=[shlex.split(command)[1] for command, _ in EXAMPLES]
)
def test_readme_example(
    command: str, expected: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    args = shlex.split(command)[1:]
    name = args[0]
    if name in PARSED_ONLY:
        context = typer.main.get_command(app).commands[name].make_context(name, args[1:])  # type: ignore[attr-defined]
        assert context.params
        assert expected == []
        return
    setup, code = SETUPS[name]
    setup(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, args, env=ENV, catch_exceptions=False)
    lines = result.output.rstrip("\n").split("\n")
    if name in EXCERPTS:
        missing = [line for line in expected if line not in lines]
        assert not missing, f"not in the output of `{command}`:\n{result.output}"
    else:
        assert lines == expected, f"`{command}` printed:\n{result.output}"
    assert result.exit_code == code, result.output
