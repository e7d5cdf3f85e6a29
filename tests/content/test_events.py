"""A story's change is announced once, after commit; "became visible" by the worker, once."""

import logging
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from newsdesk.content.events import Change, story_changed, visibility_announce_due
from newsdesk.content.models import Article, VisibilityDue
from newsdesk.newsroom import services
from newsdesk.newsroom.models import Revision


@pytest.fixture
def announced():
    """The (article id, change) pairs receivers were sent, in order."""
    heard: list[tuple[int, Change]] = []

    def listen(*, article: Article, change: Change, **event: object) -> None:
        heard.append((article.pk, change))

    story_changed.connect(listen, dispatch_uid="tests.listen")
    yield heard
    story_changed.disconnect(dispatch_uid="tests.listen")


def _draft(make_article) -> Article:
    return make_article("A story of the day", ago=None)


def test_each_change_readers_see_is_announced_once_after_commit(
    make_article, announced, django_capture_on_commit_callbacks
):
    story = _draft(make_article)
    steps = [
        (lambda: services.article_publish(article=story, by=None), Change.PUBLISHED),
        (lambda: services.article_save(article=_edited(story), by=None), Change.UPDATED),
        (lambda: services.article_save(article=_edited(story), by=None, correction_note="A name."), Change.CORRECTED),
        (lambda: services.revision_restore(article=story, revision=_first(story), by=None), Change.RESTORED),
        (lambda: services.article_withdraw(article=story, by=None), Change.WITHDRAWN),
    ]
    for step, change in steps:
        heard_before = len(announced)
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            step()
        assert announced[-1:] != [(story.pk, change)]  # nothing before the commit
        assert len(announced) == heard_before
        for callback in callbacks:
            callback()
        assert announced[-1] == (story.pk, change)
    assert [change for _pk, change in announced] == [change for _step, change in steps]


def _edited(story: Article) -> Article:
    current = Article.objects.get(pk=story.pk)
    current.title += "!"
    return current


def _first(story: Article) -> Revision:
    return Revision.objects.filter(article=story).order_by("number").first()


def test_changes_readers_do_not_see_are_not_announced(make_article, announced, django_capture_on_commit_callbacks):
    story = _draft(make_article)
    with django_capture_on_commit_callbacks(execute=True):
        services.article_save(article=_edited(story), by=None)
        services.article_submit(article=story, by=None)
    assert announced == []


@pytest.mark.django_db(transaction=True)
def test_a_change_rolled_back_is_never_announced(make_article, announced):
    story = _draft(make_article)
    with pytest.raises(RuntimeError), transaction.atomic():
        services.article_publish(article=story, by=None)
        raise RuntimeError("the caller's transaction fails after the service")
    assert announced == []
    assert Article.objects.get(pk=story.pk).status == Article.Status.DRAFT


def test_a_failing_receiver_is_logged_and_the_others_still_hear(
    make_article, announced, caplog, django_capture_on_commit_callbacks
):
    def broken(**event: object) -> None:
        raise ValueError("a channel is down")

    story_changed.connect(broken, dispatch_uid="tests.broken")
    try:
        with caplog.at_level(logging.ERROR, "newsdesk.events"), django_capture_on_commit_callbacks(execute=True):
            services.article_publish(article=_draft(make_article), by=None)
    finally:
        story_changed.disconnect(dispatch_uid="tests.broken")
    assert [change for _pk, change in announced] == [Change.PUBLISHED]
    assert "a channel is down" in caplog.text and "broken" in caplog.text


def test_a_scheduled_story_is_announced_once_when_its_time_comes(
    make_article, announced, django_capture_on_commit_callbacks
):
    at = timezone.now() + timedelta(hours=2)
    with django_capture_on_commit_callbacks(execute=True):
        story = make_article("Scheduled", at=at)
    assert VisibilityDue.objects.get(article=story).visible_at == at
    assert announced[-1] == (story.pk, Change.PUBLISHED)
    with django_capture_on_commit_callbacks(execute=True):
        assert visibility_announce_due(now=at - timedelta(seconds=1)) == 0
    assert announced[-1] == (story.pk, Change.PUBLISHED)
    with django_capture_on_commit_callbacks(execute=True):
        assert visibility_announce_due(now=at) == 1
    assert announced[-1] == (story.pk, Change.BECAME_VISIBLE)
    with django_capture_on_commit_callbacks(execute=True):
        assert visibility_announce_due(now=at + timedelta(minutes=1)) == 0  # once
    assert [change for pk, change in announced if pk == story.pk].count(Change.BECAME_VISIBLE) == 1


def test_an_embargo_is_announced_when_it_lifts_not_at_publication(
    make_article, announced, django_capture_on_commit_callbacks
):
    lifted = timezone.now() + timedelta(hours=3)
    story = make_article("Embargoed", embargo_until=lifted)  # published an hour ago, held back
    assert VisibilityDue.objects.get(article=story).visible_at == lifted
    with django_capture_on_commit_callbacks(execute=True):
        assert visibility_announce_due(now=lifted - timedelta(hours=1)) == 0
        assert visibility_announce_due(now=lifted) == 1
    assert announced[-1] == (story.pk, Change.BECAME_VISIBLE)


def test_a_story_taken_off_the_schedule_is_never_announced_as_visible(
    make_article, announced, django_capture_on_commit_callbacks
):
    at = timezone.now() + timedelta(hours=2)
    story = make_article("Scheduled, then not", at=at)
    with django_capture_on_commit_callbacks(execute=True):
        services.article_unschedule(article=story, by=None)
    assert not VisibilityDue.objects.filter(article=story).exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert visibility_announce_due(now=at + timedelta(hours=1)) == 0
    assert announced[-1] == (story.pk, Change.UNSCHEDULED)


def test_a_story_visible_at_once_leaves_nothing_for_the_worker(make_article):
    story = make_article("Published now")
    assert not VisibilityDue.objects.filter(article=story).exists()


def test_the_worker_announces_what_became_visible(make_article, announced, django_capture_on_commit_callbacks):
    story = make_article("Scheduled", at=timezone.now() + timedelta(hours=2))
    VisibilityDue.objects.filter(article=story).update(visible_at=timezone.now() - timedelta(seconds=1))
    Article.objects.filter(pk=story.pk).update(published_at=timezone.now() - timedelta(seconds=1))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("worker", "--once")
    assert announced[-1] == (story.pk, Change.BECAME_VISIBLE)
    assert not VisibilityDue.objects.exists()
