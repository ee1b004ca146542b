"""The 审查意见书 (`zwgk review --format docx`): what it says, read back with python-docx, in both
languages; the same bytes every time; hostile text in a review record; the CLI; LibreOffice."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import zipfile
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import docx
import pytest
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm
from typer.testing import CliRunner

from conftest import ROOT
from office import printed_text
from zwgk_cli.check.pipeline import check_catalogue
from zwgk_cli.cli.app import app
from zwgk_cli.core.review_models import Opinion
from zwgk_cli.review.dashboard import Dashboard, build_dashboard
from zwgk_cli.review.letter import letter_docx, letter_name
from zwgk_cli.review.status import DomainStatus

AS_OF = date(2020, 10, 12)
runner = CliRunner()

# aqsc-010 cites a regulation without its title marks: validate's basis-no-title, the one finding
CITED = "      - 《易制毒化学品管理条例》（国务院令第445号）"
UNCITED = "      - 易制毒化学品管理条例（国务院令第445号）"


def _board(folder: Path) -> Dashboard:
    return build_dashboard(check_catalogue(folder), AS_OF)


def _row(board: Dashboard, slug: str) -> DomainStatus:
    return next(row for row in board.rows if row.slug == slug)


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped catalogue (with its review records) with one planted finding, and records whose
    content is known: aqsc passed 部门审核, with two opinions on items and one on the whole domain;
    hjbh passed every stage; jycy passed 部门审核 with content since edited; jz has nothing yet."""
    folder = tmp_path_factory.mktemp("letter") / "catalogue"
    shutil.copytree(ROOT / "catalogues", folder)
    domain = folder / "aqsc.yaml"
    text = domain.read_text(encoding="utf-8")
    assert CITED in text
    domain.write_text(text.replace(CITED, UNCITED, 1), encoding="utf-8")
    reviews = folder / "reviews"  # the shipped records, with those of aqsc, hjbh and jycy written here
    reviews.mkdir(exist_ok=True)
    board = _board(folder)
    aqsc, hjbh = _row(board, "aqsc").fingerprint, _row(board, "hjbh").fingerprint
    (reviews / "aqsc.yaml").write_text(
        "domain: 安全生产\n"
        "stages:\n"
        f"  - {{stage: 部门审核, date: 2020-09-18, by: 区应急局, result: 通过, fingerprint: {aqsc}}}\n"
        "opinions:\n"
        "  - {item: aqsc-008, field: time_limit, stage: 集中审查, date: 2020-10-08, by: 区政务办,"
        " text: 公开时限应写明更新频次。}\n"
        "  - {item: aqsc-010, field: channels, date: 2020-10-09, by: 区政务办, text: 建议增加“两微一端”。,"
        " status: 不采纳, reason: 备案结果涉及企业信息，不宜在微信群公开。}\n"
        "  - {date: 2020-10-09, by: 区政务办, text: 请核对配合单位。, status: 已修改}\n",
        encoding="utf-8",
    )
    stages = "".join(
        f"  - {{stage: {name}, date: {day}, by: 区政务办, result: 通过, fingerprint: {hjbh}}}\n"
        for name, day in [
            ("部门审核", "2020-09-15"),
            ("集中审查", "2020-09-25"),
            ("复审", "2020-10-05"),
            ("定稿", "2020-10-08"),
            ("发布", "2020-10-10"),
        ]
    )
    (reviews / "hjbh.yaml").write_text(f"domain: 环境保护\nstages:\n{stages}", encoding="utf-8")
    (reviews / "jz.yaml").write_text("domain: 救灾\n", encoding="utf-8")  # nothing recorded yet
    (reviews / "jycy.yaml").write_text(
        "domain: 就业创业\nstages:\n"
        "  - {stage: 部门审核, date: 2020-09-18, by: 区人力社保局, result: 通过, fingerprint: aaaaaaaaaaaa}\n",
        encoding="utf-8",
    )
    return folder


@pytest.fixture(scope="module")
def board(catalogue: Path) -> Dashboard:
    result = check_catalogue(catalogue)
    records = [d for d in result.diagnostics if d.file is not None and "reviews" in d.file.parts]
    assert records == []  # the records are read as written, with nothing to say about them
    return build_dashboard(result, AS_OF)


def _read(data: bytes) -> DocumentObject:
    return docx.Document(io.BytesIO(data))


def _texts(document: DocumentObject) -> list[str]:
    return [p.text for p in document.paragraphs if p.text]


def _after(texts: list[str], heading: str, until: str) -> list[str]:
    return texts[texts.index(heading) + 1 : texts.index(until)]


def test_the_letter_says_what_was_reviewed_and_what_to_do(board: Dashboard) -> None:
    row = _row(board, "aqsc")
    document = _read(letter_docx(board, row, "zh"))
    texts = _texts(document)
    assert texts[0] == "关于《重庆市渝北区安全生产领域基层政务公开标准目录》的审查意见"
    assert texts[1] == "本意见书依据示例目录生成，不是正式公文。"  # the shipped catalogue is an example
    assert texts[2] == "区应急局："
    intro = texts[3]
    assert f"（内容摘要 {row.fingerprint}）" in intro
    assert "区政务办已按2020年10月12日的内容审查" in intro
    assert "本领域已通过“部门审核”环节（2020年9月18日，区应急局）" in intro
    assert "覆盖度 100.0%" in intro
    assert re.search(r"规范度 \d+\.\d%", intro)
    assert "要素完整 100.0%" in intro
    assert "依据规范 98.1%" in intro  # 1 of the domain's 52 items cites without 《》
    assert "隐私保护 100.0%" in intro
    opinions = _after(texts, "一、审查意见", "二、自动检查发现的问题")
    assert opinions == [
        "1. 一级事项“依法行政”二级事项“行政执法事前公开”（aqsc-008）的公开时限（time_limit）"
        "（区政务办，2020年10月8日，集中审查）：公开时限应写明更新频次。（处理情况：未处理）",
        "2. 一级事项“依法行政”二级事项“第三类非药品类易制毒化学品生产、经营备案”（aqsc-010）"
        "的公开渠道和载体（channels）（区政务办，2020年10月9日）：建议增加“两微一端”。"
        "（处理情况：不采纳。理由：备案结果涉及企业信息，不宜在微信群公开。）",
        "3. 整个领域（区政务办，2020年10月9日）：请核对配合单位。（处理情况：已修改）",
    ]
    (finding,) = _after(texts, "二、自动检查发现的问题", "三、下一步")
    assert finding.startswith(
        "1. 一级事项“依法行政”二级事项“第三类非药品类易制毒化学品生产、经营备案”（aqsc-010）："
    )
    assert "“易制毒化学品管理条例（国务院令第445号）”没有完整的书名号《》" in finding
    assert "修改建议：写出文件全称并加书名号" in finding
    assert finding.endswith("（警告，basis-no-title）")
    steps = _after(texts, "三、下一步", "区政务办")
    assert steps == [
        "请逐条处理上述 1 条未处理意见：修改，或写明不采纳的理由。",
        "请改正自动检查发现的问题：错误必须改正；警告应修改，或写明理由后豁免。",
        "下一环节为“集中审查”，由区政务办于2020年10月10日前完成"
        "（区政务办集中审查后，统一报区政府办公室初审）。该环节已逾期 2 天。",
    ]
    assert texts[-2:] == ["区政务办", "2020年10月12日"]
    signature = [p for p in document.paragraphs if p.text in ("区政务办", "2020年10月12日")][-2:]
    assert all(
        p.style is not None and p.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT
        for p in signature
    )
    assert letter_name(row) == "aqsc.docx"


def test_the_page_is_a4_with_chinese_fonts_and_page_numbers(board: Dashboard) -> None:
    document = _read(letter_docx(board, _row(board, "aqsc"), "zh"))
    section = document.sections[0]
    assert section.page_width is not None
    assert section.page_height is not None
    assert abs(section.page_width - Mm(210)) < Mm(0.1)
    assert abs(section.page_height - Mm(297)) < Mm(0.1)  # A4 portrait
    assert section.orientation == WD_ORIENT.PORTRAIT
    styles = document.styles.element
    body = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}")
    assert body.get(qn("w:eastAsia")) == "仿宋"
    assert not [name for name in body.attrib if name.endswith("Theme")]  # no theme font wins over it
    title = document.paragraphs[0]
    assert title.style is not None
    assert title.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert title.style.element.rPr.rFonts.get(qn("w:eastAsia")) == "黑体"
    footer = section.footer.paragraphs[0]
    assert footer.text == "— 1 —"
    assert " PAGE " in [t.text for t in footer._p.iter(qn("w:instrText"))]


def test_the_letter_in_english(board: Dashboard) -> None:
    texts = _texts(_read(letter_docx(board, _row(board, "aqsc"), "en")))
    assert texts[0] == "Review opinions on 重庆市渝北区安全生产领域基层政务公开标准目录"
    assert texts[1] == "Made from an example catalogue: not an official document."
    assert texts[2] == "To 区应急局:"
    assert "Coverage of this domain: 100.0%" in texts[3]
    assert "citations well-formed 98.1%" in texts[3]
    opinions = _after(texts, "I. Reviewers' opinions", "II. Problems found by the automatic checks")
    assert opinions[0] == (
        "1. On item aqsc-008 (依法行政 / 行政执法事前公开), field time_limit (公开时限) "
        "(区政务办, 2020-10-08, 集中审查): 公开时限应写明更新频次。 (status: open)"
    )
    assert opinions[1].endswith(" (status: not adopted; reason: 备案结果涉及企业信息，不宜在微信群公开。)")
    assert opinions[2].startswith("3. On the whole domain (区政务办, 2020-10-09): ")
    (finding,) = _after(texts, "II. Problems found by the automatic checks", "III. Next steps")
    assert "lacks complete title marks 《》" in finding
    assert finding.endswith(" (warning, basis-no-title)")
    assert _after(texts, "III. Next steps", "区政务办") == [
        "Open opinions above: 1. Deal with each: make the change, or give the reason for not adopting it.",
        "Fix the problems the automatic checks found: errors must be fixed; change what a warning points at, "
        "or waive it with a reason.",
        "The next stage is '集中审查': 区政务办 to complete it by 2020-10-10 "
        "(区政务办集中审查后，统一报区政府办公室初审). It is 2 days overdue.",
    ]
    assert texts[-2:] == ["区政务办", "2020-10-12"]
    words = "".join(texts)
    for chinese in ("处理情况", "审查意见", "修改建议", "下一环节", "警告", "未处理"):
        assert chinese not in words


def test_a_domain_without_opinions_or_findings(board: Dashboard) -> None:
    row = _row(board, "jz")
    assert row.state == "not-started"
    assert board.findings["jz"] == []
    for lang, none, clean, passed in [
        ("zh", "无。", "未发现问题。", "本领域尚未通过任何审核环节。"),
        ("en", "None.", "No problems found.", "The domain has passed no stage yet."),
    ]:
        texts = _texts(_read(letter_docx(board, row, lang)))  # type: ignore[arg-type]
        assert passed in texts[3]
        headings = (
            ["一、审查意见", "二、自动检查发现的问题", "三、下一步"]
            if lang == "zh"
            else ["I. Reviewers' opinions", "II. Problems found by the automatic checks", "III. Next steps"]
        )
        assert _after(texts, headings[0], headings[1]) == [none]
        assert _after(texts, headings[1], headings[2]) == [clean]
    texts = _texts(_read(letter_docx(board, row, "zh")))
    assert _after(texts, "三、下一步", "区政务办") == [
        "下一环节为“部门审核”，由各领域主体责任单位于2020年9月20日前完成"
        "（经本单位主要领导审核后，通过渝北区政务内网报区政务办）。该环节已逾期 22 天。"
    ]


def test_returned_for_changes(board: Dashboard) -> None:
    # the shipped record of 城市综合执法: sent back at 集中审查 on 2020-10-09, with a note
    row = _row(board, "cszhzf")
    assert row.returned is not None
    assert row.returned.note
    steps = _after(_texts(_read(letter_docx(board, row, "zh"))), "三、下一步", "区政务办")
    assert steps[0] == (
        "2020年10月9日“集中审查”环节退回修改（区政务办），请按本意见书修改后重新报送。"
        f"（退回说明：{row.returned.note}）"
    )


def test_done_and_edited_since_approval(board: Dashboard) -> None:
    done = _texts(_read(letter_docx(board, _row(board, "hjbh"), "zh")))
    assert _after(done, "三、下一步", "区政务办") == [
        "本领域已完成全部审核环节（“发布”，2020年10月10日），无需再办理。"
    ]
    row = _row(board, "jycy")
    assert row.state == "stale"
    stale = _after(_texts(_read(letter_docx(board, row, "zh"))), "三、下一步", "区政务办")
    assert stale[0] == (
        f"2020年9月18日“部门审核”通过的内容（摘要 aaaaaaaaaaaa）之后有改动（现为 {row.fingerprint}），须重新审核。"
    )
    assert stale[-1].startswith("下一环节为“部门审核”")


def test_the_same_dashboard_gives_the_same_bytes(board: Dashboard, catalogue: Path, tmp_path: Path) -> None:
    row = _row(board, "aqsc")
    data = letter_docx(board, row, "zh")
    assert letter_docx(board, row, "zh") == data
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {info.date_time for info in infos} == {(2020, 10, 12, 0, 0, 0)}
    assert not [info.filename for info in infos if "thumbnail" in info.filename]
    props = _read(data).core_properties
    stamp = datetime(2020, 10, 12, tzinfo=UTC)
    assert (props.created, props.modified, props.last_printed) == (stamp, stamp, stamp)
    assert (props.author, props.last_modified_by, props.revision) == ("区政务办", "区政务办", 1)
    assert "python-docx" not in (props.comments + props.author + props.last_modified_by)
    # another process, with another hash seed, another folder and another day on the clock
    moved = tmp_path / "elsewhere"
    shutil.copytree(catalogue, moved)
    env = {**os.environ, "PYTHONHASHSEED": "12345", "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run(
        [sys.executable, "-m", "zwgk_cli", "review", str(moved), "--as-of", "2020-10-12", "--format", "docx",
         "-o", str(tmp_path / "out"), "--domain", "aqsc"],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "aqsc.docx").read_bytes() == data


def test_control_characters_in_a_record_are_written_out(
    board: Dashboard, catalogue: Path, tmp_path: Path
) -> None:
    # from the YAML file: an escape sequence and a bell in an opinion
    folder = tmp_path / "catalogue"
    shutil.copytree(catalogue, folder)
    record = folder / "reviews" / "aqsc.yaml"
    record.write_text(
        record.read_text(encoding="utf-8")
        + '  - {date: 2020-10-10, by: 区政务办, text: "红色\\e[31m提示\\a", status: 不采纳, reason: "理由\\x0c"}\n',
        encoding="utf-8",
    )
    texts = _texts(_read(letter_docx(*_aqsc(folder), "zh")))
    assert (
        "4. 整个领域（区政务办，2020年10月10日）：红色[U+001B][31m提示[U+0007]（处理情况：不采纳。理由：理由[U+000C]）"
        in texts
    )
    # made in code: a NUL and C1, bidi and zero-width characters no XML file or reader should see
    row = _row(board, "aqsc")
    hostile = Opinion(date=AS_OF, by="区政务办\x00", text="a\x00b\x85c\u202ed\u200b", reason=None)
    texts = _texts(_read(letter_docx(board, replace(row, opinions=[(1, hostile)]), "en")))
    assert any("a[U+0000]b[U+0085]c[U+202E]d[U+200B]" in text for text in texts)


def _aqsc(folder: Path) -> tuple[Dashboard, DomainStatus]:
    made = _board(folder)
    return made, _row(made, "aqsc")


def test_cli_writes_one_letter_per_domain(catalogue: Path, tmp_path: Path) -> None:
    out = tmp_path / "letters"
    result = runner.invoke(
        app, ["review", str(catalogue), "--as-of", "2020-10-12", "--format", "docx", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    board = _board(catalogue)
    expected = sorted(f"{row.slug}.docx" for row in board.rows if row.slug)
    assert len(expected) == 26
    assert sorted(p.name for p in out.iterdir()) == expected
    assert "已写入" in result.stderr
    assert "（安全生产领域审查意见书）" in result.stderr
    assert _texts(_read((out / "aqsc.docx").read_bytes()))[0].startswith("关于《")

    one = tmp_path / "one"
    result = runner.invoke(
        app,
        [
            "review",
            str(catalogue),
            "--as-of",
            "2020-10-12",
            "--format",
            "docx",
            "-o",
            str(one),
            "--domain",
            "安全生产",
        ],
    )
    assert result.exit_code == 0, result.output
    assert [p.name for p in one.iterdir()] == ["aqsc.docx"]

    missing = runner.invoke(app, ["review", str(catalogue), "--as-of", "2020-10-12", "--format", "docx"])
    assert missing.exit_code == 2
    assert "请用 -o 指定" in missing.stderr
    unknown = runner.invoke(
        app,
        [
            "review",
            str(catalogue),
            "--as-of",
            "2020-10-12",
            "--format",
            "docx",
            "-o",
            str(one),
            "--domain",
            "nope",
        ],
    )
    assert unknown.exit_code == 2
    assert "没有领域“nope”" in unknown.stderr


def test_libreoffice_prints_the_letter(board: Dashboard, tmp_path: Path) -> None:
    source = tmp_path / "aqsc.docx"
    source.write_bytes(letter_docx(board, _row(board, "aqsc"), "zh"))
    text = printed_text(source, "libreoffice-writer-nogui")
    compact = "".join(text.split())
    assert "关于《重庆市渝北区安全生产领域基层政务公开标准目录》的审查意见" in compact
    assert "公开时限应写明更新频次。（处理情况：未处理）" in compact
    assert "区政务办2020年10月12日" in compact
    pages = text.count("\f")
    assert f"—{pages}—" in compact  # the PAGE field, filled in on the last page
