"""The event pack: one PDF for a publicity event — a cover poster with a large QR code to the site (and the
event's name, time, place and contact when one is chosen), the chosen topics' leaflets, and the province's
stations from the directory — made by Typst as one document (templates/typst/event-pack.typ) from data built
from the models."""

from __future__ import annotations

from pathlib import Path

from generator.leaflets import leaflet_data
from generator.models import Content, Event, Lang
from generator.pages.events import event_when
from generator.provinces import Province
from generator.qr import page_url, qr_svg
from generator.render import LABELS, Renderer, format_date


class PackError(Exception):
    """A choice that cannot be packed (e.g. a leaflet that does not fit), said in one line."""


def event_pack(content: Content, province: Province, slugs: list[str], lang: Lang, base_url: str,
               target: Path, event: Event | None = None) -> int:
    """Write the pack to `target`; return its number of pages. An event's details go on the cover."""
    from generator.typeset import typeset_and_query

    renderer = Renderer(content, base_url=base_url)
    cover = {**cover_data(content, lang, base_url), "event": event and event_data(event, lang)}
    data = {"lang": lang, "cover": cover,
            "leaflets": [leaflet_data(renderer, content.topic(slug), lang, base_url) for slug in slugs],
            "stations": stations_data(content, province, lang)}
    pdf, found = typeset_and_query("event-pack.typ", data, "<fit>", "<pages>")
    for leaflet in found["<fit>"]:
        if leaflet["fit"] is None:
            raise PackError(f"the {lang} leaflet for '{leaflet['slug']}' does not fit on one page")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(pdf)
    return found["<pages>"][0]


def cover_data(content: Content, lang: Lang, base_url: str) -> dict:
    """What event_cover.html.j2 showed: the site, a large QR code to its home page, the everyday hotlines."""
    home, site, t = page_url(base_url, lang, ""), content.site, LABELS[lang]
    return {"site": site.name(lang), "title": t["event_title"], "lead": site.description(lang),
            "qr": qr_svg(home, home), "url": home, "scan": t["event_scan"],
            "hotlines": [{"number": h.number, "name": h.name(lang)} for h in site.everyday_hotlines()]}


def event_data(event: Event, lang: Lang) -> dict:
    """The event as its entry on the site shows it: name, kind and time, place, organisers, whom to call."""
    t = LABELS[lang]
    opening, closing = ("（", "）") if lang == "zh" else (" (", ")")
    contact = event.contact.phone + (f"{opening}{event.contact.name(lang)}{closing}" if event.contact.name else "")
    return {"title": event.title(lang), "when": f"{t['event_kinds'][event.kind]} · {event_when(event, lang)}",
            "lines": [f"{t['event_place']}{t['colon']}{event.city(lang)} {event.place(lang)}",
                      f"{t['event_organisers']}{t['colon']}{t['list_sep'].join(o(lang) for o in event.organisers)}",
                      f"{t['event_contact']}{t['colon']}{contact}"]}


def stations_data(content: Content, province: Province, lang: Lang) -> dict:
    """What event_stations.html.j2 showed: the province's hotlines, then its stations by city, a page each."""
    t = LABELS[lang]
    by_city: dict[str, list] = {}
    for station in content.stations_in(province.code):
        by_city.setdefault(station.city.zh, []).append(station)
    return {
        "title": f"{province.zh_full if lang == 'zh' else province.en} · {t['stations_title']}",
        "labels": {"hotlines": t["province_hotlines"], "empty": t["no_stations"], "address": t["address"],
                   "phone": t["phone"], "hours": t["hours"], "services": t["services_label"],
                   "verified": t["verified"]},
        "hotlines": [{"number": h.number, "text": f"{h.name(lang)}{t['colon']}{h.use_for(lang)}"}
                     for h in content.site.everyday_hotlines()],
        "cities": [{"name": group[0].city(lang), "stations": [{
            "name": s.name(lang),
            "kind": t["kinds"][s.kind] + (f" · {s.district(lang)}" if s.district else ""),
            "address": s.address(lang) if s.address else None,
            "phones": s.phones,
            "hours": s.hours(lang) if s.hours else None,
            "services": [t["services"][service] for service in s.services],
            "platform": t["serves_platform"] if s.platform_workers else None,
            "verified": f"{format_date(s.verified_on, lang)} · {t['source']}{t['colon']}{s.source}",
        } for s in group]} for _, group in sorted(by_city.items())],
    }
