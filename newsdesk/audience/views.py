"""Counting views: a beacon for browsers with JavaScript, a pixel for those without.

Counting here rather than while rendering means pages served from any cache are
still counted. Both answers are never cached, so a cached page cannot replay them,
and carry no cookie. The beacon's answer is the fresh count, for the page to show.
"""

import base64
import contextlib
import re
from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.request import validate_host
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from newsdesk.audience.counting import count_view, counts_for
from newsdesk.audience.filters import is_not_a_reader
from newsdesk.audience.identity import reader_of
from newsdesk.audience.view_rules import Outcome, Result, ViewOutcomeUnknown
from newsdesk.content.models import Article
from newsdesk.lib.memo import KeyedProcessMemo

# A transparent 1×1 GIF.
_PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")


# Which articles readers may see, remembered for a few seconds per process: the
# beacon is the busiest request, and visibility changes rarely and slowly matters.
VISIBILITY_SECONDS = 10
_visible: KeyedProcessMemo[int, bool] = KeyedProcessMemo(capacity=10_000)


def story_is_visible(article_id: int) -> bool:
    visible = _visible.get(article_id)
    if visible is None:
        visible = Article.objects.visible().filter(pk=article_id).exists()
        _visible.put(article_id, visible, VISIBILITY_SECONDS)
    return visible


def visibility_forget_story(*, article: Article, **event: object) -> None:
    """A story changed (content.events): this process asks again whether readers may see
    it, so a withdrawn story's beacon stops counting here at once; others within
    VISIBILITY_SECONDS."""
    _visible.forget([article.pk])


# The page of a story, in any edition, with or without its slug (content.models.article_path).
_STORY_PAGE = re.compile(
    "/(?:" + "|".join(re.escape(code) for code, _name in settings.LANGUAGES) + ")/news/([0-9]{1,18})(?:-[^/]*)?/"
)


def from_its_page(request: HttpRequest, article_id: int) -> bool | None:
    """Whether the request came from the page of `article_id` on this site, as the browser
    tells (Sec-Fetch-Site, Referer); None when it tells nothing.

    The beacon and the pixel are asked for by the story's page: an image hidden in another
    story's body, or a page elsewhere, asking for them is not a reader of this story."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None and fetch_site != "same-origin":
        return False
    referer = request.headers.get("Referer")
    if not referer:
        return None
    parts = urlsplit(referer)
    site = urlsplit(settings.SITE_URL)
    ours = (parts.scheme, parts.netloc) == (site.scheme, site.netloc) or (
        parts.scheme in ("http", "https") and validate_host(parts.hostname or "", settings.ALLOWED_HOSTS)
    )
    page = _STORY_PAGE.fullmatch(parts.path)
    return ours and page is not None and int(page[1]) == article_id


def _count(request: HttpRequest, article_id: int, *, needs_its_page: bool) -> Result | None:
    """Count the view if a reader of this story made it; None for crawlers, headless
    browsers, prefetch, and requests from anywhere but the story's page (`needs_its_page`:
    from nowhere the browser names either)."""
    if not story_is_visible(article_id):
        raise Http404
    if is_not_a_reader(request):
        return None
    seen_on_its_page = from_its_page(request, article_id)
    if seen_on_its_page is False or (needs_its_page and seen_on_its_page is None):
        return None
    return count_view(article_id=article_id, reader=reader_of(request))


@csrf_exempt  # no cookies, no session, nothing to forge: a view is not a change of the reader's data
@require_POST
def view_beacon(request: HttpRequest, article_id: int) -> JsonResponse:
    # A browser that sends no referrer still counts here: a body cannot run the beacon's script.
    try:
        result = _count(request, article_id, needs_its_page=False)
    except ViewOutcomeUnknown:
        # Redis may have counted it; the worker settles it. No count to show (site.js keeps its own).
        response = JsonResponse({"views": None, "counted": None}, status=503, headers={"Retry-After": "10"})
        add_never_cache_headers(response)
        return response
    if result is None:
        views, counted = counts_for({article_id})[article_id], False
    else:
        views, counted = result.views, result.outcome == Outcome.COUNTED
    response = JsonResponse({"views": views, "counted": counted})
    add_never_cache_headers(response)
    return response


@require_GET
def view_pixel(request: HttpRequest, article_id: int) -> HttpResponse:
    """The fallback for readers without JavaScript, inside <noscript>. Any page can show an
    image, so only a request that names the story's page as its referrer counts."""
    with contextlib.suppress(ViewOutcomeUnknown):  # settled later; the reader gets the pixel now
        _count(request, article_id, needs_its_page=True)
    response = HttpResponse(_PIXEL, content_type="image/gif")
    add_never_cache_headers(response)
    return response


@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """For load balancers and monitors: answers without touching anything."""
    return HttpResponse(status=204)
