"""The audience in the back office: an article's views over time, and the top list.

Charts are drawn on the server as SVG: no JavaScript library, nothing from another host,
readable without scripts. The numbers come from audience.selectors.
"""

from datetime import date, datetime, timedelta

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from newsdesk.audience import selectors as audience
from newsdesk.audience.counting import counts_for
from newsdesk.content.models import Article, Language
from newsdesk.newsroom.pages import back_office_page
from newsdesk.newsroom.views import article_for_staff
from newsdesk.siteconfig.selectors import site_settings


@require_GET
def article_views_chart(request: HttpRequest, article_id: int) -> HttpResponse:
    article = article_for_staff(request, article_id)
    zone = site_settings().zone
    hours, days = audience.article_hours(article=article, zone=zone), audience.article_days(article=article, zone=zone)
    context = {
        "article": article,
        "total": counts_for({article.pk})[article.pk],
        "hours": hours,
        "days": days,
        # Built from numbers and escaped labels only (bar_chart_svg).
        "hours_svg": mark_safe(bar_chart_svg(hours, title=_("Views per hour, first two days"))),  # noqa: S308
        "days_svg": mark_safe(bar_chart_svg(days, title=_("Views per day after that"))),  # noqa: S308
        "title": _("Views of “%(title)s”") % {"title": article.title},
        "opts": Article._meta,
    }
    return back_office_page(request, "newsroom/article_views.html", context)


@require_GET
def top_list(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("content.view_article"):
        raise PermissionDenied
    today = timezone.localdate(timezone=site_settings().zone)
    default_start, default_end = default_period(today)
    start = parse_day(request.GET.get("start")) or default_start
    end = parse_day(request.GET.get("end")) or default_end
    if end < start:
        start, end = end, start
    language = request.GET.get("language", "")
    if language not in Language.values:  # articles' languages: the Latin edition has none of its own
        language = ""
    context = {
        "entries": audience.top_articles(start=start, end=end, language=language or None),
        "start": start,
        "end": end,
        "language": language,
        "languages": Language.choices,
        "title": _("Most viewed stories"),
        "opts": Article._meta,
    }
    return back_office_page(request, "newsroom/top_list.html", context)


def bar_chart_svg(bars: list[audience.Bar], *, title: str, height: int = 160) -> str:
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


def default_period(today: date) -> tuple[date, date]:
    return today - timedelta(days=6), today


def parse_day(value: str | None) -> date | None:
    try:
        return datetime.strptime(value or "", "%Y-%m-%d").date()
    except ValueError:
        return None
