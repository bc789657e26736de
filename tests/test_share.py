"""Outreach files: share images for group chats, pocket cards and posters per topic and language, with a QR code to
the page and one holding the hotlines as plain text; long texts fit or fail with a clear problem."""

import io
import json
import re
import subprocess
import sys
from pathlib import Path

from PIL import Image

from generator import share
from generator.models import LANGS
from generator.qr import site_url
from generator.share import make_share, offline_text, share_caches
from generator.validate import check_content

from .conftest import ROOT
from .test_content import real_content

SITE_URL = site_url(ROOT / "mkdocs.yml")
EXAMPLE_URL = "https://example.org/"


def page_size(pdf: Path) -> tuple[int, str]:
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1)), re.search(r"Page size:.*\((\w+)\)", info).group(1)


def decoded(image: Path) -> str:
    """Every code zbarimg finds in the image, each followed by a newline (the order is zbar's)."""
    return subprocess.run(["zbarimg", "-q", "--raw", image], capture_output=True, text=True).stdout


def codes_in(found: str, expected: list[str]) -> bool:
    """found holds exactly the expected codes, in any order (a plain-text code has newlines of its own)."""
    rest = found
    for text in sorted(expected, key=len, reverse=True):
        if text + "\n" not in rest:
            return False
        rest = rest.replace(text + "\n", "", 1)
    return rest == ""


def pdf_codes(pdf: Path, tmp_path: Path, dpi: int) -> str:
    prefix = tmp_path / pdf.stem
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-singlefile", pdf, prefix], check=True,
                   capture_output=True)
    return decoded(prefix.with_suffix(".png"))


def test_every_topic_has_its_images_cards_and_posters_in_both_languages(real_site):
    downloads = real_site / "downloads"
    for topic in real_content().topics:
        for lang in LANGS:
            name = f"{topic.slug}-{lang}"
            for image, size in ((downloads / f"share/{name}.png", (1080, 1920)),
                                (downloads / f"share/{name}-square.png", (1080, 1080))):
                assert Image.open(image).size == size, image.name
                assert image.stat().st_size < 200_000, image.name  # a few tens of KB over mobile data
            assert page_size(downloads / f"cards/{name}.pdf") == (1, "A4"), name
            assert page_size(downloads / f"posters/{name}.pdf") == (1, "A3"), name


def test_every_share_image_has_a_code_to_its_page_and_one_with_the_hotlines_as_text(real_site):
    content = real_content()
    for topic in content.topics:
        for lang in LANGS:
            url = SITE_URL + ("" if lang == "zh" else "en/") + f"topics/{topic.slug}/"
            text = offline_text(content, topic, lang)
            assert all(number in text for number in topic.help.hotlines)
            assert topic.steps[0].text(lang) in text
            for image in (f"{topic.slug}-{lang}.png", f"{topic.slug}-{lang}-square.png"):
                found = decoded(real_site / "downloads/share" / image)
                assert codes_in(found, [url, text]), f"{image}: {found!r}"


def test_every_card_sheet_and_poster_codes_decode(real_site, tmp_path):
    content = real_content()
    for topic in content.topics:
        for lang in LANGS:
            url = SITE_URL + ("" if lang == "zh" else "en/") + f"topics/{topic.slug}/"
            text = offline_text(content, topic, lang)
            card = real_site / "downloads/cards" / f"{topic.slug}-{lang}.pdf"
            assert codes_in(pdf_codes(card, tmp_path, 200), [url, text] * 4), card.name  # four cards a sheet
            poster = real_site / "downloads/posters" / f"{topic.slug}-{lang}.pdf"
            assert codes_in(pdf_codes(poster, tmp_path, 100), [url, text]), poster.name


def test_the_print_page_links_to_the_images_cards_and_poster(real_site):
    for topic in real_content().topics:
        for lang, page in (("zh", real_site / "print" / topic.slug / "index.html"),
                           ("en", real_site / "en/print" / topic.slug / "index.html")):
            html = page.read_text("utf-8")
            for path in (f"share/{topic.slug}-{lang}.png", f"share/{topic.slug}-{lang}-square.png",
                         f"cards/{topic.slug}-{lang}.pdf", f"posters/{topic.slug}-{lang}.pdf"):
                assert f'href="{"../../" if lang == "zh" else "../../../"}downloads/{path}" download' in html, path
                assert (real_site / "downloads" / path).exists(), path
    html = (real_site / "en/print/unpaid-wages/index.html").read_text("utf-8")
    assert ">Image for WeChat (tall PNG)</a>" in html and ">A3 poster (PDF)</a>" in html
    html = (real_site / "print/unpaid-wages/index.html").read_text("utf-8")
    assert ">微信分享图（竖版PNG）</a>" in html and ">口袋卡片（A4纸一张四张，PDF）</a>" in html


def test_the_offline_code_holds_the_site_the_first_step_and_the_hotlines():
    content = real_content()
    topic = next(t for t in content.topics if t.slug == "unpaid-wages")
    assert offline_text(content, topic, "zh") == (
        "劳动者法律帮助\n现在就做：" + topic.steps[0].zh + "\n求助电话：\n12333 人力资源和社会保障热线\n"
        "12348 法律援助和公共法律服务热线\n12351 工会职工维权热线")
    assert offline_text(content, topic, "en").startswith("Workers' Legal Help\nDo this now: " + topic.steps[0].en)
    # Small enough to read from a pocket card: every real topic's code is version 13 or smaller.
    for topic in content.topics:
        for lang in LANGS:
            assert share.offline_code(offline_text(content, topic, lang)).version <= share.OFFLINE_MAX_VERSION


# ── The example topic, changed in a copy of tests/fixtures/example ──────────────────────────────────────────────

def example(content_dir: Path, *replacements: tuple[str, str]):
    path = content_dir / "topics/example-topic.yaml"
    text = path.read_text("utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    path.write_text(text, "utf-8")
    content, problems = check_content(content_dir)
    assert problems == []
    return content


def fitted(content, slug: str, lang: str, kind_name: str) -> dict:
    """What the share template chose for a topic: its <fit> metadata (body size, points, deadline, first step)."""
    import typst

    from generator.render import Renderer
    from generator.typeset import TEMPLATES, fonts

    topic = next(t for t in content.topics if t.slug == slug)
    kind = next(k for k in share.KINDS if k.name == kind_name)
    data = share.with_codes(share.kind_data(share.share_data(Renderer(content), topic, lang, EXAMPLE_URL), kind), kind)
    return json.loads(typst.query(str(TEMPLATES / kind.template), "<fit>", field="value", one=True, root=str(TEMPLATES),
                                  font_paths=fonts(), sys_inputs={"data": json.dumps(data, ensure_ascii=False)}))


def files_of(files, slug: str) -> dict[str, bytes]:
    return {f.path: f.data() for f in files if f.path.split("/")[1].startswith(slug + "-")}


def test_long_texts_fit_by_shrinking_to_34_px_then_dropping_points(content_dir):
    long_point = "示例很长的法律说明，" * 25  # 250 characters a point, three points
    content = example(content_dir, ("  - zh: 示例法律说明，带*星号*和[方括号]。", f"  - zh: {long_point}"),
                      ("  - zh: 示例政策说明。", f"  - zh: {long_point}"),
                      ("  zh: 示例期限一年。", "  zh: " + "示例很长的期限，" * 15))
    files, problems = make_share(content, EXAMPLE_URL, share_caches(None))
    assert problems == []
    made = files_of(files, "example-topic")
    assert sorted(made) == ["cards/example-topic-en.pdf", "cards/example-topic-zh.pdf", "posters/example-topic-en.pdf",
                            "posters/example-topic-zh.pdf", "share/example-topic-en-square.png",
                            "share/example-topic-en.png", "share/example-topic-zh-square.png",
                            "share/example-topic-zh.png"]
    assert Image.open(io.BytesIO(made["share/example-topic-zh.png"])).size == (1080, 1920)
    # Three points do not fit even at 34 px, nor two: one point, at the largest size it fits.
    assert fitted(content, "example-topic", "zh", "tall") == {"size": "40pt", "points": 1, "deadline": True,
                                                               "now": False}
    assert fitted(content, "example-topic", "zh", "square") == {"size": "44pt", "points": 0, "deadline": True,
                                                                 "now": False}
    assert fitted(content, "example-topic", "en", "tall") == {"size": "56pt", "points": 3, "deadline": True,
                                                               "now": False}  # short: the largest, every point


def test_a_title_too_long_for_any_of_them_is_a_problem_on_the_topic_file(content_dir):
    content = example(content_dir, ("title: {zh: 示例主题标题,", "title: {zh: " + "示例很长的标题" * 57 + ","))
    files, problems = make_share(content, EXAMPLE_URL, share_caches(None))
    where = "guides_src/topics/example-topic.yaml:1: error: the zh "
    assert [str(p) for p in problems] == [
        where + "share image (1080×1920) does not fit even with only the title, the deadline and the hotlines at the "
        "smallest size; shorten the title or the deadline",
        where + "square share image (1080×1080) does not fit even with only the title and the hotlines at the "
        "smallest size; shorten the title",
        where + "pocket card does not fit on an A6 card at the smallest size; shorten the title or the deadline",
        where + "poster does not fit on one A3 page even with three steps at the smallest size; shorten the title, "
        "the first three law_says or steps, or the deadline",
    ]
    assert sorted(files_of(files, "example-topic")) == [
        "cards/example-topic-en.pdf", "posters/example-topic-en.pdf", "share/example-topic-en-square.png",
        "share/example-topic-en.png"]


def test_a_topic_that_does_not_fit_stops_the_build_before_anything_is_written(example_project):
    topic = example_project / "guides_src/topics/example-topic.yaml"
    topic.write_text(topic.read_text("utf-8").replace("title: {zh: 示例主题标题,", "title: {zh: " + "示例很长的标题" * 57 + ","),
                     "utf-8")
    completed = subprocess.run([sys.executable, "-m", "generator", "--root", str(example_project), "build"],
                               capture_output=True, text=True, cwd=ROOT)
    assert completed.returncode == 1
    assert ("guides_src/topics/example-topic.yaml:1: error: the zh square share image (1080×1080) does not fit even "
            "with only the title and the hotlines at the smallest size; shorten the title") in completed.stderr.splitlines()
    assert not (example_project / "site").exists() and not (example_project / "docs").exists()


def test_a_first_step_too_long_for_a_readable_offline_code_is_a_problem(content_dir):
    content = example(content_dir, ("  - zh: 做示例第一步。", "  - zh: " + "做示例第一步，" * 30))
    files, problems = make_share(content, EXAMPLE_URL, share_caches(None))
    assert [str(p) for p in problems] == [
        "guides_src/topics/example-topic.yaml:1: error: the zh offline QR code (the hotlines and the first step) "
        "needs version 21, too dense to read from a pocket card (at most version 13); shorten the first step"]
    content = example(content_dir, ("做示例第一步，" * 30, "做示例第一步，" * 300))
    assert "needs more than any QR code holds" in str(make_share(content, EXAMPLE_URL, share_caches(None))[1][0])


def test_typst_syntax_in_a_title_is_printed_as_it_is(content_dir, tmp_path):
    title = '#import "x" [*a*] $x$ <lbl> \\ #set text(red)'
    content = example(content_dir, ("en: Example topic title}", f"en: '{title}'}}"))
    files, problems = make_share(content, EXAMPLE_URL, share_caches(None))
    assert problems == []
    card = tmp_path / "card.pdf"
    card.write_bytes(files_of(files, "example-topic")["cards/example-topic-en.pdf"])
    text = subprocess.run(["pdftotext", card, "-"], capture_output=True, text=True, check=True).stdout
    assert " ".join(text.split()).count(title) == 4, text  # the title wraps on the card


def test_an_unchanged_topic_is_not_made_again(content_dir, tmp_path, monkeypatch):
    content = example(content_dir)
    first, _ = make_share(content, EXAMPLE_URL, share_caches(tmp_path))
    assert len(list(tmp_path.glob("*.png"))) == 8 and len(list(tmp_path.glob("*.pdf"))) == 8
    made = []
    monkeypatch.setattr(share, "make", lambda kind, data: made.append((kind.name, data["title"])) or b"new")
    again, _ = make_share(content, EXAMPLE_URL, share_caches(tmp_path))
    assert again == first and made == []
    content = example(content_dir, ("title: {zh: 示例主题标题,", "title: {zh: 示例主题新标题,"))
    make_share(content, EXAMPLE_URL, share_caches(tmp_path))
    assert made == [("tall", "示例主题新标题"), ("square", "示例主题新标题"), ("card", "示例主题新标题"),
                    ("poster", "示例主题新标题")]
