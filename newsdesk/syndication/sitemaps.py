"""Sitemaps: the index at `/sitemap.xml` and each edition's children.

Per edition (the Kazakh stories appear under both Kazakh editions, each with its own URLs)
the index lists one child per month with visible stories (`sitemap-2025-12.xml`), a month
over NEWSDESK["SITEMAP_URLS"] split into one child per day (`sitemap-2025-12-11.xml`), the
pages child (home, sections, authors, Most viewed, the corrections log, the live page when a
stream is configured, the agency's published pages), the tags children (by id range) and
the Google News sitemap (the last 48 hours).

The limit. The protocol allows 50,000 URLs and 50 MB (uncompressed) a child. The largest
entry we write is a Latin-edition story with a photo and four language versions:
    <url><loc>…</loc>                 SITE_URL (say 100 bytes) + /kk-latn/news/ + an 18-digit
                                      id + a 120-character ASCII slug: ~255, with tags ~270
    <lastmod>…</lastmod>              44
    <image:image><image:loc>…         SITE_URL + /media/ + a file name of at most 100: ~260
    4 × <xhtml:link rel hreflang href/>  52 + ~255 + 3 each: ~1,240
    </url> and line ends              ~10
about 1,830 bytes, call it 2,000: 10,000 URLs make at most ~20 MB, under half of 50 MB
and a fifth of the URLs allowed, and a response a server can hold in memory.

A single day over the limit (more than 10,000 visible stories of one language in one day,
which no agency publishes) cannot be split further: its child lists the day's first
`limit` stories by publication time, the rest are left out of the sitemaps (they remain
on the day's archive pages and in the feeds) and a warning is logged.

Every view answers from a few bounded queries (sitemap_queries.py) and marks its answer
cacheable: the page cache keeps /sitemap.xml and everything under an edition prefix, and
a story's change forgets exactly the sitemaps it makes stale (sitemap_invalidation.py).
"""

import logging
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from newsdesk.content.correction_log import has_public_corrections
from newsdesk.content.models import EARLIEST_MOMENT, LATEST_MOMENT
from newsdesk.content.selectors import day_bounds
from newsdesk.editions.definition import EDITION_CODES
from newsdesk.editions.editions import article_path, content_language, edition_url, hreflang, in_script
from newsdesk.lib.urls import absolute_url
from newsdesk.siteconfig.pages import footer_pages, page_in
from newsdesk.siteconfig.selectors import site_settings
from newsdesk.syndication import sitemap_queries as queries
from newsdesk.syndication.sitemap_xml import IMAGE_NS, NEWS_NS, XHTML_NS, SitemapWriter, w3c_datetime

log = logging.getLogger("newsdesk.syndication")

# More tags children than any archive can have: larger numbers are a 404 before a query.
MAX_TAG_PAGE = 10**9


def sitemap_limit() -> int:
    return int(settings.NEWSDESK["SITEMAP_URLS"])


def _url(name: str, *, edition: str, **kwargs: object) -> str:
    return absolute_url(edition_url(name, edition=edition, **kwargs))


def _child(writer: SitemapWriter, loc: str, last_modified: datetime | None) -> None:
    writer.start("sitemap")
    writer.element("loc", loc)
    if last_modified is not None:
        writer.element("lastmod", w3c_datetime(last_modified, site_settings().zone))
    writer.end("sitemap")


def index(request: HttpRequest) -> HttpResponse:
    """The sitemap index: three queries (counts table, tags, the last two days' stories)."""
    limit = sitemap_limit()
    archives = queries.archive_children(limit=limit)
    tag_pages = queries.tag_pages(limit=limit)
    news = queries.news_latest()
    # A language with no story yet: its pages and tags change with the site's newest story.
    site_latest = max((archive.last_modified for archive in archives.values() if archive.last_modified), default=None)
    writer = SitemapWriter("sitemapindex")
    for edition in EDITION_CODES:
        language = content_language(edition)
        archive = archives.get(language, queries.LanguageArchive())
        latest = archive.last_modified or site_latest
        _child(writer, _url("syndication:sitemap_pages", edition=edition), latest)
        for number in tag_pages.get(language, []):
            _child(writer, _url("syndication:sitemap_tags", edition=edition, page=number), latest)
        if language in news:
            _child(writer, _url("syndication:sitemap_news", edition=edition), news[language])
        for child in archive.children:
            if child.day is None:
                loc = _url("syndication:sitemap_month", edition=edition, year=child.year, month=child.month)
            else:
                kwargs = {"year": child.year, "month": child.month, "day": child.day}
                loc = _url("syndication:sitemap_day", edition=edition, **kwargs)
            _child(writer, loc, child.last_modified)
    return writer.response()


def _local_date(year: int, month: int, day: int = 1) -> date:
    if not EARLIEST_MOMENT.year <= year < LATEST_MOMENT.year:
        raise Http404(_("There is no such date."))
    try:
        return date(year, month, day)
    except ValueError:
        raise Http404(_("There is no such date.")) from None


def _next_month(first: date) -> date:
    return date(first.year + first.month // 12, first.month % 12 + 1, 1)


def month_sitemap(request: HttpRequest, year: int, month: int) -> HttpResponse:
    """A month's stories; a month the index splits into days is a 404 here."""
    first = _local_date(year, month)
    following = _next_month(first)
    language = content_language()
    if queries.month_total(language=language, start=first, end=following) > sitemap_limit():
        raise Http404(_("This month is listed by days."))
    return _stories(first, following)


def day_sitemap(request: HttpRequest, year: int, month: int, day: int) -> HttpResponse:
    first = _local_date(year, month, day)
    return _stories(first, date.fromordinal(first.toordinal() + 1))


def _stories(first: date, following: date) -> HttpResponse:
    """The `<urlset>` of the edition's visible stories published from local day `first` to
    `following` (excluded): each with its lastmod, photo and language versions."""
    edition = get_language()
    language = content_language(edition)
    zone = site_settings().zone
    limit = sitemap_limit()
    start, end = day_bounds(day=first, zone=zone)[0], day_bounds(day=following, zone=zone)[0]
    writer = None
    written = 0
    for chunk in queries.stories_between(language=language, start=start, end=end, limit=limit + 1):
        writer = writer or SitemapWriter("urlset", {"image": IMAGE_NS, "xhtml": XHTML_NS})
        for story in chunk:
            if written == limit:
                log.warning("sitemap of %s from %s: over %d stories, the rest left out", edition, first, limit)
                break
            _story(writer, story, edition=edition, zone=zone)
            written += 1
    if writer is None:
        raise Http404(_("There are no stories in this period."))
    return writer.response()


def _story(writer: SitemapWriter, story: queries.ArchivedStory, *, edition: str, zone: ZoneInfo) -> None:
    writer.start("url")
    writer.element("loc", absolute_url(article_path(article_id=story.id, edition=edition, slug=story.slug)))
    writer.element("lastmod", w3c_datetime(story.modified, zone))
    if story.photo_file:
        writer.start("image:image")
        writer.element("image:loc", absolute_url(default_storage.url(story.photo_file)))
        writer.end("image:image")
    versions = {version.language: version for version in story.versions}
    for other in EDITION_CODES:
        version = versions.get(content_language(other))
        if version is not None:
            href = absolute_url(article_path(article_id=version.id, edition=other, slug=version.slug))
            _alternate(writer, edition=other, href=href)
    writer.end("url")


def _alternate(writer: SitemapWriter, *, edition: str, href: str) -> None:
    writer.element("xhtml:link", None, {"rel": "alternate", "hreflang": hreflang(edition), "href": href})


def news_sitemap(request: HttpRequest) -> HttpResponse:
    """Google News: the edition's visible stories of the last 48 hours, newest first."""
    edition = get_language()
    language = content_language(edition)
    site = site_settings()
    stories = queries.news_stories(language=language)
    if not stories:
        raise Http404(_("There are no stories of the last two days."))
    writer = SitemapWriter("urlset", {"news": NEWS_NS})
    for story in stories:
        writer.start("url")
        writer.element("loc", absolute_url(article_path(article_id=story.id, edition=edition, slug=story.slug)))
        writer.element("lastmod", w3c_datetime(story.modified, site.zone))
        writer.start("news:news")
        writer.start("news:publication")
        writer.element("news:name", site.name_for(edition))
        writer.element("news:language", language)  # ISO 639: kk for both Kazakh editions
        writer.end("news:publication")
        writer.element("news:publication_date", w3c_datetime(story.published_at, site.zone))
        writer.element("news:title", in_script(story.title, edition=edition))
        writer.end("news:news")
        writer.end("url")
    return writer.response()


def pages_sitemap(request: HttpRequest) -> HttpResponse:
    """The edition's home, sections, authors with a visible story in its language, Most
    viewed, the corrections log once there is a correction to show, the live page when
    a stream is configured (otherwise it is a 404), and the agency's published pages."""
    edition = get_language()
    language = content_language(edition)
    site = site_settings()
    writer = SitemapWriter("urlset", {"xhtml": XHTML_NS})
    latest = queries.latest_change(language=language)
    _page(writer, "public:home", edition=edition, last_modified=latest)
    for slug in queries.sections():
        _page(writer, "public:section", edition=edition, slug=slug)
    for slug in queries.authors_with_stories(language=language):
        _page(writer, "public:author", edition=edition, others=False, slug=slug)
    _page(writer, "public:most_viewed", edition=edition)
    if has_public_corrections(language=language):
        _page(writer, "public:corrections", edition=edition)
    if site.has_live_stream:
        _page(writer, "public:live", edition=edition)
    for link in footer_pages(edition=edition):
        _agency_page(writer, edition=edition, kind=link.kind, slug=link.slug)
    return writer.response()


def _agency_page(writer: SitemapWriter, *, edition: str, kind: str, slug: str) -> None:
    """One of the agency's pages, linked to the page of its kind in the editions that have one."""
    writer.start("url")
    writer.element("loc", _url("public:agency_page", edition=edition, slug=slug))
    for other in EDITION_CODES:
        found = page_in(language=content_language(other), kind=kind, slug=slug)
        if found is not None:
            _alternate(writer, edition=other, href=_url("public:agency_page", edition=other, slug=found.slug))
    writer.end("url")


def _page(
    writer: SitemapWriter,
    name: str,
    *,
    edition: str,
    last_modified: datetime | None = None,
    others: bool = True,
    **kwargs: object,
) -> None:
    """A page that every edition has (`others`: linked to its versions in all of them)."""
    writer.start("url")
    writer.element("loc", _url(name, edition=edition, **kwargs))
    if last_modified is not None:
        writer.element("lastmod", w3c_datetime(last_modified, site_settings().zone))
    for other in EDITION_CODES if others else ():
        _alternate(writer, edition=other, href=_url(name, edition=other, **kwargs))
    writer.end("url")


def tags_sitemap(request: HttpRequest, page: int) -> HttpResponse:
    """The edition's tags whose id falls in child `page`'s range (sitemap_queries.tag_pages)."""
    edition = get_language()
    language = content_language(edition)
    if not 1 <= page <= MAX_TAG_PAGE:
        raise Http404(_("There is no such page."))
    slugs = queries.tags_in_page(language=language, number=page, limit=sitemap_limit())
    if not slugs:
        raise Http404(_("There is no such page."))
    showing = [other for other in EDITION_CODES if content_language(other) == language]
    writer = SitemapWriter("urlset", {"xhtml": XHTML_NS})
    for slug in slugs:
        writer.start("url")
        writer.element("loc", _url("public:tag", edition=edition, slug=slug))
        for other in showing if len(showing) > 1 else ():  # a tag is a word of one language
            _alternate(writer, edition=other, href=_url("public:tag", edition=other, slug=slug))
        writer.end("url")
    return writer.response()
