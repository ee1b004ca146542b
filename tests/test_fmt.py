"""`zwgk fmt`: one canonical layout; data, comments and blank lines untouched."""

from __future__ import annotations

import io
import os
import re
from collections import OrderedDict
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.resolver import VersionedResolver, implicit_resolvers
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString
from typer.testing import CliRunner

from conftest import ROOT
from zwgk_cli.cli.app import app
from zwgk_cli.sources.fmt import FormatResult, format_bytes, same_data
from zwgk_cli.sources.loading import load_bytes, resolve_plain

ENV = {"NO_COLOR": "1", "COLUMNS": "250"}


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["fmt", *args], env=ENV, catch_exceptions=False)
    return result.exit_code, result.stdout + result.stderr


def _fmt(text: str | bytes, name: str = "shjz.yaml", *, fix_encoding: bool = False) -> FormatResult:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return format_bytes(Path(name), raw, fix_encoding=fix_encoding)


def _data(raw: bytes) -> Any:
    loaded = load_bytes(Path("x.yaml"), raw)
    assert not loaded.diagnostics
    assert loaded.document is not None
    return loaded.document.data


def formatted(text: str, name: str = "shjz.yaml") -> str:
    """Format `text`; checks the data is unchanged and a second run changes nothing."""
    result = _fmt(text, name)
    assert result.formatted is not None, result.diagnostics
    assert same_data(_data(text.encode("utf-8")), _data(result.formatted))
    again = _fmt(result.formatted, name)
    assert again.formatted == result.formatted, "not idempotent"
    return result.formatted.decode("utf-8")


def _write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


# ---------------------------------------------------------------------------------------------
# The shipped catalogue


def test_shipped_catalogue_is_already_canonical(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    before = {p: p.read_bytes() for p in (ROOT / "catalogues").glob("*.y*ml")}
    code, out = _run("--check", "catalogues")
    assert code == 0, out
    assert re.fullmatch(rf"{len(before)} 个文件已是标准格式。\n", out), out
    assert {p: p.read_bytes() for p in before} == before


# ---------------------------------------------------------------------------------------------
# Comments and blank lines

COMMENTED = """\
# yaml-language-server: $schema=../schemas/domain.schema.json
# 文件开头的说明

domain: 社会救助  # 行尾：领域
slug: shjz
lead: 区民政局
order: 5
due: 2020-10-30     # 行尾：完成时间


# 事项之前的说明（上面两个空行）
items:
    # 第一个事项之前
    -   name: 政策法规文件  # 行尾：二级事项
        id: shjz-001
        category: 综合业务
        content: [文件名称, 文号]  # 行尾：方括号列表之后
        basis:  # 行尾：basis 键
          - 《社会救助暂行办法》  # 行尾：列表项
          # 列表项之间
          - 《条例》
        time_limit: 10个工作日内
        subject: {区级: 区民政局}  # 行尾：花括号之后
        channels: [政府网站]
        audience: [全社会]
        mode: [主动]
        levels: [区级]

    # 两个事项之间（上面一个空行）
    -   levels: [区级]  # 行尾：最后排到末尾的键
        id: shjz-002
        category: 综合业务
        name: 监督检查
        basis:
          - 《条例》
        time_limit: 实时
        subject: 区民政局
        channels: [政府网站]
        audience: [全社会]
        mode: [主动]
# 文件末尾的说明 1

# 文件末尾的说明 2
"""

COMMENTED_CANONICAL = """\
# yaml-language-server: $schema=../schemas/domain.schema.json
# 文件开头的说明

domain: 社会救助  # 行尾：领域
slug: shjz
order: 5
lead: 区民政局
due: 2020-10-30  # 行尾：完成时间


# 事项之前的说明（上面两个空行）
items:
  # 第一个事项之前
  - id: shjz-001
    category: 综合业务
    name: 政策法规文件  # 行尾：二级事项
    content: [文件名称, 文号]  # 行尾：方括号列表之后
    basis:  # 行尾：basis 键
      - 《社会救助暂行办法》  # 行尾：列表项
      # 列表项之间
      - 《条例》
    time_limit: 10个工作日内
    subject: {区级: 区民政局}  # 行尾：花括号之后
    channels: [政府网站]
    audience: [全社会]
    mode: [主动]
    levels: [区级]

  # 两个事项之间（上面一个空行）
  - id: shjz-002
    category: 综合业务
    name: 监督检查
    basis:
      - 《条例》
    time_limit: 实时
    subject: 区民政局
    channels: [政府网站]
    audience: [全社会]
    mode: [主动]
    levels: [区级]  # 行尾：最后排到末尾的键
# 文件末尾的说明 1

# 文件末尾的说明 2
"""


def test_every_comment_and_blank_line_stays_in_place() -> None:
    result = _fmt(COMMENTED)
    assert result.diagnostics == []
    assert formatted(COMMENTED) == COMMENTED_CANONICAL


def test_canonical_text_is_left_alone() -> None:
    result = _fmt(COMMENTED_CANONICAL)
    assert not result.changed
    assert result.diagnostics == []


def test_settings_comments_and_blank_lines_stay() -> None:
    text = """\
# 设置
region: 重庆市测试区  # 行尾
schema_version: 1
issuer: 办公室
edition: 2020年版
published: 2020-10-30
levels:
  - 区级
  - 镇街

# 渠道
channels:
  - 政府网站
  # 本区平台
  - 渝快办
domains: [社会救助]
units:
  - slug: mzj
    name: 区民政局
    kind: 区政府部门
  # 镇街
  - {kind: 街道办事处, name: 龙溪街道办事处, slug: longxi, full_name: 龙溪街道办事处全称, place: 龙溪街道}
not_applicable:
  - {reason: 本区无, domain: 扶贫}
"""
    assert (
        formatted(text, "zwgk.yaml")
        == """\
# 设置
schema_version: 1
region: 重庆市测试区  # 行尾
issuer: 办公室
edition: 2020年版
published: 2020-10-30
levels: [区级, 镇街]

# 渠道
channels:
  - 政府网站
  # 本区平台
  - 渝快办
domains:
  - 社会救助
not_applicable:
  - domain: 扶贫
    reason: 本区无
units:
  - {name: 区民政局, slug: mzj, kind: 区政府部门}
  # 镇街
  - {name: 龙溪街道办事处, slug: longxi, kind: 街道办事处, full_name: 龙溪街道办事处全称, place: 龙溪街道}
"""
    )


def test_blank_lines_between_keys_stay_before_the_following_key() -> None:
    text = "domain: 救灾\nslug: jz\nlead: 区应急局\norder: 23\n\ndue: 2020-10-30\n\n\nitems: []\n"
    assert (
        formatted(text)
        == "domain: 救灾\nslug: jz\norder: 23\nlead: 区应急局\n\ndue: 2020-10-30\n\n\nitems: []\n"
    )


def test_comment_between_keys_refuses_reordering_with_a_notice() -> None:
    text = "domain: 救灾\nslug: jz\nlead: 区应急局\n# 序号按任务分工表\norder: 23\ndue: 2020-10-30\n"
    result = _fmt(text, "jz.yaml")
    assert result.formatted is not None
    assert result.formatted.decode("utf-8") == text  # order kept, nothing lost
    (notice,) = result.diagnostics
    assert (notice.code, notice.severity, notice.file, notice.line) == (
        "fmt-order-kept",
        "warning",
        Path("jz.yaml"),
        1,
    )
    assert notice.message.zh == (
        "文件顶层的键不是标准顺序（应为 domain、slug、order、lead、due），但第 4 行的注释在 lead 和 order 之间，"
        "重排会把它带到别处，所以保持原顺序。如需标准顺序，请手动调整键的顺序（注释随所说明的键移动），再运行 zwgk fmt。"
    )
    assert "the comment at line 4 sits between 'lead' and 'order'" in notice.message.en


def test_comment_between_item_keys_refuses_only_that_item() -> None:
    text = """\
items:
  - name: 甲
    # 说明
    id: a-1
  - name: 乙
    id: a-2
"""
    result = _fmt(text)
    assert result.formatted is not None
    assert (
        result.formatted.decode("utf-8")
        == """\
items:
  - name: 甲
    # 说明
    id: a-1
  - id: a-2
    name: 乙
"""
    )
    (notice,) = result.diagnostics
    assert (notice.code, notice.line) == ("fmt-order-kept", 2)
    assert notice.message.zh.startswith(
        "第 1 个事项（a-1）的键不是标准顺序（应为 id、name），但第 3 行的注释在 name 和 id 之间"
    )


def test_style_change_refused_when_a_comment_would_be_lost() -> None:
    text = """\
items:
  - id: a-1
    content:
      - 名称  # 行尾
      - 文号
    basis: [《条例》]  # 依据
"""
    result = _fmt(text)
    assert result.formatted is not None
    assert result.formatted.decode("utf-8") == text
    first, second = sorted(result.diagnostics, key=lambda n: n.line or 0)
    assert (first.code, first.line, second.code) == ("fmt-style-kept", 3, "fmt-style-kept")
    assert first.message.zh == (
        "第 1 个事项（a-1）的 公开内容（要素） (content)：按标准应写在一行 [a, b]，但第 4 行有注释，写成一行会丢失它，"
        "所以保留原来的多行写法。如需标准写法，请把注释移到它上方。"
    )
    assert second.line == 6
    assert "公开依据 (basis)：按标准应逐行写成 “- …”，但第 6 行的行尾注释会因此移位" in second.message.zh


def test_comment_inside_brackets_leaves_the_file_untouched() -> None:
    result = _fmt("domain: 救灾\ncontent: [a,  # 说明\n  b]\n")
    assert result.formatted is None
    (problem,) = result.diagnostics
    assert (problem.code, problem.severity, problem.line, problem.column) == (
        "fmt-comment-in-brackets",
        "error",
        2,
        15,
    )
    assert "第 2 行的注释写在方括号或花括号（[ ]、{ }）里面" in problem.message.zh


def test_comment_between_key_and_value_leaves_the_file_untouched() -> None:
    result = _fmt("domain: 救灾\nlead:\n  # 说明\n  区应急局\n")
    assert result.formatted is None
    (problem,) = result.diagnostics
    assert (problem.code, problem.line, problem.excerpt) == ("fmt-comment-position", 3, "  # 说明")
    assert problem.message.zh.startswith("第 3 行的注释所在的位置（如键和值之间）ruamel.yaml 无法保留")
    # The same comment at the end of the key's line is kept.
    assert formatted("domain: 救灾\nlead:  # 说明\n  区应急局\n") == "domain: 救灾\nlead: 区应急局  # 说明\n"


# ---------------------------------------------------------------------------------------------
# Layout rules


def test_keys_follow_the_models_and_unknown_keys_keep_their_order() -> None:
    text = "zeta: 1\nitems: []\nalpha: 2\ndue: 2020-10-30\ndomain: 救灾\n"
    assert formatted(text) == "domain: 救灾\ndue: 2020-10-30\nitems: []\nzeta: 1\nalpha: 2\n"


def test_lists_and_mappings_take_their_standard_style() -> None:
    text = """\
domain: 救灾
partners:
- 区民政局
declines: [{reason: 由市应急局统一公开, item: jz-009}]
items:
- {basis: [《条例》], id: jz-001, waivers: [{reason: 理由, code: time-limit-long}], mode: [主动]}
- id: jz-002
  content:
  - 名称
  subject:
    区级: 区应急局
    镇街: 各镇人民政府（街道办事处）
  channels: []
  link:
  audience_note: ''
"""
    assert (
        formatted(text)
        == """\
domain: 救灾
partners: [区民政局]
declines:
  - item: jz-009
    reason: 由市应急局统一公开
items:
  - id: jz-001
    basis:
      - 《条例》
    mode: [主动]
    waivers:
      - code: time-limit-long
        reason: 理由
  - id: jz-002
    content: [名称]
    subject: {区级: 区应急局, 镇街: 各镇人民政府（街道办事处）}
    channels: []
    audience_note: ''
    link:
"""
    )


def test_registry_entries_become_one_line_each() -> None:
    text = "units:\n  - name: 区民政局\n    slug: mzj\n    kind: 区政府部门\n    full_name:\n"
    assert (
        formatted(text, "zwgk.yaml")
        == "units:\n  - {name: 区民政局, slug: mzj, kind: 区政府部门, full_name: null}\n"
    )


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("'区民政局'", "区民政局"),
        ('"《条例》（国务院令第711号）"', "《条例》（国务院令第711号）"),
        ('"001"', "'001'"),
        ("'007'", "'007'"),
        ('"1_000"', "'1_000'"),
        ('"0x1F"', "'0x1F'"),
        ('"1:20"', "'1:20'"),
        ('"2020-10-30"', "'2020-10-30'"),
        ('"yes"', "'yes'"),
        ("'no'", "'no'"),
        ('"Off"', "'Off'"),
        ('"true"', "'true'"),
        ('"null"', "'null'"),
        ("'~'", "'~'"),
        ('""', "''"),
        ('"a: b"', "'a: b'"),
        ('"a #b"', "'a #b'"),
        ('"#x"', "'#x'"),
        ('"- x"', "'- x'"),
        ('" 空格"', "' 空格'"),
        ('"it\'s"', "it's"),
        ('"第一行\\n第二行"', '"第一行\\n第二行"'),
        ('"\\u00e9t\\u00e9"', "été"),
        ("2020-10-30", "2020-10-30"),
        ("no", "no"),
        ("007", "007"),
        ("1.50", "1.50"),
        ("~", "~"),
    ],
)
def test_quotes_only_where_yaml_needs_them(written: str, canonical: str) -> None:
    assert formatted(f"time_limit: {written}\n") == f"time_limit: {canonical}\n"


def test_plain_text_gets_quotes_only_when_moved_into_brackets() -> None:
    text = "partners:\n  - 区民政局, 区财政局\n  - a[1]\n"
    assert formatted(text) == "partners: ['区民政局, 区财政局', 'a[1]']\n"


def test_indentation_and_long_lines() -> None:
    long = "很长的公开内容" * 40
    text = f"items:\n    -   id: a-1\n        basis:\n        -   《条例》\n        content: [{long}, b]\n"
    assert formatted(text) == f"items:\n  - id: a-1\n    content: [{long}, b]\n    basis:\n      - 《条例》\n"


def test_line_ends_bom_and_final_newline() -> None:
    crlf = "\ufeffslug: jz  # 代码\r\ndomain: 救灾\r\n\r\nitems: []  # 空\r\n# 末尾\r\n\r\n".encode()
    result = _fmt(crlf)
    assert (
        result.formatted
        == "\ufeffdomain: 救灾\r\nslug: jz  # 代码\r\n\r\nitems: []  # 空\r\n# 末尾\r\n".encode()
    )
    assert formatted("\n\n# 开头\ndomain: 救灾") == "# 开头\ndomain: 救灾\n"


def test_block_scalars_and_document_markers_are_kept() -> None:
    text = "%YAML 1.2\n---\nslug: jz\nnote: |\n  第一行\n\n  第二行\ndomain: 救灾\n"
    assert formatted(text) == "%YAML 1.2\n---\ndomain: 救灾\nslug: jz\nnote: |\n  第一行\n\n  第二行\n"


# ---------------------------------------------------------------------------------------------
# Files that cannot be read


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("domain: 救灾\nitems: [\n", "错误[yaml-syntax] YAML 语法错误"),
        ("domain: 救灾\ndomain: 社会救助\n", "bad.yaml:2:1: 错误[yaml-duplicate-key]"),
        ("domain: &d 救灾\nslug: *d\n", "bad.yaml:1:9: 错误[yaml-alias]"),
        ("domain\t: 救灾\n", "错误[yaml-"),
    ],
)
def test_unreadable_files_are_reported_like_validate_and_never_rewritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: str, expected: str
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("cat").mkdir()
    bad = _write(Path("cat"), "bad.yaml", content)
    good = _write(Path("cat"), "jz.yaml", "slug: jz\ndomain: 救灾\n")
    code, out = _run("cat")
    assert code == 1
    assert expected in out
    assert bad.read_bytes() == content.encode("utf-8")
    assert good.read_text(encoding="utf-8") == "domain: 救灾\nslug: jz\n"
    assert "cat/jz.yaml: 已重新排版" in out
    assert out.rstrip().endswith("已排版 1 个文件，0 个未变，1 个无法排版（见上文），未改动。")


GBK_TEXT = "slug: jz\ndomain: 救灾\nlead: 区应急局\n"


def test_gbk_file_is_reported_and_skipped_without_fix_encoding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    path = _write(tmp_path, "jz.yaml", GBK_TEXT.encode("gb18030"))
    code, out = _run("jz.yaml")
    assert code == 1
    assert (
        "jz.yaml:2:9: 错误[file-encoding] 文件是 GBK/GB18030 编码（常见于 Windows 记事本或 Excel 导出），zwgk 只读取 UTF-8。"
        in out
    )
    assert "zwgk fmt --fix-encoding" in out
    assert path.read_bytes() == GBK_TEXT.encode("gb18030")


def test_gbk_file_is_converted_with_fix_encoding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    path = _write(tmp_path, "jz.yaml", GBK_TEXT.encode("gb18030"))
    code, out = _run("--check", "--fix-encoding", "jz.yaml")
    assert (code, out.splitlines()[0]) == (1, "jz.yaml: 将转换为 UTF-8 并重新排版")
    code, out = _run("--fix-encoding", "jz.yaml")
    assert code == 0
    assert "jz.yaml: 已转换为 UTF-8 并重新排版" in out
    assert path.read_text(encoding="utf-8") == "domain: 救灾\nslug: jz\nlead: 区应急局\n"


# ---------------------------------------------------------------------------------------------
# The command


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    cat = tmp_path / "catalogues"
    cat.mkdir()
    _write(cat, "zwgk.yaml", "schema_version: 1\nregion: 重庆市测试区\n")
    _write(cat, "jz.yaml", "slug: jz\ndomain: 救灾\n")
    _write(cat, "shjz.yml", "domain: 社会救助\nslug: shjz\n")
    _write(cat, "notes.txt", "slug: x\ndomain: y\n")
    return cat


def test_check_lists_files_and_writes_nothing(folder: Path) -> None:
    before = {p: p.read_bytes() for p in folder.iterdir()}
    code, out = _run("--check")
    assert code == 1
    assert (
        out
        == "catalogues/jz.yaml: 将重新排版\n1 个文件将重新排版，2 个已是标准格式。运行 zwgk fmt 即可排版。\n"
    )
    assert {p: p.read_bytes() for p in folder.iterdir()} == before
    code, out = _run("--check", "--lang", "en")
    assert out.startswith(
        "catalogues/jz.yaml: would reformat\n1 files would be reformatted, 2 already formatted."
    )


def test_fmt_rewrites_then_check_passes(folder: Path) -> None:
    code, out = _run()
    assert (code, out) == (0, "catalogues/jz.yaml: 已重新排版\n已排版 1 个文件，2 个未变。\n")
    assert (folder / "jz.yaml").read_text(encoding="utf-8") == "domain: 救灾\nslug: jz\n"
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "slug: x\ndomain: y\n"  # not YAML
    assert _run("--check") == (0, "3 个文件已是标准格式。\n")
    assert _run() == (0, "已排版 0 个文件，3 个未变。\n")


def test_explicit_files_and_notices(folder: Path) -> None:
    path = _write(folder, "hjbh.yaml", "slug: hjbh\n# 说明\ndomain: 环境保护\n")
    code, out = _run(str(path), "--lang", "en")
    assert code == 0  # a part left as written is a warning: the file is still formatted
    assert out == (
        "catalogues/hjbh.yaml:1: warning[fmt-order-kept] the keys of the top level are not in the standard"
        " order (domain, slug), but the comment at line 2 sits between 'slug' and 'domain' and reordering"
        " would carry it elsewhere, so the order is kept. To get the standard order, reorder the keys by"
        " hand, moving the comment along, then run zwgk fmt again.\n"
        "reformatted 0 files, 1 unchanged.\n"
    )


def test_findings_are_reported_like_validate_with_excerpt_caret_and_hint(folder: Path) -> None:
    brackets = _write(folder, "jz.yaml", "domain: 救灾\ncontent: [a,  # 说明\n  b]\n")
    between = _write(folder, "yj.yaml", "domain: 应急\nlead:\n  # 说明\n  区应急局\n")
    code, out = _run("--check")
    assert code == 1
    assert out == (
        "catalogues/jz.yaml:2:15: 错误[fmt-comment-in-brackets] 第 2 行的注释写在方括号或花括号（[ ]、{ }）里面，"
        "ruamel.yaml 排版时无法保留，所以这个文件没有排版。\n"
        "    2 | content: [a,  # 说明\n"
        "      |               ^\n"
        "  提示：把这条注释移到括号外面（如上一行），再运行 zwgk fmt。\n"
        "catalogues/yj.yaml:3:3: 错误[fmt-comment-position] 第 3 行的注释所在的位置（如键和值之间）ruamel.yaml 无法保留，"
        "排版会丢失它，所以这个文件没有排版。\n"
        "    3 |   # 说明\n"
        "      |   ^\n"
        "  提示：把这条注释移到上一行或行尾，再运行 zwgk fmt。\n"
        "2 个文件已是标准格式，2 个无法排版（见上文），未改动。\n"
    )
    assert _run()[0] == 1
    assert brackets.read_text(encoding="utf-8") == "domain: 救灾\ncontent: [a,  # 说明\n  b]\n"
    assert between.read_text(encoding="utf-8") == "domain: 应急\nlead:\n  # 说明\n  区应急局\n"


def test_a_failed_self_check_leaves_the_file_alone(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from zwgk_cli.sources.fmt import self_check

    monkeypatch.setattr(self_check, "same_data", lambda a, b: False)
    code, out = _run("--lang", "en", "catalogues/jz.yaml")
    assert (code, out) == (
        1,
        "catalogues/jz.yaml: error[fmt-self-check] the formatted text failed the self-check (the data read"
        " back differs); the file was left untouched.\n"
        "  hint: this is a zwgk bug: please send the file to the maintainers. You can tidy it by hand"
        " meanwhile.\n"
        "reformatted 0 files, 0 unchanged, 1 could not be formatted (see above) and were left untouched.\n",
    )
    assert (folder / "jz.yaml").read_text(encoding="utf-8") == "slug: jz\ndomain: 救灾\n"


def test_writes_are_atomic(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (folder / "jz.yaml").chmod(0o640)
    assert _run()[0] == 0
    assert (folder / "jz.yaml").stat().st_mode & 0o777 == 0o640
    _write(folder, "jz.yaml", "slug: jz\ndomain: 救灾\n")

    def fail(self: Path, target: Path) -> Path:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "replace", fail)
    code, out = _run()
    assert code == 1
    assert "catalogues/jz.yaml: 无法写入（No space left on device），文件未改动。" in out
    assert (folder / "jz.yaml").read_text(encoding="utf-8") == "slug: jz\ndomain: 救灾\n"
    assert sorted(p.name for p in folder.iterdir()) == ["jz.yaml", "notes.txt", "shjz.yml", "zwgk.yaml"]


def test_a_symbolic_link_is_refused_and_stays_a_link(folder: Path) -> None:
    real = folder.parent / "real"
    real.mkdir()
    _write(real, "hjbh.yaml", "slug: hjbh\ndomain: 环境保护\n")
    (folder / "hjbh.yaml").symlink_to("../real/hjbh.yaml")
    for args in ((), ("catalogues/hjbh.yaml",), ("--check",)):
        code, out = _run(*args)
        assert code == 1, out
        assert (
            "catalogues/hjbh.yaml: 错误[fmt-not-rewritten] 这个文件是符号链接（指向 ../real/hjbh.yaml），"
            "zwgk fmt 不改写它" in out
        )
        assert "real/hjbh.yaml" not in out.replace("../real/hjbh.yaml", "")
        assert (folder / "hjbh.yaml").is_symlink()
        assert (real / "hjbh.yaml").read_text(encoding="utf-8") == "slug: hjbh\ndomain: 环境保护\n"
    (folder / "dangling.yaml").symlink_to("nowhere.yaml")
    code, out = _run("--lang", "en")
    assert code == 1
    assert (
        "catalogues/dangling.yaml: error[fmt-not-rewritten] this file is a symbolic link (to nowhere.yaml)"
        in out
    )


def test_a_read_only_file_is_left_unchanged(folder: Path) -> None:
    path = folder / "jz.yaml"
    path.chmod(0o444)
    code, out = _run()
    assert code == 1
    assert "catalogues/jz.yaml: 错误[fmt-not-rewritten] 这个文件是只读的，zwgk fmt 不改动它。" in out
    assert "已排版 0 个文件，2 个未变，1 个无法排版" in out
    assert path.read_text(encoding="utf-8") == "slug: jz\ndomain: 救灾\n"
    assert path.stat().st_mode & 0o777 == 0o444
    code, out = _run("--check")  # checking needs no write access
    assert code == 1
    assert "catalogues/jz.yaml: 将重新排版" in out
    assert "fmt-not-rewritten" not in out


def test_another_users_file_is_refused_unless_root(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = folder / "jz.yaml"
    owner = path.stat().st_uid
    monkeypatch.setattr(os, "geteuid", lambda: owner + 4321)  # someone else, not root
    code, out = _run()
    assert code == 1
    assert f"catalogues/jz.yaml: 错误[fmt-not-rewritten] 这个文件属于另一个用户（用户编号 {owner}）" in out
    assert path.read_text(encoding="utf-8") == "slug: jz\ndomain: 救灾\n"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="changing owner needs root")
def test_root_keeps_the_owner_group_and_mode(folder: Path) -> None:
    path = folder / "jz.yaml"
    os.chown(path, 4321, 4322)
    path.chmod(0o640)
    code, out = _run()
    assert code == 0, out
    assert path.read_text(encoding="utf-8") == "domain: 救灾\nslug: jz\n"
    info = path.stat()
    assert (info.st_uid, info.st_gid, info.st_mode & 0o7777) == (4321, 4322, 0o640)


def test_missing_path_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out = _run()
    assert code == 2
    assert "找不到“catalogues”" in out
    Path("empty").mkdir()
    assert _run("empty")[0] == 2


# ---------------------------------------------------------------------------------------------
# Properties: any valid layout of any data formats to the same data, once and for all

_CHARS = "abcxyz019 -_.:#,'\"[]{}!&*|>%@`?~=区民政局社会救助《》（）〔〕、：；，。"
_TRICKY = [
    "yes", "no", "on", "Off", "y", "n", "null", "~", "true", "False", "007", "1_000", "0o17",
    "0x1F", "1:20", "2020-10-30", "2020-1-5", "1e5", ".5", ".inf", "-.inf", ".nan", "<<", "=",
    "a: b", "a #b", "#x", "- x", "[x]", "{x}", "x, y", "'q'", '"dq"', " lead", "trail ", "",
    "@x", "%x", "!x", "&x", "*x", "|x", ">x", "?", "-", "a\\b", "中文：冒号", "《条例》（国务院令第711号）",
    "3.0", "+1", "-0", "一行\n两行", "tab\there",
]  # fmt: skip
_LEVELS = {"区级", "镇街", "1", "null"}
_TEXT = st.one_of(st.sampled_from(_TRICKY), st.text(alphabet=_CHARS, max_size=10))
_SCALAR = st.one_of(
    _TEXT, _TEXT, st.integers(-1000, 10**6), st.booleans(), st.none(), st.floats(allow_infinity=True)
)


def _texts(max_size: int = 3) -> st.SearchStrategy[list[Any]]:
    return st.lists(_TEXT, max_size=max_size)


_ITEM = st.fixed_dictionaries(
    {"id": _TEXT, "category": _TEXT, "name": _TEXT},
    optional={
        "content": _texts(),
        "basis": _texts(),
        "time_limit": _SCALAR,
        "subject": st.one_of(_TEXT, st.dictionaries(st.sampled_from(sorted(_LEVELS)), _TEXT, min_size=1)),
        "channels": _texts(),
        "audience": _texts(2),
        "audience_note": _SCALAR,
        "mode": _texts(2),
        "levels": _texts(2),
        "link": _SCALAR,
        "waivers": st.lists(st.fixed_dictionaries({"code": _TEXT, "reason": _TEXT}), max_size=2),
        "备注": _SCALAR,
    },
)
_DOMAIN = st.fixed_dictionaries(
    {"domain": _TEXT, "slug": _TEXT},
    optional={
        "order": st.integers(0, 30),
        "lead": _TEXT,
        "partners": _texts(),
        "partners_etc": st.booleans(),
        "due": _TEXT,
        "items": st.lists(_ITEM, max_size=3),
        "x-note": _SCALAR,
    },
)
_UNIT = st.fixed_dictionaries(
    {"name": _TEXT, "slug": _TEXT, "kind": _TEXT}, optional={"full_name": _SCALAR, "place": _TEXT}
)
_SETTINGS = st.fixed_dictionaries(
    {"schema_version": st.just(1), "region": _TEXT},
    optional={
        "issuer": _TEXT,
        "document": _SCALAR,
        "published": _TEXT,
        "example": st.booleans(),
        "levels": _texts(),
        "channels": _texts(),
        "domains": _texts(),
        "not_applicable": st.lists(st.fixed_dictionaries({"domain": _TEXT, "reason": _TEXT}), max_size=2),
        "units": st.lists(_UNIT, max_size=3),
        "groups": st.lists(
            st.fixed_dictionaries({"name": _TEXT, "slug": _TEXT}, optional={"kinds": _texts()}), max_size=2
        ),
    },
)
_INDENTS = [(2, 2, 0), (2, 4, 2), (4, 4, 2), (4, 6, 4), (3, 5, 3)]


class _AllText(VersionedResolver):
    @property
    def versioned_resolver(self) -> dict[str, Any]:
        return {}


_SPECIAL = [r for _v, tag, r, _f in implicit_resolvers if tag != "tag:yaml.org,2002:str"]


def _node(value: Any, draw: st.DrawFn, nulls: list[str]) -> Any:
    """`value` as a ruamel node in a random (valid) layout: key order, style, quotes."""
    if isinstance(value, dict):
        # Any key order, except a subject's levels: fmt keeps their order as written.
        keys = list(value) if set(value) <= _LEVELS else draw(st.permutations(list(value)))
        node = CommentedMap((_node(k, draw, nulls), _node(value[k], draw, nulls)) for k in keys)
    elif isinstance(value, list):
        node = CommentedSeq(_node(v, draw, nulls) for v in value)
    elif value is None:
        return draw(st.sampled_from(nulls))
    elif isinstance(value, bool):
        return "true" if value else "false"
    elif isinstance(value, int):
        return str(value)
    elif isinstance(value, float):
        return {"inf": ".inf", "-inf": "-.inf", "nan": ".nan"}.get(repr(value), repr(value))
    else:
        plain_ok = (
            isinstance(resolve_plain(value), str)
            and not any(r.match(value) for r in _SPECIAL)
            and not value.startswith(("?", ":"))  # ruamel writes these plain in [ ] but cannot read them
        )
        style = draw(st.sampled_from(["plain", "single", "double"] if plain_ok else ["single", "double"]))
        if "\n" in value or "\t" in value:
            style = "double"
        return {"plain": str, "single": SingleQuotedScalarString, "double": DoubleQuotedScalarString}[style](
            value
        )
    if draw(st.booleans()):
        node.fa.set_flow_style()
    else:
        node.fa.set_block_style()
    return node


@st.composite
def _layouts(
    draw: st.DrawFn, data: st.SearchStrategy[dict[str, Any]], nulls: tuple[str, ...] = ("null", "~", "Null")
) -> tuple[dict[str, Any], str]:
    """Data and one random, valid YAML text for it (null written as one of `nulls`)."""
    value = draw(data)
    yaml = YAML(typ="rt", pure=True)
    yaml.Resolver = _AllText
    yaml.width = draw(st.sampled_from([40, 4096]))
    mapping, sequence, offset = draw(st.sampled_from(_INDENTS))
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    out = io.StringIO()
    yaml.dump(_node(value, draw, list(nulls)), out)
    return value, out.getvalue()


PROPERTY = settings(
    max_examples=80,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _check_property(value: dict[str, Any], text: str, name: str) -> str:
    loaded = load_bytes(Path(name), text.encode("utf-8"))
    assume(not loaded.diagnostics and loaded.document is not None)
    assert loaded.document is not None
    assume(same_data(loaded.document.data, value))
    result = _fmt(text, name)
    assert result.formatted is not None, (text, result.diagnostics)
    assert result.diagnostics == []
    assert same_data(_data(result.formatted), value)
    assert _fmt(result.formatted, name).formatted == result.formatted
    return result.formatted.decode("utf-8")


@PROPERTY
@given(_layouts(_DOMAIN, ("null",)), st.data())
def test_any_domain_layout_formats_to_the_same_data(
    layout: tuple[dict[str, Any], str], data: st.DataObject
) -> None:
    value, text = layout
    canonical = _check_property(value, text, "shjz.yaml")
    # One canonical text, whatever the layout (null spelt the same way: its spelling is kept).
    _, other = data.draw(_layouts(st.just(value), ("null",)))
    assert _fmt(other, "shjz.yaml").formatted == canonical.encode("utf-8")


@PROPERTY
@given(_layouts(_SETTINGS))
def test_any_settings_layout_formats_to_the_same_data(layout: tuple[dict[str, Any], str]) -> None:
    value, text = layout
    _check_property(value, text, "zwgk.yaml")


def _outside_spans(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Where scalars and (outermost) [ ] or { } collections are written, as character spans."""
    scalars: list[tuple[int, int]] = []
    flows: list[tuple[int, int]] = []
    open_flows: list[int | None] = []
    for event in YAML(typ="rt", pure=True).parse(text):
        kind = type(event).__name__
        if kind == "ScalarEvent":
            scalars.append((event.start_mark.index, event.end_mark.index))
        elif kind in ("MappingStartEvent", "SequenceStartEvent"):
            open_flows.append(event.start_mark.index if event.flow_style else None)
        elif kind in ("MappingEndEvent", "SequenceEndEvent"):
            start = open_flows.pop()
            if start is not None and (not open_flows or open_flows[-1] is None):
                flows.append((start, event.end_mark.index))
    return scalars, flows


def _within(spans: list[tuple[int, int]], index: int) -> bool:
    return any(start < index < end for start, end in spans)


@st.composite
def _commented(draw: st.DrawFn) -> tuple[dict[str, Any], str, list[str]]:
    """A random layout with comments and blank lines sprinkled between and after its lines."""
    value, text = draw(_layouts(_DOMAIN, ("null",)))
    scalars, flows = _outside_spans(text)
    out: list[str] = []
    added: list[str] = []
    offset = 0
    for line in text.split("\n"):
        start, end = offset, offset + len(line)
        offset = end + 1
        free = bool(line.strip()) and not _within(scalars, start) and not _within(flows, start)
        if free and draw(st.integers(0, 3)) == 0:
            indent = len(line) - len(line.lstrip(" "))
            added.append(f"# 注释{len(added)}")
            out.append(" " * draw(st.sampled_from([indent, 0, indent + 2])) + added[-1])
        if free and draw(st.integers(0, 9)) == 0:
            out.append("")
        at_end = not (_within(scalars, end) or _within(flows, end) or _within(flows, end - 1))
        if free and at_end and not line.rstrip().endswith((":", "|", ">", "-")) and draw(st.booleans()):
            added.append(f"# 行尾{len(added)}")
            line += "  " + added[-1]
        out.append(line)
    return value, "\n".join(out), added


@settings(PROPERTY, max_examples=40)
@given(_commented())
def test_comments_anywhere_are_kept_or_the_file_is_left_alone(
    case: tuple[dict[str, Any], str, list[str]],
) -> None:
    value, text, added = case
    loaded = load_bytes(Path("shjz.yaml"), text.encode("utf-8"))
    assume(not loaded.diagnostics and loaded.document is not None)
    assert loaded.document is not None
    assume(same_data(loaded.document.data, value))
    result = _fmt(text)
    if result.formatted is None:
        # Only a comment ruamel cannot keep (inside [ ] or between a key and its value) stops fmt.
        (problem,) = result.diagnostics
        assert problem.code in ("fmt-comment-in-brackets", "fmt-comment-position")
        assert problem.line is not None
        assert "# " in text.split("\n")[problem.line - 1]
        return
    out = result.formatted.decode("utf-8")
    assert same_data(_data(result.formatted), value)
    for comment in added:
        assert out.count(comment + "\n") == 1, comment
    assert _fmt(out).formatted == result.formatted


# ---------------------------------------------------------------------------------------------
# The ruamel.yaml internals fmt relies on (sources/fmt/tree.py): fail loudly, naming the internal

INTERNALS = """\
domain: 救灾  # after the value
content: [a, b]  # after the flow list
# a full line after it
items:
  - 甲  # after the entry
  # between entries
  - 乙
subject: {区级: 区民政局}
# before order, after a flow mapping
order: 5
"""


def _internal(condition: bool, what: str) -> None:
    if not condition:
        pytest.fail(
            f"ruamel.yaml internals changed: {what}. zwgk fmt (src/zwgk_cli/sources/fmt/tree.py) depends on it; "
            "adapt tree.py to the new layout before raising the ruamel.yaml bound in pyproject.toml."
        )


def test_ruamel_comment_slots_are_where_fmt_expects_them() -> None:
    from ruamel.yaml import __version__ as ruamel_version
    from ruamel.yaml.comments import CommentedMap as Map
    from ruamel.yaml.comments import CommentedSeq as Seq
    from ruamel.yaml.tokens import CommentToken

    from zwgk_cli.sources.fmt import tree
    from zwgk_cli.sources.fmt.scalars import round_trip_yaml

    root = round_trip_yaml().load(INTERNALS)
    items = root["items"]
    _internal(
        isinstance(root, Map) and isinstance(items, Seq), "a block mapping/list loads as CommentedMap/Seq"
    )
    for name in ("ca", "fa", "lc"):
        _internal(hasattr(root, name), f"CommentedMap.{name} exists")
    _internal(
        issubclass(Map, OrderedDict) and issubclass(Seq, list),
        "CommentedMap subclasses OrderedDict and CommentedSeq subclasses list (fmt sets values past their setters)",
    )

    def token(slots: Any, index: int) -> Any:
        return slots[index] if isinstance(slots, list) and len(slots) > index else None

    after_value = token(root.ca.items.get("domain"), tree.MAP_AFTER_VALUE)
    _internal(
        isinstance(after_value, CommentToken) and after_value.value == "# after the value\n",
        f"node.ca.items[key][{tree.MAP_AFTER_VALUE}] holds the comment after a mapping value",
    )
    _internal(
        getattr(getattr(after_value, "start_mark", None), "line", None) == 0,
        "CommentToken.start_mark.line is the 0-based line of the comment",
    )
    after_flow = token(root.ca.items.get("content"), tree.MAP_AFTER_VALUE)
    _internal(
        isinstance(after_flow, CommentToken)
        and after_flow.value == "# after the flow list\n# a full line after it\n",
        "the token after a value's line also carries the full lines that follow it",
    )
    _internal(
        isinstance(root["content"].ca.comment, list) and root["content"].ca.comment[0] is after_flow,
        "a flow collection's ca.comment[0] is the same token as its parent's slot",
    )
    after_entry = token(items.ca.items.get(0), tree.SEQ_AFTER_ENTRY)
    _internal(
        isinstance(after_entry, CommentToken)
        and after_entry.value == "# after the entry\n  # between entries\n",
        f"node.ca.items[index][{tree.SEQ_AFTER_ENTRY}] holds the comment after a list entry",
    )
    before = [t.value for t in tree.before_entry(root, "order")]
    _internal(
        before == ["# before order, after a flow mapping\n"],
        f"node.ca.items[key][{tree.BEFORE_ENTRY}] holds the lines before a key that follows a {{ }} value",
    )
    _internal(root.ca.end == [] and items.ca.end == [], "CommentedMap/Seq.ca.end is a list")
    _internal(
        (root.lc.line, root.lc.key("items"), items.lc.item(1)) == (0, (3, 0), (6, 4)),
        "node.lc.line, lc.key(k) and lc.item(i) give 0-based (line, column)",
    )
    _internal(
        tree.is_flow(root["content"]) and not tree.is_flow(items),
        "node.fa.flow_style() is True for [ ] and { } and not for block collections",
    )
    made = tree.new_token("\n# made\n")
    _internal(made.value == "\n# made\n", "CommentToken(value, CommentMark(column)) can be built")

    out = io.StringIO()
    round_trip_yaml().dump(root, out)
    _internal(
        out.getvalue() == INTERNALS,
        f"ruamel.yaml {ruamel_version} writes back what it read, comments included",
    )


def test_ruamel_resolver_hook_keeps_every_plain_scalar_as_text() -> None:
    from zwgk_cli.sources.fmt.scalars import round_trip_yaml

    _internal(
        isinstance(VersionedResolver.__dict__.get("versioned_resolver"), property),
        "VersionedResolver.versioned_resolver is the property fmt overrides to read plain scalars as text",
    )
    _internal(
        all(len(entry) == 4 for entry in implicit_resolvers),
        "ruamel.yaml.resolver.implicit_resolvers holds (versions, tag, regexp, first characters)",
    )
    data = round_trip_yaml().load("a: 007\nb: no\nc: 2020-10-30\nd: ~\n")
    _internal(
        [type(v) for v in data.values()] == [str] * 4
        and list(data.values()) == ["007", "no", "2020-10-30", "~"],
        "a YAML whose Resolver has an empty versioned_resolver reads every plain scalar as its text",
    )


def test_every_fmt_code_is_produced(monkeypatch: pytest.MonkeyPatch) -> None:
    # validate's case folders cannot produce fmt-* codes: this test makes each one.
    from zwgk_cli.core.codes import CODES
    from zwgk_cli.sources.fmt import self_check

    inputs = [
        "domain: 救灾\ncontent: [a,  # 说明\n  b]\n",  # fmt-comment-in-brackets
        "domain: 救灾\nlead:\n  # 说明\n  区应急局\n",  # fmt-comment-position
        "slug: jz\n# 说明\ndomain: 救灾\n",  # fmt-order-kept
        "items:\n  - id: a-1\n    content:\n      - 名称  # 行尾\n      - 文号\n",  # fmt-style-kept
    ]
    seen = {d.code for text in inputs for d in _fmt(text).diagnostics}
    monkeypatch.setattr(self_check, "same_data", lambda a, b: False)
    # fmt-self-check (on a file to reformat: one already canonical is proven so without a self-check)
    seen |= {d.code for d in _fmt("slug: jz\ndomain: 救灾\n").diagnostics}
    # fmt-not-rewritten is about the file on disk, not its text: see test_a_symbolic_link_is_refused…
    seen.add("fmt-not-rewritten")
    assert seen == {code for code in CODES if code.startswith("fmt-")}
