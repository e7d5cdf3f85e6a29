"""Fetching from other servers against a local one: conditional answers, redirects checked
at every hop, answers capped in size and in time."""

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from newsdesk.lib.outbound import Refused, Rules, fetch, url_problem

LOCAL = Rules(https_only=False, allow_private=True, timeout=2.0)


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def _send(self, status: int, body: bytes = b"", **headers: str) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        if "Content_Length" not in headers:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        path = self.path
        if path == "/feed":
            if self.headers.get("If-None-Match") == '"v1"':
                self._send(304, ETag='"v1"')
            else:
                self._send(200, b"<rss/>", ETag='"v1"', Content_Type="application/rss+xml")
        elif path.startswith("/hop/"):
            left = int(path.removeprefix("/hop/"))
            self._send(302, Location="/feed" if left == 0 else f"/hop/{left - 1}")
        elif path == "/to-file":
            self._send(302, Location="file:///etc/passwd")
        elif path == "/to-metadata":
            self._send(302, Location="http://user:secret@169.254.169.254/latest/meta-data/")
        elif path == "/huge-declared":
            self._send(200, b"x", Content_Length=str(50_000_000))
        elif path == "/huge-undeclared":
            self.send_response(200)
            self.end_headers()
            self.close_connection = True
            for _ in range(40):
                self.wfile.write(b"x" * 65_536)
        elif path == "/drip":
            self.send_response(200)
            self.send_header("Content-Length", "100")
            self.end_headers()
            for _ in range(100):
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.05)
        else:
            self._send(404)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_an_answer_and_its_conditional_repeat(server):
    first = fetch(f"{server}/feed", headers={}, rules=LOCAL, max_bytes=1000)
    assert (first.status, first.body, first.headers["etag"]) == (200, b"<rss/>", '"v1"')
    again = fetch(f"{server}/feed", headers={"If-None-Match": '"v1"'}, rules=LOCAL, max_bytes=1000)
    assert (again.status, again.body) == (304, b"")


def test_three_redirects_are_followed_and_a_fourth_is_refused(server):
    followed = fetch(f"{server}/hop/2", headers={}, rules=LOCAL, max_bytes=1000)
    assert followed.status == 200 and followed.url == f"{server}/feed"
    with pytest.raises(Refused, match="more than 3 redirects"):
        fetch(f"{server}/hop/3", headers={}, rules=LOCAL, max_bytes=1000)


@pytest.mark.parametrize(("path", "why"), [("/to-file", "http"), ("/to-metadata", "user name or password")])
def test_a_redirect_is_checked_as_the_first_address(server, path, why):
    with pytest.raises(Refused, match=why):
        fetch(f"{server}{path}", headers={}, rules=LOCAL, max_bytes=1000)


@pytest.mark.parametrize("path", ["/huge-declared", "/huge-undeclared"])
def test_an_answer_over_the_cap_is_refused_without_reading_it_all(server, path):
    with pytest.raises(Refused, match="allowed"):
        fetch(f"{server}{path}", headers={}, rules=LOCAL, max_bytes=1_000_000)


def test_a_server_dripping_its_answer_is_cut_off_at_the_timeout(server):
    started = time.monotonic()
    with pytest.raises(Refused, match="took more than"):
        fetch(
            f"{server}/drip", headers={}, rules=Rules(https_only=False, allow_private=True, timeout=1.0), max_bytes=1000
        )
    assert time.monotonic() - started < 2.5


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1/", "http://10.0.0.8/feed", "http://169.254.169.254/", "http://[::1]/", "http://localhost/"],
)
def test_private_addresses_are_refused_unless_allowed(url):
    public_only = Rules(https_only=False, allow_private=False, timeout=1.0)
    with pytest.raises(Refused, match="public"):
        fetch(url, headers={}, rules=public_only, max_bytes=1000)
    assert url_problem("ftp://example.com/feed", public_only) == "only http(s) addresses are allowed"
