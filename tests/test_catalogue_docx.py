"""``catalogue.docx``: the catalogue as a Word document, read back with python-docx (page, first
page, one table per published domain, repeated two-row header, merged 一级事项, √ marks, cell
texts), a town's document, domains withheld by the review gate, the same bytes every build, a
golden dump of a small catalogue's document, hostile text, and LibreOffice printing it."""

from __future__ import annotations

import io
import shutil
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from docx.enum.section import WD_ORIENT
from docx.shared import Mm

from conftest import CASES, ROOT, Golden, build_case, checked_catalogue, edited_copy
from docx_dump import RowView, dump_document, footer_text, load, table_rows
from office import printed_text
from zwgk_cli.build.builder import DATA_FILES, BuildResult, build, unit_outputs
from zwgk_cli.core.models import Domain
from zwgk_cli.core.towns import find_unit, unit_catalogue, unit_title
from zwgk_cli.render.catalogue_docx import catalogue_docx, column_widths
from zwgk_cli.render.rows import TEXT_HEADINGS, domain_caption, item_cells, item_rows

SHIPPED = ROOT / "catalogues"
GOLDEN = ROOT / "tests" / "golden" / "docx"
WITHHELD = {"cszhzf": "城市综合执法", "fp": "扶贫"}  # not past 定稿 in the shipped review records


@pytest.fixture(scope="module")
def shipped(gated_build: BuildResult) -> BuildResult:
    return gated_build


@pytest.fixture(scope="module")
def published(shipped: BuildResult) -> list[Domain]:
    """The domains the gated build publishes, in 序号 order."""
    catalogue = checked_catalogue(SHIPPED)
    return [domain for domain in catalogue.domains if domain.slug not in WITHHELD]


def _docx(result: BuildResult, name: str = "catalogue.docx") -> bytes:
    return (result.out / name).read_bytes()


def _body(rows: list[RowView]) -> list[RowView]:
    return [row for row in rows if not row.header]


def test_the_page_is_a4_landscape_with_page_numbers(shipped: BuildResult) -> None:
    doc = load(_docx(shipped))
    (section,) = doc.sections
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert abs(section.page_width - Mm(297)) < Mm(1)
    assert abs(section.page_height - Mm(210)) < Mm(1)
    assert section.page_width > section.page_height
    assert footer_text(doc) == "— {PAGE} —"
    # the tables fill the width between the margins
    assert abs(sum(column_widths(["区级", "镇街", "村（居）"])) * 635 - (Mm(297) - 2 * Mm(15))) < Mm(1)


def test_first_page_title_issuer_basis_and_example_notice(shipped: BuildResult) -> None:
    settings = checked_catalogue(SHIPPED).settings
    doc = load(_docx(shipped))
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == settings.display_title() == "重庆市渝北区基层政务公开标准目录"
    assert doc.paragraphs[0].style is not None
    assert doc.paragraphs[0].style.name == "Catalogue Title"
    assert "发布机关：重庆市渝北区人民政府办公室" in texts
    assert "发布日期：2020年10月30日" in texts
    assert (
        "编制依据：《重庆市渝北区人民政府办公室关于全面推进基层政务公开标准化规范化工作的通知》"
        "（渝北府办发〔2020〕17号）"
    ) in texts
    assert any(text.startswith("示例目录：本目录是根据公开资料重建的演示数据") for text in texts)
    assert doc.core_properties.title == settings.display_title()
    assert doc.core_properties.author == settings.issuer


def test_one_table_per_published_domain_under_its_caption(
    shipped: BuildResult, published: list[Domain]
) -> None:
    doc = load(_docx(shipped))
    captions = [p.text for p in doc.paragraphs if p.style is not None and p.style.name == "Catalogue Heading"]
    assert captions == [domain_caption(domain) for domain in published]
    assert captions[0] == "（一）重大建设项目领域基层政务公开标准目录"
    assert len(doc.tables) == len(published) == 24
    for table, domain in zip(doc.tables, published, strict=True):
        assert len(_body(table_rows(table))) == len(domain.items), domain.slug


def test_withheld_domains_are_absent(shipped: BuildResult) -> None:
    assert shipped.gate is not None
    assert {row.slug for row in shipped.gate.withheld} == set(WITHHELD)
    text = dump_document(_docx(shipped))
    for name in WITHHELD.values():
        assert f"{name}领域" not in text
    assert "cszhzf-001" not in text
    # and no fragment was written for them
    assert not any(name.startswith(("fragments/cszhzf", "fragments/fp.")) for name in shipped.files)


def test_both_header_rows_repeat_and_carry_the_workbook_headings(shipped: BuildResult) -> None:
    doc = load(_docx(shipped))
    for table in doc.tables:
        top, sub, *_ = table_rows(table)
        assert (top.header, sub.header, top.cant_split, sub.cant_split) == (True, True, True, True)
        assert [(c.text, c.span, c.merge) for c in top.cells] == [
            ("序号", 1, "restart"),
            ("公开事项", 2, ""),
            ("公开内容（要素）", 1, "restart"),
            ("公开依据", 1, "restart"),
            ("公开时限", 1, "restart"),
            ("公开主体", 1, "restart"),
            ("公开渠道和载体", 1, "restart"),
            ("公开对象", 2, ""),
            ("公开方式", 2, ""),
            ("公开层级", 3, ""),
        ]
        assert [c.text for c in sub.cells if c.merge != "continue"] == [
            "一级事项",
            "二级事项",
            "全社会",
            "特定群体",
            "主动",
            "依申请",
            "区级",
            "镇街",
            "村（居）",
        ]
        assert [c.merge for c in sub.cells].count("continue") == 6  # under 序号 and the five texts
        assert not any(row.header for row in table_rows(table)[2:])


def test_the_workbook_has_the_same_headings(shipped: BuildResult) -> None:
    from openpyxl import load_workbook

    book = load_workbook(shipped.out / "catalogue.xlsx", read_only=True)
    sheet = book["重大建设项目"]
    head = [list(row) for row in sheet.iter_rows(min_row=3, max_row=4, values_only=True)]
    doc = load(_docx(shipped))
    top, sub, *_ = table_rows(doc.tables[0])
    assert [c.text for c in top.cells] == [text for text in head[0] if text]
    assert [c.text for c in sub.cells if c.merge != "continue"] == [text for text in head[1] if text]


def test_merged_categories_ticks_and_texts_match_the_items(
    shipped: BuildResult, published: list[Domain]
) -> None:
    doc = load(_docx(shipped))
    levels = ["区级", "镇街", "村（居）"]
    for table, domain in zip(doc.tables, published, strict=True):
        for view, row in zip(_body(table_rows(table)), item_rows(domain), strict=True):
            number, category, *rest = view.cells
            assert number.text == str(row.number)
            if row.category_span > 1:
                assert (category.merge, category.text) == ("restart", row.item.category)
            elif row.category_span == 1:
                assert (category.merge, category.text) == ("", row.item.category)
            else:
                assert (category.merge, category.text) == ("continue", "")
            assert [cell.text for cell in rest] == item_cells(row.item, levels), row.item.id
        spans = [row.category_span for row in item_rows(domain) if row.category_span]
        restarts = [c.cells[1].merge for c in _body(table_rows(table))]
        assert restarts.count("restart") == sum(1 for span in spans if span > 1)
        assert restarts.count("continue") == sum(span - 1 for span in spans)


def test_known_cells_of_shipped_items(shipped: BuildResult) -> None:
    doc = load(_docx(shipped))
    first = _body(table_rows(doc.tables[0]))
    texts = [cell.text for cell in first[0].cells]
    assert texts[:3] == ["1", "批准服务信息", "办事指南"]
    assert texts[5] == "实时公开"
    assert "《中华人民共和国政府信息公开条例》（国务院令第711号）" in texts[4].split("\n")
    assert texts[8:] == ["√", "", "√", "", "√", "", ""]  # 全社会, 主动, 区级
    # 特定群体 with its note after the √ (zdjsxm-002: 面向项目单位)
    assert [cell.text for cell in first[1].cells][8:10] == ["", "√（面向项目单位）"]
    assert first[1].cells[1].merge == "continue"


def test_long_rows_may_break_short_rows_may_not(shipped: BuildResult) -> None:
    doc = load(_docx(shipped))
    rows = [row for table in doc.tables for row in _body(table_rows(table))]
    kept = [row for row in rows if row.cant_split]
    assert len(kept) > 0.9 * len(rows)  # nearly every row is held on one page


@pytest.fixture(scope="module")
def town() -> dict[str, bytes]:
    """龙溪街道's outputs from the shipped catalogue, without the review gate."""
    catalogue = checked_catalogue(SHIPPED)
    unit = find_unit(catalogue.settings, "龙溪街道")
    assert unit is not None
    files = unit_outputs(catalogue, unit, None, None)
    return {name: data for name, data in files.items() if isinstance(data, bytes)}


def test_a_towns_document(town: dict[str, bytes]) -> None:
    catalogue = checked_catalogue(SHIPPED)
    unit = find_unit(catalogue.settings, "龙溪街道")
    assert unit is not None
    local = unit_catalogue(catalogue, unit)
    doc = load(town["units/longxi/catalogue.docx"])
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == unit_title(catalogue.settings, unit) == "重庆市渝北区龙溪街道基层政务公开标准目录"
    # the street office publishes its own catalogue; the district's catalogue is what it follows
    assert "发布机关：重庆市渝北区人民政府龙溪街道办事处" in texts
    assert "文号：" not in texts
    assert (
        "编制依据：《重庆市渝北区基层政务公开标准目录》（2020年版）；《重庆市渝北区人民政府办公室关于全面推进"
        "基层政务公开标准化规范化工作的通知》（渝北府办发〔2020〕17号）"
    ) in texts
    assert doc.core_properties.author == "重庆市渝北区人民政府龙溪街道办事处"
    assert len(doc.tables) == len(local.domains) > 20
    captions = [p.text for p in doc.paragraphs if p.style is not None and p.style.name == "Catalogue Heading"]
    assert captions[0] == "（一）龙溪街道重大建设项目领域基层政务公开标准目录"
    items = 0
    for table, domain in zip(doc.tables, local.domains, strict=True):
        _, sub, *body = table_rows(table)
        assert [c.text for c in sub.cells if c.merge != "continue"][-2:] == ["镇街", "村（居）"]
        assert "区级" not in [c.text for c in sub.cells]
        assert len(body) == len(domain.items)
        items += len(body)
        for view, item in zip(body, domain.items, strict=True):
            assert "√" in [c.text for c in view.cells[-2:]]  # at the town's levels only
            assert view.cells[2].text == item.name
            # the town office publishes what 各镇人民政府（街道办事处） publish in the district
            assert "各镇人民政府（街道办事处）" not in view.cells[6].text
    district = [item for domain in catalogue.domains for item in domain.items]
    town_level = [item for item in district if {"镇街", "村（居）"} & set(item.levels)]
    assert items == len(town_level) < len(district)
    assert "龙溪街道办事处" in {
        view.cells[6].text for table in doc.tables for view in _body(table_rows(table))
    }


def test_a_gated_towns_document_leaves_out_what_the_gate_withholds(shipped: BuildResult) -> None:
    catalogue = checked_catalogue(SHIPPED)
    unit = find_unit(catalogue.settings, "龙溪街道")
    assert unit is not None
    assert shipped.gate is not None
    withheld = shipped.gate.town_withheld(unit) | set(WITHHELD)
    local = unit_catalogue(catalogue, unit, withheld)
    doc = load(_docx(shipped, "units/longxi/catalogue.docx"))
    captions = [p.text for p in doc.paragraphs if p.style is not None and p.style.name == "Catalogue Heading"]
    assert captions == [domain_caption(domain, "龙溪街道") for domain in local.domains]
    assert len(doc.tables) == len(local.domains)
    assert [p.text for p in doc.paragraphs][:2] == [
        "重庆市渝北区龙溪街道基层政务公开标准目录",
        "发布机关：重庆市渝北区人民政府龙溪街道办事处",
    ]


def test_the_sites_link_the_document(shipped: BuildResult) -> None:
    assert "catalogue.docx" in DATA_FILES
    index = (shipped.out / "index.html").read_text(encoding="utf-8")
    assert 'href="catalogue.docx" download="重庆市渝北区基层政务公开标准目录.docx"' in index
    town = (shipped.out / "units" / "longxi" / "index.html").read_text(encoding="utf-8")
    assert 'href="catalogue.docx" download="重庆市渝北区龙溪街道基层政务公开标准目录.docx"' in town


def test_the_same_bytes_every_build(shipped: BuildResult, tmp_path: Path) -> None:
    again = build(SHIPPED, tmp_path / "dist", units=["龙溪街道"], require_stage="定稿")
    for name in ("catalogue.docx", "units/longxi/catalogue.docx"):
        assert (again.out / name).read_bytes() == _docx(shipped, name), name
    with zipfile.ZipFile(io.BytesIO(_docx(shipped))) as package:
        names = package.namelist()
        assert names[:2] == ["[Content_Types].xml", "_rels/.rels"]
        assert {info.date_time for info in package.infolist()} == {(2020, 10, 30, 0, 0, 0)}
        assert not any("thumbnail" in name for name in names)


def test_dated_by_the_epoch_when_given(tmp_path: Path) -> None:
    catalogue = checked_catalogue(build_case(CASES / "valid" / "plain", tmp_path))
    epoch = 1_700_000_000
    data = catalogue_docx(catalogue, epoch=epoch)
    assert load(data).core_properties.created == datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert {info.date_time for info in package.infolist()} == {(2023, 11, 14, 22, 13, 20)}
    assert catalogue_docx(catalogue, epoch=epoch) == data
    # the printed date is still the publication date
    assert "发布日期：2020年10月30日" in [p.text for p in load(data).paragraphs]


def test_golden_dump_of_a_smallchecked_catalogue(golden: Golden, tmp_path: Path) -> None:
    catalogue = checked_catalogue(build_case(CASES / "valid" / "plain", tmp_path))
    golden(GOLDEN / "catalogue.txt", dump_document(catalogue_docx(catalogue)))


def test_hostile_text_is_text(tmp_path: Path) -> None:
    folder = edited_copy(
        CASES / "base",
        tmp_path / "catalogue",
        {
            "zdjsxm.yaml": [
                ("name: 办事指南", 'name: "<script>alert(1)</script>&amp; ]]> \\u202e\\u001b[31m"'),
                ("category: 批准服务信息", 'category: "</w:t></w:r></w:p><w:p>"'),
            ],
            # the marker paragraph the tables are written in place of, spelt by the title
            "zwgk.yaml": [("edition: 2020年版", "title: zwgk-catalogue-domains\nedition: 2020年版")],
        },
    )
    data = catalogue_docx(checked_catalogue(folder))
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        xml = package.read("word/document.xml").decode("utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&amp;amp; ]]&gt; [U+202E][U+001B][31m" in xml
    assert "&lt;/w:t&gt;&lt;/w:r&gt;&lt;/w:p&gt;&lt;w:p&gt;" in xml
    doc = load(data)
    body = _body(table_rows(doc.tables[0]))
    assert body[0].cells[1].text == "</w:t></w:r></w:p><w:p>"
    assert body[0].cells[2].text == "<script>alert(1)</script>&amp; ]]> [U+202E][U+001B][31m"
    assert len(body) == 2
    assert doc.paragraphs[0].text == "zwgk-catalogue-domains"
    assert len(doc.tables) == 2


def test_more_levels_still_fit_the_page(tmp_path: Path) -> None:
    widths = column_widths([f"第{i}级" for i in range(12)])
    assert abs(sum(widths) * 635 - (Mm(297) - 2 * Mm(15))) < Mm(1)
    assert min(widths[: len(TEXT_HEADINGS)]) > 300  # the text columns keep some room


def test_libreoffice_prints_it(tmp_path: Path) -> None:
    folder = build_case(CASES / "valid" / "plain", tmp_path)
    source = tmp_path / "printed" / "catalogue.docx"
    source.parent.mkdir()
    source.write_bytes(catalogue_docx(checked_catalogue(folder)))
    text = printed_text(source, "libreoffice-writer-nogui")
    flat = "".join(text.split())
    assert "重庆市测试区基层政务公开标准目录" in flat
    assert "（一）重大建设项目领域基层政务公开标准目录" in flat
    assert "（二）社会救助领域基层政务公开标准目录" in flat
    assert "办事指南" in flat
    assert "审核确认信息" in flat
    assert "—1—" in flat  # the page numbers: the first page, then one page per domain
    assert "—3—" in flat
    shutil.rmtree(tmp_path / "printed" / "libreoffice-profile", ignore_errors=True)
