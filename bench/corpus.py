"""Build time at scale: the project with 500 synthetic topics (both languages) and 3,000 synthetic stations.

The synthetic content is written into a temporary copy of the project and never shipped. Each build runs in its
own process, so its peak memory is its own: `python bench/corpus.py PROJECT` builds PROJECT once and prints one
line of JSON (seconds by stage, total, and the peak resident memory of the build process itself).
"""

from __future__ import annotations

import json
import os
import re
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.stations_scale import copy_project, synthetic_csv  # noqa: E402

TOPICS = 500
STATIONS = 3000


def synthetic_topic(source: dict, number: int, slug: str) -> dict:
    """A copy of a real topic under a new slug (`s<n>`), its texts as they are: a longer title
    would push the fullest real leaflets past one page, which says nothing about the build."""
    return {**source, "slug": slug}


def write_corpus(project: Path, topics: int = TOPICS, stations: int = STATIONS) -> None:
    """Copy the project into `project` and add the synthetic topics and stations."""
    copy_project(project)
    folder = project / "guides_src" / "topics"
    real = sorted(folder.glob("*.yaml"))
    for number in range(topics):
        source = real[number % len(real)]
        slug = f"s{number:03d}"  # shorter than any real slug: a longer page address (and QR code) can push a leaflet past one page
        topic = synthetic_topic(yaml.safe_load(source.read_text("utf-8")), number, slug)
        (folder / f"{slug}.yaml").write_text(yaml.safe_dump(topic, allow_unicode=True, sort_keys=False, width=4096),
                                             "utf-8")
    (project / "guides_src" / "stations" / "stations.csv").write_text(synthetic_csv(stations), "utf-8")


# Where a build has got to, seen from what generator/build.py writes (in this order) since it started.
STAGES = [("docs/zh", "write docs/"), ("site.new", "mkdocs"), ("site.new/pagefind", "search index"),
          ("site.new/downloads/stations.json", "pdf and after"), ("site", "done")]


def session_rss(session: int) -> int:
    """Memory of every process in a session (the build and the subprocesses it runs): each one's proportional
    set size, which counts a page shared by several processes once in all (MkDocs' converting processes are
    forked and share most of MkDocs' memory; adding up resident sizes counted it once per process)."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()  # the fields after the command name
            if int(fields[3]) != session:
                continue
            rollup = (stat.parent / "smaps_rollup").read_text()
        except OSError:
            continue  # the process has ended
        total += int(re.search(r"^Pss:\s+(\d+) kB", rollup, re.M).group(1)) * 1024
    return total


def stage_of(project: Path, started: float) -> str:
    reached = ["check and leaflets"]
    for marker, stage in STAGES:
        try:
            if (project / marker).stat().st_mtime >= started:
                reached.append(stage)
        except OSError:
            pass  # not written yet, or already moved
    return reached[-1]


def timed_build(project: Path, max_seconds: float, max_bytes: int) -> dict:
    """Build `project` in a new process, sampling its memory and stage; stop it past either limit.

    Returns the child's figures with "peak_bytes" (all its processes together), "peak_by_stage" and
    "stage_seen_at" (seconds from the start), and, when it failed or was stopped, "error" and the stage reached.
    """
    started = time.monotonic()
    with tempfile.TemporaryFile("w+") as stdout, tempfile.TemporaryFile("w+") as stderr:
        # A session of its own, so that a build stopped at a limit takes its mkdocs and pagefind with it.
        process = subprocess.Popen([sys.executable, __file__, str(project)], stdout=stdout, stderr=stderr,
                                   text=True, start_new_session=True)
        error, stage, seen_at, peak_by_stage = watch(process, project, max_seconds, max_bytes)
        stdout.seek(0)
        stderr.seek(0)
        output, messages = stdout.read().strip(), stderr.read().strip()
    seen = {"wall": time.monotonic() - started, "peak_bytes": max(peak_by_stage.values(), default=0),
            "peak_by_stage": peak_by_stage, "stage_seen_at": seen_at}
    if error is None and process.returncode != 0:
        error = "failed: " + (messages.splitlines() or ["no output"])[-1]
    if error:
        return {**seen, "error": error, "stage": stage}
    return {**seen, **json.loads(output.splitlines()[-1])}


def watch(process: subprocess.Popen, project: Path, max_seconds: float,
          max_bytes: int) -> tuple[str | None, str, dict[str, float], dict[str, int]]:
    """Sample the build five times a second until it ends or passes a limit.

    Returns why it was stopped (None if it was not), the last stage seen, when each stage was first seen and the
    peak memory in each.
    """
    started, started_at = time.monotonic(), time.time()
    stage, seen_at, peak_by_stage = "check and leaflets", {}, {}
    while process.poll() is None:
        rss, stage = session_rss(process.pid), stage_of(project, started_at)
        seen_at.setdefault(stage, time.monotonic() - started)
        peak_by_stage[stage] = max(peak_by_stage.get(stage, 0), rss)
        error = None
        if rss > max_bytes:
            error = f"stopped: needed more than {max_bytes / 2**30:.0f} GB of memory"
        elif time.monotonic() - started > max_seconds:
            error = f"stopped: took more than {max_seconds / 60:.0f} minutes"
        if error:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            return error, stage, seen_at, peak_by_stage
        time.sleep(0.2)
    return None, stage, seen_at, peak_by_stage


def build_once(project: Path) -> dict:
    from generator.build import Project, build

    started = time.perf_counter()
    result = build(Project(project))
    total = time.perf_counter() - started
    # The build process alone; its subprocesses are counted by the caller's sampling (ru_maxrss of children
    # is no use here: a child forked from a large process reports the parent's size).
    peak_bytes = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return {"total": total, "timings": result.timings, "build_process_peak_bytes": peak_bytes,
            "problems": [str(p) for p in result.problems[:5]], "problem_count": len(result.problems)}


if __name__ == "__main__":
    print(json.dumps(build_once(Path(sys.argv[1]))))
