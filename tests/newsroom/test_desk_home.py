"""The desk's front page: each person's sections, the day in the agency's zone, few queries."""

from datetime import datetime, timedelta

from django.utils import timezone

from newsdesk.content.models import Article
from newsdesk.newsroom import services
from newsdesk.newsroom.desk_home import day_bounds, desk_home
from tests.conftest import ALMATY


def _titles(section) -> list[str]:
    return [a.title for a in section.stories]


def test_my_drafts_and_those_sent_back_with_the_editors_comment(client, journalist, other_journalist, editor, draft_by):
    plain = draft_by(journalist, title="Snowfall in Astana")
    returned = draft_by(journalist, title="Budget hearing")
    draft_by(other_journalist, title="Grain exports rise")
    services.article_submit(article=returned, by=journalist)
    services.article_send_back(article=returned, by=editor, comment="Name the minister.")
    client.force_login(journalist)
    response = client.get("/admin/")
    desk = response.context["desk"]
    assert _titles(desk.drafts) == [plain.title]
    assert _titles(desk.sent_back) == [returned.title]
    assert desk.review is None  # a journalist reviews nothing
    html = response.content.decode()
    assert "Sent back to me" in html and "Name the minister." in html and "Grain exports rise" not in html


def test_resubmitted_it_is_no_longer_sent_back(journalist, editor, draft_by):
    story = draft_by(journalist)
    services.article_submit(article=story, by=journalist)
    services.article_send_back(article=story, by=editor, comment="Shorter, please.")
    services.article_submit(article=story, by=journalist)
    services.article_recall(article=story, by=journalist)
    desk = desk_home(user=journalist, now=timezone.now(), zone=ALMATY)
    assert _titles(desk.drafts) == [story.title] and desk.sent_back.stories == []


def test_editors_see_what_waits_in_their_sections_chief_editors_everything(
    journalist, editor, sport_editor, chief, sport, draft_by
):
    politics = services.article_submit(article=draft_by(journalist, title="Parliament votes"), by=journalist)
    football = services.article_submit(article=draft_by(journalist, title="Cup final", section=sport), by=journalist)
    now = timezone.now()
    assert _titles(desk_home(user=editor, now=now, zone=ALMATY).review) == [politics.title]
    assert _titles(desk_home(user=sport_editor, now=now, zone=ALMATY).review) == [football.title]
    assert set(_titles(desk_home(user=chief, now=now, zone=ALMATY).review)) == {politics.title, football.title}


def test_today_is_the_agencys_day(journalist, chief, make_article):
    # 10:00 in Almaty (UTC+5) on 3 December.
    now = datetime(2026, 12, 3, 10, 0, tzinfo=ALMATY)
    start, end = day_bounds(now=now, zone=ALMATY)
    assert start == datetime(2026, 12, 3, 0, 0, tzinfo=ALMATY) and end - start == timedelta(days=1)
    make_article("Just after midnight", at=datetime(2026, 12, 3, 0, 30, tzinfo=ALMATY))
    make_article("Late last night", at=datetime(2026, 12, 2, 23, 30, tzinfo=ALMATY))
    make_article("This afternoon", at=datetime(2026, 12, 3, 15, 0, tzinfo=ALMATY))
    make_article("Tomorrow", at=datetime(2026, 12, 4, 9, 0, tzinfo=ALMATY))
    make_article("Embargoed until tomorrow", at=datetime(2026, 12, 3, 14, 0, tzinfo=ALMATY),
                 embargo_until=datetime(2026, 12, 4, 8, 0, tzinfo=ALMATY))  # fmt: skip
    desk = desk_home(user=chief, now=now, zone=ALMATY)
    assert _titles(desk.published_today) == ["Just after midnight"]
    assert _titles(desk.scheduled_today) == ["This afternoon"]
    # Colleagues' stories not on the site yet are for those who work on them (rules.can_view).
    assert desk_home(user=journalist, now=now, zone=ALMATY).scheduled_today.stories == []


def test_translations_missing_or_outdated(journalist, make_article):
    original = make_article("Floods in the north")
    desk = desk_home(user=journalist, now=timezone.now(), zone=ALMATY)
    assert original.title in _titles(desk.translations)


def test_the_front_page_reads_few_rows_and_the_apps_stay_reachable(
    client, chief, journalist, draft_by, make_article, django_assert_max_num_queries
):
    for n in range(8):
        story = draft_by(journalist, title=f"Story {n}")
        services.article_submit(article=story, by=journalist)
    for n in range(5):
        make_article(f"Live {n}", ago=timedelta(minutes=n + 1))
    mine = draft_by(chief, title="The chief editor draft")
    client.force_login(chief)
    # Session, site settings (made on first use: 4), user, two-factor and permissions (2);
    # drafts, their notes, review, scheduled, published, recent stories and their
    # translations; the header's notifications: the same however many stories.
    with django_assert_max_num_queries(17):
        html = client.get("/admin/").content.decode()
    assert "Waiting for review in my sections" in html and "Story 7" in html and mine.title in html
    assert 'href="/admin/apps/"' in html
    apps = client.get("/admin/apps/")
    assert apps.status_code == 200 and "/admin/content/article/" in apps.content.decode()


def test_the_list_says_sent_back(client, journalist, editor, draft_by):
    story = draft_by(journalist, title="Budget hearing")
    services.article_submit(article=story, by=journalist)
    services.article_send_back(article=story, by=editor, comment="Name the minister.")
    client.force_login(journalist)
    response = client.get("/admin/content/article/")
    assert "Sent back" in response.content.decode()
    assert Article.objects.get(pk=story.pk).status == Article.Status.DRAFT


def test_the_workflow_box_lists_every_step_oldest_first(client, journalist, editor, draft_by):
    story = draft_by(journalist, title="Budget hearing")
    services.article_submit(article=story, by=journalist)
    services.article_send_back(article=story, by=editor, comment="First: name the minister.")
    services.article_submit(article=story, by=journalist)
    services.article_send_back(article=story, by=editor, comment="Second: a shorter title.")
    client.force_login(journalist)
    html = client.get(f"/admin/content/article/{story.pk}/change/").content.decode()
    log = html[html.index('class="workflow-log"') :]
    assert log.index("First: name the minister.") < log.index("Second: a shorter title.")
    assert log.count("submitted for review") == 2
    assert '<span class="workflow-status">Sent back</span>' in html
