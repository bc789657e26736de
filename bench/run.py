"""make bench: this site against plain MkDocs Material on the same pages, and the build at national scale.

Run after `make site` (`make bench` does both): .venv/bin/python bench/run.py [--topics 0,80,480]
[--stations 0,3000,3000] [--builds-only]
1. Pages: the built site/ and a Material baseline built from the same docs/ (bench/baseline.py) are served side
   by side by gzip-serving local servers; each page gets a first visit at phone size in Playwright (requests and
   bytes counted by the server, outside requests by the browser) and Lighthouse runs (mobile).
2. Builds: for each size (the real topics, then 100 and 500 with synthetic ones), a temporary copy of the project
   is built with nothing cached, again with no change, and again after one topic changed, each build in its own
   process, timed by stage and sampled for memory; then `make serve` is timed from a saved edit to the browser.
   The build goals are printed as met or not.
Raw figures go to bench/out/bench.json, Lighthouse's reports to bench/out/lighthouse/.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench import corpus, lighthouse  # noqa: E402
from bench.baseline import build_baseline  # noqa: E402
from bench.page_weight import PageWeight, measure  # noqa: E402
from bench.preview import edit_to_screen  # noqa: E402
from bench.serve import SiteServer  # noqa: E402
from tests.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

OUT = ROOT / "bench" / "out"
PAGES = {"zh topic": "/topics/unpaid-wages/", "en topic": "/en/topics/unpaid-wages/", "home": "/",
         "station page": "/stations/guangdong/", "practitioner chapter": "/guide/unpaid-wages/"}
BUDGET_PAGES = ("zh topic", "en topic")
BUDGET_KB = 80
BUDGET_SCORES = {"performance": 0.95, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}
SITES = {"site": "this site", "material": "Material defaults"}
LIGHTHOUSE_RUNS = 3
MAX_BUILD_SECONDS = 15 * 60
# Past this the machine (24 GB, shared with other work) would start to fail; the build is stopped instead.
MAX_BUILD_BYTES = 12 * 2**30


@dataclasses.dataclass
class PageResult:
    visit: PageWeight  # first visit, the service worker's install included
    page_alone: PageWeight  # the same visit with service workers blocked
    lighthouse: lighthouse.Report


def measure_pages(servers: dict[str, SiteServer], command: Path) -> dict[str, dict[str, PageResult]]:
    """Every page on every site: Playwright visits first, then Lighthouse, one at a time (the machine is small)."""
    weights = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, path in PAGES.items():
            for site, server in servers.items():
                weights[name, site] = (measure(browser, server, path), measure(browser, server, path, "block"))
        browser.close()
    reports = OUT / "lighthouse"
    reports.mkdir(parents=True, exist_ok=True)
    results: dict[str, dict[str, PageResult]] = {}
    for name, path in PAGES.items():
        for site, server in servers.items():
            report = lighthouse.median_run(command, server.base + path, reports / f"{site}-{name.replace(' ', '-')}",
                                           LIGHTHOUSE_RUNS)
            results.setdefault(name, {})[site] = PageResult(*weights[name, site], report)
    return results


def kb(weight: PageWeight) -> str:
    return f"{weight.gzip_bytes / 1024:.1f}"


def score(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def page_table(results: dict[str, dict[str, PageResult]]) -> list[str]:
    columns = f"{'req':>4} {'KB':>6} {'(page)':>7} {'out':>4} {'perf':>5} {'a11y':>5} {'bp':>5} {'seo':>5}"
    lines = [f"{'':24} " + "   ".join(f"{label:<46}" for label in SITES.values()),
             f"{'page':24} " + "   ".join(f"{columns:<46}" for _ in SITES)]
    for name, path in PAGES.items():
        cells = []
        for site in SITES:
            result = results[name][site]
            scores = " ".join(f"{score(result.lighthouse.scores[c]):>5}" for c in lighthouse.CATEGORIES)
            cells.append(f"{result.visit.requests:>4} {kb(result.visit):>6} {'(' + kb(result.page_alone) + ')':>7} "
                         f"{len(result.visit.outside):>4} {scores}")
        lines.append(f"{path:24} " + "   ".join(f"{cell:<46}" for cell in cells))
    return [line.rstrip() for line in lines]


def met(ok: bool) -> str:
    return "met" if ok else "NOT met"


def score_budget(report: lighthouse.Report, category: str, minimum: float) -> str:
    value = report.scores[category]
    ok = value is not None and value >= minimum
    notes = [score(value)]
    if category == "performance" and report.performance_runs:
        notes.append("runs " + ", ".join(score(v) for v in report.performance_runs))
    if not ok and report.failed_audits.get(category):
        notes.append("below full marks: " + ", ".join(report.failed_audits[category]))
    return f"{category} ≥ {minimum:.2f}: {met(ok)} ({'; '.join(notes)})"


def budget_lines(results: dict[str, dict[str, PageResult]]) -> list[str]:
    lines = []
    for name in BUDGET_PAGES:
        result = results[name]["site"]
        parts = [f"≤ {BUDGET_KB} KB: {met(result.visit.gzip_bytes <= BUDGET_KB * 1024)} ({kb(result.visit)} KB; "
                 f"the page alone {kb(result.page_alone)} KB)",
                 f"no outside requests: {met(not result.visit.outside)} ({len(result.visit.outside)})"]
        parts += [score_budget(result.lighthouse, c, minimum) for c, minimum in BUDGET_SCORES.items()]
        lines.append(f"  {PAGES[name]}")
        lines += [f"    {part}" for part in parts]
    return lines


def run_pages() -> dict:
    command = lighthouse.install()
    with tempfile.TemporaryDirectory() as tmp:
        baseline, baseline_seconds = build_baseline(Path(tmp))
        with SiteServer(ROOT / "site") as site, SiteServer(baseline) as material:
            results = measure_pages({"site": site, "material": material}, command)
    print("\nPages: a first visit at phone size (390×844) in a fresh browser profile, each site on its own local "
          "server that gzips text.\n"
          "  req, KB: responses and gzip KB sent by the server, the service worker's first fetches included; "
          "(page): KB with service workers blocked\n"
          "  out: requests Chromium made to other hosts (they fail here, as Google's do for many readers in "
          "mainland China)\n"
          f"  scores: Lighthouse {lighthouse.VERSION}, mobile; of {LIGHTHOUSE_RUNS} runs, the one with the median "
          "performance score\n"
          f"  Material defaults: the same docs/ with theme material, search and i18n only (built in "
          f"{baseline_seconds:.1f} s)\n")
    print("\n".join(page_table(results)))
    for result in (r for pages in results.values() for r in pages.values() if r.lighthouse.error):
        print(f"  Lighthouse: {result.lighthouse.error}")
    print("\nBudget for the topic pages:")
    print("\n".join(budget_lines(results)), flush=True)
    return {"pages": {name: {"path": PAGES[name], **{site: dataclasses.asdict(r) for site, r in sites.items()}}
                      for name, sites in results.items()},
            "baseline_build_seconds": baseline_seconds, "lighthouse_version": lighthouse.VERSION}


def describe_build(figures: dict) -> str:
    memory = ", ".join(f"{stage} {peak / 2**30:.1f}" for stage, peak in figures["peak_by_stage"].items())
    peaks = (f"peak memory {figures['peak_bytes'] / 2**30:.1f} GB (all its processes, shared pages counted once; "
             f"by stage, GB: {memory})")
    if "error" in figures:
        seen = ", ".join(f"{stage} at {seconds:.0f} s" for stage, seconds in figures["stage_seen_at"].items())
        return (f"{figures['error']} after {figures['wall']:.0f} s, in stage '{figures['stage']}' (each stage seen "
                f"when its first output appeared: {seen}); {peaks}")
    if figures["problem_count"]:
        return f"failed with {figures['problem_count']} content problems, e.g. {figures['problems'][0]}"
    timings = ", ".join(f"{stage} {seconds:.1f} s" for stage, seconds in figures["timings"].items())
    return (f"{figures['total']:.1f} s: {timings}; {peaks}; the build process alone "
            f"{figures['build_process_peak_bytes'] / 2**30:.1f} GB")


BUILDS = ("first build", "no change", "one topic changed")
# The goals of the build (issue "Builds that keep up with editors"): seconds, or bytes of memory.
GOALS = {("real", "first build"): 20, ("real", "no change"): 3, ("real", "one topic changed"): 5,
         ("large", "first build"): 300, ("large", "one topic changed"): 60}
GOAL_PEAK_BYTES = 2 * 2**30
GOAL_PREVIEW_SECONDS = 2


def change_one_topic(project: Path) -> None:
    """An editor's change: one sentence of one topic's summary."""
    topic = sorted((project / "guides_src" / "topics").glob("*.yaml"))[0]
    text = topic.read_text("utf-8")
    topic.write_text(text.replace("summary:\n  zh: ", "summary:\n  zh: （改）", 1), "utf-8")


def run_scale(added: int, stations: int) -> dict:
    """The real content plus `added` synthetic topics and `stations` synthetic stations, built three times."""
    figures = {}
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        corpus.write_corpus(project, added, stations)
        topics = len(list((project / "guides_src" / "topics").glob("*.yaml")))
        print(f"\n{topics} topics (zh and en), {stations:,} stations:", flush=True)
        for run in BUILDS:
            if run == "one topic changed":
                change_one_topic(project)
            figures[run] = corpus.timed_build(project, MAX_BUILD_SECONDS, MAX_BUILD_BYTES)
            print(f"  {run}: {describe_build(figures[run])}", flush=True)
            if "error" in figures[run] or figures[run]["problem_count"]:
                break
    return {"topics": topics, "added": added, "stations": stations, **figures}


def goal_lines(scales: list[dict], preview: list[float]) -> list[str]:
    """The goals of the real site for the size with no synthetic topics, those at scale for the largest."""
    real = next((scale for scale in scales if scale["added"] == 0), None)
    large = scales[-1]
    lines = []
    for (which, run), limit in GOALS.items():
        if which == "real" and real is None:
            continue
        figures = (real if which == "real" else large).get(run, {})
        seconds = figures.get("total")
        where = f"{(real if which == 'real' else large)['topics']} topics"
        lines.append(f"  {where}, {run}: ≤ {limit} s: "
                     + (f"{met(seconds <= limit)} ({seconds:.1f} s)" if seconds is not None
                        else f"NOT met ({figures.get('error', 'not run')})"))
    peak = max((f.get("peak_bytes", 0) for f in large.values() if isinstance(f, dict)), default=0)
    lines.append(f"  {large['topics']} topics, peak memory ≤ {GOAL_PEAK_BYTES / 2**30:.0f} GB: "
                 f"{met(peak <= GOAL_PEAK_BYTES)} ({peak / 2**30:.1f} GB)")
    median = statistics.median(preview)
    lines.append(f"  make serve, a saved topic shown in the browser: ≤ {GOAL_PREVIEW_SECONDS} s: "
                 f"{met(median <= GOAL_PREVIEW_SECONDS)} (median {median:.2f} s of {', '.join(f'{s:.2f}' for s in preview)})")
    return lines


def run_builds(added: list[int], stations: list[int]) -> dict:
    print(f"\nBuilds: temporary copies of the project (never shipped) with synthetic topics and stations, each "
          f"built in its own process with nothing cached, again with no change, and again after one topic's "
          f"summary changed; limits {MAX_BUILD_SECONDS // 60} minutes and {MAX_BUILD_BYTES // 2**30} GB per "
          "build. generate = check, leaflets, rendering and writing docs/; pdf = the guide and check-up list "
          "PDFs; offline zip = what is left of the offline copy once the PDFs are made.", flush=True)
    scales = [run_scale(count, stations_count) for count, stations_count in zip(added, stations)]
    preview = edit_to_screen()
    print("\nGoals:")
    print("\n".join(goal_lines(scales, preview)), flush=True)
    return {"scales": scales, "preview_seconds": preview}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--topics", default="0,80,480",
                        help="synthetic topics added for each build size, comma-separated (default: the real 20, "
                             "then 100 and 500 in all)")
    parser.add_argument("--stations", default=f"0,{corpus.STATIONS},{corpus.STATIONS}",
                        help="synthetic stations for each build size, comma-separated")
    parser.add_argument("--builds-only", action="store_true", help="leave out the pages and Lighthouse")
    args = parser.parse_args()
    added, stations = [int(n) for n in args.topics.split(",")], [int(n) for n in args.stations.split(",")]
    if len(added) != len(stations):
        raise SystemExit("--topics and --stations need as many sizes each")
    if not (ROOT / "site" / "index.html").exists():
        raise SystemExit("no site/ to measure: run `make bench` (or `make site` first)")
    started = time.perf_counter()
    figures = {} if args.builds_only else run_pages()
    figures.update(run_builds(added, stations))
    OUT.mkdir(exist_ok=True)
    (OUT / "bench.json").write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", "utf-8")
    print(f"\nRaw figures: {(OUT / 'bench.json').relative_to(ROOT)}; Lighthouse reports: "
          f"{(OUT / 'lighthouse').relative_to(ROOT)}/ ({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
