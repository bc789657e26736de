"""The comparison site: the same generated pages (docs/) built by plain MkDocs Material with its default settings.

Defaults means Google Fonts, Material's built-in search, the navigation MkDocs makes from every page, no custom
stylesheet or templates. Only what the pages need to render is kept from mkdocs.yml: the site name, the two
languages (zh at /, en at /en/) and the Markdown extensions. Pages that link to the project's own assets get
404s for them, as they would on such a site.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
LANGUAGE_KEYS = ("locale", "name", "default", "build")


def baseline_config(real: dict) -> dict:
    i18n = next(p["i18n"] for p in real["plugins"] if isinstance(p, dict) and "i18n" in p)
    languages = [{key: language[key] for key in LANGUAGE_KEYS if key in language} for language in i18n["languages"]]
    return {
        "site_name": real["site_name"],
        "docs_dir": "docs",
        "theme": {"name": "material"},
        "plugins": ["search", {"i18n": {"docs_structure": i18n["docs_structure"], "languages": languages}}],
        "markdown_extensions": real["markdown_extensions"],
    }


def build_baseline(work: Path) -> tuple[Path, float]:
    """Build the baseline in `work` from the project's current docs/; return its site folder and build seconds."""
    shutil.copytree(ROOT / "docs", work / "docs")
    real = yaml.safe_load((ROOT / "mkdocs.yml").read_text("utf-8"))
    (work / "mkdocs.yml").write_text(yaml.safe_dump(baseline_config(real), allow_unicode=True, sort_keys=False),
                                     "utf-8")
    started = time.perf_counter()
    completed = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(work / "site")],
                               cwd=work, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    seconds = time.perf_counter() - started
    if completed.returncode != 0:
        raise SystemExit("the Material baseline did not build:\n" + (completed.stdout + completed.stderr)[-3000:])
    return work / "site", seconds
