"""The view beacon answered before Django's middleware, as stored pages are.

The beacon is the busiest request a news site gets (one per story read), and it needs
none of what the middleware does for pages: no session, no user, no language of the back
office, no CSRF (it is exempt), no time zone. `BeaconsFirst`, around the WSGI application,
runs the same view (`views.view_beacon`) under only what shapes its answer: the security
headers, the Content-Security-Policy, the frame rule and the edition's language, so the
answer is the one Django gives (tests/audience/test_beacon_first.py compares them).

Anything else goes to Django untouched: another path or method, a query string, a body
over the limit, a host not allowed, a story readers cannot see (Django's 404 page), or
plain HTTP where the site redirects to HTTPS.
"""

import re
from collections.abc import Callable, Iterable
from typing import cast

from django.conf import settings
from django.core import signals
from django.core.exceptions import DisallowedHost
from django.core.handlers.exception import convert_exception_to_response
from django.core.handlers.wsgi import WSGIHandler, WSGIRequest
from django.http import HttpRequest, HttpResponse
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.middleware.csp import ContentSecurityPolicyMiddleware
from django.middleware.security import SecurityMiddleware
from django.utils import translation

from newsdesk.audience.views import story_is_visible, view_beacon
from newsdesk.editions.definition import EDITION_CODES
from newsdesk.lib.limits import declared_length

# /<edition>/news/<id>/views/, as public/urls.py routes it.
_BEACON = re.compile("/(" + "|".join(re.escape(code) for code in EDITION_CODES) + ")/news/([0-9]{1,18})/views/")


def _beacon(request: HttpRequest) -> HttpResponse:
    return view_beacon(request, request.beacon_article_id)  # type: ignore[attr-defined]


# The response-shaping middleware of settings.MIDDLEWARE, in its order, around the view.
_answer = SecurityMiddleware(
    ContentSecurityPolicyMiddleware(XFrameOptionsMiddleware(convert_exception_to_response(_beacon)))
)


class BeaconsFirst:
    def __init__(self, application: Callable) -> None:
        self.application = application

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        found = _BEACON.fullmatch(environ.get("PATH_INFO", ""))
        if found is None or environ.get("REQUEST_METHOD") != "POST" or environ.get("QUERY_STRING"):
            return self.application(environ, start_response)
        request = WSGIRequest(environ.copy())
        article_id = int(found[2])
        try:
            request.get_host()  # ALLOWED_HOSTS, as CommonMiddleware checks it
        except DisallowedHost:
            return self.application(environ, start_response)
        if declared_length(request) > settings.NEWSDESK["MAX_REQUEST_BYTES"] or (
            settings.SECURE_SSL_REDIRECT and not request.is_secure()
        ):
            return self.application(environ, start_response)
        # Before any query, as Django's handler does: stale connections are closed first.
        signals.request_started.send(sender=WSGIHandler, environ=environ)
        if not story_is_visible(article_id):
            return self.application(environ, start_response)
        request.beacon_article_id = article_id  # type: ignore[attr-defined]
        language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = cast(HttpResponse, _answer(request))  # the middleware's sync form
            response.headers.setdefault("Content-Language", language)  # as LocaleMiddleware
        if not response.streaming:
            response.headers.setdefault("Content-Length", str(len(response.content)))  # as CommonMiddleware
        response._handler_class = WSGIHandler  # type: ignore[attr-defined]  # close() sends request_finished
        start_response(f"{response.status_code} {response.reason_phrase}", list(response.items()))
        return response
