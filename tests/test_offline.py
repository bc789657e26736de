"""Offline reading: a page opened once opens again with the network off, in its own language only."""


def wait_until_cached(page) -> None:
    page.evaluate("navigator.serviceWorker.ready")
    page.wait_for_function("caches.match(location.href.split('#')[0]).then(r => !!r)", timeout=15_000)


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
