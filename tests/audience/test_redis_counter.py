"""A view sent to Redis that gets no answer is counted once: in Redis, when it answers again."""

import contextlib
import threading
import time
from datetime import timedelta

import pytest
import redis
from django.db.models import Sum
from django.utils import timezone

from newsdesk.audience import redis_counter
from newsdesk.audience.counting import count_view
from newsdesk.audience.identity import Reader
from newsdesk.audience.models import UnsettledView, ViewHour, ViewTotal
from newsdesk.audience.view_rules import Outcome, ViewOutcomeUnknown
from newsdesk.siteconfig.selectors import site_settings

BROWSER = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36"
# One script that keeps Redis busy, as a fork, a slow disk or a large command can.
_BUSY = """
local now = redis.call('TIME')
local stop = now[1] * 1000000 + now[2] + tonumber(ARGV[1]) * 1000000
repeat now = redis.call('TIME') until now[1] * 1000000 + now[2] >= stop
return 1
"""


def _reader(n: int) -> Reader:
    return Reader(today=f"reader{n:04d}", yesterday=None)


def _stored(article) -> tuple[int, int]:
    """What the worker's next round leaves in the database: unanswered views sent again, then a flush."""
    redis_counter.views_settle(now=timezone.now())
    redis_counter.flush(zone=site_settings().zone)
    total = ViewTotal.objects.filter(article=article).values_list("views", flat=True).first() or 0
    return total, ViewHour.objects.filter(article=article).aggregate(s=Sum("views"))["s"] or 0


def _stall(server, seconds: float) -> threading.Thread:
    """Keep Redis busy for `seconds`; return once it is (a PING gets no answer)."""

    def busy() -> None:
        with contextlib.suppress(redis.ConnectionError):  # the test may kill Redis meanwhile
            redis.Redis.from_url(server.url, socket_timeout=seconds + 30).eval(_BUSY, 0, seconds)

    probe = redis.Redis.from_url(server.url, socket_timeout=0.1)  # from a URL: no retries, as ours
    probe.ping()  # connected now: a connection's handshake waits longer than its commands
    thread = threading.Thread(target=busy)
    thread.start()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            probe.ping()
            time.sleep(0.02)
        except redis.TimeoutError:
            return thread
    raise AssertionError("Redis did not get busy")


def test_a_beacon_asked_again_after_its_answer_was_lost_counts_once(private_redis, make_article):
    article = make_article()
    at = timezone.now()
    first = redis_counter.redis_count_view(article_id=article.pk, reader=_reader(1), at=at)
    # The script ran, its answer never came back: the same beacon (same moment) is sent again.
    again = redis_counter.redis_count_view(article_id=article.pk, reader=_reader(1), at=at)
    assert first.outcome == again.outcome == Outcome.COUNTED and again.views == first.views == 1
    later = redis_counter.redis_count_view(article_id=article.pk, reader=_reader(1), at=at + timedelta(seconds=1))
    assert later.outcome == Outcome.DUPLICATE
    assert _stored(article) == (1, 1)


def test_a_view_sent_to_a_stalled_redis_is_not_counted_twice(private_redis, make_article):
    article = make_article()
    count_view(article_id=article.pk, reader=_reader(0))
    stall = _stall(private_redis, 2.5)  # longer than a first try and a second (0.5 s each)
    try:
        answered = count_view(article_id=article.pk, reader=_reader(1)).outcome == Outcome.COUNTED
    except ViewOutcomeUnknown:
        answered = None
    stall.join()
    # Once awake, Redis runs both tries of the view it was sent, and the worker sends it
    # once more: it counts it once; the database, which the view never reached, not at all.
    assert UnsettledView.objects.count() == 1
    assert (answered, _stored(article)) == (None, (2, 2))
    assert not UnsettledView.objects.exists()


def test_the_beacon_says_it_does_not_know_rather_than_count_twice(client, private_redis, story):
    client.post(f"/en/news/{story.pk}/views/", HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="203.0.113.1")
    stall = _stall(private_redis, 2.5)
    response = client.post(f"/en/news/{story.pk}/views/", HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="203.0.113.2")
    stall.join()
    assert response.status_code == 503 and response.json() == {"views": None, "counted": None}
    assert response["Retry-After"] and "no-cache" in response["Cache-Control"]
    assert _stored(story) == (14706 + 2, 14706 + 2)


def test_a_view_on_its_way_when_redis_dies_is_counted_once_redis_is_back(private_redis, make_article):
    article = make_article()
    count_view(article_id=article.pk, reader=_reader(0))
    stall = _stall(private_redis, 5)
    # The view waits in Redis's input behind the busy script when Redis dies.
    crash = threading.Timer(0.2, private_redis.kill)
    crash.start()
    with pytest.raises(ViewOutcomeUnknown):
        count_view(article_id=article.pk, reader=_reader(1))
    crash.join()
    stall.join()
    # Redis is down: the view waits, uncounted, to be sent again.
    assert UnsettledView.objects.count() == 1 and not ViewTotal.objects.filter(article=article).exists()
    private_redis.start()
    assert _stored(article) == (2, 2)  # Redis never ran it: sent again, it counts


def test_a_view_redis_counted_without_answering_is_not_counted_again(private_redis, make_article):
    article = make_article()
    at = timezone.now()
    redis_counter.redis_count_view(article_id=article.pk, reader=_reader(1), at=at)
    redis_counter.redis_count_view(article_id=article.pk, reader=_reader(2), at=at)
    # Redis ran both, and their answers were lost: both were kept to be sent again.
    sent = [redis_counter.count_arguments(article_id=article.pk, reader=_reader(n), at=at) for n in (1, 2)]
    for keys, args in sent:
        UnsettledView.objects.create(article_id=article.pk, keys=keys, args=args)
    assert _stored(article) == (2, 2)
    keys, args = sent[0]
    old = UnsettledView.objects.create(article_id=article.pk, keys=keys, args=args)
    UnsettledView.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(minutes=31))
    assert redis_counter.views_settle(now=timezone.now()) == 0  # too old to tell: dropped, not counted
    assert not UnsettledView.objects.exists() and _stored(article) == (2, 2)


def test_pointing_redis_elsewhere_makes_a_new_client_for_it(settings):
    settings.REDIS_URL = "redis://127.0.0.1:6390/0"
    first = redis_counter.client()
    assert redis_counter.client() is first  # one client per process
    settings.REDIS_URL = "redis://127.0.0.1:6391/0"
    assert redis_counter.client().connection_pool.connection_kwargs["port"] == 6391
