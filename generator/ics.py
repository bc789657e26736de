"""One iCalendar file (RFC 5545) per upcoming event, for the reader's calendar app: site/downloads/events/<id>.ics.

Written by hand rather than with a library: an event is one VEVENT, and the rules that matter (CRLF, lines folded
at 75 octets without splitting a UTF-8 character, TEXT escaping, DATE or TZID=Asia/Shanghai times with their
VTIMEZONE) fit in this module. The text is in both languages, Chinese first.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from urllib.parse import urlsplit

from generator.models import Event
from generator.provinces import province

TZID = "Asia/Shanghai"
PRODID = "-//Workers' Legal Help//Events//ZH"
# China has kept UTC+8 without daylight saving time since 1991: one STANDARD rule.
VTIMEZONE = ["BEGIN:VTIMEZONE", f"TZID:{TZID}", "BEGIN:STANDARD", "DTSTART:19700101T000000",
             "TZOFFSETFROM:+0800", "TZOFFSETTO:+0800", "TZNAME:CST", "END:STANDARD", "END:VTIMEZONE"]


def escape_text(text: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon and comma escaped, line breaks as \\n."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """A content line folded into lines of at most 75 octets (RFC 5545 3.1), each continuation line starting
    with one space. It is cut between characters, never inside a UTF-8 character nor between a backslash and
    the character it escapes (allowed, but some calendar apps read it wrongly)."""
    units = re.findall(r"\\.|.", line, re.S)
    parts, current, size, limit = [], "", 0, 75
    for unit in units:
        octets = len(unit.encode("utf-8"))
        if size + octets > limit:
            parts.append(current)
            current, size, limit = "", 0, 74  # the leading space of the next line counts
        current += unit
        size += octets
    parts.append(current)
    return "\r\n ".join(parts)


def _date(day: datetime.date) -> str:
    return day.strftime("%Y%m%d")


def _times(event: Event) -> list[str]:
    if event.all_day:
        # DTEND of an all-day event is the day after its last day (exclusive).
        return [f"DTSTART;VALUE=DATE:{_date(event.first_day)}",
                f"DTEND;VALUE=DATE:{_date(event.last_day + datetime.timedelta(days=1))}"]
    return [f"DTSTART;TZID={TZID}:{event.start.strftime('%Y%m%dT%H%M%S')}",
            f"DTEND;TZID={TZID}:{event.end.strftime('%Y%m%dT%H%M%S')}"]


def event_ics(event: Event, base_url: str = "") -> str:
    """The event as an iCalendar file; its DTSTAMP is the date the entry was checked, so two builds are the same."""
    host = urlsplit(base_url).hostname or "workers-legal-help.invalid"
    where = province(event.province)
    from generator.render import LABELS

    kind_zh, kind_en = LABELS["zh"]["event_kinds"][event.kind], LABELS["en"]["event_kinds"][event.kind]
    contact_zh = (f"{event.contact.name.zh} " if event.contact.name else "") + event.contact.phone
    contact_en = (f"{event.contact.name.en} " if event.contact.name else "") + event.contact.phone
    description = "\n".join([
        f"{kind_zh}。主办：{'、'.join(o.zh for o in event.organisers)}。联系电话：{contact_zh}。"
        + (event.note.zh if event.note else ""),
        f"{kind_en}. Organised by {', '.join(o.en for o in event.organisers)}. Contact: {contact_en}."
        + (f" {event.note.en}" if event.note else ""),
        f"来源 Source: {event.source}",
    ])
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    if not event.all_day:
        lines += VTIMEZONE
    lines += ["BEGIN:VEVENT", f"UID:{event.id}@{host}",
              f"DTSTAMP:{_date(event.verified_on)}T000000Z", *_times(event),
              "SUMMARY:" + escape_text(f"{event.title.zh} / {event.title.en}"),
              "LOCATION:" + escape_text(f"{where.zh_full}{event.city.zh}{event.place.zh} / "
                                        f"{event.place.en}, {event.city.en}, {where.en}"),
              "DESCRIPTION:" + escape_text(description),
              "CONTACT:" + escape_text(contact_zh if contact_zh == contact_en else f"{contact_zh} / {contact_en}")]
    if base_url:
        lines.append(f"URL:{base_url.rstrip('/')}/events/#event-{event.id}")
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return "".join(fold(line) + "\r\n" for line in lines)


def write_event_calendars(folder: Path, events: list[Event], base_url: str = "") -> None:
    """<folder>/<id>.ics for each event given (the build gives the upcoming ones)."""
    folder.mkdir(parents=True, exist_ok=True)
    for event in events:
        (folder / f"{event.id}.ics").write_bytes(event_ics(event, base_url).encode("utf-8"))
