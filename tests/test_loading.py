"""The loading layer: YAML 1.2 values, positions, and inputs too hostile for case folders."""

from __future__ import annotations

import resource
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zwgk_cli.core.source import Pos
from zwgk_cli.sources import loading
from zwgk_cli.sources.loading import MAX_DEPTH, MAX_FILE_BYTES, _lines, load_bytes, load_file, resolve_plain


def _load(text: str) -> tuple[object, list[str]]:
    result = load_bytes(Path("t.yaml"), text.encode("utf-8"))
    assert result.document is not None
    return result.document.data, [d.code for d in result.diagnostics]


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("no", "no"),
        ("yes", "yes"),
        ("on", "on"),
        ("true", True),
        ("False", False),
        ("001", 1),
        ("0o17", 15),
        ("0x1F", 31),
        ("1.5", 1.5),
        ("~", None),
        ("null", None),
        ("", None),
        ("2020-10-30", "2020-10-30"),
        ("区级", "区级"),
        ("1_000", "1_000"),
    ],
)
def test_yaml_12_core_schema(raw: str, value: object) -> None:
    assert resolve_plain(raw) == value


def test_quoted_scalars_stay_text() -> None:
    data, codes = _load("a: '001'\nb: \"true\"\nc: !!str 7\n")
    assert data == {"a": "001", "b": "true", "c": "7"}
    assert codes == []


def test_positions_of_keys_values_and_list_items() -> None:
    text = "domain: 社会救助\nitems:\n  - id: shjz-001\n    mode: [主动, 依申请]\n"
    result = load_bytes(Path("t.yaml"), text.encode())
    doc = result.document
    assert doc is not None
    assert doc.values[("domain",)] == Pos(1, 9)
    assert doc.keys[("items",)] == Pos(2, 1)
    assert doc.values[("items", 0)] == Pos(3, 5)
    assert doc.values[("items", 0, "id")] == Pos(3, 9)
    assert doc.values[("items", 0, "mode", 1)] == Pos(4, 16)
    assert doc.raw_value(("items", 0, "id")) == "shjz-001"


def test_bom_is_not_counted_in_columns() -> None:
    result = load_bytes(Path("t.yaml"), b"\xef\xbb\xbfa: 1\nb: x\n")
    assert result.document is not None
    assert result.document.values[("a",)] == Pos(1, 4)


def test_crlf_line_ends() -> None:
    result = load_bytes(Path("t.yaml"), b"a: 1\r\nb:\r\n  - x\r\n")
    assert result.document is not None
    assert result.document.data == {"a": 1, "b": ["x"]}
    assert result.document.values[("b", 0)] == Pos(3, 5)


def test_every_duplicate_key_is_reported_and_first_value_kept() -> None:
    data, codes = _load("a: 1\na: 2\nb:\n  c: 1\n  c: [1, 2]\n  d: 3\n")
    assert codes == ["yaml-duplicate-key", "yaml-duplicate-key"]
    assert data == {"a": 1, "b": {"c": 1, "d": 3}}


def test_file_too_large(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    with path.open("wb") as fh:
        fh.truncate(MAX_FILE_BYTES + 1)
    result = load_file(path)
    assert result.document is None
    assert [d.code for d in result.diagnostics] == ["file-too-large"]
    assert "MiB" in result.diagnostics[0].message.zh


def test_nul_bytes_are_binary() -> None:
    result = load_bytes(Path("t.yaml"), b"a: 1\nb: \x00\x01\n")
    assert [(d.code, d.line, d.column) for d in result.diagnostics] == [("file-binary", 2, 4)]


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("a: 1\n")

    def denied(path: Path) -> tuple[bytes, int]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(loading, "_read_regular", denied)
    result = load_file(path)
    assert [d.code for d in result.diagnostics] == ["file-unreadable"]
    assert "Permission denied" in result.diagnostics[0].message.zh


def test_unreadable_folder_entry(tmp_path: Path) -> None:
    """A folder named like a YAML file cannot be read; the message says so instead of crashing."""
    path = tmp_path / "x.yaml"
    path.mkdir()
    result = load_file(path)
    assert [d.code for d in result.diagnostics] == ["file-unreadable"]


def test_deep_nesting_is_refused_without_recursion_error() -> None:
    text = "a: " + "[" * (MAX_DEPTH + 10) + "]" * (MAX_DEPTH + 10) + "\n"
    _, codes = _load(text)
    assert codes == ["yaml-too-deep"]


def test_billion_laughs_fails_fast_in_bounded_memory() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefghi", "bcdefghij", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    data, codes = _load("\n".join(lines) + "\n")
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert codes == ["yaml-alias"]
    assert data is None
    assert after - before < 50_000  # KiB: the 9^10 expansion never happens


def test_alias_reported_at_its_position() -> None:
    result = load_bytes(Path("t.yaml"), b"a: 1\nb: *x\n")
    # an undefined alias is still an alias: refused at the '*'
    assert [(d.code, d.line, d.column) for d in result.diagnostics] == [("yaml-alias", 2, 4)]


def test_syntax_error_has_position_and_excerpt() -> None:
    result = load_bytes(Path("t.yaml"), b"a: 1\n b: 2\nc: [1, 2\n")
    assert result.document is not None
    assert result.document.data is None
    (d,) = result.diagnostics
    assert d.code == "yaml-syntax"
    assert d.line == 2
    assert d.excerpt == " b: 2"


# ---------------------------------------------------------------------------------------------
# Property tests: the positions reported for generated files point at the right line and column.

_KEY = st.from_regex(r"[a-z][a-z_]{0,8}", fullmatch=True)
_CJK = st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=1, max_size=12)
_SCALAR = st.one_of(
    _CJK, st.from_regex(r"[a-z][a-z0-9-]{0,10}", fullmatch=True).filter(lambda s: resolve_plain(s) == s)
)


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, dict[tuple[str | int, ...], tuple[int, int]], dict[str, object]]:
    """A YAML text built line by line, with the expected position of every scalar value."""
    lines: list[str] = []
    expected: dict[tuple[str | int, ...], tuple[int, int]] = {}
    data: dict[str, object] = {}
    if draw(st.booleans()):
        lines.append("# 注释：" + draw(_CJK))
    keys = draw(st.lists(_KEY, min_size=1, max_size=6, unique=True))
    for key in keys:
        shape = draw(st.sampled_from(["scalar", "flow", "block", "map"]))
        if shape == "scalar":
            value = draw(_SCALAR)
            quoted = draw(st.booleans())
            text = f'"{value}"' if quoted else value
            pad = " " * draw(st.integers(0, 2))
            lines.append(f"{key}:{pad} {text}")
            expected[(key,)] = (len(lines), len(key) + len(pad) + 3)
            data[key] = value
        elif shape == "flow":
            values = draw(st.lists(_SCALAR, min_size=1, max_size=4))
            line = f"{key}: ["
            for i, value in enumerate(values):
                if i:
                    line += ", "
                expected[(key, i)] = (len(lines) + 1, len(line) + 1)
                line += value
            lines.append(line + "]")
            data[key] = values
        elif shape == "block":
            values = draw(st.lists(_SCALAR, min_size=1, max_size=4))
            indent = draw(st.sampled_from([0, 2, 4]))
            lines.append(f"{key}:")
            for i, value in enumerate(values):
                lines.append(" " * indent + f"- {value}")
                expected[(key, i)] = (len(lines), indent + 3)
            data[key] = values
        else:
            sub = draw(st.lists(_KEY, min_size=1, max_size=3, unique=True))
            lines.append(f"{key}:")
            inner: dict[str, object] = {}
            for name in sub:
                value = draw(_SCALAR)
                lines.append(f"  {name}: {value}")
                expected[(key, name)] = (len(lines), len(name) + 5)
                inner[name] = value
            data[key] = inner
        if draw(st.booleans()):
            lines.append("")
    return "\n".join(lines) + "\n", expected, data


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(documents(), st.booleans())
def test_positions_point_at_values(
    case: tuple[str, dict[tuple[str | int, ...], tuple[int, int]], dict[str, object]], bom: bool
) -> None:
    text, expected, data = case
    raw = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
    result = load_bytes(Path("gen.yaml"), raw)
    assert result.diagnostics == []
    doc = result.document
    assert doc is not None
    assert doc.data == data
    lines = text.split("\n")
    for path, (line, column) in expected.items():
        pos = doc.values[path]
        assert (pos.line, pos.column) == (line, column), path
        value = doc.data
        for part in path:
            value = value[part]  # type: ignore[index]
        # The character at the reported column starts the value (or its opening quote).
        assert lines[line - 1][column - 1 :].lstrip('"').startswith(str(value))


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_raise(raw: bytes) -> None:
    result = load_bytes(Path("fuzz.yaml"), raw)
    for d in result.diagnostics:
        assert d.line is None or d.line >= 1
        assert d.column is None or d.column >= 1


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab: -[]{},'\"#&*!|>\n\t：、区级01")), max_size=120))
def test_arbitrary_yaml_like_text_never_raises(text: str) -> None:
    load_bytes(Path("fuzz.yaml"), text.encode("utf-8"))


def test_a_parser_that_trips_over_itself_still_gives_a_located_finding() -> None:
    # ruamel.yaml's scanner fails an internal assertion on a comment followed by `|` at column 1
    result = load_bytes(Path("t.yaml"), b"a:\n  #\n| #\n")
    assert result.document is not None
    assert result.document.data is None
    assert [(d.code, d.line, d.column) for d in result.diagnostics] == [("yaml-syntax", 1, 2)]
    assert "无法解析" in result.diagnostics[0].message.zh


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "a",
                " ",
                "#",
                "---",
                "...",
                "\n",
                "\r",
                "\r\n",
                "\x0b",
                "\x0c",
                "\x1c",
                "\x85",
                "\u2028",
                "\u2029",
                "词",
            ]
        ),
        max_size=30,
    ).map("".join)
)
def test_lines_one_at_a_time_are_splitlines(text: str) -> None:
    assert list(_lines(text)) == text.splitlines()


# Lines made of what `scan_text` looks for (keys, list brackets, full-width look-alikes, block
# scalars, tabs, CR) and ordinary Chinese text.
_SCAN_PIECES = st.sampled_from(
    [
        "channels", "levels", "content", "name", "公开方式", "x", " ", "  ", "- ", ": ", ":", "：",
        "，", "、", ",", "[", "]", "［", "］", "【", "】", "｛", "｝", "\u3000", "－", "＃", "#",
        "\t", "\r", "|", ">", "|-", "'", '"', "政府网站", "申报材料",
    ]
)  # fmt: skip
_SCAN_LINES = st.lists(st.lists(_SCAN_PIECES, max_size=8).map("".join), max_size=12).map("\n".join)


@given(_SCAN_LINES)
@settings(max_examples=400, deadline=None)
def test_scan_text_finds_what_walking_every_line_finds(text: str) -> None:
    # the searches that pick the lines `scan_text` looks at leave out only lines with nothing to find
    doc = loading.SourceDocument(Path("x.yaml"), text, None, positions=False)
    assert loading.scan_text(doc) == loading.scan_text(doc, loading.walked_lines(text))


def test_scan_text_on_a_shipped_file_with_planted_look_alikes() -> None:
    root = Path(__file__).resolve().parent.parent / "catalogues"
    text = (root / "zdjsxm.yaml").read_text(encoding="utf-8")
    planted = (
        text.replace("    channels: [", "    channels: [政府网站、", 3)
        .replace("    levels: [区级]", "    levels: [区级，镇街]", 2)
        .replace("  - id: ", "\u3000- id: ", 1)
        .replace("    category: ", "    category：", 1)
    )
    doc = loading.SourceDocument(Path("x.yaml"), planted, None, positions=False)
    found = loading.scan_text(doc)
    assert [d.code for d in found].count("yaml-fullwidth-comma") == 5
    assert {"yaml-fullwidth-space", "yaml-fullwidth-colon"} <= {d.code for d in found}
    assert found == loading.scan_text(doc, loading.walked_lines(planted))
