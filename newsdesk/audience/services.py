"""Writes of view counts.

An increment is three upserts in one transaction: the lifetime total, the hour's
bucket and the day's bucket. `INSERT … ON CONFLICT DO UPDATE SET views = views + n`
is atomic on SQLite and PostgreSQL alike, so concurrent requests never lose or
double an increment and never race to create the first row.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import connection, models, transaction
from django.utils import timezone

from newsdesk.audience.models import ViewDay, ViewHour, ViewTotal


def hour_of(at: datetime) -> datetime:
    return at.astimezone(ZoneInfo("UTC")).replace(minute=0, second=0, microsecond=0)


def _hour_param(hour: datetime) -> str | None:
    # Raw SQL gets values as the ORM would store them (SQLite keeps naive UTC text).
    return connection.ops.adapt_datetimefield_value(hour)


def _day_param(day: date) -> str | None:
    return connection.ops.adapt_datefield_value(day)


def _upsert_sql(model: type[models.Model], key_columns: list[str]) -> str:
    table = connection.ops.quote_name(model._meta.db_table)
    columns = [*key_columns, "views"]
    placeholders = ", ".join(["%s"] * len(columns))
    conflict = ", ".join(key_columns)
    # Table and column names come from our models, never from input.
    insert = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders}) "  # noqa: S608
    return insert + f"ON CONFLICT ({conflict}) DO UPDATE SET views = {table}.views + excluded.views"


# No savepoint when called inside the beacon's transaction: two statements fewer per view.
@transaction.atomic(savepoint=False)
def views_add(*, article_id: int, views: int = 1, at: datetime | None = None, zone: ZoneInfo) -> int:
    """Add `views` to an article at time `at` (now) and return its new lifetime total.

    `zone` is the agency's time zone, which decides the day a view belongs to.
    """
    at = at or timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(_upsert_sql(ViewHour, ["article_id", "hour"]), [article_id, _hour_param(hour_of(at)), views])
        cursor.execute(
            _upsert_sql(ViewDay, ["article_id", "day"]), [article_id, _day_param(at.astimezone(zone).date()), views]
        )
        cursor.execute(_upsert_sql(ViewTotal, ["article_id"]) + " RETURNING views", [article_id, views])
        return cursor.fetchone()[0]


@dataclass(frozen=True)
class HourlyViews:
    hour: datetime
    views: int


@transaction.atomic
def views_import_history(*, article_id: int, hours: Iterable[HourlyViews], zone: ZoneInfo) -> int:
    """Store a known history of views for an article (the demo edition, an import).

    Adds to whatever the article already has; returns the views added.
    """
    hourly: dict[datetime, int] = {}
    daily: dict[date, int] = {}
    for item in hours:
        if item.views <= 0:
            continue
        hour = hour_of(item.hour)
        hourly[hour] = hourly.get(hour, 0) + item.views
        day = hour.astimezone(zone).date()
        daily[day] = daily.get(day, 0) + item.views
    added = sum(hourly.values())
    if not added:
        return 0
    with connection.cursor() as cursor:
        cursor.executemany(
            _upsert_sql(ViewHour, ["article_id", "hour"]), [[article_id, _hour_param(h), v] for h, v in hourly.items()]
        )
        cursor.executemany(
            _upsert_sql(ViewDay, ["article_id", "day"]), [[article_id, _day_param(d), v] for d, v in daily.items()]
        )
        cursor.execute(_upsert_sql(ViewTotal, ["article_id"]), [article_id, added])
    return added


@transaction.atomic
def views_import_daily(*, article_id: int, days: dict[date, int]) -> int:
    """Store a daily-only history (old articles whose hourly rows are long pruned)."""
    days = {day: views for day, views in days.items() if views > 0}
    added = sum(days.values())
    if not added:
        return 0
    with connection.cursor() as cursor:
        cursor.executemany(
            _upsert_sql(ViewDay, ["article_id", "day"]), [[article_id, _day_param(d), v] for d, v in days.items()]
        )
        cursor.execute(_upsert_sql(ViewTotal, ["article_id"]), [article_id, added])
    return added


# Hourly rows feed the rankings (30 days at most) and the first two days of each
# article's chart; older ones are summed up in the daily rows already.
HOURLY_RETENTION = timedelta(days=35)
FIRST_HOURS_KEPT = timedelta(hours=48)


def views_prune_hours(*, now: datetime | None = None) -> int:
    """Delete hourly rows no ranking or chart needs any more."""
    from django.db.models import DateTimeField as DateTimeOutput
    from django.db.models import ExpressionWrapper, F

    now = now or timezone.now()
    first_hours_end = ExpressionWrapper(F("article__published_at") + FIRST_HOURS_KEPT, output_field=DateTimeOutput())
    old = ViewHour.objects.filter(hour__lt=now - HOURLY_RETENTION).alias(first_hours_end=first_hours_end)
    deleted, _ = old.filter(hour__gte=F("first_hours_end")).delete()
    return deleted
