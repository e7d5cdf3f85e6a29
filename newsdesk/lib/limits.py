"""Limits on what one request may make the server do, checked before anything is read:
the method it uses, the size of its body, the characters of its address.

Django caps the fields of a form (DATA_UPLOAD_MAX_NUMBER_FIELDS), its size without files
(DATA_UPLOAD_MAX_MEMORY_SIZE) and the number of files; uploads themselves are streamed to
disk with no cap, so the whole body is capped here by its declared length. A body sent
without a length is not read by Django at all.
"""

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.utils.translation import gettext as _

# What the site answers to; TRACE, PUT, DELETE, OPTIONS and the rest are 405 everywhere.
ALLOWED_METHODS = ("GET", "HEAD", "POST")


def refuse_malformed_requests(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """Middleware, one for every request:
    - 405 for any method but GET, HEAD and POST;
    - 413 for a body longer than NEWSDESK["MAX_REQUEST_BYTES"];
    - 400, in the site's design, for a NUL in the path or the query string: it is no
      address of this site, and PostgreSQL refuses to compare text holding one."""

    def middleware(request: HttpRequest) -> HttpResponse:
        if request.method not in ALLOWED_METHODS:
            return HttpResponseNotAllowed(ALLOWED_METHODS)
        if declared_length(request) > settings.NEWSDESK["MAX_REQUEST_BYTES"]:
            limit = settings.NEWSDESK["MAX_REQUEST_BYTES"] // (1024 * 1024)
            message = _("The request is too large: at most %(limit)s MB may be sent at once.") % {"limit": limit}
            return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
        if "\x00" in request.path_info or "%00" in request.META.get("QUERY_STRING", ""):
            raise BadRequest(_("The address holds a character that no address of this site has."))
        return get_response(request)

    return middleware


def declared_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0  # Django reads nothing of a body whose length it cannot read
