"""The fill-in documents (/act/): a worker's case played on a phone from the calculators to a printed A4
application, the case summary's QR code opened offline on another phone, deleting the answers; the checks on
guides_src/documents.yaml with exact messages on fake data."""

import subprocess
import time

import pytest

from .conftest import FIXTURE, problems_after

TODAY = __import__("datetime").date(2026, 11, 23)

# The worker: started 1 October 2024, no written contract, May and June 2025 unpaid, told on 30 June 2025 not
# to come back, with no notice. Monthly wage 4,350 yuan, so the daily wage is 4,350 ÷ 21.75 = 200.00 yuan.
CALCULATIONS = [
    # 7 full months (2024-11-02 … 2025-06-01) × 4,350 + 20 days worked in the part month × 200 = 34,450.00
    ("double-wages", "start=2024-10-01&end=2025-06-30&monthlyWage=4350&partMonthWorkdays=20",
     "支付2024年11月2日至2025年6月30日未签订书面劳动合同的二倍工资差额34,450.00元"),
    ("unpaid-wages", "periodStart=2025-05-01&periodEnd=2025-06-30&wagesDue=8700&wagesPaid=0",
     "支付2025年5月1日至2025年6月30日拖欠的工资8,700.00元"),
    # 9 months' service counts as one month's wage, 4,350; unlawful dismissal doubles it.
    ("severance", "start=2024-10-01&end=2025-06-30&monthlyWage=4350&unlawful=yes",
     "支付违法解除劳动合同的赔偿金8,700.00元"),
]
ANSWERS = [
    ("worker-name", "张小明"), ("worker-sex", "male"), ("worker-birth", "1990-05-20"), ("worker-job", "厨师"),
    ("worker-address", "广州市示例区示例路1号"), ("worker-id", ""), ("worker-phone", "13800000000"),
    ("employer-name", "示例餐饮管理有限公司"), ("employer-address", "广州市示例区示例大道2号"),
    ("employer-rep", "李示例，总经理"),
]


def answer(page, field: str, value: str) -> None:
    question = page.locator("[data-act-question]")
    radio = question.locator(f"input[type=radio][value='{value}']")
    if value and radio.count():
        radio.check()
    else:
        question.locator(f"[data-field='{field}']").first.fill(value)
    page.click("[data-act-next]")


def error_text(page) -> str:
    return page.locator("[data-act-error]").inner_text()


def until(page, script: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not page.evaluate(script):
        assert time.monotonic() < deadline, f"still false after {seconds} s: {script}"
        time.sleep(0.2)


def stored(page) -> dict:
    return page.evaluate("JSON.parse(localStorage.getItem('portal-answers') || '{}')")


def test_a_workers_case_from_the_calculators_to_paper_and_a_lawyers_phone(phone, site_server, browser, tmp_path):
    # The calculators, each opened from an address that carries its inputs after "#".
    for tool, fragment, claim in CALCULATIONS:
        phone.goto(f"{site_server}/tools/{tool}/#{fragment}")
        assert phone.locator("#tool-result").is_visible()
        phone.click("[data-add-claim]")
        assert phone.locator("[data-added]").inner_text() == "已经加到你的仲裁申请书里，计算过程作为附件一起打印。"
    phone.goto(f"{site_server}/tools/arbitration-deadline/#claim=other&knewOn=2025-06-30")
    assert phone.locator("[data-answer]").inner_text() == "申请仲裁的最后一天：2026年6月30日星期二"
    phone.click("[data-add-claim]")
    assert [c["claim-text"] for c in stored(phone)["claims"]] == [claim for _, _, claim in CALCULATIONS]
    assert stored(phone)["deadline"]["date"] == "2026-06-30"

    # The application, one question at a time.
    phone.goto(site_server + "/act/arbitration-application/")
    assert phone.locator("[data-act-count]").inner_text() == "第 1 步，共 19 步 · 你（申请人）"
    phone.click("[data-act-next]")
    assert error_text(phone) == "这一项要填写。"
    for field, value in ANSWERS:
        answer(phone, field, value)
        assert error_text(phone) == "", field
    phone.locator(".act-items li").nth(2).wait_for()  # list questions come with lists.js, loaded when needed
    assert "你要单位做什么" in phone.locator("[data-act-question]").inner_text()
    assert phone.locator(".act-items li").count() == 3
    phone.click("[data-act-next]")
    answer(phone, "job-start", "2025-02-30")
    assert error_text(phone) == "“2025-02-30”不是一个存在的日期。请按 年-月-日 填写，比如 2025-03-10。"
    # Nothing is lost on a mistake, even when the page is closed and opened again.
    phone.reload()
    assert phone.locator("[data-field='job-start']").input_value() == "2025-02-30"
    answer(phone, "job-start", "2024-10-01")
    answer(phone, "job-end", "2024-09-30")
    assert error_text(phone) == "这个日期不能早于“你哪天开始在这家单位干活”（2024-10-01）。"
    answer(phone, "job-end", "2025-06-30")
    answer(phone, "contract", "not-signed")
    answer(phone, "monthly-wage", "4350")
    facts = ("我于2024年10月1日入职，做厨师，月工资4350元，单位一直没有和我签书面劳动合同。"
             "2025年5月、6月的工资没有发。2025年6月30日单位口头通知我不用来了，没有提前通知，也没有给任何补偿。")
    answer(phone, "facts", facts)
    phone.fill("[data-field='evidence-name']", "微信工资转账记录")
    phone.fill("[data-field='evidence-proves']", "每月工资和欠发的月份")
    phone.click(".act-add-button")
    phone.locator(".act-items li").first.wait_for()
    assert phone.locator(".act-items li").count() == 1
    phone.click("[data-act-next]")
    phone.locator("#act-list-title", has_text="证人").wait_for()
    phone.click("[data-act-next]")  # no witnesses
    phone.click("[data-act-next]")  # the commission left for later
    phone.locator("[data-act-review]").wait_for()  # the check comes with paper.js, loaded when needed
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390

    # Printed on A4: the form alone, in Chinese, with every party, claim and amount.
    phone.emulate_media(media="print")
    pdf = tmp_path / "application.pdf"
    pdf.write_bytes(phone.pdf(format="A4"))
    phone.emulate_media(media="screen")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    flat = "".join(text.split())
    for expected in ["劳动人事争议仲裁申请书", "张小明", "示例餐饮管理有限公司", "广州市示例区示例大道2号",
                     "李示例，总经理", "合计：51,850.00元", "申请人（签名或捺印）", "附件3：经济补偿和违法解除赔偿金的计算过程"]:
        assert expected in flat, expected
    for _, _, claim in CALCULATIONS:
        assert claim in flat, claim
    assert "你叫什么名字" not in flat and "下一步" not in flat
    pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "(A4)" in pages

    # The case summary, and its QR code read as a camera would.
    phone.goto(site_server + "/act/summary/")
    phone.locator(".paper-title").wait_for()
    summary = phone.locator("[data-act-paper]").inner_text()
    assert "2026年6月30日" in summary and "合计：51,850.00元" in summary and "微信工资转账记录" in summary
    phone.click("[data-act-qr-show]")
    code = phone.locator(".act-qr__code")
    code.wait_for()
    assert not phone.locator("[data-act-qr-left-out]").is_visible()
    code.screenshot(path=str(tmp_path / "qr.png"))
    scanned = subprocess.run(["zbarimg", "--quiet", "--raw", str(tmp_path / "qr.png")], capture_output=True,
                             text=True, check=True).stdout.strip()
    assert scanned.startswith(site_server + "/act/summary/#s=z") and len(scanned) <= 1200

    # Another phone that has visited the site once opens the same summary with the network off.
    other = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    outside: list[str] = []
    try:
        lawyer = other.new_page()
        lawyer.route("**/*", lambda route: route.continue_() if route.request.url.startswith(
            ("http://127.0.0.1", "data:", "blob:")) else (outside.append(route.request.url), route.abort()))
        lawyer.goto(site_server + "/act/summary/")
        # Polled from here: wait_for_function takes the promise an async function returns as a truthy value.
        until(lawyer, """async () => navigator.serviceWorker.controller !== null &&
            !!(await caches.match(new URL('/act/summary/', location.href))) &&
            !!(await caches.match(new URL('/assets/javascripts/paper.js', location.href)))""")
        other.set_offline(True)
        lawyer.goto("about:blank")
        lawyer.goto(scanned)
        lawyer.locator("[data-act-shared]").wait_for()
        shared = lawyer.locator("[data-act-paper]").inner_text()
        for expected in ["张小明", "示例餐饮管理有限公司", "2026年6月30日", "合计：51,850.00元", "微信工资转账记录", facts]:
            assert expected in shared, expected
        for _, _, claim in CALCULATIONS:
            assert claim in shared
        assert lawyer.evaluate("localStorage.length") == 0
    finally:
        other.close()
    assert outside == []

    # "Delete my answers" leaves nothing in the browser's storage.
    phone.click("[data-act-delete]")
    assert phone.locator("[data-act-status]").inner_text() == "已经删除。这台手机上没有保存你填的任何内容了。"
    assert phone.evaluate("localStorage.length + sessionStorage.length") == 0
    assert phone.evaluate("indexedDB.databases().then(list => list.length)") == 0


# The newer calculators, on examples from tests/calculator_examples.yaml: 4,350 ÷ 21.75 ÷ 8 = 25.00 an hour, so
# 25 × 1.5 × 10 + 25 × 2 × 8 + 25 × 3 × 8 = 1,375.00; grade 1 is 27 months of 6,000 = 162,000.00; one year's
# work gives 5 days, none taken: 200.00 × 200% × 5 = 2,000.00 still owed.
NEWER_CALCULATIONS = [
    ("overtime", "monthlyWage=4350&workdayHours=10&restDayHours=8&holidayHours=8", "支付加班费1,375.00元",
     "1375.00", "加班费"),
    ("work-injury", "grade=1&ownWage=6000&localAverageWage=8000", "支付一次性伤残补助金162,000.00元",
     "162000.00", "工伤伤残待遇"),
    ("annual-leave", "cumulativeYears=1&daysTaken=0&monthlyWage=4350", "支付未休年休假工资报酬2,000.00元",
     "2000.00", "未休年休假工资"),
]


def test_the_newer_calculators_add_their_claims_to_the_application_with_the_working(phone, site_server):
    for tool, fragment, _, _, _ in NEWER_CALCULATIONS:
        phone.goto(f"{site_server}/tools/{tool}/#{fragment}")
        phone.click("[data-add-claim]")
        assert phone.locator("[data-added]").inner_text() == "已经加到你的仲裁申请书里，计算过程作为附件一起打印。"
    assert [(c["claim-text"], c["claim-amount"]) for c in stored(phone)["claims"]] == [
        (claim, amount) for _, _, claim, amount, _ in NEWER_CALCULATIONS]
    # The rest as if typed: the application opens on its check, with the paper as it prints.
    typed = {**dict(ANSWERS), "job-start": "2024-10-01", "contract": "signed", "monthly-wage": "4350",
             "facts": "示例事实。"}
    phone.evaluate("""typed => localStorage.setItem("portal-answers", JSON.stringify(
        { ...JSON.parse(localStorage.getItem("portal-answers")), ...typed }))""", typed)
    phone.goto(site_server + "/act/arbitration-application/")
    phone.locator(".paper-title").wait_for()
    paper = "".join(phone.locator("[data-act-paper]").inner_text().split())
    assert "合计：165,375.00元" in paper
    for n, (_, _, claim, _, title) in enumerate(NEWER_CALCULATIONS, start=1):
        assert claim in paper and f"附件{n}：{title}的计算过程" in paper, claim
    # Each annex holds the working, step by step with its legal basis.
    for step in ["4,350.00÷21.75÷8≈25.00元（21.75是国家规定的每月计薪天数）。（《工资折算通知》）",
                 "6,000.00×27=162,000.00元。（《工伤保险条例》第三十五条）",
                 "200.00×200%×5天=2,000.00元（连同正常工资共300%：3,000.00元）。（《企业职工带薪年休假实施办法》第十条）"]:
        assert step in paper, step


def unrepeated_text(length: int, seed: int = 12345) -> str:
    """Chinese text that deflate cannot shorten much: characters picked by a fixed pseudo-random sequence."""
    state, out = seed, []
    for _ in range(length):
        state = (state * 1103515245 + 12345) % 2**31
        out.append(chr(0x4E00 + state % 0x5000))
    return "".join(out)


@pytest.mark.parametrize("facts, evidence, note, codes", [
    (unrepeated_text(400), 1, "内容太多，二维码里没有放“发生了什么”一段；请看纸面。", 1),
    (unrepeated_text(400), 30, "内容太多，放不进二维码；请直接打印这一页交给律师。", 0),
])
def test_a_summary_too_big_for_one_code(phone, site_server, facts, evidence, note, codes):
    phone.goto(site_server + "/act/")
    items = [{"evidence-name": unrepeated_text(12, seed)} for seed in range(evidence)]
    phone.evaluate("""([facts, items]) => localStorage.setItem('portal-answers', JSON.stringify(
        {"worker-name": "张小明", facts, evidence: items}))""", [facts, items])
    phone.goto(site_server + "/act/summary/")
    phone.click("[data-act-qr-show]")
    phone.locator("[data-act-qr-left-out]:not(:empty)").wait_for()
    assert phone.locator("[data-act-qr-left-out]").inner_text() == note
    if codes:
        phone.locator(".act-qr__code").first.wait_for()  # drawn once the encoder module has loaded
    assert phone.locator(".act-qr__code").count() == codes
    # The paper keeps everything.
    assert facts in phone.locator("[data-act-paper]").inner_text()


def test_english_page_explains_each_question_and_keeps_the_form_chinese(phone, site_server):
    phone.goto(site_server + "/en/act/legal-aid-application/")
    question = phone.locator("[data-act-question]").inner_text()
    assert "What is your name?" in question and "On the form:姓名" in question
    phone.click("[data-act-next]")
    assert error_text(phone) == "This needs an answer."
    answer(phone, "worker-name", "张小明")
    phone.click("[data-act-next]")
    assert error_text(phone) == "Choose one."
    answer(phone, "worker-sex", "female")
    answer(phone, "worker-birth", "1990-13-01")
    assert error_text(phone) == "'1990-13-01' is not a date that exists. Write year-month-day, for example 2025-03-10."
    assert phone.locator("[data-field='worker-birth']").get_attribute("aria-invalid") == "true"
    phone.click("[data-act-back]")
    phone.click("[data-act-back]")
    phone.click("[data-act-next]")
    assert phone.locator("[data-field='worker-sex'][value='female']").is_checked()
    assert stored(phone) == {"worker-name": "张小明", "worker-sex": "female", "worker-birth": "1990-13-01"}


def test_document_pages_load_their_code_only_there(real_site):
    page = (real_site / "act" / "arbitration-application" / "index.html").read_text("utf-8")
    assert '<script type="module" src="../../assets/javascripts/documents.js"></script>' in page
    assert '<script type="application/json" id="act-data">' in page
    topic = (real_site / "topics" / "unpaid-wages" / "index.html").read_text("utf-8")
    assert "documents.js" not in topic and "qrcode-generator" not in topic
    vendor = (real_site / "assets" / "javascripts" / "vendor" / "qrcode-generator.js").read_text("utf-8")
    assert vendor.startswith("// Vendored: qrcode-generator 2.0.4") and "MIT" in vendor.splitlines()[0]


def test_fixture_documents_are_valid():
    from generator.validate import check_content

    content, problems = check_content(FIXTURE / "guides_src", today=TODAY)
    assert problems == []
    assert [d.slug for d in content.documents.documents] == ["example-document"]


@pytest.mark.parametrize("old, new, expected", [
    ("fields: [example-name, example-start, example-end, example-choice]",
     "fields: [example-nam, example-start, example-end, example-choice, example-start]",
     ["guides_src/documents.yaml:64:18: error: documents.0.sections.0.fields.0: unknown question 'example-nam' "
      "(did you mean 'example-name'?)",
      "guides_src/documents.yaml:64:75: error: documents.0.sections.0.fields.4: 'example-start' is already printed "
      "in this document"]),
    ("after: example-start", "after: example-choice",
     ["guides_src/documents.yaml:23:12: error: fields.2.after: 'after' compares two dates; 'example-choice' is not "
      "a date question"]),
    ("    meaning: {zh: 示例说明。, en: Example meaning.}\n  - id: example-end", "    meaning: {zh: 示例说明。}\n  - id: example-end",
     ["guides_src/documents.yaml:19:14: error: fields.1.meaning: missing translation 'en'"]),
    ("    choices:\n      one: {zh: 一, en: One}\n      two: {zh: 二, en: Two}\n", "",
     ["guides_src/documents.yaml:27:5: error: fields.3: 'example-choice' is a choice: list its choices"]),
    ("    printed_title: 示例文书\n", "    printed_titel: 示例文书\n",
     ["guides_src/documents.yaml:56:5: error: documents.0: missing field 'printed_title'",
      "guides_src/documents.yaml:58:5: error: documents.0: unknown field 'printed_titel' (did you mean 'printed_title'?)"]),
    ("  - id: example-end\n    kind: date\n    required: false", "  - id: example-start\n    kind: date\n    required: false",
     ["guides_src/documents.yaml:20:9: error: fields.2.id: duplicate question 'example-start'",
      "guides_src/documents.yaml:64:47: error: documents.0.sections.0.fields.2: unknown question 'example-end'"]),
])
def test_document_checks(content_dir, old, new, expected):
    assert problems_after(content_dir, old, new, "documents.yaml", TODAY) == expected


TARGETS = "[data-act] button, [data-act] input[type=text], [data-act] textarea, [data-act] label.tool-choice"


def small_targets(page) -> list[str]:
    return page.evaluate("""selector => [...document.querySelectorAll(selector)]
        .filter(e => e.offsetParent !== null)
        .map(e => [e.outerHTML.slice(0, 60), e.getBoundingClientRect()])
        .filter(([, box]) => box.height < 48 || box.width < 48).map(([html, box]) => `${html} ${box.width}×${box.height}`)""",
                         TARGETS)


@pytest.mark.parametrize("scale", ["100%", "150%"])
def test_targets_are_48_pixels_and_nothing_spills_at_150_percent_text(phone, site_server, scale):
    phone.goto(site_server + "/act/legal-aid-application/")
    # Material sets the root size to 125%; a phone's text at 150% makes it 1.5 times that.
    phone.add_style_tag(content=f"html {{ font-size: calc(125% * {scale[:-1]} / 100) !important; }}")
    answer(phone, "worker-name", "张小明")
    assert phone.locator(".tool-choice").count() == 2 and phone.locator(TARGETS).count() >= 5
    failures = small_targets(phone)
    phone.evaluate("""() => localStorage.setItem('portal-answers', JSON.stringify({"worker-name": "张小明",
        "worker-sex": "male", "worker-birth": "1990-05-20", "worker-address": "示例路1号", "worker-phone": "13800000000",
        "aid-matter": "pay", "employer-name": "示例有限公司", "employer-address": "示例路2号", "facts": "示例经过。",
        "aid-stage": "not-filed", "aid-help": "arbitration", "migrant": "yes", "income": "不适用", "hardship": "不适用"}))""")
    phone.reload()
    phone.add_style_tag(content=f"html {{ font-size: calc(125% * {scale[:-1]} / 100) !important; }}")
    phone.locator("[data-act-review]").wait_for()
    failures += small_targets(phone)
    assert failures == []
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.goto(site_server + "/act/evidence-list/")
    phone.add_style_tag(content=f"html {{ font-size: calc(125% * {scale[:-1]} / 100) !important; }}")
    phone.locator(".act-edit").nth(1).click()
    assert small_targets(phone) == []
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390


LAYOUT_SHIFT = """() => new Promise((resolve) => {
  let total = 0;
  new PerformanceObserver((list) => { for (const e of list.getEntries()) total += e.value; })
    .observe({ type: "layout-shift", buffered: true });
  setTimeout(() => resolve(total), 1000);
})"""


@pytest.mark.parametrize("path", ["/act/arbitration-application/", "/en/act/legal-aid-application/",
                                  "/act/evidence-list/"])
def test_the_first_question_is_in_the_page_and_nothing_moves_when_the_script_starts(phone, site_server, path):
    import re
    import urllib.request

    served = urllib.request.urlopen(site_server + path).read().decode("utf-8")
    in_page = re.search(r'<div class="act-question" data-act-question>(.*?)</div>\n<p class="tool-error"', served, re.S)
    phone.goto(site_server + path)
    # documents.js (a module) has run by the load event: it drew the first question itself, the same markup.
    assert in_page and phone.locator("[data-act-question]").evaluate("e => e.innerHTML") == in_page[1]
    assert phone.evaluate(LAYOUT_SHIFT) < 0.01


@pytest.mark.parametrize("path", ["/act/summary/", "/en/act/summary/"])
def test_nothing_on_screen_moves_when_the_summary_is_drawn(phone, site_server, path):
    phone.goto(site_server + path)
    phone.locator(".paper-title").wait_for()  # drawn by paper.js, loaded after the page
    assert phone.locator("[data-act-qr]").is_visible() and phone.locator("[data-act-delete]").is_visible()
    assert phone.evaluate(LAYOUT_SHIFT) < 0.01


def test_first_visit_to_a_document_page_is_at_most_80_kb(real_site, browser):
    from bench.page_weight import measure
    from bench.serve import SiteServer

    with SiteServer(real_site) as server:
        for path in ["/act/arbitration-application/", "/en/act/arbitration-application/",
                     "/act/legal-aid-application/", "/act/evidence-list/", "/act/summary/", "/en/act/summary/"]:
            visit = measure(browser, server, path)
            assert visit.outside == [], path
            # With the service worker's first fetches, gzipped as a production server sends them.
            assert visit.gzip_bytes <= 80 * 1024, f"{path}: {visit.gzip_bytes / 1024:.1f} KB"
