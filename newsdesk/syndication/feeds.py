"""The RSS 2.0 and Atom 1.0 feeds of each edition, section, tag and author.

`/<edition>/rss.xml` and `/<edition>/atom.xml`, and the same under
`section/<slug>/`, `tag/<slug>/` and `author/<slug>/`: the latest FEED_ITEMS visible
stories of the edition's language, newest first (scheduled and embargoed stories are
not visible before their time, withdrawn ones not at all). The page cache keeps a feed
like any page (ETag, Last-Modified, 304) until a story it shows changes
(feed_paths.feeds_forget_story) or a scheduled one comes due.

`/<edition>/corrections/rss.xml` and `atom.xml` follow the corrections log instead: one
item per public correction, forgotten when a corrected story changes (a new correction
is announced as the story's change).
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from newsdesk.content import selectors as content_selectors
from newsdesk.content.correction_log import corrections_latest
from newsdesk.content.models import Article, Author, Section, Tag
from newsdesk.editions.editions import content_language, edition_url, hreflang, in_script
from newsdesk.lib.urls import absolute_url
from newsdesk.public.pagecache import mark_cacheable
from newsdesk.siteconfig.selectors import site_settings
from newsdesk.syndication.entries import correction_entry, entry_of, home_link
from newsdesk.syndication.feedgen import Channel, Entry, Person, build_feed
from newsdesk.syndication.selectors import feed_articles

KINDS = ("rss", "atom")


@dataclass(frozen=True)
class _Listing:
    """What a feed follows: its stories, its HTML page, its own URL, its name."""

    stories: QuerySet[Article]
    page: str  # path of the HTML page
    url_name: str  # of the RSS feed; the Atom one is the same with "atom"
    url_kwargs: dict[str, str]
    name: str | None  # the section's, tag's or author's; None for the edition's own
    description: str  # with %(site)s and %(name)s


def _feed_response(*, kind: str, listing: _Listing, must_have_items: bool = False) -> HttpResponse:
    if kind not in KINDS:
        raise Http404
    edition = get_language()
    site = site_settings()
    full_text = site.feeds_full_text
    articles = feed_articles(listing.stories, full_text=full_text, limit=settings.NEWSDESK["FEED_ITEMS"])
    if must_have_items and not articles:
        raise Http404(_("There is no such author."))
    site_name = site.name_for(edition)
    words = {"site": site_name, "name": listing.name}
    title = site_name if listing.name is None else _("%(site)s: %(name)s") % words
    url_name = listing.url_name.replace("rss", kind)
    channel = Channel(
        title=in_script(title, edition=edition),
        link=absolute_url(listing.page),
        self_url=absolute_url(edition_url(url_name, edition=edition, **listing.url_kwargs)),
        language=hreflang(edition),
        description=in_script(listing.description % words, edition=edition),
        rights=site.reprint_notice_for(edition) or None,
        publisher=Person(in_script(site_name, edition=edition), home_link(edition)),
    )
    entries = [entry_of(article, edition=edition, full_text=full_text, zone=site.zone) for article in articles]
    return _written(kind=kind, channel=channel, entries=entries)


def _written(*, kind: str, channel: Channel, entries: list[Entry]) -> HttpResponse:
    feed = build_feed(kind=kind, channel=channel, entries=entries)
    response = HttpResponse(content_type=feed.content_type)
    feed.write(response, "utf-8")  # streamed into the response as it is written
    return mark_cacheable(response)


def corrections_feed(request: HttpRequest, kind: str) -> HttpResponse:
    """The edition's corrections log as a feed: its latest FEED_ITEMS public corrections,
    newest first, each an item of its own (a story corrected twice is there twice)."""
    if kind not in KINDS:
        raise Http404
    edition = get_language()
    site = site_settings()
    site_name = site.name_for(edition)
    words = {"site": site_name}
    corrections = corrections_latest(language=content_language(edition), limit=settings.NEWSDESK["FEED_ITEMS"])
    channel = Channel(
        title=in_script(_("%(site)s: corrections") % words, edition=edition),
        link=absolute_url(edition_url("public:corrections", edition=edition)),
        self_url=absolute_url(edition_url(f"syndication:corrections_{kind}", edition=edition)),
        language=hreflang(edition),
        description=in_script(_("Every correction %(site)s has published, newest first.") % words, edition=edition),
        rights=site.reprint_notice_for(edition) or None,
        publisher=Person(in_script(site_name, edition=edition), home_link(edition)),
    )
    entries = [correction_entry(c, edition=edition, zone=site.zone) for c in corrections]
    return _written(kind=kind, channel=channel, entries=entries)


def edition_feed(request: HttpRequest, kind: str) -> HttpResponse:
    edition = get_language()
    listing = _Listing(
        stories=content_selectors.articles_visible(language=content_language(edition)),
        page=edition_url("public:home", edition=edition),
        url_name="syndication:rss",
        url_kwargs={},
        name=None,
        description=_("The latest news from %(site)s"),
    )
    return _feed_response(kind=kind, listing=listing)


def feed_redirect(request: HttpRequest) -> HttpResponse:
    """`/<edition>/feed/`, where many readers look first: the edition's RSS feed."""
    return HttpResponsePermanentRedirect(edition_url("syndication:rss", edition=get_language()))


def section_feed(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    edition = get_language()
    section = get_object_or_404(Section, slug=slug)
    listing = _Listing(
        stories=content_selectors.articles_in_section(section=section, language=content_language(edition)),
        page=section.get_absolute_url(edition),
        url_name="syndication:section_rss",
        url_kwargs={"slug": section.slug},
        name=section.name_for(edition),
        description=_("The latest news in %(name)s from %(site)s"),
    )
    return _feed_response(kind=kind, listing=listing)


def tag_feed(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    edition = get_language()
    # A tag is a word of one language: another edition's tag is no page here.
    tag = get_object_or_404(Tag, language=content_language(edition), slug=slug)
    listing = _Listing(
        stories=content_selectors.articles_with_tag(tag=tag),
        page=edition_url("public:tag", edition=edition, slug=tag.slug),
        url_name="syndication:tag_rss",
        url_kwargs={"slug": tag.slug},
        name=in_script(tag.name, edition=edition),
        description=_("The latest news tagged %(name)s from %(site)s"),
    )
    return _feed_response(kind=kind, listing=listing)


def author_feed(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    edition = get_language()
    author = get_object_or_404(Author.objects.only("id", "name", "slug"), slug=slug)
    listing = _Listing(
        stories=content_selectors.articles_by_author(author=author, language=content_language(edition)),
        page=author.get_absolute_url(edition),
        url_name="syndication:author_rss",
        url_kwargs={"slug": author.slug},
        name=in_script(author.name, edition=edition),
        description=_("The latest news by %(name)s from %(site)s"),
    )
    # Nothing of theirs in this edition's language: no feed (as no author page).
    return _feed_response(kind=kind, listing=listing, must_have_items=True)
