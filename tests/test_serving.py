"""The site as a deployer publishes it: site/ behind a real nginx with deploy/nginx.conf (and the same headers
in site/_headers for Netlify and Cloudflare Pages)."""

import gzip
import re
import urllib.error
import urllib.request

from .test_calculators import fill
from .test_csp import violations, watch
from .test_offline import worker_ready
from .test_search import search

LONG = "public, max-age=31536000, immutable"
SECURITY = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "X-Frame-Options": "DENY",
}


def get(url: str):
    """(status, headers, body as sent) for a GET that accepts gzip."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_pages_carry_the_policy_and_the_security_headers(nginx_server, real_site):
    meta = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"',
                     (real_site / "index.html").read_text("utf-8")).group(1)
    for path in ["/", "/en/topics/unpaid-wages/", "/assets/stylesheets/portal.css", "/no-such-page/"]:
        status, headers, _ = get(nginx_server + path)
        assert status == (404 if path == "/no-such-page/" else 200), path
        assert headers["Content-Security-Policy"] == meta + "; frame-ancestors 'none'", path
        for name, value in SECURITY.items():
            assert headers[name] == value, (path, name)


def test_cache_control_follows_the_names(nginx_server, real_site):
    bundle = next((real_site / "assets" / "javascripts").glob("bundle.*.min.js")).name
    fragment = next((real_site / "pagefind" / "fragment").glob("zh_*.pf_fragment")).name
    expected = {
        "/": "no-cache", "/topics/unpaid-wages/": "no-cache", "/sw.js": "no-cache",
        "/assets/stylesheets/portal.css": "no-cache", "/assets/javascripts/search.js": "no-cache",
        f"/assets/javascripts/{bundle}": LONG, f"/pagefind/fragment/{fragment}": LONG,
    }
    got = {path: get(nginx_server + path)[1]["Cache-Control"] for path in expected}
    assert got == expected


def test_text_is_sent_compressed_with_the_right_types(nginx_server, real_site):
    status, headers, body = get(nginx_server + "/topics/unpaid-wages/")
    assert headers["Content-Encoding"] == "gzip" and headers["Content-Type"] == "text/html; charset=utf-8"
    assert gzip.decompress(body) == (real_site / "topics" / "unpaid-wages" / "index.html").read_bytes()
    bundle = next((real_site / "assets" / "javascripts").glob("bundle.*.min.js")).name
    for path in [f"/assets/javascripts/{bundle}", "/sw.js"]:
        _, headers, _ = get(nginx_server + path)
        assert headers["Content-Encoding"] == "gzip", path
        assert headers["Content-Type"].startswith("application/javascript"), path
    status, headers, _ = get(nginx_server + "/pagefind/wasm.en.pagefind")
    assert status == 200 and headers["Content-Type"] == "application/octet-stream" and "Content-Encoding" not in headers
    _, headers, _ = get(nginx_server + "/pagefind/pagefind-entry.json")
    assert headers["Content-Type"].startswith("application/json") and headers["Content-Encoding"] == "gzip"


def test_build_files_are_not_served(nginx_server, real_site):
    assert (real_site / ".csp.nginx").exists() and (real_site / "_headers").exists()
    assert get(nginx_server + "/.csp.nginx")[0] == 404
    assert get(nginx_server + "/_headers")[0] == 404


def test_a_reader_searches_and_computes_through_nginx(phone, nginx_server):
    console = watch(phone)
    response = phone.goto(nginx_server + "/topics/")
    assert response.status == 200 and response.headers["content-security-policy"].endswith("frame-ancestors 'none'")
    links = search(phone, "工伤")
    assert any("/topics/work-injury/" in link for link in links), links
    found = phone.evaluate("window.__cspViolations")
    phone.goto(nginx_server + "/en/tools/severance/")
    fill(phone, {"start": "2019-09-10", "end": "2024-09-09", "monthlyWage": "9000", "unlawful": True})
    assert phone.locator("[data-answer]").inner_text() != ""
    assert "Labour Contract Law, Art. 47" in phone.locator("[data-steps]").inner_text()
    found += phone.evaluate("window.__cspViolations")
    phone.goto(nginx_server + "/en/")
    assert any("/en/topics/unpaid-wages/" in link for link in search(phone, "unpaid wages"))
    # The service worker runs under the header policy too, and keeps the page.
    worker_ready(phone)
    assert found + violations(phone, console) == []
