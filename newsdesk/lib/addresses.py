"""The address a request came from, as far as this site can tell."""

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The reader's address: REMOTE_ADDR, or the proxy's X-Forwarded-For when we sit behind one."""
    if settings.NEWSDESK["TRUST_X_FORWARDED_FOR"]:
        forwarded = request.headers.get("X-Forwarded-For", "")
        if forwarded:
            # The last address is the one our own proxy saw; earlier ones are the client's claims.
            return forwarded.split(",")[-1].strip()[:64]
    return request.META.get("REMOTE_ADDR", "")[:64]
