"""The reader's search: `/<edition>/search/?q=…`, and the OpenSearch description.

Everything in the query string is hostile until the form says otherwise: a value that is
too long, not a date, not a section, or holds a NUL gets the site's 400 page; a query in
the engines' own syntax is only words to us (search/analysis.py keeps letters and digits).
Answers are kept briefly and readers are counted (search/results_cache.py).
"""

from datetime import date
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils import translation
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from newsdesk.content.models import EARLIEST_MOMENT, LATEST_MOMENT, Section
from newsdesk.content.selectors import day_bounds
from newsdesk.editions.editions import content_language, edition_url, hreflang, in_script
from newsdesk.lib.addresses import client_address
from newsdesk.lib.urls import absolute_url
from newsdesk.public import alternates, previews
from newsdesk.public import structured_data as ld
from newsdesk.public.views import render
from newsdesk.search import results_cache
from newsdesk.search.engines import Filters
from newsdesk.search.queries import Order, Results, search_stories
from newsdesk.siteconfig.selectors import site_settings

# Results are ranked among the newest SEARCH["CANDIDATES"] matches: 50 pages of 20.
LAST_PAGE = 50


class SearchForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Search for"), required=False)
    section = forms.SlugField(label=gettext_lazy("Section"), required=False, max_length=60)
    since = forms.DateField(label=gettext_lazy("From"), required=False)
    until = forms.DateField(label=gettext_lazy("To"), required=False)
    order = forms.ChoiceField(
        label=gettext_lazy("Order"),
        required=False,
        choices=[(Order.RELEVANCE, gettext_lazy("Most relevant first")), (Order.DATE, gettext_lazy("Newest first"))],
    )
    page = forms.IntegerField(required=False, min_value=1, max_value=LAST_PAGE)

    def clean_q(self) -> str:
        text = self.cleaned_data["q"]
        if len(text) > settings.SEARCH["MAX_QUERY_LENGTH"]:
            raise forms.ValidationError(
                _("A search can be at most %(limit)d characters long.") % {"limit": settings.SEARCH["MAX_QUERY_LENGTH"]}
            )
        return text

    def clean_section(self) -> Section | None:
        slug = self.cleaned_data["section"]
        if not slug:
            return None
        section = Section.objects.filter(slug=slug).first()
        if section is None:
            raise forms.ValidationError(_("There is no such section."))
        return section

    def _day(self, name: str) -> date | None:
        day = self.cleaned_data[name]
        if day is not None and not EARLIEST_MOMENT.year < day.year < LATEST_MOMENT.year:
            raise forms.ValidationError(_("Give a date between 1900 and 9000."))
        return day

    def clean_since(self) -> date | None:
        return self._day("since")

    def clean_until(self) -> date | None:
        return self._day("until")

    def clean(self) -> dict:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            raise forms.ValidationError(_("The first day comes after the last."))
        return data

    def filters(self) -> Filters:
        zone = site_settings().zone
        data = self.cleaned_data
        section = data.get("section")
        return Filters(
            section_id=section.pk if section else None,
            since=day_bounds(day=data["since"], zone=zone)[0] if data.get("since") else None,
            until=day_bounds(day=data["until"], zone=zone)[1] if data.get("until") else None,
        )

    def page_link(self, number: int) -> str:
        data = self.cleaned_data
        params = {
            "q": data["q"],
            "section": data["section"].slug if data.get("section") else "",
            "since": data["since"].isoformat() if data.get("since") else "",
            "until": data["until"].isoformat() if data.get("until") else "",
            "order": data.get("order") or "",
            "page": str(number) if number > 1 else "",
        }
        return "?" + urlencode({name: value for name, value in params.items() if value})


def search(request: HttpRequest) -> HttpResponse:
    allowed, retry_after = results_cache.reader_allowed(client_address(request))
    if not allowed:
        context = {
            "status": 429,
            "title": _("Too many searches"),
            "message": _("Please wait a minute and search again."),
        }
        response = render(request, "public/error.html", context, status=429)
        response["Retry-After"] = str(retry_after)
        return response
    form = SearchForm(request.GET)
    if not form.is_valid():
        message = " ".join(str(error) for errors in form.errors.values() for error in errors)
        return render(
            request, "public/error.html", {"status": 400, "title": _("Bad request"), "message": message}, status=400
        )
    key = results_cache.results_key(get_language(), sorted(request.GET.lists()))
    generation, stored = results_cache.cached_page(key)
    if stored is not None:
        return _answer(HttpResponse(stored))
    text = form.cleaned_data["q"].strip()
    results = (
        search_stories(
            text=text,
            language=content_language(),
            script=in_script,
            filters=form.filters(),
            order=Order(form.cleaned_data.get("order") or Order.RELEVANCE),
            page=form.cleaned_data.get("page") or 1,
        )
        if text
        else Results([], 1, False)
    )
    # The page's own form is its search landmark: the header's is not one there.
    context = _context(request, form, text, results) | {"search_page": True}
    response = render(request, "public/search.html", context)
    results_cache.page_keep(key, generation=generation, content=response.content)
    return _answer(response)


def _answer(response: HttpResponse) -> HttpResponse:
    # Results pages are for readers, not for search engines' indexes.
    response["X-Robots-Tag"] = "noindex, follow"
    response["Cache-Control"] = f"public, max-age={settings.SEARCH['CACHE_SECONDS']}"
    return response


def _context(request: HttpRequest, form: SearchForm, text: str, results: Results) -> dict:
    name = site_settings().name_for(get_language())
    heading = _("Search results for “%(query)s”") % {"query": text} if text else _("Search the news")
    path = edition_url("public:search")
    all_sections = list(Section.objects.order_by("position", "slug"))
    return {
        "heading": heading,
        "form": form,
        "query": text,
        "page": results,
        "first_number": (results.number - 1) * settings.SEARCH["PAGE_SIZE"] + 1,
        "sections_by_id": {section.pk: section for section in all_sections},
        "all_sections": all_sections,
        "previous_link": form.page_link(results.number - 1) if results.has_previous else "",
        "next_link": form.page_link(results.number + 1) if results.has_next else "",
        "alternates": alternates.for_listing(lambda e: edition_url("public:search", edition=e)),
        "page_meta": previews.page_meta(
            request, title=heading, description=_("Search the news of %(site)s.") % {"site": name}, path=path
        ),
        "structured_data": [ld.website()],
        "robots": "noindex, follow",
    }


def opensearch(request: HttpRequest) -> HttpResponse:
    """An OpenSearch 1.1 description: browsers offer the site's search from it."""
    site = site_settings()
    context = {
        "name": site.name_for(get_language()),
        "language": hreflang(get_language()),
        "search_url": absolute_url(edition_url("public:search")) + "?q={searchTerms}",
        "icon_url": absolute_url(static("newsdesk/favicon.svg")),
        "self_url": absolute_url(request.path),
    }
    xml = render_to_string("public/opensearch.xml", context)
    return HttpResponse(xml, content_type="application/opensearchdescription+xml; charset=utf-8")


def opensearch_default(request: HttpRequest) -> HttpResponse:
    """`/opensearch.xml`: the agency's main edition's search."""
    with translation.override(settings.LANGUAGE_CODE):
        return opensearch(request)
