"""Pages readers look for beside the feeds: Most viewed (`/<edition>/most-viewed/`) and the
corrections log (`/<edition>/corrections/`).

Both are listings like the others: one canonical, the same page in every edition as
alternates, kept by the page cache and forgotten when a story they show changes
(invalidation.paths_showing).
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from newsdesk.audience.rankings import PAGE_SIZE, most_viewed
from newsdesk.audience.selectors import RANKING_WINDOWS
from newsdesk.content.correction_log import corrections_page
from newsdesk.editions.editions import content_language, edition_url
from newsdesk.public import alternates, previews
from newsdesk.public.pagination import cursors_from_query
from newsdesk.public.views import listing_meta, render, sidebar, site_name


def most_viewed_page(request: HttpRequest) -> HttpResponse:
    """The day's, week's and month's most read stories, PAGE_SIZE each."""
    heading = _("Most viewed")
    context = {
        "heading": heading,
        "most_viewed": most_viewed(language=content_language(), limit=PAGE_SIZE),
        "ranking_windows": RANKING_WINDOWS,
        "alternates": alternates.for_listing(lambda e: edition_url("public:most_viewed", edition=e)),
    } | listing_meta(
        request,
        heading=heading,
        description=_("The most read news of the day, the week and the month on %(site)s.") % {"site": site_name()},
        path=edition_url("public:most_viewed"),
    )
    return render(request, "public/most_viewed.html", context)


def corrections(request: HttpRequest) -> HttpResponse:
    """Every public correction of the edition's stories, newest first, each linking to its story."""
    language = content_language()
    before, after = cursors_from_query(request.GET)
    page = corrections_page(language=language, before=before, after=after, limit=settings.NEWSDESK["FEED_PAGE_SIZE"])
    heading = _("Corrections")
    context = {
        "heading": heading,
        "corrections_page": page,
        "alternates": alternates.for_listing(lambda e: edition_url("public:corrections", edition=e)),
    } | listing_meta(
        request,
        heading=heading,
        description=_("Every correction %(site)s has published, newest first.") % {"site": site_name()},
        path=edition_url("public:corrections", edition=get_language()),
        feeds=previews.corrections_feeds(),
    )
    return render(request, "public/corrections.html", context | sidebar(language))
