"""The practitioner guide and the check-up list as PDF: Typst typesets the built page's article.

The article HTML is read into a tree of plain data (tag, a few attributes, children; text as strings),
leaving out what the print has no use for, and `templates/typst/guide.typ` walks that tree. Every text
stays a Typst string, so nothing an editor writes can become Typst markup (generator/typeset.py).
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from generator.cache import DiskCache
from generator.models import Content, Lang, Text
from generator.typeset import TEMPLATES, TypesetError

_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
# Ids that Typst's label syntax accepts; the others are not kept (and links to them are plain text).
LABEL = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_\-:.]*")
# What the web page shows but a print has no use for (the WeasyPrint stylesheet hid these too).
HIDDEN_CLASSES = {"headerlink", "chapter-links", "guide-downloads"}
HIDDEN_TAGS = {"script", "style", "link", "meta", "input", "button", "template", "noscript", "form", "iframe",
               "img", "video", "audio"}
VOID = {"br", "hr", "img", "link", "meta", "input", "wbr", "source", "area", "col", "embed", "param", "track"}
BLOCKS = {"article", "p", "div", "section", "nav", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "table",
          "thead", "tbody", "tfoot", "tr", "td", "th", "dl", "dt", "dd", "details", "summary", "blockquote", "pre",
          "hr", "figure", "header", "footer", "aside"}
_HEIGHT = re.compile(r"height:\s*([\d.]+)em")


# Above this many topic chapters the guide is printed and downloaded in parts (each category's chapters, the
# templates, the statute index): a print page and a PDF for each. Typst holds the whole document in memory, about
# 1.2 MB a page (measured for the zh guide: 0.28 GB at the real 20 chapters, 217 pages; 0.72 GB at 100, 792 pages;
# 4.7 GB at 500, 3692 pages; the en guide takes about 1.4 times as much, bench/pdf-engines.md), and one print page
# of the whole guide would be 20 MB of HTML at 300 topics, whose Markdown alone took MkDocs 7.5 s (zh) and 20 s (en).
# At 100 chapters the two whole guides, typeset at once, took 2.0 GB with the rest of the build.
GUIDE_PART_CHAPTERS = 60
# A category with more chapters than this is printed in several parts ("…（1/3）"), so that one part in Typst
# stays under about 0.5 GB: an en chapter is about 10 pages, 12 MB.
PART_MOST_CHAPTERS = 40


@dataclass(frozen=True)
class GuidePart:
    """One PDF of a guide too long for one: its file-name key, its name, and the ids of its chapters."""

    key: str
    name: Text
    chapters: tuple[str, ...]

    def file_name(self, lang: Lang) -> str:
        return f"practitioner-guide-{lang}-{self.key}.pdf"


def guide_parts(content: Content, labels: dict) -> list[GuidePart]:
    """The parts the guide PDF is split into, or [] when it stays one PDF (GUIDE_PART_CHAPTERS)."""
    if len(content.topics) <= GUIDE_PART_CHAPTERS:
        return []
    parts = []
    for category in content.site.categories:
        slugs = [t.slug for t in content.topics_in(category.id)]
        chunks = [slugs[i:i + PART_MOST_CHAPTERS] for i in range(0, len(slugs), PART_MOST_CHAPTERS)]
        for number, chunk in enumerate(chunks, 1):
            if len(chunks) == 1:
                parts.append(GuidePart(category.id, category.name, tuple(chunk)))
            else:
                name = Text(zh=f"{category.name.zh}（{number}/{len(chunks)}）",
                            en=f"{category.name.en} ({number}/{len(chunks)})")
                parts.append(GuidePart(f"{category.id}-{number}", name, tuple(chunk)))
    if content.templates:
        parts.append(GuidePart("templates", Text(zh=labels["zh"]["g_templates"], en=labels["en"]["g_templates"]),
                               tuple(f"template-{t.slug}" for t in content.templates)))
    parts.append(GuidePart("statutes", Text(zh=labels["zh"]["g_statutes"], en=labels["en"]["g_statutes"]),
                           ("statutes",)))
    return parts


def print_page(site_dir: Path, lang: Lang, part: GuidePart | None = None) -> Path:
    """The guide's print page, or a part's (a long guide, guide_parts)."""
    folder = site_dir / ("" if lang == "zh" else "en") / "guide" / "print"
    return (folder / part.key if part else folder) / "index.html"


def checkup_page(site_dir: Path, lang: Lang) -> Path:
    return site_dir / ("" if lang == "zh" else "en") / "guide" / "checkup" / "index.html"


class _ArticleReader(HTMLParser):
    """The article as nested dicts: {"tag", "children", and "id", "class", "href", "lang", "lines" when set}."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = {"tag": "article", "children": []}
        self.stack = [self.root]
        self.skipping = 0  # depth inside a left-out element
        self.svg: list[str] | None = None  # the raw source of an inline SVG being read
        self.svg_depth = 0

    def handle_starttag(self, tag, attrs):
        if self.svg is not None:
            self.svg.append(self.get_starttag_text())
            self.svg_depth += tag not in VOID
            return
        if self.skipping:
            self.skipping += tag not in VOID
            return
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        parent = self.stack[-1]
        if (tag in HIDDEN_TAGS or HIDDEN_CLASSES & set(classes)
                or (parent["tag"] == "details" and tag != "summary")):  # a details element prints its summary only
            self.skipping = tag not in VOID
            return
        if tag == "svg":
            self.svg, self.svg_depth = [self.get_starttag_text()], 1
            return
        node = {"tag": tag, "children": []}
        if classes:
            node["class"] = classes
        if attributes.get("id") and LABEL.fullmatch(attributes["id"]):
            node["id"] = attributes["id"]
        if attributes.get("lang"):
            node["lang"] = "en" if attributes["lang"].startswith("en") else "zh"
        href = attributes.get("href") or ""
        if href.startswith("#"):
            node["target"] = href[1:]
        elif href.startswith(("https://", "http://", "mailto:")):
            node["href"] = href
        height = _HEIGHT.search(attributes.get("style") or "")
        if "form-blank" in classes:
            node["lines"] = max(1, round(float(height.group(1)) / 2.4)) if height else 1
        parent["children"].append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        if self.svg is not None:
            self.svg.append(self.get_starttag_text())
            return
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if self.svg is not None:
            self.svg.append(f"</{tag}>")
            self.svg_depth -= 1
            if self.svg_depth == 0:
                self.stack[-1]["children"].append({"tag": "svg", "source": "".join(self.svg), "children": []})
                self.svg = None
            return
        if self.skipping:
            self.skipping -= tag not in VOID
            return
        # Close up to the matching element (HTML allows leaving some end tags out).
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth]["tag"] == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        if self.svg is not None:
            self.svg.append(html.escape(data, quote=False))
        elif not self.skipping:
            children = self.stack[-1]["children"]
            if children and isinstance(children[-1], str):
                children[-1] += data
            else:
                children.append(data)


def _tidy(node: dict, ids: set[str], preformatted: bool = False) -> None:
    """Collapse white space as a browser does, drop empty paragraphs and links to ids the document lacks."""
    preformatted = preformatted or node["tag"] == "pre"
    children = []
    for child in node["children"]:
        if isinstance(child, str):
            child = child if preformatted else re.sub(r"[ \t\n\r\f]+", " ", child)  # as HTML: not U+3000
            if children and isinstance(children[-1], str):  # text around a left-out element
                child = children.pop() + child
                child = child if preformatted else re.sub(r" +", " ", child)
            if child:
                children.append(child)
            continue
        _tidy(child, ids, preformatted)
        if child["tag"] == "p" and not child["children"]:
            continue
        if child.get("target") is not None and child["target"] not in ids:
            del child["target"]
        children.append(child)
    if node["tag"] == "table":
        node["widths"] = _column_widths(node)
    if not preformatted:
        # White space next to a block, or at the start or end of a block, prints nothing.
        def is_block(item):
            return isinstance(item, dict) and item["tag"] in BLOCKS
        block = node["tag"] in BLOCKS
        for i, child in enumerate(children):
            if not isinstance(child, str):
                continue
            if (i == 0 and block) or (i > 0 and is_block(children[i - 1])):
                child = child.lstrip(" ")
            if (i == len(children) - 1 and block) or (i + 1 < len(children) and is_block(children[i + 1])):
                child = child.rstrip(" ")
            children[i] = child
        children = [c for c in children if c != ""]
    node["children"] = children


def _column_widths(table: dict) -> list[int]:
    """Relative column widths from the longest text in each column (CSS's automatic table layout, roughly):
    a Chinese character counts twice, and no column is narrower than a short word or wider than a line."""
    widths: list[int] = []
    for row in (n for n in _walk(table) if n["tag"] == "tr"):
        cells = [c for c in row["children"] if isinstance(c, dict) and c["tag"] in ("td", "th")]
        for i, cell in enumerate(cells):
            text = _text(cell)
            size = min(60, max(6, sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)))
            if i == len(widths):
                widths.append(size)
            widths[i] = max(widths[i], size)
    return widths or [1]


def _ids(node: dict, found: set[str]) -> set[str]:
    if "id" in node:
        found.add(node["id"])
    for child in node["children"]:
        if isinstance(child, dict):
            _ids(child, found)
    return found


def article_tree(page_html: str) -> dict:
    """The built page's article as a tree of plain data for guide.typ."""
    article = _ARTICLE.search(page_html)
    if article is None:
        raise ValueError("the page has no article to print")
    reader = _ArticleReader()
    reader.feed(article.group(1))
    reader.close()
    _tidy(reader.root, _ids(reader.root, set()))
    return reader.root


def _text(node) -> str:
    return node if isinstance(node, str) else "".join(_text(child) for child in node["children"])


def page_data(page: Path, lang: Lang) -> dict:
    """What guide.typ prints for a built page: its language, title (the first h1) and article."""
    tree = article_tree(page.read_text("utf-8"))
    title = next((_text(n) for n in _walk(tree) if n["tag"] == "h1"), "")
    return {"lang": lang, "title": title.strip(), "article": tree}


def _walk(node: dict):
    yield node
    for child in node["children"]:
        if isinstance(child, dict):
            yield from _walk(child)


def templates_version() -> str:
    """The Typst sources a PDF depends on, for the cache key: a changed template makes the PDFs again."""
    return "\0".join(path.read_text("utf-8") for path in sorted(TEMPLATES.glob("*.typ")))


def typeset_apart(template: str, data_json: str) -> bytes:
    """typeset() in a new process (`python -m generator.typeset`), the data as JSON on its standard input."""
    completed = subprocess.run([sys.executable, "-m", "generator.typeset", template], input=data_json.encode(),
                               capture_output=True, cwd=Path(__file__).parent.parent)
    if completed.returncode != 0:
        raise TypesetError(completed.stderr.decode("utf-8", "replace").strip())
    return completed.stdout


def page_pdfs(jobs: list[tuple[Path, Lang, Path]], cache: DiskCache, workers: int = 1) -> dict[str, float]:
    """Each (built page, language, target PDF): from the cache, or typeset, each in a new process of its own,
    `workers` at a time. A process of its own because Typst keeps what it laid out in memory until the process
    ends (measured: typesetting the zh guide, then the en guide, in one process peaks at 545 MB, against 283 and
    401 MB apart), so the parts of a long guide would add up. A new process, not a fork: a process forked after
    Typst has run (its threads started) hangs in Typst. Returns the seconds spent typesetting, under "typeset"."""
    version = templates_version()
    todo = []
    for page, lang, target in jobs:
        data = json.dumps(page_data(page, lang), ensure_ascii=False, sort_keys=True)
        key = cache.key(version, data)
        target.parent.mkdir(parents=True, exist_ok=True)
        if (pdf := cache.get(key)) is None:
            todo.append((data, key, target))
        else:
            target.write_bytes(pdf)
    started = time.perf_counter()
    with ThreadPoolExecutor(workers) as pool:  # threads that wait for the processes
        for (_, key, target), pdf in zip(todo, pool.map(typeset_apart, ["guide.typ"] * len(todo),
                                                       [data for data, _, _ in todo])):
            cache.put(key, pdf)
            target.write_bytes(pdf)
    return {"typeset": time.perf_counter() - started}
