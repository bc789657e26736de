"""The practitioner guide and the check-up list as PDF: WeasyPrint renders the built page with an A4 print
stylesheet.

WeasyPrint (not Chromium's print-to-PDF) because it implements CSS paged media: running headers from
the chapter titles, page numbers in the table of contents (target-counter), PDF bookmarks from the
headings, and it embeds subsets of the Noto CJK fonts; it runs in-process with no browser.
"""

from __future__ import annotations

import re
from pathlib import Path

from generator.models import Lang
from generator.cache import DiskCache, pdf_cache

CSS = (Path(__file__).parent / "templates" / "guide_pdf.css").read_text("utf-8")
_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
_LINK = re.compile(r"<link [^>]*>")


def print_page(site_dir: Path, lang: Lang) -> Path:
    return site_dir / ("" if lang == "zh" else "en") / "guide" / "print" / "index.html"


def checkup_page(site_dir: Path, lang: Lang) -> Path:
    return site_dir / ("" if lang == "zh" else "en") / "guide" / "checkup" / "index.html"


def guide_pdf(site_dir: Path, lang: Lang, target: Path, cache: DiskCache | None = None) -> None:
    page_pdf(print_page(site_dir, lang), lang, target, cache)


def page_pdf(page: Path, lang: Lang, target: Path, cache: DiskCache | None = None) -> None:
    """A built page's article on A4 with the guide's print stylesheet (the page's own stylesheets left out)."""
    from weasyprint import HTML  # imported here: loading it (and pango) is only needed for PDFs

    article = _ARTICLE.search(page.read_text("utf-8"))
    if article is None:
        raise RuntimeError(f"{page} has no article to print")
    body = _LINK.sub("", article.group(1))
    title = re.search(r"<h1[^>]*>(.*?)</h1>", body, re.S).group(1)
    document = (f'<!doctype html><html lang="{"zh-Hans" if lang == "zh" else "en"}"><head><meta charset="utf-8">'
                f"<title>{title}</title><style>{CSS}</style></head><body>{body}</body></html>")
    target.parent.mkdir(parents=True, exist_ok=True)
    cache = cache or pdf_cache(None)
    key = cache.key(document)
    pdf = cache.get(key)
    if pdf is None:
        pdf = HTML(string=document, base_url=str(page)).write_pdf()
        cache.put(key, pdf)
    target.write_bytes(pdf)
