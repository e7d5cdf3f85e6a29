"""Reads of view counts: the number each teaser shows and the Most viewed rankings."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsdesk.audience.models import ViewHour
from newsdesk.content.visibility import visible_condition


def attach_counts(articles: Iterable) -> None:
    """Set `.views` on every article of a page from one read of the counts.

    The same article may appear in the feed, in relevant news and in three rankings;
    one read makes the number the same everywhere on the page.
    """
    from newsdesk.audience.counting import counts_for

    articles = list(articles)
    counts = counts_for({article.pk for article in articles})
    for article in articles:
        article.views = counts.get(article.pk, 0)


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
    """Ids of the visible articles of a language with the most views received in the window.

    Ranked by views inside the window, not by lifetime views, so a week's list holds
    the week's most read stories rather than its oldest ones.
    """
    now = now or timezone.now()
    rows = (
        ViewHour.objects.filter(
            visible_condition(now=now, prefix="article__"),
            hour__gte=window_start(now, hours),
            hour__lte=now,
            article__language=language,
        )
        .values("article_id")
        .annotate(window_views=Sum("views"))
        .order_by("-window_views", "-article_id")[:limit]
    )
    return [row["article_id"] for row in rows]


def most_viewed(*, language: str, limit: int) -> dict[str, list]:
    """The day, week and month rankings of an edition (ArticleLink lists)."""
    from newsdesk.audience.rankings import rankings_read

    return {window: ranked[:limit] for window, ranked in rankings_read(language=language).items()}
