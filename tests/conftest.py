import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "example"


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="rewrite the files under tests/golden/")


@pytest.fixture
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")


@pytest.fixture
def content_dir(tmp_path) -> Path:
    """A throwaway copy of the fake example content (guides_src/ only)."""
    shutil.copytree(FIXTURE / "guides_src", tmp_path / "guides_src")
    return tmp_path / "guides_src"


def problems_after(content_dir: Path, old: str, new: str, file: str, today) -> list[str]:
    """Replace `old` by `new` in one content file and return every problem the check then reports."""
    from generator.validate import check_content

    path = content_dir / file
    text = path.read_text("utf-8-sig")
    assert old in text, f"{old!r} not in {file}"
    path.write_text(text.replace(old, new, 1), "utf-8")
    content, problems = check_content(content_dir, today=today)
    assert content is None
    return [str(p) for p in problems]


def copy_example(project: Path) -> Path:
    """The fake example content with the real mkdocs.yml and theme overrides, copied into `project`."""
    shutil.copytree(FIXTURE / "guides_src", project / "guides_src")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", project / "overrides")
    return project


@pytest.fixture
def example_project(tmp_path) -> Path:
    """A throwaway project: the fake example content with the real mkdocs.yml and theme overrides."""
    return copy_example(tmp_path)


@pytest.fixture(scope="session")
def built_example(tmp_path_factory) -> Path:
    """The fake example project built once by the real command; tests that change it copy it first."""
    import subprocess
    import sys

    project = copy_example(tmp_path_factory.mktemp("built"))
    completed = subprocess.run([sys.executable, "-m", "generator", "--root", str(project), "build"],
                               capture_output=True, text=True, cwd=ROOT)
    assert completed.returncode == 0, completed.stderr
    return project


def serve(folder: Path):
    """A local web server for a built site; returns (server, base URL). Call server.shutdown() after."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture(scope="session")
def example_server(built_example):
    server, base = serve(built_example / "site")
    yield base
    server.shutdown()


@pytest.fixture(scope="session")
def real_site() -> Path:
    """The real site, built once per test session by the real build command."""
    from generator.build import Project, build

    result = build(Project(ROOT))
    assert not result.problems, "\n".join(str(p) for p in result.problems)
    return ROOT / "site"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def site_server(real_site):
    """Serve the built site on localhost, as a reader's browser would see it."""
    server, base = serve(real_site)
    yield base
    server.shutdown()


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium through Playwright. Skipped only outside CI; CI sets PORTAL_REQUIRE_BROWSER=1."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("PORTAL_REQUIRE_BROWSER"):
            pytest.fail(f"{CHROMIUM} is missing; .ci/run installs it")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def phone(browser):
    """A phone-sized page (390×844) that fails the test on any request leaving localhost."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True,
                                  has_touch=True)
    page = context.new_page()
    outside: list[str] = []

    def guard(route):
        url = route.request.url
        if url.startswith(("http://127.0.0.1", "data:", "blob:")):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    page.route("**/*", guard)
    yield page
    context.close()
    assert not outside, f"requests left the site: {outside}"


def pytest_terminal_summary(terminalreporter):
    from tests.test_search import HIT_RATES

    for lang, rate in sorted(HIT_RATES.items()):
        terminalreporter.write_line(f"search hit rate ({lang}): {rate}")


NGINX = "/usr/sbin/nginx"
DEPLOY_ROOT = "/var/www/workers-legal-help/site"


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def nginx_config(site: Path, port: int, work: Path) -> Path:
    """deploy/nginx.conf as a deployer installs it, with the site's folder and a loopback port put in, inside
    a main configuration that keeps nginx in the foreground with its pid, logs and temporary files in `work`."""
    import os

    server = (ROOT / "deploy" / "nginx.conf").read_text("utf-8")
    assert server.count(DEPLOY_ROOT) == 2, "root and the policy include"
    assert "    listen 80;\n    listen [::]:80;\n" in server
    server = server.replace(DEPLOY_ROOT, str(site)).replace(
        "    listen 80;\n    listen [::]:80;\n", f"    listen 127.0.0.1:{port};\n")
    (work / "site.conf").write_text(server, "utf-8")
    temp = "\n".join(f"    {kind}_temp_path {work / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi",
                                                                         "scgi"))
    main = work / "nginx.conf"
    main.write_text(f"""daemon off;
{"user root;" if os.geteuid() == 0 else ""}
worker_processes 1;
pid {work / "nginx.pid"};
error_log {work / "error.log"} warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
{temp}
    include {work / "site.conf"};
}}
""", "utf-8")
    return main


@pytest.fixture(scope="session")
def nginx_server(real_site, tmp_path_factory):
    """The real site behind a real nginx with deploy/nginx.conf. Skipped only outside CI, like `browser`."""
    import socket
    import subprocess
    import time

    if not Path(NGINX).exists():
        if os.environ.get("PORTAL_REQUIRE_BROWSER"):
            pytest.fail(f"{NGINX} is missing; .ci/run installs it")
        pytest.skip(f"{NGINX} is not installed (apt-get install nginx)")
    work = tmp_path_factory.mktemp("nginx")
    port = free_port()
    config = nginx_config(real_site, port, work)
    checked = subprocess.run([NGINX, "-t", "-p", str(work), "-e", str(work / "error.log"), "-c", str(config)],
                             capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    process = subprocess.Popen([NGINX, "-p", str(work), "-e", str(work / "error.log"), "-c", str(config)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail("nginx did not start: " + (process.stderr.read() or (work / "error.log").read_text()))
            time.sleep(0.1)
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)
