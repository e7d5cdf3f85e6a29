"""The public site's reads from a read replica, when `DATABASE_REPLICA_URL` names one.

Only a reader's GET of a public page reads from the replica. Everything else reads from
the primary: the back office locks rows and must see its own saves at once, the beacon
counts on the primary (or Redis), and a write always goes to the primary, even for a row
that was read from the replica.
"""

from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.db.models import Model
from django.http import HttpRequest, HttpResponse

from newsdesk.public.paths import is_public_page

REPLICA = "replica"
_public_page: ContextVar[bool] = ContextVar("newsdesk_public_page", default=False)


class PublicReadsToReplica:
    """Database router (settings.DATABASE_ROUTERS, set when there is a replica)."""

    def db_for_read(self, model: type[Model], **hints: Any) -> str | None:
        return REPLICA if _public_page.get() else None

    def db_for_write(self, model: type[Model], **hints: Any) -> str:
        return "default"

    def allow_relation(self, obj1: Model, obj2: Model, **hints: Any) -> bool:
        return True  # the same rows on both

    def allow_migrate(self, db: str, app_label: str, model_name: str | None = None, **hints: Any) -> bool:
        return db != REPLICA  # the replica follows the primary's schema by replication


ROUTER = f"{__name__}.PublicReadsToReplica"


def public_reads_from_replica(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """Middleware: mark a reader's GET of a public page, for the router (when it is installed)."""
    if ROUTER not in settings.DATABASE_ROUTERS:
        raise MiddlewareNotUsed  # no replica: nothing to mark on any request

    def middleware(request: HttpRequest) -> HttpResponse:
        if request.method not in ("GET", "HEAD") or not is_public_page(request.path):
            return get_response(request)
        token = _public_page.set(True)
        try:
            return get_response(request)
        finally:
            _public_page.reset(token)

    return middleware
