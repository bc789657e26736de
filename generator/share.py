"""Outreach files per topic and language, made with Typst: share images for group chats (1080×1920 and 1080×1080
PNG), A6 pocket cards four to an A4 sheet, and an A3 poster for an event wall.

Each carries a QR code to the topic's page and a second one holding plain text (the site, the one thing to do now and
the hotlines) that any phone camera reads with no network. Every template takes the largest text that
fits and stops with "does-not-fit" when even its minimum does not; that becomes a problem on the topic's file. Each
output is kept in .cache/share/ under a hash of its data, its template and the versions of Typst, segno and Pillow.
"""

from __future__ import annotations

import io
import json
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import segno

from generator.cache import DiskCache
from generator.models import LANGS, Content, Lang, Topic
from generator.problems import Problem
from generator.qr import page_url, qr_svg
from generator.render import LABELS, Renderer
from generator.typeset import TEMPLATES, TypesetError, typeset

# Phone cameras read a code of this version or smaller printed 34 mm wide on a pocket card (0.47 mm a module or more).
OFFLINE_MAX_VERSION = 13
# A share image in at most this many colours: anti-aliased text on flat colours needs no more (16 lose the deadline's
# tint), and a palette PNG is a third of the size of a full-colour one (measured: 321 KB → 99 KB).
PNG_COLOURS = 32


@dataclass(frozen=True)
class Kind:
    name: str
    template: str
    path: str  # under downloads/, with {slug} and {lang}
    what: str  # for the problem message
    shorten: str


KINDS = [
    Kind("tall", "share.typ", "share/{slug}-{lang}.png", "share image (1080×1920) does not fit even with only the "
         "title, the deadline and the hotlines at the smallest size", "the title or the deadline"),
    Kind("square", "share.typ", "share/{slug}-{lang}-square.png", "square share image (1080×1080) does not fit even "
         "with only the title and the hotlines at the smallest size", "the title"),
    Kind("card", "card.typ", "cards/{slug}-{lang}.pdf", "pocket card does not fit on an A6 card at the smallest size",
         "the title or the deadline"),
    Kind("poster", "poster.typ", "posters/{slug}-{lang}.pdf", "poster does not fit on one A3 page even with three "
         "steps at the smallest size", "the title, the first three law_says or steps, or the deadline"),
]
WORKERS = min(2, os.cpu_count() or 1)
PARALLEL_FROM = 80  # files to make: below this (20 topics' worth is 160), starting the processes costs more

# About how wide the codes are on the share images, in px (1 pt is 1 px there): rounded down to a whole number of
# pixels a module, so that they stay sharp.
QR_TARGET = {"tall": 340, "square": 230}


_offline_codes: dict[str, segno.QRCode] = {}
# The offline code's version for its text: encoding takes ~10 ms, which a build with nothing changed should not pay.
_versions = DiskCache(None, ".version", "segno")


@dataclass(frozen=True)
class ShareFile:
    path: str  # under downloads/
    kept: bytes | Path  # the file, or where the cache keeps it: 500 topics make 4,000 files, 0.4 GB in memory

    def data(self) -> bytes:
        return self.kept.read_bytes() if isinstance(self.kept, Path) else self.kept


def offline_text(content: Content, topic: Topic, lang: Lang) -> str:
    """What the offline code holds, readable as it is when a phone camera shows it: the site, the one thing to do
    now and the hotlines with their names, or only their numbers when the names would make the code too dense."""
    t = LABELS[lang]
    hotlines = content.site.hotlines_for(topic.help.hotlines)
    head = [content.site.name(lang), t["share_now"] + topic.steps[0].text(lang)]
    named = "\n".join(head + [t["share_call"].strip()] + [f"{h.number} {h.name(lang)}" for h in hotlines])
    if offline_version(named) <= OFFLINE_MAX_VERSION:
        return named
    return "\n".join(head + [t["share_call"] + " ".join(h.number for h in hotlines)])


def offline_version(text: str) -> int:
    key = _versions.key(text)
    kept = _versions.get(key)
    if kept is not None:
        return int(kept)
    try:
        version = segno.make_qr(text, error="m", mask=0).version  # one mask tried, not eight: the version is the same
    except segno.DataOverflowError:
        version = 41  # more than any QR code holds
    _versions.put(key, str(version).encode())
    return version


def offline_code(text: str) -> segno.QRCode:
    if text not in _offline_codes:
        _offline_codes[text] = segno.make_qr(text, error="m")
    return _offline_codes[text]


def share_data(renderer: Renderer, topic: Topic, lang: Lang, base_url: str) -> dict:
    """Everything the four templates print, as plain strings (never Typst markup); the QR codes as their text."""
    t, site = LABELS[lang], renderer.content.site
    url = page_url(base_url, lang, f"topics/{topic.slug}/")
    return {
        "lang": lang, "site": site.name(lang), "title": topic.title(lang), "url": url,
        "points": [{"text": p.text(lang), "cite": renderer.cite(p.cites, lang)} for p in topic.law_says[:3]],
        "steps": [s.text(lang) for s in topic.steps],
        "deadline": {"text": topic.deadline.text(lang), "cite": renderer.cite(topic.deadline.cites, lang)},
        "hotlines": [{"number": h.number, "name": h.name(lang)} for h in site.hotlines_for(topic.help.hotlines)],
        "labels": {"know": t["leaflet_know"], "steps": t["steps"], "deadline": t["deadline"],
                   "hotlines": t["hotlines"], "scan_page": t["share_scan_page"],
                   "scan_offline": t["share_scan_offline"]},
        "qr_page": {"text": url}, "qr_offline": {"text": offline_text(renderer.content, topic, lang)},
    }


def kind_data(data: dict, kind: Kind) -> dict:
    """The data one template gets, without the codes' SVG (made only when the file is not in the cache)."""
    return {**data, "shape": kind.name}


def with_codes(data: dict, kind: Kind) -> dict:
    """The codes' SVG added; on the share images a code is a whole number of pixels a module wide, so it is sharp."""
    out = dict(data)
    for name in ("qr_page", "qr_offline"):
        text = data[name]["text"]
        code = segno.make(text, error="m", mask=0) if name == "qr_page" else offline_code(text)
        svg = qr_svg(text, data["title"]) if name == "qr_page" else code.svg_inline(
            scale=4, border=2, title=data["labels"]["scan_offline"], omitsize=True)
        out[name] = {**data[name], "svg": svg}
        if kind.name in QR_TARGET:  # the cards and the poster size their codes in mm
            modules = code.symbol_size(scale=1, border=2)[0]
            out[name]["width"] = max(1, QR_TARGET[kind.name] // modules) * modules
    return out


def small_png(png: bytes) -> bytes:
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    image = image.quantize(colors=PNG_COLOURS, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=6)  # 9 makes them 12% smaller but takes four times as long
    return out.getvalue()


def make(kind: Kind, data: dict) -> bytes | None:
    """The file, or None when the template cannot fit the text; `data` without the codes' SVG."""
    data = with_codes(data, kind)
    try:
        if kind.path.endswith(".png"):
            pages = typeset(kind.template, data, fmt="png", ppi=72)
            return small_png(pages if isinstance(pages, bytes) else pages[0])  # one page comes as bytes
        return typeset(kind.template, data)
    except TypesetError as error:
        if "does-not-fit" in str(error):
            return None
        raise


def template_source(template: str) -> str:
    """What a file's cache key includes besides its data and the Typst version: its template, common.typ, and the
    versions of what draws the codes and reduces the PNGs."""
    return "\0".join([(TEMPLATES / template).read_text("utf-8"), (TEMPLATES / "common.typ").read_text("utf-8"),
                      f"segno {metadata.version('segno')}", f"pillow {metadata.version('pillow')} {PNG_COLOURS}"])


def share_caches(folder: Path | None) -> dict[str, DiskCache]:
    """One cache per file type, all kept in folder (.cache/share/), and the offline codes' versions beside them."""
    global _versions
    _versions = DiskCache(folder, ".version", "segno")
    return {".png": DiskCache(folder, ".png", "typst"), ".pdf": DiskCache(folder, ".pdf", "typst"),
            ".version": _versions}


def make_share(content: Content, base_url: str,
               caches: dict[str, DiskCache]) -> tuple[list[ShareFile], list[Problem]]:
    """Every topic's images, cards and posters in both languages, from the cache when nothing they show changed."""
    renderer = Renderer(content)
    sources = {kind.template: template_source(kind.template) for kind in KINDS}
    paths, outputs, problems, todo = [], [], [], []
    for topic in content.topics:
        where = f"guides_src/topics/{topic.slug}.yaml"
        for lang in LANGS:
            version = offline_version(offline_text(content, topic, lang))
            if version > OFFLINE_MAX_VERSION:
                needs = "more than any QR code holds" if version > 40 else f"version {version}"
                problems.append(Problem(where, 1, 0, "", f"the {lang} offline QR code (the hotlines and the first "
                                        f"step) needs {needs}, too dense to read from a pocket card (at most "
                                        f"version {OFFLINE_MAX_VERSION}); shorten the first step"))
                continue
            data = share_data(renderer, topic, lang, base_url)
            for kind in KINDS:
                cache = caches[Path(kind.path).suffix]
                filled = kind_data(data, kind)
                key = cache.key(sources[kind.template], json.dumps(filled, ensure_ascii=False, sort_keys=True))
                if (output := cache.path(key) or cache.get(key)) is None:
                    todo.append((len(outputs), kind, filled, cache, key, where, lang))
                paths.append(kind.path.format(slug=topic.slug, lang=lang))
                outputs.append(output)
    for (index, kind, _, cache, key, where, lang), output in zip(todo, made([(t[1], t[2]) for t in todo])):
        if output is None:
            problems.append(Problem(where, 1, 0, "", f"the {lang} {kind.what}; shorten {kind.shorten}"))
        else:
            cache.put(key, output)
            outputs[index] = cache.path(key) or output
    return [ShareFile(path, output) for path, output in zip(paths, outputs) if output is not None], problems


def made(jobs: list[tuple[Kind, dict]]) -> list[bytes | None]:
    """make() for each job: in this process when there are few, else in one new process per core (a file takes
    about 60 ms, most of it compressing the PNG; 500 topics make 4,000). New processes, not forks: a process forked
    after Typst has run hangs in Typst."""
    if len(jobs) < PARALLEL_FROM or WORKERS < 2:
        return [make(kind, data) for kind, data in jobs]
    with ProcessPoolExecutor(WORKERS, mp_context=multiprocessing.get_context("spawn")) as pool:
        return list(pool.map(make, [kind for kind, _ in jobs], [data for _, data in jobs], chunksize=8))
