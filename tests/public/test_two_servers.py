"""Two app servers over the same database and Redis serve one consistent site."""

import json
import time
import urllib.request
from email.message import Message
from zoneinfo import ZoneInfo

import pytest
from django.test import override_settings

from newsdesk.audience import redis_counter
from newsdesk.audience.models import ViewTotal
from newsdesk.newsroom import services
from tests.public.appserver import server_env, start_app_server, stop

BROWSER = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36"


def _get(port: int, path: str) -> tuple[str, Message]:
    with urllib.request.urlopen(
        urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Host": "127.0.0.1"})
    ) as r:
        return r.read().decode(), r.headers  # case-insensitive, as HTTP headers are


def _beacon(port: int, article_id: int, address: str) -> dict:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/en/news/{article_id}/views/",
        method="POST",
        headers={"User-Agent": BROWSER, "X-Forwarded-For": address},
    )
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read())


@pytest.mark.django_db(transaction=True)
def test_two_app_servers_serve_the_same_site_and_see_each_others_changes(private_redis, story, make_article, settings):
    settings.NEWSDESK = {**settings.NEWSDESK, "REDIS_PREFIX": "twoservers"}
    from tests.conftest import _free_port

    caches = {
        "default": {
            "BACKEND": "newsdesk.lib.cache.ResilientRedisCache",
            "LOCATION": private_redis.url,
            "KEY_PREFIX": "twoservers",
        }
    }
    env = server_env(REDIS_URL=private_redis.url, CACHE_KEY_PREFIX="twoservers", PAGE_CACHE="1", BEHIND_PROXY="1")
    ports = [_free_port(), _free_port()]
    servers = [start_app_server(port, env) for port in ports]
    try:
        with override_settings(CACHES=caches):
            first, _headers = _get(ports[0], "/en/")
            second, headers = _get(ports[1], "/en/")
            assert second == first and headers.get("X-Page-Cache") == "hit"  # stored by one, served by the other

            # A publication on the back office (here: this process) reaches both within
            # the second each keeps a page it has just served (PAGE_MEMO_SECONDS).
            draft = make_article("Breaking: the Senate votes", ago=None)
            services.article_publish(article=draft, by=None)
            published = time.monotonic()
            for port in ports:
                while "Breaking: the Senate votes" not in _get(port, "/en/")[0]:
                    assert time.monotonic() - published < 2.5, f"the server on {port} still shows the old home"
                    time.sleep(0.05)

            # A view counted on one is the count on the other.
            assert _beacon(ports[0], story.pk, "203.0.113.1") == {"views": 14707, "counted": True}
            assert _beacon(ports[1], story.pk, "203.0.113.2") == {"views": 14708, "counted": True}
            assert _beacon(ports[1], story.pk, "203.0.113.1") == {"views": 14708, "counted": False}
            redis_counter.flush(zone=ZoneInfo("Asia/Almaty"))
            assert ViewTotal.objects.get(article=story).views == 14708
    finally:
        for server in servers:
            stop(server)
