"""Search answers kept briefly, and readers' searches counted.

A results page is kept SEARCH["CACHE_SECONDS"] under its edition, query and options,
with the index's generation: any story's change (content.events) moves the generation
on, so a correction or a withdrawal shows in the next search, not a minute later. At most
SEARCH["CACHE_STORES"] new answers are kept a minute, however many unique queries come:
past that they are answered and not kept. Each reader (address) gets SEARCH["PER_MINUTE"]
searches a minute; the rest are refused with 429 until the minute is over.

On the embedded default the cache is each process's own memory: the limits hold per
process. With Redis every app server shares them.
"""

import hashlib
import time
from typing import Any

from django.conf import settings
from django.core.cache import cache

GENERATION_KEY = "search:generation:v1"
_PREFIX = "search:page:v1:"


def _minute() -> int:
    return int(time.time() // 60)


def _counted(key: str) -> int:
    """One more in this minute's count under `key`."""
    cache.add(key, 0, 120)
    try:
        return cache.incr(key)
    except ValueError:  # expired between the two calls
        cache.add(key, 1, 120)
        return 1


def results_key(*parts: object) -> str:
    digest = hashlib.sha256(repr(parts).encode("utf-8", "surrogatepass"), usedforsecurity=False).hexdigest()
    return _PREFIX + digest


def cached_page(key: str) -> tuple[int, bytes | None]:
    """The index's generation, and the page stored under `key` for it, if any."""
    found = cache.get_many([GENERATION_KEY, key])
    generation = found.get(GENERATION_KEY, 0)
    stored = found.get(key)
    if stored is not None and stored[0] == generation:
        return generation, stored[1]
    return generation, None


def page_keep(key: str, *, generation: int, content: bytes) -> bool:
    """Keep `content` unless this minute's share of new answers is used up."""
    if _counted(f"search:stores:{_minute()}") > settings.SEARCH["CACHE_STORES"]:
        return False
    cache.set(key, (generation, content), settings.SEARCH["CACHE_SECONDS"])
    return True


def reader_allowed(address: str) -> tuple[bool, int]:
    """Whether the reader at `address` may search now, and else in how many seconds."""
    digest = hashlib.sha256(address.encode(), usedforsecurity=False).hexdigest()[:24]
    if _counted(f"search:reader:{digest}:{_minute()}") <= settings.SEARCH["PER_MINUTE"]:
        return True, 0
    return False, 60 - int(time.time() % 60)


def results_forget(**kwargs: Any) -> None:
    """Receives every story change (SearchConfig.ready): the stored answers are all old."""
    if cache.add(GENERATION_KEY, 1, None):
        return
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 1, None)
