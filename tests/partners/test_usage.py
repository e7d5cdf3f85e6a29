"""Rate limits and daily use: in Redis when there is one (shared by every app server),
in the database otherwise, and in the database again when Redis stops answering."""

import redis

from newsdesk.partners.models import PartnerMinute, PartnerUsage
from newsdesk.partners.usage import usage_flush


def test_with_redis_the_limit_is_counted_there_and_use_is_flushed_to_the_database(api, make_partner, private_redis):
    partner, key = make_partner("Small", requests_per_minute=3)
    for _ in range(3):
        assert api("/items", key=key).status_code == 200
    assert api("/items", key=key).status_code == 429
    assert not PartnerMinute.objects.exists()  # counted in Redis, not in the database
    client = redis.Redis.from_url(private_redis.url)
    assert any(b":api:rate:" in name for name in client.keys("*"))
    assert not PartnerUsage.objects.exists()
    assert usage_flush() == 1
    usage = PartnerUsage.objects.get(partner=partner)
    assert usage.requests == 3  # answered requests; the refused one is not use
    assert usage_flush() == 0  # flushed once


def test_when_redis_stops_the_database_counts(api, make_partner, private_redis):
    partner, key = make_partner("Small", requests_per_minute=2)
    private_redis.kill()
    assert api("/items", key=key).status_code == 200
    assert api("/items", key=key).status_code == 200
    assert api("/items", key=key).status_code == 429
    assert PartnerMinute.objects.get(partner=partner).requests == 3
    assert PartnerUsage.objects.get(partner=partner).requests == 2


def test_the_databases_minute_counts_are_tidied_after_an_hour(make_partner):
    from datetime import timedelta

    from django.utils import timezone

    from newsdesk.partners.jobs import rate_minutes_tidy

    partner, _key = make_partner()
    now = timezone.now().replace(second=0, microsecond=0)
    PartnerMinute.objects.create(partner=partner, minute=now - timedelta(hours=2), requests=5)
    PartnerMinute.objects.create(partner=partner, minute=now, requests=1)
    rate_minutes_tidy()
    assert list(PartnerMinute.objects.values_list("requests", flat=True)) == [1]


def test_the_flush_takes_each_kept_day_by_name_and_never_walks_the_keyspace(make_partner, private_redis):
    """Readers' view marks fill Redis on a busy site; a SCAN of them all would hold up the
    view counts' flush on the worker's beat. Days kept are found by their names, an
    unfinished flush of one first."""
    from datetime import timedelta

    from django.utils import timezone

    from newsdesk.partners.usage import USAGE_KEPT_DAYS, _key

    partner, _ = make_partner("Small")
    client = redis.Redis.from_url(private_redis.url)
    today = timezone.now().date()
    oldest = (today - timedelta(days=USAGE_KEPT_DAYS)).isoformat()
    client.hset(_key("usage", oldest) + ":flushing", f"{partner.pk}:requests", 2)  # a flush cut short
    client.hset(_key("usage", oldest), f"{partner.pk}:requests", 3)  # and what came after it
    client.hset(_key("usage", today.isoformat()), mapping={f"{partner.pk}:requests": 5, f"{partner.pk}:items": 40})
    client.mset({f"view-mark-{n}": 1 for n in range(2000)})  # what else the database holds
    scans = client.info("commandstats").get("cmdstat_scan", {}).get("calls", 0)

    usage_flush()

    assert client.info("commandstats").get("cmdstat_scan", {}).get("calls", 0) == scans
    assert dict(PartnerUsage.objects.values_list("day", "requests")) == {
        today - timedelta(days=USAGE_KEPT_DAYS): 5,
        today: 5,
    }
    assert PartnerUsage.objects.get(day=today).items == 40
    assert not [name for name in client.keys("*usage*")]
