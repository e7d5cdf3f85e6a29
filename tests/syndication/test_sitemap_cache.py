"""Sitemaps are kept with the pages, and a story's change forgets exactly the stale ones."""

from datetime import datetime, timedelta

import pytest

from newsdesk.content.services import tags_named
from newsdesk.newsroom import services as workflow
from newsdesk.syndication.sitemap_invalidation import sitemap_paths_showing
from tests.conftest import ALMATY


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.NEWSDESK = {**settings.NEWSDESK, "PAGE_CACHE": True, "PAGE_MEMO_SECONDS": 0}


DEC_11 = datetime(2025, 12, 11, 20, 30, tzinfo=ALMATY)


def hit(client, path: str) -> bool:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.get("X-Page-Cache") == "hit"


def test_a_sitemap_is_served_from_the_cache_without_a_query(client, publish_story, agency, django_assert_num_queries):
    publish_story("One", at=DEC_11)
    for path in ("/sitemap.xml", "/en/sitemap-2025-12.xml"):
        first = client.get(path)
        with django_assert_num_queries(0):
            second = client.get(path)
        assert second["X-Page-Cache"] == "hit" and second.content == first.content
        assert second["Content-Type"] == "application/xml; charset=utf-8"
        with django_assert_num_queries(0):
            assert client.get(path, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_the_paths_a_story_makes_stale_are_exactly_these(publish_story, agency, limit):
    limit(2)
    tags = tags_named(language="kk", names=["Астана", "Денсаулық", "Экономика"])
    story = publish_story("Тест", language="kk", at=datetime(2025, 12, 1, 0, 30, tzinfo=ALMATY), tags=tags)
    pages = {(tag.pk - 1) // 2 + 1 for tag in tags}
    expected = {"/sitemap.xml"}
    for edition in ("kk", "kk-latn"):
        expected |= {
            f"/{edition}/sitemap-news.xml",
            f"/{edition}/sitemap-pages.xml",
            f"/{edition}/sitemap-2025-12.xml",  # the agency's month: still November in UTC
            f"/{edition}/sitemap-2025-12-01.xml",
            *(f"/{edition}/sitemap-tags-{page}.xml" for page in pages),
        }
    assert set(sitemap_paths_showing(story)) == expected


def test_publishing_forgets_the_sitemaps_that_list_the_story_and_no_other(
    client, publish_story, make_article, agency, announced
):
    tag = tags_named(language="kk", names=["Астана"])
    publish_story("Ескі", language="kk", at=DEC_11, tags=tag)
    publish_story("Қараша", language="kk", at=DEC_11 - timedelta(days=30))
    publish_story("English", at=DEC_11)
    publish_story("Fresh", ago=timedelta(hours=1))
    kazakh = [
        "/kk/sitemap-2025-12.xml",
        "/kk-latn/sitemap-2025-12.xml",
        "/kk/sitemap-pages.xml",
        "/kk/sitemap-tags-1.xml",
    ]
    untouched = ["/kk/sitemap-2025-11.xml", "/en/sitemap-2025-12.xml", "/en/sitemap-news.xml", "/en/sitemap-pages.xml"]
    for path in ["/sitemap.xml", *kazakh, *untouched]:
        client.get(path)
    draft = make_article("Жаңа", language="kk", ago=None, tags=tag)
    announced(workflow.article_publish, article=draft, by=None, at=DEC_11 + timedelta(hours=1))
    assert not hit(client, "/sitemap.xml")
    for path in kazakh:
        assert not hit(client, path), path
    assert f"/kk-latn/news/{draft.pk}-".encode() in client.get("/kk-latn/sitemap-2025-12.xml").content
    for path in untouched:
        assert hit(client, path), path


def test_a_new_month_appears_in_the_index_at_once(client, publish_story, make_article, agency, announced):
    publish_story("Old", at=DEC_11)
    assert b"sitemap-2025-10.xml" not in client.get("/sitemap.xml").content
    draft = make_article("October", ago=None)
    announced(workflow.article_publish, article=draft, by=None, at=DEC_11 - timedelta(days=60))
    assert b"/en/sitemap-2025-10.xml" in client.get("/sitemap.xml").content


def test_withdrawing_forgets_the_news_sitemap_and_the_month(client, publish_story, agency, announced):
    story = publish_story("Soon withdrawn", ago=timedelta(hours=1))
    publish_story("Stays", ago=timedelta(hours=2))
    paths = sitemap_paths_showing(story)
    month = next(p for p in paths if p.startswith("/en/sitemap-20") and p.count("-") == 2)
    for path in ("/en/sitemap-news.xml", month):
        client.get(path)
    announced(workflow.article_withdraw, article=story, by=None)
    for path in ("/en/sitemap-news.xml", month):
        response = client.get(path)
        assert "X-Page-Cache" not in response and f"/news/{story.pk}-".encode() not in response.content
