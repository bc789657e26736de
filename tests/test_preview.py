"""make serve: the preview shows an edit by itself, shows a mistake over the page exactly as the terminal
prints it while the last good page stays, and never touches the project's docs/ or site/."""

import subprocess
import sys
import time

from .conftest import ROOT, free_port
from .test_build import tree_digest


def read_until(process: subprocess.Popen, ending: str, seconds: float = 60) -> list[str]:
    """The preview's terminal lines up to the first that contains `ending`."""
    lines, deadline = [], time.monotonic() + seconds
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        assert line, "make serve stopped:\n" + "".join(lines)
        lines.append(line.rstrip("\n"))
        if ending in line:
            return lines
    raise AssertionError(f"no line with {ending!r} after {seconds} s:\n" + "\n".join(lines))


def test_preview_follows_edits_and_shows_mistakes_on_the_page(built_example, browser, tmp_path):
    import shutil

    project = tmp_path / "p"
    shutil.copytree(built_example, project)
    topic = project / "guides_src/topics/example-topic.yaml"
    original = topic.read_text("utf-8")
    before = tree_digest(project / "docs"), tree_digest(project / "site")
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "generator", "--root", str(project), "serve", "--port",
                                str(port)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    page = browser.new_page()
    try:
        read_until(process, f"preview at http://127.0.0.1:{port}/")
        page.goto(f"http://127.0.0.1:{port}/en/topics/example-topic/")
        assert page.locator("h1").inner_text() == "Example topic title"

        topic.write_text(original.replace("Example topic title", "Edited topic title"), "utf-8")
        read_until(process, "preview rebuilt")
        page.locator("h1", has_text="Edited topic title").wait_for(timeout=10_000)  # reloaded by itself

        topic.write_text(original.replace("title: {", "title: [{", 1), "utf-8")
        terminal = read_until(process, "the preview shows the last good build")
        alert = page.locator("[role=alert]")
        alert.wait_for(timeout=10_000)
        error = "guides_src/topics/example-topic.yaml:4:1: error: YAML syntax: expected ',' or ']', but got '<scalar>'"
        assert terminal == [error, "1 error in 1 file; the preview shows the last good build"]
        assert alert.locator("pre").inner_text() == error
        assert page.locator("h1").inner_text() == "Edited topic title"

        topic.write_text(original, "utf-8")
        read_until(process, "preview rebuilt")
        page.locator("h1", has_text="Example topic title").wait_for(timeout=10_000)
        assert not alert.is_visible()
    finally:
        page.close()
        process.terminate()
        process.wait(timeout=30)
    assert (tree_digest(project / "docs"), tree_digest(project / "site")) == before
