"""Finding 11: app servers sharing one database share the count (SQLite or PostgreSQL, any cache)."""

import re
import urllib.error
import urllib.parse
import urllib.request

import pytest

from tests.conftest import _free_port
from tests.public.appserver import server_env, start_app_server, stop

GUESSER = "198.51.100.66"


def _attempt(port: int, address: str, password: str) -> int:
    """One sign-in through the login form, as a browser behind our proxy would send it."""
    base = f"http://127.0.0.1:{port}/admin/login/"
    headers = {"Host": "127.0.0.1", "X-Forwarded-For": address}
    with urllib.request.urlopen(urllib.request.Request(base, headers=headers)) as page:
        html = page.read().decode()
        cookie = page.headers["Set-Cookie"].split(";")[0]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": "editor", "password": password})
    request = urllib.request.Request(base, data=body.encode(), headers={**headers, "Cookie": cookie}, method="POST")
    try:
        with urllib.request.urlopen(request) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.django_db(transaction=True)
def test_failures_on_one_app_server_lock_the_address_out_on_the_other(roles_made, editor):
    env = server_env(BEHIND_PROXY="1", COOKIE_SECURE="0")
    ports = [_free_port(), _free_port()]
    servers = [start_app_server(port, env) for port in ports]
    try:
        assert [_attempt(ports[n % 2], GUESSER, f"guess {n}") for n in range(5)] == [200] * 5
        assert _attempt(ports[0], GUESSER, "guess") == 429
        assert _attempt(ports[1], GUESSER, "guess") == 429
        assert _attempt(ports[1], "203.0.113.7", "typo") == 200  # another address is not locked
    finally:
        for server in servers:
            stop(server)
