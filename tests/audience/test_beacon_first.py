"""The beacon answered before Django's middleware: the same answer Django gives, a real
count, and anything unusual left to Django."""

import json

import pytest
from django.core.signals import request_finished
from django.core.wsgi import get_wsgi_application

from newsdesk.audience.beacon_first import BeaconsFirst
from newsdesk.newsroom import services
from tests.audience.helpers import stored_total
from tests.audience.test_views import BROWSER, OTHER_BROWSER
from tests.wsgi_calls import django_must_not_be_called, wsgi_call

# Headers whose values are the moment of the answer.
MOMENTS = {"Date", "Expires"}


def beacon(application, article, *, edition: str = "en", method: str = "POST", **headers):
    environ = {"HTTP_USER_AGENT": BROWSER, "REMOTE_ADDR": "10.0.0.1", "CONTENT_LENGTH": "0", **headers}
    return wsgi_call(application, f"/{edition}/news/{article.pk}/views/", method, **environ)


@pytest.mark.parametrize("edition", ["en", "ru", "kk", "kk-latn"])
def test_the_answer_is_the_one_django_gives_with_every_header(make_article, edition):
    language = "kk" if edition == "kk-latn" else edition
    article = make_article(language=language)
    fast = beacon(BeaconsFirst(django_must_not_be_called), article, edition=edition)
    slow = beacon(get_wsgi_application(), article, edition=edition, HTTP_USER_AGENT=OTHER_BROWSER)

    assert fast[0] == slow[0] == "200 OK"
    assert json.loads(fast[2]) == {"views": 1, "counted": True}
    assert json.loads(slow[2]) == {"views": 2, "counted": True}
    without_moments = [{k: v for k, v in headers.items() if k not in MOMENTS} for headers in (fast[1], slow[1])]
    assert without_moments[0] == without_moments[1]
    assert fast[1]["Content-Language"] == edition and "no-store" in fast[1]["Cache-Control"]
    assert stored_total(article) == 2


def test_a_reload_is_not_counted_again_and_a_crawler_not_at_all(make_article):
    article = make_article()
    fast = BeaconsFirst(django_must_not_be_called)
    assert json.loads(beacon(fast, article)[2]) == {"views": 1, "counted": True}
    assert json.loads(beacon(fast, article)[2]) == {"views": 1, "counted": False}
    crawler = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
    assert json.loads(beacon(fast, article, HTTP_USER_AGENT=crawler)[2]) == {"views": 1, "counted": False}
    assert stored_total(article) == 1


def test_the_answer_ends_the_request_as_djangos_does(make_article):
    """request_finished closes the database connections a request leaves (CONN_MAX_AGE)."""
    article = make_article()
    finished = []

    def note(**kwargs):
        finished.append(kwargs)

    request_finished.connect(note)
    try:
        beacon(BeaconsFirst(django_must_not_be_called), article)
    finally:
        request_finished.disconnect(note)
    assert len(finished) == 1


def _went_to_django(article, **how) -> bool:
    called = []

    def django(environ, start_response):
        called.append(environ["PATH_INFO"])
        start_response("418 I'm a teapot", [])
        return [b""]

    beacon(BeaconsFirst(django), article, **how)
    return bool(called)


@pytest.mark.parametrize(
    "how",
    [
        {"method": "GET"},
        {"QUERY_STRING": "x=1"},
        {"HTTP_HOST": "attacker.example"},
        {"CONTENT_LENGTH": str(50 * 1024 * 1024)},
    ],
    ids=["get", "query string", "foreign host", "body over the limit"],
)
def test_anything_unusual_goes_to_django(make_article, how):
    article = make_article()
    assert _went_to_django(article, **how)
    assert not _went_to_django(article)


def test_a_story_readers_cannot_see_goes_to_django_for_its_404(make_article):
    withdrawn = make_article()
    services.article_withdraw(article=withdrawn, by=None, reason="wrong")
    assert _went_to_django(withdrawn)
    status, _headers, _body = beacon(get_wsgi_application(), withdrawn)
    assert status.startswith("404")


def test_plain_http_goes_to_django_where_the_site_redirects_to_https(make_article, settings):
    article = make_article()
    settings.SECURE_SSL_REDIRECT = True
    assert _went_to_django(article)
    assert not _went_to_django(article, **{"wsgi.url_scheme": "https"})
