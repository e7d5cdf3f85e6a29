"""The pages a story's change makes stale: exactly these."""

import re
from datetime import timedelta
from urllib.parse import quote

from django.utils import timezone

from newsdesk.content.models import Author, Byline
from newsdesk.content.services import tags_named
from newsdesk.public.invalidation import paths_showing
from newsdesk.public.pagecache import PAGE_SECONDS, _seconds_to_keep


def test_the_pages_showing_a_story_are_its_page_homes_section_tags_day_authors_and_most_viewed_in_each_edition(
    make_article, agency
):
    """Exactly these: a page left out would show a story stale; one too many costs a miss."""
    at = timezone.make_aware(timezone.datetime(2025, 12, 12, 2, 30), agency.zone)  # the 12th there, 11th in UTC
    tags = tags_named(language="kk", names=["Астана", "Денсаулық"])
    story = make_article("Тест", language="kk", at=at, tags=tags)
    reporter = Author.objects.create(name="Айгерім Сұлтан")
    Byline.objects.create(article=story, author=reporter, role=Byline.Role.REPORTED_BY)
    Byline.objects.create(article=story, author=reporter, role=Byline.Role.PHOTO_BY, position=1)  # one page
    Byline.objects.create(article=story, author=Author.objects.create(name="Editor"), role=Byline.Role.EDITED_BY)
    Author.objects.create(name="Not in this story")
    expected = set()
    for edition in ("kk", "kk-latn"):
        expected |= {
            f"/{edition}/news/{story.pk}-{story.slug}/",
            f"/{edition}/",
            f"/{edition}/section/{story.section.slug}/",
            f"/{edition}/2025/12/12/",
            *(f"/{edition}/tag/{quote(tag.slug)}/" for tag in tags),
            f"/{edition}/author/{reporter.slug}/",
            f"/{edition}/author/editor/",
            f"/{edition}/most-viewed/",
        }
    paths = paths_showing(story)
    assert len(paths) == 18 and set(paths) == expected


def test_an_authors_page_is_dropped_with_the_story_it_lists(
    client, make_article, settings, django_capture_on_commit_callbacks
):
    """Cached, then a story of theirs is withdrawn: the page lists it no more."""
    from newsdesk.newsroom import services

    settings.NEWSDESK = {**settings.NEWSDESK, "PAGE_CACHE": True}
    author = Author.objects.create(name="Reporter")
    kept, withdrawn = make_article("Still here"), make_article("Soon withdrawn")
    for article in (kept, withdrawn):
        Byline.objects.create(article=article, author=author)
    assert "Soon withdrawn" in client.get("/en/author/reporter/").content.decode()
    assert client.get("/en/author/reporter/")["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        services.article_withdraw(article=withdrawn, by=None)
    response = client.get("/en/author/reporter/")
    assert "X-Page-Cache" not in response
    assert "Soon withdrawn" not in response.content.decode() and "Still here" in response.content.decode()


def test_a_story_without_a_publication_time_drops_no_day_page(make_article, agency):
    story = make_article("Taken off the schedule", ago=None)
    assert story.published_at is None
    paths = paths_showing(story)
    assert not [path for path in paths if re.search(r"/\d{4}/\d\d/\d\d/$", path)]
    assert f"/en/news/{story.pk}-{story.slug}/" in paths


def test_a_change_makes_the_cache_ask_again_when_the_next_story_is_due(
    make_article, django_capture_on_commit_callbacks
):
    """A page is kept no longer than until the next scheduled story: scheduling one drops
    the remembered moment, so pages stored after it are kept only until then."""
    now = timezone.now()
    assert _seconds_to_keep(now) == PAGE_SECONDS  # nothing due: remembered as such
    with django_capture_on_commit_callbacks(execute=True):
        make_article("Due in half a minute", at=now + timedelta(seconds=30))
    assert _seconds_to_keep(now) <= 31
