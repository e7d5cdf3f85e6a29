"""Reads of view counts: the number each teaser shows and the Most viewed rankings."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.cache import cache
from django.db.models import IntegerField, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsdesk.audience.models import ViewHour, ViewTotal


def with_views(qs: QuerySet) -> QuerySet:
    """Annotate articles with `views`, their lifetime count, in the same query."""
    return qs.annotate(views=Coalesce("view_total__views", Value(0), output_field=IntegerField()))


def views_of(article_id: int) -> int:
    return ViewTotal.objects.filter(article_id=article_id).values_list("views", flat=True).first() or 0


@dataclass(frozen=True)
class RankingWindow:
    key: str
    hours: int
    label: object


RANKING_WINDOWS = (
    RankingWindow("day", 24, _("Day")),
    RankingWindow("week", 24 * 7, _("Week")),
    RankingWindow("month", 24 * 30, _("Month")),
)


def window_start(now: datetime, hours: int) -> datetime:
    """The first hourly bucket inside a window of `hours` that ends with the current hour."""
    current_hour = now.replace(minute=0, second=0, microsecond=0)
    return current_hour - timedelta(hours=hours - 1)


def ranking_ids(*, language: str, hours: int, limit: int, now: datetime | None = None) -> list[int]:
    """Ids of the visible articles of an edition with the most views received in the window.

    Ranked by views inside the window, not by lifetime views, so a week's list holds
    the week's most read stories rather than its oldest ones.
    """
    from newsdesk.content.models import Article

    now = now or timezone.now()
    rows = (
        ViewHour.objects.filter(
            hour__gte=window_start(now, hours),
            hour__lte=now,
            article__language=language,
            article__status=Article.Status.PUBLISHED,
            article__published_at__lte=now,
        )
        .values("article_id")
        .annotate(window_views=Sum("views"))
        .order_by("-window_views", "-article_id")[:limit]
    )
    return [row["article_id"] for row in rows]


RANKINGS_CACHE_SECONDS = 60


def most_viewed(*, language: str, limit: int) -> dict[str, list]:
    """The day, week and month rankings of an edition, as lists of teaser articles.

    Cached for a minute: the rankings move slowly and every page shows them.
    """
    from newsdesk.content.selectors import teasers_by_ids

    key = f"audience:most-viewed:{language}:{limit}"
    ids_by_window = cache.get(key)
    if ids_by_window is None:
        ids_by_window = {
            window.key: ranking_ids(language=language, hours=window.hours, limit=limit) for window in RANKING_WINDOWS
        }
        cache.set(key, ids_by_window, RANKINGS_CACHE_SECONDS)
    all_ids = {article_id for ids in ids_by_window.values() for article_id in ids}
    by_id = teasers_by_ids(all_ids)
    return {
        window: [by_id[article_id] for article_id in ids if article_id in by_id]
        for window, ids in ids_by_window.items()
    }
