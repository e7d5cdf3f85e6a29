from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Sum

from newsdesk.audience.models import ViewDay, ViewHour, ViewTotal
from newsdesk.audience.services import (
    HourlyViews,
    views_add,
    views_import_daily,
    views_import_history,
    views_prune_hours,
)

ALMATY = ZoneInfo("Asia/Almaty")


def test_each_view_adds_one_to_the_total_the_hour_and_the_day(make_article):
    article = make_article()
    at = datetime(2025, 12, 11, 15, 30, tzinfo=UTC)  # 20:30 in Almaty
    assert views_add(article_id=article.pk, at=at, zone=ALMATY) == 1
    assert views_add(article_id=article.pk, at=at + timedelta(minutes=10), zone=ALMATY) == 2
    assert views_add(article_id=article.pk, at=at + timedelta(hours=4), zone=ALMATY) == 3  # 00:30 next day
    assert ViewTotal.objects.get(article=article).views == 3
    assert list(ViewHour.objects.filter(article=article).order_by("hour").values_list("hour", "views")) == [
        (datetime(2025, 12, 11, 15, tzinfo=UTC), 2),
        (datetime(2025, 12, 11, 19, tzinfo=UTC), 1),
    ]
    days = dict(ViewDay.objects.filter(article=article).values_list("day", "views"))
    assert {str(day): views for day, views in days.items()} == {"2025-12-11": 2, "2025-12-12": 1}


def test_imported_history_adds_up_everywhere(make_article):
    article = make_article()
    start = datetime(2025, 12, 11, 6, tzinfo=UTC)
    hours = [HourlyViews(hour=start + timedelta(hours=n), views=100 - n) for n in range(30)]
    added = views_import_history(article_id=article.pk, hours=hours, zone=ALMATY)
    expected = sum(100 - n for n in range(30))
    assert added == expected
    assert ViewTotal.objects.get(article=article).views == expected
    assert ViewHour.objects.filter(article=article).aggregate(s=Sum("views"))["s"] == expected
    assert ViewDay.objects.filter(article=article).aggregate(s=Sum("views"))["s"] == expected
    # And live views add on top.
    assert views_add(article_id=article.pk, zone=ALMATY) == expected + 1


def test_daily_import_keeps_the_total_equal_to_the_days(make_article):
    article = make_article()
    day = datetime(2025, 6, 1).date()
    added = views_import_daily(article_id=article.pk, days={day: 500, day + timedelta(days=1): 0})
    assert added == 500
    assert ViewTotal.objects.get(article=article).views == 500
    assert ViewDay.objects.count() == 1


def test_old_hourly_rows_are_pruned_but_an_articles_first_two_days_stay(make_article):
    now = datetime(2026, 11, 26, 12, tzinfo=UTC)
    old_story = make_article("Old", at=now - timedelta(days=60))
    first_hours = now - timedelta(days=60) + timedelta(hours=5)
    later_hours = now - timedelta(days=50)
    recent = now - timedelta(days=2)
    for at in (first_hours, later_hours, recent):
        views_add(article_id=old_story.pk, views=3, at=at, zone=ALMATY)
    assert views_prune_hours(now=now) == 1
    kept = set(ViewHour.objects.filter(article=old_story).values_list("hour", flat=True))
    assert kept == {first_hours.replace(minute=0), recent.replace(minute=0)}
    assert ViewTotal.objects.get(article=old_story).views == 9  # the days and the total keep every view
    assert ViewDay.objects.filter(article=old_story).count() == 3
