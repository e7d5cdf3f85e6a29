from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from newsdesk.content import newest, selectors
from newsdesk.content.models import Section

ALMATY = ZoneInfo("Asia/Almaty")


def _titles(items) -> list[str]:
    return [a.title for a in items]


def test_feed_pages_by_keyset_with_no_gaps_and_no_repeats(make_article):
    now = timezone.now()
    for n in range(7):
        make_article(f"Story {n}", at=now - timedelta(hours=n))
    # Two stories at the very same instant are ordered by id, and neither is lost.
    make_article("Twin A", at=now - timedelta(hours=3))
    qs = selectors.articles_visible(language="en")
    seen, before = [], None
    while True:
        page = selectors.feed_page(qs, before=before, limit=3)
        seen += _titles(page.items)
        if page.older is None:
            break
        before = page.older
    assert len(seen) == 8 and len(set(seen)) == 8
    assert seen[:3] == ["Story 0", "Story 1", "Story 2"]


def test_newer_cursor_pages_back(make_article):
    now = timezone.now()
    for n in range(6):
        make_article(f"Story {n}", at=now - timedelta(hours=n))
    qs = selectors.articles_visible(language="en")
    first = selectors.feed_page(qs, limit=2)
    assert first.newer is None
    second = selectors.feed_page(qs, before=first.older, limit=2)
    assert _titles(second.items) == ["Story 2", "Story 3"]
    back = selectors.feed_page(qs, after=second.newer, limit=2)
    assert _titles(back.items) == ["Story 0", "Story 1"]
    assert back.newer is None and back.older is not None


def test_feed_shows_only_the_edition_and_only_visible_articles(make_article):
    make_article("English")
    make_article("Русский", language="ru")
    make_article("Draft", ago=None)
    make_article("Tomorrow", at=timezone.now() + timedelta(days=1))
    page = selectors.feed_page(selectors.articles_visible(language="en"))
    assert _titles(page.items) == ["English"]


def test_listings_never_load_bodies_and_make_one_query(make_article, make_photo, django_assert_num_queries):
    for n in range(5):
        make_article(f"Story {n}", photo=make_photo())
    with django_assert_num_queries(1) as captured:
        page = selectors.feed_page(selectors.articles_visible(language="en"))
        # Touching what a teaser shows costs nothing more (FETCH_RAISE would raise).
        for a in page.items:
            assert a.title and a.get_absolute_url() and a.photo.picture().srcset and a.published_at
    assert '"body"' not in captured.captured_queries[0]["sql"]


def test_day_archive_uses_the_agencys_day(make_article):
    # 23:30 in Almaty on 10.12 is 18:30 UTC the same day; 00:30 on 11.12 is 19:30 UTC on 10.12.
    make_article("Late evening", at=datetime(2025, 12, 10, 23, 30, tzinfo=ALMATY))
    make_article("Just after midnight", at=datetime(2025, 12, 11, 0, 30, tzinfo=ALMATY))
    day = selectors.articles_on_day(language="en", day=date(2025, 12, 11), zone=ALMATY)
    assert _titles(day) == ["Just after midnight"]
    previous_day, next_day = selectors.archive_neighbours(language="en", day=date(2025, 12, 11), zone=ALMATY)
    assert previous_day == date(2025, 12, 10) and next_day is None


def test_relevant_news_are_the_earlier_stories_of_the_section(make_article):
    other = Section.objects.create(slug="sport", name_en="Sport")
    now = timezone.now()
    older = make_article("Older politics", at=now - timedelta(hours=3))
    article = make_article("This one", at=now - timedelta(hours=2))
    make_article("Newer politics", at=now - timedelta(hours=1))
    make_article("Sport", at=now - timedelta(hours=4), section=other)
    assert [a.pk for a in newest.relevant_news(article=article, limit=5)] == [older.pk]


def test_article_for_reader_hides_drafts_and_schedules_but_shows_withdrawn(make_article):
    from newsdesk.newsroom import services

    draft = make_article("Draft", ago=None)
    scheduled = make_article("Scheduled", at=timezone.now() + timedelta(hours=1))
    withdrawn = services.article_withdraw(article=make_article("Withdrawn"), by=None)
    assert selectors.article_for_reader(draft.pk) is None
    assert selectors.article_for_reader(scheduled.pk) is None
    assert selectors.article_for_reader(withdrawn.pk).status == "withdrawn"


def test_saving_or_deleting_a_section_makes_the_next_menu_fresh(db, django_capture_on_commit_callbacks):
    politics = Section.objects.create(slug="politics", name_en="Politics", position=1)
    assert [s.slug for s in selectors.sections_in_menu()] == ["politics"]
    with django_capture_on_commit_callbacks(execute=True):
        Section.objects.create(slug="sport", name_en="Sport", position=2)
    assert [s.slug for s in selectors.sections_in_menu()] == ["politics", "sport"]
    with django_capture_on_commit_callbacks(execute=True):
        politics.is_in_menu = False
        politics.save()
    assert [s.slug for s in selectors.sections_in_menu()] == ["sport"]
    with django_capture_on_commit_callbacks(execute=True):
        Section.objects.get(slug="sport").delete()
    assert selectors.sections_in_menu() == []


def test_the_menu_is_forgotten_only_once_the_change_is_committed(db, django_capture_on_commit_callbacks):
    assert selectors.sections_in_menu() == []
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        Section.objects.create(slug="sport", name_en="Sport")
    # Not yet: until the commit, no other request could read the new section.
    assert selectors.sections_in_menu() == [] and len(callbacks) == 1
    callbacks[0]()  # the commit
    assert [s.slug for s in selectors.sections_in_menu()] == ["sport"]
