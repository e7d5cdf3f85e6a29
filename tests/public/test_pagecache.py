"""Whole pages from the cache: hits cost nothing, and publishing drops exactly what it changes."""

from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone

from newsdesk.newsroom import services


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.NEWSDESK = {**settings.NEWSDESK, "PAGE_CACHE": True}


def test_a_second_request_is_a_hit_with_no_query_and_the_same_headers(client, story, django_assert_num_queries):
    first = client.get(story.get_absolute_url())
    assert first.status_code == 200 and "X-Page-Cache" not in first
    with django_assert_num_queries(0):
        second = client.get(story.get_absolute_url())
    assert second["X-Page-Cache"] == "hit" and second.content == first.content
    for header in ("Content-Security-Policy", "Content-Type", "ETag", "X-Frame-Options"):
        assert second[header] == first[header], header
    assert second["Cache-Control"] == "public, max-age=60" and not second.cookies


def test_an_unchanged_page_answers_304_before_rendering(client, story, django_assert_num_queries):
    etag = client.get("/en/")["ETag"]
    with django_assert_num_queries(0):
        response = client.get("/en/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304 and not response.content


def test_publishing_drops_exactly_the_pages_that_show_the_story(client, story, make_article, section):
    from newsdesk.content.models import Section

    other = Section.objects.create(slug="sport", name_en="Sport")
    pages = ["/en/", "/en/section/politics/", "/en/section/sport/", story.get_absolute_url()]
    for path in pages:
        client.get(path)
    draft = make_article("Breaking: the Senate votes", ago=None)
    with mock.patch("django.db.transaction.on_commit", lambda f: f()):
        services.article_publish(article=draft, by=None)
    assert "X-Page-Cache" not in client.get("/en/")  # shows the new story
    assert "Breaking: the Senate votes" in client.get("/en/").content.decode()
    assert "X-Page-Cache" not in client.get("/en/section/politics/")
    assert client.get("/en/section/sport/")["X-Page-Cache"] == "hit"  # another section: untouched
    assert client.get(story.get_absolute_url())["X-Page-Cache"] == "hit"  # another story: untouched
    assert other.pk


def test_withdrawing_drops_the_storys_page_at_once(client, story):
    client.get(story.get_absolute_url())
    with mock.patch("django.db.transaction.on_commit", lambda f: f()):
        services.article_withdraw(article=story, by=None)
    assert client.get(story.get_absolute_url()).status_code == 410


def test_pages_are_kept_only_until_the_next_scheduled_story_is_due(story, make_article):
    from newsdesk.public.pagecache import PAGE_SECONDS, _seconds_to_keep

    now = timezone.now()
    assert _seconds_to_keep(now) == PAGE_SECONDS
    make_article("Scheduled statement", at=now + timedelta(seconds=20))
    from django.core.cache import cache

    cache.clear()
    assert 19 <= _seconds_to_keep(now) <= 21


def test_a_scheduled_story_appears_at_its_minute_even_through_the_cache(client, story, make_article, settings):
    if "locmem" not in settings.CACHES["default"]["BACKEND"]:
        pytest.skip("moves the local-memory cache's clock; the rule itself is tested above")
    at = timezone.now() + timedelta(seconds=20)
    make_article("Scheduled statement", at=at)
    assert "Scheduled statement" not in client.get("/en/").content.decode()
    later = at + timedelta(seconds=1)
    # The cached home was stored to expire when the story comes due (20 s, not 60 s).
    with (
        mock.patch("django.utils.timezone.now", return_value=later),
        mock.patch("django.core.cache.backends.locmem.time.time", return_value=later.timestamp()),
    ):
        assert "Scheduled statement" in client.get("/en/").content.decode()


def test_query_strings_posts_and_the_back_office_are_never_cached(client, story):
    client.get("/en/?before=1765467000000000.1")
    assert "X-Page-Cache" not in client.get("/en/?before=1765467000000000.1")
    client.get("/admin/login/")
    assert "X-Page-Cache" not in client.get("/admin/login/")


def test_error_pages_are_not_cached(client, db):
    client.get("/en/no-such-page/")
    assert "X-Page-Cache" not in client.get("/en/no-such-page/")
