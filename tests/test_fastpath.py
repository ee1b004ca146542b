"""Clean files are read the fast way (libyaml, no positions); the findings are the same as when every
file is read the careful way, with every file:line:column."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path, PurePosixPath
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import CASES, ROOT, build_case
from zwgk_cli.check.pipeline import check_catalogue
from zwgk_cli.core.diagnostics import Diagnostic
from zwgk_cli.core.report_formats import render_plain
from zwgk_cli.core.source import SourceDocument
from zwgk_cli.sources.loading import load_bytes, load_file
from zwgk_cli.sources.parts import same

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import generate

CASE_FOLDERS = sorted(p for p in [*(CASES / "invalid").iterdir(), *(CASES / "valid").iterdir()] if p.is_dir())


def both_ways(folder: Path) -> tuple[str, str]:
    fast = check_catalogue(folder)
    careful = check_catalogue(folder, fast=False)
    return render_plain(fast.diagnostics, "zh", base=folder), render_plain(
        careful.diagnostics, "zh", base=folder
    )


@pytest.mark.parametrize("case", CASE_FOLDERS, ids=[p.name for p in CASE_FOLDERS])
def test_case_findings_are_identical(case: Path, tmp_path: Path) -> None:
    fast, careful = both_ways(build_case(case, tmp_path))
    assert fast == careful


def test_clean_files_are_read_fast_and_equal() -> None:
    files = [
        *sorted((ROOT / "catalogues").rglob("*.yaml")),
        *sorted((ROOT / "tests" / "fixtures").rglob("*.yaml")),
    ]
    fast_count = 0
    for path in files:
        careful = load_file(path)
        fast = load_file(path, fast=True)
        assert fast.document is not None
        assert careful.document is not None
        if not fast.document.positions:
            fast_count += 1
            assert fast.document.data == careful.document.data, path
    assert fast_count == len(files)  # every shipped file is clean


PLANTED = {
    "shjz.yaml": [("    mode: [主动]\n", "    mode: [主动公开]\n")],
    "ylfw.yaml": [("    channels: [", "    channels: [微信群, ")],
    "jycy.yaml": [("domain: 就业创业\n", "domain: 就业创业\ndomain: 就业\n")],
    "shbx.yaml": [("    levels: [", "\tlevels: [")],
    "hjgl.yaml": [("  - id: hjgl-00002\n", "  - id: shjz-00001\n")],
    "fp.yaml": [("    audience: [", "    公开方式：主动\n    audience: [")],
    "ssgl.yaml": [("items:\n", "items: &a\n")],
    "zwgk.yaml": [("  - 精准推送\n", "  - 精准推送\n  - 精准推送\n")],
    "czyjs.yaml": [("    time_limit: ", "    time_limit: '")],
    # a header that does not validate, naming another file's domain: found only once re-read
    "aqsc.yaml": [("domain: 安全生产\n", "domain: 就业创业\n"), ("order: ", "order: 第")],
}


def test_a_large_catalogue_with_planted_errors(tmp_path: Path) -> None:
    folder = generate(tmp_path / "big", 2600)
    for name, edits in PLANTED.items():
        path = folder / name
        text = path.read_text(encoding="utf-8")
        for old, new in edits:
            assert old in text, (name, old)
            text = text.replace(old, new, 1)
        path.write_text(text, encoding="utf-8")
    fast = check_catalogue(folder)
    careful = check_catalogue(folder, fast=False)
    assert render_plain(fast.diagnostics, "zh", base=folder) == render_plain(
        careful.diagnostics, "zh", base=folder
    )
    assert len({d.file for d in fast.diagnostics}) >= len(PLANTED)
    assert all(d.line is not None and d.column is not None for d in fast.diagnostics if d.file is not None)


SCALARS = st.sampled_from(
    [
        "001",
        "no",
        "yes",
        "~",
        "null",
        "1.5",
        "0x1F",
        "0o17",
        ".inf",
        "2020-10-30",
        "true",
        "区民政局",
        "'1'",
        '"x"',
        "",
    ]
)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(["a", "b", "1", "null", "是"]), SCALARS), max_size=6), st.booleans()
)
def test_any_mapping_reads_the_same_or_falls_back(pairs: list[tuple[str, str]], flow: bool) -> None:
    if flow:
        text = "x: [" + ", ".join(v or "''" for _, v in pairs) + "]\n"
    else:
        text = "".join(f"{k}: {v}\n" for k, v in pairs) or "x: 1\n"
    careful = load_bytes(Path("t.yaml"), text.encode("utf-8"))
    fast = load_bytes(Path("t.yaml"), text.encode("utf-8"), fast=True)
    assert fast.document is not None
    if not fast.document.positions:
        assert careful.diagnostics == []
        assert careful.document is not None
        assert fast.document.data == careful.document.data


@pytest.mark.parametrize("case", ["field-values", "claims", "upstream-invalid"])
def test_diff_sides_report_positions_like_validate(case: str, tmp_path: Path) -> None:
    # findings in the catalogue's files and in its upstream's (read fast first, then carefully)
    from zwgk_cli.history.compare import checked
    from zwgk_cli.history.revisions import folder_snapshot

    folder = build_case(CASES / "invalid" / case, tmp_path)
    result, _ = checked(folder_snapshot(folder))
    careful = check_catalogue(folder, fast=False)
    assert result.diagnostics
    assert render_plain(result.diagnostics, "zh", base=folder) == render_plain(
        careful.diagnostics, "zh", base=folder
    )


@pytest.mark.parametrize(
    "text",
    [
        "a: |\n  第一行\n  第二行\n\n  第四行\nb: 1\n",
        "a: >\n  折叠\n  一行\n\n  新段\nb: x\n",  # the careful reader must not keep ruamel's fold marks
        "a: |-\n  x\n  y\n\n\nb: |+\n  z\n\n",
        "a: >-\n  p\n   indented\n  q\n",
        "a: \"转义 \\u00e9 \\t tab \\n nl\"\nb: '单引号 '' 里'\n",
        "a: 多行\n  平铺\n  文字\nb: c\n",
        "- 1\n- - 2\n  - 3\n- {k: v, 'q': \"w\"}\n",
        "a: x\u2028y\n",  # a line break to libyaml (YAML 1.1), a character to YAML 1.2: read carefully
        "a: &x 1\nb: *x\n",
        "a: !!str 1\n",
        "a: 1\na: 2\n",
        "? [1, 2]\n: x\n",
        "---\na: 1\n---\nb: 2\n",
        "---\na: 1\n",  # one leading marker is an ordinary start: read fast
        "a: 1_000\n",  # numbers to yaml-rs, text to YAML 1.2 core: read carefully
        "a: 0b101\n",
        "a: [+0x1F, -0o7]\n",
        "a: -0b1\nb: [x, 0b1]\n",
        "hash: ea90faf0b170\nb: x-0x1\n",  # inside a word 0b1 and -0x are text: read fast
        "1: x\n",  # a number key to yaml-rs, the text '1' to the careful reader
        "null: x\nb: {true: 1}\n",
        "a: " + "[" * 64 + "]" * 64 + "\n",  # 65 levels: too deep for the careful reader
        "a: " + "[" * 63 + "]" * 63 + "\n",  # 64 levels: fine both ways
        "a: " + "[" * 300 + "]" * 300 + "\n",  # past yaml-rs's own limit
    ],
)
def test_block_scalars_and_special_forms(text: str) -> None:
    careful = load_bytes(Path("t.yaml"), text.encode("utf-8"))
    fast = load_bytes(Path("t.yaml"), text.encode("utf-8"), fast=True)
    assert fast.document is not None
    if fast.document.positions:  # fell back: exactly the careful result
        assert fast.diagnostics == careful.diagnostics
    else:
        assert careful.document is not None
        assert fast.document.data == careful.document.data
        assert careful.diagnostics == []
    for ch in ("\u2028", "&x", "!!", "a: 2", "? ", "\n---", "_", " 0b", "+0x", "1:", "null:", "[" * 64):
        if ch in text:
            assert fast.document.positions
    if text in ("---\na: 1\n", "hash: ea90faf0b170\nb: x-0x1\n") or text.count("[") == 63:
        assert not fast.document.positions


def _quoted(text: str, style: str) -> str:
    if style == "single":
        return "'" + text.replace("'", "''") + "'"
    if style == "double":
        return json.dumps(text, ensure_ascii=False)
    return text


@settings(max_examples=400, deadline=None)
@given(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30),
    st.sampled_from(["plain", "single", "double"]),
    st.booleans(),
)
def test_any_text_reads_the_same_or_falls_back(text: str, style: str, in_list: bool) -> None:
    # whatever a clerk may type, in any quoting: the fast reader gives the careful reader's data
    scalar = _quoted(text, style)
    source = f"a: [{scalar}, x]\n" if in_list else f"a: {scalar}\nb: x\n"
    careful = load_bytes(Path("t.yaml"), source.encode("utf-8"))
    fast = load_bytes(Path("t.yaml"), source.encode("utf-8"), fast=True)
    if fast.document is None or fast.document.positions:  # not read, or read the careful way
        assert fast.diagnostics == careful.diagnostics
    else:
        assert careful.diagnostics == []
        assert careful.document is not None
        assert fast.document.data == careful.document.data


YAML_PIECES = st.sampled_from(
    [":", ": ", "#", " #", "-", "- ", "?", "? ", "[", "]", "{", "}", ",", ", ", "'", '"', "|", ">", "|-",
     ">+", "\n", "\n  ", "\n- ", "\n  - ", " ", "a", "区民政局", "１", "0", "1", "1.5", "-1", "~", "null",
     "true", "no", "x:y", "http://a.b/c", "9:00", "·", "（", "、", "\u3000", "\\", "e", ".", "_", "k: v",
     "\t", "&", "*", "!", "%", "@", "`", "\ufeff", "\x85", "\u2028", "\x7f"]
)  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(st.lists(YAML_PIECES, max_size=14), st.sampled_from(["a: ", "a:\n  ", "- ", "", "a: [", "a: {k: "]))
def test_any_arrangement_of_yaml_syntax_reads_the_same_or_falls_back(pieces: list[str], start: str) -> None:
    # the pieces that steer a YAML parser, in any order: where yaml-rs and the careful reader
    # could disagree (it is the more lenient), the fast reader must hand the file over
    source = start + "".join(pieces) + "\n"
    careful = load_bytes(Path("t.yaml"), source.encode("utf-8"))
    fast = load_bytes(Path("t.yaml"), source.encode("utf-8"), fast=True)
    if fast.document is None or fast.document.positions:
        assert fast.diagnostics == careful.diagnostics
    else:
        assert careful.diagnostics == [], source
        assert careful.document is not None
        assert fast.document.data == careful.document.data, source


@pytest.mark.parametrize("case", ["claims", "upstream-invalid"])
def test_a_committed_version_reports_positions_like_validate(case: str, tmp_path: Path) -> None:
    # a side read from git: its upstream is read from the same commit, fast first, then carefully
    from catalogue_repo import commit, git
    from zwgk_cli.history.compare import checked
    from zwgk_cli.history.revisions import revision_snapshot

    folder = build_case(CASES / "invalid" / case, tmp_path)
    git(tmp_path, "init", "-q")
    commit(tmp_path, "catalogue")
    result, _ = checked(revision_snapshot(tmp_path, "HEAD", PurePosixPath("catalogue")))
    careful = check_catalogue(folder, fast=False)

    def where(diagnostics: list[Diagnostic]) -> list[tuple[str, str, int | None, int | None]]:
        return [(d.code, Path(str(d.file)).name, d.line, d.column) for d in diagnostics]

    assert result.diagnostics
    assert where(result.diagnostics) == where(careful.diagnostics)


# ---------------------------------------------------------------------------------------------
# Long files: the careful reader reads only the items that findings (or anchors) are in

_LONG_ITEM = """  - id: zdjsxm-{n:05d}
    category: 批准服务信息（{group}）
    name: 办事指南（{n}）
    content: [申报材料清单, 批准流程, 办理时限]
    basis:
      - 《中华人民共和国政府信息公开条例》（国务院令第711号）
    time_limit: 实时公开
    subject: 区发展改革委
    channels: [政府网站, 政务服务中心]
    audience: [全社会]
    mode: [主动]
    levels: [区级]
"""


def _long_catalogue(folder: Path, count: int, last: str = "") -> Path:
    """The base case with a zdjsxm.yaml of `count` clean items (about 430 bytes each), then `last`."""
    shutil.copytree(CASES / "base", folder)
    head = (folder / "zdjsxm.yaml").read_text(encoding="utf-8").split("items:\n")[0] + "items:\n"
    items = "".join(_LONG_ITEM.format(n=n, group=n // 4) for n in range(1, count + 1))
    (folder / "zdjsxm.yaml").write_text(head + items + last, encoding="utf-8")
    return folder


class _CarefulSpy:
    """How much text the careful reader was given: whole files and parts."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from zwgk_cli.sources import careful_reader

        self.whole: list[Path] = []
        self.parts: list[int] = []
        whole, part = careful_reader.careful_parse, careful_reader.careful_part

        def spy_whole(doc: SourceDocument, scan: list[Diagnostic]) -> tuple[Any, list[Diagnostic]]:
            self.whole.append(doc.path)
            return whole(doc, scan)

        def spy_part(path: Path, text: str, **options: Any) -> Any:
            self.parts.append(len(text))
            return part(path, text, **options)

        monkeypatch.setattr(careful_reader, "careful_parse", spy_whole)
        monkeypatch.setattr(careful_reader, "careful_part", spy_part)


def _where(text: str, needle: str) -> tuple[int, int, str]:
    """1-based line and column of the last `needle` in `text`, and that line."""
    at = text.rindex(needle)
    line_start = text.rindex("\n", 0, at) + 1
    line = text[line_start : text.index("\n", at)]
    return text.count("\n", 0, at) + 1, at - line_start + 1, line


def test_a_finding_at_the_end_of_a_long_file_is_located_by_reading_its_item_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 6000 items (2.6 MB) with one unknown channel in the last: the careful reader reads the header
    # and that item, not the file (which took it half a minute); the place is where the text has it
    last = _LONG_ITEM.format(n=6001, group=1500).replace("channels: [", "channels: [微信群, ")
    folder = _long_catalogue(tmp_path / "c", 6000, last)
    spy = _CarefulSpy(monkeypatch)
    result = check_catalogue(folder)
    text = (folder / "zdjsxm.yaml").read_text(encoding="utf-8")
    line, column, excerpt = _where(text, "微信群")
    assert [(d.code, d.file, d.line, d.column, d.excerpt) for d in result.diagnostics] == [
        ("channel-unknown", folder / "zdjsxm.yaml", line, column, excerpt)
    ]
    assert result.diagnostics[0].path == ("items", 6000, "channels", 0)
    assert spy.whole == []
    assert len(spy.parts) == 2  # the header (with a stand-in list) and the item
    assert sum(spy.parts) < len(text) // 100


def test_an_anchor_at_the_end_of_a_long_file_is_reported_without_reading_the_file_carefully(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The red-team case (15 MB ending in an anchor took minutes) scaled down: the fast reader
    # takes every item but the two it refuses; the careful reader reads those, and the header.
    tagged = _LONG_ITEM.format(n=3001, group=750).replace("time_limit: ", "time_limit: !!binary ")
    anchored = _LONG_ITEM.format(n=6002, group=1500).replace("mode: [主动]", "mode: &m [主动]")
    folder = _long_catalogue(tmp_path / "c", 6000, anchored)
    path = folder / "zdjsxm.yaml"
    text = path.read_text(encoding="utf-8")
    marker = "  - id: zdjsxm-03001\n"
    text = text.replace(marker, tagged + marker, 1)
    path.write_text(text, encoding="utf-8")
    spy = _CarefulSpy(monkeypatch)
    result = check_catalogue(folder)
    found = [(d.code, d.line, d.column, d.excerpt) for d in result.diagnostics if d.file == path]
    tag_line, tag_column, tag_excerpt = _where(text, "!!binary")
    alias_line, alias_column, alias_excerpt = _where(text, "&m")
    assert found == [
        ("yaml-tag", tag_line, tag_column, tag_excerpt),
        ("yaml-alias", alias_line, alias_column, alias_excerpt),
    ]
    assert spy.whole == []
    assert len(spy.parts) == 2  # the two items the fast reader refused (it takes the header)
    assert sum(spy.parts) < len(text) // 100


# Items that steer the readers apart or trip them: anchors, aliases, tags, duplicate keys, block
# scalars keeping their blank lines, quotes and lists running over lines (even onto a line that
# looks like a new entry), comments and blank lines anywhere, nesting, a tab.
_ITEM_PIECES = st.sampled_from(
    [
        "  - id: a\n    name: x\n",
        "  - id: b\n    content: [p, q]\n",
        "  - id: c\n    name: &n x\n",
        "  - id: d\n    name: *n\n",
        "  - id: e\n    name: !!str 1\n",
        "  - id: f\n    name: !custom x\n",
        "  - id: g\n    name: x\n    name: y\n",
        "  - id: h\n    basis: |+\n      one\n\n\n",
        "  - id: i\n    basis: >-\n      folded\n      text\n",
        '  - id: j\n    name: "runs\n  - over"\n',
        "  - id: k\n    content: [p,\n  - q]\n",
        "# a comment at column 0\n",
        "\n",
        "  # an indented comment\n",
        "  - id: l\n    subject: {区级: 区民政局, 镇级: 镇政府}\n",
        "  - id: m\n    nested: [[[1]]]\n",
        "  - id: t\n    nested: " + "[" * 61 + "]" * 61 + "\n",  # 64 levels in the file: fine
        "  - id: u\n    nested: " + "[" * 62 + "]" * 62 + "\n",  # 65: too deep
        "  -\n    id: n\n",
        "  - id: o\n\tname: x\n",
        "  - id: p\n    name: 1_000\n",
        "  - 001\n",
        "  - id: q\n    name: 'it''s'\n",
        '  - id: r\n    name: "\\ud800"\n',
        "  - id: s\n    name: [unclosed\n",
    ]
)
_TAILS = st.sampled_from(["", "lead: 区民政局\n", "lead: &l x\n", "# end\n", "lead: x\nlead: y\n"])
_HEADS = st.sampled_from(
    ["domain: 就业创业\n", "domain: &d 就业创业\n", "domain: !!str x\n", "a: 1\na: 2\n", ""]
)


@settings(max_examples=300, deadline=None)
@given(_HEADS, st.lists(_ITEM_PIECES, min_size=1, max_size=8), _TAILS, st.booleans())
def test_a_file_read_by_parts_reads_as_the_whole_file_read_carefully(
    head: str, pieces: list[str], tail: str, at_column_zero: bool
) -> None:
    # Whatever the items hold: the findings, data and every position are those of the careful reader
    # reading the whole file, read the fast way (parts the fast reader refuses read carefully) or
    # with positions found on demand.
    body = "".join(pieces)
    if at_column_zero:  # a list at column 0: `- id: a` / `  name: x`
        body = "\n".join(line[2:] if line.startswith("  ") else line for line in body.split("\n"))
    source = (head + "items:\n" + body + tail).encode("utf-8")
    careful = load_bytes(Path("t.yaml"), source)
    for way in ({"fast": True}, {"located": True}):
        other = load_bytes(Path("t.yaml"), source, **way)
        assert other.diagnostics == careful.diagnostics, way
        if other.document is None or careful.document is None:
            assert other.document is careful.document is None
            continue
        if not other.document.positions:
            continue  # read the fast way, no positions: the other tests compare the data
        assert same(other.document.data, careful.document.data), way
        if careful.document.data is None:
            continue
        for path, pos in careful.document.values.items():
            assert other.document.values.get(path) == pos, (way, path)
        for path, pos in careful.document.keys.items():
            assert other.document.keys.get(path) == pos, (way, path)
        assert other.document.values.get(("items", 99, "x")) is None


def test_a_clean_file_is_not_searched_again_for_characters_past_ffff(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whether a text can hold a character past U+FFFF is told from its size before yaml-rs reads it:
    its reading can leave a four-byte copy inside the text object, and every value of the file
    would then be searched for nothing (nine of the shipped files did)."""
    from zwgk_cli.sources import loading

    searched: list[object] = []
    real = loading.holds_invisible
    monkeypatch.setattr(loading, "holds_invisible", lambda data: searched.append(data) or real(data))
    for path in sorted((ROOT / "catalogues").rglob("*.yaml")):
        assert load_file(path, fast=True).document is not None
    assert searched == []
    text = "a: 标记\U000e0001在这里\n"  # a tag character past U+FFFF is still found
    found = load_bytes(Path("t.yaml"), text.encode("utf-8"), fast=True).diagnostics
    assert [d.code for d in found] == ["text-invisible-char"]
    assert len(searched) == 1


@pytest.mark.parametrize(
    "planted",
    [
        "    1: x\n",  # a number key to yaml-rs, the text '1' to the careful reader
        "    null: x\n",
        "    extra: {true: 1}\n",
        "    waivers: [{code: content-empty, 2: y}]\n",
        "    extra: " + "[" * 62 + "]" * 62 + "\n",  # 65 levels in the file: too deep
        "    extra: " + "[" * 300 + "]" * 300 + "\n",  # past yaml-rs's own limit
    ],
)
def test_a_domain_file_read_without_the_walk_reports_what_the_careful_reader_does(
    planted: str, tmp_path: Path
) -> None:
    # `check_file`'s reads leave out the fast reader's walk over keys and depth (loading's
    # `validated`): a key or a nesting the readers read apart is still reported as the careful
    # reader reads it, in every way the catalogue is checked.
    folder = Path(shutil.copytree(CASES / "base", tmp_path / "catalogue"))
    path = folder / "shjz.yaml"
    text = path.read_text(encoding="utf-8")
    at = text.index("\n", text.index("  - id: ")) + 1
    path.write_text(text[:at] + planted + text[at:], encoding="utf-8")
    careful = check_catalogue(folder, fast=False)
    assert careful.summary.errors
    for ways in ({}, {"models": False, "jobs": 1}, {"models": False, "jobs": 2}):
        assert check_catalogue(folder, **ways).diagnostics == careful.diagnostics, ways  # type: ignore[arg-type]
    fast = load_file(path, fast=True, validated=True)
    assert fast.document is not None
    # yaml-rs reads the keys (and nesting it can reach): the read comes back unwalked …
    assert fast.document.positions == ("[" * 300 in planted)
    if not fast.document.positions:
        assert not fast.walked
        # … and the read with positions walks that data before it takes it: it does not
        again = load_file(path, located=True, known=fast)
        assert again.document is not None
        assert again.document.data is not fast.document.data
        clean = load_file(folder / "zdjsxm.yaml", fast=True, validated=True)
        assert (
            load_file(folder / "zdjsxm.yaml", located=True, known=clean).document.data is clean.document.data
        )  # type: ignore[union-attr]
