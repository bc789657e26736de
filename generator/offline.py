"""The whole site as one zip for USB sticks and nearby sharing: built a second time with links to .html files.

A phone's file viewer opens `index.html` and every link goes to a file (`topics/unpaid-wages.html`), which
the normal build's folder URLs (`topics/unpaid-wages/`) do not do without a web server. Run as
`python -m generator.offline <project> <out-folder>` by the build, in its own process beside the main
`mkdocs build`; it makes its own search index.
"""

from __future__ import annotations

import re
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


def build_offline_copy(root: Path, out: Path) -> None:
    """MkDocs build of the same docs/ with use_directory_urls off (the same steps as `mkdocs build`)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(root / "mkdocs.yml"), use_directory_urls=False, site_dir=str(out), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


FOLDER_LINK = re.compile(r'(href=")((?:\.\./|[\w-]+/)*)("|#)')


def link_files(offline: Path) -> None:
    """Point links written as raw HTML in the templates (the tile map, station lists) at files, as MkDocs
    already does for Markdown links: `guangdong/` becomes `guangdong.html`, `../` becomes `../index.html`."""
    for page in offline.rglob("*.html"):
        html = page.read_text("utf-8")

        def to_file(match: re.Match) -> str:
            folder = match.group(2)
            target = (page.parent / folder).resolve()
            if not folder:
                return match.group(0)
            if (target / "index.html").exists():
                return f"{match.group(1)}{folder}index.html{match.group(3)}"
            if target.with_suffix(".html").exists():
                return f"{match.group(1)}{folder.rstrip('/')}.html{match.group(3)}"
            return match.group(0)

        changed = FOLDER_LINK.sub(to_file, html)
        if changed != html:
            page.write_text(changed, "utf-8")


def write_zip(offline: Path, downloads: Path, target: Path) -> None:
    """Zip the offline build plus the site's downloads; fixed timestamps keep an unchanged site byte-identical."""
    # 404.html links with absolute paths for a web server's "not found" answer; a folder of files has none.
    files = {path.relative_to(offline).as_posix(): path for path in offline.rglob("*")
             if path.is_file() and path.name != "404.html"}
    files.update({f"downloads/{path.relative_to(downloads).as_posix()}": path for path in downloads.rglob("*")
                  if path.is_file() and path.name != ZIP_NAME})
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        archive.writestr(_entry(f"{FOLDER}/README.txt"), README)
        for name in sorted(files):
            archive.writestr(_entry(f"{FOLDER}/{name}"), files[name].read_bytes())


def _entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def main(root: Path, out: Path) -> int:
    from generator import csp
    from generator.build import search_index

    build_offline_copy(root, out)
    link_files(out)
    csp.apply(out, server_files=False)  # its own pages' policy, in each page's <head>
    indexed = search_index(out)
    if indexed.returncode != 0:
        print("pagefind failed on the offline copy: " + (indexed.stdout + indexed.stderr).strip())
    return indexed.returncode


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
