"""What a reader does on a phone (390×844) in Debian's Chromium: read, tap, switch language."""

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
