"""Offline reading: a page opened once opens again with the network off, in its own language only; the
whole site as a zip that works from a USB stick."""

import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from .conftest import serve
from .test_search import search


def wait_until_cached(page) -> None:
    page.evaluate("navigator.serviceWorker.ready")
    # In a page cache (pages-zh-… or pages-en-…), not just anywhere.
    page.wait_for_function("""async () => {
        for (const name of (await caches.keys()).filter(n => n.startsWith("pages-"))) {
            if (await (await caches.open(name)).match(location.href.split("#")[0])) return true;
        }
        return false; }""", timeout=15_000)


def test_a_visited_page_opens_without_a_network(phone, site_server):
    phone.goto(site_server + "/topics/work-injury/")
    wait_until_cached(phone)
    title = phone.locator("h1").inner_text()
    phone.context.set_offline(True)
    try:
        phone.reload()
        assert phone.locator("h1").inner_text() == title
        assert phone.evaluate("getComputedStyle(document.querySelector('.md-header')).position") != "static", \
            "the stylesheet came from the cache too"
        # A page never visited is not replaced by another page, in either language.
        response_error = None
        try:
            phone.goto(site_server + "/en/topics/work-injury/")
        except Exception as error:  # the browser's own offline error page
            response_error = error
        assert response_error is not None or phone.locator("h1").count() == 0
    finally:
        phone.context.set_offline(False)


def test_each_language_keeps_its_own_pages(phone, site_server):
    phone.goto(site_server + "/en/topics/probation/")
    wait_until_cached(phone)
    caches = phone.evaluate("""async () => {
        const out = {};
        for (const name of await caches.keys()) {
            out[name] = (await (await caches.open(name)).keys()).map(r => new URL(r.url).pathname);
        }
        return out; }""")
    en_pages = [paths for name, paths in caches.items() if name.startswith("pages-en-")]
    zh_pages = [paths for name, paths in caches.items() if name.startswith("pages-zh-")]
    assert en_pages and "/en/topics/probation/" in en_pages[0]
    assert all(not path.startswith("/en/") for paths in zh_pages for path in paths)


@pytest.fixture(scope="module")
def unzipped(real_site, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("usb-stick")
    with zipfile.ZipFile(real_site / "downloads" / "offline-site.zip") as archive:
        archive.extractall(folder)
    return folder / "workers-legal-help"


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.targets: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value and not value.startswith(("#", "tel:", "mailto:", "data:")):
                self.targets.append(value)


def test_offline_zip_links_only_to_files_inside_it(unzipped, real_site):
    pages = list(unzipped.rglob("*.html"))
    assert len(pages) == len(list(real_site.rglob("index.html"))), "every page of the site is in the zip"
    assert (unzipped / "README.txt").read_text("utf-8").count("index.html") >= 2
    assert (unzipped / "downloads" / "practitioner-guide-zh.pdf").exists()
    assert not (unzipped / "downloads" / "offline-site.zip").exists()
    broken = []
    for page in pages:
        parser = _Links()
        parser.feed(page.read_text("utf-8"))
        for target in parser.targets:
            if target.startswith(("http://", "https://")):
                continue  # links out (printed page addresses, official sources) are the reader's choice
            path = (page.parent / target.split("#")[0].split("?")[0]).resolve()
            if target.startswith("/") or not path.exists() or path.is_dir():
                broken.append(f"{page.relative_to(unzipped)}: {target}")
    assert not broken, broken[:10]


def test_offline_zip_reads_from_a_phone_file_viewer(browser, unzipped):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    outside: list[str] = []
    page.on("request", lambda r: None if r.url.startswith("file://") else outside.append(r.url))
    try:
        page.goto((unzipped / "index.html").as_uri())
        page.locator(".md-content a[href*='topics/']").first.click()
        page.wait_for_load_state()
        assert page.url.startswith("file://") and page.url.endswith(".html")
        assert page.locator("h1").count() == 1
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") != "static"
        page.fill("#portal-search-input", "工资")
        page.wait_for_function("document.querySelector('#portal-search-status').textContent.length > 0")
        assert "不能搜索" in page.locator("#portal-search-status").inner_text()
        page.goto((unzipped / "en" / "index.html").as_uri())
        assert page.locator("html").get_attribute("lang") == "en"
    finally:
        context.close()
    assert not outside


def test_offline_zip_searches_when_served(phone, unzipped):
    server, base = serve(unzipped)
    try:
        phone.goto(base + "/en/index.html")
        links = search(phone, "unpaid wages")
        assert links and all(link.split("#")[0].endswith(".html") for link in links), links
        phone.goto(links[0])
        assert phone.locator("h1").count() == 1
    finally:
        server.shutdown()
