"""Full-width look-alikes of YAML syntax (issue 15): found where they are typos, left alone in text."""

from __future__ import annotations

from pathlib import Path

import pytest

from zwgk_cli.sources.loading import load_bytes

_BASE = Path(__file__).parent / "cases" / "base" / "zdjsxm.yaml"


def _findings(text: str, *, fast: bool) -> list[tuple[str, int | None, int | None]]:
    result = load_bytes(Path("zdjsxm.yaml"), text.encode("utf-8"), fast=fast)
    return [(d.code, d.line, d.column) for d in result.diagnostics]


def _edit(old: str, new: str) -> str:
    base = _BASE.read_text(encoding="utf-8")
    assert old in base
    return base.replace(old, new, 1)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "    channels: [政府网站, 政务",
            "\u3000\u3000channels: [政府网站, 政务",
            ("yaml-fullwidth-space", 19, 1),
        ),
        (
            "    channels: [政府网站, 政务",
            "  \u3000channels: [政府网站, 政务",
            ("yaml-fullwidth-space", 19, 3),
        ),
        ("  - id: zdjsxm-002", "\u3000- id: zdjsxm-002", ("yaml-fullwidth-space", 23, 1)),
        ("channels: [政府网站, 政务", "channels: [政府网站，政务", ("yaml-fullwidth-comma", 19, 20)),
        ("mode: [主动, 依申请]", "mode: [主动、依申请]", ("yaml-fullwidth-comma", 32, 14)),
        (
            "audience: [全社会]\n    mode: [主动, 依申请]",
            "audience: [全社会]\n    mode: ［主动, 依申请］",
            ("yaml-fullwidth-symbol", 32, 11),
        ),
        ("partners: [区规划自然资源局]", "partners: 【区规划自然资源局】", ("yaml-fullwidth-symbol", 6, 11)),
        ("# 重大建设项目", "＃ 重大建设项目", ("yaml-fullwidth-symbol", 1, 1)),
        ("      - 《国务院办公厅", "      － 《国务院办公厅", ("yaml-fullwidth-symbol", 16, 7)),
    ],
)
def test_a_look_alike_is_found_at_its_character_by_both_readers(
    old: str, new: str, expected: tuple[str, int, int]
) -> None:
    text = _edit(old, new)
    careful = _findings(text, fast=False)
    assert careful == [expected]
    assert _findings(text, fast=True) == careful


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # free text may hold full-width commas, 顿号, brackets and spaces
        ("content: [项目名称, 批准文号]", "content: [项目名称，批准文号]"),
        ("name: 批准结果", "name: 批准结果（项目名称、批准文号）"),
        ("name: 批准结果", "name: 【重要】批准结果"),
        ("name: 批准结果", "name: \u3000\u3000批准结果"),
        ("channels: [政府网站]", 'channels: ["政府网站，公开查阅点"]'),
        ("name: 办事指南", "name: |\n      \u3000\u3000第一条：申报材料\n      \u3000\u3000－ 附件"),
        ("name: 办事指南", "name: 办事指南 ＃1"),
    ],
)
def test_full_width_characters_in_text_are_not_findings(old: str, new: str) -> None:
    text = _edit(old, new)
    assert _findings(text, fast=False) == []
    assert _findings(text, fast=True) == []


def test_the_look_alike_explains_its_line_alone(tmp_path: Path) -> None:
    """`channels: ［政府网站］` is one unknown channel to the rules: only the bracket is reported."""
    from zwgk_cli.check.pipeline import check_catalogue

    for source in _BASE.parent.iterdir():
        (tmp_path / source.name).write_bytes(source.read_bytes())
    (tmp_path / "zdjsxm.yaml").write_text(_edit("channels: [政府网站]", "channels: [政府网站，公开查阅点]"))
    result = check_catalogue(tmp_path)
    assert [(d.code, d.line) for d in result.diagnostics] == [("yaml-fullwidth-comma", 30)]


@pytest.mark.parametrize("name", ["，", "区级，镇街", "区级、镇街"])
def test_fmt_keeps_a_name_with_a_full_width_comma_quoted_in_brackets(name: str) -> None:
    from zwgk_cli.sources.fmt.driver import format_bytes

    text = f"schema_version: 1\nlevels:\n- {name}\n"
    result = format_bytes(Path("zwgk.yaml"), text.encode("utf-8"))
    assert result.formatted is not None, result.diagnostics
    assert f"levels: ['{name}']" in result.formatted.decode("utf-8")
