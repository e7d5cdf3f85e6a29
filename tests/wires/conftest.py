import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from newsdesk.content.models import Source
from newsdesk.wires.models import WireFeed, WireSource

Route = Callable[[BaseHTTPRequestHandler], None]


def rss(*items: tuple[str, str, str], title: str = "Ministry of Foreign Affairs") -> bytes:
    """An RSS 2.0 feed of (guid, title, text) items."""
    entries = "".join(
        f"<item><guid>{guid}</guid><title>{head}</title><description>{text}</description>"
        f"<pubDate>Sat, 01 Mar 2025 10:00:00 +0000</pubDate></item>"
        for guid, head, text in items
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}</title>'
        f"<link>https://mfa.example.kz/</link><language>en</language>{entries}</channel></rss>"
    ).encode()


class FeedServer:
    """A local feed server: each test says what a path answers; it counts the requests."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                server.requests.append((self.path, dict(self.headers.items())))
                route = server.routes.get(self.path)
                if route is None:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                route(self)

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        threading.Thread(target=self._httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def serve(self, path: str, body: bytes, *, content_type: str = "application/rss+xml", etag: str = "") -> None:
        def answer(handler: BaseHTTPRequestHandler) -> None:
            if etag and handler.headers.get("If-None-Match") == etag:
                handler.send_response(304)
                handler.send_header("ETag", etag)
                handler.end_headers()
                return
            handler.send_response(200)
            handler.send_header("Content-Type", content_type)
            handler.send_header("Content-Length", str(len(body)))
            if etag:
                handler.send_header("ETag", etag)
            handler.end_headers()
            handler.wfile.write(body)

        self.routes[path] = answer

    def slow(self, path: str, seconds: float) -> None:
        def answer(handler: BaseHTTPRequestHandler) -> None:
            time.sleep(seconds)
            handler.send_response(200)
            handler.send_header("Content-Length", "0")
            handler.end_headers()

        self.routes[path] = answer


@pytest.fixture
def feed_server(settings) -> Iterator[FeedServer]:
    settings.WIRES = settings.WIRES | {"ALLOW_PRIVATE": True, "TIMEOUT": 2.0}
    server = FeedServer()
    yield server
    server.close()


@pytest.fixture
def mfa(db) -> Source:
    return Source.objects.create(name_en="Ministry of Foreign Affairs of the Republic of Kazakhstan")


@pytest.fixture
def make_wire(mfa, feed_server):
    def make(name: str = "MFA press releases", *paths: str, **fields) -> WireSource:
        wire = WireSource.objects.create(source=fields.pop("source", mfa), name=name, **fields)
        for path in paths:
            WireFeed.objects.create(wire=wire, url=feed_server.url + path)
        return wire

    return make
