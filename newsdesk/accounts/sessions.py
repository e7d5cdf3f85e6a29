"""Back-office sessions end after STAFF_SESSION_IDLE_MINUTES without a request, and in any
case STAFF_SESSION_MAX_HOURS after signing in.

The times are kept in the session (on the server) and checked on every back-office page
(`site.StaffAdminSite.admin_view`); public pages never read the session. The session row
and its cookie also expire after the idle time (Django's own expiry, renewed on the
minute while the person works), so an abandoned session is cleared from storage too.
"""

import time

from django.conf import settings
from django.http import HttpRequest

SIGNED_IN_AT = "staff_signed_in_at"
SEEN_AT = "staff_seen_at"
# Renew the "seen" time at most once a minute, not write the session on every page.
TOUCH_EVERY = 60


def idle_seconds() -> int:
    return settings.STAFF_SESSION_IDLE_MINUTES * 60


def max_seconds() -> int:
    return settings.STAFF_SESSION_MAX_HOURS * 3600


def session_begin(sender: object = None, *, request: HttpRequest | None, user: object = None, **kwargs: object) -> None:
    """On signing in (the user_logged_in signal): start both clocks."""
    if request is None or not hasattr(request, "session"):
        return
    now = int(time.time())
    request.session[SIGNED_IN_AT] = now
    request.session[SEEN_AT] = now
    request.session.set_expiry(min(idle_seconds(), max_seconds()))


def session_ended(request: HttpRequest) -> str | None:
    """ "idle" or "max" when this signed-in session is over; None while it goes on (and it is renewed)."""
    now = int(time.time())
    signed_in_at = request.session.get(SIGNED_IN_AT)
    seen_at = request.session.get(SEEN_AT)
    if not isinstance(signed_in_at, int) or not isinstance(seen_at, int):
        return "max"  # a session from before these clocks: sign in again
    if now - signed_in_at >= max_seconds():
        return "max"
    if now - seen_at >= idle_seconds():
        return "idle"
    if now - seen_at >= TOUCH_EVERY:
        request.session[SEEN_AT] = now
        left = max_seconds() - (now - signed_in_at)
        request.session.set_expiry(min(idle_seconds(), left))
    return None
