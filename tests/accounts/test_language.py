"""Each person's back-office language: chosen on any screen, kept with the account across
sessions and browsers, and the language new stories start in. Readers' pages keep theirs."""

import pytest

from newsdesk.accounts.language import language_choose
from newsdesk.accounts.models import StaffPreferences

from .conftest import PASSWORD


def _choose(client, language: str, next_url: str = "/admin/content/article/"):
    return client.post("/admin/preferences/", {"language": language, "next": next_url})


def test_the_switcher_is_on_every_screen_and_the_choice_sticks(client, editor):
    client.force_login(editor)
    page = client.get("/admin/content/article/").content.decode()
    assert 'id="back-office-language"' in page
    response = _choose(client, "ru")
    assert response.status_code == 302 and response["Location"] == "/admin/content/article/"
    page = client.get("/admin/content/article/").content.decode()
    assert '<html lang="ru"' in page and "Выйти" in page
    assert StaffPreferences.objects.get(user=editor).language == "ru"


def test_the_language_follows_the_person_to_a_new_session(client, editor):
    language_choose(user=editor, language="kk")
    client.post("/admin/login/", {"username": editor.username, "password": PASSWORD})
    page = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="kk"' in page


def test_readers_pages_keep_the_language_of_their_address(client, editor, make_article):
    make_article()
    client.force_login(editor)
    _choose(client, "ru")
    assert '<html lang="en"' in client.get("/en/").content.decode()


def test_a_new_story_starts_in_the_persons_language(client, journalist):
    client.force_login(journalist)
    _choose(client, "kk")
    form = client.get("/admin/content/article/add/").context["adminform"].form
    assert form["language"].value() == "kk"
    _choose(client, "kk-latn")
    form = client.get("/admin/content/article/add/").context["adminform"].form
    assert form["language"].value() == "kk"  # the Latin edition shows Kazakh stories


@pytest.mark.parametrize("language", ["de", "", "<script>", "ru" * 50])
def test_an_unknown_language_is_refused_with_a_message(client, editor, language):
    client.force_login(editor)
    response = _choose(client, language)
    assert response.status_code == 302
    assert not StaffPreferences.objects.filter(user=editor).exists()


def test_next_never_leads_off_the_site(client, editor):
    client.force_login(editor)
    assert _choose(client, "ru", "https://evil.example/")["Location"] == "/admin/"


def test_the_preferences_page_shows_the_choice(client, editor):
    client.force_login(editor)
    _choose(client, "ru")
    page = client.get("/admin/preferences/").content.decode()
    assert '<option value="ru" lang="ru" selected>' in page


def test_signed_out_people_cannot_choose(client, editor):
    response = _choose(client, "ru")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert not StaffPreferences.objects.exists()
