"""Every real leaflet fitted and made cold (no cache), in one process, as a build does.

.venv/bin/python bench/leaflets.py — prints the leaflets fitted, the seconds and the mean PDF size; run it
under `/usr/bin/time -v` for the peak memory. The figures before and after the move to Typst are in
bench/pdf-engines.md.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.build import Project, check  # noqa: E402
from generator.cache import DiskCache  # noqa: E402
from generator.leaflets import fit_leaflets  # noqa: E402
from generator.qr import site_url  # noqa: E402
from generator.render import Renderer  # noqa: E402


def main() -> None:
    content, problems = check(Project(ROOT))
    if problems:
        sys.exit("the content has problems; run `python -m generator check`")
    renderer = Renderer(content)
    started = time.perf_counter()
    found = fit_leaflets(renderer, content.topics, site_url(ROOT / "mkdocs.yml"), DiskCache(None, ".pdf", "typst"))
    elapsed = time.perf_counter() - started
    made = [leaflet for _, _, leaflet in found if leaflet is not None]
    print(f"{len(made)} of {len(found)} leaflets fitted in {elapsed:.2f}s; "
          f"mean PDF {sum(len(leaflet.pdf) for leaflet in made) / max(len(made), 1) / 1024:.0f} KB")


if __name__ == "__main__":
    main()
