"""Editor text never runs as script: a payload in every text field of the example project is shown literally."""

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import ROOT, copy_example, serve

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


def poison(data, payloads: list[str], loc=()) -> list[str]:
    """Append a payload (in turn) to every text of loaded YAML data; return the texts written."""
    written = []
    entries = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else []
    for key, value in list(entries):
        field = key if isinstance(key, str) else loc[-1] if loc else ""  # a list's entries: the list's field
        if isinstance(value, str) and field in {"zh", "en", *FREE_TEXT} and "cites" not in loc:
            payloads.append(payloads.pop(0))
            data[key] = f"{value} {payloads[-1]}"
            written.append(data[key])
        else:
            written += poison(value, payloads, loc + (key,))
    return written


@pytest.fixture(scope="module")
def poisoned_site(tmp_path_factory):
    project = copy_example(tmp_path_factory.mktemp("poisoned"))
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


@pytest.fixture
def poisoned_page(poisoned_site, browser):
    """A browser page on the poisoned site, with the Content-Security-Policy bypassed so that escaping alone is
    tested; yields (page, base URL)."""
    project, _ = poisoned_site
    server, base = serve(project / "site")
    context = browser.new_context(bypass_csp=True, service_workers="block")
    yield context.new_page(), base
    context.close()
    server.shutdown()


def test_every_text_field_got_a_payload(poisoned_site):
    _, texts = poisoned_site
    assert len(texts) > 150
    for payload in PAYLOADS:
        assert sum(text.endswith(payload) for text in texts) > 10, payload


def test_payloads_run_nowhere_and_show_literally(poisoned_site, poisoned_page):
    project, _ = poisoned_site
    page, base = poisoned_page
    site = project / "site"
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                   if not p.relative_to(site).as_posix().startswith("pagefind"))
    assert len(pages) > 80
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    shown = set()
    for relative in pages:
        page.goto(f"{base}/{relative}")
        page.wait_for_load_state("load")
        assert page.evaluate("window.__xss") is None, f"a payload ran on {relative}"
        text = page.evaluate("document.documentElement.innerText + ' ' + document.title + ' ' + "
                             "(document.querySelector('meta[name=description]') || {}).content")
        shown.update(payload for payload in PAYLOADS if payload in text)
    assert dialogs == []
    assert shown == set(PAYLOADS), f"not shown literally anywhere: {set(PAYLOADS) - shown}"


def test_topic_title_is_shown_as_written(poisoned_site, poisoned_page):
    project, _ = poisoned_site
    page, base = poisoned_page
    topic = yaml.safe_load((project / "guides_src/topics/example-topic.yaml").read_text("utf-8"))
    title, summary = topic["title"]["en"], topic["summary"]["en"]
    page.goto(f"{base}/en/topics/example-topic/")
    assert page.locator("h1").first.inner_text() == title
    assert page.title().startswith(title)
    assert page.locator("meta[name=description]").get_attribute("content") == summary
    assert page.locator(".md-header__topic").last.inner_text().strip() == title


def test_payloads_are_literal_in_leaflet_pdf(poisoned_site):
    project, _ = poisoned_site
    title = yaml.safe_load((project / "guides_src/topics/example-topic.yaml").read_text("utf-8"))["title"]["en"]
    pdf = project / "site/downloads/leaflets/example-topic-en.pdf"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "".join(title.split()) in "".join(text.split())  # a line may break anywhere in the payload


def test_poisoned_calculator_page_still_computes(poisoned_page):
    """A label holding "<!--<script>" once broke the JSON inside the page's script element."""
    from .test_calculators import fill

    page, base = poisoned_page
    page.goto(f"{base}/en/tools/overtime/")
    fill(page, {"monthlyWage": "4350", "workdayHours": "10", "holidayHours": "8"})
    assert page.locator("[data-answer]").inner_text().endswith("975.00 yuan")


def test_search_results_of_poisoned_text_run_nothing(poisoned_site, poisoned_page):
    from .test_search import search

    project, _ = poisoned_site
    page, base = poisoned_page
    title = yaml.safe_load((project / "guides_src/topics/example-topic.yaml").read_text("utf-8"))["title"]["en"]
    page.goto(f"{base}/en/")
    assert search(page, "example topic title"), "the poisoned topic should be found by its title"
    assert page.evaluate("window.__xss") is None
    assert title in page.locator(".portal-search__results").inner_text()
