"""Finding 11: a flood of sign-ins cannot keep every worker hashing passwords."""

import subprocess
import sys

import pytest

from newsdesk.accounts.hashing import _slot_paths, hashing_slot
from tests.accounts.conftest import sign_in

HOLD = """
import fcntl, os, sys
fds = [os.open(path, os.O_RDWR | os.O_CREAT, 0o600) for path in sys.argv[1:]]
for fd in fds:
    fcntl.flock(fd, fcntl.LOCK_EX)
print("held", flush=True)
sys.stdin.read()
"""


@pytest.fixture
def another_worker_hashing():
    """Another process on this machine holding hashing slots, as a worker busy hashing would."""
    holders = []

    def hold(count: int) -> None:
        paths = [str(path) for path in _slot_paths()[:count]]
        _slot_paths()[0].parent.mkdir(parents=True, exist_ok=True)
        holder = subprocess.Popen(
            [sys.executable, "-c", HOLD, *paths], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        assert holder.stdout.readline().strip() == "held"
        holders.append(holder)

    yield hold
    for holder in holders:
        holder.stdin.close()
        holder.wait(timeout=10)


def test_with_every_slot_taken_an_attempt_is_refused_at_once_without_hashing(
    client, editor, hashes, settings, another_worker_hashing
):
    settings.STAFF_SIGNIN = {**settings.STAFF_SIGNIN, "HASHING_SLOTS": 2}
    another_worker_hashing(2)
    response = sign_in(client, "editor")
    assert response.status_code == 429
    assert "busy signing people in" in response.content.decode()
    assert hashes() == 0 and not response.wsgi_request.user.is_authenticated


def test_a_free_slot_lets_the_attempt_through(client, editor, hashes, settings, another_worker_hashing):
    settings.STAFF_SIGNIN = {**settings.STAFF_SIGNIN, "HASHING_SLOTS": 2}
    another_worker_hashing(1)
    assert sign_in(client, "editor").status_code == 302
    assert hashes() == 1


def test_a_slot_is_free_again_once_its_holder_is_done(settings):
    settings.STAFF_SIGNIN = {**settings.STAFF_SIGNIN, "HASHING_SLOTS": 1}
    with hashing_slot() as first, hashing_slot() as second:
        assert first and not second  # threads of one process count as well
    with hashing_slot() as again:
        assert again


def test_a_refusal_for_being_busy_is_not_counted_as_a_failure(client, editor, settings, another_worker_hashing):
    from newsdesk.accounts.models import SignInAttempt

    settings.STAFF_SIGNIN = {**settings.STAFF_SIGNIN, "HASHING_SLOTS": 1}
    another_worker_hashing(1)
    for _ in range(10):
        assert sign_in(client, "editor", "wrong").status_code == 429
    assert not SignInAttempt.objects.exists()
