"""With Redis down, pages still serve and views are still counted (in the database)."""

import socket

import pytest
from django.test import override_settings

from newsdesk.audience import redis_counter
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
    settings.REDIS_URL = url
    settings.NEWSDESK = {**settings.NEWSDESK, "COUNT_THROUGH_REDIS": True}
    redis_counter.reset_client()
    with override_settings(CACHES=caches):
        yield
    redis_counter.reset_client()


def test_pages_serve_and_views_count_while_redis_is_down(client, story, redis_down):
    assert client.get("/en/").status_code == 200
    response = client.get(story.get_absolute_url())
    assert response.status_code == 200 and ">14706<" in response.content.decode()
    beacon = client.post(f"/en/news/{story.pk}/views/", HTTP_USER_AGENT=BROWSER)
    assert beacon.json() == {"views": 14707, "counted": True}
    assert ViewTotal.objects.get(article=story).views == 14707
