"""Refusals in the back office leave a trace in the audit log, through the real admin
views, even when they roll back the request's transactions. Transactional tests: the
default test transaction would wrap, and keep, everything."""

import pytest
from django.db import connection

from newsdesk.content.models import Article
from newsdesk.newsroom import services
from newsdesk.newsroom.models import AuditEntry
from tests.newsroom.test_admin import _change, _form, _messages

REFUSED = AuditEntry.Action.REFUSED
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("roles_made")]


@pytest.fixture(params=[False, True], ids=["view's transaction", "and the request's"])
def atomic_requests(request, monkeypatch) -> bool:
    """The admin's change form runs in a transaction of its own; with ATOMIC_REQUESTS, a
    deployment may wrap every request in one more."""
    monkeypatch.setitem(connection.settings_dict, "ATOMIC_REQUESTS", request.param)
    return request.param


@pytest.mark.parametrize("button", [{}, {"_workflow": "withdraw"}], ids=["save", "workflow button"])
def test_an_editor_refused_a_story_of_another_section_leaves_a_trace(
    client, journalist, editor, sport_editor, section, draft_by, atomic_requests, button
):
    article = services.article_publish(article=draft_by(journalist), by=editor)  # in Politics, on the site
    client.force_login(sport_editor)
    response = client.post(_change(article), _form(section, article, title="Hijacked") | button)
    assert response.status_code == 403
    refused = AuditEntry.objects.get(action=REFUSED)
    assert (refused.actor, refused.article_id, refused.message) == (sport_editor, article.pk, "edit")
    stored = Article.objects.get(pk=article.pk)
    assert stored.title == "Cold spell to grip Kazakhstan" and stored.status == Article.Status.PUBLISHED


def test_a_save_of_a_story_one_may_not_even_open_leaves_a_trace(client, journalist, sport_editor, section, draft_by):
    draft = draft_by(journalist)  # in Politics, not on the site: not for the editor of Sport
    client.force_login(sport_editor)
    assert client.post(_change(draft), _form(section, draft, title="Hijacked")).status_code == 403
    refused = AuditEntry.objects.get(action=REFUSED)
    assert (refused.actor, refused.article_id, refused.message) == (sport_editor, draft.pk, "edit")


def test_a_refused_button_the_form_answers_with_a_message_is_logged_once(client, journalist, draft_by, atomic_requests):
    article = draft_by(journalist)
    client.force_login(journalist)
    response = client.post(_change(article), _form(article.section, article, _workflow="publish"), follow=True)
    assert "You may not publish this article" in _messages(response)
    refused = AuditEntry.objects.get(action=REFUSED)
    assert (refused.actor, refused.article_id, refused.message) == (journalist, article.pk, "publish")
    assert Article.objects.get(pk=article.pk).status == Article.Status.DRAFT
