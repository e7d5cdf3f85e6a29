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
