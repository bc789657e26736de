"""Events and mobile stations, and campaigns: validation with exact places, the pages before and after an event's
date, the calendar files read back, the banner while a campaign runs and not outside it."""

import datetime
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.ics import escape_text, event_ics, fold
from generator.models import Event
from generator.render import Renderer
from generator.validate import check_content

from .conftest import ROOT, copy_example
from .conftest import problems_after as shared_problems_after

EVENTS = Path(__file__).resolve().parent / "fixtures" / "events" / "example-events.yaml"
FILE = "guides_src/events/example.yaml"
BEFORE = datetime.date(2027, 3, 1)  # before both example events, inside the example campaign
ON_THE_DAY = datetime.date(2027, 3, 10)  # the consultation day itself
BETWEEN = datetime.date(2027, 3, 11)  # the consultation day is over; the mobile station is still to come
AFTER = datetime.date(2027, 4, 1)  # both events and the campaign are over
CAMPAIGN = """campaigns:
  - id: example-campaign
    title: {zh: 示例专项行动, en: Example campaign}
    start: 2027-02-01
    end: 2027-03-31
    topics: [example-other]
    message: {zh: 示例消息。, en: Example message.}
    link: https://example.org/campaign
"""
# A second worker problem, for the other topic: the campaign's topic comes first on the home page.
PROBLEMS = ("    topic: example-topic\n", "    topic: example-topic\n  - text: {zh: 另一个示例问题, en: Another example "
                                           "problem}\n    topic: example-other\n")


def add_events_and_campaign(guides_src: Path) -> None:
    (guides_src / "events").mkdir()
    shutil.copy(EVENTS, guides_src / "events" / "example.yaml")
    site = guides_src / "site.yaml"
    text = site.read_text("utf-8")
    assert PROBLEMS[0] in text
    site.write_text(text.replace(*PROBLEMS) + CAMPAIGN, "utf-8")


@pytest.fixture
def events_dir(content_dir):
    add_events_and_campaign(content_dir)
    return content_dir


def problems_after(content_dir: Path, old: str, new: str, file: str = "events/example.yaml") -> list[str]:
    return shared_problems_after(content_dir, old, new, file, BEFORE)


# ── Validation ──────────────────────────────────────────────────────────────────

def test_example_events_are_valid(events_dir):
    content, problems = check_content(events_dir, today=BEFORE)
    assert problems == []
    assert [e.id for e in content.events] == ["example-consultation-day", "example-mobile-station"]
    day, station = content.events
    assert not day.all_day and day.start == datetime.datetime(2027, 3, 10, 9, 30) and day.province == "guangdong"
    assert station.all_day and (station.first_day, station.last_day) == (datetime.date(2027, 3, 12),
                                                                         datetime.date(2027, 3, 13))
    assert [c.id for c in content.site.running_campaigns(BEFORE)] == ["example-campaign"]
    assert content.site.running_campaigns(AFTER) == []


def test_an_empty_events_folder_is_fine(content_dir):
    (content_dir / "events").mkdir()
    (content_dir / "events" / "README.md").write_text("# Events\n", "utf-8")
    content, problems = check_content(content_dir, today=BEFORE)
    assert problems == [] and content.events == []


@pytest.mark.parametrize("old, new, expected", [
    ("start: 2027-03-12", "start: 2026-02-30",
     f"{FILE}:24:12: error: events.1.start: '2026-02-30' is not a valid date (use YYYY-MM-DD)"),
    ("start: 2027-03-10 09:30", "start: 2027-02-30 09:30",
     f"{FILE}:6:12: error: events.0.start: '2027-02-30 09:30' is not a date or a date and time (use YYYY-MM-DD, "
     "or YYYY-MM-DD HH:MM in China time)"),
    ("end: 2027-03-10 16:00", "end: 2027-03-10 08:00",
     f"{FILE}:7:10: error: events.0.end: ends (2027-03-10 08:00) before it starts (2027-03-10 09:30)"),
    ("end: 2027-03-13", "end: 2027-03-11",
     f"{FILE}:25:10: error: events.1.end: ends (2027-03-11) before it starts (2027-03-12)"),
    ("end: 2027-03-13", "end: 2027-03-13 10:00",
     f"{FILE}:25:10: error: events.1.end: give both start and end as dates (all day), or both as dates with a time"),
    ("province: guangdong", "province: atlantis",
     f"{FILE}:9:15: error: events.0.province: unknown province 'atlantis' (use a code such as 'guangdong' or the "
     "Chinese name '广东')"),
    ("topics: [example-other]", "topics: [example-othr]",
     f"{FILE}:31:14: error: events.1.topics.0: unknown topic 'example-othr' (did you mean 'example-other'?)"),
    ("id: example-mobile-station", "id: example-consultation-day",
     f"{FILE}:21:9: error: events.1.id: duplicate event id 'example-consultation-day' (also in {FILE})"),
    ("    note: {zh:", "    notes: {zh:",
     f"{FILE}:18:5: error: events.0: unknown field 'notes' (did you mean 'note'?)"),
    ('phone: "020-00000001"', 'phone: "020-1"',
     f"{FILE}:16:14: error: events.0.contact.phone: '020-1' is not a phone number (area code and number, 11-digit "
     "mobile, or a 5-digit service number such as 12348)"),
    ("kind: mobile_station", "kind: mobile-station",
     f"{FILE}:22:11: error: events.1.kind: 'mobile-station' is not one of: 'talk', 'consultation_day' or "
     "'mobile_station'"),
    ("verified_on: 2026-01-05\n  - id", "verified_on: 2027-03-02\n  - id",
     f"{FILE}:20:18: error: events.0.verified_on: date 2027-03-02 is in the future"),
], ids=["no such date", "no such date with a time", "ends before it starts", "last day before the first",
        "date and time mixed", "unknown province", "unknown topic", "duplicate id", "unknown field", "bad phone",
        "unknown kind", "checked in the future"])
def test_bad_event(events_dir, old, new, expected):
    assert problems_after(events_dir, old, new) == [expected]


def test_every_bad_event_is_reported_at_once(events_dir):
    path = events_dir / "events" / "example.yaml"
    text = path.read_text("utf-8").replace("province: guangdong", "province: atlantis")
    path.write_text(text.replace("topics: [example-other]", "topics: [example-othr]"), "utf-8")
    _, problems = check_content(events_dir, today=BEFORE)
    assert [f"{p.path}:{p.line}:{p.col}" for p in problems] == [f"{FILE}:9:15", f"{FILE}:31:14"]


def test_duplicate_id_in_another_file(events_dir):
    shutil.copy(events_dir / "events" / "example.yaml", events_dir / "events" / "another.yaml")
    _, problems = check_content(events_dir, today=BEFORE)
    assert [str(p) for p in problems] == [
        f"{FILE}:3:9: error: events.0.id: duplicate event id 'example-consultation-day' (also in "
        "guides_src/events/another.yaml)",
        f"{FILE}:21:9: error: events.1.id: duplicate event id 'example-mobile-station' (also in "
        "guides_src/events/another.yaml)"]


@pytest.mark.parametrize("old, new, expected", [
    ("    end: 2027-03-31", "    end: 2027-01-31",
     "guides_src/site.yaml:30:10: error: campaigns.0.end: ends (2027-01-31) before it starts (2027-02-01)"),
    ("    topics: [example-other]\n    message", "    topics: [example-othr]\n    message",
     "guides_src/site.yaml:31:14: error: campaigns.0.topics.0: unknown topic 'example-othr' (did you mean "
     "'example-other'?)"),
    ("    start: 2027-02-01", "    start: 2027-02-30",
     "guides_src/site.yaml:29:12: error: campaigns.0.start: '2027-02-30' is not a valid date (use YYYY-MM-DD)"),
    ("    link: https://example.org/campaign", "    link: http://example.org/campaign",
     "guides_src/site.yaml:33:11: error: campaigns.0.link: 'http://example.org/campaign' is not an https:// "
     "address (only https:// links are allowed; no spaces, quotes, brackets or parentheses)"),
], ids=["ends before it starts", "unknown topic", "no such date", "not https"])
def test_bad_campaign(events_dir, old, new, expected):
    assert problems_after(events_dir, old, new, "site.yaml") == [expected]


def test_the_real_events_folder_has_its_readme_and_validates():
    assert (ROOT / "guides_src" / "events" / "README.md").is_file()
    content, problems = check_content(ROOT / "guides_src")
    assert problems == [] and content is not None


def test_json_schema_describes_events():
    from generator.schema import schema_files

    schema = __import__("json").loads(schema_files()["events.schema.json"])
    event = schema["$defs"]["Event"]
    assert event["additionalProperties"] is False
    assert event["properties"]["kind"]["enum"] == ["talk", "consultation_day", "mobile_station"]
    assert event["properties"]["start"]["type"] == "string"
    assert set(event["required"]) >= {"id", "kind", "title", "start", "end", "place", "province", "city",
                                       "organisers", "topics", "contact", "source", "verified_on"}


# ── Pages, rendered in memory on different build dates ──────────────────────────

def pages_on(events_dir: Path, today: datetime.date) -> dict[str, str]:
    content, problems = check_content(events_dir, today=min(today, BEFORE))
    assert problems == []
    return Renderer(content, today=today).pages()


def test_an_event_shows_before_and_on_its_day_and_not_after(events_dir):
    for today in (BEFORE, ON_THE_DAY):
        pages = pages_on(events_dir, today)
        for lang in ("zh", "en"):
            assert 'id="event-example-consultation-day"' in pages[f"{lang}/index.md"]
            assert 'id="event-example-consultation-day"' in pages[f"{lang}/stations/guangdong.md"]
            assert 'id="event-example-consultation-day"' in pages[f"{lang}/events/index.md"]
            # Each event only on its own province's page.
            assert "event-example-consultation-day" not in pages[f"{lang}/stations/beijing.md"]
            assert "event-example-mobile-station" not in pages[f"{lang}/stations/guangdong.md"]
    pages = pages_on(events_dir, BETWEEN)
    for lang in ("zh", "en"):
        for path in ("index.md", "stations/guangdong.md", "events/index.md"):
            assert "event-example-consultation-day" not in pages[f"{lang}/{path}"]
        assert "events" not in re.findall(r"\{ #(\w+) \}", pages[f"{lang}/stations/guangdong.md"])
        assert 'id="event-example-mobile-station"' in pages[f"{lang}/index.md"]
        assert 'id="event-example-mobile-station"' in pages[f"{lang}/stations/beijing.md"]
    pages = pages_on(events_dir, AFTER)
    for lang in ("zh", "en"):
        assert 'class="event"' not in pages[f"{lang}/index.md"] + pages[f"{lang}/events/index.md"]
        assert "{ #events }" not in pages[f"{lang}/index.md"]
    assert "目前没有收录即将举行的活动" in pages["zh/events/index.md"]


def test_event_entry_shows_what_a_worker_needs(events_dir):
    pages = pages_on(events_dir, BEFORE)
    home = pages["zh/index.md"]
    # Soonest first.
    assert home.index("event-example-consultation-day") < home.index("event-example-mobile-station")
    entry = home[home.index('id="event-example-consultation-day"'):home.index("</article>")]
    assert '<time datetime="2027-03-10T09:30+08:00">2027年3月10日 09:30–16:00（北京时间）</time>' in entry
    assert '<span class="event__kind">法律咨询日</span>' in entry
    assert "<dd>示例广场，示例市，广东</dd>" in entry
    assert "<dd>示例法律援助中心、示例工会</dd>" in entry
    assert '<a href="topics/example-topic/">示例主题标题</a>' in entry
    assert '<a class="tel" href="tel:02000000001">020-00000001</a>' in entry
    assert '<a href="downloads/events/example-consultation-day.ics" download>' in entry
    en_province = pages["en/stations/guangdong.md"]
    assert "10 March 2027, 09:30–16:00 (China time)" in en_province
    assert '<a href="../../topics/example-topic/">Example topic title</a>' in en_province
    assert '<a href="../../../downloads/events/example-consultation-day.ics" download>' in en_province
    station = pages["en/stations/beijing.md"]
    assert '<time datetime="2027-03-12">12 March 2027 to 13 March 2027</time>' in station
    assert '<span class="event__kind">Mobile station</span>' in station


def test_event_text_is_escaped(events_dir):
    path = events_dir / "events" / "example.yaml"
    path.write_text(path.read_text("utf-8").replace("{zh: 示例广场, en: Example Square}",
                                                    '{zh: "<script>alert(1)</script>示例", en: "*Square* <b>&"}'),
                    "utf-8")
    pages = pages_on(events_dir, BEFORE)
    assert "<script>alert(1)" not in pages["zh/index.md"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;示例" in pages["zh/index.md"]
    assert "*Square* &lt;b&gt;&amp;" in pages["en/index.md"]


def test_campaign_topics_come_first_and_banner_only_in_its_dates(events_dir):
    pages = pages_on(events_dir, BEFORE)
    home = pages["zh/index.md"]
    problems = home[home.index('<div class="problems"'):]
    assert problems.index("topics/example-other.md") < problems.index("topics/example-topic.md")
    assert home.index("示例专项行动") < home.index('<div class="problems"')
    for path, text in pages.items():
        if path.endswith(".md"):
            assert "\ncampaign:\n" in text.split("\n---\n", 1)[0], path
    assert '  title: "Example campaign"\n  topic: "Another example topic"\n  topic_link: "en/topics/example-other/"' \
        in pages["en/about.md"]
    pages = pages_on(events_dir, AFTER)
    home = pages["zh/index.md"]
    assert "示例专项行动" not in home
    problems = home[home.index('<div class="problems"'):]
    assert problems.index("topics/example-topic.md") < problems.index("topics/example-other.md")
    assert not any("\ncampaign:\n" in text for text in pages.values())


def test_campaign_starts_and_ends_on_its_dates(events_dir):
    content, _ = check_content(events_dir, today=BEFORE)
    site = content.site
    assert [bool(site.running_campaigns(datetime.date(2027, m, d))) for m, d in
            [(1, 31), (2, 1), (3, 31), (4, 1)]] == [False, True, True, False]


# ── Calendar files ─────────────────────────────────────────────────────────────

TEXT_PROPERTIES = {"SUMMARY", "LOCATION", "DESCRIPTION", "CONTACT"}


def unescape_text(value: str) -> str:
    """A TEXT value read back; a ';' or ',' not escaped, or a backslash before anything else, fails."""
    out, chars = [], iter(value)
    for char in chars:
        assert char not in ";,", f"unescaped {char!r} in {value!r}"
        if char == "\\":
            escaped = next(chars)
            assert escaped in "\\;,nN", f"bad escape \\{escaped}"
            out.append("\n" if escaped in "nN" else escaped)
        else:
            out.append(char)
    return "".join(out)


def parse_ics(data: bytes) -> list[tuple[str, dict[str, str], str]]:
    """A strict reading of an iCalendar file: CRLF line ends only, physical lines of at most 75 octets, each
    valid UTF-8 on its own, folded lines joined; returns (name, parameters, value) with TEXT escapes undone."""
    assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    assert b"\r" not in data.replace(b"\r\n", b"")
    physical = data[:-2].split(b"\r\n")
    for line in physical:
        assert len(line) <= 75, line
        line.decode("utf-8")  # a fold inside a character would fail here
    logical: list[bytes] = []
    for line in physical:
        if line.startswith(b" "):
            logical[-1] += line[1:]
        else:
            logical.append(line)
    properties = []
    for line in logical:
        text = line.decode("utf-8")
        match = re.fullmatch(r"([A-Z-]+)((?:;[A-Z-]+=[^;:]+)*):(.*)", text)
        assert match, text
        name, params, value = match.groups()
        parameters = dict(p.split("=", 1) for p in params.split(";")[1:])
        if name in TEXT_PROPERTIES:
            value = unescape_text(value)
        properties.append((name, parameters, value))
    # Components open and close in order.
    stack = []
    for name, _, value in properties:
        if name == "BEGIN":
            stack.append(value)
        elif name == "END":
            assert stack.pop() == value
    assert stack == []
    return properties


def props(properties, component="VEVENT") -> dict[str, tuple[dict, str]]:
    inside, found = [], {}
    for name, params, value in properties:
        if name == "BEGIN":
            inside.append(value)
        elif name == "END":
            inside.pop()
        elif inside and inside[-1] == component:
            found[name] = (params, value)
    return found


def example_events(events_dir) -> list[Event]:
    content, _ = check_content(events_dir, today=BEFORE)
    return content.events


def test_timed_event_calendar(events_dir):
    day = example_events(events_dir)[0]
    properties = parse_ics(event_ics(day, "https://workers-legal-help.example/").encode("utf-8"))
    event = props(properties)
    assert event["DTSTART"] == ({"TZID": "Asia/Shanghai"}, "20270310T093000")
    assert event["DTEND"] == ({"TZID": "Asia/Shanghai"}, "20270310T160000")
    assert event["UID"][1] == "example-consultation-day@workers-legal-help.example"
    assert event["DTSTAMP"][1] == "20260105T000000Z"
    assert event["SUMMARY"][1] == "示例法律咨询日 / Example consultation day"
    assert event["LOCATION"][1] == "广东省示例市示例广场 / Example Square, Example City, Guangdong"
    assert "Bring your ID card; wage records, if any." in event["DESCRIPTION"][1]
    assert "法律咨询日。主办：示例法律援助中心、示例工会。联系电话：示例联系人 020-00000001。" in event["DESCRIPTION"][1]
    assert event["URL"][1] == "https://workers-legal-help.example/events/#event-example-consultation-day"
    timezone = props(properties, "STANDARD")
    assert props(properties, "VTIMEZONE")["TZID"][1] == "Asia/Shanghai"
    assert (timezone["TZOFFSETFROM"][1], timezone["TZOFFSETTO"][1]) == ("+0800", "+0800")
    assert [p[0] for p in properties[:3]] == ["BEGIN", "VERSION", "PRODID"]


def test_all_day_event_calendar_ends_the_day_after(events_dir):
    station = example_events(events_dir)[1]
    text = event_ics(station)
    properties = parse_ics(text.encode("utf-8"))
    event = props(properties)
    assert event["DTSTART"] == ({"VALUE": "DATE"}, "20270312")
    assert event["DTEND"] == ({"VALUE": "DATE"}, "20270314")
    assert "VTIMEZONE" not in text and "URL" not in event


def test_folding_and_escaping():
    assert escape_text('a,b;c\\d\ne') == "a\\,b\\;c\\\\d\\ne"
    line = "DESCRIPTION:" + "工资" * 40 + "," * 30
    folded = fold(escape_text(line))
    lines = folded.split("\r\n")
    assert all(len(part.encode("utf-8")) <= 75 for part in lines) and len(lines) > 2
    assert all(part.startswith(" ") for part in lines[1:])
    assert all(not part.endswith("\\") or part.endswith("\\\\") for part in lines)
    assert "".join([lines[0]] + [part[1:] for part in lines[1:]]) == escape_text(line)


# ── The real build: site/ before and after the event's date ────────────────────────

def build(project: Path, today: datetime.date) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "--root", str(project), "build"], cwd=ROOT,
                          capture_output=True, text=True, env={**os.environ, "PORTAL_TODAY": today.isoformat()})


@pytest.fixture(scope="module")
def built_with_events(tmp_path_factory) -> Path:
    project = copy_example(tmp_path_factory.mktemp("events"))
    add_events_and_campaign(project / "guides_src")
    completed = build(project, BEFORE)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    return project


BANNER = re.compile(r'<p class="campaign-banner"><strong>(.*?)</strong>.*?<a href="([^"]+)">', re.S)


def test_built_site_before_the_event(built_with_events):
    site = built_with_events / "site"
    home, en_province = (site / "index.html").read_text("utf-8"), (site / "en/stations/guangdong/index.html").read_text("utf-8")
    assert 'id="event-example-consultation-day"' in home and 'id="event-example-consultation-day"' in en_province
    assert 'href="downloads/events/example-consultation-day.ics"' in home
    assert 'href="../../../downloads/events/example-consultation-day.ics"' in en_province
    for name in ("example-consultation-day", "example-mobile-station"):
        parse_ics((site / "downloads" / "events" / f"{name}.ics").read_bytes())
    event = props(parse_ics((site / "downloads/events/example-consultation-day.ics").read_bytes()))
    assert event["DTSTART"] == ({"TZID": "Asia/Shanghai"}, "20270310T093000")
    # The banner on every page, leading to the campaign's topic from where the page is.
    assert BANNER.search(home).groups() == ("示例专项行动", "topics/example-other/")
    assert BANNER.search(en_province).groups() == ("Example campaign", "../../topics/example-other/")
    for page in sorted(site.rglob("*.html")):
        if page.name != "404.html":
            assert 'class="campaign-banner"' in page.read_text("utf-8"), page
    assert "md-banner" not in (site / "404.html").read_text("utf-8")


def test_built_site_after_the_event(built_with_events, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(built_with_events, project, symlinks=True)
    completed = build(project, AFTER)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "up to date" not in completed.stdout  # the build date is part of the no-change stamp
    site = project / "site"
    for page in ("index.html", "en/index.html", "stations/guangdong/index.html", "events/index.html"):
        text = (site / page).read_text("utf-8")
        assert 'class="event"' not in text and "md-banner" not in text, page
    assert not (site / "downloads" / "events").exists() or not any((site / "downloads" / "events").iterdir())


def test_home_page_with_banner_and_event_has_no_accessibility_violations(phone, built_with_events):
    from .conftest import serve
    from .test_accessibility import violations

    server, base = serve(built_with_events / "site")
    try:
        failures = []
        for path in ("", "en/", "stations/guangdong/", "en/events/"):
            phone.goto(f"{base}/{path}")
            assert phone.locator(".campaign-banner").is_visible()
            failures += [f"/{path}: {v}" for v in violations(phone)]
        assert failures == []
        # Without script the banner is there all the same: Material renders it on the server.
        context = phone.context.browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
        page = context.new_page()
        page.goto(f"{base}/")
        assert page.locator(".campaign-banner").is_visible()
        context.close()
    finally:
        server.shutdown()


def test_a_build_date_that_is_no_date_is_a_usage_error(tmp_path):
    completed = subprocess.run([sys.executable, "-m", "generator", "--root", str(tmp_path), "check"], cwd=ROOT,
                               capture_output=True, text=True, env={**os.environ, "PORTAL_TODAY": "2027-02-30"})
    assert (completed.returncode, completed.stderr) == (2, "PORTAL_TODAY='2027-02-30' is not a date (use YYYY-MM-DD)\n")
