"""The front page's reads (content/front_page.py): what they return and what they cost."""

from datetime import timedelta

from django.utils import timezone

from newsdesk.content.front_page import breaking_story, front_page, next_front_change
from newsdesk.content.models import Article, FrontSlot


def test_the_front_page_costs_two_queries_and_never_loads_a_body(make_article, django_assert_num_queries):
    stories = [make_article(f"Story {n}", ago=timedelta(hours=n + 1)) for n in range(8)]
    Article.objects.filter(pk=stories[6].pk).update(
        front_slot=FrontSlot.TOP, front_until=timezone.now() + timedelta(hours=1)
    )
    with django_assert_num_queries(2) as captured:
        front = front_page(language="en", secondary=3, feed_size=3)
    assert all('"body"' not in query["sql"] for query in captured.captured_queries)
    assert front.top.title == "Story 6"
    assert [a.title for a in front.secondary] == ["Story 0", "Story 1", "Story 2"]
    assert [a.title for a in front.latest.items] == ["Story 3", "Story 4", "Story 5"] and front.latest.older


def test_the_next_end_is_the_nearest_pin_or_banner_to_come(make_article):
    now = timezone.now()
    story, other = make_article("One"), make_article("Two")
    assert next_front_change(now=now) is None
    Article.objects.filter(pk=story.pk).update(front_slot=FrontSlot.TOP, front_until=now + timedelta(hours=2))
    Article.objects.filter(pk=other.pk).update(is_breaking=True, breaking_until=now + timedelta(minutes=20))
    assert next_front_change(now=now) == now + timedelta(minutes=20)
    assert next_front_change(now=now + timedelta(minutes=30)) == now + timedelta(hours=2)
    assert breaking_story(language="en", now=now).title == "Two"
    assert breaking_story(language="en", now=now + timedelta(minutes=21)) is None
    assert breaking_story(language="ru", now=now) is None


def test_the_section_blocks_are_one_query_of_what_the_page_does_not_show_above(
    make_article, make_photo, section, django_assert_num_queries
):
    """Three sections, one query. Shown above means newer than the feed's last story, or
    among the stories above the feed (an older pinned one too); the rest, newest first."""
    from newsdesk.content.front_page import section_blocks
    from newsdesk.content.models import Section
    from newsdesk.content.selectors import Cursor

    sport, economy = (Section.objects.create(slug=slug, name_en=slug.title()) for slug in ("sport", "economy"))
    Section.objects.create(slug="empty", name_en="Empty")
    politics = [make_article(f"Politics {n}", ago=timedelta(hours=n + 1)) for n in range(6)]
    sports = [make_article(f"Sport {n}", ago=timedelta(hours=n + 1, minutes=30), section=sport) for n in range(3)]
    make_article("Economy, photographed", ago=timedelta(days=3), section=economy, photo=make_photo())
    make_article("Scheduled", ago=-timedelta(hours=1), section=sport)  # not visible yet
    make_article("Russian", language="ru", ago=timedelta(hours=9), section=sport)
    feed_end = Cursor(at=politics[1].published_at, id=politics[1].pk)  # Politics 0 and 1 are in the feed
    sections = list(Section.objects.order_by("pk"))
    with django_assert_num_queries(1):
        blocks = section_blocks(
            sections=sections, language="en", per_section=2, older_than=feed_end, leave_out=[politics[3].pk]
        )
    titles = {block_section.slug: [teaser.title for teaser in teasers] for block_section, teasers in blocks}
    assert titles == {
        "politics": ["Politics 2", "Politics 4"],  # 0, 1: in the feed; 3: above it
        "sport": ["Sport 1", "Sport 2"],  # Sport 0 is newer than the feed's end
        "economy": ["Economy, photographed"],
    }  # and the empty section left out
    assert [block_section.slug for block_section, _teasers in blocks] == ["politics", "sport", "economy"]
    economy_teaser = blocks[2][1][0]
    assert economy_teaser.photo is not None and economy_teaser.photo.width == 640
    assert economy_teaser.published_at == Article.objects.get(title="Economy, photographed").published_at
    assert sports[1].pk == blocks[1][1][0].pk


def test_without_a_feed_the_section_blocks_leave_out_only_the_stories_above(make_article, section):
    from newsdesk.content.front_page import section_blocks

    stories = [make_article(f"Story {n}", ago=timedelta(hours=n + 1)) for n in range(3)]
    blocks = section_blocks(
        sections=[section], language="en", per_section=4, older_than=None, leave_out=[stories[0].pk]
    )
    assert [teaser.title for teaser in blocks[0][1]] == ["Story 1", "Story 2"]
    assert section_blocks(sections=[], language="en", per_section=4, older_than=None) == []
