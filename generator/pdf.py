"""The practitioner guide and the check-up list as PDF: WeasyPrint renders the built page with an A4 print
stylesheet.

WeasyPrint (not Chromium's print-to-PDF) because it implements CSS paged media: running headers from
the chapter titles, page numbers in the table of contents (target-counter), PDF bookmarks from the
headings, and it embeds subsets of the Noto CJK fonts; it runs in-process with no browser.
"""

from __future__ import annotations

import multiprocessing
import re
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from generator.cache import DiskCache
from generator.models import Lang

CSS = (Path(__file__).parent / "templates" / "guide_pdf.css").read_text("utf-8")
_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
_LINK = re.compile(r"<link [^>]*>")


def print_page(site_dir: Path, lang: Lang) -> Path:
    return site_dir / ("" if lang == "zh" else "en") / "guide" / "print" / "index.html"


def checkup_page(site_dir: Path, lang: Lang) -> Path:
    return site_dir / ("" if lang == "zh" else "en") / "guide" / "checkup" / "index.html"


def in_parallel(workers: int) -> ProcessPoolExecutor:
    """Worker processes for WeasyPrint, which uses one core: forked, so they start with what is imported."""
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))


def page_document(page: Path, lang: Lang) -> str:
    """A built page's article as a document for A4, with the guide's print stylesheet (not the page's own)."""
    article = _ARTICLE.search(page.read_text("utf-8"))
    if article is None:
        raise RuntimeError(f"{page} has no article to print")
    body = _LINK.sub("", article.group(1))
    title = re.search(r"<h1[^>]*>(.*?)</h1>", body, re.S).group(1)
    return (f'<!doctype html><html lang="{"zh-Hans" if lang == "zh" else "en"}"><head><meta charset="utf-8">'
            f"<title>{title}</title><style>{CSS}</style></head><body>{body}</body></html>")


def render_pdf(document: str, base_url: str) -> bytes:
    from weasyprint import HTML  # imported here: loading it (and pango) is only needed for PDFs

    return HTML(string=document, base_url=base_url).write_pdf()


# WeasyPrint's memory grows with the document: measured, about 260 bytes for each byte of HTML (the real guide:
# 1.55 MB of HTML, 0.4 GB; at 100 topics, two guides at once took 3.0 GB).
MEMORY_PER_HTML_BYTE = 300


def workers_for(documents: list[str], workers: int, memory: int) -> int:
    """As many processes as the largest documents fit in `memory` together, at least one."""
    largest = sorted((len(d.encode()) * MEMORY_PER_HTML_BYTE for d in documents), reverse=True)
    while workers > 1 and sum(largest[:workers]) > memory:
        workers -= 1
    return workers


def page_pdfs(jobs: list[tuple[Path, Lang, Path]], cache: DiskCache, workers: int, memory: int) -> None:
    """Each (built page, language, target PDF): from the cache, or rendered `workers` at a time, fewer when
    the largest documents would not fit in `memory` (bytes) together."""
    todo = []
    for page, lang, target in jobs:
        document = page_document(page, lang)
        pdf = cache.get(cache.key(document))
        target.parent.mkdir(parents=True, exist_ok=True)
        if pdf is None:
            todo.append((document, str(page), target))
        else:
            target.write_bytes(pdf)
    if todo:
        with in_parallel(workers_for([document for document, _, _ in todo], workers, memory)) as pool:
            pdfs = pool.map(render_pdf, [document for document, _, _ in todo], [base for _, base, _ in todo])
            for (document, _, target), pdf in zip(todo, pdfs):
                cache.put(cache.key(document), pdf)
                target.write_bytes(pdf)
