"""The calculators: worked examples written by hand from the statutes, run against the published module in
Chromium; the form on a phone in both languages, printing, offline use; and the checks on their content."""

from pathlib import Path

import pytest
import yaml

from .test_content import real_content
from .test_validate import problems_after

EXAMPLES = yaml.safe_load((Path(__file__).parent / "calculator_examples.yaml").read_text("utf-8"))
TOOL_OF = {"arbitrationDeadline": "arbitration-deadline", "doubleWages": "double-wages", "severance": "severance",
           "overtimePay": "overtime"}


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
        elif name == "claim":
            page.check(f"form.tool-form [name=claim][value={value}]")
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


def test_make_up_working_day_must_be_a_weekend(content_dir):
    problems = problems_after(content_dir, "working_days: [2025-03-08]", "working_days: [2025-03-07]",
                              "holidays.yaml")
    assert problems == ["guides_src/holidays.yaml:13:20: error: years.0.working_days.0: 2025-03-07 is a weekday; "
                        "list only weekend days made working days"]
