"""axe-core in Chromium at phone size: no WCAG 2.1 A/AA or best-practice violation on any page type."""

from pathlib import Path

import axe_playwright_python
import pytest

AXE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text("utf-8")
# axe-core run as a script from outside the page (a <script> tag would be refused by the Content-Security-Policy).
AXE_GLOBAL = AXE + "\n;true"
RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
PAGE_TYPES = ["", "topics/", "topics/unpaid-wages/", "about/", "stations/", "stations/guangdong/", "guide/",
              "guide/dismissal/", "guide/statutes/", "guide/templates/evidence-list/", "guide/print/",
              "print/work-injury/"]
TOOL_PAGES = ["tools/", "tools/arbitration-deadline/", "tools/severance/", "tools/work-injury/", "tools/annual-leave/"]
# The tools again with their result and working shown, after a calculation.
FILLED = {"tools/work-injury/": {"grade": "4", "ownWage": "6000", "localAverageWage": "8000"},
          "tools/annual-leave/": {"cumulativeYears": "12", "daysTaken": "3", "monthlyWage": "6525"}}


def violations(page) -> list[str]:
    page.evaluate(AXE_GLOBAL)
    return page.evaluate(
        "async rules => (await axe.run(document, {runOnly: {type: 'tag', values: rules}})).violations"
        ".map(v => `${v.id} (${v.impact}): ${v.nodes.length} × ${v.nodes[0].target.join(' ')}`)", RULES)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_accessibility_violations(phone, site_server, lang):
    failures = []
    for path in PAGE_TYPES:
        phone.goto(f"{site_server}/{'' if lang == 'zh' else 'en/'}{path}")
        failures += [f"/{path}: {v}" for v in violations(phone)]
    assert failures == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_accessibility_violations_on_tool_pages(phone, site_server, lang):
    from .test_calculators import fill

    failures = []
    for path in TOOL_PAGES:
        phone.goto(f"{site_server}/{'' if lang == 'zh' else 'en/'}{path}")
        failures += [f"/{path}: {v}" for v in violations(phone)]
        if path in FILLED:
            fill(phone, FILLED[path])
            assert phone.locator("#tool-result").is_visible()
            failures += [f"/{path} with a result: {v}" for v in violations(phone)]
    assert failures == []


def test_no_accessibility_violations_on_a_station_list(phone, example_server):
    phone.goto(example_server + "/stations/guangdong/")
    assert violations(phone) == []
