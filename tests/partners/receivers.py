"""Servers the tests start on 127.0.0.1 to stand for the outside: a partner's webhook
receiver and Telegram's Bot API. They record what they receive; nothing leaves the machine."""

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> dict:
        return json.loads(self.body)


@dataclass
class LocalServer:
    """Answers each POST with `answer(received)` -> (status, body); records every one."""

    answer: Callable[[Received], tuple[int, bytes]] = lambda received: (200, b"{}")
    delay: float = 0.0
    received: list[Received] = field(default_factory=list)

    def start(self) -> "LocalServer":
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                got = Received(self.path, {k.lower(): v for k, v in self.headers.items()}, self.rfile.read(length))
                server.received.append(got)
                if server.delay:
                    time.sleep(server.delay)
                status, body = server.answer(got)
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        threading.Thread(target=self._httpd.serve_forever, daemon=True).start()
        return self

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


class FakeBotApi(LocalServer):
    """Telegram's Bot API as far as Newsdesk uses it: each call recorded, messages numbered."""

    def __init__(self) -> None:
        super().__init__(answer=self._bot_answer)
        self.next_message = 100
        self.failing = False

    def _bot_answer(self, received: Received) -> tuple[int, bytes]:
        if self.failing:
            return 502, b'{"ok": false, "description": "Bad Gateway"}'
        self.next_message += 1
        result = {"message_id": self.next_message} if received.path.endswith(("sendPhoto", "sendMessage")) else True
        return 200, json.dumps({"ok": True, "result": result}).encode()

    def calls(self) -> list[tuple[str, dict]]:
        return [(r.path.rsplit("/", 1)[-1], r.json()) for r in self.received]
