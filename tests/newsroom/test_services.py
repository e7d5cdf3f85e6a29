from datetime import timedelta
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from newsdesk.content.models import Article, Correction
from newsdesk.newsroom import services
from newsdesk.newsroom.models import AuditEntry, Revision

Action = AuditEntry.Action


def _actions(article) -> list[str]:
    return list(AuditEntry.objects.filter(article=article).order_by("at", "id").values_list("action", flat=True))


def test_the_whole_workflow_is_logged_with_who_and_what(journalist, editor, draft_by):
    article = draft_by(journalist)
    services.article_submit(article=article, by=journalist)
    services.article_send_back(article=article, by=editor, comment="Name the source of the forecast.")
    services.article_submit(article=article, by=journalist)
    at = timezone.now() + timedelta(hours=1)
    services.article_publish(article=article, by=editor, at=at)
    assert _actions(article) == [Action.SUBMITTED, Action.SENT_BACK, Action.SUBMITTED, Action.SCHEDULED]
    sent_back = AuditEntry.objects.get(action=Action.SENT_BACK)
    assert sent_back.actor == editor and sent_back.message == "Name the source of the forecast."
    article.refresh_from_db()
    assert article.is_scheduled and article.published_at == at


def test_sending_back_needs_a_comment(journalist, editor, draft_by):
    article = services.article_submit(article=draft_by(journalist), by=journalist)
    with pytest.raises(ValidationError):
        services.article_send_back(article=article, by=editor, comment="   ")
    assert Article.objects.get(pk=article.pk).status == Article.Status.IN_REVIEW


def test_a_scheduled_story_appears_at_its_minute_without_a_job(journalist, editor, draft_by):
    article = services.article_submit(article=draft_by(journalist), by=journalist)
    at = timezone.now() + timedelta(minutes=30)
    services.article_publish(article=article, by=editor, at=at)
    assert not Article.objects.visible().filter(pk=article.pk).exists()
    assert Article.objects.visible(now=at).filter(pk=article.pk).exists()


def test_an_embargo_holds_a_published_story_back_from_everyone(journalist, editor, draft_by):
    embargo = timezone.now() + timedelta(hours=2)
    article = draft_by(journalist, embargo_until=embargo)
    services.article_publish(article=article, by=editor)  # "now", but the embargo is later
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED and article.published_at == embargo
    assert not Article.objects.visible().filter(pk=article.pk).exists()
    # Even if someone moves the publication time back, the embargo still holds.
    Article.objects.filter(pk=article.pk).update(published_at=timezone.now() - timedelta(hours=1))
    assert not Article.objects.visible().filter(pk=article.pk).exists()
    assert Article.objects.visible(now=embargo).filter(pk=article.pk).exists()


def test_unscheduling_puts_it_back_in_review(journalist, editor, draft_by):
    article = services.article_submit(article=draft_by(journalist), by=journalist)
    services.article_publish(article=article, by=editor, at=timezone.now() + timedelta(days=1))
    services.article_unschedule(article=article, by=editor)
    article.refresh_from_db()
    assert article.status == Article.Status.IN_REVIEW and article.published_at is None


def test_a_stale_save_is_refused_and_changes_nothing(journalist, editor, draft_by):
    article = draft_by(journalist)
    opened_by_journalist = Article.objects.get(pk=article.pk)
    opened_by_editor = Article.objects.get(pk=article.pk)
    opened_by_editor.title = "Editor's title"
    services.article_save(article=opened_by_editor, by=editor, expected_version=opened_by_editor.version)
    opened_by_journalist.title = "Journalist's title"
    with pytest.raises(services.StaleVersion) as stale:
        services.article_save(article=opened_by_journalist, by=journalist, expected_version=1)
    assert stale.value.current.title == "Editor's title"
    assert Article.objects.get(pk=article.pk).title == "Editor's title"


def test_every_save_bumps_the_version_and_keeps_a_revision(journalist, draft_by):
    article = draft_by(journalist)
    for n, title in enumerate(["Second", "Third"], start=2):
        article.title = title
        article = services.article_save(article=article, by=journalist, expected_version=article.version)
        assert article.version == n
    assert list(Revision.objects.filter(article=article).values_list("number", "title")) == [
        (3, "Third"),
        (2, "Second"),
        (1, "Cold spell to grip Kazakhstan"),
    ]


def test_restoring_a_revision_is_a_new_revision(journalist, draft_by):
    article = draft_by(journalist)
    article.title, article.body = "Wrong", "<p>Wrong body</p>"
    services.article_save(article=article, by=journalist, expected_version=article.version)
    first = Revision.objects.get(article=article, number=1)
    restored = services.revision_restore(article=article, revision=first, by=journalist)
    assert restored.title == "Cold spell to grip Kazakhstan"
    assert Revision.objects.filter(article=article).count() == 3  # nothing is lost
    assert AuditEntry.objects.filter(article=article, action=Action.RESTORED).exists()


def test_a_correction_with_a_note_is_shown_to_readers(journalist, editor, draft_by):
    article = services.article_publish(article=draft_by(journalist), by=editor)
    article.body = "<p>Temperatures will drop to –25 °C.</p>"
    with mock.patch("django.utils.timezone.now", return_value=timezone.now() + timedelta(hours=3)):
        services.article_save(
            article=article,
            by=editor,
            expected_version=article.version,
            correction_note="The low is –25 °C, not –35 °C.",
        )
    article.refresh_from_db()
    correction = Correction.objects.get(article=article)
    assert correction.note == "The low is –25 °C, not –35 °C." and correction.created_by == editor
    assert article.corrected_at == correction.created_at
    assert article.status == Article.Status.PUBLISHED
    assert _actions(article)[-1] == Action.CORRECTED


def test_editing_cannot_change_the_workflow_fields(journalist, draft_by):
    article = draft_by(journalist)
    article.status = Article.Status.PUBLISHED
    article.published_at = timezone.now()
    saved = services.article_save(article=article, by=journalist, expected_version=article.version)
    saved.refresh_from_db()
    assert saved.status == Article.Status.DRAFT and saved.published_at is None


def test_a_withdrawn_story_stays_withdrawn(journalist, editor, draft_by):
    article = services.article_publish(article=draft_by(journalist), by=editor)
    services.article_withdraw(article=article, by=editor, reason="Wrong figures")
    with pytest.raises(ValidationError):
        services.article_publish(article=article, by=editor)
    assert AuditEntry.objects.get(action=Action.WITHDRAWN).message == "Wrong figures"


def test_permission_changes_are_audited(chief, journalist):
    from django.contrib.auth.models import Group

    from newsdesk.newsroom import roles

    journalist.groups.add(Group.objects.get(name=roles.EDITOR))
    entry = AuditEntry.objects.filter(action=Action.PERMISSIONS_CHANGED).latest("id")
    assert "journalist" in entry.target and "Editors" in entry.message


def test_a_story_on_the_site_is_not_published_again(journalist, editor, draft_by):
    article = services.article_publish(article=draft_by(journalist), by=editor)
    first_published_at = Article.objects.get(pk=article.pk).published_at
    later = timezone.now() + timedelta(days=3)
    with mock.patch("django.utils.timezone.now", return_value=later), pytest.raises(ValidationError):
        services.article_publish(article=article, by=editor)
    assert Article.objects.get(pk=article.pk).published_at == first_published_at  # not back on top of the feed


def test_people_schedule_for_the_future_and_the_system_may_backdate(journalist, editor, draft_by):
    article = services.article_submit(article=draft_by(journalist), by=journalist)
    an_hour_ago = timezone.now() - timedelta(hours=1)
    with pytest.raises(ValidationError):
        services.article_publish(article=article, by=editor, at=an_hour_ago)
    assert Article.objects.get(pk=article.pk).status == Article.Status.IN_REVIEW
    imported = services.article_publish(article=draft_by(journalist, title="From the wire"), by=None, at=an_hour_ago)
    assert imported.published_at == an_hour_ago and imported.is_visible
