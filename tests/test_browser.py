"""The built site in a real headless Chromium: loads cleanly and offline, search, filters, anchors,
phone layout, print layout, accessibility (axe-core), and hostile text that stays text.

Screenshots at desktop and phone widths are written to tests/artifacts/ (or $ZWGK_ARTIFACTS).
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import threading
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest

from conftest import ROOT, edited_copy
from zwgk_cli.build.builder import build
from zwgk_cli.render.html.synonyms import SYNONYMS

ARTIFACTS = Path(os.environ.get("ZWGK_ARTIFACTS", ROOT / "tests" / "artifacts"))
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}
# the desktop widths people read catalogues at: a common laptop and a full-HD screen
WIDE = [{"width": 1366, "height": 768}, {"width": 1920, "height": 1080}]
# axe-core's rule sets the tests hold every page to, the experimental rules (such as
# label-content-name-mismatch, WCAG 2.5.3 Label in Name) included
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice", "experimental"],
    },
    "resultTypes": ["violations"],
}


def chromium_path() -> str | None:
    for candidate in (os.environ.get("ZWGK_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if candidate and Path(candidate).is_file():
            return candidate
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed (pip install -e '.[test]')")
    executable = chromium_path()
    if executable is None:
        pytest.skip("no Chromium: install Debian's chromium package (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


class Site:
    """A built site served on localhost."""

    def __init__(self, root: Path, base: str) -> None:
        self.root = root
        self.base = base


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    out = tmp_path_factory.mktemp("site") / "dist"
    build(ROOT / "catalogues", out, units=["龙溪街道"])
    handler = functools.partial(_QuietHandler, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Site(out, f"http://127.0.0.1:{server.server_address[1]}/")
    server.shutdown()
    server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class Watched:
    """A page with every console error, page error, dialog and off-site request recorded."""

    def __init__(self, browser: Any, base: str, viewport: dict[str, int]) -> None:
        self.base = base
        self.context = browser.new_context(viewport=viewport, service_workers="block")
        self.page = self.context.new_page()
        self.problems: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        self.page.on("dialog", self._dialog)
        self.context.route("**/*", self._route)

    def _console(self, message: Any) -> None:
        if message.type in ("error", "warning"):
            self.problems.append(f"console {message.type}: {message.text}")

    def _dialog(self, dialog: Any) -> None:
        self.problems.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    def _route(self, route: Any) -> None:
        url = route.request.url
        if url.startswith(self.base):
            route.continue_()
        else:
            self.problems.append(f"request outside the site: {url}")
            route.abort()

    def goto(self, path: str) -> Any:
        self.page.goto(self.base + path, wait_until="load")
        return self.page

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def desktop(browser: Any, site: Site) -> Iterator[Watched]:
    watched = Watched(browser, site.base, DESKTOP)
    yield watched
    watched.close()


@pytest.fixture
def phone(browser: Any, site: Site) -> Iterator[Watched]:
    watched = Watched(browser, site.base, PHONE)
    yield watched
    watched.close()


def search(page: Any, text: str) -> list[str]:
    """Type `text` and submit (Enter runs the search at once, without the typing delay)."""
    from playwright.sync_api import expect

    status = page.locator("#search-status")
    # back to the idle status first: a search whose count equals the last one's would otherwise be
    # read before the page has run it (on a busy machine the old results are still showing)
    page.fill("#q", "")
    page.press("#q", "Enter")
    expect(status).to_have_text(re.compile("^本目录共"))
    page.fill("#q", text)
    page.press("#q", "Enter")
    # the page records each search it runs in the address (q=…): wait for this query's, then its status
    expect(page).to_have_url(re.compile(re.escape("?" + urlencode({"q": text})) + "(&|#|$)"))
    expect(status).to_have_text(re.compile("：(找到|没有找到)"))
    return page.locator("#search-results li").all_inner_texts()


def found(page: Any) -> None:
    """Wait until the search reports results (waiting in the page would need eval, which CSP forbids)."""
    from playwright.sync_api import expect

    expect(page.locator("#search-status")).to_have_text(re.compile("：找到 [0-9]+ 个事项"))


def result_links(page: Any) -> list[str]:
    """The shown results' links (``shjz.html#shjz-004``), in order."""
    links: list[str] = page.locator("#search-results > li > a.result-title").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    return links


def shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)


def test_every_page_loads_cleanly_and_offline(desktop: Watched, site: Site) -> None:
    pages = sorted(p.name for p in site.root.glob("*.html"))
    assert len(pages) == 29  # index, tasks, coverage and 26 domains
    for name in pages:
        page = desktop.goto(name)
        assert page.evaluate("document.documentElement.lang") == "zh-CN"
        assert page.locator("h1").count() == 1
        assert page.locator(".example-notice").is_visible()
    assert desktop.problems == []
    shot(desktop.goto("index.html"), "desktop-index")
    shot(desktop.goto("shjz.html"), "desktop-shjz")
    shot(desktop.goto("tasks.html"), "desktop-tasks")


def test_search_finds_chinese_terms_and_abbreviations(desktop: Watched) -> None:
    page = desktop.goto("index.html")
    assert page.locator("#search-results li").count() == 0
    total = page.evaluate("window.ZWGK_INDEX.items.length")
    assert f"共 {total} 个事项" in page.inner_text("#search-status")
    exact = search(page, "最低生活保障")
    abbreviated = search(page, "低保")
    assert exact
    assert len(abbreviated) >= len(exact)
    assert all("最低生活保障" in r or "低保" in r for r in abbreviated)
    for short, full in [
        ("社保", "社会保险"),
        ("公租房", "公共租赁住房"),
        ("危改", "危房改造"),
        ("环评", "环境影响评价"),
        ("法援", "法律援助"),
    ]:
        assert search(page, short), short
        results = result_links(page)
        # the short form finds every item the full term finds (the field that matched may not be
        # among those a result shows, such as a 公开依据 citing 《公共租赁住房管理办法》); compared by
        # link, as each result's 匹配 lines quote what this search matched
        assert search(page, full), full
        spelled_out = result_links(page)
        assert set(spelled_out) <= set(results) or len(results) == 100, (short, full)
    # any substring of any field: a 文号 fragment, a unit, a time limit
    assert search(page, "国办发〔2017〕94号")
    assert any("区税务局" in r for r in search(page, "区税务局"))
    narrowed = search(page, "低保 公示")
    assert 0 < len(narrowed) < len(abbreviated)
    assert search(page, "没有这样的事项xyz") == []
    assert "没有找到" in page.inner_text("#search-status")
    shot(page, "desktop-search")
    assert desktop.problems == []


def test_filters_narrow_results_and_links_resolve(desktop: Watched) -> None:
    page = desktop.goto("index.html")
    page.select_option("#f-domain", "shjz")
    found(page)
    in_domain = page.locator("#search-results li").all_inner_texts()
    assert in_domain
    assert all(r.startswith("社会救助") for r in in_domain)
    page.select_option("#f-mode", "依申请")
    page.wait_for_timeout(100)
    on_request = page.locator("#search-results li").all_inner_texts()
    assert 0 < len(on_request) < len(in_domain)
    assert all("依申请" in r.split("公开方式：")[1].split("；")[0] for r in on_request)
    for select, value in [("#f-level", "镇街"), ("#f-audience", "特定群体"), ("#f-channel", "政府网站")]:
        page.select_option(select, value)
    page.wait_for_timeout(100)
    assert len(page.locator("#search-results li").all_inner_texts()) <= len(on_request)
    # the state is in the address, so a search can be shared
    assert "domain=shjz" in page.url
    assert "mode=" in page.url
    page.click("#search-reset")
    from playwright.sync_api import expect

    expect(page.locator("#search-results li")).to_have_count(0)
    expect(page.locator("#search-status")).to_have_text(re.compile("^本目录共"))
    # a result links to its item's anchor
    results = search(page, "特困人员")
    assert results
    href = page.locator("#search-results li a").first.get_attribute("href")
    page.locator("#search-results li a").first.click()
    # wait for the navigation itself: the page it leaves is already loaded
    page.wait_for_url(re.compile(re.escape(href) + "$"))
    page.wait_for_load_state("load")
    item_id = href.split("#")[1]
    assert page.evaluate("(id) => document.getElementById(id).matches(':target')", item_id)
    assert page.locator(f"[id='{item_id}']").is_visible()
    assert desktop.problems == []


def test_item_anchors_and_copy_buttons(desktop: Watched) -> None:
    page = desktop.goto("shjz.html#shjz-004")
    row = page.locator("#shjz-004")
    assert page.evaluate("document.getElementById('shjz-004').matches(':target')")
    box = row.bounding_box()
    assert box is not None
    assert -1 <= box["y"] < DESKTOP["height"] / 2
    assert page.locator("button.copy-link").count() == page.locator("a.permalink").count() > 0
    desktop.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.locator("#shjz-004 button.copy-link").click()
    from playwright.sync_api import expect

    expect(page.locator("#shjz-004 button.copy-link")).not_to_have_text("复制链接")
    assert page.evaluate("navigator.clipboard.readText()").endswith("/shjz.html#shjz-004")
    # navigation between domains
    page.click("a[rel=next]")
    page.wait_for_url(re.compile("/ylfw[.]html$"))
    page.wait_for_load_state("load")
    assert desktop.problems == []


def test_keyboard_reaches_the_search(desktop: Watched) -> None:
    page = desktop.goto("index.html")
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "q":
            break
    assert page.evaluate("document.activeElement.id") == "q"
    page.keyboard.type("公租房")
    page.keyboard.press("Enter")
    found(page)
    # next comes the summary's 查看结果 (one key to the results, past the filters), then the filters
    # in their order; without results the link is hidden and Tab goes straight to the first filter
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "search-jump"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "f-domain"
    for expected in ("f-mode", "f-level", "f-audience", "f-channel", "search-reset"):
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == expected
    page.locator("#search-jump").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "search-results"
    page.keyboard.press("Tab")  # on into the first result's link
    assert page.evaluate("document.activeElement.closest('li.result') !== null")
    page.fill("#q", "")
    page.press("#q", "Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "f-domain"
    assert desktop.problems == []


# ---- why each result matched, announcements, the phone, the address ----

HIDDEN = ("b", "tl", "ch", "an", "id")  # the fields a result does not show: each match gets a 匹配 line
TITLE = ("d", "c", "n")
FACTS = ("m", "l", "a", "s")

RESULTS_JS = """lis => lis.map(li => {
  const marks = el => el ? Array.from(el.querySelectorAll('mark'), m => m.textContent) : [];
  const title = li.querySelector('a.result-title');
  return {
    id: title.getAttribute('href').split('#')[1],
    title: marks(title),
    content: marks(li.querySelector('.result-content')),
    facts: Object.fromEntries(Array.from(li.querySelectorAll('.fact'), f => [f.dataset.field, marks(f)])),
    why: Array.from(li.querySelectorAll('.result-why'), w => ({
      key: w.dataset.field,
      tag: w.querySelector('.why-tag').textContent,
      field: w.querySelector('.why-field').textContent,
      text: w.querySelector('.why-text').textContent,
      marks: marks(w),
    })),
    elements: Array.from(li.querySelectorAll('*'), e => e.localName),
  };
})"""


def fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def field_texts(index: dict[str, Any], entry: dict[str, Any]) -> dict[str, str]:
    """An index entry's fields as the page reads them (lists joined with 、)."""
    texts = {"d": index["domains"][entry["d"]]["name"]}
    for key, value in entry.items():
        if key != "d":
            texts[key] = "、".join(value) if isinstance(value, list) else str(value)
    return texts


def explained(page: Any, needles: list[str]) -> list[dict[str, Any]]:
    """The shown results, each checked to say exactly why it matched: every field holding one of
    `needles` has it marked where the result shows that field, or a 匹配 line under its column title
    quoting the match; no other field is marked or named."""
    index = page.evaluate("window.ZWGK_INDEX")
    entries = {entry["id"]: entry for entry in index["items"]}
    labels = index["labels"]
    results: list[dict[str, Any]] = page.locator("#search-results > li").evaluate_all(RESULTS_JS)
    assert results
    for result in results:
        texts = field_texts(index, entries[result["id"]])
        hit = {key for key, text in texts.items() if any(fold(n) in fold(text) for n in needles)}
        assert hit, result["id"]
        # only text and marks: catalogue text never became markup
        assert set(result["elements"]) <= {"a", "span", "mark"}, result["id"]
        assert {w["key"] for w in result["why"]} == hit & set(HIDDEN), result["id"]
        for why in result["why"]:
            assert why["tag"] == "匹配"
            assert why["field"] == labels[why["key"]] + "："
            assert why["marks"], (result["id"], why)
            whole = texts[why["key"]]
            for piece in why["text"].split("…"):
                assert piece in whole, (result["id"], why, piece)  # a cut never splits a character
            if len(whole) > 48:
                assert len(why["text"]) < len(whole), (result["id"], why)
        assert bool(result["title"]) == bool(hit & set(TITLE)), result["id"]
        assert bool(result["content"]) == ("t" in hit), result["id"]
        for key in FACTS:
            assert bool(result["facts"][key]) == (key in hit), (result["id"], key)
        marks = result["title"] + result["content"] + [m for w in result["why"] for m in w["marks"]]
        marks += [m for key in FACTS for m in result["facts"][key]]
        # a mark is what matched: one of the terms or what a term stands for
        assert all(any(fold(n) in fold(m) for n in needles) for m in marks), (result["id"], marks)
    return results


def test_results_say_why_they_matched(desktop: Watched) -> None:
    page = desktop.goto("index.html")
    # 政府信息公开 is in most items' 公开依据 only: the field the result does not show
    search(page, "政府信息公开")
    results = explained(page, ["政府信息公开"])
    assert len(results) == 100
    for result in results:
        basis = [w for w in result["why"] if w["key"] == "b"]
        assert basis, result["id"]
        assert basis[0]["marks"] == ["政府信息公开"]
    first = page.locator("#search-results > li").first
    why = first.locator(".result-why")
    assert why.inner_text().startswith("匹配 公开依据：")
    assert why.locator("mark").inner_text() == "政府信息公开"
    shot(page, "desktop-search-why")
    # only in 公开时限 / 公开渠道和载体 / 特定群体说明 / 事项编号: a 匹配 line names that field
    for query, key in [("予以答复", "tl"), ("广播", "ch"), ("名单只在村", "an"), ("shjz-004", "id")]:
        search(page, query)
        results = explained(page, [query])
        assert all(key in {w["key"] for w in r["why"]} for r in results), query
    # only in 公开主体, which the result shows: marked there, no 匹配 line
    search(page, "区税务局")
    results = explained(page, ["区税务局"])
    assert all(r["facts"]["s"] == ["区税务局"] and not r["why"] for r in results)
    # several terms, each marked where it matched
    search(page, "低保 公示")
    explained(page, ["低保", "最低生活保障", "公示"])
    # the typed form is not the catalogue's: full-width digits find and mark 649号
    search(page, "６４９号")
    assert any(w["marks"] == ["649号"] for r in explained(page, ["649号"]) for w in r["why"])
    assert desktop.problems == []


def test_abbreviations_mark_what_matched(desktop: Watched) -> None:
    page = desktop.goto("index.html")
    search(page, "低保")
    status = page.inner_text("#search-status")
    assert status.startswith("“低保”：找到 ")
    assert "也按“最低生活保障”查找" in status
    results = explained(page, ["低保", "最低生活保障"])
    marks = {m for r in results for m in r["title"] + [m for w in r["why"] for m in w["marks"]]}
    assert {"低保", "最低生活保障"} <= marks
    for short, full in [("公租房", "公共租赁住房"), ("危改", "危房改造"), ("环评", "环境影响评价")]:
        search(page, short)
        results = explained(page, [short, *SYNONYMS[short]])
        assert any(
            full in m
            for r in results
            for m in r["title"] + r["content"] + [m for w in r["why"] for m in w["marks"]]
        ), short
    assert desktop.problems == []


def test_snippets_keep_whole_characters(browser: Any, tmp_path: Path) -> None:
    """Long fields are quoted around the match with … , starting and ending at a 、 when one is near,
    never cutting a character (here 𠮷, outside the BMP) or a folded one (㈠ stands for (一))."""
    from playwright.sync_api import expect

    from test_site import FIXTURE

    astral = "𠮷" * 40
    folder = edited_copy(
        FIXTURE,
        tmp_path / "long",
        {
            "shjz.yaml": [
                (
                    "      - 《社会救助暂行办法》（国务院令第649号）\n    time_limit: 制定或获取信息之日起10个工作日内\n",
                    "      - 《一部名称很长的条例用来看摘要从哪里开始》（第1号）\n"
                    "      - 《测试救助暂行办法》（第2号）\n"
                    "      - 《另一部名称很长的规定用来看摘要在哪里结束》\n"
                    "    time_limit: 制定或获取信息之日起10个工作日内\n",
                ),
                (
                    "time_limit: 收到申请之日起20个工作日内予以答复",
                    f"time_limit: a{astral}b特别时限c{astral}",
                ),
                ("audience_note: 面向低保申请家庭", "audience_note: ㈠面向低保申请家庭"),
            ]
        },
    )
    out = tmp_path / "dist"
    build(folder, out)
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(str(e)))
    why = page.locator("#search-results .result-why")
    for query, text, mark in [
        ("测试救助", "公开依据：…《测试救助暂行办法》（第2号）…", "测试救助"),
        ("特别时限", None, "特别时限"),
        ("(一)面向", "特定群体说明：㈠面向低保申请家庭所在村（社区）居民", "㈠面向"),
    ]:
        page.goto((out / "index.html").as_uri() + "?" + urlencode({"q": query}))
        expect(page.locator("#search-status")).to_have_text(re.compile("：找到 1 个事项"))
        assert why.count() == 1
        assert why.locator("mark").all_inner_texts() == [mark]
        shown = why.locator(".why-field").inner_text() + why.locator(".why-text").inner_text()
        if text is not None:
            assert shown == text
        else:
            quoted = why.locator(".why-text").inner_text()
            assert quoted.startswith("…𠮷")
            assert quoted.endswith("𠮷…")
            assert not re.search("[\ud800-\udfff]", quoted.replace("𠮷", "")), "a character was cut"
            assert quoted.strip("…") in f"a{astral}b特别时限c{astral}"
    context.close()
    assert problems == []


def test_search_status_is_announced(desktop: Watched) -> None:
    from playwright.sync_api import expect

    page = desktop.goto("index.html")
    status = page.locator("#search-status")
    expect(status).to_have_role("status")
    assert status.get_attribute("aria-live") == "polite"
    assert status.get_attribute("aria-atomic") == "true"
    expect(page.locator("#search-results")).to_have_accessible_name("搜索结果")
    page.evaluate(
        """() => {
          window.zwgkSaid = [];
          const status = document.getElementById('search-status');
          new MutationObserver(() => window.zwgkSaid.push(status.textContent))
            .observe(status, {childList: true, characterData: true, subtree: true});
        }"""
    )
    # each search's outcome names it, so two searches with the same count still read differently
    search(page, "低保")
    first = status.inner_text()
    assert first.startswith("“低保”：找到 ")
    search(page, "最低生活保障")
    assert status.inner_text().startswith("“最低生活保障”：找到 ")
    # asking again (Enter) reads the same outcome again: the region is emptied and refilled
    search(page, "低保")
    said = len(page.evaluate("window.zwgkSaid"))
    page.press("#q", "Enter")
    expect(status).to_have_text(first)
    page.wait_for_timeout(300)
    assert page.evaluate("window.zwgkSaid")[said:][-2:] == ["", first]
    # filters are named too
    page.select_option("#f-level", "镇街")
    expect(status).to_have_text(re.compile("^“低保” · 公开层级 镇街：找到 [0-9]+ 个事项"))
    # pinyin in an input method is not searched (no “没有找到” for “di'bao”); the characters are
    page.fill("#q", "")
    page.select_option("#f-level", "")
    expect(status).to_have_text(re.compile("^本目录共"))
    page.focus("#q")
    ime = desktop.context.new_cdp_session(page)
    ime.send("Input.imeSetComposition", {"text": "di'bao", "selectionStart": 6, "selectionEnd": 6})
    page.wait_for_timeout(400)
    expect(status).to_have_text(re.compile("^本目录共"))
    ime.send("Input.insertText", {"text": "低保"})
    expect(status).to_have_text(first)
    assert desktop.problems == []


def in_view(locator: Any) -> bool:
    box = locator.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"]


def test_phone_search_results_are_reachable_at_once(phone: Watched) -> None:
    from playwright.sync_api import expect

    page = phone.goto("index.html")
    toggle = page.locator("#filters-toggle")
    # the filters fold under 筛选条件, so the results start near the box
    expect(toggle).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(page.locator("#f-domain")).to_be_hidden()
    page.fill("#q", "低保")
    page.press("#q", "Enter")
    found(page)
    for selector in ("#q", "#search-status", "#search-jump"):
        assert in_view(page.locator(selector)), selector
    shot(page, "phone-search")
    page.locator("#search-jump").click()
    first = page.locator("#search-results > li").first
    assert in_view(first.locator("a.result-title"))
    assert page.evaluate("document.activeElement.id") == "search-results"
    # opened, two filters a row; a chosen one is counted on the folded button
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    domain = page.locator("#f-domain").bounding_box()
    mode = page.locator("#f-mode").bounding_box()
    assert domain is not None
    assert mode is not None
    assert abs(domain["y"] - mode["y"]) < 2
    assert domain["x"] < mode["x"]
    shot(page, "phone-search-filters")
    page.select_option("#f-mode", "依申请")
    toggle.click()
    expect(toggle).to_have_text("筛选条件（已选 1 项）")
    expect(page.locator("#f-mode")).to_be_hidden()
    # a shared search opens at its results, its filters shown
    page = phone.goto("index.html?" + urlencode({"q": "低保", "level": "镇街"}))
    found(page)
    assert in_view(page.locator("#search-jump"))
    expect(toggle).to_have_attribute("aria-expanded", "true")
    # and one that finds nothing opens at the status that says so
    page = phone.goto("index.html?" + urlencode({"q": "没有这样的事项xyz"}))
    expect(page.locator("#search-status")).to_have_text(re.compile("没有找到"))
    assert in_view(page.locator("#search-status"))
    expect(page.locator("#search-jump")).to_be_hidden()
    assert phone.problems == []


# q, then each filter's parameter, its select and what an item must hold to pass it
URL_FILTERS = {
    "domain": "#f-domain",
    "mode": "#f-mode",
    "level": "#f-level",
    "audience": "#f-audience",
    "channel": "#f-channel",
}


def passes(index: dict[str, Any], entry: dict[str, Any], key: str, value: str) -> bool:
    if key == "domain":
        return bool(index["domains"][entry["d"]]["slug"] == value)
    field = {"mode": "m", "level": "l", "audience": "a", "channel": "ch"}[key]
    return value in entry[field]


@pytest.mark.parametrize(
    ("query", "form"),
    [
        ("q=低保&level=镇街", {"q": "低保", "level": "镇街"}),
        ("domain=shjz&mode=依申请", {"domain": "shjz", "mode": "依申请"}),
        ("audience=特定群体&channel=政府网站", {"audience": "特定群体", "channel": "政府网站"}),
        ("level=村（居）", {"level": "村（居）"}),
        ("q=低保+公示", {"q": "低保 公示"}),
        ("q=%E4%BD%8E%E4%BF%9D&mode=%E4%B8%BB%E5%8A%A8", {"q": "低保", "mode": "主动"}),
        # unknown values and parameters are ignored: the search is q=低保's
        ("q=低保&level=省级&mode=bogus&domain=nope&channel=&colour=red", {"q": "低保"}),
    ],
)
def test_search_url_parameters(desktop: Watched, query: str, form: dict[str, str]) -> None:
    """The documented address of a search (docs/publishing.md): the form and the results follow it."""
    from playwright.sync_api import expect

    page = desktop.goto("index.html?" + query)
    found(page)
    assert page.input_value("#q") == form.get("q", "")
    for key, selector in URL_FILTERS.items():
        assert page.input_value(selector) == form.get(key, ""), key
    index = page.evaluate("window.ZWGK_INDEX")
    entries = {entry["id"]: entry for entry in index["items"]}
    links = result_links(page)
    assert links
    for link in links:
        entry = entries[link.split("#")[1]]
        assert link.startswith(index["domains"][entry["d"]]["slug"] + ".html#")
        for key in URL_FILTERS:
            if form.get(key):
                assert passes(index, entry, key, form[key]), (link, key)
    terms = form.get("q", "").split()
    if terms:
        explained(page, [t for term in terms for t in (term, *SYNONYMS.get(term, ()))])
    # the address is rewritten to the search the page ran, unknown parts dropped
    expect(page).to_have_url(re.compile(re.escape("index.html?" + urlencode(form)) + "$"))
    if query.endswith("colour=red"):
        page.goto(desktop.base + "index.html?q=低保")
        found(page)
        assert result_links(page) == links
    assert desktop.problems == []


@pytest.mark.parametrize(
    ("viewport", "path"),
    [
        (DESKTOP, "index.html?q=政府信息公开"),
        (PHONE, "index.html?q=低保&level=镇街"),
        (PHONE, "index.html?q=没有这样的事项xyz"),
    ],
)
def test_search_axe_with_experimental_rules(
    browser: Any, site: Site, viewport: dict[str, int], path: str
) -> None:
    """axe-core (AXE_OPTIONS: the experimental rules and WCAG 2.2 AA included) on the search's
    states beyond test_accessibility_axe's: many results with 匹配 lines, the phone's filters open
    with a filter chosen, and nothing found."""
    from playwright.sync_api import expect

    watched = Watched(browser, site.base, viewport)
    page = watched.goto(path)
    expect(page.locator("#search-status")).to_have_text(re.compile("：(找到|没有找到)"))
    assert watched.problems == []
    # axe reads the stylesheets itself, which the page's CSP reports: checked after the page's own record
    assert axe_violations(page) == []
    watched.close()


def test_phone_layout_has_no_sideways_scrolling(phone: Watched, site: Site) -> None:
    for name in sorted(p.name for p in site.root.glob("*.html")):
        page = phone.goto(name)
        width = page.evaluate("document.scrollingElement.scrollWidth")
        assert width <= PHONE["width"], f"{name} scrolls sideways at phone width ({width}px)"
    page = phone.goto("shjz.html")
    assert page.locator("table.catalogue thead").evaluate("e => getComputedStyle(e).position") == "absolute"
    assert page.locator("#shjz-002 .cat-inline").is_visible()
    shot(page, "phone-shjz")
    shot(phone.goto("index.html"), "phone-index")
    shot(phone.goto("tasks.html"), "phone-tasks")
    assert phone.problems == []


def test_print_layout(desktop: Watched) -> None:
    page = desktop.goto("zdjsxm.html")
    page.emulate_media(media="print")
    assert page.locator(".site-nav").evaluate("e => getComputedStyle(e).display") == "none"
    assert page.locator(".pager").evaluate("e => getComputedStyle(e).display") == "none"
    assert (
        page.locator("table.catalogue thead").evaluate("e => getComputedStyle(e).display")
        == "table-header-group"
    )
    pdf = page.pdf(prefer_css_page_size=True)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "print-zdjsxm.pdf").write_bytes(pdf)
    assert pdf.startswith(b"%PDF")
    assert pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page ") + pdf.count(b"/Type/Page") >= 1


def axe_violations(page: Any) -> list[str]:
    """Every axe-core violation on `page` (experimental rules included, see AXE_OPTIONS), one line each."""
    try:
        from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]
    except ImportError:
        pytest.skip("axe-playwright-python is not installed (pip install -e '.[test]')")
    results = Axe().run(page, options=AXE_OPTIONS)
    return [
        f"{v['id']} [{v['impact']}]: {v['help']} ({len(v['nodes'])}: {v['nodes'][0]['target']})"
        for v in results.response["violations"]
    ]


# every kind of page the site has: the index with results showing, a domain, the task table, the
# coverage page, and a street's own index and domain pages
PAGE_KINDS = [
    "index.html?q=低保",
    "shjz.html",
    "tasks.html",
    "coverage.html",
    "units/longxi/index.html",
    "units/longxi/shjz.html",
]


@pytest.mark.parametrize("name", PAGE_KINDS)
def test_accessibility_axe(desktop: Watched, phone: Watched, name: str) -> None:
    for watched in (desktop, phone):
        page = watched.goto(name)
        if "?q=" in name:
            found(page)
        assert axe_violations(page) == [], (name, watched.context.pages[0].viewport_size)


def test_copy_buttons_are_named_by_their_visible_words(desktop: Watched) -> None:
    page = desktop.goto("shjz.html")
    button = page.locator("#shjz-004 button.copy-link")
    # what it shows: 复制链接 (the item's id is for screen readers, clipped to nothing on screen)
    assert button.locator("span").first.inner_text() == "复制链接"
    hidden = button.locator(".sr-only").bounding_box()
    assert hidden is not None
    assert hidden["width"] <= 1
    # the accessible name starts with what the button shows (WCAG 2.5.3 Label in Name): a voice
    # user saying "复制链接" reaches it; the item's id follows for screen readers
    name = page.get_by_role("button", name=re.compile(r"^复制链接\s*事项 shjz-004$"))
    assert name.count() == 1
    assert button.get_attribute("aria-label") is None


def test_pages_work_from_file_urls(browser: Any, site: Site) -> None:
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto((site.root / "index.html").as_uri())
    assert search(page, "低保")
    page.goto((site.root / "shjz.html").as_uri() + "#shjz-003")
    assert page.locator("button.copy-link").count() > 0
    context.close()
    assert problems == []


def test_hostile_catalogue_stays_inert(browser: Any, tmp_path: Path) -> None:
    from test_site import HOSTILE, hostile_catalogue

    out = tmp_path / "dist"
    build(hostile_catalogue(tmp_path), out)
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    events: list[str] = []
    page.on("dialog", lambda d: (events.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: events.append(str(e)))
    page.goto((out / "shjz.html").as_uri())
    assert page.locator("script").count() == 1
    assert page.locator("img, svg, [onerror], [onload]").count() == 0
    assert HOSTILE[0] in page.inner_text("#shjz-001")
    page.goto((out / "index.html").as_uri())
    results = search(page, "<script>")
    assert results
    assert any(HOSTILE[0] in r for r in results)
    assert page.locator("#search-results img, #search-results script, #search-results svg").count() == 0
    assert HOSTILE[2] in page.inner_text("main")
    page.wait_for_timeout(300)
    context.close()
    assert events == []


def test_changes_pages_in_the_browser(browser: Any, tmp_path: Path, repo: Path) -> None:
    from typer.testing import CliRunner

    from zwgk_cli.cli.app import app

    out = tmp_path / "dist"
    cwd = Path.cwd()
    os.chdir(repo)
    try:
        runner = CliRunner()
        assert runner.invoke(app, ["build", "catalogues", "-o", str(out), "--since", "v2020"]).exit_code == 0
        standalone = runner.invoke(app, ["diff", "v2020", "v2021", "--format", "html"]).stdout
    finally:
        os.chdir(cwd)
    (tmp_path / "standalone.html").write_text(standalone, encoding="utf-8")
    for path, viewport in [(out / "changes.html", DESKTOP), (tmp_path / "standalone.html", PHONE)]:
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        problems: list[str] = []
        page.on("console", lambda m, p=problems: p.append(m.text) if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e, p=problems: p.append(str(e)))
        page.on("request", lambda r, p=problems: None if r.url.startswith("file://") else p.append(r.url))
        page.goto(path.as_uri())
        assert "调整说明" in page.inner_text("h1")
        assert page.locator("table.changes-summary tbody tr").count() == 3
        assert page.evaluate("document.scrollingElement.scrollWidth") <= viewport["width"]
        assert problems == []
        shot(page, f"changes-{path.stem}")
        # axe reads the stylesheets itself, which the page's CSP reports: checked after the page's own record
        assert axe_violations(page) == []
        context.close()
    page = browser.new_page()
    page.goto((out / "changes.html").as_uri())
    page.click("a[href='shjz.html#shjz-005']")
    page.wait_for_url(re.compile("/shjz[.]html#shjz-005$"))
    page.wait_for_load_state("load")
    assert page.evaluate("document.getElementById('shjz-005').matches(':target')")
    page.close()


# ---- legible charts, columns that fit Chinese text, phone cards ----

CHART_GEOMETRY = """() => Array.from(document.querySelectorAll('figure.chart')).map(figure => {
  const box = figure.getBoundingClientRect();
  return Array.from(figure.querySelectorAll('table.bar-chart tbody tr')).map(row => {
    const label = row.querySelector('th');
    const bar = row.querySelector('svg.bar');
    const lb = label.getBoundingClientRect();
    const bb = bar.getBoundingClientRect();
    return {
      text: label.textContent, size: parseFloat(getComputedStyle(label).fontSize),
      valueSize: parseFloat(getComputedStyle(row.querySelector('.bar-value')).fontSize),
      label: [lb.left, lb.right], bar: [bb.left, bb.right],
      figure: [box.left, box.right], clipped: label.scrollWidth > label.clientWidth + 1,
      svgText: bar.querySelectorAll('text').length,
    };
  });
})"""


@pytest.mark.parametrize("viewport", [*WIDE, PHONE], ids=["1366", "1920", "phone"])
def test_chart_labels_are_legible_and_never_clipped(
    browser: Any, site: Site, viewport: dict[str, int]
) -> None:
    watched = Watched(browser, site.base, viewport)
    page = watched.goto("index.html")
    charts = page.evaluate(CHART_GEOMETRY)
    assert len(charts) == 5
    labels = [row for chart in charts for row in chart]
    assert "社区/企事业单位/村公示栏（电子屏）" in [row["text"] for row in labels]
    for row in labels:
        where = (row["text"], viewport["width"])
        assert row["size"] >= 12, where
        assert row["valueSize"] >= 12, where
        assert not row["clipped"], where
        left, right = row["label"][:2]
        # the whole label inside its chart, and clear of the bar drawn beside it
        assert row["figure"][0] - 0.5 <= left, where
        assert right <= row["figure"][1] + 0.5, where
        assert right <= row["bar"][0], where
        assert row["bar"][1] <= row["figure"][1] + 0.5, where
        assert row["svgText"] == 0, where  # no text inside a drawing that scales
    watched.close()
    assert watched.problems == []


# Text nodes in the domain tables that break with a single character on a line: one rectangle per
# line of a text node; a line one character wide is narrower than one and a half of its font size.
SHORT_LINES = """() => {
  const found = [];
  const cells = document.querySelectorAll('table.catalogue th, table.catalogue td');
  for (const cell of cells) {
    if (!cell.getClientRects().length) continue;
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
      const text = node.textContent.trim();
      if (text.length < 2 || node.parentElement.closest('.sr-only')) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const lines = Array.from(range.getClientRects()).filter(r => r.width > 0);
      const size = parseFloat(getComputedStyle(node.parentElement).fontSize);
      if (lines.length > 1 && lines.some(r => r.width < 1.5 * size)) {
        found.push((cell.closest('tr').id || 'thead') + ' ' + (cell.dataset.label || '') + ': ' + text);
      }
    }
  }
  return found;
}"""


@pytest.mark.parametrize("viewport", WIDE, ids=["1366", "1920"])
def test_domain_tables_fit_chinese_text_on_desktop_screens(
    browser: Any, site: Site, viewport: dict[str, int]
) -> None:
    watched = Watched(browser, site.base, viewport)
    short: list[str] = []
    for name in sorted(p.name for p in site.root.glob("*.html")):
        page = watched.goto(name)
        if page.locator("table.catalogue").count() == 0:
            continue
        short += [f"{name} {line}" for line in page.evaluate(SHORT_LINES)]
        # the table fits the screen: nothing to scroll sideways
        assert page.evaluate("document.scrollingElement.scrollWidth") <= viewport["width"], name
    assert short == []
    page = watched.goto("aqsc.html#aqsc-006")
    # the longest 特定群体 note of the catalogue takes a few lines, not one or two characters a line
    note = page.locator("#aqsc-006 .tick-note")
    lines = note.evaluate(
        "e => { const r = document.createRange(); r.selectNodeContents(e); "
        "return new Set(Array.from(r.getClientRects()).map(x => Math.round(x.top))).size; }"
    )
    assert 1 <= lines <= 6
    shot(page, f"desktop-{viewport['width']}-aqsc")
    watched.close()
    assert watched.problems == []


def test_phone_cards_label_each_fact_once(phone: Watched) -> None:
    page = phone.goto("aqsc.html#aqsc-006")
    card = page.locator("#aqsc-006")
    text = card.inner_text()
    # one line each for 公开对象, 公开方式 and 公开层级, not a labelled cell per √
    for label in ("公开对象", "公开方式", "公开层级"):
        assert text.count(label) == 1, (label, text)
    assert "√" not in text
    assert "全社会、特定群体（受邀列席的利益相关方、公众代表、专家和媒体）" in text
    # the 一级事项 above the name, with no separator left dangling
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert lines[0] == "政策文件"
    assert not any(line.endswith(("·", "：")) for line in lines), lines
    assert page.locator("#aqsc-006 .ticks-inline").is_visible()
    assert page.locator("#aqsc-006 td.tick").first.is_hidden()
    shot(page, "phone-aqsc-card")
    assert phone.problems == []


def test_a_streets_pages_name_the_street(desktop: Watched) -> None:
    page = desktop.goto("units/longxi/index.html")
    assert page.inner_text("h1") == "重庆市渝北区龙溪街道基层政务公开标准目录"
    assert page.inner_text("table.domain-list caption") == "重庆市渝北区龙溪街道基层政务公开标准目录领域一览"
    terms, values = (
        page.locator(".doc-meta dt").all_inner_texts(),
        page.locator(".doc-meta dd").all_inner_texts(),
    )
    facts = dict(zip(terms, values, strict=True))
    assert facts["发布机关"] == "重庆市渝北区人民政府龙溪街道办事处"
    assert "文号" not in facts
    assert facts["编制依据"].startswith(
        "《重庆市渝北区基层政务公开标准目录》（2020年版）\n《重庆市渝北区人民政府办公室关于"
    )
    page = desktop.goto("units/longxi/shjz.html")
    assert page.inner_text("table.catalogue caption").endswith("龙溪街道社会救助领域基层政务公开标准目录")
    assert desktop.problems == []
