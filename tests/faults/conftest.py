import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import _free_port
from tests.faults.load import Editor, send
from tests.faults.postgres import SYSTEM_USER, PrivatePostgres, binaries, has_system_user
from tests.faults.site import EDITOR, PASSWORD
from tests.public.appserver import start_app_server, stop

WORKER = Path(__file__).with_name("worker.py")
ROOT = Path(__file__).resolve().parents[2]


def start_worker(env: dict[str, str], *options: str) -> subprocess.Popen:
    """The worker (`manage.py worker`) on the database `env` names."""
    return subprocess.Popen([sys.executable, str(WORKER), *options], cwd=ROOT, env=env)


@dataclass
class Serving:
    ports: list[int]
    worker: subprocess.Popen
    editor: Editor


@contextmanager
def serving(site: dict, env: dict[str, str], *, editor_on: int = 0) -> Iterator[Serving]:
    """Two app servers and the worker on the storage `env` names, the editor signed in on
    server `editor_on` and every page of `site` stored once; all of it stopped afterwards,
    whatever happens in between."""
    ports = [_free_port(), _free_port()]
    servers, worker = [], None
    try:
        servers = [start_app_server(port, env) for port in ports]
        worker = start_worker(env)
        editor = Editor(ports[editor_on], username=EDITOR, password=PASSWORD, draft=site["draft"])
        editor.sign_in()
        for path in site["pages"]:
            assert send(ports[0], "GET", path).status == 200, path  # and stored in Redis
        yield Serving(ports, worker, editor)
    finally:
        for server in servers:
            stop(server)
        if worker is not None and worker.poll() is None:
            worker.kill()


def run_worker_once(env: dict[str, str]) -> None:
    """Each of the worker's jobs once: the last flush of the counts waiting in Redis."""
    subprocess.run([sys.executable, str(WORKER), "--once"], cwd=ROOT, env=env, check=True, timeout=120)


@pytest.fixture
def private_postgres():
    """A PostgreSQL server of the test's own, with an empty database `newsdesk`."""
    bin_dir = binaries()
    missing = None
    if bin_dir is None:
        missing = "PostgreSQL's server binaries (initdb, pg_ctl) are not installed"
    elif os.geteuid() == 0 and not has_system_user():
        missing = f"initdb refuses to run as root, and there is no {SYSTEM_USER} user to run it"
    if missing:
        if os.environ.get("NEWSDESK_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"NEWSDESK_REQUIRE_POSTGRES=1 but {missing}")
        pytest.skip(missing)
    server = PrivatePostgres(bin_dir)
    try:
        server.create()
        yield server
    finally:
        server.remove()
