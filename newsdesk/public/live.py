"""The live internet TV: its page (an HTML5 player for the agency's HLS stream, what is on
now and next, the day's schedule) and the live block every page's sidebar carries.

The block says "Live" only while a programme of the edition's schedule is on, else
"Next at HH:MM", else only the stream's name. Pages are stored with it, so the page cache
keeps none past the next programme's start or end (`pagecache._seconds_to_keep` asks
`schedule.next_change`): a page rendered after a boundary shows the new state.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.templatetags.static import static
from django.utils import timezone
from django.utils.csp import CSP, build_policy
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from newsdesk.editions.editions import edition_url
from newsdesk.lib.formatting import full_date
from newsdesk.public import previews
from newsdesk.public import structured_data as ld
from newsdesk.siteconfig import schedule
from newsdesk.siteconfig.models import Programme, SiteSettings
from newsdesk.siteconfig.selectors import site_settings

# The frame the player shows before it plays: bundled, so no page loads it from elsewhere.
POSTER = ("newsdesk/live-poster.jpg", 1280, 720)


@dataclass(frozen=True)
class LiveBlock:
    """What the sidebar's live block says: `state` is "live", "next" or "off"."""

    state: str
    label: str  # "Live", "Next at 14:00", or "" when nothing is scheduled
    programme: str  # the title of the programme on, or next; "" if none


def stream_origin(url: str) -> str | None:
    """scheme://host[:port] of the stream, or None when it is on this site."""
    parts = urlsplit(url)
    if not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}"


def clock(moment: datetime) -> str:
    """HH:MM in the agency's zone (the request's)."""
    return timezone.localtime(moment).strftime("%H:%M")


def next_label(programme: Programme, *, now: datetime) -> str:
    """ "Next at 14:00", or with its date when it is not today."""
    at = clock(programme.starts_at)
    if timezone.localtime(programme.starts_at).date() == timezone.localtime(now).date():
        return _("Next at %(time)s") % {"time": at}
    return _("Next on %(date)s at %(time)s") % {"date": full_date(programme.starts_at), "time": at}


def live_block(now: datetime | None = None) -> LiveBlock:
    """The live block of the active edition at `now` (default: this moment)."""
    edition = get_language()
    moment = now or timezone.now()
    air = schedule.on_air(edition=edition, now=moment)
    if air.now is not None:
        return LiveBlock(state="live", label=_("Live"), programme=air.now.title_for(edition))
    if air.next is not None:
        return LiveBlock(state="next", label=next_label(air.next, now=moment), programme=air.next.title_for(edition))
    return LiveBlock(state="off", label="", programme="")


def live_poster(site: SiteSettings) -> tuple[previews.Image, str]:
    """The frame before play, as structured data gives it (absolute) and as the player
    loads it: the agency's upload, or the bundled one, from wherever static files are
    (as the CSS is). An upload whose size cannot be read gives way to the bundled frame:
    the player needs its proportions."""
    if site.live_poster:
        uploaded = previews.uploaded_image(site.live_poster)
        if uploaded.width and uploaded.height:
            return uploaded, site.live_poster.url
    path, width, height = POSTER
    return previews.Image(previews.static_url(path), width, height), static(path)


def _broadcasts(programmes: list[Programme], *, edition: str) -> list[dict]:
    return [
        ld.broadcast_event(
            name=programme.title_for(edition),
            description=programme.description_for(edition),
            starts_at=programme.starts_at,
            ends_at=programme.ends_at,
        )
        for programme in programmes
    ]


def live_page(request: HttpRequest, render: Callable[..., HttpResponse]) -> HttpResponse:
    site = site_settings()
    if not site.has_live_stream:
        raise Http404(_("There is no live broadcast."))
    edition = get_language()
    now = timezone.now()
    name = site.name_for(edition)
    title = site.live_stream_title_for(edition) or _("Internet TV")
    meta = previews.page_meta(
        request,
        title=title,
        description=_("Watch %(site)s live: the agency's internet TV.") % {"site": name},
        path=edition_url("public:live"),
    )
    air = schedule.on_air(edition=edition, now=now)
    today = timezone.localtime(now).date()
    programmes = schedule.day_schedule(edition=edition, day=today, zone=site.zone)
    poster, poster_src = live_poster(site)
    first = air.now or (programmes[0] if programmes else air.next)
    video = ld.live_video(
        name=title,
        description=meta.description,
        page_url=meta.canonical,
        stream_url=ld.stream_address(site.live_stream_url),
        thumbnail=poster,
        upload_date=first.starts_at if first else None,
        broadcasts=_broadcasts(programmes or [p for p in (air.now, air.next) if p], edition=edition),
    )
    context = {
        "stream_url": site.live_stream_url,
        "live_title": title,
        "poster": poster,
        "poster_src": poster_src,
        "on_now": air.now,
        "up_next": air.next,
        "up_next_label": next_label(air.next, now=now) if air.next else "",
        "programmes": programmes,
        "today": full_date(today),
        "now": now,
        "page_meta": meta,
        "structured_data": [video],
    }
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
