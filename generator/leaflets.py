"""One-page A4 leaflets per topic and language: pick what fits, render the PDF, or say why it cannot fit.

The essentials are the title, three things to know, three steps, the deadline, the hotlines and the QR
code; up to five points and five steps are added while the page stays one page.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.cache import DiskCache
from generator.models import LANGS, Lang, Topic
from generator.pdf import in_parallel
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


def fit_leaflets(renderer, topics: list[Topic], base_url: str, cache: DiskCache,
                 workers: int) -> list[tuple[Topic, Lang, Leaflet | None]]:
    """Every topic's leaflet in both languages, the fullest that fits one page, or None when even the
    essentials do not fit. The cache keeps the PDF of the leaflet that fitted under a hash of all the
    candidates, so an unchanged topic is neither fitted nor rendered again (a cached PDF is one page by
    construction); the others are fitted `workers` at a time, each in its own process."""
    found: dict[tuple[str, str], Leaflet | None] = {}
    todo = []
    for topic in topics:
        for lang in LANGS:
            candidates = leaflet_candidates(renderer, topic, lang, base_url)
            found[topic.slug, lang] = cached_leaflet(topic, lang, candidates, cache)
            if found[topic.slug, lang] is None:
                todo.append((topic, lang, candidates))
    if todo:
        with in_parallel(workers) as pool:
            fits = pool.map(fitted_pdf, [c for _, _, c in todo], [lang for _, lang, _ in todo],
                            [topic.title(lang) for topic, lang, _ in todo])
            for (topic, lang, candidates), fit in zip(todo, fits):
                if fit is not None:
                    cache.put(cache.key(CSS, *candidates, fit[0]), fit[1])
                    found[topic.slug, lang] = Leaflet(topic, lang, *fit)
    return [(topic, lang, found[topic.slug, lang]) for topic in topics for lang in LANGS]


def fitted_pdf(candidates: list[str], lang: Lang, title: str) -> tuple[str, bytes] | None:
    """In a worker process: the fullest candidate that fits one page, with its PDF."""
    fitted = fit_document(title, lang, candidates)
    return None if fitted is None else (fitted[0], fitted[1].write_pdf())


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


def fit_document(title: str, lang: Lang, candidates: list[str]) -> tuple[str, object] | None:
    """The fullest candidate that fits one page, with its one-page WeasyPrint document."""
    from weasyprint import HTML

    for fragment in candidates:
        document = HTML(string=leaflet_document(fragment, lang, title)).render()
        if len(document.pages) == 1:
            return fragment, document
    return None
