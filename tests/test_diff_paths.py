"""`zwgk diff`'s quick path prints what the careful one does, byte for byte, in every format.

The quick path (issue 21) checks a side without its lints and without reading files again for the
positions of warnings, drops each side's models once checked, compares only the fields whose values
differ, and writes JSON without walking it for invisible characters when it holds none. The careful
reference kept here is the path as it was: each side checked the way `validate` checks it and kept
whole, every field compared, the JSON walked value by value. Both run through the command line on
generated catalogues with every kind of change, a side with errors, and upstream changes.
"""

from __future__ import annotations

import re
import shutil
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel
from typer.testing import CliRunner

from catalogue_repo import edit
from conftest import ROOT
from zwgk_cli.check.pipeline import CheckProgress, CheckResult, check_with_positions
from zwgk_cli.cli.app import app
from zwgk_cli.core.models import NOT_PUBLISHED, to_json
from zwgk_cli.history import changes, compare
from zwgk_cli.history.changes import CatalogueDiff, FieldChange
from zwgk_cli.history.revisions import Snapshot
from zwgk_cli.render.change_report import diff_data
from zwgk_cli.render.visible import visible_data

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import generate

FORMATS = ("text", "json", "markdown", "html")
runner = CliRunner()


# ---- the careful reference: the path as it was before issue 21 ---------------------------------


def careful_checked(
    snapshot: Snapshot, progress: CheckProgress | None = None
) -> tuple[CheckResult, list[str]]:
    """A side checked as `validate` checks it (lints, every finding located), its models kept."""
    notes: list[str] = []

    def prepare(loads: list[Any]) -> None:
        done = compare._migrated(snapshot.label, loads)
        if not notes:
            notes.extend(done)

    result = check_with_positions(
        snapshot.root,
        [snapshot.settings, *snapshot.domains],
        snapshot.upstream_loader,
        snapshot.reload,
        prepare,
        first_upstream_loader=snapshot.fast_upstream_loader,
        progress=progress,
    )
    return result, notes


def careful_compare_mapping(
    old: dict[str, Any],
    new: dict[str, Any],
    keys: Iterable[str],
    model: type[BaseModel],
    defaults: dict[str, Any],
) -> list[FieldChange]:
    """Every field compared, as normalised (no look at the values as written first)."""
    ordered = list(keys) + sorted((set(old) | set(new)) - set(keys) - {"items"} - NOT_PUBLISHED)
    found = []
    for key in ordered:
        change = changes.compare_values(
            key,
            changes._title(model, key),
            changes._norm(old.get(key), defaults.get(key)),
            changes._norm(new.get(key), defaults.get(key)),
        )
        if change is not None:
            found.append(change)
    return found


def careful_json(diff: CatalogueDiff) -> bytes:
    """The JSON walked value by value for invisible characters, always."""
    return to_json(visible_data(diff_data(diff)), indent=2, fallback=str)


def outputs(old: Path, new: Path, cwd: Path) -> dict[str, tuple[int, str, str]]:
    """Exit code, stdout and stderr of `zwgk diff old new` in every format."""
    found = {}
    for fmt in FORMATS:
        result = runner.invoke(
            app,
            ["diff", str(old), str(new), "--format", fmt],
            env={"NO_COLOR": "1", "COLUMNS": "120"},
            catch_exceptions=False,
        )
        found[fmt] = (result.exit_code, result.stdout, result.stderr)
    return found


def both_paths(
    old: Path, new: Path, cwd: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[dict[str, tuple[int, str, str]], dict[str, tuple[int, str, str]]]:
    quick = outputs(old, new, cwd)
    with monkeypatch.context() as careful:
        careful.setattr(compare, "checked", careful_checked)
        careful.setattr(changes, "compare_mapping", careful_compare_mapping)
        careful.setattr("zwgk_cli.cli.report.diff.json_document", careful_json)
        reference = outputs(old, new, cwd)
    return quick, reference


# ---- editing a generated catalogue --------------------------------------------------------------

_ITEM = re.compile(r"(?ms)^  - id: (\S+)\n.*?(?=^  - id: |\Z)")


def items_of(path: Path) -> dict[str, str]:
    """Each item's block of lines as written, by id."""
    return {m.group(1): m.group(0) for m in _ITEM.finditer(path.read_text(encoding="utf-8"))}


def rewrite(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def every_kind_of_change(folder: Path) -> None:
    """Fields changed, items added, removed, moved to another file and renumbered, a header and the
    settings changed, a row with an invisible character (the JSON walked), items reordered."""
    files = sorted(p for p in folder.glob("*.yaml") if p.name != "zwgk.yaml")
    first, second, third = files[0], files[1], files[2]
    blocks = list(items_of(first).items())
    # fields: a link added, a name changed, a list element added and one removed
    ident, block = blocks[0]
    rewrite(
        first,
        block,
        block.replace(f"  - id: {ident}\n", f"  - id: {ident}\n    link: https://e.gov.cn/{ident}\n"),
    )
    ident, block = blocks[1]
    rewrite(first, block, re.sub(r"(?m)^(    name: .*)$", r"\1（修订）", block, count=1))
    ident, block = blocks[2]
    rewrite(
        first, block, re.sub(r"(?m)^    audience: \[(.*)\]$", r"    audience: [\1, 特定群体]", block, count=1)
    )
    ident, block = blocks[3]
    rewrite(first, block, re.sub(r"(?m)^    mode: \[.*\]$", "    mode: [依申请]", block, count=1))
    # an invisible character in a changed value
    ident, block = blocks[4]
    rewrite(first, block, re.sub(r"(?m)^(    name: )(.*)$", "\\1\\2\u200b", block, count=1))
    # removed; renumbered (same row, new id); moved to another file under that file's prefix
    rewrite(first, blocks[5][1], "")
    rewrite(first, blocks[6][1], blocks[6][1].replace(blocks[6][0], blocks[6][0] + "-r"))
    rewrite(first, blocks[7][1], "")
    moved = blocks[7][1].replace(blocks[7][0], f"{second.stem}-99999")
    second.write_text(second.read_text(encoding="utf-8") + moved, encoding="utf-8")
    # added: a copy of a row under a new id with a new name
    ident, block = blocks[8]
    added = re.sub(r"(?m)^(    name: .*)$", r"\1（新增）", block.replace(ident, ident + "-new"), count=1)
    first.write_text(first.read_text(encoding="utf-8") + added, encoding="utf-8")
    # two rows swapped in a file; a header and the settings changed
    first_block, second_block = list(items_of(third).values())[:2]
    rewrite(third, first_block + second_block, second_block + first_block)
    rewrite(third, "due: 2020-10-30", "due: 2020-12-31")
    rewrite(folder / "zwgk.yaml", "\nexample: true", "\nexample: false")


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    work = tmp_path_factory.mktemp("paths")
    old = generate(work / "old", 400)
    new = work / "new"
    shutil.copytree(old, new)
    every_kind_of_change(new)
    return old, new


def test_every_kind_of_change_prints_the_same(
    generated: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    old, new = generated
    quick, reference = both_paths(old, new, old.parent, monkeypatch)
    diff = compare.compare(str(old), str(new), Path("catalogues"), old.parent).diff
    kinds = Counter(c.kind for d in diff.domains for c in d.items)
    assert {"added", "removed", "changed", "renumbered"} <= set(kinds)
    assert any(c.old_domain != c.new_domain for d in diff.domains for c in d.items if c.kind == "renumbered")
    assert not diff.incomplete
    assert diff.settings
    assert any(d.header for d in diff.domains)
    assert any(d.reordered for d in diff.domains)
    assert "[U+200B]" in quick["json"][1]
    for fmt in FORMATS:
        assert quick[fmt] == reference[fmt], fmt


@pytest.mark.parametrize("planted", ["moved-and-unknown-channel", "unreadable-file"])
def test_a_side_with_warnings_and_errors_prints_the_same(
    generated: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, planted: str
) -> None:
    """A side with errors is checked whole, lints and positions too: its findings as before. Planted:
    an item moved to another file keeping its id (an error there, and a change of kind "moved") and
    an unknown channel; or only a file that cannot be read (no file read again for positions)."""
    old, changed = generated
    new = tmp_path / "new"
    shutil.copytree(changed, new)
    files = sorted(p for p in new.glob("*.yaml") if p.name != "zwgk.yaml")
    if planted == "unreadable-file":
        files[4].write_text("domain: 救灾\nitems: [\n", encoding="utf-8")
    else:
        block = next(iter(items_of(files[4]).values()))
        rewrite(files[4], block, "")
        files[5].write_text(files[5].read_text(encoding="utf-8") + block, encoding="utf-8")
        text = files[3].read_text(encoding="utf-8")
        at = text.index("    channels: [", len(text) // 2)
        files[3].write_text(text[:at] + "    channels: [微信群, " + text[at + 15 :], encoding="utf-8")
    careful, _ = careful_checked(compare.resolve_side(str(new), Path("catalogues"), tmp_path))
    assert careful.summary.errors
    assert careful.summary.warnings
    quick, reference = both_paths(old, new, tmp_path, monkeypatch)
    if planted == "unreadable-file":
        assert "yaml-syntax" in quick["text"][2]
    else:
        assert "微信群" in quick["text"][2]
        assert "id-prefix" in quick["text"][2]
        assert '"kind": "moved"' in quick["json"][1]
    for fmt in FORMATS:
        assert quick[fmt] == reference[fmt], fmt


def test_upstream_changes_print_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The shipped catalogue claims upstream items: a change reaching them from the upstream
    catalogue, and the district's own edit of a claimed item."""
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(ROOT / "catalogues", old)
    shutil.copytree(ROOT / "catalogues", new)
    edit(
        new / "upstream-chongqing" / "ylfw.yaml",
        "name: 养老服务扶持政策措施清单",
        "name: 养老服务扶持政策清单",
    )
    shjz = new / "shjz.yaml"
    claimed = next(b for b in items_of(shjz).values() if "claims:" in b)
    rewrite(shjz, claimed, claimed + "    link: https://e.gov.cn/claimed\n")
    quick, reference = both_paths(old, new, tmp_path, monkeypatch)
    assert "上级" in quick["text"][1]
    for fmt in FORMATS:
        assert quick[fmt] == reference[fmt], fmt
