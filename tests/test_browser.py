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
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest

from conftest import ROOT
from zwgk_cli.build.builder import build

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
    build(ROOT / "catalogues", out)
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


@pytest.mark.parametrize("name", ["index.html", "shjz.html", "tasks.html"])
def test_accessibility_axe(desktop: Watched, name: str) -> None:
    try:
        from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]
    except ImportError:
        pytest.skip("axe-playwright-python is not installed (pip install -e '.[test]')")
    page = desktop.goto(name + ("?q=低保" if name == "index.html" else ""))
    page.wait_for_timeout(200)
    results = Axe().run(page)
    violations = [f"{v['id']}: {v['help']} ({len(v['nodes'])})" for v in results.response["violations"]]
    assert violations == []


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
    from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]
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
        assert Axe().run(page).response["violations"] == []
        context.close()
    page = browser.new_page()
    page.goto((out / "changes.html").as_uri())
    page.click("a[href='shjz.html#shjz-005']")
    page.wait_for_url(re.compile("/shjz[.]html#shjz-005$"))
    page.wait_for_load_state("load")
    assert page.evaluate("document.getElementById('shjz-005').matches(':target')")
    page.close()
