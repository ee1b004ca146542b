"""Clean files are read the fast way (libyaml, no positions); the findings are the same as when every
file is read the careful way, with every file:line:column."""

from __future__ import annotations

import json
import sys
from pathlib import Path, PurePosixPath

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import CASES, ROOT, build_case
from zwgk_cli.check.pipeline import check_catalogue
from zwgk_cli.core.diagnostics import Diagnostic
from zwgk_cli.core.report_formats import render_plain
from zwgk_cli.sources.loading import load_bytes, load_file

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
    for ch in ("\u2028", "&x", "!!", "a: 2", "? ", "\n---", "_", "0b", "0x", "1:", "null:", "[" * 64):
        if ch in text:
            assert fast.document.positions
    if text == "---\na: 1\n" or text.count("[") == 63:
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
