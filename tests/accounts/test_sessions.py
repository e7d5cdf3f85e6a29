"""Finding 12: back-office sessions end after inactivity and after a maximum; readers have none."""

import time

from newsdesk.accounts import sessions
from tests.accounts.conftest import sign_in


def _age(client, *, idle: float = 0, signed_in: float = 0) -> None:
    session = client.session
    now = int(time.time())
    session[sessions.SEEN_AT] = now - int(idle)
    session[sessions.SIGNED_IN_AT] = now - int(signed_in)
    session.save()


def test_the_defaults_suit_a_newsroom(settings):
    assert settings.STAFF_SESSION_IDLE_MINUTES == 8 * 60
    assert settings.STAFF_SESSION_MAX_HOURS == 24
    assert settings.SESSION_COOKIE_AGE == 24 * 3600


def test_signing_in_starts_both_clocks_and_the_cookie_expires_when_idle(client, editor, settings):
    response = sign_in(client, "editor")
    assert response.cookies["sessionid"]["max-age"] == settings.STAFF_SESSION_IDLE_MINUTES * 60
    assert abs(client.session[sessions.SIGNED_IN_AT] - time.time()) < 5
    assert client.session.get_expiry_age() == settings.STAFF_SESSION_IDLE_MINUTES * 60


def test_a_session_idle_too_long_ends_with_a_word_of_why(client, editor, settings):
    sign_in(client, "editor")
    _age(client, idle=settings.STAFF_SESSION_IDLE_MINUTES * 60 + 1, signed_in=9 * 3600)
    response = client.get("/admin/content/article/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/?next=")
    assert not client.session.get("_auth_user_id")
    page = client.get(response["Location"]).content.decode()
    assert "You were signed out after 8 hours without activity." in page


def test_work_keeps_a_session_alive_and_renews_it_at_most_once_a_minute(client, editor, settings):
    sign_in(client, "editor")
    _age(client, idle=settings.STAFF_SESSION_IDLE_MINUTES * 60 - 30, signed_in=10 * 3600)
    assert client.get("/admin/").status_code == 200
    assert time.time() - client.session[sessions.SEEN_AT] < 5  # renewed
    seen = client.session[sessions.SEEN_AT]
    response = client.get("/admin/")
    assert response.status_code == 200 and client.session[sessions.SEEN_AT] == seen
    assert "sessionid" not in response.cookies  # nothing to save within the minute


def test_no_session_outlives_the_maximum_however_busy(client, editor, settings):
    sign_in(client, "editor")
    _age(client, idle=0, signed_in=settings.STAFF_SESSION_MAX_HOURS * 3600 + 1)
    response = client.get("/admin/", follow=True)
    assert "Your session has ended. Please sign in again." in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated


def test_a_shorter_setting_is_obeyed(client, editor, settings):
    settings.STAFF_SESSION_IDLE_MINUTES = 15
    sign_in(client, "editor")
    _age(client, idle=15 * 60 + 1)
    assert client.get("/admin/").status_code == 302


def test_public_pages_neither_read_nor_touch_a_staff_members_session(client, editor, make_article, settings):
    article = make_article()
    sign_in(client, "editor")
    _age(client, idle=settings.STAFF_SESSION_IDLE_MINUTES * 60 + 1)
    before = dict(client.session.items())
    for path in ("/en/", article.get_absolute_url()):
        response = client.get(path)
        assert response.status_code == 200 and not response.cookies, path
    assert dict(client.session.items()) == before  # neither renewed nor ended by reading the news
