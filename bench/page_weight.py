"""Page weight on a first visit at phone size: requests, and bytes as transferred with gzip.

Run after `make site`: .venv/bin/python bench/page_weight.py [URL path ...]
Each response is counted at its gzip -6 size (what a gzip-serving web server sends); requests that
would leave the site are counted and listed.
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.search import gzip_size  # noqa: E402
from tests.conftest import CHROMIUM, CHROMIUM_ARGS, _QuietHandler  # noqa: E402

PAGES = ["/topics/unpaid-wages/", "/en/topics/unpaid-wages/", "/", "/en/"]


def measure(browser, base: str, site: Path, path: str) -> tuple[int, int, list[str]]:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    local: list[str] = []
    outside: list[str] = []
    page.on("request", lambda r: (local if r.url.startswith(base) else outside).append(r.url))
    page.goto(base + path)
    page.wait_for_load_state("networkidle")
    context.close()
    total = 0
    for url in local:
        relative = url[len(base):].split("?")[0].lstrip("/")
        file = site / relative
        total += gzip_size(file / "index.html" if file.is_dir() else file)
    return len(local), total, outside


def main(paths: list[str]) -> None:
    site = ROOT / "site"
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for path in paths or PAGES:
            requests, size, outside = measure(browser, base, site, path)
            print(f"{path:32} {requests:3d} requests  {size / 1024:6.1f} KB gzip  outside the site: {len(outside)}")
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main(sys.argv[1:])
