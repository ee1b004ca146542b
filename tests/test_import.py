"""`zwgk import`: tables as offices publish them (Excel and Word, several header spellings, merged
cells, √ and leaked checkbox glyphs, 同上, channel checklists), every unmappable cell reported with
its reference, the workbook `zwgk build` writes coming back exactly, and the command's files and
exit codes."""

from __future__ import annotations

import io
import shutil
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pytest
from openpyxl import Workbook
from typer.testing import CliRunner

from conftest import ROOT
from zwgk_cli.check.pipeline import check_catalogue
from zwgk_cli.cli.app import app
from zwgk_cli.core.catalogue import Catalogue
from zwgk_cli.core.codes import CODES
from zwgk_cli.core.diagnostics import Diagnostic
from zwgk_cli.core.domain_names import PILOT_DOMAINS, names_in_title
from zwgk_cli.importer.assemble import domain_data
from zwgk_cli.importer.cells import parse_tick, split_basis, split_channels, split_list, split_numbering
from zwgk_cli.importer.convert import ImportResult, import_file
from zwgk_cli.importer.target import Target
from zwgk_cli.importer.writing import check_outputs, plan_outputs, write_outputs
from zwgk_cli.render.xlsx.workbook import DATA_SHEET, catalogue_workbook
from zwgk_cli.sources.loading import load_file

SHIPPED = ROOT / "catalogues"
ENV = {"NO_COLOR": "1", "COLUMNS": "200"}
SEEN_CODES: set[str] = set()


# ---- fixture builders ---------------------------------------------------------------------------


def make_xlsx(
    path: Path, sheets: dict[str, list[list[Any]]], merges: dict[str, list[str]] | None = None
) -> Path:
    """A workbook with one sheet per entry; `merges` are Excel ranges (text only in the first cell)."""
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value not in (None, ""):
                    sheet.cell(r, c, value)
        for area in (merges or {}).get(name, []):
            sheet.merge_cells(area)
    book.save(path)
    return path


def w_p(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def w_tc(text: str = "", *, span: int = 1, vmerge: str | None = None, raw: str | None = None) -> str:
    props = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    if vmerge == "restart":
        props += '<w:vMerge w:val="restart"/>'
    elif vmerge == "continue":
        props += "<w:vMerge/>"
    paragraphs = (
        raw if raw is not None else "".join(w_p(line) for line in text.split("\n")) if text else "<w:p/>"
    )
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{paragraphs}</w:tc>"


def w_tr(*cells: str) -> str:
    return "<w:tr>" + "".join(cells) + "</w:tr>"


def w_tbl(*rows: str) -> str:
    return "<w:tbl><w:tblPr/>" + "".join(rows) + "</w:tbl>"


def w_sym(char: str) -> str:
    """A Wingdings 2 checkbox symbol run, as Word stores it."""
    return f'<w:p><w:r><w:sym w:font="Wingdings 2" w:char="{char}"/></w:r></w:p>'


def make_docx(path: Path, body: str) -> Path:
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}<w:sectPr/></w:body></w:document>"
    )
    types = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        "</Types>"
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="word/document.xml"/></Relationships>'
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("_rels/.rels", rels)
        archive.writestr("word/document.xml", document)
    return path


@pytest.fixture
def shipped_copy(tmp_path: Path) -> Path:
    """The shipped catalogue in a temporary folder (imports may write into it)."""
    return Path(shutil.copytree(SHIPPED, tmp_path / "catalogues"))


def run_import(path: Path, directory: Path | None = None, **options: Any) -> ImportResult:
    result = import_file(path, Target.load(directory), **options)
    SEEN_CODES.update(d.code for d in result.diagnostics)
    return result


def codes(diagnostics: Iterable[Diagnostic]) -> list[str]:
    return [d.code for d in diagnostics]


def located(result: ImportResult) -> dict[str, list[str]]:
    """Each reported cell → the codes reported there."""
    out: dict[str, list[str]] = {}
    for d in result.diagnostics:
        out.setdefault(str(d.path[0]), []).append(d.code)
    return out


def items_of(result: ImportResult, slug: str) -> list[dict[str, Any]]:
    domain = next(d for d in result.domains if d.slug == slug)
    return list(domain.data["items"])


# ---- (a) 区级/镇街 header, 特定群体 notes, merged 一级事项 -----------------------------------------

HEADER_A = [
    ["序号", "公开事项", None, "公开内容（要素）", "公开依据", "公开时限", "公开主体", "公开渠道和载体",
     "公开对象", None, "公开方式", None, "公开层级", None],
    [None, "一级事项", "二级事项", None, None, None, None, None, "全社会", "特定群体", "主动", "依申请", "区级", "镇街级"],
]  # fmt: skip
MERGES_A = ["A2:A3", "B2:C2", "D2:D3", "E2:E3", "F2:F3", "G2:G3", "H2:H3", "I2:J2", "K2:L2", "M2:N2"]


def layout_a(tmp_path: Path) -> Path:
    rows: list[list[Any]] = [
        ["（五）社会救助领域基层政务公开标准目录"],
        *HEADER_A,
        [1, "最低生活保障", "办事指南", "办理事项、办理条件；最低生活保障标准\n申请材料", "《社会救助暂行办法》（国务院令第649号）\n《重庆市城乡居民最低生活保障条例》",
         "制定或获取信息之日起10个工作日内", "区民政局\n各镇街", "政府网站、政务服务中心", "√", None, "√", None, "√", "√"],
        [2, None, "初审对象名单公示", "1.初审对象姓名 2.家庭保障人口 3.拟保障金额", "《社会救助暂行办法》（国务院令第649号）第十一条",
         "10个工作日内，公示期7天", "各镇人民政府（街道办事处）", "社区/企事业单位/村公示栏（电子屏）",
         None, "√（面向低保申请家庭所在村（社区）居民）", "√", None, None, "√"],
        [3, None, "保障对象信息", "保障对象户主姓名、保障人数、保障金额", "《社会救助暂行办法》（国务院令第649号）",
         "制定或获取信息之日起10个工作日内", "区级：区民政局\n镇街：各镇人民政府（街道办事处）", "政府网站", "√", None, "√", None, "√", "√"],
        [4, "临时救助", "审核审批信息", "●支出型临时救助对象名单●救助金额●救助事由", "《国务院关于全面建立临时救助制度的通知》（国发〔2014〕47号）、《社会救助暂行办法》（国务院令第649号）",
         "10个工作日", "渝北区民政局", "政府网站", None, "√(面向申请人本人)", "√", "√", "√", None],
    ]  # fmt: skip
    return make_xlsx(tmp_path / "社会救助.xlsx", {"Sheet1": rows}, {"Sheet1": ["A1:N1", *MERGES_A, "B4:B6"]})


def test_a_district_layout_with_notes_and_merged_categories(tmp_path: Path, shipped_copy: Path) -> None:
    result = run_import(layout_a(tmp_path), shipped_copy)
    assert result.diagnostics == [], [d.message.zh for d in result.diagnostics]
    (domain,) = result.domains
    assert (domain.name, domain.slug) == ("社会救助", "shjz")
    # the header comes from the catalogue's existing file
    assert {k: domain.data[k] for k in ("order", "lead")} == {"order": 5, "lead": "区民政局"}
    first, second, third, fourth = domain.data["items"]
    assert first["category"] == second["category"] == third["category"] == "最低生活保障"
    assert first["content"] == ["办理事项", "办理条件", "最低生活保障标准", "申请材料"]
    assert first["basis"] == ["《社会救助暂行办法》（国务院令第649号）", "《重庆市城乡居民最低生活保障条例》"]
    assert first["subject"] == "区民政局、各镇人民政府（街道办事处）"  # 各镇街 → the registry's group
    assert first["levels"] == ["区级", "镇街"]  # 镇街级 → 镇街
    assert second["content"] == ["初审对象姓名", "家庭保障人口", "拟保障金额"]
    assert second["audience"] == ["特定群体"]
    assert second["audience_note"] == "面向低保申请家庭所在村（社区）居民"
    assert third["subject"] == {"区级": "区民政局", "镇街": "各镇人民政府（街道办事处）"}
    assert fourth["category"] == "临时救助"
    assert fourth["content"] == ["支出型临时救助对象名单", "救助金额", "救助事由"]
    assert fourth["basis"] == [
        "《国务院关于全面建立临时救助制度的通知》（国发〔2014〕47号）",
        "《社会救助暂行办法》（国务院令第649号）",
    ]
    assert fourth["subject"] == "区民政局"  # 渝北区民政局 → the registry name
    assert (fourth["audience_note"], fourth["mode"], fourth["levels"]) == (
        "面向申请人本人",
        ["主动", "依申请"],
        ["区级"],
    )
    # items already in shjz.yaml keep their ids; new ones continue the numbering
    shipped = {(i["category"], i["name"]): i["id"] for i in domain_data(_shipped("shjz")).get("items", [])}
    assert first["id"] == shipped[("最低生活保障", "办事指南")]
    assert fourth["id"] == shipped[("临时救助", "审核审批信息")]
    assert [second["id"], third["id"]] == _next_ids("shjz", 2)


_CATALOGUE: list[Catalogue] = []


def shipped_catalogue() -> Catalogue:
    if not _CATALOGUE:
        catalogue = check_catalogue(SHIPPED).catalogue
        assert catalogue is not None
        _CATALOGUE.append(catalogue)
    return _CATALOGUE[0]


def _shipped(slug: str) -> Any:
    return next(d for d in shipped_catalogue().domains if d.slug == slug)


def _next_ids(slug: str, count: int) -> list[str]:
    """The ids new items of a shipped domain get: the numbering continues after its highest id."""
    top = max(int(item.id.rsplit("-", 1)[1]) for item in _shipped(slug).items)
    return [f"{slug}-{top + n:03d}" for n in range(1, count + 1)]


# ---- (b) 县级/乡级, 特定群众, 依申请公开, 三级事项, ■/□ channel checklists ----------------------------

HEADER_B = [
    ["序号", "公开事项", None, None, "公开内容要素", "公开依据", "公开时限", "公开主体", "公开渠道和载体",
     "公开对象", None, "公开方式", None, "公开层级", None, "事项类型"],
    [None, "一级", "二级", "三级", None, None, None, None, None, "全社会", "特定群众", "主动公开", "依申请公开", "县级", "乡级", None],
]  # fmt: skip
MERGES_B = ["A2:A3", "B2:D2", "E2:E3", "F2:F3", "G2:G3", "H2:H3", "I2:I3", "J2:K2", "L2:M2", "N2:O2", "P2:P3"]


def layout_b(tmp_path: Path) -> Path:
    rows: list[list[Any]] = [
        ["户籍管理领域基层政务公开标准目录"],
        *HEADER_B,
        [1, "出生登记", "出生登记", "出生登记", "受理部门、办理条件、办理流程",
         "1.《中华人民共和国户口登记条例》第七条 2.《中华人民共和国政府信息公开条例》（国务院令第711号）",
         "形成或者变更之日起20个工作日内予以公开", "区公安分局、各派出所",
         "■政府网站 □政府公报 ■两微一端 □发布会/听证会 ■政务服务中心", "√", None, "√", None, "√", "√", "公共服务"],
        [2, "注销登记", "死亡注销", "注销户口", "受理部门；办理流程", "同上", "同上", "同上",
         "■政府网站\n■其他：渝快办\n□精准推送", "√", None, "√", "√", "√", None, "公共服务"],
        [3, "迁移登记", "户口迁移", None, "迁移条件、所需材料", "《中华人民共和国户口登记条例》第十条", "20个工作日",
         "区公安分局", "■政府网站 ■社区/村公示栏（电子屏）", None, "√（迁入地居民）", "√", None, "√", None, "公共服务"],
    ]  # fmt: skip
    return make_xlsx(tmp_path / "户籍管理.xlsx", {"户籍": rows}, {"户籍": ["A1:P1", *MERGES_B]})


def test_b_county_layout_with_third_level_and_checklists(tmp_path: Path, shipped_copy: Path) -> None:
    result = run_import(layout_b(tmp_path), shipped_copy)
    assert codes(result.diagnostics) == ["import-column-ignored"]
    assert result.diagnostics[0].path == ("户籍!P2",)
    assert "事项类型" in result.diagnostics[0].message.zh
    birth, death, move = items_of(result, "hjgl")
    assert birth["name"] == "出生登记"  # 三级事项 equal to 二级事项 adds nothing
    assert birth["basis"] == [
        "《中华人民共和国户口登记条例》第七条",
        "《中华人民共和国政府信息公开条例》（国务院令第711号）",
    ]
    assert birth["channels"] == ["政府网站", "两微一端", "政务服务中心"]  # □ entries dropped
    assert birth["levels"] == ["区级", "镇街"]  # 县级 → 区级, 乡级 → 镇街
    assert birth["subject"] == "区公安分局、各派出所"
    assert death["name"] == "死亡注销——注销户口"
    assert death["basis"] == birth["basis"]  # 同上
    assert (death["time_limit"], death["subject"]) == (birth["time_limit"], birth["subject"])
    assert death["channels"] == ["政府网站", "渝快办"]  # “其他：…” names the platform
    assert death["mode"] == ["主动", "依申请"]
    assert move["channels"] == ["政府网站", "社区/企事业单位/村公示栏（电子屏）"]
    assert (move["audience"], move["audience_note"]) == (["特定群体"], "迁入地居民")
    assert birth["id"] == "hjgl-002"  # 出生登记 · 出生登记 is in hjgl.yaml


# ---- (c) Word: vMerge/gridSpan, √ leaked as t/R/£, 同上, a table continued on the next page --------


def layout_c(tmp_path: Path) -> Path:
    header = [
        w_tr(w_tc("序号", vmerge="restart"), w_tc("公开事项", span=2), w_tc("公开内容", vmerge="restart"),
             w_tc("公开依据", vmerge="restart"), w_tc("公开时限", vmerge="restart"), w_tc("公开主体", vmerge="restart"),
             w_tc("公开渠道和载体", vmerge="restart"), w_tc("公开对象", span=2), w_tc("公开方式", span=2),
             w_tc("公开层级", span=2)),
        w_tr(w_tc(vmerge="continue"), w_tc("一级目录"), w_tc("二级目录"), w_tc(vmerge="continue"), w_tc(vmerge="continue"),
             w_tc(vmerge="continue"), w_tc(vmerge="continue"), w_tc(vmerge="continue"), w_tc("全社会"), w_tc("特定对象"),
             w_tc("主动"), w_tc("申请"), w_tc("区县级"), w_tc("乡镇级")),
    ]  # fmt: skip
    body = [
        w_tr(w_tc("1"), w_tc("政策文件", vmerge="restart"), w_tc("法律法规"), w_tc("与安全生产有关的法律、法规"),
             w_tc("《中华人民共和国政府信息公开条例》（国务院令第711号）"), w_tc("信息形成或变更之日起20个工作日内"),
             w_tc("区应急局"), w_tc("政府网站、两微一端"), w_tc("t"), w_tc(), w_tc("R"), w_tc(), w_tc("£"), w_tc()),
        w_tr(w_tc("2"), w_tc(vmerge="continue"), w_tc("标准"), w_tc("国家标准、行业标准、地方标准"), w_tc("同上"),
             w_tc("同上"), w_tc("同上"), w_tc("政府网站"), w_tc(raw=w_sym("F052")), w_tc(), w_tc("√"), w_tc(),
             w_tc("t"), w_tc("t")),
    ]  # fmt: skip
    continued = w_tr(
        w_tc("3"), w_tc("依法行政"), w_tc("行政处罚"), w_tc("处罚决定"), w_tc("《中华人民共和国安全生产法》"),
        w_tc("作出决定之日起7个工作日内"), w_tc("区应急局"), w_tc("政府网站"), w_tc("✔"), w_tc(), w_tc("☑"), w_tc(),
        w_tc("■"), w_tc(),
    )  # fmt: skip
    document = (
        w_p("附件")
        + w_p("（二十二）安全生产领域基层政务公开标准目录")
        + w_tbl(*header, *body)
        + w_p("")
        + w_tbl(continued)
    )
    return make_docx(tmp_path / "安全生产.docx", document)


def test_c_word_table_with_merges_leaked_glyphs_and_same_as_above(tmp_path: Path) -> None:
    result = run_import(layout_c(tmp_path))
    assert codes(result.diagnostics) == ["import-level-kept", "import-header-missing"]
    kept, header = result.diagnostics
    assert kept.path == ("表1 第2行第13列",)
    assert "公开层级按表格原样保留：区县级、乡镇级" in kept.message.zh
    # without a catalogue folder the 任务分工 facts are unknown: order from the pilot list, the rest left to fill in
    assert header.message.zh == (
        "表1：领域“安全生产”的主体责任单位 (lead)、完成时间 (due)在表格中没有，aqsc.yaml 中这些项留空，须补填（见 zwgk 任务分工表）。"
    )
    laws, standards, penalty = items_of(result, "aqsc")
    assert laws["category"] == standards["category"] == "政策文件"  # vMerge
    assert (laws["audience"], laws["mode"], laws["levels"]) == (["全社会"], ["主动"], ["区县级"])
    assert standards["basis"] == laws["basis"]
    assert (standards["time_limit"], standards["subject"]) == (laws["time_limit"], laws["subject"])
    assert standards["audience"] == ["全社会"]  # the Wingdings symbol run reads as √
    assert standards["levels"] == ["区县级", "乡镇级"]
    assert penalty["category"] == "依法行政"  # the second Word table continues the first
    assert (penalty["audience"], penalty["mode"], penalty["levels"]) == (["全社会"], ["主动"], ["区县级"])
    assert [i["id"] for i in (laws, standards, penalty)] == ["aqsc-001", "aqsc-002", "aqsc-003"]


def test_c_levels_map_onto_the_catalogue(tmp_path: Path, shipped_copy: Path) -> None:
    result = run_import(layout_c(tmp_path), shipped_copy)
    assert result.diagnostics == []
    assert [i["levels"] for i in items_of(result, "aqsc")] == [["区级"], ["区级", "镇街"], ["区级"]]


# ---- (d) several domains in one workbook -----------------------------------------------------------


def layout_d_sheets(tmp_path: Path) -> Path:
    help_sheet: list[list[Any]] = [["填表说明：每个领域一个工作表。"]]
    relief: list[list[Any]] = [
        *HEADER_A,
        [1, "特困人员救助供养", "办事指南", "供养条件、申请程序", "《社会救助暂行办法》（国务院令第649号）", "10个工作日内",
         "区民政局", "政府网站", "√", None, "√", None, "√", "√"],
    ]  # fmt: skip
    elderly: list[list[Any]] = [
        ["（六）养老服务领域基层政务公开标准目录"],
        ["一级事项", "二级事项", "公开内容", "公开依据", "公开时限", "公开主体", "公开渠道", "公开对象", "公开方式", "公开层级"],
        ["养老机构管理", "养老机构名录", "机构名称、地址、床位数", "《养老机构管理办法》（民政部令第66号）", "20个工作日内",
         "区民政局", "政府网站", "全社会", "主动、依申请", "区级、镇街"],
        [None, "等级评定结果", "评定等级", "《养老机构管理办法》（民政部令第66号）", "20个工作日内",
         "区民政局", "政府网站", "特定群体（入住老人及家属）", "主动", "区级"],
    ]  # fmt: skip
    merges = {"社会救助": MERGES_A_NO_TITLE, "养老服务": ["A1:J1"]}
    return make_xlsx(
        tmp_path / "民政.xlsx", {"说明": help_sheet, "社会救助": relief, "养老服务": elderly}, merges
    )


MERGES_A_NO_TITLE = [
    "A1:A2", "B1:C1", "D1:D2", "E1:E2", "F1:F2", "G1:G2", "H1:H2", "I1:J1", "K1:L1", "M1:N1",
]  # fmt: skip


def test_d_one_sheet_per_domain(tmp_path: Path, shipped_copy: Path) -> None:
    result = run_import(layout_d_sheets(tmp_path), shipped_copy)
    assert result.diagnostics == [], [d.message.zh for d in result.diagnostics]
    assert [(d.name, d.slug, len(d.data["items"])) for d in result.domains] == [
        ("社会救助", "shjz", 1),
        ("养老服务", "ylfw", 2),
    ]
    listing, rating = items_of(result, "ylfw")
    assert (listing["audience"], listing["mode"], listing["levels"]) == (
        ["全社会"],
        ["主动", "依申请"],
        ["区级", "镇街"],
    )
    assert (rating["category"], rating["audience"], rating["audience_note"]) == (
        "养老机构管理",
        ["特定群体"],
        "入住老人及家属",
    )
    assert listing["id"] == "ylfw-" + f"{len(_shipped('ylfw').items) + 1:03d}"
    # one file per domain into a folder
    out = tmp_path / "out"
    plan = plan_outputs(result, out, shipped_copy, force=False)
    assert [o.shown.name for o in plan.outputs] == ["shjz.yaml", "ylfw.yaml"]
    write_outputs(plan)
    assert (
        (out / "ylfw.yaml")
        .read_text(encoding="utf-8")
        .startswith("# 养老服务领域基层政务公开标准目录（由 zwgk import")
    )


def test_d_two_titled_tables_in_one_sheet_with_a_flattened_header(tmp_path: Path, shipped_copy: Path) -> None:
    row: list[Any] = [
        1,
        "养老机构",
        "名录",
        "名称",
        "《养老机构管理办法》",
        "20个工作日",
        "区民政局",
        "政府网站",
    ]
    rows: list[list[Any]] = [
        ["（五）社会救助领域基层政务公开标准目录"],
        *HEADER_A,  # no merged cells: the group titles stand over blank neighbours
        [*row[:2], "办事指南", *row[3:], "√", None, "√", None, "√", None],
        [],
        ["（六）养老服务领域基层政务公开标准目录"],
        *HEADER_A,
        [*row, "√", None, "√", None, "√", None],
        [*row[:2], "评定结果", *row[3:], None, "√（入住老人）", "√", None, "√", "√"],
        ["注：本表由区民政局编制。"],
    ]
    path = make_xlsx(tmp_path / "民政.xlsx", {"S": rows}, {"S": ["A1:N1", "A6:N6", "A11:N11"]})
    result = run_import(path, shipped_copy)
    assert [(d.slug, len(d.data["items"])) for d in result.domains] == [("shjz", 1), ("ylfw", 2)]
    assert located(result) == {"S!A11": ["import-row-skipped"]}
    rating = items_of(result, "ylfw")[1]
    assert (rating["audience"], rating["audience_note"], rating["levels"]) == (
        ["特定群体"],
        "入住老人",
        ["区级", "镇街"],
    )


def layout_d_column(tmp_path: Path) -> Path:
    rows: list[list[Any]] = [
        ["所属领域", *HEADER_A[0]],
        [None, *HEADER_A[1]],
        ["社会救助", 1, "临时救助", "办事指南", "救助条件", "《社会救助暂行办法》（国务院令第649号）", "10个工作日内",
         "区民政局", "政府网站", "√", None, "√", None, "√", None],
        [None, 2, "临时救助", "救助结果", "救助对象", "《社会救助暂行办法》（国务院令第649号）", "10个工作日内",
         "区民政局", "政府网站", "√", None, "√", None, "√", None],
        ["养老服务领域", 3, "高龄津贴", "发放对象", "对象名单", "《重庆市老年人权益保障条例》", "20个工作日内",
         "各镇人民政府（街道办事处）", "社区/企事业单位/村公示栏（电子屏）", None, "√（面向辖区老年人）", "√", None, None, "√"],
    ]  # fmt: skip
    merges = ["A1:A2", "A3:A4"] + [_shift(m) for m in MERGES_A_NO_TITLE]
    return make_xlsx(tmp_path / "镇街目录.xlsx", {"目录": rows}, {"目录": merges})


def _shift(area: str) -> str:
    """An Excel range moved one column to the right."""
    from openpyxl.utils import column_index_from_string, get_column_letter

    start, end = area.split(":")

    def move(ref: str) -> str:
        letters = "".join(ch for ch in ref if ch.isalpha())
        return get_column_letter(column_index_from_string(letters) + 1) + ref[len(letters) :]

    return f"{move(start)}:{move(end)}"


def test_d_domain_column_and_choosing_one_domain(tmp_path: Path, shipped_copy: Path) -> None:
    path = layout_d_column(tmp_path)
    result = run_import(path, shipped_copy)
    assert result.diagnostics == [], [d.message.zh for d in result.diagnostics]
    assert [(d.slug, len(d.data["items"])) for d in result.domains] == [("shjz", 2), ("ylfw", 1)]
    only = run_import(path, shipped_copy, domain="ylfw")
    assert [d.slug for d in only.domains] == ["ylfw"]
    assert items_of(only, "ylfw")[0]["audience_note"] == "面向辖区老年人"
    absent = run_import(path, shipped_copy, domain="统计")
    assert (absent.domains, codes(absent.diagnostics)) == ([], ["import-domain-unknown"])
    assert "文件中没有领域“统计”的表格" in absent.diagnostics[0].message.zh


# ---- (e) what cannot be mapped is reported at its cell -------------------------------------------------

HEADER_E = [
    ["序号", "公开事项", None, "公开内容（要素）", "公开依据", "公开时限", "公开主体", "公开渠道和载体",
     "公开对象", None, "公开方式", None, "公开层级", None, None, "备注"],
    [None, "一级事项", "二级事项", None, None, None, None, None, "全社会", "特定群体", "主动", "依申请", "市级", "区级", "镇街", None],
]  # fmt: skip


def layout_e(tmp_path: Path) -> Path:
    rows: list[list[Any]] = [
        ["社会救助领域基层政务公开标准目录"],
        *HEADER_E,
        [1, "最低生活保障", "办事指南", "办理条件", "同上", "10个工作日", "县级人民政府民政部门", "政府网站、微信公众号",
         "是的", None, "√", None, "√", "√", None, "市级指引事项"],
        [2, None, "审核信息", "名单", None, "10个工作日", "区民政局", "政府网站", "√（全体居民）", None, "√", None, None, "√", None],
        [3, None, "档案查询", "档案", "《社会救助暂行办法》", "20个工作日", "区民政局", "政府网站", None, None, "√", None, None, None, "√"],
        ["注：■表示必选项，□表示可选项。"],
    ]  # fmt: skip
    merges = ["A1:P1", "A2:A3", "B2:C2", "D2:D3", "E2:E3", "F2:F3", "G2:G3", "H2:H3", "I2:J2", "K2:L2", "M2:O2",
              "P2:P3", "B4:B6", "A7:P7"]  # fmt: skip
    return make_xlsx(tmp_path / "社会救助.xlsx", {"Sheet1": rows}, {"Sheet1": merges})


def test_e_unmappable_cells_are_reported_with_their_reference(tmp_path: Path, shipped_copy: Path) -> None:
    result = run_import(layout_e(tmp_path), shipped_copy)
    assert located(result) == {
        "Sheet1!P2": ["import-column-ignored"],
        "Sheet1!M3": ["import-level-unmapped"],
        "Sheet1!E4": ["import-same-as-above"],
        "Sheet1!G4": ["import-unit-unknown"],
        "Sheet1!H4": ["import-channel-unknown"],
        "Sheet1!I4": ["import-mark-unknown"],
        "Sheet1!E5": ["import-cell-empty"],
        "Sheet1!I5": ["import-mark-unknown"],
        "Sheet1!I6": ["import-cell-empty"],
        "Sheet1!A7": ["import-row-skipped"],
    }
    messages = {str(d.path[0]): d.message for d in result.diagnostics}
    assert messages["Sheet1!E4"].zh == "Sheet1!E4：单元格写着“同上”，但上方没有可以沿用的内容，按空白导入。"
    assert messages["Sheet1!M3"].zh.startswith(
        "Sheet1!M3：公开层级“市级”对应不到 zwgk.yaml 的层级（区级、镇街、村（居））"
    )
    assert messages["Sheet1!G4"].zh.startswith(
        "Sheet1!G4：公开主体中的“县级人民政府民政部门”不在 zwgk.yaml 的单位名录中"
    )
    assert messages["Sheet1!I4"].en.startswith(
        "Sheet1!I4: the 全社会 cell holds '是的', neither a tick nor blank"
    )
    assert all(d.file == tmp_path / "社会救助.xlsx" for d in result.diagnostics)
    guide, review, archive = items_of(result, "shjz")
    assert guide["channels"] == ["政府网站", "微信公众号"]  # kept as written, and reported
    assert guide["levels"] == ["区级"]  # the 市级 tick is dropped, and reported
    assert (review["audience"], review["basis"]) == (["全社会"], [])
    assert archive["audience"] == []
    # the written file's own check lists what validate will say
    plan = plan_outputs(result, tmp_path / "shjz.yaml", shipped_copy, force=False)
    found = {d.code for d in check_outputs(plan, shipped_copy)}
    assert {"channel-unknown", "subject-other-level", "field-empty"} <= found


def test_e_word_cells_are_reported_by_table_row_and_column(tmp_path: Path) -> None:
    header = [
        w_tr(w_tc("序号", vmerge="restart"), w_tc("公开事项", span=2), *(w_tc(t, vmerge="restart") for t in
             ("公开内容", "公开依据", "公开时限", "公开主体", "公开渠道和载体")), w_tc("公开对象", span=2),
             w_tc("公开方式", span=2), w_tc("公开层级", span=2)),
        w_tr(w_tc(vmerge="continue"), w_tc("一级事项"), w_tc("二级事项"), *(w_tc(vmerge="continue") for _ in range(5)),
             w_tc("全社会"), w_tc("特定群众"), w_tc("主动"), w_tc("依申请"), w_tc("区级"), w_tc("镇街")),
    ]  # fmt: skip
    row = w_tr(
        w_tc("1"), w_tc("政策文件"), w_tc("法律法规"), w_tc("法律"), w_tc("同上"), w_tc("20个工作日"), w_tc("区应急局"),
        w_tc("政府网站"), w_tc("√"), w_tc(), w_tc("是"), w_tc(), w_tc("√"), w_tc(),
    )  # fmt: skip
    path = make_docx(
        tmp_path / "无题.docx", w_tbl(*header, row) + w_p("（一）安全生产领域") + w_tbl(*header, row)
    )
    result = run_import(path, domain="安全生产")
    refs = located(result)
    assert refs["表1 第3行第5列"] == ["import-same-as-above"]
    assert refs["表1 第3行第11列"] == ["import-mark-unknown"]
    assert refs["表2 第3行第5列"] == ["import-same-as-above"]
    untitled = run_import(path)
    assert located(untitled)["表1 第1行第1列"] == ["import-domain-unknown"]
    assert [len(d.data["items"]) for d in untitled.domains] == [1]  # only the titled table


# ---- every other finding ---------------------------------------------------------------------------------


def test_a_file_without_a_catalogue_table(tmp_path: Path) -> None:
    path = make_xlsx(
        tmp_path / "通知.xlsx", {"Sheet1": [["关于报送目录的通知"], ["请各单位于10月底前报送。"]]}
    )
    result = run_import(path)
    assert (codes(result.diagnostics), result.domains) == (["import-no-table"], [])


def test_missing_columns_and_unknown_domains(tmp_path: Path) -> None:
    rows: list[list[Any]] = [
        ["统计领域基层政务公开标准目录"],
        ["一级事项", "二级事项", "公开内容", "公开时限", "公开主体", "公开渠道和载体", "公开对象", "公开方式"],
        ["统计数据", "统计公报", "年度统计公报", "每年3月", "区统计局", "政府网站", "全社会", "主动"],
    ]  # fmt: skip
    path = make_xlsx(tmp_path / "统计.xlsx", {"统计": rows})
    result = run_import(path)
    assert codes(result.diagnostics) == ["import-column-missing", "import-domain-unknown"]
    assert "“公开依据、公开层级”列" in result.diagnostics[0].message.zh
    assert "--slug" in (result.diagnostics[1].hint.zh if result.diagnostics[1].hint else "")
    named = run_import(path, domain="统计", slug="tj")
    assert [d.slug for d in named.domains] == ["tj"]
    assert "import-header-missing" in codes(named.diagnostics)
    assert items_of(named, "tj")[0]["id"] == "tj-001"


def test_level_text_column_without_a_catalogue_is_kept_and_reported(tmp_path: Path) -> None:
    rows: list[list[Any]] = [
        ["一级事项", "二级事项", "公开内容", "公开依据", "公开时限", "公开主体", "公开渠道", "公开对象", "公开方式", "公开层级"],
        ["机构信息", "机构职能", "职能", "《中华人民共和国政府信息公开条例》", "20个工作日内", "区生态环境局", "政府网站", "全社会", "主动", "区县级"],
    ]  # fmt: skip
    result = run_import(make_xlsx(tmp_path / "环境保护.xlsx", {"环境保护": rows}))
    assert codes(result.diagnostics) == ["import-level-kept", "import-header-missing"]
    assert items_of(result, "hjbh")[0]["levels"] == ["区县级"]


# ---- the workbook `zwgk build` writes comes back --------------------------------------------------------

_WORKBOOK: list[bytes] = []


def built_workbook(tmp_path: Path, patches: dict[str, list[tuple[str, str]]] | None = None) -> Path:
    """The shipped catalogue's catalogue.xlsx, with `patches` (part → (old, new) texts) applied to its XML.

    Editing the XML directly (instead of loading and saving with openpyxl) keeps the tests fast and
    leaves everything else in the file exactly as `zwgk build` wrote it.
    """
    if not _WORKBOOK:
        _WORKBOOK.append(catalogue_workbook(shipped_catalogue()))
    path = tmp_path / "catalogue.xlsx"
    if not patches:
        path.write_bytes(_WORKBOOK[0])
        return path
    with (
        zipfile.ZipFile(io.BytesIO(_WORKBOOK[0])) as source,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            data = source.read(info.filename)
            for old, new in patches.get(info.filename, []):
                text = data.decode("utf-8")
                assert text.count(old) == 1, (info.filename, old)
                data = text.replace(old, new).encode("utf-8")
            target.writestr(info, data)
    return path


def shared_string(old: str, new: str) -> dict[str, list[tuple[str, str]]]:
    """A patch replacing the cell text `old` (a whole shared string) by `new`."""
    return {"xl/sharedStrings.xml": [(f"<t>{escape(old)}</t>", f"<t>{escape(new)}</t>")]}


def test_build_then_import_gives_back_the_sources(tmp_path: Path) -> None:
    result = run_import(built_workbook(tmp_path))
    assert result.diagnostics == []
    assert result.from_data_sheet
    out = tmp_path / "out"
    # the city guideline the catalogue claims from is a catalogue of its own, not part of the workbook
    shutil.copytree(SHIPPED / "upstream-chongqing", out / "upstream-chongqing")
    plan = plan_outputs(result, out, None, force=False)
    assert check_outputs(plan, None) == []
    write_outputs(plan)
    # data-equal to every shipped YAML file (claimed items written as compactly as the sources)
    shipped_files = sorted(p.name for p in SHIPPED.glob("*.yaml"))
    assert sorted(p.name for p in out.glob("*.yaml")) == shipped_files
    for name in shipped_files:
        written, source = load_file(out / name).document, load_file(SHIPPED / name).document
        assert written is not None
        assert source is not None
        assert written.data == source.data, name
    # and laid out as the shipped files: the same lines, comments aside (except where a shipped file
    # writes a per-level subject one level a line, or quotes a text that needs no quotes)
    compared = 0
    for name in shipped_files:
        source_text = (SHIPPED / name).read_text(encoding="utf-8")
        if "    subject:\n" in source_text:
            continue  # a per-level subject written one level a line
        lines = (out / name).read_text(encoding="utf-8").splitlines()
        assert [line for line in lines if line.strip()[:1] != "#" and line] == [
            line for line in source_text.splitlines() if line.strip()[:1] != "#" and line
        ], name
        compared += 1
    assert compared >= 20


def _same_except_joined_content(result: ImportResult) -> None:
    """Equal to the shipped sources, except list elements that themselves hold “、” (ambiguous in a cell)."""
    shipped = {d.slug: domain_data(d) for d in shipped_catalogue().domains}
    assert [d.slug for d in result.domains] == list(shipped)
    for domain in result.domains:
        expected = shipped[domain.slug]
        assert {k: v for k, v in domain.data.items() if k != "items"} == {
            k: v for k, v in expected.items() if k != "items"
        }
        for got, want in zip(domain.data["items"], expected["items"], strict=True):
            assert {k: v for k, v in got.items() if k != "content"} == {
                k: v for k, v in want.items() if k != "content"
            }
            assert "、".join(got["content"]) == "、".join(want["content"])
            if not any("、" in element for element in want["content"]):
                assert got["content"] == want["content"]


def test_without_the_hidden_sheet_the_visible_sheets_are_read(tmp_path: Path, shipped_copy: Path) -> None:
    path = built_workbook(tmp_path, {"xl/workbook.xml": [(f'name="{DATA_SHEET}"', 'name="_gone"')]})
    result = run_import(path, shipped_copy)
    assert result.diagnostics == []
    assert not result.from_data_sheet
    _same_except_joined_content(result)  # headers come from the 任务分工 sheet or the catalogue's files


def test_an_altered_hidden_sheet_falls_back_to_the_visible_sheets(tmp_path: Path) -> None:
    record = '{"format":"zwgk-workbook","version":1}'
    data_sheet = (
        "xl/worksheets/sheet29.xml"  # the hidden sheet is the last (after 目录说明, 26 domains, 任务分工)
    )
    patch = {data_sheet: [(f"<t>{escape(record)}</t>", f"<t>{escape(record[:-2])}</t>")]}
    result = run_import(built_workbook(tmp_path, patch))
    assert located(result)["工作表“_zwgk”"] == ["import-data-sheet"]
    assert set(codes(result.diagnostics)) == {"import-data-sheet", "import-level-kept"}
    assert len(result.domains) == 26
    assert result.domains[4].data["lead"] == "区民政局"  # from the 任务分工 sheet


def test_an_edited_domain_sheet_wins_and_keeps_the_other_ids(tmp_path: Path) -> None:
    channels = "政府网站、公开查阅点、政务服务中心、社区/企事业单位/村公示栏（电子屏）"
    patches = shared_string(channels, "政府网站、渝快办")  # row 6: shjz-002
    patches["xl/sharedStrings.xml"] += shared_string("困难群众救助资金使用情况", "困难群众救助资金使用公示")[
        "xl/sharedStrings.xml"
    ]
    result = run_import(built_workbook(tmp_path, patches))
    assert located(result) == {"社会救助!H6": ["import-sheet-edited"]}
    shipped = {d.slug: domain_data(d) for d in shipped_catalogue().domains}
    for domain in result.domains:
        if domain.slug != "shjz":
            assert domain.data == shipped[domain.slug]
    items = items_of(result, "shjz")
    want = shipped["shjz"]["items"]
    assert items[1] == {**want[1], "channels": ["政府网站", "渝快办"]}  # id and claim kept
    assert items[3]["name"] == "困难群众救助资金使用公示"
    assert items[3]["id"] == _next_ids("shjz", 1)[0]  # a renamed item is a new item
    assert "claims" not in items[3]
    assert [i["id"] for i in items[:3] + items[4:]] == [i["id"] for i in want[:3] + want[4:]]
    assert {
        k: v for k, v in next(d for d in result.domains if d.slug == "shjz").data.items() if k != "items"
    } == {k: v for k, v in shipped["shjz"].items() if k != "items"}


# ---- reading cells -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("申报材料清单、批准流程、办理时限", ["申报材料清单", "批准流程", "办理时限"]),
        ("识别程序（农户申请、民主评议）；识别结果", ["识别程序（农户申请、民主评议）", "识别结果"]),
        ("1.申请条件 2.申请材料 3.申请流程", ["申请条件", "申请材料", "申请流程"]),
        ("1、申请条件2、申请材料", ["申请条件", "申请材料"]),
        ("①文件名称②文号③发文部门", ["文件名称", "文号", "发文部门"]),
        ("●文件名称\n●文号", ["文件名称", "文号"]),
        ("（1）名单；（2）金额。", ["名单", "金额"]),
        ("20个工作日内完成的事项名单", ["20个工作日内完成的事项名单"]),
        ("", []),
    ],
)
def test_content_is_split_as_offices_list_it(text: str, expected: list[str]) -> None:
    assert split_list(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("《A》\n《B》（国发〔2014〕47号）", ["《A》", "《B》（国发〔2014〕47号）"]),
        ("《A》《B》", ["《A》", "《B》"]),
        (
            "《A》（国务院令第711号）、《B》第十条；《C》",
            ["《A》（国务院令第711号）", "《B》第十条", "《C》"],
        ),
        ("依据《A》第二条", ["依据《A》第二条"]),
        ("《中共中央、国务院转发〈关于……〉的通知》", ["《中共中央、国务院转发〈关于……〉的通知》"]),
        ("1.《A》2.《B》", ["《A》", "《B》"]),
        ("国发〔2014〕47号、各地相关政策法规文件", ["国发〔2014〕47号、各地相关政策法规文件"]),
    ],
)
def test_basis_is_split_between_citations(text: str, expected: list[str]) -> None:
    assert split_basis(text) == expected


@pytest.mark.parametrize(
    ("text", "ticked", "note"),
    [
        ("√", True, None),
        ("✔", True, None),
        ("t", True, None),
        ("R", True, None),
        ("£", True, None),
        ("■", True, None),
        ("", False, None),
        ("×", False, None),
        ("√（面向拟征收土地所在地的村集体成员）", True, "面向拟征收土地所在地的村集体成员"),
        ("√(申请人)", True, "申请人"),
        ("是的", None, None),
        ("test", None, None),
    ],
)
def test_ticks(text: str, ticked: bool | None, note: str | None) -> None:
    tick = parse_tick(text)
    assert (tick.ticked, tick.note) == (ticked, note)


def test_channel_checklists() -> None:
    entries = split_channels(
        "■政府网站 □政府公报 ☑两微一端\n▲发布会/听证会 R纸质媒体 £公开查阅点 社区/企事业单位/村公示栏（电子屏）"
    )
    assert [(e.text, e.checked) for e in entries] == [
        ("政府网站", True),
        ("政府公报", False),
        ("两微一端", True),
        ("发布会/听证会", True),
        ("纸质媒体", True),
        ("公开查阅点", False),
        ("社区/企事业单位/村公示栏（电子屏）", True),
    ]


def test_numbering_is_followed_in_sequence() -> None:
    assert split_numbering("1.甲 3.乙") == ["甲 3.乙"]
    assert split_numbering("第711号") == ["第711号"]


def test_domain_names_in_titles() -> None:
    assert names_in_title("（五）社会救助领域基层政务公开标准目录", []) == ["社会救助"]
    assert names_in_title("重庆市渝北区城乡规划领域基层政务公开标准目录", []) == ["国土空间规划"]
    assert names_in_title("就业创业领域", []) == ["就业创业"]
    assert names_in_title("安全生产和救灾领域", []) == ["安全生产", "救灾"]
    assert names_in_title("（一）统计领域基层政务公开标准目录", []) == ["统计"]


def test_pilot_table_matches_the_shipped_catalogue() -> None:
    shipped = [(d.domain, d.slug) for d in shipped_catalogue().domains]
    assert list(PILOT_DOMAINS) == shipped


# ---- the command -----------------------------------------------------------------------------------------


def cli(*args: str, cwd: Path) -> tuple[int, str, str]:
    import os

    old = Path.cwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(app, list(args), env=ENV, catch_exceptions=False)
    finally:
        os.chdir(old)
    return result.exit_code, result.stdout, result.stderr


def test_cli_imports_one_domain_of_a_built_workbook_then_finds_it_unchanged(tmp_path: Path) -> None:
    built_workbook(tmp_path)
    code, out, err = cli("import", "catalogue.xlsx", "--domain", "社会救助", "-o", "out", cwd=tmp_path)
    assert (code, err) == (0, "")
    count = len(_shipped("shjz").items)
    assert out == (
        f"检查了 1 个领域、{count} 个事项（1 个文件）：0 个错误，0 个警告。\n"
        f"已导入 catalogue.xlsx：1 个领域、{count} 个事项。\n"
        "  out/shjz.yaml（新建）\n"
    )
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["shjz.yaml"]  # zwgk.yaml only with every domain
    code, out, _ = cli(
        "import", "catalogue.xlsx", "--domain", "shjz", "-o", "out", "--lang", "en", cwd=tmp_path
    )
    assert code == 0
    assert "  out/shjz.yaml (unchanged)" in out


def test_cli_refuses_to_overwrite_unless_forced(tmp_path: Path, shipped_copy: Path) -> None:
    layout_a(tmp_path)
    target = shipped_copy / "shjz.yaml"
    before = target.read_bytes()
    code, out, err = cli("import", "社会救助.xlsx", cwd=tmp_path)  # ./catalogues is the default target
    assert code == 2
    assert "catalogues/shjz.yaml 已存在且内容与导入结果不同；为免覆盖，本次没有写入任何文件" in err
    assert target.read_bytes() == before
    # the table has 4 rows, 2 of them items the domain already has: replacing would remove the others
    gone = len(_shipped("shjz").items) - 2
    code, out, err = cli("import", "社会救助.xlsx", "--force", cwd=tmp_path)
    assert code == 1, out + err
    assert target.read_bytes() == before  # nothing written
    missing = [line for line in out.splitlines() if "[import-item-missing]" in line]
    assert len(missing) == gone
    line = target.read_text(encoding="utf-8").splitlines().index("  - id: shjz-006") + 1
    assert (
        f"catalogues/shjz.yaml:{line}:9: 错误[import-item-missing] 事项 shjz-006（综合业务 / 家庭经济状况核对）"
        "不在导入的表格中，替换这个文件会删除它。"
    ) in missing
    assert "提示：确认删除表格中没有的事项时加 --remove-missing" in out
    assert (
        out.splitlines()[-1]
        == f"没有写入任何文件：替换会删除 {gone} 个已有事项（见上）。确认删除时加 --remove-missing。"
    )
    code, out, err = cli("import", "社会救助.xlsx", "--force", "--remove-missing", cwd=tmp_path)
    assert code == 1, out + err  # something was removed
    removed = [line for line in out.splitlines() if "[import-item-removed]" in line]
    assert len(removed) == gone
    assert "警告[import-item-removed] 事项 shjz-028（医疗救助 / 办事指南）" in removed[-1]
    assert f"catalogues/shjz.yaml（已替换，删除 {gone} 个事项）" in out
    assert "检查了 1 个领域、4 个事项（1 个文件）：0 个错误" in out
    assert "由 zwgk import 从“社会救助.xlsx”导入" in target.read_text(encoding="utf-8")
    document = load_file(target).document
    assert document is not None
    assert [item["id"] for item in document.data["items"]] == ["shjz-010", *_next_ids("shjz", 2), "shjz-025"]
    SEEN_CODES.update(("import-item-missing", "import-item-removed"))


def test_cli_replacing_without_removing_items_exits_0(tmp_path: Path, shipped_copy: Path) -> None:
    built_workbook(tmp_path)
    target = shipped_copy / "shjz.yaml"
    # an edited file, every item still in the workbook: replaced without a word about removal
    target.write_text(target.read_text(encoding="utf-8").replace("lead: 区民政局", "lead: 区财政局"), "utf-8")
    code, out, err = cli("import", "catalogue.xlsx", "--domain", "shjz", "--force", cwd=tmp_path)
    assert code == 0, out + err
    assert "import-item" not in out
    assert "catalogues/shjz.yaml（已替换）" in out
    assert "lead: 区民政局" in target.read_text(encoding="utf-8")


def test_cli_held_import_in_english(tmp_path: Path, shipped_copy: Path) -> None:
    layout_a(tmp_path)
    code, out, _ = cli("import", "社会救助.xlsx", "--force", "--lang", "en", cwd=tmp_path)
    assert code == 1
    assert (
        "error[import-item-missing] item shjz-001 (综合业务 / 政策法规文件) is not in the imported table"
        in out
    )
    gone = len(_shipped("shjz").items) - 2
    assert f"nothing was written: replacing would remove {gone} items (listed above)" in out


def test_the_build_workbook_imported_into_the_shipped_catalogue_changes_nothing(
    tmp_path: Path, shipped_copy: Path
) -> None:
    # the catalogue claims in 社会救助, 养老服务 and 户籍管理: claims are written as differences only
    built_workbook(tmp_path)
    code, out, err = cli("import", "catalogue.xlsx", cwd=tmp_path)
    assert (code, err) == (0, ""), out
    assert "已替换" not in out
    assert "新建" not in out
    for name in ("shjz.yaml", "ylfw.yaml", "hjgl.yaml"):
        assert (shipped_copy / name).read_bytes() == (SHIPPED / name).read_bytes()


def _round_trip_commands() -> list[tuple[list[str], list[str]]]:
    """The commands of docs/import.md's round-trip example, each with the output lines it shows."""
    text = (ROOT / "docs" / "import.md").read_text(encoding="utf-8")
    block = text.split("<!-- round-trip:", 1)[1].split("```console\n", 1)[1].split("```", 1)[0]
    commands: list[tuple[list[str], list[str]]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            commands.append((line[2:].split("#", 1)[0].split(), []))
        elif line.strip():
            commands[-1][1].append(line)
    return commands


def test_the_documented_round_trip_runs_clean(tmp_path: Path, shipped_copy: Path) -> None:
    commands = _round_trip_commands()
    assert [args[:2] for args, _ in commands] == [["zwgk", "build"], ["zwgk", "import"], ["zwgk", "diff"]]
    for args, shown in commands:
        code, out, err = cli(*args[1:], cwd=tmp_path)
        assert code == 0, (args, out, err)
        for line in shown:
            assert line in out.splitlines(), (args, line, out)
    # the claims written as the sources write them, the upstream catalogue copied along (the review
    # records are 区政务办's working files, not part of the published workbook)
    new = tmp_path / "新目录"
    for path in SHIPPED.rglob("*.yaml"):
        if "reviews" in path.relative_to(SHIPPED).parts:
            continue
        written = load_file(new / path.relative_to(SHIPPED)).document
        source = load_file(path).document
        assert written is not None
        assert source is not None
        assert written.data == source.data, path


def test_cli_findings_exit_1_with_cell_references(tmp_path: Path, shipped_copy: Path) -> None:
    layout_e(tmp_path)
    code, out, _ = cli("import", "社会救助.xlsx", "-o", "new/shjz.yaml", "--dir", "catalogues", cwd=tmp_path)
    assert code == 1
    assert "社会救助.xlsx: 错误[import-same-as-above] Sheet1!E4：单元格写着“同上”" in out
    assert "new/shjz.yaml:" in out  # and what validate will say about the written file
    assert (tmp_path / "new" / "shjz.yaml").is_file()
    code, out, _ = cli(
        "import", "社会救助.xlsx", "-o", "en.yaml", "--dir", "catalogues", "--lang", "en", cwd=tmp_path
    )
    assert code == 1
    assert "Sheet1!E4: the cell says 同上 (same as above)" in out


def test_cli_prints_one_domain_to_stdout(tmp_path: Path) -> None:
    layout_c(tmp_path)
    code, out, err = cli("import", "安全生产.docx", "-o", "-", cwd=tmp_path)
    assert code == 1  # levels kept as written and the header left to fill in are findings
    assert out.startswith(
        "# 安全生产领域基层政务公开标准目录（由 zwgk import 从“安全生产.docx”导入）\ndomain: 安全生产\nslug: aqsc\n"
    )
    assert "    levels: [区县级, 乡镇级]\n" in out
    assert "import-level-kept" in err
    assert list(tmp_path.glob("*.yaml")) == []


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("缺少.xlsx", None, "不存在"),
        ("旧表.xls", b"\xd0\xcf\x11\xe0rest", "旧版 Office 格式"),
        ("损坏.xlsx", b"PK\x03\x04 not really a zip", "已损坏或格式不对"),
        ("加密.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "加密的或旧版"),
        ("目录.csv", b"a,b\n", "不是 .xlsx 或 .docx 文件"),
        ("空.docx", b"", "已损坏或格式不对"),
    ],
)
def test_cli_cannot_run_exits_2(tmp_path: Path, name: str, content: bytes | None, message: str) -> None:
    if content is not None:
        (tmp_path / name).write_bytes(content)
    code, out, err = cli("import", name, cwd=tmp_path)
    assert code == 2
    assert message in err
    assert out == ""


def test_cli_several_domains_need_a_folder_and_nothing_importable_exits_1(tmp_path: Path) -> None:
    layout_d_sheets(tmp_path)
    code, _, err = cli("import", "民政.xlsx", "-o", "one.yaml", cwd=tmp_path)
    assert code == 2
    assert "文件中有 2 个领域（社会救助、养老服务），不能都写到 one.yaml" in err
    make_xlsx(tmp_path / "通知.xlsx", {"Sheet1": [["关于报送目录的通知"]]})
    code, out, _ = cli("import", "通知.xlsx", cwd=tmp_path)
    assert code == 1
    assert "没有可导入的内容，未写入文件。" in out


def test_every_import_code_is_produced_by_these_fixtures(tmp_path: Path) -> None:
    """Each import-* code appears in some fixture above (the case folders only run `validate`)."""
    import_codes = {code for code in CODES if code.startswith("import-")}
    assert import_codes
    if not import_codes <= SEEN_CODES:  # run alone: produce them here
        shipped = Path(shutil.copytree(SHIPPED, tmp_path / "c"))
        run_import(layout_e(tmp_path), shipped)
        run_import(layout_c(tmp_path))
        run_import(make_xlsx(tmp_path / "n.xlsx", {"S": [["说明"]]}))
        test_missing_columns_and_unknown_domains(tmp_path)
        test_an_altered_hidden_sheet_falls_back_to_the_visible_sheets(tmp_path)
        test_an_edited_domain_sheet_wins_and_keeps_the_other_ids(tmp_path)
    assert import_codes - SEEN_CODES == set()
