"""Counting a view, honestly: once per reader per article per 30 minutes, within a rate cap.

Two back ends with one behaviour:
- the database (the embedded default, and the fallback whenever Redis is down):
  one transaction per view, with the reader's recent views in `RecentView`;
- Redis (with REDIS_URL): one Lua script per view; the worker flushes the counts
  to the database in one transaction per flush (`redis_counter`).
"""

import enum
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from newsdesk.audience.identity import Reader, dedupe_window
from newsdesk.audience.models import RecentView, ViewTotal
from newsdesk.audience.services import views_add
from newsdesk.lib.logs import NowAndThen

log = NowAndThen(logging.getLogger(__name__))


class Outcome(enum.StrEnum):
    COUNTED = "counted"
    DUPLICATE = "duplicate"
    RATE_LIMITED = "rate_limited"


@dataclass(frozen=True)
class Result:
    outcome: Outcome
    views: int  # the article's total after this view, as every page should show it


def rate_limit() -> int:
    """Distinct articles one reader may be counted for per minute; more is a machine."""
    return settings.NEWSDESK["VIEW_RATE_LIMIT"]


def count_view(*, article_id: int, reader: Reader, at: datetime | None = None) -> Result:
    """Count one view of `article_id` by `reader`, or say why not."""
    from newsdesk.audience import redis_counter

    at = at or timezone.now()
    if redis_counter.enabled():
        try:
            return redis_counter.count_view(article_id=article_id, reader=reader, at=at)
        except redis_counter.RedisUnavailable:
            log.warning("Redis is unavailable: counting views in the database")
    return database_count_view(article_id=article_id, reader=reader, at=at)


def counts_for(article_ids: set[int]) -> dict[int, int]:
    """Lifetime counts of several articles, read at one moment, for one page."""
    from newsdesk.audience import redis_counter

    if not article_ids:
        return {}
    if redis_counter.enabled():
        try:
            return redis_counter.counts_for(article_ids)
        except redis_counter.RedisUnavailable:
            log.warning("Redis is unavailable: counts come from the database")
    return database_counts_for(article_ids)


def database_counts_for(article_ids: set[int]) -> dict[int, int]:
    table = connection.ops.quote_name(ViewTotal._meta.db_table)
    ids = [int(article_id) for article_id in article_ids]
    with connection.cursor() as cursor:
        placeholders = ", ".join(["%s"] * len(ids))
        cursor.execute(f"SELECT article_id, views FROM {table} WHERE article_id IN ({placeholders})", ids)  # noqa: S608
        found = dict(cursor.fetchall())
    return {article_id: found.get(article_id, 0) for article_id in ids}


def database_count_view(*, article_id: int, reader: Reader, at: datetime) -> Result:
    """Plain SQL in one short write transaction: the beacon is the site's busiest request.

    The checks that only read (rate cap, yesterday's mark) run before the transaction, so
    the write lock, which SQLite gives one process at a time, is held for four statements.
    """
    marks = connection.ops.quote_name(RecentView._meta.db_table)
    key = connection.ops.quote_name("key")
    when = connection.ops.adapt_datetimefield_value
    cutoff = at - dedupe_window()
    with connection.cursor() as cursor:
        # Rate cap: the articles this reader was counted for in the last minute ("<hash>:" keys).
        cursor.execute(
            f"SELECT COUNT(*) FROM {marks} WHERE {key} >= %s AND {key} < %s AND seen_at >= %s",  # noqa: S608
            [f"{reader.today}:", f"{reader.today};", when(at - timedelta(minutes=1))],
        )
        if cursor.fetchone()[0] >= rate_limit():
            return Result(Outcome.RATE_LIMITED, _database_total(cursor, article_id))
        if reader.yesterday:
            cursor.execute(
                f"SELECT 1 FROM {marks} WHERE {key} = %s AND seen_at >= %s",  # noqa: S608
                [f"{reader.yesterday}:{article_id}", when(cutoff)],
            )
            if cursor.fetchone():
                return Result(Outcome.DUPLICATE, _database_total(cursor, article_id))
    return _database_mark_and_count(article_id=article_id, reader=reader, at=at, cutoff=cutoff)


@transaction.atomic
def _database_mark_and_count(*, article_id: int, reader: Reader, at: datetime, cutoff: datetime) -> Result:
    from newsdesk.siteconfig.selectors import site_settings

    marks = connection.ops.quote_name(RecentView._meta.db_table)
    key = connection.ops.quote_name("key")
    when = connection.ops.adapt_datetimefield_value
    with connection.cursor() as cursor:
        # Insert the reader's mark, or refresh one older than the window; a recent mark wins.
        cursor.execute(
            f"INSERT INTO {marks} ({key}, seen_at) VALUES (%s, %s) "  # noqa: S608
            f"ON CONFLICT ({key}) DO UPDATE SET seen_at = excluded.seen_at WHERE {marks}.seen_at < %s",
            [f"{reader.today}:{article_id}", when(at), when(cutoff)],
        )
        if cursor.rowcount != 1:
            return Result(Outcome.DUPLICATE, _database_total(cursor, article_id))
    return Result(Outcome.COUNTED, views_add(article_id=article_id, at=at, zone=site_settings().zone))


def _database_total(cursor, article_id: int) -> int:
    table = connection.ops.quote_name(ViewTotal._meta.db_table)
    cursor.execute(f"SELECT views FROM {table} WHERE article_id = %s", [article_id])  # noqa: S608
    row = cursor.fetchone()
    return row[0] if row else 0


def recent_views_forget(*, now: datetime | None = None) -> int:
    """Delete readers' marks older than the dedupe window (the worker calls this)."""
    now = now or timezone.now()
    deleted, _ = RecentView.objects.filter(seen_at__lt=now - dedupe_window()).delete()
    return deleted
