"""Calling a WSGI application as a WSGI server would: the front layers of newsdesk/wsgi.py
(stored pages, view beacons) answer some requests before Django."""

from urllib.parse import unquote_to_bytes
from wsgiref.util import setup_testing_defaults

from django.core.signals import request_finished, request_started
from django.db import close_old_connections


def django_must_not_be_called(environ, start_response):
    raise AssertionError(f"{environ['REQUEST_METHOD']} {environ['PATH_INFO']} went to Django")


def wsgi_call(application, path: str, method: str = "GET", **headers) -> tuple[str, dict, bytes]:
    """The status, headers and body `application` answers, given the environ a WSGI server
    would give it: the path's bytes read as Latin-1 (PEP 3333). Closes the answer, as a
    server does (Django's then sends request_finished). As Django's test client does, the
    database connection is not closed at the request's start and end: it holds the test's
    transaction."""
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": unquote_to_bytes(path).decode("iso-8859-1"),
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "REMOTE_ADDR": "127.0.0.1",
        **headers,
    }
    setup_testing_defaults(environ)
    answer = {}

    def start_response(status, response_headers):
        answer.update(status=status, headers=dict(response_headers))

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        iterable = application(environ, start_response)
        try:
            body = b"".join(iterable)
        finally:
            if hasattr(iterable, "close"):
                iterable.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return answer["status"], answer["headers"], body
