import os
import shutil
import signal
import socket
import subprocess
import time

import pytest
import redis

from newsdesk.audience import redis_counter


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PrivateRedis:
    """A redis-server of our own, with AOF, that tests may stop and restart."""

    def __init__(self, directory):
        self.port = _free_port()
        self.directory = directory
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                shutil.which("redis-server"),
                "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "yes", "--appendfsync", "always", "--dir", str(self.directory),
            ],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        for _ in range(100):
            try:
                redis.Redis(port=self.port).ping()
                return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def kill(self) -> None:
        """As a crash: SIGKILL, no goodbye."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()


@pytest.fixture
def private_redis(tmp_path, settings):
    if shutil.which("redis-server") is None:
        if os.environ.get("NEWSDESK_REQUIRE_REDIS") == "1":
            pytest.fail("NEWSDESK_REQUIRE_REDIS=1 but redis-server is not installed")
        pytest.skip("redis-server is not installed")
    server = PrivateRedis(tmp_path)
    server.start()
    settings.REDIS_URL = server.url
    settings.NEWSDESK = {**settings.NEWSDESK, "COUNT_THROUGH_REDIS": True}
    redis_counter.reset_client()
    yield server
    redis_counter.reset_client()
    if server.process.poll() is None:
        server.process.terminate()
        server.process.wait()
