"""QR codes as inline SVG (segno), pointing at the page's absolute address built from mkdocs.yml's site_url."""

from __future__ import annotations

from pathlib import Path

import segno

from generator.cache import DiskCache
from generator.load import read_mkdocs_config

# Every page has a QR code in its print footer: choosing each code's mask is most of the time a build spends
# rendering pages, so codes are kept between builds (the build points this at .cache/qr/) and within one.
_codes = DiskCache(None, ".svg", "segno")
_made: dict[tuple[str, str], str] = {}


def site_url(mkdocs_yml: Path) -> str:
    """The public address from mkdocs.yml: a deployer changes it there and every QR code follows."""
    url = read_mkdocs_config(mkdocs_yml).get("site_url") or ""
    return url if url.endswith("/") else url + "/"


def page_url(base: str, lang: str, path: str) -> str:
    """Absolute address of a page: path like 'topics/unpaid-wages/'; English pages live under /en/."""
    return base + ("" if lang == "zh" else "en/") + path


def keep_codes_in(folder: Path | None) -> DiskCache:
    """Keep QR codes in folder between builds; the cache is returned for pruning after the build."""
    global _codes
    _codes = DiskCache(folder, ".svg", "segno")
    return _codes


def qr_svg(url: str, label: str) -> str:
    if (url, label) not in _made:
        key = _codes.key(url, label)
        cached = _codes.get(key)
        if cached is None:
            svg = segno.make(url, error="m").svg_inline(scale=4, border=2, title=label, omitsize=True)
            _codes.put(key, svg.encode("utf-8"))
        else:
            svg = cached.decode("utf-8")
        _made[url, label] = svg
    return _made[url, label]
