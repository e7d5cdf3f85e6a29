"""The newest stories before a point of a feed, prepared (content/newest.py): the pages the
ORM's feed gives, in one query each."""

from datetime import timedelta

from newsdesk.content import newest, selectors
from newsdesk.content.models import Section


def _same(page: selectors.FeedPage, expected: selectors.FeedPage) -> None:
    assert [t.pk for t in page.items] == [t.pk for t in expected.items]
    assert page.items == expected.items and page.older == expected.older and page.newer == expected.newer


def test_a_sections_pages_and_an_editions_are_the_feeds_pages(make_article, section, django_assert_num_queries):
    sport = Section.objects.create(slug="sport", name_en="Sport")
    for n in range(7):
        make_article(f"Politics {n}", ago=timedelta(hours=n + 1))
        make_article(f"Sport {n}", ago=timedelta(hours=n + 1, minutes=1), section=sport)
    make_article("Scheduled", ago=-timedelta(hours=1))
    make_article("Русская", language="ru")
    in_section = selectors.articles_in_section(section=section, language="en")
    first = selectors.feed_page(in_section, limit=3)
    with django_assert_num_queries(1):
        page = newest.feed_page_before(language="en", before=None, limit=3, section_id=section.pk)
    _same(page, first)
    further = newest.feed_page_before(language="en", before=first.older, limit=3, section_id=section.pk)
    _same(further, selectors.feed_page(in_section, before=first.older, limit=3))
    last = newest.feed_page_before(language="en", before=further.older, limit=3, section_id=section.pk)
    assert [t.title for t in last.items] == ["Politics 6"] and last.older is None and last.newer
    edition = newest.feed_page_before(language="en", before=None, limit=4)
    _same(edition, selectors.feed_page(selectors.articles_visible(language="en"), limit=4))
    assert [t.title for t in edition.items] == ["Politics 0", "Sport 0", "Politics 1", "Sport 1"]


def test_several_sections_in_one_statement_each_newest_first(make_article, section, django_assert_num_queries):
    sport = Section.objects.create(slug="sport", name_en="Sport")
    for n in range(4):
        make_article(f"Politics {n}", ago=timedelta(hours=n + 1))
        make_article(f"Sport {n}", ago=timedelta(hours=n + 1, minutes=1), section=sport)
    with django_assert_num_queries(1):
        found = newest.sections_before(language="en", section_ids=[sport.pk, section.pk], before=None, limit=2)
    assert {pk: [t.title for t in teasers] for pk, teasers in found.items()} == {
        sport.pk: ["Sport 0", "Sport 1"],
        section.pk: ["Politics 0", "Politics 1"],
    }


def test_a_section_is_found_by_its_address_or_not_at_all(section, django_assert_num_queries):
    with django_assert_num_queries(1):
        found = newest.section_by_slug("politics")
    assert found == section and found.name_ru == "Политика" and not found._state.adding
    assert newest.section_by_slug("no-such-section") is None
