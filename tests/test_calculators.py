"""The calculators: worked examples written by hand from the statutes, run against the published module in
Chromium; the form on a phone in both languages, printing, offline use; and the checks on their content."""

from pathlib import Path

import pytest
import yaml

from .test_content import real_content
from .test_validate import problems_after

EXAMPLES = yaml.safe_load((Path(__file__).parent / "calculator_examples.yaml").read_text("utf-8"))
TOOL_OF = {"arbitrationDeadline": "arbitration-deadline", "doubleWages": "double-wages", "severance": "severance",
           "overtimePay": "overtime", "workInjuryBenefits": "work-injury", "annualLeavePay": "annual-leave",
           "unpaidWages": "unpaid-wages"}


def test_every_calculator_has_examples():
    assert sorted(EXAMPLES) == sorted(TOOL_OF)


def run_module(page, function: str, inputs: list[dict]) -> list[dict]:
    return page.evaluate("""async ([name, inputs]) => {
        const module = await import(new URL("/assets/calculators.js", location.href));
        return inputs.map(input => module[name](input)); }""", [function, inputs])


@pytest.mark.parametrize("function", sorted(EXAMPLES))
def test_worked_examples(phone, site_server, function):
    examples = EXAMPLES[function]
    assert len(examples) >= 10 and sum("error" in e for e in examples) >= 2
    phone.goto(site_server + "/tools/")
    results = run_module(phone, function, [e["input"] for e in examples])
    wrong = []
    for example, result in zip(examples, results):
        if example.get("error"):
            if not (result.get("error", {}).get("zh") and result["error"].get("en")) or len(result) != 1:
                wrong.append(f"{example['name']}: expected an error in both languages, got {result}")
            continue
        got = {key: result.get(key) for key in example["expect"]}
        if got != example["expect"]:
            wrong.append(f"{example['name']}: expected {example['expect']}, got {got}")
    assert not wrong, "\n".join(wrong)


def test_every_step_cites_an_article_listed_for_its_tool(phone, site_server):
    content = real_content()
    phone.goto(site_server + "/tools/")
    for function, examples in EXAMPLES.items():
        tool = next(t for t in content.tools.tools if t.slug == TOOL_OF[function])
        listed = {str(c) for c in tool.cites}
        for result in run_module(phone, function, [e["input"] for e in examples if not e.get("error")]):
            assert result["steps"], function
            for step in result["steps"]:
                assert step["text_zh"] and step["text_en"]
                assert step["cite"] in listed, f"{function}: '{step['cite']}' is not in {tool.slug}'s cites"


def test_holiday_calendar_is_published_from_its_source(phone, site_server):
    phone.goto(site_server + "/tools/")
    calendar = phone.evaluate("import('/assets/calculators.js').then(m => m.holidayCalendar)")
    assert calendar["years"] == [y.year for y in real_content().holidays.years]
    assert all(source["title"] and source["published"] for source in calendar["sources"])


def fill(page, values: dict) -> None:
    for name, value in values.items():
        if value is True:
            page.check(f"form.tool-form [name={name}]")
        elif name in ("claim", "grade"):
            page.check(f"form.tool-form [name={name}][value='{value}']")
        else:
            page.fill(f"form.tool-form [name={name}]", value)
    page.click("form.tool-form button[type=submit]")


def test_severance_form_on_a_phone_in_chinese(phone, site_server):
    phone.goto(site_server + "/tools/severance/")
    fill(phone, {"start": "2019-09-10", "end": "2024-09-09", "monthlyWage": "9000", "unlawful": True})
    answer = phone.locator("[data-answer]").inner_text()
    assert answer == "违法解除赔偿金：90,000.00 元"
    steps = phone.locator("[data-steps] li").all_inner_texts()
    assert any("9,000.00 × 5 = 45,000.00" in s and "《劳动合同法》第四十七条" in s for s in steps)
    assert any("第八十七条" in s for s in steps)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    # Printed: the working and the hotlines, not the form.
    phone.emulate_media(media="print")
    assert not phone.locator("form.tool-form").is_visible()
    assert phone.locator("[data-steps]").is_visible() and phone.locator(".tool-estimate .hotlines").is_visible()


def test_overtime_form_in_english_and_a_clear_error(phone, site_server):
    phone.goto(site_server + "/en/tools/overtime/")
    fill(phone, {"monthlyWage": "-5000"})
    assert "cannot be negative" in phone.locator(".tool-error").inner_text()
    assert not phone.locator("#tool-result").is_visible()
    fill(phone, {"monthlyWage": "4350", "workdayHours": "10", "holidayHours": "8"})
    assert phone.locator("[data-answer]").inner_text() == "Overtime pay (at least): 975.00 yuan"
    assert phone.locator(".tool-error").inner_text() == ""
    assert "Labour Law, Art. 44" in phone.locator("[data-steps]").inner_text()


def test_work_injury_form_on_a_phone_in_chinese(phone, site_server):
    phone.goto(site_server + "/tools/work-injury/")
    fill(phone, {"ownWage": "3000"})
    assert phone.locator(".tool-error").inner_text() == "请检查： 请选择伤残等级（一级到十级）。"
    assert not phone.locator("#tool-result").is_visible()
    fill(phone, {"grade": "5", "ownWage": "3000", "localAverageWage": "8000"})
    assert phone.locator("[data-answer]").inner_text() == (
        "一次性伤残补助金：86,400.00 元；伤残津贴，每月：3,360.00 元（没有安排工作的，由单位付）")
    assert phone.locator(".tool-error").inner_text() == ""
    steps = phone.locator("[data-steps] li").all_inner_texts()
    assert any("按4,800.00元算" in s and "《工伤保险条例》第六十四条" in s for s in steps)
    assert any("4,800.00 × 18 = 86,400.00" in s and "第三十六条" in s for s in steps)
    assert any("因地而异" in s and "一次性伤残就业补助金" in s for s in steps)
    entered = phone.locator("[data-entered]").inner_text()
    assert "伤残等级" in entered and "五级" in entered
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390


def test_annual_leave_form_in_english(phone, site_server):
    phone.goto(site_server + "/en/tools/annual-leave/")
    fill(phone, {"cumulativeYears": "10", "daysTaken": "4", "monthlyWage": "6,525"})
    assert phone.locator("[data-answer]").inner_text() == "Still owed for untaken annual leave: 3,600.00 yuan"
    text = phone.locator("[data-steps]").inner_text()
    assert "6,525.00 ÷ 21.75 ≈ 300.00" in text and "300.00 × 200% × 6 day(s) = 3,600.00" in text


def test_double_wages_part_month_by_days_worked(phone, site_server):
    phone.goto(site_server + "/tools/double-wages/")
    fill(phone, {"start": "2025-03-10", "contractSigned": "2025-08-20", "monthlyWage": "6000"})
    assert phone.locator("[data-answer]").inner_text() == (
        "整月部分可以要的另一倍工资（不满一个月的还没算）：24,000.00 元")
    assert "2025年8月11日到2025年8月19日" in phone.locator("[data-steps]").inner_text()
    fill(phone, {"partMonthWorkdays": "7"})
    assert phone.locator("[data-answer]").inner_text() == "可以要的另一倍工资：25,931.02 元"
    assert "275.86 × 7天 = 1,931.02" in phone.locator("[data-steps]").inner_text()


@pytest.mark.parametrize("wage, message", [
    ("0x1F4", "月工资要填数字，比如 4350 或 4350.50（最多两位小数）。"),
    ("1e21", "月工资要填数字，比如 4350 或 4350.50（最多两位小数）。"),
    ("100000000.01", "月工资不能超过100,000,000元（一亿元）。"),
])
def test_form_refuses_figures_that_are_not_plain_decimals(phone, site_server, wage, message):
    phone.goto(site_server + "/tools/overtime/")
    fill(phone, {"monthlyWage": "4350"})
    assert phone.locator("#tool-result").is_visible()
    fill(phone, {"monthlyWage": wage})
    assert phone.locator(".tool-error").inner_text() == "请检查： " + message
    assert not phone.locator("#tool-result").is_visible()


def test_form_refuses_a_date_before_1990(phone, site_server):
    phone.goto(site_server + "/en/tools/severance/")
    fill(phone, {"start": "1989-12-31", "end": "2024-06-30", "monthlyWage": "6000"})
    assert phone.locator(".tool-error").inner_text() == (
        "Please check: The first day of work must be between 1 January 1990 and 31 December 2100.")
    assert not phone.locator("#tool-result").is_visible()


def test_deadline_tool_works_offline_after_one_visit(phone, site_server):
    from .test_offline import wait_for, wait_until_cached

    phone.goto(site_server + "/tools/arbitration-deadline/")
    wait_until_cached(phone)
    wait_for(phone, "async () => !!(await caches.match(new URL('/assets/holidays.js', location.href)))")
    phone.context.set_offline(True)
    try:
        phone.reload()
        fill(phone, {"claim": "other", "knewOn": "2025-02-18"})
        assert phone.locator("[data-answer]").inner_text() == "申请仲裁的最后一天：2026年2月24日星期二"
    finally:
        phone.context.set_offline(False)


def test_unpaid_wages_form_keeps_its_inputs_in_the_address(phone, site_server):
    phone.goto(site_server + "/tools/unpaid-wages/")
    fill(phone, {"periodStart": "2025-05-01", "periodEnd": "2025-04-30", "wagesDue": "8700"})
    assert phone.locator(".tool-error").inner_text() == "请检查： 欠薪结束的日期不能早于开始的日期。"
    fill(phone, {"periodEnd": "2025-06-30", "wagesPaid": "4,350"})
    assert phone.locator("[data-answer]").inner_text() == "还欠你的工资：4,350.00 元"
    steps = phone.locator("[data-steps]").inner_text()
    assert "《劳动法》第五十条" in steps and "《工资支付暂行规定》第七条" in steps
    assert "8,700.00 − 4,350.00 = 4,350.00" in steps
    address = phone.evaluate("location.href")
    assert address == site_server + "/tools/unpaid-wages/#periodStart=2025-05-01&periodEnd=2025-06-30&wagesDue=8700&wagesPaid=4%2C350"
    # Sent to another phone: the address alone fills the form and computes.
    phone.goto("about:blank")
    phone.goto(address.replace("/tools/", "/en/tools/"))
    assert phone.locator("[data-answer]").inner_text() == "Wages still owed to you: 4,350.00 yuan"
    assert phone.locator("[name=wagesPaid]").input_value() == "4,350"


def test_a_calculator_result_reopens_from_its_address(phone, site_server):
    phone.goto(site_server + "/tools/overtime/#monthlyWage=4350&workdayHours=10&restDayHours=&holidayHours=8")
    assert phone.locator("[data-answer]").inner_text() == "加班费（至少）：975.00 元"
    assert phone.locator("[name=workdayHours]").input_value() == "10"
    phone.fill("form.tool-form [name=workdayHours]", "12")
    phone.click("form.tool-form button[type=submit]")
    assert phone.evaluate("location.hash") == "#monthlyWage=4350&workdayHours=12&holidayHours=8"
    assert phone.locator("[data-printed]").inner_text().endswith(
        site_server + "/tools/overtime/#monthlyWage=4350&workdayHours=12&holidayHours=8")


def test_topics_link_to_their_calculators(real_site):
    html = (real_site / "topics" / "overtime-pay" / "index.html").read_text("utf-8")
    assert 'href="../../tools/overtime/"' in html
    html = (real_site / "en" / "tools" / "double-wages" / "index.html").read_text("utf-8")
    assert 'href="../../topics/written-contract/"' in html


def test_tool_labels_must_match_the_calculator(content_dir):
    problems = problems_after(content_dir, "      knewOn:\n", "      knownOn:\n", "tools.yaml")
    assert problems == [
        "guides_src/tools.yaml:20:7: error: tools.0.fields: missing the label of input 'knewOn'",
        "guides_src/tools.yaml:26:9: error: tools.0.fields.knownOn: 'arbitration-deadline' has no input 'knownOn'",
    ]


def test_work_injury_grades_must_be_one_to_ten(content_dir):
    problems = problems_after(content_dir, '          "10": {zh: 十级, en: Grade 10}\n', "", "tools.yaml")
    assert problems == ["guides_src/tools.yaml:106:11: error: tools.4.fields.grade.choices: "
                        "'grade' needs exactly the choices 1, 2, 3, 4, 5, 6, 7, 8, 9, 10"]


def test_every_calculator_needs_its_page(content_dir):
    text = (content_dir / "tools.yaml").read_text("utf-8")
    problems = problems_after(content_dir, text[text.index("  - slug: annual-leave\n"):], "", "tools.yaml")
    assert problems == ["guides_src/tools.yaml:10:3: error: tools: missing the calculator 'annual-leave'"]


def test_make_up_working_day_must_be_a_weekend(content_dir):
    problems = problems_after(content_dir, "working_days: [2025-03-08]", "working_days: [2025-03-07]",
                              "holidays.yaml")
    assert problems == ["guides_src/holidays.yaml:13:20: error: years.0.working_days.0: 2025-03-07 is a weekday; "
                        "list only weekend days made working days"]
