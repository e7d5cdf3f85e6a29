"""Which paths are pages of the reader's site: read by the page cache and the replica router
before any app's models are needed."""

import re

from newsdesk.editions.definition import EDITION_CODES

EDITION_PREFIX = re.compile("^/(?:" + "|".join(re.escape(code) for code in EDITION_CODES) + ")/")
# Readers' (and crawlers') pages outside the editions: cached and read like the others.
ROOT_PAGES = frozenset({"/sitemap.xml"})
_NOT_PAGES = re.compile(r"/(?:views/|seen\.gif)$")


def may_be_public_page(path: str) -> bool:
    """A cheap first look, before the path is decoded: static files, the back office: no."""
    return bool(EDITION_PREFIX.match(path)) or path in ROOT_PAGES


def is_public_page(path: str) -> bool:
    """A page of the reader's site (not the back office, not a counting beacon)."""
    return path in ROOT_PAGES or (bool(EDITION_PREFIX.match(path)) and not _NOT_PAGES.search(path))
