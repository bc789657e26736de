"""Page weight on a first visit at phone size: requests, and bytes as transferred with gzip.

Run after `make site`: .venv/bin/python bench/page_weight.py [URL path ...]
The site is served by bench/serve.py, which gzips text as a production server does and counts every response
it sends — the page, its assets and the service worker's first fetches — at its size on the wire. Requests that
would leave the site are counted and listed.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.serve import SiteServer  # noqa: E402
from tests.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

PAGES = ["/topics/unpaid-wages/", "/en/topics/unpaid-wages/", "/", "/en/"]
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True}
# A service worker installs after the page has loaded and fetches what it keeps for offline use: wait for it.
SERVICE_WORKER_READY = """async () => {
  const registration = navigator.serviceWorker && await navigator.serviceWorker.getRegistration();
  if (registration) await Promise.race([navigator.serviceWorker.ready, new Promise(r => setTimeout(r, 10000))]);
}"""


@dataclass
class PageWeight:
    requests: int  # answered by the site's server
    gzip_bytes: int  # response bodies as sent
    outside: list[str] = field(default_factory=list)  # addresses outside the site the browser asked for


def measure(browser, server: SiteServer, path: str, service_workers: str = "allow") -> PageWeight:
    """A first visit in a fresh browser profile; with service_workers="block", the page alone."""
    context = browser.new_context(**PHONE, service_workers=service_workers)
    outside: list[str] = []

    def note_outside(request) -> None:
        if request.url.startswith(("http:", "https:")) and not request.url.startswith(server.base):
            outside.append(request.url)

    context.on("request", note_outside)
    page = context.new_page()
    server.traffic.reset()
    page.goto(server.base + path)
    page.wait_for_load_state("networkidle")
    page.evaluate(SERVICE_WORKER_READY)
    server.traffic.wait_quiet()
    weight = PageWeight(server.traffic.responses, server.traffic.body_bytes, outside)
    context.close()
    return weight


def main(paths: list[str]) -> None:
    with SiteServer(ROOT / "site") as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for path in paths or PAGES:
            visit, page = measure(browser, server, path), measure(browser, server, path, "block")
            print(f"{path:32} {visit.requests:3d} requests  {visit.gzip_bytes / 1024:6.1f} KB gzip  "
                  f"outside the site: {len(visit.outside)}  (the page alone, without the service worker's "
                  f"install: {page.requests} requests, {page.gzip_bytes / 1024:.1f} KB)")
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1:])
