import hashlib
from datetime import UTC, datetime, timedelta

from django.test import RequestFactory

from newsdesk.audience import identity
from newsdesk.audience.models import DailySalt

BROWSER = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36"


def _request(address="10.0.0.1", user_agent=BROWSER):
    return RequestFactory().get("/", REMOTE_ADDR=address, HTTP_USER_AGENT=user_agent)


def test_a_reader_is_a_keyed_hash_that_changes_every_day(db):
    noon = datetime(2026, 11, 26, 12, tzinfo=UTC)
    today = identity.reader_of(_request(), at=noon)
    assert today == identity.reader_of(_request(), at=noon + timedelta(hours=3))
    assert today.today != identity.reader_of(_request(), at=noon + timedelta(days=1)).today
    assert today.today != identity.reader_of(_request(address="10.0.0.2"), at=noon).today
    # Keyed: without the day's salt, no one can recompute it from a list of addresses.
    assert today.today != hashlib.sha256(f"10.0.0.1\n{BROWSER}".encode()).hexdigest()[:32]
    assert today.yesterday is None


def test_just_after_midnight_yesterdays_hash_is_known_too(db, settings):
    before = identity.reader_of(_request(), at=datetime(2026, 11, 26, 23, 50, tzinfo=UTC))
    after = identity.reader_of(_request(), at=datetime(2026, 11, 27, 0, 10, tzinfo=UTC))
    assert after.yesterday == before.today and after.today != before.today


def test_salts_are_forgotten_after_two_days(db):
    for day in range(20, 27):
        identity.salt_for(datetime(2026, 11, day).date())
    identity.salts_forget(today=datetime(2026, 11, 26).date())
    assert sorted(str(d) for d in DailySalt.objects.values_list("day", flat=True)) == ["2026-11-25", "2026-11-26"]
