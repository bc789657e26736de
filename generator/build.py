"""The build as a straight line: check → render → write docs/ → mkdocs build into a temporary folder → swap into site/."""

from __future__ import annotations

import ctypes
import gc
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from generator import clock, csp
from generator.ics import write_event_calendars
from generator.models import LANGS, Content
from generator.offline import ZIP_NAME, write_zip
from generator.pdf import checkup_page, guide_parts, page_pdfs, print_page
from generator.cache import DiskCache, pdf_cache
from generator.problems import Problem
from generator.leaflets import Leaflet, fit_leaflets
from generator.load import read_mkdocs_config
from generator.qr import keep_codes_in, site_url
from generator.render import LABELS, Renderer, render
from generator.schema import schema_files
from generator.share import ShareFile, make_share, share_caches
from generator.stations import stations_csv, stations_json
from generator.validate import check_content, check_mkdocs
from generator.write import WriteReport, foreign_files, write_tree

DOCS_OWNED = ["zh", "en"]
PACKAGE_ROOT = Path(__file__).resolve().parent.parent  # where `python -m generator...` finds the package
# The guide and check-up PDFs are typeset in this many processes at once (the machines this is built on have
# two cores; one Typst compile keeps about one core busy).
PDF_WORKERS = min(2, os.cpu_count() or 1)


@dataclass
class Project:
    root: Path

    @property
    def guides_src(self) -> Path:
        return self.root / "guides_src"

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def cache(self) -> Path:
        return self.root / ".cache"


@dataclass
class BuildResult:
    problems: list[Problem] = field(default_factory=list)
    docs: WriteReport | None = None
    mkdocs_output: str = ""
    timings: dict[str, float] = field(default_factory=dict)
    up_to_date: bool = False  # nothing that goes into site/ changed since the last build: nothing was done


# What a build reads: a digest of these, the build date (the checks refuse future dates; events and campaigns
# show or drop off by it: generator.clock) and the MkDocs settings
# as resolved (!ENV values) is kept after each build, so a build with nothing changed stops at once.
INPUTS = ["guides_src", "docs", "overrides", "generator", "mkdocs.yml", "requirements.txt"]


def inputs_digest(project: Project) -> str:
    digest = hashlib.sha256(clock.today().isoformat().encode())
    try:
        digest.update(json.dumps(read_mkdocs_config(project.root / "mkdocs.yml"), default=str, sort_keys=True).encode())
    except Exception:  # noqa: BLE001 - a broken mkdocs.yml is reported by the build's checks, with its line
        digest.update(b"unreadable mkdocs.yml")
    for name in INPUTS:
        top = project.root / name
        paths = [top] if not top.is_dir() else [Path(folder) / entry for folder, folders, files in os.walk(top)
                                                 for entry in folders + files]
        for path in sorted(p for p in paths if "__pycache__" not in p.parts):
            # Every entry counts, not only readable files: a folder, link or pipe named .yaml is an error to report.
            if path.is_symlink():
                kind = b"link " + os.readlink(path).encode()
            elif path.is_file():
                kind = b"file " + path.read_bytes()
            else:
                kind = b"dir" if path.is_dir() else b"other" if path.exists() else b"none"
            digest.update(path.relative_to(project.root).as_posix().encode() + b"\0" + kind + b"\0")
    return digest.hexdigest()


def check(project: Project) -> tuple[Content | None, list[Problem]]:
    content, problems = check_content(project.guides_src)
    problems = sorted(problems + check_mkdocs(project.root / "mkdocs.yml"))
    return (None if problems else content), problems


def make_leaflets(project: Project, content: Content, cache: DiskCache) -> tuple[list[Leaflet], list[Problem]]:
    """Fit every topic's leaflet on one page, in both languages; report the ones that cannot fit."""
    renderer, base = Renderer(content), site_url(project.root / "mkdocs.yml")
    leaflets, problems = [], []
    for topic, lang, leaflet in fit_leaflets(renderer, content.topics, base, cache):
        if leaflet is None:
            problems.append(Problem(f"guides_src/topics/{topic.slug}.yaml", 1, 0, "",
                                    f"the {lang} leaflet does not fit on one A4 page even with three points and "
                                    "three steps; shorten the summary, the first three law_says or steps, or "
                                    "the deadline"))
        else:
            leaflets.append(leaflet)
    return leaflets, problems


def generate(project: Project, content: Content,
             leaflets: list[Leaflet]) -> tuple[WriteReport | None, list[Problem]]:
    """Render everything in memory, then write docs/ and the JSON Schemas; nothing is written on a problem."""
    pages = render(content, leaflets, site_url(project.root / "mkdocs.yml"))
    foreign = foreign_files(project.docs)
    if foreign:
        return None, [Problem(f"docs/{rel}", 1, 0, "", "was not made by the generator; move it out of docs/ "
                              "(pages come from guides_src/, and MkDocs would publish this file unchecked)")
                      for rel in foreign]
    write_tree(project.guides_src, {f"schema/{name}": text for name, text in schema_files().items()}, ["schema"])
    return write_tree(project.docs, pages, DOCS_OWNED), []


def release_freed_memory() -> None:
    """Give back to the system the memory the rendered pages took: glibc keeps what Python frees for later, but
    from here on the build mostly waits for MkDocs, Pagefind and Typst, whose processes need it (measured at
    300 topics: 492 MB resident after rendering, 219 MB after this)."""
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass  # not glibc: nothing to give back this way


def mkdocs_build(project: Project, site_dir: Path) -> subprocess.CompletedProcess:
    """MkDocs, with each page's converted Markdown kept in .cache/mkdocs/ (generator/mkdocs_hooks.py); the
    entries this build did not use are deleted after it."""
    kept, started = project.cache / "mkdocs", time.time()
    completed = subprocess.run(
        [sys.executable, "-m", "generator.mkdocs_cache", "build", "--strict", "--clean", "--site-dir", str(site_dir),
         "--config-file", str(project.root / "mkdocs.yml")],
        cwd=PACKAGE_ROOT, capture_output=True, text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PORTAL_MKDOCS_CACHE": str(kept)})
    if completed.returncode == 0 and kept.exists():
        for entry in kept.glob("*.pickle"):
            if entry.stat().st_mtime < started - 1:
                entry.unlink(missing_ok=True)
    return completed


def mkdocs_errors(output: str) -> str:
    """MkDocs' own error and warning lines, without the INFO chatter and tracebacks around them."""
    lines = [line for line in output.splitlines() if line.startswith(("ERROR", "WARNING", "Aborted", "Error"))]
    return "\n".join(lines[:20] or output.strip().splitlines()[-20:])


def minify_assets(site_dir: Path) -> None:
    """Our own and vendored scripts and stylesheets, minified in the built site (the theme's are already): every
    page loads search.js, offline.js and portal.css, and a reader on slow mobile data pays for each byte."""
    import rcssmin
    import rjsmin

    for path in sorted((site_dir / "assets").rglob("*")):
        if path.suffix in (".js", ".css") and ".min." not in path.name:
            text = path.read_text("utf-8")
            if path.suffix == ".css":
                path.write_text(rcssmin.cssmin(text), "utf-8")
                continue
            # A vendored file keeps its opening comments: where it came from, its copyright and its licence.
            lines = text.splitlines(keepends=True)
            kept = "".join(lines[:next(i for i, line in enumerate(lines) if not line.startswith("//") and line.strip())]
                           if "vendor" in path.parts else [])
            path.write_text(kept + rjsmin.jsmin(text[len(kept):]), "utf-8")


# The pages search finds: the topic pages, the only ones marked data-pagefind-body (topic.md.j2). Pagefind
# reads only these instead of every page (measured at 500 topics: 1.7 s and 0.26 GB instead of 12.2 s and
# 1.35 GB, the same index); tests/test_search.py checks that no other page is marked.
SEARCHED = "{topics,en/topics}/*/index.html"


def search_index(site_dir: Path) -> subprocess.CompletedProcess:
    """Pagefind indexes the pages marked data-pagefind-body, one index per <html lang>."""
    completed = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site_dir), "--silent",
                                "--glob", SEARCHED], capture_output=True, text=True)
    entry = site_dir / "pagefind" / "pagefind-entry.json"
    if completed.returncode == 0:
        # Pagefind writes its language map in hash order; sorted keys keep two builds byte-identical.
        entry.write_text(json.dumps(json.loads(entry.read_text("utf-8")), sort_keys=True, separators=(",", ":")),
                         "utf-8")
    return completed


def write_downloads(site_dir: Path, content: Content) -> None:
    """Open data beside the pages: the station directory as CSV (the editors' format) and JSON, the empty
    workbook editors fill in (the same columns, with drop-down lists), and a calendar file for each upcoming event."""
    from generator.stations_template import stations_template  # openpyxl only where it is used

    downloads = site_dir / "downloads"
    downloads.mkdir(exist_ok=True)
    (downloads / "stations.csv").write_text(stations_csv(content.stations), "utf-8")
    (downloads / "stations.json").write_text(stations_json(content.stations, content.site.hotlines), "utf-8")
    (downloads / "stations-template.xlsx").write_bytes(stations_template())
    write_event_calendars(downloads / "events", content.upcoming_events(clock.today()),
                          site_url(site_dir.parent / "mkdocs.yml"))


def write_service_worker(site_dir: Path, renderer: Renderer) -> None:
    """sw.js at the site root, versioned by a hash of everything else, so a changed site replaces old caches."""
    digest = hashlib.sha256()
    for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
        digest.update(path.relative_to(site_dir).as_posix().encode() + b"\0" + path.read_bytes())
    # What every page loads, read off the home page; a page's own scripts are kept when that page is opened.
    home = (site_dir / "index.html").read_text("utf-8")
    core = sorted(set(re.findall(r'(?:href|src)="(assets/[^"#?]+\.(?:css|js|png))"', home)))
    text = renderer.page("sw.js.j2", "zh", version=digest.hexdigest()[:16], core_assets=core)
    (site_dir / "sw.js").write_text(text, "utf-8")


class OfflineCopy:
    """The offline copy (the built site with links to files) is made in its own process while the search index
    and the PDFs are made; a process, not a thread, so that the PDF workers are forked from a process with one
    thread."""

    def __init__(self, site_dir: Path, folder: Path, site_url: str):
        self.folder = folder
        shutil.rmtree(folder, ignore_errors=True)
        self.log = tempfile.TemporaryFile("w+", encoding="utf-8")  # a file: a long output cannot stall it
        self.process = subprocess.Popen([sys.executable, "-m", "generator.offline", str(site_dir), str(folder),
                                         site_url],
                                        cwd=PACKAGE_ROOT, stdout=self.log,
                                        stderr=subprocess.STDOUT, text=True)

    def finish(self, site_dir: Path) -> None:
        """downloads/offline-site.zip: the copy with the site's search index and downloads."""
        if self.process.wait() != 0:
            self.log.seek(0)
            raise RuntimeError("offline copy failed: " + self.log.read().strip())
        write_zip(self.folder, site_dir, site_dir / "downloads" / ZIP_NAME)

    def stop(self) -> None:
        """Done, failed or interrupted: the copy is stopped and nothing of it is left behind."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.log.close()
        shutil.rmtree(self.folder, ignore_errors=True)


def swap_in(new_site: Path, site: Path) -> None:
    """Replace site/ with the freshly built folder using renames, so site/ is never half-built."""
    old = site.with_name(site.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if site.exists():
        site.rename(old)
    new_site.rename(site)
    shutil.rmtree(old, ignore_errors=True)


def build(project: Project, force: bool = False) -> BuildResult:
    """The whole build; on any failure or interruption site/ stays as it was and no site.new/ is left.
    Without force, a build whose inputs are those of the last good build does nothing."""
    stamp = project.cache / "inputs.sha256"
    try:
        digest = inputs_digest(project)
        if not force and (project.site / "sw.js").exists() and stamp.exists() and stamp.read_text() == digest:
            return BuildResult(up_to_date=True)
        result = _build(project)
    except BaseException:
        shutil.rmtree(project.root / "site.new", ignore_errors=True)
        raise
    stamp.unlink(missing_ok=True)
    if not result.problems:
        stamp.parent.mkdir(exist_ok=True)
        stamp.write_text(inputs_digest(project))  # docs/ as this build wrote it
    return result


def _build(project: Project) -> BuildResult:
    result = BuildResult()
    started = time.perf_counter()
    content, result.problems = check(project)
    if content is None:
        return result
    cache, codes = pdf_cache(project.cache / "pdf"), keep_codes_in(project.cache / "qr")
    leaflets, result.problems = make_leaflets(project, content, cache)
    shared_started, share_kept = time.perf_counter(), share_caches(project.cache / "share")
    shared, share_problems = make_share(content, site_url(project.root / "mkdocs.yml"), share_kept)
    result.timings["share"] = time.perf_counter() - shared_started
    result.problems += share_problems
    if result.problems:
        return result
    result.docs, result.problems = generate(project, content, leaflets)
    if result.problems:
        return result
    result.timings["generate"] = time.perf_counter() - started
    release_freed_memory()
    _build_site(project, content, leaflets, shared, cache, result)
    if not result.problems:
        cache.prune()
        codes.prune()
        for kept in share_kept.values():
            kept.prune()
    return result


def _build_site(project: Project, content: Content, leaflets: list[Leaflet], shared: list[ShareFile],
                cache: DiskCache, result: BuildResult) -> None:
    """From docs/ to site/: MkDocs, search, downloads, the offline zip, then the swap."""
    new_site = project.root / "site.new"
    shutil.rmtree(new_site, ignore_errors=True)
    started = time.perf_counter()
    completed = mkdocs_build(project, new_site)
    result.timings["mkdocs"] = time.perf_counter() - started
    result.mkdocs_output = completed.stdout + completed.stderr
    if completed.returncode != 0:
        shutil.rmtree(new_site, ignore_errors=True)
        result.problems = [Problem("mkdocs.yml", 1, 0, "", "mkdocs build --strict failed:\n" + mkdocs_errors(result.mkdocs_output))]
        return
    minify_assets(new_site)
    csp.apply(new_site)  # the same Content-Security-Policy in every page and in site/_headers, site/.csp.nginx
    # From the finished pages, meanwhile.
    offline = OfflineCopy(new_site, project.root / "site.offline", site_url(project.root / "mkdocs.yml"))
    try:
        _search_and_downloads(new_site, content, leaflets, shared, cache, offline, result)
    except BaseException:
        shutil.rmtree(new_site, ignore_errors=True)
        raise
    finally:
        offline.stop()
    write_service_worker(new_site, Renderer(content))
    swap_in(new_site, project.site)


def _search_and_downloads(new_site: Path, content: Content, leaflets: list[Leaflet], shared: list[ShareFile],
                          cache: DiskCache, offline: OfflineCopy, result: BuildResult) -> None:
    """The search index meanwhile the data downloads, the PDFs and the share images (Pagefind and Typst each keep
    about one core busy), then the offline zip, which holds them."""
    def timed_index() -> subprocess.CompletedProcess:
        started = time.perf_counter()
        indexed = search_index(new_site)
        result.timings["search"] = time.perf_counter() - started
        return indexed

    with ThreadPoolExecutor(1) as pool:  # a thread that waits for Pagefind's process
        indexing = pool.submit(timed_index)
        _downloads(new_site, content, leaflets, shared, cache, result)
        indexed = indexing.result()
    if indexed.returncode != 0:
        raise RuntimeError("pagefind failed: " + (indexed.stdout + indexed.stderr).strip())
    started = time.perf_counter()
    offline.finish(new_site)
    result.timings["offline"] = time.perf_counter() - started  # what is left of it once the rest is made


def _downloads(new_site: Path, content: Content, leaflets: list[Leaflet], shared: list[ShareFile],
               cache: DiskCache, result: BuildResult) -> None:
    write_downloads(new_site, content)
    started = time.perf_counter()
    parts = guide_parts(content, LABELS)
    jobs = [(print_page(new_site, lang, part), lang, new_site / "downloads" / part.file_name(lang))
            for lang in LANGS for part in parts]
    jobs += [(print_page(new_site, lang), lang, new_site / "downloads" / f"practitioner-guide-{lang}.pdf")
             for lang in LANGS if not parts]
    jobs += [(checkup_page(new_site, lang), lang, new_site / "downloads" / f"checkup-{lang}.pdf")
             for lang in LANGS if checkup_page(new_site, lang).exists()]
    # Two at a time paid on two cores (Typst's own threads do not keep both busy); a long guide's parts are
    # typeset one at a time so that only one is in memory.
    page_pdfs(jobs, cache, 1 if parts else PDF_WORKERS)
    (new_site / "downloads" / "leaflets").mkdir()
    for leaflet in leaflets:
        (new_site / "downloads" / "leaflets" / f"{leaflet.topic.slug}-{leaflet.lang}.pdf").write_bytes(leaflet.pdf)
    for file in shared:  # made before the pages, so that one that cannot fit stops the build before anything is written
        (new_site / "downloads" / file.path).parent.mkdir(parents=True, exist_ok=True)
        (new_site / "downloads" / file.path).write_bytes(file.data())
    result.timings["pdf"] = time.perf_counter() - started
