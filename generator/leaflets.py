"""One-page A4 leaflets per topic and language: pick what fits, render the PDF, or say why it cannot fit.

The essentials are the title, three things to know, three steps, the deadline, the hotlines and the QR
code; up to five points and five steps are added while the page stays one page.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.models import Lang, Topic
from generator.cache import DiskCache, pdf_cache
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


def fit_leaflet(renderer, topic: Topic, lang: Lang, base_url: str, cache: DiskCache | None = None) -> Leaflet | None:
    """The fullest leaflet that fits one page, or None when even the essentials do not fit.

    The cache keeps the PDF of the leaflet that fitted under a hash of all the candidates, so an unchanged
    topic is neither fitted nor rendered again (a cached PDF is one page by construction)."""
    cache = cache or pdf_cache(None)
    candidates = leaflet_candidates(renderer, topic, lang, base_url)
    cached = cached_leaflet(topic, lang, candidates, cache)
    if cached is not None:
        return cached
    fitted = fit_document(topic, lang, candidates)
    if fitted is None:
        return None
    pdf = fitted[1].write_pdf()
    cache.put(cache.key(CSS, *candidates, fitted[0]), pdf)
    return Leaflet(topic, lang, fitted[0], pdf)


def cached_leaflet(topic: Topic, lang: Lang, candidates: list[str], cache: DiskCache) -> Leaflet | None:
    for fragment in candidates:
        pdf = cache.get(cache.key(CSS, *candidates, fragment))
        if pdf is not None:
            return Leaflet(topic, lang, fragment, pdf)
    return None


def preview_leaflet(renderer, topic: Topic, lang: Lang, base_url: str, cache: DiskCache) -> Leaflet:
    """For `make serve`, without WeasyPrint: the leaflet as last fitted, else the fullest one (not fitted yet)."""
    candidates = leaflet_candidates(renderer, topic, lang, base_url)
    return cached_leaflet(topic, lang, candidates, cache) or Leaflet(topic, lang, candidates[0], b"")


def leaflet_candidates(renderer, topic: Topic, lang: Lang, base_url: str) -> list[str]:
    """The leaflet's HTML for each choice of points and steps, from the fullest to the essentials."""
    url = page_url(base_url, lang, f"topics/{topic.slug}/")
    qr = qr_svg(url, topic.title(lang))
    hotlines = renderer.content.site.hotlines_for(topic.help.hotlines)
    return [renderer.page("leaflet.html.j2", lang, topic=topic, points=topic.law_says[:points],
                          steps=topic.steps[:steps], hotlines=hotlines, qr=qr, url=url) for points, steps in FITS]


def fit_document(topic: Topic, lang: Lang, candidates: list[str]) -> tuple[str, object] | None:
    """The fullest candidate that fits one page, with its one-page WeasyPrint document."""
    from weasyprint import HTML

    for fragment in candidates:
        document = HTML(string=leaflet_document(fragment, lang, topic.title(lang))).render()
        if len(document.pages) == 1:
            return fragment, document
    return None
