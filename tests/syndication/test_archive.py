"""The per-day counts the index is built from: right after every change, mended, rebuilt."""

from datetime import date, datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from newsdesk.content.events import Change, story_change_announce, visibility_announce_due
from newsdesk.content.models import Article
from newsdesk.lib.periodic import registered_jobs
from newsdesk.newsroom import services as workflow
from newsdesk.syndication.archive import archive_days_rebuild, archive_days_reconcile, day_figures
from newsdesk.syndication.models import ArchiveDay
from tests.conftest import ALMATY


def counts() -> dict[tuple[str, date], int]:
    return {(row.language, row.day): row.count for row in ArchiveDay.objects.all()}


DEC_11 = datetime(2025, 12, 11, 20, 30, tzinfo=ALMATY)


def test_publishing_counts_the_story_on_its_local_day(publish_story, agency):
    publish_story("One", at=DEC_11)
    publish_story("Two", at=DEC_11 + timedelta(hours=3))  # 23:30 in Almaty, the same day
    publish_story("Три", language="ru", at=DEC_11 + timedelta(hours=4))  # 00:30 on the 12th there
    assert counts() == {("en", date(2025, 12, 11)): 2, ("ru", date(2025, 12, 12)): 1}


def test_the_days_lastmod_moves_with_each_change(publish_story, agency, announced):
    story = publish_story("One", at=DEC_11)
    first = ArchiveDay.objects.get().last_modified
    story.refresh_from_db()
    announced(workflow.article_save, article=story, by=None, correction_note="A figure was wrong.")
    assert ArchiveDay.objects.get().last_modified > first


def test_withdrawing_takes_the_story_off_its_day(publish_story, agency, announced):
    story = publish_story("One", at=DEC_11)
    publish_story("Two", at=DEC_11)
    announced(workflow.article_withdraw, article=story, by=None)
    assert counts() == {("en", date(2025, 12, 11)): 1}


def test_a_day_left_with_no_story_is_dropped(publish_story, agency, announced):
    story = publish_story("Alone", at=DEC_11)
    announced(workflow.article_withdraw, article=story, by=None)
    assert counts() == {}


def test_a_scheduled_or_embargoed_story_counts_only_once_visible(publish_story, agency, monkeypatch, announced):
    soon = timezone.now() + timedelta(hours=1)
    publish_story("Scheduled", at=soon)
    publish_story("Embargoed", at=timezone.now() - timedelta(hours=1), embargo_until=soon)
    assert counts() == {}
    later = soon + timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    announced(visibility_announce_due, now=later)
    day = timezone.localtime(soon, ALMATY).date()
    before = timezone.localtime(soon - timedelta(hours=2), ALMATY).date()
    assert sum(counts().values()) == 2 and set(counts()) <= {("en", day), ("en", before)}


def test_a_replayed_event_changes_nothing(publish_story, agency, announced):
    story = publish_story("One", at=DEC_11)
    for _ in range(3):
        announced(story_change_announce, article=story, change=Change.PUBLISHED)
    assert counts() == {("en", date(2025, 12, 11)): 1}


def _move(story: Article, to: datetime, announced) -> None:
    """A published story's publication time moved by an editor (or an import), announced."""
    Article.objects.filter(pk=story.pk).update(published_at=to)
    story.refresh_from_db()
    announced(story_change_announce, article=story, change=Change.UPDATED)


def test_a_moved_story_is_counted_on_its_new_day_at_once_and_off_its_old_day_by_the_reconcile(
    publish_story, agency, announced
):
    story = publish_story("Moved", at=DEC_11)
    _move(story, DEC_11 + timedelta(days=3), announced)
    assert counts() == {("en", date(2025, 12, 11)): 1, ("en", date(2025, 12, 14)): 1}  # the old day is stale
    assert archive_days_reconcile() == 1
    assert counts() == {("en", date(2025, 12, 14)): 1}


def test_the_reconcile_is_the_workers_job(db):
    names = {job.name for job in registered_jobs()}
    assert "newsdesk.syndication.jobs.archive_days_mend" in names


def test_the_job_mends_the_table(publish_story, agency, announced):
    from newsdesk.syndication.jobs import archive_days_mend

    story = publish_story("Moved", at=DEC_11)
    _move(story, DEC_11 - timedelta(days=40), announced)
    archive_days_mend()
    assert counts() == {("en", date(2025, 11, 1)): 1}


def test_the_reconcile_leaves_right_rows_alone(publish_story, agency):
    publish_story("One", at=DEC_11)
    stamp = ArchiveDay.objects.get().last_modified
    assert archive_days_reconcile() == 0
    assert ArchiveDay.objects.get().last_modified == stamp


def test_the_rebuild_command_recomputes_the_whole_table(make_article, agency):
    # Published without their events (as an import or the benchmark archive writes them).
    make_article("One", at=DEC_11)
    make_article("Two", at=DEC_11 + timedelta(days=1))
    make_article("Бір", language="kk", at=DEC_11)
    make_article("Scheduled", at=timezone.now() + timedelta(days=1))
    ArchiveDay.objects.create(language="ru", day=date(2020, 1, 1), count=7, last_modified=timezone.now())
    out = StringIO()
    call_command("sitemap_counts", "--rebuild", stdout=out)
    assert counts() == {
        ("en", date(2025, 12, 11)): 1,
        ("en", date(2025, 12, 12)): 1,
        ("kk", date(2025, 12, 11)): 1,
    }
    assert "3 days" in out.getvalue()
    assert ArchiveDay.objects.get(language="en", day=date(2025, 12, 11)).last_modified == DEC_11


def test_the_command_without_rebuild_mends(make_article, agency):
    make_article("One", at=DEC_11)
    out = StringIO()
    call_command("sitemap_counts", stdout=out)
    assert counts() == {("en", date(2025, 12, 11)): 1} and "1 days" in out.getvalue()


def test_the_rebuild_is_one_group_by_whatever_the_archive(make_article, agency, django_assert_max_num_queries):
    for n in range(30):
        make_article(f"Story {n}", at=DEC_11 - timedelta(days=n))
    # The settings, the GROUP BY, the delete, the insert (one for up to 1,000 days), the savepoint.
    with django_assert_max_num_queries(6):
        assert archive_days_rebuild() == 30


def test_the_figures_follow_the_agencys_zone(make_article, agency):
    agency.time_zone = "America/New_York"
    agency.save()
    make_article(
        "Late evening in New York", at=datetime(2025, 12, 11, 23, 30, tzinfo=timezone.get_fixed_timezone(-300))
    )
    assert list(day_figures()) == [("en", date(2025, 12, 11))]


@pytest.mark.django_db
def test_bench_data_fills_the_counts(db):
    out = StringIO()
    call_command("bench_data", "--articles", "300", "--views", "3000", "--years", "1", stdout=out, stderr=StringIO())
    assert sum(counts().values()) == Article.objects.visible().count() == 300
    assert "archive days counted" in out.getvalue()
