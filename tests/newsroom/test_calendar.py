"""The calendar of scheduled stories and embargoes, by day and hour in the agency's zone."""

from datetime import date, datetime

from django.utils import timezone

from newsdesk.newsroom import calendar, services
from tests.conftest import ALMATY

WEEK = "2026-W49"  # Monday 30 November to Sunday 6 December 2026


def test_weeks_are_read_from_the_address_or_a_day():
    today = date(2026, 12, 3)
    assert calendar.week_of(WEEK, day=None, today=today) == date(2026, 11, 30)
    assert calendar.week_of(None, day="2026-12-06", today=today) == date(2026, 11, 30)
    assert calendar.week_of("nonsense", day=None, today=today) == date(2026, 11, 30)
    assert calendar.week_of("2026-W99", day=None, today=today) == date(2026, 11, 30)
    assert calendar.week_of(None, day="2026-13-45", today=today) == date(2026, 11, 30)


def test_the_week_shows_scheduled_stories_and_embargoes_by_local_hour(
    client, chief, make_article, journalist, draft_by
):
    scheduled = make_article("Cabinet meeting", at=datetime(2026, 12, 3, 9, 0, tzinfo=ALMATY))
    embargoed = make_article("Central bank rate", at=datetime(2026, 12, 2, 8, 0, tzinfo=ALMATY),
                             embargo_until=datetime(2026, 12, 4, 15, 30, tzinfo=ALMATY))  # fmt: skip
    make_article("Next week", at=datetime(2026, 12, 8, 9, 0, tzinfo=ALMATY))
    entries = calendar.week_entries(
        user=chief, monday=date(2026, 11, 30), zone=ALMATY, now=datetime(2026, 11, 30, 8, tzinfo=ALMATY)
    )
    assert [(e.article.title, e.at.day, e.at.hour, e.embargo) for e in entries] == [
        (scheduled.title, 3, 9, False),
        (embargoed.title, 4, 15, True),
    ]


def test_the_page_links_each_entry_and_the_weeks_around(client, chief, draft_by, make_article):
    at = timezone.now() + timezone.timedelta(days=1)
    story = make_article("Tomorrow's press conference", at=at)
    client.force_login(chief)
    week = f"{at.astimezone(ALMATY).isocalendar()[0]}-W{at.astimezone(ALMATY).isocalendar()[1]:02d}"
    html = client.get(f"/admin/calendar/?week={week}").content.decode()
    assert f"/admin/content/article/{story.pk}/change/" in html
    assert 'rel="prev"' in html and 'rel="next"' in html
    assert client.get("/admin/calendar/?week=2026-W49&day=garbage").status_code == 200


def test_only_stories_the_viewer_may_see(client, journalist, other_journalist, editor, draft_by):
    story = draft_by(other_journalist, title="Embargoed study")
    story.embargo_until = timezone.now() + timezone.timedelta(hours=3)
    story.save(update_fields=["embargo_until"])
    services.article_submit(article=story, by=other_journalist)
    page = f"/admin/calendar/?day={story.embargo_until.astimezone(ALMATY).date().isoformat()}"
    client.force_login(journalist)
    assert "Embargoed study" not in client.get(page).content.decode()
    client.force_login(editor)  # the section's editor
    assert "Embargoed study" in client.get(page).content.decode()


def test_weeks_out_of_range_show_this_week_not_an_error(client, chief):
    client.force_login(chief)
    for query in ("day=9999-12-31", "week=9999-W52", "week=0001-W01", "week=2026-W99", "day=" + "9" * 5000):
        assert client.get(f"/admin/calendar/?{query}").status_code == 200, query
    assert client.get("/admin/calendar/?week=2026-W%00").status_code == 400  # refused before the view
