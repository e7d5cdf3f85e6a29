from datetime import timedelta
from zoneinfo import ZoneInfo

from django.core.management import call_command
from django.utils import timezone

from newsdesk.audience.models import Ranking
from newsdesk.audience.rankings import rankings_compute, rankings_read
from newsdesk.audience.services import views_add

ALMATY = ZoneInfo("Asia/Almaty")


def test_the_worker_stores_rankings_that_pages_read_without_the_buckets(make_article, django_assert_num_queries):
    hit, other = make_article("Hit"), make_article("Other")
    views_add(article_id=hit.pk, views=50, zone=ALMATY)
    views_add(article_id=other.pk, views=5, zone=ALMATY)
    call_command("worker", "--once")
    assert list(Ranking.objects.filter(language="en", window="day").values_list("article_id", flat=True)) == [
        hit.pk,
        other.pk,
    ]
    with django_assert_num_queries(2):  # a few rows of Ranking and their teasers, then the cache
        assert [a.id for a in rankings_read(language="en")["week"]] == [hit.pk, other.pk]
    with django_assert_num_queries(0):
        assert rankings_read(language="en")["day"][0].title == "Hit"


def test_rankings_move_when_readers_move(make_article):
    old, new = make_article("Old"), make_article("New")
    views_add(article_id=old.pk, views=50, at=timezone.now() - timedelta(days=3), zone=ALMATY)
    views_add(article_id=new.pk, views=5, zone=ALMATY)
    rankings_compute()
    assert [a.id for a in rankings_read(language="en")["day"]] == [new.pk]
    assert [a.id for a in rankings_read(language="en")["week"]] == [old.pk, new.pk]


def test_without_the_worker_pages_compute_the_rankings_themselves(make_article):
    article = make_article()
    views_add(article_id=article.pk, views=3, zone=ALMATY)
    rankings_compute(now=timezone.now() - timedelta(hours=1))  # a worker that stopped an hour ago
    views_add(article_id=make_article("Newer").pk, views=9, zone=ALMATY)
    assert len(rankings_read(language="en")["day"]) == 2


def test_a_withdrawn_story_leaves_most_viewed_at_once(make_article, django_capture_on_commit_callbacks):
    from newsdesk.newsroom import services

    article = make_article()
    views_add(article_id=article.pk, views=3, zone=ALMATY)
    rankings_compute()
    assert [a.id for a in rankings_read(language="en")["day"]] == [article.pk]
    with django_capture_on_commit_callbacks(execute=True):
        services.article_withdraw(article=article, by=None)
    assert rankings_read(language="en")["day"] == []


def test_a_process_keeps_its_copy_a_few_seconds_and_hands_out_its_own_entries(make_article, monkeypatch):
    from django.core.cache import cache

    from newsdesk.audience import rankings

    hit = make_article("Hit")
    views_add(article_id=hit.pk, views=50, zone=ALMATY)
    rankings_compute()
    first = rankings_read(language="en")
    first["day"][0].views = "a placeholder while a teaser renders"  # what a page does to its entries
    monkeypatch.setattr(cache, "get", lambda *args, **kwargs: (_ for _ in ()).throw(AssertionError("cache read")))
    again = rankings.most_viewed(language="en", limit=5)
    assert again["day"][0].title == "Hit" and getattr(again["day"][0], "views", 0) != first["day"][0].views
    monkeypatch.undo()
    rankings.rankings_forget(language="en")  # a withdrawal or a new ranking: at once in this process
    assert not rankings._kept.get("en")
