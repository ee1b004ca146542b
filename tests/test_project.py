"""The project keeps its promises: README and docs/ in sync with the code, lint and types clean."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, Golden
from zwgk_cli.cli.app import app
from zwgk_cli.core.codes import CODES

README = (ROOT / "README.md").read_text(encoding="utf-8")
DOCS = ROOT / "docs"
COMMANDS = (DOCS / "commands.md").read_text(encoding="utf-8")
CODES_DOC = DOCS / "codes.md"
CODES_START, CODES_END = "<!-- codes:start -->", "<!-- codes:end -->"


def codes_table() -> str:
    """The table of docs/codes.md, one row per code in the order of `CODES`."""
    from zwgk_cli.core.codes import WAIVABLE

    def cell(text: str) -> str:
        return text.replace("|", "\\|")

    rows = ["| 代码 | 级别 | 可豁免 | 含义 | English |", "|---|---|---|---|---|"]
    for code in CODES.values():
        severity = "错误" if code.severity == "error" else "警告"
        waivable = "是" if code.code in WAIVABLE else ""
        rows.append(f"| `{code.code}` | {severity} | {waivable} | {cell(code.zh)} | {cell(code.en)} |")
    return "\n".join(rows) + "\n"


def test_docs_code_table_is_generated_from_the_code_catalogue(golden: Golden) -> None:
    # docs/codes.md lists every code exactly once, as codes.py says; --update-golden rewrites the table
    text = CODES_DOC.read_text(encoding="utf-8")
    assert text.count(CODES_START) == 1, "marker missing in docs/codes.md"
    assert text.count(CODES_END) == 1, "marker missing in docs/codes.md"
    head, rest = text.split(CODES_START)
    _, tail = rest.split(CODES_END)
    golden(CODES_DOC, f"{head}{CODES_START}\n{codes_table()}{CODES_END}{tail}")
    listed = re.findall(r"^\| `([a-z0-9-]+)` \|", CODES_DOC.read_text(encoding="utf-8"), flags=re.MULTILINE)
    assert listed == list(CODES)


def test_command_reference_documents_every_command() -> None:
    for command in app.registered_commands:
        assert f"### `zwgk {command.name}" in COMMANDS, command.name
        assert command.callback is not None, command.name
        assert command.callback.__doc__, command.name


def test_command_reference_documents_every_option() -> None:
    # every option a command takes (as typer registers it) is named in its section of docs/commands.md
    import typer.main

    group = typer.main.get_command(app)  # a group: one subcommand per registered command
    sections = re.split(r"^### ", COMMANDS, flags=re.MULTILINE)
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        (section,) = [s for s in sections if s.startswith(f"`zwgk {name}")]
        for param in command.params:
            for opt in param.opts:
                if opt.startswith("-") and opt != "--help":
                    assert f"`{opt}" in section or f" {opt}" in section, f"zwgk {name} {opt}"


def _anchors(page: Path) -> set[str]:
    # headings as GitHub turns them into anchors: lower case, punctuation dropped, spaces to hyphens
    text = re.sub(r"^```.*?^```", "", page.read_text(encoding="utf-8"), flags=re.MULTILINE | re.DOTALL)
    headings = re.findall(r"^#+ (.+)$", text, flags=re.MULTILINE)
    return {re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-") for h in headings}


def test_docs_links_resolve() -> None:
    # every relative link in README.md and docs/ points at a file that exists, and at a heading in it
    for page in [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]:
        for target, anchor in re.findall(r"\]\(([^)#\s]+)(?:#([^)]*))?\)", page.read_text(encoding="utf-8")):
            if "://" in target:
                continue
            assert (page.parent / target).exists(), f"{page.name}: {target}"
            if anchor:
                assert anchor in _anchors(page.parent / target), f"{page.name}: {target}#{anchor}"


def test_readme_is_short_with_one_example_per_command() -> None:
    # the README is for a newcomer: what it is, the two commands, an example each, and where to read on
    assert len(README) <= 8000, len(README)
    for command in app.registered_commands:
        assert f"$ zwgk {command.name}" in README, command.name
    assert "(docs/README.md)" in README


def test_docs_index_lists_every_page() -> None:
    index = (DOCS / "README.md").read_text(encoding="utf-8")
    for page in sorted(DOCS.glob("*.md")):
        if page.name != "README.md":
            assert f"({page.name})" in index, page.name


def test_readme_two_commands() -> None:
    assert "python -m pip install . && zwgk build catalogues" in README
    assert "python -m pip install -e '.[test]' && python -m pytest" in README
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "python -m pip install -e '.[test]' && python -m pytest" in ci


def test_ruff_is_clean() -> None:
    for args in (
        ["check", "src", "tests", "benchmarks"],
        ["format", "--check", "src", "tests", "benchmarks"],
    ):
        result = subprocess.run(
            [sys.executable, "-m", "ruff", *args], cwd=ROOT, capture_output=True, text=True
        )
        assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_mypy_strict_is_clean() -> None:
    result = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_import_layers_hold() -> None:
    # the layers contract in pyproject.toml: cli → build | importer | authoring → render → history
    # → check → sources → core, and nothing below the CLI imports typer, rich or click
    # the `lint-imports` command run by this interpreter (its script may sit elsewhere when the
    # package came with the system's site-packages)
    command = (
        "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"
    )
    result = subprocess.run(
        [sys.executable, "-c", command, "--no-cache"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout or "Contracts: 2 kept, 0 broken." in result.stdout, result.stdout


def test_every_module_belongs_to_a_layer() -> None:
    # a newcomer finds a behaviour from the folder tree: no module sits outside the stage packages
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (layers,) = [c["layers"] for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers"]
    packages = {name.split(".")[1] for layer in layers for name in layer.split(" | ")}
    package = ROOT / "src" / "zwgk_cli"
    loose = sorted(
        p.name
        for p in package.iterdir()
        if p.name not in {"__init__.py", "__main__.py", "__pycache__"} and p.stem not in packages
    )
    assert loose == []


def test_core_does_not_import_the_cli() -> None:
    code = (
        "import sys, zwgk_cli.check.pipeline, zwgk_cli.core.report_formats, zwgk_cli.build.builder;"
        "bad=[m for m in sys.modules if m.split('.')[0] in ('typer','rich','click') or m.startswith('zwgk_cli.cli')];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_wheel_ships_the_catalogue(tmp_path: Path) -> None:
    from hatchling.builders.wheel import WheelBuilder

    builder = WheelBuilder(str(ROOT))
    (wheel,) = list(builder.build(directory=str(tmp_path), versions=["standard"]))
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    shipped = {p.name for p in (ROOT / "catalogues").glob("*.yaml")}
    assert shipped
    for name in shipped:
        assert f"zwgk_cli/_data/catalogues/{name}" in names
    for path in (ROOT / "templates").rglob("*"):
        if path.is_file():
            assert f"zwgk_cli/_data/templates/{path.relative_to(ROOT / 'templates').as_posix()}" in names
    assert "zwgk_cli/_data/templates/assets/site.js" in names
    assert "zwgk_cli/cli/app.py" in names


def test_pre_commit_hooks_run_real_commands() -> None:
    from ruamel.yaml import YAML

    hooks = YAML(typ="safe", pure=True).load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    commands = {command.name for command in app.registered_commands}
    assert [hook["id"] for hook in hooks] == ["zwgk-validate", "zwgk-fmt"]
    for hook in hooks:
        program, command, *_ = hook["entry"].split()
        assert program == "zwgk"
        assert command in commands, hook["id"]
        assert hook["language"] == "python"
        assert f"`{hook['id']}`" in (DOCS / "ci.md").read_text(encoding="utf-8"), hook["id"]


def test_validate_does_not_import_what_only_other_commands_need() -> None:
    # clean files into a pipe: no careful reader (ruamel.yaml), no rich, no other command's modules
    code = (
        "import sys; from typer.testing import CliRunner; from zwgk_cli.cli.app import app;"
        "r = CliRunner().invoke(app, ['validate', 'catalogues']); assert r.exit_code == 0, r.output;"
        "slow = [m for m in ('jinja2', 'openpyxl', 'xlsxwriter', 'zwgk_cli.render.html.site', 'zwgk_cli.render.xlsx.workbook',"
        " 'zwgk_cli.importer.convert', 'zwgk_cli.build.builder', 'zwgk_cli.sources.fmt', 'zwgk_cli.authoring.scaffold',"
        " 'zwgk_cli.sources.careful_reader', 'ruamel.yaml', 'rich.console', 'rich.table') if m in sys.modules];"
        " print(slow); sys.exit(1 if slow else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
