"""A cap on the passwords hashed at once on one machine, across all its app server workers.

A password hash is made slow on purpose (a third of a second of one core); a flood of
sign-in attempts that each reach it would leave no worker free for readers. Each attempt
that passed the throttle takes one of HASHING_SLOTS lock files (flock, released by the
kernel when the holder ends or dies); when all are taken the attempt is refused at once,
without hashing and without waiting, so it never ties up a worker.
"""

import fcntl
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings

from newsdesk.lib.logs import NowAndThen

log = NowAndThen(logging.getLogger(__name__), seconds=60)


def _slot_paths() -> list[Path]:
    directory = Path(settings.STAFF_SIGNIN["LOCK_DIR"])
    return [directory / f"signin-hashing-{n}.lock" for n in range(max(1, settings.STAFF_SIGNIN["HASHING_SLOTS"]))]


@contextmanager
def hashing_slot() -> Iterator[bool]:
    """Hold a free hashing slot while inside; yields False (hold nothing) when none is free."""
    paths = _slot_paths()
    try:
        paths[0].parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        log.warning("Sign-in hashing slots unavailable (%s): hashing without a cap", error)
        yield True
        return
    for path in paths:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as error:
            log.warning("Sign-in hashing slot %s unavailable (%s): hashing without a cap", path, error)
            yield True
            return
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            continue
        try:
            yield True
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)
        return
    yield False
