"""Counting through Redis: one atomic script per view, flushed to the database by the worker.

Keys (under NEWSDESK["REDIS_PREFIX"]):
- `views:total:<article>` the count pages show (database count + not yet flushed); it
                         expires after an hour and is read again from the database
- `views:pending`        hash "<article>:<hour>" → views not yet in the database
- `views:pending_total`  hash article → the same, per article
- `views:flushing*`      the pending hashes while a flush is under way, and its id
- `seen:<reader>:<article>` (when) and `counted:<reader>` (article → when) the
                         30-minute rule and the rate cap
- `cap:<scope+window>:<address or network>:<article>:<window>` views counted in that
                         minute or hour from that address or network (view_rules.CAPS)

A flush renames the pending hashes, writes them to the database in one transaction
that also records the flush id (`FlushLog`), then deletes them. A crash at any point
leaves either the renamed hashes (retried: the id says whether they were written) or
nothing to do, so a view is never written twice. Redis should run with AOF
(`appendonly yes`) in production so that a restart loses nothing it had acknowledged.

A view that cannot reach Redis is counted in the database instead. One that reached it
and got no answer (a stall, a crash while it ran, or before) may be counted there or
not: it is asked once more, which the script answers without counting it twice (a
reader's mark holds the beacon's moment). If Redis is silent still, the view is kept in
`UnsettledView` and the beacon answers that it does not know (`ViewOutcomeUnknown`);
the worker sends it again once Redis answers, and it is counted once, in Redis only.
"""

import uuid
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from typing import cast
from zoneinfo import ZoneInfo

import redis
from django.conf import settings
from django.core.signals import setting_changed
from django.db import transaction
from django.dispatch import receiver
from redis.commands.core import Script

from newsdesk.audience.database_counter import database_counts_for
from newsdesk.audience.identity import Reader, dedupe_window
from newsdesk.audience.models import FlushLog, UnsettledView
from newsdesk.audience.services import HourlyViews, views_import_history
from newsdesk.audience.view_rules import Outcome, Result, ViewOutcomeUnknown, cap_counters, rate_limit
from newsdesk.lib.memo import FOREVER, BoundedMemo, ProcessMemo

# The same rule as the database's, in the same order (database_counter.database_count_view):
# first, this very beacon (the reader's mark for the article holds its moment): counted by
# an earlier call whose answer was lost, it is answered as counted and not counted again;
# then the rate cap (articles counted for this reader in the minute before `at`, a
# sliding minute), then the reader's mark for this article (today's or yesterday's
# identity) within the window before `at`, then the caps per address and network
# (KEYS[7…], with their limits and lifetimes in ARGV[6…]). Marks hold the time they were
# made, so the rule follows `at`, not the Redis server's clock; their expiry only tidies.
_COUNT = """
local total = redis.call('GET', KEYS[1])
if not total then return {-1, 0} end
local at, window = tonumber(ARGV[5]), tonumber(ARGV[3])
if redis.call('GET', KEYS[4]) == ARGV[5] then return {1, tonumber(total)} end
redis.call('ZREMRANGEBYSCORE', KEYS[6], '-inf', '(' .. (at - 60))
if redis.call('ZCARD', KEYS[6]) >= tonumber(ARGV[4]) then return {2, tonumber(total)} end
for _, key in ipairs({KEYS[4], KEYS[5]}) do
  local seen = redis.call('GET', key)
  if seen and tonumber(seen) >= at - window then return {0, tonumber(total)} end
end
for i = 7, #KEYS do
  local counted = tonumber(redis.call('GET', KEYS[i]) or '0')
  if counted >= tonumber(ARGV[2 * i - 8]) then return {2, tonumber(total)} end
end
for i = 7, #KEYS do
  redis.call('INCR', KEYS[i])
  redis.call('EXPIRE', KEYS[i], ARGV[2 * i - 7])
end
redis.call('SET', KEYS[4], ARGV[5], 'EX', window)
redis.call('ZADD', KEYS[6], at, ARGV[1])
redis.call('EXPIRE', KEYS[6], 60)
redis.call('HINCRBY', KEYS[2], ARGV[2], 1)
redis.call('HINCRBY', KEYS[3], ARGV[1], 1)
return {1, redis.call('INCR', KEYS[1])}
"""

_INIT = """
local pending = tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '0')
  + tonumber(redis.call('HGET', KEYS[3], ARGV[1]) or '0')
redis.call('SET', KEYS[1], tonumber(ARGV[2]) + pending, 'NX', 'EX', ARGV[3])
return tonumber(redis.call('GET', KEYS[1]))
"""

_FLUSH_START = """
if redis.call('EXISTS', KEYS[5]) == 1 then return redis.call('GET', KEYS[5]) end
if redis.call('EXISTS', KEYS[1]) == 0 then return false end
redis.call('RENAME', KEYS[1], KEYS[3])
if redis.call('EXISTS', KEYS[2]) == 1 then redis.call('RENAME', KEYS[2], KEYS[4]) end
redis.call('SET', KEYS[5], ARGV[1])
return ARGV[1]
"""

_FLUSH_FINISH = """
if redis.call('GET', KEYS[5]) ~= ARGV[1] then return 0 end
for i = 3, #ARGV, 3 do
  local pending = tonumber(redis.call('HGET', KEYS[2], ARGV[i + 1]) or '0')
  redis.call('SET', ARGV[i], tonumber(ARGV[i + 2]) + pending, 'EX', ARGV[2])
end
redis.call('DEL', KEYS[3], KEYS[4], KEYS[5])
return 1
"""
# A shown count is re-read from the database at least this often, which also mends
# any drift from views counted in the database while Redis was down.
TOTAL_SECONDS = 3600


class RedisUnavailable(Exception):
    pass


def _connect() -> redis.Redis:
    return redis.Redis.from_url(settings.REDIS_URL, socket_timeout=0.5, socket_connect_timeout=0.5)


# One client per process, made on first use: its pool reconnects after a Redis restart
# and after a fork, so nothing in a running site needs to drop it. The scripts are
# registered on that client, so they go with it.
_client: ProcessMemo[redis.Redis] = ProcessMemo(_connect, seconds=FOREVER)
_scripts: BoundedMemo[str, Script] = BoundedMemo(capacity=8)


def enabled() -> bool:
    return bool(settings.REDIS_URL) and settings.NEWSDESK["COUNT_THROUGH_REDIS"]


def client() -> redis.Redis:
    return _client.get()


@receiver(setting_changed)
def _forget_client(*, setting: str, **kwargs: object) -> None:
    """A client made for another REDIS_URL must not be used. Settings change only under
    override_settings (tests pointing Redis at a server of their own, or at none)."""
    if setting == "REDIS_URL":
        _client.forget()
        _scripts.clear()


def _script(source: str) -> Script:
    script = _scripts.get(source)
    if script is None:
        script = client().register_script(source)
        _scripts.put(source, script)
    return script


def _key(*parts: object) -> str:
    return ":".join([settings.NEWSDESK["REDIS_PREFIX"], *(str(p) for p in parts)])


def _hash_keys() -> list[str]:
    return [
        _key("views", "pending"),
        _key("views", "pending_total"),
        _key("views", "flushing"),
        _key("views", "flushing_total"),
        _key("views", "flush_id"),
    ]


def redis_count_view(*, article_id: int, reader: Reader, at: datetime) -> Result:
    keys, args = count_arguments(article_id=article_id, reader=reader, at=at)
    try:
        _connected()
    except redis.RedisError as error:
        raise RedisUnavailable(str(error)) from error  # nothing was sent: the database may count it
    try:
        code, total = _count_once(article_id, keys, args)
    except redis.RedisError:
        # Sent, and no answer. Asked again, the script knows this very beacon and does
        # not count it twice.
        try:
            code, total = _count_once(article_id, keys, args)
        except redis.RedisError as error:
            # Redis may have run it (a stalled one will, when it wakes). The worker sends
            # it again until Redis answers: counted once, and never in the database too.
            UnsettledView.objects.create(article_id=article_id, keys=keys, args=args)
            raise ViewOutcomeUnknown(str(error)) from error
    outcome = {1: Outcome.COUNTED, 0: Outcome.DUPLICATE, 2: Outcome.RATE_LIMITED}[code]
    return Result(outcome, int(total))


def count_arguments(*, article_id: int, reader: Reader, at: datetime) -> tuple[list[str], list]:
    """The counting script's keys and arguments for one view: all it needs, to run now or later."""
    hour = int(at.astimezone(UTC).replace(minute=0, second=0, microsecond=0).timestamp())
    seen_today = _key("seen", reader.today, article_id)
    keys = [
        _key("views", "total", article_id),
        _key("views", "pending"),
        _key("views", "pending_total"),
        seen_today,
        _key("seen", reader.yesterday, article_id) if reader.yesterday else seen_today,
        _key("counted", reader.today),
    ]
    window = int(dedupe_window().total_seconds())
    args = [article_id, f"{article_id}:{hour}", window, rate_limit(), repr(at.timestamp())]
    for counter in cap_counters(reader=reader, article_id=article_id, at=at):
        keys.append(_key("cap", counter.key))
        args += [counter.limit, counter.keep_seconds]
    return keys, args


def counts_to_database(*, zone: ZoneInfo, now: datetime) -> tuple[int, int]:
    """Everything waiting in Redis into the database, as the worker does it every round and
    a backup before its copy: the views Redis did not answer sent again, then a flush.
    Returns (views sent again, views written)."""
    return views_settle(now=now), flush(zone=zone)


def views_settle(*, now: datetime) -> int:
    """Send the views Redis did not answer again, oldest first; return how many were sent.

    One older than the 30-minute window is dropped: the reader's mark that tells whether
    Redis counted it may be gone, and sent again it could count twice."""
    settled = 0
    for view in UnsettledView.objects.order_by("pk")[:1000]:
        if view.created_at >= now - dedupe_window():
            _count_once(view.article_id, view.keys, view.args)
            settled += 1
        view.delete()
    return settled


def _connected() -> None:
    """Take a connection from the pool, connecting if need be, and give it back: a failure
    here is one before anything was sent."""
    pool = client().connection_pool
    pool.release(pool.get_connection())


def _count_once(article_id: int, keys: list[str], args: list) -> tuple[int, int]:
    code, total = _script(_COUNT)(keys=keys, args=args)
    if code == -1:  # the shown total expired (hourly) or Redis restarted: take the database's
        _init_totals({article_id})
        code, total = _script(_COUNT)(keys=keys, args=args)
    return code, total


def _init_totals(article_ids: set[int]) -> dict[int, int]:
    """Shown totals from the database plus what waits in Redis, in one round trip."""
    in_database = database_counts_for(article_ids)
    pending, flushing = _key("views", "pending_total"), _key("views", "flushing_total")
    ids = sorted(article_ids)
    pipe = client().pipeline(transaction=False)
    for aid in ids:
        _script(_INIT)(
            keys=[_key("views", "total", aid), pending, flushing],
            args=[aid, in_database[aid], TOTAL_SECONDS],
            client=pipe,
        )
    return {aid: int(total) for aid, total in zip(ids, pipe.execute(), strict=True)}


def redis_counts_for(article_ids: set[int]) -> dict[int, int]:
    ids = sorted(article_ids)
    try:
        values = client().mget([_key("views", "total", aid) for aid in ids])
        counts = {aid: int(v) for aid, v in zip(ids, values, strict=True) if v is not None}
        missing = set(ids) - set(counts)
        if missing:
            counts |= _init_totals(missing)
    except redis.RedisError as error:
        raise RedisUnavailable(str(error)) from error
    return counts


# A flush's id matters only until that flush is finished (a retry must find it); a day
# leaves room for a worker that was down for hours.
FLUSH_LOG_KEPT = timedelta(days=1)


def flushes_forget(*, now: datetime) -> int:
    """Delete the ids of long-finished flushes (the worker calls this)."""
    deleted, _ = FlushLog.objects.filter(flushed_at__lt=now - FLUSH_LOG_KEPT).delete()
    return deleted


def flush(*, zone: ZoneInfo) -> int:
    """Move the pending counts to the database; return how many views were written.

    A flush that a crash left half done is finished first, then what is pending now."""
    written = 0
    for _attempt in range(2):
        new_id = uuid.uuid4().hex
        flush_id = _script(_FLUSH_START)(keys=_hash_keys(), args=[new_id])
        if not flush_id:
            break
        flush_id = flush_id.decode() if isinstance(flush_id, bytes) else flush_id
        written += _flush_under_way(flush_id, zone=zone)
        if flush_id == new_id:
            break
    return written


def _flush_under_way(flush_id: str, *, zone: ZoneInfo) -> int:
    """Write the renamed hashes of flush `flush_id` once, then tidy them away."""
    pending, pending_total, flushing, flushing_total, flush_id_key = _hash_keys()
    rows = cast("dict[bytes, bytes]", client().hgetall(flushing))  # no decode_responses: bytes
    by_article: dict[int, list[HourlyViews]] = defaultdict(list)
    for field, views in rows.items():
        article_id, hour = (int(part) for part in field.decode().split(":"))
        by_article[article_id].append(HourlyViews(hour=datetime.fromtimestamp(hour, UTC), views=int(views)))
    written = 0
    with transaction.atomic():
        _entry, created = FlushLog.objects.get_or_create(
            flush_id=flush_id, defaults={"views": sum(int(v) for v in rows.values())}
        )
        if created:  # a retried flush that already reached the database writes nothing again
            for article_id, hours in by_article.items():
                written += views_import_history(article_id=article_id, hours=hours, zone=zone)
    totals = database_counts_for(set(by_article))
    args: list[str | int] = [flush_id, TOTAL_SECONDS]
    for article_id, total in totals.items():
        args += [_key("views", "total", article_id), article_id, total]
    _script(_FLUSH_FINISH)(keys=[pending, pending_total, flushing, flushing_total, flush_id_key], args=args)
    return written
