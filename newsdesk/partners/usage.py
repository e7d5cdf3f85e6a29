"""Partners' rate limits and daily use.

With Redis, one pipeline a request counts the minute's requests (INCR, shared by every
app server) and adds to the day's use (HINCRBY), which the worker writes to the database
every minute. Without Redis, the database counts both, one upsert each.
"""

import logging
from datetime import date, datetime, timedelta

import redis
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from newsdesk.audience.redis_counter import client as redis_client
from newsdesk.partners.models import Partner, PartnerMinute, PartnerUsage

log = logging.getLogger("newsdesk.partners")

# A day's use waits in Redis at most this long for the worker to write it down.
USAGE_KEPT_DAYS = 3


class RateLimited(Exception):
    def __init__(self, retry_after: int) -> None:
        super().__init__(retry_after)
        self.retry_after = retry_after


def _key(*parts: object) -> str:
    return ":".join([settings.REDIS_KEY_PREFIX, "api", *map(str, parts)])


def _minute(now: datetime) -> datetime:
    return now.replace(second=0, microsecond=0)


def request_admit(partner: Partner, *, now: datetime) -> None:
    """Count one request of `partner`; RateLimited when it is one too many this minute."""
    minute = _minute(now)
    count = None
    if settings.REDIS_URL:
        key = _key("rate", partner.pk, int(minute.timestamp()))
        try:
            pipe = redis_client().pipeline(transaction=False)
            pipe.incr(key)
            pipe.expire(key, 120)
            count = int(pipe.execute()[0])
        except redis.RedisError:
            log.warning("rate limit counted in the database: Redis did not answer")
    if count is None:
        count = _database_minute(partner.pk, minute)
    if count > partner.requests_per_minute:
        raise RateLimited(retry_after=max(1, 60 - now.second))


def _database_minute(partner_id: int, minute: datetime) -> int:
    table = connection.ops.quote_name(PartnerMinute._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (partner_id, minute, requests) VALUES (%s, %s, 1) "  # noqa: S608
            f"ON CONFLICT (partner_id, minute) DO UPDATE SET requests = {table}.requests + 1 RETURNING requests",
            [partner_id, connection.ops.adapt_datetimefield_value(minute)],
        )
        return int(cursor.fetchone()[0])


def usage_add(partner: Partner, *, items: int, now: datetime) -> None:
    """One request answered with `items` items."""
    if settings.REDIS_URL:
        try:
            key = _key("usage", now.date().isoformat())
            pipe = redis_client().pipeline(transaction=False)
            pipe.hincrby(key, f"{partner.pk}:requests", 1)
            if items:
                pipe.hincrby(key, f"{partner.pk}:items", items)
            pipe.expire(key, USAGE_KEPT_DAYS * 86400)
            pipe.execute()
            return
        except redis.RedisError:
            log.warning("partner use counted in the database: Redis did not answer")
    _database_usage(partner.pk, now.date(), requests=1, items=items)


def _database_usage(partner_id: int, day: date | str, *, requests: int, items: int) -> None:
    table = connection.ops.quote_name(PartnerUsage._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (partner_id, day, requests, items) VALUES (%s, %s, %s, %s) "  # noqa: S608
            f"ON CONFLICT (partner_id, day) DO UPDATE SET requests = {table}.requests + excluded.requests, "
            f"items = {table}.items + excluded.items",
            [partner_id, day, requests, items],
        )


def usage_flush(*, now: datetime | None = None) -> int:
    """Redis's counts of use written to the database (the worker, every minute): each day's
    hash is renamed first, so counts that arrive meanwhile wait for the next flush.

    The days' keys are named, not searched for: a SCAN of the database walks every key in
    it, the readers' view marks included (millions on a busy site), and this job shares
    the worker's beat with the view counts' flush."""
    if not settings.REDIS_URL:
        return 0
    client = redis_client()
    today = (now or timezone.now()).date()
    flushed = 0
    for days_ago in range(USAGE_KEPT_DAYS, -1, -1):
        name = _key("usage", (today - timedelta(days=days_ago)).isoformat())
        taken = name + ":flushing"
        # A flush of that day left unfinished goes first, then what has arrived since.
        if client.exists(taken):
            flushed += _usage_write(client, taken)
        try:
            renamed = client.renamenx(name, taken)
        except redis.ResponseError:  # no use that day
            renamed = False
        if renamed:
            flushed += _usage_write(client, taken)
    return flushed


def _usage_write(client: "redis.Redis", taken: str) -> int:
    """One renamed day's hash added to the database, then deleted: how many partners it held."""
    day = taken.split(":")[-2]
    counts: dict[int, dict[str, int]] = {}
    for field, value in client.hgetall(taken).items():
        who, what = (field.decode() if isinstance(field, bytes) else field).split(":")
        counts.setdefault(int(who), {"requests": 0, "items": 0})[what] = int(value)
    with transaction.atomic():
        known = set(Partner.objects.filter(pk__in=counts).values_list("pk", flat=True))
        for partner_id, numbers in counts.items():
            if partner_id in known:
                _database_usage(partner_id, day, **numbers)
    client.delete(taken)
    return len(counts)


def minutes_tidy(*, before: datetime) -> int:
    return PartnerMinute.objects.filter(minute__lt=before).delete()[0]
