"""The audience's periodic jobs, run by `manage.py worker` (lib/periodic.py).

Nothing depends on them for correctness: without the worker, pages compute the rankings
themselves and counts wait in Redis (or go straight to the database).
"""

import logging

import redis
from django.utils import timezone

from newsdesk.audience import identity, redis_counter
from newsdesk.audience.database_counter import recent_views_forget
from newsdesk.audience.rankings import rankings_compute
from newsdesk.audience.services import views_prune_hours
from newsdesk.lib.logs import NowAndThen
from newsdesk.lib.periodic import periodic
from newsdesk.siteconfig.selectors import site_settings

log = logging.getLogger("newsdesk.worker")
redis_down = NowAndThen(log)


@periodic(every=2)
def counts_flush() -> None:
    """Views waiting in Redis to the database (those Redis did not answer sent again first)."""
    if not redis_counter.enabled():
        return
    try:
        settled, written = redis_counter.counts_to_database(zone=site_settings().zone, now=timezone.now())
    except redis.RedisError as error:
        redis_down.warning("Redis unavailable, counts wait: %s", error)
        return
    if settled:
        log.info("sent %d unanswered views to Redis again", settled)
    if written:
        log.info("flushed %d views from Redis", written)


@periodic(every=60)
def rankings_recompute() -> None:
    rows = rankings_compute()
    log.info("rankings recomputed (%d entries)", rows)


@periodic(every=600)
def audience_tidy() -> None:
    now = timezone.now()
    marks = recent_views_forget(now=now)
    salts = identity.salts_forget(today=now.date())
    hours = views_prune_hours(now=now)
    flushes = redis_counter.flushes_forget(now=now)
    log.info("tidied: %d reader marks, %d old salts, %d hourly rows, %d flush ids", marks, salts, hours, flushes)
