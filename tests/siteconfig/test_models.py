import pytest
from django.core.exceptions import ValidationError

from newsdesk.siteconfig.models import SiteSettings
from newsdesk.siteconfig.selectors import site_settings


def test_settings_are_created_with_defaults_and_cached(db, django_assert_num_queries):
    first = site_settings()
    assert first.time_zone == "Asia/Almaty" and first.name_for("en") == "Newsdesk"
    with django_assert_num_queries(0):
        site_settings()


def test_saving_settings_is_seen_at_once(db):
    site_settings()
    row = SiteSettings.objects.get(pk=1)
    row.name_en = "Kazakhstan Today"
    row.save()
    assert site_settings().name_for("en") == "Kazakhstan Today"


def test_there_is_only_one_row(db):
    SiteSettings(name_en="A").save()
    SiteSettings(name_en="B").save()
    assert SiteSettings.objects.count() == 1


@pytest.mark.parametrize("zone", ["Mars/Olympus", "", "UTC+5", "../../etc/passwd"])
def test_unknown_time_zones_are_refused(db, zone):
    with pytest.raises(ValidationError):
        SiteSettings(time_zone=zone).full_clean()


def test_pages_show_times_in_the_agencys_zone(client, make_article):
    from datetime import UTC, datetime

    make_article(at=datetime(2025, 12, 11, 15, 30, tzinfo=UTC))
    assert "11.12.2025, 20:30" in client.get("/en/").content.decode()
    row = site_settings()
    row.time_zone = "Europe/London"
    row.save()
    assert "11.12.2025, 15:30" in client.get("/en/").content.decode()
