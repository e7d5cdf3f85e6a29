"""What editors see of the audience: one article's views over time, and the top stories.

Charts are drawn on the server as SVG: no JavaScript library, nothing from another
host, readable without scripts.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Sum
from django.utils import timezone
from django.utils.html import escape

from newsdesk.audience.models import ViewDay, ViewHour
from newsdesk.audience.services import FIRST_HOURS_KEPT, hour_of
from newsdesk.content.models import Article


@dataclass(frozen=True)
class Bar:
    label: str
    views: int


def article_hours(article: Article, zone: ZoneInfo) -> list[Bar]:
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


def article_days(article: Article, zone: ZoneInfo) -> list[Bar]:
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


def bar_chart_svg(bars: list[Bar], *, title: str, height: int = 160) -> str:
    """A plain bar chart; each bar has a <title> with its label and count for hover and screen readers."""
    if not bars:
        return ""
    width_per_bar = max(4, min(24, 720 // len(bars)))
    width = width_per_bar * len(bars)
    peak = max(bar.views for bar in bars) or 1
    parts = [
        f'<svg class="views-chart" role="img" aria-label="{escape(title)}" viewBox="0 0 {width} {height + 20}" '
        f'width="{width}" height="{height + 20}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    for index, bar in enumerate(bars):
        bar_height = round(height * bar.views / peak)
        x = index * width_per_bar
        parts.append(
            f'<rect x="{x}" y="{height - bar_height}" width="{width_per_bar - 1}" height="{bar_height}" fill="#3a78b5">'
            f"<title>{escape(bar.label)}: {bar.views}</title></rect>"
        )
    label = f'<text y="{height + 15}" font-size="11" fill="#555"'
    parts.append(f'{label} x="0">{escape(bars[0].label)}</text>')
    parts.append(f'{label} x="{width}" text-anchor="end">{escape(bars[-1].label)}</text>')
    parts.append("</svg>")
    return "".join(parts)


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


def default_period(today: date) -> tuple[date, date]:
    return today - timedelta(days=6), today


def parse_day(value: str | None) -> date | None:
    try:
        return datetime.strptime(value or "", "%Y-%m-%d").date()
    except ValueError:
        return None
