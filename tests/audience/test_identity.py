import hashlib
from datetime import UTC, datetime, timedelta

import pytest
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


@pytest.mark.parametrize(
    ("first", "second", "same_network"),
    [
        ("203.0.113.7", "203.0.113.250", True),  # one /24
        ("203.0.113.7", "203.0.114.7", False),
        ("2001:db8:1:2::1", "2001:db8:1:ffff::9", True),  # one /48
        ("2001:db8:1::1", "2001:db8:2::1", False),
        ("::ffff:203.0.113.7", "203.0.113.8", True),  # IPv4 written as IPv6
        ("not-an-address", "not-an-address", True),
    ],
)
def test_a_readers_address_and_network_are_keyed_without_the_user_agent(rf, db, first, second, same_network):
    reader_of = identity.reader_of
    one = reader_of(rf.get("/", REMOTE_ADDR=first, HTTP_USER_AGENT="Mozilla/5.0 Firefox/120.0"))
    other = reader_of(rf.get("/", REMOTE_ADDR=second, HTTP_USER_AGENT="Mozilla/5.0 Firefox/121.0"))
    assert (one.network == other.network) is same_network
    assert (one.address == other.address) is (first == second)
    again = reader_of(rf.get("/", REMOTE_ADDR=first, HTTP_USER_AGENT="Mozilla/5.0 Firefox/133.0"))
    assert again.address == one.address and again.today != one.today
    assert first not in one.address and first not in one.network  # keyed hashes, nothing personal


def test_one_ipv6_home_network_is_one_address(rf, db):
    """A machine picks any of the 2**64 addresses of its /64: that must not buy more views."""
    one = identity.reader_of(rf.get("/", REMOTE_ADDR="2001:db8:1:2::1", HTTP_USER_AGENT=BROWSER))
    other = identity.reader_of(rf.get("/", REMOTE_ADDR="2001:db8:1:2:abcd::9", HTTP_USER_AGENT=BROWSER))
    neighbour = identity.reader_of(rf.get("/", REMOTE_ADDR="2001:db8:1:3::1", HTTP_USER_AGENT=BROWSER))
    assert one.address == other.address != neighbour.address and one.network == neighbour.network
