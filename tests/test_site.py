"""End to end: the real site built with mkdocs --strict, checked in its HTML."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.models import LANGS

from .test_content import STARTER_SLUGS, real_content

RESOURCE_TAGS = {"script": "src", "img": "src", "iframe": "src", "source": "src", "audio": "src", "video": "src",
                 "link": "href", "embed": "src", "object": "data"}


class PageParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_title = tag == "title"

    def handle_endtag(self, tag):
        self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data

    def all(self, tag):
        return [attrs for name, attrs in self.tags if name == tag]


def parse(path: Path) -> PageParser:
    parser = PageParser()
    parser.feed(path.read_text("utf-8"))
    return parser


def page_path(site: Path, lang: str, url: str) -> Path:
    prefix = "" if lang == "zh" else "en/"
    return site / prefix / url / "index.html"


def test_every_topic_is_built_in_both_languages(real_site):
    for slug in STARTER_SLUGS:
        for lang in LANGS:
            assert page_path(real_site, lang, f"topics/{slug}").is_file(), (lang, slug)


@pytest.mark.parametrize("lang,html_lang", [("zh", "zh"), ("en", "en")])
def test_pages_have_language_title_and_description(real_site, lang, html_lang):
    content = real_content()
    pages = ["", "about", "topics"] + [f"topics/{t.slug}" for t in content.topics]
    for url in pages:
        path = page_path(real_site, lang, url)
        html = path.read_text("utf-8")
        assert re.search(rf'<html[^>]* lang="{html_lang}"', html), path
        parsed = parse(path)
        descriptions = [m["content"] for m in parsed.all("meta") if m.get("name") == "description"]
        assert descriptions and descriptions[0].strip(), path
    for topic in content.topics:
        parsed = parse(page_path(real_site, lang, f"topics/{topic.slug}"))
        assert parsed.title.startswith(topic.title(lang)), (parsed.title, topic.slug)
        description = [m["content"] for m in parsed.all("meta") if m.get("name") == "description"][0]
        assert description == topic.summary(lang)


def test_language_switch_leads_to_the_same_page(real_site):
    for topic in real_content().topics:
        zh = parse(page_path(real_site, "zh", f"topics/{topic.slug}"))
        en = parse(page_path(real_site, "en", f"topics/{topic.slug}"))
        zh_switch = {a.get("hreflang"): a["href"] for a in zh.all("a") if a.get("hreflang")}
        en_switch = {a.get("hreflang"): a["href"] for a in en.all("a") if a.get("hreflang")}
        assert zh_switch["en"].rstrip("/").endswith(f"/en/topics/{topic.slug}"), zh_switch
        assert en_switch["zh"].rstrip("/").endswith(f"/topics/{topic.slug}"), en_switch
        assert "/en/" not in en_switch["zh"]


def test_no_page_loads_anything_from_outside_the_site(real_site):
    allowed_links = {s.url for s in real_content().site.sources if s.url}
    for path in real_site.rglob("*.html"):
        parsed = parse(path)
        for tag, attr in RESOURCE_TAGS.items():
            for attrs in parsed.all(tag):
                url = attrs.get(attr) or ""
                if tag == "link" and attrs.get("rel") in ("canonical", "alternate"):
                    continue
                assert not re.match(r"^(https?:)?//", url), f"{path}: <{tag} {attr}={url}>"
        for attrs in parsed.all("a"):
            href = attrs.get("href") or ""
            if re.match(r"^(https?:)?//", href):
                assert href in allowed_links, f"{path}: link to {href}"
    css_and_js = [*real_site.rglob("*.css"), *real_site.rglob("*.js")]
    for path in css_and_js:
        text = path.read_text("utf-8", errors="replace")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, path


def test_topic_page_follows_the_worker_order(real_site):
    html = page_path(real_site, "zh", "topics/unpaid-wages").read_text("utf-8")
    order = [html.index(f'id="{anchor}"') for anchor in ("law-says", "steps", "evidence", "deadline", "help",
                                                         "legal-basis")]
    assert order == sorted(order)
    basis = html[html.index('id="legal-basis"'):]
    cited_laws = {c.law for c in real_content().topic("unpaid-wages").citations()}
    assert basis.count('<p class="basis-law">') == len(cited_laws), "each cited law is named once, its articles after it"
    assert 'href="tel:12333"' in html
    assert "《中华人民共和国劳动合同法》" in html and "第三十条" in html


def test_home_page_starts_from_the_workers_problem(real_site):
    content = real_content()
    for lang in LANGS:
        parsed = parse(page_path(real_site, lang, ""))
        hrefs = [a.get("href", "") for a in parsed.all("a")]
        for problem in content.site.problems:
            assert any(h.rstrip("/").endswith(f"topics/{problem.topic}") for h in hrefs), (lang, problem.topic)
        for hotline in content.site.hotlines:
            assert f"tel:{hotline.number}" in hrefs


def test_chinese_on_english_pages_is_marked_as_chinese(real_site):
    """Screen readers switch voice on lang: Chinese names on English pages carry lang="zh-Hans"."""
    for path in [*(real_site / "en/topics").glob("*/index.html"), *(real_site / "en/guide").glob("*/index.html")]:
        article = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>',
                            path.read_text("utf-8"), re.S).group(1)
        text = re.sub(r'<span lang="zh-Hans">[^<]*</span>', "", article)
        text = re.sub(r'<p lang="zh-Hans">[^<]*</p>', "", text)
        text = re.sub(r"<[^>]*>", " ", text)
        assert not re.search(r"[\u4e00-\u9fff]", text), (path, re.search(r".{20}[\u4e00-\u9fff]+.{5}", text))
