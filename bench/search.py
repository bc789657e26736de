"""Search benchmark: Pagefind (what the site uses) against Material's built-in search, on tests/search_queries.yaml.

Prints, per engine and language: top-1 / top-3 hit rate, bytes transferred (gzip) to run searches, build time;
and for Pagefind the time from typing to results with Chromium's CPU throttled 4×.
Run: .venv/bin/python bench/search.py   (builds into a temporary folder; the real site/ is not touched)
"""

from __future__ import annotations

import functools
import gzip
import http.server
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.conftest import CHROMIUM, CHROMIUM_ARGS, _QuietHandler  # noqa: E402

QUERIES = yaml.safe_load((ROOT / "tests/search_queries.yaml").read_text("utf-8"))
MATERIAL_SEARCH = """  - search:
      pipeline: [stopWordFilter]
      separator: '[\\s\\u200b\\u3000\\-、。，．？！；]+'
"""


def serve(folder: Path):
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def gzip_size(path: Path) -> int:
    data = path.read_bytes()
    # Pagefind's index files are already gzip-compressed; count them as they are.
    return len(data) if data[:2] == b"\x1f\x8b" else len(gzip.compress(data, 6))


def build_variants(work: Path) -> dict[str, tuple[Path, float]]:
    """Build the real content twice: as shipped (Pagefind) and with Material's search plugin instead."""
    for name in ("guides_src", "overrides", "mkdocs.yml"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, work / name)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "generator", "--root", str(work), "build"], check=True, capture_output=True)
    pagefind = (work / "site", time.perf_counter() - started)
    config = (work / "mkdocs.yml").read_text("utf-8")
    config = config.replace("plugins:\n", "plugins:\n" + MATERIAL_SEARCH, 1)
    (work / "mkdocs.yml").write_text(config, "utf-8")
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(work / "material")],
                   cwd=work, check=True, capture_output=True)
    material = (work / "material", time.perf_counter() - started)
    return {"pagefind": pagefind, "material": material}


def slug_of(url: str) -> str:
    return url.split("/topics/")[1].split("/")[0] if "/topics/" in url else url


def run_pagefind(page, base: str, lang: str) -> tuple[list[list[str]], list[float]]:
    page.goto(base + ("/" if lang == "zh" else "/en/"))
    answers, timings = [], []
    for item in QUERIES[lang]:
        page.fill("#portal-search-input", "")
        started = time.perf_counter()
        page.fill("#portal-search-input", item["query"])
        page.wait_for_function("q => document.querySelector('.portal-search').dataset.shown === q",
                               arg=item["query"], timeout=20_000)
        timings.append(time.perf_counter() - started)
        answers.append(page.eval_on_selector_all(".portal-search__results a", "els => els.map(e => e.href)"))
    return answers, timings


def run_material(page, base: str, lang: str) -> list[list[str]]:
    page.goto(base + ("/" if lang == "zh" else "/en/"))
    page.click("label[for=__search]")
    answers = []
    for item in QUERIES[lang]:
        page.fill(".md-search__input", item["query"])
        page.press(".md-search__input", "End")  # Material searches on keyup only
        page.wait_for_timeout(400)
        answers.append(page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href)"))
    return answers


def hit_rates(answers: list[list[str]], lang: str) -> str:
    prefix = "/en/topics/" if lang == "en" else "/topics/"
    top1 = top3 = other_lang = 0
    for item, urls in zip(QUERIES[lang], answers):
        own = [u for u in urls if prefix in u and (lang == "en" or "/en/" not in u)]
        other_lang += len(urls) - len(own)
        slugs = [slug_of(u) for u in urls]
        top1 += slugs[:1] == [item["expect"]] and bool(own[:1]) and urls[0] == own[0]
        top3 += item["expect"] in [slug_of(u) for u in urls[:3] if u in own]
    n = len(QUERIES[lang])
    return f"top-1 {top1}/{n} ({top1 / n:.0%}), top-3 {top3}/{n} ({top3 / n:.0%}), results from the other language: {other_lang}"


def transferred(requests: list[str], site: Path, pattern: str) -> int:
    paths = {re.sub(r"\?.*$", "", url.split("127.0.0.1", 1)[1].split("/", 1)[1]) for url in requests}
    return sum(gzip_size(site / p) for p in paths if re.search(pattern, p) and (site / p).is_file())


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        variants = build_variants(Path(tmp))
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for engine, (site, seconds) in variants.items():
            print(f"\n== {engine}: build {seconds:.1f}s (generator + mkdocs{' + pagefind' if engine == 'pagefind' else ''})")
            server, base = serve(site)
            for lang in ("zh", "en"):
                context = browser.new_context(viewport={"width": 390, "height": 844})
                page = context.new_page()
                requests: list[str] = []
                page.on("request", lambda r: requests.append(r.url))
                if engine == "pagefind":
                    answers, _ = run_pagefind(page, base, lang)
                    page.wait_for_load_state("networkidle")
                    size = transferred(requests, site, r"^pagefind/")
                else:
                    answers = run_material(page, base, lang)
                    size = transferred(requests, site, r"^(search/|assets/javascripts/(lunr|workers)/)")
                print(f"  {lang}: {hit_rates(answers, lang)}; search data transferred {size / 1024:.1f} KB gzip")
                context.close()
            if engine == "pagefind":
                for lang in ("zh", "en"):
                    context = browser.new_context(viewport={"width": 390, "height": 844})
                    page = context.new_page()
                    cdp = context.new_cdp_session(page)
                    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
                    _, timings = run_pagefind(page, base, lang)
                    timings = timings[1:]  # the first query also loads the index
                    print(f"  {lang}, CPU ×4: typing → results median {statistics.median(timings) * 1000:.0f} ms, "
                          f"max {max(timings) * 1000:.0f} ms over {len(timings)} queries")
                    context.close()
            server.shutdown()
        browser.close()


if __name__ == "__main__":
    main()
