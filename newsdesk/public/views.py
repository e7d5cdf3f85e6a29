"""The reader's site: edition home, article, section, tag, day and author pages.

Views are thin: they parse the URL and the query string, call selectors and render.
Anonymous pages never touch the session or the CSRF token, so they set no cookies.
"""

import sys
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import BadRequest
from django.db import InterfaceError, OperationalError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation.trans_real import parse_accept_lang_header

from newsdesk.audience.rankings import most_viewed
from newsdesk.audience.selectors import RANKING_WINDOWS, attach_counts
from newsdesk.content import front_page, newest, selectors
from newsdesk.content.models import EARLIEST_MOMENT, Article, Tag
from newsdesk.editions.editions import (
    article_edition,
    article_url,
    content_language,
    edition_url,
    hreflang,
    in_script,
)
from newsdesk.lib.formatting import full_date
from newsdesk.lib.urls import absolute_url
from newsdesk.public import alternates, article_blocks, previews
from newsdesk.public import structured_data as ld
from newsdesk.public.breaking import breaking_banner, breaking_now
from newsdesk.public.live import live_page
from newsdesk.public.pagecache import mark_cacheable
from newsdesk.public.pagination import cursors_from_query
from newsdesk.search import related
from newsdesk.siteconfig.pages import footer_pages
from newsdesk.siteconfig.selectors import site_settings


def render(request: HttpRequest, template: str, context: dict, status: int = 200) -> HttpResponse:
    """Render a public page: `language` is the edition (en, ru, kk, kk-latn)."""
    attach_counts(_articles_on_page(context))
    context.setdefault("alternates", alternates.for_home())
    edition_feeds = previews.edition_feeds()
    base = {
        "language": get_language(),
        "edition_feeds": edition_feeds,
        "feeds": context["page_meta"].feeds if "page_meta" in context else edition_feeds,
        "sitemap_url": previews.sitemap_url(),
        "html_lang": hreflang(get_language()),
        "sections": selectors.sections_in_menu(),
        "breaking": breaking_banner(breaking_now(content_language())),
        "footer_pages": footer_pages(edition=get_language()),
        "alternate_links": [(alt.hreflang, absolute_url(alt.url)) for alt in context["alternates"]]
        + [("x-default", absolute_url(alternates.x_default(context["alternates"])))],
    }
    base["current_page"] = _current_page(request, context)
    response = HttpResponse(render_to_string(template, base | context, request=request), status=status)
    if status == 200 and not context.get("preview"):
        mark_cacheable(response)
    return response


def _current_page(request: HttpRequest, context: dict) -> str:
    """Which of the menu's entries the page is, for `aria-current`."""
    name = request.resolver_match.url_name if request.resolver_match else ""
    if name in ("home", "most_viewed"):
        return name
    return f"section:{context['current_section'].pk}" if "current_section" in context else ""


def _articles_on_page(context: dict) -> list[Article]:
    articles = list(context["page"].items) if "page" in context else []
    if "front" in context:
        articles += front_page.front_articles(context["front"])
    for _section, teasers in context.get("section_blocks", []):
        articles += teasers
    articles += context.get("relevant", [])
    for ranked in context.get("most_viewed", {}).values():
        articles += ranked
    if "article" in context:
        articles.append(context["article"])
    return articles


def sidebar(language: str) -> dict:
    return {
        "most_viewed": most_viewed(language=language, limit=settings.NEWSDESK["MOST_VIEWED_SIZE"]),
        "ranking_windows": RANKING_WINDOWS,
    }


def _feed_page(request: HttpRequest, qs: QuerySet[Article]) -> selectors.FeedPage:
    before, after = cursors_from_query(request.GET)
    return selectors.feed_page(qs, before=before, after=after, limit=settings.NEWSDESK["FEED_PAGE_SIZE"])


def site_name() -> str:
    return site_settings().name_for(get_language())


def listing_meta(request: HttpRequest, *, heading: str, description: str, path: str, **more: object) -> dict:
    """A listing's preview and data: a CollectionPage under the edition's home."""
    meta = previews.page_meta(request, title=heading, description=description, path=path, **more)  # type: ignore[arg-type]
    return {
        "page_meta": meta,
        "structured_data": [
            ld.collection_page(name=heading, description=description, url=meta.canonical),
            ld.breadcrumbs([ld.home_crumb(), (heading, absolute_url(path))]),
        ],
    }


def home(request: HttpRequest) -> HttpResponse:
    """The edition's front page: the top and secondary stories editors placed (or the
    newest), then the latest feed; further pages of the feed are the plain feed."""
    language = content_language()
    front, page, blocks = None, None, []
    if any(cursors_from_query(request.GET)):
        page = _feed_page(request, selectors.articles_visible(language=language))
    else:
        front = front_page.front_page(
            language=language,
            secondary=settings.NEWSDESK["FRONT_SECONDARY"],
            feed_size=settings.NEWSDESK["FEED_PAGE_SIZE"],
        )
        latest = front.latest.items
        blocks = front_page.section_blocks(
            sections=selectors.sections_in_menu(),
            language=language,
            per_section=settings.NEWSDESK["SECTION_BLOCK_SIZE"],
            older_than=selectors.Cursor(at=latest[-1].published_at, id=latest[-1].pk) if latest else None,
            leave_out=[a.pk for a in front_page.front_articles(front)],
        )
    name = site_name()
    meta = previews.page_meta(
        request,
        title=name,
        description=_("The latest news from %(site)s.") % {"site": name},
        path=edition_url("public:home"),
    )
    context = {"page_meta": meta, "structured_data": [ld.website(), ld.home_organisation()]}
    context |= {"front": front, "page": front.latest, "section_blocks": blocks} if front else {"page": page}
    return render(request, "public/home.html", context | sidebar(language))


def section(request: HttpRequest, slug: str) -> HttpResponse:
    language = content_language()
    section = newest.section_by_slug(slug)
    if section is None:
        raise Http404(_("There is no such section."))
    before, after = cursors_from_query(request.GET)
    if after is None:  # from the start or further back: one prepared query
        limit = settings.NEWSDESK["FEED_PAGE_SIZE"]
        page = newest.feed_page_before(language=language, before=before, limit=limit, section_id=section.pk)
    else:
        page = _feed_page(request, selectors.articles_in_section(section=section, language=language))
    heading = section.name_for(get_language())
    context = {
        "page": page,
        "heading": heading,
        "current_section": section,
        "alternates": alternates.for_listing(section.get_absolute_url),
    } | listing_meta(
        request,
        heading=heading,
        description=_("%(section)s: the latest news from %(site)s.") % {"section": heading, "site": site_name()},
        path=section.get_absolute_url(get_language()),
        feeds=previews.section_feeds(section),
    )
    return render(request, "public/listing.html", context | sidebar(language))


def tag(request: HttpRequest, slug: str) -> HttpResponse:
    language = content_language()
    tag = get_object_or_404(Tag, language=language, slug=slug)
    page = _feed_page(request, selectors.articles_with_tag(tag=tag))
    heading = _("Tag: %(name)s") % {"name": in_script(tag.name)}
    context = {"page": page, "heading": heading} | listing_meta(
        request,
        heading=heading,
        description=_("News tagged %(tag)s from %(site)s.") % {"tag": in_script(tag.name), "site": site_name()},
        path=edition_url("public:tag", slug=tag.slug),
        feeds=previews.tag_feeds(tag),
    )
    return render(request, "public/listing.html", context | sidebar(language))


def author(request: HttpRequest, slug: str) -> HttpResponse:
    """An author's page: who they are, and their stories in this edition's language."""
    edition, language = get_language(), content_language()
    found = selectors.author_with_portrait(slug)
    languages = selectors.author_story_languages(found) if found else set()
    if found is None or language not in languages:
        raise Http404(_("There is no such author."))
    page = _feed_page(request, selectors.articles_by_author(author=found, language=language))
    path = found.get_absolute_url(edition)
    name = in_script(found.name)
    portrait = previews.photo_image(found.photo) if found.photo else None
    description = found.biography_for(edition) or _("Stories by %(author)s from %(site)s.") % {
        "author": name,
        "site": site_name(),
    }
    meta = previews.page_meta(
        request,
        title=name,
        description=description,
        path=path,
        feeds=previews.author_feeds(found),
        image=portrait,
        og_type="profile",
    )
    context = {
        "page": page,
        "author": found,
        "author_name": name,
        "page_meta": meta,
        "structured_data": [
            ld.profile_page(found, url=meta.canonical, image=portrait),
            ld.breadcrumbs([ld.home_crumb(), (name, absolute_url(path))]),
        ],
        "alternates": alternates.for_listing(
            lambda e: (
                found.get_absolute_url(e) if content_language(e) in languages else edition_url("public:home", edition=e)
            )
        ),
    }
    return render(request, "public/author.html", context | sidebar(language))


def archive_day(request: HttpRequest, year: int, month: int, day: int) -> HttpResponse:
    try:
        the_day = date(year, month, day)
    except ValueError:
        raise Http404(_("There is no such date.")) from None
    language = content_language()
    zone = site_settings().zone
    # No news before the archive can hold any, nor after tomorrow (wherever the reader is).
    if not EARLIEST_MOMENT.date() <= the_day <= timezone.localdate(timezone=zone) + timedelta(days=1):
        raise Http404(_("There is no such date."))
    page = _feed_page(request, selectors.articles_on_day(language=language, day=the_day, zone=zone))
    previous_day, next_day = selectors.archive_neighbours(language=language, day=the_day, zone=zone)
    heading = _("News of %(date)s") % {"date": full_date(the_day)}
    context = {
        "page": page,
        "heading": heading,
        "archive_day": the_day,
        "previous_day": previous_day,
        "next_day": next_day,
        "alternates": alternates.for_listing(
            lambda e: edition_url("public:archive_day", edition=e, year=year, month=month, day=day)
        ),
    } | listing_meta(
        request,
        heading=heading,
        description=_("News of %(date)s from %(site)s.") % {"date": full_date(the_day), "site": site_name()},
        path=edition_url("public:archive_day", year=year, month=month, day=day),
    )
    return render(request, "public/listing.html", context | sidebar(language))


def article(request: HttpRequest, article_id: int, slug: str = "") -> HttpResponse:
    article = selectors.article_for_reader(article_id)
    if article is None:
        raise Http404(_("There is no such article."))
    # A Kazakh article lives in both Kazakh editions; any other edition's prefix, a wrong or
    # a missing slug: one permanent address.
    canonical = article_url(article)
    if request.path != canonical:
        return HttpResponsePermanentRedirect(canonical)
    if article.status == Article.Status.WITHDRAWN:
        meta = previews.page_meta(
            request, title=_("Withdrawn"), description=_("This story was withdrawn."), path=canonical
        )
        return render(request, "public/withdrawn.html", {"article": article, "page_meta": meta}, status=410)
    return article_response(request, article)


def article_response(request: HttpRequest, article: Article, *, preview: bool = False) -> HttpResponse:
    """The article page; `preview` shows staff a story readers cannot see yet, uncounted."""
    with translation.override(article_edition(article)):
        response = _article_page(request, article, preview=preview)
    if preview:
        response.headers["X-Robots-Tag"] = "noindex, nofollow"
        response.headers["Cache-Control"] = "private, no-store"
    return response


def _article_page(request: HttpRequest, article: Article, *, preview: bool) -> HttpResponse:
    relevant_shown = settings.NEWSDESK["RELEVANT_NEWS"]
    # Read once: the next story, and what fills relevant news when too few are kept.
    previous = newest.relevant_news(article=article, limit=relevant_shown) if article.published_at else []
    context = {
        "article": article,
        "preview": preview,
        # What every reader of this version sees, kept with the story (article_blocks.py).
        "parts": article_blocks.article_parts(article, preview=preview),
        # The section's story before this one, as the reference page reads on.
        "next_story": previous[0] if previous else None,
        "relevant": related.relevant_news(article=article, limit=relevant_shown, previous=previous)
        if article.published_at
        else [],
        "alternates": alternates.for_article(article),
    }
    return render(request, "public/article.html", context | sidebar(article.language))


def live(request: HttpRequest) -> HttpResponse:
    return live_page(request, render)


def root(request: HttpRequest) -> HttpResponse:
    """`/`: to the edition the browser asks for, or the agency's main edition.

    Only this redirect varies on Accept-Language; the editions' pages do not, so a cache
    keeps one copy of each.
    """
    editions = {code.lower(): code for code, _name in settings.LANGUAGES}
    chosen = settings.LANGUAGE_CODE
    for accepted, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        accepted = accepted.lower()
        match = editions.get(accepted) or editions.get(accepted.split("-")[0])
        if match:
            chosen = match
            break
    response = HttpResponseRedirect(f"/{chosen}/")
    patch_vary_headers(response, ["Accept-Language"])
    response["Cache-Control"] = "private, max-age=0"
    return response


def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /*/news/*/views/", "Disallow: /*/news/*/seen.gif"]
    lines += ["Disallow: /*/search/"]  # results pages, endless and thin
    # The sitemap index, by its absolute address (SITE_URL), as the protocol asks.
    lines += ["", "Sitemap: " + absolute_url(edition_url("sitemap_index")), ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "public/error.html", {"status": 404, "title": _("Page not found")}, status=404)


def error_400(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    # Only our own messages are shown; other 400s (a bad Host header…) may echo input.
    message = str(exception) if isinstance(exception, BadRequest) else ""
    context = {"status": 400, "title": _("Bad request"), "message": message}
    return render(request, "public/error.html", context, status=400)


# The database refused or dropped the connection: a restart or a failover, over in seconds.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def error_500(request: HttpRequest | None) -> HttpResponse:
    # Rendered without the database: the error may well be the database.
    context: dict[str, object] = {"language": get_language() or settings.LANGUAGE_CODE}
    if not isinstance(sys.exception(), DATABASE_UNAVAILABLE):
        return HttpResponse(render_to_string("public/500.html", context), status=500)
    # Unavailable for a moment rather than broken: readers, crawlers and proxies come back
    # later, and whoever sent a form is told it may not be saved.
    context["sent"] = request is not None and request.method == "POST"
    html = render_to_string("public/503.html", context)
    response = HttpResponse(html, status=503, headers={"Retry-After": str(RETRY_AFTER_SECONDS)})
    add_never_cache_headers(response)
    return response
