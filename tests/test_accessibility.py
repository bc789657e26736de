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
              "print/work-injury/", "guide/checkup/", "guide/checkup/report/"]
TOOL_PAGES = ["tools/", "tools/arbitration-deadline/", "tools/severance/", "tools/work-injury/", "tools/annual-leave/"]
# The tools again with their result and working shown, after a calculation.
FILLED = {"tools/work-injury/": {"grade": "4", "ownWage": "6000", "localAverageWage": "8000"},
          "tools/annual-leave/": {"cumulativeYears": "12", "daysTaken": "3", "monthlyWage": "6525"}}


def violations(page) -> list[str]:
    """axe-core's violations, once every running transition has ended (Material fades the header's title in when
    the page scrolls; a contrast measured halfway through is not what a reader sees)."""
    page.evaluate(AXE_GLOBAL)
    return page.evaluate(
        "async rules => { await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));"
        " await Promise.all(document.getAnimations().map(a => a.finished.catch(() => null)));"
        " return (await axe.run(document, {runOnly: {type: 'tag', values: rules}})).violations"
        ".map(v => `${v.id} (${v.impact}): ${v.nodes.length} × ${v.nodes[0].target.join(' ')}`); }", RULES)


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



@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_accessibility_violations_on_document_pages(phone, site_server, lang):
    prefix = f"{site_server}/{'' if lang == 'zh' else 'en/'}"
    failures = []
    for path in ["act/", "act/legal-aid-application/", "act/evidence-list/"]:
        phone.goto(prefix + path)
        failures += [f"/{path}: {v}" for v in violations(phone)]
    # A question answered wrongly, a list step, then the check with the paper form, and the summary's QR code.
    phone.goto(prefix + "act/arbitration-application/")
    phone.click("[data-act-next]")
    assert phone.locator("[data-act-error]").inner_text()
    failures += [f"/act/…/ with an error: {v}" for v in violations(phone)]
    phone.evaluate("""() => localStorage.setItem('portal-answers', JSON.stringify({"worker-name": "张小明",
        "worker-sex": "male", "worker-birth": "1990-05-20", "worker-job": "厨师", "worker-address": "示例路1号",
        "worker-phone": "13800000000", "employer-name": "示例有限公司", "employer-address": "示例路2号",
        "employer-rep": "不详", "claims": [{"claim-text": "支付拖欠的工资8,700.00元", "claim-amount": "8700.00"}],
        "job-start": "2024-10-01", "contract": "not-signed", "monthly-wage": "4350", "facts": "示例经过。",
        "evidence": [{"evidence-name": "工资转账记录"}]}))""")
    phone.reload()
    phone.locator("[data-act-review]").wait_for()  # the check comes with paper.js, loaded when needed
    failures += [f"/act/…/ checked: {v}" for v in violations(phone)]
    phone.locator(".act-edit").nth(10).click()
    # Material's "back to top" button fades in when the page scrolls up to the question: let it finish.
    phone.wait_for_timeout(1000)
    failures += [f"/act/…/ list step: {v}" for v in violations(phone)]
    phone.goto(prefix + "act/summary/")
    phone.click("[data-act-qr-show]")
    phone.locator(".act-qr__code").wait_for()
    failures += [f"/act/summary/: {v}" for v in violations(phone)]
    assert failures == []


WECHAT = ("Mozilla/5.0 (Linux; Android 12; V2118A Build/SP1A.210812.003; wv) AppleWebKit/537.36 (KHTML, like Gecko) "
          "Version/4.0 Chrome/107.0.5304.141 Mobile Safari/537.36 XWEB/5075 MMWEBSDK/20230405 MicroMessenger/8.0.35.2360"
          "(0x2800233D) WeChat/arm64 Weixin NetType/4G Language/zh_CN ABI/arm64")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_wechat_hint_shows_in_wechat_only(browser, phone, site_server, lang):
    prefix = f"{site_server}/{'' if lang == 'zh' else 'en/'}"
    hint = {"zh": "点右上角“···”，选“在浏览器打开”", "en": "tap ··· at the top right and choose Open in Browser"}[lang]
    phone.goto(prefix + "topics/unpaid-wages/")
    phone.wait_for_load_state("load")
    assert phone.locator("[data-wechat-hint]").is_hidden()
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, user_agent=WECHAT)
    try:
        wechat = context.new_page()
        wechat.route("**/*", lambda route: route.continue_() if route.request.url.startswith(site_server)
                     else route.abort())
        wechat.goto(prefix + "topics/unpaid-wages/")
        shown = wechat.locator("[data-wechat-hint]")
        shown.wait_for(state="visible")
        assert hint in shown.inner_text()
        assert violations(wechat) == []
    finally:
        context.close()
