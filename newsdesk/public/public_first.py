"""The reader's pages through only the middleware they need.

A reader's page never reads the session, the signed-in user, the CSRF token or the
messages, and never writes the audit log; the middleware for those (and WhiteNoise, for
files under /static/) costs every page miss its time anyway. `PublicPagesFirst`, around
the WSGI application, hands a GET or HEAD of a public page (public/paths.py) to a Django
handler of its own whose middleware is settings.MIDDLEWARE without them, in the same
order: the page cache, the replica, the request limits, the security headers, the
Content-Security-Policy, the edition's language, the host and slash rules, the frame rule
and the agency's time zone. The answer is the one the whole stack gives
(tests/public/test_public_first.py compares them); anything else goes to Django untouched.
"""

from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler, get_path_info

from newsdesk.public.paths import is_public_page

# What a reader's page does not use.
NOT_FOR_READERS = (
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "newsdesk.accounts.language.back_office_language",
    "django.contrib.messages.middleware.MessageMiddleware",
    "newsdesk.newsroom.audit_context.remember_actor",
    "newsdesk.newsroom.audit_context.keep_entries_through_rollbacks",
)


def readers_middleware() -> list[str]:
    return [path for path in settings.MIDDLEWARE if path not in NOT_FOR_READERS]


class ReadersHandler(WSGIHandler):
    """Django's WSGI handler with the readers' middleware."""

    def load_middleware(self, is_async: bool = False) -> None:
        # Django builds the chain from settings.MIDDLEWARE, once, when the handler is made;
        # the list is put back at once (nothing else reads it after start-up).
        whole = settings.MIDDLEWARE
        settings.MIDDLEWARE = readers_middleware()
        try:
            super().load_middleware(is_async)
        finally:
            settings.MIDDLEWARE = whole


class PublicPagesFirst:
    def __init__(self, application: Callable, readers: Callable | None = None) -> None:
        self.application = application
        self.readers = readers or ReadersHandler()

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        if environ.get("REQUEST_METHOD") in ("GET", "HEAD") and is_public_page(get_path_info(environ)):
            return self.readers(environ, start_response)
        return self.application(environ, start_response)
