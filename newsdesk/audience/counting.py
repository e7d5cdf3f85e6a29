"""Counting a view, honestly: once per reader per article per 30 minutes, within a rate cap
per reader and caps per address and per network (`CAPS`).

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
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from newsdesk.audience.identity import Reader, dedupe_window
from newsdesk.audience.models import CapCount, RecentView, ViewTotal
from newsdesk.audience.services import views_add
from newsdesk.lib.logs import NowAndThen
from newsdesk.siteconfig.selectors import site_settings

if TYPE_CHECKING:
    from django.db.backends.utils import CursorWrapper
    from django.db.models import Model

log = NowAndThen(logging.getLogger(__name__))


class Outcome(enum.StrEnum):
    COUNTED = "counted"
    DUPLICATE = "duplicate"
    RATE_LIMITED = "rate_limited"


@dataclass(frozen=True)
class Result:
    outcome: Outcome
    views: int  # the article's total after this view, as every page should show it


class ViewOutcomeUnknown(Exception):
    """The view was sent to Redis and no answer came: Redis may have counted it. It is
    counted once Redis answers again (redis_counter.views_settle), not in the database."""


def rate_limit() -> int:
    """Distinct articles one reader may be counted for per minute; more is a machine."""
    return settings.NEWSDESK["VIEW_RATE_LIMIT"]


@dataclass(frozen=True)
class Cap:
    """At most `limit` views of one article counted from one address or one network in a
    minute or an hour of the clock, whatever user agents it sends (docs/security.md says
    how the defaults were chosen)."""

    scope: str  # "address" or "network"
    seconds: int
    setting: str

    @property
    def limit(self) -> int:
        return settings.NEWSDESK[self.setting]


CAPS = (
    Cap("address", 60, "VIEW_ADDRESS_PER_MINUTE"),
    Cap("address", 3600, "VIEW_ADDRESS_PER_HOUR"),
    Cap("network", 60, "VIEW_NETWORK_PER_MINUTE"),
    Cap("network", 3600, "VIEW_NETWORK_PER_HOUR"),
)


@dataclass(frozen=True)
class CapCounter:
    key: str
    limit: int
    keep_seconds: int  # the window, and as long again for a clock that is a little off


def cap_counters(*, reader: Reader, article_id: int, at: datetime) -> list[CapCounter]:
    """The counters a view of `article_id` by `reader` at `at` adds to, one per cap in force."""
    moment = int(at.timestamp())
    counters = []
    for cap in CAPS:
        who = reader.address if cap.scope == "address" else reader.network
        if who is None or cap.limit <= 0:
            continue
        key = f"{cap.scope[0]}{cap.seconds}:{who}:{article_id}:{moment // cap.seconds}"
        counters.append(CapCounter(key, cap.limit, 2 * cap.seconds))
    return counters


def count_view(*, article_id: int, reader: Reader, at: datetime | None = None) -> Result:
    """Count one view of `article_id` by `reader`, or say why not.

    Redis down: the database counts the view. Redis silent with the view sent:
    ViewOutcomeUnknown, and the worker settles it in Redis (redis_counter.views_settle)."""
    from newsdesk.audience import redis_counter  # it builds on this module: imported when first used

    at = at or timezone.now()
    if redis_counter.enabled():
        try:
            return redis_counter.count_view(article_id=article_id, reader=reader, at=at)
        except redis_counter.RedisUnavailable:
            log.warning("Redis is unavailable: counting views in the database")
    return database_count_view(article_id=article_id, reader=reader, at=at)


def counts_for(article_ids: set[int]) -> dict[int, int]:
    """Lifetime counts of several articles, read at one moment, for one page."""
    from newsdesk.audience import redis_counter  # it builds on this module: imported when first used

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


def _column(model: "type[Model]", field: str) -> str:
    """A column's quoted name, from the model: a misspelt field fails on every database
    (SQLite, unlike PostgreSQL, would take a quoted "KEY" for key)."""
    # A concrete field of our own model, so it has a column (to the stubs, maybe a relation).
    return connection.ops.quote_name(model._meta.get_field(field).column)  # type: ignore[union-attr, arg-type]


def database_count_view(*, article_id: int, reader: Reader, at: datetime) -> Result:
    """Plain SQL in one short write transaction: the beacon is the site's busiest request.

    The checks that only read (rate cap, yesterday's mark) run before the transaction, so
    the write lock, which SQLite gives one process at a time, is held for four statements.
    """
    marks = connection.ops.quote_name(RecentView._meta.db_table)
    key = _column(RecentView, "key")
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
    try:
        return _database_mark_and_count(article_id=article_id, reader=reader, at=at, cutoff=cutoff)
    except _OverACap:
        # Rolled back, the reader's mark included: they may be counted once under the cap.
        with connection.cursor() as cursor:
            return Result(Outcome.RATE_LIMITED, _database_total(cursor, article_id))


class _OverACap(Exception):
    pass


def _database_mark_and_count(*, article_id: int, reader: Reader, at: datetime, cutoff: datetime) -> Result:
    marks = connection.ops.quote_name(RecentView._meta.db_table)
    key = _column(RecentView, "key")
    when = connection.ops.adapt_datetimefield_value
    # One transaction: a mark is never kept for a view that a cap then refused (_OverACap).
    with transaction.atomic():
        with connection.cursor() as cursor:
            # Insert the reader's mark, or refresh one older than the window; a recent mark wins.
            cursor.execute(
                f"INSERT INTO {marks} ({key}, seen_at) VALUES (%s, %s) "  # noqa: S608
                f"ON CONFLICT ({key}) DO UPDATE SET seen_at = excluded.seen_at WHERE {marks}.seen_at < %s",
                [f"{reader.today}:{article_id}", when(at), when(cutoff)],
            )
            if cursor.rowcount != 1:
                return Result(Outcome.DUPLICATE, _database_total(cursor, article_id))
            counters = cap_counters(reader=reader, article_id=article_id, at=at)
            if counters and _database_over_a_cap(cursor, counters, at):
                raise _OverACap
        return Result(Outcome.COUNTED, views_add(article_id=article_id, at=at, zone=site_settings().zone))


def _database_over_a_cap(cursor: "CursorWrapper", counters: list[CapCounter], at: datetime) -> bool:
    """Add this view to its cap counters (one statement); True if one is now past its cap."""
    table = connection.ops.quote_name(CapCount._meta.db_table)
    key = _column(CapCount, "key")
    when = connection.ops.adapt_datetimefield_value
    rows = ", ".join(["(%s, 1, %s)"] * len(counters))
    params = [value for c in counters for value in (c.key, when(at + timedelta(seconds=c.keep_seconds)))]
    cursor.execute(
        f"INSERT INTO {table} ({key}, views, expires_at) VALUES {rows} "  # noqa: S608
        f"ON CONFLICT ({key}) DO UPDATE SET views = {table}.views + 1 RETURNING {key}, views",
        params,
    )
    views = dict(cursor.fetchall())
    return any(views[c.key] > c.limit for c in counters)


def _database_total(cursor: "CursorWrapper", article_id: int) -> int:
    table = connection.ops.quote_name(ViewTotal._meta.db_table)
    cursor.execute(f"SELECT views FROM {table} WHERE article_id = %s", [article_id])  # noqa: S608
    row = cursor.fetchone()
    return row[0] if row else 0


def recent_views_forget(*, now: datetime | None = None) -> int:
    """Delete readers' marks older than the dedupe window, and finished cap counters
    (the worker calls this)."""
    now = now or timezone.now()
    deleted, _ = RecentView.objects.filter(seen_at__lt=now - dedupe_window()).delete()
    caps, _ = CapCount.objects.filter(expires_at__lt=now).delete()
    return deleted + caps
