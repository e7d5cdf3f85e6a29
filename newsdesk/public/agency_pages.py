"""The agency's pages (about, contacts, policies…) at `/<edition>/page/<slug>/`.

One scheme for every page, of a kind or not: the address is the page's `slug` (a kind's
own, such as `about`, unless the chief editor gave another). An unknown or unpublished
page is a 404. The page links to the page of the same kind in the other editions (their
homes where there is none), is kept by the page cache and forgotten when it is saved
(`invalidation.pages_forget_agency_page`).
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import get_language

from newsdesk.content.text import body_plain_text
from newsdesk.editions.editions import content_language, edition_url, in_script
from newsdesk.lib.urls import absolute_url
from newsdesk.public import alternates, previews
from newsdesk.public import structured_data as ld
from newsdesk.public.views import render
from newsdesk.siteconfig.models import AgencyPage
from newsdesk.siteconfig.pages import page_in, published_page

DESCRIPTION_LENGTH = 160


def _description(page: AgencyPage) -> str:
    """The text's beginning, cut at a word; the title when there is no text."""
    text = " ".join(in_script(body_plain_text(page.body)).split()) or in_script(page.title)
    if len(text) <= DESCRIPTION_LENGTH:
        return text
    return text[: DESCRIPTION_LENGTH - 1].rsplit(" ", 1)[0] + "…"


def _same_page_in(edition: str, page: AgencyPage) -> str:
    found = page_in(language=content_language(edition), kind=page.kind, slug=page.slug)
    if found is None:
        return edition_url("public:home", edition=edition)
    return edition_url("public:agency_page", edition=edition, slug=found.slug)


def agency_page(request: HttpRequest, slug: str) -> HttpResponse:
    page = published_page(edition=get_language(), slug=slug)
    if page is None:
        raise Http404
    heading = in_script(page.title)
    path = edition_url("public:agency_page", slug=page.slug)
    meta = previews.page_meta(request, title=heading, description=_description(page), path=path)
    context = {
        "agency_page": page,
        "heading": heading,
        "page_meta": meta,
        "alternates": alternates.for_listing(lambda edition: _same_page_in(edition, page)),
        "structured_data": [
            ld.web_page(name=heading, description=meta.description, url=meta.canonical),
            ld.breadcrumbs([ld.home_crumb(), (heading, absolute_url(path))]),
        ],
    }
    return render(request, "public/agency_page.html", context)
