"""Feed cursors in query strings: `?before=…` and `?after=…`.

A cursor is `<microseconds since the epoch>.<id>` of the item it points past. Anything
else in those parameters is a client error (400), never a server error.
"""

import re
from datetime import UTC, datetime, timedelta

from django.core.exceptions import BadRequest
from django.http import QueryDict
from django.utils.translation import gettext as _

from newsdesk.content.selectors import Cursor

_CURSOR = re.compile(r"^(\d{1,16})\.(\d{1,18})$")
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
# Cursors outside these years cannot point at any article.
_EARLIEST = datetime(1990, 1, 1, tzinfo=UTC)
_LATEST = datetime(2200, 1, 1, tzinfo=UTC)


def cursor_to_param(cursor: Cursor) -> str:
    delta = cursor.at - _EPOCH
    micros = (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds
    return f"{micros}.{cursor.id}"


def cursor_from_param(value: str) -> Cursor:
    match = _CURSOR.match(value)
    if not match:
        raise BadRequest(_("This page address has a position in the feed that makes no sense."))
    at = _EPOCH + timedelta(microseconds=int(match[1]))
    if not _EARLIEST <= at < _LATEST:
        raise BadRequest(_("This page address has a position in the feed that makes no sense."))
    return Cursor(at=at, id=int(match[2]))


def cursors_from_query(query: QueryDict) -> tuple[Cursor | None, Cursor | None]:
    """(before, after) from a query string; unknown parameters are ignored."""
    before = query.getlist("before")
    after = query.getlist("after")
    if len(before) + len(after) > 1:
        raise BadRequest(_("Ask for older or newer news, not both."))
    return (
        cursor_from_param(before[0]) if before else None,
        cursor_from_param(after[0]) if after else None,
    )
