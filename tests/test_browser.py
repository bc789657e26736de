"""What a reader does on a phone (390×844) in Debian's Chromium: read, tap, switch language."""

import json

import pytest

from .test_content import real_content


@pytest.mark.parametrize("url", ["/", "/topics/unpaid-wages/", "/en/topics/platform-workers/", "/en/", "/topics/"])
def test_page_is_readable_at_phone_width(phone, site_server, url):
    phone.goto(site_server + url)
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"page is {width}px wide: the reader must scroll sideways"
    size = phone.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-typeset p, .md-typeset li')).fontSize)")
    assert size >= 16
    fonts = phone.evaluate("getComputedStyle(document.body).fontFamily")
    assert "Noto Sans CJK SC" in fonts


def test_problem_buttons_are_large_tap_targets(phone, site_server):
    phone.goto(site_server + "/")
    boxes = phone.eval_on_selector_all(".problems a", "els => els.map(e => e.getBoundingClientRect().height)")
    assert len(boxes) == len(real_content().site.problems)
    assert min(boxes) >= 48
    phone.click(".problems a >> nth=0")
    assert phone.url.endswith("/topics/unpaid-wages/")
    assert phone.locator("h1").inner_text() == real_content().topic("unpaid-wages").title("zh")


def test_language_switcher_opens_the_same_topic_in_english(phone, site_server):
    phone.goto(site_server + "/topics/work-injury/")
    # The switcher is a hover menu in the header; a tap on its link is what the reader does.
    phone.locator('a[hreflang="en"]').first.dispatch_event("click")
    phone.wait_for_url("**/en/topics/work-injury/")
    assert phone.locator("h1").inner_text() == real_content().topic("work-injury").title("en")
    assert phone.evaluate("document.documentElement.lang") == "en"


TAP_PAGES = ["/", "/topics/unpaid-wages/", "/en/topics/work-injury/", "/stations/guangdong/", "/en/stations/"]


@pytest.mark.parametrize("url", TAP_PAGES)
def test_call_buttons_are_large_tap_targets(phone, site_server, url):
    phone.goto(site_server + url)
    boxes = phone.eval_on_selector_all(
        "a[href^='tel:']", "els => els.map(e => e.getBoundingClientRect())"
        ".filter(r => r.width > 0).map(r => [Math.round(r.width), Math.round(r.height)])")
    assert boxes, "every one of these pages offers a hotline to call"
    assert min(min(box) for box in boxes) >= 48, boxes


LARGE_FONT_PAGES = ["/", "/topics/unpaid-wages/", "/en/topics/dismissal/", "/stations/guangdong/",
                    "/guide/unpaid-wages/"]


def test_pages_work_with_a_large_system_font(browser, site_server, tmp_path):
    """Chromium's default font size raised from 16 to 24 px, as a reader with large text set would have it."""
    from .conftest import CHROMIUM, CHROMIUM_ARGS

    profile = tmp_path / "profile" / "Default"
    profile.mkdir(parents=True)
    (profile / "Preferences").write_text(json.dumps({"webkit": {"webprefs": {"default_font_size": 24}}}))
    problems = []
    context = browser.browser_type.launch_persistent_context(
        str(tmp_path / "profile"), executable_path=CHROMIUM, args=CHROMIUM_ARGS,
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    for url in LARGE_FONT_PAGES:
        page.goto(site_server + url)
        size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-typeset p')).fontSize)")
        width = page.evaluate("document.documentElement.scrollWidth")
        clipped = page.evaluate("""() => [...document.querySelectorAll('.md-typeset a, .md-typeset p')]
            .filter(e => e.offsetWidth > 0 && e.scrollWidth > e.clientWidth + 1
                    && getComputedStyle(e).overflowX === 'hidden').length""")
        if size < 24 or width > 390 or clipped:
            problems.append(f"{url}: text {size}px, page {width}px wide, {clipped} clipped")
    context.close()
    assert not problems, problems
