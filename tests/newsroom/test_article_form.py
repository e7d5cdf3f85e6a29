"""The article's change form, driven through HTTP as the roles use it: what kind of change
an edit of a published story is (a correction, an update, a silent fix), chosen on purpose."""

from datetime import timedelta

import pytest
from django.utils import timezone

from newsdesk.content.models import Article, Correction
from newsdesk.newsroom import services
from newsdesk.newsroom.models import AuditEntry
from newsdesk.siteconfig.selectors import site_settings
from tests.newsroom.test_admin import _change, _form

Action = AuditEntry.Action
CORRECTION, UPDATE, SILENT_FIX = ({"change_kind": kind} for kind in ("correction", "update", "silent_fix"))
NOTE = "An earlier version gave the wrong low temperature."


@pytest.fixture
def on_the_site(journalist, editor, draft_by) -> Article:
    return services.article_publish(article=draft_by(journalist), by=editor)


def _as_stored(article: Article, **overrides) -> dict:
    """The form as the story's page gives it, with the editor's changes."""
    stored = Article.objects.get(pk=article.pk)
    return _form(stored.section, stored, title=stored.title, lead=stored.lead, body=stored.body) | overrides


def _last_action(article: Article) -> str:
    return AuditEntry.objects.filter(article=article).first().action


def test_the_editor_is_asked_what_kind_of_change_it_is(client, editor, on_the_site):
    client.force_login(editor)
    html = client.get(_change(on_the_site)).content.decode()
    assert "What kind of change is this?" in html
    kinds = [html.index(f'value="{kind}"') for kind in ("correction", "update", "silent_fix")]
    assert kinds == sorted(kinds) and kinds[-1] < html.index('name="correction_note"') < html.index('name="section"')
    assert html.count('name="change_kind"') == 3 and "checked" not in html[kinds[0] - 300 : kinds[-1] + 300]
    assert "Correction (readers see the note)" in html and "Silent fix (a typo)" in html
    assert 'name="show_as_updated"' not in html


def test_a_changed_text_of_a_story_on_the_site_needs_a_choice(client, editor, on_the_site):
    client.force_login(editor)
    for change in ({"title": "Cold spell grips"}, {"lead": "Schools close."}, {"body": "<p>Schools close.</p>"}):
        response = client.post(_change(on_the_site), _as_stored(on_the_site, **change))
        assert response.status_code == 200, change
        assert "choose whether this is a correction, an update or a silent fix" in response.content.decode()
    stored = Article.objects.get(pk=on_the_site.pk)
    assert stored.version == on_the_site.version and stored.title == on_the_site.title
    assert _last_action(on_the_site) == Action.PUBLISHED  # nothing saved, nothing logged


def test_nothing_readers_read_changed_needs_no_choice(client, editor, on_the_site, sport):
    client.force_login(editor)
    stored = Article.objects.get(pk=on_the_site.pk)
    untouched = _as_stored(on_the_site, title=f"  {stored.title} ", body=stored.body.replace("</p><p>", "</p>\n<p>"))
    response = client.post(_change(on_the_site), untouched | {"is_breaking": "on"})
    assert response.status_code == 302, response.content
    assert Article.objects.get(pk=on_the_site.pk).is_breaking and _last_action(on_the_site) == Action.EDITED


def test_an_update_shows_readers_the_time(client, editor, on_the_site):
    client.force_login(editor)
    before = timezone.now()
    response = client.post(_change(on_the_site), _as_stored(on_the_site, lead="Schools close on Friday.") | UPDATE)
    assert response.status_code == 302, response.content
    stored = Article.objects.get(pk=on_the_site.pk)
    assert stored.revised_at >= before and stored.modified_at == stored.revised_at
    assert stored.lead == "Schools close on Friday." and not Correction.objects.exists()
    entry = AuditEntry.objects.filter(article=on_the_site).first()
    assert (entry.action, entry.actor) == (Action.UPDATED, editor)


def test_a_silent_fix_of_the_headline_is_an_edit_not_a_correction(client, editor, on_the_site):
    client.force_login(editor)
    response = client.post(_change(on_the_site), _as_stored(on_the_site, title="Cold spell grips") | SILENT_FIX)
    assert response.status_code == 302
    stored = Article.objects.get(pk=on_the_site.pk)
    assert stored.title == "Cold spell grips" and stored.revised_at is None and stored.corrected_at is None
    assert _last_action(on_the_site) == Action.EDITED and not Correction.objects.exists()


def test_a_correction_publishes_its_note(client, editor, on_the_site):
    client.force_login(editor)
    data = _as_stored(on_the_site, body="<p>The low is –25 °C.</p>", correction_note=NOTE) | CORRECTION
    assert client.post(_change(on_the_site), data).status_code == 302
    assert Correction.objects.get(article=on_the_site).note == NOTE
    assert _last_action(on_the_site) == Action.CORRECTED


@pytest.mark.parametrize(
    ("kind", "note", "error"),
    [
        (CORRECTION, "", "Say what was corrected"),
        (UPDATE, NOTE, "Only a correction has a public note"),
        (SILENT_FIX, NOTE, "Only a correction has a public note"),
        ({}, NOTE, "Only a correction has a public note"),
    ],
    ids=["a correction without a note", "an update with one", "a silent fix with one", "a note and no choice"],
)
def test_the_note_belongs_to_a_correction_alone(client, editor, on_the_site, kind, note, error):
    client.force_login(editor)
    response = client.post(
        _change(on_the_site), _as_stored(on_the_site, lead="Schools close.", correction_note=note) | kind
    )
    assert response.status_code == 200 and error in response.content.decode()
    assert Article.objects.get(pk=on_the_site.pk).lead != "Schools close." and not Correction.objects.exists()


def test_a_scheduled_story_offers_no_update_and_a_forged_one_is_refused(client, journalist, editor, draft_by):
    scheduled = services.article_publish(
        article=draft_by(journalist), by=editor, at=timezone.now() + timedelta(hours=2)
    )
    client.force_login(editor)
    html = client.get(_change(scheduled)).content.decode()
    assert 'value="correction"' in html and 'value="silent_fix"' in html and 'value="update"' not in html
    response = client.post(_change(scheduled), _as_stored(scheduled, title="Team named") | UPDATE)
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    # Readers have not seen it: an edit needs no choice, and is an edit.
    response = client.post(_change(scheduled), _as_stored(scheduled, title="Team named"))
    assert response.status_code == 302
    stored = Article.objects.get(pk=scheduled.pk)
    assert stored.title == "Team named" and stored.revised_at is None and _last_action(scheduled) == Action.EDITED


def test_a_draft_offers_no_choice_and_a_forged_one_is_ignored(client, journalist, draft_by):
    draft = draft_by(journalist)
    client.force_login(journalist)
    html = client.get(_change(draft)).content.decode()
    assert 'name="change_kind"' not in html and 'name="correction_note"' not in html
    response = client.post(_change(draft), _as_stored(draft, title="Snow in Astana", correction_note=NOTE) | CORRECTION)
    assert response.status_code == 302
    stored = Article.objects.get(pk=draft.pk)
    assert stored.title == "Snow in Astana" and stored.revised_at is None and not Correction.objects.exists()
    assert _last_action(draft) == Action.EDITED


def test_an_update_with_an_embargo_set_in_the_same_save_is_a_form_error(client, editor, on_the_site):
    client.force_login(editor)
    later = timezone.localtime(timezone.now() + timedelta(hours=3), site_settings().zone)  # as the form reads it
    embargo = {"embargo_until_0": later.strftime("%Y-%m-%d"), "embargo_until_1": later.strftime("%H:%M")}
    response = client.post(_change(on_the_site), _as_stored(on_the_site, lead="Schools close.", **embargo) | UPDATE)
    assert response.status_code == 200
    assert "it cannot be shown as updated" in response.content.decode()
    stored = Article.objects.get(pk=on_the_site.pk)
    assert stored.revised_at is None and stored.embargo_until is None


@pytest.mark.parametrize("who", ["journalist", "copy_editor", "sport_editor"])
def test_who_may_not_correct_cannot_update_it_by_a_forged_post(client, request, on_the_site, who):
    """The story's own author, a copy editor of its section who may not correct, the editor
    of another section: none gets a form to choose in, and a forged POST is refused."""
    someone = request.getfixturevalue(who)
    client.force_login(someone)
    assert 'name="change_kind"' not in client.get(_change(on_the_site)).content.decode()
    response = client.post(_change(on_the_site), _as_stored(on_the_site, lead="Forged.") | UPDATE)
    assert response.status_code == 403
    stored = Article.objects.get(pk=on_the_site.pk)
    assert stored.revised_at is None and stored.lead != "Forged."
    assert AuditEntry.objects.filter(action=Action.REFUSED, actor=someone, article=on_the_site).exists()
