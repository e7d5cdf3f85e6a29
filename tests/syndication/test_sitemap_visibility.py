"""Scheduled, embargoed and withdrawn stories are in no sitemap; due ones appear."""

from datetime import timedelta

import pytest
from django.utils import timezone

from newsdesk.content.events import visibility_announce_due
from newsdesk.content.models import Author, Byline
from newsdesk.newsroom import services as workflow
from tests.conftest import SITE
from tests.syndication.sitemap_schemas import SITEMAP, locs, sitemap, walk


def everything_listed(client, schemas) -> set[str]:
    """Every address in every sitemap the site serves (the index and its children)."""
    children = walk(client, schemas)
    return {SITE + path for path in children} | {loc for root in children.values() for loc in locs(root)}


@pytest.fixture
def hidden(publish_story, agency, announced):
    """A story readers see, and three they must not: scheduled, embargoed, withdrawn, each
    with a byline of an author who has no other story."""
    publish_story("Visible story", ago=timedelta(hours=1))
    soon = timezone.now() + timedelta(hours=1)
    stories = {
        "scheduled": publish_story("Scheduled story", at=soon),
        "embargoed": publish_story("Embargoed story", ago=timedelta(hours=2), embargo_until=soon),
        "withdrawn": publish_story("Withdrawn story", ago=timedelta(days=40)),
    }
    announced(workflow.article_withdraw, article=stories["withdrawn"], by=None)
    for kind, story in stories.items():
        Byline.objects.create(article=story, author=Author.objects.create(name=f"Author of the {kind} story"))
    return stories, soon


def test_hidden_stories_are_in_no_sitemap(client, schemas, hidden):
    stories, _soon = hidden
    listed = everything_listed(client, schemas)
    for story in stories.values():
        assert not [url for url in listed if f"/news/{story.pk}-" in url], story.title
    assert not [url for url in listed if "/author/" in url]
    # The withdrawn story's month had nothing else: no child for it.
    month = timezone.localtime(stories["withdrawn"].published_at).strftime("%Y-%m")
    assert SITE + f"/en/sitemap-{month}.xml" not in listed
    assert client.get(f"/en/sitemap-{month}.xml").status_code == 404


def test_due_stories_appear_once_their_time_comes(client, schemas, hidden, monkeypatch, announced):
    stories, soon = hidden
    later = soon + timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    announced(visibility_announce_due, now=later)  # the worker's announcement
    listed = everything_listed(client, schemas)
    for kind in ("scheduled", "embargoed"):
        story = stories[kind]
        assert f"{SITE}/en/news/{story.pk}-{story.slug}/" in listed, kind
    news = locs(sitemap(client, schemas, "/en/sitemap-news.xml"))
    # Both now published at `soon` (the embargo moved the other's time there), newest first.
    assert news[:2] == [f"{SITE}/en/news/{s.pk}-{s.slug}/" for s in (stories["embargoed"], stories["scheduled"])]
    pages = sitemap(client, schemas, "/en/sitemap-pages.xml")
    authors = [
        url.findtext(SITEMAP + "loc")
        for url in pages.iter(SITEMAP + "url")
        if "/author/" in url.findtext(SITEMAP + "loc")
    ]
    assert len(authors) == 2


def test_a_due_story_appears_even_before_the_worker_announces_it(client, schemas, hidden, monkeypatch):
    """The month's child reads visibility itself; only the index waits for the counts."""
    stories, soon = hidden
    monkeypatch.setattr(timezone, "now", lambda: soon + timedelta(minutes=1))
    month = timezone.localtime(soon).strftime("%Y-%m")
    story = stories["scheduled"]
    assert f"{SITE}/en/news/{story.pk}-{story.slug}/" in locs(sitemap(client, schemas, f"/en/sitemap-{month}.xml"))
