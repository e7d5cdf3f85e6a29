"""Feeds kept by the page cache: 304s, and a story's change drops exactly the feeds that list it."""

from datetime import datetime, timedelta
from unittest import mock
from urllib.parse import quote

import pytest
from django.utils import timezone

from newsdesk.content.models import Author, Section, Tag
from newsdesk.content.services import tags_named
from newsdesk.newsroom import services as workflow
from newsdesk.syndication.feed_paths import feed_paths_showing
from tests.conftest import ALMATY
from tests.syndication.conftest import add_bylines, parsed


def test_the_feeds_showing_a_story_are_its_editions_section_tags_and_authors_in_each_edition(make_article, people):
    tags = tags_named(language="kk", names=["Астана", "Денсаулық"])
    story = make_article("Тест", language="kk", tags=tags)
    add_bylines(story, *people)
    expected = set()
    for edition in ("kk", "kk-latn"):
        for kind in ("rss", "atom"):
            expected |= {
                f"/{edition}/{kind}.xml",
                f"/{edition}/section/{story.section.slug}/{kind}.xml",
                *(f"/{edition}/tag/{quote(tag.slug)}/{kind}.xml" for tag in tags),
                *(f"/{edition}/author/{person.slug}/{kind}.xml" for person in people),
            }
    paths = feed_paths_showing(story)
    assert len(paths) == 24 and set(paths) == expected


@pytest.fixture
def cached(settings):
    settings.NEWSDESK = {**settings.NEWSDESK, "PAGE_CACHE": True, "PAGE_MEMO_SECONDS": 0}


def _hit(client, path: str) -> bool:
    return client.get(path).get("X-Page-Cache") == "hit"


def test_a_feed_is_kept_and_answers_304_to_both_validators(client, make_story, cached, django_assert_num_queries):
    first = client.get("/en/rss.xml")
    assert first.status_code == 200 and "X-Page-Cache" not in first
    assert first["ETag"] and first["Last-Modified"] and first["Cache-Control"] == "public, max-age=60"
    with django_assert_num_queries(0):
        second = client.get("/en/rss.xml")
        by_tag = client.get("/en/rss.xml", HTTP_IF_NONE_MATCH=first["ETag"])
        by_time = client.get("/en/rss.xml", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert second["X-Page-Cache"] == "hit" and second.content == first.content
    assert second["Content-Type"] == "application/rss+xml; charset=utf-8"
    assert by_tag.status_code == 304 and by_time.status_code == 304 and not by_tag.content
    assert client.get("/en/rss.xml", HTTP_IF_NONE_MATCH='"another"').status_code == 200


FEEDS = ["/en/rss.xml", "/en/atom.xml", "/en/section/politics/rss.xml", "/en/section/politics/atom.xml"]
FEEDS += ["/en/tag/summit/rss.xml", "/en/tag/summit/atom.xml"]


def _author_feeds(author: Author) -> list[str]:
    return [f"/en/author/{author.slug}/rss.xml", f"/en/author/{author.slug}/atom.xml"]


def test_publishing_drops_the_feeds_that_list_the_story_and_no_other(
    client, make_story, make_article, people, cached, django_capture_on_commit_callbacks
):
    shown = make_story()
    sport = Section.objects.create(slug="sport", name_en="Sport")
    make_story("Football final", section=sport, tag_slug="football", tag_name="Football", authors=())
    others = ["/en/section/sport/rss.xml", "/en/tag/football/atom.xml", "/ru/rss.xml"]
    everything = FEEDS + _author_feeds(people[0]) + others
    for path in everything:
        client.get(path)
    assert all(_hit(client, path) for path in everything)
    draft = make_article("Breaking: the Senate votes", ago=None, tags=list(shown.tags.all()))
    add_bylines(draft, people[0])
    with django_capture_on_commit_callbacks(execute=True):
        workflow.article_publish(article=draft, by=None)
    for path in FEEDS + _author_feeds(people[0]):
        response = client.get(path)
        assert "X-Page-Cache" not in response, path
        assert parsed(response).entries[0].title == "Breaking: the Senate votes", path
    assert all(_hit(client, path) for path in others)  # not theirs: kept


def test_a_correction_drops_the_feeds_at_once(client, make_story, people, cached, django_capture_on_commit_callbacks):
    story = make_story(corrected=False)
    for path in FEEDS + _author_feeds(people[1]):
        client.get(path)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.article_save(article=story, by=None, correction_note="The minister's name was misspelt.")
    for path in FEEDS + _author_feeds(people[1]):
        response = client.get(path)
        assert "X-Page-Cache" not in response, path
        assert "The minister&#x27;s name was misspelt." in parsed(response).entries[0].summary, path


def test_a_corrected_story_is_in_the_corrections_feeds_of_its_editions(make_article):
    story = make_article("Тест", language="kk")
    assert not [path for path in feed_paths_showing(story) if "/corrections/" in path]
    story = workflow.article_save(article=story, by=None, correction_note="Аты қате жазылған.")
    assert [path for path in feed_paths_showing(story) if "/corrections/" in path] == [
        "/kk/corrections/rss.xml",
        "/kk/corrections/atom.xml",
        "/kk-latn/corrections/rss.xml",
        "/kk-latn/corrections/atom.xml",
    ]


def test_a_published_correction_drops_the_stored_corrections_feeds(
    client, make_story, cached, django_capture_on_commit_callbacks
):
    story = make_story(corrected=False)
    paths = ["/en/corrections/rss.xml", "/en/corrections/atom.xml"]
    for path in paths:
        assert parsed(client.get(path)).entries == []
    assert all(_hit(client, path) for path in paths)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.article_save(article=story, by=None, correction_note="The date was wrong.")
    for path in paths:
        response = client.get(path)
        assert "X-Page-Cache" not in response, path
        assert [entry.summary for entry in parsed(response).entries] == ["<p>The date was wrong.</p>"], path
    with django_capture_on_commit_callbacks(execute=True):
        workflow.article_withdraw(article=story, by=None)
    for path in paths:
        assert parsed(client.get(path)).entries == [], path


def test_a_withdrawn_story_leaves_every_feed_at_once(
    client, make_story, make_article, people, cached, django_capture_on_commit_callbacks
):
    story = make_story()
    make_article("Older news", at=datetime(2025, 12, 10, 9, 0, tzinfo=ALMATY), tags=list(story.tags.all()))
    for path in FEEDS + _author_feeds(people[0]):
        client.get(path)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.article_withdraw(article=story, by=None)
    for path in FEEDS:
        assert [e.title for e in parsed(client.get(path)).entries] == ["Older news"], path
    for path in _author_feeds(people[0]):  # nothing of theirs is left
        assert client.get(path).status_code == 404


def test_a_scheduled_story_appears_in_the_stored_feed_at_its_minute(client, make_article, cached, settings):
    if "locmem" not in settings.CACHES["default"]["BACKEND"]:
        pytest.skip("moves the local-memory cache's clock; the page cache's rule is tested in tests/public")
    at = timezone.now() + timedelta(seconds=20)
    make_article("Scheduled statement", at=at)
    assert "Scheduled statement" not in client.get("/en/rss.xml").content.decode()
    assert client.get("/en/rss.xml")["X-Page-Cache"] == "hit"
    later = at + timedelta(seconds=1)
    with (
        mock.patch("django.utils.timezone.now", return_value=later),
        mock.patch("django.core.cache.backends.locmem.time.time", return_value=later.timestamp()),
    ):
        assert "Scheduled statement" in client.get("/en/rss.xml").content.decode()


def test_a_non_ascii_tags_stored_feed_and_page_are_dropped_too(
    client, make_article, cached, django_capture_on_commit_callbacks
):
    """Pages are stored under the decoded path (request.path), reversed URLs are
    percent-encoded: forgetting must find the one from the other."""
    tag = Tag.objects.create(language="kk", name="Саммит", slug="саммит")
    make_article("Бірінші", language="kk", tags=[tag])
    paths = ["/kk/tag/саммит/rss.xml", "/kk-latn/tag/саммит/atom.xml", "/kk/tag/саммит/"]
    for path in paths:
        client.get(path)
    assert all(_hit(client, path) for path in paths)
    draft = make_article("Екінші", language="kk", tags=[tag], ago=None)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.article_publish(article=draft, by=None)
    assert not any(_hit(client, path) for path in paths)
