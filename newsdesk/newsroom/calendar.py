"""The calendar: scheduled stories and embargoes by day and hour, a week at a time, in
the agency's time zone; only the stories the viewer may open (rules.viewable_condition)."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from django.db.models import Q

from newsdesk.content.models import Article
from newsdesk.content.visibility import visible_condition, visible_from
from newsdesk.newsroom import rules

if TYPE_CHECKING:
    from django.contrib.auth.models import User

LIMIT = 500  # entries in a week at most
YEARS = range(1900, 3000)  # the weeks one may ask for (the calendar adds and takes weeks)


@dataclass(frozen=True)
class Entry:
    at: datetime  # local
    article: Article
    embargo: bool  # the moment is an embargo's end, not a publication time


def week_of(value: str | None, *, day: str | None, today: date) -> date:
    """The Monday of the week asked for: "2026-W49" or a day "2026-12-03"; else this week."""
    chosen = today
    try:
        if value:
            year, week = value.split("-W")
            chosen = date.fromisocalendar(int(year), int(week), 1)
        elif day:
            chosen = date.fromisoformat(day)
    except ValueError:
        chosen = today
    if chosen.year not in YEARS:
        chosen = today
    return chosen - timedelta(days=chosen.weekday())


def week_entries(*, user: "User", monday: date, zone: ZoneInfo, now: datetime) -> list[Entry]:
    """Stories coming on the site in the week (scheduled, or held by an embargo), and
    embargoes ending in it, that `user` may see, in time order."""
    start = datetime.combine(monday, time(0), tzinfo=zone)
    end = start + timedelta(days=7)
    in_week = Q(published_at__gte=start, published_at__lt=end) | Q(embargo_until__gte=start, embargo_until__lt=end)
    coming = Q(status=Article.Status.PUBLISHED) & ~visible_condition(now=now)
    embargoed = Q(embargo_until__isnull=False) & ~Q(status=Article.Status.WITHDRAWN)
    stories = (
        Article.objects.filter(rules.viewable_condition(user=user, now=now))
        .filter(in_week, coming | embargoed)
        .select_related("section")
        .defer("body", "lead")
        .order_by("published_at", "id")[:LIMIT]
    )
    entries = []
    for article in stories:
        # A published story's moment is when readers see it; a story not published yet
        # has only its embargo's end.
        moment = visible_from(
            status=article.status, published_at=article.published_at, embargo_until=article.embargo_until
        )
        moment = moment or article.embargo_until
        if moment is not None and start <= moment < end:
            held = article.embargo_until is not None and article.embargo_until == moment
            entries.append(Entry(moment.astimezone(zone), article, embargo=held))
    return sorted(entries, key=lambda e: (e.at, e.article.pk))


def week_grid(entries: list[Entry], monday: date) -> list[tuple[int, list[list[Entry]]]]:
    """Rows of hours (only those with an entry, and working hours 8–20), a column per day."""
    hours = sorted({e.at.hour for e in entries} | set(range(8, 21)))
    cells: dict[tuple[int, int], list[Entry]] = {}
    for entry in entries:
        cells.setdefault(((entry.at.date() - monday).days, entry.at.hour), []).append(entry)
    return [(hour, [cells.get((day, hour), []) for day in range(7)]) for hour in hours]
