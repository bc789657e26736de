"""make serve: a local preview that is rebuilt when a source changes, and reloads the page in the browser.

The preview lives in .preview/ (its own docs/ and site/: the real docs/ and site/ are not touched) and is made
by the steps of the build that make pages: the checks, the pages and MkDocs. The PDFs, the leaflets' fitting,
the search index and the offline zip are left to `make site`. MkDocs runs in this process and, after the first
build, renders again only the pages whose Markdown changed (a "dirty" build: a changed title may show in the
menus of other pages only after a restart). A mistake in the sources is printed as `make site` prints it and
shown over the page; the last good preview stays up until it is fixed.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sys
import threading
import time
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from generator.build import DOCS_OWNED, Project, check
from generator import mkdocs_cache
from generator.cache import pdf_cache
from generator.leaflets import preview_leaflet
from generator.models import LANGS
from generator.problems import Problem, summary_line
from generator.qr import keep_codes_in, site_url
from generator.render import Renderer, render
from generator.write import write_tree

PACKAGE = Path(__file__).resolve().parent
RELOAD_JS = (PACKAGE / "templates" / "preview_reload.js").read_bytes()


def watched(project: Project) -> list[Path]:
    """What the preview is made from; a change to the generator's Python code needs a restart."""
    return [project.guides_src, project.root / "overrides", project.root / "mkdocs.yml", PACKAGE / "templates",
            PACKAGE / "labels.yaml"]


class Preview:
    def __init__(self, project: Project):
        self.project = project
        self.folder = project.root / ".preview"
        self.version = 0  # counts good builds: a page reloads when it changes
        self.problems: list[str] = []
        self.built_once = False

    def state(self) -> bytes:
        return json.dumps({"version": self.version, "problems": self.problems}, ensure_ascii=False).encode()

    def rebuild(self) -> None:
        started = time.perf_counter()
        problems = self._build()
        self.problems = [str(problem) for problem in problems]
        if problems:
            for line in self.problems:
                print(line, flush=True)
            print(summary_line(problems, outcome="the preview shows the last good build"), flush=True)
            return
        self.version += 1
        print(f"preview rebuilt in {time.perf_counter() - started:.1f} s", flush=True)

    def _build(self) -> list[Problem]:
        content, problems = check(self.project)
        if content is None:
            return problems
        base = site_url(self.project.root / "mkdocs.yml")
        renderer, cache = Renderer(content), pdf_cache(self.project.cache / "pdf")
        leaflets = [preview_leaflet(renderer, topic, lang, base, cache) for topic in content.topics for lang in LANGS]
        write_tree(self.folder / "docs", render(content, leaflets, base), DOCS_OWNED)
        try:
            self._mkdocs()
        except Exception as error:  # noqa: BLE001 - MkDocs' own failure, shown like a content problem
            return [Problem("mkdocs.yml", 1, 0, "", f"MkDocs failed: {error}")]
        return []

    def _mkdocs(self) -> None:
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        # Not strict: MkDocs warns about every dirty build. Its other warnings are printed in the terminal.
        os.environ["PORTAL_MKDOCS_CACHE"] = str(self.project.cache / "mkdocs")  # shared with make site
        mkdocs_cache.install()
        config = load_config(str(self.project.root / "mkdocs.yml"), docs_dir=str(self.folder / "docs"),
                             site_dir=str(self.folder / "site"), strict=False)
        config.plugins.on_startup(command="serve", dirty=self.built_once)
        # mkdocs-static-i18n builds the English pages dirty too only when it sees --dirty among the command's
        # arguments, as with `mkdocs serve --dirty`.
        argv = sys.argv
        sys.argv = [*argv, "--dirty"] if self.built_once else argv
        try:
            build(config, dirty=self.built_once)
        finally:
            sys.argv = argv
            config.plugins.on_shutdown()
        self.built_once = True


def signature(paths: list[Path]) -> dict[Path, tuple[int, int]]:
    """Every file under paths with its modification time and size."""
    found = {}
    for top in paths:
        for path in [top] if top.is_file() else top.rglob("*"):
            if path.is_file():
                stat = path.stat()
                found[path] = (stat.st_mtime_ns, stat.st_size)
    return found


def watch(preview: Preview, stop: threading.Event, interval: float = 0.2) -> None:
    sources, code = watched(preview.project), sorted(PACKAGE.rglob("*.py"))
    seen, seen_code = signature(sources), signature(code)
    while not stop.wait(interval):
        now = signature(sources)
        if now != seen:
            seen = now
            preview.rebuild()
        if signature(code) != seen_code:
            seen_code = signature(code)
            print("the generator's Python code changed: stop make serve (Ctrl-C) and start it again", flush=True)


def handler(preview: Preview):
    site = preview.folder / "site"

    class Handler(SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(site), **kwargs)

        def do_GET(self) -> None:  # noqa: N802 - the http.server name
            path = self.path.split("?", 1)[0].split("#", 1)[0]
            if path == "/_preview/state":
                return self.send(preview.state(), "application/json")
            if path == "/_preview/reload.js":
                return self.send(RELOAD_JS, "text/javascript")
            page = Path(self.translate_path(path))
            page = page / "index.html" if page.is_dir() else page
            if page.suffix == ".html" and page.is_file():
                # Every page asks the preview for its state and reloads when a new build is ready.
                html = page.read_bytes().replace(b"</body>", b'<script src="/_preview/reload.js"></script></body>', 1)
                return self.send(html, "text/html; charset=utf-8")
            return super().do_GET()

        def send(self, body: bytes, kind: str) -> None:
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def end_headers(self) -> None:
            self.send_header("Cache-Control", "no-store")  # a reload always shows the newest build
            super().end_headers()

        def log_message(self, *args) -> None:
            pass  # the terminal is for the build's messages

    return Handler


def serve(project: Project, port: int) -> int:
    logging.basicConfig(format="%(levelname)s: %(message)s", level=logging.WARNING)
    logging.getLogger("mkdocs.commands.build").addFilter(lambda record: "'dirty' build" not in record.getMessage())
    keep_codes_in(project.cache / "qr")
    preview = Preview(project)
    shutil.rmtree(preview.folder, ignore_errors=True)
    preview.rebuild()
    if not preview.built_once:
        print("fix the errors above, then start make serve again", flush=True)
        return 1
    server = ThreadingHTTPServer(("127.0.0.1", port), handler(preview))
    stop = threading.Event()
    watcher = threading.Thread(target=watch, args=(preview, stop), daemon=True)
    watcher.start()
    print(f"preview at http://127.0.0.1:{port}/ (English: /en/), rebuilt when guides_src/, overrides/, mkdocs.yml "
          "or the templates change; Ctrl-C stops", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.server_close()
    return 0
