"""The long-running worker: every app's periodic jobs (lib/periodic.py), each on its own beat.

    python manage.py worker          # runs until stopped (Ctrl-C or SIGTERM)
    python manage.py worker --once   # each job once, then exits

Today: view counts flushed from Redis (2 s), stories that became visible announced (5 s),
Most viewed recomputed (60 s), old reader marks, salts, hourly rows, flush ids and sign-in
log rows tidied (10 min). Nothing depends on it for correctness: without it, pages
compute the rankings themselves, counts wait in Redis (or go straight to the database)
and a scheduled story still appears at its minute.
"""

import logging
import signal
import threading
import time
from collections.abc import Callable
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections, connection

from newsdesk.lib.periodic import Job, registered_jobs

log = logging.getLogger("newsdesk.worker")


def job_run(job: Job) -> None:
    """Run one job; one failing job must not stop the others, and the log says why."""
    close_old_connections()
    try:
        job.run()
    except Exception:
        log.exception("worker job %s failed", job.name)


class Command(BaseCommand):
    help = (
        "Run the periodic jobs: flush view counts, announce stories that became visible, recompute Most viewed, tidy."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Run each job once and exit.")

    def handle(self, *args: Any, once: bool, **options: Any) -> None:
        jobs = registered_jobs()
        if once:
            for job in jobs:
                job.run()
            return
        stopping: list[bool] = []
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: stopping.append(True))
        log.info("worker started: %s", ", ".join(f"{job.name} every {job.every:g} s" for job in jobs))
        threads = [
            threading.Thread(target=beat, args=([job], lambda: bool(stopping)), name=job.name, daemon=True)
            for job in jobs
            if job.alone
        ]
        for thread in threads:
            thread.start()
        beat([job for job in jobs if not job.alone], lambda: bool(stopping))
        for thread in threads:
            thread.join(timeout=30)
        log.info("worker stopped")


def beat(jobs: list[Job], stopped: Callable[[], bool]) -> None:
    """Run `jobs` in turn, each on its own beat, until `stopped()`."""
    last_run = {job.name: 0.0 for job in jobs}
    try:
        while not stopped():
            for job in jobs:
                if time.monotonic() - last_run[job.name] >= job.every and not stopped():
                    job_run(job)
                    last_run[job.name] = time.monotonic()
            time.sleep(0.5)
    finally:
        if threading.current_thread() is not threading.main_thread():
            connection.close()
