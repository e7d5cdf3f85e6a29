"""Who is acting in this request, for audit entries written where no request is at hand."""

from collections.abc import Callable
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse

_actor: ContextVar = ContextVar("newsroom_actor", default=None)


def current_actor():
    """The user of the request being served (audit_record leaves out anonymous ones)."""
    return _actor.get()


def remember_actor(get_response: Callable[[HttpRequest], HttpResponse]):
    """Middleware: make the signed-in user known to signal handlers of this request."""

    def middleware(request: HttpRequest) -> HttpResponse:
        token = _actor.set(getattr(request, "user", None))
        try:
            return get_response(request)
        finally:
            _actor.reset(token)

    return middleware
