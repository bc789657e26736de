"""The review pack: one A4 PDF per topic for a lawyer to check every statement against the articles it cites.

Each statement of the worker page and the practitioner chapter, Chinese and English side by side, then the
official text of every article it cites, a box to tick and a line for a comment; a sign-off block at the end.
Typst (templates/typst/review_pack.typ), from the statements as data.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.models import Citation, Content, Text, Topic
from generator.render import LABELS, article_label, format_date
from generator.typeset import typeset


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


LABEL_KEYS = ("review_pack", "review_how", "review_status", "review_worker", "review_chapter", "our_summary",
              "statute_no_text", "review_correct", "review_comment", "review_signoff", "review_declaration",
              "review_name", "review_organisation", "review_date", "review_signature", "colon")


def review_data(content: Content, topic: Topic) -> dict:
    """What review_pack.typ prints, as plain data: every text a string."""
    def part(p: ReviewPart) -> dict:
        return {"heading_zh": p.heading_zh, "heading_en": p.heading_en, "items": [
            {"zh": i.zh, "en": i.en, "articles": [
                {"label_zh": a.label_zh, "label_en": a.label_en,
                 "summary": None if a.summary is None else {"zh": a.summary.zh, "en": a.summary.en},
                 "paragraphs": a.paragraphs, "version": a.version} for a in i.articles]} for i in p.items]}

    parts = [part(p) for p in review_parts(content, topic)]
    pr = topic.practitioner
    return {
        "title": {"zh": topic.title.zh, "en": topic.title.en},
        "zh": {key: LABELS["zh"][key] for key in LABEL_KEYS},
        "en": {key: LABELS["en"][key] for key in LABEL_KEYS},
        "status": [[format_date(topic.reviewed_on, "zh"), topic.reviewed_by],
                   [format_date(pr.reviewed_on, "zh"), pr.reviewed_by]],
        "worker": parts[:5], "chapter": parts[5:],
    }


def review_pack(content: Content, slugs: list[str], output: Path) -> list[Path]:
    """Write output/<slug>-review.pdf for each topic; return the files written."""
    output.mkdir(parents=True, exist_ok=True)
    written = []
    for slug in slugs:
        target = output / f"{slug}-review.pdf"
        target.write_bytes(typeset("review_pack.typ", review_data(content, content.topic(slug))))
        written.append(target)
    return written
