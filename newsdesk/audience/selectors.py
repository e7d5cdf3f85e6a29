"""Reads of view counts: the number each teaser shows and the Most viewed rankings."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import pgettext_lazy

from newsdesk.audience.counting import counts_for
from newsdesk.audience.models import ViewDay, ViewHour
from newsdesk.audience.services import FIRST_HOURS_KEPT, hour_of
from newsdesk.content.models import Article
from newsdesk.content.visibility import visible_condition


def attach_counts(articles: Iterable) -> None:
    """Set `.views` on every article of a page from one read of the counts.

    The same article may appear in the feed, in relevant news and in three rankings;
    one read makes the number the same everywhere on the page.
    """
    articles = list(articles)
    counts = counts_for({article.pk for article in articles})
    for article in articles:
        article.views = counts.get(article.pk, 0)


@dataclass(frozen=True)
class RankingWindow:
    key: str
    hours: int
    label: object


# The tabs of Most viewed, in their own context: news sites say "in the last 24 hours"
# where a calendar says "day".
RANKING_WINDOWS = (
    RankingWindow("day", 24, pgettext_lazy("most viewed", "Day")),
    RankingWindow("week", 24 * 7, pgettext_lazy("most viewed", "Week")),
    RankingWindow("month", 24 * 30, pgettext_lazy("most viewed", "Month")),
)


def window_start(*, now: datetime, hours: int) -> datetime:
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
            hour__gte=window_start(now=now, hours=hours),
            hour__lte=now,
            article__language=language,
        )
        .values("article_id")
        .annotate(window_views=Sum("views"))
        .order_by("-window_views", "-article_id")[:limit]
    )
    return [row["article_id"] for row in rows]


# The back office's charts and top list (newsroom/audience_views.py draws them).


@dataclass(frozen=True)
class Bar:
    label: str
    views: int


def article_hours(*, article: Article, zone: ZoneInfo) -> list[Bar]:
    """Views per hour in the article's first two days, empty hours included."""
    if article.published_at is None:
        return []
    start = hour_of(article.published_at)
    end = min(start + FIRST_HOURS_KEPT, hour_of(timezone.now()) + timedelta(hours=1))
    counts = dict(ViewHour.objects.filter(article=article, hour__gte=start, hour__lt=end).values_list("hour", "views"))
    bars, hour = [], start
    while hour < end:
        bars.append(Bar(timezone.localtime(hour, zone).strftime("%d.%m %H:00"), counts.get(hour, 0)))
        hour += timedelta(hours=1)
    return bars


def article_days(*, article: Article, zone: ZoneInfo) -> list[Bar]:
    """Views per day (the agency's days), from the first whole day after the first 48 hours."""
    if article.published_at is None:
        return []
    first = (timezone.localtime(article.published_at, zone) + FIRST_HOURS_KEPT).date() + timedelta(days=1)
    rows = dict(ViewDay.objects.filter(article=article, day__gte=first).values_list("day", "views"))
    if not rows:
        return []
    last = max(rows)
    bars, day = [], first
    while day <= last:
        bars.append(Bar(day.strftime("%d.%m.%Y"), rows.get(day, 0)))
        day += timedelta(days=1)
    return bars


@dataclass(frozen=True)
class TopEntry:
    article: Article
    views: int


def top_articles(*, start: date, end: date, language: str | None = None, limit: int = 50) -> list[TopEntry]:
    """The most viewed articles over the agency's days from `start` to `end` inclusive."""
    rows = ViewDay.objects.filter(day__gte=start, day__lte=end)
    if language:
        rows = rows.filter(article__language=language)
    totals = list(rows.values("article_id").annotate(views=Sum("views")).order_by("-views", "-article_id")[:limit])
    articles = Article.objects.defer("body").in_bulk([row["article_id"] for row in totals])
    return [TopEntry(articles[row["article_id"]], row["views"]) for row in totals if row["article_id"] in articles]
