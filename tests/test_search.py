"""Search as a worker uses it: typed into the real search box on a phone, in each language."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import ROOT, _QuietHandler

QUERIES = yaml.safe_load((Path(__file__).parent / "search_queries.yaml").read_text("utf-8"))
MIN_TOP3 = 0.90
HIT_RATES: dict[str, str] = {}


def search(page, query: str) -> list[str]:
    """Type a query into the search box and return the result links, best first."""
    page.fill("#portal-search-input", "")
    page.fill("#portal-search-input", query)
    page.wait_for_function(
        "q => document.querySelector('#portal-search-input').value === q"
        " && document.querySelector('.portal-search').dataset.shown === q", arg=query, timeout=10_000)
    return page.eval_on_selector_all(".portal-search__results a", "links => links.map(a => a.href)")


def slug_of(url: str) -> str:
    return url.split("/topics/")[1].split("/")[0] if "/topics/" in url else url


def match_of(page) -> str:
    """"good" when the search box shows pages, "none" when it says nothing matches the query well."""
    return page.eval_on_selector(".portal-search", "form => form.dataset.match")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_query_set_finds_the_right_topic(phone, site_server, lang):
    phone.goto(site_server + ("/" if lang == "zh" else "/en/"))
    misses, top1, top3, no_match = [], 0, 0, 0
    for item in QUERIES[lang]:
        slugs = [slug_of(url) for url in search(phone, item["query"])]
        no_match += match_of(phone) == "none"
        top1 += slugs[:1] == [item["expect"]]
        top3 += item["expect"] in slugs[:3]
        if item["expect"] not in slugs[:3]:
            misses.append(f"{item['query']!r} → {slugs[:3]} (expected {item['expect']})")
    total = len(QUERIES[lang])
    HIT_RATES[lang] = (f"top-1 {top1}/{total} ({top1 / total:.0%}), top-3 {top3}/{total} ({top3 / total:.0%}), "
                       f"no good match {no_match}/{total}")
    print(f"\nsearch hit rate {lang}: {HIT_RATES[lang]}")
    assert total >= 30
    assert top3 / total >= MIN_TOP3, f"{lang}: {HIT_RATES[lang]}; misses: {misses}"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_off_topic_queries_say_nothing_matches_and_offer_topics_and_12348(phone, site_server, lang):
    home = site_server + ("/" if lang == "zh" else "/en/")
    phone.goto(home)
    form = phone.locator(".portal-search")
    message = form.get_attribute("data-no-match")
    assert message == {"zh": "没有找到和你的问题对得上的内容。", "en": "Nothing on this site matches your question well."}[lang]
    near = [query for query in QUERIES["near_topic"][lang] if search(phone, query) and match_of(phone) == "good"]
    shown = []
    for query in QUERIES["off_topic"][lang]:
        links = search(phone, query)
        if match_of(phone) != "none" or links != [home + "topics/", "tel:12348"]:
            shown.append(f"{query!r} → {[slug_of(url) for url in links]}")
            continue
        assert phone.inner_text("#portal-search-status") == message
        assert phone.locator(".portal-search__results strong").all_inner_texts() == [
            form.get_attribute("data-no-match-topics"), form.get_attribute("data-no-match-call")]
    off_total = len(QUERIES["off_topic"][lang])
    HIT_RATES[f"{lang}, off-topic"] = (f"no good match {off_total - len(shown)}/{off_total}; near-topic queries "
                                       f"showing pages {len(near)}/{len(QUERIES['near_topic'][lang])}")
    print(f"\nsearch off-topic {lang}: {HIT_RATES[f'{lang}, off-topic']}")
    assert off_total >= 15
    assert not shown, f"{lang}: off-topic queries that showed pages: {shown}"
    phone.click(".portal-search__results a >> nth=0")
    phone.wait_for_url(home + "topics/")
    assert phone.locator("h1").inner_text() == {"zh": "全部问题", "en": "All questions"}[lang]


def test_a_query_that_matches_shows_pages_not_the_no_match_offer(phone, site_server):
    phone.goto(site_server + "/topics/probation/")
    assert [slug_of(url) for url in search(phone, "离职体检")][:1] == ["occupational-disease"]
    assert match_of(phone) == "good"
    assert not phone.locator(".portal-search__results a[href^='tel:']").count()
    assert "没有找到" not in phone.inner_text("#portal-search-status")


def test_each_language_searches_only_its_own_pages(phone, site_server):
    fetched: list[str] = []
    phone.on("request", lambda request: fetched.append(request.url))
    phone.goto(site_server + "/en/topics/probation/")
    for query in ("工资", "wages", "劳动仲裁"):
        # A Chinese query has no good match among English pages: the offer links to the English topic list.
        assert all("/en/topics/" in url for url in search(phone, query) if not url.startswith("tel:")), query
    assert not [url for url in fetched if "/pagefind/" in url and "zh_" in url.rsplit("/", 1)[-1]]
    fetched.clear()
    phone.goto(site_server + "/topics/probation/")
    for query in ("wages", "工资", "arbitration"):
        assert all("/en/" not in url for url in search(phone, query)), query
    assert not [url for url in fetched if "/pagefind/" in url and "en_" in url.rsplit("/", 1)[-1]]


def test_index_is_fetched_only_when_the_reader_searches(phone, site_server):
    fetched: list[str] = []
    phone.on("request", lambda request: fetched.append(request.url))
    phone.goto(site_server + "/topics/unpaid-wages/")
    phone.wait_for_load_state("networkidle")
    assert not [url for url in fetched if "/pagefind/" in url]
    phone.focus("#portal-search-input")
    search(phone, "工伤")
    assert [url for url in fetched if "/pagefind/index/" in url]


def test_result_opens_the_page_at_the_matching_section(phone, site_server):
    phone.goto(site_server + "/")
    links = search(phone, "仲裁申请书")
    assert links and "#" in links[0]
    phone.click(".portal-search__results a >> nth=0")
    anchor = links[0].split("#", 1)[1]
    phone.wait_for_url("**/topics/**")
    assert phone.evaluate("location.hash") == "#" + anchor
    assert phone.locator(f"[id='{anchor}']").count() == 1
    excerpt = phone.locator(".portal-search__results mark")
    assert excerpt.count() == 0 or excerpt.first.inner_text()


def test_search_works_offline_once_the_index_is_loaded(phone, site_server):
    phone.goto(site_server + "/en/")
    assert slug_of(search(phone, "unpaid wages")[0]) == "unpaid-wages"
    phone.wait_for_load_state("networkidle")
    phone.context.set_offline(True)
    try:
        assert slug_of(search(phone, "injured at work")[0]) == "work-injury"
    finally:
        phone.context.set_offline(False)


def test_a_new_topic_is_findable_with_no_change_outside_its_file(example_project, browser, tmp_path):
    """The fake example project, built by the real command: its topic is found by its own keyword."""
    completed = subprocess.run([sys.executable, "-m", "generator", "--root", str(example_project), "build"],
                               capture_output=True, text=True, cwd=ROOT)
    assert completed.returncode == 0, completed.stderr
    import functools
    import http.server
    import threading

    handler = functools.partial(_QuietHandler, directory=str(example_project / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/en/")
        assert [slug_of(url) for url in search(page, "example keyword")][:1] == ["example-topic"]
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/")
        assert [slug_of(url) for url in search(page, "另一个")][:1] == ["example-other"]
    finally:
        server.shutdown()
    shutil.rmtree(example_project / "site")


def test_the_pages_pagefind_reads_are_all_the_pages_it_indexes(real_site):
    """Pagefind reads only the pages build.SEARCHED names: every page marked for the index must be one of them,
    and each of them is marked (else a new kind of searchable page would be left out without a word)."""
    from generator.build import SEARCHED

    marked = {p.relative_to(real_site).as_posix() for p in real_site.rglob("*.html")
              if "data-pagefind-body" in p.read_text("utf-8")}
    read = {p.relative_to(real_site).as_posix() for folder in SEARCHED.strip("{").split("}")[0].split(",")
            for p in (real_site / folder).glob(SEARCHED.split("}/", 1)[1])}
    assert marked == read and len(read) == 2 * len(list((ROOT / "guides_src" / "topics").glob("*.yaml")))
