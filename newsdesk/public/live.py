"""The live internet TV page: an HTML5 player for the agency's HLS stream."""

from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.csp import CSP, build_policy
from django.utils.translation import gettext as _

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
    response = render(request, "public/live.html", {"stream_url": site.live_stream_url})
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
