"""The view beacon: the page, once visible in a browser, reports one view.

Counting here rather than while rendering means pages served from any cache are
still counted. The answer carries the fresh total so the page can show it.
"""

from django.http import Http404, HttpRequest, JsonResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from newsdesk.audience.filters import is_not_a_reader
from newsdesk.audience.selectors import views_of
from newsdesk.audience.services import views_add
from newsdesk.content.models import Article
from newsdesk.siteconfig.selectors import site_settings


@csrf_exempt  # no cookies, no session, nothing to forge: a view is not a state change of the reader
@require_POST
def article_views(request: HttpRequest, article_id: int) -> JsonResponse:
    if not Article.objects.visible().filter(pk=article_id).exists():
        raise Http404
    if is_not_a_reader(request):
        total = views_of(article_id)
    else:
        total = views_add(article_id=article_id, zone=site_settings().zone)
    response = JsonResponse({"views": total})
    add_never_cache_headers(response)
    return response
