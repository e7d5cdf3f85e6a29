"""The pages a story's change makes stale: exactly these."""

from urllib.parse import quote

from django.utils import timezone

from newsdesk.content.services import tags_named
from newsdesk.public.invalidation import paths_showing


def test_the_pages_showing_a_story_are_its_page_homes_section_tags_and_day_in_each_edition(make_article, agency):
    """Exactly these: a page left out would show a story stale; one too many costs a miss."""
    at = timezone.make_aware(timezone.datetime(2025, 12, 11, 23, 30), agency.zone)  # the 11th there, 12th in UTC
    tags = tags_named(language="kk", names=["Астана", "Денсаулық"])
    story = make_article("Тест", language="kk", at=at, tags=tags)
    expected = set()
    for edition in ("kk", "kk-latn"):
        expected |= {
            f"/{edition}/news/{story.pk}-{story.slug}/",
            f"/{edition}/",
            f"/{edition}/section/{story.section.slug}/",
            f"/{edition}/2025/12/11/",
            *(f"/{edition}/tag/{quote(tag.slug)}/" for tag in tags),
        }
    paths = paths_showing(story)
    assert len(paths) == 12 and set(paths) == expected
