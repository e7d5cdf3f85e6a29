"""Most viewed: computed every minute by the worker into `Ranking`; pages only read it.

A page reads a handful of ids from the cache (or, on a miss, a few rows of
`Ranking`), never the view buckets. If the worker has not run for a while, the page
computes the rankings itself (once a minute per process, through the cache), so the
site stays right without the worker; the worker makes it cheap.
"""

import copy
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from newsdesk.audience.models import Ranking
from newsdesk.audience.selectors import RANKING_WINDOWS, ranking_ids
from newsdesk.content.models import Article, Language
from newsdesk.content.selectors import ArticleLink, teasers_by_ids
from newsdesk.lib.memo import KeyedProcessMemo

CACHE_SECONDS = 60
# Each process keeps its copy this long: every page's sidebar reads it.
PROCESS_SECONDS = 5
_kept: KeyedProcessMemo[str, dict[str, list[ArticleLink]]] = KeyedProcessMemo(capacity=8)
# The Most viewed page lists this many a window; the sidebar shows the first
# NEWSDESK["MOST_VIEWED_SIZE"] of the same lists.
PAGE_SIZE = 20
# Older than this, a stored ranking is not trusted: the worker is not running.
STALE_AFTER = timedelta(minutes=5)


def kept_size() -> int:
    """How many stories a window's ranking keeps: enough for the page and the sidebar."""
    return max(PAGE_SIZE, settings.NEWSDESK["MOST_VIEWED_SIZE"])


def _cache_key(language: str) -> str:
    return f"audience:rankings:v4:{language}"


def rankings_compute(*, now: datetime | None = None) -> int:
    """Recompute every language's rankings and replace the stored ones in one transaction.

    Per articles' language: the Latin edition shows the Kazakh rankings.
    """
    now = now or timezone.now()
    limit = kept_size()
    rows = [
        Ranking(language=language, window=window.key, position=position, article_id=article_id, computed_at=now)
        for language in Language.values
        for window in RANKING_WINDOWS
        for position, article_id in enumerate(
            ranking_ids(language=language, hours=window.hours, limit=limit, now=now), start=1
        )
    ]
    with transaction.atomic():
        Ranking.objects.all().delete()
        Ranking.objects.bulk_create(rows)
    for language in Language.values:
        rankings_forget(language=language)
    return len(rows)


def rankings_read(*, language: str) -> dict[str, list[ArticleLink]]:
    """{"day": [...], "week": [...], "month": [...]} for an edition, as cheaply as possible:
    each entry the caller's own (a page sets its count on it)."""
    return {window: [copy.copy(link) for link in links] for window, links in _rankings(language).items()}


def _rankings(language: str) -> dict[str, list[ArticleLink]]:
    """The process keeps an edition's rankings PROCESS_SECONDS; the shared cache holds the
    entries with their titles, so a page reads one cache key and, separately, the counts.
    Publishing changes (a withdrawal, a corrected title) drop both. Shared between the
    process's requests: never handed out uncopied."""
    ranked = _kept.get(language)
    if ranked is None:
        ranked = _rankings_shared(language)
        _kept.put(language, ranked, PROCESS_SECONDS)
    return ranked


def _rankings_shared(language: str) -> dict[str, list[ArticleLink]]:
    key = _cache_key(language)
    ranked = cache.get(key)
    if ranked is not None:
        return ranked
    now = timezone.now()
    stored = list(
        Ranking.objects.filter(language=language)
        .order_by("window", "position")
        .values_list("window", "article_id", "computed_at")
    )
    if stored and now - stored[0][2] < STALE_AFTER:
        ids: dict[str, list[int]] = {window.key: [] for window in RANKING_WINDOWS}
        for window, article_id, _computed_at in stored:
            ids.setdefault(window, []).append(article_id)
    else:
        limit = kept_size()
        ids = {w.key: ranking_ids(language=language, hours=w.hours, limit=limit, now=now) for w in RANKING_WINDOWS}
    articles = teasers_by_ids({article_id for window_ids in ids.values() for article_id in window_ids})
    ranked = {
        window: [
            ArticleLink(a.id, a.language, a.title, a.slug, a.published_at)
            for a in (articles.get(article_id) for article_id in window_ids)
            if a is not None
        ]
        for window, window_ids in ids.items()
    }
    cache.set(key, ranked, CACHE_SECONDS)
    return ranked


def rankings_forget(*, language: str) -> None:
    """Drop an edition's cached rankings (a story was withdrawn or retitled): at once in
    this process, in the others within PROCESS_SECONDS."""
    cache.delete(_cache_key(language))
    _kept.forget([language])


def rankings_forget_story(*, article: Article, **event: object) -> None:
    """A story changed (content.events): its edition's rankings are read afresh."""
    rankings_forget(language=article.language)


def most_viewed(*, language: str, limit: int) -> dict[str, list]:
    """The day, week and month rankings of an edition (ArticleLink lists)."""
    return {window: [copy.copy(link) for link in ranked[:limit]] for window, ranked in _rankings(language).items()}
