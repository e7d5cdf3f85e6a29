"""What the production app server (granian) is sent, it answers as the embedded server does."""

import http.client
from email.message import Message

import pytest

from newsdesk.content.models import Tag
from tests.conftest import _free_port
from tests.public.appserver import server_env, start_app_server, stop


@pytest.fixture
def app_server(transactional_db):
    port = _free_port()
    server = start_app_server(port, server_env(PAGE_CACHE="1"))
    yield port
    stop(server)


def _request(port: int, method: str, path: str, headers: dict | None = None) -> tuple[int, Message, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request(method, path, headers={"Host": "127.0.0.1", **(headers or {})})
        response = connection.getresponse()
        return response.status, response.headers, response.read()  # headers: case-insensitive
    finally:
        connection.close()


def test_cyrillic_and_accented_tag_pages_answer_under_the_app_server(app_server, make_article):
    russian = Tag.objects.create(language="ru", name="выборы", slug="выборы")
    english = Tag.objects.create(language="en", name="Café", slug="café")
    make_article("Выборы в маслихат", language="ru", tags=[russian])
    make_article("Coffee in Almaty", tags=[english])
    for path, text in (
        ("/ru/tag/%D0%B2%D1%8B%D0%B1%D0%BE%D1%80%D1%8B/", "Выборы в маслихат"),
        ("/en/tag/caf%C3%A9/", "Coffee in Almaty"),
    ):
        for _ in range(2):  # a miss, then a hit
            status, _headers, body = _request(app_server, "GET", path)
            assert status == 200, (path, status)
            assert text in body.decode()


@pytest.mark.parametrize("method", ["TRACE", "PUT", "DELETE", "OPTIONS"])
def test_the_app_server_answers_405_to_methods_the_site_does_not_use(app_server, method):
    status, headers, _body = _request(app_server, method, "/en/")
    assert status == 405 and headers["Allow"] == "GET, HEAD, POST"
