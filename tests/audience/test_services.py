from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Sum

from newsdesk.audience.models import ViewDay, ViewHour, ViewTotal
from newsdesk.audience.services import HourlyViews, views_add, views_import_daily, views_import_history

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
