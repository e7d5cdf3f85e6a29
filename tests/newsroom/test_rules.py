"""Each role's rights, checked on the server through the services (not by hiding buttons)."""

import pytest
from django.core.exceptions import PermissionDenied

from newsdesk.content.models import Article
from newsdesk.newsroom import rules, services
from newsdesk.newsroom.models import AuditEntry


def test_a_journalist_edits_and_submits_own_drafts_only(journalist, other_journalist, draft_by):
    mine = draft_by(journalist)
    theirs = draft_by(other_journalist)
    assert rules.can_edit(journalist, mine) and rules.can_submit(journalist, mine)
    assert not rules.can_edit(journalist, theirs)
    with pytest.raises(PermissionDenied):
        services.article_submit(article=theirs, by=journalist)


def test_a_journalist_cannot_publish_schedule_send_back_or_withdraw(journalist, draft_by):
    article = services.article_submit(article=draft_by(journalist), by=journalist)
    with pytest.raises(PermissionDenied):
        services.article_publish(article=article, by=journalist)
    with pytest.raises(PermissionDenied):
        services.article_send_back(article=article, by=journalist, comment="no")
    assert Article.objects.get(pk=article.pk).status == Article.Status.IN_REVIEW


def test_a_journalist_cannot_edit_a_story_once_submitted(journalist, draft_by):
    article = services.article_submit(article=draft_by(journalist), by=journalist)
    article.title = "Changed behind the editor's back"
    with pytest.raises(PermissionDenied):
        services.article_save(article=article, by=journalist)
    assert Article.objects.get(pk=article.pk).title == "Cold spell to grip Kazakhstan"


def test_an_editor_acts_in_their_sections_only(editor, sport_editor, journalist, draft_by):
    article = services.article_submit(article=draft_by(journalist), by=journalist)  # in Politics
    assert rules.can_publish(editor, article) and rules.can_edit(editor, article)
    assert not rules.can_publish(sport_editor, article) and not rules.can_edit(sport_editor, article)
    with pytest.raises(PermissionDenied):
        services.article_publish(article=article, by=sport_editor)
    services.article_publish(article=article, by=editor)
    assert Article.objects.get(pk=article.pk).is_visible


def test_a_chief_editor_acts_everywhere(chief, journalist, draft_by, sport):
    article = services.article_submit(article=draft_by(journalist, section=sport), by=journalist)
    services.article_publish(article=article, by=chief)
    services.article_withdraw(article=article, by=chief, reason="legal")
    assert Article.objects.get(pk=article.pk).status == Article.Status.WITHDRAWN


def test_only_editors_correct_published_stories(editor, journalist, draft_by):
    article = services.article_publish(article=draft_by(journalist), by=editor)
    assert not rules.can_edit(journalist, article)
    assert rules.can_edit(editor, article)
    article.lead = "Corrected lead."
    corrected = services.article_save(article=article, by=editor, correction_note="The lead was wrong.")
    assert corrected.corrected_at is not None


def test_refused_attempts_are_logged(journalist, other_journalist, draft_by):
    theirs = draft_by(other_journalist)
    with pytest.raises(PermissionDenied):
        services.article_submit(article=theirs, by=journalist)
    entry = AuditEntry.objects.get(action=AuditEntry.Action.REFUSED)
    assert entry.actor == journalist and entry.article == theirs


def test_inactive_staff_can_do_nothing(editor, journalist, draft_by):
    article = services.article_submit(article=draft_by(journalist), by=journalist)
    editor.is_active = False
    editor.save()
    with pytest.raises(PermissionDenied):
        services.article_publish(article=article, by=editor)


def test_an_editor_cannot_move_a_story_out_of_their_sections(editor, journalist, sport, draft_by):
    article = services.article_submit(article=draft_by(journalist), by=journalist)  # in Politics
    article.section = sport
    with pytest.raises(PermissionDenied):
        services.article_save(article=article, by=editor, expected_version=article.version)
    stored = Article.objects.get(pk=article.pk)
    assert stored.section.slug == "politics" and stored.version == article.version
    refused = AuditEntry.objects.get(action=AuditEntry.Action.REFUSED, actor=editor)
    assert refused.article_id == article.pk


def test_an_editor_cannot_correct_a_published_story_into_another_section(editor, journalist, sport, draft_by):
    article = services.article_publish(article=draft_by(journalist), by=editor)
    article.section = sport
    with pytest.raises(PermissionDenied):
        services.article_save(article=article, by=editor, correction_note="Moved.")
    assert Article.objects.get(pk=article.pk).section.slug == "politics"
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.CORRECTED).exists()


def test_an_editor_of_both_sections_moves_a_story(journalist, sport, section, draft_by):
    from tests.newsroom.conftest import staff

    both = staff("both", "Editors", [section, sport])
    article = services.article_submit(article=draft_by(journalist), by=journalist)
    article.section = sport
    services.article_save(article=article, by=both)
    assert Article.objects.get(pk=article.pk).section == sport


def test_an_editor_cannot_move_a_story_into_their_section_from_another(
    editor, sport_editor, journalist, sport, section, draft_by
):
    article = services.article_submit(article=draft_by(journalist, section=sport), by=journalist)
    article.section = section  # Politics: the editor's own, but the story is not theirs to take
    with pytest.raises(PermissionDenied):
        services.article_save(article=article, by=editor)
    assert Article.objects.get(pk=article.pk).section == sport


def test_the_desks_list_shows_exactly_what_each_person_may_open(
    journalist, other_journalist, editor, sport_editor, chief, sport, draft_by
):
    """`viewable_condition` (the list) and `can_view` (each story) are one rule written
    twice: for every role and every kind of story they must agree."""
    from datetime import timedelta

    from django.contrib.auth.models import Permission
    from django.utils import timezone

    from tests.newsroom.conftest import staff

    stories = [
        draft_by(journalist, title="Mine"),
        draft_by(other_journalist, title="A colleague's, in Politics"),
        draft_by(other_journalist, title="A colleague's, in Sport", section=sport),
        services.article_submit(article=draft_by(other_journalist, title="In review"), by=other_journalist),
        services.article_publish(article=draft_by(other_journalist, title="Published", section=sport), by=None),
        services.article_publish(
            article=draft_by(other_journalist, title="Scheduled", section=sport),
            by=None,
            at=timezone.now() + timedelta(days=1),
        ),
    ]
    # All sections, but neither editing nor publishing others' stories: sees what readers see.
    onlooker = staff("onlooker", "Journalists")
    onlooker.user_permissions.add(Permission.objects.get(codename="act_in_all_sections"))
    onlooker = type(onlooker).objects.get(pk=onlooker.pk)
    now = timezone.now()
    for person in (journalist, other_journalist, editor, sport_editor, chief, onlooker):
        listed = set(Article.objects.filter(rules.viewable_condition(person, now)).values_list("title", flat=True))
        allowed = {story.title for story in stories if rules.can_view(person, story)}
        assert listed == allowed, person
