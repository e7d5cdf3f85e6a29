"""An editor's Latin spelling shows on the Latin edition at once: saving it drops the
cached pages it changes (and only those), and says how many stories it changes."""

import pytest

from newsdesk.content.spellings import stories_spelling
from newsdesk.editions import latin
from newsdesk.editions.editions import article_path
from newsdesk.editions.models import Transliteration
from newsdesk.newsroom import roles
from tests.newsroom.conftest import staff

ADD = "/admin/editions/transliteration/add/"


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.NEWSDESK = {**settings.NEWSDESK, "PAGE_CACHE": True, "PAGE_MEMO_SECONDS": 0}


@pytest.fixture
def stories(make_article, agency):
    toqaev = make_article("Тоқаев Астанада сөз сөйледі", language="kk", body="<p>Президент ТОҚАЕВ келді.</p>")
    other = make_article("Алматыда қар жауды", language="kk", body="<p>Қала тыныш.</p>")
    draft = make_article("Тоқаев туралы жоба", language="kk", ago=None)
    return toqaev, other, draft


def _latin_page(story) -> str:
    return article_path(article_id=story.pk, edition="kk-latn", slug=story.slug)


def test_a_cached_latin_page_shows_the_new_spelling_right_after_saving(
    client, stories, django_capture_on_commit_callbacks
):
    toqaev, other, _draft = stories
    automatic = latin.to_latin("Тоқаев")
    first = client.get(_latin_page(toqaev))
    assert automatic in first.content.decode()
    assert client.get(_latin_page(toqaev))["X-Page-Cache"] == "hit"
    client.get(_latin_page(other))
    assert client.get(_latin_page(other))["X-Page-Cache"] == "hit"

    client.force_login(staff("editor", roles.EDITOR))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ADD, {"cyrillic": "Тоқаев", "latin": "toqaiev"}, follow=True)
    assert "This spelling changes 1 story on the Latin edition" in response.content.decode()
    client.logout()

    again = client.get(_latin_page(toqaev))
    assert "X-Page-Cache" not in again
    page = again.content.decode()
    assert "Toqaiev" in page and latin.latin_upper("toqaiev") in page and automatic not in page
    assert "Toqaiev" in client.get("/kk-latn/").content.decode()
    assert client.get(_latin_page(other))["X-Page-Cache"] == "hit"  # it has no such word


def test_changing_or_deleting_a_spelling_drops_the_pages_again(client, stories, django_capture_on_commit_callbacks):
    toqaev = stories[0]
    spelling = Transliteration.objects.create(cyrillic="тоқаев", latin="toqaiev")
    client.get(_latin_page(toqaev))
    client.force_login(staff("editor", roles.EDITOR))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/admin/editions/transliteration/{spelling.pk}/change/", {"cyrillic": "тоқаев", "latin": "toqayev"}
        )
    assert "Toqayev" in client.get(_latin_page(toqaev)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/editions/transliteration/{spelling.pk}/delete/", {"post": "yes"})
    assert latin.to_latin("Тоқаев") in client.get(_latin_page(toqaev)).content.decode()


def test_the_stories_a_spelling_changes_are_visible_kazakh_ones_with_the_word(stories, make_article):
    toqaev, _other, _draft = stories
    make_article("Тоқаевтың сапары", language="kk")  # another word: a suffix makes it one
    make_article("Токаев выступил", language="ru")
    assert stories_spelling({"тоқаев"}) == [toqaev]
    assert stories_spelling({"тоқаевтың"}) != []
    assert stories_spelling(set()) == []


def test_a_journalist_may_not_change_spellings(client, db):
    client.force_login(staff("journalist", roles.JOURNALIST))
    assert client.post(ADD, {"cyrillic": "тоқаев", "latin": "toqaiev"}).status_code == 403
    assert not Transliteration.objects.exists()
