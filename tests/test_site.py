"""`zwgk build`: the pages (golden files), the merged tables, escaping, and careful atomic writes."""

from __future__ import annotations

import io
import json
import re
import shutil
import zipfile
from html import escape
from pathlib import Path
from typing import IO

import pytest
from typer.testing import CliRunner

from conftest import ROOT, Golden, edited_copy
from zwgk_cli.build import staging as output
from zwgk_cli.build.builder import build, render_outputs
from zwgk_cli.check.pipeline import check_catalogue
from zwgk_cli.cli.app import app
from zwgk_cli.core.catalogue import Catalogue
from zwgk_cli.core.diagnostics import ZwgkError
from zwgk_cli.render.html.search_index import (
    INDEX_VERSION,
    field_labels,
    script_json,
    search_payload,
    search_script_parts,
)
from zwgk_cli.render.html.site import CSP, safe_url, site_files
from zwgk_cli.render.html.stats import statistics
from zwgk_cli.render.html.synonyms import SYNONYMS, expansions
from zwgk_cli.render.rows import chinese_numeral, domain_caption, item_rows, task_rows

FIXTURE = ROOT / "tests" / "fixtures" / "site"
GOLDEN = ROOT / "tests" / "golden" / "site"
SHIPPED = ROOT / "catalogues"
runner = CliRunner()


def rendered(root: Path) -> dict[str, bytes]:
    result = check_catalogue(root)
    assert result.catalogue is not None, [d.message.zh for d in result.diagnostics]
    return render_outputs(result.catalogue)


@pytest.mark.parametrize(
    "name", ["index.html", "zdjsxm.html", "shjz.html", "tasks.html", "assets/search-index.js"]
)
def test_golden_pages(golden: Golden, name: str) -> None:
    files = rendered(FIXTURE)
    golden(GOLDEN / name, files[name].decode("utf-8"))


def test_site_files_of_the_shipped_catalogue() -> None:
    files = rendered(SHIPPED)
    pages = sorted(name for name in files if name.endswith(".html") and "/" not in name)
    assert len(pages) == 28
    # beside them, a portal fragment per domain (tests/test_fragments.py) and the Word document
    fragments = sorted(name for name in files if name.startswith("fragments/"))
    assert fragments == sorted(
        f"fragments/{name}" for name in pages if name not in ("index.html", "tasks.html")
    )
    assert "catalogue.docx" in files
    assert {"index.html", "tasks.html", "zdjsxm.html", "ssgl.html"} <= set(pages)
    assert {"assets/style.css", "assets/site.js", "assets/search-index.js", "assets/favicon.svg"} <= set(
        files
    )
    for name in pages:
        html = files[name].decode("utf-8")
        assert html.startswith('<!DOCTYPE html>\n<html lang="zh-CN">')
        assert f'content="{escape(CSP)}"'.replace("&#x27;", "&#39;") in html
        assert "示例目录" in html, f"{name} lacks the example notice"
        # nothing loads from anywhere but the site itself
        assert not re.search(
            r'(src|href)="(https?:)?//', html.replace('class="portal-link" href="http', "")
        ), name


def test_domain_page_layout() -> None:
    html = rendered(FIXTURE)["zdjsxm.html"].decode("utf-8")
    assert "<caption>（一）重大建设项目领域基层政务公开标准目录</caption>" in html
    # 一级事项 merged over its two adjacent rows; the next category starts its own cell
    assert re.search(
        r'<td class="cat" headers="h-item h-cat" rowspan="2" data-label="一级事项">批准服务信息</td>', html
    )
    assert re.search(r'rowspan="1" data-label="一级事项">征收土地信息</td>', html)
    assert html.count('class="cat"') == 2
    # the 特定群体 note follows its √, and every 序号 is per row
    assert "（面向拟征收土地所在地的村集体成员）" in html
    assert [
        int(n) for n in re.findall(r'<td class="seq" headers="h-seq" data-label="序号">(\d+)</td>', html)
    ] == [1, 2, 3]
    # a level → units subject prints one line per level
    assert "区级：区规划自然资源局<br>镇街：各镇人民政府（街道办事处）" in html
    # stable anchors and a link to the portal
    assert '<tr id="zdjsxm-001"' in html
    assert 'href="#zdjsxm-001"' in html
    assert 'href="https://www.example.gov.cn/zdjsxm/bszn.html" rel="noopener noreferrer"' in html
    assert 'rel="next"' in html
    assert 'rel="prev"' not in html


def test_every_body_cell_names_existing_headers() -> None:
    for name, data in rendered(SHIPPED).items():
        if not name.endswith(".html") or name in ("index.html", "tasks.html"):
            continue
        html = data.decode("utf-8")
        ids = set(re.findall(r'<th id="([^"]+)"', html))
        for headers in re.findall(r'headers="([^"]+)"', html):
            assert set(headers.split()) <= ids, (name, headers)


def test_item_rows_merge_only_adjacent_categories() -> None:
    result = check_catalogue(SHIPPED)
    assert result.catalogue is not None
    for domain in result.catalogue.domains:
        rows = item_rows(domain)
        assert [r.number for r in rows] == list(range(1, len(domain.items) + 1))
        assert sum(r.category_span for r in rows) == len(rows)
        index = 0
        while index < len(rows):
            span = rows[index].category_span
            assert span >= 1
            run = rows[index : index + span]
            assert {r.item.category for r in run} == {rows[index].item.category}
            assert all(r.category_span == 0 for r in run[1:])
            index += span


def test_task_rows_merge_as_the_attachment() -> None:
    result = check_catalogue(SHIPPED)
    assert result.catalogue is not None
    rows = task_rows(result.catalogue)
    spans = {(row.order, row.lead_span) for row in rows if row.lead_span > 1}
    assert spans == {(1, 2), (5, 2), (9, 2), (11, 2), (14, 4), (22, 2)}
    merged = {row.order for row in rows if row.lead_span == 0}
    assert merged == {2, 6, 10, 12, 15, 16, 17, 23}
    assert [row.partners_span for row in rows[:2]] == [2, 0]
    assert rows[0].partners == "区规划自然资源局、区生态环境局、区住房城乡建委、区交通局、区水利局等"
    assert rows[13].partners == "区发展改革委、区规划自然资源局、区城市管理局"
    assert rows[3].task == "编制重庆市渝北区户籍管理领域政务公开标准目录"
    assert rows[11].task == "编制重庆市渝北区征地补偿领域政务公开标准目录"
    assert {row.due for row in rows} == {"2020年10月30日前"}
    html = dict(site_files(result.catalogue))["tasks.html"].decode("utf-8")
    assert "政务公市公开" not in html
    assert "政务公漏开" not in html
    assert html.count('rowspan="4"') == 2  # 区住房城乡建委 and its partners over 14–17
    assert html.count('<tr id="task-') == 26


@pytest.mark.parametrize(
    ("number", "text"),
    [
        (1, "一"),
        (5, "五"),
        (10, "十"),
        (11, "十一"),
        (20, "二十"),
        (26, "二十六"),
        (100, "一百"),
        (105, "一百零五"),
        (115, "一百一十五"),
        (230, "二百三十"),
    ],
)
def test_chinese_numerals(number: int, text: str) -> None:
    assert chinese_numeral(number) == text


def test_caption_numbers_follow_order() -> None:
    result = check_catalogue(SHIPPED)
    assert result.catalogue is not None
    captions = [domain_caption(d) for d in result.catalogue.domains]
    assert captions[0] == "（一）重大建设项目领域基层政务公开标准目录"
    assert captions[25] == "（二十六）税收管理领域基层政务公开标准目录"


def test_statistics_of_the_shipped_catalogue() -> None:
    result = check_catalogue(SHIPPED)
    assert result.catalogue is not None
    stats = statistics(result.catalogue)
    items = [item for _, item in result.catalogue.items()]
    assert stats.items == len(items) == result.summary.items
    assert stats.proactive == sum("主动" in i.mode for i in items)
    assert stats.on_request == sum("依申请" in i.mode for i in items)
    charts = {chart.key: chart for chart in stats.charts}
    assert [bar.label for bar in charts["domains"].bars][:2] == ["重大建设项目", "公共资源交易"]
    longest = max(charts["domains"].bars, key=lambda bar: bar.value)
    assert longest.length == 100
    assert all(0 < bar.length <= 100 for chart in stats.charts for bar in chart.bars if bar.value)
    channel_values = [bar.value for bar in charts["channels"].bars]
    assert channel_values == sorted(channel_values, reverse=True)
    # the channels longer than twelve characters wrap; the others stay on one line
    assert [bar.label for bar in charts["channels"].bars if bar.long] == [
        "社区/企事业单位/村公示栏（电子屏）",
        "全国排污许可证管理信息平台",
    ]
    html = dict(site_files(result.catalogue))["index.html"].decode("utf-8")
    # each chart is a table of page text (label, number); only the bars are drawn, one SVG each
    assert html.count('<table class="bar-chart"') == 5
    assert html.count('<svg class="bar"') == sum(len(chart.bars) for chart in stats.charts)
    assert '<th scope="row"><span class="long-label">全国排污许可证管理信息平台</span></th>' in html
    assert f"本目录共 26 个领域、{stats.items} 个公开事项" in html


def test_synonyms_find_real_items() -> None:
    result = check_catalogue(SHIPPED)
    assert result.catalogue is not None
    text = "\n".join(
        " ".join([i.category, i.name, *i.content, *i.basis, i.time_limit])
        for _, i in result.catalogue.items()
    )
    for short in (
        "低保",
        "社保",
        "公租房",
        "危改",
        "特困",
        "征地",
        "环评",
        "法援",
        "非遗",
        "城管",
        "计生",
        "招投标",
    ):
        found = [term for term in expansions(short)[1:] if term in text]
        assert found, f"{short} expands to nothing the shipped catalogue contains"
    assert expansions("低保对象") == ["低保对象", "最低生活保障对象"]
    assert all(short not in longs for short, longs in SYNONYMS.items() if short != "户口" and short != "落户")


def test_search_index_is_data_only() -> None:
    files = rendered(SHIPPED)
    script = files["assets/search-index.js"].decode("utf-8")
    assert script.startswith("window.ZWGK_INDEX = ")
    assert script.endswith(";\n")
    payload = json.loads(script[len("window.ZWGK_INDEX = ") : -2])
    assert payload["version"] == INDEX_VERSION == 2
    assert len(payload["items"]) == check_catalogue(SHIPPED).summary.items
    assert payload["synonyms"]["低保"] == ["最低生活保障"]
    # written a domain at a time, it is the whole index's safe JSON
    catalogue = check_catalogue(SHIPPED).catalogue
    assert catalogue is not None
    assert script == f"window.ZWGK_INDEX = {script_json(search_payload(catalogue))};\n"
    for domains in (
        [],
        catalogue.domains[:1],
        [catalogue.domains[0].model_copy(update={"items": []}), *catalogue.domains[1:2]],
    ):
        part = Catalogue(catalogue.root, catalogue.settings, domains, {})
        assert (
            "".join(search_script_parts(part))
            == f"window.ZWGK_INDEX = {script_json(search_payload(part))};\n"
        )


def test_search_index_names_each_field_by_its_column_title() -> None:
    """The results say which field matched (“匹配 公开依据”) in the words of the table's header."""
    labels = field_labels()
    assert labels == {
        "d": "领域",
        "id": "事项编号",
        "c": "一级事项",
        "n": "二级事项",
        "t": "公开内容（要素）",
        "b": "公开依据",
        "tl": "公开时限",
        "s": "公开主体",
        "ch": "公开渠道和载体",
        "a": "公开对象",
        "an": "特定群体说明",
        "m": "公开方式",
        "l": "公开层级",
    }
    catalogue = check_catalogue(FIXTURE).catalogue
    assert catalogue is not None
    payload = search_payload(catalogue)
    assert payload["labels"] == labels
    assert all(set(entry) == set(labels) for entry in payload["items"])  # a title for every key
    page = rendered(FIXTURE)["shjz.html"].decode("utf-8")
    for key in ("c", "n", "t", "b", "tl", "s", "ch", "a", "m", "l"):
        assert re.search(f"<th [^>]*>{re.escape(labels[key])}</th>", page), labels[key]


def test_search_url_parameters_are_documented() -> None:
    """The search's address is a stable interface: the parameters the page reads, the form's field
    names and docs/publishing.md's table are the same list, in the same order."""
    script = (ROOT / "templates" / "assets" / "site.js").read_text(encoding="utf-8")
    read = list(dict.fromkeys(re.findall(r'params\.get\("(\w+)"\)', script)))
    read += re.findall(r'^\s+(\w+): document\.getElementById\("f-', script, flags=re.MULTILINE)
    form = (ROOT / "templates" / "index.html.j2").read_text(encoding="utf-8")
    search_form = form[form.index('<form id="search-form"') : form.index("</form>")]
    named = re.findall(r'<(?:input|select) id="[^"]+" name="(\w+)"', search_form)
    docs = (ROOT / "docs" / "publishing.md").read_text(encoding="utf-8")
    section = docs[docs.index("## 搜索地址") :]
    table = section[section.index("| 参数 |") :].split("\n\n")[0]
    documented = re.findall(r"^\| `(\w+)` \|", table, flags=re.MULTILINE)
    assert read == named == documented == ["q", "domain", "mode", "level", "audience", "channel"]


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://www.cq.gov.cn/a.html", True),
        ("http://x.gov.cn/", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        (" javascript:alert(1)", False),
        ("data:text/html,<script>", False),
        ("https://x.gov.cn/\nfoo", False),
        ("//evil.example/", False),
        (None, False),
    ],
)
def test_safe_url(url: str | None, ok: bool) -> None:
    assert (safe_url(url) is not None) is ok


# ---- a hostile catalogue renders as inert text ----

HOSTILE = [
    "<script>alert('x')</script>",
    '" onerror="alert(1)',
    "<img src=x onerror=alert(1)>",
    "{{ 7*7 }}{% if true %}jinja{% endif %}",
    "</script><script>alert(2)</script>",
    "'><svg onload=alert(3)>",
]


def hostile_catalogue(tmp_path: Path) -> Path:
    quoted = [json.dumps(payload, ensure_ascii=False) for payload in HOSTILE]
    reason = "本区无扶贫开发工作重点村，相关事项由区乡村振兴部门统一公开。"
    return edited_copy(
        FIXTURE,
        tmp_path / "hostile",
        {
            "shjz.yaml": [
                (
                    "name: 办事指南\n    content: [办理条件, 申请材料, 办理流程]",
                    f"name: {quoted[0]}\n    content: [{', '.join(quoted)}]",
                ),
                ("audience_note: 面向申请人本人", f"audience_note: {quoted[1]}"),
                ("category: 临时救助", f"category: {quoted[5]}"),
            ],
            "zwgk.yaml": [
                (f"reason: {reason}", "reason: " + json.dumps(HOSTILE[2] + reason, ensure_ascii=False))
            ],
        },
    )


def test_hostile_text_is_escaped_everywhere(tmp_path: Path) -> None:
    folder = hostile_catalogue(tmp_path)
    result = check_catalogue(folder)
    assert result.catalogue is not None, [d.message.zh for d in result.diagnostics]
    files = render_outputs(result.catalogue)
    for name, data in files.items():
        if name.endswith((".xlsx", ".docx")):
            continue  # see test_workbook (test_hostile_formulas_stay_text) and test_catalogue_docx
        text = data.decode("utf-8")
        if name.endswith(".html"):
            for raw in ("<script>alert", "<img src=x", "<svg onload"):
                assert raw not in text, name
            assert 'onerror="alert' not in text, name
            assert text.count("<script") == text.count('<script src="assets/'), name
    shjz = files["shjz.html"].decode("utf-8")
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in shjz
    assert "{{ 7*7 }}{% if true %}jinja{% endif %}" in shjz
    assert "（&#34; onerror=&#34;alert(1)）" in shjz
    index = files["index.html"].decode("utf-8")
    assert "&lt;img src=x onerror=alert(1)&gt;本区无扶贫开发工作重点村" in index
    script = files["assets/search-index.js"].decode("utf-8")
    assert "<" not in script
    assert ">" not in script
    assert "\\u003cscript\\u003ealert('x')\\u003c/script\\u003e" in script
    fragment = files["fragments/shjz.html"].decode("utf-8")  # the portal fragment: no script at all
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in fragment
    assert "（&quot; onerror=&quot;alert(1)）" in fragment
    assert "<script" not in fragment
    with zipfile.ZipFile(io.BytesIO(files["catalogue.docx"])) as package:
        document = package.read("word/document.xml").decode("utf-8")
    assert "&lt;script&gt;alert('x')&lt;/script&gt;" in document


def test_a_javascript_link_never_builds(tmp_path: Path) -> None:
    edits = {"zdjsxm.yaml": [("https://www.example.gov.cn/zdjsxm/bszn.html", "javascript:alert(1)")]}
    folder = edited_copy(FIXTURE, tmp_path / "link", edits)
    out = tmp_path / "dist"
    result = runner.invoke(app, ["build", str(folder), "-o", str(out)])
    assert result.exit_code == 1
    assert "link-scheme" in result.output
    assert not out.exists()


# ---- writing the output folder ----


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_build_is_byte_reproducible(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    build(SHIPPED, first)
    build(SHIPPED, second)
    assert tree(first) == tree(second)
    assert output.MARKER in tree(first)
    build(SHIPPED, first)  # rebuilding over an earlier output replaces it
    assert tree(first) == tree(second)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")], "no staging folder is left behind"


def test_cli_build_writes_and_summarises(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    result = runner.invoke(app, ["build", str(FIXTURE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "5 个页面（含 3 个领域目录页），9 个事项" in result.output
    assert (out / "index.html").is_file()
    assert (out / "shjz.html").is_file()


def test_build_with_errors_leaves_the_old_site(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    build(FIXTURE, out)
    before = tree(out)
    broken = edited_copy(
        FIXTURE, tmp_path / "broken", {"shjz.yaml": [("mode: [依申请]", "mode: [依申请公开]")]}
    )
    result = runner.invoke(app, ["build", str(broken), "-o", str(out)])
    assert result.exit_code == 1
    assert "field-value" in result.output
    assert "未生成网站" in result.output
    assert tree(out) == before


def test_a_failure_while_writing_leaves_the_old_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "dist"
    build(FIXTURE, out)
    before = tree(out)
    opened: list[str] = []
    real_open = output.Staging.open

    def failing_open(self: output.Staging, name: str) -> IO[bytes]:
        opened.append(name)
        if len(opened) == 5:
            raise OSError(28, "No space left on device")
        return real_open(self, name)

    monkeypatch.setattr(output.Staging, "open", failing_open)
    with pytest.raises(
        ZwgkError, match=r"写入输出文件夹 .* 时出错：No space left on device。原输出文件夹保持不变"
    ):
        build(SHIPPED, out)
    monkeypatch.undo()
    assert tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dist"]


def test_a_full_disk_is_reported_in_chinese(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(self: output.Staging, name: str) -> IO[bytes]:
        raise OSError(28, "No space left on device", str(self.root / name))

    monkeypatch.setattr(output.Staging, "open", full)
    result = runner.invoke(app, ["build", str(FIXTURE), "-o", str(tmp_path / "dist")])
    assert result.exit_code == 2
    assert "写入输出文件夹" in result.output
    assert "No space left on device" in result.output
    assert "原输出文件夹保持不变" in result.output
    assert list(tmp_path.iterdir()) == []


def test_a_foreign_folder_is_never_replaced(tmp_path: Path) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "thesis.docx").write_bytes(b"precious")
    result = runner.invoke(app, ["build", str(FIXTURE), "-o", str(out)])
    assert result.exit_code == 2
    assert "拒绝写入" in result.output
    assert tree(out) == {"thesis.docx": b"precious"}
    empty = tmp_path / "empty"
    empty.mkdir()
    assert runner.invoke(app, ["build", str(FIXTURE), "-o", str(empty)]).exit_code == 0


def test_the_sources_are_never_the_output(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project / "catalogues")
    before = tree(project)
    for target in (project, project / "catalogues"):
        with pytest.raises(ZwgkError):
            build(project / "catalogues", target)
        assert tree(project) == before
    (project / "catalogues" / output.MARKER).write_text("forged", encoding="utf-8")
    with pytest.raises(ZwgkError, match="包含目录源文件夹"):
        build(project / "catalogues", project / "catalogues")


@pytest.mark.parametrize(
    "name", ["../x.html", "/etc/passwd", "a/../../x", "con.html", "NUL", "a\\b.html", "", ".hidden"]
)
def test_unsafe_output_paths_are_refused(name: str, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unsafe output path"):
        output.safe_relative(name)
    for target in (output.MemoryOutput(), output.Staging(tmp_path)):
        with pytest.raises(ValueError, match="unsafe output path"):
            target.write(name, b"x")
    assert list(tmp_path.iterdir()) == []


def test_outputs_in_memory_and_on_disk_agree(tmp_path: Path) -> None:
    memory, disk = output.MemoryOutput(), output.Staging(tmp_path)
    for target in (memory, disk):
        target.write("a.html", b"whole")
        target.write("assets/b.js", (part for part in (b"in ", b"parts")))
        with target.open("units/x/c.csv") as stream:
            stream.write(b"streamed")
        with pytest.raises(ValueError, match="unsafe output path"):  # a leading dot: never an output
            target.write(output.MARKER, b"forged")
    assert memory.sizes() == disk.sizes() == {"a.html": 5, "assets/b.js": 8, "units/x/c.csv": 8}
    assert memory.files == {name: disk.read(name) for name in memory.files}
    assert memory.path("a.html") is None
    assert disk.path("a.html") == tmp_path / "a.html"


def test_a_failed_build_leaves_no_staging_folder(tmp_path: Path) -> None:
    out = tmp_path / "dist"

    def fail_halfway() -> None:
        with output.staged(out) as staging:
            staging.write("index.html", b"half")
            raise RuntimeError("坏了")

    with pytest.raises(RuntimeError, match="坏了"):
        fail_halfway()
    assert list(tmp_path.iterdir()) == []
    with output.staged(out) as staging:
        staging.write("index.html", b"whole")
    assert sorted(p.name for p in out.iterdir()) == [output.MARKER, "index.html"]


def test_missing_catalogue_folder_cannot_run(tmp_path: Path) -> None:
    result = runner.invoke(app, ["build", str(tmp_path / "nowhere"), "-o", str(tmp_path / "dist")])
    assert result.exit_code == 2
    assert "不存在" in result.output


def test_user_templates_override_the_shipped_ones(tmp_path: Path) -> None:
    custom = tmp_path / "templates"
    (custom / "assets").mkdir(parents=True)
    (custom / "assets" / "style.css").write_text("body { color: black; }\n", encoding="utf-8")
    shipped_base = (ROOT / "templates" / "base.html.j2").read_text(encoding="utf-8")
    (custom / "base.html.j2").write_text(
        shipped_base.replace("跳到正文", "跳到正文（本区定制）"), encoding="utf-8"
    )
    out = tmp_path / "dist"
    result = runner.invoke(app, ["build", str(FIXTURE), "-o", str(out), "--templates", str(custom)])
    assert result.exit_code == 0, result.output
    assert (out / "assets" / "style.css").read_text(encoding="utf-8") == "body { color: black; }\n"
    assert "跳到正文（本区定制）" in (out / "index.html").read_text(encoding="utf-8")
    assert (out / "assets" / "site.js").is_file()
    missing = runner.invoke(
        app, ["build", str(FIXTURE), "-o", str(out), "--templates", str(tmp_path / "none")]
    )
    assert missing.exit_code == 2
