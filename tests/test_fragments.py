"""``fragments/<slug>.html``: each domain's table alone, for the portal's CMS editor. Parsed back:
nothing but the table's own elements, inline styles only, no class, id, event handler, script or
outside reference; the merged 一级事项 and √ as published; hostile text escaped; a town's fragments;
a golden fragment."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import CASES, ROOT, Golden, build_case, checked_catalogue, edited_copy
from zwgk_cli.build.builder import BuildResult, render_outputs, unit_outputs
from zwgk_cli.core.models import Domain, Settings
from zwgk_cli.core.towns import find_unit, unit_catalogue
from zwgk_cli.render.html.fragment import domain_fragment, fragment_files
from zwgk_cli.render.rows import domain_caption, item_cells, item_rows

SHIPPED = ROOT / "catalogues"
GOLDEN = ROOT / "tests" / "golden" / "fragments"
# what a fragment may hold: the table's own elements, a line break, the example notice's span, and a
# link to the item on the portal
ALLOWED = {"table", "caption", "span", "thead", "tbody", "tr", "th", "td", "br", "a"}
ATTRIBUTES = {"style", "rowspan", "colspan", "scope", "href"}
STYLED = {"table", "caption", "span", "th", "td", "a"}  # each carries its look in its own style


class Element:
    def __init__(self, tag: str, attrs: dict[str, str | None]) -> None:
        self.tag, self.attrs = tag, attrs
        self.text = ""


class Fragment(HTMLParser):
    """Every element of a fragment with its attributes, and the text of each cell."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.rows: list[list[Element]] = []  # the rows of thead and tbody: their th/td elements
        self.section = ""
        self.cell: Element | None = None
        self.texts: list[str] = []  # text outside any cell (the caption's), not the line breaks
        self.comments: list[str] = []
        self.declarations: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, dict(attrs))
        assert len(element.attrs) == len(attrs), f"an attribute given twice on <{tag}>"
        self.elements.append(element)
        if tag in ("thead", "tbody"):
            self.section = tag
        elif tag == "tr":
            self.rows.append([])
        elif tag in ("th", "td"):
            self.rows[-1].append(element)
            self.cell = element
        elif tag == "br" and self.cell is not None:
            self.cell.text += "\n"

    def handle_endtag(self, tag: str) -> None:
        if tag in ("th", "td"):
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.text += data
        elif data.strip():
            self.texts.append(data)

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)

    def handle_decl(self, decl: str) -> None:
        self.declarations.append(decl)

    def body(self) -> list[list[Element]]:
        return self.rows[2:]


@pytest.fixture(scope="module")
def shipped(gated_build: BuildResult) -> BuildResult:
    return gated_build


def assert_clean(html: str, link_allowed: bool = True) -> Fragment:
    """`html` holds the table's own elements only, styled inline, with no outside reference."""
    assert html.startswith("<table ")
    assert html.endswith("</table>\n")
    parsed = Fragment(html)
    assert parsed.comments == []
    assert parsed.declarations == []
    assert [e.tag for e in parsed.elements if e.tag == "table"] == ["table"]
    for element in parsed.elements:
        assert element.tag in ALLOWED, element.tag
        assert set(element.attrs) <= ATTRIBUTES, (element.tag, element.attrs)
        assert not any(name.startswith("on") for name in element.attrs)
        if element.tag in STYLED:
            assert element.attrs.get("style"), f"<{element.tag}> without its inline style"
        href = element.attrs.get("href")
        if href is not None:
            assert link_allowed
            assert element.tag == "a"
            assert href.startswith(("https://", "http://")), href
    for forbidden in (
        "<script",
        "<style",
        "<link",
        "<img",
        "<iframe",
        "<html",
        "<head",
        "<body",
    ):
        assert forbidden not in html.lower(), forbidden  # nor as a tag the parser did not see
    return parsed


def test_one_fragment_per_published_domain(shipped: BuildResult) -> None:
    catalogue = checked_catalogue(SHIPPED)
    expected = {f"fragments/{d.slug}.html" for d in catalogue.domains if d.slug not in ("cszhzf", "fp")}
    assert set(shipped.fragments()) == expected
    assert len(expected) == 24
    assert shipped.pages() == sorted(
        name for name in shipped.files if name.endswith(".html") and "/" not in name
    )
    assert not any(name.startswith("fragments/") for name in shipped.pages())


def test_every_shipped_fragment_is_clean_and_laid_out_as_published(shipped: BuildResult) -> None:
    catalogue = checked_catalogue(SHIPPED)
    levels = catalogue.settings.levels
    for domain in catalogue.domains:
        path = shipped.out / "fragments" / f"{domain.slug}.html"
        if domain.slug in ("cszhzf", "fp"):
            assert not path.exists()
            continue
        parsed = assert_clean(path.read_text(encoding="utf-8"))
        assert parsed.texts[0] == domain_caption(domain)
        assert parsed.texts[1].startswith("示例目录：")  # the example catalogue says so here too
        top, sub = parsed.rows[:2]
        assert [(c.text, c.attrs.get("rowspan"), c.attrs.get("colspan")) for c in top] == [
            ("序号", "2", None),
            ("公开事项", None, "2"),
            ("公开内容（要素）", "2", None),
            ("公开依据", "2", None),
            ("公开时限", "2", None),
            ("公开主体", "2", None),
            ("公开渠道和载体", "2", None),
            ("公开对象", None, "2"),
            ("公开方式", None, "2"),
            ("公开层级", None, "3"),
        ]
        assert [c.text for c in sub] == [
            "一级事项",
            "二级事项",
            "全社会",
            "特定群体",
            "主动",
            "依申请",
            *levels,
        ]
        body = parsed.body()
        rows = item_rows(domain)
        assert len(body) == len(rows) == len(domain.items)
        spans = [
            int(cells[1].attrs.get("rowspan") or 1)
            for cells, row in zip(body, rows, strict=True)
            if row.category_span
        ]
        assert spans == [row.category_span for row in rows if row.category_span], domain.slug
        for cells, row in zip(body, rows, strict=True):
            texts = [c.text for c in cells]
            if row.category_span:
                assert texts[:2] == [str(row.number), row.item.category]
                texts = texts[2:]
            else:
                assert texts[0] == str(row.number)
                texts = texts[1:]
            assert texts == item_cells(row.item, levels), row.item.id


def test_a_towns_fragments(shipped: BuildResult) -> None:
    catalogue = checked_catalogue(SHIPPED)
    unit = find_unit(catalogue.settings, "龙溪街道")
    assert unit is not None
    local = unit_catalogue(catalogue, unit)
    files = unit_outputs(catalogue, unit, None, None)
    town = sorted(name for name in files if name.startswith("units/longxi/fragments/"))
    assert town == sorted(f"units/longxi/fragments/{domain.slug}.html" for domain in local.domains)
    for domain in local.domains:
        data = files[f"units/longxi/fragments/{domain.slug}.html"]
        assert isinstance(data, bytes)
        parsed = assert_clean(data.decode("utf-8"))
        assert [c.text for c in parsed.rows[1]][-2:] == ["镇街", "村（居）"]
        assert "区级" not in [c.text for c in parsed.rows[1]]
        assert len(parsed.body()) == len(domain.items)
        # the street's own table says whose it is
        assert f">{domain_caption(domain, '龙溪街道')}<" in data.decode("utf-8")
        assert domain_caption(domain, "龙溪街道").endswith(f"龙溪街道{domain.domain}领域基层政务公开标准目录")
        for cells in parsed.body():
            assert "√" in [c.text for c in cells[-2:]]
            assert "各镇人民政府（街道办事处）" not in "".join(c.text for c in cells)
    # under the review gate, the town's withheld domains have no fragment either
    assert shipped.gate is not None
    withheld = shipped.gate.town_withheld(unit) | {"cszhzf", "fp"}
    gated = {
        f"units/longxi/fragments/{d.slug}.html" for d in unit_catalogue(catalogue, unit, withheld).domains
    }
    assert {name for name in shipped.files if name.startswith("units/longxi/fragments/")} == gated


def test_golden_fragment_of_a_smallchecked_catalogue(golden: Golden, tmp_path: Path) -> None:
    catalogue = checked_catalogue(build_case(CASES / "valid" / "plain", tmp_path))
    files = fragment_files(catalogue)
    assert list(files) == ["fragments/zdjsxm.html", "fragments/shjz.html"]
    golden(GOLDEN / "shjz.html", files["fragments/shjz.html"].decode("utf-8"))


def test_hostile_item_text_comes_out_escaped(tmp_path: Path) -> None:
    folder = edited_copy(
        CASES / "base",
        tmp_path / "catalogue",
        {
            "zdjsxm.yaml": [
                ("name: 办事指南", 'name: "<script>alert(1)</script>"'),
                ("category: 批准服务信息", "category: '\" onmouseover=\"alert(1)'"),
                ("time_limit: 实时公开", 'time_limit: "<img src=x onerror=alert(1)> \\u202e\\u200b"'),
            ]
        },
    )
    files = render_outputs(checked_catalogue(folder))
    html = files["fragments/zdjsxm.html"].decode("utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&quot; onmouseover=&quot;alert(1)" in html
    assert "&lt;img src=x onerror=alert(1)&gt; [U+202E][U+200B]" in html
    parsed = assert_clean(html)
    first = parsed.body()[0]
    assert first[1].text == '" onmouseover="alert(1)'
    assert first[2].text == "<script>alert(1)</script>"


def test_links_only_when_http(tmp_path: Path) -> None:
    # the check refuses an item link that is not http(s): the fragment's own guard is tried on a
    # domain made in code
    catalogue = checked_catalogue(build_case(CASES / "valid" / "plain", tmp_path))
    settings: Settings = catalogue.settings
    domain: Domain = catalogue.domains[0]
    links = [
        "https://www.ybq.gov.cn/zwgk/1.html?a=1&b=2",
        "javascript:alert(1)",
        "//evil.example/x",
        "data:text/html,x",
    ]
    items = [
        item.model_copy(update={"link": link}) for item, link in zip(domain.items * 2, links, strict=True)
    ]
    items = [item.model_copy(update={"id": f"zdjsxm-00{n}"}) for n, item in enumerate(items, 1)]
    html = domain_fragment(domain.model_copy(update={"items": items}), settings)
    parsed = assert_clean(html)
    anchors = [e for e in parsed.elements if e.tag == "a"]
    assert [a.attrs["href"] for a in anchors] == ["https://www.ybq.gov.cn/zwgk/1.html?a=1&b=2"]
    assert 'href="https://www.ybq.gov.cn/zwgk/1.html?a=1&amp;b=2"' in html
    for dropped in ("javascript", "evil.example", "data:"):
        assert dropped not in html


def test_the_same_bytes_every_time(tmp_path: Path) -> None:
    catalogue = checked_catalogue(build_case(CASES / "valid" / "plain", tmp_path))
    assert fragment_files(catalogue) == fragment_files(
        checked_catalogue(build_case(CASES / "valid" / "plain", tmp_path / "2"))
    )
