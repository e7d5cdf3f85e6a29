import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from newsdesk.content.models import Article
from newsdesk.newsroom import services
from newsdesk.newsroom.models import AuditEntry
from newsdesk.newsroom.translations import translation_mark_current, translation_start, translation_statuses


def test_the_panel_shows_which_translations_exist_and_which_are_missing(journalist, draft_by):
    article = draft_by(journalist)
    statuses = {s.language: s for s in translation_statuses(article)}
    assert statuses["en"].article == article and statuses["ru"].article is None and statuses["kk"].article is None


def test_starting_a_translation_makes_a_prefilled_draft_in_the_same_story(journalist, draft_by):
    original = draft_by(journalist)
    draft = translation_start(article=original, language="ru", by=journalist)
    assert draft.language == "ru" and draft.status == Article.Status.DRAFT
    assert draft.translation_group == original.translation_group and draft.translation_of == original
    assert draft.body == original.body and draft.created_by == journalist
    with pytest.raises(ValidationError):
        translation_start(article=original, language="ru", by=journalist)
    with pytest.raises(ValidationError):
        translation_start(article=original, language="en", by=journalist)


def test_a_translation_older_than_its_original_is_flagged_until_brought_up_to_date(journalist, editor, draft_by):
    original = draft_by(journalist)
    translation = translation_start(article=original, language="kk", by=journalist)
    original.title = "Changed after the translation"
    services.article_save(article=original, by=journalist, expected_version=original.version)
    statuses = {s.language: s for s in translation_statuses(original)}
    assert statuses["kk"].outdated and not statuses["en"].outdated
    translation_mark_current(article=translation, by=journalist)
    assert not {s.language: s for s in translation_statuses(original)}["kk"].outdated


def test_marking_a_translation_current_reads_the_original_as_stored_and_bumps_the_version(journalist, draft_by):
    """The mark follows the original's stored version, not a copy read earlier, and a form
    opened before it is stale, so a save from it cannot undo the mark unseen."""
    original = draft_by(journalist)
    translation = translation_start(article=original, language="kk", by=journalist)
    opened_at = translation.version
    stale_copy = Article.objects.get(pk=translation.pk)  # the original as it was then, cached
    stale_copy.translation_of  # noqa: B018
    original.title = "Changed after the translation"
    services.article_save(article=original, by=journalist, expected_version=original.version)
    marked = translation_mark_current(article=stale_copy, by=journalist)
    assert marked.translated_from_version == Article.objects.get(pk=original.pk).version
    assert marked.version == opened_at + 1
    translation.title = "A save from the form opened before the mark"
    with pytest.raises(services.StaleVersion):
        services.article_save(article=translation, by=journalist, expected_version=opened_at)


def test_someone_who_may_not_write_cannot_start_a_translation(draft_by, journalist, db):
    from django.contrib.auth.models import User

    reader = User.objects.create_user("reader", password="x", is_staff=True)
    article = draft_by(journalist)
    with pytest.raises(PermissionDenied):
        translation_start(article=article, language="ru", by=reader)
    refused = AuditEntry.objects.get(action=AuditEntry.Action.REFUSED)
    assert (refused.actor, refused.article, refused.message) == (reader, article, "translate")


def test_the_change_form_offers_to_start_a_translation(client, journalist, draft_by):
    article = draft_by(journalist)
    client.force_login(journalist)
    html = client.get(f"/admin/content/article/{article.pk}/change/").content.decode()
    assert "Start a translation" in html
    response = client.post(f"/admin/content/article/{article.pk}/translate/", {"language": "kk"})
    translation = Article.objects.get(language="kk")
    assert response["Location"] == f"/admin/content/article/{translation.pk}/change/"
