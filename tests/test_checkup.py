"""The enterprise check-up (用工法治体检): the checks on practitioner.checkup, the checklist page and PDF listing
every checkpoint of the real content, and a lawyer's check-up on a phone that fails five points and prints the
risk report with their requirements, citations and fixes."""

import json
import re
import subprocess

import pytest

from generator.build import Project, check

from .conftest import ROOT, problems_after
from .test_offline import wait_for

TODAY = __import__("datetime").date(2026, 11, 23)
TOPIC = "topics/example-topic.yaml"


def flat(text: str) -> str:
    """Text without spaces, line breaks and hyphens, which pdftotext drops where a line ends in a hyphen."""
    return "".join(text.split()).replace("-", "")


def pdf_text(path) -> str:
    return flat(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout)


@pytest.mark.parametrize("old, new, expected", [
    ("severity: high", "severity: severe",
     "guides_src/topics/example-topic.yaml:{line}:17: error: practitioner.checkup.0.severity: 'severe' is not one "
     "of: 'high', 'medium' or 'low'"),
    ("risk: {zh: 示例风险甲1。, en: Example risk 甲1., cites: [example-law 1]}",
     "risk: {zh: 示例风险甲1。, en: Example risk 甲1., cites: [example-law 99]}",
     "guides_src/topics/example-topic.yaml:{line}:57: error: practitioner.checkup.0.risk.cites.0: 示例法 has no "
     "article 99 (it has 4)"),
])
def test_checkup_problems_are_reported_with_file_and_line(content_dir, old, new, expected):
    text = (content_dir / TOPIC).read_text("utf-8")
    line = text[:text.index(old)].count("\n") + 1
    assert problems_after(content_dir, old, new, TOPIC, TODAY) == [expected.format(line=line)]


def test_a_topic_about_an_employers_duty_needs_three_checkpoints(content_dir):
    path = content_dir / TOPIC
    text = path.read_text("utf-8")
    start = text.index("  checkup:\n")
    end = text.index("  reviewed_on:", start)
    kept = "".join(text[start:end].splitlines(keepends=True)[:11])  # the heading and two points
    problems = problems_after(content_dir, text[start:end], kept, TOPIC, TODAY)
    line = text[:start].count("\n") + 2
    assert problems == [f"guides_src/{TOPIC}:{line}:5: error: practitioner.checkup: a topic in category "
                        "'example-category' needs at least 3 check-up points (practitioner.checkup) for lawyers "
                        "checking an enterprise; it has 2"]
    # A category about getting help, not an employer's duty, needs none.
    site = content_dir / "site.yaml"
    site.write_text(site.read_text("utf-8").replace("  - id: example-category\n",
                                                    "  - id: example-category\n    checkup: false\n"), "utf-8")
    from generator.validate import check_content

    assert check_content(content_dir, today=TODAY)[1] == []


def real_checkpoints():
    content, problems = check(Project(ROOT))
    assert not problems, problems
    return [(topic, point) for topic in content.topics for point in topic.practitioner.checkup]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_checklist_and_its_pdf_list_every_checkpoint(real_site, lang):
    points = real_checkpoints()
    content, _ = check(Project(ROOT))
    duty_topics = [t for t in content.topics if content.site.category(t.category).checkup]
    assert duty_topics and all(len(t.practitioner.checkup) >= 3 for t in duty_topics)
    prefix = "" if lang == "zh" else "en/"
    page = (real_site / prefix / "guide/checkup/index.html").read_text("utf-8")
    assert page.count('class="ck-point"') == len(points)
    shown = __import__("html").unescape(re.sub(r"<[^>]+>", "", page))  # Chinese on English pages is in spans
    printed = pdf_text(real_site / "downloads" / f"checkup-{lang}.pdf")
    for topic, point in points:
        for text in (point.requirement.text(lang), point.risk.text(lang), point.fix(lang), point.look_at(lang)):
            assert text in shown, text
        assert flat(point.requirement.text(lang)) in printed, point.requirement.text(lang)
        assert flat(point.fix(lang)) in printed, point.fix(lang)
    # Reached from the guide's contents and from each chapter with checkpoints.
    assert 'href="checkup/"' in (real_site / prefix / "guide/index.html").read_text("utf-8")
    for topic in duty_topics:
        chapter = (real_site / prefix / f"guide/{topic.slug}/index.html").read_text("utf-8")
        assert 'href="../checkup/"' in chapter and 'id="checkup"' in chapter, topic.slug


def test_a_lawyers_check_up_on_a_phone_prints_the_failed_points(phone, example_server, built_example, tmp_path):
    data = json.loads(re.search(r'<script type="application/json" id="ck-data">(.*?)</script>',
                                (built_example / "site/guide/checkup/report/index.html").read_text("utf-8"), re.S)[1])
    ids = list(data["points"])
    failed, passed = ids[:5], ids[5:]
    phone.goto(example_server + "/guide/checkup/report/")
    phone.fill("#ck-enterprise", "示例制造有限公司")
    phone.fill("#ck-date", "2026-02-30")
    assert phone.locator("[data-ck-date-error]").inner_text() == \
        "“2026-02-30”不是一个存在的日期。请按 年-月-日 填写，比如 2026-11-29。"
    phone.fill("#ck-date", "2026-11-20")
    phone.fill("#ck-lawyer", "示例律师")
    for point in failed:
        phone.check(f"input[name='ck-{point}'][value=fail]")
    for point in passed:
        phone.check(f"input[name='ck-{point}'][value=ok]")
    phone.fill(f"#ck-note-{failed[0]}", "工资台账只保存了一年")
    assert phone.locator("[data-ck-progress]").inner_text() == "已核对 6 / 6 项，其中不符合 5 项。"

    # Reopened later on the same phone, with no network: everything is still there.
    wait_for(phone, """async () => navigator.serviceWorker.controller !== null &&
        !!(await caches.match(new URL('/guide/checkup/report/', location.href))) &&
        !!(await caches.match(new URL('/assets/javascripts/checkup.js', location.href))) &&
        !!(await caches.match(new URL('/assets/javascripts/values.js', location.href)))""")
    phone.context.set_offline(True)
    phone.reload()
    assert phone.locator("#ck-enterprise").input_value() == "示例制造有限公司"
    assert phone.locator(f"input[name='ck-{failed[1]}'][value=fail]").is_checked()
    assert phone.locator("[data-ck-progress]").inner_text() == "已核对 6 / 6 项，其中不符合 5 项。"

    phone.emulate_media(media="print")
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(phone.pdf(format="A4"))
    phone.emulate_media(media="screen")
    printed = pdf_text(pdf)
    for expected in ["用工法治体检风险报告", "示例制造有限公司", "2026年11月20日", "示例律师", "工资台账只保存了一年",
                     "共核对6项（其中不适用0项），不符合5项"]:
        assert expected in printed, expected
    for point in failed:
        item = data["points"][point]
        for expected in [item["requirement"], item["requirement_cites"], item["risk"], item["risk_cites"], item["fix"]]:
            assert flat(expected) in printed, expected
    for point in passed:
        assert flat(data["points"][point]["requirement"]) not in printed
    # Only the report is printed, not the form.
    assert "体检记录和风险报告" not in printed and "不适用" not in printed.replace("其中不适用0项", "")

    # "Delete the check-up record" leaves nothing of it on the device.
    phone.click("[data-ck-delete]")
    assert phone.locator("[data-ck-status]").inner_text() == "已经删除。这台设备上没有保存任何体检记录了。"
    assert phone.evaluate("() => localStorage.getItem('portal-checkup')") is None
    assert phone.locator("#ck-enterprise").input_value() == ""


def test_five_failed_points_of_the_real_checklist_on_a_tablet(browser, site_server, real_site, tmp_path):
    data = json.loads(re.search(r'<script type="application/json" id="ck-data">(.*?)</script>',
                                (real_site / "en/guide/checkup/report/index.html").read_text("utf-8"), re.S)[1])
    # One point from each of five topics, taken across the list.
    by_topic: dict[str, str] = {}
    for point in data["points"]:
        by_topic.setdefault(point.rsplit("-", 1)[0], point)
    failed = list(by_topic.values())[::3][:5]
    assert len(failed) == 5
    context = browser.new_context(viewport={"width": 768, "height": 1024}, has_touch=True)
    outside: list[str] = []
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(
        ("http://127.0.0.1", "data:", "blob:")) else (outside.append(route.request.url), route.abort()))
    try:
        page = context.new_page()
        page.goto(site_server + "/en/guide/checkup/report/")
        page.fill("#ck-enterprise", "示例建筑劳务有限公司")
        for point in failed:
            page.check(f"input[name='ck-{point}'][value=fail]")
        page.emulate_media(media="print")
        pdf = tmp_path / "report.pdf"
        pdf.write_bytes(page.pdf(format="A4"))
    finally:
        context.close()
    printed = pdf_text(pdf)
    assert f"不符合5项：高风险{sum(data['points'][p]['severity'] == 'high' for p in failed)}项" in printed
    for point in failed:
        item = data["points"][point]
        for expected in [item["requirement"], item["requirement_cites"], item["risk_cites"], item["fix"]]:
            assert flat(expected) in printed, expected
    assert printed.count("法律要求") == 5
    assert outside == []
