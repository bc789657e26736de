"""Editor text never runs as script: a payload in every text field of the example project is shown literally."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import FIXTURE, ROOT, serve

PAYLOADS = [
    "<svg/onload=window.__xss=1>",
    '"><img src=x onerror=window.__xss=1>',
    "'><script>window.__xss=1</script>",
    "<!--<script>window.__xss=1//",
    "</script><script>window.__xss=1</script>",
    "[x](javascript:window.__xss=1)",
    "&lt;b&gt; & {{ 7*7 }}",
]
# Free text outside the {zh, en} pairs; every other plain string is an id, a code, a date or a citation.
FREE_TEXT = {"reviewed_by", "source", "document_number", "checked_at", "title", "printed", "printed_title"}


def poison(data, payloads: list[str], loc=()):
    """Append a payload (in turn) to every text of loaded YAML data; return the (text, payload) pairs written."""
    written = []
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, str) and (key in ("zh", "en") or key in FREE_TEXT) and "cites" not in loc:
                payload = payloads.pop(0)
                payloads.append(payload)
                data[key] = value + " " + payload
                written.append(data[key])
            else:
                written += poison(value, payloads, loc + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            if isinstance(value, str) and loc and loc[-1] in ("zh", "en"):  # keyword lists
                payload = payloads.pop(0)
                payloads.append(payload)
                data[i] = value + " " + payload
                written.append(data[i])
            else:
                written += poison(value, payloads, loc + (i,))
    return written


@pytest.fixture(scope="module")
def poisoned_site(tmp_path_factory):
    project = tmp_path_factory.mktemp("poisoned")
    shutil.copytree(FIXTURE / "guides_src", project / "guides_src")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", project / "overrides")
    payloads = list(PAYLOADS)
    texts = []
    for path in sorted((project / "guides_src").rglob("*.yaml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        texts += poison(data, payloads)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), "utf-8")
    completed = subprocess.run([sys.executable, "-m", "generator", "--root", str(project), "build"],
                               capture_output=True, text=True, cwd=ROOT)
    assert completed.returncode == 0, completed.stderr
    return project, texts


def test_every_text_field_got_a_payload(poisoned_site):
    _, texts = poisoned_site
    assert len(texts) > 150
    for payload in PAYLOADS:
        assert sum(text.endswith(payload) for text in texts) > 10, payload


def test_payloads_run_nowhere_and_show_literally(poisoned_site, browser):
    project, _ = poisoned_site
    site = project / "site"
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                   if not p.relative_to(site).as_posix().startswith("pagefind"))
    assert len(pages) > 80
    server, base = serve(site)
    # The Content-Security-Policy is bypassed so that escaping alone is tested.
    context = browser.new_context(bypass_csp=True, service_workers="block")
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    shown = set()
    try:
        for relative in pages:
            page.goto(f"{base}/{relative}")
            page.wait_for_load_state("load")
            assert page.evaluate("window.__xss") is None, f"a payload ran on {relative}"
            text = page.evaluate("document.documentElement.innerText + ' ' + document.title + ' ' + "
                                 "(document.querySelector('meta[name=description]') || {}).content")
            shown.update(payload for payload in PAYLOADS if payload in text)
    finally:
        context.close()
        server.shutdown()
    assert dialogs == []
    assert shown == set(PAYLOADS), f"not shown literally anywhere: {set(PAYLOADS) - shown}"


def test_topic_title_is_shown_as_written(poisoned_site, browser):
    project, _ = poisoned_site
    topic = yaml.safe_load((project / "guides_src/topics/example-topic.yaml").read_text("utf-8"))
    title, summary = topic["title"]["en"], topic["summary"]["en"]
    server, base = serve(project / "site")
    context = browser.new_context(bypass_csp=True, service_workers="block")
    page = context.new_page()
    try:
        page.goto(f"{base}/en/topics/example-topic/")
        assert page.locator("h1").first.inner_text() == title
        assert page.title().startswith(title)
        assert page.locator("meta[name=description]").get_attribute("content") == summary
        assert page.locator(".md-header__topic").last.inner_text().strip() == title
    finally:
        context.close()
        server.shutdown()


def test_payloads_are_literal_in_leaflet_pdf(poisoned_site):
    project, _ = poisoned_site
    title = yaml.safe_load((project / "guides_src/topics/example-topic.yaml").read_text("utf-8"))["title"]["en"]
    pdf = project / "site/downloads/leaflets/example-topic-en.pdf"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "".join(title.split()) in "".join(text.split())  # a line may break anywhere in the payload


def test_poisoned_calculator_page_still_computes(poisoned_site, browser):
    """A label holding "<!--<script>" once broke the JSON inside the page's script element."""
    from .test_calculators import fill

    project, _ = poisoned_site
    server, base = serve(project / "site")
    context = browser.new_context(bypass_csp=True, service_workers="block")
    page = context.new_page()
    try:
        page.goto(f"{base}/en/tools/overtime/")
        fill(page, {"monthlyWage": "4350", "workdayHours": "10", "holidayHours": "8"})
        assert page.locator("[data-answer]").inner_text().endswith("975.00 yuan")
    finally:
        context.close()
        server.shutdown()


def test_search_excerpts_of_poisoned_text_run_nothing(poisoned_site, browser):
    from .test_search import search

    project, _ = poisoned_site
    server, base = serve(project / "site")
    context = browser.new_context(bypass_csp=True, service_workers="block")
    page = context.new_page()
    try:
        page.goto(f"{base}/en/")
        links = search(page, "onerror")
        assert links, "the poisoned topic should be found by a word of its payload"
        assert page.evaluate("window.__xss") is None
        assert "onerror=window.__xss=1" in page.locator(".portal-search__results").inner_text()
    finally:
        context.close()
        server.shutdown()
