"""Lighthouse from npm, run on Debian's Chromium with its default mobile profile (emulated phone, slow 4G, CPU ×4).

The npm package is installed into bench/.tools/ (not part of the project) the first time it is needed.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
from pathlib import Path

from tests.conftest import CHROMIUM, CHROMIUM_ARGS

VERSION = "12.8.2"
TOOLS = Path(__file__).resolve().parent / ".tools"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


@dataclasses.dataclass
class Report:
    scores: dict[str, float | None]  # by category; None when Lighthouse could not score it
    byte_weight: int  # Lighthouse's total-byte-weight, for comparison with the server's count
    requests: int  # Lighthouse's network-requests
    failed_audits: dict[str, list[str]] = dataclasses.field(default_factory=dict)  # by category: below full score
    error: str | None = None
    performance_runs: list[float | None] = dataclasses.field(default_factory=list)  # every run, when several


def install() -> Path:
    """The lighthouse command, installed with npm if it is missing or another version."""
    package = TOOLS / "node_modules" / "lighthouse" / "package.json"
    command = TOOLS / "node_modules" / ".bin" / "lighthouse"
    if package.exists() and json.loads(package.read_text("utf-8"))["version"] == VERSION:
        return command
    if shutil.which("npm") is None:
        raise SystemExit("make bench needs npm to install Lighthouse: apt-get install nodejs npm")
    print(f"installing Lighthouse {VERSION} into {TOOLS} …", flush=True)
    subprocess.run(["npm", "install", "--prefix", str(TOOLS), "--no-audit", "--no-fund", "--loglevel=error",
                    f"lighthouse@{VERSION}"], check=True)
    return command


def median_run(command: Path, url: str, report_stem: Path, runs: int) -> Report:
    """Lighthouse `runs` times on `url`; the run with the median performance score (scores vary run to run)."""
    reports = [audit(command, url, report_stem.with_name(f"{report_stem.name}-{n + 1}.json")) for n in range(runs)]
    reports.sort(key=lambda report: report.scores["performance"] or 0)
    return dataclasses.replace(reports[len(reports) // 2],
                               performance_runs=[report.scores["performance"] for report in reports])


def audit(command: Path, url: str, report_path: Path) -> Report:
    """Run Lighthouse once on `url`, keep its JSON report at `report_path`, and return the figures."""
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    report_path.unlink(missing_ok=True)  # never read an earlier run's report
    completed = subprocess.run(
        [str(command), url, "--quiet", "--output=json", f"--output-path={report_path}", "--form-factor=mobile",
         f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={flags}"],
        env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True, timeout=600)
    if completed.returncode != 0 or not report_path.exists():
        message = (completed.stderr.strip().splitlines() or ["no output"])[-1]
        return Report({c: None for c in CATEGORIES}, 0, 0, error=f"lighthouse failed: {message}")
    return read_report(json.loads(report_path.read_text("utf-8")))


def read_report(report: dict) -> Report:
    audits = report["audits"]
    failed = {}
    for category in CATEGORIES:
        refs = report["categories"][category]["auditRefs"]
        failed[category] = sorted(ref["id"] for ref in refs if ref["weight"] > 0
                                  and audits[ref["id"]]["score"] is not None and audits[ref["id"]]["score"] < 1)
    requests = audits["network-requests"].get("details", {}).get("items", [])
    return Report(scores={c: report["categories"][c]["score"] for c in CATEGORIES},
                  byte_weight=int(audits["total-byte-weight"].get("numericValue", 0)),
                  requests=len(requests), failed_audits=failed, error=report.get("runtimeError", {}).get("message"))
