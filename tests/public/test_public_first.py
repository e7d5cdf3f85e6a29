"""The reader's pages through only the middleware they need: the answer the whole stack
gives, header for header, and everything else left to the whole stack."""

import pytest
from django.core.wsgi import get_wsgi_application

from newsdesk.public.public_first import NOT_FOR_READERS, PublicPagesFirst, ReadersHandler, readers_middleware
from tests.wsgi_calls import django_must_not_be_called, wsgi_call

# Headers whose values are the moment of the answer.
MOMENTS = {"Date", "Expires"}


@pytest.fixture
def pages(story, make_article, agency):
    kk = make_article("Астанада жаңа емхана ашылды", language="kk")
    ru = make_article("В Астане открылась клиника", language="ru")
    return [
        "/en/",
        "/ru/",
        "/kk/",
        "/kk-latn/",
        story.get_absolute_url(),
        f"/kk-latn/news/{kk.pk}-{kk.slug}/",
        ru.get_absolute_url(),
        f"/en/section/{story.section.slug}/",
        "/en/tag/who/",
        "/en/most-viewed/",
        "/en/live/",
        "/en/rss.xml",
        "/sitemap.xml",
        "/en/no-such-page/",  # Django's 404, through the readers' handler too
        f"/ru/news/{story.pk}-{story.slug}/",  # the story's one address: a redirect
    ]


def test_every_reader_page_is_the_answer_of_the_whole_stack(pages):
    readers = PublicPagesFirst(django_must_not_be_called)
    whole = get_wsgi_application()
    for path in pages:
        fast, slow = wsgi_call(readers, path), wsgi_call(whole, path)
        assert fast[0] == slow[0], path
        assert fast[2] == slow[2], path
        assert {k: v for k, v in fast[1].items() if k not in MOMENTS} == {
            k: v for k, v in slow[1].items() if k not in MOMENTS
        }, path
        assert "Set-Cookie" not in fast[1], path
    statuses = [wsgi_call(readers, path)[0] for path in pages]
    assert statuses.count("200 OK") == len(pages) - 2 and statuses[-2:] == ["404 Not Found", "301 Moved Permanently"]


def test_the_back_office_forms_and_beacons_go_to_the_whole_stack(story):
    readers = PublicPagesFirst(django_must_not_be_called, readers=django_must_not_be_called)
    for method, path in [
        ("GET", "/admin/"),
        ("GET", "/static/newsdesk/site.css"),
        ("POST", "/en/"),
        ("POST", f"/en/news/{story.pk}/views/"),
        ("GET", f"/en/news/{story.pk}/seen.gif"),
        ("GET", "/api/v1/"),
    ]:
        with pytest.raises(AssertionError, match="went to Django"):
            wsgi_call(readers, path, method)


def test_the_readers_middleware_is_the_whole_list_less_what_readers_never_use(settings):
    kept = readers_middleware()
    assert kept == [path for path in settings.MIDDLEWARE if path not in NOT_FOR_READERS]
    assert kept[0] == "newsdesk.public.pagecache.page_cache" and len(kept) == len(settings.MIDDLEWARE) - 8
    handler = ReadersHandler()
    assert settings.MIDDLEWARE[4] == "whitenoise.middleware.WhiteNoiseMiddleware"  # put back after loading
    assert handler._middleware_chain is not None
