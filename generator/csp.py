"""The Content-Security-Policy: one policy for every page of a built site, in each page's <head> and for servers.

Scripts run only from the site's own files, plus the few inline scripts the theme writes into every page
(Material's `__md_scope` helpers, which hold the page's relative base, its tab-restoring and palette-restoring snippets), allowed
by their exact sha256 hashes. The hashes are taken from the built pages, so an inline script that is not the
theme's — an injected one, or one added to a template without a rebuild — does not run.

Run by the build after MkDocs (and on the offline copy before it is zipped). It writes:
- a `<meta http-equiv="Content-Security-Policy">` into every page's head, before any script;
- `site/.csp.nginx`, the header line for deploy/nginx.conf to `include` (nginx does not serve dotfiles there);
- `site/_headers`, Netlify's and Cloudflare Pages' header file, made from deploy/_headers.
The policy changes whenever the theme's inline scripts do, so it lives only in the build's output.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

DEPLOY = Path(__file__).resolve().parent.parent / "deploy"
HEADERS_TEMPLATE = DEPLOY / "_headers"
NGINX_SNIPPET = ".csp.nginx"
NETLIFY_HEADERS = "_headers"

# Inline <script> elements; a `src` makes it a file, a JSON type makes it data (the theme's __config,
# the calculators' labels), which a policy does not govern.
SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
SRC = re.compile(r"\ssrc\s*=", re.I)
TYPE = re.compile(r"""\stype\s*=\s*["']?([^"'\s>]+)""", re.I)
EXECUTABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}
META = re.compile(r'[ \t]*<meta http-equiv="Content-Security-Policy" content="[^"]*">\n?')
CHARSET = re.compile(r'<meta charset="[^"]*">', re.I)

# What the pages need, and nothing more:
# - style-src 'unsafe-inline': the guide's fill-in templates size their handwriting lines with style
#   attributes (`style="height: 2.4em"`), which no hash can allow; styles cannot run code.
# - img-src data: Material's icons are data: SVGs in its stylesheet.
# - script-src 'wasm-unsafe-eval': Pagefind's search runs as WebAssembly. It allows compiling WebAssembly
#   only, not eval() or new Function().
FIXED = {
    "default-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}
# Only as a header: browsers ignore frame-ancestors in a <meta> policy (and report it on the console).
HEADER_ONLY = {"frame-ancestors": ["'none'"]}


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script a browser would run."""
    scripts = []
    for match in SCRIPT.finditer(html):
        attributes, body = match.group(1), match.group(2)
        kind = TYPE.search(attributes)
        if SRC.search(attributes) or (kind and kind.group(1).lower() not in EXECUTABLE_TYPES):
            continue
        scripts.append(body)
    return scripts


def script_hash(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii") + "'"


def policy(hashes: set[str], header: bool = False) -> str:
    directives = dict(FIXED)
    directives["script-src"] = ["'self'", "'wasm-unsafe-eval'", *sorted(hashes)]
    if header:
        directives.update(HEADER_ONLY)
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def with_meta(html: str, content: str) -> str:
    """The page with the policy as the first thing after <meta charset> (before any script), replacing an old one."""
    html = META.sub("", html)
    tag = f'<meta http-equiv="Content-Security-Policy" content="{content}">'
    charset = CHARSET.search(html)
    if charset:
        return html[:charset.end()] + "\n    " + tag + html[charset.end():]
    head = re.search(r"<head[^>]*>", html, re.I)
    if not head:
        raise ValueError("a page without <head>")
    return html[:head.end()] + tag + html[head.end():]


def apply(site_dir: Path, server_files: bool = True) -> str:
    """Put the policy into every page of site_dir; write the server files too. Returns the header policy."""
    pages = sorted(site_dir.rglob("*.html"))
    texts = {page: page.read_text("utf-8") for page in pages}
    hashes = {script_hash(body) for html in texts.values() for body in inline_scripts(html)}
    meta = policy(hashes)
    for page, html in texts.items():
        page.write_text(with_meta(html, meta), "utf-8")
    header = policy(hashes, header=True)
    if server_files:
        (site_dir / NGINX_SNIPPET).write_text(
            "# Written by `python -m generator build`: the policy of this build, for deploy/nginx.conf.\n"
            f'add_header Content-Security-Policy "{header}" always;\n', "utf-8")
        template = HEADERS_TEMPLATE.read_text("utf-8")
        if "{csp}" not in template:
            raise ValueError(f"{HEADERS_TEMPLATE} has no {{csp}} placeholder")
        (site_dir / NETLIFY_HEADERS).write_text(template.replace("{csp}", header), "utf-8")
    return header
