"""make serve, timed as an editor sees it: from saving a topic file to the edit showing in the open page.

Run after `make site`: .venv/bin/python bench/preview.py — a temporary copy of the project is previewed, one
topic's summary is changed three times, and the seconds from each save until the browser shows the new text
are printed (the median is what `make bench` reports).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.stations_scale import copy_project  # noqa: E402
from tests.conftest import CHROMIUM, CHROMIUM_ARGS, free_port  # noqa: E402

TOPIC = "guides_src/topics/unpaid-wages.yaml"
PAGE = "/topics/unpaid-wages/"


def edit_to_screen(runs: int = 3) -> list[float]:
    """Seconds from saving the file to the page showing the change, for each of `runs` edits."""
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        copy_project(project)
        topic = project / TOPIC
        original = topic.read_text("utf-8")
        port = free_port()
        process = subprocess.Popen([sys.executable, "-m", "generator", "--root", str(project), "serve", "--port",
                                    str(port)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        try:
            while "preview at" not in (line := process.stdout.readline()):
                if not line:
                    raise RuntimeError("make serve stopped before the preview was up")
            seconds = []
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_page()
                page.goto(f"http://127.0.0.1:{port}{PAGE}")
                for run in range(runs):
                    marker = f"（预览测试{run}）"
                    started = time.perf_counter()
                    topic.write_text(original.replace("也可以找法律援助。", f"也可以找法律援助{marker}。", 1), "utf-8")
                    page.locator(".md-content", has_text=marker).wait_for(timeout=30_000)
                    seconds.append(time.perf_counter() - started)
                browser.close()
            return seconds
        finally:
            process.terminate()
            process.wait()


if __name__ == "__main__":
    runs = edit_to_screen()
    print("edit to screen: " + ", ".join(f"{s:.2f} s" for s in runs) + f"; median {statistics.median(runs):.2f} s")
