"""The whole site as one zip for USB sticks and nearby sharing: the built site with links to files.

A phone's file viewer opens `index.html` and follows links to files, which the site's folder addresses
(`topics/unpaid-wages/`) are not without a web server. The copy keeps every page where it is and points each
link to a folder at the folder's `index.html`. It has the site's own search index: search.js points a result at
its page's index.html when the page it runs in was opened as a file name (as in the copy).
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import zipfile
from pathlib import Path

ZIP_NAME = "offline-site.zip"
FOLDER = "workers-legal-help"
README = """劳动者法律帮助 · Workers' Legal Help — offline copy

打开方法：解压后，用手机或电脑的浏览器打开本文件夹里的 index.html。
英文版在 en/index.html。搜索和计算工具要用“本地网页服务器”打开才能用
（例如电脑上在本文件夹运行：python3 -m http.server，再打开 http://localhost:8000/），
其他页面直接打开文件就能看。法律帮助热线：12348（法律援助）、12333（人社）、12351（工会）。

To use: unzip, then open index.html in this folder with a phone's or computer's browser.
The English pages start at en/index.html. Search and the calculators need a local web server
(for example run `python3 -m http.server` in this folder and open http://localhost:8000/);
every other page works straight from the files. Hotlines: 12348 (legal aid), 12333 (labour and
social security), 12351 (trade union).
"""


# What the copy leaves out: the server's "not found" page (absolute links), the service worker (a folder of
# files has none), the server files, and what is added at zipping (the search index and downloads).
LEFT_OUT = ("404.html", "sw.js", "_headers", ".csp.nginx", "pagefind", "downloads")
# A link within the site (no scheme) up to its "#" or "?": the site writes folders as `x/`, `..`, `.`, and the
# language switch on the home pages as `/` and `/en/`.
LINK = re.compile(r'(href=")((?!//)[^"#?:]+)(["#?])')
# The publicity team's files (share images, pocket cards, posters: 10 MB) stay out of the zip, which is for
# reading; in the copy, links to them go to the site.
ONLINE_ONLY = ("downloads/share/", "downloads/cards/", "downloads/posters/")
ONLINE_LINK = re.compile(r'href="((?:\.\./)*(?:%s)[^"#?:]+)"' % "|".join(re.escape(f) for f in ONLINE_ONLY))


def offline_copy(site_dir: Path, out: Path, site_url: str) -> None:
    """Copy the built site to `out` with file links (run beside the search index and the PDFs)."""
    shutil.copytree(site_dir, out, ignore=lambda folder, names: [n for n in names if n in LEFT_OUT]
                    if Path(folder) == site_dir else [])
    link_files(out, site_url)


def link_files(offline: Path, site_url: str) -> None:
    """Point every link to a folder at its index.html: `../topics/` becomes `../topics/index.html`, `../..`
    becomes `../../index.html`, `/en/` on the home page `en/index.html`; links to files left out of the zip
    (ONLINE_ONLY) at the site (`site_url`). Other links to files, anchors in the page and addresses elsewhere
    stay as they are."""
    for page in offline.rglob("*.html"):
        html = page.read_text("utf-8")

        def online(match: re.Match) -> str:
            target = os.path.normpath(page.parent / match.group(1)).removeprefix(str(offline) + os.sep)
            return f'href="{site_url}{Path(target).as_posix()}"'

        def to_file(match: re.Match) -> str:
            folder = match.group(2)
            if not (folder.endswith("/") or folder.split("/")[-1] in (".", "..")):
                return match.group(0)
            if folder.startswith("/"):  # from the site's root: relative to this page, as a file viewer needs
                folder = os.path.relpath(offline / folder.lstrip("/"), page.parent) + "/"
            target = folder.rstrip("/") + "/index.html"
            if not (page.parent / target).is_file():
                return match.group(0)
            return f"{match.group(1)}{target}{match.group(3)}"

        changed = LINK.sub(to_file, ONLINE_LINK.sub(online, html))
        if changed != html:
            page.write_text(changed, "utf-8")


def write_zip(offline: Path, site_dir: Path, target: Path) -> None:
    """Zip the offline copy plus the site's search index and downloads; fixed timestamps keep an unchanged site
    byte-identical."""
    # 404.html links with absolute paths for a web server's "not found" answer; a folder of files has none.
    files = {path.relative_to(offline).as_posix(): path for path in offline.rglob("*")
             if path.is_file() and path.name != "404.html"}
    for folder in ("pagefind", "downloads"):
        files.update({name: path for path in (site_dir / folder).rglob("*")
                      if path.is_file() and path.name != ZIP_NAME
                      and not (name := path.relative_to(site_dir).as_posix()).startswith(ONLINE_ONLY)})
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        archive.writestr(_entry(f"{FOLDER}/README.txt"), README)
        for name in sorted(files):
            archive.writestr(_entry(f"{FOLDER}/{name}"), files[name].read_bytes())


def _entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


if __name__ == "__main__":  # run by the build: python -m generator.offline <built site> <copy> <site_url>
    offline_copy(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3])
