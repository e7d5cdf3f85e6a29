"""Whole pages from the cache: hits cost nothing, and publishing drops exactly what it changes."""

import time
from datetime import timedelta
from unittest import mock
from urllib.parse import quote

import pytest
from django.utils import timezone

from newsdesk.newsroom import services
from tests.wsgi_calls import django_must_not_be_called, wsgi_call


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    # The process memo is tested on its own below: the other tests see the shared cache.
    settings.NEWSDESK = {**settings.NEWSDESK, "PAGE_CACHE": True, "PAGE_MEMO_SECONDS": 0}


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


def test_a_copy_as_new_as_the_stored_page_answers_304_by_its_time_too(client, story, django_assert_num_queries):
    """Feed readers and crawlers send If-Modified-Since; If-None-Match, when sent, decides."""
    from django.utils.http import http_date

    first = client.get("/en/")
    stored_at = first["Last-Modified"]
    with django_assert_num_queries(0):
        assert client.get("/en/", HTTP_IF_MODIFIED_SINCE=stored_at).status_code == 304
        later = http_date(time.time() + 3600)
        assert client.get("/en/", HTTP_IF_MODIFIED_SINCE=later).status_code == 304
        earlier = http_date(time.time() - 3600)
        assert client.get("/en/", HTTP_IF_MODIFIED_SINCE=earlier).status_code == 200
        assert client.get("/en/", HTTP_IF_MODIFIED_SINCE="not a date").status_code == 200
        # An ETag that does not match wins over a time that would.
        assert client.get("/en/", HTTP_IF_NONE_MATCH='"other"', HTTP_IF_MODIFIED_SINCE=later).status_code == 200
        assert client.get("/en/", HTTP_IF_NONE_MATCH=f'"other", {first["ETag"]}').status_code == 304


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


def test_pages_are_kept_only_until_an_embargo_lifts(story, make_article):
    from django.core.cache import cache

    from newsdesk.public.pagecache import _seconds_to_keep

    now = timezone.now()
    make_article("Held until the minister speaks", embargo_until=now + timedelta(seconds=20))  # published an hour ago
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


def test_an_unknown_host_is_refused_on_a_hit_as_on_a_miss(client, story):
    client.get("/en/")
    assert client.get("/en/", HTTP_HOST="attacker.example").status_code == 400


def test_http_and_https_pages_are_kept_apart_and_dropped_together(client, story, make_article):
    client.get("/en/")
    assert "X-Page-Cache" not in client.get("/en/", secure=True)  # HSTS and redirects differ
    assert client.get("/en/", secure=True)["X-Page-Cache"] == "hit"
    draft = make_article("Breaking: the Senate votes", ago=None)
    with mock.patch("django.db.transaction.on_commit", lambda f: f()):
        services.article_publish(article=draft, by=None)
    assert "X-Page-Cache" not in client.get("/en/")
    assert "X-Page-Cache" not in client.get("/en/", secure=True)


def test_a_process_serves_a_page_it_just_read_for_a_second_and_forgets_what_it_drops(client, story, settings):
    from django.core.cache import cache

    from newsdesk.public.pagecache import forget_paths, page_key

    settings.NEWSDESK = {**settings.NEWSDESK, "PAGE_MEMO_SECONDS": 1}
    client.get("/en/")
    assert client.get("/en/")["X-Page-Cache"] == "hit"  # read from the shared cache, kept
    cache.delete(page_key("/en/", secure=False))  # another server drops it
    assert client.get("/en/")["X-Page-Cache"] == "hit"  # this one catches up...
    later = time.monotonic() + 1.01
    with mock.patch("newsdesk.lib.memo.time.monotonic", return_value=later):
        assert "X-Page-Cache" not in client.get("/en/")  # ...within the second
    assert client.get("/en/")["X-Page-Cache"] == "hit"
    forget_paths(["/en/"])  # dropped here: forgotten at once
    assert "X-Page-Cache" not in client.get("/en/")


# The WSGI layer in front of Django (newsdesk/wsgi.py) answers hits by itself.


def test_the_wsgi_layer_serves_a_stored_page_without_django(client, story):
    from newsdesk.public.pagecache import CachedPagesFirst

    first = client.get(story.get_absolute_url())
    status, headers, body = wsgi_call(CachedPagesFirst(django_must_not_be_called), story.get_absolute_url())
    assert status == "200 OK" and body == first.content and headers["X-Page-Cache"] == "hit"
    # Every header the middleware gave the page, security headers included, comes back.
    for name in ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "ETag", "Content-Type"):
        assert headers[name] == first[name], name
    assert headers["Content-Length"] == str(len(first.content)) and "Set-Cookie" not in headers

    status, headers, body = wsgi_call(
        CachedPagesFirst(django_must_not_be_called), story.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"]
    )
    assert status == "304 Not Modified" and body == b"" and headers["ETag"] == first["ETag"]
    assert "Content-Security-Policy" not in headers
    status, headers, body = wsgi_call(
        CachedPagesFirst(django_must_not_be_called),
        story.get_absolute_url(),
        HTTP_IF_MODIFIED_SINCE=first["Last-Modified"],
    )
    assert status == "304 Not Modified" and body == b""
    status, headers, body = wsgi_call(CachedPagesFirst(django_must_not_be_called), story.get_absolute_url(), "HEAD")
    assert status == "200 OK" and body == b"" and headers["Content-Length"] == str(len(first.content))


@pytest.mark.parametrize(
    ("path", "method", "headers"),
    [
        ("/en/", "GET", {"QUERY_STRING": "before=1"}),  # query strings are never cached
        ("/en/", "POST", {}),
        ("/en/", "GET", {"HTTP_HOST": "attacker.example"}),  # Django answers 400
        ("/en/section/politics/", "GET", {}),  # not stored yet
        ("/admin/login/", "GET", {}),
    ],
)
def test_the_wsgi_layer_sends_everything_else_to_django(client, story, path, method, headers):
    from newsdesk.public.pagecache import CachedPagesFirst

    client.get("/en/")
    client.get("/admin/login/")
    called = []

    def django(environ, start_response):
        called.append(environ["PATH_INFO"])
        start_response("200 OK", [])
        return [b""]

    wsgi_call(CachedPagesFirst(django), path, method, **headers)
    assert called == [path]


@pytest.mark.parametrize("page_cache", [False, True])
@pytest.mark.parametrize(("language", "name", "slug"), [("ru", "выборы", "выборы"), ("en", "Café", "café")])
def test_the_wsgi_application_serves_tags_with_letters_outside_latin_1(
    settings, make_article, page_cache, language, name, slug
):
    """A WSGI server gives PATH_INFO as bytes read as Latin-1; Django must decode it once."""
    from django.core.handlers.wsgi import WSGIHandler
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    from newsdesk.content.models import Tag
    from newsdesk.public.pagecache import CachedPagesFirst

    settings.NEWSDESK = {**settings.NEWSDESK, "PAGE_CACHE": page_cache}
    request_finished.disconnect(close_old_connections)  # as the test client does: keep the test's transaction
    request_started.disconnect(close_old_connections)
    tag = Tag.objects.create(language=language, name=name, slug=slug)
    make_article("Выборы в маслихат" if language == "ru" else "Coffee in Almaty", language=language, tags=[tag])
    application = CachedPagesFirst(WSGIHandler())
    quoted = f"/{language}/tag/{quote(slug)}/"
    try:
        for _ in range(2):  # a miss, then (with the page cache) a hit
            status, _headers, body = wsgi_call(application, quoted)
            assert status == "200 OK", status
            assert name.encode() in body
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.mark.parametrize("host", ["127.0.0.1:6666", "localhost:1", "[::1]:8443"])
def test_a_host_header_cannot_poison_a_cached_page(client, story, host):
    from tests.conftest import SITE

    poisoned = client.get(story.get_absolute_url(), HTTP_HOST=host)
    assert poisoned.status_code == 200
    for response in (poisoned, client.get(story.get_absolute_url())):
        html = response.content.decode()
        port = host.rsplit(":", 1)[1]
        assert f":{port}" not in html and "testserver" not in html
        assert f'<link rel="canonical" href="{SITE}{story.get_absolute_url()}">' in html
        assert f'<meta property="og:url" content="{SITE}{story.get_absolute_url()}">' in html
        assert f'<meta property="og:image" content="{SITE}/media/' in html
    assert response["X-Page-Cache"] == "hit"
