"""A local web server for a built site that behaves like a production one: text is sent gzip-compressed, with
Last-Modified and the ten-minute Cache-Control of GitHub Pages.

It counts what it sends (responses and body bytes, as on the wire), so a benchmark can read the transfer of a
page visit from the server side, service-worker fetches included.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import mimetypes
import threading
import time
from pathlib import Path

# What nginx, Apache or a CDN compresses by default or in their usual configuration; images and fonts are
# already compressed, and Pagefind's index files are gzip inside (served as application/octet-stream).
COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "application/manifest+json",
                    "application/xml", "image/svg+xml", "application/wasm")


class Traffic:
    """Responses and body bytes sent since the last reset, and when the last request came in."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        with self.lock:
            self.responses = 0
            self.body_bytes = 0
            self.last_request = time.monotonic()

    def response(self) -> None:
        with self.lock:
            self.responses += 1
            self.last_request = time.monotonic()

    def body(self, size: int) -> None:
        with self.lock:
            self.body_bytes += size

    def wait_quiet(self, seconds: float = 1.0, limit: float = 15.0) -> None:
        """Return once no request has come in for `seconds` (or after `limit` seconds in all)."""
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline and time.monotonic() - self.last_request < seconds:
            time.sleep(0.1)


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    traffic: Traffic

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        path = self._file()
        kind = (mimetypes.guess_type(path.name)[0] or "") if path else ""
        if not kind.startswith(COMPRESSED_TYPES) or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().do_GET()  # directories without a slash, 404s, images, fonts
        modified = self.date_time_string(int(path.stat().st_mtime))
        if self.headers.get("If-Modified-Since") == modified:
            self.send_response(304)
            self.end_headers()
            return
        body = _compressed(path, path.stat().st_mtime_ns)
        self.send_response(200)
        self.send_header("Last-Modified", modified)
        self.send_header("Content-Type", kind + ("; charset=utf-8" if kind.startswith("text/") else ""))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def end_headers(self) -> None:
        # GitHub Pages' caching: a copy is fresh for ten minutes, so a service worker's install reuses what the
        # page has just loaded, whatever the age of the files.
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def log_request(self, code="-", size="-") -> None:
        self.traffic.response()

    def send_header(self, keyword: str, value: str) -> None:
        if keyword == "Content-Length":
            self.traffic.body(int(value))
        super().send_header(keyword, value)

    def _file(self) -> Path | None:
        """The file a GET for this path sends, or None when the parent class must answer (404, redirect)."""
        url_path = self.path.split("?", 1)[0].split("#", 1)[0]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html" if url_path.endswith("/") else None
        return path if path is not None and path.is_file() else None


@functools.lru_cache(maxsize=4096)
def _compressed(path: Path, mtime_ns: int) -> bytes:
    return gzip.compress(path.read_bytes(), 6, mtime=0)


class SiteServer:
    """Serve `folder` on 127.0.0.1 (a free port) in a background thread; use as a context manager."""

    def __init__(self, folder: Path) -> None:
        self.traffic = Traffic()
        handler = type("Handler", (GzipHandler,), {"traffic": self.traffic})
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                                     functools.partial(handler, directory=str(folder)))
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def __enter__(self) -> SiteServer:
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
