"""The frame every reader's page shares (the brand and search form, the sections' menu,
the footer), rendered once per edition and kept in the process.

As with teasers (fragments.py), the key holds everything a piece shows: the edition, the
site's settings (their values' digest), the Latin spellings' version, the menu's sections
and which of them is the page's own, the footer's pages; whatever changes what a piece
shows changes its key, so nothing needs clearing, and old entries make room when the memo
is full (lib/memo.py). What differs page by page (the editions' links, the banner, the
sidebar) is rendered with the page.
"""

import hashlib
from collections.abc import Callable, Sequence

from django.utils import translation
from markupsafe import Markup

from newsdesk.content.models import Section
from newsdesk.editions.definition import LATIN
from newsdesk.editions.editions import corrections_version
from newsdesk.lib.memo import BoundedMemo
from newsdesk.public.fragments import template_macro
from newsdesk.public.previews import Feed
from newsdesk.siteconfig.models import SiteSettings
from newsdesk.siteconfig.pages import PageLink

_kept: BoundedMemo[tuple, str] = BoundedMemo(capacity=512)


def settings_stamp(site: SiteSettings) -> str:
    """A digest of the settings' values, worked out from the values each time (a copy
    kept on the instance would travel with the shared cache's pickled copy)."""
    values = [(field.attname, getattr(site, field.attname)) for field in site._meta.concrete_fields]
    return hashlib.sha1(repr(values).encode(), usedforsecurity=False).hexdigest()


def _macro(name: str) -> Callable:
    return template_macro("public/frame.html", name)


def _kept_or_rendered(key: tuple, render: Callable[[], str]) -> Markup:
    edition = translation.get_language()
    full_key = (*key, edition, corrections_version() if edition == LATIN else None)
    html = _kept.get(full_key)
    if html is None:
        html = str(render())
        _kept.put(full_key, html)
    return Markup(html)  # noqa: S704 (our own rendered HTML)


def brand_html(site: SiteSettings, *, search_landmark: bool) -> Markup:
    """The agency's name or logo and the search form (a search landmark but on the search page)."""
    key = ("brand", settings_stamp(site), search_landmark)
    return _kept_or_rendered(key, lambda: _macro("brand")(site, search_landmark))


def sections_html(sections: Sequence[Section], *, current: str) -> Markup:
    """The menu; `current` is "home", "most_viewed", "section:<id>" or ""."""
    edition = translation.get_language()
    shown = tuple((section.pk, section.slug, section.name_for(edition)) for section in sections)
    return _kept_or_rendered(("sections", shown, current), lambda: _macro("sections_nav")(sections, current))


def footer_html(
    site: SiteSettings, footer_pages: Sequence[PageLink], edition_feeds: Sequence[Feed], sitemap_url: str
) -> Markup:
    key = ("footer", settings_stamp(site), tuple(footer_pages), tuple(edition_feeds), sitemap_url)
    return _kept_or_rendered(key, lambda: _macro("footer")(site, footer_pages, edition_feeds, sitemap_url))
