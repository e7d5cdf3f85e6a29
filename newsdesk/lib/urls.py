"""`reverse()`, remembered.

A public page links to its sections, editions and days a few dozen times, and Django's
`reverse()` costs tens of microseconds each: about a tenth of an uncached page. A URL
depends only on the URLconf (fixed while the process runs), the edition (the active
language) and the script prefix, so the answers are kept, a bounded number of them.
"""

from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, reverse
from django.utils import translation


@lru_cache(maxsize=8192)
def _reversed(name: str, language: str | None, prefix: str, args: tuple, kwargs: tuple) -> str:
    with translation.override(language):
        return reverse(name, args=args or None, kwargs=dict(kwargs) or None)


def cached_reverse(name: str, *args, language: str | None = None, **kwargs) -> str:
    """The URL of `name` in `language`'s edition, or the active one's when None."""
    active = language if language is not None else translation.get_language()
    return _reversed(name, active, get_script_prefix(), args, tuple(sorted(kwargs.items())))


def absolute_url(path: str) -> str:
    """`path` on this site, as readers reach it (settings.SITE_URL)."""
    return settings.SITE_URL + path
