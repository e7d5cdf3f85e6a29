"""Whole public pages in the shared cache, served before the framework does anything else.

A page is stored under its path (no query string) for PAGE_SECONDS, or until the next
scheduled story is due, whichever comes first. Publishing, correcting or withdrawing a
story deletes exactly the pages that show it: its own page in each edition, the editions'
homes, its section's and tags' pages and its day. Everything else only ages out: Most
viewed and the counts move every minute anyway, and the beacon brings a story's count up
to date in the reader's browser.

A hit costs one cache read: no session, no database, no template. `If-None-Match`
gets a 304 from the stored ETag.
"""

import hashlib
import re
from collections.abc import Callable, Iterable
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.http import http_date

PAGE_SECONDS = 60
KEY_PREFIX = "page:v1:"
NEXT_DUE_KEY = "page:next-due:v1"
# Headers a stored page keeps; the outer middleware (security) adds its own on each hit.
_KEPT_HEADERS = {
    "content-type",
    "content-language",
    "content-security-policy",
    "x-frame-options",
    "cross-origin-opener-policy",
}
_PUBLIC_PATH = re.compile(r"^/(?:en|ru|kk|kk-latn)/")
_NOT_PAGES = re.compile(r"/(?:views/|seen\.gif)$")


def page_key(path: str) -> str:
    return KEY_PREFIX + hashlib.sha1(path.encode(), usedforsecurity=False).hexdigest()


def mark_cacheable(response: HttpResponse) -> HttpResponse:
    """Views of the public site call this on pages any reader may be served from the cache."""
    response.newsdesk_cacheable = True
    return response


def _cacheable_request(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and not request.META.get("QUERY_STRING")
        and bool(_PUBLIC_PATH.match(request.path))
        and not _NOT_PAGES.search(request.path)
    )


def _seconds_to_keep(now: datetime) -> int:
    """A page must not outlive the minute a scheduled story or an embargo comes due."""
    due = cache.get(NEXT_DUE_KEY)
    if due is None:
        from django.db.models import Min, Q

        from newsdesk.content.models import Article

        found = Article.objects.filter(
            Q(published_at__gt=now) | Q(embargo_until__gt=now), status=Article.Status.PUBLISHED
        ).aggregate(published=Min("published_at", filter=Q(published_at__gt=now)), embargo=Min("embargo_until"))
        upcoming = [moment for moment in found.values() if moment is not None and moment > now]
        due = min(upcoming).timestamp() if upcoming else 0.0
        cache.set(NEXT_DUE_KEY, due, PAGE_SECONDS)
    if due and due > now.timestamp():
        return max(1, min(PAGE_SECONDS, int(due - now.timestamp()) + 1))
    return PAGE_SECONDS


def page_cache(get_response: Callable[[HttpRequest], HttpResponse]):
    """Middleware: answer public pages from the cache, store the ones views mark."""

    def middleware(request: HttpRequest) -> HttpResponse:
        if not settings.NEWSDESK["PAGE_CACHE"] or not _cacheable_request(request):
            return get_response(request)
        key = page_key(request.path)
        stored = cache.get(key)
        if stored is not None:
            return _replay(request, stored)
        response = get_response(request)
        if getattr(response, "newsdesk_cacheable", False) and response.status_code == 200 and not response.cookies:
            stored = _store(key, response)
            response["ETag"] = stored["etag"]
            response["Last-Modified"] = stored["last_modified"]
        _cache_control(response)
        return response

    return middleware


def _cache_control(response: HttpResponse) -> None:
    if getattr(response, "newsdesk_cacheable", False) and "Cache-Control" not in response:
        # Browsers and CDNs may keep it a minute; the beacon keeps counts fresh meanwhile.
        response["Cache-Control"] = f"public, max-age={PAGE_SECONDS}"


def _store(key: str, response: HttpResponse) -> dict:
    now = timezone.now()
    stored = {
        "content": response.content,
        "headers": [(name, value) for name, value in response.items() if name.lower() in _KEPT_HEADERS],
        "etag": '"' + hashlib.md5(response.content, usedforsecurity=False).hexdigest() + '"',
        "last_modified": http_date(now.timestamp()),
    }
    cache.set(key, stored, _seconds_to_keep(now))
    return stored


def _replay(request: HttpRequest, stored: dict) -> HttpResponse:
    if request.headers.get("If-None-Match") == stored["etag"]:
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(stored["content"])
        for name, value in stored["headers"]:
            response[name] = value
    response["ETag"] = stored["etag"]
    response["Last-Modified"] = stored["last_modified"]
    response["Cache-Control"] = f"public, max-age={PAGE_SECONDS}"
    response["X-Page-Cache"] = "hit"
    return response


def forget_paths(paths: Iterable[str]) -> None:
    cache.delete_many([page_key(path) for path in set(paths)])


def paths_showing(article) -> list[str]:
    """The cached pages that show `article`: exactly what a publication changes."""
    from newsdesk.content.models import article_path, edition_url
    from newsdesk.editions.editions import content_language, edition_codes
    from newsdesk.siteconfig.selectors import site_settings

    editions = [e for e in edition_codes() if content_language(e) == article.language]
    paths = []
    day = timezone.localtime(article.published_at, site_settings().zone) if article.published_at else None
    tags = list(article.tags.values_list("slug", flat=True))
    for edition in editions:
        paths.append(article_path(article.pk, edition, article.slug))
        paths.append(edition_url("public:home", edition))
        paths.append(article.section.get_absolute_url(edition))
        paths += [edition_url("public:tag", edition, slug=slug) for slug in tags]
        if day:
            paths.append(edition_url("public:archive_day", edition, year=day.year, month=day.month, day=day.day))
    return paths


def forget_article(article) -> None:
    """Delete the cached pages that show `article`, and the next-due moment."""
    forget_paths(paths_showing(article))
    cache.delete(NEXT_DUE_KEY)
