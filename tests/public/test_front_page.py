"""The home's hierarchy (content.selectors.front_page), the breaking banner
(public/breaking.py) and the view counts a teaser leaves out."""

import json
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from newsdesk.audience.services import views_add
from newsdesk.content.models import FrontSlot
from newsdesk.newsroom import front
from newsdesk.public.pagecache import PAGE_SECONDS, _seconds_to_keep
from tests.conftest import ALMATY


@pytest.fixture
def stories(make_article):
    """Six stories, the newest first: "Story 0" is an hour old, "Story 5" six hours."""
    return [make_article(f"Story {n}", ago=timedelta(hours=n + 1)) for n in range(6)]


def _top(html: str) -> str:
    return re.search(r'<article class="teaser top-story">.*?<h3 class="teaser-title"><a [^>]*>([^<]+)</a>', html, re.S)[
        1
    ]


def _secondary(html: str) -> list[str]:
    block = re.search(r'<div class="feed secondary-stories">(.*?)</div>\n</section>', html, re.S)[1]
    return re.findall(r'<h3 class="teaser-title"><a [^>]*>([^<]+)</a>', block)


def _clock(monkeypatch, moment) -> None:
    """Readers come back at `moment`: every comparison with now is made then."""
    monkeypatch.setattr(timezone, "now", lambda: moment)


def test_without_pins_the_newest_leads_then_the_next_three_then_the_feed(client, stories):
    html = client.get("/en/").content.decode()
    assert _top(html) == "Story 0"
    assert _secondary(html) == ["Story 1", "Story 2", "Story 3"]
    feed = html.split('<h2 class="feed-heading">')[1]
    assert "Story 4" in feed and "Story 5" in feed and "Story 0" not in feed  # each story once


def test_the_pinned_story_leads_until_its_time_then_the_newest_leads(client, stories, monkeypatch):
    now = timezone.now()
    front.front_pin(article=stories[4], slot=FrontSlot.TOP, until=now + timedelta(minutes=10), by=None)
    front.front_pin(article=stories[5], slot=FrontSlot.SECONDARY, until=now + timedelta(hours=2), by=None)
    html = client.get("/en/").content.decode()
    assert _top(html) == "Story 4"
    assert _secondary(html) == ["Story 5", "Story 0", "Story 1"]  # pinned first, then the newest
    _clock(monkeypatch, now + timedelta(minutes=11))
    html = client.get("/en/").content.decode()
    assert _top(html) == "Story 0"
    assert _secondary(html) == ["Story 5", "Story 1", "Story 2"]
    _clock(monkeypatch, now + timedelta(hours=3))
    assert _secondary(client.get("/en/").content.decode()) == ["Story 1", "Story 2", "Story 3"]


def test_a_pin_holds_only_in_its_own_edition_and_only_while_readers_see_the_story(client, stories, make_article):
    kazakh = make_article("Жаңалық", language="kk")
    front.front_pin(article=stories[3], slot=FrontSlot.TOP, until=timezone.now() + timedelta(hours=1), by=None)
    assert _top(client.get("/kk/").content.decode()) == "Жаңалық"
    assert _top(client.get("/en/").content.decode()) == "Story 3"
    from newsdesk.newsroom import services

    services.article_withdraw(article=stories[3], by=None)
    assert _top(client.get("/en/").content.decode()) == "Story 0"
    assert kazakh.pk


def test_older_pages_of_the_feed_are_the_plain_feed(client, stories, settings):
    settings.NEWSDESK = {**settings.NEWSDESK, "FEED_PAGE_SIZE": 1}
    first = client.get("/en/").content.decode()
    older = re.search(r'href="(\?before=[^"]+)"', first)[1]
    second = client.get("/en/" + older).content.decode()
    assert 'class="teaser top-story"' not in second and "Story 5" in second


def test_the_home_is_forgotten_at_a_pin_and_stored_no_longer_than_the_pin_lasts(
    client, stories, settings, django_capture_on_commit_callbacks
):
    settings.NEWSDESK = {**settings.NEWSDESK, "PAGE_CACHE": True, "PAGE_MEMO_SECONDS": 0}
    client.get("/en/")
    assert client.get("/en/")["X-Page-Cache"] == "hit"
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        front.front_pin(article=stories[5], slot=FrontSlot.TOP, until=now + timedelta(seconds=40), by=None)
    response = client.get("/en/")
    assert "X-Page-Cache" not in response and _top(response.content.decode()) == "Story 5"
    assert _seconds_to_keep(now) <= 41
    assert _seconds_to_keep(now + timedelta(seconds=50)) == PAGE_SECONDS


# The breaking banner


def test_the_banner_is_on_every_page_of_its_edition_until_its_time(client, stories, monkeypatch):
    now = timezone.now()
    front.breaking_start(article=stories[2], by=None, until=now + timedelta(minutes=30))
    for path in ("/en/", stories[4].get_absolute_url(), "/en/section/politics/", "/en/search/?q=story"):
        html = client.get(path).content.decode()
        banner = re.search(r'<div class="breaking-banner"[^>]*>.*?</div>', html, re.S)[0]
        assert "hidden" not in banner.split(">")[0] and f'href="{stories[2].get_absolute_url()}">Story 2<' in banner
    assert 'class="breaking-banner"' in client.get("/ru/").content.decode()
    assert "Story 2" not in client.get("/ru/").content.decode()  # another edition's story
    _clock(monkeypatch, now + timedelta(minutes=31))
    from newsdesk.public import breaking

    breaking._current.clear()  # this process's few seconds are over too
    html = client.get("/en/section/politics/").content.decode()
    assert re.search(r'<div class="breaking-banner"[^>]*hidden>', html)


def test_breaking_json_tells_cached_pages_within_seconds_and_sets_no_cookie(
    client, stories, django_capture_on_commit_callbacks
):
    empty = client.get("/en/breaking.json")
    assert json.loads(empty.content) == {"breaking": None}
    assert empty["Cache-Control"] == "public, max-age=5" and not empty.cookies
    with django_capture_on_commit_callbacks(execute=True):
        front.breaking_start(article=stories[1], by=None)
    assert json.loads(client.get("/en/breaking.json").content)["breaking"] == {
        "label": "Breaking",
        "title": "Story 1",
        "url": stories[1].get_absolute_url(),
    }
    with django_capture_on_commit_callbacks(execute=True):
        front.breaking_end(article=stories[1], by=None)
    assert json.loads(client.get("/en/breaking.json").content) == {"breaking": None}


def test_the_latin_edition_writes_the_banner_in_its_own_capitals(client, make_article):
    story = make_article("Шұғыл хабар", language="kk")
    front.breaking_start(article=story, by=None)
    data = json.loads(client.get("/kk-latn/breaking.json").content)["breaking"]
    assert data["title"] == "Şūğyl habar" and data["label"] == data["label"].upper()


def test_a_stored_page_does_not_outlive_the_banner(stories):
    now = timezone.now()
    front.breaking_start(article=stories[0], by=None, until=now + timedelta(seconds=20))
    assert _seconds_to_keep(now) <= 21


# View counts under the threshold


def test_a_teaser_under_the_threshold_shows_its_time_only(client, make_article, settings):
    quiet, read = make_article("Quiet story"), make_article("Read story", ago=timedelta(hours=2))
    views_add(article_id=quiet.pk, views=99, zone=ALMATY)
    views_add(article_id=read.pk, views=100, zone=ALMATY)
    for _twice in range(2):  # the second time from the kept teasers
        html = client.get("/en/").content.decode()
        assert f'data-views-for="{quiet.pk}"' not in html and f'<span data-views-for="{read.pk}">100</span>' in html
    assert f'data-views-for="{quiet.pk}"' not in client.get(quiet.get_absolute_url()).content.decode()
    settings.NEWSDESK = {**settings.NEWSDESK, "VIEWS_SHOWN_FROM": 0}
    html = client.get("/en/").content.decode()
    assert f'<span data-views-for="{quiet.pk}">99</span>' in html


def test_under_the_feed_each_menu_section_shows_its_newest_stories_not_shown_above(client, make_article, settings):
    from newsdesk.content.models import Section

    settings.NEWSDESK = {**settings.NEWSDESK, "FEED_PAGE_SIZE": 2, "FRONT_SECONDARY": 1, "SECTION_BLOCK_SIZE": 2}
    sport = Section.objects.create(slug="sport", name_en="Sport", position=1)
    Section.objects.create(slug="hidden", name_en="Hidden", is_in_menu=False, position=2)
    for n in range(5):
        make_article(f"Politics {n}", ago=timedelta(minutes=n + 1))
    for n in range(3):
        make_article(f"Sport {n}", ago=timedelta(hours=n + 1), section=sport)
    html = client.get("/en/").content.decode()
    blocks = dict(
        re.findall(
            r'<h2 class="feed-heading" id="section-block-([a-z]+)">.*?<div class="feed">(.*?)</div>\n</section>',
            html,
            re.S,
        )
    )
    assert list(blocks) == ["politics", "sport"]  # the menu's sections, in its order
    titles = {slug: re.findall(r'<a href="[^"]+">([^<]+)</a></h3>', block) for slug, block in blocks.items()}
    # Politics 0-3 are above (top, secondary, feed of two): the block goes on from there.
    assert titles == {"politics": ["Politics 4"], "sport": ["Sport 0", "Sport 1"]}
    assert "section-block" not in client.get("/en/?before=1765467000000000.1").content.decode()


def test_a_pin_beyond_the_places_stays_in_the_feed(client, stories):
    until = timezone.now() + timedelta(hours=1)
    for story in stories[2:]:  # four secondary pins for three places, no top pin
        front.front_pin(article=story, slot=FrontSlot.SECONDARY, until=until, by=None)
    html = client.get("/en/").content.decode()
    assert _top(html) == "Story 0" and _secondary(html) == ["Story 2", "Story 3", "Story 4"]
    feed = html.split('<h2 class="feed-heading">')[1]
    assert "Story 1" in feed and "Story 5" in feed
