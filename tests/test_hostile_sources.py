"""Catalogue sources written to attack the machine that checks them (a pull request's files in CI):
links to files outside the folder, values that crash converters, invisible characters, and
duplicates by the thousand. Each is refused or reported as a located finding, never followed,
never a traceback, never output that grows faster than the input."""

from __future__ import annotations

import os
import shutil
from pathlib import Path, PurePosixPath

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import CASES, build_case
from zwgk_cli.check.pipeline import check_catalogue
from zwgk_cli.cli.app import app

ENV = {"NO_COLOR": "1", "COLUMNS": "200"}
SECRET = "root:SECRET-HASH:19000:0:99999:7:::"

needs_links = pytest.mark.skipif(not hasattr(os, "symlink") or os.name == "nt", reason="needs symlinks")


def _catalogue(tmp_path: Path) -> Path:
    """The base case catalogue, with a file outside it holding a secret."""
    folder = build_case(CASES / "invalid" / "yaml-syntax", tmp_path)
    shutil.copyfile(CASES / "base" / "shjz.yaml", folder / "shjz.yaml")
    (tmp_path / "shadow").write_text(SECRET + "\n", encoding="utf-8")
    return folder


def _validate(folder: Path, fmt: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["validate", str(folder), "--format", fmt], env=ENV)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout + result.stderr


@needs_links
@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_a_linked_domain_file_is_refused_by_name_and_never_read(tmp_path: Path, fmt: str) -> None:
    folder = _catalogue(tmp_path)
    (folder / "x.yaml").symlink_to(tmp_path / "shadow")
    code, out = _validate(folder, fmt)
    assert code == 1
    assert "SECRET" not in out
    assert "file-symlink" in out
    assert "x.yaml" in out
    assert "shadow" not in out  # the target is never named either


@needs_links
def test_linked_settings_folder_and_dangling_links_are_refused(tmp_path: Path) -> None:
    folder = _catalogue(tmp_path)
    settings = folder / "zwgk.yaml"
    shutil.move(settings, tmp_path / "settings.yaml")
    settings.symlink_to(tmp_path / "settings.yaml")
    (folder / "d.yaml").symlink_to(tmp_path)  # a folder
    (folder / "e.yml").symlink_to(tmp_path / "nothing-here")  # dangling
    result = check_catalogue(folder)
    refused = sorted(d.file.name for d in result.diagnostics if d.code == "file-symlink" and d.file)
    assert refused == ["d.yaml", "e.yml", "zwgk.yaml"]
    assert all(d.excerpt is None for d in result.diagnostics if d.code == "file-symlink")


@needs_links
def test_build_refuses_a_linked_source(tmp_path: Path) -> None:
    folder = _catalogue(tmp_path)
    (folder / "x.yaml").symlink_to(tmp_path / "shadow")
    out = tmp_path / "dist"
    result = CliRunner().invoke(app, ["build", str(folder), "-o", str(out)], env=ENV)
    assert result.exit_code == 1
    assert "SECRET" not in result.stdout + result.stderr
    assert not any(SECRET in p.read_text("utf-8", "replace") for p in out.rglob("*") if p.is_file())


@needs_links
def test_a_linked_upstream_folder_is_not_followed(tmp_path: Path) -> None:
    folder = build_case(CASES / "invalid" / "claims", tmp_path)
    shutil.move(folder / "up", tmp_path / "elsewhere")
    (folder / "up").symlink_to(tmp_path / "elsewhere")
    result = check_catalogue(folder)
    links = [d for d in result.diagnostics if d.code == "file-symlink"]
    assert [(d.file.name if d.file else None, d.path) for d in links] == [("zwgk.yaml", ("upstream", "path"))]
    assert result.upstream is None
    assert not any(d.file is not None and "elsewhere" in str(d.file) for d in result.diagnostics)


def _with_text(tmp_path: Path, old: str, new: str) -> Path:
    """The base catalogue with `old` replaced by `new` in shjz.yaml (`old` must occur)."""
    folder = build_case(CASES / "invalid" / "yaml-syntax", tmp_path)
    text = (CASES / "base" / "shjz.yaml").read_text(encoding="utf-8")
    assert old in text
    (folder / "shjz.yaml").write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


def _found(folder: Path, *, fast: bool = True) -> list[tuple[str, int | None, int | None]]:
    result = check_catalogue(folder, fast=fast)
    return [(d.code, d.line, d.column) for d in result.diagnostics if d.file and d.file.name == "shjz.yaml"]


@pytest.mark.parametrize("fast", [True, False])
@pytest.mark.parametrize(
    "number",
    ["9" * 5000, "0x" + "f" * 4000, "-" + "1" * 101, "1." + "5" * 200],
    ids=["5000-digits", "hex-4000", "101-chars", "float-202"],
)
def test_a_number_thousands_of_digits_long_is_a_located_error(
    tmp_path: Path, number: str, fast: bool
) -> None:
    folder = _with_text(tmp_path, "order: 2", f"order: {number}")
    line = next(
        n
        for n, text in enumerate((folder / "shjz.yaml").read_text("utf-8").splitlines(), 1)
        if "order:" in text
    )
    assert _found(folder, fast=fast) == [("yaml-number-too-long", line, 8)]


def test_a_hundred_character_number_is_still_a_number(tmp_path: Path) -> None:
    folder = _with_text(tmp_path, "order: 2", "order: " + "0" * 99 + "2")
    assert _found(folder) == []


def test_a_time_limit_with_thousands_of_digits_does_not_crash(tmp_path: Path) -> None:
    folder = _with_text(tmp_path, "time_limit: ", "time_limit: " + "9" * 5000 + "个工作日内；")
    assert "time-limit-long" in {code for code, _, _ in _found(folder)}


def test_a_link_urllib_cannot_split_is_a_located_error(tmp_path: Path) -> None:
    folder = _with_text(tmp_path, "    levels: [区级]\n", '    levels: [区级]\n    link: "http://[x"\n')
    found = check_catalogue(folder).diagnostics
    links = [d for d in found if d.code == "link-scheme"]
    assert len(links) == 1
    assert links[0].column == 11
    assert "http://[x" in links[0].message.zh


@needs_links
def test_a_committed_link_is_refused_when_a_revision_is_read(tmp_path: Path) -> None:
    from catalogue_repo import git
    from zwgk_cli.check.pipeline import check_sources
    from zwgk_cli.history.revisions import revision_snapshot

    repo = tmp_path / "repo"
    repo.mkdir()
    folder = _catalogue(repo)  # repo/catalogue, the secret at repo/shadow
    (folder / "x.yaml").symlink_to(repo / "shadow")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "links")
    snapshot = revision_snapshot(repo, "HEAD", PurePosixPath("catalogue"))
    result = check_sources(snapshot.root, snapshot.settings, snapshot.domains)
    links = [d for d in result.diagnostics if d.code == "file-symlink"]
    assert [d.file.name for d in links if d.file] == ["x.yaml"]
    assert not any("shadow" in d.message.zh for d in result.diagnostics)


def test_thousands_of_copies_of_one_id_make_a_report_linear_in_the_copies(tmp_path: Path) -> None:
    """Each copy names the first place and the count, never every other copy: 3,000 copies used to
    make 3,000 findings of 3,000 places each (tens of MB, minutes, GBs of memory)."""
    from zwgk_cli.check.pipeline import check_sources
    from zwgk_cli.core.report_formats import render_plain
    from zwgk_cli.sources.loading import load_file

    copies = 3000
    folder = build_case(CASES / "invalid" / "yaml-syntax", tmp_path)
    text = (CASES / "base" / "shjz.yaml").read_text(encoding="utf-8")
    head, _, rest = text.partition("items:\n")
    item = "  - id" + rest.split("  - id")[1]
    (folder / "shjz.yaml").write_text(head + "items:\n" + item * copies, encoding="utf-8")
    # read the fast way (no positions) and checked once: the careful reader's own time is not the point
    loads = [load_file(folder / name, fast=True) for name in ("zwgk.yaml", "shjz.yaml", "zdjsxm.yaml")]
    result = check_sources(folder, loads[0], loads[1:])
    duplicates = [d for d in result.diagnostics if d.code == "id-duplicate"]
    assert len(duplicates) == copies
    report = render_plain(result.diagnostics, "zh", base=folder)
    findings = len(result.diagnostics)
    assert len(report.encode("utf-8")) < 1000 * findings
    assert max(len(d.message.zh) for d in result.diagnostics) < 300
    assert "共 3000 处" in duplicates[-1].message.zh


def test_invisible_characters_are_found_alike_whichever_way_a_file_is_read(tmp_path: Path) -> None:
    folder = build_case(CASES / "invalid" / "text-invisible-char", tmp_path)
    fast, careful = _found(folder, fast=True), _found(folder, fast=False)
    assert fast == careful
    assert ("text-invisible-char", 11, 27) in fast  # "\x1b" in a quoted value: at its backslash


def test_a_clean_file_with_escapes_is_still_read_the_fast_way() -> None:
    from zwgk_cli.sources.loading import load_bytes

    clean = load_bytes(Path("t.yaml"), 'a: "中\\u6587\\t"\n'.encode(), fast=True)
    assert clean.document is not None
    assert clean.document.positions is False
    assert clean.diagnostics == []
    escaped = load_bytes(Path("t.yaml"), 'a: "中\\u200b文"\n'.encode(), fast=True)
    assert [(d.code, d.line, d.column) for d in escaped.diagnostics] == [("text-invisible-char", 1, 6)]


def test_a_value_full_of_invisible_characters_is_one_finding() -> None:
    from zwgk_cli.sources.loading import load_bytes

    result = load_bytes(Path("t.yaml"), ("a: 文" + "\u200b" * 50_000 + "字\n").encode())
    assert [d.code for d in result.diagnostics] == ["text-invisible-char"]
    assert "50000" in result.diagnostics[0].message.zh


@needs_links
@pytest.mark.parametrize("check", [True, False], ids=["check", "write"])
def test_fmt_refuses_a_linked_file_and_leaves_its_target_alone(tmp_path: Path, check: bool) -> None:
    folder = _catalogue(tmp_path)
    (folder / "x.yaml").symlink_to(tmp_path / "shadow")
    result = CliRunner().invoke(app, ["fmt", *(["--check"] if check else []), str(folder)], env=ENV)
    assert result.exit_code == 1
    assert "fmt-not-rewritten" in result.stdout + result.stderr
    assert "SECRET" not in result.stdout + result.stderr
    assert (folder / "x.yaml").is_symlink()
    assert (tmp_path / "shadow").read_text(encoding="utf-8") == SECRET + "\n"


@needs_links
def test_import_does_not_copy_a_linked_upstream_file(tmp_path: Path) -> None:
    from zwgk_cli.core.diagnostics import ZwgkError
    from zwgk_cli.importer.writing import _upstream_copies

    directory = build_case(CASES / "invalid" / "claims", tmp_path)  # its upstream catalogue is in up/
    (directory / "up" / "x.yaml").symlink_to(tmp_path / "shadow")
    (tmp_path / "shadow").write_text(SECRET, encoding="utf-8")
    out = directory / "new"
    out.mkdir()
    with pytest.raises(ZwgkError) as caught:
        _upstream_copies(out, directory, "up")
    assert "x.yaml" in caught.value.text.zh


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_no_report_passes_an_invisible_character_on_to_the_terminal(tmp_path: Path, fmt: str) -> None:
    """An ESC written as "\\e" in a value reaches messages (the value is quoted in them) and a raw
    right-to-left override reaches excerpts: both are shown as visible marks, never as themselves."""
    folder = _with_text(tmp_path, "    mode: [主动]", '    mode: ["\\e[2J\\e[31m主动"]')
    text = (
        (folder / "shjz.yaml")
        .read_text(encoding="utf-8")
        .replace("name: 审核确认信息", "name: 审核\u202e确认")
    )
    (folder / "shjz.yaml").write_text(text, encoding="utf-8")
    code, out = _validate(folder, fmt)
    assert code == 1
    assert "field-value" in out
    # shown as YAML writes it (and, in JSON, with its backslash escaped)
    assert ("\\\\x1b[2J" if fmt == "json" else "\\x1b[2J") in out
    assert not any(ch in out for ch in "\x1b\u202e")


def test_import_reads_hostile_numbers_in_tables_without_crashing() -> None:
    from xml.etree import ElementTree

    from zwgk_cli.importer.assemble import read_tasks, with_ids
    from zwgk_cli.importer.docxread import paragraph_text
    from zwgk_cli.importer.readers import Cell, SourceTable

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    paragraph = ElementTree.fromstring(
        f'<w:p xmlns:w="{w}"><w:r><w:t>甲</w:t><w:sym w:char="FFFFFFFF"/><w:sym w:char="D800"/></w:r></w:p>'
    )
    assert paragraph_text(paragraph) == "甲"
    items = [{"category": "甲", "name": "乙"}]
    previous = [{"id": "shjz-" + "9" * 5000, "category": "丙", "name": "丁"}]
    assert [item["id"] for item in with_ids("shjz", items, previous)] == ["shjz-001"]
    header = ["序号", "具体任务", "主体责任单位", "配合单位", "完成时间"]
    for number in ("²", "9" * 5000):
        row = [number, "编制社会救助领域基层政务公开标准目录", "区民政局", "", "2020年10月30日"]
        table = SourceTable("表1", "表1", [[Cell(t, "", "") for t in header], [Cell(t, "", "") for t in row]])
        tasks = read_tasks(table, 0, {name: i for i, name in enumerate(header)}, ["社会救助"])
        assert tasks["社会救助"].order is None


@needs_links
def test_import_target_does_not_read_a_linked_domain_file(tmp_path: Path) -> None:
    from zwgk_cli.importer.target import Target

    folder = _catalogue(tmp_path)
    (tmp_path / "elsewhere.yaml").write_text("domain: 秘密领域\n", encoding="utf-8")
    (folder / "x.yaml").symlink_to(tmp_path / "elsewhere.yaml")
    assert "秘密领域" not in Target.load(folder).paths


def test_an_escape_past_the_last_character_elsewhere_in_the_file_is_no_crash() -> None:
    from zwgk_cli.sources.loading import load_bytes

    text = "a: 文字 \\U7FFFFFFF 又\u200b字\n"  # a plain value: the backslash is text
    result = load_bytes(Path("t.yaml"), text.encode())
    assert [(d.code, d.line, d.column) for d in result.diagnostics] == [("text-invisible-char", 1, 19)]


def test_every_invisible_character_an_output_writes_out_is_warned_of() -> None:
    """What validate warns of is what the built outputs write as [U+XXXX]: one definition."""
    from zwgk_cli.render.visible import visible
    from zwgk_cli.sources.loading import load_bytes

    for char, kind in (("\xad", "格式字符"), ("\u2028", "控制字符"), ("\U000e0041", "格式字符")):
        for fast in (False, True):
            result = load_bytes(Path("t.yaml"), f'a: "文{char}字"\n'.encode(), fast=fast)
            assert [d.code for d in result.diagnostics] == ["text-invisible-char"], char
        assert kind in result.diagnostics[0].message.zh
        assert visible(f"文{char}字") == f"文[U+{ord(char):04X}]字"


@needs_links
def test_a_named_pipe_among_the_sources_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    folder = _catalogue(tmp_path)
    os.mkfifo(folder / "pipe.yaml")
    result = check_catalogue(folder)  # opening the pipe for reading would wait here forever
    (found,) = [d for d in result.diagnostics if d.file is not None and d.file.name == "pipe.yaml"]
    assert found.code == "file-unreadable"
    assert "管道" in found.message.zh


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
def test_the_quick_search_for_invisible_characters_finds_what_the_full_one_finds(text: str) -> None:
    from zwgk_cli.core.invisible_chars import INVISIBLE, find_invisible, is_wide

    full, quick = INVISIBLE.search(text), find_invisible(text)
    assert (full and full.start()) == (quick and quick.start())
    if any(ord(ch) > 0xFFFF for ch in text):
        assert is_wide(text)
