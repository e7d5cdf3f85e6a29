"""The archive readers browse: `/<edition>/2026/12/` (a month's calendar) and `/<edition>/2026/`
(the year's twelve), each day with stories linking to its day page (public's `archive_day`).

They are drawn from the per-day counts the sitemap index is built from (`ArchiveDay`,
archive.py), never from the articles table: a year is at most 366 rows. That is why these
reader's pages live here, beside the counts, rather than in `public` (which may not read
this app). They are cached as every listing is and forgotten with a story's change, after
its day has been counted again (`archive_pages_forget_story`, connected in apps.py).

The counts follow visibility through the events (and the reconcile job): a scheduled story
is counted once the worker announces it, so for a few seconds its day may show unlinked.
"""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from newsdesk.content.events import Change
from newsdesk.content.models import EARLIEST_MOMENT, Article
from newsdesk.editions.editions import content_language, edition_url, editions_showing
from newsdesk.lib.formatting import full_date
from newsdesk.public import alternates
from newsdesk.public.pagecache import forget_paths
from newsdesk.public.views import listing_meta, render, sidebar, site_name
from newsdesk.siteconfig.selectors import site_settings
from newsdesk.syndication.models import ArchiveDay


@dataclass(frozen=True)
class Day:
    """A day of the calendar; `url` (its day page) and `label` only when it has stories."""

    day: date
    count: int
    url: str = ""
    label: str = ""


@dataclass(frozen=True)
class Month:
    """A month's calendar: weeks of seven cells, Monday first; None outside the month."""

    first: date
    weeks: list[list[Day | None]]
    url: str  # its month page
    stories: int

    @property
    def name(self) -> str:
        return str(MONTHS[self.first.month])


def _weekday_labels() -> list[tuple[str, str]]:
    """(short, full) names of the days, Monday first, in the active language (our own:
    Django's Kazakh ones abbreviate Tuesday as Saturday reads in Russian)."""
    return [
        (pgettext("weekday, short", "Mon"), pgettext("weekday", "Monday")),
        (pgettext("weekday, short", "Tue"), pgettext("weekday", "Tuesday")),
        (pgettext("weekday, short", "Wed"), pgettext("weekday", "Wednesday")),
        (pgettext("weekday, short", "Thu"), pgettext("weekday", "Thursday")),
        (pgettext("weekday, short", "Fri"), pgettext("weekday", "Friday")),
        (pgettext("weekday, short", "Sat"), pgettext("weekday", "Saturday")),
        (pgettext("weekday, short", "Sun"), pgettext("weekday", "Sunday")),
    ]


def _day(day: date, count: int) -> Day:
    if not count:
        return Day(day, 0)
    label = ngettext("%(date)s: %(count)s story", "%(date)s: %(count)s stories", count) % {
        "date": full_date(day),
        "count": count,
    }
    url = edition_url("public:archive_day", year=day.year, month=day.month, day=day.day)
    return Day(day, count, url, label)


def _month(year: int, month: int, counts: dict[date, int]) -> Month:
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    cells = [[_day(day, counts.get(day, 0)) if day.month == month else None for day in week] for week in weeks]
    stories = sum(n for day, n in counts.items() if (day.year, day.month) == (year, month))
    url = edition_url("syndication:archive_month", year=year, month=month)
    return Month(date(year, month, 1), cells, url, stories)


def _counts(*, language: str, start: date, end: date) -> dict[date, int]:
    """The days of [start, end) with visible stories of `language`, and how many."""
    rows = ArchiveDay.objects.filter(language=language, day__gte=start, day__lt=end, count__gt=0)
    return dict(rows.values_list("day", "count"))


def _neighbours(*, language: str, start: date, end: date) -> tuple[date | None, date | None]:
    """The nearest earlier and later days outside [start, end) with visible stories, so
    that the archive's links never walk through empty months or years."""
    days = ArchiveDay.objects.filter(language=language, count__gt=0).values_list("day", flat=True)
    return days.filter(day__lt=start).order_by("-day").first(), days.filter(day__gte=end).order_by("day").first()


def _latest_day() -> date:
    """No archive after tomorrow, wherever the reader is (as the day pages)."""
    return timezone.localdate(timezone=site_settings().zone) + timedelta(days=1)


def _checked(year: int, month: int = 1) -> date:
    if not 1 <= month <= 12 or not EARLIEST_MOMENT.year <= year <= _latest_day().year:
        raise Http404(_("There is no such date."))
    first = date(year, month, 1)
    if first > _latest_day():
        raise Http404(_("There is no such date."))
    return first


def _next_month(first: date) -> date:
    return date(first.year + first.month // 12, first.month % 12 + 1, 1)


def archive_month(request: HttpRequest, year: int, month: int) -> HttpResponse:
    first = _checked(year, month)
    following = _next_month(first)
    language = content_language()
    shown = _month(year, month, _counts(language=language, start=first, end=following))
    heading = date_format(first, "YEAR_MONTH_FORMAT")
    before, after = _neighbours(language=language, start=first, end=following)
    context = {
        "heading": heading,
        "month": shown,
        "weekdays": _weekday_labels(),
        "previous_month": before,
        "next_month": after,
        "alternates": alternates.for_listing(
            lambda e: edition_url("syndication:archive_month", edition=e, year=year, month=month)
        ),
    } | listing_meta(
        request,
        heading=heading,
        description=_("The news archive of %(site)s: %(period)s.") % {"site": site_name(), "period": heading},
        path=edition_url("syndication:archive_month", year=year, month=month),
    )
    return render(request, "public/archive_month.html", context | sidebar(language))


def archive_year(request: HttpRequest, year: int) -> HttpResponse:
    _checked(year)
    language = content_language()
    counts = _counts(language=language, start=date(year, 1, 1), end=date(year + 1, 1, 1))
    last = _latest_day()
    months = [_month(year, month, counts) for month in range(1, 13) if date(year, month, 1) <= last]
    heading = _("Archive of %(year)s") % {"year": year}
    before, after = _neighbours(language=language, start=date(year, 1, 1), end=date(year + 1, 1, 1))
    context = {
        "heading": heading,
        "year": year,
        "months": months,
        "weekdays": _weekday_labels(),
        "previous_year": before and before.year,
        "next_year": after and after.year,
        "alternates": alternates.for_listing(lambda e: edition_url("syndication:archive_year", edition=e, year=year)),
    } | listing_meta(
        request,
        heading=heading,
        description=_("The news archive of %(site)s: %(period)s.") % {"site": site_name(), "period": year},
        path=edition_url("syndication:archive_year", year=year),
    )
    return render(request, "public/archive_year.html", context | sidebar(language))


def archive_paths_showing(article: Article) -> list[str]:
    """The month and year pages that count `article`, in each edition showing it."""
    if article.published_at is None:
        return []
    day = timezone.localtime(article.published_at, site_settings().zone)
    paths = []
    for edition in editions_showing(article.language):
        paths.append(edition_url("syndication:archive_month", edition=edition, year=day.year, month=day.month))
        paths.append(edition_url("syndication:archive_year", edition=edition, year=day.year))
    return paths


def archive_pages_forget_story(*, article: Article, change: Change, **event: object) -> None:
    """`story_changed` receiver, connected after the counts': the month and year pages are
    built again from counts that include the change."""
    forget_paths(archive_paths_showing(article))
