"""`zwgk import` against hostile or oversized files: every limit refuses the whole file with a message
naming it (never a silent cut), merged ranges cost no more than the cells that hold text, zip bombs
are refused from the zip directory, deep Word content controls need no recursion, and whatever the
importer writes into a YAML comment stays on its line."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from openpyxl import Workbook

from conftest import ROOT
from test_import import built_workbook, cli, make_docx, run_import, w_p, w_tbl, w_tc, w_tr
from zwgk_cli.check.pipeline import check_catalogue
from zwgk_cli.core.diagnostics import ZwgkError
from zwgk_cli.importer.limits import Limits
from zwgk_cli.importer.maps import Vocabulary
from zwgk_cli.importer.readers import read_tables
from zwgk_cli.importer.writing import comment_safe, plan_outputs
from zwgk_cli.sources.loading import load_bytes

HEADER = ["一级事项", "二级事项", "公开内容", "公开依据", "公开时限", "公开主体", "公开渠道和载体"]


def small_xlsx(path: Path, rows: int = 3, columns: int = 3) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Sheet1"
    for r in range(1, rows + 1):
        for c in range(1, columns + 1):
            sheet.cell(r, c, f"r{r}c{c}")
    book.save(path)
    return path


def patched(path: Path, part: str, old: bytes, new: bytes, extra: dict[str, bytes] | None = None) -> Path:
    """`path` rewritten with `old` replaced by `new` in `part`, and `extra` members added."""
    source = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == part:
                assert old in data, data[-300:]
                data = data.replace(old, new)
            target.writestr(info.filename, data)
        for name, data in (extra or {}).items():
            target.writestr(name, data)
    return path


def with_merge(path: Path, area: str) -> Path:
    return patched(
        path,
        "xl/worksheets/sheet1.xml",
        b"</sheetData>",
        f'</sheetData><mergeCells count="1"><mergeCell ref="{area}"/></mergeCells>'.encode(),
    )


def refusal(path: Path, limits: Limits | None = None) -> str:
    with pytest.raises(ZwgkError) as caught:
        read_tables(path, limits)
    return caught.value.text.zh


_LIMITED = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
from pathlib import Path
from zwgk_cli.importer.readers import read_tables
kind, tables = read_tables(Path(sys.argv[1]))
print(len(tables[0].rows), tables[0].width, sorted({c.origin for row in tables[0].rows for c in row}))
"""


def read_limited(path: Path) -> str:
    """Read `path` in a child process held to 1 GiB of memory and 60 seconds; its summary line."""
    done = subprocess.run(
        [sys.executable, "-c", _LIMITED, str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip()


# ---- merged ranges -----------------------------------------------------------------------------


def test_a_merge_over_the_whole_sheet_costs_only_the_used_cells(tmp_path: Path) -> None:
    # openpyxl's editable workbook made 17 billion cell objects for this range (MemoryError)
    path = with_merge(small_xlsx(tmp_path / "炸弹.xlsx"), "A1:XFD1048576")
    assert read_limited(path) == "3 3 ['Sheet1!A1']"


def test_a_merge_far_below_the_table_is_ignored(tmp_path: Path) -> None:
    path = with_merge(small_xlsx(tmp_path / "远处.xlsx"), "A30000:XFD31000")
    assert read_limited(path) == "3 3 " + str(sorted(f"Sheet1!{c}{r}" for r in (1, 2, 3) for c in "ABC"))


def test_merged_cells_past_the_limit_are_refused(tmp_path: Path) -> None:
    path = with_merge(small_xlsx(tmp_path / "合并.xlsx", rows=5), "A1:C5")
    message = refusal(path, Limits(merged=14))
    assert "合并.xlsx 的工作表“Sheet1”的合并单元格 A1:C5" in message
    assert "达到 15 个，超过导入上限 14 个" in message
    assert read_tables(path, Limits(merged=15))[1][0].rows[4][2].origin == "Sheet1!A1"


# ---- the zip package ---------------------------------------------------------------------------


def test_a_compression_bomb_is_refused_from_the_zip_directory(tmp_path: Path) -> None:
    path = patched(small_xlsx(tmp_path / "压缩.xlsx"), "", b"", b"", {"xl/padding.xml": b" " * (2 << 20)})
    message = refusal(path)
    assert "压缩.xlsx 中的 xl/padding.xml 压缩比为" in message
    assert "超过导入上限 100:1" in message


def test_the_command_refuses_a_bomb_with_exit_2_and_writes_nothing(tmp_path: Path) -> None:
    patched(small_xlsx(tmp_path / "压缩.xlsx"), "", b"", b"", {"xl/padding.xml": b" " * (2 << 20)})
    code, _out, err = cli("import", "压缩.xlsx", "-o", "out", cwd=tmp_path)
    assert code == 2
    assert "压缩.xlsx 中的 xl/padding.xml 压缩比为" in err
    assert not (tmp_path / "out").exists()


def test_unpacked_sizes_past_the_limits_are_refused(tmp_path: Path) -> None:
    path = small_xlsx(tmp_path / "大.xlsx")
    assert "单个压缩部件解压后的大小" in refusal(path, Limits(part_bytes=1000))
    assert "全部压缩部件解压后的总大小" in refusal(path, Limits(package_bytes=5000))


# ---- no silent truncation ----------------------------------------------------------------------


def word_table(path: Path, rows: int) -> Path:
    body = w_tbl(
        w_tr(*(w_tc(h) for h in HEADER)), *(w_tr(w_tc(f"类{r}"), w_tc(f"项{r}")) for r in range(rows))
    )
    return make_docx(path, w_p("社会救助领域基层政务公开标准目录") + body)


def test_a_table_past_the_row_limit_is_refused_not_cut(tmp_path: Path) -> None:
    path = word_table(tmp_path / "长表.docx", 60)
    message = refusal(path, Limits(rows=50))
    assert message.startswith(
        "长表.docx 的表1在 表1 第51行第1列 超出导入上限：每张表最多 50 行；没有导入任何内容"
    )
    assert len(read_tables(path, Limits(rows=61))[1][0].rows) == 61


def test_a_sheet_past_the_row_or_column_limit_is_refused_not_cut(tmp_path: Path) -> None:
    path = small_xlsx(tmp_path / "宽表.xlsx", rows=4, columns=6)
    assert "在 Sheet1!A4 超出导入上限：每张表最多 3 行" in refusal(path, Limits(rows=3))
    assert "在 Sheet1!F1 超出导入上限：每张表最多 5 列" in refusal(path, Limits(columns=5))


def test_a_word_cell_spanning_past_the_column_limit_is_refused(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "跨列.docx", w_tbl(w_tr(w_tc("a", span=1_000_000_000))))
    assert "在 表1 第1行第16385列 超出导入上限：每张表最多 16384 列" in refusal(path)


def test_the_cells_of_all_tables_are_counted_against_the_limit(tmp_path: Path) -> None:
    path = small_xlsx(tmp_path / "格.xlsx", rows=4, columns=5)
    message = refusal(path, Limits(cells=19))
    assert "（已用区域 4 行 × 5 列）使全文件的表格单元格达到 20 个，超过导入上限 19 个" in message
    assert "一行 × 二列" not in message
    word = word_table(tmp_path / "格.docx", 10)
    assert "达到 14 个，超过导入上限 10 个" in refusal(word, Limits(cells=10))


def test_a_word_table_longer_than_the_old_cut_is_read_whole(tmp_path: Path) -> None:
    # the reader stopped at 20,000 rows without a word (a 50,000-row table gave 19,999 items, exit 0)
    rows = 20_050
    path = make_docx(
        tmp_path / "长表.docx", w_tbl(*(w_tr(w_tc(f"类{r}"), w_tc(f"项{r}")) for r in range(rows)))
    )
    (table,) = read_tables(path)[1]
    assert len(table.rows) == rows
    assert [c.text for c in table.rows[-1]] == [f"类{rows - 1}", f"项{rows - 1}"]
    assert table.rows[-1][1].ref == f"表1 第{rows}行第2列"


def test_every_row_of_a_word_table_becomes_an_item(tmp_path: Path) -> None:
    result = run_import(word_table(tmp_path / "事项.docx", 500), domain="社会救助")
    (domain,) = result.domains
    assert [item["name"] for item in domain.data["items"]] == [f"项{r}" for r in range(500)]


def test_a_built_workbook_past_the_row_limit_is_refused_not_partly_imported(tmp_path: Path) -> None:
    # a province workbook came back with 6 of 26 domains: its hidden sheet was cut at 20,000 rows
    path = built_workbook(tmp_path)
    (hidden,) = [t for t in read_tables(path)[1] if t.hidden and t.name == "_zwgk"]
    rows = len(hidden.rows)
    with pytest.raises(ZwgkError) as caught:
        run_import(path, limits=Limits(rows=rows - 1))
    assert f"工作表“_zwgk”在 _zwgk!A{rows} 超出导入上限：每张表最多 {rows - 1} 行" in caught.value.text.zh
    result = run_import(path, limits=Limits(rows=rows))
    assert result.diagnostics == []
    shipped = check_catalogue(ROOT / "catalogues").summary
    assert (len(result.domains), result.items) == (shipped.domains, shipped.items)


# ---- structure nested deep ---------------------------------------------------------------------


def test_content_controls_nested_deep_need_no_recursion(tmp_path: Path) -> None:
    depth = 10_000
    table = w_tbl(w_tr(*(w_tc(h) for h in HEADER)), w_tr(w_tc("类"), w_tc("项")))
    body = "<w:sdt><w:sdtContent>" * depth + w_p("社会救助领域基层政务公开标准目录") + table
    body += "</w:sdtContent></w:sdt>" * depth
    row = w_tr("<w:sdt><w:sdtContent>" * depth + w_tc("类") + w_tc("项") + "</w:sdtContent></w:sdt>" * depth)
    body += w_tbl(w_tr(*(w_tc(h) for h in HEADER)), row)
    _kind, tables = read_tables(make_docx(tmp_path / "嵌套.docx", body))
    assert [t.before for t in tables] == [["社会救助领域基层政务公开标准目录"], []]
    assert [[c.text for c in t.rows[1]] for t in tables] == [["类", "项", "", "", "", "", ""]] * 2


def test_a_channel_behind_thousands_of_other_prefixes_needs_no_recursion() -> None:
    # “其他：其他：…政府网站” was read one call per “其他” (RecursionError past about a thousand)
    names, unknown, listed = Vocabulary(None).channels("其他：" * 5_000 + "政府网站")
    assert (names, unknown, listed) == (["政府网站"], [], True)


def test_hidden_sheet_json_nested_past_the_recursion_limit_falls_back(tmp_path: Path) -> None:
    record = '{"format":"zwgk-workbook","version":1}'
    nested = '{"format":"zwgk-workbook","version":' + "[" * 100_000 + "]" * 100_000 + "}"
    patch = {"xl/worksheets/sheet29.xml": [(f"<t>{escape(record)}</t>", f"<t>{escape(nested)}</t>")]}
    result = run_import(built_workbook(tmp_path, patch))
    assert "import-data-sheet" in [d.code for d in result.diagnostics]
    assert len(result.domains) == 26


# ---- what goes into the YAML -------------------------------------------------------------------


def test_comment_safe_escapes_line_breaks_controls_and_bidi() -> None:
    assert comment_safe("a\nevil: 1.xlsx") == "a\\nevil: 1.xlsx"
    assert comment_safe("x\u202ey\x00\r\t\u2028\ufeff") == "x\\u202ey\\x00\\r\\t\\u2028\\ufeff"
    assert comment_safe("社会救助（2025）.xlsx") == "社会救助（2025）.xlsx"


def test_a_newline_in_the_file_name_stays_in_the_comment(tmp_path: Path) -> None:
    name = "a\nevil: 1\u202e.docx"
    path = word_table(tmp_path / name, 2)
    result = run_import(path, domain="社会救助")
    out = tmp_path / "out"
    plan = plan_outputs(result, out, None, force=False)
    (output,) = plan.outputs
    text = output.data.decode("utf-8")
    first = text.splitlines()[0]
    assert first == "# 社会救助领域基层政务公开标准目录（由 zwgk import 从“a\\nevil: 1\\u202e.docx”导入）"
    loaded = load_bytes(output.shown, output.data)
    assert loaded.document is not None
    assert "evil" not in loaded.document.data
    assert list(loaded.document.data)[:2] == ["domain", "slug"]


def test_control_and_line_separator_characters_in_cells_come_back_from_the_yaml(tmp_path: Path) -> None:
    odd = ["x\u202ey", "a\x85b", "c\u2028d", "e\u2029f", "g\u200bh"]
    table = w_tbl(
        w_tr(*(w_tc(h) for h in HEADER)),
        *(w_tr(w_tc("类"), w_tc(text), w_tc("内容"), w_tc("依据"), w_tc(text)) for text in odd),
    )
    result = run_import(
        make_docx(tmp_path / "怪字.docx", w_p("社会救助领域基层政务公开标准目录") + table), domain="社会救助"
    )
    plan = plan_outputs(result, tmp_path / "out", None, force=False)
    (output,) = plan.outputs
    loaded = load_bytes(output.shown, output.data)
    assert loaded.document is not None
    items = loaded.document.data["items"]
    assert items == result.domains[0].data["items"]
    # NEL, U+2028 and U+2029 are line ends: read as such, not written raw into a quoted text
    assert [item["time_limit"] for item in items] == ["x\u202ey", "a；b", "c；d", "e；f", "g\u200bh"]
    assert "\x85" not in output.data.decode("utf-8")
    assert "\u2028" not in output.data.decode("utf-8")


def test_the_openpyxl_internals_the_stream_reader_uses_are_there(tmp_path: Path) -> None:
    # xlsxread drives openpyxl's worksheet parser itself (its editable workbook expands merged
    # ranges cell by cell); if an openpyxl release moves these, this test names what moved
    from openpyxl import load_workbook
    from openpyxl.worksheet._reader import WorkSheetParser

    book = load_workbook(small_xlsx(tmp_path / "a.xlsx"), read_only=True, data_only=True)
    sheet = book.worksheets[0]
    assert callable(sheet._get_source)
    assert isinstance(sheet._shared_strings, list)
    assert isinstance(book._date_formats, set)
    assert isinstance(book._timedelta_formats, set)
    with sheet._get_source() as source:
        parser = WorkSheetParser(source, sheet._shared_strings, data_only=True)
        assert [r for r, _ in parser.parse()] == [1, 2, 3]
        assert parser.merged_cells is None
    book.close()
