"""The article's change form, driven through HTTP as the roles use it: "Show as updated"."""

from datetime import timedelta

import pytest
from django.utils import timezone

from newsdesk.content.models import Article
from newsdesk.newsroom import services
from newsdesk.newsroom.models import AuditEntry
from newsdesk.siteconfig.selectors import site_settings
from tests.newsroom.test_admin import _change, _form

Action = AuditEntry.Action
TICK = {"show_as_updated": "on"}


@pytest.fixture
def on_the_site(journalist, editor, draft_by) -> Article:
    return services.article_publish(article=draft_by(journalist), by=editor)


def _shown_time(article: Article):
    return Article.objects.get(pk=article.pk).revised_at


def test_the_editor_sees_the_tick_beside_the_correction_note(client, editor, on_the_site):
    client.force_login(editor)
    html = client.get(_change(on_the_site)).content.decode()
    note, tick = html.index('name="correction_note"'), html.index('name="show_as_updated"')
    assert note < tick < html.index('name="section"')  # in the Correction fieldset, after the note
    assert 'type="checkbox"' in html[tick - 200 : tick + 200]
    assert "Leave unticked for a typo fix." in html


def test_an_editor_shows_a_substantive_change_as_updated(client, editor, on_the_site):
    client.force_login(editor)
    before = timezone.now()
    response = client.post(
        _change(on_the_site), _form(on_the_site.section, on_the_site, lead="Schools close on Friday.") | TICK
    )
    assert response.status_code == 302, response.content
    stored = Article.objects.get(pk=on_the_site.pk)
    assert stored.revised_at >= before and stored.modified_at == stored.revised_at
    assert stored.lead == "Schools close on Friday."
    entry = AuditEntry.objects.filter(article=on_the_site).first()
    assert (entry.action, entry.actor) == (Action.UPDATED, editor)


def test_a_typo_fix_without_the_tick_leaves_the_shown_time(client, editor, on_the_site):
    client.force_login(editor)
    response = client.post(_change(on_the_site), _form(on_the_site.section, on_the_site, title="Cold spell grips"))
    assert response.status_code == 302
    stored = Article.objects.get(pk=on_the_site.pk)
    assert stored.title == "Cold spell grips" and stored.revised_at is None
    assert AuditEntry.objects.filter(article=on_the_site).first().action == Action.CORRECTED


def test_a_scheduled_story_offers_no_tick_and_a_forged_one_is_ignored(client, journalist, editor, draft_by):
    scheduled = services.article_publish(
        article=draft_by(journalist), by=editor, at=timezone.now() + timedelta(hours=2)
    )
    client.force_login(editor)
    html = client.get(_change(scheduled)).content.decode()
    assert 'name="correction_note"' in html and 'name="show_as_updated"' not in html
    response = client.post(_change(scheduled), _form(scheduled.section, scheduled, title="Team named") | TICK)
    assert response.status_code == 302
    stored = Article.objects.get(pk=scheduled.pk)
    assert stored.title == "Team named" and stored.revised_at is None


def test_a_forged_tick_on_a_draft_is_ignored(client, journalist, draft_by):
    draft = draft_by(journalist)
    client.force_login(journalist)
    assert 'name="show_as_updated"' not in client.get(_change(draft)).content.decode()
    response = client.post(_change(draft), _form(draft.section, draft, title="Snow in Astana") | TICK)
    assert response.status_code == 302
    stored = Article.objects.get(pk=draft.pk)
    assert stored.title == "Snow in Astana" and stored.revised_at is None
    assert AuditEntry.objects.filter(article=draft).first().action == Action.EDITED


def test_an_embargo_set_in_the_same_save_is_a_form_error(client, editor, on_the_site):
    client.force_login(editor)
    later = timezone.localtime(timezone.now() + timedelta(hours=3), site_settings().zone)  # as the form reads it
    response = client.post(
        _change(on_the_site),
        _form(
            on_the_site.section,
            on_the_site,
            embargo_until_0=later.strftime("%Y-%m-%d"),
            embargo_until_1=later.strftime("%H:%M"),
        )
        | TICK,
    )
    assert response.status_code == 200
    assert "it cannot be shown as updated" in response.content.decode()
    stored = Article.objects.get(pk=on_the_site.pk)
    assert stored.revised_at is None and stored.embargo_until is None


@pytest.mark.parametrize("who", ["journalist", "copy_editor", "sport_editor"])
def test_who_may_not_correct_cannot_show_it_as_updated_by_a_forged_post(client, request, on_the_site, who):
    """The story's own author, a copy editor of its section who may not correct, the editor
    of another section: none gets a form to tick, and a forged POST is refused."""
    someone = request.getfixturevalue(who)
    client.force_login(someone)
    assert 'name="show_as_updated"' not in client.get(_change(on_the_site)).content.decode()
    response = client.post(_change(on_the_site), _form(on_the_site.section, on_the_site, lead="Forged.") | TICK)
    assert response.status_code == 403
    stored = Article.objects.get(pk=on_the_site.pk)
    assert stored.revised_at is None and stored.lead != "Forged."
    assert AuditEntry.objects.filter(action=Action.REFUSED, actor=someone, article=on_the_site).exists()
