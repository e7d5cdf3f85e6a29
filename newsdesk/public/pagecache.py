"""Whole public pages in the shared cache, served before the framework does anything else.

A page is stored under its path (no query string) for PAGE_SECONDS, or until the next
scheduled story is due, whichever comes first. Publishing, correcting or withdrawing a
story deletes exactly the pages that show it: its own page in each edition, the editions'
homes, its section's and tags' pages and its day. Everything else only ages out: Most
viewed and the counts move every minute anyway, and the beacon brings a story's count up
to date in the reader's browser.

Two layers share one store:
- `page_cache`, the outermost middleware, stores a page with the headers every other
  middleware gave it (security headers included), so a replay needs none of them;
- `CachedPagesFirst`, around the WSGI application, answers a hit before Django builds a
  request: one cache read and the stored bytes (docs/performance.md measures both).
A process also keeps the pages it served in the last PAGE_MEMO_SECONDS (one by default):
a crowd on one story costs one shared-cache read per process per second, not one per
reader. The process that drops a page forgets it at once; the others within that second.
`If-None-Match` (or `If-Modified-Since`) gets a 304 from the stored ETag (or time) in either.
"""

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import unquote

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import WSGIRequest
from django.db.models import Min
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.http import http_date, parse_http_date_safe

from newsdesk.content.front_page import next_front_change
from newsdesk.content.models import VisibilityDue
from newsdesk.lib.memo import KeyedProcessMemo
from newsdesk.public.paths import is_public_page, may_be_public_page
from newsdesk.siteconfig import schedule

PAGE_SECONDS = 60
KEY_PREFIX = "page:v2:"
NEXT_DUE_KEY = "page:next-due:v1"
CACHE_CONTROL = f"public, max-age={PAGE_SECONDS}"
# The server sets these on every answer itself; a stored page must not repeat them.
_NOT_KEPT = {"content-length", "date", "server", "set-cookie", "x-page-cache"}
# A 304 repeats only what describes the page (RFC 9110, 15.4.5).
_KEPT_IN_304 = {"etag", "last-modified", "cache-control", "vary", "content-location"}

# What is kept: the body, the headers as sent, the ETag.
StoredPage = tuple[bytes, list[tuple[str, str]], str]
# At most this many pages (~25-60 KB each) in a process's memory.
_recent: KeyedProcessMemo[str, StoredPage] = KeyedProcessMemo(capacity=200)


def page_key(path: str, *, secure: bool) -> str:
    # http and https answers differ (HSTS, the redirect to https), so each has its own.
    scheme = "https:" if secure else "http:"
    return KEY_PREFIX + hashlib.sha1((scheme + path).encode(), usedforsecurity=False).hexdigest()


def mark_cacheable(response: HttpResponse) -> HttpResponse:
    """Views of the public site call this on pages any reader may be served from the cache."""
    response.newsdesk_cacheable = True  # type: ignore[attr-defined]  # read by page_cache
    return response


def _cacheable_request(request: HttpRequest) -> bool:
    return (
        settings.NEWSDESK["PAGE_CACHE"]
        and request.method in ("GET", "HEAD")
        and not request.META.get("QUERY_STRING")
        and is_public_page(request.path)
    )


def _seconds_to_keep(now: datetime) -> int:
    """A page must not outlive the minute a scheduled story or an embargo comes due, nor
    the moment a TV programme starts or ends (every page's live block changes then), nor
    the end of a front-page pin or a breaking banner."""
    due = cache.get(NEXT_DUE_KEY)
    if due is None:
        # The moments stories become visible are kept as they are published (content.events).
        upcoming = VisibilityDue.objects.filter(visible_at__gt=now).aggregate(first=Min("visible_at"))["first"]
        # A pin or a breaking banner ends by the clock too (content.front_page).
        moments = [moment for moment in (upcoming, next_front_change(now=now)) if moment is not None]
        due = min(moments).timestamp() if moments else 0.0
        cache.set(NEXT_DUE_KEY, due, PAGE_SECONDS)
    seconds = PAGE_SECONDS
    for moment in (due, _timestamp(schedule.next_change(now=now))):
        if moment and moment > now.timestamp():
            seconds = min(seconds, max(1, int(moment - now.timestamp()) + 1))
    return seconds


def _timestamp(moment: datetime | None) -> float:
    return moment.timestamp() if moment else 0.0


def _key_for(request: HttpRequest) -> str:
    request.get_host()  # an unknown Host is refused (400) on a hit as on a miss
    return page_key(request.path, secure=request.is_secure())


def _stored(key: str) -> StoredPage | None:
    stored = _recent.get(key)
    if stored is None:
        stored = cache.get(key)
        if stored is not None:
            _recent.put(key, stored, settings.NEWSDESK["PAGE_MEMO_SECONDS"])
    return stored


def page_cache(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable[[HttpRequest], HttpResponse]:
    """Middleware, the outermost: answer public pages from the cache, store the ones views mark."""

    def middleware(request: HttpRequest) -> HttpResponse:
        if not _cacheable_request(request):
            return get_response(request)
        key = _key_for(request)
        stored = _stored(key)
        if stored is not None:
            return _replay(
                stored, _Conditions(request.headers.get("If-None-Match"), request.headers.get("If-Modified-Since"))
            )
        response = get_response(request)
        if getattr(response, "newsdesk_cacheable", False):
            response["Cache-Control"] = CACHE_CONTROL  # browsers and CDNs may keep it a minute
            if response.status_code == 200 and not response.cookies:
                _store(key, response)
        return response

    return middleware


def _store(key: str, response: HttpResponse) -> None:
    now = timezone.now()
    response["ETag"] = '"' + hashlib.md5(response.content, usedforsecurity=False).hexdigest() + '"'
    response["Last-Modified"] = http_date(now.timestamp())
    headers = [(name, value) for name, value in response.items() if name.lower() not in _NOT_KEPT]
    cache.set(key, (response.content, headers, response["ETag"]), _seconds_to_keep(now))


@dataclass(frozen=True)
class _Conditions:
    """A request's validators: the ETag and the time of the copy the client already has."""

    if_none_match: str | None
    if_modified_since: str | None

    def satisfied_by(self, etag: str, headers: list[tuple[str, str]]) -> bool:
        """The client's copy is the stored one (RFC 9110, 13.2.2: If-None-Match first)."""
        if self.if_none_match is not None:
            return etag in (tag.strip() for tag in self.if_none_match.split(","))
        if self.if_modified_since is None:
            return False  # most hits: the stored headers are not even looked at
        last_modified = next((v for n, v in headers if n.lower() == "last-modified"), None)
        if last_modified is None:
            return False
        since = parse_http_date_safe(self.if_modified_since)
        modified = parse_http_date_safe(last_modified)
        return since is not None and modified is not None and modified <= since


def _answer(stored: StoredPage, conditions: _Conditions) -> tuple[int, list[tuple[str, str]], bytes]:
    """Status, headers and body for a stored page: the page itself, or 304 if the reader has it."""
    content, headers, etag = stored
    if conditions.satisfied_by(etag, headers):
        return 304, [(n, v) for n, v in headers if n.lower() in _KEPT_IN_304] + [("X-Page-Cache", "hit")], b""
    return 200, [*headers, ("Content-Length", str(len(content))), ("X-Page-Cache", "hit")], content


def _replay(stored: StoredPage, conditions: _Conditions) -> HttpResponse:
    status, headers, content = _answer(stored, conditions)
    response = HttpResponseNotModified() if status == 304 else HttpResponse(content)
    for name, value in headers:
        response[name] = value
    return response


class CachedPagesFirst:
    """WSGI: answer a stored page without Django's request handling, middleware or signals.

    A hit is found by the same rules as the middleware's (the request is Django's own
    WSGIRequest, so path, host and scheme mean what they mean to Django); anything else,
    and anything odd, goes to Django untouched.
    """

    _STATUS = {200: "200 OK", 304: "304 Not Modified"}

    def __init__(self, application: Callable) -> None:
        self.application = application

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        stored = None
        if (
            environ.get("REQUEST_METHOD") in ("GET", "HEAD")
            and not environ.get("QUERY_STRING")
            and may_be_public_page(environ.get("PATH_INFO", ""))
        ):
            # A copy: WSGIRequest writes the decoded path back into the environ it is
            # given, and Django, handed that environ, would decode it a second time.
            request = WSGIRequest(environ.copy())
            if _cacheable_request(request):
                try:
                    stored = _stored(_key_for(request))
                except (DisallowedHost, ValueError):
                    stored = None  # Django gives its own answer
        if stored is None:
            return self.application(environ, start_response)
        conditions = _Conditions(environ.get("HTTP_IF_NONE_MATCH"), environ.get("HTTP_IF_MODIFIED_SINCE"))
        status, headers, content = _answer(stored, conditions)
        start_response(self._STATUS[status], headers)
        return [b"" if environ["REQUEST_METHOD"] == "HEAD" else content]


def forget_paths(paths: Iterable[str]) -> None:
    """Drop the stored pages at `paths`, URLs as reversed (percent-encoded): a page is
    stored under the decoded path the request carries (`/kk/tag/саммит/`), so each is
    decoded first, or a non-ASCII tag's pages and feeds would never be dropped."""
    keys = [page_key(unquote(path), secure=secure) for path in set(paths) for secure in (False, True)]
    _recent.forget(keys)
    cache.delete_many(keys)
