import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.faults.postgres import SYSTEM_USER, PrivatePostgres, binaries, has_system_user

WORKER = Path(__file__).with_name("worker.py")
ROOT = Path(__file__).resolve().parents[2]


def start_worker(env: dict[str, str], *options: str) -> subprocess.Popen:
    """The worker (`manage.py worker`) on the database `env` names."""
    return subprocess.Popen([sys.executable, str(WORKER), *options], cwd=ROOT, env=env)


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
