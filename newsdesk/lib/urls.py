"""Absolute URLs of this site (URLs that carry an edition are built in editions.editions)."""

from django.conf import settings


def absolute_url(path: str) -> str:
    """`path` on this site, as readers reach it (settings.SITE_URL)."""
    return settings.SITE_URL + path
