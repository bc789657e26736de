"""One-page A4 leaflets per topic and language: pick what fits, render the PDF, or say why it cannot fit.

The essentials are the title, three things to know, three steps, the deadline, the hotlines and the QR
code; up to five points and five steps are added while the page stays one page.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.models import Lang, Topic
from generator.qr import page_url, qr_svg

CSS = (Path(__file__).parent / "templates" / "leaflet.css").read_text("utf-8")
# (points, steps) tried from fullest to the essentials.
FITS = [(5, 5), (5, 4), (4, 4), (4, 3), (3, 4), (3, 3)]


@dataclass
class Leaflet:
    topic: Topic
    lang: Lang
    html: str  # the leaflet fragment, for the /print/ page
    pdf: bytes  # written at once: a kept WeasyPrint document holds ~10 MB of layout (10 GB for 1,000 leaflets)


def leaflet_document(fragment: str, lang: Lang, title: str) -> str:
    return (f'<!doctype html><html lang="{"zh-Hans" if lang == "zh" else "en"}"><head><meta charset="utf-8">'
            f"<title>{title}</title><style>{CSS}</style></head><body>{fragment}</body></html>")


def fit_leaflet(renderer, topic: Topic, lang: Lang, base_url: str) -> Leaflet | None:
    """The fullest leaflet that fits one page, or None when even the essentials do not fit."""
    fitted = fit_document(renderer, topic, lang, base_url)
    return None if fitted is None else Leaflet(topic, lang, fitted[0], fitted[1].write_pdf())


def fit_document(renderer, topic: Topic, lang: Lang, base_url: str) -> tuple[str, object] | None:
    """The fullest leaflet fragment that fits one page, with its one-page WeasyPrint document."""
    from weasyprint import HTML

    url = page_url(base_url, lang, f"topics/{topic.slug}/")
    qr = qr_svg(url, topic.title(lang))
    hotlines = renderer.content.site.hotlines_for(topic.help.hotlines)
    for points, steps in FITS:
        fragment = renderer.page("leaflet.html.j2", lang, topic=topic, points=topic.law_says[:points],
                                 steps=topic.steps[:steps], hotlines=hotlines, qr=qr, url=url)
        document = HTML(string=leaflet_document(fragment, lang, topic.title(lang))).render()
        if len(document.pages) == 1:
            return fragment, document
    return None
