"""Station directory at national scale: 3,000 synthetic stations (never shipped), build time and page size.

Run: .venv/bin/python bench/stations_scale.py [count]
Builds a temporary copy of the project with a generated stations CSV and prints generator, MkDocs and
search times, and the largest province page (HTML, gzip).
"""

from __future__ import annotations

import gzip
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from generator.build import Project, build  # noqa: E402
from generator.provinces import PROVINCES  # noqa: E402
from generator.stations import COLUMNS  # noqa: E402

KINDS = ["legal-aid-centre", "union-workstation", "community-workstation", "service-window", "mobile-station"]
SERVICES = ["consultation", "representation", "mediation", "arbitration-help", "wage-claims", "work-injury"]


def synthetic_csv(count: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    # Uneven, as real provinces are: some have many times more stations than others.
    weights = [rng.uniform(0.3, 3.0) for _ in PROVINCES]
    lines = [",".join(COLUMNS)]
    for n in range(count):
        p = rng.choices(PROVINCES, weights)[0]
        city = rng.randrange(1, 15)
        services = "; ".join(sorted(rng.sample(SERVICES, rng.randrange(1, 5))))
        lines.append(",".join([
            f"synthetic-{n:05d}", f"合成测试站点{n}", f"Synthetic station {n}", rng.choice(KINDS), p.code,
            f"测试市{city}", f"Test City {city}", "测试区", "Test District", f"测试路{n}号", f"{n} Test Road",
            f"010-{n:08d}", "工作日9:00-17:00", "Working days 9:00-17:00", services,
            rng.choice(["yes", "no"]), "synthetic benchmark data", "2026-01-02"]))
    return "\n".join(lines) + "\n"


def copy_project(target: Path) -> None:
    """What a build reads: the content, the theme overrides and mkdocs.yml."""
    for name in ("guides_src", "overrides", "mkdocs.yml"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, target / name)


def main(count: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        copy_project(project)
        (project / "guides_src/stations/stations.csv").write_text(synthetic_csv(count), "utf-8")
        started = time.perf_counter()
        result = build(Project(project))
        total = time.perf_counter() - started
        assert not result.problems, result.problems[:3]
        sizes = []
        for page in (project / "site").glob("**/stations/*/index.html"):
            data = page.read_bytes()
            sizes.append((len(gzip.compress(data, 6)), len(data), page.relative_to(project / "site")))
        sizes.sort(reverse=True)
        timings = ", ".join(f"{k} {v:.2f}s" for k, v in result.timings.items())
        print(f"{count} stations: build {total:.1f}s ({timings})")
        for gz, raw, page in sizes[:3]:
            print(f"  {page}: {raw / 1024:.0f} KB HTML, {gz / 1024:.1f} KB gzip")
        print(f"  median province page: {sorted(s[0] for s in sizes)[len(sizes) // 2] / 1024:.1f} KB gzip")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3000)
