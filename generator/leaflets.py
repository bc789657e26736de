"""One-page A4 leaflets per topic and language: pick what fits, make the PDF with Typst, or say why it cannot fit.

The essentials are the title, three things to know, three steps, the deadline, the hotlines and the QR
code; up to five points and five steps are added while the page stays one page. Typst measures each choice
while laying out the page (templates/typst/leaflet-parts.typ, `fitted-leaflet`) and reports the one it took,
so a leaflet is one compilation; the /print/ page shows the HTML fragment of that same choice.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib.metadata import version

from generator.cache import DiskCache
from generator.models import LANGS, Lang, Topic
from generator.qr import page_url, qr_svg
from generator.render import LABELS, format_date
from generator.typeset import TEMPLATES

# (points, steps) tried from fullest to the essentials.
FITS = [(5, 5), (5, 4), (4, 4), (4, 3), (3, 4), (3, 3)]
# What makes a leaflet's PDF besides its data: the templates and the Typst that lays them out.
MAKER = "\0".join([f"typst {version('typst')}"] + [(TEMPLATES / name).read_text("utf-8") for name in
                                                    ("common.typ", "leaflet-parts.typ", "leaflet.typ")])


@dataclass
class Leaflet:
    topic: Topic
    lang: Lang
    html: str  # the leaflet fragment, for the /print/ page
    pdf: bytes


class LeafletDraft:
    """A topic's leaflet in one language before fitting: its Typst data and the HTML fragment of each fit."""

    def __init__(self, renderer, topic: Topic, lang: Lang, base_url: str):
        self.topic, self.lang = topic, lang
        self.data = leaflet_data(renderer, topic, lang, base_url)
        self.candidates = leaflet_candidates(renderer, topic, lang, base_url, self.data["qr"])

    def cache_key(self, cache: DiskCache, fit: int) -> str:
        return cache.key(MAKER, json.dumps(self.data, ensure_ascii=False, sort_keys=True), str(fit))

    def cached(self, cache: DiskCache) -> Leaflet | None:
        for fit, fragment in enumerate(self.candidates):
            pdf = cache.get(self.cache_key(cache, fit))
            if pdf is not None:
                return Leaflet(self.topic, self.lang, fragment, pdf)
        return None


def fit_leaflets(renderer, topics: list[Topic], base_url: str,
                 cache: DiskCache) -> list[tuple[Topic, Lang, Leaflet | None]]:
    """Every topic's leaflet in both languages, the fullest that fits one page, or None when even the
    essentials do not fit. The cache keeps each PDF under a hash of its data, the templates, the Typst version
    and the fit chosen, so an unchanged topic is not laid out again. One process: a leaflet takes Typst
    about 10 ms (bench/pdf-engines.md), less than forking a worker."""
    found = []
    for topic in topics:
        for lang in LANGS:
            draft = LeafletDraft(renderer, topic, lang, base_url)
            found.append((topic, lang, draft.cached(cache) or fitted_leaflet(draft, cache)))
    return found


def fitted_leaflet(draft: LeafletDraft, cache: DiskCache) -> Leaflet | None:
    from generator.typeset import typeset_and_query

    pdf, found = typeset_and_query("leaflet.typ", draft.data, "<fit>")
    fit = found["<fit>"][0]["fit"]
    if fit is None:
        return None
    cache.put(draft.cache_key(cache, fit), pdf)
    return Leaflet(draft.topic, draft.lang, draft.candidates[fit], pdf)


def preview_leaflet(renderer, topic: Topic, lang: Lang, base_url: str, cache: DiskCache) -> Leaflet:
    """For `make serve`, without Typst: the leaflet as last fitted, else the fullest one (not fitted yet)."""
    draft = LeafletDraft(renderer, topic, lang, base_url)
    return draft.cached(cache) or Leaflet(topic, lang, draft.candidates[0], b"")


def leaflet_candidates(renderer, topic: Topic, lang: Lang, base_url: str, qr: str | None = None) -> list[str]:
    """The leaflet's HTML for each choice of points and steps (FITS), from the fullest to the essentials."""
    url = page_url(base_url, lang, f"topics/{topic.slug}/")
    qr = qr or qr_svg(url, topic.title(lang))
    hotlines = renderer.content.site.hotlines_for(topic.help.hotlines)
    return [renderer.page("leaflet.html.j2", lang, topic=topic, points=topic.law_says[:points],
                          steps=topic.steps[:steps], hotlines=hotlines, qr=qr, url=url) for points, steps in FITS]


def leaflet_data(renderer, topic: Topic, lang: Lang, base_url: str) -> dict:
    """What leaflet.html.j2 shows, as data for templates/typst/leaflet.typ: every text is printed as text."""
    t, site = LABELS[lang], renderer.content.site
    url = page_url(base_url, lang, f"topics/{topic.slug}/")
    most_points, most_steps = max(p for p, _ in FITS), max(s for _, s in FITS)
    return {
        "slug": topic.slug, "lang": lang, "site": site.name(lang), "title": topic.title(lang),
        "summary": topic.summary(lang),
        "labels": {"know": t["leaflet_know"], "steps": t["steps"], "deadline": t["deadline"],
                   "hotlines": t["hotlines"]},
        "points": [{"text": point.text(lang), "cite": renderer.cite(point.cites, lang)}
                   for point in topic.law_says[:most_points]],
        "steps": [step.text(lang) for step in topic.steps[:most_steps]],
        "deadline": {"text": topic.deadline.text(lang), "cite": renderer.cite(topic.deadline.cites, lang)},
        "hotlines": [{"number": hotline.number, "name": hotline.name(lang)}
                     for hotline in site.hotlines_for(topic.help.hotlines)],
        "qr": qr_svg(url, topic.title(lang)), "url": url,
        "disclaimer": f"{site.disclaimer(lang)} {t['reviewed']}{t['colon']}{format_date(topic.reviewed_on, lang)}",
        "fits": [list(fit) for fit in FITS],
    }
