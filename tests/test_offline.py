"""Offline reading: a page opened once opens again with the network off, in its own language only; the
whole site as a zip that works from a USB stick."""

import functools
import http.server
import os
import re
import shutil
import threading
import time
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.qr import site_url

from .conftest import ROOT, _QuietHandler, serve
from .test_content import real_content
from .test_search import search


def wait_for(page, predicate: str, timeout: float = 15.0) -> None:
    """Poll an async JavaScript predicate until it is true (Playwright's wait_for_function takes the Promise an
    async function returns for a true value at once, so it cannot wait for the Cache API)."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(predicate):
        assert time.monotonic() < deadline, f"still false after {timeout} s: {predicate}"
        page.wait_for_timeout(200)


def worker_ready(page, seconds: int = 15) -> None:
    """Wait until a service worker is active for the page (failing, not hanging, if none ever is)."""
    assert page.evaluate(f"""Promise.race([navigator.serviceWorker.ready.then(() => true),
                                          new Promise((resolve) => setTimeout(() => resolve(false), {seconds * 1000}))])"""), \
        f"no service worker active after {seconds} s"


def wait_until_cached(page) -> None:
    worker_ready(page)
    # In a page cache (pages-zh-… or pages-en-…), not just anywhere.
    wait_for(page, """async () => {
        for (const name of (await caches.keys()).filter(n => n.startsWith("pages-"))) {
            if (await (await caches.open(name)).match(location.href.split("#")[0])) return true;
        }
        return false; }""")


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
    # The publicity team's files stay online: the print pages link to them on the site.
    assert not any((unzipped / "downloads" / folder).exists() for folder in ("share", "cards", "posters"))
    print_page = (unzipped / "en/print/dismissal/index.html").read_text("utf-8")
    assert f'href="{site_url(ROOT / "mkdocs.yml")}downloads/cards/dismissal-en.pdf"' in print_page
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
        page.wait_for_function("() => document.querySelector('#portal-search-status').textContent.length > 0")
        assert "不能搜索" in page.locator("#portal-search-status").inner_text()
        page.goto((unzipped / "en" / "index.html").as_uri())
        assert page.locator("html").get_attribute("lang") == "en"
        # The calculators need a server; offline.js (a file, as the policy wants) says so on their pages.
        page.goto((unzipped / "tools" / "severance" / "index.html").as_uri())
        page.locator("[data-tool-file]").wait_for(state="visible", timeout=5_000)
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


FULL_DISK = """async () => {  // proof that the quota holds: a small write is refused
    try { await (await caches.open("probe")).put("/probe", new Response("x".repeat(100000))); return "stored"; }
    catch (error) { return error.name; } }"""


@pytest.fixture
def full_disk(phone, site_server):
    """Call to give the phone no free storage: Chrome's quota for the site shrunk to 1 byte (DevTools Protocol).
    The override holds for the origin in the whole browser, so it is lifted after the test."""
    session = phone.context.new_cdp_session(phone)
    yield lambda: session.send("Storage.overrideQuotaForOrigin", {"origin": site_server, "quotaSize": 1})
    session.send("Storage.overrideQuotaForOrigin", {"origin": site_server})


def test_pages_load_when_the_disk_is_full_from_the_first_visit(phone, site_server, full_disk):
    phone.goto(site_server + "/")
    full_disk()
    assert phone.evaluate(FULL_DISK) == "QuotaExceededError"
    for visit in (1, 2):
        response = phone.goto(site_server + "/topics/work-injury/")
        assert response.status == 200, visit
        assert phone.locator("h1").inner_text() == real_content().topic("work-injury").title("zh")
        # The worker installs all the same (without its offline copies) and answers the second visit.
        worker_ready(phone)
    assert phone.evaluate("navigator.serviceWorker.controller !== null")
    response = phone.goto(site_server + "/en/tools/severance/")
    assert response.status == 200 and phone.locator("form.tool-form").count() == 1
    assert phone.evaluate("getComputedStyle(document.querySelector('.md-header')).position") != "static"


def test_pages_load_when_the_disk_fills_after_the_worker_is_installed(phone, site_server, full_disk):
    """A failed copy into the cache is not a network failure: the server's answer is shown."""
    phone.goto(site_server + "/topics/probation/")
    wait_until_cached(phone)
    phone.reload()
    assert phone.evaluate("navigator.serviceWorker.controller !== null")
    full_disk()
    assert phone.evaluate(FULL_DISK) == "QuotaExceededError"
    for visit in (1, 2):
        for path, slug in [("/topics/dismissal/", "dismissal"), ("/topics/overtime-pay/", "overtime-pay")]:
            response = phone.goto(site_server + path)
            assert response.status == 200, (visit, path)
            assert phone.locator("h1").inner_text() == real_content().topic(slug).title("zh")
    assert phone.evaluate("navigator.serviceWorker.controller !== null")
    # Assets the worker had not kept yet come from the network too: the calculators' scripts.
    phone.goto(site_server + "/tools/overtime/")
    from .test_calculators import fill

    fill(phone, {"monthlyWage": "4350", "workdayHours": "10", "holidayHours": "8"})
    assert phone.locator("[data-answer]").inner_text() == "加班费（至少）：975.00 元"


class _CachingHandler(_QuietHandler):
    """GitHub Pages' headers: every file is fresh in the browser's HTTP cache for ten minutes."""

    def end_headers(self):
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()


def test_a_new_deployment_brings_its_own_stylesheet(built_example, phone, tmp_path):
    """The worker of a new build keeps that build's portal.css, not the copy still fresh in the HTTP cache."""
    site = tmp_path / "site"
    shutil.copytree(built_example / "site", site)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_CachingHandler,
                                                                                  directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    marker = "getComputedStyle(document.body).getPropertyValue('--deployment').trim()"
    kept = """async () => { const name = (await caches.keys()).filter(n => n.startsWith("core-")).join();
        const copy = name && await (await caches.open(name)).match(new URL("/assets/stylesheets/portal.css", location));
        return [name, copy ? await copy.text() : null]; }"""
    try:
        phone.goto(base + "/topics/")
        wait_until_cached(phone)
        assert phone.evaluate(marker) == ""
        # The second deployment, as a new build would publish it: a changed stylesheet and a new worker version.
        css = site / "assets" / "stylesheets" / "portal.css"
        css.write_text(css.read_text("utf-8") + "\nbody { --deployment: second; }\n", "utf-8")
        later = time.time() + 60
        os.utime(css, (later, later))
        worker = site / "sw.js"
        old = re.search(r'const VERSION = "([0-9a-f]+)"', worker.read_text("utf-8")).group(1)
        worker.write_text(worker.read_text("utf-8").replace(old, "0123456789abcdef"), "utf-8")
        # A visit lets the browser look for a new worker (Chrome does so a moment after the page has loaded);
        # this one installs and takes over at once.
        phone.reload()
        wait_for(phone, """async () => (await caches.keys()).filter(n => n.startsWith("core-")).join()
                                    === "core-0123456789abcdef" """, timeout=20)
        phone.reload()
        name, copy = phone.evaluate(kept)
        assert name == "core-0123456789abcdef", "the new worker took over and the old build's copies are gone"
        assert copy is not None and "--deployment: second" in copy
        assert phone.evaluate(marker) == "second"
    finally:
        server.shutdown()
