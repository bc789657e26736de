"""The review pack: every statement of a topic, both languages, each with the full text of the articles it cites."""

import re
import subprocess
import sys

from generator.render import LABELS
from generator.review_pack import review_parts

from .conftest import ROOT
from .test_content import real_content


def flat(text: str) -> str:
    """Text without any whitespace: PDF lines wrap anywhere in Chinese and between words in English."""
    return re.sub(r"\s+", "", text)


def test_review_pack_pdf_holds_every_statement_with_its_articles(tmp_path):
    completed = subprocess.run([sys.executable, "-m", "generator", "review-pack", "--topic", "unpaid-wages",
                                "--output", str(tmp_path)], capture_output=True, text=True, cwd=ROOT)
    assert completed.returncode == 0, completed.stderr
    pdf = tmp_path / "unpaid-wages-review.pdf"
    assert completed.stdout == f"{pdf}\n"
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size: +595.276 x 841.89 pts \(A4\)", info)
    # -raw keeps the order the text is drawn in: the Chinese column, then the English one.
    raw = subprocess.run(["pdftotext", "-raw", pdf, "-"], capture_output=True, text=True, check=True).stdout
    # Without the running header and the page numbers, which fall between the lines of a statement at a page end.
    text = flat("\n".join(line for line in raw.splitlines()
                           if not line.startswith(LABELS["zh"]["review_pack"] + "：") and not re.match(r"^\d+ / \d+$", line)))

    content = real_content()
    topic = content.topic("unpaid-wages")
    parts = review_parts(content, topic)
    items = [item for part in parts for item in part.items]
    pr = topic.practitioner
    assert len(items) == (1 + len(topic.law_says) + len(topic.steps) + len(topic.evidence) + 1
                          + 1 + len(pr.elements) + len(pr.legal_basis) + 1 + len(pr.evidence) + len(pr.procedure)
                          + len(pr.remedies) + len(pr.pitfalls) + len(pr.intake_questions))
    position = 0
    for item in items:
        for statement in (item.zh, item.en):
            found = text.find(flat(statement), position)
            assert found >= 0, f"missing or out of order: {statement}"
            position = found
        for article in item.articles:
            assert flat(article.label_zh) in text
            for paragraph in article.paragraphs:
                assert flat(paragraph) in text, (article.label_zh, paragraph)
    cited = [a for item in items for a in item.articles if a.paragraphs]
    assert len(cited) > 20
    assert text.count(flat(LABELS["zh"]["review_correct"] + " · " + LABELS["en"]["review_correct"])) == len(items)
    for key in ("review_signoff", "review_name", "review_organisation", "review_date", "review_signature"):
        assert flat(LABELS["zh"][key]) in text and flat(LABELS["en"][key]) in text, key


def test_review_pack_of_an_unknown_topic_is_a_usage_error(tmp_path):
    completed = subprocess.run([sys.executable, "-m", "generator", "review-pack", "--topic", "no-such-topic",
                                "--output", str(tmp_path)], capture_output=True, text=True, cwd=ROOT)
    assert completed.returncode == 2
    assert completed.stderr.startswith("unknown topic: no-such-topic; topics are annual-leave, deposits-and-ids, dismissal,")
    assert not list(tmp_path.iterdir())
