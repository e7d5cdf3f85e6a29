"""The long-running worker: flushes counts from Redis, recomputes Most viewed, tidies up.

    python manage.py worker          # runs until stopped (Ctrl-C or SIGTERM)
    python manage.py worker --once   # each job once, then exits

Nothing depends on it for correctness: without it, pages compute the rankings
themselves and counts wait in Redis (or go straight to the database).
"""

import logging
import signal
import time

import redis
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.utils import timezone

from newsdesk.accounts.services import attempts_forget
from newsdesk.audience import identity, redis_counter
from newsdesk.audience.counting import recent_views_forget
from newsdesk.audience.rankings import rankings_compute
from newsdesk.audience.services import views_prune_hours
from newsdesk.lib.logs import NowAndThen
from newsdesk.siteconfig.selectors import site_settings

log = logging.getLogger("newsdesk.worker")
redis_down = NowAndThen(log)

FLUSH_EVERY = 2
RANKINGS_EVERY = 60
TIDY_EVERY = 600


def flush_counts() -> None:
    if redis_counter.enabled():
        try:
            settled, written = redis_counter.counts_to_database(zone=site_settings().zone, now=timezone.now())
        except redis.RedisError as error:
            redis_down.warning("Redis unavailable, counts wait: %s", error)
            return
        if settled:
            log.info("sent %d unanswered views to Redis again", settled)
        if written:
            log.info("flushed %d views from Redis", written)


def recompute_rankings() -> None:
    rows = rankings_compute()
    log.info("rankings recomputed (%d entries)", rows)


def tidy() -> None:
    now = timezone.now()
    marks = recent_views_forget(now=now)
    salts = identity.salts_forget(today=now.date())
    hours = views_prune_hours(now=now)
    flushes = redis_counter.flushes_forget(now=now)
    signins = attempts_forget(now=now, keep_days=settings.STAFF_SIGNIN["KEEP_DAYS"])
    log.info(
        "tidied: %d reader marks, %d old salts, %d hourly rows, %d flush ids, %d sign-in log rows",
        marks, salts, hours, flushes, signins,
    )  # fmt: skip


JOBS = [(flush_counts, FLUSH_EVERY), (recompute_rankings, RANKINGS_EVERY), (tidy, TIDY_EVERY)]


class Command(BaseCommand):
    help = "Run the periodic jobs: flush view counts, recompute Most viewed, tidy up."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--once", action="store_true", help="Run each job once and exit.")

    def handle(self, *args, once: bool, **options) -> None:
        if once:
            for job, _every in JOBS:
                job()
            return
        stopping = []
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: stopping.append(True))
        last_run = {job: 0.0 for job, _every in JOBS}
        log.info("worker started")
        while not stopping:
            for job, every in JOBS:
                if time.monotonic() - last_run[job] >= every and not stopping:
                    close_old_connections()
                    try:
                        job()
                    except Exception:
                        # One failing job must not stop the others; the log says why.
                        log.exception("worker job %s failed", job.__name__)
                    last_run[job] = time.monotonic()
            time.sleep(0.5)
        log.info("worker stopped")
