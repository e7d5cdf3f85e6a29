"""Each role's rights, checked on the server through the services (not by hiding buttons)."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from newsdesk.content.models import Article
from newsdesk.newsroom import rules, services
from newsdesk.newsroom.models import AuditEntry
from tests.newsroom.conftest import staff


def test_a_journalist_edits_and_submits_own_drafts_only(journalist, other_journalist, draft_by):
    mine = draft_by(journalist)
    theirs = draft_by(other_journalist)
    assert rules.can_edit(user=journalist, article=mine) and rules.can_submit(user=journalist, article=mine)
    assert not rules.can_edit(user=journalist, article=theirs)
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
    assert rules.can_publish(user=editor, article=article) and rules.can_edit(user=editor, article=article)
    assert not rules.can_publish(user=sport_editor, article=article) and not rules.can_edit(
        user=sport_editor, article=article
    )
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
    assert not rules.can_edit(user=journalist, article=article)
    assert rules.can_edit(user=editor, article=article)
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
        listed = set(
            Article.objects.filter(rules.viewable_condition(user=person, now=now)).values_list("title", flat=True)
        )
        allowed = {story.title for story in stories if rules.can_view(user=person, article=story)}
        assert listed == allowed, person


def _granted(user, *rights: str):
    """`user` with these rights ("app.codename") on top of their role, read afresh."""
    for right in rights:
        app_label, codename = right.split(".")
        user.user_permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return type(user).objects.get(pk=user.pk)


def _only(user, *rights: str):
    """`user` moved out of every role, left with these single rights only."""
    user.groups.clear()
    return _granted(user, *rights)


def _desk_list(person) -> set[str]:
    return set(
        Article.objects.filter(rules.viewable_condition(user=person, now=timezone.now())).values_list(
            "title", flat=True
        )
    )


def test_the_system_may_do_anything(journalist, chief, draft_by):
    draft = draft_by(journalist, title="Draft")
    in_review = services.article_submit(article=draft_by(journalist, title="In review"), by=journalist)
    published = services.article_publish(article=draft_by(journalist, title="Published"), by=None)
    withdrawn = services.article_withdraw(
        article=services.article_publish(article=draft_by(journalist, title="Withdrawn"), by=None), by=None
    )
    for article in (draft, in_review, published, withdrawn):
        assert rules.can_view(user=None, article=article) and rules.can_view_history(user=None, article=article)
        assert rules.can_edit(user=None, article=article) and rules.can_publish(user=None, article=article)
    assert rules.can_edit_in(user=None, article=draft, section_id=draft.section_id) and rules.can_submit(
        user=None, article=draft
    )
    assert rules.can_send_back(user=None, article=in_review) and rules.can_withdraw(user=None, article=published)
    assert rules.can_manage_person(actor=None, person=chief) and rules.can_leave_person_with(actor=None, person=chief)
    assert rules.grantable_roles(None) == list(Group.objects.order_by("name"))


def test_an_account_switched_off_opens_and_edits_nothing_not_even_its_own(journalist, draft_by):
    draft = draft_by(journalist, title="Mine")
    published = services.article_publish(article=draft_by(journalist, title="Mine, published"), by=None)
    journalist.is_active = False
    journalist.save()
    for article in (draft, published):
        assert not rules.can_view(user=journalist, article=article) and not rules.can_view_history(
            user=journalist, article=article
        )
        assert not rules.can_edit(user=journalist, article=article)
    assert not rules.can_submit(user=journalist, article=draft)
    assert _desk_list(journalist) == set()


def test_staff_without_the_right_to_view_stories_open_none_not_even_published_ones(journalist, draft_by):
    published = services.article_publish(article=draft_by(journalist, title="On the site"), by=None)
    manager = _only(staff("manager", "Journalists"), "auth.view_user", "auth.change_user")
    assert not rules.can_view(user=manager, article=published) and not rules.can_view_history(
        user=manager, article=published
    )
    assert _desk_list(manager) == set()


def test_an_author_left_without_the_right_to_change_stories_no_longer_edits_their_draft(journalist, draft_by):
    draft = draft_by(journalist)
    journalist = _only(journalist, "content.view_article")
    assert rules.can_view(user=journalist, article=draft)
    assert not rules.can_edit(user=journalist, article=draft) and not rules.can_submit(user=journalist, article=draft)


def test_history_is_for_those_who_work_on_the_story_even_once_it_is_published(
    journalist, other_journalist, editor, sport_editor, chief, draft_by
):
    """Revisions hold text readers never saw: seeing the story is not seeing its history."""
    article = services.article_publish(article=draft_by(journalist), by=editor)  # in Politics
    for colleague in (other_journalist, sport_editor):
        assert rules.can_view(user=colleague, article=article) and not rules.can_view_history(
            user=colleague, article=article
        )
    for worker in (journalist, editor, chief):
        assert rules.can_view_history(user=worker, article=article)


def test_an_edit_is_checked_as_it_would_leave_the_story(editor, journalist, section, sport, draft_by):
    both = staff("both", "Editors", [section, sport])
    article = services.article_submit(article=draft_by(journalist), by=journalist)  # in Politics
    assert rules.can_edit_in(user=editor, article=article, section_id=section.pk)
    assert not rules.can_edit_in(user=editor, article=article, section_id=sport.pk)
    assert not rules.can_edit_in(user=journalist, article=article, section_id=section.pk)
    assert rules.can_edit_in(user=both, article=article, section_id=sport.pk)
    assert article.section_id == section.pk  # asking moves nothing


def test_either_right_over_colleagues_stories_puts_one_in_charge_of_the_section(
    journalist, other_journalist, section, draft_by
):
    """A copy editor (edits others' stories) and a publisher (publishes them) each open,
    and list, a colleague's draft in their section; each does only what their right says."""
    copy_editor = _granted(staff("copyeditor", "Journalists", [section]), "content.edit_others_article")
    publisher = _granted(staff("publisher", "Journalists", [section]), "content.publish_article")
    draft = draft_by(other_journalist, title="A colleague's draft")
    for person in (copy_editor, publisher):
        assert rules.can_view(user=person, article=draft) and rules.can_view_history(user=person, article=draft)
        assert "A colleague's draft" in _desk_list(person)
    assert rules.can_edit(user=copy_editor, article=draft) and not rules.can_publish(user=copy_editor, article=draft)
    assert rules.can_publish(user=publisher, article=draft) and not rules.can_edit(user=publisher, article=draft)


def test_a_change_after_publication_needs_the_right_to_correct(other_journalist, section, draft_by):
    copy_editor = _granted(staff("copyeditor", "Journalists", [section]), "content.edit_others_article")
    published = services.article_publish(article=draft_by(other_journalist), by=None)
    assert not rules.can_edit(user=copy_editor, article=published)
    assert rules.can_edit(user=_granted(copy_editor, "content.correct_article"), article=published)


def test_a_withdrawn_story_is_edited_by_no_one_but_the_system(journalist, editor, chief, draft_by):
    article = services.article_publish(article=draft_by(journalist), by=editor)
    article = services.article_withdraw(article=article, by=editor, reason="legal")
    for person in (journalist, editor, chief):
        assert not rules.can_edit(user=person, article=article)
    assert rules.can_edit(user=None, article=article)


def test_an_editor_sends_back_only_stories_in_review_in_their_sections(editor, sport_editor, journalist, draft_by):
    draft = draft_by(journalist, title="Still a draft")
    assert not rules.can_send_back(user=editor, article=draft)
    article = services.article_submit(article=draft_by(journalist), by=journalist)  # in Politics
    assert not rules.can_send_back(user=sport_editor, article=article)
    sent_back = services.article_send_back(article=article, by=editor, comment="Name the source.")
    assert sent_back.status == Article.Status.DRAFT


def test_an_editor_withdraws_only_published_stories_of_their_sections(editor, sport_editor, journalist, draft_by):
    draft = services.article_submit(article=draft_by(journalist, title="In review"), by=journalist)
    assert not rules.can_withdraw(user=editor, article=draft)
    article = services.article_publish(article=draft_by(journalist), by=editor)  # in Politics
    for refused in (journalist, sport_editor):
        assert not rules.can_withdraw(user=refused, article=article)
        with pytest.raises(PermissionDenied):
            services.article_withdraw(article=article, by=refused, reason="mine")
    services.article_withdraw(article=article, by=editor, reason="legal")
    assert Article.objects.get(pk=article.pk).status == Article.Status.WITHDRAWN


def test_an_editor_of_sport_alone_acts_on_sport_and_not_on_politics(section, sport_editor, journalist, sport, draft_by):
    """The sections are the desk's sections (not the rows that link the desk to them)."""
    politics = services.article_submit(article=draft_by(journalist, title="Politics"), by=journalist)
    sports = services.article_submit(article=draft_by(journalist, title="Sport", section=sport), by=journalist)
    assert rules.can_edit(user=sport_editor, article=sports) and rules.can_publish(user=sport_editor, article=sports)
    assert not rules.can_edit(user=sport_editor, article=politics) and not rules.can_publish(
        user=sport_editor, article=politics
    )


def test_a_page_of_stories_reads_the_editors_sections_once(editor, journalist, draft_by, django_assert_num_queries):
    stories = [draft_by(journalist, title=f"Story {n}") for n in range(3)]
    assert rules.can_edit(user=editor, article=stories[0])  # reads the editor's rights and sections
    with django_assert_num_queries(0):
        assert all(
            rules.can_edit(user=editor, article=story) and rules.can_publish(user=editor, article=story)
            for story in stories
        )


# People: who may change whose account, and which roles they may give.


def test_an_account_switched_off_manages_no_one(chief, journalist):
    chief.is_active = False
    chief.save()
    assert not rules.can_manage_person(actor=chief, person=journalist)


def test_a_chief_editor_manages_another_and_may_make_someone_a_chief_editor(chief, journalist):
    """Rights all of one's own are enough: the same rights as one's own included."""
    assert rules.can_manage_person(actor=chief, person=staff("chief2", "Chief editors"))
    journalist.groups.add(Group.objects.get(name="Chief editors"))
    assert rules.can_leave_person_with(actor=chief, person=journalist)


def test_the_roles_a_chief_editor_may_give_take_the_same_few_queries_however_many_roles(
    chief, django_assert_num_queries
):
    """Three queries (the roles, their rights, the rights' apps), and the chief's own rights once."""
    with django_assert_num_queries(4):
        given = rules.grantable_roles(chief)
    assert [group.name for group in given] == ["Chief editors", "Editors", "Journalists"]
    for n in range(3):
        Group.objects.create(name=f"Desk {n}").permissions.set(Permission.objects.filter(codename="view_article"))
    with django_assert_num_queries(3):
        assert len(rules.grantable_roles(chief)) == 6
