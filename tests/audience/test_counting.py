"""Both counting back ends: the same behaviour, no view lost or doubled."""

from datetime import timedelta

import pytest
from django.db.models import Sum
from django.utils import timezone

from newsdesk.audience import redis_counter
from newsdesk.audience.counting import count_view, counts_for
from newsdesk.audience.identity import Reader
from newsdesk.audience.models import FlushLog, ViewDay, ViewHour, ViewTotal
from newsdesk.audience.view_rules import Outcome
from newsdesk.siteconfig.selectors import site_settings


def _reader(n: int) -> Reader:
    return Reader(today=f"reader{n:04d}", yesterday=None)


def _stored(article) -> tuple[int, int, int]:
    total = ViewTotal.objects.filter(article=article).values_list("views", flat=True).first() or 0
    hours = ViewHour.objects.filter(article=article).aggregate(s=Sum("views"))["s"] or 0
    days = ViewDay.objects.filter(article=article).aggregate(s=Sum("views"))["s"] or 0
    return total, hours, days


def _flush():
    if redis_counter.enabled():
        redis_counter.flush(zone=site_settings().zone)


def test_one_reader_once_per_window_and_the_count_is_fresh(backend, make_article):
    article = make_article()
    now = timezone.now()
    assert count_view(article_id=article.pk, reader=_reader(1), at=now).outcome == Outcome.COUNTED
    again = count_view(article_id=article.pk, reader=_reader(1), at=now + timedelta(minutes=29))
    assert again.outcome == Outcome.DUPLICATE and again.views == 1
    other = count_view(article_id=article.pk, reader=_reader(2), at=now + timedelta(minutes=1))
    assert other.outcome == Outcome.COUNTED and other.views == 2
    assert counts_for({article.pk}) == {article.pk: 2}
    _flush()
    assert _stored(article) == (2, 2, 2)


def test_a_view_counts_in_the_hour_it_was_made_and_on_the_agencys_day(backend, make_article):
    """20:30 UTC is already 01:30 of the next day in Almaty, the agency's time zone."""
    article = make_article()
    at = (timezone.now() - timedelta(days=2)).replace(hour=20, minute=30, second=0, microsecond=0)
    assert count_view(article_id=article.pk, reader=_reader(1), at=at).outcome == Outcome.COUNTED
    _flush()
    assert list(ViewHour.objects.filter(article=article).values_list("hour", flat=True)) == [at.replace(minute=0)]
    assert list(ViewDay.objects.filter(article=article).values_list("day", flat=True)) == [
        at.date() + timedelta(days=1)
    ]


def test_the_window_is_thirty_minutes(backend, make_article):
    article = make_article()
    now = timezone.now()
    count_view(article_id=article.pk, reader=_reader(1), at=now)
    later = count_view(article_id=article.pk, reader=_reader(1), at=now + timedelta(minutes=31))
    assert later.outcome == Outcome.COUNTED and later.views == 2


def test_a_reader_across_midnight_is_still_the_same_reader(backend, make_article):
    article = make_article()
    count_view(article_id=article.pk, reader=Reader(today="before-midnight", yesterday=None))
    after = count_view(article_id=article.pk, reader=Reader(today="after-midnight", yesterday="before-midnight"))
    assert after.outcome == Outcome.DUPLICATE


def test_the_rate_cap_stops_a_machine(backend, make_article, settings):
    settings.NEWSDESK = {**settings.NEWSDESK, "VIEW_RATE_LIMIT": 5}
    articles = [make_article(f"Story {n}") for n in range(8)]
    outcomes = [count_view(article_id=a.pk, reader=_reader(7)).outcome for a in articles]
    assert outcomes.count(Outcome.COUNTED) == 5 and outcomes[-1] == Outcome.RATE_LIMITED


def test_refused_views_do_not_use_up_the_cap_and_the_minute_slides(backend, make_article, settings):
    settings.NEWSDESK = {**settings.NEWSDESK, "VIEW_RATE_LIMIT": 3}
    articles = [make_article(f"Story {n}") for n in range(4)]
    now, machine = timezone.now(), _reader(7)
    for article in articles[:3]:
        assert count_view(article_id=article.pk, reader=machine, at=now).outcome == Outcome.COUNTED
    refused = [
        count_view(article_id=articles[3].pk, reader=machine, at=now + timedelta(seconds=10)),
        count_view(article_id=articles[0].pk, reader=machine, at=now + timedelta(seconds=20)),  # a reload
    ]
    assert [result.outcome for result in refused] == [Outcome.RATE_LIMITED, Outcome.RATE_LIMITED]
    a_minute_later = count_view(article_id=articles[3].pk, reader=machine, at=now + timedelta(seconds=61))
    assert a_minute_later.outcome == Outcome.COUNTED and counts_for({a.pk for a in articles}) == dict.fromkeys(
        (a.pk for a in articles), 1
    )


def test_counts_for_a_page_include_what_is_not_flushed_yet(private_redis, make_article):
    article = make_article()
    ViewTotal.objects.create(article=article, views=100)
    for n in range(3):
        count_view(article_id=article.pk, reader=_reader(n))
    assert counts_for({article.pk}) == {article.pk: 103}
    assert _stored(article)[0] == 100
    _flush()
    assert _stored(article)[0] == 103 and counts_for({article.pk}) == {article.pk: 103}


def test_a_flush_that_reached_the_database_is_never_written_twice(private_redis, make_article):
    article = make_article()
    for n in range(10):
        count_view(article_id=article.pk, reader=_reader(n))
    # A worker dies after the database committed and before it tidied Redis: simulate it.
    real_finish = redis_counter._FLUSH_FINISH
    redis_counter._FLUSH_FINISH = "return 0"
    try:
        redis_counter.flush(zone=site_settings().zone)
    finally:
        redis_counter._FLUSH_FINISH = real_finish
    assert _stored(article) == (10, 10, 10)
    # The next worker finds the same flush under way and only finishes it.
    redis_counter.flush(zone=site_settings().zone)
    assert _stored(article) == (10, 10, 10) and FlushLog.objects.count() == 1
    count_view(article_id=article.pk, reader=_reader(99))
    _flush()
    assert _stored(article) == (11, 11, 11)


def test_finished_flushes_are_forgotten_after_a_day(private_redis, make_article):
    article = make_article()
    count_view(article_id=article.pk, reader=_reader(1))
    _flush()
    assert FlushLog.objects.count() == 1
    assert redis_counter.flushes_forget(now=timezone.now()) == 0
    assert redis_counter.flushes_forget(now=timezone.now() + timedelta(days=1, minutes=1)) == 1
    assert _stored(article) == (1, 1, 1)


def test_a_flush_that_failed_before_the_database_is_retried(private_redis, make_article, monkeypatch):
    article = make_article()
    for n in range(4):
        count_view(article_id=article.pk, reader=_reader(n))

    def crash(**kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(redis_counter, "views_import_history", crash)
    with pytest.raises(RuntimeError):
        redis_counter.flush(zone=site_settings().zone)
    monkeypatch.undo()
    assert _stored(article) == (0, 0, 0) and not FlushLog.objects.exists()
    redis_counter.flush(zone=site_settings().zone)
    assert _stored(article) == (4, 4, 4)


def test_when_redis_is_down_views_are_counted_in_the_database(private_redis, make_article):
    article = make_article()
    count_view(article_id=article.pk, reader=_reader(1))
    private_redis.kill()
    result = count_view(article_id=article.pk, reader=_reader(2))
    assert result.outcome == Outcome.COUNTED
    assert _stored(article)[0] == 1  # the one counted in the database; Redis holds the other


def test_a_redis_crash_loses_nothing_it_acknowledged(private_redis, make_article):
    article = make_article()
    for n in range(50):
        count_view(article_id=article.pk, reader=_reader(n))
    private_redis.kill()
    private_redis.start()  # the same directory: the append-only file brings the counts back
    assert count_view(article_id=article.pk, reader=_reader(0)).outcome == Outcome.DUPLICATE
    _flush()
    assert _stored(article) == (50, 50, 50)


# One address, or one network, cannot buy views by changing its user agent.


def _from(address_key: str, network_key: str, n: int) -> Reader:
    """Reader n (another user agent each) at one address of one network."""
    return Reader(today=f"{address_key}-agent{n}", yesterday=None, address=address_key, network=network_key)


@pytest.fixture
def caps(settings):
    settings.NEWSDESK = {
        **settings.NEWSDESK,
        "VIEW_ADDRESS_PER_MINUTE": 4,
        "VIEW_ADDRESS_PER_HOUR": 10,
        "VIEW_NETWORK_PER_MINUTE": 6,
        "VIEW_NETWORK_PER_HOUR": 100,
    }


def test_one_address_rotating_its_user_agent_is_capped_per_minute(backend, caps, make_article):
    article = make_article()
    start = timezone.now().replace(second=0, microsecond=0)
    outcomes = [
        count_view(article_id=article.pk, reader=_from("addr1", "net1", n), at=start + timedelta(seconds=n)).outcome
        for n in range(20)
    ]
    assert outcomes.count(Outcome.COUNTED) == 4 and set(outcomes[4:]) == {Outcome.RATE_LIMITED}
    next_minute = count_view(article_id=article.pk, reader=_from("addr1", "net1", 99), at=start + timedelta(minutes=1))
    assert next_minute.outcome == Outcome.COUNTED
    # A refused reader was not marked: counted later, within the cap.
    assert (
        count_view(
            article_id=article.pk, reader=_from("addr1", "net1", 5), at=start + timedelta(minutes=1, seconds=1)
        ).outcome
        == Outcome.COUNTED
    )
    assert counts_for({article.pk}) == {article.pk: 6}
    _flush()
    assert _stored(article) == (6, 6, 6)


def test_the_hour_caps_an_address_that_waits_out_each_minute(backend, caps, make_article):
    article = make_article()
    start = timezone.now().replace(minute=0, second=0, microsecond=0)
    counted = 0
    for minute in range(8):
        for n in range(4):
            at = start + timedelta(minutes=minute, seconds=n)
            counted += (
                count_view(article_id=article.pk, reader=_from("addr1", "net1", minute * 10 + n), at=at).outcome
                == Outcome.COUNTED
            )
    assert counted == 10


def test_a_network_is_capped_across_its_addresses(backend, caps, make_article):
    article = make_article()
    start = timezone.now().replace(second=0, microsecond=0)
    outcomes = [
        count_view(article_id=article.pk, reader=_from(f"addr{n}", "net1", n), at=start + timedelta(seconds=n)).outcome
        for n in range(10)
    ]
    assert outcomes.count(Outcome.COUNTED) == 6
    elsewhere = count_view(article_id=article.pk, reader=_from("addr0", "net2", 50), at=start + timedelta(seconds=30))
    assert elsewhere.outcome == Outcome.COUNTED


def test_the_caps_are_per_story(backend, caps, make_article):
    first, second = make_article("First"), make_article("Second")
    start = timezone.now().replace(second=0, microsecond=0)
    for article in (first, second):
        for n in range(4):
            result = count_view(
                article_id=article.pk, reader=_from("addr1", "net1", n), at=start + timedelta(seconds=n)
            )
            assert result.outcome == Outcome.COUNTED


def test_readers_behind_one_carrier_address_are_counted_within_the_defaults(backend, make_article):
    """A carrier's NAT: twenty people read the story in the same minute from one address."""
    article = make_article()
    now = timezone.now()
    results = [count_view(article_id=article.pk, reader=_from("nat", "carrier", n), at=now) for n in range(20)]
    assert all(result.outcome == Outcome.COUNTED for result in results)


def test_the_worker_forgets_finished_cap_counters(db, caps, make_article, settings):
    from newsdesk.audience.database_counter import recent_views_forget
    from newsdesk.audience.models import CapCount

    settings.REDIS_URL = ""  # the database's counters (Redis expires its own)
    article = make_article()
    now = timezone.now()
    count_view(article_id=article.pk, reader=_from("addr1", "net1", 1), at=now)
    assert CapCount.objects.count() == 4
    recent_views_forget(now=now + timedelta(minutes=5))
    assert CapCount.objects.count() == 2  # the hours' counters are still in use
    recent_views_forget(now=now + timedelta(hours=3))
    assert not CapCount.objects.exists()


def test_a_flush_finishes_what_a_crash_left_and_then_what_came_since(private_redis, make_article):
    article = make_article()
    for n in range(3):
        count_view(article_id=article.pk, reader=_reader(n))
    # The worker dies after renaming the pending counts, before the database saw them.
    redis_counter._script(redis_counter._FLUSH_START)(keys=redis_counter._hash_keys(), args=["crashed"])
    for n in range(3, 5):
        count_view(article_id=article.pk, reader=_reader(n))
    assert redis_counter.flush(zone=site_settings().zone) == 5  # one flush: both, once each
    assert _stored(article) == (5, 5, 5) and FlushLog.objects.count() == 2
    assert redis_counter.flush(zone=site_settings().zone) == 0


def test_a_cap_set_to_zero_is_off_and_the_others_still_hold(backend, settings, make_article):
    settings.NEWSDESK = {
        **settings.NEWSDESK,
        "VIEW_ADDRESS_PER_MINUTE": 0,
        "VIEW_ADDRESS_PER_HOUR": 1,
        "VIEW_NETWORK_PER_MINUTE": 0,
        "VIEW_NETWORK_PER_HOUR": 0,
    }
    article = make_article()
    start = timezone.now().replace(minute=0, second=0, microsecond=0)
    one_address = [
        count_view(article_id=article.pk, reader=_from("addr1", "net1", n), at=start + timedelta(seconds=n)).outcome
        for n in range(5)
    ]
    assert one_address == [Outcome.COUNTED] + [Outcome.RATE_LIMITED] * 4  # one view an hour from an address
    one_network = [
        count_view(article_id=article.pk, reader=_from(f"addr{n}", "net1", n), at=start + timedelta(seconds=n)).outcome
        for n in range(2, 12)
    ]
    assert set(one_network) == {Outcome.COUNTED}  # no cap on the network


def test_a_refused_view_still_shows_the_storys_count(backend, caps, settings, make_article):
    """Every answer carries the story's total, as its page should show it, whatever was refused."""
    settings.NEWSDESK = {**settings.NEWSDESK, "VIEW_RATE_LIMIT": 2}
    article, unread = make_article("Read"), make_article("No one counted yet")
    elsewhere = [make_article(f"Elsewhere {n}") for n in range(2)]
    start = timezone.now().replace(second=0, microsecond=0)
    for n in range(3):
        count_view(article_id=article.pk, reader=_reader(n), at=start)

    across_midnight = count_view(
        article_id=article.pk, reader=Reader(today="after-midnight", yesterday=_reader(0).today), at=start
    )
    assert (across_midnight.outcome, across_midnight.views) == (Outcome.DUPLICATE, 3)

    machine = _reader(50)
    for story in elsewhere:
        count_view(article_id=story.pk, reader=machine, at=start)
    refused = [count_view(article_id=story.pk, reader=machine, at=start) for story in (article, unread)]
    assert [(result.outcome, result.views) for result in refused] == [
        (Outcome.RATE_LIMITED, 3),
        (Outcome.RATE_LIMITED, 0),
    ]

    for n in range(4):  # the address's cap for the minute
        count_view(article_id=article.pk, reader=_from("addr1", "net1", n), at=start + timedelta(seconds=n))
    over_the_cap = count_view(article_id=article.pk, reader=_from("addr1", "net1", 9), at=start + timedelta(seconds=9))
    assert (over_the_cap.outcome, over_the_cap.views) == (Outcome.RATE_LIMITED, 7)


def test_the_worker_forgets_a_readers_mark_only_once_the_window_is_over(db, caps, make_article, settings):
    from newsdesk.audience.database_counter import recent_views_forget

    settings.REDIS_URL = ""  # the database's marks (Redis expires its own)
    article = make_article()
    now, reader = timezone.now(), _from("addr1", "net1", 1)
    count_view(article_id=article.pk, reader=reader, at=now)
    assert recent_views_forget(now=now + timedelta(minutes=5)) == 2  # the minutes' cap counters; the mark stays
    again = count_view(article_id=article.pk, reader=reader, at=now + timedelta(minutes=6))
    assert again.outcome == Outcome.DUPLICATE
    assert recent_views_forget(now=now + timedelta(hours=3)) == 3  # the mark and the hours' counters
    assert count_view(article_id=article.pk, reader=reader, at=now + timedelta(hours=3)).outcome == Outcome.COUNTED


def test_when_redis_is_down_the_log_says_where_views_are_counted_and_read(
    private_redis, make_article, caplog, monkeypatch
):
    import logging

    from newsdesk.audience import counting
    from newsdesk.lib.logs import NowAndThen

    monkeypatch.setattr(counting, "log", NowAndThen(logging.getLogger(counting.__name__), seconds=0))
    article = make_article()
    private_redis.kill()
    with caplog.at_level(logging.WARNING, logger=counting.__name__):
        count_view(article_id=article.pk, reader=_reader(1))
        counts_for({article.pk})
    assert caplog.messages == [
        "Redis is unavailable: counting views in the database",
        "Redis is unavailable: counts come from the database",
    ]
