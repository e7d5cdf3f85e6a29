"""Counting a view, honestly: once per reader per article per 30 minutes, within a rate cap
per reader and caps per address and per network (the rules: `view_rules`).

Two back ends with one behaviour:
- the database (the embedded default, and the fallback whenever Redis is down):
  one transaction per view (`database_counter`);
- Redis (with REDIS_URL): one Lua script per view; the worker flushes the counts
  to the database in one transaction per flush (`redis_counter`).
This module picks the back end.
"""

import logging
from datetime import datetime

from django.utils import timezone

from newsdesk.audience import redis_counter
from newsdesk.audience.database_counter import database_count_view, database_counts_for
from newsdesk.audience.identity import Reader
from newsdesk.audience.view_rules import Result
from newsdesk.lib.logs import NowAndThen

log = NowAndThen(logging.getLogger(__name__))


def count_view(*, article_id: int, reader: Reader, at: datetime | None = None) -> Result:
    """Count one view of `article_id` by `reader`, or say why not.

    Redis down: the database counts the view. Redis silent with the view sent:
    ViewOutcomeUnknown, and the worker settles it in Redis (redis_counter.views_settle)."""
    at = at or timezone.now()
    if redis_counter.enabled():
        try:
            return redis_counter.redis_count_view(article_id=article_id, reader=reader, at=at)
        except redis_counter.RedisUnavailable:
            log.warning("Redis is unavailable: counting views in the database")
    return database_count_view(article_id=article_id, reader=reader, at=at)


def counts_for(article_ids: set[int]) -> dict[int, int]:
    """Lifetime counts of several articles, read at one moment, for one page."""
    if not article_ids:
        return {}
    if redis_counter.enabled():
        try:
            return redis_counter.redis_counts_for(article_ids)
        except redis_counter.RedisUnavailable:
            log.warning("Redis is unavailable: counts come from the database")
    return database_counts_for(article_ids)
