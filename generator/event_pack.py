"""The event pack: one PDF for a publicity event — a cover poster with a large QR code to the site, the
chosen topics' leaflets, and the province's stations from the directory."""

from __future__ import annotations

from pathlib import Path

from generator.leaflets import fit_document, leaflet_candidates, leaflet_document
from generator.models import Content, Lang
from generator.provinces import Province
from generator.qr import page_url, qr_svg
from generator.render import LABELS, Renderer


class PackError(Exception):
    """A choice that cannot be packed (e.g. a leaflet that does not fit), said in one line."""


def event_pack(content: Content, province: Province, slugs: list[str], lang: Lang, base_url: str,
               target: Path) -> int:
    """Write the pack to `target`; return its number of pages."""
    from weasyprint import HTML

    renderer = Renderer(content, base_url=base_url)
    home = page_url(base_url, lang, "")
    hotlines = content.site.everyday_hotlines()
    cover = renderer.page("event_cover.html.j2", lang, qr=qr_svg(home, home), url=home, hotlines=hotlines)
    documents = [HTML(string=leaflet_document(cover, lang, LABELS[lang]["event_title"])).render()]
    for slug in slugs:
        topic = content.topic(slug)
        fitted = fit_document(topic.title(lang), lang, leaflet_candidates(renderer, topic, lang, base_url))
        if fitted is None:
            raise PackError(f"the {lang} leaflet for '{slug}' does not fit on one page")
        documents.append(fitted[1])
    stations = renderer.station_list(province.code, lang)
    listing = renderer.page("event_stations.html.j2", lang, province=province, hotlines=hotlines,
                            station_list=stations)
    documents.append(HTML(string=leaflet_document(listing, lang, province.name(lang))).render())
    pages = [page for document in documents for page in document.pages]
    target.parent.mkdir(parents=True, exist_ok=True)
    documents[0].copy(pages).write_pdf(target)
    return len(pages)
