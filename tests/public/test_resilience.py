"""With Redis down, pages still serve and views are still counted (in the database)."""

import socket

import pytest
from django.test import Client, override_settings

from newsdesk.audience.models import ViewTotal

BROWSER = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36"


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # nothing listens there once the socket is closed


@pytest.fixture
def redis_down(settings):
    url = f"redis://127.0.0.1:{_closed_port()}/0"
    caches = {
        "default": {
            "BACKEND": "newsdesk.lib.cache.ResilientRedisCache",
            "LOCATION": url,
            "OPTIONS": {"socket_timeout": 0.2, "socket_connect_timeout": 0.2},
        }
    }
    settings.REDIS_URL = url  # the counters' client is made for it (redis_counter._forget_client)
    settings.NEWSDESK = {**settings.NEWSDESK, "COUNT_THROUGH_REDIS": True}
    with override_settings(CACHES=caches):
        yield


def test_pages_serve_and_views_count_while_redis_is_down(client, story, redis_down):
    assert client.get("/en/").status_code == 200
    response = client.get(story.get_absolute_url())
    assert response.status_code == 200 and ">14,706<" in response.content.decode()
    beacon = client.post(f"/en/news/{story.pk}/views/", HTTP_USER_AGENT=BROWSER)
    assert beacon.json() == {"views": 14707, "counted": True}
    assert ViewTotal.objects.get(article=story).views == 14707


@pytest.fixture
def database_down(tmp_path):
    """The database refuses connections until the test ends (a restart, a failover)."""
    from django.db import connection

    saved = dict(connection.settings_dict)

    def go_down() -> None:
        connection.close()
        if connection.vendor == "sqlite":
            connection.settings_dict["NAME"] = str(tmp_path / "no such folder" / "db.sqlite3")
        else:
            connection.settings_dict["PORT"] = _closed_port()

    yield go_down
    connection.close()
    connection.settings_dict.update(saved)


@pytest.mark.django_db(transaction=True)
def test_while_the_database_is_down_stored_pages_serve_and_the_rest_answers_503(
    client, story, settings, database_down, django_user_model
):
    settings.NEWSDESK = {**settings.NEWSDESK, "PAGE_CACHE": True}
    editor = django_user_model.objects.create_user("editor", password="x", is_staff=True, is_superuser=True)
    desk = Client(raise_request_exception=False)
    desk.force_login(editor)
    client.raise_request_exception = False
    assert client.get(story.get_absolute_url()).status_code == 200  # stored
    database_down()

    assert client.get(story.get_absolute_url()).status_code == 200
    page = client.get("/en/")  # not stored: it needs the database
    assert page.status_code == 503 and page["Retry-After"] == "30" and "no-store" in page["Cache-Control"]
    html = page.content.decode()
    assert "The site is briefly unavailable" in html and "/static/newsdesk/site.css" in html
    saving = desk.post(f"/admin/content/article/{story.pk}/change/", {"title": "A correction"})
    assert saving.status_code == 503
    assert "What you sent may not have been saved" in saving.content.decode()
