"""The index and a month's child cost a fixed number of queries, whatever the archive."""

from datetime import datetime, timedelta

import pytest

from newsdesk.content.services import tags_named
from newsdesk.syndication import sitemap_queries
from tests.conftest import ALMATY

DEC = datetime(2025, 12, 1, 9, 0, tzinfo=ALMATY)


def _archive(publish_story, make_photo, count: int) -> None:
    """`count` stories in December in each language, half with photos, all translated,
    over `count` days (and so months), with tags."""
    for n in range(count):
        at = DEC - timedelta(days=31 * n) if n else DEC
        en = publish_story(
            f"Story {n}", at=at, photo=make_photo() if n % 2 else None, tags=tags_named(language="en", names=[f"t{n}"])
        )
        publish_story(f"История {n}", language="ru", at=at, translation_group=en.translation_group)
        publish_story(f"Хабар {n}", language="kk", at=at, translation_group=en.translation_group)
        if n:  # the rest of December's stories
            publish_story(f"December {n}", at=DEC + timedelta(hours=n), photo=make_photo() if n % 2 else None)


# The settings (1), then: the counts table, the tags pages, the last two days' stories.
INDEX_QUERIES = 4
# The settings, the month's total from the counts, then per chunk of 1,000: the stories
# (photo joined) and their other language versions.
MONTH_QUERIES = 4


@pytest.mark.parametrize("count", [1, 12])
def test_the_index_costs_a_fixed_number_of_queries(
    client, publish_story, make_photo, agency, count, django_assert_max_num_queries
):
    _archive(publish_story, make_photo, count)
    with django_assert_max_num_queries(INDEX_QUERIES):
        response = client.get("/sitemap.xml")
    assert response.status_code == 200 and response.content.count(b"<sitemap>") >= 4 * (1 + count) - 2


@pytest.mark.parametrize("count", [1, 12])
@pytest.mark.parametrize("edition", ["en", "kk-latn"])
def test_a_month_costs_a_fixed_number_of_queries(
    client, publish_story, make_photo, agency, count, edition, django_assert_max_num_queries
):
    _archive(publish_story, make_photo, count)
    with django_assert_max_num_queries(MONTH_QUERIES):
        response = client.get(f"/{edition}/sitemap-2025-12.xml")
    assert response.status_code == 200
    assert response.content.count(b"<url>") == (count if edition == "en" else 1)


def test_a_long_month_costs_two_queries_a_chunk(
    client, publish_story, make_photo, agency, monkeypatch, django_assert_max_num_queries
):
    monkeypatch.setattr(sitemap_queries, "CHUNK", 3)
    _archive(publish_story, make_photo, 7)  # 7 English stories in December: three chunks
    with django_assert_max_num_queries(MONTH_QUERIES + 2 * 2):
        response = client.get("/en/sitemap-2025-12.xml")
    assert response.content.count(b"<url>") == 7


@pytest.mark.parametrize("path", ["/en/sitemap-news.xml", "/en/sitemap-pages.xml", "/en/sitemap-tags-1.xml"])
@pytest.mark.parametrize("count", [1, 12])
def test_the_other_children_cost_a_fixed_number_of_queries(
    client, publish_story, make_photo, agency, path, count, django_assert_max_num_queries
):
    _archive(publish_story, make_photo, count)
    publish_story("Fresh", ago=timedelta(hours=1))
    with django_assert_max_num_queries(5):
        assert client.get(path).status_code == 200
