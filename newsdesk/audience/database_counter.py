"""The database back end of counting (the embedded default, and the fallback whenever Redis
is down): one short transaction per view, with the reader's recent views in `RecentView`.
"""

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.db import connection, transaction
from django.utils import timezone

from newsdesk.audience.identity import Reader, dedupe_window
from newsdesk.audience.models import CapCount, RecentView, ViewTotal
from newsdesk.audience.services import views_add
from newsdesk.audience.view_rules import CapCounter, Outcome, Result, cap_counters, rate_limit
from newsdesk.siteconfig.selectors import site_settings

if TYPE_CHECKING:
    from django.db.backends.utils import CursorWrapper
    from django.db.models import Model


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
