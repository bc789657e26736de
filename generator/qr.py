"""QR codes as inline SVG (segno), pointing at the page's absolute address built from mkdocs.yml's site_url."""

from __future__ import annotations

from pathlib import Path

import segno

from generator.load import read_mkdocs_config


def site_url(mkdocs_yml: Path) -> str:
    """The public address from mkdocs.yml: a deployer changes it there and every QR code follows."""
    url = read_mkdocs_config(mkdocs_yml).get("site_url") or ""
    return url if url.endswith("/") else url + "/"


def page_url(base: str, lang: str, path: str) -> str:
    """Absolute address of a page: path like 'topics/unpaid-wages/'; English pages live under /en/."""
    return base + ("" if lang == "zh" else "en/") + path


def qr_svg(url: str, label: str) -> str:
    svg = segno.make(url, error="m").svg_inline(scale=4, border=2, title=label, omitsize=True)
    return svg
