"""The live internet TV page: an HTML5 player for the agency's HLS stream."""

from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.csp import CSP, build_policy
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from newsdesk.editions.editions import edition_url
from newsdesk.public import previews
from newsdesk.public import structured_data as ld
from newsdesk.siteconfig.selectors import site_settings


def stream_origin(url: str) -> str | None:
    """scheme://host[:port] of the stream, or None when it is on this site."""
    parts = urlsplit(url)
    if not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}"


def live_page(request: HttpRequest, render: Callable[..., HttpResponse]) -> HttpResponse:
    site = site_settings()
    if not site.has_live_stream:
        raise Http404(_("There is no live broadcast."))
    name = site.name_for(get_language())
    title = site.live_stream_title_for(get_language()) or _("Internet TV")
    meta = previews.page_meta(
        request,
        title=title,
        description=_("Watch %(site)s live: the agency's internet TV.") % {"site": name},
        path=edition_url("public:live"),
    )
    video = ld.live_video(
        name=title,
        description=meta.description,
        page_url=meta.canonical,
        stream_url=ld.stream_address(site.live_stream_url),
        thumbnail=meta.image,
    )
    context = {"stream_url": site.live_stream_url, "live_title": title, "page_meta": meta, "structured_data": [video]}
    response = render(request, "public/live.html", context)
    # The player may fetch the playlist and its segments from the stream's host,
    # and only that host; the segments reach the <video> through blob: URLs.
    policy = dict(settings.SECURE_CSP)
    origin = stream_origin(site.live_stream_url)
    extra = [origin] if origin else []
    policy["media-src"] = [CSP.SELF, "blob:", *extra]
    policy["connect-src"] = [CSP.SELF, *extra]
    policy["worker-src"] = [CSP.SELF, "blob:"]
    response.headers[str(CSP.HEADER_ENFORCE)] = build_policy(policy)
    return response
