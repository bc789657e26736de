"""The work and pay log (/log/): the hand-worked example (tests/worklog_example.yaml) against the published rules
module and through the page on a phone; the log kept offline, in a backup restored elsewhere, in the CSV and on
the printed sheet; storage failures; the page's content checks."""

import calendar
import csv
import io
import json
import subprocess
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect

from .test_accessibility import violations
from .test_content import real_content
from .test_validate import problems_after

EXAMPLE = yaml.safe_load((Path(__file__).parent / "worklog_example.yaml").read_text("utf-8"))
EXPECT = EXAMPLE["expect"]


def example_log() -> dict:
    """The example as the rules module takes it (a day without `worked` was worked)."""
    days = [{"id": "day-" + str(d["date"]), "kind": "day", **{k: str(v) if k == "date" else v for k, v in d.items()},
             "worked": d.get("worked", True)} for d in EXAMPLE["days"]]
    payments = [{"id": f"pay-{i}", "kind": "payment", **{k: str(v) if k == "date" else v for k, v in p.items()}}
                for i, p in enumerate(EXAMPLE["payments"])]
    return {"wage": EXAMPLE["wage"], "days": days, "payments": payments}


def run_rules(page, function: str, *args):
    """Call one function of the published rules module (by name: the page's policy allows no eval)."""
    return page.evaluate("""async ([name, args]) => {
        const rules = await import(new URL("/assets/worklog.js", location.href));
        return rules[name](...args); }""", [function, list(args)])


def hours(minutes: int) -> str:
    return str(round(minutes / 60, 2)).removesuffix(".0")


def test_example_is_thirty_days_across_a_month_end_and_a_holiday():
    dates = [str(d["date"]) for d in EXAMPLE["days"]]
    assert len(dates) == len(set(dates)) == EXPECT["entries"] == 30
    assert {d[:7] for d in dates} == {"2025-09", "2025-10"} and "2025-10-01" in dates
    assert len(EXAMPLE["payments"]) == 2


def test_hand_worked_example_against_the_rules_module(phone, site_server):
    phone.goto(site_server + "/log/")
    t = run_rules(phone, "totals", example_log())
    got = [{"month": m["month"], "days": m["days"], "hours": hours(m["minutes"]), "workday": hours(m["workday"]),
            "rest": hours(m["rest"]), "holiday": hours(m["holiday"]), "due": f"{m['due'] / 100:.2f}"} for m in t["months"]]
    assert got == EXPECT["months"]
    assert (t["days"], hours(t["minutes"]), t["unpaidDays"]) == (EXPECT["days"], EXPECT["hours"], EXPECT["unpaid_days"])
    assert [f"{t[k] / 100:.2f}" for k in ("due", "received", "owed")] == [EXPECT["due"], EXPECT["received"], EXPECT["owed"]]
    assert t["unpaidWagesFragment"] == EXPECT["unpaid_wages_fragment"]
    assert {m["month"]: m["overtimeFragment"] for m in t["months"]} == EXPECT["overtime_fragments"]
    listed = {str(c) for c in real_content().worklog.cites}
    assert t["steps"] and all(s["text_zh"] and s["text_en"] for s in t["steps"])
    assert {s["cite"] for s in t["steps"] if s["cite"]} <= listed


@pytest.mark.parametrize("date, marked, kind", [
    ("2025-10-01", False, "holiday"), ("2025-10-03", False, "holiday"), ("2025-10-04", False, "rest"),
    ("2025-10-06", True, "holiday"), ("2025-09-28", False, "work"), ("2025-10-11", False, "work"),
    ("2025-09-27", False, "rest"), ("2026-05-02", False, "holiday"), ("2026-05-09", False, "work"),
    ("2026-02-16", False, "rest"), ("2027-03-06", False, "rest"), ("2027-03-08", False, "work")])
def test_kind_of_day_from_the_holiday_calendar(phone, site_server, date, marked, kind):
    phone.goto(site_server + "/log/")
    assert run_rules(phone, "dayKind", date, marked) == kind


def test_rules_refuse_bad_figures_and_count_past_midnight(phone, site_server):
    phone.goto(site_server + "/log/")
    assert [run_rules(phone, "parseFigure", x) for x in ['300', '2,500.50', '３００', '0x1F4', '1e3', '-5', '1.234', '']] == \
        [300, 2500.5, 300, None, None, None, None, None]
    assert run_rules(phone, "dayMinutes", {"worked": True, "start": "22:00", "end": "06:30"}) == 510
    assert run_rules(phone, "dayMinutes", {"worked": True, "hours": "25"}) == 0
    # Per month: wage ÷ 21.75 × days, at most the month's wage: 6,525 ÷ 21.75 × 10 = 3,000.00; 25 days → 6,525.00.
    month = {"basis": "month", "rate": "6525"}
    ten = [{"date": f"2025-11-{d:02d}", "worked": True, "hours": "8"} for d in range(3, 8)] + \
          [{"date": f"2025-11-{d:02d}", "worked": True, "hours": "8"} for d in range(10, 15)]
    assert run_rules(phone, "totals", {"wage": month, "days": ten, "payments": []})["due"] == 300000
    many = [{"date": f"2025-12-{d:02d}", "worked": True, "hours": "8"} for d in range(1, 26)]
    assert run_rules(phone, "totals", {"wage": month, "days": many, "payments": []})["due"] == 652500


def test_csv_cells_are_neutralised_with_bom_and_crlf(phone, site_server):
    phone.goto(site_server + "/log/")
    text = run_rules(phone, "toCsv", [["=SUM(A1)", "+1", "-2", "@x", "a,b", 'say "hi"'], ["1", "\t=1"]])
    assert text == "\ufeff'=SUM(A1),'+1,'-2,'@x,\"a,b\",\"say \"\"hi\"\"\"\r\n1,'\t=1\r\n"


def test_a_backup_of_another_kind_is_refused(phone, site_server):
    phone.goto(site_server + "/log/")
    assert run_rules(phone, "parseBackup", '{"format": "other", "records": []}') == {"error": {
        "zh": "这个文件不是本站的记工备份。", "en": "This file is not a backup of this site's work log."}}
    assert run_rules(phone, "parseBackup", "not json")["error"]["en"] == \
        "This file is not a work-log backup (it cannot be read)."


# ── the page on a phone ──

def wait_ready(page):
    page.wait_for_selector("[data-log-app][data-ready]", timeout=10_000)


def record_day(page, day: dict) -> None:
    date = str(day["date"])
    page.fill("#log-date", date)
    page.dispatch_event("#log-date", "change")
    page.check(f"[data-log-day] [name=worked][value={'yes' if day.get('worked', True) else 'no'}]")
    for name, selector in [("hours", "#log-hours"), ("start", "#log-start"), ("end", "#log-end"), ("site", "#log-site"),
                           ("assignedBy", "#log-assigned"), ("pieces", "#log-pieces"), ("note", "#log-note")]:
        page.fill(selector, str(day.get(name, "")))
    page.set_checked("[data-log-day] [name=unpaid]", bool(day.get("unpaid")))
    page.set_checked("[data-log-day] [name=holiday]", bool(day.get("holiday")))
    page.click("[data-log-save]")
    y, m, d = (int(x) for x in date.split("-"))
    english = f"{d} {calendar.month_name[m]} {y}"
    expect(page.locator("[data-log-status]")).to_contain_text(english if "/en/" in page.url else f"{y}年{m}月{d}日")


def record_payment(page, payment: dict) -> None:
    page.fill("#log-pay-date", str(payment["date"]))
    page.fill("#log-amount", payment["amount"])
    page.check(f"[data-log-payment] [name=method][value={payment['method']}]")
    page.fill("#log-pay-note", payment.get("note", ""))
    items = page.locator("[data-log-payments] .log-item__text")
    count = items.count()
    page.click("[data-log-payment] button[type=submit]")
    expect(items).to_have_count(count + 1)


def page_totals(page) -> dict:
    rows = {}
    for row in page.locator("[data-log-totals] tbody tr").all():
        rows[row.get_attribute("data-month")] = row.locator("th, td").all_inner_texts()
    owed = {dd.get_attribute("data-total"): dd.inner_text() for dd in page.locator("[data-log-owed] dd").all()}
    return {"rows": rows, "owed": owed}


EXPECTED_ROWS = {m["month"]: [m["month"], str(m["days"]), m["hours"], m["workday"], m["rest"], m["holiday"],
                              f"{float(m['due']):,.2f}"] for m in EXPECT["months"]}


def test_recording_thirty_days_on_the_page(browser, phone, site_server, tmp_path):
    from .test_offline import wait_until_cached

    phone.goto(site_server + "/log/")
    wait_ready(phone)
    phone.check("[data-log-wage] [name=basis][value=day]")
    phone.fill("#log-rate", EXAMPLE["wage"]["rate"])
    phone.click("[data-log-wage] button[type=submit]")
    expect(phone.locator("[data-log-status]")).to_have_text("已保存在这部手机上。")
    for day in EXAMPLE["days"]:
        record_day(phone, day)
    for payment in EXAMPLE["payments"]:
        record_payment(phone, payment)

    totals = page_totals(phone)
    for month, row in EXPECTED_ROWS.items():
        assert totals["rows"][month] == row
    assert totals["rows"]["all"][1:] == [str(EXPECT["days"]), EXPECT["hours"], "36", "32", "16", "7,200.00"]
    assert totals["owed"] == {"due": "7,200.00", "received": "3,500.50", "owed": "3,699.50",
                              "unpaid_days": str(EXPECT["unpaid_days"])}
    # The owed figures flow into the unpaid-wage calculator, and each month's hours into the overtime one.
    link = phone.locator("[data-log-links] a[data-link=unpaid-wages]")
    assert link.get_attribute("href") == "../tools/unpaid-wages/" + EXPECT["unpaid_wages_fragment"]
    assert link.evaluate("a => new URL(a.href).pathname") == "/tools/unpaid-wages/"
    for month, fragment in EXPECT["overtime_fragments"].items():
        assert phone.locator(f"[data-log-links] a[data-link=overtime-{month}]").get_attribute("href") == \
            "../tools/overtime/" + fragment
    working = phone.locator("[data-log-steps]").inner_text()
    assert "300.00元 × 14天 = 4,200.00元" in working and "7,200.00 − 3,500.50 = 3,699.50元" in working
    assert "《职工工作时间规定》第三条" in working
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390

    # The calendar shows the holiday calendar's days off and make-up working days.
    assert phone.locator("[data-log-month]").inner_text() == "2025年10月"
    assert "调休上班" in phone.locator(".log-day--makeup").first.get_attribute("aria-label")
    assert phone.locator(".log-day--off").count() == 8

    # The CSV: the same figures, one row per day.
    with phone.expect_download() as download:
        phone.click("[data-log-csv]")
    raw = Path(download.value.path()).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    lines = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    days = {line[0]: line for line in lines if len(line) == 12 and line[0][:4] == "2025"}
    assert len(days) == 30
    assert days["2025-09-27"][11] == "'=老板说周六也要干", "a formula-like note is neutralised"
    assert days["2025-10-01"][1:3] == ["法定节假日", "是"] and days["2025-10-01"][5:7] == ["8", "8"]
    assert days["2025-09-28"][1] == "工作日" and days["2025-09-28"][5:7] == ["10", "2"]
    month_rows = {line[0]: line for line in lines if len(line) == 7 and line[0] in EXPECTED_ROWS}
    for month, row in EXPECTED_ROWS.items():
        assert month_rows[month] == row[:6] + [row[6].replace(",", "")]
    figures = {line[0]: line[1] for line in lines if len(line) == 2}
    assert (figures["按约定应得（元）"], figures["已收到（元）"], figures["还欠你（元）"]) == ("7200.00", "3500.50", "3699.50")

    # The printed 记工表 of each month holds the same figures as the CSV.
    for month, back in [("2025-10", 0), ("2025-09", 1)]:
        for _ in range(back):
            phone.click("[data-log-prev]")
        pdf = tmp_path / f"sheet-{month}.pdf"
        phone.pdf(path=str(pdf), format="A4")
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        flat = " ".join(text.split())
        row = EXPECTED_ROWS[month]
        lines_printed = [" ".join(line.split()) for line in text.splitlines()]
        for figure in [f"上工天数 {row[1]}", f"总小时 {row[2]}", f"工作日超出8小时 {row[3]}", f"休息日上工小时 {row[4]}",
                       f"法定节假日上工小时 {row[5]}", f"按约定应得（元） {row[6].replace(',', '')}",
                       "按约定应得（元） 7200.00", "已收到（元） 3500.50", "还欠你（元） 3699.50", "标了“钱还没给”的天数 10"]:
            assert any(figure in line for line in lines_printed), figure
        assert "本人签字" in flat and "带班或工头签字" in flat and "工友签字" in flat
        printed: dict[str, list[str]] = {}
        for printed_line in text.splitlines():
            if printed_line.strip()[:7] == month:  # the day's row comes first, a payment that day after it
                printed.setdefault(printed_line.split()[0], printed_line.split())
        for date, line in days.items():
            if date.startswith(month):
                assert date in printed, date
                # date, kind, worked, [start, end,] hours, beyond: the hours and beyond-standard figures match.
                numbers = [w for w in printed[date][3:] if w.replace(".", "").isdigit()]
                assert numbers[:2] == [line[5], line[6]], (date, printed[date])
        for payment in EXAMPLE["payments"]:
            if str(payment["date"]).startswith(month):
                amount = f"{float(payment['amount'].replace(',', '')):.2f}"
                assert f"{payment['date']} {'预支（借支）' if payment['method'] == 'advance' else '微信'} {amount}" in flat
        assert "记一天" not in flat and "保存备份文件" not in flat, "the forms are not printed"

    # The log survives a reload with the network off.
    wait_until_cached(phone)
    phone.wait_for_function("""async () => {
        for (const name of ['/assets/worklog.js', '/assets/javascripts/log.js', '/assets/holidays.js',
                            '/assets/stylesheets/log.css'])
            if (!await caches.match(new URL(name, location.href))) return false;
        return true; }""", timeout=15_000)
    phone.context.set_offline(True)
    try:
        phone.reload()
        wait_ready(phone)
        assert page_totals(phone) == totals
    finally:
        phone.context.set_offline(False)

    # A backup restored in a fresh browser gives the same totals.
    with phone.expect_download() as download:
        phone.click("[data-log-backup]")
    backup = tmp_path / "backup.json"
    Path(download.value.path()).rename(backup)
    assert json.loads(backup.read_text("utf-8"))["format"] == "portal-worklog"
    fresh = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = fresh.new_page()
        page.goto(site_server + "/log/")
        wait_ready(page)
        assert page_totals(page)["owed"]["received"] == "0.00"
        page.set_input_files("[data-log-restore]", str(backup))
        expect(page.locator("[data-log-status]")).to_have_text("已从备份文件恢复。")
        assert page_totals(page) == totals
        assert page.locator("#log-rate").input_value() == "300"
    finally:
        fresh.close()


def test_today_in_two_taps_with_the_last_day_s_hours_and_site(phone, site_server):
    phone.goto(site_server + "/log/")
    wait_ready(phone)
    record_day(phone, {"date": "2025-06-03", "hours": "9.5", "site": "东区仓库", "assignedBy": "李班长"})
    today = phone.evaluate("new Date(Date.now() - new Date().getTimezoneOffset() * 60000).toISOString().slice(0, 10)")
    phone.click("[data-log-today]")
    phone.click("[data-log-save]")
    y, m, d = (int(x) for x in today.split("-"))
    expect(phone.locator("[data-log-status]")).to_contain_text(f"{y}年{m}月{d}日")
    assert phone.locator("[data-log-month]").inner_text() == f"{y}年{m}月"
    entry = phone.locator("[data-log-days] li .log-item__text").first.inner_text()
    assert "9.5 小时" in entry and "东区仓库" in entry and "李班长" in entry


def test_what_the_worker_types_is_shown_as_written(phone, site_server):
    payload = '"><img src=x onerror=window.__xss=1><script>window.__xss=1</script>'
    phone.goto(site_server + "/log/")
    wait_ready(phone)
    record_day(phone, {"date": "2025-06-04", "hours": "8", "site": payload, "assignedBy": payload, "note": payload})
    phone.fill("#log-pay-date", "2025-06-05")
    phone.fill("#log-amount", "10")
    phone.fill("#log-pay-note", payload)
    phone.click("[data-log-payment] button[type=submit]")
    expect(phone.locator("[data-log-payments] .log-item__text")).to_contain_text(payload)
    assert payload in phone.locator("[data-log-days] .log-item__text").first.inner_text()
    assert phone.locator("[data-log-sheet] td", has_text=payload).count() == 4
    assert phone.evaluate("window.__xss") is None and phone.locator("[data-log-app] img, [data-log-sheet] img").count() == 0


def test_delete_with_undo_and_clear_only_after_confirmation(phone, site_server):
    phone.goto(site_server + "/en/log/")
    wait_ready(phone)
    record_day(phone, {"date": "2026-05-01", "hours": "8"})
    record_day(phone, {"date": "2026-05-06", "start": "08:00", "end": "18:30"})
    assert page_totals(phone)["rows"]["2026-05"][1:6] == ["2", "18.5", "2.5", "0", "8"]
    phone.locator("[data-log-days] li", has_text="6 May 2026").get_by_role("button", name="Delete").click()
    expect(phone.locator("[data-log-status]")).to_have_text("Deleted.")
    assert page_totals(phone)["rows"]["2026-05"][1] == "1"
    phone.click("[data-log-undo]")
    expect(phone.locator("[data-log-undo]")).to_be_hidden()
    assert page_totals(phone)["rows"]["2026-05"][1:3] == ["2", "18.5"]

    # An edit can be undone too.
    phone.locator("[data-log-days] li", has_text="6 May 2026").get_by_role("button", name="Edit").click()
    assert phone.locator("#log-start").input_value() == "08:00"
    phone.fill("#log-end", "20:00")
    phone.click("[data-log-save]")
    expect(phone.locator("[data-log-undo]")).to_be_visible()
    assert page_totals(phone)["rows"]["2026-05"][2] == "20"
    phone.click("[data-log-undo]")
    expect(phone.locator("[data-log-undo]")).to_be_hidden()
    assert page_totals(phone)["rows"]["2026-05"][2] == "18.5"

    phone.once("dialog", lambda dialog: dialog.dismiss())
    phone.click("[data-log-clear]")
    phone.reload()
    wait_ready(phone)
    assert page_totals(phone)["rows"]["2026-05"][1] == "2", "dismissing the question keeps the log"
    messages = []
    phone.once("dialog", lambda dialog: (messages.append(dialog.message), dialog.accept()))
    phone.click("[data-log-clear]")
    expect(phone.locator("[data-log-status]")).to_have_text("The log has been cleared.")
    assert messages == ["Really clear the whole log? It cannot be brought back unless you have a backup file."]
    phone.reload()
    wait_ready(phone)
    assert "2026-05" not in page_totals(phone)["rows"]


def test_a_full_phone_keeps_what_was_saved(phone, site_server):
    phone.add_init_script("""
        const put = IDBObjectStore.prototype.put;
        IDBObjectStore.prototype.put = function (...args) {
            if (window.storageFull) throw new DOMException("full", "QuotaExceededError");
            return put.apply(this, args);
        };""")
    phone.goto(site_server + "/log/")
    wait_ready(phone)
    record_day(phone, {"date": "2025-05-06", "hours": "9"})
    phone.evaluate("window.storageFull = true")
    phone.fill("#log-date", "2025-05-07")
    phone.dispatch_event("#log-date", "change")
    phone.fill("#log-hours", "9")
    phone.click("[data-log-save]")
    expect(phone.locator("[data-log-status]")).to_have_text(
        "手机存储空间满了，这条没有保存。以前保存的记录还在。请清理手机空间，或者先保存备份文件。")
    assert page_totals(phone)["rows"]["2025-05"][1] == "1"
    phone.reload()
    wait_ready(phone)
    assert page_totals(phone)["rows"]["2025-05"][1:3] == ["1", "9"]


def test_page_asks_to_keep_its_storage(phone, site_server):
    phone.add_init_script("navigator.storage.persisted = async () => false;"
                          "navigator.storage.persist = async () => { window.persistAsked = true; return true; };")
    phone.goto(site_server + "/log/")
    wait_ready(phone)
    expect(phone.locator("[data-log-storage]")).to_have_text("手机已同意长期保存这些记录。")
    assert phone.evaluate("window.persistAsked") is True


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_accessibility_violations_on_the_log(phone, site_server, lang):
    phone.goto(f"{site_server}/{'' if lang == 'zh' else 'en/'}log/")
    wait_ready(phone)
    failures = [f"empty: {v}" for v in violations(phone)]
    record_day(phone, {"date": "2025-10-01", "hours": "8", "site": "A", "unpaid": True})
    phone.fill("#log-rate", "300")
    phone.click("[data-log-wage] button[type=submit]")
    expect(phone.locator("[data-log-links] a").first).to_be_visible()
    # Checked freshly loaded (the log is kept): scrolling starts Material's header and back-to-top fades,
    # which axe would measure half-way.
    phone.reload()
    wait_ready(phone)
    expect(phone.locator("[data-log-links] a").first).to_be_visible()
    failures += [f"with a day: {v}" for v in violations(phone)]
    assert failures == []
    targets = ("[data-log-app] button, [data-log-app] a, [data-log-app] label.log-choice, [data-log-app] label.md-button, "
               "[data-log-app] input:not([type=file]):not([type=radio]):not([type=checkbox])")
    small = phone.evaluate("""selector => [...document.querySelectorAll(selector)].filter(e => e.offsetParent !== null)
        .map(e => e.getBoundingClientRect()).filter(r => r.height < 47.5 || r.width < 24).length""", targets)
    assert small == 0, "tap targets are at least 48 px high"


def test_log_page_loads_its_files_and_other_pages_do_not(real_site):
    html = (real_site / "log" / "index.html").read_text("utf-8")
    assert '<script type="module" src="../assets/javascripts/log.js"></script>' in html
    assert 'href="../assets/stylesheets/log.css"' in html
    assert '<script type="application/json" id="log-data">' in html
    en = (real_site / "en" / "log" / "index.html").read_text("utf-8")
    assert '<script type="module" src="../../assets/javascripts/log.js"></script>' in en
    topic = (real_site / "topics" / "unpaid-wages" / "index.html").read_text("utf-8")
    assert "log.js" not in topic and "log.css" not in topic and "worklog" not in topic
    sw = (real_site / "sw.js").read_text("utf-8")
    assert "log.js" not in sw and "worklog.js" not in sw and "log.css" not in sw, "not fetched by every first visit"
    assert 'href="log/"' in (real_site / "index.html").read_text("utf-8"), "in the menu"


def test_worklog_labels_must_match_the_script(content_dir):
    problems = problems_after(content_dir, "  undo: {", "  undone: {", "worklog.yaml")
    assert problems == ["guides_src/worklog.yaml:19:3: error: labels: missing the label 'undo'",
                        "guides_src/worklog.yaml:38:11: error: labels.undone: the page script has no label 'undone'"]


def test_worklog_citations_must_be_in_the_registry(content_dir):
    problems = problems_after(content_dir, "worklog.js).\ncites: [example-law 1]\n", "worklog.js).\ncites: [example-law 99]\n",
                              "worklog.yaml")
    assert problems == ["guides_src/worklog.yaml:17:9: error: cites.0: 示例法 has no article 99 (it has 4)"]


def test_the_owed_figures_open_in_the_unpaid_wage_calculator(phone, site_server):
    """The log's link carries its figures in the address: the calculator fills itself in and gives the same owed."""
    phone.goto(site_server + "/tools/unpaid-wages/" + EXPECT["unpaid_wages_fragment"])
    phone.locator("[data-answer]").wait_for()
    assert "3,699.50" in phone.locator("[data-answer]").inner_text()
    assert phone.locator("form.tool-form [name=wagesDue]").input_value() == "7200.00"
