from datetime import timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from newsdesk.audience.rankings import most_viewed
from newsdesk.audience.selectors import attach_counts, ranking_ids, window_start
from newsdesk.audience.services import views_add
from newsdesk.newsroom import services

ALMATY = ZoneInfo("Asia/Almaty")


def test_rankings_count_the_views_received_inside_the_window(make_article):
    now = timezone.now()
    old_hit = make_article("Old hit", at=now - timedelta(days=20))
    fresh = make_article("Fresh", at=now - timedelta(hours=5))
    # The old story has more views in its life, but none this week.
    views_add(article_id=old_hit.pk, views=1000, at=now - timedelta(days=19), zone=ALMATY)
    views_add(article_id=fresh.pk, views=10, at=now - timedelta(hours=1), zone=ALMATY)
    views_add(article_id=old_hit.pk, views=3, at=now - timedelta(hours=2), zone=ALMATY)
    assert ranking_ids(language="en", hours=24, limit=5) == [fresh.pk, old_hit.pk]
    assert ranking_ids(language="en", hours=24 * 7, limit=5) == [fresh.pk, old_hit.pk]
    assert ranking_ids(language="en", hours=24 * 30, limit=5) == [old_hit.pk, fresh.pk]


def test_rankings_leave_out_other_editions_and_withdrawn_stories(make_article):
    now = timezone.now()
    english = make_article("English")
    russian = make_article("Русский", language="ru")
    gone = make_article("Gone")
    for article in (english, russian, gone):
        views_add(article_id=article.pk, views=5, at=now, zone=ALMATY)
    services.article_withdraw(article=gone, by=None)
    assert ranking_ids(language="en", hours=24, limit=5) == [english.pk]


def test_most_viewed_returns_teasers_and_a_page_reads_their_counts_once(make_article, django_assert_num_queries):
    article = make_article()
    views_add(article_id=article.pk, views=7, at=timezone.now() - timedelta(days=3), zone=ALMATY)
    views_add(article_id=article.pk, views=2, zone=ALMATY)
    lists = most_viewed(language="en", limit=5)
    assert [a.title for a in lists["week"]] == [article.title]
    with django_assert_num_queries(1):
        attach_counts([*lists["day"], *lists["week"], *lists["month"]])
    assert [a.views for a in lists["day"] + lists["week"] + lists["month"]] == [9, 9, 9]


def test_window_starts_on_an_hour():
    now = timezone.now().replace(minute=42)
    start = window_start(now=now, hours=24)
    assert start.minute == 0 and timedelta(hours=23) <= now - start < timedelta(hours=24)
