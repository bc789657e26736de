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


def test_typst_syntax_in_a_title_is_printed_literally(built_example, tmp_path):
    """A title holding Typst markup and code is text in every PDF made with Typst, never run or parsed."""
    import shutil
    import sys

    from generator.build import Project, build

    from .conftest import ROOT

    syntax = (ROOT / "tests/fixtures/typst-syntax.txt").read_text("utf-8").strip()
    project = tmp_path / "p"
    shutil.copytree(built_example, project)
    topic = project / "guides_src/topics/example-topic.yaml"
    topic.write_text(topic.read_text("utf-8").replace(
        "title: {zh: 示例主题标题, en: Example topic title}",
        f"title: {{zh: '示例主题标题 {syntax}', en: 'Example topic title {syntax}'}}"), "utf-8")
    assert build(Project(project)).problems == []
    completed = subprocess.run([sys.executable, "-m", "generator", "--root", str(project), "review-pack", "--topic",
                                "example-topic", "--output", str(tmp_path / "review")],
                               capture_output=True, text=True, cwd=ROOT)
    assert completed.returncode == 0, completed.stderr
    flat = "".join(syntax.split())  # a line may break anywhere in it
    for pdf, times in ((project / "site/downloads/practitioner-guide-zh.pdf", 2),  # contents and chapter
                       (project / "site/downloads/practitioner-guide-en.pdf", 2),
                       (project / "site/downloads/checkup-zh.pdf", 1),
                       (project / "site/downloads/checkup-en.pdf", 1),
                       (tmp_path / "review/example-topic-review.pdf", 2)):  # the title in both languages
        text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True, check=True).stdout
        assert "".join(text.split()).count(flat) >= times, pdf.name


def test_a_long_guide_is_downloaded_in_parts(built_example, tmp_path, monkeypatch):
    """Above GUIDE_PART_CHAPTERS topic chapters the guide's print page and PDF are one per category, the templates
    and the statute index, each with the guide's front matter and contents of its own chapters; the guide page
    links them all, and there is no page of the whole guide."""
    import shutil

    from generator import pdf
    from generator.build import Project, build

    monkeypatch.setattr(pdf, "GUIDE_PART_CHAPTERS", 1)  # the example has two topics, in one category
    project = tmp_path / "p"
    shutil.copytree(built_example, project)
    assert build(Project(project), force=True).problems == []  # the inputs are those of the last build
    downloads = project / "site/downloads"
    for lang, chapters, template, statutes in (
            ("zh", ("示例主题标题", "另一个示例主题"), "示例表格", "法律条文索引"),
            ("en", ("Example topic title", "Another example topic"), "Example form", "Statute index")):
        assert not (downloads / f"practitioner-guide-{lang}.pdf").exists()
        keys = ("example-category", "templates", "statutes")
        names = [f"practitioner-guide-{lang}-{key}.pdf" for key in keys]
        index = html(project / "site", lang, "guide")
        assert [n for n in names if f'downloads/{n}" download>' in index] == names
        assert [k for k in keys if f'href="print/{k}/"' in index] == list(keys)
        prints = project / "site" / ("" if lang == "zh" else "en") / "guide" / "print"
        assert not (prints / "index.html").exists() and all((prints / k / "index.html").exists() for k in keys)
        texts = ["".join(subprocess.run(["pdftotext", downloads / name, "-"], capture_output=True, text=True,
                                        check=True).stdout.split()) for name in names]
        flat = ["".join(t.split()) for t in (*chapters, template, statutes)]
        assert all(c in texts[0] for c in flat[:2]) and flat[2] not in texts[0], lang
        assert flat[2] in texts[1] and not any(c in texts[1] for c in flat[:2]), lang
        assert flat[3] in texts[2] and flat[2] not in texts[2], lang


def test_the_print_article_is_read_into_data_without_what_the_print_hides():
    from generator.pdf import article_tree

    page = ('<html><article class="md-content__inner md-typeset">\n'
            '<h1 id="_1">Title<a class="headerlink" href="#_1">¶</a></h1>\n<p class="guide-downloads"><a href="x.pdf">PDF</a></p>\n<p>A  &lt;b&gt;\n<a href="#two">two</a>'
            ' <a href="#gone">gone</a> <a href="../topics/x/">x</a>　end</p>\n<details class="statute"><summary>'
            '<strong>Art. 1</strong></summary><p>hidden text</p></details>\n<h2 class="chapter" id="two">Two</h2>\n'
            '<h3 id="bad id">Three</h3><p><link rel="stylesheet" href="a.css"></p>\n<span class="form-blank" '
            'style="height: 4.8em"></span><svg viewBox="0 0 2 2" class="segno"><path d="M0 0h1"/></svg>'
            '</article></html>')
    assert article_tree(page)["children"] == [
        {"tag": "h1", "id": "_1", "children": ["Title"]},
        {"tag": "p", "children": ["A <b> ", {"tag": "a", "target": "two", "children": ["two"]}, " ",
                                  {"tag": "a", "children": ["gone"]}, " ", {"tag": "a", "children": ["x"]}, "　end"]},
        {"tag": "details", "class": ["statute"], "children": [
            {"tag": "summary", "children": [{"tag": "strong", "children": ["Art. 1"]}]}]},
        {"tag": "h2", "class": ["chapter"], "id": "two", "children": ["Two"]},
        {"tag": "h3", "children": ["Three"]},
        {"tag": "span", "class": ["form-blank"], "lines": 2, "children": []},
        {"tag": "svg", "source": '<svg viewBox="0 0 2 2" class="segno"><path d="M0 0h1"/></svg>', "children": []},
    ]


def test_a_long_category_is_printed_in_numbered_parts(monkeypatch):
    """A category with more than PART_MOST_CHAPTERS chapters is split in order into parts named (n/total), so that
    no part is too long for Typst's memory; every chapter is in exactly one part."""
    from generator import pdf
    from generator.render import LABELS

    monkeypatch.setattr(pdf, "GUIDE_PART_CHAPTERS", 1)
    monkeypatch.setattr(pdf, "PART_MOST_CHAPTERS", 2)
    content = real_content()
    parts = pdf.guide_parts(content, LABELS)
    chapters = [c for part in parts for c in part.chapters if c != "statutes" and not c.startswith("template-")]
    assert chapters == [t.slug for t in content.topics_by_category()]
    assert all(len(part.chapters) <= 2 for part in parts if part.key not in ("templates", "statutes"))
    category = next(c for c in content.site.categories if len(content.topics_in(c.id)) > 2)
    total = -(-len(content.topics_in(category.id)) // 2)
    named = [p for p in parts if p.key.startswith(category.id + "-")]
    assert [p.key for p in named] == [f"{category.id}-{n}" for n in range(1, total + 1)]
    assert named[0].name.zh == f"{category.name.zh}（1/{total}）" and named[-1].name.en.endswith(f"({total}/{total})")
    assert len({p.key for p in parts}) == len(parts)
