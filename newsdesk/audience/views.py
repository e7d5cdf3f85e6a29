"""Counting views: a beacon for browsers with JavaScript, a pixel for those without.

Counting here rather than while rendering means pages served from any cache are
still counted. Both answers are never cached, so a cached page cannot replay them,
and carry no cookie. The beacon's answer is the fresh count, for the page to show.
"""

import base64
import time

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from newsdesk.audience.counting import Outcome, Result, count_view, counts_for
from newsdesk.audience.filters import is_not_a_reader
from newsdesk.audience.identity import reader_of
from newsdesk.content.models import Article

# A transparent 1×1 GIF.
_PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")


# Which articles readers may see, remembered for a few seconds per process: the
# beacon is the busiest request, and visibility changes rarely and slowly matters.
_visible: dict[int, tuple[float, bool]] = {}
VISIBILITY_SECONDS = 10


def _is_visible(article_id: int) -> bool:
    now = time.monotonic()
    known = _visible.get(article_id)
    if known is None or now - known[0] > VISIBILITY_SECONDS:
        if len(_visible) > 10_000:
            _visible.clear()
        known = _visible[article_id] = (now, Article.objects.visible().filter(pk=article_id).exists())
    return known[1]


def _count(request: HttpRequest, article_id: int) -> Result | None:
    """Count the view if a reader made it; None for crawlers, headless browsers, prefetch."""
    if not _is_visible(article_id):
        raise Http404
    if is_not_a_reader(request):
        return None
    return count_view(article_id=article_id, reader=reader_of(request))


@csrf_exempt  # no cookies, no session, nothing to forge: a view is not a change of the reader's data
@require_POST
def article_views(request: HttpRequest, article_id: int) -> JsonResponse:
    result = _count(request, article_id)
    if result is None:
        views, counted = counts_for({article_id})[article_id], False
    else:
        views, counted = result.views, result.outcome == Outcome.COUNTED
    response = JsonResponse({"views": views, "counted": counted})
    add_never_cache_headers(response)
    return response


@require_GET
def article_pixel(request: HttpRequest, article_id: int) -> HttpResponse:
    """The fallback for readers without JavaScript, inside <noscript>."""
    _count(request, article_id)
    response = HttpResponse(_PIXEL, content_type="image/gif")
    add_never_cache_headers(response)
    return response


@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """For load balancers and monitors: answers without touching anything."""
    return HttpResponse(status=204)
