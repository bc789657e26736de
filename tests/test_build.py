"""The build command: exit codes, one-line errors, atomic site/, minimal rewrites, golden Markdown."""

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from generator.build import DOCS_OWNED, Project, build
from generator.render import GENERATED_MARK

from .conftest import ROOT

GOLDEN = Path(__file__).parent / "golden"


def run(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "--root", str(project), *args],
                          capture_output=True, text=True, cwd=ROOT)


def tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def break_topic(project: Path) -> None:
    path = project / "guides_src/topics/example-topic.yaml"
    path.write_text(path.read_text("utf-8").replace("stations: true", "stations: maybe"), "utf-8")


def test_check_passes_on_valid_content(example_project):
    completed = run(example_project, "check")
    assert (completed.returncode, completed.stdout) == (0, "guides_src/ is valid\n")
    assert not (example_project / "docs").exists(), "check must write nothing"


def test_broken_topic_gives_one_line_error_and_exit_1(example_project):
    break_topic(example_project)
    completed = run(example_project, "check")
    assert completed.returncode == 1
    assert completed.stderr.splitlines() == [
        "guides_src/topics/example-topic.yaml:26:13: error: help.stations: expected true or false, got text",
        "1 error in 1 file; nothing was written",
    ]
    assert "Traceback" not in completed.stderr


def test_usage_error_exits_2(example_project):
    assert run(example_project, "publish").returncode == 2
    assert run(example_project).returncode == 2


def test_internal_error_exits_2_without_traceback_unless_debug(example_project):
    (example_project / "docs").write_text("a file where a folder must be", "utf-8")
    completed = run(example_project, "build")
    assert completed.returncode == 2
    assert "internal error" in completed.stderr and "Traceback" not in completed.stderr
    assert "Traceback" in run(example_project, "--debug", "build").stderr


def break_station_row(project: Path) -> None:
    path = project / "guides_src/stations/example.csv"
    path.write_text(path.read_text("utf-8-sig").replace("13000000000", "1300"), "utf-8")


@pytest.mark.parametrize("break_content", [break_topic, break_station_row])
def test_failed_build_leaves_site_exactly_as_it_was(built_example, tmp_path, break_content):
    import shutil

    project = tmp_path / "p"
    shutil.copytree(built_example, project)
    before_site, before_docs = tree_digest(project / "site"), tree_digest(project / "docs")
    break_content(project)
    completed = run(project, "build")
    assert completed.returncode == 1
    assert tree_digest(project / "site") == before_site
    assert tree_digest(project / "docs") == before_docs
    assert not (project / "site.new").exists()


def test_second_build_rewrites_no_generated_file(built_example):
    docs = built_example / "docs"
    mtimes = {p: p.stat().st_mtime_ns for p in docs.rglob("*.md")}
    result = build(Project(built_example), force=True)
    assert result.problems == []
    assert result.docs.written == [] and result.docs.removed == []
    assert {p: p.stat().st_mtime_ns for p in docs.rglob("*.md")} == mtimes


def test_a_build_with_nothing_changed_does_nothing_and_any_change_builds(built_example, tmp_path):
    import shutil

    project = tmp_path / "p"
    shutil.copytree(built_example, project)
    site = tree_digest(project / "site")
    completed = run(project, "build")
    assert (completed.returncode, completed.stdout) == (0, "site/ is up to date: nothing it is built from has "
                                                           "changed since the last build (--force builds anyway)\n")
    assert tree_digest(project / "site") == site
    for change in [lambda: (project / "overrides/assets/stylesheets/portal.css").open("a").write("/* x */"),
                   lambda: (project / "docs/zh/about.md").write_text("# 手写的页面\n", "utf-8")]:
        change()
        assert "up to date" not in run(project, "build").stdout
    # The hand-written page is reported, and the next build does not take the failed one for a good one.
    assert run(project, "build").returncode == 1


def test_output_is_deterministic(built_example, tmp_path):
    """Built again from the same sources, with the Markdown conversions the first build kept (.cache/mkdocs):
    the same site, byte for byte."""
    import shutil

    project = tmp_path / "again"
    shutil.copytree(built_example, project, ignore=shutil.ignore_patterns("site", "docs"))
    kept = sorted((project / ".cache" / "mkdocs").glob("*.pickle"))
    assert len(kept) >= len(list((built_example / "docs").rglob("*.md")))  # a conversion for every page
    assert run(project, "build").returncode == 0
    assert tree_digest(project / "docs") == tree_digest(built_example / "docs")
    assert tree_digest(project / "site") == tree_digest(built_example / "site")
    assert sorted((project / ".cache" / "mkdocs").glob("*.pickle")) == kept  # all used, none made again


def test_a_markdown_conversion_that_warned_is_never_kept(monkeypatch, tmp_path):
    """MkDocs --strict fails on a warning only if it sees it: a page whose conversion warned (a broken link) is
    converted again in every build, never taken from the cache."""
    import logging
    from types import SimpleNamespace

    from generator import mkdocs_cache

    calls = []

    def convert(page, config, files):
        calls.append(page.file.src_uri)
        page.content, page.toc, page._title_from_render, page.present_anchor_ids = "<p>x</p>", [], None, set()
        page.links_to_anchors = {}
        if "broken" in page.file.src_uri:
            logging.getLogger("mkdocs.structure.pages").warning("a link to a page that does not exist")

    monkeypatch.setattr(mkdocs_cache, "CONVERT", convert)
    monkeypatch.setenv("PORTAL_MKDOCS_CACHE", str(tmp_path))
    config = {"markdown_extensions": [], "mdx_configs": {}, "validation": {}, "use_directory_urls": True}
    files = [SimpleNamespace(src_uri=name) for name in ("zh/broken.md", "zh/fine.md")]
    for _ in range(2):
        for file in files:
            page = SimpleNamespace(file=SimpleNamespace(src_uri=file.src_uri, url=file.src_uri), markdown="text")
            mkdocs_cache.render(page, config, files)
    assert calls == ["zh/broken.md", "zh/fine.md", "zh/broken.md"]
    assert len(list(tmp_path.glob("*.pickle"))) == 1


def test_stale_generated_file_is_removed(built_example, tmp_path):
    import shutil

    project = tmp_path / "p"
    shutil.copytree(built_example, project)
    (project / "guides_src/topics/example-other.yaml").unlink()
    topic = project / "guides_src/topics/example-topic.yaml"
    topic.write_text(topic.read_text("utf-8").replace("related: [example-other]", "related: []"), "utf-8")
    result = build(Project(project))
    assert result.problems == []
    assert sorted(result.docs.removed) == ["en/guide/example-other.md", "en/print/example-other/index.md",
                                           "en/topics/example-other.md", "zh/guide/example-other.md",
                                           "zh/print/example-other/index.md", "zh/topics/example-other.md"]
    assert not (project / "site/topics/example-other").exists()


def test_hand_edited_page_is_not_overwritten(built_example, tmp_path):
    import shutil

    project = tmp_path / "p"
    shutil.copytree(built_example, project)
    page = project / "docs/zh/about.md"
    page.write_text("# 手写的页面\n", "utf-8")
    (project / "docs/en/notes.md").write_text("<script>alert(1)</script>", "utf-8")
    completed = run(project, "build")
    assert completed.returncode == 1
    assert completed.stderr.splitlines() == [
        "docs/en/notes.md:1: error: was not made by the generator; move it out of docs/ (pages come from guides_src/, "
        "and MkDocs would publish this file unchecked)",
        "docs/zh/about.md:1: error: was not made by the generator; move it out of docs/ (pages come from guides_src/, "
        "and MkDocs would publish this file unchecked)",
        "2 errors in 2 files; nothing was written"]
    assert page.read_text("utf-8") == "# 手写的页面\n"


def test_every_generated_file_carries_the_mark(built_example):
    for folder in DOCS_OWNED:
        for page in (built_example / "docs" / folder).rglob("*.md"):
            assert GENERATED_MARK in page.read_text("utf-8").splitlines()[1], page


def golden_page(relative: str) -> bool:
    """Every page, except the province pages that hold no example station (31 near-identical files)."""
    if "/stations/" not in relative:
        return True
    return relative.endswith(("/index.md", "/guangdong.md", "/beijing.md"))


def test_rendered_markdown_matches_golden_files(built_example, update_golden):
    docs = built_example / "docs"
    produced = {p.relative_to(docs).as_posix(): p.read_text("utf-8") for p in sorted(docs.rglob("*.md"))}
    produced = {relative: text for relative, text in produced.items() if golden_page(relative)}
    if update_golden:
        for old in GOLDEN.rglob("*.md"):
            old.unlink()
        for relative, text in produced.items():
            (GOLDEN / relative).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / relative).write_text(text, "utf-8")
    expected = {p.relative_to(GOLDEN).as_posix(): p.read_text("utf-8") for p in sorted(GOLDEN.rglob("*.md"))}
    assert sorted(produced) == sorted(expected), "run pytest --update-golden after an intended change"
    for relative, text in produced.items():
        assert text == expected[relative], f"{relative} differs from tests/golden (pytest --update-golden)"


def test_pdf_cache_renders_again_only_what_changed(built_example, tmp_path):
    import shutil

    project = tmp_path / "p"
    shutil.copytree(built_example, project)
    cached = lambda: {p.name: p.read_bytes() for p in (project / ".cache/pdf").glob("*.pdf")}  # noqa: E731
    before = cached()
    assert len(before) == 2 * 2 + 2 + 2, "a leaflet per topic and language, the guide and the check-up list in each"
    topic = project / "guides_src/topics/example-topic.yaml"
    topic.write_text(topic.read_text("utf-8").replace("示例主题标题", "示例主题新标题"), "utf-8")
    assert build(Project(project)).problems == []
    after = cached()
    assert len(after) == len(before)
    assert 0 < len(set(before) - set(after)) < len(before), "the changed PDFs replaced, the others kept"
    leaflet = (project / "site/downloads/leaflets/example-topic-zh.pdf").read_bytes()
    assert leaflet in after.values() and leaflet not in before.values()
    assert (project / "site/downloads/leaflets/example-other-en.pdf").read_bytes() in before.values()


def test_qr_codes_are_kept_between_builds(tmp_path, monkeypatch):
    from generator import qr

    monkeypatch.setattr(qr, "_codes", qr._codes)  # put back after the test
    monkeypatch.setattr(qr, "_made", {})
    qr.keep_codes_in(tmp_path)
    first = qr.qr_svg("https://example.org/topics/x/", "示例")
    assert len(list(tmp_path.glob("*.svg"))) == 1 and "<svg" in first
    # Another build (nothing made in this process yet) reads the code from the folder instead of making it.
    monkeypatch.setattr(qr, "_made", {})
    qr.keep_codes_in(tmp_path)
    monkeypatch.setattr(qr.segno, "make", lambda *a, **k: pytest.fail("the code was made again"))
    assert qr.qr_svg("https://example.org/topics/x/", "示例") == first
    # A code no build asked for is pruned.
    codes = qr.keep_codes_in(tmp_path)
    codes.prune()
    assert list(tmp_path.glob("*.svg")) == []


def test_the_placeholders_that_keep_docs_folders_in_git_are_not_published(built_example, tmp_path):
    import shutil

    project = tmp_path / "p"
    shutil.copytree(built_example, project)
    for lang in DOCS_OWNED:
        (project / "docs" / lang / ".gitkeep").touch()
    assert build(Project(project)).problems == []
    assert not list((project / "site").rglob(".gitkeep"))
    assert (project / "docs/zh/.gitkeep").exists()

