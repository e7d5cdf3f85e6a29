"""Absolute URLs of this site (URLs that carry an edition are built in editions.editions)."""

import re

from django.conf import settings

# Paths on this site in a sanitised body (attributes are always double-quoted there).
_SITE_PATH = re.compile(r'(\s(?:src|href)=")/(?!/)')


def absolute_url(path: str) -> str:
    """`path` on this site, as readers reach it (settings.SITE_URL)."""
    return settings.SITE_URL + path


def absolute_links(html: str) -> str:
    """A sanitised body whose links and images to this site's paths are made absolute,
    for copies of it read elsewhere (feeds, partners)."""
    return _SITE_PATH.sub(lambda m: m.group(1) + absolute_url("/"), html)
