"""The audience in the back office: an article's views over time, and the top list."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from newsdesk.audience import charts
from newsdesk.audience.counting import counts_for
from newsdesk.content.models import Article, Language
from newsdesk.siteconfig.selectors import site_settings


@require_GET
def article_views_chart(request: HttpRequest, article_id: int) -> HttpResponse:
    from newsdesk.newsroom.views import article_for_staff

    article = article_for_staff(request, article_id)
    zone = site_settings().zone
    hours, days = charts.article_hours(article, zone), charts.article_days(article, zone)
    context = {
        "article": article,
        "total": counts_for({article.pk})[article.pk],
        "hours": hours,
        "days": days,
        # Built from numbers and escaped labels only (charts.bar_chart_svg).
        "hours_svg": mark_safe(charts.bar_chart_svg(hours, title=_("Views per hour, first two days"))),  # noqa: S308
        "days_svg": mark_safe(charts.bar_chart_svg(days, title=_("Views per day after that"))),  # noqa: S308
        "title": _("Views of “%(title)s”") % {"title": article.title},
        "opts": Article._meta,
    }
    return render(request, "audience/article_views.html", context)


@require_GET
def top_list(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("content.view_article"):
        raise PermissionDenied
    today = timezone.localdate(timezone=site_settings().zone)
    default_start, default_end = charts.default_period(today)
    start = charts.parse_day(request.GET.get("start")) or default_start
    end = charts.parse_day(request.GET.get("end")) or default_end
    if end < start:
        start, end = end, start
    language = request.GET.get("language", "")
    if language not in Language.values:  # articles' languages: the Latin edition has none of its own
        language = ""
    context = {
        "entries": charts.top_articles(start=start, end=end, language=language or None),
        "start": start,
        "end": end,
        "language": language,
        "languages": Language.choices,
        "title": _("Most viewed stories"),
        "opts": Article._meta,
    }
    return render(request, "audience/top_list.html", context)
