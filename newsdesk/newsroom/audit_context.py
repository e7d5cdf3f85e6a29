"""The audit context of a request: who is acting, and the entries no rollback may take back."""

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token
from typing import TYPE_CHECKING

from django.db import transaction
from django.http import HttpRequest, HttpResponse

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

_actor: ContextVar["User | AnonymousUser | None"] = ContextVar("newsroom_actor", default=None)
# The writes of entries saved inside a transaction that has not committed yet, to be
# made again if it is rolled back; None outside `keeping_entries` (no request).
_unconfirmed: ContextVar[list[Callable[[], object]] | None] = ContextVar("newsroom_unconfirmed", default=None)


def current_actor() -> "User | AnonymousUser | None":
    """The user of the request being served (audit_record leaves out anonymous ones)."""
    return _actor.get()


def remember_actor(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable[[HttpRequest], HttpResponse]:
    """Middleware: make the signed-in user known to signal handlers of this request."""

    def middleware(request: HttpRequest) -> HttpResponse:
        token = _actor.set(getattr(request, "user", None))
        try:
            return get_response(request)
        finally:
            _actor.reset(token)

    return middleware


def write_despite_rollback(write: Callable[[], object]) -> None:
    """Save an audit entry (`write` saves it on the default database) so that a rollback of
    the transaction it is saved in does not take it back.

    A refusal rolls back the transactions it is raised through, the admin's change form's
    included, and the entry of the refusal with them. So the entry is saved at once, kept
    if its transaction commits (an on_commit callback says so: those of a transaction or a
    savepoint rolled back never run), and otherwise saved again by `keeping_entries` once
    the request's transactions are over. Not on a second connection: its write would wait
    for this one's transaction, which holds SQLite's write lock and, on PostgreSQL, the
    lock on the article's row that the entry's foreign key needs, while this one waits.
    """
    write()
    unconfirmed = _unconfirmed.get()
    if unconfirmed is None or not transaction.get_connection().in_atomic_block:
        return  # saved for good, or no request to save it again at its end
    unconfirmed.append(write)
    transaction.on_commit(functools.partial(unconfirmed.remove, write))


@contextmanager
def keeping_entries() -> Iterator[None]:
    """Entries saved inside through `write_despite_rollback` that a rollback took back are
    saved again at the end, outside every transaction. (Inside a transaction opened before,
    a test's, which were taken back cannot be told: that transaction keeps what it keeps.)"""
    unconfirmed: list[Callable[[], object]] = []
    token = _unconfirmed.set(unconfirmed)
    try:
        yield
    finally:
        _write_again(unconfirmed, token)


def _write_again(unconfirmed: list[Callable[[], object]], token: Token[list[Callable[[], object]] | None]) -> None:
    _unconfirmed.reset(token)
    if unconfirmed and not transaction.get_connection().in_atomic_block:
        for write in unconfirmed:
            write()


def keep_entries_through_rollbacks(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """Middleware: a refusal that rolled back the view's transactions is logged all the same."""

    def middleware(request: HttpRequest) -> HttpResponse:
        # `keeping_entries` written out: every request passes here, and a generator-based
        # context manager costs more than the rest of this.
        unconfirmed: list[Callable[[], object]] = []
        token = _unconfirmed.set(unconfirmed)
        try:
            return get_response(request)
        finally:
            _write_again(unconfirmed, token)

    return middleware
