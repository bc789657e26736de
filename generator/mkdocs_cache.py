"""MkDocs with each page's Markdown converted once, on both cores, and kept between builds:
`python -m generator.mkdocs_cache build ...` is `mkdocs build ...` with this; make serve calls install().

Converting Markdown to HTML is most of MkDocs' time (measured at 100 topics: 35.3 of 40.0 s, most of it
parsing the pages' HTML blocks), and it depends only on the page's Markdown, its address, the set of files it
may link to and the Markdown settings. So a conversion is kept under a hash of those, in memory and, when the
build names a folder in PORTAL_MKDOCS_CACHE, on disk: an unchanged page is not converted again. The pages not
kept are converted before MkDocs asks for them, in two forked processes. A conversion that logged a warning is
never kept, so MkDocs (--strict) sees the warning every time.
"""

from __future__ import annotations

import hashlib
import json
import logging
import multiprocessing
import os
import pickle
from concurrent.futures import ProcessPoolExecutor
from importlib.metadata import version
from pathlib import Path

import mkdocs.commands.build
from mkdocs.structure.pages import Page

CONVERT, NAVIGATION = Page.render, mkdocs.commands.build.get_navigation
WORKERS = min(2, os.cpu_count() or 1)
PARALLEL_FROM = 60  # pages to convert: below this, starting the processes costs more than it saves
TOOLS = " ".join(f"{name} {version(name)}" for name in ("mkdocs", "markdown", "mkdocs-material"))
_kept: dict[str, bytes] = {}
_files_digest: dict[int, tuple[object, str]] = {}


def folder() -> Path | None:
    named = os.environ.get("PORTAL_MKDOCS_CACHE")
    return Path(named) if named else None


def files_digest(files) -> str:
    """What links can resolve to: every file's path (a page that appears or goes changes link checks). Worked out
    once per build's Files object (kept with it: a later object may get the id of one that is gone)."""
    kept = _files_digest.get(id(files))
    if kept is None or kept[0] is not files:
        if len(_files_digest) > 4:  # make serve builds again and again: keep the last few only
            _files_digest.clear()
        kept = _files_digest[id(files)] = (files, hashlib.sha256(
            "\0".join(sorted(f.src_uri for f in files)).encode()).hexdigest())
    return kept[1]


def page_key(page: Page, config, files) -> str:
    settings = json.dumps([config["markdown_extensions"], config["mdx_configs"], config["validation"],
                           config["use_directory_urls"]], default=str, sort_keys=True)
    digest = hashlib.sha256(TOOLS.encode())
    for part in (settings, files_digest(files), page.file.src_uri, page.file.url, page.markdown):
        digest.update(b"\0" + part.encode("utf-8"))
    return digest.hexdigest()


def state(page: Page) -> bytes:
    links = {target.src_uri: anchors for target, anchors in (page.links_to_anchors or {}).items()}
    return pickle.dumps((page.content, page.toc, page._title_from_render, page.present_anchor_ids, links))


def restore(page: Page, kept: bytes, files) -> None:
    page.content, page.toc, page._title_from_render, page.present_anchor_ids, links = pickle.loads(kept)
    page.links_to_anchors = {files.get_file_from_path(src): anchors for src, anchors in links.items()}


def lookup(key: str) -> bytes | None:
    if key in _kept:
        return _kept[key]
    path = folder() and folder() / f"{key}.pickle"
    if path and path.exists():
        os.utime(path)  # used by this build: the build deletes the entries it did not use
        _kept[key] = path.read_bytes()
        return _kept[key]
    return None


def keep(key: str, kept: bytes) -> None:
    _kept[key] = kept
    if folder() is not None:
        folder().mkdir(parents=True, exist_ok=True)
        temporary = folder() / f".{key}.{os.getpid()}"
        temporary.write_bytes(kept)
        temporary.replace(folder() / f"{key}.pickle")


class Warned(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def converted(page: Page, config, files) -> bytes | None:
    """Convert the page; its state, or None when the conversion logged a warning."""
    warned, logger = Warned(), logging.getLogger("mkdocs")
    logger.addHandler(warned)
    try:
        CONVERT(page, config, files)
    finally:
        logger.removeHandler(warned)
    return None if warned.count else state(page)


def render(page: Page, config, files) -> None:
    """Page.render, from what was kept when the same page was converted before."""
    key = page_key(page, config, files)
    kept = lookup(key)
    if kept is not None:
        restore(page, kept, files)
        return
    kept = converted(page, config, files)
    if kept is not None:
        keep(key, kept)


_share: tuple = ()  # (pages for each worker, config, files) for the forked processes, which inherit it: MkDocs'
# objects do not pickle


def shares(pages: list[Page]) -> list[list[Page]]:
    """The pages split between the workers by the length of their Markdown, longest first to the least loaded,
    so that a few long pages (the guide's print pages) do not leave one worker converting alone."""
    loads, split = [0] * WORKERS, [[] for _ in range(WORKERS)]
    for page in sorted(pages, key=lambda p: len(p.markdown), reverse=True):
        least = loads.index(min(loads))
        loads[least] += len(page.markdown)
        split[least].append(page)
    return split


def _convert_in_worker(worker: int) -> list[tuple[str, bytes | None]]:
    """In a forked process: read and convert this worker's pages as MkDocs would, its log kept quiet (the
    warnings come again when MkDocs converts a page that was not kept)."""
    split, config, files = _share
    pages = split[worker]
    logger = logging.getLogger("mkdocs")
    logger.handlers, logger.propagate = [], False
    done = []
    for page in pages:
        config._current_page = page
        page.read_source(config)
        page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
        done.append((page_key(page, config, files), converted(page, config, files)))
    return done


def navigation(files, config):
    """MkDocs' navigation, made just before MkDocs reads the pages: the pages not kept are converted first,
    on every core."""
    nav = NAVIGATION(files, config)
    todo = []
    for file in files.documentation_pages():
        page = file.page
        if page is None:
            continue
        page.read_source(config)
        page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
        if lookup(page_key(page, config, files)) is None:
            todo.append(page)
    if len(todo) >= PARALLEL_FROM and WORKERS > 1:
        global _share
        _share = (shares(todo), config, files)
        try:
            with ProcessPoolExecutor(WORKERS, mp_context=multiprocessing.get_context("fork")) as pool:
                for done in pool.map(_convert_in_worker, range(WORKERS)):
                    for key, kept in done:
                        if kept is not None:
                            keep(key, kept)
        finally:
            _share = ()
    return nav


def install() -> None:
    """Wrap MkDocs' Page.render and get_navigation (in this process) with the above."""
    Page.render = render
    mkdocs.commands.build.get_navigation = navigation


if __name__ == "__main__":
    from mkdocs.__main__ import cli

    install()
    cli(prog_name="mkdocs")
