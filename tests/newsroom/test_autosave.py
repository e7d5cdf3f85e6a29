"""Autosave and presence: a copy per person that never touches the story, offered back
on return; who else has the story open; both texts after a save refused as stale."""

from datetime import timedelta

import pytest
from django.utils import timezone

from newsdesk.content.models import Article
from newsdesk.newsroom import autosave, services
from newsdesk.newsroom.models import DraftCopy, Presence
from tests.newsroom.test_admin import _change, _form


def _save_url(article) -> str:
    return f"/admin/content/article/{article.pk}/autosave/"


def _typed(article, **fields) -> dict:
    typed = {"title": article.title, "lead": article.lead, "body": article.body, "base_version": article.version}
    return typed | fields


@pytest.fixture
def draft(journalist, draft_by) -> Article:
    return draft_by(journalist)


def test_a_copy_is_kept_and_the_story_is_untouched(client, journalist, draft):
    client.force_login(journalist)
    response = client.post(_save_url(draft), _typed(draft, body="<p>Half a sentence</p>"))
    assert response.status_code == 200 and response.json()["saved"]
    assert DraftCopy.objects.get(user=journalist, article=draft).body == "<p>Half a sentence</p>"
    assert Article.objects.get(pk=draft.pk).body == draft.body


def test_the_copy_comes_back_in_the_form_with_a_notice_and_the_version_it_was_typed_on(client, journalist, draft):
    client.force_login(journalist)
    client.post(_save_url(draft), _typed(draft, body="<p>Words typed before the tab was closed.</p>"))
    response = client.get(_change(draft))
    page = response.content.decode()
    assert "Words typed before the tab was closed." in response.context["adminform"].form["body"].value()
    assert "is back in the form below" in page
    assert response.context["adminform"].form["expected_version"].value() == draft.version


def test_discarding_the_copy_shows_the_story_as_saved(client, journalist, draft):
    client.force_login(journalist)
    client.post(_save_url(draft), _typed(draft, body="<p>Not wanted.</p>"))
    response = client.post(f"{_save_url(draft)}discard/")
    assert response.status_code == 302 and not DraftCopy.objects.exists()
    assert "Not wanted." not in client.get(_change(draft)).content.decode()


def test_saving_the_story_ends_the_copy(client, journalist, draft, section):
    client.force_login(journalist)
    client.post(_save_url(draft), _typed(draft, body="<p>Saved at last.</p>"))
    response = client.post(_change(draft), _form(section, draft, body="<p>Saved at last.</p>"))
    assert response.status_code == 302
    assert not DraftCopy.objects.exists()


def test_a_new_story_has_its_copy_too(client, journalist, section):
    client.force_login(journalist)
    response = client.post("/admin/content/article/autosave/", {"title": "Flood", "lead": "", "body": "<p>Water</p>"})
    assert response.status_code == 200
    page = client.get("/admin/content/article/add/")
    assert page.context["adminform"].form["title"].value() == "Flood"
    client.post("/admin/content/article/add/", _form(section, title="Flood", body="<p>Water rises.</p>"))
    assert Article.objects.filter(title="Flood").exists() and not DraftCopy.objects.exists()


def test_someone_who_may_not_edit_keeps_no_copy(client, other_journalist, journalist, draft):
    client.force_login(other_journalist)
    response = client.post(_save_url(draft), _typed(draft, body="<p>Hijack</p>"))
    assert response.status_code == 403  # a colleague's draft: not even visible
    assert not DraftCopy.objects.exists()


def test_an_editor_reading_a_story_in_review_is_present_but_keeps_no_copy_of_a_read_only_form(
    client, journalist, sport_editor, draft
):
    services.article_submit(article=draft, by=journalist)
    client.force_login(journalist)  # the author: the story in review is read only to them
    response = client.post(_save_url(draft), _typed(draft, body="<p>Sneaked in</p>"))
    assert response.status_code == 200 and response.json()["saved"] is None
    assert not DraftCopy.objects.exists() and Presence.objects.filter(user=journalist).exists()


def test_hostile_input_gets_a_clear_answer(client, journalist, draft):
    client.force_login(journalist)
    too_long = client.post(_save_url(draft), _typed(draft, title="x" * 301))
    assert too_long.status_code == 400 and "title" in too_long.json()["error"]
    nul = client.post(_save_url(draft), _typed(draft, body="<p>a\x00b</p>", base_version="-5"))
    assert nul.status_code == 200
    copy = DraftCopy.objects.get()
    assert copy.body == "<p>ab</p>" and copy.base_version == draft.version
    assert client.get(_save_url(draft)).status_code == 405
    assert client.post("/admin/content/article/99999/autosave/", _typed(draft)).status_code == 404


def test_two_people_on_one_story_see_each_other(client, journalist, editor, draft):
    services.article_submit(article=draft, by=journalist)
    client.force_login(editor)
    client.get(_change(draft))
    client.force_login(journalist)
    answer = client.post(_save_url(draft), {}).json()
    assert [person["name"] for person in answer["present"]] == ["Editor"]
    page = client.get(_change(draft)).content.decode()
    assert "Editor has this story open since" in page
    client.force_login(editor)
    client.post(_save_url(draft), {"leave": "1"})
    client.force_login(journalist)
    assert client.post(_save_url(draft), {}).json()["present"] == []


def test_presence_fades_and_since_restarts_after_an_absence(journalist, editor, draft):
    start = timezone.now() - timedelta(minutes=10)
    autosave.presence_note(user=editor, article=draft, now=start)
    assert autosave.present_on(article=draft, besides=journalist) == []
    autosave.presence_note(user=editor, article=draft)
    (present,) = autosave.present_on(article=draft, besides=journalist)
    assert present.since > start + timedelta(minutes=9)
    assert autosave.presence_tidy(now=timezone.now() + timedelta(hours=2)) == 1


def test_a_refused_stale_save_shows_both_texts_and_the_next_save_goes_over_deliberately(
    client, journalist, editor, draft, section
):
    services.article_submit(article=draft, by=journalist)
    opened = Article.objects.get(pk=draft.pk)
    draft.body = "<p>The editor's version.</p>"
    services.article_save(article=draft, by=editor, expected_version=opened.version)
    client.force_login(editor)
    data = _form(section, opened, body="<p>Mine, typed on the old version.</p>")
    response = client.post(_change(opened), data)
    page = response.content.decode()
    assert response.status_code == 200 and "Both texts, to merge" in page
    assert "The editor&#x27;s version." in page or "The editor's version." in page
    assert "Mine, typed on the old version." in page
    form = response.context["adminform"].form
    assert form["expected_version"].value() == str(Article.objects.get(pk=draft.pk).version)
    again = client.post(_change(opened), data | {"expected_version": form["expected_version"].value()})
    assert again.status_code == 302
    assert Article.objects.get(pk=draft.pk).body == "<p>Mine, typed on the old version.</p>"
