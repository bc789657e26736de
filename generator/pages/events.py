"""Events and mobile stations: the list of upcoming events (/events/), the same entries on the home page and on
their province's page, and the running campaigns' banner and home-page box. What is upcoming or running is
decided by the build date (generator.clock), so a past event drops off at the next build."""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.models import Campaign, Event, Lang
from generator.provinces import province

if TYPE_CHECKING:
    from generator.render import Renderer

HOME_EVENTS = 5  # the soonest on the home page; the rest on /events/


def event_when(event: Event, lang: Lang) -> str:
    """When it is, in China time: '2026年12月5日 09:30–11:00', '5 December 2026, 09:30–11:00 (China time)',
    '2026年12月5日至12月7日' for days."""
    from generator.render import LABELS, format_date

    t = LABELS[lang]
    first, last = event.first_day, event.last_day
    if event.all_day:
        if first == last:
            return format_date(first, lang) + t["event_all_day"]
        return format_date(first, lang) + t["event_to"] + format_date(last, lang)
    start, end = f"{event.start:%H:%M}", f"{event.end:%H:%M}"
    if first == last:
        text = f"{format_date(first, lang)}{t['event_at']}{start}–{end}"
    else:
        text = f"{format_date(first, lang)}{t['event_at']}{start}{t['event_to']}{format_date(last, lang)}{t['event_at']}{end}"
    return text + t["china_time"]


def event_datetime(event: Event) -> str:
    """The start for <time datetime>: a date, or a date and time with China's offset."""
    if event.all_day:
        return event.first_day.isoformat()
    return event.start.strftime("%Y-%m-%dT%H:%M") + "+08:00"


def event_list(renderer: Renderer, events: list[Event], lang: Lang, page_root: str, site_root: str,
               heading_level: int = 3) -> str:
    """The entries (HTML), soonest first; `page_root` leads to the language's root, `site_root` to the site's."""
    if not events:
        return ""
    return renderer.page("event_list.html.j2", lang, events=events, when=event_when, datetime_of=event_datetime,
                         province_of=province, page_root=page_root, site_root=site_root,
                         level=heading_level).strip()


def events_pages(renderer: Renderer, lang: Lang) -> dict[str, str]:
    events = renderer.content.upcoming_events(renderer.today)
    root = "../" if lang == "zh" else "../../"
    entries = event_list(renderer, events, lang, "../", root, heading_level=2)
    return {f"{lang}/events/index.md": renderer.page("events_index.md.j2", lang, event_entries=entries)}


def home_context(renderer: Renderer, lang: Lang) -> dict:
    """What the home page shows that depends on the build date: the running campaigns with their topics, the
    worker problems with the campaigns' topics first, and the soonest events."""
    content, today = renderer.content, renderer.today
    order = {slug: i for i, slug in enumerate(content.site.campaign_topics(today))}
    problems = sorted(content.site.problems, key=lambda p: order.get(p.topic, len(order)))
    events = content.upcoming_events(today)
    campaigns = [(c, [content.topic(slug) for slug in c.topics]) for c in content.site.running_campaigns(today)]
    site_root = "" if lang == "zh" else "../"
    return {"problems": problems, "campaigns": campaigns, "more_events": len(events) > HOME_EVENTS,
            "event_entries": event_list(renderer, events[:HOME_EVENTS], lang, "", site_root)}


def province_events(renderer: Renderer, province_code: str, lang: Lang) -> str:
    events = renderer.content.upcoming_events(renderer.today, province_code)
    return event_list(renderer, events, lang, "../../", "../../" if lang == "zh" else "../../../")


def banner(renderer: Renderer, lang: Lang) -> dict | None:
    """The banner every page shows while a campaign runs: the first running campaign's words and where they lead
    (its first topic, as a path from the site's root; its own https:// link as well, if it has one)."""
    running: list[Campaign] = renderer.content.site.running_campaigns(renderer.today)
    if not running:
        return None
    campaign = running[0]
    prefix = "" if lang == "zh" else "en/"
    topic = renderer.content.topic(campaign.topics[0])
    return {"title": campaign.title(lang), "message": campaign.message(lang) if campaign.message else "",
            "topic": topic.title(lang), "topic_link": f"{prefix}topics/{topic.slug}/",
            "link": campaign.link or "", "more": renderer.labels(lang)["campaign_more"]}
