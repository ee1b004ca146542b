"""fmt's fast path (sources/fmt/fast_check.py) gives the careful path's verdict, result and findings.

Every text here is formatted both ways (`format_bytes` with and without `fast`) and the results are
compared: the bytes offered for writing, the findings as printed, the item count. The texts are
canonical files (the careful path's own output for random data and layouts), with comments and blank
lines sprinkled in, and then one planted problem each: CRLF, a BOM, tabs, trailing spaces, comments
indented or spaced off, keys out of order, lists in the other style, quotes, indentation, document
markers. Canonical files must also be proven by the fast path, or it buys nothing.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import ROOT
from test_fmt import _DOMAIN, _SETTINGS, COMMENTED, COMMENTED_CANONICAL, PROPERTY, _commented, _layouts
from zwgk_cli.cli.app import app
from zwgk_cli.core.report_formats import render_plain
from zwgk_cli.sources.fmt import format_bytes
from zwgk_cli.sources.fmt.fast_check import _only_text, proven_canonical
from zwgk_cli.sources.fmt.scalars import may_be_plain
from zwgk_cli.sources.loading import load_bytes, resolve_plain

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import generate

CASES = Path(__file__).parent / "fmt_cases"


def both_ways(raw: bytes, name: str = "shjz.yaml") -> bool:
    """Format `raw` both ways, check the results agree; whether the fast path proved it canonical."""
    path = Path(name)
    fast = format_bytes(path, raw)
    careful = format_bytes(path, raw, fast=False)
    assert fast.formatted == careful.formatted
    assert render_plain(fast.diagnostics) == render_plain(careful.diagnostics)
    assert (fast.items, fast.reencoded, fast.changed, fast.failed) == (
        careful.items,
        careful.reencoded,
        careful.changed,
        careful.failed,
    )
    proven = proven_canonical(path, raw) is not None
    if proven:
        assert careful.formatted == raw
        assert careful.diagnostics == []
    return proven


def expect_proven(text: str, name: str = "shjz.yaml") -> bool:
    """Whether the fast path must prove this canonical text: the fast reader reads it (no `&`, `*`,
    `!`, `|`…, see `fast_reader`) and no text needs escapes ("…\\n…")."""
    loaded = load_bytes(Path(name), text.encode("utf-8"), fast=True)
    return loaded.fingerprint is not None and loaded.document is not None and _printable(loaded.document.data)


def _printable(node: Any) -> bool:
    if isinstance(node, dict):
        return all(_printable(k) and _printable(v) for k, v in node.items())
    if isinstance(node, list):
        return all(_printable(v) for v in node)
    return not isinstance(node, str) or node.isprintable()


def canonical(text: str, name: str = "shjz.yaml") -> str | None:
    """The careful path's output for `text`, when it has one without findings."""
    result = format_bytes(Path(name), text.encode("utf-8"), fast=False)
    if result.formatted is None or result.diagnostics:
        return None
    return result.formatted.decode("utf-8")


# ---------------------------------------------------------------------------------------------
# Planted problems: each turns a canonical text into one the fast path must not wrongly prove


def _crlf(text: str, at: int) -> str:
    return text.replace("\n", "\r\n")


def _mixed_ends(text: str, at: int) -> str:
    lines = text.split("\n")
    return "\n".join(lines[: at + 1]) + "\r\n" + "\n".join(lines[at + 1 :])


def _bom(text: str, at: int) -> str:
    return "\ufeff" + text


def _on_line(change: Any) -> Any:
    def plant(text: str, at: int) -> str:
        lines = text.split("\n")
        index = at % max(1, len(lines) - 1)
        lines[index] = change(lines[index])
        return "\n".join(lines)

    return plant


def _insert_line(new: str) -> Any:
    def plant(text: str, at: int) -> str:
        lines = text.split("\n")
        index = at % len(lines)
        lines.insert(index, new)
        return "\n".join(lines)

    return plant


PLANTED = {
    "crlf": _crlf,
    "mixed line ends": _mixed_ends,
    "bom": _bom,
    "bom and crlf": lambda text, at: _bom(_crlf(text, at), at),
    "tab indent": _on_line(lambda line: "\t" + line.lstrip(" ") if line.startswith("  ") else line),
    "tab after colon": _on_line(lambda line: line.replace(": ", ":\t", 1)),
    "trailing space": _on_line(lambda line: line + " "),
    "four-space indent": _on_line(lambda line: "  " + line if line.startswith("  ") else line),
    "head comment": lambda text, at: "# 说明\n" + text,
    "head comment, indented": lambda text, at: "  # 说明\n" + text,
    "blank line first": lambda text, at: "\n" + text,
    "blank line last": lambda text, at: text + "\n",
    "no final newline": lambda text, at: text.rstrip("\n"),
    "end comment": lambda text, at: text + "# 末尾\n",
    "end comment, trailing space": lambda text, at: text + "# 末尾 \n",
    "end-of-line comment": _on_line(lambda line: line + "  # 行尾" if line.strip() else line),
    "end-of-line comment, one space": _on_line(lambda line: line + " # 行尾" if line.strip() else line),
    "end-of-line comment, three spaces": _on_line(lambda line: line + "   # 行尾" if line.strip() else line),
    "comment between lines": _insert_line("# 注释"),
    "indented comment between lines": _insert_line("    # 注释"),
    "blank line between lines": _insert_line(""),
    "spaces on a blank line": _insert_line("  "),
    "document start": lambda text, at: "---\n" + text,
    "document end": lambda text, at: text + "...\n",
    "quoted value": _on_line(lambda line: line.replace(": ", ": '", 1) + "'" if ": " in line else line),
    "double-quoted value": _on_line(
        lambda line: line.replace(": ", ': "', 1) + '"' if ": " in line else line
    ),
    "null as tilde": _on_line(lambda line: line.replace(": null", ": ~")),
    "flow list as block": _on_line(
        lambda line: (
            line.replace(": [", ":\n      - ", 1).replace(", ", "\n      - ").rstrip("]")
            if ": [" in line and line.endswith("]")
            else line
        )
    ),
    "swap two lines": lambda text, at: _swap(text, at),
    "comment in brackets": _on_line(lambda line: line.replace(", ", ",  # 说明\n    ", 1)),
}


def _swap(text: str, at: int) -> str:
    lines = text.split("\n")
    if len(lines) < 3:
        return text
    index = at % (len(lines) - 2)
    lines[index], lines[index + 1] = lines[index + 1], lines[index]
    return "\n".join(lines)


@st.composite
def _canonical_domains(draw: st.DrawFn, name: str = "shjz.yaml") -> str:
    """A canonical text for random data: the careful path's output for a random layout of it."""
    data = _SETTINGS if name == "zwgk.yaml" else _DOMAIN
    _, text = draw(_layouts(data, ("null", "~", "Null")))
    out = canonical(text, name)
    assume(out is not None)
    assert out is not None
    return out


# ---------------------------------------------------------------------------------------------
# Properties


@PROPERTY
@given(st.sampled_from(["shjz.yaml", "zwgk.yaml"]), st.data())
def test_canonical_files_are_proven_and_agree(name: str, data: st.DataObject) -> None:
    text = data.draw(_canonical_domains(name))
    raw = text.encode("utf-8")
    proven = both_ways(raw, name)
    if expect_proven(text, name):
        assert proven, text


@PROPERTY
@given(_commented())
def test_commented_files_agree(case: tuple[dict[str, Any], str, list[str]]) -> None:
    _, text, _ = case
    both_ways(text.encode("utf-8"))
    out = canonical(text)
    if out is not None:
        both_ways(out.encode("utf-8"))  # comments tidied where fmt keeps them


@st.composite
def _canonical_commented(draw: st.DrawFn) -> str:
    """A canonical text with comments and blank lines where fmt keeps them."""
    _, text, _ = draw(_commented())
    out = canonical(text)
    assume(out is not None)
    assert out is not None
    return out


@PROPERTY
@given(_canonical_commented(), st.sampled_from(sorted(PLANTED)), st.integers(0, 400))
def test_planted_problems_agree(text: str, problem: str, at: int) -> None:
    planted = PLANTED[problem](text, at)
    both_ways(planted.encode("utf-8"))


@PROPERTY
@given(_canonical_commented())
def test_canonical_commented_files_are_proven(text: str) -> None:
    proven = both_ways(text.encode("utf-8"))
    if expect_proven(text):
        assert proven, text


# ---------------------------------------------------------------------------------------------
# Cases


def test_the_shipped_catalogue_is_proven() -> None:
    for path in sorted((ROOT / "catalogues").glob("*.yaml")):
        assert both_ways(path.read_bytes(), path.name), path


def test_the_commented_example_agrees_and_its_canonical_form_is_proven() -> None:
    assert not both_ways(COMMENTED.encode("utf-8"))
    assert both_ways(COMMENTED_CANONICAL.encode("utf-8"))


@pytest.mark.parametrize("problem", sorted(PLANTED))
def test_each_planted_problem_in_the_commented_example(problem: str) -> None:
    for at in range(0, 60, 7):
        both_ways(PLANTED[problem](COMMENTED_CANONICAL, at).encode("utf-8"))


CASE_FILES = sorted(CASES.glob("*.yaml"))


@pytest.mark.parametrize("case", CASE_FILES, ids=[p.name for p in CASE_FILES])
def test_case_files(case: Path) -> None:
    # the expectation is in the name: …-proven.yaml is canonical, anything else is not proven
    name = "zwgk.yaml" if case.name.startswith("zwgk") else "shjz.yaml"
    assert both_ways(case.read_bytes(), name) == case.stem.endswith("-proven")


def test_fmt_check_is_the_same_with_the_fast_path_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A generated catalogue with planted problems: `zwgk fmt --check` prints the same either way."""
    folder = generate(tmp_path / "catalogue", 300)
    files = sorted(folder.glob("*.yaml"))
    for number, (path, problem) in enumerate(zip(files, sorted(PLANTED), strict=False)):
        text = path.read_text(encoding="utf-8")
        path.write_bytes(PLANTED[problem](text, number * 13).encode("utf-8"))
    shutil.copy(CASES / "shjz-comments-proven.yaml", folder / "zz-comments.yaml")
    monkeypatch.chdir(tmp_path)
    outputs = []
    for careful in ("0", "1"):
        result = CliRunner().invoke(
            app,
            ["fmt", "--check", "catalogue"],
            env={"NO_COLOR": "1", "COLUMNS": "250", "ZWGK_FMT_CAREFUL": careful},
            catch_exceptions=False,
        )
        outputs.append((result.exit_code, result.stdout + result.stderr))
    assert outputs[0] == outputs[1]
    assert outputs[0][0] == 1


_STARTS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789+-.~<=!?:区《（"


@settings(max_examples=2000, deadline=None, derandomize=True, database=None)
@given(
    st.text(alphabet=_STARTS, min_size=1, max_size=1), st.text(alphabet=_STARTS + " :._-eExob", max_size=12)
)
def test_the_first_character_shortcut_agrees_with_the_resolvers(first: str, rest: str) -> None:
    text = first + rest
    if _only_text(text):
        assert isinstance(resolve_plain(text), str)
        assert may_be_plain(text) == (text == text.strip())


@pytest.mark.parametrize(
    "text",
    ["yes", "Yes", "no", "NO", "on", "Off", "y", "n", "true", "False", "null", "Null", "~", "<<", "=",
     "0x1F", "1:20", "_0", ".5", ".inf", "+1", "-0", "2020-10-30", "1e5"],
)  # fmt: skip
def test_the_first_character_shortcut_leaves_every_special_word_to_the_resolvers(text: str) -> None:
    assert not _only_text(text)


# Values under keys no layout rule names keep the style they are written in: nested at random.
_LEAF = st.one_of(st.sampled_from(["a", "区级", "yes", "", "x: y", "007"]), st.integers(0, 9), st.none())
_NESTED = st.recursive(
    _LEAF,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.sampled_from(["k", "区级", "levels", "z"]), inner, max_size=3),
    ),
    max_leaves=8,
)
_WITH_UNKNOWN = st.fixed_dictionaries(
    {"domain": st.just("救灾"), "slug": st.just("jz")},
    optional={
        "x-extra": _NESTED,
        "items": st.lists(
            st.fixed_dictionaries({"id": st.just("jz-001")}, optional={"subject": _NESTED, "备注": _NESTED}),
            max_size=2,
        ),
    },
)


@settings(PROPERTY, max_examples=40)
@given(_layouts(_WITH_UNKNOWN), st.sampled_from(sorted(PLANTED)), st.integers(0, 400))
def test_values_of_no_layout_rule_agree(layout: tuple[dict[str, Any], str], problem: str, at: int) -> None:
    _, text = layout
    both_ways(text.encode("utf-8"))
    out = canonical(text)
    if out is not None:
        both_ways(out.encode("utf-8"))
        both_ways(PLANTED[problem](out, at).encode("utf-8"))
