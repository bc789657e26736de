"""Print and publicity kit: one-page leaflets, QR codes that decode to the right address, clean printing,
and the event pack."""

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.models import LANGS
from generator.qr import site_url

from .conftest import ROOT
from .test_content import real_content

SITE_URL = site_url(ROOT / "mkdocs.yml")


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True, check=True).stdout


def pdf_pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


def qr_codes(pdf: Path, tmp_path: Path, first: int = 1, last: int | None = None) -> list[str]:
    """Every QR code found on the PDF's pages, rasterised at 150 dpi and read by zbarimg."""
    prefix = tmp_path / pdf.stem
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-f", str(first), "-l", str(last or first), pdf, prefix],
                   check=True)
    found = []
    for image in sorted(tmp_path.glob(f"{pdf.stem}*.png")):
        out = subprocess.run(["zbarimg", "-q", "--raw", image], capture_output=True, text=True).stdout
        found += out.split()
    return found


def test_every_topic_has_a_one_page_leaflet_per_language(real_site):
    content = real_content()
    leaflets = sorted((real_site / "downloads/leaflets").glob("*.pdf"))
    assert len(leaflets) == 2 * len(content.topics) >= 30
    numbers = [h.number for h in content.site.hotlines]
    for topic in content.topics:
        for lang in LANGS:
            pdf = real_site / "downloads/leaflets" / f"{topic.slug}-{lang}.pdf"
            assert pdf_pages(pdf) == 1, pdf.name
            fonts = subprocess.run(["pdffonts", pdf], capture_output=True, text=True, check=True).stdout
            assert all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:]), pdf.name
            text = pdf_text(pdf).replace("\n", "")
            assert topic.title(lang).replace(" ", "") in text.replace(" ", ""), pdf.name
            assert all(number in text for number in topic.help.hotlines if number in numbers), pdf.name


def test_every_leaflet_qr_code_decodes_to_its_page(real_site, tmp_path):
    for topic in real_content().topics:
        for lang in LANGS:
            pdf = real_site / "downloads/leaflets" / f"{topic.slug}-{lang}.pdf"
            expected = SITE_URL + ("" if lang == "zh" else "en/") + f"topics/{topic.slug}/"
            assert qr_codes(pdf, tmp_path) == [expected], pdf.name


def test_every_real_leaflet_still_fits_with_a_long_site_address():
    """A deployer's own address (site_url) is printed on every leaflet: a longer one must not break the build."""
    from generator.cache import DiskCache
    from generator.leaflets import fit_leaflets
    from generator.render import Renderer

    content = real_content()
    renderer, base = Renderer(content), "https://a-much-longer-provincial-portal-address.example.gov.cn/legal-help/"
    assert len(base) == 74
    fitted = fit_leaflets(renderer, content.topics, base, DiskCache(None, ".pdf", "typst"))
    assert [f"{topic.slug}-{lang}" for topic, lang, leaflet in fitted if leaflet is None] == []


# Typst markup and code syntax: in a leaflet it must be printed as the editor wrote it, never run.
TYPST_SYNTAX = '#import "x" [*a*] $x$ <lbl> @ref \\ // end'


def test_typst_syntax_in_a_topic_is_printed_literally_in_its_leaflet(example_project, tmp_path):
    import yaml

    from generator.build import Project, check
    from generator.cache import DiskCache
    from generator.leaflets import fit_leaflets
    from generator.render import Renderer

    path = example_project / "guides_src/topics/example-topic.yaml"
    topic = yaml.safe_load(path.read_text("utf-8"))
    for lang in LANGS:
        topic["title"][lang] += " " + TYPST_SYNTAX
        topic["steps"][0][lang] += " " + TYPST_SYNTAX
    path.write_text(yaml.safe_dump(topic, allow_unicode=True, sort_keys=False), "utf-8")
    content, problems = check(Project(example_project))
    assert problems == []
    fitted = fit_leaflets(Renderer(content), [content.topic("example-topic")], SITE_URL,
                          DiskCache(None, ".pdf", "typst"))
    for _, lang, leaflet in fitted:
        assert leaflet is not None
        pdf = tmp_path / f"{lang}.pdf"
        pdf.write_bytes(leaflet.pdf)
        assert pdf_pages(pdf) == 1
        text = "".join(pdf_text(pdf).split())
        written = "".join(TYPST_SYNTAX.split())
        assert text.count(written) == 2, f"{lang}: {pdf_text(pdf)}"  # the title and the first step
        assert TYPST_SYNTAX in leaflet.html.replace("&#34;", '"').replace("&lt;", "<").replace("&gt;", ">")


def test_a_leaflet_that_cannot_fit_fails_the_build_with_a_clear_message(example_project):
    topic = example_project / "guides_src/topics/example-topic.yaml"
    long = "示例很长的说明，" * 370  # 2,960 characters: within the length limit, too long for one page
    topic.write_text(topic.read_text("utf-8").replace("deadline:\n  zh: 示例期限一年。", f"deadline:\n  zh: {long}"),
                     "utf-8")
    completed = subprocess.run([sys.executable, "-m", "generator", "--root", str(example_project), "build"],
                               capture_output=True, text=True, cwd=ROOT)
    assert completed.returncode == 1
    assert completed.stderr.splitlines()[0] == (
        "guides_src/topics/example-topic.yaml:1: error: the zh leaflet does not fit on one A4 page even with three "
        "points and three steps; shorten the summary, the first three law_says or steps, or the deadline")
    assert not (example_project / "site").exists()


def test_print_page_shows_the_points_and_steps_of_the_fitted_leaflet(real_site):
    """The /print/ page's leaflet is the fragment of the fit Typst chose: the same points and steps as the PDF."""
    import html

    fewer = 0
    for topic in real_content().topics:
        for lang in LANGS:
            page = (real_site / ("" if lang == "zh" else "en") / "print" / topic.slug / "index.html").read_text("utf-8")
            page = html.unescape(page[page.index('<article class="leaflet"'):page.index("</article>")])
            pdf = "".join(pdf_text(real_site / "downloads/leaflets" / f"{topic.slug}-{lang}.pdf").split())
            for entry in topic.law_says[:5] + topic.steps[:5]:
                words = "".join(entry.text(lang).split())[:30]
                assert (entry.text(lang) in page) == (words in pdf), f"{topic.slug}-{lang}: {words}"
            fewer += sum(entry.text(lang) not in page for entry in topic.law_says[:5] + topic.steps[:5])
    assert fewer > 0, "some leaflet leaves a point or step out, so the check above compares choices"


def test_leaflet_pages_exist_in_both_languages(real_site):
    for topic in real_content().topics:
        assert 'class="leaflet"' in (real_site / "print" / topic.slug / "index.html").read_text("utf-8")
        assert 'class="leaflet"' in (real_site / "en/print" / topic.slug / "index.html").read_text("utf-8")


@pytest.mark.parametrize("url,expected", [("/topics/work-injury/", "topics/work-injury/"),
                                          ("/en/stations/guangdong/", "en/stations/guangdong/"),
                                          ("/en/guide/dismissal/", "en/guide/dismissal/")])
def test_printed_page_has_no_chrome_and_its_own_qr_code(browser, site_server, tmp_path, url, expected):
    page = browser.new_page()
    page.goto(site_server + url)
    pdf = tmp_path / "printed.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    page.close()
    text = pdf_text(pdf)
    content = real_content()
    for label in ("搜索，比如", "Search, e.g.", content.site.name("zh") + "\n" + content.site.name("en")):
        assert label not in text
    nav_only = {"zh": "关于本站", "en": "About this site"}["en" if url.startswith("/en/") else "zh"]
    assert nav_only not in text, "the navigation was printed"
    assert "12348" in text
    assert SITE_URL + expected in qr_codes(pdf, tmp_path, 1, pdf_pages(pdf))


def test_changing_site_url_moves_every_qr_code(example_project):
    config = example_project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("https://workers-legal-help.example/",
                                                        "https://help.example.org/portal/"), "utf-8")
    completed = subprocess.run([sys.executable, "-m", "generator", "--root", str(example_project), "build"],
                               capture_output=True, text=True, cwd=ROOT)
    assert completed.returncode == 0, completed.stderr
    page = (example_project / "site/en/topics/example-topic/index.html").read_text("utf-8")
    assert "https://help.example.org/portal/en/topics/example-topic/" in page
    assert "workers-legal-help.example" not in page


def test_event_pack_is_built_in_under_a_minute(example_project, tmp_path):
    target = tmp_path / "pack.pdf"
    started = time.perf_counter()
    completed = subprocess.run([sys.executable, "-m", "generator", "--root", str(example_project), "event-pack",
                                "--province", "广东", "--topics", "example-topic,example-other", "--lang", "zh",
                                "--output", str(target)], capture_output=True, text=True, cwd=ROOT)
    elapsed = time.perf_counter() - started
    assert completed.returncode == 0, completed.stderr
    assert elapsed < 60
    # cover + two leaflets + the station list (one page per city: two cities)
    assert pdf_pages(target) == 5
    assert qr_codes(target, tmp_path) == [SITE_URL]
    text = pdf_text(target)
    assert "示例法律援助中心" in text and "另一示例市" in text and "示例主题标题" in text


def test_event_pack_refuses_a_leaflet_that_cannot_fit(example_project, tmp_path):
    topic = example_project / "guides_src/topics/example-topic.yaml"
    long = "示例很长的说明，" * 370  # as in the build's test above: too long for one page
    topic.write_text(topic.read_text("utf-8").replace("deadline:\n  zh: 示例期限一年。", f"deadline:\n  zh: {long}"),
                     "utf-8")
    target = tmp_path / "pack.pdf"
    completed = subprocess.run([sys.executable, "-m", "generator", "--root", str(example_project), "event-pack",
                                "--province", "广东", "--topics", "example-other,example-topic", "--lang", "zh",
                                "--output", str(target)], capture_output=True, text=True, cwd=ROOT)
    assert completed.returncode == 1
    assert completed.stderr == "error: the zh leaflet for 'example-topic' does not fit on one page\n"
    assert not target.exists()


def test_event_pack_usage_errors(example_project):
    def run(*args):
        return subprocess.run([sys.executable, "-m", "generator", "--root", str(example_project), "event-pack", *args],
                              capture_output=True, text=True, cwd=ROOT)
    unknown_province = run("--province", "火星", "--topics", "example-topic")
    assert unknown_province.returncode == 2 and "unknown province '火星'" in unknown_province.stderr
    unknown_topic = run("--province", "guangdong", "--topics", "no-such-topic")
    assert unknown_topic.returncode == 2 and "unknown topic: no-such-topic" in unknown_topic.stderr


def test_event_pack_cover_shows_the_chosen_event(example_project, tmp_path):
    from .test_events import add_events_and_campaign

    add_events_and_campaign(example_project / "guides_src")
    target = tmp_path / "pack.pdf"
    completed = subprocess.run([sys.executable, "-m", "generator", "--root", str(example_project), "event-pack",
                                "--event", "example-consultation-day", "--output", str(target)],
                               capture_output=True, text=True, cwd=ROOT, env={**os.environ, "PORTAL_TODAY": "2027-03-01"})
    assert completed.returncode == 0, completed.stderr
    # The event's province (Guangdong: two cities) and topics (two) by default, the cover still one page.
    assert pdf_pages(target) == 5
    assert qr_codes(target, tmp_path) == [SITE_URL]
    cover = pdf_text(target).split("\f")[0]
    for text in ["示例法律咨询日", "法律咨询日 · 2027年3月10日 09:30–16:00", "地点：示例市 示例广场",
                 "主办：示例法律援助中心、示例工会", "联系电话：020-00000001（示例联系人）"]:
        assert text in cover, text
    unknown = subprocess.run([sys.executable, "-m", "generator", "--root", str(example_project), "event-pack",
                              "--event", "no-such-event"], capture_output=True, text=True, cwd=ROOT,
                             env={**os.environ, "PORTAL_TODAY": "2027-03-01"})
    assert unknown.returncode == 2
    assert unknown.stderr == ("unknown event 'no-such-event'; events are example-consultation-day, "
                              "example-mobile-station\n")
    neither = subprocess.run([sys.executable, "-m", "generator", "--root", str(example_project), "event-pack"],
                             capture_output=True, text=True, cwd=ROOT)
    assert neither.returncode == 2 and neither.stderr == "give --event, or --province and --topics\n"
