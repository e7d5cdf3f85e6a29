"""The production app server (granian, as `make serve` starts it) on the test database."""

import os
import subprocess
import time
import urllib.request
from pathlib import Path

from django.db import connection

from newsdesk.public.management.commands.serve import app_server_command

ROOT = Path(__file__).resolve().parents[2]


def server_env(**overrides: str) -> dict[str, str]:
    """The environment of an app server that serves this test's database."""
    return {
        **os.environ,
        "TEST_DATABASE_NAME": str(connection.settings_dict["NAME"]),
        "ALLOWED_HOSTS": "127.0.0.1",
        **overrides,
    }


def start_app_server(port: int, env: dict[str, str], *, workers: int = 1) -> subprocess.Popen:
    command = app_server_command(
        bind=f"127.0.0.1:{port}", workers=workers, application="tests.public.twoservers_wsgi:application"
    )
    server = subprocess.Popen([*command, "--no-access-log"], cwd=ROOT, env=env)
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise RuntimeError("the app server did not start")


def stop(server: subprocess.Popen) -> None:
    server.terminate()
    server.wait()
