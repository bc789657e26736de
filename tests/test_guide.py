"""The practitioner guide: chapters for every topic, cross-links, the statute index, templates and PDFs."""

import re
import subprocess

import pytest

from generator.models import LANGS

from .test_content import STARTER_SLUGS, real_content

TEMPLATES = {"arbitration-application", "evidence-list", "power-of-attorney", "legal-aid-application",
             "wage-arrears-calculation"}


def html(site, lang, url):
    return (site / ("" if lang == "zh" else "en") / url / "index.html").read_text("utf-8")


def test_every_topic_has_a_complete_chapter():
    content = real_content()  # the model makes every part of a chapter required
    assert {t.slug for t in content.topics} >= STARTER_SLUGS
    for topic in content.topics:
        assert topic.practitioner.legal_basis and topic.practitioner.intake_questions


@pytest.mark.parametrize("lang", LANGS)
def test_chapter_and_worker_page_link_to_each_other(real_site, lang):
    for slug in STARTER_SLUGS:
        chapter = html(real_site, lang, f"guide/{slug}")
        worker = html(real_site, lang, f"topics/{slug}")
        assert f'href="../../topics/{slug}/"' in chapter, slug
        assert f'href="../../guide/{slug}/"' in worker, slug
        assert 'id="elements"' in chapter and 'id="intake"' in chapter


@pytest.mark.parametrize("lang", LANGS)
def test_statute_index_links_every_cited_article_to_its_chapters(real_site, lang):
    index = html(real_site, lang, "guide/statutes")
    content = real_content()
    for topic in content.topics:
        for citation in topic.practitioner_citations():
            law = content.laws.law(citation.law)
            section = index[index.index(f'id="{law.id}"'):]
            section = section[:section.find("<h2", 10)] if "<h2" in section[10:] else section
            assert f'href="../{topic.slug}/"' in section, (lang, str(citation), topic.slug)


def test_templates_are_printable_pages_with_blanks(real_site):
    assert {t.slug for t in real_content().templates} == TEMPLATES
    for lang in LANGS:
        for slug in TEMPLATES:
            page = html(real_site, lang, f"guide/templates/{slug}")
            assert page.count('class="form-blank"') >= 3, (lang, slug)


@pytest.mark.parametrize("lang", LANGS)
def test_guide_pdf(real_site, lang):
    pdf = real_site / "downloads" / f"practitioner-guide-{lang}.pdf"
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert pages >= len(STARTER_SLUGS) + len(TEMPLATES) + 2
    assert re.search(r"Page size:\s+595\.\d* x 841\.\d* pts \(A4\)", info)
    fonts = subprocess.run(["pdffonts", pdf], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts  # the "emb" column
    if lang == "zh":
        assert any("CJK" in line for line in fonts)
    text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True, check=True).stdout
    content = real_content()
    for topic in content.topics:
        assert topic.title(lang) in text.replace("\n", ""), topic.slug
    outline = subprocess.run(["pdftohtml", "-xml", "-i", "-stdout", "-q", pdf], capture_output=True, text=True,
                             check=True).stdout
    bookmarks = re.findall(r'<item page="(\d+)">([^<]+)</item>', outline)
    titles = {title for _, title in bookmarks}
    assert all(topic.title(lang) in titles for topic in content.topics)
    # Every chapter starts on a new page, after the contents.
    chapter_pages = [int(page) for page, title in bookmarks if title in {t.title(lang) for t in content.topics}]
    assert len(set(chapter_pages)) == len(content.topics) and min(chapter_pages) > 1


@pytest.mark.parametrize("lang", LANGS)
def test_no_pdf_page_ends_with_a_heading(real_site, lang):
    """A section heading is never the last thing on a page, cut off from its text."""
    from generator.render import LABELS

    headings = {LABELS[lang][key] for key in ("g_elements", "g_legal_basis", "g_burden", "g_evidence",
                                              "g_procedure", "g_remedies", "g_pitfalls", "g_intake", "g_articles")}
    pdf = real_site / "downloads" / f"practitioner-guide-{lang}.pdf"
    text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True, check=True).stdout
    for number, page in enumerate(text.split("\f")[:-1], start=1):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        body = [line for line in lines if not re.fullmatch(r"\d+/\d+|\d+ / \d+", line)]
        assert body and body[-1] not in headings, f"page {number} ends with the heading {body[-1]!r}"
