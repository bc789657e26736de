"""The review pack: one A4 PDF per topic for a lawyer to check every statement against the articles it cites.

Each statement of the worker page and the practitioner chapter, Chinese and English side by side, then the
official text of every article it cites, a box to tick and a line for a comment; a sign-off block at the end.
WeasyPrint, as for the practitioner guide (generator/pdf.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from generator.models import Citation, Content, Text, Topic
from generator.render import LABELS, TEMPLATES, article_label, format_date

CSS = (TEMPLATES / "review_pack.css").read_text("utf-8")


@dataclass(frozen=True)
class CitedArticle:
    """One cited article as the reviewer needs it: its name, our summary, and the official text if we have it."""

    label_zh: str
    label_en: str
    summary: Text | None
    paragraphs: list[str]
    version: str


@dataclass(frozen=True)
class ReviewItem:
    zh: str
    en: str
    articles: list[CitedArticle]


@dataclass(frozen=True)
class ReviewPart:
    heading_zh: str
    heading_en: str
    items: list[ReviewItem]


def cited_article(content: Content, citation: Citation) -> CitedArticle:
    law = content.laws.law(citation.law)
    name_zh, name_en = f"《{law.short_title.zh}》", law.short_title.en
    if citation.article is None:
        return CitedArticle(name_zh + LABELS["zh"]["whole_document"], f"{name_en}, {LABELS['en']['whole_document']}",
                            law.note, [], "")
    found = content.statute_article(law.id, citation.article)
    article = law.article(citation.article)
    summary = Text(zh=article.zh, en=article.en)
    label_zh, label_en = name_zh + article_label(citation.article, "zh"), f"{name_en}, {article_label(citation.article, 'en')}"
    if found is None:
        return CitedArticle(label_zh, label_en, summary, [], "")
    text, statute_article = found
    version = (LABELS["zh"]["statute_version"].format(date=format_date(text.version_date, "zh")) + " · "
               + LABELS["en"]["statute_version"].format(date=format_date(text.version_date, "en")))
    return CitedArticle(label_zh, label_en, summary, list(statute_article.paragraphs), version)


def review_parts(content: Content, topic: Topic) -> list[ReviewPart]:
    """Every statement of the worker page and then of the chapter, in page order, with its cited articles."""
    def item(text, cites=()) -> ReviewItem:
        return ReviewItem(text.zh, text.en, [cited_article(content, c) for c in cites])

    def part(key: str, entries) -> ReviewPart:
        return ReviewPart(LABELS["zh"][key], LABELS["en"][key], entries)

    pr = topic.practitioner
    zh, en = LABELS["zh"], LABELS["en"]
    worker = [
        ReviewPart(zh["review_summary"], en["review_summary"], [item(topic.summary)]),
        part("law_says", [item(s, s.cites) for s in topic.law_says]),
        part("steps", [item(s, s.cites) for s in topic.steps]),
        part("evidence", [item(e) for e in topic.evidence]),
        part("deadline", [item(topic.deadline, topic.deadline.cites)]),
    ]
    chapter = [
        ReviewPart(zh["review_summary"], en["review_summary"], [item(pr.summary)]),
        part("g_elements", [item(s, s.cites) for s in pr.elements]),
        part("g_legal_basis", [item(s, s.cites) for s in pr.legal_basis]),
        part("g_burden", [item(pr.burden_of_proof, pr.burden_of_proof.cites)]),
        part("g_evidence", [item(e) for e in pr.evidence]),
        part("g_procedure", [item(s, s.cites) for s in pr.procedure]),
        part("g_remedies", [item(s, s.cites) for s in pr.remedies]),
        part("g_pitfalls", [item(s, s.cites) for s in pr.pitfalls]),
        part("g_intake", [item(q) for q in pr.intake_questions]),
    ]
    return worker + chapter


def review_html(content: Content, topic: Topic) -> str:
    env = Environment(loader=FileSystemLoader(TEMPLATES), undefined=StrictUndefined, autoescape=True,
                      trim_blocks=True, lstrip_blocks=True)
    parts = review_parts(content, topic)
    return env.get_template("review_pack.html.j2").render(
        topic=topic, worker=parts[:5], chapter=parts[5:], zh=LABELS["zh"], en=LABELS["en"], css=CSS,
        worker_review=(format_date(topic.reviewed_on, "zh"), topic.reviewed_by),
        chapter_review=(format_date(topic.practitioner.reviewed_on, "zh"), topic.practitioner.reviewed_by))


def review_pack(content: Content, slugs: list[str], output: Path) -> list[Path]:
    """Write output/<slug>-review.pdf for each topic; return the files written."""
    from weasyprint import HTML  # imported here: loading it (and pango) is only needed for PDFs

    output.mkdir(parents=True, exist_ok=True)
    written = []
    for slug in slugs:
        target = output / f"{slug}-review.pdf"
        HTML(string=review_html(content, content.topic(slug)), base_url=str(TEMPLATES)).write_pdf(target)
        written.append(target)
    return written
