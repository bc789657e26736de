"""The Content-Security-Policy: every page carries the same policy, runs no inline script but the theme's own
(by hash), and loads in Chromium without a single violation."""

import re
import shutil
import zipfile

import pytest

from generator import csp

from .conftest import serve
from .test_calculators import fill
from .test_search import search

PAGES = ["/", "/topics/unpaid-wages/", "/topics/", "/stations/", "/stations/guangdong/", "/tools/severance/",
         "/guide/unpaid-wages/", "/guide/templates/evidence-list/", "/print/unpaid-wages/", "/about/"]
META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')

# Collects what the browser reports: `securitypolicyviolation` events in the page, from its first script on.
LISTEN = """window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__cspViolations.push(
  e.violatedDirective + " " + (e.blockedURI || "inline") + " at " + e.sourceFile + ":" + e.lineNumber));"""


def watch(page) -> list[str]:
    """Listen for CSP violations on this page (events and console messages); returns the list it fills."""
    console: list[str] = []
    page.add_init_script(LISTEN)
    page.on("console", lambda m: console.append(m.text) if "content security policy" in m.text.lower() else None)
    return console


def violations(page, console: list[str]) -> list[str]:
    return console + page.evaluate("window.__cspViolations")


def directives(policy: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in policy.split("; ")}


def test_every_page_has_the_same_policy_before_any_script(real_site):
    policies = set()
    for page in real_site.rglob("*.html"):
        html = page.read_text("utf-8")
        metas = META.findall(html)
        assert len(metas) == 1, f"{page}: {len(metas)} policies"
        assert html.index("Content-Security-Policy") < html.index("<script"), page
        policies.add(metas[0])
    assert len(policies) == 1
    policy = directives(policies.pop())
    assert policy["script-src"][:2] == ["'self'", "'wasm-unsafe-eval'"]
    assert all(source.startswith("'sha256-") for source in policy["script-src"][2:])
    assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
    assert policy["default-src"] == ["'self'"] and policy["object-src"] == ["'none'"]
    assert "frame-ancestors" not in policy, "browsers ignore frame-ancestors in a <meta>"


def test_the_hashes_are_the_theme_inline_scripts_only(real_site):
    """Our own scripts are files; what the policy allows inline is exactly the theme's snippets."""
    bodies = {body for page in real_site.rglob("*.html") for body in csp.inline_scripts(page.read_text("utf-8"))}
    assert bodies and all(body.startswith(("__md_scope=", "var target=", "var palette=")) for body in bodies), bodies
    allowed = directives(META.search((real_site / "index.html").read_text("utf-8")).group(1))["script-src"]
    assert sorted(allowed[2:]) == sorted({csp.script_hash(body) for body in bodies})
    assert (real_site / "assets" / "javascripts" / "offline.js").exists()


def test_server_files_carry_the_header_policy(real_site):
    meta = META.search((real_site / "index.html").read_text("utf-8")).group(1)
    header = meta + "; frame-ancestors 'none'"
    assert (real_site / ".csp.nginx").read_text("utf-8").splitlines()[-1] == \
        f'add_header Content-Security-Policy "{header}" always;'
    headers = (real_site / "_headers").read_text("utf-8")
    assert f"  Content-Security-Policy: {header}\n" in headers and "{csp}" not in headers


def test_offline_zip_pages_carry_a_policy(real_site):
    with zipfile.ZipFile(real_site / "downloads" / "offline-site.zip") as archive:
        pages = [name for name in archive.namelist() if name.endswith(".html")]
        missing = [name for name in pages if not META.search(archive.read(name).decode("utf-8"))]
    assert pages and not missing, missing[:5]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_pages_load_without_a_violation(phone, site_server, lang):
    console = watch(phone)
    prefix = "" if lang == "zh" else "/en"
    found = []
    for path in PAGES:
        phone.goto(site_server + prefix + path)
        phone.wait_for_load_state("networkidle")
        assert phone.locator("h1").count() >= 1, path
        found += [f"{prefix}{path}: {v}" for v in violations(phone, console)]
        console.clear()
    # The scripts that run after a tap: a calculator and search (Pagefind's WebAssembly).
    phone.goto(site_server + prefix + "/tools/overtime/")
    fill(phone, {"monthlyWage": "4350", "workdayHours": "10", "holidayHours": "8"})
    assert phone.locator("[data-answer]").inner_text().endswith(("975.00 元", "975.00 yuan"))
    assert search(phone, "工伤" if lang == "zh" else "work injury")
    found += [f"{prefix}/tools/overtime/: {v}" for v in violations(phone, console)]
    assert not found, found


def test_an_injected_inline_script_does_not_run(built_example, phone, tmp_path):
    """A copy of the site with a <script> slipped into a page: the browser refuses it, and says so."""
    site = tmp_path / "site"
    shutil.copytree(built_example / "site", site)
    page = site / "index.html"
    html = page.read_text("utf-8")
    page.write_text(html.replace("</body>", '<script>document.title = "injected";</script></body>'), "utf-8")
    console = watch(phone)
    server, base = serve(site)
    try:
        phone.goto(base + "/")
        phone.wait_for_load_state("networkidle")
        assert phone.title() != "injected"
        assert phone.evaluate("typeof __md_scope") == "object", "the theme's own inline script ran"
        found = violations(phone, console)
        assert any(v.startswith("script-src-elem inline") for v in found), found
    finally:
        server.shutdown()


def test_policy_is_put_in_once_and_replaced_on_a_second_run(tmp_path):
    page = tmp_path / "a" / "index.html"
    page.parent.mkdir()
    page.write_text('<html><head><meta charset="utf-8"><script>one()</script>'
                    '<script id="__config" type="application/json">{"x": 1}</script>'
                    '<script src="f.js"></script><script type="module">two()</script></head></html>', "utf-8")
    csp.apply(tmp_path, server_files=False)
    page.write_text(page.read_text("utf-8").replace("two()", "three()"), "utf-8")
    header = csp.apply(tmp_path, server_files=False)
    html = page.read_text("utf-8")
    assert len(META.findall(html)) == 1
    assert html.startswith('<html><head><meta charset="utf-8">\n    <meta http-equiv="Content-Security-Policy"')
    assert sorted(directives(header)["script-src"][2:]) == sorted([csp.script_hash("one()"),
                                                                   csp.script_hash("three()")])
    assert directives(header)["frame-ancestors"] == ["'none'"]
